"""Pages that list entries: the home page, collection overviews, facet pages and the
instrument matrix ("Welk instrument wanneer")."""

from __future__ import annotations

from collections import defaultdict

from kennisbank.content.collections import COLLECTIONS, Collection
from kennisbank.content.entry import Entry
from kennisbank.content.taxonomies import BY_FIELD, FACETS, Taxonomy
from kennisbank.site.pages.context import Context, breadcrumb, entry_list, front_matter, json_ld_text, links
from kennisbank.site.text import items, md
from kennisbank.site.urls import MATRIX_PAGE, entry_page, facet_page, overview_page, rel

_HOME_INTRO = (
    "Het programma Werk aan Uitvoering (WaU) werkt overheidsbreed aan een publieke dienstverlening die "
    "menselijk, wendbaar en toekomstbestendig is. Deze kennisbank bundelt wat daarbij geleerd wordt: "
    "goede voorbeelden, dilemma's uit de praktijk en de instrumenten om met de politiek te werken. "
    'De feiten komen uit openbare bronnen, die bij elk item staan. De "Aandachtspunten van de redactie" '
    "bij een praktijkvoorbeeld zijn geen feiten uit een bron, maar de lezing van de redactie.\n"
)
_HOME_SEARCH = (
    '<form class="kb-home-search" action="zoeken/" method="get" role="search">'
    '<label for="kb-home-q">Zoek een voorbeeld, dilemma of instrument</label> '
    '<input id="kb-home-q" name="q" type="search" placeholder="bijvoorbeeld: uitvoeringstoets"> '
    '<button type="submit" class="md-button md-button--primary">Zoeken</button></form>\n'
)


#: "Waar zoekt u hulp bij?": questions as civil servants ask them, each with the pages that
#: answer it (source paths). The targets are checked to exist when the home page is made.
HOME_QUESTIONS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("Een motie of amendement is in de uitvoering moeilijk uit te voeren",
     (("Quickscan moties en amendementen", "instrumenten/quickscan-moties-en-amendementen.md"),
      ("Welk instrument wanneer", MATRIX_PAGE))),
    ("Ik wil de uitvoerbaarheid van nieuw beleid vroeg in beeld brengen",
     (("Uitvoeringstoets", "instrumenten/uitvoeringstoets.md"),
      ("Thema: beleid zoekt uitvoerder", "themas/beleid-zoekt-uitvoerder.md"))),
    ("Knelpunten in de uitvoering zichtbaar maken voor politiek en departement",
     (("Knelpuntenbrieven", "instrumenten/knelpuntenbrieven.md"),
      ("Staat van de Uitvoering", "instrumenten/staat-van-de-uitvoering.md"))),
    ("Wij willen gegevens delen met een andere organisatie", (("Thema: gegevensdeling", "themas/gegevensdeling.md"),)),
    ("Regels pakken voor mensen in de praktijk verkeerd uit",
     (("Thema: vereenvoudiging", "themas/vereenvoudiging.md"),
      ("Dilemma: vereenvoudiging of maatwerk", "dilemmas/vereenvoudiging-of-maatwerk.md"))),
    ("Onze organisatie heeft meerdere opdrachtgevers", (("Dilemma: meerdere opdrachtgevers", "dilemmas/meerdere-opdrachtgevers.md"),)),
)  # fmt: skip


