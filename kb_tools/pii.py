"""Personal data in text: the one detector every channel goes through.

What people paste is read as what it stands for: HTML entities (``&#64;``,
``&commat;``, ``&nbsp;``), Markdown escapes (``gmail\\.com``), percent-encoding
(``%40``), ``[at]`` / ``(at)`` / ``arobase`` / `` @ `` and ``[dot]``, soft
hyphens and zero-width spaces are rewritten in a normalized copy; Unicode
spaces (no-break, narrow, thin… and tabs), dashes, dots and slashes are
separators the patterns accept. Matching runs on the normalized copy; every
finding is mapped back to its span in the original text, so rules report the
right line and column and reports can mask it.

Everything here is linear in the size of the text: each pattern has bounded
quantifiers only, and candidates are found from cheap anchors.

:func:`mask_text` is what the :class:`~kb_tools.problem.Problem` layer applies
to every field it carries: no rule or output format prints a raw value.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.entities import html5

NIR, IBAN, EMAIL, PHONE = "nir", "iban", "email", "phone"
KINDS = (NIR, IBAN, EMAIL, PHONE)

# --------------------------------------------------------------------------- normalization

# Spaces and dashes as pasted from Word or a PDF (every Unicode space
# separator, the tab) are part of the separator classes of the patterns rather
# than rewritten: one pass less over every text.
SPACES = " \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
DASHES = "\\-\u2010-\u2015\u2212"
_SPACE_CHARS = frozenset(" \t\u00a0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B))))

# Length-changing tokens, replaced by what they stand for; each family has
# its own scan, run only when its first character is in the text. No pattern
# starts with an unbounded repetition: the scans stay linear.
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")
_ESCAPE = re.compile(r"\\[._@+-]")  # Markdown escapes of what addresses and numbers contain
_PERCENT = re.compile(r"%(?:40|2[0BbDdEe]|5[Ff])")  # %40 @, %2E ., %20 space, %2B +, %2D -, %5F _
_BRACKETED = re.compile(
    rf"[\[({{<][{SPACES}]{{0,2}}(?:(?P<at>[aA][tT]|[aA][rR][oO][bB][aA][sS][eE]|[cC][hH][eE][zZ])"
    rf"|[dD][oO][tT]|[pP][oO][iI][nN][tT])[{SPACES}]{{0,2}}\\?[\])}}>]"
)
_AROBASE = re.compile(r"\b(?i:arobase)\b")
_SPACED_AT = re.compile(rf"@(?<=[{SPACES}]@)(?=[{SPACES}])")  # starts with "@": a fast scan
_INVISIBLE = re.compile("[\u00ad\u200b]")  # soft hyphen, zero-width space (PDFs, web pages)


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) of what normalization rewrites, in order."""
    found: list[tuple[int, int, str]] = []
    if "&" in text:
        for m in _ENTITY.finditer(text):
            replacement = _entity(m.group())
            if replacement:
                found.append((m.start(), m.end(), replacement))
    if "\\" in text:
        found.extend((m.start(), m.end(), m.group()[1]) for m in _ESCAPE.finditer(text))
    if "%" in text:
        found.extend((m.start(), m.end(), chr(int(m.group()[1:], 16))) for m in _PERCENT.finditer(text))
    for m in _BRACKETED.finditer(text):
        start = m.start() - (m.start() > 0 and text[m.start() - 1] == "\\")  # ``\[at\]``
        found.append((*_with_spaces(text, start, m.end()), "@" if m.group("at") else "."))
    if "robase" in text or "ROBASE" in text:
        found.extend((*_with_spaces(text, m.start(), m.end()), "@") for m in _AROBASE.finditer(text))
    if "@" in text:  # ``jean @ gmail.com``
        found.extend((*_with_spaces(text, m.start(), m.end()), "@") for m in _SPACED_AT.finditer(text))
    if "\u00ad" in text or "\u200b" in text:
        found.extend((m.start(), m.end(), "") for m in _INVISIBLE.finditer(text))
    found.sort()
    return found


def _entity(token: str) -> str:
    """What an HTML entity stands for, "" if it is not one (as browsers read it)."""
    body = token[1:].removesuffix(";")
    if body[0] == "#":
        number = int(body[2:], 16) if body[1] in "xX" else int(body[1:])
        return chr(number) if 0 < number < 0x110000 and not 0xD800 <= number < 0xE000 else ""
    return html5.get(body + ";", "")


