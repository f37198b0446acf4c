"""Freshness of the knowledge base: which answers are expired or expire soon,
grouped by owner and service, and the reports made of that list.

The problems themselves come from the two opt-in rules KB301 (expired) and
KB302 (expiring soon), so ``kb expiry`` and ``kb validate --check-expiry``
can never disagree. The partners' contacts declared in kb.yml (level 2)
past their ``valid_until`` are listed too, like expired answers (KB303).
``today`` is always a parameter.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from kb_tools.codeowners import DEFAULT_MAINTAINERS, maintainers_of
from kb_tools.kb import KnowledgeBase
from kb_tools.pii import mask_text
from kb_tools.problem import Problem
from kb_tools.report import as_dict
from kb_tools.report import to_codequality as problems_to_codequality
from kb_tools.rules import expired, expiring_soon, partner_contact_expired
from kb_tools.rules._base import Context
from kb_tools.text import french_date
from kb_tools.urls import edit_url

NO_OWNER = "(sans responsable)"
PARTNERS_SERVICE = "partenaires"  # the group of the partners' contacts (kb.yml), beside the services
PARTNERS_LABEL = "Contacts des partenaires France Services (kb.yml)"


@dataclass(frozen=True)
class ExpiryItem:
    """One answer to check again, with the KB301/KB302 problem about it."""

    answer_id: str
    title: str
    path: str
    service: str
    service_label: str
    owner: str  # "" when neither the answer nor its service names one
    valid_until: dt.date
    days_left: int  # negative when expired
    problem: Problem
    kind: str = "answer"  # or "partner": a partner's contact in kb.yml (answer_id is the partner's key)

    def __post_init__(self) -> None:
        # Titles and file names go into digests and GitLab issues: masked like problems.
        for name in ("answer_id", "title", "path"):
            object.__setattr__(self, name, mask_text(getattr(self, name)))

    @property
    def expired(self) -> bool:
        return self.days_left < 0

    @property
    def state(self) -> str:
        return "expired" if self.expired else "expiring"

    def state_fr(self) -> str:
        if self.kind == "partner":
            return f"contact à revérifier depuis {-self.days_left} jour(s)"
        if self.expired:
            return f"expirée depuis {-self.days_left} jour(s)"
        if self.days_left == 0:
            return "expire aujourd'hui"
        return f"expire dans {self.days_left} jour(s)"


@dataclass(frozen=True)
class ExpiryReport:
    today: dt.date
    days: int
    items: tuple[ExpiryItem, ...]
    checked: tuple[str, ...]  # every published answer that has a valid_until
    repo_url: str = ""
    edit_branch: str = "main"
    checked_partners: tuple[str, ...] = ()  # keys of the partners whose contact has a valid_until

    @property
    def expired(self) -> list[ExpiryItem]:
        return [i for i in self.items if i.expired]

    @property
    def expiring(self) -> list[ExpiryItem]:
        return [i for i in self.items if not i.expired]

    @property
    def problems(self) -> list[Problem]:
        return sorted(i.problem for i in self.items)

    def owners(self) -> list[str]:
        return sorted({i.owner for i in self.items})

    def by_owner(self) -> dict[str, dict[str, list[ExpiryItem]]]:
        """owner -> service key -> items (oldest valid_until first)."""
        grouped: dict[str, dict[str, list[ExpiryItem]]] = {}
        for item in sorted(self.items, key=lambda i: (i.owner, i.service, i.valid_until, i.path)):
            grouped.setdefault(item.owner, {}).setdefault(item.service, []).append(item)
        return grouped

    def edit_url(self, item: ExpiryItem) -> str:
        """Link to the GitLab editor for the answer ("" without repo_url)."""
        return edit_url(self.repo_url, self.edit_branch, item.path) or ""


def find_expiring(kb: KnowledgeBase, today: dt.date, days: int | None = None) -> ExpiryReport:
    """Published answers expired at ``today`` or expiring within ``days``
    (default: ``freshness.expiring_days`` of kb.yml)."""
    window = kb.config.expiring_days if days is None else days
    ctx = Context(kb=kb, today=today, expiring_days=window, changed=None)
    items: list[ExpiryItem] = []
    checked: list[str] = []
    for answer in kb.answers:
        until = answer.valid_until
        if not answer.readable or until is None or answer.status != "published":
            continue
        checked.append(mask_text(answer.rel))
        found = [*expired.check(answer, ctx), *expiring_soon.check(answer, ctx)]
        if not found:
            continue
        service = kb.config.services.get(answer.service or "")
        items.append(
            ExpiryItem(
                answer_id=answer.id,
                title=answer.title or answer.id,
                path=answer.rel,
                service=answer.service or "",
                service_label=service.label if service else (answer.service or "sans service"),
                owner=answer.owner(service.owner if service else ""),
                valid_until=until,
                days_left=(until - today).days,
                problem=found[0],
            )
        )
    items += partner_items(kb, ctx)
    items.sort(key=lambda i: (i.owner, i.service, i.valid_until, i.path))
    partners = tuple(key for key, p in kb.config.partners.items() if p.valid_until is not None)
    return ExpiryReport(
        today, window, tuple(items), tuple(sorted(checked)), kb.config.repo_url, kb.config.edit_branch, partners
    )


def partner_items(kb: KnowledgeBase, ctx: Context) -> list[ExpiryItem]:
    """The partners' contacts past their ``valid_until`` (rule KB303), owned by
    the partner's ``owner`` or else the maintainers of kb.yml."""
    maintainers = maintainers_of(kb)
    default_owner = "" if maintainers == DEFAULT_MAINTAINERS else maintainers
    items = []
    for partner, problem in partner_contact_expired.expired_contacts(ctx):
        until = partner.valid_until or ctx.today
        items.append(
            ExpiryItem(
                answer_id=partner.key,
                title=f"Contact du partenaire {partner.label}",
                path=kb.config.path,
                service=PARTNERS_SERVICE,
                service_label=PARTNERS_LABEL,
                owner=partner.owner or default_owner,
                valid_until=until,
                days_left=(until - ctx.today).days,
                problem=problem,
                kind="partner",
            )
        )
    return items


