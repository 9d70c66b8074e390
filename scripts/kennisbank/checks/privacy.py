"""Personal data of private persons: BSN, IBAN, Dutch phone numbers and e-mail addresses.

Every free-text field of the front matter is checked, as well as the body. Text is first
normalised, line by line, so that a number cannot hide behind its spelling:

* Unicode NFKC (full-width digits and ``＠`` become ASCII) and HTML character references
  (``&#64;``) decoded;
* zero-width characters removed, and between digits every dash (``-``, ``–``, ``—``), dot,
  slash and ordinary, non-breaking or thin space read as one separator;
* obfuscated e-mail addresses (``jan [at] minbzk.nl``, ``jan (at) minbzk (dot) nl``) read
  as addresses.

Whether a candidate *is* a BSN, IBAN or phone number is decided by the libraries
python-stdnum (11-proef, ISO 13616 mod 97) and phonenumbers (libphonenumber's Dutch
numbering plan). Not reported: organisation numbers (088, 0800, 0900 and 14 plus an area
code, which the Dutch numbering plan gives to organisations), amounts written with dots
in groups of three (``123.456.708``), and numbers listed under ``reviewed_numbers``.
A random nine-digit number passes the 11-proef about one time in eleven.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

import phonenumbers
from linkify_it import LinkifyIt
from stdnum import iban
from stdnum.nl import bsn

from kennisbank.checks.problems import Problem
from kennisbank.checks.schema_problems import field_name
from kennisbank.content.entry import Entry

#: Fields that hold ids, addresses, dates or vocabulary ids, never free text.
NOT_FREE_TEXT = frozenset(
    {
        "id",
        "related",
        "aliases",
        "published",
        "updated",
        "review_by",
        "reviewed_numbers",
        "themes",
        "tags",
        "organisation_types",
        "target_groups",
        "status",
        "users",
        "phases",
        "maturity",
    }
)

_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
_SEPARATOR = "[ .\\-/\u2010-\u2015\u00a0\u2009\u202f]"
#: A run of digits with single separators between them, optionally after + or 00.
_NUMBER = re.compile(rf"(?<![\w.@/-])(\+|00)?\d(?:{_SEPARATOR}?\d){{7,14}}(?![\w@]|[.,]\d)")
_AREA_CODE = re.compile(r"\((0\d{1,3})\)\s*")
_AMOUNT = re.compile(r"\d{1,3}(?:\.\d{3})+")
_IBAN_CANDIDATE = re.compile(
    rf"(?<![A-Za-z0-9])[A-Za-z]{{2}}\d{{2}}(?:{_SEPARATOR}?[A-Za-z0-9]){{11,30}}(?![A-Za-z0-9])"
)
_AT = r"(?:\s*(?:@|\[\s*at\s*\]|\(\s*at\s*\)|\{\s*at\s*\}|\[\s*apenstaartje\s*\])\s*|\s+at\s+)"
_DOT = r"(?:\.|\s*(?:\[\s*(?:dot|punt)\s*\]|\(\s*(?:dot|punt)\s*\)|\{\s*(?:dot|punt)\s*\})\s*|\s+(?:dot|punt)\s+)"
_OBFUSCATED_EMAIL = re.compile(rf"([\w.+-]+){_AT}([\w-]+(?:{_DOT}[\w-]+)*{_DOT}[a-z]{{2,}})\b", re.IGNORECASE)
_LINKIFY = LinkifyIt()

#: Dutch numbers that belong to organisations (Nummerplan, Telecommunicatiewet art. 4.1;
#: 14 + area code is the municipalities' number, e.g. 14 020).
_ORGANISATION_PREFIXES = ("0800", "0900", "0906", "0909", "088", "14")


def normalise(line: str) -> str:
    """``line`` as the checks read it: NFKC, character references decoded, zero-width gone."""
    if "&" in line:
        line = html.unescape(line)
    line = unicodedata.normalize("NFKC", line)
    line = _AREA_CODE.sub(r"\1 ", line)  # (020) 123 4567 -> 020 123 4567
    return _ZERO_WIDTH.sub("", line)


def personal_data_problems(entry: Entry, functional_mailboxes: tuple[str, ...]) -> list[Problem]:
    """Find personal data in every free-text field and in the body of ``entry``.

    Args:
        entry: the entry.
        functional_mailboxes: lower-case addresses that may appear.

    Returns:
        PII001 (BSN), PII002 (IBAN), PII003 (phone), PII004 (e-mail) problems with file
        lines; the field is the front-matter path (``contact_role``) or ``body``.
    """
    reviewed = {
        _digits_and_letters(str(n)) for n in entry.meta.get("reviewed_numbers") or [] if isinstance(n, (str, int))
    }
    problems: list[Problem] = []
    for path, text in _free_text(entry.meta):
        line = entry.line_of(path)
        name = field_name(path)
        for _, code, message in _findings(normalise(" ".join(text.split())), reviewed, functional_mailboxes):
            problems.append(Problem(entry.path, line, 1, code, name, message))
    for offset, raw in enumerate(entry.body.split("\n")):
        if not _worth_checking(raw):
            continue
        for column, code, message in _findings(normalise(raw), reviewed, functional_mailboxes):
            problems.append(Problem(entry.path, entry.body_line + offset, column + 1, code, "body", message))
    return problems


def _worth_checking(line: str) -> bool:
    # Cheap filter: a line without digits, '@' or ' at ' and no character reference cannot match.
    return any(c.isdigit() for c in line) or "@" in line or "at" in line or "&" in line or "＠" in line


def _free_text(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if not path and key in NOT_FREE_TEXT:
                continue
            if key in ("url", "dossier", "number"):
                continue
            yield from _free_text(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _free_text(item, path + (index,))


def _digits_and_letters(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z+]", "", normalise(text)).upper().lstrip("+")


def _findings(text: str, reviewed: set[str], mailboxes: tuple[str, ...]) -> Iterator[tuple[int, str, str]]:
    """``(column, code, message)`` for each finding in one normalised line."""
    for match in _NUMBER.finditer(text):
        raw = match.group()
        digits = re.sub(r"\D", "", raw)
        if digits in reviewed or _digits_and_letters(raw) in reviewed:
            continue
        international = raw.startswith(("+", "00"))
        if international or (digits.startswith("0") and len(digits) >= 10):
            if _is_private_phone(raw):
                yield match.start(), "PII003", f"'{raw}' is een telefoonnummer."
            continue
        if len(digits) == 9 and not _AMOUNT.fullmatch(raw) and bsn.is_valid(digits):
            yield match.start(), "PII001", f"'{raw}' voldoet aan de elfproef en kan een burgerservicenummer zijn."
    for match in _IBAN_CANDIDATE.finditer(text):
        compact = re.sub(rf"{_SEPARATOR}", "", match.group()).upper()
        if compact not in reviewed and iban.is_valid(compact):
            yield match.start(), "PII002", f"'{match.group()}' is een geldig IBAN-rekeningnummer."
    yield from _emails(text, mailboxes)


def _is_private_phone(raw: str) -> bool:
    """Whether ``raw`` is a valid Dutch (or international) number outside the organisation ranges."""
    try:
        number = phonenumbers.parse(raw, "NL")
    except phonenumbers.NumberParseException:
        return False
    if not phonenumbers.is_valid_number(number):
        return False
    national = str(number.national_number)
    return not (number.country_code == 31 and ("0" + national).startswith(_ORGANISATION_PREFIXES))


def _emails(text: str, mailboxes: tuple[str, ...]) -> Iterator[tuple[int, str, str]]:
    seen: set[str] = set()
    for match in _OBFUSCATED_EMAIL.finditer(text):
        domain = re.sub(_DOT, ".", match.group(2), flags=re.IGNORECASE)
        address = f"{match.group(1)}@{domain}".lower()
        if not _LINKIFY.test(address):
            continue
        seen.add(address)
        if address not in mailboxes:
            yield (
                match.start(),
                "PII004",
                f"'{match.group().strip()}' is een e-mailadres dat niet in functional_mailboxes staat.",
            )
    if "@" in text:
        for link in _LINKIFY.match(text) or []:
            if link.schema != "mailto:":
                continue
            address = link.text.removeprefix("mailto:").lower()
            if address not in mailboxes and address not in seen:
                yield link.index, "PII004", f"'{link.text}' is een e-mailadres dat niet in functional_mailboxes staat."
