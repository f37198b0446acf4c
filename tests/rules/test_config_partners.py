"""KB900 config-invalid on the ``partners:`` section of kb.yml (kb_tools/partners.py)."""

import pytest

from kb_tools.config import load_config

from .conftest import CONFIG

RULE = "KB900"
START = CONFIG.count("\n") + 1  # line of "partners:"


def partners(text: str) -> str:
    return CONFIG + "partners:\n" + text


def test_the_nine_national_partners_exist_by_default(kb):
    config = load_config(kb.root)
    assert list(config.partners) == [
        "caf",
        "assurance-maladie",
        "assurance-retraite",
        "msa",
        "france-travail",
        "dgfip",
        "la-poste",
        "justice",
        "interieur-ants",
    ]
    assert config.partners["assurance-maladie"].label == "Assurance maladie (CPAM)"
    assert all(p.national and not p.has_channel for p in config.partners.values())


def test_a_channel_from_the_allowlist_and_a_local_partner(kb):
    kb.config(
        partners(
            """\
  caf:
    correspondent: "Référente France Services"
    phone: "+33 1 40 00 00 00"
    email: "contact@ants.gouv.fr"
    partner_space: "https://partenaires.caf.example"
    delay: "5 jours ouvrés"
    reviewed: 2026-10-01
    valid_until: 2027-04-01
  mdph:
    label: "Maison départementale des personnes handicapées"
    email: "mdph@exempleville.example"
    valid_until: 2027-04-01
"""
        )
    )
    kb.check([])
    config = load_config(kb.root)
    caf = config.partners["caf"]
    assert (caf.label, caf.phone, caf.delay, caf.valid_until.isoformat()) == (
        "Caisse d'allocations familiales (CAF)",
        "+33 1 40 00 00 00",
        "5 jours ouvrés",
        "2027-04-01",
    )
    assert not config.partners["mdph"].national and config.partners["mdph"].short.startswith("Maison")


def test_phone_not_in_the_allowlist_is_rejected(kb):
    kb.config(partners('  caf:\n    phone: "01 23 45 67 89"\n    valid_until: 2027-04-01\n'))
    found = [p for p in kb.problems() if p.rule_id == RULE]
    assert [(p.line, p.column) for p in found] == [(START + 2, 12)]
    assert found[0].message == "le téléphone du partenaire « caf » n'est pas un contact institutionnel de kb.yml"
    assert found[0].expected == "un numéro déclaré dans contacts.phones"
    assert found[0].fix.startswith("déclarez cette ligne institutionnelle dans « contacts: phones: »")
    assert not load_config(kb.root).partners["caf"].phone  # left out of the site


def test_email_not_in_the_allowlist_is_rejected(kb):
    kb.config(partners('  caf:\n    email: "marie.durand@gmail.com"\n    valid_until: 2027-04-01\n'))
    problem = kb.only(RULE)
    assert (problem.line, problem.message) == (
        START + 2,
        "l'adresse du partenaire « caf » n'est pas un contact institutionnel de kb.yml",
    )
    assert "contacts.emails" in problem.expected


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("  caf:\n    correspondant: x\n", "clé inconnue « correspondant » dans le partenaire « caf »", 2),
        ("  caf:\n    delay: 5 jours\n", "le contact du partenaire « caf » n'a pas de date de revérification", 2),
        ("  mdph:\n    delay: x\n    valid_until: 2027-01-01\n", "le partenaire local « mdph » n'a pas de « label »", 2),
        ("  caf:\n    partner_space: javascript:alert(1)\n    valid_until: 2027-01-01\n",
         "« partners.caf.partner_space » doit être une adresse web http:// ou https://", 2),
        ("  caf:\n    valid_until: 2027-13-01\n", "« partners.caf.valid_until » n'est pas une date", 2),
        ("  caf:\n    reviewed: 2027-02-01\n    valid_until: 2027-01-01\n",
         "contact du partenaire « caf » : « valid_until » est avant « reviewed »", 3),
        ("  Caf:\n    delay: x\n", "clé de partenaire « Caf » invalide", 2),
        ("  charte: {label: x}\n", "clé de partenaire « charte » invalide", 1),
        ("  caf: oui\n", "le partenaire « caf » doit être une table de champs", 1),
    ],
)  # fmt: skip
def test_bad_values(kb, text, message, line):
    kb.config(partners(text))
    problem = kb.only(RULE)
    assert (problem.path, problem.line, problem.message) == ("kb.yml", START + line, message)
    assert problem.fix


def test_unknown_key_suggests_the_right_one(kb):
    kb.config(partners("  caf:\n    correspondant: x\n"))
    assert kb.only(RULE).fix == "vouliez-vous dire « correspondent » ?"


def test_not_a_table(kb):
    kb.config(CONFIG + "partners: [caf]\n")
    assert kb.only(RULE).message == "la section « partners » doit être une table : une clé par partenaire"


def test_credentials_in_a_refused_address_are_not_printed(kb):
    kb.config(
        partners(
            "  caf:\n    partner_space: https://agent:s3cr3t-t0ken@partenaires.caf.example\n    valid_until: 2027-01-01\n"
        )
    )
    problem = kb.only(RULE)
    assert problem.message == "« partners.caf.partner_space » doit être une adresse web http:// ou https://"
    assert "s3cr3t" not in problem.received and "***@partenaires.caf.example" in problem.received
