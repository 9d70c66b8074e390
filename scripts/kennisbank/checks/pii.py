"""Finding personal data in a text: BSN, IBAN, Dutch phone numbers and e-mail addresses.

Text is normalised first, so that a number cannot hide behind its spelling:

* Unicode NFKC (full-width digits and ``＠`` become ASCII), HTML character references
  (``&#64;``) and URL escapes of ``@`` (``%40``) decoded; zero-width characters removed;
* Markdown out of the way: backslash escapes (``06\\-1234``) and emphasis markers
  (``06-**1234**5678``) dropped, ``(0)`` after a country code dropped;
* between digits, every dash (``-``, ``–``, ``—``), dot, slash and ordinary, non-breaking
  or thin space, and a line break, read as a separator (with spaces around it or not);
* obfuscated e-mail addresses (``jan [at] minbzk.nl``, ``jan AT gmail DOT com``,
  ``jan (a) minbzk.nl``) read as addresses.

A run of digit groups is tried in every stretch of consecutive groups, so a number followed
by other digits (``06 12345678 24/7``) is still found. Whether a candidate *is* a BSN, IBAN
or phone number is decided by python-stdnum (11-proef, ISO 13616 mod 97) and phonenumbers
(libphonenumber's Dutch numbering plan). Not reported: organisation numbers (088, 0800,
0900 and 14 plus an area code: the Dutch numbering plan gives them to organisations) and
amounts written with dots in groups of three (``123.456.708``). A random nine-digit
number passes the 11-proef about one time in eleven, hence ``reviewed_numbers``.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

import phonenumbers
from linkify_it import LinkifyIt
from stdnum import iban
from stdnum.nl import bsn

#: Characters that show nothing (or only a blank) and could hide inside a number.
_INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u00ad\u034f\u180e\u115f\u1160\u3164\uffa0\u2800]")
_MARKDOWN = re.compile(r"\\(?=[^\w\s])|[*_`]|<[^<>\n]{0,200}>")
_MD_LINK = re.compile(r"\[([^\]\n]{0,200})\]\([^)\n]{0,400}\)")
#: Dates (1-3-2023, 01.09.2022, 31/12/2024) look like phone numbers; they are read as dates.
_DATE = re.compile(r"(?<!\d)\d{1,2}[-./]\d{1,2}[-./](?:19|20)\d{2}(?!\d)")
_SPACES = "[ \t\n\r\u00a0\u2009\u202f\u2028\u2029]"
_COUNTRY_ZERO = re.compile(r"(\+31|0031)\s*\(0\)\s*")
_AREA_CODE = re.compile(r"\((0\d{1,3})\)\s*")
#: A separator between digit groups: one dash, dot or slash with optional spaces, or spaces.
_SEP = rf"(?:{_SPACES}*[-\u2010-\u2015\u2212./\u00b7\u2022][{_SPACES[1:-1]}]*|{_SPACES}+)"
_RUN = re.compile(rf"(?<![\d])(?:\+|00)?\d+(?:{_SEP}\d+)*")
_GROUPS = re.compile(rf"(\+|00)?(\d+)|({_SEP})")
_AMOUNT = re.compile(r"\d{1,3}(?:\.\d{3})+")
_IBAN_START = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}")
_AT = r"(?:\s*(?:@|\[\s*@\s*\]|\[\s*at\s*\]|\(\s*at\s*\)|\{\s*at\s*\}|\(\s*a\s*\)|\[\s*apenstaartje\s*\])\s*|\s+at\s+)"
_DOT = r"(?:\s*[.\u3002\uff0e\uff61]\s*|\s*(?:\[\s*(?:dot|punt)\s*\]|\(\s*(?:dot|punt)\s*\)|\{\s*(?:dot|punt)\s*\})\s*|\s+(?:dot|punt)\s+)"
# The local part starts where a word starts, so the pattern cannot backtrack over a long run.
_EMAIL = re.compile(
    rf"(?<![\w.+-])([\w.+-]{{1,64}}){_AT}([\w-]{{1,63}}(?:{_DOT}[\w-]{{1,63}}){{0,8}}{_DOT}[a-z]{{2,24}})\b", re.I
)
_DECIMAL = re.compile(r"\d")
_EMAIL_HINT = re.compile(r"@|\bat\b|\(a\)|\[|\{", re.I)
_LINKIFY = LinkifyIt()

#: Dutch numbers that belong to organisations (Nummerplan, Telecommunicatiewet art. 4.1;
#: 14 + area code is the municipalities' number, e.g. 14 020).
_ORGANISATION_PREFIXES = ("0800", "0900", "0906", "0909", "088", "14")


@dataclass(frozen=True)
class Finding:
    """Personal data in a text: where (offset in the normalised text), what, and the code."""

    offset: int
    code: str
    message: str


class _AsciiDigits(dict[int, int]):
    """Maps every Unicode decimal digit (Arabic-Indic ٠, Devanagari ०, …) to its ASCII digit."""

    def __missing__(self, code: int) -> int:
        digit = unicodedata.decimal(chr(code), None)
        self[code] = ord(str(digit)) if digit is not None else code
        return self[code]


_DIGITS = _AsciiDigits()


def normalise(text: str) -> str:
    """``text`` as the checks read it (see the module docstring)."""
    if "&" in text or "%" in text:
        text = html.unescape(text).replace("%40", "@").replace("%2E", ".").replace("%2e", ".")
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_DIGITS) if not text.isascii() else text
    text = _INVISIBLE.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MARKDOWN.sub("", text)
    text = _DATE.sub(lambda m: " " * len(m.group()), text)
    text = _COUNTRY_ZERO.sub(r"\1 ", text)
    return _AREA_CODE.sub(r"\1 ", text)


def worth_checking(text: str) -> bool:
    """Cheap filter: a text without digits and nothing like an e-mail address cannot match.

    A digit is what ``str.isdigit`` says: ``\\d`` finds the decimal ones in C; only a
    non-ASCII text without them is scanned for the others (superscripts, circled digits),
    which NFKC turns into digits (a Python loop over every character took 44 % of this check).
    """
    has_digit = bool(_DECIMAL.search(text)) or (not text.isascii() and any(map(str.isdigit, text)))
    return has_digit or bool(_EMAIL_HINT.search(text)) or "&" in text or "＠" in text


def findings(text: str, reviewed: set[str], mailboxes: tuple[str, ...]) -> Iterator[Finding]:
    """Every BSN, IBAN, phone number and e-mail address in a normalised text.

    Args:
        text: output of :func:`normalise`.
        reviewed: numbers marked as checked, as upper-case digits and letters only.
        mailboxes: lower-case functional addresses that may appear.
    """
    for run in _RUN.finditer(text):
        yield from _number_findings(run.group(), run.start(), reviewed)
    yield from _iban_findings(text, reviewed)
    if _EMAIL_HINT.search(text):
        yield from _email_findings(text, mailboxes)


def _number_findings(run: str, start: int, reviewed: set[str]) -> Iterator[Finding]:
    """Try the stretches of consecutive digit groups in a run that hold at most 15 digits
    (no number is longer), the longest first from each group: linear in the run."""
    parts = [(m.start(), m.group(0)) for m in _GROUPS.finditer(run) if m.group(2)]
    taken = -1
    for first in range(len(parts)):
        if parts[first][0] < taken:
            continue
        stretch, digits = [], 0
        phone_like = parts[first][1].startswith(("+", "0"))
        for last in range(first, len(parts)):
            digits += sum(c.isdigit() for c in parts[last][1])
            if digits > 15:
                break
            if digits == 9 or (phone_like and digits >= 10):  # the only lengths that can match
                stretch.append(parts[last][0] + len(parts[last][1]))
        for end in reversed(stretch):
            finding = _classify(run[parts[first][0] : end], reviewed)
            if finding:
                yield Finding(start + parts[first][0], *finding)
                taken = end
                break


def _classify(raw: str, reviewed: set[str]) -> tuple[str, str] | None:
    digits = re.sub(r"\D", "", raw)
    if not 8 <= len(digits) <= 15 or digits in reviewed or re.sub(r"[^0-9+]", "", raw).lstrip("+") in reviewed:
        return None
    shown = " ".join(raw.split())
    if raw.startswith(("+", "00")) or (digits.startswith("0") and len(digits) == 10):
        return ("PII003", f"'{shown}' is een telefoonnummer.") if _is_private_phone(raw) else None
    if len(digits) == 9 and not _AMOUNT.fullmatch(raw) and bsn.is_valid(digits):
        return "PII001", f"'{shown}' voldoet aan de elfproef en kan een burgerservicenummer zijn."
    return None


def _is_private_phone(raw: str) -> bool:
    """Whether ``raw`` is a valid Dutch (or international) number outside the organisation ranges."""
    try:
        number = phonenumbers.parse(re.sub(r"[^\d+]", "", raw), "NL")
    except phonenumbers.NumberParseException:
        return False
    if not phonenumbers.is_valid_number(number):
        return False
    return not (number.country_code == 31 and ("0" + str(number.national_number)).startswith(_ORGANISATION_PREFIXES))


def _iban_findings(text: str, reviewed: set[str]) -> Iterator[Finding]:
    """An IBAN is 15 to 34 characters. From each country code the ISO 7064 mod-97 check is
    computed once, character by character, for every length; only a length that passes it
    goes to python-stdnum (which also knows each country's length and format)."""
    for start in _IBAN_START.finditer(text):
        chars = re.sub(rf"{_SPACES}|[-./]", "", text[start.start() : start.start() + 60])
        compact = re.match(r"[A-Za-z0-9]+", chars)
        candidate = compact.group(0).upper()[:34] if compact else ""
        head = _mod97_digits(candidate[:4])  # the country code and check digits go last
        passing, remainder = [], 0
        for length, char in enumerate(candidate[4:], 5):
            remainder = int(str(remainder) + _mod97_digits(char)) % 97
            if length >= 15 and int(str(remainder) + head) % 97 == 1:
                passing.append(length)
        for length in reversed(passing):
            if candidate[:length] not in reviewed and iban.is_valid(candidate[:length]):
                yield Finding(start.start(), "PII002", f"'{candidate[:length]}' is een geldig IBAN-rekeningnummer.")
                break


def _mod97_digits(chars: str) -> str:
    """ISO 13616: letters become two digits (A = 10 … Z = 35)."""
    return "".join(str(int(c, 36)) for c in chars)


def _email_findings(text: str, mailboxes: tuple[str, ...]) -> Iterator[Finding]:
    for match in _EMAIL.finditer(text):
        domain = re.sub(_DOT, ".", match.group(2), flags=re.I)
        address = f"{match.group(1)}@{domain}".lower()
        if _LINKIFY.test(address) and address not in mailboxes:
            shown = " ".join(match.group().split())
            yield Finding(
                match.start(), "PII004", f"'{shown}' is een e-mailadres dat niet in functional_mailboxes staat."
            )
