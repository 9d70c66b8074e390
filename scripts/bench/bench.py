#!/usr/bin/env python3
"""Performance benchmark of the kennisbank: validation, generation, build, search payload.

Run with ``make bench`` (``BENCH_ARGS=--quick`` for N = 100 and 1000 only). For each N the
script writes a synthetic project (see ``scripts/bench/corpus.py``) into a temporary
folder, never into the repository's content folders, and measures:

* ``floor``: read every entry file and parse its front matter with ``yaml.CSafeLoader``,
  the lower bound for any validator;
* ``validate``: ``kennisbank.adapters.pipeline.check`` in-process (what ``kb validate`` does), plus
  one ``kb validate`` run as a subprocess for start-up time and peak memory;
* ``generate``: ``kennisbank.adapters.pipeline.site_files`` in-process;
* ``mkdocs`` and ``pagefind``: the full build split in two: ``mkdocs build`` with the
  kennisbank plugin (``pagefind: false``) and then ``python -m pagefind`` on the result;
* ``baseline``: the same generated pages (``kb generate --out``) plus ``docs/`` built by
  MkDocs with the same theme settings, overrides, Markdown extensions, nav and tags plugin
  but without the kennisbank plugin, then Pagefind on it. Ratio = ours / baseline;
* ``lunr``: once per N, the baseline with Material's own ``search`` plugin, for the size of
  ``search/search_index.json``;
* ``search``: the bytes the browser fetches under ``/pagefind/`` for a first query on
  ``/zoeken/?q=…``, measured by serving the site on 127.0.0.1 to headless Chromium;
* ``entry page``: one entry page with its CSS and JS, gzip-compressed, search excluded.

Every subprocess is reaped with ``os.wait4``, which gives its own CPU time and peak RSS
(``ru_maxrss``; Pagefind's Python launcher ``exec``s the binary, so that is Pagefind's).
Wall-clock times suffer when other work runs on the machine; CPU times less so (though an
overloaded machine inflates them too), so the target checks use CPU time, our build and the
baseline alternate within each run, and the report shows both, with the load average.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import http.server
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402

from kennisbank.adapters.pipeline import check, site_files  # noqa: E402
from kennisbank.content.collections import COLLECTIONS  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
TODAY = "2026-01-01"
QUERIES = ("uitvoerbaarheid", "samenwerking gemeenten")
CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
RESULTS_SHOWN = """() => document.querySelector('.pagefind-ui__result-link') ||
  /Niets gevonden/.test((document.querySelector('.pagefind-ui__message') || {}).textContent || '')"""

# --- measuring --------------------------------------------------------------------------


@dataclass
class Sample:
    """One measurement: wall seconds, CPU seconds and (for subprocesses) peak RSS in MB."""

    wall: float
    cpu: float
    rss_mb: float = 0.0


def run_measured(command: list[str], cwd: Path, log: Path) -> Sample:
    """Run ``command``; return its wall time, its own CPU time (user+sys) and peak RSS.

    ``os.wait4`` reports the resources of exactly this child (and its waited-for
    descendants), unlike ``RUSAGE_CHILDREN``, which accumulates over all children.
    """
    with log.open("wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise SystemExit(f"Mislukt (code {process.returncode}): {' '.join(command)}\n{tail}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def run_inprocess(fn: Callable[[], Any]) -> tuple[Sample, Any]:
    gc.collect()
    wall0, cpu0 = time.perf_counter(), time.process_time()
    result = fn()
    return Sample(time.perf_counter() - wall0, time.process_time() - cpu0), result


def floor(root: Path) -> int:
    """Read every entry file and parse its front matter with the C YAML loader."""
    count = 0
    for collection in COLLECTIONS:
        for path in sorted((root / collection.folder).glob("*.md")):
            text = path.read_text(encoding="utf-8")
            end = text.find("\n---", 3)
            yaml.load(text[4:end], Loader=yaml.CSafeLoader)
            count += 1
    return count


def site_url(mkdocs_yml: Path) -> str:
    """The site URL the build uses: ``KB_SITE_URL`` or the default in ``mkdocs.yml``.

    It matters for timing: every entry page carries a QR code of its full permalink, and
    a longer URL means a larger, slower QR code.
    """
    from kennisbank.checks.markdown_render import load_mkdocs_config  # MkDocs' own reading, !ENV included

    return str(load_mkdocs_config(mkdocs_yml).site_url or "")


def validate_breakdown(root: Path) -> dict[str, float]:
    """CPU seconds of each part of validation, measured once (for the report, not a target)."""
    from kennisbank import validate as v
    from kennisbank.checks.privacy import personal_data_problems
    from kennisbank.checks.safety import body_problems
    from kennisbank.content.project import load_project
    from kennisbank.content.schemas import load_schemas

    out: dict[str, float] = {}

    def part(name: str, fn: Callable[[], Any]) -> Any:
        sample, result = run_inprocess(fn)
        out[name] = sample.cpu
        return result

    project = part("load_project", lambda: load_project(root))
    schemas = part("load_schemas", lambda: load_schemas(root / "schemas"))
    entries = project.entries
    from kennisbank.checks.schema_problems import schema_problems

    part("schema", lambda: [list(schema_problems(e, schemas, set())) for e in entries])
    part("vocabularies", lambda: [list(v._vocabulary_problems(e, project.vocabularies)) for e in entries])
    from kennisbank.checks.markdown_render import BodyRenderer, project_config

    renderer = BodyRenderer(*project_config(root))
    part("body (Python-Markdown + nh3)", lambda: [body_problems(e, renderer) for e in entries])
    part(
        "personal data", lambda: [personal_data_problems(e, project.vocabularies.functional_mailboxes) for e in entries]
    )
    part("cross-entry", lambda: v.cross_entry_problems(entries))
    return out


def summary(samples: list[Sample], attr: str = "wall") -> dict[str, float]:
    values = [getattr(s, attr) for s in samples]
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


# --- project folders ------------------------------------------------------------------


def mkdocs_config(source: str, plugins: str) -> str:
    """``mkdocs.yml`` text with its ``plugins:`` block replaced by ``plugins``."""
    new, count = re.subn(r"(?ms)^plugins:\n(?:  .*\n)+", plugins, source)
    if count != 1:
        raise SystemExit("Kan het blok 'plugins:' in mkdocs.yml niet vinden.")
    return new


def prepare(work: Path, n: int, seed: int) -> dict[str, Any]:
    """Write the project, its bench config, and the baseline project for one N."""
    project = work / "project"
    stats = write_corpus(REPO, project, n, seed)
    source = (project / "mkdocs.yml").read_text(encoding="utf-8")
    if "  - kennisbank\n" not in source:
        raise SystemExit("mkdocs.yml heeft geen regel '  - kennisbank' onder plugins.")
    (project / "mkdocs.bench.yml").write_text(
        source.replace("  - kennisbank\n", "  - kennisbank:\n      pagefind: false\n"), encoding="utf-8"
    )

    # The same pages without our plugin: `kb generate --out`, then docs/ on top.
    baseline = work / "baseline"
    baseline.mkdir()
    kb = str(Path(sys.executable).with_name("kb"))
    command = (
        [kb, "generate", "--root", str(project), "--out", str(baseline / "docs")]
        if Path(kb).exists()
        else [
            sys.executable,
            "-m",
            "kennisbank.cli",
            "generate",
            "--root",
            str(project),
            "--out",
            str(baseline / "docs"),
        ]
    )
    stats["kb_generate_cli"] = run_measured(command, work, work / "generate.log").__dict__
    shutil.copytree(project / "docs", baseline / "docs", dirs_exist_ok=True)
    shutil.copytree(project / "overrides", baseline / "overrides")
    own_plugins = re.search(r"(?ms)^plugins:\n(?:  .*\n)+", source).group(0)
    bare = own_plugins.replace("  - kennisbank\n", "")
    (baseline / "mkdocs.yml").write_text(mkdocs_config(source, bare), encoding="utf-8")
    (baseline / "mkdocs.lunr.yml").write_text(
        mkdocs_config(source, bare.replace("plugins:\n", "plugins:\n  - search:\n      lang: nl\n")), encoding="utf-8"
    )
    return stats


def mkdocs_build(config: Path, site: Path, log: Path) -> Sample:
    shutil.rmtree(site, ignore_errors=True)
    return run_measured(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)], config.parent, log
    )


def pagefind(site: Path, log: Path, ours: bool) -> Sample:
    """Pagefind as our build runs it (with its exclusions), or bare for the baseline."""
    from kennisbank.adapters.search import pagefind_command

    command = (
        pagefind_command(site)
        if ours
        else [sys.executable, "-m", "pagefind", "--site", str(site), "--force-language", "nl"]
    )
    return run_measured(command, site.parent, log)


# --- sizes ------------------------------------------------------------------------------


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

    queries = {f"/zoeken/?q={q.replace(' ', '+')}": q for q in QUERIES}
    fetched = browse(site, list(queries), [url_of(median_page), url_of(largest_page)])
    out["search"] = {}
    for url, query in queries.items():
        files = [p for p in fetched[url] if "pagefind" in p.relative_to(site).parts]
        kinds: dict[str, int] = {}
        for p in files:
            kind = p.suffix.lstrip(".") or p.name
            kinds[kind] = kinds.get(kind, 0) + transfer_size(p)
        out["search"][query] = {
            "requests": len(files),
            "bytes": sum(p.stat().st_size for p in files),
            "transfer": sum(transfer_size(p) for p in files),
            "by_kind_transfer": kinds,
            "files": sorted({p.relative_to(site).as_posix() for p in files}),
        }
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


# --- one N ------------------------------------------------------------------------------


def bench_n(n: int, runs: int, seed: int, keep: Path | None, use_browser: bool) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix=f"kb-bench-{n}-", dir=keep))
    print(f"\n== N = {n}: corpus in {work}", flush=True)
    try:
        started = time.perf_counter()
        stats = prepare(work, n, seed)
        print(
            f"   corpus: {stats['per_collection']}, gemiddeld {stats['mean_body_words']} woorden, "
            f"{time.perf_counter() - started:.1f} s",
            flush=True,
        )
        project, baseline = work / "project", work / "baseline"

        # kb validate as contributors run it: a fresh process, must exit 0.
        kb = Path(sys.executable).with_name("kb")
        cli = run_measured([str(kb), "validate", "--root", str(project)], work, work / "validate.log")
        print(f"   kb validate (CLI): {cli.wall:.2f} s, {cli.rss_mb:.0f} MB", flush=True)

        url = site_url(project / "mkdocs.yml")
        try:
            breakdown = validate_breakdown(project)
        except (AttributeError, ImportError) as exc:  # private helpers renamed: skip the breakdown
            breakdown = {"error": str(exc)}
        samples: dict[str, list[Sample]] = {
            k: [] for k in ("floor", "validate", "generate", "mkdocs", "pagefind", "base_mkdocs", "base_pagefind")
        }
        load = [os.getloadavg()[0]]
        for run in range(runs):
            s, count = run_inprocess(lambda: floor(project))
            assert count == n, (count, n)
            samples["floor"].append(s)
            s, checked = run_inprocess(lambda: check(project))
            if checked.problems:
                raise SystemExit(
                    f"Het synthetische corpus geeft {len(checked.problems)} problemen, "
                    f"bijvoorbeeld: {checked.problems[0]}"
                )
            samples["validate"].append(s)
            s, files = run_inprocess(lambda checked=checked: site_files(checked, site_url=url, today=TODAY))
            samples["generate"].append(s)
            del checked, files
            order = (
                ("", project / "mkdocs.bench.yml", work / "site"),
                ("base_", baseline / "mkdocs.yml", work / "site-base"),
            )
            for prefix, config, site in order if run % 2 == 0 else order[::-1]:
                samples[prefix + "mkdocs"].append(mkdocs_build(config, site, work / f"{prefix}mkdocs.log"))
                samples[prefix + "pagefind"].append(pagefind(site, work / f"{prefix}pagefind.log", ours=not prefix))
            load.append(os.getloadavg()[0])
            ours = samples["mkdocs"][-1].wall + samples["pagefind"][-1].wall
            base = samples["base_mkdocs"][-1].wall + samples["base_pagefind"][-1].wall
            print(
                f"   run {run + 1}/{runs}: validate {samples['validate'][-1].wall:.2f} s, "
                f"generate {samples['generate'][-1].wall:.2f} s, build {ours:.1f} s, baseline {base:.1f} s "
                f"(load {load[-1]:.1f})",
                flush=True,
            )

        lunr = mkdocs_build(baseline / "mkdocs.lunr.yml", work / "site-lunr", work / "lunr.log")
        measured = sizes(work / "site", work / "site-lunr", use_browser)
        result: dict[str, Any] = {
            "n": n,
            "corpus": stats,
            "load_average": load,
            "site_url": url,
            "validate_breakdown_cpu": breakdown,
            "kb_validate_cli": cli.__dict__,
            "lunr_build": lunr.__dict__,
            "sizes": measured,
        }
        for key, values in samples.items():
            result[key] = {
                "wall": summary(values, "wall"),
                "cpu": summary(values, "cpu"),
                "samples": [v.__dict__ for v in values],
            }
            if key.endswith(("mkdocs", "pagefind")):
                result[key]["rss_mb_max"] = max(v.rss_mb for v in values)
        for attr in ("wall", "cpu"):
            ours = [
                a + b
                for a, b in zip(
                    (getattr(s, attr) for s in samples["mkdocs"]),
                    (getattr(s, attr) for s in samples["pagefind"]),
                    strict=False,
                )
            ]
            base = [
                a + b
                for a, b in zip(
                    (getattr(s, attr) for s in samples["base_mkdocs"]),
                    (getattr(s, attr) for s in samples["base_pagefind"]),
                    strict=False,
                )
            ]
            result[f"build_{attr}"] = {"median": statistics.median(ours), "min": min(ours), "max": max(ours)}
            result[f"base_build_{attr}"] = {"median": statistics.median(base), "min": min(base), "max": max(base)}
            result[f"ratio_{attr}"] = statistics.median(ours) / statistics.median(base)
        result["peak_rss_mb"] = {
            "mkdocs": result["mkdocs"]["rss_mb_max"],
            "pagefind": result["pagefind"]["rss_mb_max"],
            # kb build runs Pagefind from inside the MkDocs process: both are alive at once.
            "kb_build_upper_bound": result["mkdocs"]["rss_mb_max"] + result["pagefind"]["rss_mb_max"],
            "kb_validate_cli": cli.rss_mb,
        }
        return result
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)


# --- report -------------------------------------------------------------------------------


def cell(d: dict[str, float], fmt: str = "{:.2f}") -> str:
    return f"{fmt.format(d['median'])} [{fmt.format(d['min'])}–{fmt.format(d['max'])}]"


def kb(value: float | None) -> str:
    return "–" if value is None else f"{value / 1024:.1f}"


def table(results: list[dict[str, Any]], runs: int) -> str:
    ns = [r["n"] for r in results]
    rows: list[tuple[str, list[str]]] = []

    def add(label: str, fn: Callable[[dict[str, Any]], str]) -> None:
        rows.append((label, [fn(r) for r in results]))

    add("items (pr/di/in)", lambda r: "/".join(str(v) for v in r["corpus"]["per_collection"].values()))
    add("woorden per item (gem.)", lambda r: str(r["corpus"]["mean_body_words"]))
    add("vloer: lezen + YAML (s)", lambda r: cell(r["floor"]["wall"]))
    add("kb validate in-proces (s)", lambda r: cell(r["validate"]["wall"]))
    add("  idem CPU (s)", lambda r: cell(r["validate"]["cpu"]))
    add("  validate / vloer (CPU)", lambda r: f"{r['validate']['cpu']['median'] / r['floor']['cpu']['median']:.1f}×")
    add(
        "kb validate CLI (s | MB)",
        lambda r: f"{r['kb_validate_cli']['wall']:.2f} | {r['kb_validate_cli']['rss_mb']:.0f}",
    )
    add("genereren site_files (s)", lambda r: cell(r["generate"]["wall"]))
    add("MkDocs met plugin (s)", lambda r: cell(r["mkdocs"]["wall"], "{:.1f}"))
    add("Pagefind (s)", lambda r: cell(r["pagefind"]["wall"], "{:.1f}"))
    add("build totaal (s)", lambda r: cell(r["build_wall"], "{:.1f}"))
    add("  idem CPU (s)", lambda r: cell(r["build_cpu"], "{:.1f}"))
    add("basis: MkDocs zonder plugin (s)", lambda r: cell(r["base_mkdocs"]["wall"], "{:.1f}"))
    add("basis: Pagefind (s)", lambda r: cell(r["base_pagefind"]["wall"], "{:.1f}"))
    add("basis totaal (s)", lambda r: cell(r["base_build_wall"], "{:.1f}"))
    add("  idem CPU (s)", lambda r: cell(r["base_build_cpu"], "{:.1f}"))
    add("build / basis (wand | CPU)", lambda r: f"{r['ratio_wall']:.2f} | {r['ratio_cpu']:.2f}")
    add(
        "piek-RSS MkDocs | Pagefind (MB)",
        lambda r: f"{r['peak_rss_mb']['mkdocs']:.0f} | {r['peak_rss_mb']['pagefind']:.0f}",
    )
    add("piek-RSS kb build, bovengrens (MB)", lambda r: f"{r['peak_rss_mb']['kb_build_upper_bound']:.0f}")
    add(
        "HTML-bestanden | site (MB)",
        lambda r: f"{r['sizes']['site_html_files']} | {r['sizes']['site_bytes'] / 2**20:.0f}",
    )
    add("Pagefind-index op schijf (MB)", lambda r: f"{r['sizes']['pagefind_bytes'] / 2**20:.1f}")
    for query in QUERIES:
        add(
            f"zoeken '{query}' (KB gzip, n verz.)",
            lambda r, q=query: (
                f"{kb(r['sizes']['search'][q]['transfer'])} ({r['sizes']['search'][q]['requests']})"
                if r["sizes"].get("search")
                else "–"
            ),
        )
    add(
        "lunr search_index.json (KB | gzip)",
        lambda r: f"{kb(r['sizes']['lunr_index_bytes'])} | {kb(r['sizes']['lunr_index_gzip'])}",
    )
    add(
        "itempagina + CSS/JS (KB gzip, mediaan | max)",
        lambda r: (
            f"{kb(r['sizes']['entry_page_median']['transfer'])} | {kb(r['sizes']['entry_page_largest']['transfer'])}"
            if r["sizes"].get("entry_page_median")
            else "–"
        ),
    )

    head = ["meting (mediaan [min–max] van " + str(runs) + " runs)"] + [f"N = {n}" for n in ns]
    widths = [max(len(head[i]), *(len(row[0] if i == 0 else row[1][i - 1]) for row in rows)) for i in range(len(head))]
    lines = [" | ".join(h.ljust(w) for h, w in zip(head, widths, strict=False)), "-|-".join("-" * w for w in widths)]
    for label, values in rows:
        lines.append(" | ".join(v.ljust(w) for v, w in zip([label] + values, widths, strict=False)))
    return "\n".join(lines)


def targets(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The targets of the performance issue, each MET, NOT MET or NOT MEASURED."""
    by_n = {r["n"]: r for r in results}
    out: list[dict[str, Any]] = []

    def add(name: str, value: float | None, limit: float, unit: str, detail: str) -> None:
        status = "NOT MEASURED" if value is None else ("MET" if value <= limit else "NOT MET")
        out.append({"target": name, "value": value, "limit": limit, "unit": unit, "status": status, "detail": detail})

    r1, r5 = by_n.get(1000), by_n.get(5000)
    add(
        "kb build N=1000 ≤ 1,15 × basis (Material + Pagefind), CPU-tijd",
        r1 and r1["ratio_cpu"],
        1.15,
        "×",
        r1
        and f"wandtijd: {r1['ratio_wall']:.2f}× ({r1['build_wall']['median']:.1f} s tegen "
        f"{r1['base_build_wall']['median']:.1f} s)",
    )
    scale = r1 and r5 and r5["build_cpu"]["median"] / r1["build_cpu"]["median"]
    add(
        "build N=5000 ≤ 5,5 × N=1000, CPU-tijd",
        scale,
        5.5,
        "×",
        r1 and r5 and f"wandtijd: {r5['build_wall']['median'] / r1['build_wall']['median']:.2f}×",
    )
    add(
        "kb validate N=5000 ≤ 3 × vloer, CPU-tijd",
        r5 and r5["validate"]["cpu"]["median"] / r5["floor"]["cpu"]["median"],
        3.0,
        "×",
        r5 and f"{r5['validate']['cpu']['median']:.2f} s tegen vloer {r5['floor']['cpu']['median']:.2f} s",
    )
    search5 = r5 and r5["sizes"].get("search") and max(q["transfer"] for q in r5["sizes"]["search"].values())
    add(
        "eerste zoekvraag N=5000 ≤ 200 KB",
        search5 and search5 / 1024,
        200.0,
        "KB",
        "grootste van de zoekvragen " + ", ".join(repr(q) for q in QUERIES) + "; gzip zoals over de lijn",
    )
    search1 = r1 and r1["sizes"].get("search") and max(q["transfer"] for q in r1["sizes"]["search"].values())
    add(
        "eerste zoekvraag N=1000 ≤ 1/8 van lunr-index",
        search1 and search1 / r1["sizes"]["lunr_index_gzip"],
        0.125,
        "× lunr",
        r1
        and f"{kb(search1)} KB tegen lunr {kb(r1['sizes']['lunr_index_gzip'])} KB gzip "
        f"({kb(r1['sizes']['lunr_index_bytes'])} KB onverpakt)",
    )
    add(
        "piekgeheugen N=5000 ≤ 1 GB",
        r5 and r5["peak_rss_mb"]["kb_build_upper_bound"],
        1024.0,
        "MB",
        r5
        and f"MkDocs {r5['peak_rss_mb']['mkdocs']:.0f} MB + Pagefind {r5['peak_rss_mb']['pagefind']:.0f} MB "
        "(tegelijk in geheugen tijdens kb build)",
    )
    largest = results[-1]
    page = largest["sizes"].get("entry_page_largest")
    add(
        f"itempagina ≤ 150 KB gzip (grootste item bij N={largest['n']})",
        page and page["transfer"] / 1024,
        150.0,
        "KB",
        page and f"HTML {kb(page['html_transfer'])} KB + {page['requests'] - 1} CSS/JS/overige bestanden",
    )
    return out


