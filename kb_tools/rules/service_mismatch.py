"""Le dossier d'une réponse et son champ `service` désignent le même service.

Une réponse est rangée dans `docs/reponses/<service>/` : c'est ce dossier qui
décide du responsable qui approuve ses modifications (CODEOWNERS), et le champ
`service` qui décide de la page de service où le site la range. S'ils
diffèrent, deux responsables différents croient en répondre. Les fiches
importées de Service-Public.fr (dossier `docs/reponses/service-public/`) en
sont dispensées : leur service vient de leur thème.

Exemple en erreur (fichier `docs/reponses/etat-civil/carte-identite.md`) :

```yaml
service: identite
```

Exemple correct : déplacer le fichier dans `docs/reponses/identite/`
(`git mv docs/reponses/etat-civil/carte-identite.md docs/reponses/identite/`),
ou écrire `service: etat-civil` si c'est bien l'état civil qui en répond.
"""

from collections.abc import Iterator

from kb_tools.config import ANSWERS_DIR, DOCS_DIR
from kb_tools.model import Answer
from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule
from kb_tools.text import did_you_mean

RULE = Rule("KB110", "service-mismatch", Level.ERROR)


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    service = answer.service
    services = ctx.kb.config.services
    if not answer.readable or service is None or service not in services:
        return  # no service, or an unknown one: KB103 / KB101 say so
    folder = answer.rel.rpartition("/")[0]
    if folder == ctx.kb.config.import_folder:
        return
    answers = f"{DOCS_DIR}/{ANSWERS_DIR}"
    name = answer.rel.rpartition("/")[2]
    if folder == f"{answers}/{service}":
        return
    move = f"git mv {answer.rel} {answers}/{service}/{name}"
    parent, _, last = folder.rpartition("/")
    if parent == answers and last in services:
        yield RULE.on(
            answer,
            ("service",),
            f"la réponse est rangée dans le dossier du service « {last} » mais déclare « service: {service} »",
            expected=f"service: {last} (le dossier {folder}/)",
            received=f"service: {service}",
            fix=f"si c'est le service « {service} » qui en répond, déplacez le fichier ({move}) ; "
            f"sinon écrivez « service: {last} »",
        )
        return
    hint = did_you_mean(last, services) if parent == answers else ""
    yield RULE.on(
        answer,
        ("service",),
        f"la réponse n'est pas rangée dans le dossier de son service ({answers}/{service}/)",
        expected=f"{answers}/{service}/{name}",
        received=answer.rel,
        fix=(f"le dossier « {last} » n'est pas un service : {hint} " if hint else "") + f"déplacez le fichier ({move})",
    )
