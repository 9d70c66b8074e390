"""An entry's page: title, summary, details box, body, related entries, sources, print block."""

from __future__ import annotations

from kennisbank.content.entry import Entry
from kennisbank.content.taxonomies import BY_FIELD
from kennisbank.site.pages.context import Context, breadcrumb, entry_item, front_matter, json_ld_text, links
from kennisbank.site.qrcodes import qr_svg
from kennisbank.site.text import attr, dutch_date, md, md_url
from kennisbank.site.urls import absolute, entry_page, overview_page, permalink, rel

_PARLIAMENTARY_LABEL = {"kamerstuk": "Kamerstuk", "motie": "Motie", "amendement": "Amendement"}

#: Pagefind filter name -> the taxonomy whose labels it shows.
_FILTERS = (("thema", "themes"), ("organisatietype", "organisation_types"))


def parliamentary_url(ref: dict[str, str]) -> str:
    """Link to the official publication of a Kamerstuk (dossier and number).

    Moties and amendementen are published as Kamerstukken with their own number, so one
    URL form serves all three (format of zoek.officielebekendmakingen.nl: ``kst-<dossier>-<nr>``).
    """
    return f"https://zoek.officielebekendmakingen.nl/kst-{ref['dossier']}-{ref['number']}.html"


def render_entry(ctx: Context, entry: Entry, related: str | None = None) -> str:
    """An entry's page: title, description, metadata block, body, related entries, sources.

    ``related`` is :func:`related_section` of the entry when the caller has it already."""
    meta = entry.meta
    tags = [ctx.vocab.label("tags", t) for t in meta.get("tags") or []]
    full = absolute(ctx.options.site_url, permalink(entry.id))
    crumbs, trail = breadcrumb(
        ctx,
        entry_page(entry),
        [(entry.collection.label, overview_page(entry.collection)), (entry.title, entry_page(entry))],
    )
    out = [
        front_matter(
            kb_jsonld=json_ld_text({"@context": "https://schema.org", "@graph": [article(ctx, entry, full), trail]}),
            title=entry.title,
            description=meta.get("description"),
            tags=tags,
            kb_id=entry.id,
            kb_collection=entry.collection.name,
        ),
        crumbs,
        f"# {md(entry.title)}\n",
        f"{md(meta.get('description', ''))}\n{{ .kb-lead }}\n",
    ]
    if ctx.is_stale(entry):
        out.append(
            '!!! warning "Mogelijk verouderd"\n\n'
            f"    Dit item had uiterlijk {dutch_date(meta['review_by'])} opnieuw bekeken moeten worden. "
            "De inhoud kan verouderd zijn.\n"
        )
    out.append(_pagefind_filters(ctx, entry))
    out.append(_definition_list("kb-meta", "In het kort", _details(ctx, entry, full)))
    out.append(entry.body.strip() + "\n")
    out.append(related_section(ctx, entry) if related is None else related)
    out.append(_sources_section(entry))
    # Raw HTML is not rewritten by MkDocs: relative to the page's address, /<collection>/<slug>/.
    handout = "../" * (entry_page(entry).count("/") + 1) + "handout/"
    out.append(
        f'<p class="kb-handout-add"><a href="{attr(handout)}?id={attr(entry.id)}">Voeg dit item toe aan een handout</a></p>\n'
    )
    out.append("## Over dit item\n")
    out.append(_definition_list("kb-meta kb-about", "", _administration(ctx, entry)))
    out.append(_print_block(full))
    return "\n".join(out)


def article(ctx: Context, entry: Entry, url: str) -> dict[str, object]:
    """schema.org ``Article`` of an entry: title, summary, dates, language, licence, publisher
    and ``isBasedOn`` (its sources)."""
    sources = [{"@type": "CreativeWork", "name": s.get("title", ""), **({"url": s["url"]} if s.get("url") else {})}
               for s in entry.meta.get("sources") or []]  # fmt: skip
    return {
        "@type": "Article",
        "headline": entry.title,
        "description": entry.meta.get("description", ""),
        "datePublished": entry.meta.get("published", ""),
        "dateModified": ctx.updated(entry),
        "inLanguage": "nl",
        "url": url,
        "license": "https://creativecommons.org/licenses/by/4.0/",
        "publisher": {"@type": "Organization", "name": "Programma Werk aan Uitvoering"},
        "isBasedOn": sources,
    }