HOSTILE_BASE = REPO / "tests" / "fixtures" / "bad" / "safe001-script" / "practices" / "voorbeeld.md"


def hostile_inputs() -> list[tuple[str, float, int]]:
    """Validation time of hostile inputs (issue 9): ``(case, CPU seconds, problems)``.

    Each case is a project in a temporary folder with the repository's vocabularies and
    schemas; ``kennisbank.adapters.pipeline.check`` runs in-process, as ``kb validate`` does.
    """
    from kennisbank.adapters.pipeline import check

    base = HOSTILE_BASE.read_text(encoding="utf-8").replace("\n<script>alert(1)</script>\n", "")
    cases: dict[str, dict[str, str]] = {
        "500 bestanden x 10 onbekende related-id's": {
            f"practices/p{i:03d}.md": base.replace("id: pr-101", f"id: pr-{i + 101:03d}").replace(
                "related: []", "related: [" + ", ".join(f"pr-{9000 + i * 10 + j}" for j in range(10)) + "]"
            )
            for i in range(500)
        },
        "1 item met 16 000 links in een alinea": {
            "practices/links.md": base + "\n" + " ".join(f"[b{i}](https://x.nl/{i})" for i in range(16000)) + "\n"
        },
        "1 item met 7 000 links (net onder 200 KB)": {
            "practices/links.md": base + "\n" + " ".join(f"[b{i}](https://x.nl/{i})" for i in range(7000)) + "\n"
        },
        "1 item met 8 000 keer [": {"practices/haken.md": base + "\n" + "[" * 8000 + "\n"},
        "1 item met 800 geneste lijstniveaus": {
            "practices/lijst.md": base + "\n" + "\n".join(" " * (4 * k) + "- x" for k in range(800)) + "\n"
        },
    }
    out = []
    for name, files in cases.items():
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            shutil.copy(REPO / "vocabularies.yml", root / "vocabularies.yml")
            shutil.copytree(REPO / "schemas", root / "schemas")
            for rel, text in files.items():
                (root / rel).parent.mkdir(parents=True, exist_ok=True)
                (root / rel).write_text(text, encoding="utf-8")
            sample, checked = run_inprocess(lambda root=root: check(root))
            out.append((name, sample.cpu, len(checked.problems)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="alleen N = 100 en 1000")
    parser.add_argument(
        "--sizes",
        type=lambda s: [int(x) for x in s.split(",")],
        default=None,
        help="eigen lijst van N, bijvoorbeeld 100,2000",
    )
    parser.add_argument("--runs", type=int, default=None, help="aantal herhalingen per N (standaard 3; 1 bij --quick)")
    parser.add_argument("--json", type=Path, default=REPO / "bench-results" / "bench.json", help="JSON-uitvoer")
    parser.add_argument("--seed", type=int, default=2024, help="zaad van het synthetische corpus")
    parser.add_argument("--keep", type=Path, default=None, help="bewaar de tijdelijke mappen onder deze map")
    parser.add_argument("--no-browser", action="store_true", help="zoek-payload niet meten")
    parser.add_argument("--hostile-only", action="store_true", help="alleen de vijandige invoer (enkele seconden)")
    args = parser.parse_args()
    print("Vijandige invoer (kb validate in-process, CPU-seconden):")
    hostile = hostile_inputs()
    for name, seconds, problems in hostile:
        print(f"  {name}: {seconds:.2f} s, {problems} problemen")
    if args.hostile_only:
        return
    ns = args.sizes or ([100, 1000] if args.quick else [100, 1000, 5000])
    runs = args.runs or (1 if args.quick else 3)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)

    started = time.perf_counter()
    results = [bench_n(n, runs, args.seed, args.keep, not args.no_browser) for n in ns]
    checks = targets(results)
    print("\n" + table(results, runs))
    print("\nDetails (KB = gzip over de lijn; CPU-seconden):")
    for r in results:
        parts = ", ".join(f"{k} {v:.2f}" for k, v in r["validate_breakdown_cpu"].items() if isinstance(v, float))
        print(f"  N={r['n']} validatie per onderdeel: {parts}")
        for query, found in (r["sizes"].get("search") or {}).items():
            kinds = ", ".join(
                f"{k} {kb(v)}" for k, v in sorted(found["by_kind_transfer"].items(), key=lambda kv: -kv[1])
            )
            print(
                f"  N={r['n']} zoeken '{query}': {kb(found['transfer'])} KB in {found['requests']} verzoeken: {kinds}"
            )
    print("\nDoelen:")
    for t in checks:
        value = "–" if t["value"] is None else f"{t['value']:.2f} {t['unit']}"
        print(
            f"  {t['status']:<12} {t['target']}: {value} (grens {t['limit']:g} {t['unit']})"
            + (f"; {t['detail']}" if t["detail"] else "")
        )
    elapsed = time.perf_counter() - started
    print(
        f"\nKlaar in {elapsed:.0f} s. Belasting van de machine (1 min): "
        + ", ".join(f"N={r['n']}: {max(r['load_average']):.1f}" for r in results)
        + f" op {os.cpu_count()} cores."
    )
    document = {
        "meta": {
            "runs": runs,
            "seed": args.seed,
            "sizes": ns,
            "seconds": elapsed,
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "queries": list(QUERIES),
            "date": time.strftime("%Y-%m-%dT%H:%M:%S"),
        },
        "results": results,
        "targets": checks,
        "hostile": [{"case": n, "cpu": c, "problems": p} for n, c, p in hostile],
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"JSON: {args.json}")


if __name__ == "__main__":
    main()
