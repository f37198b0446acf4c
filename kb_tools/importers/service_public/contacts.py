"""The contacts that imported fiches publish: an allowlist the import writes.

Service-Public.fr fiches quote the phone numbers and addresses of public
services (« Par téléphone : 01 58 68 10 10 », « Depuis l'étranger : +33 1 … »).
They are public, but the personal data rules check imported answers like
every other one: so ``kb import`` lists, in :data:`~kb_tools.config.IMPORTED_CONTACTS`
beside ``kb.yml``, the numbers and addresses found in what it rendered from
DILA's XML, and the rules accept them like ``contacts`` of ``kb.yml``. A number
added by hand to an imported answer is not in the list: it is reported (and
the next import overwrites the answer anyway).

Only what the import itself rendered counts: fiches archived or kept after a
read error keep only contacts that were already listed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from kb_tools import pii
from kb_tools.config import IMPORTED_CONTACTS, read_imported_contacts
from kb_tools.importers.service_public.sync import Write

HEADER = f"""\
# {IMPORTED_CONTACTS}: written by `kb import service-public`, do not edit by hand.
# The phone numbers and e-mail addresses that the imported Service-Public.fr
# fiches publish (public services). The personal data rules (KB503, KB504)
# accept them in every answer, like `contacts` in kb.yml: review its changes
# in a merge request like kb.yml's.
"""


def contacts_of(texts: Iterable[str]) -> tuple[set[str], set[str]]:
    """(phones as digits, lower-case addresses) found in ``texts``."""
    phones: set[str] = set()
    emails: set[str] = set()
    for text in texts:
        for f in pii.find(text, (pii.EMAIL, pii.PHONE)):
            (emails if f.kind == pii.EMAIL else phones).add(f.canonical)
    return phones, emails


def render(phones: Iterable[str], emails: Iterable[str]) -> str:
    lines = [HEADER.rstrip("\n"), "phones:"]
    lines += [f"  - {json.dumps(p)}" for p in sorted(phones)] or ["  []"]
    lines.append("emails:")
    lines += [f"  - {json.dumps(e, ensure_ascii=False)}" for e in sorted(emails)] or ["  []"]
    return "\n".join(lines).replace("phones:\n  []", "phones: []").replace("emails:\n  []", "emails: []") + "\n"


def contacts_write(root: Path, rendered: Iterable[str], kept: Iterable[str]) -> Write | None:
    """The allowlist file to write, or None when it is up to date.

    ``rendered``: the text of every answer this import rendered from the
    source; ``kept``: the imported answers left as they are (archived, or
    whose fiche could not be read), whose contacts stay allowed only if they
    were listed before."""
    path = root / IMPORTED_CONTACTS
    phones, emails = contacts_of(rendered)
    old_phones, old_emails, _ = read_imported_contacts(path)
    kept_phones, kept_emails = contacts_of(kept)
    phones |= kept_phones & old_phones
    emails |= kept_emails & old_emails
    text = render(phones, emails)
    try:
        if path.read_text(encoding="utf-8") == text:
            return None
    except (OSError, UnicodeDecodeError):
        pass
    return Write(path, text)
