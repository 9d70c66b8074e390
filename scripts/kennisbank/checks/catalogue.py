"""The catalogue of every problem code: title, cause, a bad example and the fix (all Dutch).

The entries live in ``catalogue.toml`` next to this module, in the order the site shows
them. It is the single source for the error catalogue page (Bijdragen > Foutcodes), so
the page and the validator cannot drift apart.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class CatalogueEntry:
    """Documentation of one problem code: title, cause, a bad example and the fix (all Dutch)."""

    code: str
    title: str
    cause: str
    example: str
    fix: str


def _load() -> dict[str, CatalogueEntry]:
    text = resources.files("kennisbank.checks").joinpath("catalogue.toml").read_text(encoding="utf-8")
    return {code: CatalogueEntry(code, **fields) for code, fields in tomllib.loads(text).items()}


#: Code -> entry, in catalogue order.
CATALOGUE: dict[str, CatalogueEntry] = _load()
