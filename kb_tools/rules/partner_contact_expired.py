"""Le contact d'un partenaire dont la date `valid_until` est passée doit être revérifié.

Le canal du correspondant (téléphone, adresse, espace partenaire, délai)
déclaré dans la section `partners` de `kb.yml` change sans prévenir : comme
une réponse, il porte une date de revérification. Règle activée par
`kb validate --check-expiry` et par `kb expiry` (contrôle de chaque nuit) ;
dans une demande de fusion, c'est une erreur seulement si elle modifie
`kb.yml`, sinon un avertissement.

Exemple en erreur (contrôle du 1er juillet 2027) :

```yaml
partners:
  caf:
    correspondent: "Référente France Services de la CAF"
    valid_until: 2027-06-30
```

Exemple correct : après un appel au partenaire pour vérifier le canal,

```yaml
partners:
  caf:
    correspondent: "Référente France Services de la CAF"
    reviewed: 2027-07-01
    valid_until: 2028-01-31
```
"""

from collections.abc import Iterator

from kb_tools.partners import SECTION, Partner
from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule, Scope

RULE = Rule("KB303", "partner-contact-expired", Level.ERROR, scope=Scope.CONFIG, default=False)
SOFT = Rule(RULE.id, RULE.name, Level.WARNING, scope=Scope.CONFIG, default=False)


def expired_contacts(ctx: Context) -> Iterator[tuple[Partner, Problem]]:
    """Each partner whose channel is past its review date, with the problem about it."""
    cfg = ctx.kb.config
    rule = RULE if ctx.changed is None or cfg.path in ctx.changed else SOFT
    for partner in cfg.partners.values():
        until = partner.valid_until
        if until is None or not partner.expired(ctx.today):
            continue
        line, column = cfg.source.pos(SECTION, partner.key, "valid_until") if cfg.source else (0, 0)
        days = (ctx.today - until).days
        problem = rule.at(
            cfg.path,
            line,
            column,
            f"contact du partenaire « {partner.key} » ({partner.short}) à revérifier depuis {days} jour(s)",
            expected=f"une date après le {ctx.today.isoformat()}",
            received=until.isoformat(),
            fix="vérifiez auprès du partenaire le correspondant, le téléphone, l'adresse et l'espace partenaire, "
            "puis mettez à jour « reviewed » et « valid_until » du partenaire dans kb.yml",
        )
        yield partner, problem


def check_config(ctx: Context) -> Iterator[Problem]:
    for _, problem in expired_contacts(ctx):
        yield problem
