"""``text.fold`` (accent- and case-insensitive keys) takes shortcuts for speed (ASCII text,
a cache): its result is the one of the plain definition, NFKD then no combining mark, casefolded."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from kb_tools.text import fold


def reference(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="AbcZz09 -'ÉéèàÇçœŒﬁẞßİı\u0301\u00a0", max_size=20) | st.text(max_size=12))
def test_fold_is_the_plain_definition(text: str) -> None:
    assert fold(text) == reference(text)
    assert fold(text) == reference(text)  # from the cache: the same


def test_fold_examples() -> None:
    assert fold("État civil") == "etat civil"
    assert fold("CNI") == "cni"
    assert fold("Straße") == "strasse"
