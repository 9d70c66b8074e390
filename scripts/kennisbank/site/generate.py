"""Generation: entries and vocabularies in, a mapping of site path -> page text out.

Pages end in ``.md`` and are Markdown for the site engine (MkDocs with Material today);
other paths (redirect pages, data exports, the feed, charts) are finished files. Every
index (by id, backlinks, facet values) is built once, so the cost is linear in the number
of entries and links.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from kennisbank.content import yamlio
from kennisbank.site.charts import render_page as render_charts
from kennisbank.site.csp import REDIRECT_POLICY, meta_tag
from kennisbank.site.exports import atom_feed, export_files, published_schemas
from kennisbank.content.collections import COLLECTIONS, Collection, collection_of_id
from kennisbank.content.facets import BY_FIELD, FACETS, Facet
from kennisbank.content.loader import Entry
from kennisbank.checks.problems import CATALOGUE
from kennisbank.content.project import Project
from kennisbank.content.schemas import SchemaSet
from kennisbank.content.vocabularies import Vocabularies
from kennisbank.site.qrcodes import qr_svg
from kennisbank.site.text import attr, dutch_date, md, md_url, rel

HOME = "index.md"
MATRIX_PAGE = "instrumenten/welk-instrument-wanneer.md"
CATALOGUE_PAGE = "bijdragen/foutcodes.md"
HANDOUT_PAGE = "handout.md"
CHARTS_PAGE = "in-cijfers.md"


@dataclass(frozen=True)
class SiteOptions:
    """Settings that come from the site configuration rather than the content.

    Attributes:
        site_url: absolute URL of the site root ending in ``/`` (for printed permalinks,
            QR codes and the feed), or '' when unknown.
        today: ISO date used to decide which entries are past their review date.
        git_dates: project-relative path -> ISO date of the last commit touching it.
        repo_url: URL of the source repository ('' when unknown), for security.txt.
    """

    site_url: str = ""
    repo_url: str = ""
    today: str = field(default_factory=lambda: dt.date.today().isoformat())
    git_dates: dict[str, str] = field(default_factory=dict)


def page_path(entry: Entry) -> str:
    """Source path of an entry's page, e.g. ``praktijkvoorbeelden/common-ground.md``."""
    return f"{entry.collection.url_prefix}/{entry.slug}.md"


def overview_path(collection: Collection) -> str:
    """Source path of a collection's overview page."""
    return f"{collection.url_prefix}/index.md"


def facet_path(facet: Facet, value: str | None = None) -> str:
    """Source path of a facet's index page, or of the page for one value."""
    return f"{facet.url_prefix}/{value}.md" if value else f"{facet.url_prefix}/index.md"


def permalink(entry: Entry) -> str:
    """The short permalink path of an entry: ``/p/<id>/``."""
    return f"/p/{entry.id}/"


class Context:
    """Indexes over the content, each built once (O(entries + links))."""

    def __init__(self, project: Project, options: SiteOptions) -> None:
        self.project = project
        self.vocab = project.vocabularies
        self.options = options
        self.entries = sorted(project.entries, key=lambda e: (e.collection.name, e.title.casefold()))
        self.by_id: dict[str, Entry] = {e.id: e for e in self.entries if e.id}
        self.backlinks: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.entries:
            for target in entry.meta.get("related") or []:
                if target in self.by_id and target != entry.id:
                    self.backlinks[target].append(entry)
        self.facet_index: dict[str, dict[str, list[Entry]]] = {}
        for facet in FACETS:
            index: dict[str, list[Entry]] = defaultdict(list)
            for entry in self.entries:
                for value in facet.values(entry):
                    index[value].append(entry)
            self.facet_index[facet.field] = index

    def facet_terms(self, facet: Facet) -> list[tuple[str, str, str]]:
        """``(id, label, description)`` of every value of a facet, in vocabulary order."""
        out = []
        for name in facet.vocabularies:
            for term in self.vocab.terms.get(name, {}).values():
                out.append((term.id, term.label, term.description))
        return out

    def label(self, facet: Facet, value: str) -> str:
        """Dutch label of a facet value."""
        for name in facet.vocabularies:
            term = self.vocab.terms.get(name, {}).get(value)
            if term:
                return term.label
        return value

    def updated(self, entry: Entry) -> str:
        """Last-updated date: from git when known, else ``updated``, else ``published``."""
        return (self.options.git_dates.get(entry.path) or entry.meta.get("updated")
                or entry.meta.get("published") or "")

    def is_stale(self, entry: Entry) -> bool:
        """True when the entry's ``review_by`` date lies before today."""
        review = entry.meta.get("review_by")
        return isinstance(review, str) and review < self.options.today


