"""Small text helpers for generated Markdown: escaping, relative links, Dutch dates."""

from __future__ import annotations

import html
import posixpath
import re

_MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli",
           "augustus", "september", "oktober", "november", "december")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|])")


def md(text: str) -> str:
    """Escape ``text`` for use as literal inline Markdown (link text, table cells)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def attr(text: str) -> str:
    """Escape ``text`` for an HTML attribute value or element content."""
    return html.escape(str(text), quote=True)


def rel(from_page: str, to_page: str) -> str:
    """Relative link between two source pages, e.g. ``themas/a.md`` -> ``../dilemmas/b.md``."""
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


def dutch_date(iso: str) -> str:
    """``2026-11-29`` -> ``29 november 2026``; anything else is returned unchanged."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso or "")
    if not match:
        return iso
    year, month, day = (int(g) for g in match.groups())
    if not 1 <= month <= 12:
        return iso
    return f"{day} {_MONTHS[month - 1]} {year}"
