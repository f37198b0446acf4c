"""Aucun lien symbolique ni fichier spécial sous `docs/` : ils ne sont jamais
lus ni publiés.

Un lien symbolique peut faire publier un fichier de la machine qui construit
le site (mots de passe, variables d'environnement, jetons) ou un dossier entier
que `kb` ne vérifie pas. Un tube nommé (FIFO), un périphérique ou une socket
bloquerait la construction. Ces fichiers sont signalés sans être ouverts, et
la construction du site s'arrête avant que MkDocs ne les parcoure. Un lien
cassé ou qui tourne en boucle est signalé de la même façon.

Exemple en erreur : `docs/assets/env.txt` créé par
`ln -s /proc/self/environ docs/assets/env.txt`, ou un dossier
`docs/reponses/partage` qui est un lien vers un autre dossier.

Exemple correct : une copie du fichier (ou du dossier) elle-même, ajoutée au
dépôt avec `git add`, après relecture de son contenu.
"""

from collections.abc import Iterator

from kb_tools.config import DOCS_DIR
from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule, Scope

RULE = Rule("KB601", "unsafe-file", Level.ERROR, scope=Scope.KB)

FIXES = {
    "link": "supprimez le lien (git rm) et ajoutez à sa place une copie relue du fichier ou du dossier",
    "special": "supprimez ce fichier spécial de docs/ : seuls des fichiers ordinaires sont publiés",
    "unreadable": "vérifiez les droits du dossier ou du fichier",
}


def check_kb(ctx: Context) -> Iterator[Problem]:
    for unsafe in ctx.kb.unsafe_files:
        path = DOCS_DIR if unsafe.path == "." else f"{DOCS_DIR}/{unsafe.path}"
        yield RULE.at(
            path,
            0,
            0,
            "fichier refusé : ni lu, ni vérifié, ni publié",
            expected="un fichier ou un dossier ordinaire du dépôt",
            received=unsafe.what,
            fix=FIXES[unsafe.kind],
        )