def generate_site(project: Project, options: SiteOptions | None = None,
                  schemas: SchemaSet | None = None) -> dict[str, str]:
    """Render every generated page and file.

    Args:
        project: a loaded project whose validation found no problems.
        options: site settings; defaults to no site URL, today's date and no git dates.
        schemas: when given, the open-data exports, the published schemas and the feed
            are included as well.

    Returns:
        Mapping of site source path (POSIX, relative to the docs root) to page text.
        ``.md`` paths are Markdown pages with front matter; ``.html`` paths are
        finished redirect pages for permalinks and renamed entries; ``data/``,
        ``schemas/``, ``feed.xml``, charts and ``.well-known/security.txt`` are files.
    """
    ctx = Context(project, options or SiteOptions())
    pages: dict[str, str] = {HOME: render_home(ctx)}
    for collection in COLLECTIONS:
        pages[overview_path(collection)] = render_overview(ctx, collection)
    for entry in ctx.entries:
        pages[page_path(entry)] = render_entry(ctx, entry)
    for facet in FACETS:
        pages[facet_path(facet)] = render_facet_index(ctx, facet)
        for value, label, description in ctx.facet_terms(facet):
            pages[facet_path(facet, value)] = render_facet_page(ctx, facet, value, label, description)
    pages[MATRIX_PAGE] = render_matrix(ctx)
    pages[CATALOGUE_PAGE] = render_catalogue()
    pages[HANDOUT_PAGE] = render_handout_page(ctx)
    pages.update(render_redirects(ctx))
    pages.update(render_charts(ctx))
    pages[".well-known/security.txt"] = security_txt(ctx.options)
    if schemas is not None:
        pages.update(export_files(ctx.entries, schemas, ctx.options.site_url, ctx.options.today))
        pages.update(published_schemas(schemas, ctx.vocab))
        updated = {e.path: ctx.updated(e) for e in ctx.entries}
        pages["feed.xml"] = atom_feed(ctx.entries, ctx.options.site_url, updated)
    return pages


def fixed_page_paths(vocabularies: Vocabularies) -> list[str]:
    """Source paths of every generated page that is not an entry page (home, overviews,
    facet pages, matrix, error catalogue, handout, charts): the addresses no entry or
    alias may take."""
    paths = [HOME, MATRIX_PAGE, CATALOGUE_PAGE, HANDOUT_PAGE, CHARTS_PAGE]
    paths += [overview_path(c) for c in COLLECTIONS]
    for facet in FACETS:
        paths.append(facet_path(facet))
        paths += [facet_path(facet, term) for name in facet.vocabularies for term in vocabularies.terms.get(name, {})]
    return paths


def security_txt(options: SiteOptions) -> str:
    """RFC 9116 ``security.txt``: report vulnerabilities through the repository; expires in a year."""
    year, rest = options.today.split("-", 1)
    expires = f"{int(year) + 1}-{rest}T00:00:00Z"
    contact = f"{options.repo_url.rstrip('/')}/security/advisories/new" if options.repo_url else ""
    lines = [f"Contact: {contact}"] if contact else []
    lines += [f"Expires: {expires}", "Preferred-Languages: nl, en"]
    if options.site_url:
        lines.append(f"Canonical: {options.site_url.rstrip('/')}/.well-known/security.txt")
    return "\n".join(lines) + "\n"


# --- shared pieces ---------------------------------------------------------------------

def _front_matter(**meta: object) -> str:
    return "---\n" + yamlio.dump({k: v for k, v in meta.items() if v is not None and v != [] and v != ""}) + "---\n\n"


def _links(ctx: Context, from_page: str, facet: Facet, values: list[str]) -> str:
    return ", ".join(f"[{md(ctx.label(facet, v))}]({rel(from_page, facet_path(facet, v))})" for v in values)


