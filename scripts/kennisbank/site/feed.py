"""The Atom feed (RFC 4287) of new and updated entries, written with feedgen."""

from __future__ import annotations

import uuid

from feedgen.feed import FeedGenerator

from kennisbank.content.entry import Entry
from kennisbank.site.exports import LICENCE
from kennisbank.site.urls import absolute, entry_url, permalink

#: Namespace of the feed's ids when the site's address is unknown (see :func:`atom_feed`).
_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/werk-aan-uitvoering/kennisbank")
_EPOCH = "1970-01-01"


def atom_feed(entries: list[Entry], site_url: str, updated: dict[str, str]) -> str:
    """An Atom feed of the 50 most recently published or updated entries.

    Args:
        entries: all entries.
        site_url: absolute site root URL ending in ``/``, or '' when unknown.
        updated: entry path -> ISO date of its last change.

    Returns:
        The feed as XML text. It depends on the content only: the feed's ``<updated>`` is
        the newest entry date (not the build time), so two builds of one commit are
        identical. Without ``site_url`` the ids are ``urn:uuid:`` names derived from the
        entry ids (stable, and never a made-up host) and the links are relative to the feed.
    """
    feed = FeedGenerator()
    feed.id(absolute(site_url, "/feed.xml") if site_url else _urn("feed"))
    feed.title("Kennisbank Werk aan Uitvoering: nieuw en bijgewerkt")
    feed.subtitle("Nieuwe en bijgewerkte praktijkvoorbeelden, dilemma's en instrumenten.")
    feed.link(href=absolute(site_url, "/") if site_url else "./", rel="alternate")
    feed.link(href=absolute(site_url, "/feed.xml") if site_url else "feed.xml", rel="self")
    feed.language("nl")
    # RFC 4287 §4.1.1: a feed without an author in every entry needs one of its own.
    feed.author(name="Programma Werk aan Uitvoering")
    feed.rights(f"Inhoud onder {LICENCE}")

    def changed(entry: Entry) -> str:
        return updated.get(entry.path) or entry.meta.get("published") or _EPOCH

    dated = sorted(entries, key=lambda e: (changed(e), e.id), reverse=True)[:50]
    for entry in reversed(dated):  # feedgen prepends; add oldest first
        item = feed.add_entry()
        item.id(absolute(site_url, permalink(entry.id)) if site_url else _urn(entry.id))
        item.title(entry.title)
        page = entry_url(entry.collection.url_prefix, entry.slug)
        item.link(href=absolute(site_url, page) if site_url else page.lstrip("/"))
        item.summary(str(entry.meta.get("description", "")))
        item.updated(changed(entry) + "T00:00:00+00:00")
        item.published((entry.meta.get("published") or _EPOCH) + "T00:00:00+00:00")
        item.category(term=entry.collection.name, label=entry.collection.label_singular)
    feed.updated((changed(dated[0]) if dated else _EPOCH) + "T00:00:00+00:00")
    return str(feed.atom_str(pretty=True).decode("utf-8"))


def _urn(name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_ID_NAMESPACE, name)}"
