"""The bundled starter knowledge base: coverage, counts and hygiene.

These tests read the real ``docs/reponses`` and ``kb.yml``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kb_tools.kb import load_kb
from kb_tools.rules.runner import validate

ROOT = Path(__file__).resolve().parents[2]
# The day this content was written: freshness expectations are stated against
# it, so the test does not change meaning with the calendar.
CONTENT_DATE = dt.date(2026, 11, 23)

# Every topic of the starter list, with the answer that covers it.
TOPICS = {
    "copie ou extrait d'acte de naissance": "acte-de-naissance",
    "acte de mariage": "acte-de-mariage",
    "acte de décès": "acte-de-deces",
    "déclaration de naissance": "declaration-de-naissance",
    "reconnaissance d'un enfant": "reconnaissance-enfant",
    "livret de famille": "livret-de-famille",
    "changement de prénom": "changement-de-prenom",
    "PACS en mairie": "pacs-en-mairie",
    "dossier de mariage": "dossier-de-mariage",
    "inscription sur les listes électorales": "inscription-listes-electorales",
    "procuration de vote": "procuration-de-vote",
    "recensement citoyen et JDC": "recensement-citoyen",
    "légalisation de signature": "legalisation-de-signature",
    "attestation d'accueil": "attestation-d-accueil",
    "CNI première demande": "cni-premiere-demande",
    "CNI renouvellement": "cni-renouvellement",
    "CNI perte ou vol": "cni-perte-ou-vol",
    "passeport": "passeport",
    "pré-demande et rendez-vous": "pre-demande-et-rendez-vous",
    "permis de conduire perte": "permis-perte-ou-vol",
    "permis de conduire renouvellement": "permis-renouvellement",
    "carte grise changement d'adresse": "carte-grise-changement-d-adresse",
    "cession d'un véhicule": "cession-vehicule",
    "inscription scolaire": "inscription-scolaire",
    "restauration scolaire": "restauration-scolaire",
    "accueil périscolaire": "accueil-periscolaire",
    "place en crèche": "place-en-creche",
    "RSA": "rsa",
    "prime d'activité": "prime-d-activite",
    "APL": "aides-au-logement-apl",
    "allocations familiales": "allocations-familiales",
    "changement de situation CAF": "changement-de-situation-caf",
    "CCAS et MDS": "orientation-ccas-mds",
    "carte Vitale": "carte-vitale",
    "carte Vitale perdue": "carte-vitale-perte",
    "C2S": "complementaire-sante-solidaire",
    "attestation de droits": "attestation-de-droits",
    "inscription France Travail": "inscription-france-travail",
    "actualisation mensuelle": "actualisation-mensuelle",
    "déclaration de revenus": "declaration-de-revenus",
    "numéro fiscal et espace particulier": "numero-fiscal-espace-particulier",
    "prélèvement à la source": "prelevement-a-la-source",
    "avis d'impôt justificatif": "avis-d-impot-justificatif",
    "demande de retraite": "demande-de-retraite",
    "relevé de carrière": "releve-de-carriere",
    "ASPA": "aspa",
    "casier judiciaire": "casier-judiciaire",
    "aide juridictionnelle": "aide-juridictionnelle",
    "point-justice": "point-justice",
    "logement social": "demande-logement-social",
    "permis de construire": "permis-de-construire",
    "déclaration préalable": "declaration-prealable-travaux",
    "concession funéraire": "concession-funeraire",
    "FranceConnect": "franceconnect",
    "Aidants Connect": "aidants-connect",
    "conseiller numérique": "conseiller-numerique",
    "objets trouvés": "objets-trouves",
    "horaires et contacts de la mairie": "horaires-et-contacts-mairie",
}
SECTIONS = [
    "En bref",
    "Ce que l'usager doit fournir",
    "Étapes",
    "Où s'adresser",
    "Cas particuliers",
    "Passer le relais",
]


@pytest.fixture(scope="module")
def kb():
    return load_kb(ROOT)


@pytest.fixture(scope="module")
def local_answers(kb):
    return [a for a in kb.answers if not a.imported]


def test_the_starter_kb_validates_without_any_problem(kb):
    problems = validate(kb, CONTENT_DATE)
    assert [f"{p.path}:{p.line}: {p.rule_id} {p.message}" for p in problems] == []


def test_at_least_sixty_answers_across_all_services(kb, local_answers):
    assert len(local_answers) >= 60
    used = {a.service for a in local_answers}
    declared = set(kb.config.services) - {"national"}
    assert declared <= used, f"services without any answer: {declared - used}"


@pytest.mark.parametrize("topic", sorted(TOPICS))
def test_every_topic_has_its_answer(kb, topic):
    answer = kb.by_id.get(TOPICS[topic])
    assert answer is not None, f"no answer for topic {topic!r}"
    assert answer.status == "published"


def test_every_answer_has_two_aliases_and_a_source(local_answers):
    weak = [a.id for a in local_answers if len(a.aliases) < 2 or not a.sources]
    assert weak == []


def test_every_answer_follows_the_agent_structure(local_answers):
    missing = {}
    for answer in local_answers:
        titles = [text for _, text, _ in answer.headings]
        lacking = [s for s in SECTIONS if s not in titles]
        if lacking:
            missing[answer.id] = lacking
    assert missing == {}


def test_every_answer_has_owner_reviewed_and_related(local_answers):
    for answer in local_answers:
        assert answer.owner(), answer.id
        assert answer.reviewed is not None and answer.reviewed <= CONTENT_DATE, answer.id
        assert answer.related, answer.id


def test_local_details_come_from_placeholders(kb, local_answers):
    """Addresses and local phone numbers are never typed in an answer."""
    local_values = [v for v in kb.config.local.values() if len(v) > 12]
    for answer in local_answers:
        for value in local_values:
            assert value not in answer.src.body, f"{answer.id} types {value!r} instead of a placeholder"
        assert "{{" in answer.src.body, f"{answer.id} uses no local placeholder in « Où s'adresser »"


def test_freshness_features_have_something_to_show(local_answers):
    soon = [a.id for a in local_answers if a.expires_within(CONTENT_DATE, 30)]
    expired = [a.id for a in local_answers if a.expired(CONTENT_DATE)]
    assert len(soon) >= 2, soon
    assert expired == []


def test_glossary_covers_the_acronyms_agents_meet(kb):
    expected = {
        "CAF",
        "CPAM",
        "ANTS",
        "CNI",
        "RSA",
        "APL",
        "ASPA",
        "C2S",
        "DGFiP",
        "MSA",
        "CARSAT",
        "CCAS",
        "JDC",
        "NIR",
        "PACS",
        "France Travail",
        "FranceConnect",
    }
    assert expected <= set(kb.config.glossary)


def test_no_invented_people_in_answers(local_answers):
    """No "Mme Dupont": answers speak of "l'usager", never of a named person."""
    import re

    civility = re.compile(r"\b(?:M\.|Mme|Mlle|Monsieur|Madame)\s+[A-Z][a-zé]+")
    offenders = {a.id: m.group() for a in local_answers for m in [civility.search(a.src.body)] if m}
    assert offenders == {}
