"""The contracts of the knowledge base, declared in one place: the front
matter of an answer (:data:`FIELDS`) and ``kb.yml`` (:data:`CONFIG`).

Every rule about front matter keys reads :data:`FIELDS`; the reader of
kb.yml (:mod:`kb_tools.config`) takes its sections and keys from
:data:`CONFIG` (unknown keys, required ones, suggestions), and so do the
``kb import`` settings, CODEOWNERS (``site.maintainers``) and the generated
reference page of the editors' guide (« Référence de kb.yml »). A key added
here is documented and accepted everywhere at once.
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


# -- kb.yml -------------------------------------------------------------------


@dataclass(frozen=True)
class ConfigKey:
    """One key of a section of kb.yml (or of each entry of a table section)."""

    name: str
    kind: str  # text, address (http/https), branch, days, list, mapping, date, percent, yes-no
    doc: str
    example: str = ""
    required: bool = False
    keys: tuple[ConfigKey, ...] = ()  # a nested table with its own keys (import.service_public)


@dataclass(frozen=True)
class ConfigSection:
    """One top-level section of kb.yml.

    ``keys``: the section's own keys. ``entry_keys``: the section is a table of
    entries named by the editor (a service, a tag…), each with these keys.
    Neither: free keys (``local``, ``glossary``)."""

    name: str
    doc: str
    example: str
    required: bool = False
    keys: tuple[ConfigKey, ...] = ()
    entry_keys: tuple[ConfigKey, ...] = ()
    entry: str = ""  # what one entry is, for messages: "le service", "l'étiquette"

    @property
    def key_names(self) -> tuple[str, ...]:
        return tuple(k.name for k in self.keys)

    @property
    def entry_key_names(self) -> tuple[str, ...]:
        return tuple(k.name for k in self.entry_keys)

    def key(self, name: str) -> ConfigKey:
        return next(k for k in self.keys if k.name == name)


_SERVICE_PUBLIC = ConfigKey(
    "service_public",
    "mapping",
    "Réglages de `kb import service-public` (fiches nationales « Vos droits et démarches »).",
    keys=(
        ConfigKey("folder", "text", "Dossier des fiches importées, sous docs/.", "reponses/service-public"),
        ConfigKey(
            "audiences", "list", "Publics importés : particuliers, professionnels, associations.", "[particuliers]"
        ),
        ConfigKey("themes", "list", "Thèmes importés (identifiants N…) ; vide : tous.", "[N19810]"),
        ConfigKey("fiches", "list", "Fiches toujours importées (identifiants F…, N…, R…).", "[F1427]"),
        ConfigKey("only_fiches", "yes-no", "N'importer que les fiches F… (pas les pages de thème).", "true"),
        ConfigKey("validity_days", "days", "Validité donnée aux fiches importées, en jours.", "365"),
        ConfigKey("default_service", "text", "Service des fiches qu'aucun thème ne range.", "national"),
        ConfigKey("default_tag", "text", "Étiquette des fiches qu'aucun thème n'étiquette.", "fiche-nationale"),
        ConfigKey("service_map", "mapping", "Thème (N…) -> service de la base.", "{N19810: etat-civil}"),
        ConfigKey("tag_map", "mapping", "Thème (N…) -> étiquettes de la base.", "{N19810: [acte]}"),
    ),
)

CONFIG: dict[str, ConfigSection] = {
    s.name: s
    for s in (
        ConfigSection(
            "site",
            "Nom de la base, projet GitLab (liens « Proposer une modification » et « Signaler une erreur »), "
            "validité proposée par `kb new`, groupe des administrateurs.",
            'repo_url: "https://gitlab.example.org/…"',
            keys=(
                ConfigKey(
                    "name", "text", "Nom de la base, en tête de chaque page.", '"Base de connaissances de l\'accueil"'
                ),
                ConfigKey(
                    "repo_url",
                    "address",
                    "Projet GitLab où l'on propose les modifications.",
                    '"https://gitlab.example.org/ville/base"',
                ),
                ConfigKey("edit_branch", "branch", "Branche où les rédacteurs proposent leurs modifications.", "main"),
                ConfigKey(
                    "maintainers",
                    "text",
                    "Groupe GitLab qui administre kb.yml et l'outillage (CODEOWNERS).",
                    '"@exempleville/dsi"',
                ),
                ConfigKey("default_validity_days", "days", "Validité proposée par `kb new`, en jours.", "180"),
            ),
        ),
        ConfigSection(
            "local",
            "Les informations propres à la commune (adresses, horaires, téléphones, sites web), "
            "citées dans les réponses par des repères `{{ … }}`.",
            'mairie: {telephone: "01 99 00 10 00"}',
        ),
        ConfigSection(
            "places",
            "Les lieux où travaillent les agents (mairie, France Services, chaque permanence du bus), "
            "avec leurs informations locales propres ; le reste est hérité de `local`.",
            'bus-trifouillis: {label: "…", kind: permanence, local: {mairie: {horaires: "…"}}}',
            entry="le lieu",
            entry_keys=(
                ConfigKey(
                    "label",
                    "text",
                    "Nom du lieu, affiché dans « Je suis à … ».",
                    '"France Services itinérant — Trifouillis"',
                    required=True,
                ),
                ConfigKey("kind", "text", "mairie, france-services, permanence ou autre.", "permanence"),
                ConfigKey("commune", "text", "Commune du lieu.", '"Trifouillis-sur-Loue"'),
                ConfigKey("schedule", "text", "Quand l'accueil y a lieu.", '"les 2e et 4e mardis du mois"'),
                ConfigKey(
                    "local",
                    "mapping",
                    "Informations locales propres au lieu (mêmes clés que `local`).",
                    '{mairie: {horaires: "…"}}',
                ),
            ),
        ),
        ConfigSection(
            "services",
            "Un service par clé : libellé, responsable (`owner`, un utilisateur ou groupe GitLab), description.",
            'etat-civil: {label: "État civil", owner: "@exempleville/etat-civil"}',
            required=True,
            entry="le service",
            entry_keys=(
                ConfigKey("label", "text", "Libellé affiché.", '"État civil"', required=True),
                ConfigKey(
                    "owner",
                    "text",
                    "Responsable : utilisateur ou groupe GitLab.",
                    '"@exempleville/etat-civil"',
                    required=True,
                ),
                ConfigKey(
                    "description", "text", "Une phrase sur ce que le service traite.", '"Actes, livret de famille"'
                ),
            ),
        ),
        ConfigSection(
            "tags",
            "Le vocabulaire des étiquettes : libellé et synonymes (les mots des usagers, utilisés par la recherche).",
            'naissance: {label: "Naissance", synonyms: ["bébé"]}',
            required=True,
            entry="l'étiquette",
            entry_keys=(
                ConfigKey("label", "text", "Libellé affiché.", '"Naissance"'),
                ConfigKey("synonyms", "list", "Autres mots des usagers (recherche).", '["bébé"]'),
            ),
        ),
        ConfigSection(
            "glossary",
            "Les sigles et leur signification, affichés au survol et utilisés par la recherche.",
            'CAF: "Caisse d\'allocations familiales"',
        ),
        ConfigSection(
            "contacts",
            "Les adresses e-mail, domaines et numéros institutionnels que les réponses peuvent citer "
            "(tout autre est signalé comme donnée personnelle).",
            'phones: ["3939"]',
            keys=(
                ConfigKey("emails", "list", "Adresses institutionnelles.", '["accueil@exempleville.example"]'),
                ConfigKey("phones", "list", "Numéros institutionnels.", '["3939"]'),
                ConfigKey(
                    "domains", "list", "Domaines dont toute adresse est institutionnelle.", "[exempleville.example]"
                ),
            ),
        ),
        ConfigSection(
            "freshness",
            "Nombre de jours avant `valid_until` où une réponse est « à revérifier ».",
            "expiring_days: 30",
            keys=(
                ConfigKey("expiring_days", "days", "Jours avant `valid_until` où une réponse est « à revoir ».", "30"),
            ),
        ),
        ConfigSection(
            "import",
            "Réglages de l'import des fiches nationales Service-Public.fr.",
            "service_public: {validity_days: 365}",
            keys=(_SERVICE_PUBLIC,),
        ),
        ConfigSection(
            "accessibility",
            "La déclaration d'accessibilité (page « Accessibilité », liée en pied de chaque page).",
            "level: partiellement conforme",
            keys=(
                ConfigKey("entity", "text", "Entité responsable.", '"Commune d\'Exempleville"', required=True),
                ConfigKey(
                    "contact",
                    "text",
                    "Contact institutionnel : e-mail ou adresse web.",
                    "accessibilite@exempleville.example",
                    required=True,
                ),
                ConfigKey("date", "date", "Date de la déclaration.", "2026-11-30", required=True),
                ConfigKey(
                    "level",
                    "text",
                    "non conforme, partiellement conforme ou totalement conforme.",
                    "partiellement conforme",
                    required=True,
                ),
                ConfigKey("rate", "percent", "Taux de critères RGAA respectés, mesuré par un audit.", "72"),
                ConfigKey("audit_by", "text", "Qui a réalisé l'audit.", '"Cabinet Exemple"'),
                ConfigKey(
                    "non_conformities",
                    "list",
                    "Non-conformités connues.",
                    '["Le nombre de résultats n\'est pas annoncé"]',
                ),
                ConfigKey("derogations", "list", "Dérogations pour charge disproportionnée.", "[]"),
                ConfigKey("pages", "list", "Pages de l'échantillon audité.", '["Accueil"]'),
            ),
        ),
        ConfigSection(
            "partners",
            "Le niveau 2 : pour chaque partenaire France Services (les neuf nationaux existent d'office), "
            "le correspondant du territoire, sa ligne et son adresse (déclarées dans `contacts`), l'espace "
            "partenaire, le délai et les dates de revérification ; les partenaires locaux.",
            'caf: {correspondent: "…", valid_until: 2027-05-31}',
            entry="le partenaire",
            entry_keys=(
                ConfigKey(
                    "label",
                    "text",
                    "Nom du partenaire (déjà connu pour les neuf nationaux).",
                    '"Maison départementale des solidarités"',
                ),
                ConfigKey("website", "address", "Site public du partenaire.", '"https://www.caf.fr"'),
                ConfigKey(
                    "correspondent",
                    "text",
                    "Qui prend le dossier (une fonction, pas une personne).",
                    '"Référente France Services de la CAF"',
                ),
                ConfigKey("phone", "text", "Ligne dédiée, déclarée dans `contacts`.", '"01 99 00 20 00"'),
                ConfigKey(
                    "email", "text", "Adresse dédiée, déclarée dans `contacts`.", "partenaires@caf-exemple.example"
                ),
                ConfigKey(
                    "partner_space",
                    "address",
                    "Espace partenaire en ligne.",
                    '"https://partenaires.caf-exemple.example"',
                ),
                ConfigKey("delay", "text", "Délai habituel de réponse, en clair.", '"réponse sous 5 jours ouvrés"'),
                ConfigKey("reviewed", "date", "Dernière vérification du canal avec le partenaire.", "2026-11-16"),
                ConfigKey(
                    "valid_until",
                    "date",
                    "Date à laquelle le revérifier (obligatoire dès qu'un canal est déclaré).",
                    "2027-05-31",
                ),
                ConfigKey(
                    "owner",
                    "text",
                    "Qui revérifie ce contact (par défaut, les mainteneurs de kb.yml).",
                    '"@exempleville/france-services"',
                ),
            ),
        ),
    )
}
TOP_LEVEL_KEYS = tuple(CONFIG)
