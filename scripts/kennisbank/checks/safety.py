"""Body checks, judged by what the site's own renderer makes of the body.

Each body is rendered with Python-Markdown and the extensions of ``mkdocs.yml`` (see
``markdown_render``); whatever the allowlist sanitizer (nh3, see ``html_safety``) would
remove from that HTML is reported: SAFE001 for an element, attribute or class (raw HTML,
or attr_list's ``{: onclick=… }``), SAFE002 for a link scheme other than http, https or
mailto, SAFE003 for an image from another website. Headings come from the same render.

Limits come first, so no body can make the renderer recurse or run for long: a body over
:data:`MAX_BODY_BYTES` or nested deeper than :data:`MAX_NESTING` is refused unrendered.
"""

from __future__ import annotations

import re
import secrets
from html.parser import HTMLParser

from kennisbank.checks.allowlists import BODY
from kennisbank.checks.html_safety import Finding, as_browser_builds_it, describe, html_findings, scheme_of
from kennisbank.checks.limits import limit_problems
from kennisbank.checks.markdown_render import BodyRenderer
from kennisbank.checks.problems import Problem
from kennisbank.content.entry import Entry

#: Random per run, so a body cannot write it itself to pass the check.
_SENTINEL_TEXT = f"kb-einde-{secrets.token_hex(8)}"
_SENTINEL = f"\n\n## {_SENTINEL_TEXT}\n"

#: At most this many SAFE problems per body; the rest would repeat the same advice.
MAX_FINDINGS = 50

# Plain prose (none of these) renders to paragraphs, lists and ATX headings only, so it can
# neither hold HTML nor links, and its headings can be read line by line (tested to agree
# with the renderer on every entry and fixture). Rendering costs about 1 ms per entry.
# A '#' line counts as plain only in the form '## Text' (no indentation, no other '#',
# no backslash): Python-Markdown also reads '#kop', '####### x' and indented lines in a
# list as headings, which a line scan would get wrong.
_NEEDS_RENDER = re.compile(
    r"[<\[{&`\t]|~~~|!!!|\?\?\?|^ {0,3}(?:=+|-+) *$|^ {0,3}(?:[>*+-]|\d+[.)]) *#"
    r"|^[ ]+#|^(?!#{1,6} [^#\\\n*_]*$)#",
    re.MULTILINE,
)
_ATX = re.compile(r"^(#{1,6}) ([^#\\\n*_]*)$")


def body_problems(entry: Entry, renderer: BodyRenderer) -> list[Problem]:
    """Check the body of ``entry``.

    Args:
        entry: the loaded entry.
        renderer: the site's Markdown renderer (one per run).

    Returns:
        BODY003 (too large) or BODY004 (nested too deep) alone when a limit is exceeded;
        otherwise BODY001 per missing required heading, BODY002 per level-1 heading, and
        SAFE001/SAFE002/SAFE003 per thing sanitizing would remove (at most
        :data:`MAX_FINDINGS`). Lines are file lines.
    """
    limits = list(limit_problems(entry))
    if limits:
        return limits
    if not _NEEDS_RENDER.search(entry.body):
        return heading_problems(entry, line_scan_headings(entry.body))
    try:
        rendered = renderer.render(entry.body + _SENTINEL)
    except RecursionError:
        message = "De hoofdtekst is te diep genest om te verwerken."
        return [Problem(entry.path, entry.body_line, 1, "BODY004", "body", message)]
    problems = _finding_problems(entry, html_findings(rendered.html, BODY, remote_images=True))
    headings = rendered.headings
    if headings[-1:] == [(2, _SENTINEL_TEXT)] and _closed_before(rendered.html, _SENTINEL_TEXT):
        headings = headings[:-1]
    else:  # an element the body opens swallows what the page puts after it
        problems.append(Problem(entry.path, entry.body_line + len(entry.body.rstrip().split("\n")) - 1, 1, "SAFE001", "body",
                                "De hoofdtekst opent HTML die niet gesloten wordt; wat de site na de hoofdtekst "
                                "zet (Gerelateerd, Bronnen) zou erin verdwijnen."))  # fmt: skip
    return problems + heading_problems(entry, headings)


_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())


class _OpenElements(HTMLParser):
    """The stack of elements still open at the end of the HTML it was fed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass


def _closed_before(html: str, marker: str) -> bool:
    """Whether every element opened before the heading holding ``marker`` is closed again:
    otherwise the page's own sections after the body would end up inside it."""
    html = as_browser_builds_it(html)
    index = html.find(marker)
    start = html.rfind("<h2", 0, index)
    parser = _OpenElements()
    parser.feed(html[: max(start, 0)])
    return not parser.stack


