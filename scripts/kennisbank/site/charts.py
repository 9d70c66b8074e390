"""The 'In cijfers' page: charts drawn at build time as SVG, each with a table of the same numbers.

Bar charts use leather, whose SVG carries its styling in attributes: no ``<style>`` and no
script, so the charts also render under a strict Content-Security-Policy. Leather has no
heat map, so the theme × organisation-type matrix is drawn here as a grid of rectangles.
"""

from __future__ import annotations

import io
from html import escape
from typing import TYPE_CHECKING

import leather

if TYPE_CHECKING:
    from kennisbank.site.pages.context import Context

from kennisbank.content.collections import COLLECTIONS, Collection
from kennisbank.content.taxonomies import BY_FIELD

CHART_DIR = "assets/charts"
MATRIX_CHART = f"{CHART_DIR}/thema-organisatietype.svg"

# Readable on white (contrast >= 4.5:1) and no web font: the site loads no fonts. Every text
# gets the same sans-serif family (leather's tick labels otherwise fall back to a serif).
for _part in ("default", "tick", "title", "legend", "axis_title"):
    setattr(leather.theme, f"{_part}_font_family", "Arial, Helvetica, sans-serif")
leather.theme.tick_color = "#555555"
leather.theme.label_color = "#333333"  # the theme labels: dark enough to read (12.6:1)
leather.theme.tick_font_size = 13
leather.theme.title_font_size = 15

#: Drawn at the width of the page's text column, so 13 units are 13 CSS pixels on screen.
CHART_WIDTH, CHART_HEIGHT = 680, 320
leather.theme.background_color = "#ffffff"
leather.theme.title_color = "#1a1a1a"
_BAR_COLOURS = ("#154273", "#8b4a00", "#2f6b2f")


def theme_counts(ctx: Context) -> list[tuple[str, str, list[int]]]:
    """``(theme id, label, [count per collection])`` in vocabulary order."""
    themes = BY_FIELD["themes"]
    rows = []
    for value, label, _ in ctx.facet_terms(themes):
        entries = ctx.facet_index["themes"].get(value, [])
        rows.append((value, label, [sum(1 for e in entries if e.collection is c) for c in COLLECTIONS]))
    return rows


def matrix_counts(ctx: Context) -> tuple[list[tuple[str, str]], list[tuple[str, str]], dict[tuple[str, str], int]]:
    """Themes (rows), organisation types (columns) and the number of entries in each cell."""
    themes, org_types = BY_FIELD["themes"], BY_FIELD["organisation_types"]
    rows = [(v, label) for v, label, _ in ctx.facet_terms(themes)]
    cols = [(v, label) for v, label, _ in ctx.facet_terms(org_types)]
    cells: dict[tuple[str, str], int] = {}
    for entry in ctx.entries:
        for theme in themes.values(entry):
            for org in org_types.values(entry):
                cells[(theme, org)] = cells.get((theme, org), 0) + 1
    return rows, cols, cells


def themes_svg(rows: list[tuple[str, str, list[int]]], index: int) -> str:
    """The bar chart of entries per theme of one collection (``index`` in COLLECTIONS). All
    three share one scale (0 to the largest count of any), so their bars can be compared."""
    peak = max((max(counts) for _, _, counts in rows), default=1) or 1
    chart = leather.Chart(COLLECTIONS[index].label)
    chart.add_x_scale(0, peak)
    chart.add_bars([(counts[index], label) for _, label, counts in reversed(rows)], fill_color=_BAR_COLOURS[index])
    buffer = io.StringIO()
    chart.to_svg(buffer, width=CHART_WIDTH, height=CHART_HEIGHT)
    return _titled(buffer.getvalue(), f"Aantal {COLLECTIONS[index].label.lower()} per thema")


def matrix_svg(rows: list[tuple[str, str]], cols: list[tuple[str, str]], cells: dict[tuple[str, str], int]) -> str:
    """A heat map: one square per theme × organisation type, darker for more entries."""
    left, top, size = _MATRIX_LEFT, _MATRIX_TOP, _MATRIX_CELL
    peak = max(cells.values(), default=1) or 1
    width, height = matrix_size(rows, cols)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="Arial, Helvetica, sans-serif" font-size="14">',
        "<title>Aantal items per thema en organisatietype</title>",
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    for c, (_, label) in enumerate(cols):
        x = left + c * size + size / 2
        parts.append(f'<text transform="translate({x} {top - 8}) rotate(-45)" fill="#1a1a1a">{escape(label)}</text>')
    for r, (theme, label) in enumerate(rows):
        y = top + r * size
        parts.append(
            f'<text x="{left - 8}" y="{y + size / 2 + 4}" text-anchor="end" fill="#1a1a1a">{escape(label)}</text>'
        )
        for c, (org, _) in enumerate(cols):
            count = cells.get((theme, org), 0)
            share = count / peak
            # From white to the site's dark blue; text switches to white on dark cells.
            shade = tuple(round(255 - (255 - t) * share) for t in (0x15, 0x42, 0x73))
            fill = "#{:02x}{:02x}{:02x}".format(*shade)
            text = "#ffffff" if share > 0.5 else "#1a1a1a"
            x = left + c * size
            parts.append(
                f'<rect x="{x}" y="{y}" width="{size - 2}" height="{size - 2}" fill="{fill}" stroke="#767676" stroke-width="0.5"/>'
            )
            parts.append(
                f'<text x="{x + size / 2 - 1}" y="{y + size / 2 + 4}" text-anchor="middle" fill="{text}">{count}</text>'
            )
    parts.append("</svg>\n")
    return "\n".join(parts)


