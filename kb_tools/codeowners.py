"""The GitLab CODEOWNERS file, generated from the services of ``kb.yml``.

One section per service (``[État civil] @ville/etat-civil`` then
``/docs/reponses/etat-civil/``), so a merge request touching an answer asks
for the approval of that service's owner; answers whose front matter names
another ``owner`` get their own line. The configuration and the tooling
belong to the maintainers (``site.maintainers`` in kb.yml, or ``--maintainers``;
by default GitLab's Maintainer role, ``@@maintainer``).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from kb_tools.config import ANSWERS_DIR, DOCS_DIR
from kb_tools.kb import KnowledgeBase

CODEOWNERS_PATH = ".gitlab/CODEOWNERS"
DEFAULT_MAINTAINERS = "@@maintainer"
TOOLING_SECTION = "Configuration et outillage"
# Everything that is not an answer: configuration, site, pipeline, engine.
TOOLING_PATHS = (
    "/kb.yml",
    "/mkdocs.yml",
    "/mkdocs-offline.yml",
    "/pyproject.toml",
    "/README.md",
    "/.gitlab-ci.yml",
    "/.gitlab/",
    "/.pre-commit-config.yaml",
    "/.pre-commit-hooks.yaml",
    "/.ci/",
    "/kb_tools/",
    "/hooks/",
    "/scripts/",
    "/tests/",
    "/bench/",
    "/overrides/",
    f"/{DOCS_DIR}/*",  # files directly under docs/ (home page…), not the answers
    f"/{DOCS_DIR}/guide/",
    f"/{DOCS_DIR}/assets/",
    f"/{DOCS_DIR}/javascripts/",
    f"/{DOCS_DIR}/stylesheets/",
)
OWNER_RE = re.compile(r"^(@@?[\w.-]+(/[\w.-]+)*|[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+)$")

HEADER = """\
# Fichier généré par « kb codeowners » à partir de kb.yml : ne le modifiez pas à la main.
# Pour changer le responsable d'un service, modifiez son « owner » dans kb.yml,
# puis lancez : kb codeowners --output .gitlab/CODEOWNERS
# Chaque section demande l'approbation de son responsable dans les demandes de fusion
# (si l'approbation des propriétaires du code est activée sur la branche protégée).
"""


@dataclass
class CodeOwners:
    text: str
    warnings: list[str] = field(default_factory=list)


def maintainers_of(kb: KnowledgeBase, override: str | None = None) -> str:
    if override:
        return override
    return kb.config.maintainers or DEFAULT_MAINTAINERS


def section_name(label: str) -> str:
    return re.sub(r"[\[\]\n]", "", label).strip()


def generate(kb: KnowledgeBase, maintainers: str | None = None) -> CodeOwners:
    owners_of_tooling = maintainers_of(kb, maintainers)
    warnings: list[str] = []
    if not OWNER_RE.match(owners_of_tooling):
        warnings.append(
            f"responsable de l'outillage « {owners_of_tooling} » invalide : attendu @utilisateur, @groupe/sous-groupe ou @@maintainer"
        )
    lines = [HEADER.rstrip("\n"), "", f"[{TOOLING_SECTION}] {owners_of_tooling}"]
    lines += list(TOOLING_PATHS)
    answers_by_service: dict[str, list[tuple[str, str]]] = {}
    for answer in kb.answers:
        parts = answer.rel.split("/")
        if len(parts) == 4:  # docs/reponses/<service>/<id>.md
            answers_by_service.setdefault(parts[2], []).append((answer.rel, answer.owner()))
    seen_names: set[str] = set()
    for key, service in kb.config.services.items():
        name = section_name(service.label) or key
        if name.casefold() in seen_names:
            name = f"{name} ({key})"
        seen_names.add(name.casefold())
        owner = service.owner.strip()
        if owner and not OWNER_RE.match(owner):
            warnings.append(
                f"responsable « {owner} » du service « {key} » invalide : attendu @utilisateur ou @groupe/sous-groupe (corrigez « owner » dans kb.yml)"
            )
        lines += ["", f"[{name}] {owner}".rstrip(), f"/{DOCS_DIR}/{ANSWERS_DIR}/{key}/"]
        for rel, own in sorted(answers_by_service.get(key, [])):
            if own and own != owner:
                if not OWNER_RE.match(own):
                    warnings.append(
                        f"{rel} : responsable « {own} » invalide, ligne ignorée (attendu @utilisateur ou @groupe)"
                    )
                    continue
                lines.append(f"/{rel} {own}")
    return CodeOwners("\n".join(lines) + "\n", warnings)


def diff(current: str, wanted: str, path: str = CODEOWNERS_PATH) -> str:
    return "".join(
        difflib.unified_diff(
            current.splitlines(keepends=True), wanted.splitlines(keepends=True), f"{path} (actuel)", f"{path} (attendu)"
        )
    )