def _entry_item(ctx: Context, from_page: str, entry: Entry, with_collection: bool = False) -> str:
    link = f"[{md(entry.title)}]({rel(from_page, page_path(entry))})"
    kind = f" *({entry.collection.label_singular})*" if with_collection else ""
    return f"- {link}{kind}  \n  {md(entry.meta.get('description', ''))}"


def _entry_list(ctx: Context, from_page: str, entries: list[Entry]) -> str:
    """Entries grouped by collection, each group a level-2 heading and a list."""
    parts = []
    for collection in COLLECTIONS:
        group = [e for e in entries if e.collection is collection]
        if group:
            parts.append(f"## {collection.label} ({len(group)})\n")
            parts.extend(_entry_item(ctx, from_page, e) for e in group)
            parts.append("")
    return "\n".join(parts) if parts else "Er zijn nog geen items met deze waarde.\n"


# --- home ------------------------------------------------------------------------------

def render_home(ctx: Context) -> str:
    """The home page: what the knowledge base is, ways in per collection and theme, counts."""
    themes = BY_FIELD["themes"]
    lines = [
        _front_matter(title="Kennisbank Werk aan Uitvoering",
                      description="Praktijkvoorbeelden, dilemma's en instrumenten om samen de publieke dienstverlening te verbeteren.",
                      hide=["navigation"], kb_search=False),
        "# Kennisbank Werk aan Uitvoering\n",
        "Het programma Werk aan Uitvoering (WaU) werkt overheidsbreed aan een publieke dienstverlening die "
        "menselijk, wendbaar en toekomstbestendig is. Deze kennisbank bundelt wat daarbij geleerd wordt: "
        "goede voorbeelden, dilemma's uit de praktijk en de instrumenten om met de politiek te werken. "
        "Alles is gebaseerd op openbare bronnen, die bij elk item staan.\n",
        '<form class="kb-home-search" action="zoeken/" method="get" role="search">'
        '<label for="kb-home-q">Zoek een voorbeeld, dilemma of instrument</label> '
        '<input id="kb-home-q" name="q" type="search" placeholder="bijvoorbeeld: uitvoeringstoets"> '
        '<button type="submit" class="md-button md-button--primary">Zoeken</button></form>\n',
        "[Handout maken](handout.md){ .md-button } [In cijfers](in-cijfers.md){ .md-button }\n",
        "## Collecties\n",
        '<div class="grid cards" markdown>\n',
    ]
    for collection in COLLECTIONS:
        count = len(ctx.project.by_collection(collection))
        lines.append(f"-   **[{collection.label}]({overview_path(collection)})** — {count} items\n\n"
                     f"    {collection.intro}\n")
    lines.append("</div>\n")
    lines.append("## Thema's\n")
    lines.append("| Thema | Praktijkvoorbeelden | Dilemma's | Instrumenten |")
    lines.append("| --- | ---: | ---: | ---: |")
    for value, label, _ in ctx.facet_terms(themes):
        entries = ctx.facet_index["themes"].get(value, [])
        counts = [sum(1 for e in entries if e.collection is c) for c in COLLECTIONS]
        lines.append(f"| [{md(label)}]({facet_path(themes, value)}) | " + " | ".join(map(str, counts)) + " |")
    lines.append("")
    lines.append("## Verder bladeren\n")
    for facet in FACETS[1:]:
        lines.append(f"- [{facet.label}]({facet_path(facet)}): {facet.intro}")
    lines.append("- [Welk instrument wanneer](instrumenten/welk-instrument-wanneer.md): instrumenten per gebruiker en fase van de beleidscyclus.")
    lines.append("- [Trefwoorden](trefwoorden.md): alle items per trefwoord.")
    lines.append("- [Open data](data.md): alle items als JSON, CSV en Atom-feed.")
    lines.append("")
    lines.append("## Zelf bijdragen\n")
    lines.append("Kent u een goed voorbeeld, een dilemma of een instrument dat hier ontbreekt? "
                 "[Lees hoe u een bijdrage levert](bijdragen/index.md).\n")
    return "\n".join(lines)


