"""Reading answer files and splitting their YAML front matter, with positions.

python-frontmatter drops line numbers, so this thin layer keeps them: each
front matter key and list item remembers its line and column in the *file*,
and the body remembers the line it starts on.  Nothing here raises on bad
input: every defect becomes a :class:`Defect` that a rule turns into a problem.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from kb_tools.files import read_regular

try:  # libyaml is much faster; fall back to the pure Python parser.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the platform wheel
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

BOM = "\ufeff"
FENCE = "---"
MAX_FRONT_MATTER_NODES = 5_000
MAX_DEPTH = 100  # nesting of lists and tables; real front matter uses 2 or 3

Position = tuple[int, int]
if TYPE_CHECKING:
    Mark = yaml.Mark | yaml._yaml.Mark  # PyYAML's and libyaml's: same line and column fields
KeyPath = tuple[str | int, ...]


class DefectKind(enum.StrEnum):
    """What went wrong reading a file (each kind has its rule, KB001-KB007)."""

    NOT_UTF8 = "not-utf8"
    UNREADABLE = "unreadable"
    EMPTY = "empty"
    NO_FRONT_MATTER = "no-front-matter"
    YAML_SYNTAX = "yaml-syntax"
    NOT_MAPPING = "not-mapping"
    DUPLICATE_KEY = "duplicate-key"
    ALIAS = "alias"


@dataclass(frozen=True)
class Defect:
    """Something that keeps a file from being read as an answer."""

    kind: DefectKind
    line: int
    column: int
    detail: str = ""
    extra: str = ""


@dataclass
class SourceFile:
    """An answer file as read from disk: text, front matter, body, positions."""

    path: Path
    rel: str
    text: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    positions: dict[KeyPath, Position] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    has_front_matter: bool = False
    defects: list[Defect] = field(default_factory=list)

    def pos(self, *key: str | int) -> Position:
        """Position of a front matter key or item, falling back to its parent."""
        while key:
            if key in self.positions:
                return self.positions[key]
            key = key[:-1]
        return (1, 1) if self.has_front_matter else (1, 0)

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


def decode(data: bytes) -> tuple[str | None, Defect | None]:
    """UTF-8 text with BOM and CRLF accepted, or a defect with the position."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        # Column in characters, like every other position (the prefix is valid UTF-8).
        line_start = data[before.rfind(b"\n") + 1 : exc.start].decode("utf-8")
        column = len(line_start.removeprefix(BOM) if line == 1 else line_start) + 1
        bad = data[exc.start : exc.start + 4].hex(" ")
        return None, Defect(DefectKind.NOT_UTF8, line, column, detail=f"octet {bad} (position {exc.start})")
    if text.startswith(BOM):
        text = text[1:]
    return (text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text), None


def read_text(src: SourceFile) -> str | None:
    """The decoded text of ``src.path``, or None with the defect recorded."""
    try:
        data = read_regular(src.path)
    except OSError as exc:
        src.defects.append(Defect(DefectKind.UNREADABLE, 0, 0, detail=exc.strerror or str(exc)))
        return None
    text, defect = decode(data)
    if defect is not None:
        src.defects.append(defect)
        return None
    src.text = text or ""
    return text


def read_source(path: Path, rel: str) -> SourceFile:
    src = SourceFile(path=path, rel=rel)
    text = read_text(src)
    if text is None:
        return src
    if not text.strip():
        src.defects.append(Defect(DefectKind.EMPTY, 0, 0))
        return src
    split_front_matter(src)
    return src


def read_yaml_file(path: Path) -> SourceFile:
    """A whole YAML file (kb.yml) read with the same position-keeping parser."""
    src = SourceFile(path=path, rel=path.name)
    text = read_text(src)
    if text is not None:
        src.has_front_matter = True
        parse_yaml(text, src, first_line=1)
    return src


def split_front_matter(src: SourceFile) -> None:
    text = src.text
    first = text.split("\n", 1)[0]
    if first.rstrip() != FENCE:
        src.defects.append(Defect(DefectKind.NO_FRONT_MATTER, 1, 1, detail=first[:40]))
        src.body = text
        return
    # Walk the front matter line by line (not the whole file) to its closing fence.
    start = pos = len(first) + 1
    end = 1  # index of the current line
    while pos <= len(text):
        newline = text.find("\n", pos)
        stop = len(text) if newline < 0 else newline
        if text[pos:stop].rstrip() in (FENCE, "..."):
            break
        pos, end = stop + 1, end + 1
    else:
        src.defects.append(Defect(DefectKind.NO_FRONT_MATTER, 1, 1, detail="unclosed"))
        src.body = text
        return
    src.has_front_matter = True
    src.body = text[stop + 1 :]
    src.body_line = end + 2
    parse_yaml(text[start : max(start, pos - 1)], src, first_line=2)


