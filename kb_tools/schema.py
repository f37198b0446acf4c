"""The answer contract, declared in one place.

Every rule about front matter keys reads this table; the editors' guide
lists it too.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: str  # text, date, key, list, mapping, handoff (checked by KB112, see kb_tools/partners.py)
    required: bool
    doc: str
    example: str


FIELDS: dict[str, FieldSpec] = {
    f.name: f
    for f in (
        FieldSpec("title", "text", True, "Titre de la réponse, unique dans la base.", '"Obtenir un acte de naissance"'),
        FieldSpec("service", "key", True, "Clé d'un service déclaré dans kb.yml.", "etat-civil"),
        FieldSpec("tags", "list", True, "Au moins une étiquette déclarée dans kb.yml.", "[acte, naissance]"),
        FieldSpec("valid_until", "date", True, "Date après laquelle la réponse doit être revérifiée.", "2027-06-30"),
        FieldSpec(
            "owner",
            "text",
            False,
            "Qui répond du contenu ; par défaut le responsable du service.",
            '"@exempleville/etat-civil"',
        ),
        FieldSpec("reviewed", "date", False, "Date de la dernière vérification.", "2026-11-16"),
        FieldSpec(
            "aliases",
            "list",
            False,
            "Autres façons de poser la question (utilisées par la recherche).",
            '["extrait de naissance", "papier de naissance"]',
        ),
        FieldSpec(
            "sources",
            "list",
            False,
            "Adresses web ou identifiants de fiches Service-Public.fr.",
            "[F1427, https://www.service-public.fr/…]",
        ),
        FieldSpec("related", "list", False, "Identifiants d'autres réponses liées.", "[livret-de-famille]"),
        FieldSpec("audience", "text", False, "Public concerné.", "particuliers"),
        FieldSpec(
            "status", "text", False, "draft (brouillon, non publié), published (par défaut) ou archived.", "published"
        ),
        FieldSpec(
            "description",
            "text",
            False,
            "Résumé d'une phrase (affiché dans les listes et la recherche).",
            '"Où et comment demander…"',
        ),
        FieldSpec(
            "level2",
            "handoff",
            False,
            "Niveau 2 : le partenaire France Services qui prend le relais (clé de partners dans kb.yml) "
            "et, en option, quand le lui passer (une condition courte).",
            '{partner: caf, when: "dossier bloqué après un premier contact"}',
        ),
        FieldSpec(
            "origin",
            "mapping",
            False,
            "Réservé aux réponses importées (Service-Public.fr, export d'une autre base) : ne pas écrire à la main.",
            "{source: service-public, id: F1427}",
        ),
    )
}

REQUIRED = tuple(name for name, spec in FIELDS.items() if spec.required)
STATUSES = ("draft", "published", "archived")
LIST_FIELDS = tuple(name for name, spec in FIELDS.items() if spec.kind == "list")
DATE_FIELDS = tuple(name for name, spec in FIELDS.items() if spec.kind == "date")
TEXT_FIELDS = tuple(name for name, spec in FIELDS.items() if spec.kind in ("text", "key"))
