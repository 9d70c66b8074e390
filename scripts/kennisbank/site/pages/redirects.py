"""Redirect pages: the permalink ``/p/<id>/`` and every old address in ``aliases``."""

from __future__ import annotations

from kennisbank.site.csp import REDIRECT_POLICY, meta_tag
from kennisbank.site.pages.context import Context
from kennisbank.site.text import attr
from kennisbank.site.urls import entry_page, permalink, rel


def redirect_html(target: str, title: str) -> str:
    """A standalone redirect page to ``target`` (a relative URL); works on any static host."""
    return (
        '<!doctype html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        f"{meta_tag(REDIRECT_POLICY)}\n"
        f"<title>Doorverwijzing naar {attr(title)}</title>\n"
        f'<meta http-equiv="refresh" content="0; url={attr(target)}">\n'
        f'<link rel="canonical" href="{attr(target)}">\n<meta name="robots" content="noindex">\n'
        "</head>\n<body>\n"
        f'<p>Deze pagina staat op een nieuw adres: <a href="{attr(target)}">{attr(title)}</a>.</p>\n'
        "</body>\n</html>\n"
    )


def render_redirects(ctx: Context) -> dict[str, str]:
    """Site path -> redirect page, for every permalink and alias (validated: URL001, URL002)."""
    pages: dict[str, str] = {}
    for entry in ctx.entries:
        target = entry_page(entry)[: -len(".md")] + "/index.html"
        sources = [permalink(entry.id)] + [a for a in entry.meta.get("aliases") or [] if isinstance(a, str)]
        for url in sources:
            src = url.strip("/") + "/index.html"
            pages[src] = redirect_html(rel(src, target)[: -len("index.html")], entry.title)
    return pages