def _details(ctx: Context, entry: Entry, full: str) -> list[tuple[str, str]]:
    """The rows of the details box: ``(label, Markdown value)``."""
    here, meta, collection = entry_page(entry), entry.meta, entry.collection
    themes = BY_FIELD["themes"]
    rows = [
        ("Collectie", f"[{collection.label_singular}]({rel(here, overview_page(collection))})"),
        ("Thema's", links(ctx, here, themes, themes.values(entry))),
    ]
    for field_name, label in collection.facet_rows:
        values = BY_FIELD[field_name].values(entry)
        if values:
            rows.append((label, links(ctx, here, BY_FIELD[field_name], values)))
    for field_name, label in collection.text_rows:
        value = meta.get(field_name)
        if value and field_name == "values":
            rows.append((label, " ↔ ".join(md(v) for v in value)))
        elif value:
            rows.append((label, md(", ".join(value) if isinstance(value, list) else value)))
    link = permalink(entry.id)
    rows.append(("Vaste link", f"[{md(full)}]({rel(here, link.strip('/') + '/index.html')}){{ .kb-permalink }}"))
    return rows


def _administration(ctx: Context, entry: Entry) -> list[tuple[str, str]]:
    """Who keeps the entry and its dates, at the end of the page; an update date equal to
    the publication date is not repeated."""
    meta = entry.meta
    rows = [("Beheerder", md(meta["owner"]))] if meta.get("owner") else []
    rows.append(("Gepubliceerd", dutch_date(meta.get("published", ""))))
    if ctx.updated(entry) and ctx.updated(entry) != meta.get("published"):
        rows.append(("Laatst bijgewerkt", dutch_date(ctx.updated(entry))))
    if meta.get("review_by"):
        rows.append(("Herzien uiterlijk", dutch_date(meta["review_by"])))
    return rows


def _definition_list(classes: str, label: str, rows: list[tuple[str, str]]) -> str:
    """A definition list in a ``div``; with ``label`` it is a region screen readers can find."""
    region = f' role="region" aria-label="{attr(label)}"' if label else ""
    return f'<div class="{classes}"{region} markdown>\n\n' + "".join(f"{k}\n:   {v}\n\n" for k, v in rows) + "</div>\n"


def _print_block(url: str) -> str:
    """Shown only on paper: the permalink written out and its QR code (SVG made by segno)."""
    return (
        f'<div class="kb-print-only" aria-hidden="true">{qr_svg(url)}'
        f"<p>Vaste link: <strong>{attr(url)}</strong></p></div>\n"
    )


def _pagefind_filters(ctx: Context, entry: Entry) -> str:
    spans = [f'<span data-pagefind-filter="collectie:{attr(entry.collection.label)}"></span>']
    for key, field_name in _FILTERS:
        taxonomy = BY_FIELD[field_name]
        spans += [
            f'<span data-pagefind-filter="{key}:{attr(ctx.label(taxonomy, v))}"></span>' for v in taxonomy.values(entry)
        ]
    spans.append(f'<span data-pagefind-meta="collectie:{attr(entry.collection.label_singular)}"></span>')
    return '<div class="kb-filters" hidden>' + "".join(spans) + "</div>\n"


def related_section(ctx: Context, entry: Entry) -> str:
    """The "Gerelateerd" section: the entries this one links to and those linking to it."""
    here = entry_page(entry)
    outgoing = [ctx.by_id[i] for i in entry.meta.get("related") or [] if i in ctx.by_id and i != entry.id]
    incoming = [e for e in ctx.backlinks.get(entry.id, []) if e not in outgoing]
    if not outgoing and not incoming:
        return ""
    # kb-related is left out of the search index: it repeats other entries' titles and
    # descriptions, which would make every linked entry match their words.
    lines = ["## Gerelateerd\n", '<div class="kb-related" markdown>\n']
    if outgoing:
        lines.append("Dit item verwijst naar:\n")
        lines.extend(entry_item(here, e, with_collection=True) for e in outgoing)
        lines.append("")
    if incoming:
        lines += ['<div class="kb-backlinks" markdown>\n', "Items die naar dit item verwijzen:\n"]
        lines.extend(entry_item(here, e, with_collection=True) for e in incoming)
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
        name = f"{_PARLIAMENTARY_LABEL.get(ref.get('type'), 'Kamerstuk')} {ref['dossier']}, nr. {ref['number']}"
        extra = f": {md(ref['title'])}" if ref.get("title") else ""
        lines.append(f"- [{name}]({parliamentary_url(ref)}){extra}")
    return "\n".join(lines) + "\n"
