"""Sous `docs/`, seuls les types de fichiers prévus sont publiés : pages `.md`,
images (`.png`, `.jpg`, `.jpeg`, `.gif`, `.webp`, `.avif`), documents `.pdf`,
et les feuilles de style et scripts du projet sous `docs/assets/`.

Le site copierait tel quel tout autre fichier : une page `.html` ou une image
`.svg` peut contenir du script qui s'exécuterait chez chaque agent. Une page
en `.markdown`, `.mdown`, `.mkd` ou `.MD` serait affichée sans être vérifiée :
renommez-la en `.md`. Un fichier refusé n'est pas publié et arrête la
construction du site. Les fichiers et dossiers dont le nom commence par un
point ne sont pas publiés et ne sont pas vérifiés.

Exemple en erreur : `docs/reponses/etat-civil/formulaire.html`,
`docs/assets/logo.svg` ou `docs/guide/aide.markdown`.

Exemple correct : `docs/reponses/etat-civil/formulaire.pdf`,
`docs/assets/logo.png` et `docs/guide/aide.md`.
"""

from collections.abc import Iterator

from kb_tools.config import DOCS_DIR
from kb_tools.files import type_problem
from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule, Scope

RULE = Rule("KB602", "file-type", Level.ERROR, scope=Scope.KB)


def check_kb(ctx: Context) -> Iterator[Problem]:
    for doc_path in sorted(ctx.kb.doc_files - ctx.kb.publishable):
        verdict = type_problem(doc_path)
        if verdict is not None:
            yield RULE.at(
                f"{DOCS_DIR}/{doc_path}",
                0,
                0,
                verdict.message,
                expected=verdict.expected,
                received=doc_path.rsplit("/", 1)[-1],
                fix=verdict.fix,
            )
