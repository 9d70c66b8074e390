"""Body checks with a real Markdown tokenizer (markdown-it-py): headings, raw HTML, links.

Python-Markdown, which MkDocs uses, passes raw HTML through untouched, so a ``<script>``
in an entry would run in readers' browsers. Entries are therefore plain Markdown only.
"""

from __future__ import annotations

from collections.abc import Iterator
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
    tokens = _MD.parse(entry.body)
    lines = entry.body.split("\n")
    problems: list[Problem] = []
    headings: list[str] = []
    for index, token in enumerate(tokens):
        line = entry.body_line + (token.map[0] if token.map else 0)
        if token.type == "heading_open":
            text = tokens[index + 1].content.strip()
            if token.tag == "h1":
                problems.append(Problem(entry.path, line, 1, "BODY002", "body",
                                        f"De hoofdtekst bevat een kop op het hoogste niveau ('# {text}')."))
            elif token.tag == "h2":
                headings.append(text)
        elif token.type == "html_block":
            problems.append(_html_problem(entry, line, token.content))
        elif token.type == "inline" and token.children:
            problems.extend(_inline_problems(entry, token, lines))
    missing = [h for h in entry.collection.headings if h not in headings]
    for heading in missing:
        problems.append(Problem(entry.path, entry.body_line, 1, "BODY001", "body",
                                f"De verplichte kop '## {heading}' ontbreekt.",
                                "Vaste koppen voor een " + entry.collection.label_singular.lower() + ": "
                                + ", ".join("## " + h for h in entry.collection.headings) + "."))
    return problems


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
