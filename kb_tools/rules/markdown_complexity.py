"""Pas de texte que le générateur du site mettrait des minutes à publier.

Le générateur du site (Python-Markdown) relit le reste du paragraphe pour
chaque crochet `[` (ou parenthèse de lien `](`) jamais refermé, le reste de la
page pour chaque début de balise `<a` sans `>` ou chaque bloc de code jamais
refermé, et tout le paragraphe pour chaque signe de mise en forme.
Quelques-uns ne coûtent rien ; des milliers (un copier-coller raté, un texte
malveillant) bloquent la construction du site pendant des minutes, tout comme
des milliers de titres identiques ou d'abréviations `*[…]:`. Des listes ou
citations imbriquées sur des dizaines de niveaux la font échouer, et une
réponse de plus de 400 000 caractères (cent fois une longue réponse) se
découpe en plusieurs. Une telle réponse est refusée avant la construction ; le
message donne la ligne où commence le texte en cause.

Exemple en erreur :

```markdown
[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ … (des milliers de crochets jamais refermés)
```

Exemple correct :

```markdown
[Texte du lien](../etat-civil/acte-de-naissance.md)
```
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from kb_tools import scan
from kb_tools.model import Answer
from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule
from kb_tools.text import slugify

RULE = Rule("KB405", "markdown-too-complex", Level.ERROR)

MAX_CHARS = 400_000  # a long answer is 4,000 characters
# Estimated work of Python-Markdown, in units of about 0.3 µs (measured with
# Python-Markdown 3.11 and the site's extensions): 2 million is under a second.
# Real answers stay below 20,000 (tested on the starter base).
WORK_LIMIT = 2_000_000
ANGLE_WEIGHT = 0.2  # each "<a" re-reads to the next ">" (HTML parser)
FENCE_WEIGHT = 0.2  # each unclosed fence re-reads to the end (fenced_code)
BLOCK_WEIGHT = 1 / 600  # each code block copies the whole text (fenced_code)
INLINE_WEIGHT = 1 / 300  # each markup sign rebuilds its paragraph's text (inline patterns)
HEADING_WEIGHT = 1.0  # the k-th same heading counts k numbers before its anchor is free (toc)
ABBR_WEIGHT = 2.0  # each abbreviation definition is compared with every other (abbr)
BLOCK_COUNT_WEIGHT = 0.001  # each paragraph is taken off the front of the list of paragraphs
TAB_WEIGHT = 0.05  # each tab "=== " walks the tabs before it (pymdownx.tabbed)
# Python-Markdown parses each level of list or quote nesting recursively.
NESTING_LIMIT = 40  # list or quote markers at the start of one line
INDENT_LIMIT = 120  # columns of indentation (nested lists of 30 levels)

_TOKEN = re.compile(r"\n[ \t]*+(?=\n)|\]\(|[\[\]()]|<[A-Za-z/!?]|>")
# A line nested too deep: more list or quote markers than NESTING_LIMIT, or
# more indentation than INDENT_LIMIT columns (a tab counts 4), before text.
# Possessive: no backtracking.
_DEEP = re.compile(
    rf"(?:[ \t]*+(?:[-*+]|\d{{1,9}}[.)]|>)(?:[ \t]++|$)){{{NESTING_LIMIT + 1}}}"
    rf"|(?:[ \t]{{{INDENT_LIMIT + 1}}}|\t{{{INDENT_LIMIT // 4 + 1}}})(?=[ \t]*+\S)"
)  # used with .match on lines long enough to hold that many markers (2 characters each)
_NEST_START = frozenset(" \t-*+>0123456789")
_BLANK = re.compile(r"\n[ \t]*+\n")
_ABBR = re.compile(r"^[ ]{0,3}+\*\[", re.MULTILINE)
_TAB = re.compile(r"^[ \t]*+===", re.MULTILINE)
_SUFFIX = re.compile(r"_\d+$")
_SETEXT = re.compile(r"[ ]{0,3}+(?:=++|-++)[ \t]*+$")
MARKUP = "\\`*_&[<!"


CAUSES = {
    "brackets": "des crochets « [ » ou parenthèses de lien jamais refermés",
    "angles": "des débuts de balise « < » sans « > »",
    "fences": "des blocs de code ouverts par ``` ou ~~~ jamais refermés",
    "inline": "des milliers de signes de mise en forme dans un même paragraphe",
    "headings": "des centaines de titres identiques",
    "abbreviations": "des centaines de définitions d'abréviations « *[…]: »",
    "blocks": "des dizaines de milliers de paragraphes",
    "tabs": "des milliers d'onglets « === »",
}


@dataclass
class Work:
    """Estimated work by cause, and where the heaviest cause starts."""

    brackets: float = 0.0
    angles: float = 0.0
    fences: float = 0.0
    inline: float = 0.0
    headings: float = 0.0
    abbreviations: float = 0.0
    blocks: float = 0.0
    tabs: float = 0.0
    where: dict[str, int] = field(default_factory=dict)  # cause -> offset in the body of its first instance

    @property
    def total(self) -> float:
        return float(sum(getattr(self, cause) for cause in CAUSES))

    def heaviest(self) -> str:
        return max(CAUSES, key=lambda cause: getattr(self, cause))


def markdown_work(
    body: str, headings: Sequence[tuple[str, str, int]] = (), first_line: int = 1, *, exact: bool = False
) -> Work:
    """The estimated work (see ``WORK_LIMIT``) of converting ``body``: linear;
    brackets and tag starts are counted exactly only when a cheap bound says
    they matter (or when ``exact``)."""
    work = Work()
    where = work.where
    size, half = len(body), WORK_LIMIT / 2
    # Cheap upper bounds first (the size, a few str.count): most answers stop here.
    signs = sum(body.count(c) for c in MARKUP) + body.count("  \n") if INLINE_WEIGHT * size * size > half else 0
    opening = body.count("[") + body.count("](") if size * size > half else 0
    bound = 0
    if (
        exact
        or INLINE_WEIGHT * signs * size > half
        or opening * size > half
        or BLOCK_COUNT_WEIGHT * (size / 2) ** 2 > half
    ):
        blocks = _blocks(body)
        for start, end in blocks:
            block = body[start:end]
            bound += (block.count("[") + block.count("](")) * (end - start)
            block_signs = sum(block.count(c) for c in MARKUP) + block.count("  \n")
            if block_signs:
                work.inline += INLINE_WEIGHT * block_signs * (end - start)
                where.setdefault("inline", start)
        work.blocks = BLOCK_COUNT_WEIGHT * len(blocks) ** 2
        where["blocks"] = 0
    if exact or (size > 3 * (half / TAB_WEIGHT) ** 0.5 and body.count("===") > (half / TAB_WEIGHT) ** 0.5):
        tabs = [m.start() for m in _TAB.finditer(body)]
        work.tabs = TAB_WEIGHT * len(tabs) ** 2
        if tabs:
            where["tabs"] = tabs[0]
    if exact or bound > half or (ANGLE_WEIGHT * size * size > half and ANGLE_WEIGHT * body.count("<") * size > half):
        _brackets_and_angles(body, work)
    fence_weight = FENCE_WEIGHT + BLOCK_WEIGHT
    fences = exact or (
        fence_weight * size * size / 3 > half and fence_weight * (body.count("```") + body.count("~~~")) * size > half
    )
    # "Titre" over "=====" or "-----" is a heading too (200 characters hold 100 of them)
    setext = exact or (size > 200 and body.count("\n=") + body.count("\n-") > 100)
    lines = body.split("\n") if fences or setext or len(headings) > 100 else []
    if fences:
        _fences(lines, work)
    titles = (
        [(_SUFFIX.sub("", anchor), line - first_line) for anchor, _, line in headings] if len(headings) > 100 else []
    )
    if setext:
        titles += [
            (slugify(lines[i - 1]), i - 1)
            for i in range(1, len(lines))
            if lines[i - 1].strip() and _SETEXT.match(lines[i])
        ]
    if len(titles) > 100:
        counts = Counter(anchor for anchor, _ in titles)
        work.headings = HEADING_WEIGHT * sum(k * (k - 1) / 2 for k in counts.values())
        if work.headings:
            top = max(counts, key=lambda anchor: counts[anchor])
            where["headings"] = _offset_of_line(lines, min(i for anchor, i in titles if anchor == top))
    if exact or (size > 2 * (half / ABBR_WEIGHT) ** 0.5 and body.count("*[") > (half / ABBR_WEIGHT) ** 0.5):
        abbreviations = [m.start() for m in _ABBR.finditer(body)]
        work.abbreviations = ABBR_WEIGHT * len(abbreviations) ** 2
        if abbreviations:
            where["abbreviations"] = abbreviations[0]
    return work


def _blocks(body: str) -> list[tuple[int, int]]:
    """(start, end) of the paragraphs of ``body`` (split at blank lines)."""
    blocks, start = [], 0
    for m in _BLANK.finditer(body):
        blocks.append((start, m.start()))
        start = m.end()
    blocks.append((start, len(body)))
    return blocks


def _offset_of_line(lines: Sequence[str], index: int) -> int:
    return sum(len(line) + 1 for line in lines[:index])


def _brackets_and_angles(body: str, work: Work) -> None:
    """Each "[" (and "(" opened by "](") costs the distance to its closing
    character, or to the end of its paragraph; each tag start the distance to
    the next ">". One pass, with stacks."""
    where = work.where
    brackets: list[int] = []
    parens: list[tuple[int, bool]] = []  # (offset, opened by "](")
    angles_n = angles_sum = 0

    def close_block(end: int) -> None:
        if brackets:
            work.brackets += len(brackets) * end - sum(brackets)
            where.setdefault("brackets", brackets[0])
            brackets.clear()
        links = [p for p, link in parens if link]
        if links:
            work.brackets += len(links) * end - sum(links)
            where.setdefault("brackets", links[0])
        parens.clear()

    for m in _TOKEN.finditer(body):
        token, pos = m.group(), m.start()
        first = token[0]
        if first == "\n":
            close_block(pos)
        elif first == "]":
            if brackets:
                work.brackets += pos - brackets.pop()
            if token == "](":
                parens.append((pos + 1, True))
        elif first == "[":
            brackets.append(pos)
        elif first == "(":
            parens.append((pos, False))
        elif first == ")":
            if parens:
                start, link = parens.pop()
                work.brackets += pos - start if link else 0
        elif first == "<":
            if not angles_n:
                where.setdefault("angles", pos)
            angles_n += 1
            angles_sum += pos
        elif angles_n:  # ">"
            work.angles += ANGLE_WEIGHT * (angles_n * pos - angles_sum)
            angles_n = angles_sum = 0
    close_block(len(body))
    work.angles += ANGLE_WEIGHT * (angles_n * len(body) - angles_sum)


def _fences(lines: Sequence[str], work: Work) -> None:
    """Each opening fence never closed costs the rest of the text; each code
    block, a copy of the whole text (fenced_code rebuilds it)."""
    blocks = scan.fenced_blocks(lines)
    code = scan.code_lines(lines, blocks)
    total = sum(len(line) + 1 for line in lines)
    work.fences += BLOCK_WEIGHT * len(blocks) * total
    offset = 0
    for line, is_code in zip(lines, code, strict=True):
        if not is_code and line[:3] in ("```", "~~~") and scan.fence_opening(line):
            work.fences += FENCE_WEIGHT * (total - offset)
            work.where.setdefault("fences", offset)
        offset += len(line) + 1
    if blocks:
        work.where.setdefault("fences", _offset_of_line(lines, blocks[0][0]))


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    body = answer.src.body
    located = scan.Located(body, answer.src.body_line)
    if len(body) > MAX_CHARS:
        yield RULE.at(
            answer.rel,
            answer.src.body_line,
            1,
            "réponse trop longue pour être publiée",
            expected=f"au plus {MAX_CHARS:,} caractères".replace(",", " "),
            received=f"{len(body):,} caractères".replace(",", " "),
            fix="découpez-la en plusieurs réponses liées par « related », ou supprimez le texte collé par erreur",
        )
        return
    work = markdown_work(body, answer.headings, answer.src.body_line)
    if work.total > WORK_LIMIT:
        cause = work.heaviest()
        line, column = located.position(work.where.get(cause, 0))
        yield RULE.at(
            answer.rel,
            line,
            column,
            f"texte trop complexe pour être publié : {CAUSES[cause]}",
            expected=f"une mise en page estimée à moins de {WORK_LIMIT:,} unités (une seconde)".replace(",", " "),
            received=f"environ {int(work.total):,} unités".replace(",", " "),
            fix="refermez crochets, balises et blocs de code, ou supprimez le texte collé par erreur à partir d'ici",
        )
    shortest = min(2 * NESTING_LIMIT + 1, INDENT_LIMIT // 4 + 1)
    deep = next(
        (
            (n, m)
            for n, text in answer.prose
            if len(text) > shortest and text[0] in _NEST_START and (m := _DEEP.match(text))
        ),
        None,
    )
    if deep:
        yield RULE.at(
            answer.rel,
            deep[0],
            1,
            "listes ou citations imbriquées trop profondément pour être publiées",
            expected=f"au plus {NESTING_LIMIT} niveaux et {INDENT_LIMIT} colonnes de retrait",
            received=deep[1].group()[:40].strip() + "…",
            fix="mettez ce texte à plat : quelques niveaux de liste suffisent",
        )
