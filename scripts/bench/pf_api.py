#!/usr/bin/env python3
"""Index a built site through Pagefind's Python API (run as its own process by ``memory.py``).

Usage: ``pf_api.py SITE OUTPUT_SUBDIR [--body-only]`` with the working directory anywhere.
Every page under SITE that Pagefind would index is read and sent with ``add_html_file``, a
few at a time, with the same language and exclusions as the real build; then
``write_files``. With ``--body-only`` each page is cut down to its ``data-pagefind-body``
element first (what Pagefind indexes anyway), so Pagefind parses far less markup.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from common import indexed_part
from pagefind.index import IndexConfig, PagefindIndex

from kennisbank.adapters.search import EXCLUDED, LANGUAGE, ROOT_SELECTOR

#: Files in flight at once: enough to keep Pagefind busy, little held in this process.
BATCH = 32


async def main(site: Path, output: str, cut: bool) -> None:
    # Only pages with a data-pagefind-body element: Pagefind indexes no other page once any
    # page has one (the overviews and redirects), so the index is the same. Sending the
    # overviews too (up to 2.4 MB each at N = 5000) made the service hang.
    pages = sorted(
        p
        for p in site.rglob("*.html")
        if not p.relative_to(site).parts[0].startswith("pf-") and "data-pagefind-body" in p.read_text(encoding="utf-8")
    )
    config = IndexConfig(
        root_selector=ROOT_SELECTOR,
        force_language=LANGUAGE,
        exclude_selectors=list(EXCLUDED),
        output_path=str(site / output),
    )
    async with PagefindIndex(config=config) as index:
        for start in range(0, len(pages), BATCH):
            batch = pages[start : start + BATCH]
            await asyncio.gather(
                *(index.add_html_file(content=read(p, cut), source_path=p.relative_to(site).as_posix()) for p in batch)
            )
    print(f"{len(pages)} pagina's aangeboden")


def read(path: Path, cut: bool) -> str:
    text = path.read_text(encoding="utf-8")
    return (indexed_part(text) or text) if cut else text


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]).resolve(), sys.argv[2], "--body-only" in sys.argv[3:]))
