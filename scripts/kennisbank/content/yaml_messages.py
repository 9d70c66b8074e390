"""libyaml's English errors, turned into one Dutch problem each, on the file line."""

from __future__ import annotations

import re

import yaml

from kennisbank.checks.problems import Problem
from kennisbank.content import hygiene

#: libyaml's (English) problem texts, in Dutch. Unknown texts get a general Dutch message,
#: so a contributor never sees the parser's English.
_YAML_PROBLEMS = (
    (
        "did not find expected key",
        "YAML verwachtte hier een nieuw veld ('veld: waarde'); vaak klopt de inspringing niet",
    ),
    ("did not find expected '-' indicator", "in de lijst verwachtte YAML hier een regel die met '- ' begint"),
    ("did not find expected ',' or ']'", "een lijst tussen [ en ] wordt niet goed afgesloten"),
    ("did not find expected ',' or '}'", "een groep tussen { en } wordt niet goed afgesloten"),
    (
        "found character that cannot start any token",
        "een waarde begint met een teken dat YAML niet toestaat, zoals @, ` of %",
    ),
    ("found unexpected end of stream", "de front matter houdt midden in een waarde op"),
    ("found unknown escape character", "na een \\ binnen aanhalingstekens staat een teken dat YAML niet kent"),
    ("could not find expected ':'", "na een veldnaam ontbreekt de dubbele punt"),
    ("did not find expected node content", "hier ontbreekt een waarde"),
    ("block sequence entries are not allowed", "een regel met '- ' staat op een plek waar geen lijst kan beginnen"),
    ("found undefined tag handle", "een label dat met ! begint, is niet toegestaan"),
)


def _dutch_problem(problem: str) -> str:
    for english, dutch in _YAML_PROBLEMS:
        if english in problem:
            return dutch
    return "de opmaak klopt hier niet"


_QUOTED_VALUE_RE = re.compile(r"^\s*(?:-\s+)?(?:([^\s:#\"'][^:#]*?):\s+)?([\"'])")


def _unclosed_quote(lines: list[str], last: int) -> tuple[int, int, str, str] | None:
    """First front-matter line up to file line ``last`` whose quoted value is never closed.

    Returns ``(line, column, key, quote)`` (1-based), or None. Only asked after YAML failed,
    so a quoted value that legitimately spans lines cannot cause a false report.
    """
    for index in range(1, min(last, len(lines))):
        match = _QUOTED_VALUE_RE.match(lines[index])
        if not match:
            continue
        quote, rest = match.group(2), lines[index][match.end() :]
        count = len(re.findall(r'(?<!\\)"', rest)) if quote == '"' else rest.count("'")
        if count % 2 == 0:  # the closing quote is missing ('' inside single quotes counts double)
            return index + 1, match.start(2) + 1, (match.group(1) or "").strip(), quote
    return None


def syntax_problem(exc: yaml.MarkedYAMLError, shown: str, lines: list[str]) -> Problem:
    """One Dutch FM005 for a YAML syntax error, on the line where the contributor can fix it.

    Args:
        exc: libyaml's error.
        shown: the file path as shown.
        lines: the file's lines (to quote the line and find an unclosed quote).
    """
    mark = exc.problem_mark or exc.context_mark
    line = (mark.line + 2) if mark else 2
    col = (mark.column + 1) if mark else 1
    source_line = lines[line - 1] if 0 < line <= len(lines) else ""
    problem = (exc.problem or "").strip()
    if "mapping values are not allowed" in problem:
        key, _, value = source_line.partition(":")
        key = key.strip().lstrip("-").strip()
        value = value.strip().replace('"', '\\"')
        message = f"In de waarde van '{key}' staat een dubbele punt gevolgd door een spatie; YAML leest dat als een nieuw veld."
        return Problem(
            shown, line, col, "FM005", key, message, f'Zet de waarde tussen aanhalingstekens: {key}: "{value}"'
        )
    if "found character '\\t'" in problem or "\t" in source_line:
        message = "Er staat een tab in de front matter; YAML staat alleen spaties toe."
        return Problem(shown, line, col, "FM005", "", message, "Vervang de tab door spaties.")
    unclosed = _unclosed_quote(lines, line)
    if unclosed:
        return _unclosed_problem(shown, *unclosed)
    return Problem(shown, line, col, "FM005", "",
                   f"De YAML kan niet gelezen worden op regel {line} ({_dutch_problem(problem)}): '{source_line.strip()[:60]}'.",
                   "Controleer inspringing, aanhalingstekens en dubbele punten op deze regel en de regel ervoor.")  # fmt: skip


def _unclosed_problem(shown: str, line: int, column: int, key: str, quote: str) -> Problem:
    where = f"van '{key}' " if key else ""
    return Problem(shown, line, column, "FM005", key,
                   f"De waarde {where}begint met een aanhalingsteken ({quote}) dat op deze regel niet wordt gesloten.",
                   f"Zet aan het eind van de waarde hetzelfde aanhalingsteken: {key + ': ' if key else ''}{quote}...{quote}")  # fmt: skip


def constructor_problem(exc: yaml.MarkedYAMLError, shown: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = (mark.line + 2) if mark else 2
    if "unhashable" in (exc.problem or ""):
        return Problem(
            shown,
            line,
            1,
            "FM005",
            "",
            "Een veldnaam is een lijst of een groep; een veldnaam moet gewone tekst zijn.",
            "Schrijf het veld als 'veld: waarde'.",
        )
    return Problem(
        shown,
        line,
        1,
        "FM005",
        "",
        f"De YAML kan niet gelezen worden op regel {line}.",
        "Controleer de opmaak van deze regel.",
    )


def reader_problem(exc: yaml.YAMLError, yaml_text: str, shown: str) -> Problem:
    position = getattr(exc, "position", None)
    character = getattr(exc, "character", None)
    line = yaml_text[:position].count("\n") + 2 if isinstance(position, int) else 2
    if isinstance(character, int):
        character = chr(character)
    name = hygiene.describe(character) if isinstance(character, str) and len(character) == 1 else "stuurteken"
    column = 1
    if isinstance(position, int):
        column = position - (yaml_text.rfind("\n", 0, position) + 1) + 1
    return Problem(
        shown,
        line,
        column,
        "FM011",
        "",
        f"In de front matter staat een onzichtbaar teken: {name}.",
        "Verwijder het teken; typ de regel zo nodig opnieuw.",
    )
