"""What the contributor of an issue-form proposal reads: each problem under the label of the
form field it concerns, and the reaction the workflow places on the issue."""

from __future__ import annotations

import re

from kennisbank.checks.catalogue import CATALOGUE
from kennisbank.checks.problems import Problem
from kennisbank.checks.report import visible
from kennisbank.content.issueforms import IssueForm

#: GitHub refuses a comment of more than 65,536 characters (then the contributor would read
#: nothing at all): the reaction shows the problems up to this many characters, each line cut
#: at :data:`MAX_LINE`, and says how many more there are.
MAX_SHOWN = 50_000
MAX_LINE = 1_000


def field_label(problem: Problem, form: IssueForm | None, text: str) -> str:
    """The form label a problem belongs to: the field's label (``sources[0].url`` -> ``Bronnen``),
    for the body the heading above the problem's line in ``text`` (the entry file), else
    'het voorstel'."""
    base = re.split(r"[.\[]", problem.field, maxsplit=1)[0]
    if base == "body" or (not base and problem.line > 0):
        lines = text.split("\n")[: max(problem.line, 1)]
        heading = next((line[3:].strip() for line in reversed(lines) if line.startswith("## ")), "")
        return heading or "de tekst"
    if base and form is not None:
        return form.label_of(base)
    return base or "het voorstel"


def contributor_lines(problems: list[Problem], form: IssueForm | None, text: str) -> list[str]:
    """Two lines per problem: ``CODE bij 'Label': message`` and an indented ``tip:``. Invisible
    and control characters in quoted text are shown as ``<U+202E>`` (see :func:`visible`)."""
    lines = []
    for problem in problems:
        shown = visible(problem)
        hint = shown.hint or CATALOGUE[shown.code].fix
        lines.append(f"{shown.code} bij '{field_label(problem, form, text)}': {shown.message}")
        lines.append(f"    tip: {hint}")
    return lines


def comment(lines: list[str], written: str = "", entry_id: str = "") -> str:
    """The Markdown reaction on the issue (Dutch).

    Args:
        lines: the contributor lines of :func:`contributor_lines` (empty when clean).
        written: the path of the new file ('' when none was written).
        entry_id: the id of the new entry.

    The lines quote the contributor's own text, so they go into a fenced code block whose
    fence is longer than any run of backticks in them: no mention, link or markup in the
    text is rendered. At most :data:`MAX_SHOWN` characters of problems are shown (GitHub's
    limit on a comment), with how many more there are.
    """
    if not lines:
        return (
            f"Uw voorstel is omgezet in een nieuw item: `{written}` (id `{entry_id}`). De automatische "
            "controle vond geen problemen. Een beheerder leest de pull request na en reageert in dit issue.\n"
        )
    cut = [line if len(line) <= MAX_LINE else line[: MAX_LINE - 1] + "…" for line in lines]
    shown: list[str] = []
    for first in range(0, len(cut), 2):  # a problem is two lines: message and tip
        if sum(len(line) + 1 for line in shown + cut[first : first + 2]) > MAX_SHOWN:
            break
        shown += cut[first : first + 2]
    left = (len(lines) - len(shown)) // 2
    more = f"En nog {left} {'probleem' if left == 1 else 'problemen'}; los eerst deze op.\n\n" if left else ""
    body = "\n".join(shown)
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", body)), default=0))
    return (
        "Uw voorstel is nog niet omgezet in een item: de automatische controle vond deze problemen.\n\n"
        f"{fence}text\n{body}\n{fence}\n\n{more}"
        "Bewerk het issue (menu ··· > Edit) en pas de genoemde velden aan; de controle draait daarna opnieuw. "
        "Uitleg per code staat op de site onder Bijdragen > Foutcodes.\n"
    )