def owner_name(owner: str) -> str:
    return owner or NO_OWNER


# What GitLab acts upon in an issue description: quick actions at a line
# start (``/close``, ``/assign @x``) and references anywhere (``@user``,
# ``@all``, ``#12``, ``!3``, ``~label``, ``%jalon``, ``$12``, ``&3``).
_CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")
_REFERENCE = re.compile(r"([@#!~%$&])(?=[\w\"'])")
_MENTION = re.compile(r"^@[A-Za-z0-9_][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$")
_EVERYONE = {"@all", "@here"}
_MARKUP = re.compile(r"([\\`*_\[\]<>|])")
WORD_JOINER = "\u2060"  # invisible: the text reads the same, GitLab sees no reference


def inert(text: str) -> str:
    """Text from an answer or kb.yml (a title, a label) made inert for a
    GitLab issue: on one line, so it never starts a line with a quick action,
    with every reference broken by an invisible word joiner, so it mentions
    and links nobody, and with its Markdown markup escaped. Every such text goes
    through here before it is written into an issue."""
    text = _CONTROL.sub(" ", text)
    text = _REFERENCE.sub(lambda m: m.group(1) + WORD_JOINER, text)
    if text.lstrip().startswith("/"):
        text = WORD_JOINER + text
    return _MARKUP.sub(r"\\\1", text)


def code_span(text: str) -> str:
    """``text`` as inline code on one line (a backtick cannot end it early)."""
    return "`" + _CONTROL.sub(" ", text).replace("`", "'") + "`"


def mention(owner: str) -> str:
    """The owner as written in an issue: a single ``@user`` or ``@group/sub``
    stays a mention (the digest greets them); anything else, ``@all``
    included, is made inert."""
    if _MENTION.match(owner) and owner.lower() not in _EVERYONE:
        return owner
    return inert(owner_name(owner))


def counts_fr(items: list[ExpiryItem]) -> str:
    contacts = sum(i.kind == "partner" for i in items)
    gone = sum(i.expired for i in items) - contacts
    soon = len(items) - gone - contacts
    text = f"{gone} réponse(s) expirée(s), {soon} à revérifier bientôt"
    return text + (f", {contacts} contact(s) de partenaire à revérifier" if contacts else "")


