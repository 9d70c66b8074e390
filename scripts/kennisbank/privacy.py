"""Personal data of private persons: BSN, IBAN, Dutch phone numbers and e-mail addresses.

Candidates are found with loose patterns; whether a candidate *is* a BSN, IBAN or phone
number is decided by the libraries python-stdnum (11-proef, ISO 13616 mod 97) and
phonenumbers (libphonenumber's Dutch numbering plan). E-mail addresses are found by
linkify-it-py. A random nine-digit number passes the 11-proef about one time in eleven,
so an entry can list checked numbers under ``reviewed_numbers``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers
from linkify_it import LinkifyIt
from stdnum import iban
from stdnum.nl import bsn

from .loader import Entry
from .problems import Problem

_BSN_CANDIDATE = re.compile(r"(?<![\w.-])\d(?:[ .]?\d){7,8}(?![\w-])")
_IBAN_CANDIDATE = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b")
# Only run libphonenumber's (slow, pure Python) matcher where a phone-like run of digits exists.
_PHONE_HINT = re.compile(r"(?:\+|\b0)\d[\d \-()]{7,}")
_LINKIFY = LinkifyIt()


def _compact(text: str) -> str:
    return re.sub(r"[\s.\-()]", "", text)


def personal_data_problems(entry: Entry, functional_mailboxes: tuple[str, ...]) -> list[Problem]:
    """Find personal data in the title, description and body of ``entry``.

    Args:
        entry: the entry.
        functional_mailboxes: lower-case addresses that may appear.

    Returns:
        PII001 (BSN), PII002 (IBAN), PII003 (phone), PII004 (e-mail) problems with file lines.
    """
    reviewed = {_compact(str(n)) for n in entry.meta.get("reviewed_numbers") or [] if isinstance(n, (str, int))}
    parts = [(entry.key_lines.get(k, 1), str(entry.meta.get(k, ""))) for k in ("title", "description")]
    parts.append((entry.body_line, entry.body))
    problems: list[Problem] = []
    for first_line, text in parts:
        if not text:
            continue
        for offset, code, message in _findings(text, reviewed, functional_mailboxes):
            line = first_line + text.count("\n", 0, offset)
            problems.append(Problem(entry.path, line, 1, code, "body" if first_line == entry.body_line else "", message))
    return problems


def _findings(text: str, reviewed: set[str], mailboxes: tuple[str, ...]) -> Iterator[tuple[int, str, str]]:
    bsn_spans: list[tuple[int, int]] = []
    for match in _BSN_CANDIDATE.finditer(text):
        number = _compact(match.group())
        if len(number) == 9 and number not in reviewed and bsn.is_valid(number):
            bsn_spans.append(match.span())
            yield match.start(), "PII001", f"'{match.group()}' voldoet aan de elfproef en kan een burgerservicenummer zijn."
    for match in _IBAN_CANDIDATE.finditer(text):
        number = _compact(match.group())
        if number not in reviewed and iban.is_valid(number):
            yield match.start(), "PII002", f"'{match.group()}' is een geldig IBAN-rekeningnummer."
    if _PHONE_HINT.search(text):
        for match in phonenumbers.PhoneNumberMatcher(text, "NL", leniency=phonenumbers.Leniency.VALID):
            if _compact(match.raw_string).lstrip("+") in reviewed or _compact(match.raw_string) in reviewed:
                continue
            if any(s <= match.start < e for s, e in bsn_spans):
                continue
            yield match.start, "PII003", f"'{match.raw_string}' is een telefoonnummer."
    if "@" in text:
        for link in _LINKIFY.match(text) or []:
            if link.schema != "mailto:":
                continue
            address = link.text.removeprefix("mailto:").lower()
            if address not in mailboxes:
                yield link.index, "PII004", f"'{link.text}' is een e-mailadres dat niet in functional_mailboxes staat."
