"""The site's URL scheme and the rules that keep every written file inside the site.

Entries live at ``/<collection URL prefix>/<slug>/``, permalinks at ``/p/<id>/``, and old
addresses (``aliases``) become redirect pages. This module says which addresses are
taken or reserved, whether an alias is acceptable, and where a file may be written.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from kennisbank.content.collections import BY_ID_PREFIX

if TYPE_CHECKING:
    from kennisbank.content.collections import Collection
    from kennisbank.content.entry import Entry
    from kennisbank.content.taxonomies import Taxonomy

#: Top-level folders that belong to the site itself; no alias may point into them.
RESERVED_PREFIXES = ("assets", "pagefind", "data", "schemas", ".well-known", "p", "search")

#: Slugs no entry file may have: ``index`` would replace its collection's overview.
RESERVED_SLUGS = frozenset({"index"})

_ALIAS_RE = re.compile(r"/(?:[a-z0-9]+(?:-[a-z0-9]+)*/)+")

#: The permalink of a retired id (``/p/pr-006/``): the one alias allowed inside ``/p/``, so
#: that the permalink of an entry merged into another keeps working (CONTRIBUTING, rule 6).
_RETIRED_PERMALINK_RE = re.compile(r"/p/([a-z]+)-[0-9]{3,}/")


class UnsafePathError(ValueError):
    """Raised when a generated file would land outside the output folder."""


HOME = "index.md"
MATRIX_PAGE = "instrumenten/welk-instrument-wanneer.md"
CATALOGUE_PAGE = "bijdragen/foutcodes.md"
HANDOUT_PAGE = "handout.md"
CHARTS_PAGE = "in-cijfers.md"
#: 'Stel een item voor': the index of the forms, one form per collection beside it.
PROPOSAL_INDEX = "bijdragen/voorstel/index.md"


def entry_page(entry: Entry) -> str:
    """Source path of an entry's page, e.g. ``praktijkvoorbeelden/common-ground.md``."""
    return f"{entry.collection.url_prefix}/{entry.slug}.md"


def overview_page(collection: Collection) -> str:
    """Source path of a collection's overview page."""
    return f"{collection.url_prefix}/index.md"


def proposal_page(collection: Collection) -> str:
    """Source path of a collection's 'Stel een item voor' form, e.g.
    ``bijdragen/voorstel/praktijkvoorbeeld.md`` (the singular label in lower case)."""
    return f"bijdragen/voorstel/{collection.label_singular.lower()}.md"


def facet_page(taxonomy: Taxonomy, value: str | None = None) -> str:
    """Source path of a facet's index page, or of the page for one value."""
    return f"{taxonomy.url_prefix}/{value}.md" if value else f"{taxonomy.url_prefix}/index.md"


def rel(from_page: str, to_page: str) -> str:
    """Relative link between two source pages, e.g. ``themas/a.md`` -> ``../dilemmas/b.md``.

    Same result as ``posixpath.relpath``, which is used for any path that is not plain
    (absolute, or with empty, ``.`` or ``..`` segments); for plain paths the common
    segments are counted directly (relpath resolves both against the working directory,
    which cost a fifth of page generation at N = 1000).
    """
    start = posixpath.dirname(from_page)
    start_parts = start.split("/") if start else []
    to_parts = to_page.split("/")
    if any(part in ("", ".", "..") for part in start_parts + to_parts):
        return posixpath.relpath(to_page, start or ".")
    same = 0
    for a, b in zip(start_parts, to_parts, strict=False):
        if a != b:
            break
        same += 1
    return "/".join([".."] * (len(start_parts) - same) + to_parts[same:]) or "."


def absolute(site_url: str, url: str) -> str:
    """``url`` (a site path such as ``/p/pr-001/``) on the site at ``site_url``; the path
    itself when the site's address is unknown."""
    return site_url.rstrip("/") + url if site_url else url


def url_of_page(source_path: str) -> str:
    """Site URL of a page from its source path: ``a/index.md`` -> ``/a/``, ``a/b.md`` -> ``/a/b/``,
    ``index.md`` -> ``/``; other files keep their path (``data/x.json`` -> ``/data/x.json``)."""
    if not source_path.endswith(".md"):
        return "/" + source_path
    stem = source_path[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")].rstrip("/")
    return f"/{stem}/" if stem else "/"


def entry_url(url_prefix: str, slug: str) -> str:
    """URL of an entry page, e.g. ``/praktijkvoorbeelden/common-ground/``."""
    return f"/{url_prefix}/{slug}/"


def permalink(entry_id: str) -> str:
    """The short permalink of an entry id: ``/p/<id>/``."""
    return f"/p/{entry_id}/"


def alias_problem(alias: str) -> str | None:
    """Why ``alias`` cannot be an old address, in Dutch, or None when it can.

    An alias starts and ends with ``/``, has only non-empty lower-case kebab-case
    segments (so no ``..``, no ``//``), and does not lie in a folder of the site itself
    (:data:`RESERVED_PREFIXES`).
    """
    if not _ALIAS_RE.fullmatch(alias):
        segments = [s for s in alias.split("/") if s and s not in (".", "..")]
        suggestion = ("/" + "/".join(segments) + "/") if segments else ""
        why = (
            "heeft lege delen (//)"
            if "//" in alias
            else (
                "bevat '..' of '.'"
                if any(s in (".", "..") for s in alias.split("/"))
                else "heeft niet de vorm /map/naam/ met kleine letters, cijfers en streepjes"
            )
        )
        return f"Het oude adres '{alias}' {why}." + (
            f" Bedoelde je '{suggestion}'?" if suggestion and suggestion != alias else ""
        )
    first = alias.strip("/").split("/", 1)[0]
    if retired_id(alias):
        return None
    if first in RESERVED_PREFIXES:
        return f"Het oude adres '{alias}' ligt in de map /{first}/, die bij de site zelf hoort."
    return None


def retired_id(alias: str) -> str | None:
    """The id whose permalink ``alias`` is (``/p/pr-006/`` -> ``pr-006``), or None.

    Only ids with the prefix of a collection count (``pr``, ``di``, ``in``). An entry that
    absorbs a removed entry lists the removed permalink under ``aliases``; the id then stays
    taken, so ``kb new`` never hands it out again.
    """
    match = _RETIRED_PERMALINK_RE.fullmatch(alias)
    return alias[3:-1] if match and match.group(1) in BY_ID_PREFIX else None


def output_path(base: Path, relative: str) -> Path:
    """``base / relative``, refusing any path that would land outside ``base``.

    Args:
        base: the output folder.
        relative: a POSIX path relative to it, as the generator produces them.

    Raises:
        UnsafePathError: ``relative`` is absolute, has empty or ``..`` segments, or
            resolves (symlinks included) outside ``base``.
    """
    pure = PurePosixPath(relative)
    if (
        not relative
        or pure.is_absolute()
        or relative != posixpath.normpath(relative)
        or any(part in ("", ".", "..") for part in relative.split("/"))
    ):
        raise UnsafePathError(f"onveilig pad voor een gegenereerd bestand: {relative!r}")
    root = base.resolve()
    target = (root / relative).resolve()
    if target != root and root not in target.parents:
        raise UnsafePathError(f"{relative!r} zou buiten {base} terechtkomen")
    return target