# Output formats: one small function each, over the report.


def to_text(report: ExpiryReport) -> str:
    """Human-readable, grouped by owner then service; each line starts with
    ``path:line:col`` like ``kb validate``."""
    lines = [
        f"Contrôle des dates du {report.today.isoformat()} : réponses expirées ou qui expirent d'ici {report.days} jour(s)."
    ]
    for owner, services in report.by_owner().items():
        owned = [i for items in services.values() for i in items]
        lines += ["", f"{owner_name(owner)} — {counts_fr(owned)}"]
        for items in services.values():
            lines.append(f"  {items[0].service_label} ({items[0].service or '?'})")
            for i in items:
                p = i.problem
                level = "erreur" if p.is_error else "avertissement"
                lines.append(
                    f"    {p.path}:{p.line}:{p.column}: {p.rule_id} {p.rule_name} [{level}] « {i.title} » {i.state_fr()} (valid_until : {i.valid_until.isoformat()})"
                )
    lines += [
        "",
        f"{counts_fr(list(report.items))} sur {len(report.checked)} réponse(s) publiée(s) datée(s)."
        if report.items
        else "Aucune réponse expirée ni à revérifier bientôt.",
    ]
    return "\n".join(lines) + "\n"


def item_dict(item: ExpiryItem, report: ExpiryReport) -> dict[str, object]:
    return {
        "id": item.answer_id,
        "title": item.title,
        "path": item.path,
        "line": item.problem.line,
        "valid_until": item.valid_until.isoformat(),
        "days_left": item.days_left,
        "state": item.state,
        "rule": item.problem.rule_id,
        "edit_url": report.edit_url(item),
        "kind": item.kind,
    }


