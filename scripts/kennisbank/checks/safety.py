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
from collections.abc import Iterator

from kennisbank.checks.allowlists import BODY
from kennisbank.checks.html_safety import Finding, describe, html_findings, scheme_of
from kennisbank.checks.markdown_render import BodyRenderer
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
_SENTINEL_TEXT = "kb-einde-hoofdtekst"
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
_LIST_ITEMS = re.compile(r"^(?:[ \t]*(?:[*+-]|\d+[.)])[ \t]+)+")
_MARKER = re.compile(r"(?:[*+-]|\d+[.)])[ \t]")
_QUOTE = re.compile(r"^(?:[ ]{0,3}>)+")


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
    if headings[-1:] == [(2, _SENTINEL_TEXT)]:
        headings = headings[:-1]
    else:  # an element the body opens swallows what the page puts after it
        problems.append(Problem(entry.path, entry.body_line + len(entry.body.rstrip().split("\n")) - 1, 1, "SAFE001", "body",
                                "De hoofdtekst opent HTML die niet gesloten wordt; wat de site na de hoofdtekst "
                                "zet (Gerelateerd, Bronnen) zou erin verdwijnen."))  # fmt: skip
    return problems + heading_problems(entry, headings)


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


def limit_problems(entry: Entry) -> Iterator[Problem]:
    """BODY003 when the body is larger than :data:`MAX_BODY_BYTES`; BODY004 at the first
    line nested deeper than :data:`MAX_NESTING` (list indentation or markers, ``>``, or open
    ``[`` or ``(`` within a paragraph)."""
    size = len(entry.body.encode("utf-8"))
    if size > MAX_BODY_BYTES:
        yield Problem(entry.path, entry.body_line, 1, "BODY003", "body",
                      f"De hoofdtekst is {size // 1024} KB groot; het maximum is {MAX_BODY_BYTES // 1024} KB.",
                      "Maak de tekst korter of verdeel hem over meer items die naar elkaar verwijzen (related).")  # fmt: skip
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
    """Nesting a line opens: its indentation (Python-Markdown nests by 4 spaces) plus every
    list marker written one after the other (``- - - x`` is three lists deep)."""
    item = _LIST_ITEMS.match(line)
    if not item:
        return 0
    indent = len(line) - len(line.lstrip(" "))
    return indent // 4 + len(_MARKER.findall(item.group(0)))


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
            f"De link '{url[:60]}' gebruikt "
            + (f"het protocol '{scheme}:'" if scheme else "geen protocol")
            + "; alleen https://, http:// en mailto: zijn toegestaan.",
            "Verwijzen naar een ander item doe je met het veld 'related', niet met een link." if not scheme else "",
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