def heading_problems(entry: Entry, headings: list[tuple[int, str]]) -> list[Problem]:
    """BODY002 for each level-1 heading, BODY005 for a heading that skips a level (WCAG 2.1
    success criterion 1.3.1: headings show the structure), BODY001 for each required
    heading that is missing."""
    lines = entry.body.split("\n")
    problems = [
        Problem(entry.path, entry.body_line + _heading_line(lines, text), 1, "BODY002", "body",
                f"De hoofdtekst bevat een kop op het hoogste niveau ('# {text}').")
        for level, text in headings if level == 1
    ]  # fmt: skip
    previous = 1  # the page title is the h1
    for level, text in headings:
        if level > previous + 1:
            problems.append(Problem(entry.path, entry.body_line + _heading_line(lines, text), 1, "BODY005", "body",
                                    f"De kop '{'#' * level} {text}' slaat een niveau over: na een kop van niveau "
                                    f"{previous} komt niveau {level}.",
                                    f"Maak er een kop van niveau {previous + 1} van ('{'#' * (previous + 1)} {text}')."))  # fmt: skip
        previous = level
    present = {text for level, text in headings if level == 2}
    expected = ", ".join("## " + h for h in entry.collection.headings)
    for heading in entry.collection.headings:
        if heading not in present:
            hint = f"Vaste koppen voor een {entry.collection.label_singular.lower()}: {expected}."
            message = f"De verplichte kop '## {heading}' ontbreekt."
            problems.append(Problem(entry.path, entry.body_line, 1, "BODY001", "body", message, hint))
    return problems


def line_scan_headings(body: str) -> list[tuple[int, str]]:
    """``(level, text)`` of the ATX headings of plain prose, read line by line."""
    out = []
    for line in body.split("\n"):
        if line.startswith("#"):
            match = _ATX.match(line)
            if match:
                out.append((len(match.group(1)), match.group(2).strip()))
    return out


def _finding_problems(entry: Entry, findings: list[Finding]) -> list[Problem]:
    lines = entry.body.split("\n")
    cursor = 0
    problems = []
    for finding in findings[:MAX_FINDINGS]:
        offset = _locate(lines, cursor, _needles(finding))
        cursor = offset
        problems.append(_problem(entry, entry.body_line + offset, finding))
    return problems


def _problem(entry: Entry, line: int, finding: Finding) -> Problem:
    if finding.kind == "remote-image":
        return Problem(
            entry.path,
            line,
            1,
            "SAFE003",
            "body",
            f"De afbeelding '{finding.value[:60]}' komt van een andere website; "
            "lezers zouden die website dan ongevraagd bezoeken.",
        )
    if finding.kind == "scheme" or (finding.kind == "element" and ":" in finding.tag):
        url = finding.value or finding.tag
        scheme = scheme_of(url) if finding.kind == "scheme" else finding.tag.split(":", 1)[0]
        return Problem(
            entry.path,
            line,
            1,
            "SAFE002",
            "body",
            f"{'De afbeelding' if finding.tag == 'img' else 'De link'} '{url[:60]}' gebruikt "
            + (f"het protocol '{scheme}:'" if scheme else "geen protocol")
            + "; alleen https://, http:// en mailto: zijn toegestaan.",
            "Verwijzen naar een ander item doet u met het veld 'related', niet met een link." if not scheme else "",
        )
    what = describe(finding)
    return Problem(
        entry.path,
        line,
        1,
        "SAFE001",
        "body",
        f"De hoofdtekst bevat {what}; de site zou dat weghalen.",
        "Gebruik alleen Markdown: **vet**, [tekst](https://...), lijsten en koppen. "
        "Attributen met {: ... } zijn niet toegestaan."
        if finding.kind in ("attribute", "class")
        else "",
    )


def _needles(finding: Finding) -> list[str]:
    if finding.kind == "comment":
        return [finding.value]
    if finding.kind == "element":
        return ["<" + finding.tag]
    if finding.kind == "class":
        return ["." + finding.value.split()[0], finding.value.split()[0]] if finding.value.split() else ["{:"]
    if finding.kind in ("scheme", "remote-image"):
        # An URL written with character references (&#106;avascript:) is found by its link syntax.
        return [finding.value.strip()[:40], scheme_of(finding.value) + ":", finding.name + "=", "&#", "](", "]:"]
    return [n for n in (finding.value.strip()[:40] if len(finding.value.strip()) >= 3 else "",
                        finding.name + "=", finding.name) if n]  # fmt: skip


def _locate(lines: list[str], cursor: int, needles: list[str]) -> int:
    """0-based body line holding a needle, searched from ``cursor`` on (findings come in
    document order, so the whole search stays linear), then from the top; 0 when absent."""
    for start, stop in ((cursor, len(lines)), (0, cursor)):
        for needle in needles:
            if not needle:
                continue
            lowered = needle.lower()
            for offset in range(start, stop):
                if lowered in lines[offset].lower():
                    return offset
    return 0


def _heading_line(lines: list[str], text: str) -> int:
    for offset, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("#") and text in stripped:
            return offset
        if text and stripped == text and offset + 1 < len(lines) and set(lines[offset + 1].strip()) == {"="}:
            return offset
    return 0
