"""Limits on a body, checked before it is rendered, so no entry can make the renderer
recurse too deep or run for long (issue 9)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kennisbank.checks.problems import Problem
from kennisbank.content.entry import Entry

#: Largest body accepted, in bytes of UTF-8. The longest real entry is about 6 KB; 200 KB
#: is ample and keeps one file from slowing every build.
MAX_BODY_BYTES = 200 * 1024

#: Deepest nesting of lists, block quotes or square brackets accepted. Python-Markdown
#: recurses per level (800 nested list levels exhaust Python's stack) and is quadratic in
#: open brackets (8000 ``[`` took 7 s, measured for issue 9); real entries use at most 3.
MAX_NESTING = 10

#: Rendered after every body: when this heading does not come out as a heading, the body
#: left an HTML element open that would swallow the sections the page adds after it.
#: Constructs Python-Markdown handles in time that grows with the square of their number
#: (measured for issue 9: 14 000 "<a" lines took 18 s, 10 500 code spans 12 s, 5 000
#: abbreviation definitions 12 s), with a cap far above what any entry uses.
MARKUP_LIMITS = (
    (re.compile(r"<[A-Za-z/!?]"), 200, "HTML-tekens (<)"),
    (re.compile(r"`"), 1500, "codetekens (`)"),
    (re.compile(r"^ {0,3}\*\[", re.MULTILINE), 50, "afkortingen (*[…]:)"),
)

_LIST_ITEMS = re.compile(r"^(?:[ \t]*(?:[*+-]|\d+[.)])[ \t]+)+")
_MARKER = re.compile(r"(?:[*+-]|\d+[.)])[ \t]")
_QUOTE = re.compile(r"^(?:[ \t]*>)+")
#: The run of block quotes and list markers a line starts with, in any order.
_CONTAINERS = re.compile(r"^(?:[ \t]*(?:>|[*+-][ \t]|\d+[.)][ \t]))+")
_CONTAINER = re.compile(r">|[*+-][ \t]|\d+[.)][ \t]")


def limit_problems(entry: Entry) -> Iterator[Problem]:
    """BODY003 when the body is larger than :data:`MAX_BODY_BYTES`; BODY006 when it holds more
    of a construct than :data:`MARKUP_LIMITS` allows; BODY004 at the first
    line nested deeper than :data:`MAX_NESTING` (list indentation or markers, ``>``, or open
    ``[`` or ``(`` within a paragraph)."""
    size = len(entry.body.encode("utf-8"))
    if size > MAX_BODY_BYTES:
        yield Problem(entry.path, entry.body_line, 1, "BODY003", "body",
                      f"De hoofdtekst is {size // 1024} KB groot; het maximum is {MAX_BODY_BYTES // 1024} KB.",
                      "Maak de tekst korter of verdeel hem over meer items die naar elkaar verwijzen (related).")  # fmt: skip
        return
    for pattern, limit, what in MARKUP_LIMITS:
        count = sum(1 for _ in pattern.finditer(entry.body))
        if count > limit:
            yield Problem(entry.path, entry.body_line, 1, "BODY006", "body",
                          f"De hoofdtekst bevat {count} {what}; het maximum is {limit}.",
                          "Schrijf gewone tekst; zulke opmaak hoort niet in een item.")  # fmt: skip
            return
    open_brackets = (0, 0)
    for offset, line in enumerate(entry.body.split("\n")):
        if not line.strip():
            open_brackets = (0, 0)  # brackets do not span paragraphs
        open_brackets, deepest = _bracket_depth(line, open_brackets)
        levels = {"blokcitaten (>)": _quote_depth(line), "lijsten": _list_depth(line), "haakjes ([ of ()": deepest}
        what, worst = max(levels.items(), key=lambda item: item[1])
        if worst > MAX_NESTING:
            yield Problem(entry.path, entry.body_line + offset, 1, "BODY004", "body",
                          f"Hier zijn {what} {worst} niveaus diep genest; het maximum is {MAX_NESTING}.",
                          "Maak de opbouw platter; een lijst in een lijst is meestal genoeg.")  # fmt: skip
            return


def _quote_depth(line: str) -> int:
    quote = _QUOTE.match(line)
    return quote.group(0).count(">") if quote else 0


def _list_depth(line: str) -> int:
    """Nesting a line opens: the block quotes it starts with, then its indentation (tabs count
    as 4 spaces; Python-Markdown nests by 4) and every list marker written one after the other
    (``- - - x`` is three lists deep), or an admonition (``!!!``, ``???``) at that indentation."""
    containers = _CONTAINERS.match(line)
    if containers and len(_CONTAINER.findall(containers.group(0))) > MAX_NESTING:
        return len(_CONTAINER.findall(containers.group(0)))  # "> - > - > - …": each one a level
    quote = _QUOTE.match(line)
    rest = line[quote.end() :] if quote else line
    expanded = rest.expandtabs(4)
    indent = (len(expanded) - len(expanded.lstrip(" "))) // 4
    item = _LIST_ITEMS.match(expanded)
    if item:
        return _quote_depth(line) + indent + len(_MARKER.findall(item.group(0)))
    if expanded.lstrip(" ").startswith(("!!!", "???")):
        return _quote_depth(line) + indent + 1
    return 0


def _bracket_depth(line: str, depth: tuple[int, int]) -> tuple[tuple[int, int], int]:
    """``((open [, open () at the end of line), deepest of the two on it)``; escaped ones skipped."""
    if not any(c in line for c in "[]()"):
        return depth, max(depth)
    square, round_ = depth
    deepest = max(depth)
    previous = ""
    for char in line:
        if previous != "\\":
            if char == "[":
                square += 1
            elif char == "]" and square:
                square -= 1
            elif char == "(":
                round_ += 1
            elif char == ")" and round_:
                round_ -= 1
            deepest = max(deepest, square, round_)
        previous = char if previous != "\\" else ""
    return (square, round_), deepest
