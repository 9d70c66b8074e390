"""Generation: entries and vocabularies in, a mapping of site path -> page text out.

Pages end in ``.md`` and are Markdown for the site engine (MkDocs with Material today);
other paths (redirect pages, data exports, the feed, charts) are finished files. Every
index (by id, backlinks, facet values) is built once, so the cost is linear in the number
of entries and links. One module per kind of output: ``overviews`` (home, collections,
facets, matrix), ``entries``, ``extras`` (handout, error catalogue, security.txt) and
``redirects``; ``context`` holds what they share.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import json

from kennisbank.content.cache import ResultCache
from kennisbank.content.collections import COLLECTIONS
from kennisbank.content.entry import Entry
from kennisbank.content.project import Project
from kennisbank.content.schemas import SchemaSet
from kennisbank.content.taxonomies import FACETS
from kennisbank.content.vocabularies import Vocabularies
from kennisbank.site.charts import render_page as render_charts
from kennisbank.site.exports import export_files, published_schemas
from kennisbank.site.feed import atom_feed
from kennisbank.site.pages.context import Context, SiteOptions
from kennisbank.site.pages.entries import related_section, render_entry
from kennisbank.site.pages.extras import render_catalogue, render_handout_page, security_txt
from kennisbank.site.pages.overviews import (
    render_facet_index,
    render_facet_page,
    render_home,
    render_matrix,
    render_overview,
)
from kennisbank.site.pages.proposal import render_proposal, render_proposal_index
from kennisbank.site.pages.redirects import render_redirects
from kennisbank.site.urls import (
    CATALOGUE_PAGE,
    CHARTS_PAGE,
    HANDOUT_PAGE,
    HOME,
    MATRIX_PAGE,
    PROPOSAL_INDEX,
    entry_page,
    facet_page,
    overview_page,
    proposal_page,
)

#: Site path -> file content: text, or bytes for binary files (the Excel exports).
SiteFiles = dict[str, str | bytes]


def generate_site(
    project: Project,
    options: SiteOptions | None = None,
    schemas: SchemaSet | None = None,
    cache: ResultCache | None = None,
) -> SiteFiles:
    """Render every generated page and file.

    Args:
        project: a loaded project whose validation found no problems.
        options: site settings; defaults to no site URL, today's date and no git dates.
        schemas: when given, the open-data exports, the published schemas, the feed and
            the 'Stel een item voor' forms (which use the exports and schemas) are included as well.
        cache: the ``pages`` result cache, for entry pages and exports (see :func:`cached_entry_page`).

    Returns:
        Mapping of site source path (POSIX, relative to the docs root) to page text
        (bytes for the ``.xlsx`` exports).
        ``.md`` paths are Markdown pages with front matter; ``.html`` paths are
        finished redirect pages for permalinks and renamed entries; ``data/``,
        ``schemas/``, ``feed.xml``, charts and ``.well-known/security.txt`` are files.
    """
    ctx = Context(project, options or SiteOptions())
    pages: SiteFiles = {HOME: render_home(ctx)}
    for collection in COLLECTIONS:
        pages[overview_page(collection)] = render_overview(ctx, collection)
    for entry in ctx.entries:
        pages[entry_page(entry)] = cached_entry_page(ctx, entry, cache) if cache else render_entry(ctx, entry)
    for facet in FACETS:
        pages[facet_page(facet)] = render_facet_index(ctx, facet)
        for value, label, description in ctx.facet_terms(facet):
            pages[facet_page(facet, value)] = render_facet_page(ctx, facet, value, label, description)
    pages[MATRIX_PAGE] = render_matrix(ctx)
    pages[CATALOGUE_PAGE] = render_catalogue()
    pages[HANDOUT_PAGE] = render_handout_page(ctx)
    pages.update(render_redirects(ctx))
    pages.update(render_charts(ctx))
    pages[".well-known/security.txt"] = security_txt(ctx.options)
    if schemas is not None:
        pages.update(cached_exports(ctx, schemas, cache))
        pages.update(published_schemas(schemas, ctx.vocab))
        pages[PROPOSAL_INDEX] = render_proposal_index()
        for collection in COLLECTIONS:
            pages[proposal_page(collection)] = render_proposal(ctx, collection, schemas.documents)
        pages["feed.xml"] = atom_feed(ctx.entries, ctx.options.site_url, {e.path: ctx.updated(e) for e in ctx.entries})
    return pages


def cached_entry_page(ctx: Context, entry: Entry, cache: ResultCache) -> str:
    """:func:`render_entry` of ``entry``, from the cache when nothing it shows has changed.

    The key holds everything the page is made of: the entry's path, front matter and body;
    every site option (address, today, repository, contacts, …) and the entry's git date; and
    its whole "Gerelateerd" section, which carries what the page shows of other entries
    (titles, descriptions and addresses of the entries it links to and that link to it).
    Vocabulary labels, the package and its libraries are in the cache's salt.
    """
    options = ctx.options
    related = related_section(ctx, entry)
    key = cache.key(
        "entry-page",
        entry.path,
        entry.collection.name,
        json.dumps(entry.meta, ensure_ascii=False, default=repr),
        entry.body,
        str(entry.body_line),
        json.dumps([{k: v for k, v in dataclasses.asdict(options).items() if k != "git_dates"}, ctx.updated(entry)]),
        related,
    )
    page = cache.get(key)
    if isinstance(page, str):
        return page
    if page is not None:
        cache.discard(key)
    page = render_entry(ctx, entry, related)
    cache.put(key, page)
    return page


def cached_exports(ctx: Context, schemas: SchemaSet, cache: ResultCache | None) -> SiteFiles:
    """:func:`export_files`, from the cache when no entry's front matter, path or collection
    changed (an edit of a body only leaves the open data as it was). The key holds exactly
    what ``export_files`` reads: those, the site address and today; the schemas are in the salt.
    Excel files are stored as base64 text (JSON holds no bytes)."""
    options = ctx.options
    if cache is None:
        return export_files(ctx.entries, schemas, options.site_url, options.today)
    entries = [[e.collection.name, e.path, e.slug, e.meta] for e in ctx.entries]
    key = cache.key("exports", json.dumps(entries, ensure_ascii=False, default=repr), options.site_url, options.today)
    record = cache.get(key)
    try:
        if isinstance(record, dict):
            return {path: base64.b64decode(v["b64"], validate=True) if "b64" in v else str(v["text"])
                    for path, v in record.items()}  # fmt: skip
    except (KeyError, TypeError, ValueError, binascii.Error):
        cache.discard(key)
    files = export_files(ctx.entries, schemas, options.site_url, options.today)
    cache.put(key, {path: {"b64": base64.b64encode(v).decode("ascii")} if isinstance(v, bytes) else {"text": v}
                    for path, v in files.items()})  # fmt: skip
    return files


def fixed_page_paths(vocabularies: Vocabularies) -> list[str]:
    """Source paths of every generated page that is not an entry page (home, overviews,
    facet pages, matrix, error catalogue, handout, charts, proposal forms): the addresses
    no entry or alias may take."""
    paths = [HOME, MATRIX_PAGE, CATALOGUE_PAGE, HANDOUT_PAGE, CHARTS_PAGE, PROPOSAL_INDEX]
    paths += [overview_page(c) for c in COLLECTIONS] + [proposal_page(c) for c in COLLECTIONS]
    for facet in FACETS:
        paths.append(facet_page(facet))
        paths += [
            facet_page(facet, term) for name in facet.vocabulary_names for term in vocabularies.terms.get(name, {})
        ]
    return paths


__all__ = ["SiteOptions", "fixed_page_paths", "generate_site"]
