"""Formatting problems for people (Dutch), for GitHub Actions annotations and as JSON."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterable

from kennisbank.checks.catalogue import CATALOGUE
from kennisbank.checks.problems import Problem

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
        p = visible(p)
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


_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


def visible(problem: Problem) -> Problem:
    """The problem with control and invisible characters in its texts written as ``\\n`` or
    ``<U+202E>``: a message quotes the contributor's text, which must not break the one-line
    format or reorder the terminal's output."""

    def show(text: str) -> str:
        return _INVISIBLE.sub(lambda m: {"\n": "\\n", "\t": "\\t"}.get(m.group(), f"<U+{ord(m.group()):04X}>"), text)

    return dataclasses.replace(problem, path=show(problem.path), message=show(problem.message), hint=show(problem.hint))


def _escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def summary(problems: list[Problem], files: int) -> str:
    """One Dutch closing line: how many problems in how many files."""
    if not problems:
        return f"Geen problemen gevonden in {files} bestanden."
    affected = len({p.path for p in problems})
    word = "probleem" if len(problems) == 1 else "problemen"
    return f"{len(problems)} {word} in {affected} van {files} bestanden. Uitleg per code: docs op de site, pagina Bijdragen > Foutcodes."