# --- overviews -------------------------------------------------------------------------

_EXTRA_COLUMN = {"practice": ("status", "Status"), "dilemma": ("status", "Status"), "instrument": ("maturity", "Volwassenheid")}


def render_overview(ctx: Context, collection: Collection) -> str:
    """A collection's overview: a table of every entry (title, description, themes, status).

    The table is plain Markdown, so it works without JavaScript; ``kennisbank.js`` adds
    sorting and a filter box when scripts run.
    """
    here = overview_path(collection)
    themes = FACETS[0]
    field_name, column = _EXTRA_COLUMN[collection.name]
    extra_facet = BY_FIELD[field_name]
    entries = ctx.project.by_collection(collection)
    entries = sorted(entries, key=lambda e: e.title.casefold())
    lines = [
        _front_matter(title=collection.label, description=collection.intro, kb_search=False),
        f"# {collection.label}\n",
        f"{collection.intro}\n",
        f"Deze collectie telt {len(entries)} items. Klik op een kolomkop om te sorteren.\n",
    ]
    if collection.name == "instrument":
        lines.append("Zie ook het overzicht [Welk instrument wanneer](welk-instrument-wanneer.md): "
                     "instrumenten per gebruiker en fase van de beleidscyclus.\n")
    lines.append('<div class="kb-table" markdown>\n')
    lines.append(f"| Titel | Samenvatting | Thema's | {column} |")
    lines.append("| --- | --- | --- | --- |")
    for entry in entries:
        values = extra_facet.values(entry)
        lines.append(
            f"| [{md(entry.title)}]({rel(here, page_path(entry))}) | {md(entry.meta.get('description', ''))} | "
            f"{_links(ctx, here, themes, themes.values(entry))} | {_links(ctx, here, extra_facet, values)} |"
        )
    lines.append("\n</div>\n")
    return "\n".join(lines)


# --- entries ---------------------------------------------------------------------------

_META_ROWS: dict[str, tuple[tuple[str, str], ...]] = {
    "practice": (("organisation_types", "Organisatietype"), ("target_groups", "Doelgroep"), ("status", "Status")),
    "dilemma": (("organisation_types", "Wie loopt ertegenaan"), ("target_groups", "Doelgroep"), ("status", "Status")),
    "instrument": (("users", "Gebruikers"), ("phases", "Fase van de beleidscyclus"),
                   ("maturity", "Volwassenheid"), ("organisation_types", "Organisatietype")),
}
_TEXT_ROWS: dict[str, tuple[tuple[str, str], ...]] = {
    "practice": (("organisations", "Organisaties"), ("domain", "Domein"), ("period", "Periode"),
                 ("contact_role", "Contact")),
    "dilemma": (("values", "Waarden in spanning"),),
    "instrument": (("purpose", "Doel"), ("organiser", "Eigenaar of organisator")),
}

_PARLIAMENTARY_LABEL = {"kamerstuk": "Kamerstuk", "motie": "Motie", "amendement": "Amendement"}


def parliamentary_url(ref: dict[str, str]) -> str:
    """Link to the official publication of a Kamerstuk (dossier and number).

    Moties and amendementen are published as Kamerstukken with their own number, so one
    URL form serves all three (format of zoek.officielebekendmakingen.nl: ``kst-<dossier>-<nr>``).
    """
    return f"https://zoek.officielebekendmakingen.nl/kst-{ref['dossier']}-{ref['number']}.html"


