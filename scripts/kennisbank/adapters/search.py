"""Running Pagefind (from the ``pagefind[bin]`` wheel) on a built site."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

#: The one index language. Pages carry ``lang="nl"``; forcing it keeps a stray page in
#: another language from creating a second index that readers would never query.
LANGUAGE = "nl"


#: Parts of pages kept out of the index: heading permalinks ("#" in result titles), the
#: print-only permalink block, and the related-entries lists (they repeat other entries'
#: text, so a query for one entry's words would also list every entry linked to it).
EXCLUDED = (".headerlink", ".kb-print-only", ".kb-related", ".kb-breadcrumb")


class SearchIndexError(Exception):
    """Raised when Pagefind fails; the message includes Pagefind's own output."""


#: Pagefind reads only this element of each page. Everything it indexes (the
#: ``data-pagefind-body`` element with its filters and metadata, see ``overrides/main.html``)
#: lies inside the ``<article>`` of Material's content block, so the index is the same as with
#: the whole page, but Pagefind skips the header, navigation, sidebars and footer: at N = 5000
#: 15 to 17 instead of 20 to 21 CPU-s and 1262 instead of 1279 MB, with byte-identical
#: fragments and word index and the same filters (``make bench``, 30 November 2026). A page whose indexed
#: element were outside it would drop out of the index, which ``tests/test_site.py`` checks.
ROOT_SELECTOR = "article"


def pagefind_command(site_dir: Path) -> list[str]:
    """The Pagefind command line the build uses for ``site_dir`` (also used by the benchmark)."""
    # The exclusions are passed as one CSS selector list.
    return [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site_dir),
        "--force-language",
        LANGUAGE,
        "--root-selector",
        ROOT_SELECTOR,
        "--exclude-selectors",
        ", ".join(EXCLUDED),
    ]


def run_pagefind(site_dir: Path) -> str:
    """Index ``site_dir`` with Pagefind, writing ``site_dir/pagefind/``.

    Returns:
        Pagefind's console output (it reports the pages and words indexed).

    Raises:
        SearchIndexError: Pagefind exits non-zero or cannot be started.
    """
    command = pagefind_command(site_dir)
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexError(f"Pagefind kon niet starten: {exc}") from None
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind faalde (code {result.returncode}):\n{result.stdout}\n{result.stderr}")
    _prune_unused_ui(site_dir / "pagefind")
    return result.stdout


def _prune_unused_ui(bundle: Path) -> None:
    """Remove Pagefind's ready-made UIs and highlighter: the search page is built on
    ``pagefind.js`` (its JavaScript API) alone, see ``docs/assets/javascripts/kennisbank.js``."""
    for pattern in ("pagefind-ui.*", "pagefind-component-ui.*", "pagefind-modular-ui.*", "pagefind-highlight.js"):
        for path in bundle.glob(pattern):
            path.unlink()
