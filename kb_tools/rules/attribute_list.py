"""Une liste d'attributs (`{: … }`) ne pose que `id`, `class` et quelques attributs sans risque.

La syntaxe `{: … }` (extension *attr_list*) ajoute des attributs HTML à un
paragraphe, un titre, un lien ou une image. Seuls sont permis `#identifiant`,
`.classe` et les attributs `id`, `class`, `title`, `lang`, `alt`, `width`,
`height` et `loading` : un gestionnaire d'événement (`onclick=`…), un style
ou une adresse (`href=`, `src=`) exécuteraient du code ou changeraient la
destination d'un lien. Le site les retire de toute façon à la publication.

Exemple en erreur :

```markdown
Texte important
{: onclick="alert(1)" style="color: red" }
```

Exemple correct :

```markdown
Texte important
{: .kb-important #texte-important }
```
"""

import re
from collections.abc import Iterator

from kb_tools.model import Answer
from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule

RULE = Rule("KB404", "attribute-list", Level.ERROR)
ALLOWED = frozenset({"id", "class", "title", "lang", "alt", "width", "height", "loading"})
# One brace group on one line (no brace inside: linear, whatever the text).
GROUP_RE = re.compile(r"\{:?[ ]*[^{}\n ][^{}\n]*\}")
# ``key=value`` as attr_list reads it: double quotes, single quotes or a bare word.
PAIR_RE = re.compile(r"""(?<![^\s{:])([^\s={}"']+)=(?:"[^"\n]*"|'[^'\n]*'|[^\s{}]+)""")
FIX = (
    "gardez « #identifiant » et « .classe » (ou id, class, title, lang, alt, width, height, loading) ; retirez le reste"
)


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    masked = answer.masked
    text = masked.text
    if "{" not in text or "=" not in text:
        return
    for group in GROUP_RE.finditer(text):
        for pair in PAIR_RE.finditer(group.group()):
            name = pair.group(1)
            if name.lower() in ALLOWED:
                continue
            line, column = masked.position(group.start() + pair.start())
            yield RULE.at(
                answer.rel,
                line,
                column,
                f"attribut « {name} » interdit dans une liste d'attributs",
                expected=", ".join(sorted(ALLOWED)),
                received=pair.group()[:60],
                fix=FIX,
            )
