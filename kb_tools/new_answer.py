"""Creating a new answer from the template (``kb_tools/templates/answer.md``).

Nothing is ever overwritten: :func:`plan_answer` checks the service, the id
and the target path and returns either the file to write or the reasons it
cannot be written, with a suggestion for each.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from string import Template

from kb_tools import scan
from kb_tools.config import ANSWERS_DIR, DOCS_DIR, Config
from kb_tools.files import ANSWER_ID_MAX, ANSWER_ID_RE, suggested_id
from kb_tools.kb import iter_doc_files
from kb_tools.text import add_days, did_you_mean, quote_list

ID_RE = ANSWER_ID_RE
TEMPLATE = "answer.md"


@dataclass
class Plan:
    """What ``kb new`` would write, or why it cannot (``errors``)."""

    path: Path | None = None
    rel: str = ""
    text: str = ""
    errors: list[str] = field(default_factory=list)
    conflict: bool = False  # the id is taken (exit 1), rather than a bad argument (exit 2)
    hints: list[str] = field(default_factory=list)


def template_text() -> str:
    return resources.files("kb_tools").joinpath("templates").joinpath(TEMPLATE).read_text(encoding="utf-8")


def existing_ids(config: Config) -> dict[str, str]:
    """id -> docs-relative path of every answer file (any service)."""
    prefix = ANSWERS_DIR + "/"
    found: dict[str, str] = {}
    if not config.docs_dir.is_dir():
        return found
    for doc_path in iter_doc_files(config.docs_dir):
        if doc_path.startswith(prefix) and doc_path.endswith(".md"):
            found.setdefault(Path(doc_path).stem.casefold(), f"{DOCS_DIR}/{doc_path}")  # as KB201 compares
    return found


def free_id(answer_id: str, taken: set[str] | dict[str, str]) -> str:
    """``answer_id`` itself if free, else the first free ``answer_id-2``, ``-3``…"""
    if answer_id not in taken:
        return answer_id
    base = re.sub(r"-\d+$", "", answer_id) or answer_id
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def title_from_id(answer_id: str) -> str:
    words = answer_id.replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def render(config: Config, service: str, title: str, tags: list[str], today: dt.date) -> str:
    owner = config.services[service].owner
    text = Template(template_text()).substitute(
        title=json.dumps(title, ensure_ascii=False),
        service=service,
        tags=", ".join(tags),
        valid_until=add_days(today, config.default_validity_days).isoformat(),
        reviewed=today.isoformat(),
        owner=owner,
    )
    return _known_placeholders_only(text, config.local)


_WHERE = "- À compléter : le guichet qui reçoit l'usager, ses horaires, son téléphone"


def _known_placeholders_only(text: str, local: dict[str, str]) -> str:
    """Drop the template's lines whose ``{{ placeholders }}`` this base does not
    declare (the draft must validate); a section left empty gets a consigne."""
    lines: list[str] = []
    dropped = kept = False  # in the current section
    for line in [*text.split("\n"), "## "]:
        if line.startswith("## "):
            if dropped and not kept:
                lines[len(lines) - 1 : len(lines) - 1] = [_WHERE]  # before the section's last blank line
            dropped = kept = False
        elif any(m.group(1) not in local for m in scan.PLACEHOLDER_RE.finditer(line)):
            dropped = True
            continue
        elif line.strip():
            kept = True
        lines.append(line)
    return "\n".join(lines[:-1])


def plan_answer(
    config: Config,
    service: str,
    answer_id: str,
    today: dt.date,
    *,
    title: str | None = None,
    tags: list[str] | None = None,
) -> Plan:
    plan = Plan()
    if service not in config.services:
        hint = (
            did_you_mean(service, config.services) or f"services déclarés dans kb.yml : {quote_list(config.services)}"
        )
        plan.errors.append(f"service inconnu « {service} » : {hint}")
    if len(answer_id) > ANSWER_ID_MAX:
        plan.errors.append(
            f"identifiant trop long ({len(answer_id)} caractères, au plus {ANSWER_ID_MAX}) : "
            f"raccourcissez-le, par exemple « {suggested_id(answer_id[:ANSWER_ID_MAX])} »"
        )
    elif not ID_RE.match(answer_id):
        plan.errors.append(
            f"identifiant invalide « {answer_id} » : minuscules sans accents, chiffres et tirets seulement, "
            f"par exemple « {suggested_id(answer_id)} »"
        )
    chosen_tags = list(tags or [])
    unknown = [t for t in chosen_tags if t not in config.tags]
    for tag in unknown:
        hint = did_you_mean(tag, config.tags) or f"étiquettes déclarées : {quote_list(config.tags)}"
        plan.errors.append(f"étiquette inconnue « {tag} » : {hint}")
    if plan.errors:
        return plan
    taken = existing_ids(config)
    rel = f"{DOCS_DIR}/{ANSWERS_DIR}/{service}/{answer_id}.md"
    path = config.root / rel
    if path.exists():
        plan.conflict = True
        plan.errors.append(
            f"{rel} existe déjà : rien n'a été écrit. Modifiez ce fichier, ou choisissez un autre identifiant, par exemple « {free_id(answer_id, taken)} »"
        )
        return plan
    if answer_id in taken:
        plan.conflict = True
        plan.errors.append(
            f"l'identifiant « {answer_id} » est déjà pris par {taken[answer_id]} (les identifiants sont uniques dans toute la base) : "
            f"choisissez-en un autre, par exemple « {free_id(answer_id, taken)} »"
        )
        return plan
    if not chosen_tags and service in config.tags:
        chosen_tags = [service]
    if not chosen_tags:
        plan.hints.append(
            f"ajoutez au moins une étiquette dans « tags » (étiquettes déclarées : {quote_list(config.tags)})"
        )
    plan.path, plan.rel = path, rel
    plan.text = render(config, service, title or title_from_id(answer_id), chosen_tags, today)
    return plan


def write_answer(plan: Plan) -> None:
    """Write the planned file; never replaces an existing one."""
    if plan.path is None:
        raise ValueError("nothing to write: the plan has errors")
    plan.path.parent.mkdir(parents=True, exist_ok=True)
    with plan.path.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(plan.text)
