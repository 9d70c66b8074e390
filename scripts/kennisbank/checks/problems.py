"""Problems found in content: one per fault, with file, line and a Dutch message.

A :class:`Problem` is plain data: file, line, column, code, field, Dutch message and
Dutch hint. Every code is documented in :mod:`kennisbank.checks.catalogue`.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field

from kennisbank.checks.catalogue import CATALOGUE


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file.

    Attributes:
        path: file path as shown to the contributor (relative to the project root, POSIX).
        line: 1-based line in the file (0 when the problem concerns the file as a whole).
        col: 1-based column (1 when unknown).
        code: catalogue code, e.g. ``SCH003``.
        field: front-matter field or body part the problem concerns ('' when none).
        message: what is wrong, in Dutch.
        hint: how to fix it, in Dutch ('' when the catalogue hint suffices).
    """

    path: str
    line: int
    col: int = 1
    code: str = ""
    field: str = ""
    message: str = ""
    hint: str = dc_field(default="", compare=False)

    def as_dict(self) -> dict[str, object]:
        """Return the problem as a JSON-ready dict with stable key order."""
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "code": self.code,
            "field": self.field,
            "message": self.message,
            "hint": self.hint or catalogue_fix(self.code),
        }


def catalogue_fix(code: str) -> str:
    """The catalogue's general fix for ``code`` (used when a problem has no hint of its own)."""
    return CATALOGUE[code].fix
