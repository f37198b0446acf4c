"""Les noms de fichiers et de dossiers sous `docs/` sont sûrs : le nom d'une
réponse est son identifiant.

Le nom d'une réponse (sans `.md`) s'écrit en minuscules sans accents, chiffres
et tirets, 100 caractères au plus, comme le crée `kb new` ; il sert dans
`related`, dans l'adresse de la page et dans le lien « Proposer une
modification ». Les autres fichiers et dossiers (images, PDF, guide) ont des
noms en lettres sans accents, chiffres, tirets, points et soulignés : ni
espace, ni guillemet, ni caractère spécial.

Exemple en erreur : `docs/reponses/etat-civil/Acte de naissance.md`,
`docs/reponses/etat-civil/acte"naissance.md` ou `docs/assets/Plan mairie.png`.

Exemple correct : `docs/reponses/etat-civil/acte-de-naissance.md` et
`docs/assets/plan-mairie.png`.
"""

from collections.abc import Iterator

from kb_tools.config import DOCS_DIR
from kb_tools.files import name_problem, type_problem
from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule, Scope

RULE = Rule("KB603", "file-name", Level.ERROR, scope=Scope.KB)


def check_kb(ctx: Context) -> Iterator[Problem]:
    for doc_path in sorted(ctx.kb.doc_files - ctx.kb.publishable):
        if type_problem(doc_path) is not None:
            continue  # KB602 says what to do with it first
        verdict = name_problem(doc_path)
        if verdict is not None:
            yield RULE.at(
                f"{DOCS_DIR}/{doc_path}",
                0,
                0,
                verdict.message,
                expected=verdict.expected,
                received=doc_path,
                fix=verdict.fix,
            )
