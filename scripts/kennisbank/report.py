"""Formatting problems for people (Dutch), for GitHub Actions annotations and as JSON."""

from __future__ import annotations

import json
from collections.abc import Iterable

from .problems import CATALOGUE, Problem

FORMATS = ("human", "github", "json")


def format_problems(problems: Iterable[Problem], fmt: str) -> str:
    """Render problems.

    Args:
        problems: the problems, already sorted.
        fmt: ``human`` (``path:line:col: CODE: message`` plus an indented hint),
            ``github`` (``::error file=…,line=…,col=…,title=CODE::message``) or ``json``.

    Returns:
        The text to print (without trailing newline for ``json``).
    """
    items = list(problems)
    if fmt == "json":
        return json.dumps({"problems": [p.as_dict() for p in items], "count": len(items)}, ensure_ascii=False, indent=2)
    lines = []
    for p in items:
        hint = p.hint or CATALOGUE[p.code].fix
        where = f"{p.path}:{p.line}:{p.col}"
        if fmt == "github":
            message = _escape(f"{p.message} Tip: {hint}")
            # Property values also escape ':' and ',' (as @actions/core does): file names may contain them.
            path = _escape(p.path).replace(":", "%3A").replace(",", "%2C")
            lines.append(f"::error file={path},line={max(p.line, 1)},col={p.col},title={p.code}::{message}")
        else:
            field = f"{p.field}: " if p.field and p.field != "body" else ""
            lines.append(f"{where}: {p.code}: {field}{p.message}")
            lines.append(f"    tip: {hint}")
    return "\n".join(lines)


def _escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def summary(problems: list[Problem], files: int) -> str:
    """One Dutch closing line: how many problems in how many files."""
    if not problems:
        return f"Geen problemen gevonden in {files} bestanden."
    affected = len({p.path for p in problems})
    word = "probleem" if len(problems) == 1 else "problemen"
    return f"{len(problems)} {word} in {affected} van {files} bestanden. Uitleg per code: docs op de site, pagina Bijdragen > Foutcodes."
