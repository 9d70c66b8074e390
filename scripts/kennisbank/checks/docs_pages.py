"""Hand-written pages in ``docs/``: the same boundary as entries, with room for their HTML.

A page in ``docs/`` may use HTML on purpose (the search page's container, the site's own
scripts by address), but its front matter holds only the fields the site uses (a field
such as ``author`` or ``template`` would reach the theme's ``<head>`` or change the
page's template), its HTML stays inside :data:`~kennisbank.checks.allowlists.DOCS` (no
inline script, event handler, style attribute, frame or plug-in), and it holds no
personal data.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from kennisbank.checks import pii
from kennisbank.checks.allowlists import DOCS
from kennisbank.checks.html_safety import describe, html_findings, inline_script_count
from kennisbank.checks.markdown_render import BodyRenderer
from kennisbank.checks.problems import Problem
from kennisbank.content.framing import frame
from kennisbank.content.loader import compose
from kennisbank.site import settings

#: The front-matter fields a page in docs/ may have, and what each must be.
DOCS_FIELDS: dict[str, type] = {"title": str, "description": str, "hide": list, "kb_search": bool, "tags": list}


def docs_page_problems(root: Path, renderer: BodyRenderer, mailboxes: tuple[str, ...]) -> list[Problem]:
    """Every problem in the pages under ``root/docs`` (DOCS001, SAFE001/002, PII0xx, FM0xx).

    Args:
        root: the project root.
        renderer: the site's Markdown renderer.
        mailboxes: functional addresses that may appear.
    """
    problems: list[Problem] = []
    docs = root / "docs"
    for path in sorted(docs.rglob("*.md")) if docs.is_dir() else []:
        if path.is_symlink():
            continue  # reported as FILE002 while loading the project
        shown = path.relative_to(root).as_posix()
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            problems.append(Problem(shown, 0, 1, "FM009", "", "Het bestand is geen leesbare UTF-8-tekst."))
            continue
        problems.extend(page_problems(text, shown, renderer, mailboxes))
    return problems


def page_problems(text: str, shown: str, renderer: BodyRenderer, mailboxes: tuple[str, ...]) -> list[Problem]:
    """The problems of one page in docs/ (``text`` is its content, ``shown`` its path)."""
    framed, problems = frame(text, shown)
    body, body_line = text, 1
    if framed is not None:
        node, meta, yaml_problems = compose(framed.yaml_text, framed.text, shown)
        problems.extend(yaml_problems)
        key_lines = {k.value: k.start_mark.line + 2 for k, _ in node.value} if node is not None else {}
        problems.extend(_field_problems(meta, key_lines, shown))
        body, body_line = framed.body, framed.body_line
    else:
        problems = []  # a page without front matter is fine in docs/
    html = renderer.render(body).html
    # The page as the site may show it: every way the settings can decide its kb:als blocks.
    names = settings.condition_names(body)
    if len(names) > settings.MAX_CONDITIONS:
        problems.append(Problem(shown, body_line, 1, "SAFE001", "body",
                                f"De pagina gebruikt {len(names)} verschillende voorwaarden (<!-- kb:als … -->); "
                                f"de controle kan er hoogstens {settings.MAX_CONDITIONS} in elke combinatie nagaan.",
                                "Verdeel de tekst over meer pagina's, of gebruik minder voorwaarden."))  # fmt: skip
    variants = settings.variants(body) if len(names) <= settings.MAX_CONDITIONS else []
    filled = [renderer.render(v).html for v in variants if v != body]
    found = {f: "" for f in html_findings(html, DOCS)}
    for page in filled:
        found |= {f: " (zodra de instellingen zijn ingevuld)" for f in html_findings(page, DOCS) if f not in found}
    for finding, when in found.items():
        if finding.kind == "comment":
            continue  # harmless in a page, and the tags plugin's placeholder is one
        problems.append(Problem(shown, body_line, 1, "SAFE002" if finding.kind == "scheme" else "SAFE001", "body",
                                f"De pagina bevat {describe(finding)}{when}; dat mag niet op de site."))  # fmt: skip
    if body.count(_MARKER) > _marker_comments(html):
        problems.append(Problem(shown, body_line, 1, "SAFE001", "body",
                                f"De pagina heeft een markering {_MARKER}… die geen HTML-opmerking op de pagina is (maar "
                                "tekst in code, of in een attribuut); bij het invullen kan die code openbreken.",
                                "Zet elke <!-- kb:… -->-markering als opmerking op een eigen regel, buiten code."))  # fmt: skip
    if any(inline_script_count(page) for page in [html, *filled]):
        problems.append(Problem(shown, body_line, 1, "SAFE001", "body",
                                "De pagina bevat een inline <script>; alleen scripts uit een bestand (src=) zijn toegestaan."))  # fmt: skip
    normalised = pii.normalise(body)
    for f in pii.findings(normalised, set(), mailboxes) if pii.worth_checking(normalised) else []:
        problems.append(Problem(shown, body_line + normalised.count("\n", 0, f.offset), 1, f.code, "body", f.message))
    return problems


def _field_problems(meta: dict[str, object], key_lines: dict[str, int], shown: str) -> list[Problem]:
    problems = []
    for key, value in meta.items():
        line = key_lines.get(str(key), 1)
        kind = DOCS_FIELDS.get(str(key))
        if kind is None:
            problems.append(Problem(shown, line, 1, "DOCS001", str(key),
                                    f"Het veld '{key}' is niet toegestaan in een pagina in docs/.",
                                    f"Toegestane velden: {', '.join(DOCS_FIELDS)}."))  # fmt: skip
        elif not isinstance(value, kind):
            problems.append(
                Problem(shown, line, 1, "DOCS001", str(key), f"Het veld '{key}' heeft niet de juiste vorm.")
            )
    return problems


#: The start of a marker of the site settings (``<!-- kb:als … -->``, see ``site.settings``).
_MARKER = "<!-- kb:"


class _Comments(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.count = 0

    def handle_comment(self, data: str) -> None:
        self.count += data.startswith(" kb:")


def _marker_comments(html: str) -> int:
    """How many comments of the rendered ``html`` are settings markers. Filling in the settings
    cuts the Markdown at every ``<!-- kb:`` (site.settings), so a marker that renders as text
    (in code, escaped, in an attribute) could cut a fence open and free what the checks above
    saw as code: such a page is refused."""
    parser = _Comments()
    parser.feed(html)
    parser.close()
    return parser.count
