"""KB402 event-handler."""

RULE = "KB402"


def test_onerror_on_an_image(kb):
    path = kb.valid("etat-civil/acte.md", 'Voir <img src="plan.png" onerror="alert(1)">\n')
    kb.check([(path, 7, 6, RULE)])
    assert kb.only(RULE).message == "attribut HTML « onerror= » interdit"


def test_uppercase_and_slash_separated(kb):
    path = kb.valid("etat-civil/acte.md", '<a href="#"\nONCLICK="x">a</a> <svg/onload=alert(1)>\n')
    # The whole body is scanned at once: a tag split over two lines is seen too.
    assert kb.found(RULE) == [(path, 7, 1, RULE), (path, 8, 19, RULE)]


def test_obfuscated_with_entities(kb):
    path = kb.valid("etat-civil/acte.md", "&lt;img src=x onerror=alert(1)&gt;\n")
    kb.check([(path, 7, 1, RULE)])


def test_in_code_block_not_reported(kb):
    kb.valid("etat-civil/acte.md", '```html\n<img src="x" onerror="alert(1)">\n```\n`<b onclick="x">`\n')
    kb.check([])


def test_word_in_prose_not_reported(kb):
    kb.valid("etat-civil/acte.md", "Le paramètre onerror= n'a rien à faire ici, ni <b>onclick=</b>.\n")
    kb.check([])


def test_quoted_greater_than_does_not_end_the_tag(kb):
    path = kb.valid("etat-civil/acte.md", '<div title="a>b" onclick="alert(1)">x</div>\n')
    kb.check([(path, 7, 1, RULE)], RULE)


def test_handler_after_a_stray_less_than(kb):
    path = kb.valid("etat-civil/acte.md", "<div a=< onclick=alert(1)>x</div> <b <i onmouseover=x>y</b>\n")
    assert [p[:3] for p in kb.found(RULE)] == [(path, 7, 1), (path, 7, 38)]


def test_many_unclosed_tags_are_checked_quickly(kb):
    path = kb.valid("etat-civil/acte.md", "<a " * 30_000 + '<img src=x onerror="alert(1)">\n')
    kb.check([(path, 7, 90_001, RULE)], RULE)
