"""Les liens internes doivent mener à un fichier qui existe.

Les liens s'écrivent avec le chemin relatif du fichier `.md` visé, depuis le
dossier de la réponse.

Exemple en erreur :

```markdown
Voir [le livret de famille](livret-famille.md).
```

Exemple correct :

```markdown
Voir [le livret de famille](livret-de-famille.md) ou
[la carte d'identité](../identite/cni-premiere-demande.md).
```
"""

import functools
import html
import posixpath
from collections.abc import Iterator
from urllib.parse import unquote

from kb_tools.model import Answer
from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule
from kb_tools.textutil import did_you_mean

RULE = Rule("KB203", "broken-link", Level.ERROR)
SCHEMES = ("http:", "https:", "mailto:", "tel:", "ftp:", "data:", "javascript:", "vbscript:")


def resolve(answer: Answer, target: str) -> tuple[str, str] | None:
    """(doc path, anchor) of an internal link, or None for external ones."""
    return _resolve(answer.rel, target)


@functools.lru_cache(maxsize=65_536)  # KB203 and KB204 both resolve every link
def _resolve(rel: str, target: str) -> tuple[str, str] | None:
    target = html.unescape(target).strip() if "&" in target else target.strip()
    if not target or target.lower().replace(" ", "").startswith(SCHEMES) or target.startswith("//") or "{{" in target:
        return None
    path, _, anchor = target.partition("#")
    if not path:
        return rel.split("/", 1)[1], anchor
    path = unquote(path.split("?", 1)[0])
    base = posixpath.dirname(rel.split("/", 1)[1])
    joined = posixpath.normpath(posixpath.join(base, path)) if not path.startswith("/") else path.lstrip("/")
    if path.endswith("/"):
        joined += "/index.md"
    return joined, anchor


@functools.lru_cache(maxsize=8)
def file_names(doc_files: frozenset[str]) -> frozenset[str]:
    return frozenset(p.rsplit("/", 1)[-1] for p in doc_files)


# Suggestions are computed for the first broken links of a file only: each
# one compares the name with every file of the base.
HINTS_PER_FILE = 50


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    kb = ctx.kb
    hints = HINTS_PER_FILE
    for link in answer.links:
        resolved = resolve(answer, link.target)
        if resolved is None:
            continue
        doc_path, _ = resolved
        if doc_path in kb.doc_files or doc_path in kb.virtual_pages:
            continue
        hints -= 1
        hint = did_you_mean(doc_path.rsplit("/", 1)[-1], file_names(kb.doc_files)) if hints >= 0 else ""
        yield RULE.at(
            answer.rel,
            link.line,
            link.column,
            "lien vers un fichier qui n'existe pas",
            expected="le chemin relatif d'un fichier de docs/",
            received=link.target,
            fix=hint
            or "vérifiez le chemin ; depuis une réponse, « ../service/identifiant.md » mène à une autre réponse",
        )
