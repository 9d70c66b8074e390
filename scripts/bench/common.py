"""Settings every part of the benchmark shares."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
TODAY = "2026-01-01"
QUERIES = ("uitvoerbaarheid", "samenwerking gemeenten")
CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
RESULTS_SHOWN = """() => document.querySelector('.kb-search-result-link') ||
  /Niets gevonden/.test((document.querySelector('.kb-search-status') || {}).textContent || '')"""
