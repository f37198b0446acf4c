"""The personal data detector (kb_tools/pii.py): what people paste is found,
at its place in the original text; what is not personal data is left alone;
the scan stays linear in the size of the text."""

from __future__ import annotations

import time

import pytest

from kb_tools import pii

NIR = "2 84 05 75 116 001 58"  # key 58 is right for 2840575116001
NIR_DIGITS = NIR.replace(" ", "")
IBAN = "FR76 3000 6000 0112 3456 7890 189"


def only(text: str, kind: str) -> pii.Finding:
    found = pii.find(text)
    assert [f.kind for f in found] == [kind], found
    return found[0]


@pytest.mark.parametrize(
    "written",
    [
        NIR,
        NIR_DIGITS,
        NIR.replace(" ", "\u00a0"),  # no-break spaces (Word)
        NIR.replace(" ", "\u202f"),  # narrow no-break spaces (PDF)
        NIR.replace(" ", "\u2009"),  # thin spaces
        NIR.replace(" ", "\u2007"),  # figure spaces (another Zs)
        NIR.replace(" ", "  "),  # double spaces
        NIR.replace(" ", "\t"),
        NIR.replace(" ", "-"),
        NIR.replace(" ", "\u2010"),  # hyphen
        NIR.replace(" ", "\u2013"),  # en dash
        NIR.replace(" ", "\u2014"),  # em dash
        NIR.replace(" ", " - "),
        NIR.replace(" ", "."),
        NIR.replace(" ", "/"),
        NIR.replace(" ", "&nbsp;"),  # HTML entity
        NIR.replace(" ", "&#160;"),
        NIR.replace(" ", "\\-"),  # Markdown escape
        "2 90 02 2A 004 012 18",  # Corsica
        "2 90 02 2b 004 012 45",
    ],
)
def test_nir_in_every_pasted_form(written):
    text = f"Le numéro de l'usager est {written}, à ne pas conserver."
    found = only(text, pii.NIR)
    assert found.value == written  # the span in the original text
    assert text[found.start : found.end] == written


@pytest.mark.parametrize(
    "text",
    [
        "2 84 05 75 116 001 57",  # wrong key
        "284057511600159",
        "123456789012345",  # a random 15-digit number
        "9 84 05 75 116 001 58",  # no such first digit
        "2 90 02 2A 004 012 45",  # the key of 2B, not 2A
        "Commande n° 2840575116001580",  # longer number
        "réf. X284057511600158",  # inside a word
        "le 12/05/2024 à 10 h 30, dossier 2024-05-12-001",
    ],
)
def test_not_a_nir(text):
    assert [f for f in pii.find(text) if f.kind == pii.NIR] == []


@pytest.mark.parametrize(
    "written",
    [
        IBAN,
        IBAN.replace(" ", ""),
        IBAN.replace(" ", "\u00a0"),
        IBAN.replace(" ", "\u202f"),
        IBAN.replace(" ", "-"),
        IBAN.replace(" ", "  "),
        IBAN.lower(),
        "DE89 3704 0044 0532 0130 00",
    ],
)
def test_iban_in_every_pasted_form(written):
    text = f"Virement sur {written} pour le remboursement."
    found = only(text, pii.IBAN)
    assert found.value == written


def test_iban_after_a_number_and_with_a_wrong_checksum():
    assert only(f"12 {IBAN}", pii.IBAN).start == 3  # not hidden by the number before it
    assert pii.find("FR76 3000 6000 0112 3456 7890 188") == []
    assert pii.find("FR00 0000 0000 0000") == []


@pytest.mark.parametrize(
    ("written", "address"),
    [
        ("jean.dupont@gmail.com", "jean.dupont@gmail.com"),
        ("Jean.Dupont@GMAIL.com", "jean.dupont@gmail.com"),
        ("jean.dupont [at] gmail.com", "jean.dupont@gmail.com"),
        ("jean.dupont[at]gmail.com", "jean.dupont@gmail.com"),
        ("jean.dupont (at) gmail.com", "jean.dupont@gmail.com"),
        ("jean.dupont (AT) gmail (dot) com", "jean.dupont@gmail.com"),
        ("jean.dupont {at} gmail [point] com", "jean.dupont@gmail.com"),
        ("jean.dupont\u00a0[at]\u00a0gmail.com", "jean.dupont@gmail.com"),
        ("jean.dupont \\[at\\] gmail.com", "jean.dupont@gmail.com"),
        ("jean.dupont arobase gmail.com", "jean.dupont@gmail.com"),
        ("jean.dupont Arobase gmail.com", "jean.dupont@gmail.com"),
        ("jean.dupont @ gmail.com", "jean.dupont@gmail.com"),
        ("jean.dupont&#64;gmail.com", "jean.dupont@gmail.com"),
        ("jean.dupont&#x40;gmail.com", "jean.dupont@gmail.com"),
        ("jean.dupont&commat;gmail&period;com", "jean.dupont@gmail.com"),
        ("jean\\_dupont@gmail\\.com", "jean_dupont@gmail.com"),
        ("jean\\.dupont\\@gmail.com", "jean.dupont@gmail.com"),
        ("jean%40gmail.com", "jean@gmail.com"),
        ("jean%2Edupont%40gmail%2Ecom", "jean.dupont@gmail.com"),
        ("jean\u200b@gmail.com", "jean@gmail.com"),  # zero-width space
    ],
)
def test_email_in_every_pasted_form(written, address):
    text = f"Écrire à {written} pour le suivi."
    found = only(text, pii.EMAIL)
    assert found.canonical == address
    assert found.value == written