def parse_yaml(block: str, src: SourceFile, first_line: int) -> None:
    """Parse a YAML mapping, recording positions; defects instead of exceptions."""
    if not block.strip():
        src.defects.append(Defect(DefectKind.NOT_MAPPING, first_line - 1, 1, detail="vide"))
        return
    # YAML also breaks lines on U+0085, U+2028 and U+2029 (pasted from PDFs):
    # read them as spaces so that parser lines stay file lines.
    if "\x85" in block or "\u2028" in block or "\u2029" in block:
        block = block.translate(_YAML_ONLY_BREAKS)
    deep = too_deep(block)
    if deep is not None:
        src.defects.append(
            Defect(
                DefectKind.YAML_SYNTAX,
                _file_line(src, first_line, deep),
                deep.column + 1,
                detail=f"imbrication de plus de {MAX_DEPTH} niveaux",
            )
        )
        return
    try:
        node = yaml.compose(block, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        # An unclosed quote or bracket is found at the end of the block: point
        # at where it was opened instead.
        at_end = "end of stream" in (exc.problem or "") or _unclosed_flow(exc)
        mark = (exc.context_mark if at_end else None) or exc.problem_mark or exc.context_mark
        line = _file_line(src, first_line, mark)
        column = (mark.column + 1) if mark else 1
        src.defects.append(Defect(DefectKind.YAML_SYNTAX, line, column, detail=yaml_problem(exc)))
        return
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        src.defects.append(Defect(DefectKind.YAML_SYNTAX, first_line, 1, detail=str(exc)))
        return
    if not isinstance(node, yaml.MappingNode):
        kind = (
            "liste" if isinstance(node, yaml.SequenceNode) else "texte" if node is not None and node.value else "vide"
        )
        # An empty document ("---" alone in kb.yml) is marked after its last line.
        line = _file_line(src, first_line, node.start_mark if node is not None else None)
        src.defects.append(Defect(DefectKind.NOT_MAPPING, line, 1, detail=kind))
        return
    builder = _Builder(src, first_line)
    value = builder.build(node, ())
    if isinstance(value, dict):
        src.meta = value


_YAML_ONLY_BREAKS = {0x85: " ", 0x2028: " ", 0x2029: " "}


def _file_line(src: SourceFile, first_line: int, mark: Mark | None) -> int:
    """Line in the file of a parser mark; past the end of the file is its last line."""
    line = first_line + (mark.line if mark else 0)
    return min(line, src.text.count("\n") + 1) if src.text else line


def _unclosed_flow(exc: yaml.MarkedYAMLError) -> bool:
    """A ``[`` or ``{`` left open: libyaml only notices it on a later line."""
    start, problem = exc.context_mark, exc.problem_mark
    return "flow" in (exc.context or "") and start is not None and problem is not None and problem.line > start.line


def too_deep(block: str) -> Mark | None:
    """Where collections nest deeper than ``MAX_DEPTH``, or None.

    libyaml's composer is recursive in C: a few tens of thousands of ``[`` crash
    the interpreter, so the depth is measured on the event stream (iterative)
    before composing.  Each level needs one of ``[{-:?``: most blocks are
    cleared by counting them.
    """
    if sum(block.count(c) for c in "[{-:?") <= MAX_DEPTH:
        return None
    try:
        return _deeper_than_max(block, _Loader)
    except yaml.YAMLError:
        pass
    # libyaml may give up before we see the level that is too deep (PyYAML
    # 6.0.4's libyaml refuses 1,000 levels while scanning ahead): measure
    # again with the pure Python parser, which is iterative and has no limit
    # of its own, so the guard does not depend on libyaml's version.
    try:
        return _deeper_than_max(block, yaml.SafeLoader)
    except yaml.YAMLError:
        return None  # compose reports it, with its position


def _deeper_than_max(block: str, loader: type) -> Mark | None:
    depth = 0
    for event in yaml.parse(block, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return event.start_mark
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


_YAML_PROBLEMS = {
    "found unexpected end of stream": "guillemet ou crochet ouvert ici et jamais fermé",
    "mapping values are not allowed here": "deux-points inattendu : mettez ce texte entre guillemets",
    "mapping values are not allowed in this context": "deux-points inattendu : mettez ce texte entre guillemets",
    "could not find expected ':'": "deux-points manquant après le nom du champ",
    "found character '\\t' that cannot start any token": "tabulation : indentez avec des espaces",
    "found character that cannot start any token": "caractère inattendu (tabulation ? indentez avec des espaces)",
    "expected <block end>, but found '<block mapping start>'": "indentation incohérente",
    "did not find expected key": "indentation incohérente ou guillemet mal placé",
    "found undefined alias": "alias YAML inconnu (*nom)",
    "did not find expected ',' or ']'": "crochet [ ouvert ici et jamais fermé",
    "did not find expected ',' or '}'": "accolade { ouverte ici et jamais fermée",
}


def yaml_problem(exc: yaml.MarkedYAMLError) -> str:
    """The parser's complaint, in French where we know it, with its context."""
    problem = (exc.problem or str(exc)).strip()
    for known, french in _YAML_PROBLEMS.items():
        if problem.startswith(known):
            return french
    # Not one we know: say so in French, keep the parser's words for a search.
    english = f"{problem}, {exc.context}" if exc.context else problem
    return f"syntaxe YAML invalide (message du lecteur YAML : {english})"


class _Builder:
    """Turn a composed node tree into plain data, refusing aliases and cycles.

    Aliases are refused outright: front matter never needs them, and refusing
    them is what keeps "billion laughs" documents from expanding without bound.
    """

    def __init__(self, src: SourceFile, first_line: int) -> None:
        self.src = src
        self.first_line = first_line
        self.seen: set[int] = set()
        self.count = 0
        self.aborted = False

    def where(self, node: yaml.Node) -> Position:
        return (self.first_line + node.start_mark.line, node.start_mark.column + 1)

    def build(self, node: yaml.Node, path: KeyPath) -> Any:
        if self.aborted:
            return None
        self.count += 1
        if id(node) in self.seen or self.count > MAX_FRONT_MATTER_NODES:
            line, column = self.where(node)
            self.src.defects.append(Defect(DefectKind.ALIAS, line, column))
            self.aborted = True
            return None
        self.seen.add(id(node))
        if path:
            self.src.positions[path] = self.where(node)
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return scalar(node)

    def mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                line, column = self.where(key_node)
                self.src.defects.append(Defect(DefectKind.YAML_SYNTAX, line, column, detail="clé complexe"))
                continue
            key = str(key_node.value)
            if key == "<<":
                line, column = self.where(key_node)
                self.src.defects.append(Defect(DefectKind.ALIAS, line, column))
                continue
            if key in result:
                line, column = self.where(key_node)
                first = self.src.positions.get((*path, key), (0, 0))[0]
                self.src.defects.append(Defect(DefectKind.DUPLICATE_KEY, line, column, detail=key, extra=str(first)))
                continue
            key_pos = self.where(key_node)
            result[key] = self.build(value_node, (*path, key))
            if not path:  # top-level keys are reported at the key, not the value
                self.src.positions[(key,)] = key_pos
                self.src.positions[(key, "__value__")] = self.where(value_node)
        return result


_BOOL = {"true": True, "false": False}


def scalar(node: yaml.ScalarNode) -> Any:
    """Plain value of a scalar; timestamps stay text so dates are checked by us."""
    tag, value = node.tag, node.value
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return _BOOL.get(value.lower(), value)
    if tag == "tag:yaml.org,2002:int":
        try:
            return int(value.replace("_", ""), 0)
        except ValueError:
            return value
    if tag == "tag:yaml.org,2002:float":
        try:
            return float(value.replace("_", ""))
        except ValueError:
            return value
    return value


def parse_iso_date(value: Any) -> tuple[dt.date | None, str]:
    """A date from ``YYYY-MM-DD`` text, or the reason it is not one."""
    if isinstance(value, dt.date):
        return value, ""
    if not isinstance(value, str):
        return None, "type"
    text = value.strip()
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        return None, "format"
    try:
        return dt.date.fromisoformat(text), ""
    except ValueError:
        return None, "impossible"