def _titled(svg: str, title: str) -> str:
    start = svg.index("<svg")
    close = svg.index(">", start) + 1
    return svg[start:close] + f"<title>{escape(title)}</title>" + svg[close:]


def render_page(ctx: Context) -> dict[str, str]:
    """The ``in-cijfers.md`` page and its two SVG charts."""
    from kennisbank.site.text import items, md

    theme_rows = theme_counts(ctx)
    rows, cols, cells = matrix_counts(ctx)
    totals = [len([e for e in ctx.entries if e.collection is c]) for c in COLLECTIONS]
    busiest = max(theme_rows, key=lambda r: sum(r[2]))
    lines = [
        "---\ntitle: In cijfers\ndescription: De kennisbank in grafieken, met dezelfde cijfers in tabellen.\nkb_search: false\n---\n",
        "# De kennisbank in cijfers\n",
        f"De kennisbank telt {items(sum(totals))}: "
        + ", ".join(f"{n} {c.label.lower()}" for n, c in zip(totals, COLLECTIONS, strict=False))
        + ". "
        "Een item kan bij meer thema's en organisatietypen horen, dus de aantallen hieronder tellen niet op tot het totaal.\n",
        "## Items per thema\n",
        "De drie grafieken hebben dezelfde schaal, zodat u de lengte van de staven kunt vergelijken.\n",
        *[
            f"![Staafdiagram van het aantal {c.label.lower()} per thema. Het thema met de meeste items in alle "
            f"collecties samen is {md(busiest[1])} ({sum(busiest[2])}). De tabel hieronder geeft alle aantallen.]"
            f'({theme_chart(c)}){{ .kb-chart width="{CHART_WIDTH}" height="{CHART_HEIGHT}" }}\n'
            for c in COLLECTIONS
        ],
        "| Thema | " + " | ".join(c.label for c in COLLECTIONS) + " | Totaal |",
        "| --- |" + " ---: |" * (len(COLLECTIONS) + 1),
    ]
    for value, label, counts in theme_rows:
        lines.append(f"| [{md(label)}](themas/{value}.md) | " + " | ".join(map(str, counts)) + f" | {sum(counts)} |")
    lines += [
        "",
        "## Thema's en organisatietypen\n",
        "![Heatmap van het aantal items per combinatie van thema en organisatietype; donkerder is meer. "
        "De tabel hieronder geeft dezelfde aantallen.]"
        f'({MATRIX_CHART}){{ .kb-chart width="{matrix_size(rows, cols)[0]}" height="{matrix_size(rows, cols)[1]}" }}\n',
        "| Thema | " + " | ".join(md(label) for _, label in cols) + " |",
        "| --- |" + " ---: |" * len(cols),
    ]
    for theme, label in rows:
        # A link per row also gives keyboard users a way into the table when it scrolls sideways.
        lines.append(
            f"| [{md(label)}](themas/{theme}.md) | "
            + " | ".join(str(cells.get((theme, org), 0)) for org, _ in cols)
            + " |"
        )
    lines.append("")
    charts = {theme_chart(c): themes_svg(theme_rows, i) for i, c in enumerate(COLLECTIONS)}
    return {"in-cijfers.md": "\n".join(lines), **charts, MATRIX_CHART: matrix_svg(rows, cols, cells)}


def theme_chart(collection: Collection) -> str:
    """Site path of a collection's bar chart of entries per theme."""
    return f"{CHART_DIR}/items-per-thema-{collection.url_prefix}.svg"


#: The heat map's layout: room for the theme labels on the left, the slanted organisation-type
#: labels on top and (for the last one) on the right, and the size of one cell, in pixels.
_MATRIX_LEFT, _MATRIX_TOP, _MATRIX_RIGHT, _MATRIX_CELL = 300, 170, 130, 44


def matrix_size(rows: list[tuple[str, str]], cols: list[tuple[str, str]]) -> tuple[int, int]:
    """Width and height of the heat map, in pixels."""
    return _MATRIX_LEFT + _MATRIX_CELL * len(cols) + _MATRIX_RIGHT, _MATRIX_TOP + _MATRIX_CELL * len(rows) + 20
