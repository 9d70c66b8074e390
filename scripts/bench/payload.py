"""What a reader downloads: the search payload in headless Chromium, entry pages, lunr."""

from __future__ import annotations

import gzip
import http.server
import shutil
import threading
import time
from pathlib import Path
from typing import Any

from common import CHROMIUM, QUERIES, RESULTS_SHOWN

from kennisbank.content.collections import COLLECTIONS


def transfer_size(path: Path) -> int:
    """Bytes on the wire with gzip: Pagefind's own files are already gzip-compressed."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        return len(data)
    return len(gzip.compress(data, 6))


class _Server:
    """A static file server on 127.0.0.1 that logs every file it serves."""

    def __init__(self, site: Path) -> None:
        served: list[Path] = []
        self.served = served

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=str(site), **kwargs)

            def do_GET(self):
                path = Path(self.translate_path(self.path))
                if path.is_dir():
                    path = path / "index.html"
                if path.is_file():
                    served.append(path)
                super().do_GET()

            def log_message(self, *args):  # quiet
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def settle(self, quiet: float = 1.0, limit: float = 20.0) -> None:
        """Wait until no request arrived for ``quiet`` seconds."""
        started, count, since = time.monotonic(), -1, time.monotonic()
        while time.monotonic() - started < limit:
            if len(self.served) != count:
                count, since = len(self.served), time.monotonic()
            elif time.monotonic() - since >= quiet:
                return
            time.sleep(0.1)


def chromium_path() -> str | None:
    return next((p for p in CHROMIUM if Path(p).exists()), None) or shutil.which("chromium")


def browse(site: Path, query_pages: list[str], plain_pages: list[str]) -> dict[str, list[Path]]:
    """Load pages in headless Chromium (a fresh cache each) and return the files each fetched."""
    from playwright.sync_api import sync_playwright

    server = _Server(site)
    fetched: dict[str, list[Path]] = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
            for url in query_pages + plain_pages:
                context = browser.new_context()
                page = context.new_page()
                server.served.clear()
                page.goto(f"http://127.0.0.1:{server.port}{url}", wait_until="load")
                if url in query_pages:
                    # A result's link appears once its fragment has loaded: the query is answered.
                    page.wait_for_function(RESULTS_SHOWN, timeout=120_000)
                server.settle(quiet=1.5)
                fetched[url] = list(server.served)
                context.close()
            browser.close()
    finally:
        server.close()
    return fetched


def entry_pages(site: Path) -> list[Path]:
    pages = []
    for collection in COLLECTIONS:
        folder = site / collection.url_prefix
        pages += [
            p / "index.html"
            for p in folder.iterdir()
            if (p / "index.html").is_file() and p.name != "welk-instrument-wanneer"
        ]
    return pages


def search_pages() -> dict[str, str]:
    """The search page's URL for each query in ``QUERIES`` -> that query."""
    return {f"/zoeken/?q={q.replace(' ', '+')}": q for q in QUERIES}


def query_payload(site: Path, fetched: list[Path]) -> dict[str, Any]:
    """What a first query fetched under ``/pagefind/``, by kind, gzip over the wire.

    ``pagefind_own`` is what Pagefind needs before any result can be shown: its WebAssembly
    (``.pagefind``), ``pagefind.js``, the metadata and entry file, and the word-index chunks
    holding the query's words. Pagefind cuts the word index into chunks of a fixed 20 000
    word locations (``chunk_index(word_map, 20000)`` in pagefind/src/index/mod.rs, where a
    comment says the size is meant to become an option one day), so no setting of ours
    makes a chunk smaller. What the site controls is the rest: the fragments of the results.
    """
    files = [p for p in fetched if "pagefind" in p.relative_to(site).parts]
    kinds: dict[str, int] = {}
    for p in files:
        kind = p.suffix.lstrip(".") or p.name
        kinds[kind] = kinds.get(kind, 0) + transfer_size(p)
    return {
        "page_requests": len(fetched),  # the page itself, its CSS, JS and fonts too
        "page_transfer": sum(transfer_size(p) for p in fetched),
        "requests": len(files),
        "bytes": sum(p.stat().st_size for p in files),
        "transfer": sum(kinds.values()),
        "by_kind_transfer": kinds,
        "pagefind_own": sum(v for k, v in kinds.items() if k != "pf_fragment"),
        "files": sorted({p.relative_to(site).as_posix() for p in files}),
    }


def sizes(site: Path, lunr_site: Path, use_browser: bool) -> dict[str, Any]:
    """Search payload, lunr index and entry-page weight for one built site."""
    out: dict[str, Any] = {}
    lunr = lunr_site / "search" / "search_index.json"
    out["lunr_index_bytes"] = lunr.stat().st_size
    out["lunr_index_gzip"] = transfer_size(lunr)
    pages = entry_pages(site)
    html = sorted((transfer_size(p), p) for p in pages)
    median_page, largest_page = html[len(html) // 2][1], html[-1][1]
    out["site_html_files"] = sum(1 for _ in site.rglob("*.html"))
    out["site_bytes"] = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    out["pagefind_bytes"] = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
    out["entry_html_gzip_median"] = html[len(html) // 2][0]
    out["entry_html_gzip_max"] = html[-1][0]
    if not (use_browser and chromium_path()):
        out["search"] = None
        out["note"] = "geen chromium: zoek-payload niet gemeten (installeer met 'apt-get install -y chromium')"
        return out

    def url_of(page: Path) -> str:
        return "/" + page.parent.relative_to(site).as_posix() + "/"

    queries = search_pages()
    fetched = browse(site, list(queries), [url_of(median_page), url_of(largest_page)])
    out["search"] = {query: query_payload(site, fetched[url]) for url, query in queries.items()}
    for label, page in (("median", median_page), ("largest", largest_page)):
        files = [p for p in fetched[url_of(page)] if "pagefind" not in p.relative_to(site).parts]
        out[f"entry_page_{label}"] = {
            "url": url_of(page),
            "requests": len(files),
            "transfer": sum(transfer_size(p) for p in files),
            "html_transfer": transfer_size(page),
            "files": sorted({p.relative_to(site).as_posix() for p in files}),
        }
    return out
