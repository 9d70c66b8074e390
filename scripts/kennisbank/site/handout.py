"""Printable handouts: several entries in one self-contained HTML document for trainings."""

from __future__ import annotations

from kennisbank.checks.allowlists import BODY
from kennisbank.checks.html_safety import sanitize
from kennisbank.checks.markdown_render import DEFAULT_CONFIGS, DEFAULT_EXTENSIONS, BodyRenderer
from kennisbank.content.entry import Entry
from kennisbank.site.csp import meta_tag
from kennisbank.site.qrcodes import qr_svg
from kennisbank.site.text import attr, dutch_date
from kennisbank.site.urls import permalink

_CSS = """
@page { size: A4; margin: 18mm 16mm; }
body { font-family: Arial, Helvetica, sans-serif; color: #1a1a1a; line-height: 1.45; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1 { color: #154273; } h2 { color: #154273; border-bottom: 2px solid #154273; padding-bottom: .2rem; }
.meta { color: #333; font-size: .95rem; } .permalink { display: flex; gap: 1rem; align-items: center; }
.permalink svg { width: 32mm; height: 32mm; } a { color: #154273; }
article { break-before: page; } nav ol { padding-left: 1.2rem; }
@media print { body { margin: 0; max-width: none; } a { text-decoration: none; } }
"""


def render_handout(
    entries: list[Entry], title: str, site_url: str, labels: dict[str, str], renderer: BodyRenderer | None = None
) -> str:
    """One printable HTML document: title, table of contents, then each entry on its own page.

    Args:
        entries: the entries, in the order the trainer gave.
        title: the handout's title.
        site_url: absolute site root URL (permalinks and QR codes point there).
        labels: theme id -> Dutch label.
        renderer: the Markdown renderer (default: the site's configuration without
            heading permalinks); bodies are sanitized like entry pages.

    Returns:
        A complete HTML document (UTF-8, ``lang="nl"``, no external resources).
    """
    base = site_url.rstrip("/")
    # On paper a heading's "#" permalink is noise, so the toc extension adds none here.
    renderer = renderer or BodyRenderer(DEFAULT_EXTENSIONS, {**DEFAULT_CONFIGS, "toc": {}})
    toc = "".join(f'<li><a href="#{attr(e.id)}">{attr(e.title)}</a></li>' for e in entries)
    parts = [
        "<!doctype html>",
        '<html lang="nl">',
        "<head>",
        '<meta charset="utf-8">',
        # The file is opened from disk, outside the site: no script may run in it at all.
        meta_tag("default-src 'none'; style-src 'unsafe-inline'; img-src data:"),
        f"<title>{attr(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<header><h1>{attr(title)}</h1><p>Uit de Kennisbank Werk aan Uitvoering. "
        "Elk item heeft een vaste link en een QR-code die altijd blijven werken.</p></header>",
        f'<nav aria-label="Inhoudsopgave"><h2>Inhoud</h2><ol>{toc}</ol></nav>',
    ]
    parts += [_article(entry, base + permalink(entry.id), labels, renderer) for entry in entries]
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _article(entry: Entry, url: str, labels: dict[str, str], renderer: BodyRenderer) -> str:
    """One entry of the handout: title, summary, permalink with QR code, body and sources."""
    themes = ", ".join(labels.get(t, t) for t in entry.meta.get("themes") or [])
    body = sanitize(renderer.render(entry.body).html, BODY)
    body = body.replace("<h2", "<h3").replace("</h2>", "</h3>")
    sources = "".join(
        f"<li>{attr(s.get('title', ''))}{', ' + attr(s['section']) if s.get('section') else ''}"
        f"{' — ' + attr(s['url']) if s.get('url') else ''}</li>"
        for s in entry.meta.get("sources") or []
    )
    return (
        f'<article id="{attr(entry.id)}"><h2>{attr(entry.title)}</h2>'
        f'<p class="meta">{attr(entry.collection.label_singular)} · {attr(themes)} · '
        f"gepubliceerd {attr(dutch_date(entry.meta.get('published', '')))}</p>"
        f"<p><strong>{attr(entry.meta.get('description', ''))}</strong></p>"
        f'<div class="permalink">{qr_svg(url)}<p>Vaste link:<br><a href="{attr(url)}">{attr(url)}</a></p></div>'
        f"{body}<h3>Bronnen</h3><ul>{sources}</ul></article>"
    )