def render_entry(ctx: Context, entry: Entry) -> str:
    """An entry's page: title, description, metadata block, body, related entries, sources."""
    here = page_path(entry)
    meta = entry.meta
    collection = entry.collection
    tags = [ctx.vocab.label("tags", t) for t in meta.get("tags") or []]
    out = [_front_matter(title=entry.title, description=meta.get("description"), tags=tags,
                         kb_id=entry.id, kb_collection=collection.name)]
    out.append(f"# {md(entry.title)}\n")
    out.append(f"{md(meta.get('description', ''))}\n{{ .kb-lead }}\n")
    if ctx.is_stale(entry):
        out.append('!!! warning "Mogelijk verouderd"\n\n'
                   f"    Dit item had uiterlijk {dutch_date(meta['review_by'])} opnieuw bekeken moeten worden. "
                   "De inhoud kan verouderd zijn.\n")
    out.append(_pagefind_filters(ctx, entry))
    rows = [("Collectie", f"[{collection.label_singular}]({rel(here, overview_path(collection))})"),
            ("Thema's", _links(ctx, here, FACETS[0], FACETS[0].values(entry)))]
    for field_name, label in _META_ROWS[collection.name]:
        facet = BY_FIELD[field_name]
        values = facet.values(entry)
        if values:
            rows.append((label, _links(ctx, here, facet, values)))
    for field_name, label in _TEXT_ROWS[collection.name]:
        value = meta.get(field_name)
        if value:
            rows.append((label, md(", ".join(value) if isinstance(value, list) else value)
                         if field_name != "values" else " ↔ ".join(md(v) for v in value)))
    if meta.get("owner"):
        rows.append(("Beheerder", md(meta["owner"])))
    rows.append(("Gepubliceerd", dutch_date(meta.get("published", ""))))
    rows.append(("Laatst bijgewerkt", dutch_date(ctx.updated(entry))))
    if meta.get("review_by"):
        rows.append(("Herzien uiterlijk", dutch_date(meta["review_by"])))
    link = permalink(entry)
    full = ctx.options.site_url.rstrip("/") + link if ctx.options.site_url else link
    rows.append(("Vaste link", f"[{md(full)}]({rel(here, link.strip('/') + '/index.html')}){{ .kb-permalink }}"))
    out.append('<div class="kb-meta" markdown>\n')
    for label, value in rows:
        out.append(f"{label}\n:   {value}\n")
    out.append("</div>\n")
    out.append(entry.body.strip() + "\n")
    out.append(_related_section(ctx, entry))
    out.append(_sources_section(entry))
    out.append(_print_block(full))
    return "\n".join(out)


def _print_block(url: str) -> str:
    """Shown only on paper: the permalink written out and its QR code (SVG made by segno)."""
    qr = qr_svg(url)
    return (f'<div class="kb-print-only" aria-hidden="true">{qr}'
            f"<p>Vaste link: <strong>{attr(url)}</strong></p></div>\n")


def _pagefind_filters(ctx: Context, entry: Entry) -> str:
    spans = [f'<span data-pagefind-filter="collectie:{attr(entry.collection.label)}"></span>']
    for facet, key in ((FACETS[0], "thema"), (FACETS[1], "organisatietype")):
        for value in facet.values(entry):
            spans.append(f'<span data-pagefind-filter="{key}:{attr(ctx.label(facet, value))}"></span>')
    spans.append(f'<span data-pagefind-meta="collectie:{attr(entry.collection.label_singular)}"></span>')
    return '<div class="kb-filters" hidden>' + "".join(spans) + "</div>\n"


def _related_section(ctx: Context, entry: Entry) -> str:
    here = page_path(entry)
    outgoing = [ctx.by_id[i] for i in entry.meta.get("related") or [] if i in ctx.by_id and i != entry.id]
    incoming = [e for e in ctx.backlinks.get(entry.id, []) if e not in outgoing]
    if not outgoing and not incoming:
        return ""
    # kb-related is left out of the search index: it repeats other entries' titles and
    # descriptions, which would make every linked entry match their words.
    lines = ["## Gerelateerd\n", '<div class="kb-related" markdown>\n']
    if outgoing:
        lines.append("Dit item verwijst naar:\n")
        lines.extend(_entry_item(ctx, here, e, with_collection=True) for e in outgoing)
        lines.append("")
    if incoming:
        lines.append('<div class="kb-backlinks" markdown>\n')
        lines.append("Items die naar dit item verwijzen:\n")
        lines.extend(_entry_item(ctx, here, e, with_collection=True) for e in incoming)
        lines.append("\n</div>\n")
    lines.append("</div>\n")
    return "\n".join(lines)


