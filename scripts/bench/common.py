"""Settings every part of the benchmark shares."""

from __future__ import annotations

import os
import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
TODAY = "2026-01-01"
QUERIES = ("uitvoerbaarheid", "samenwerking gemeenten")
CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
RESULTS_SHOWN = """() => document.querySelector('.kb-search-result-link') ||
  /Niets gevonden/.test((document.querySelector('.kb-search-status') || {}).textContent || '')"""

_INDEXED = re.compile(r"<div data-pagefind-body>.*</article>", re.S)
_CUT_HEAD = '<!doctype html><html lang="nl"><head><meta charset="utf-8"></head><body><article>'


def indexed_part(page: str) -> str | None:
    """A built page cut down to what Pagefind indexes: its ``data-pagefind-body`` element in an
    ``<article>`` (the build's Pagefind reads only the article), as a whole HTML document; None
    for a page without that element. Material's article closes right after it."""
    found = _INDEXED.search(page)
    return None if found is None else _CUT_HEAD + found.group(0) + "</body></html>"
