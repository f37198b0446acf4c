r"""Pas de balises HTML qui exécutent ou intègrent du contenu actif.

`<script>`, `<iframe>`, `<frame>`, `<object>`, `<embed>`, `<applet>`, `<base>`,
`<meta>`, `<link>`, `<form>`, `<style>` et `<svg>` sont refusés : une réponse ne
doit jamais pouvoir exécuter du code dans le navigateur d'un agent. Le Markdown
suffit (liens, listes, tableaux, encadrés). Le HTML cité dans un bloc de code
est autorisé : il est affiché, pas exécuté. Le contrôle voit le code comme le
site : un bloc ouvert en début de ligne par trois accents graves ou tildes
(suivis au plus d'un nom de langage) et refermé par la même clôture ; le code
entre accents graves sur une seule ligne. Une clôture décalée, jamais refermée
ou suivie d'un texte, ou un accent grave échappé par `\`, ne cache rien.

Exemple en erreur :

```markdown
<iframe src="https://exemple.fr/formulaire"></iframe>
```

Exemple correct :

```markdown
[Remplir le formulaire en ligne](https://exemple.fr/formulaire)
```
"""

import re
from collections.abc import Iterator

from kb_tools.model import Answer
from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule
from kb_tools.rules._html import first_match

RULE = Rule("KB401", "unsafe-html", Level.ERROR)
TAG_RE = re.compile(
    r"<\s*(script|iframe|frame|frameset|object|embed|applet|base|meta|link|form|style|svg)\b", re.IGNORECASE
)


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    for line, column, text in first_match(TAG_RE, answer, needs=("<",)):
        tag = TAG_RE.match(text).group(1).lower()  # type: ignore[union-attr]
        yield RULE.at(
            answer.rel,
            line,
            column,
            f"balise HTML <{tag}> interdite",
            expected="du Markdown (liens, listes, encadrés)",
            received=text,
            fix="remplacez la balise par un lien Markdown [texte](adresse)",
        )
