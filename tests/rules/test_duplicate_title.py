"""KB202 duplicate-title (warning)."""

from kb_tools.problem import Level

RULE = "KB202"


def test_same_title_ignoring_case_accents_and_spaces(kb):
    kb.valid("identite/cni-a.md", title="Carte d'identité")
    path = kb.valid("identite/cni-b.md", title="CARTE  D'IDENTITE")
    kb.check([(path, 2, 1, RULE)])
    problem = kb.only(RULE)
    assert problem.level is Level.WARNING
    assert problem.message == "titre déjà utilisé par docs/reponses/identite/cni-a.md"
    assert problem.received == "CARTE  D'IDENTITE"


def test_archived_answer_is_ignored(kb):
    kb.valid("identite/cni.md", title="Carte d'identité")
    kb.add(
        "identite/cni-perte.md",
        kb.header("Carte d'identité", extra="status: archived\n").replace("service: etat-civil", "service: identite"),
    )
    kb.check([])


def test_distinct_titles(kb):
    kb.valid("identite/cni.md", title="Carte d'identité : première demande")
    kb.valid("identite/cni-perte.md", title="Carte d'identité : perte ou vol")
    kb.check([])