def _sources_section(entry: Entry) -> str:
    lines = ["## Bronnen\n"]
    for source in entry.meta.get("sources") or []:
        title = md(source.get("title", ""))
        text = f"[{title}]({md_url(source['url'])})" if source.get("url") else title
        if source.get("section"):
            text += f", {md(source['section'])}"
        lines.append(f"- {text}")
    for ref in entry.meta.get("parliamentary_refs") or []:
        label = _PARLIAMENTARY_LABEL.get(ref.get("type"), "Kamerstuk")
        name = f"{label} {ref['dossier']}, nr. {ref['number']}"
        extra = f": {md(ref['title'])}" if ref.get("title") else ""
        lines.append(f"- [{name}]({parliamentary_url(ref)}){extra}")
    return "\n".join(lines) + "\n"


# --- facets ----------------------------------------------------------------------------

def render_facet_index(ctx: Context, facet: Facet) -> str:
    """A facet's index: every value with its description and count."""
    here = facet_path(facet)
    lines = [_front_matter(title=facet.label, description=facet.intro, kb_search=False), f"# {facet.label}\n", f"{facet.intro}\n",
             f"| {facet.label_singular} | Omschrijving | Items |", "| --- | --- | ---: |"]
    for value, label, description in ctx.facet_terms(facet):
        count = len(ctx.facet_index[facet.field].get(value, []))
        lines.append(f"| [{md(label)}]({rel(here, facet_path(facet, value))}) | {md(description)} | {count} |")
    return "\n".join(lines) + "\n"


def render_facet_page(ctx: Context, facet: Facet, value: str, label: str, description: str) -> str:
    """The page of one facet value (one theme, one organisation type, …): its entries by collection."""
    here = facet_path(facet, value)
    entries = ctx.facet_index[facet.field].get(value, [])
    lines = [_front_matter(title=f"{facet.label_singular}: {label}", description=description, kb_search=False),
             f"# {md(label)}\n", f"{md(description)}\n",
             f"{len(entries)} items · [alle {facet.label.lower()}](index.md)\n", _entry_list(ctx, here, entries)]
    return "\n".join(lines)


def render_matrix(ctx: Context) -> str:
    """'Welk instrument wanneer': instruments by user (rows) and policy phase (columns)."""
    here = MATRIX_PAGE
    users = BY_FIELD["users"]
    phases = BY_FIELD["phases"]
    instruments = sorted((e for e in ctx.entries if e.collection.name == "instrument"), key=lambda e: e.title.casefold())
    cell: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for entry in instruments:
        for user in users.values(entry):
            for phase in phases.values(entry):
                cell[(user, phase)].append(entry)
    phase_terms = ctx.facet_terms(phases)
    lines = [_front_matter(title="Welk instrument wanneer",
                           description="Instrumenten om met de politiek te werken, per gebruiker en fase van de beleidscyclus.",
                           kb_search=False),
             "# Welk instrument wanneer\n",
             "Welke instrumenten kunt u inzetten, als u bij deze partij werkt en uw vraagstuk in deze fase van de "
             "beleidscyclus zit? Elke cel noemt de instrumenten die beide passen.\n",
             '<div class="kb-matrix" markdown>\n',
             "| Gebruiker | " + " | ".join(md(label) for _, label, _ in phase_terms) + " |",
             "| --- |" + " --- |" * len(phase_terms)]
    for user, user_label, _ in ctx.facet_terms(users):
        cells = []
        for phase, _, _ in phase_terms:
            found = cell.get((user, phase), [])
            cells.append("<br>".join(f"[{md(e.title)}]({rel(here, page_path(e))})" for e in found) or "–")
        lines.append(f"| **[{md(user_label)}]({rel(here, facet_path(users, user))})** | " + " | ".join(cells) + " |")
    lines.append("\n</div>\n")
    return "\n".join(lines)


# --- handout builder -------------------------------------------------------------------