def render_home(ctx: Context) -> str:
    """The home page: what the knowledge base is, search, questions that lead to answers,
    the collections and themes as cards, ways to browse, and the trainer tools last."""
    themes = BY_FIELD["themes"]
    lines = [
        front_matter(
            title="Kennisbank Werk aan Uitvoering",
            description="Praktijkvoorbeelden, dilemma's en instrumenten om samen de publieke dienstverlening te verbeteren.",
            hide=["navigation"],
            kb_search=False,
        ),
        "# Kennisbank Werk aan Uitvoering\n",
        _HOME_INTRO,
        _HOME_SEARCH,
        "## Waar zoekt u hulp bij?\n",
        *_questions(ctx),
        "## Collecties\n",
        '<div class="grid cards" markdown>\n',
    ]
    for collection in COLLECTIONS:
        count = len(ctx.project.by_collection(collection))
        lines.append(
            f"-   **[{collection.label}]({overview_page(collection)})** — {items(count)}\n\n    {collection.intro}\n"
        )
    lines += ["</div>\n", "## Thema's\n", '<div class="grid cards kb-theme-cards" markdown>\n']
    for value, label, description in ctx.facet_terms(themes):
        count = len(ctx.facet_index["themes"].get(value, []))
        lines.append(f"-   **[{md(label)}]({facet_page(themes, value)})** — {items(count)}\n\n    {md(description)}\n")
    lines += ["</div>\n", "## Verder bladeren\n"]
    lines += [f"- [{facet.label}]({facet_page(facet)}): {facet.intro}" for facet in FACETS if facet is not themes]
    lines += [
        f"- [Welk instrument wanneer]({MATRIX_PAGE}): instrumenten per gebruiker en fase van de beleidscyclus.",
        "- [Trefwoorden](trefwoorden.md): alle items per trefwoord.",
        "- [Open data](data.md): alle items als JSON, CSV en Atom-feed.",
        "",
        "## Voor trainers en bijeenkomsten\n",
        "Stel een [handout](handout.md) samen van een paar items, met vaste links en QR-codes, of bekijk de "
        "kennisbank [in cijfers](in-cijfers.md).\n",
        "## Zelf bijdragen\n",
        "Kent u een goed voorbeeld, een dilemma of een instrument dat hier ontbreekt? "
        "[Lees hoe u een bijdrage levert](bijdragen/index.md).\n",
    ]
    return "\n".join(lines)


def _questions(ctx: Context) -> list[str]:
    """The question list; a target that is no page of the site is left out rather than linked."""
    pages = {entry_page(e) for e in ctx.entries} | {facet_page(BY_FIELD["themes"], v) for v, _, _ in
                                                   ctx.facet_terms(BY_FIELD["themes"])} | {MATRIX_PAGE}  # fmt: skip
    lines = ['<div class="kb-questions" markdown>\n']
    for question, answers in HOME_QUESTIONS:
        links = [f"[{md(label)}]({path})" for label, path in answers if path in pages]
        if links:
            lines.append(f"- **{md(question)}**: " + " · ".join(links))
    lines.append("\n</div>\n")
    return lines


def render_overview(ctx: Context, collection: Collection) -> str:
    """A collection's overview: a table of every entry (title, summary, the collection's
    taxonomy columns). Plain Markdown, so it works without JavaScript; ``kennisbank.js``
    adds sorting and a filter box when scripts run."""
    here = overview_page(collection)
    entries = sorted(ctx.project.by_collection(collection), key=lambda e: e.title.casefold())
    columns = [(BY_FIELD[f], header) for f, header in collection.overview_columns]
    crumbs, trail = breadcrumb(ctx, here, [(collection.label, here)])
    lines = [
        front_matter(title=collection.label, description=collection.intro, kb_search=False, kb_jsonld=_ld(trail)),
        crumbs,
        f"# {collection.label}\n",
        f"{collection.intro}\n",
        f"Deze collectie telt {items(len(entries))}. Klik op een kolomkop om te sorteren.\n",
    ]
    if collection.name == "instrument":
        lines.append(
            "Zie ook het overzicht [Welk instrument wanneer](welk-instrument-wanneer.md): "
            "instrumenten per gebruiker en fase van de beleidscyclus.\n"
        )
    lines += [
        '<div class="kb-table" markdown>\n',
        "| Titel | Samenvatting | " + " | ".join(header for _, header in columns) + " |",
        "| --- | --- |" + " --- |" * len(columns),
    ]
    for entry in entries:
        cells = [links(ctx, here, taxonomy, taxonomy.values(entry)) for taxonomy, _ in columns]
        lines.append(
            f"| [{md(entry.title)}]({rel(here, entry_page(entry))}) | {md(entry.meta.get('description', ''))} | "
            + " | ".join(cells)
            + " |"
        )
    lines.append("\n</div>\n")
    return "\n".join(lines)


