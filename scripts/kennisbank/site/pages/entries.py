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

#: Pagefind indexes what a reader searches an entry for: its title, summary and body. The
#: blocks around them carry this attribute (Pagefind's own; "index" keeps the filters and
#: meta inside): the details boxes and the sources repeat front-matter values and titles
#: found on many pages, so they became the excerpt of a result, made other entries match
#: and filled the index and every result's fragment. The details box's labels and values
#: stay findable as the meta field ``kenmerken`` (see :func:`_pagefind_filters`).
_NOT_INDEXED = 'data-pagefind-ignore="index"'


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
            f"<div {_NOT_INDEXED} markdown>\n\n"
            '!!! warning "Mogelijk verouderd"\n\n'
            f"    Dit item had uiterlijk {dutch_date(meta['review_by'])} opnieuw bekeken moeten worden. "
            "De inhoud kan verouderd zijn.\n\n</div>\n"
        )
    out.append(_pagefind_filters(ctx, entry))
    out.append(_definition_list("kb-meta", "In het kort", _details(ctx, entry, full)))
    out.append(entry.body.strip() + "\n")
    out.extend(_after_body(ctx, entry, full, related_section(ctx, entry) if related is None else related))
    return "\n".join(out)


def _after_body(ctx: Context, entry: Entry, full: str, related: str) -> list[str]:
    """What follows the body: related entries, sources, the handout link, "Over dit item"
    and the print-only block; none of it is indexed (see :data:`_NOT_INDEXED`)."""
    # Raw HTML is not rewritten by MkDocs: relative to the page's address, /<collection>/<slug>/.
    handout = "../" * (entry_page(entry).count("/") + 1) + "handout/"
    return [
        related,
        _sources_section(entry),
        f'<p class="kb-handout-add" {_NOT_INDEXED}><a href="{attr(handout)}?id={attr(entry.id)}">'
        "Voeg dit item toe aan een handout</a></p>\n",
        f"## Over dit item {{: {_NOT_INDEXED} }}\n",
        _definition_list("kb-meta kb-about", "", _administration(ctx, entry)),
        _print_block(full),
    ]


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
    """A definition list in a ``div``, kept out of the search index; with ``label`` it is a
    region screen readers can find."""
    region = f' role="region" aria-label="{attr(label)}"' if label else ""
    return (
        f'<div class="{classes}"{region} {_NOT_INDEXED} markdown>\n\n'
        + "".join(f"{k}\n:   {v}\n\n" for k, v in rows)
        + "</div>\n"
    )


def _print_block(url: str) -> str:
    """Shown only on paper: the permalink written out and its QR code (SVG made by segno)."""
    return (
        f'<div class="kb-print-only" aria-hidden="true">{qr_svg(url)}'
        f"<p>Vaste link: <strong>{attr(url)}</strong></p></div>\n"
    )


def _pagefind_filters(ctx: Context, entry: Entry) -> str:
    """Hidden spans with the entry's Pagefind filters (collectie, thema, organisatietype) and
    meta (collectie; kenmerken and bronnen: the details box's values and the source titles,
    searchable but not shown; a match there gives the page's opening as the excerpt)."""
    spans = [f'<span data-pagefind-filter="collectie:{attr(entry.collection.label)}"></span>']
    for key, field_name in _FILTERS:
        taxonomy = BY_FIELD[field_name]
        spans += [
            f'<span data-pagefind-filter="{key}:{attr(ctx.label(taxonomy, v))}"></span>' for v in taxonomy.values(entry)
        ]
    spans.append(f'<span data-pagefind-meta="collectie:{attr(entry.collection.label_singular)}"></span>')
    # Pagefind takes everything after the first ":" as the value, commas included.
    for key, values, separator in (("kenmerken", _keywords(ctx, entry), ", "), ("bronnen", _source_names(entry), "; ")):
        if values:
            spans.append(f'<span data-pagefind-meta="{key}:{attr(separator.join(values))}"></span>')
    return '<div class="kb-filters" hidden>' + "".join(spans) + "</div>\n"


def _keywords(ctx: Context, entry: Entry) -> list[str]:
    """The values of the details box a reader may search for, once each and in the box's
    order: theme labels, the collection's other taxonomy labels and its free-text values
    (organisations, domain, public values, purpose, organiser, …)."""
    values = [ctx.label(BY_FIELD["themes"], v) for v in BY_FIELD["themes"].values(entry)]
    for field_name, _ in entry.collection.facet_rows:
        values += [ctx.label(BY_FIELD[field_name], v) for v in BY_FIELD[field_name].values(entry)]
    for field_name, _ in entry.collection.text_rows:
        value = entry.meta.get(field_name)
        values += [str(v) for v in value] if isinstance(value, list) else [str(value)] if value else []
    return list(dict.fromkeys(values))


def related_section(ctx: Context, entry: Entry) -> str:
    """The "Gerelateerd" section: the entries this one links to and those linking to it."""
    here = entry_page(entry)
    outgoing = [ctx.by_id[i] for i in entry.meta.get("related") or [] if i in ctx.by_id and i != entry.id]
    incoming = [e for e in ctx.backlinks.get(entry.id, []) if e not in outgoing]
    if not outgoing and not incoming:
        return ""
    # Left out of the search index (kb-related: see EXCLUDED in adapters/search.py): it repeats
    # other entries' titles and descriptions, which would make every linked entry match their words.
    lines = [f"## Gerelateerd {{: {_NOT_INDEXED} }}\n", '<div class="kb-related" markdown>\n']
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


def _paper_name(ref: dict[str, str]) -> str:
    """``Kamerstuk 36600, nr. 3``: a parliamentary paper's kind, dossier and number."""
    return f"{_PARLIAMENTARY_LABEL.get(ref.get('type', ''), 'Kamerstuk')} {ref['dossier']}, nr. {ref['number']}"


def _source_names(entry: Entry) -> list[str]:
    """The titles in the "Bronnen" list (sections and URLs left out) and the names and
    titles of the parliamentary papers, once each."""
    names = [str(s.get("title", "")) for s in entry.meta.get("sources") or [] if s.get("title")]
    for ref in entry.meta.get("parliamentary_refs") or []:
        names.append(f"{_paper_name(ref)}: {ref['title']}" if ref.get("title") else _paper_name(ref))
    return list(dict.fromkeys(names))


def _sources_section(entry: Entry) -> str:
    """The "Bronnen" list, out of the search index: its titles recur on many entries (the
    Herijking on nearly all), and the body names the sources it uses where it uses them."""
    lines = [f"## Bronnen {{: {_NOT_INDEXED} }}\n", f'<div class="kb-sources" {_NOT_INDEXED} markdown>\n']
    for source in entry.meta.get("sources") or []:
        title = md(source.get("title", ""))
        text = f"[{title}]({md_url(source['url'])})" if source.get("url") else title
        if source.get("section"):
            text += f", {md(source['section'])}"
        lines.append(f"- {text}")
    for ref in entry.meta.get("parliamentary_refs") or []:
        name = _paper_name(ref)
        extra = f": {md(ref['title'])}" if ref.get("title") else ""
        lines.append(f"- [{name}]({parliamentary_url(ref)}){extra}")
    return "\n".join(lines) + "\n\n</div>\n"
