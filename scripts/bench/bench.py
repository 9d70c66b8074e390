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
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

# The modules beside this file (the script's own folder is first on sys.path).
from common import QUERIES, REPO, TODAY
from hostile import hostile_inputs
from measure import Sample, floor, run_inprocess, run_measured, site_url, summary, validate_breakdown
from payload import sizes
from project import mkdocs_build, pagefind, prepare
from tables import kb, table, targets
from warm import measure as measure_warm
from warm import report as warm_report
from warm import warm_targets

from kennisbank.adapters.pipeline import check, site_files

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
            s, checked = run_inprocess(lambda: check(project, cache=False))  # cold: see warm.py
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

        # Warm runs (result cache) and the live preview; serve only at N = 1000 (issue 14).
        warm = measure_warm(project, work, serve=n == 1000)
        print(warm_report(warm), flush=True)
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
            "warm": warm,
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
    checks = targets(results) + warm_targets(results)
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
                f" (hele pagina: {kb(found['page_transfer'])} KB in {found['page_requests']} verzoeken)"
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
