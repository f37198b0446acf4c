"""The places on the site: local details that follow the place the agent chose.

With a ``places:`` section in kb.yml, an answer's placeholders are not only
filled with the territory's defaults: each one becomes
``<span class="kb-local" data-kb-key="mairie.horaires">default</span>``, and
``assets/kb-places.js`` replaces the text with the chosen place's value, from
the data file :func:`data_script` writes (``assets/kb-places-data.js``, a
script that sets ``window.KB_PLACES``: it loads from ``file://`` too, where a
``fetch()`` of JSON does not). One build serves every place.

Where a span cannot go, the default value is written as before:

- a link whose whole target is a placeholder, ``[portail]({{ x.url }})``,
  gets the default address and ``data-kb-href="x.url"`` (an attribute list),
  and the script changes the address too;
- a placeholder inside a longer address, an autolink ``<…>``, an HTML tag or a
  reference definition keeps the default value for every place;
- inside inline code, the placeholder is filled as before (code is shown as typed).

Without ``places:``, answers are rendered exactly as before.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping

from kb_tools import scan
from kb_tools.config import Config
from kb_tools.places import Place, site_data
from kb_tools.site.page_text import attr

DATA_SCRIPT = "assets/kb-places-data.js"
# Shown (and printed) where a placeholder has no default and no place is chosen yet.
NO_DEFAULT = "(choisissez votre lieu : « Je suis à … » en haut de la page)"
_WHOLE_TARGET = re.compile(r"\]\(\s*(" + scan.PLACEHOLDER_RE.pattern + r")\s*\)")


def fill(body: str, config: Config) -> str:
    """The body with its placeholders filled for the site (see the module)."""
    if not config.places:
        return scan.fill_placeholders(body, config.local)
    known = {name for p in config.places.values() for name in p.local} | set(config.local)
    lines = body.split("\n")
    for offset, blanked in scan.prose_lines(body, 0):  # fenced code is left as typed
        if "{{" in lines[offset]:
            lines[offset] = _fill_line(lines[offset], blanked, config.local, known)
    return "\n".join(lines)


def _fill_line(line: str, blanked: str, defaults: Mapping[str, str], known: set[str]) -> str:
    ref = scan.REF_DEF_RE.match(line) if "]:" in line else None
    ref_start = ref.start(1) if ref else len(line) + 1
    whole_targets = {w.start(1): w for w in _WHOLE_TARGET.finditer(line)}
    out: list[str] = []
    last = 0
    for m in scan.PLACEHOLDER_RE.finditer(line):
        if m.start() < last:
            continue
        name = m.group(1)
        out.append(line[last : m.start()])
        last = m.end()
        prefix = line[: m.start()]
        if name not in known:  # left as typed (KB205 reports it)
            out.append(m.group())
        elif blanked[m.start() : m.end()] != m.group() or prefix.count("`") % 2:  # inline code: as before
            out.append(defaults.get(name, m.group()))
        elif m.start() in whole_targets and m.start() < ref_start:
            whole = whole_targets[m.start()]
            target = defaults.get(name, "#")
            out.append(f'{target}{line[m.end() : whole.end()]}{{: data-kb-href="{attr(name)}" }}')
            last = whole.end()
        elif m.start() >= ref_start or _in_target(prefix):
            out.append(defaults.get(name, m.group()))
        else:
            value = defaults.get(name, NO_DEFAULT)
            out.append(f'<span class="kb-local" data-kb-key="{attr(name)}">{value}</span>')
    out.append(line[last:])
    return "".join(out)


def _in_target(prefix: str) -> bool:
    """Whether what follows ``prefix`` is inside a link target, an autolink or an HTML tag."""
    if prefix.rfind("<") > prefix.rfind(">"):
        return True
    opening = prefix.rfind("](")
    return opening >= 0 and ")" not in prefix[opening + 2 :]


def used_placeholders(bodies: Iterable[str]) -> set[str]:
    return {name for body in bodies for name, _, _ in scan.placeholders(body, 1)}


def data_script(defaults: Mapping[str, str], places: Mapping[str, Place], used: Iterable[str]) -> str:
    """``assets/kb-places-data.js``: every place's values, as a script (ASCII JSON)."""
    data = json.dumps(site_data(defaults, places, used), ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    data = data.replace("<", "\\u003c")  # never "</script" in it, wherever it is pasted
    return f"window.KB_PLACES = {data};\n"