def render_handout_page(ctx: Context) -> str:
    """'Handout maken': choose entries; kennisbank.js fetches their pages and lays them out for print.

    Without JavaScript the page is a plain list of links to every entry, and the README
    explains ``kb handout`` for the same result offline.
    """
    here = "handout.md"
    lines = [_front_matter(title="Handout maken",
                           description="Kies een paar items en druk ze af als één handout, met vaste links en QR-codes.",
                           kb_search=False, hide=["toc"]),
             "# Handout maken\n",
             "Kies de items voor uw training of bijeenkomst en kies **Handout maken**. U krijgt één document "
             "met een inhoudsopgave en per item de vaste link en een QR-code, klaar om af te drukken of als PDF op te slaan.\n",
             '<form id="kb-handout-form" class="kb-handout-form" method="get" action="./">',
             '<p><label for="kb-handout-title">Titel van de handout</label><br>'
             '<input id="kb-handout-title" name="title" type="text" size="50" value="Handout Kennisbank Werk aan Uitvoering"></p>']
    for collection in COLLECTIONS:
        group = sorted((e for e in ctx.entries if e.collection is collection), key=lambda e: e.title.casefold())
        if not group:
            continue
        lines.append(f"<fieldset><legend>{attr(collection.label)}</legend><ul>")
        for entry in group:
            target = rel(here, page_path(entry))[: -len(".md")] + "/"
            lines.append(f'<li><input type="checkbox" name="id" value="{attr(entry.id)}" id="kb-h-{attr(entry.id)}" '
                         f'data-url="../{attr(target)}"> <label for="kb-h-{attr(entry.id)}">{attr(entry.title)}</label> '
                         f'(<a href="../{attr(target)}">bekijk</a>)</li>')
        lines.append("</ul></fieldset>")
    lines.append('<p><button type="submit" class="md-button md-button--primary">Handout maken</button></p></form>')
    lines.append('<noscript><p>Het samenstellen van een handout heeft JavaScript nodig. Zonder JavaScript kunt u elk '
                 "item afzonderlijk afdrukken: de afdruk bevat de vaste link en een QR-code.</p></noscript>")
    lines.append('<div id="kb-handout-output" class="kb-handout-output" aria-live="polite"></div>\n')
    return "\n".join(lines)


# --- contributor pages and redirects ----------------------------------------------------

def render_catalogue() -> str:
    """The error catalogue: every problem code with its cause, an example and the fix."""
    lines = [_front_matter(title="Foutcodes", description="Alle meldingen van kb validate, met oorzaak, voorbeeld en oplossing."),
             "# Foutcodes van `kb validate`\n",
             "Elke melding van `kb validate` heeft de vorm `bestand:regel:kolom: CODE: melding`, met daaronder een tip. "
             "Hieronder staat per code wat er aan de hand is, een voorbeeld en hoe u het oplost.\n"]
    for entry in CATALOGUE.values():
        lines.append(f"## {entry.code}: {md(entry.title)} {{ #{entry.code.lower()} }}\n")
        lines.append(f"**Oorzaak.** {entry.cause}\n")
        lines.append("**Voorbeeld.**\n\n```text\n" + entry.example + "\n```\n")
        lines.append(f"**Oplossing.** {entry.fix}\n")
    return "\n".join(lines)


def redirect_html(target: str, title: str) -> str:
    """A standalone redirect page to ``target`` (a relative URL); works on any static host."""
    return (
        "<!doctype html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"{meta_tag(REDIRECT_POLICY)}\n"
        f"<title>Doorverwijzing naar {attr(title)}</title>\n"
        f"<meta http-equiv=\"refresh\" content=\"0; url={attr(target)}\">\n"
        f"<link rel=\"canonical\" href=\"{attr(target)}\">\n<meta name=\"robots\" content=\"noindex\">\n"
        "</head>\n<body>\n"
        f"<p>Deze pagina staat op een nieuw adres: <a href=\"{attr(target)}\">{attr(title)}</a>.</p>\n"
        "</body>\n</html>\n"
    )


def render_redirects(ctx: Context) -> dict[str, str]:
    """Redirect pages: ``/p/<id>/`` and every old URL in ``aliases`` point to the entry's page."""
    pages: dict[str, str] = {}
    for entry in ctx.entries:
        target_dir = f"{entry.collection.url_prefix}/{entry.slug}/"
        sources = [permalink(entry)] + [a for a in entry.meta.get("aliases") or [] if isinstance(a, str)]
        for url in sources:
            src = url.strip("/") + "/index.html"
            pages[src] = redirect_html(rel(src, target_dir + "index.html")[: -len("index.html")], entry.title)
    return pages


__all__ = ["generate_site", "SiteOptions", "page_path", "permalink", "collection_of_id"]
