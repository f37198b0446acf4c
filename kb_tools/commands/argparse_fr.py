"""argparse's own words in French (``usage``, ``options``, its error messages).

argparse looks its messages up through ``gettext`` at the moment it prints
them; :func:`install` points its lookup at this catalogue. Messages missing
from it (programming errors such as a conflicting option) stay in English:
they never reach an editor. Tested by tests/test_cli_french.py on ``--help``
and on every kind of usage error.
"""

from __future__ import annotations

import argparse

CATALOGUE: dict[str, str] = {
    "usage: ": "utilisation : ",
    "options": "options",
    "positional arguments": "arguments",
    "show this help message and exit": "afficher cette aide et quitter",
    "show program's version number and exit": "afficher la version et quitter",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "unrecognized arguments: %s": "arguments non reconnus : %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix invalide : %(value)r (possibles : %(choices)s)",
    "invalid choice: %(value)s (choose from %(choices)s)": "choix invalide : %(value)s (possibles : %(choices)s)",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "invalid %(type)s value: %(value)r": "valeur invalide (%(type)s) : %(value)r",
    "expected one argument": "une valeur attendue",
    "expected at most one argument": "au plus une valeur attendue",
    "expected at least one argument": "au moins une valeur attendue",
    "ambiguous option: %(option)s could match %(matches)s": "option ambiguë : %(option)s peut désigner %(matches)s",
    "not allowed with argument %s": "incompatible avec l'argument %s",
    "one of the arguments %s is required": "l'un des arguments %s est obligatoire",
    "ignored explicit argument %r": "valeur %r ignorée : cette option n'en prend pas",
    "can't open '%(filename)s': %(error)s": "impossible d'ouvrir « %(filename)s » : %(error)s",
    "unexpected option string: %s": "option inattendue : %s",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    "expected %s argument": "%s valeur attendue",
    "expected %s arguments": "%s valeurs attendues",
}


def gettext(message: str) -> str:
    return CATALOGUE.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return gettext(singular if n == 1 else plural)


def install() -> None:
    """Make argparse speak French (idempotent; only argparse's lookup changes)."""
    argparse._ = gettext  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]


# Placeholders of option values in the help and the errors, by destination
# (argparse would print the destination in capitals: ROOT, TODAY…).
METAVARS: dict[str, str] = {
    "root": "DOSSIER",
    "today": "DATE",
    "output": "FICHIER",
    "file": "FICHIER",
    "changed_file": "FICHIER",
    "paths": "CHEMIN",
    "service": "SERVICE",
    "id": "IDENTIFIANT",
    "title": "TITRE",
    "tags": "ÉTIQUETTE",
    "days": "JOURS",
    "owner": "RESPONSABLE",
    "maintainers": "GROUPE",
    "gitlab_url": "ADRESSE",
    "gitlab_project": "PROJET",
    "gitlab_label": "ÉTIQUETTE",
    "source": "SOURCE",
}


def name_values(parser: argparse.ArgumentParser) -> None:
    """Give every argument of ``parser`` and of its subcommands a French placeholder."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                name_values(sub)
        elif action.metavar is None and action.choices is None and action.nargs != 0:
            action.metavar = METAVARS.get(action.dest, action.dest.upper())
