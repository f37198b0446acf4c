"""KB111 template-text: no « À compléter : » left in a published answer."""

RULE = "KB111"


def test_consignes_left_in_a_published_answer(kb):
    body = "## En bref\n\nÀ compléter : la réponse.\n\n- [ ] À compléter : une pièce\n1. A completer : étape\n"
    path = kb.valid("etat-civil/acte.md", body=body)
    body_line = kb.BODY
    kb.check([(path, body_line + 2, 1, RULE), (path, body_line + 4, 7, RULE), (path, body_line + 5, 4, RULE)])
    first = next(p for p in kb.problems() if p.rule_id == RULE)
    assert first.message == "texte du modèle laissé dans une réponse publiée"
    assert first.received == "À compléter : la réponse."
    assert "remettez « status: draft »" in first.fix


def test_a_draft_may_keep_them(kb):
    kb.add("etat-civil/acte.md", kb.header(extra="status: draft\n") + "À compléter : la réponse.\n")
    kb.check([], RULE)


def test_ordinary_french_and_code_are_not_template_text(kb):
    body = (
        "Le formulaire à compléter : Cerfa 12345.\n\n"
        "Formulaire à compléter sur place.\n\n"
        "```text\nÀ compléter : exemple\n```\n\n"
        "`À compléter :` dans le modèle.\n"
    )
    kb.valid("etat-civil/acte.md", body=body)
    kb.check([], RULE)
