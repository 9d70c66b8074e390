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
from common import QUERIES, TODAY
from equality import compare
from goals import goals
from hostile import hostile_scaling
from measure import Sample, floor, run_inprocess, run_measured, site_url, summary, validate_breakdown
from memory import report, run_routes
from options import arguments, earlier
from payload import sizes
from project import mkdocs_build, pagefind, prepare
from scaling import scale, scaling_lines
from tables import details, goal_lines, table
from warm import at_scale, warm_targets
from warm import measure as measure_warm
from warm import report as warm_report

from kennisbank.adapters.pipeline import check, site_files

# --- one N ------------------------------------------------------------------------------


def bench_n(n: int, runs: int, seed: int, keep: Path | None, options: argparse.Namespace) -> dict[str, Any]:
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

        lunr = mkdocs_build(baseline / "mkdocs.lunr.yml", work / "site-lunr", work / "lunr.log")
        measured = sizes(work / "site", work / "site-lunr", not options.no_browser)
        extra = extras(n, work, options)
        result: dict[str, Any] = {
            "n": n,
            "corpus": stats,
            "load_average": load,
            "site_url": url,
            "validate_breakdown_cpu": breakdown,
            "kb_validate_cli": cli.__dict__,
            "lunr_build": lunr.__dict__,
            "sizes": measured,
            **extra,
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


def extras(n: int, work: Path, options: argparse.Namespace) -> dict[str, Any]:
    """Issue 14's extra measures on this N's project: warm runs, Pagefind's memory routes."""
    out: dict[str, Any] = {}
    if not options.skip_warm:  # result cache and live preview (warm.py); serve only at N = 1000
        out["warm"] = measure_warm(work / "project", work, serve=n == 1000)
        print(warm_report(out["warm"]), flush=True)
    if n == 5000 and not options.skip_memory:
        print("   Pagefinds geheugen per route:", flush=True)
        routes = run_routes(work / "site", work / "memory-logs", options.split)
        checks = compare(work / "site", routes)
        out["memory"] = {"n": n, "routes": routes, "checks": checks, "table": report(routes, checks)}
    return out


# --- report -------------------------------------------------------------------------------


def main() -> None:
    args = arguments()
    print("Vijandige invoer (kb validate in-process, CPU-seconden, halve en volle omvang):", flush=True)
    hostile = hostile_scaling()
    if args.hostile_only:
        print("\n".join(scaling_lines(None, hostile)))
        return
    ns = args.sizes or ([100, 1000] if args.quick else [100, 1000, 5000])
    runs = args.runs or (1 if args.quick else 3)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)

    started = time.perf_counter()
    scaling = None
    if not (args.quick or args.skip_scaling or args.scaling_json):
        print("\n== Schaaltabel: kb validate en kb build bij N = 1000, 2000, 4000", flush=True)
        scaling = scale(seed=args.seed, keep=args.keep)
    if args.results_json:
        results = json.loads(args.results_json.read_text(encoding="utf-8"))["results"]
        ns, runs = [r["n"] for r in results], len(results[0]["floor"]["samples"])
    else:
        results = [bench_n(n, runs, args.seed, args.keep, args) for n in ns]
    memory = next((r["memory"] for r in results if "memory" in r), None) or earlier(args.memory_json)
    scaling = scaling or (earlier(args.scaling_json) or {}).get("scaling")
    if args.memory_json and memory:
        print(f"\nPagefinds geheugen bij N = {memory['n']} uit {args.memory_json}:\n" + "\n".join(memory["table"]))
    scaled = []
    if args.at_scale and memory:
        print(f"\n== N = {memory['n']}: vloer, kb validate koud en warm, zoekvraag op {args.at_scale}", flush=True)
        scaled = [{"n": memory["n"], **at_scale(args.at_scale.resolve())}]
    checks = goals(results + scaled, scaling, memory) + warm_targets([r for r in results if "warm" in r])
    print("\n" + table(results, runs))
    print("\n" + "\n".join(details(results)))
    print("\n" + "\n".join(scaling_lines(scaling, hostile)))
    for r in results:
        if "memory" in r:
            print(f"\nPagefinds geheugen bij N = {r['n']} (piek-RSS, MB):\n" + "\n".join(r["memory"]["table"]))
    print("\nDoelen (issue 14):\n" + "\n".join(goal_lines(checks)))
    elapsed = time.perf_counter() - started
    print(
        f"\nKlaar in {elapsed:.0f} s. Belasting van de machine (1 min): "
        + ", ".join(f"N={r['n']}: {max(r['load_average']):.1f}" for r in results)
        + f" op {os.cpu_count()} cores."
    )
    meta = {"runs": runs, "seed": args.seed, "sizes": ns, "seconds": elapsed, "cpus": os.cpu_count()}
    meta |= {"python": platform.python_version(), "platform": platform.platform(), "queries": list(QUERIES)}
    meta["date"] = time.strftime("%Y-%m-%dT%H:%M:%S")
    document = {"meta": meta, "results": results, "scaling": scaling, "memory": memory, "targets": checks}
    document["at_scale"] = scaled
    document["hostile"] = hostile
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"JSON: {args.json}")


if __name__ == "__main__":
    main()
