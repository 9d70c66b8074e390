"""Small text helpers for generated Markdown: escaping, relative links, Dutch dates."""

from __future__ import annotations

import html
import re

_MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
#: Every character Python-Markdown or an enabled extension gives a meaning: emphasis,
#: links, HTML, entities, lists (``2.``, ``-``, ``+``), headings, tables, attr_list,
#: definition lists (``:``), fences (``~``) and quotes (smart quotes in some themes).
_MD_SPECIAL = re.compile(r"[\\`*_{}\[\]()#+\-.!|<>&\"'~=:]")
#: Characters a Markdown link destination or an HTML attribute cannot hold as they are.
_URL_UNSAFE = re.compile(r"[^A-Za-z0-9\-._~:/?#@!$&*+,;=%]")


_ASCII_SPACE = re.compile(r"[ \t\n\r\f\v]+")


def md(text: str) -> str:
    """Escape ``text`` as literal inline Markdown: every special character becomes a
    numeric character reference, so ``<``, ``&`` and quotes show as written, a leading
    ``2. `` stays text and ``|`` stays inside its table cell. Runs of whitespace (newlines
    included) become one space; a non-breaking or thin space stays, as in the page title. Python-Markdown's backslash escapes cannot do this: it
    has no escape for ``<`` and would show ``\\<``.
    """
    return _MD_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", _ASCII_SPACE.sub(" ", str(text)).strip())


def md_url(url: str) -> str:
    """``url`` as a Markdown link destination: spaces, brackets, quotes, ``<``, ``>`` and
    other characters outside RFC 3986 are percent-encoded, so the URL cannot end the link
    early or add markup. The URL a reader follows is unchanged."""
    return _URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), url.strip())


def items(count: int) -> str:
    """``1 item``, ``2 items``, ``0 items``: the Dutch count of entries."""
    return f"{count} item" if count == 1 else f"{count} items"


def attr(text: str) -> str:
    """Escape ``text`` for an HTML attribute value or element content."""
    return html.escape(str(text), quote=True)


def dutch_date(iso: str) -> str:
    """``2026-11-29`` -> ``29 november 2026``; anything else is returned unchanged."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso or "")
    if not match:
        return iso
    year, month, day = (int(g) for g in match.groups())
    if not 1 <= month <= 12:
        return iso
    return f"{day} {_MONTHS[month - 1]} {year}"
