"""What every page generator shares: site options, the indexes over the content, and small
Markdown pieces (front matter, links, entry lists)."""

from __future__ import annotations

import html
import json
from collections import defaultdict
from dataclasses import dataclass, field

from kennisbank.content import yamlio
from kennisbank.content.collections import COLLECTIONS
from kennisbank.content.dates import today_iso
from kennisbank.content.entry import Entry
from kennisbank.content.project import Project
from kennisbank.content.taxonomies import FACETS, Taxonomy
from kennisbank.site.text import md
from kennisbank.site.urls import HOME, absolute, entry_page, facet_page, rel, url_of_page


@dataclass(frozen=True)
class SiteOptions:
    """Settings that come from the site configuration rather than the content.

    Attributes:
        site_url: absolute URL of the site root ending in ``/`` (for printed permalinks,
            QR codes and the feed), or '' when unknown.
        repo_url: URL of the source repository ('' when unknown), for security.txt.
        contact: where to report a vulnerability ('' when unknown: the repository's
            security advisories, when ``repo_url`` is known).
        contact_email: the editors' address for proposals by e-mail (mkdocs.yml
            ``extra.contact_email``), or '' for none: then the forms offer no e-mail.
        today: ISO date used to decide which entries are past their review date; by
            default today, or the date of ``SOURCE_DATE_EPOCH`` (reproducible builds).
        git_dates: project-relative path -> ISO date of the last commit touching it.
    """

    site_url: str = ""
    repo_url: str = ""
    contact: str = ""
    contact_email: str = ""
    today: str = field(default_factory=today_iso)
    git_dates: dict[str, str] = field(default_factory=dict)


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

    def facet_terms(self, facet: Taxonomy) -> list[tuple[str, str, str]]:
        """``(id, label, description)`` of every value of a facet, in vocabulary order."""
        return [
            (term.id, term.label, term.description)
            for name in facet.vocabulary_names
            for term in self.vocab.terms.get(name, {}).values()
        ]

    def label(self, facet: Taxonomy, value: str) -> str:
        """Dutch label of a facet value."""
        for name in facet.vocabulary_names:
            term = self.vocab.terms.get(name, {}).get(value)
            if term:
                return term.label
        return value

    def updated(self, entry: Entry) -> str:
        """Last-updated date: from git when known, else ``updated``, else ``published``."""
        return self.options.git_dates.get(entry.path) or entry.meta.get("updated") or entry.meta.get("published") or ""

    def is_stale(self, entry: Entry) -> bool:
        """True when the entry's ``review_by`` date lies before today."""
        review = entry.meta.get("review_by")
        return isinstance(review, str) and review < self.options.today


#: Front-matter keys the site engine's templates print into HTML without escaping: Material
#: for MkDocs (base.html, header.html, tags.html) and Zensical alike. Their values are
#: written HTML-escaped, so ``<``, ``&`` and quotes show literally on every engine.
TEMPLATE_PRINTED = ("title", "description", "tags")


def front_matter(**meta: object) -> str:
    """A generated page's front matter (YAML); empty values are left out, and the values in
    :data:`TEMPLATE_PRINTED` are HTML-escaped."""
    kept = {k: v for k, v in meta.items() if v is not None and v != [] and v != ""}
    for key in TEMPLATE_PRINTED:
        value = kept.get(key)
        if isinstance(value, str):
            kept[key] = html.escape(value, quote=True)
        elif isinstance(value, list):
            kept[key] = [html.escape(str(v), quote=True) for v in value]
    return "---\n" + yamlio.dump(kept) + "---\n\n"


def links(ctx: Context, from_page: str, facet: Taxonomy, values: list[str]) -> str:
    """Comma-separated links to the pages of facet values."""
    return ", ".join(f"[{md(ctx.label(facet, v))}]({rel(from_page, facet_page(facet, v))})" for v in values)


def entry_item(from_page: str, entry: Entry, with_collection: bool = False) -> str:
    """A list item: the entry's title as a link, and its description under it."""
    link = f"[{md(entry.title)}]({rel(from_page, entry_page(entry))})"
    kind = f" *({entry.collection.label_singular})*" if with_collection else ""
    return f"- {link}{kind}  \n  {md(entry.meta.get('description', ''))}"


def entry_list(from_page: str, entries: list[Entry]) -> str:
    """Entries grouped by collection, each group a level-2 heading and a list."""
    parts = []
    for collection in COLLECTIONS:
        group = [e for e in entries if e.collection is collection]
        if group:
            parts.append(f"## {collection.label} ({len(group)})\n")
            parts.extend(entry_item(from_page, e) for e in group)
            parts.append("")
    if parts:
        return "\n".join(parts)
    depth = from_page.count("/")
    return ("Er zijn nog geen items met deze waarde. Kent u een voorbeeld, dilemma of instrument dat hier past? "
            f"[Lees hoe u het voorstelt]({'../' * depth}bijdragen/index.md).\n")  # fmt: skip


def json_ld_text(data: object) -> str:
    """``data`` as JSON-LD text that can stand inside ``<script>`` as it is: ``<``, ``>`` and
    ``&`` are written as JSON escapes, so no value can end the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def breadcrumb(ctx: Context, here: str, trail: list[tuple[str, str]]) -> tuple[str, dict[str, object]]:
    """The breadcrumb of page ``here``: ``Start › … › this page``.

    Args:
        ctx: the context (for the site's address).
        here: source path of the page.
        trail: ``(label, source path)`` from the first step after Start to this page.

    Returns:
        ``(Markdown, schema.org BreadcrumbList)``: a ``nav`` labelled "Kruimelpad" holding
        an ordered list (the last step is text, not a link), and the same steps as data.
    """
    steps = [("Start", HOME), *trail]
    lines = [f"{i}. [{md(label)}]({rel(here, path)})" for i, (label, path) in enumerate(steps[:-1], 1)]
    lines.append(f"{len(steps)}. {md(steps[-1][0])}")
    markdown = '<nav class="kb-breadcrumb" aria-label="Kruimelpad" markdown>\n\n' + "\n".join(lines) + "\n\n</nav>\n"
    data: dict[str, object] = {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": i,
                "name": label,
                "item": absolute(ctx.options.site_url, url_of_page(path)),
            }
            for i, (label, path) in enumerate(steps, 1)
        ],
    }
    return markdown, data
