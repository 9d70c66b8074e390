"""Body checks with a real Markdown tokenizer (markdown-it-py): headings, raw HTML, links.

Python-Markdown, which MkDocs uses, passes raw HTML through untouched, so a ``<script>``
in an entry would run in readers' browsers. Entries are therefore plain Markdown only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .loader import Entry
from .problems import Problem

ALLOWED_SCHEMES = ("http", "https", "mailto")


def _tokenizer() -> MarkdownIt:
    md = MarkdownIt("commonmark")
    # markdown-it drops javascript: links silently; Python-Markdown would render them.
    # Accept every link here so that the check below sees (and reports) it.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


_MD = _tokenizer()


def body_problems(entry: Entry) -> list[Problem]:
    """Check the body of ``entry``.

    Returns:
        BODY001 for each missing required heading (by name), BODY002 for a level-1
        heading, SAFE001 for raw HTML, SAFE002 for a link or image whose scheme is not
        http, https or mailto, SAFE003 for an image from another host. Lines are file lines.
    """
    scan = scan_body(entry.body)
    problems: list[Problem] = [_html_problem(entry, entry.body_line + offset, html) for offset, html in scan.html_blocks]
    for token in scan.inlines:
        problems.extend(_inline_problems(entry, token, scan.lines))
    headings: list[str] = []
    for offset, level, text in scan.headings:
        if level == 1:
            problems.append(Problem(entry.path, entry.body_line + offset, 1, "BODY002", "body",
                                    f"De hoofdtekst bevat een kop op het hoogste niveau ('# {text}')."))
        elif level == 2:
            headings.append(text)
    missing = [h for h in entry.collection.headings if h not in headings]
    for heading in missing:
        problems.append(Problem(entry.path, entry.body_line, 1, "BODY001", "body",
                                f"De verplichte kop '## {heading}' ontbreekt.",
                                "Vaste koppen voor een " + entry.collection.label_singular.lower() + ": "
                                + ", ".join("## " + h for h in entry.collection.headings) + "."))
    return problems


# Plain prose (no '<', no link syntax, no code fences, no setext or container headings)
# tokenizes to nothing but paragraphs, lists and ATX headings, so the headings can be read
# line by line. markdown-it-py costs about 2 ms per 600-word entry; most entries are plain.
_NEEDS_TOKENIZER = re.compile(
    r"<|\]\(|\]:|```|~~~|\t|^ {0,3}(?:=+|-+) *$|^ {0,3}(?:[>*+-]|\d+[.)]) *#",
    re.MULTILINE,
)
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ ]+(.*?))?(?:[ ]+#+)?[ ]*$")


@dataclass
class BodyScan:
    """What the body checks need from a Markdown body.

    Attributes:
        headings: ``(line offset in the body, level, text)`` of every heading, in order.
        html_blocks: ``(line offset, html)`` of every raw HTML block.
        inlines: markdown-it inline tokens that hold links, images or inline HTML.
        lines: the body's lines.
    """

    headings: list[tuple[int, int, str]] = field(default_factory=list)
    html_blocks: list[tuple[int, str]] = field(default_factory=list)
    inlines: list[Token] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


def scan_body(body: str) -> BodyScan:
    """Read headings, raw HTML and links from ``body``.

    Plain prose takes a line scan; anything that could hold HTML, links or headings a line
    scan would misread goes through markdown-it-py. Both give the same result for plain
    prose (tested on every entry and the bad-input corpus).
    """
    scan = BodyScan(lines=body.split("\n"))
    if not _NEEDS_TOKENIZER.search(body):
        for offset, line in enumerate(scan.lines):
            match = _ATX.match(line) if line.lstrip(" ").startswith("#") else None
            if match:
                scan.headings.append((offset, len(match.group(1)), (match.group(2) or "").strip()))
        return scan
    tokens = _MD.parse(body)
    for index, token in enumerate(tokens):
        offset = token.map[0] if token.map else 0
        if token.type == "heading_open":
            scan.headings.append((offset, int(token.tag[1]), tokens[index + 1].content.strip()))
        elif token.type == "html_block":
            scan.html_blocks.append((offset, token.content))
        elif token.type == "inline" and token.children:
            scan.inlines.append(token)
    return scan


def _html_problem(entry: Entry, line: int, html: str) -> Problem:
    snippet = " ".join(html.split())[:60]
    return Problem(entry.path, line, 1, "SAFE001", "body", f"De hoofdtekst bevat HTML: '{snippet}'.")


def _inline_problems(entry: Entry, token: Token, lines: list[str]) -> Iterator[Problem]:
    start, end = token.map if token.map else (0, 1)
    for child in token.children or []:
        if child.type == "html_inline":
            if child.content.startswith("</"):
                continue  # a closing tag is reported with its opening tag
            yield _html_problem(entry, entry.body_line + _find_line(lines, start, end, child.content), child.content)
        elif child.type in ("link_open", "image"):
            url = str(child.attrs.get("href") or child.attrs.get("src") or "")
            line = entry.body_line + _find_line(lines, start, end, url)
            scheme = urlsplit(url.strip()).scheme.lower() if url.strip() else ""
            if url.startswith("#"):
                continue
            if scheme not in ALLOWED_SCHEMES:
                yield Problem(entry.path, line, 1, "SAFE002", "body",
                              f"De link '{url[:60]}' gebruikt " + (f"het protocol '{scheme}:'" if scheme else "geen protocol")
                              + "; alleen https://, http:// en mailto: zijn toegestaan.",
                              "Verwijzen naar een ander item doe je met het veld 'related', niet met een link."
                              if not scheme else "")
            elif child.type == "image":
                yield Problem(entry.path, line, 1, "SAFE003", "body",
                              f"De afbeelding '{url[:60]}' komt van een andere website; lezers zouden die website dan ongevraagd bezoeken.")


def _find_line(lines: list[str], start: int, end: int, needle: str) -> int:
    """0-based body line in ``[start, end)`` holding ``needle``; ``start`` when not found."""
    probe = needle.strip()[:40]
    for offset in range(start, min(end, len(lines))):
        if probe and probe in lines[offset]:
            return offset
    return start
