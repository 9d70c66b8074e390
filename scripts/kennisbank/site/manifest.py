"""The committed manifest of published URLs: no URL in it may ever disappear.

``published-urls.txt`` lists one site path per line (``/dilemmas/meerdere-opdrachtgevers/``).
A build fails when a listed path has neither a page nor a redirect. New paths are added with
``kb urls --update``; paths are never removed by any command.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

MANIFEST_FILE = "published-urls.txt"
_HEADER = (
    "# Elk adres dat ooit is gepubliceerd. Een adres verdwijnt nooit uit deze lijst: een hernoemd\n"
    "# item houdt zijn oude adres via 'aliases'. Bijwerken: kb urls --update\n"
)


def read_manifest(path: Path) -> list[str]:
    """The paths in the manifest, in file order; an absent file is an empty manifest."""
    if not path.is_file():
        return []
    return [
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def url_of(dest_uri: str) -> str | None:
    """Site path of a built file: ``a/b/index.html`` -> ``/a/b/``; non-HTML files keep their path."""
    if dest_uri == "404.html":
        return None
    if dest_uri.endswith("index.html"):
        return "/" + dest_uri[: -len("index.html")]
    return "/" + dest_uri


def missing_urls(manifest: Iterable[str], available: set[str]) -> list[str]:
    """Manifest paths with no page or redirect among ``available`` (site paths)."""
    return [url for url in manifest if url not in available]


def update_manifest(path: Path, available: Iterable[str]) -> list[str]:
    """Add new site paths to the manifest (sorted), keeping every existing line.

    Returns:
        The paths that were added.
    """
    current = read_manifest(path)
    known = set(current)
    added = sorted(u for u in set(available) if u not in known)
    if added or not path.is_file():
        path.write_text(_HEADER + "".join(f"{u}\n" for u in sorted(known | set(added))), encoding="utf-8")
    return added
