"""Framing an entry file: the ``---`` lines around the front matter, and what follows them.

Framing works on offsets rather than a list of every line, because bodies are long.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kennisbank.checks.problems import Problem

#: Largest front matter accepted, in bytes. The biggest real entry is about 1.5 KB;
#: the cap stops a file from hiding a large (or exploding) document in its metadata.
MAX_FRONT_MATTER_BYTES = 32 * 1024

#: What Python-Markdown's meta extension (used by MkDocs) takes as a metadata line.
_META_LINE_RE = re.compile(r"^[A-Za-z0-9_-]+:\s")

_FENCE = "---"
# The newline before the fence is part of the pattern: a pattern that starts with a literal is
# searched with a fast substring scan, where '^' in MULTILINE mode tries every position.
_CLOSE_RE = re.compile(r"\n((?:---|\.\.\.)[ \t]*)$", re.MULTILINE)
_SECOND_FENCE_RE = re.compile(r"(?:[ \t]*\n)*(---)[ \t]*(?:\n|$)")


@dataclass(frozen=True)
class Frame:
    """Where the parts of an entry file are.

    Attributes:
        text: the file text with the BOM removed and CRLF turned into LF.
        yaml_text: the front matter between the fences.
        body: everything after the closing fence.
        body_line: 1-based file line on which the body starts.
    """

    text: str
    yaml_text: str
    body: str
    body_line: int


def frame(text: str, shown: str) -> tuple[Frame | None, list[Problem]]:
    """Find the front matter of ``text`` (the file's content; ``shown`` is its path).

    Returns:
        ``(frame, problems)``; frame is None when the file has no usable front matter
        (FM001 no opening line, FM003 never closed, FM008 too large). FM002 (a BOM) and
        FM010 (a second block) come with a frame.
    """
    problems: list[Problem] = []
    if text.startswith("\ufeff"):
        problems.append(
            Problem(shown, 1, 1, "FM002", "", "Het bestand begint met een onzichtbaar BOM-teken vóór '---'.")
        )
        text = text[1:]
    if "\r" in text:  # CRLF and a lone CR are line ends, as Python-Markdown reads them
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    first_end = text.find("\n")
    first_line = text if first_end < 0 else text[:first_end]
    if first_line.rstrip() != _FENCE:
        if _META_LINE_RE.match(first_line):
            message = (
                f"Regel 1 ('{first_line[:40]}') ziet eruit als een veld, maar de front matter begint niet met '---'. "
                "MkDocs zou zulke regels stil als metadata opvatten en van de pagina laten verdwijnen."
            )
        else:
            message = "Het bestand begint niet met '---' op regel 1; de front matter ontbreekt."
        return None, problems + [Problem(shown, 1, 1, "FM001", "", message)]
    closing = _CLOSE_RE.search(text, first_end) if first_end >= 0 else None
    if closing is None:
        return None, problems + [
            Problem(
                shown, 1, 1, "FM003", "", "De front matter die op regel 1 begint, wordt nergens met '---' afgesloten."
            )
        ]
    close = text.count("\n", 0, closing.start(1))  # 0-based line of the closing fence
    yaml_text = text[first_end + 1 : max(closing.start(1) - 1, first_end + 1)]
    if len(yaml_text.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
        return None, problems + [
            Problem(shown, 2, 1, "FM008", "", f"De front matter is groter dan {MAX_FRONT_MATTER_BYTES // 1024} KB.")
        ]
    body = text[closing.end(1) + 1 :]
    problems.extend(_second_block(body, close + 2, shown))
    return Frame(text, yaml_text, body, close + 2), problems


def _second_block(body: str, first_line: int, shown: str) -> list[Problem]:
    """Flag a second ``---`` block right after the front matter: its text would vanish."""
    match = _SECOND_FENCE_RE.match(body)
    if not match:
        return []
    return [
        Problem(
            shown,
            first_line + body.count("\n", 0, match.start(1)),
            1,
            "FM010",
            "",
            "Na de front matter begint een tweede blok met '---'; die tekst zou niet goed op de site komen.",
        )
    ]