def _with_spaces(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``start:end`` over up to three spaces each side (``jean [at] gmail``)."""
    low, high = max(0, start - 3), min(len(text), end + 3)
    while start > low and text[start - 1] in _SPACE_CHARS:
        start -= 1
    while end < high and text[end] in _SPACE_CHARS:
        end += 1
    return start, end


class Normalized:
    """A normalized copy of a text with the way back to original offsets."""

    __slots__ = ("_norm_starts", "_orig_ends", "_orig_starts", "original", "text")

    def __init__(self, original: str) -> None:
        self.original = original
        # Segments: normalized offset -> original offset; a replaced token maps
        # all its characters into the token's span.
        self._norm_starts: list[int] = [0]
        self._orig_starts: list[int] = [0]
        self._orig_ends: list[int] = [-1]  # -1: identity segment (no clamp)
        text = original
        tokens = _tokens(original)
        if tokens:
            text = self._replace(original, tokens)
        self.text = text

    def _replace(self, original: str, tokens: list[tuple[int, int, str]]) -> str:
        pieces: list[str] = []
        out = 0  # length of the normalized text so far
        last = 0  # end of the last consumed original span
        for start, end, replacement in tokens:
            if start < last:  # overlaps the previous token
                continue
            pieces.append(original[last:start])
            out += start - last
            self._mark(out, start, end)
            pieces.append(replacement)
            out += len(replacement)
            self._mark(out, end, -1)
            last = end
        pieces.append(original[last:])
        return "".join(pieces)

    def _mark(self, norm: int, orig: int, orig_end: int) -> None:
        if self._norm_starts[-1] == norm:
            self._orig_starts[-1], self._orig_ends[-1] = orig, orig_end
        else:
            self._norm_starts.append(norm)
            self._orig_starts.append(orig)
            self._orig_ends.append(orig_end)

    def offset(self, index: int) -> int:
        """Offset in the original text of normalized character ``index``."""
        if len(self._norm_starts) == 1:
            return index
        k = bisect.bisect_right(self._norm_starts, index) - 1
        at = self._orig_starts[k] + index - self._norm_starts[k]
        end = self._orig_ends[k]
        return at if end < 0 else min(at, end - 1)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original span of the normalized span ``start:end`` (``end`` > ``start``)."""
        first = self.offset(start)
        last = self.offset(end - 1)
        k = bisect.bisect_right(self._norm_starts, end - 1) - 1
        token_end = self._orig_ends[k]
        return first, (token_end if token_end >= 0 else last + 1)


# --------------------------------------------------------------------------- findings


@dataclass(frozen=True)
class Finding:
    kind: str  # nir, iban, email, phone
    start: int  # span in the original text
    end: int
    value: str  # as written in the original text (never printed: see mask)
    canonical: str  # digits / upper-case IBAN / lower-case address, for allowlists and duplicates


_SEP = rf"[{SPACES}{DASHES}./]{{0,3}}"  # what people put between groups: spaces, dots, dashes, slashes
# Starts with a digit (fast scan), then looks behind it: not the tail of a longer number or word.
_NIR_RE = re.compile(
    rf"[1-478](?<!\w[1-478]){_SEP}\d\d{_SEP}\d\d{_SEP}(?:\d\d|2[ABab]){_SEP}\d\d\d{_SEP}\d\d\d{_SEP}\d\d(?!\w)"
)
_NOT_NIR_CHAR = re.compile(r"[^0-9ABab]")
# An IBAN is found from its check digits, the two letters before them checked
# by a look-behind: a pattern that starts with digits skips prose quickly.
_IBAN_RE = re.compile(
    rf"[0-9][0-9](?<=[A-Za-z][A-Za-z][0-9][0-9])(?:[{SPACES}{DASHES}]{{0,2}}[A-Za-z0-9]){{11,30}}(?!\w)"
)
_IBAN_SPLIT = re.compile(rf"[{SPACES}{DASHES}]+")
_PHONE_RE = re.compile(
    rf"(?:\+[{SPACES}]{{0,2}}33(?:[{SPACES}]{{0,2}}\(0\))?[{SPACES}{DASHES}.]{{0,2}}|0033[{SPACES}{DASHES}.]{{0,2}}"
    rf"|\(\+33\)[{SPACES}]{{0,2}}|0)[1-9](?:[{SPACES}{DASHES}./]{{0,3}}\d\d){{4}}(?!\d)"
)
_NOT_DIGITS = re.compile(r"\D+")
_LOCAL_PART = re.compile(r"[\w.+-]{1,64}\Z")
_DOMAIN_PART = re.compile(r"@[\w-]{1,63}(?:\.[\w-]{1,63}){1,10}")


def nir_key_ok(compact: str) -> bool:
    """15 characters, Corsica written 2A / 2B: the key is 97 - number mod 97."""
    dept = compact[5:7].upper()
    body = compact[:5] + {"2A": "19", "2B": "18"}.get(dept, dept) + compact[7:13]
    if not body.isdigit():
        return False
    return 97 - int(body) % 97 == int(compact[13:])


# IBAN length by country (ISO 13616 registry).
IBAN_LENGTHS = {
    **dict.fromkeys(["NO"], 15),
    **dict.fromkeys(["BE"], 16),
    **dict.fromkeys(["DK", "FI", "FO", "GL", "NL"], 18),
    **dict.fromkeys(["MK", "SI"], 19),
    **dict.fromkeys(["AT", "BA", "EE", "KZ", "LT", "LU", "XK"], 20),
    **dict.fromkeys(["CH", "HR", "LI", "LV"], 21),
    **dict.fromkeys(["BG", "BH", "CR", "DE", "GB", "GE", "IE", "ME", "RS", "VA"], 22),
    **dict.fromkeys(["AE", "GI", "IL", "IQ", "TL"], 23),
    **dict.fromkeys(["AD", "CZ", "ES", "MD", "PK", "RO", "SA", "SE", "SK", "TN", "VG"], 24),
    **dict.fromkeys(["PT", "ST"], 25),
    **dict.fromkeys(["IS", "TR"], 26),
    **dict.fromkeys(["FR", "GR", "IT", "MC", "MR", "SM"], 27),
    **dict.fromkeys(["AL", "AZ", "BY", "CY", "DO", "GT", "HU", "LB", "PL", "SV"], 28),
    **dict.fromkeys(["BR", "EG", "PS", "QA", "UA"], 29),
    **dict.fromkeys(["JO", "KW", "MU"], 30),
    **dict.fromkeys(["MT", "SC"], 31),
    **dict.fromkeys(["LC"], 32),
}


def iban_ok(compact: str) -> bool:
    if not 15 <= len(compact) <= 34 or not compact[:2].isalpha() or not compact[2:4].isdigit():
        return False
    rearranged = compact[4:] + compact[:4]
    if not rearranged.isalnum() or not rearranged.isascii():
        return False
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


def phone_digits(text: str) -> str:
    """Digits of a phone number, ``+33 1``, ``0033 1`` and ``+33 (0)1`` written as ``01``."""
    digits = re.sub(r"\D", "", text)
    stripped = text.strip().lstrip("(")
    if digits.startswith("0033"):
        digits = digits[4:]
    elif stripped.startswith("+33") or stripped.startswith("+ 33"):
        digits = digits[2:]
    else:
        return digits
    return "0" + digits.removeprefix("0")


def _nirs(norm: str) -> Iterable[tuple[int, int, str]]:
    pos = 0
    while True:
        m = _NIR_RE.search(norm, pos)
        if m is None:
            return
        start = m.start()
        if start and (norm[start - 1].isalnum() or norm[start - 1] == "_"):  # inside a longer number
            pos = start + 1
            continue
        compact = _NOT_NIR_CHAR.sub("", m.group()).upper()
        if nir_key_ok(compact):
            yield m.start(), m.end(), compact
            pos = m.end()
        else:  # the real number may start inside this one
            pos = m.start() + 1


def _ibans(norm: str) -> Iterable[tuple[int, int, str]]:
    pos = 0
    while True:
        m = _IBAN_RE.search(norm, pos)
        if m is None:
            return
        start = m.start() - 2
        pos = m.start() + 1
        if start > 0 and (norm[start - 1].isalnum() or norm[start - 1] == "_"):
            continue
        # Each country has one IBAN length: one checksum per candidate, and
        # the number must end there (words may follow, not more digits).
        length = IBAN_LENGTHS.get(norm[start : start + 2].upper())
        if length is None:
            continue
        end, taken = start, 0
        while end < len(norm) and taken < length:
            if norm[end].isalnum():
                taken += 1
            elif _IBAN_SPLIT.match(norm[end]) is None:
                break
            end += 1
        if taken < length or (end < len(norm) and (norm[end].isalnum() or norm[end] == "_")):
            continue
        compact = _IBAN_SPLIT.sub("", norm[start:end]).upper()
        if iban_ok(compact):
            yield start, end, compact
            pos = end


def _emails(norm: str) -> Iterable[tuple[int, int, str]]:
    # From each ``@`` followed by a domain (a literal first character: the
    # scan skips everything else), back to the start of the local part.
    for domain in _DOMAIN_PART.finditer(norm):
        at = domain.start()
        local = _LOCAL_PART.search(norm, max(0, at - 64), at)
        if local is None:
            continue
        start = local.start()
        while norm[start] == ".":  # ``…texte.jean@`` never starts with a dot
            start += 1
        if start < at:
            yield start, domain.end(), norm[start : domain.end()].lower()


def _same_separators(number: str) -> bool:
    """``01/09/2024 10`` or ``01.09.2024 10`` is a date and a time: dots and
    slashes count only when the five groups are separated the same way."""
    tail = number[[i for i, c in enumerate(number) if c.isdigit()][-9] :]
    if "/" not in tail and "." not in tail:
        return True
    seps = _NOT_DIGITS.findall(tail)
    return len(seps) == 4 and len(set(seps)) == 1


def _phones(norm: str) -> Iterable[tuple[int, int, str]]:
    for m in _PHONE_RE.finditer(norm):
        start = m.start()
        if start and (norm[start - 1].isalnum() or norm[start - 1] in "_+"):
            continue
        if not _same_separators(m.group()):
            continue
        yield start, m.end(), phone_digits(m.group())


_FINDERS = {NIR: _nirs, IBAN: _ibans, EMAIL: _emails, PHONE: _phones}
_HAS_DIGITS = re.compile(r"[0-9]")


def find(text: str, kinds: Iterable[str] = KINDS) -> list[Finding]:
    """Every personal datum of ``kinds`` in ``text``, with its original span."""
    kinds = tuple(kinds)
    digits = _HAS_DIGITS.search(text) is not None
    wanted = [k for k in kinds if k == EMAIL or digits]
    if not wanted:
        return []
    norm = Normalized(text)
    ntext = norm.text
    found: list[Finding] = []
    for kind in wanted:
        if kind == EMAIL and "@" not in ntext:
            continue
        for start, end, canonical in _FINDERS[kind](ntext):
            o_start, o_end = norm.span(start, end)
            found.append(Finding(kind, o_start, o_end, text[o_start:o_end], canonical))
    found.sort(key=lambda f: (f.start, f.end))
    return found


# --------------------------------------------------------------------------- allowlist

# Public bodies whose contacts national fiches quote: never a private person's.
INSTITUTIONAL_DOMAINS = frozenset({"gouv.fr", "service-public.fr"})


@dataclass(frozen=True)
class Allowlist:
    """The institutional contacts (kb.yml ``contacts`` and ``local`` values)."""

    emails: frozenset[str] = frozenset()
    domains: frozenset[str] = frozenset()
    phones: frozenset[str] = frozenset()

    def allows(self, finding: Finding) -> bool:
        if finding.kind == EMAIL:
            address = finding.canonical
            domain = address.rsplit("@", 1)[-1]
            domains = self.domains | INSTITUTIONAL_DOMAINS
            return address in self.emails or any(domain == d or domain.endswith("." + d) for d in domains)
        if finding.kind == PHONE:
            # 08 numbers are service numbers (numéros spéciaux), never a person's line.
            return finding.canonical in self.phones or finding.canonical.startswith("08")
        return False


# --------------------------------------------------------------------------- masking


def mask(value: str) -> str:
    """Never copy personal data into reports: keep only both ends."""
    compact = value.strip()
    if len(compact) <= 6:
        return "*" * len(compact)
    return compact[:2] + "*" * (len(compact) - 4) + compact[-2:]


_MAYBE = re.compile(r"[0-9@&%\\\[(]|(?i:arobase)")


def mask_text(text: str) -> str:
    """``text`` with every personal datum in it masked (allowlisted or not)."""
    if not text or _MAYBE.search(text) is None:
        return text
    found = find(text)
    if not found:
        return text
    pieces, last = [], 0
    for f in found:
        if f.start < last:
            continue
        pieces.append(text[last : f.start])
        pieces.append(mask(f.value))
        last = f.end
    pieces.append(text[last:])
    return "".join(pieces)