def to_json(report: ExpiryReport) -> str:
    owners = []
    for owner, services in report.by_owner().items():
        owners.append(
            {
                "owner": owner,
                "services": [
                    {"service": key, "label": items[0].service_label, "answers": [item_dict(i, report) for i in items]}
                    for key, items in services.items()
                ],
            }
        )
    payload = {
        "today": report.today.isoformat(),
        "days": report.days,
        "checked": len(report.checked),
        "checked_partners": len(report.checked_partners),
        "expired": len(report.expired),
        "expiring": len(report.expiring),
        "owners": owners,
        "problems": [as_dict(p) for p in report.problems],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def to_junit(report: ExpiryReport) -> str:
    """One test suite per service, one test case per dated answer: expired
    answers fail, answers expiring soon pass with a note in their output."""
    by_path = {i.path: i for i in report.items if i.kind == "answer"}
    services: dict[str, list[str]] = {}
    for path in report.checked:
        service = path.split("/")[2] if path.count("/") >= 3 else ""
        services.setdefault(service, []).append(path)
    failures = len(report.expired)
    tests = len(report.checked) + len(report.checked_partners)
    root = ET.Element("testsuites", name="kb expiry", tests=str(tests), failures=str(failures))
    for service in sorted(services):
        paths = services[service]
        fails = sum(1 for p in paths if p in by_path and by_path[p].expired)
        suite = ET.SubElement(
            root,
            "testsuite",
            name=f"kb expiry {service}",
            tests=str(len(paths)),
            failures=str(fails),
            errors="0",
            skipped="0",
        )
        for path in paths:
            case = ET.SubElement(suite, "testcase", classname=f"kb.expiry.{service}", name=path, file=path)
            item = by_path.get(path)
            if item is None:
                continue
            text = f"« {item.title} » {item.state_fr()} (valid_until : {item.valid_until.isoformat()}, responsable : {owner_name(item.owner)})"
            if item.expired:
                failure = ET.SubElement(
                    case,
                    "failure",
                    type=f"{item.problem.rule_id} {item.problem.rule_name}",
                    message=f"{path}:{item.problem.line}: {text}",
                )
                failure.text = item.problem.full_message()
            else:
                ET.SubElement(case, "system-out").text = f"{item.problem.rule_id} {item.problem.rule_name} : {text}"
    if report.checked_partners:
        _partners_suite(root, report)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _partners_suite(root: ET.Element, report: ExpiryReport) -> None:
    """One test case per partner contact with a ``valid_until``: failed when past it."""
    by_key = {i.answer_id: i for i in report.items if i.kind == "partner"}
    suite = ET.SubElement(
        root,
        "testsuite",
        name=f"kb expiry {PARTNERS_SERVICE}",
        tests=str(len(report.checked_partners)),
        failures=str(len(by_key)),
        errors="0",
        skipped="0",
    )
    for key in report.checked_partners:
        case = ET.SubElement(suite, "testcase", classname=f"kb.expiry.{PARTNERS_SERVICE}", name=key, file="kb.yml")
        item = by_key.get(key)
        if item is not None:
            p = item.problem
            text = f"« {item.title} » {item.state_fr()} (valid_until : {item.valid_until.isoformat()}, responsable : {owner_name(item.owner)})"
            failure = ET.SubElement(
                case, "failure", type=f"{p.rule_id} {p.rule_name}", message=f"{p.path}:{p.line}: {text}"
            )
            failure.text = p.full_message()


def to_codequality(report: ExpiryReport) -> str:
    return problems_to_codequality(report.problems, report.checked)


def owner_digest(report: ExpiryReport, owner: str) -> str:
    """The Markdown digest for one owner: the description of their issue."""
    services = report.by_owner().get(owner, {})
    owned = [i for items in services.values() for i in items]
    gone = sum(i.expired for i in owned)
    soon = len(owned) - gone
    out = [
        f"Bonjour {mention(owner)},",
        "",
        f"Contrôle des dates du {french_date(report.today)} : **{gone} réponse(s) expirée(s)** et "
        f"**{soon} réponse(s) à revérifier** d'ici {report.days} jours.",
    ]
    if not owned:
        out += ["", "Rien à revérifier : toutes vos réponses sont à jour. Merci !"]
    for items in services.values():
        out += [
            "",
            f"### {inert(items[0].service_label)}",
            "",
            "| Réponse | Valable jusqu'au | État | Fichier |",
            "| --- | --- | --- | --- |",
        ]
        for i in items:
            url = report.edit_url(i)
            title = inert(i.title)
            name = f"[{title}]({url})" if url else title
            state = f"**{i.state_fr()}**" if i.expired else i.state_fr()
            out.append(f"| {name} | {french_date(i.valid_until)} | {state} | {code_span(i.path)} |")
    if owned:
        out += [
            "",
            "#### Que faire ?",
            "",
            "1. Relisez chaque réponse et vérifiez-la auprès de ses sources (champ `sources`).",
            "2. Corrigez ce qui a changé, puis mettez `reviewed` à la date du jour et repoussez `valid_until`.",
            "3. Proposez la modification par une demande de fusion (le lien du titre ouvre l'éditeur de GitLab).",
            "",
            "Une réponse expirée reste publiée, mais une demande de fusion qui la modifie sans repousser "
            "`valid_until` est refusée par la validation.",
        ]
    if any(i.kind == "partner" for i in owned):
        out += [
            "",
            "Pour un **contact de partenaire** (fichier `kb.yml`, section `partners`) : appelez le partenaire, "
            "vérifiez le correspondant, le téléphone, l'adresse et l'espace partenaire, puis mettez à jour "
            "`reviewed` et `valid_until` du partenaire.",
        ]
    out += [
        "",
        "_Ce ticket est tenu à jour automatiquement par le contrôle des dates de chaque nuit ; il se ferme tout seul quand il n'y a plus rien à revérifier._",
    ]
    return "\n".join(out) + "\n"


def to_markdown(report: ExpiryReport) -> str:
    """Every owner's digest, one section each."""
    out = [f"# Réponses à revérifier — contrôle du {french_date(report.today)}", ""]
    if not report.items:
        out.append("Aucune réponse expirée ni à revérifier bientôt.")
    for owner in report.owners():
        out += [f"## {mention(owner)}", "", owner_digest(report, owner)]
    return "\n".join(out).rstrip("\n") + "\n"


FORMATS: dict[str, Callable[[ExpiryReport], str]] = {
    "text": to_text,
    "json": to_json,
    "junit": to_junit,
    "codequality": to_codequality,
    "markdown": to_markdown,
}
