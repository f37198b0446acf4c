"""Small text helpers shared by the engine (suggestions, slugs, folding)."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable


@functools.lru_cache(maxsize=65536)  # titles and words come back many times in a build
def fold(text: str) -> str:
    """Lower-case and remove accents: ``"État civil"`` -> ``"etat civil"``."""
    if text.isascii():  # nothing to decompose
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def suggest(word: str, choices: Iterable[str], n: int = 3) -> list[str]:
    """The closest known words to ``word`` (accent- and case-insensitive)."""
    pool = choices if isinstance(choices, frozenset) else frozenset(choices)
    return list(_suggest(word, pool, n))


# A knowledge base asks for the same suggestion many times (every link to a
# renamed file), among thousands of file names: remember the answers.
@functools.lru_cache(maxsize=4096)
def _suggest(word: str, choices: frozenset[str], n: int) -> tuple[str, ...]:
    folded = _folded(choices)
    hits = difflib.get_close_matches(fold(word), list(folded), n=n, cutoff=0.6)
    return tuple(folded[h] for h in hits)


@functools.lru_cache(maxsize=64)
def _folded(choices: frozenset[str]) -> dict[str, str]:
    return {fold(c): c for c in sorted(choices)}


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    hits = suggest(word, choices, n=1)
    return f"vouliez-vous dire « {hits[0]} » ?" if hits else ""


def quote_list(items: Iterable[str], limit: int = 12) -> str:
    items = sorted(items)
    shown = ", ".join(items[:limit])
    return shown + (f", … ({len(items)} en tout)" if len(items) > limit else "")


_SLUG_STRIP = re.compile(r"[^\w\s-]")
_SLUG_HYPHENATE = re.compile(r"[-\s]+")


def slugify(value: str, separator: str = "-") -> str:
    """Heading anchors exactly as Python-Markdown's ``toc`` extension makes them."""
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = _SLUG_STRIP.sub("", value).strip().lower()
    return _SLUG_HYPHENATE.sub(separator, value)


def short(value: object, limit: int = 60) -> str:
    text = repr(value) if not isinstance(value, str) else value
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def french_date(day: dt.date | None, missing: str = "non renseignée") -> str:
    """``2027-09-30`` -> ``30 septembre 2027`` (``1er`` for the first day)."""
    if day is None:
        return missing
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS[day.month - 1]} {day.year}"


MAX_DAYS = 36_500  # a hundred years: the largest day count kb.yml and the options accept


def add_days(day: dt.date, days: int) -> dt.date:
    """``day`` plus ``days``, held within the calendar (``9999-12-31`` plus a
    day is ``9999-12-31``, never an OverflowError)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


_URL_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]{0,30}://)[^\s/?#@]*@")
_SECRET_PARAM = re.compile(
    r"(?i)([?&;](?:private[_-]?token|access[_-]?token|job[_-]?token|token|password|passwd|secret|api[_-]?key|key|sig|signature)=)[^&;#\s]*"
)


def redact_url(text: str) -> str:
    """``text`` with the credentials of every URL in it replaced by ``***``:
    user and password (``https://oauth2:glpat-…@gitlab.example/``) and token
    parameters (``?private_token=…``). Use it wherever a URL is printed."""
    if "@" in text:
        text = _URL_USERINFO.sub(r"\1***@", text)
    if "=" in text:
        text = _SECRET_PARAM.sub(r"\1***", text)
    return text