def test_email_in_a_mailto_link_starts_at_the_address():
    text = "[écrire](mailto:jean%40gmail.com)"
    found = only(text, pii.EMAIL)
    assert found.value == "jean%40gmail.com"


@pytest.mark.parametrize(
    "text",
    ["@exempleville/etat-civil", "le signe arobase (@)", "Prix : 3 @ 5 €", "à [point] nommé", "voir (at)"],
)
def test_not_an_email(text):
    assert pii.find(text) == []


@pytest.mark.parametrize(
    "written",
    [
        "06 12 34 56 78",
        "0612345678",
        "06\u00a012\u00a034\u00a056\u00a078",
        "06\u202f12\u202f34\u202f56\u202f78",
        "06  12  34  56  78",
        "06-12-34-56-78",
        "06 \u2013 12 \u2013 34 \u2013 56 \u2013 78",
        "06\u201412\u201434\u201456\u201478",
        "06.12.34.56.78",
        "06/12/34/56/78",
        "06&nbsp;12&nbsp;34&nbsp;56&nbsp;78",
        "+33 6 12 34 56 78",
        "+33612345678",
        "+33 (0)6 12 34 56 78",
        "+33(0)6 12 34 56 78",
        "+33\u00a0(0)6\u00a012\u00a034\u00a056\u00a078",
        "(+33) 6 12 34 56 78",
        "0033 6 12 34 56 78",
        "0033612345678",
    ],
)
def test_phone_in_every_pasted_form(written):
    text = f"Rappeler l'usager au {written} demain."
    found = only(text, pii.PHONE)
    assert found.value == written
    assert found.canonical == "0612345678"


@pytest.mark.parametrize(
    "text",
    [
        "le 01/09/2024 10 h",  # a date and a time
        "le 01.09.2024 10 h",
        "2027-06-30",
        "12 345 678 901",
        "code postal 75001",
        "06 12 34 56 789",  # too long
        "Référence 06\n12 34 56 78",  # never across a line break
        "3939",
    ],
)
def test_not_a_phone(text):
    assert pii.find(text) == []


def test_positions_after_replacements_point_at_the_original_text():
    text = "a&amp;b &#64; \\_x jean&#64;gmail&period;com puis 06&nbsp;12&nbsp;34&nbsp;56&nbsp;78"
    email, phone = pii.find(text)
    assert text[email.start : email.end] == "jean&#64;gmail&period;com"
    assert text[phone.start : phone.end] == "06&nbsp;12&nbsp;34&nbsp;56&nbsp;78"


def test_allowlist():
    allowed = pii.Allowlist(
        emails=frozenset({"contact@ants.gouv.fr"}), domains=frozenset({"exempleville.example"}), phones=frozenset()
    )
    text = (
        "contact@ants.gouv.fr x@diplomatie.gouv.fr y@service-public.fr z@mairie.exempleville.example "
        "0800 00 00 00 ; private: jean@gmail.com, a@gouv.fr.example.com, 06 12 34 56 78"
    )
    flagged = [f.canonical for f in pii.find(text) if not allowed.allows(f)]
    assert flagged == ["jean@gmail.com", "a@gouv.fr.example.com", "0612345678"]


def test_phone_digits():
    assert pii.phone_digits("+33 (0)1 99 00 10 00") == "0199001000"
    assert pii.phone_digits("0033 1 99 00 10 00") == "0199001000"
    assert pii.phone_digits("+33 1 99 00 10 00") == "0199001000"
    assert pii.phone_digits("3939") == "3939"


def test_mask_text_masks_every_datum_and_keeps_the_rest():
    text = f"service « {NIR} », écrire à jean [at] gmail.com ou au +33 (0)6 12 34 56 78 ; {IBAN}."
    masked = pii.mask_text(text)
    assert masked.startswith("service « 2 ")
    for secret in (NIR, NIR_DIGITS, "gmail", "12 34 56", "3000 6000"):
        assert secret not in masked
    assert pii.find(masked) == []
    assert pii.mask_text(masked) == masked
    assert pii.mask_text("rien à masquer (ligne 12)") == "rien à masquer (ligne 12)"


MEGABYTE = 1_000_000


@pytest.mark.parametrize(
    "unit",
    [
        "1 ",
        "12 ",
        "1-2.3/4 ",
        "0",
        "06 12 34 56 7",
        "+33 (0)",
        "FR76 ",
        "FR7630006000",
        "@",
        "a@",
        "a.a@a.",
        "[at] ",
        "[at",
        " arobase ",
        "&#",
        "&#64",
        "&amp",
        "\\",
        "%4",
        "%40",
        "(",
        "a" * 70 + "@",
        "1\u00a0",
    ],
)
def test_one_megabyte_of_adversarial_input_is_scanned_in_seconds(unit):
    text = unit * (MEGABYTE // len(unit))
    start = time.perf_counter()
    pii.find(text)
    pii.mask_text(text[:100_000])
    assert time.perf_counter() - start < 10  # linear: well under a second on a laptop
