"""Property tests: whatever is written in an answer file or in ``kb.yml``,
loading, validating and every output format finish quickly, never raise, and
give positions that exist in the file and reports that parse back."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb_tools.kb import load_kb
from kb_tools.report import FORMATS
from kb_tools.rules import RULES
from kb_tools.rules.runner import validate

TODAY = dt.date(2026, 11, 16)
ANSWER = "docs/reponses/etat-civil/fuzz.md"
NEIGHBOUR = "docs/reponses/identite/cni.md"
CONFIG = """\
local:
  mairie: {telephone: "01 99 00 10 00", courriel: "accueil@exempleville.example"}
services:
  etat-civil: {label: "État civil", owner: "@test/etat-civil"}
  identite: {label: "Identité", owner: "@test/titres"}
tags:
  acte: {label: Acte}
  naissance: {label: Naissance, synonyms: [né]}
contacts:
  phones: ["3939"]
  domains: [exempleville.example]
"""
NEIGHBOUR_TEXT = (
    '---\ntitle: "CNI"\nservice: identite\ntags: [acte]\nvalid_until: 2027-06-30\n---\n## Pièces à fournir\n'
)

FUZZ = settings(
    max_examples=200,
    deadline=dt.timedelta(seconds=2),
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    base = tmp_path_factory.mktemp("fuzz")
    (base / "kb.yml").write_text(CONFIG, encoding="utf-8")
    for rel, text in ((ANSWER, ""), (NEIGHBOUR, NEIGHBOUR_TEXT)):
        (base / rel).parent.mkdir(parents=True, exist_ok=True)
        (base / rel).write_text(text, encoding="utf-8")
    yield base
    shutil.rmtree(base, ignore_errors=True)


def file_lines(data: bytes) -> list[str] | None:
    """Lines as an editor shows them (CRLF and CR are line ends too), None if not UTF-8."""
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def check_everything(root: Path, rel: str, data: bytes) -> None:
    """Write ``data`` at ``rel``, then load, validate and format: nothing may raise."""
    (root / rel).write_bytes(data)
    kb = load_kb(root)
    problems = validate(kb, TODAY, check_expiry=True, changed=[ANSWER])
    checked = [a.rel for a in kb.answers] + [kb.config.path]
    for p in problems:
        assert p.rule_id in RULES
        assert p.path in checked
        assert p.line >= 0
        assert p.column >= 0
        lines = file_lines(data) if p.path == rel else None
        if lines is not None and p.line > 0:  # a position that exists in the file
            assert p.line <= len(lines), p
            assert p.column <= len(lines[p.line - 1]) + 1, p
    outputs = {name: fmt(problems, checked) for name, fmt in FORMATS.items()}
    assert json.loads(outputs["json"])["errors"] == sum(p.is_error for p in problems)
    fingerprints = [issue["fingerprint"] for issue in json.loads(outputs["codequality"])]
    assert len(set(fingerprints)) == len(fingerprints)
    suite = ET.fromstring(outputs["junit"].encode("utf-8")).find("testsuite")
    assert suite is not None
    assert len(suite.findall("testcase/failure")) == sum(p.is_error for p in problems)


HEADER = b'---\ntitle: "Acte"\nservice: etat-civil\ntags: [acte]\nvalid_until: 2027-06-30\n---\n'


@FUZZ
@given(data=st.binary(max_size=2000))
def test_arbitrary_bytes(root, data):
    check_everything(root, ANSWER, data)


@FUZZ
@given(data=st.binary(max_size=500))
def test_arbitrary_bytes_after_a_valid_header(root, data):
    check_everything(root, ANSWER, HEADER + data)


@FUZZ
@given(text=st.text(max_size=2000), crlf=st.booleans(), bom=st.booleans())
def test_arbitrary_text(root, text, crlf, bom):
    if crlf:
        text = text.replace("\n", "\r\n")
    check_everything(root, ANSWER, ("\ufeff" if bom else "").encode() + text.encode("utf-8", "surrogatepass"))


# YAML-ish front matter, built from fragments that have broken parsers before.

KEYS = st.sampled_from(
    ["title", "service", "tags", "valid_until", "valid_untill", "reviewed", "aliases", "sources", "related", "status",
     "origin", "owner", "description", "<<", "? complexe", "[a, b]", "~", "2027-06-30", "'quoted: key'", "é", ""]
)  # fmt: skip
SCALARS = st.sampled_from(
    ["etat-civil", "etat_civil", "acte", "2027-06-30", "2027-02-30", "30/06/2027", "2027-6-30", "0x1F", "1e400", "-.inf",
     "~", "null", "yes", "true", "017", "1_000", "1:20", '"quoted: value"', "'it''s'", '"\\u00e9\\x00"', "|\n  bloc\n  texte",
     ">-\n  plié", "F1427", "https://exemple.fr/a#b", "{{ mairie.telephone }}", "1 85 05 78 006 084 91",
     "FR76 3000 6000 0112 3456 7890 189", "jean@gmail.com", "06 12 34 56 78", "<script>", "a: b: c", "#commentaire",
     "9" * 5000, "\t", "é" * 3, '"un\u2028deux"', "trois\x85quatre\u2029", "😀: x"]
)  # fmt: skip
TAGS = st.sampled_from(
    ["", "!!python/object:os.system ", "!!python/object/apply:os.system ", "!!binary ", "!!timestamp ", "!!set ",
     "!!omap ", "!custom ", "!!str ", "!!int ", "!!float ", "!<tag:yaml.org,2002:map> ", "!!merge "]
)  # fmt: skip
ANCHORS = st.sampled_from(["", "&a ", "&b ", "&a &b "])
NAMES = st.sampled_from(["a", "b", "inconnu"])


def values(depth: int = 3) -> st.SearchStrategy[str]:
    leaf = st.one_of(SCALARS, st.builds(lambda n: f"*{n}", NAMES), st.text(max_size=20))
    if depth == 0:
        return leaf
    inner = values(depth - 1)
    flow_list = st.lists(inner, max_size=4).map(
        lambda items: "[" + ", ".join(i.replace("\n", " ") for i in items) + "]"
    )
    flow_map = st.lists(st.tuples(KEYS, inner), max_size=3).map(
        lambda kv: "{" + ", ".join(f"{k}: {v}".replace("\n", " ") for k, v in kv) + "}"
    )
    block_list = st.lists(inner, min_size=1, max_size=3).map(
        lambda items: "\n" + "\n".join(f"  - {i}".replace("\n", "\n    ") for i in items)
    )
    block_map = st.lists(st.tuples(KEYS, inner), min_size=1, max_size=3).map(
        lambda kv: "\n" + "\n".join(f"  {k}: {v}".replace("\n", "\n  ") for k, v in kv)
    )
    decorated = st.builds(
        lambda tag, anchor, value: tag + anchor + value, TAGS, ANCHORS, st.one_of(leaf, flow_list, flow_map)
    )
    return st.one_of(leaf, flow_list, flow_map, block_list, block_map, decorated)


ENTRY = st.one_of(
    st.builds(lambda k, v: f"{k}: {v}", KEYS, values()),
    st.sampled_from(
        ["---", "...", "--- x", "%YAML 1.1", "%TAG ! tag:x,2000:", "- item", "? key", ": value", "\tindent", "  ", "#"]
    ),
)
FRONT_MATTER = st.lists(ENTRY, max_size=12).map("\n".join)


@FUZZ
@given(front=FRONT_MATTER, body=st.text(max_size=300), closed=st.booleans())
def test_yamlish_front_matter(root, front, body, closed):
    text = "---\n" + front + ("\n---\n" if closed else "\n") + body
    check_everything(root, ANSWER, text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(config=FRONT_MATTER)
def test_yamlish_kb_yml(root, config):
    try:
        check_everything(root, "kb.yml", config.encode("utf-8", "surrogatepass"))
    finally:
        (root / "kb.yml").write_text(CONFIG, encoding="utf-8")


BOMB = "\n".join(
    ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
)


@FUZZ
@given(before=st.lists(ENTRY, max_size=3).map("\n".join), after=st.lists(ENTRY, max_size=3).map("\n".join))
def test_alias_bomb_anywhere(root, before, after):
    check_everything(root, ANSWER, f"---\n{before}\n{BOMB}\n{after}\n---\nTexte.\n".encode("utf-8", "surrogatepass"))