def render_facet_index(ctx: Context, facet: Taxonomy) -> str:
    """A facet's index: every value with its description and count."""
    here = facet_page(facet)
    crumbs, trail = breadcrumb(ctx, here, [(facet.label, here)])
    lines = [
        front_matter(title=facet.label, description=facet.intro, kb_search=False, kb_jsonld=_ld(trail)),
        crumbs,
        f"# {facet.label}\n",
        f"{facet.intro}\n",
        f"| {facet.label_singular} | Omschrijving | Items |",
        "| --- | --- | ---: |",
    ]
    for value, label, description in ctx.facet_terms(facet):
        count = len(ctx.facet_index[facet.field].get(value, []))
        lines.append(f"| [{md(label)}]({rel(here, facet_page(facet, value))}) | {md(description)} | {count} |")
    return "\n".join(lines) + "\n"


def render_facet_page(ctx: Context, facet: Taxonomy, value: str, label: str, description: str) -> str:
    """The page of one facet value (one theme, one organisation type, …): its entries by collection."""
    here = facet_page(facet, value)
    entries = ctx.facet_index[facet.field].get(value, [])
    crumbs, trail = breadcrumb(ctx, here, [(facet.label, facet_page(facet)), (label, here)])
    return "\n".join(
        [
            front_matter(
                title=f"{facet.label_singular}: {label}", description=description, kb_search=False, kb_jsonld=_ld(trail)
            ),
            crumbs,
            f"# {md(label)}\n",
            f"{md(description)}\n",
            f"{items(len(entries))} · [terug naar {facet.label.lower()}](index.md)\n",
            entry_list(here, entries),
        ]
    )


def render_matrix(ctx: Context) -> str:
    """'Welk instrument wanneer': per user a block that lists, per phase of the policy cycle,
    the instruments that fit both. Blocks fit any width, where a user × phase table needed
    sideways scrolling at 1366 px (issue 12)."""
    users, phases = BY_FIELD["users"], BY_FIELD["phases"]
    instruments = sorted(
        (e for e in ctx.entries if e.collection.name == "instrument"), key=lambda e: e.title.casefold()
    )
    cell: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for entry in instruments:
        for user in users.values(entry):
            for phase in phases.values(entry):
                cell[(user, phase)].append(entry)
    crumbs, trail = breadcrumb(
        ctx, MATRIX_PAGE, [("Instrumenten", "instrumenten/index.md"), ("Welk instrument wanneer", MATRIX_PAGE)]
    )
    lines = [
        front_matter(title="Welk instrument wanneer", kb_search=False, kb_jsonld=_ld(trail),
                     description="Instrumenten om met de politiek te werken, per gebruiker en fase van de beleidscyclus."),
        crumbs,
        "# Welk instrument wanneer\n",
        "Welke instrumenten kunt u inzetten, als u bij deze partij werkt en uw vraagstuk in deze fase van de "
        "beleidscyclus zit? Per gebruiker staan hieronder de fasen met de instrumenten die beide passen.\n",
        '<div class="kb-matrix" markdown>\n',
    ]  # fmt: skip
    for user, user_label, _ in ctx.facet_terms(users):
        lines += [f'<section class="kb-matrix-user" markdown>\n\n## {md(user_label)}\n',
                  f"[Alle instrumenten voor {md(user_label)}]({rel(MATRIX_PAGE, facet_page(users, user))})\n"]  # fmt: skip
        for phase, phase_label, _ in ctx.facet_terms(phases):
            found = cell.get((user, phase), [])
            links = ", ".join(f"[{md(e.title)}]({rel(MATRIX_PAGE, entry_page(e))})" for e in found) or "geen"
            lines.append(f"{md(phase_label)}\n:   {links}\n")
        lines.append("</section>\n")
    lines.append("</div>\n")
    return "\n".join(lines)


def _ld(trail: dict[str, object]) -> str:
    return json_ld_text({"@context": "https://schema.org", **trail})
