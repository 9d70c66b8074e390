#!/usr/bin/env python3
"""Cold against warm: ``kb validate`` and ``kb build`` with an empty result cache and again
after editing one entry, and the live preview: the time from saving an entry to the reload
signal of ``mkdocs serve --dirty`` (median of five edits).

Run on its own (``python scripts/bench/warm.py --n 1000``) or from ``bench.py``. The
reload signal is MkDocs' livereload long poll: ``GET /livereload/<epoch>/<id>`` answers
as soon as a build newer than ``epoch`` is visible; after each signal the edited page is
fetched to check that the change is there. The CPU time of the server per edit is read
from ``/proc/<pid>/stat`` (user + system, its children included).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from common import ENV, REPO
from measure import Sample, run_inprocess, run_measured

from kennisbank.content.collections import BY_FOLDER

EDITS = 5
KB = [sys.executable, "-m", "kennisbank"]


def edit(path: Path, number: int) -> str:
    """Append a paragraph to an entry's body; returns the marker word it contains."""
    marker = f"meetbewerking{number}x{time.monotonic_ns() % 10**6}"
    with path.open("a", encoding="utf-8") as out:
        out.write(f"\nDeze alinea is toegevoegd voor de meting ({marker}).\n")
    return marker


def entries(project: Path) -> list[Path]:
    return sorted(p for folder in BY_FOLDER for p in (project / folder).glob("*.md"))


def cold_and_warm(project: Path, work: Path, name: str, command: list[str]) -> dict[str, Any]:
    """``command`` with an empty cache, once more unchanged, and after editing one entry."""
    shutil.rmtree(project / ".cache", ignore_errors=True)
    cold = run_measured(command, project, work / f"{name}-cold.log")
    same = run_measured(command, project, work / f"{name}-same.log")
    edit(entries(project)[len(entries(project)) // 2], 0)
    warm = run_measured(command, project, work / f"{name}-warm.log")
    return {"cold": cold.__dict__, "unchanged": same.__dict__, "warm_after_edit": warm.__dict__}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, timeout: float = 120) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return str(response.read().decode("utf-8"))


def _cpu(pid: int) -> float:
    """User + system CPU seconds of ``pid`` and its waited-for children (``/proc/<pid>/stat``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = sum(int(v) for v in fields[11:15])  # utime, stime, cutime, cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def _wait_until_up(base: str, process: subprocess.Popen[bytes], limit: float = 1800) -> None:
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        if process.poll() is not None:
            raise SystemExit("mkdocs serve is gestopt; zie serve.log.")
        try:
            _get(base + "livereload/0/0", timeout=5)
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("mkdocs serve kwam niet op.")


def _one_edit(base: str, pid: int, path: Path, number: int) -> Sample:
    epoch = int(_get(base + "livereload/0/0"))
    cpu0, started = _cpu(pid), time.perf_counter()
    marker = edit(path, number)
    while int(_get(f"{base}livereload/{epoch}/{number + 1}")) <= epoch:
        pass  # the poll answers after a minute without news; ask again
    sample = Sample(time.perf_counter() - started, _cpu(pid) - cpu0)
    collection = BY_FOLDER[path.parent.name]
    page = _get(f"{base}{collection.url_prefix}/{path.stem}/")
    if marker not in page:
        raise SystemExit(f"Na het herladen staat de wijziging niet op {collection.url_prefix}/{path.stem}/.")
    time.sleep(1.0)  # let the watcher settle before the next edit
    return sample


def serve_reload(project: Path, config: Path, work: Path, edits: int = EDITS) -> dict[str, Any]:
    """Median time from saving an entry to the reload signal, under ``mkdocs serve --dirty``."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(config), "-a", f"127.0.0.1:{port}"]
    with (work / "serve.log").open("wb") as log:
        started = time.perf_counter()
        env = {**ENV, "KB_SITE_URL": base}  # served at the root, not under the site's sub-path
        process = subprocess.Popen(command, cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_until_up(base, process)
            first = Sample(time.perf_counter() - started, _cpu(process.pid))
            paths = entries(project)
            step = max(1, len(paths) // edits)
            samples = [_one_edit(base, process.pid, paths[i * step], i) for i in range(edits)]
        finally:
            process.terminate()
            process.wait(timeout=60)
    return {
        "first_build": first.__dict__,
        "edits": [s.__dict__ for s in samples],
        "median_wall": statistics.median(s.wall for s in samples),
        "median_cpu": statistics.median(s.cpu for s in samples),
    }


def validate_inprocess(project: Path) -> dict[str, Any]:
    """``check`` in-process (as the floor is measured): warm, after editing one entry."""
    from kennisbank.adapters.pipeline import check

    check(project)  # the cache holds every file now
    edit(entries(project)[1], 1)
    sample, checked = run_inprocess(lambda: check(project))
    assert not checked.problems, checked.problems[:3]
    return sample.__dict__


def measure(project: Path, work: Path, serve: bool = True) -> dict[str, Any]:
    """Every cold/warm measure on a prepared project (``mkdocs.bench.yml``: without Pagefind)."""
    result = {
        "validate_warm_inprocess": validate_inprocess(project),
        "kb_validate": cold_and_warm(project, work, "validate", [*KB, "validate", "--root", str(project)]),
        "kb_build": cold_and_warm(
            project, work, "build", [*KB, "build", "--root", str(project), "--site-dir", str(work / "site-warm")]
        ),
    }
    if serve:
        result["serve"] = serve_reload(project, project / "mkdocs.bench.yml", work)
    return result


def warm_targets(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The issue's goals for warm runs and the live preview, each MET, NOT MET or NOT MEASURED."""
    by_n = {r["n"]: r for r in results if "warm" in r}
    r1, r5 = by_n.get(1000), by_n.get(5000)
    out = []

    def add(name: str, value: float | None, limit: float, unit: str, detail: str | None) -> None:
        status = "NOT MEASURED" if value is None else ("MET" if value <= limit else "NOT MET")
        out.append({"target": name, "value": value, "limit": limit, "unit": unit, "status": status, "detail": detail})

    build = r1 and r1["warm"]["kb_build"]["warm_after_edit"]
    add(
        "warme kb build N=1000 na 1 bewerking ≤ 1,05 × basis, CPU-tijd",
        r1 and build["cpu"] / r1["base_build_cpu"]["median"],
        1.05,
        "×",
        r1 and f"{build['cpu']:.1f} CPU-s tegen basis {r1['base_build_cpu']['median']:.1f}",
    )
    valid = r5 and r5["warm"]["validate_warm_inprocess"]
    add(
        "warme kb validate N=5000 na 1 bewerking ≤ 2 × vloer, CPU-tijd",
        r5 and valid["cpu"] / r5["floor"]["cpu"]["median"],
        2.0,
        "×",
        r5 and f"{valid['cpu']:.2f} s tegen vloer {r5['floor']['cpu']['median']:.2f} s",
    )
    serve = r1 and r1["warm"].get("serve")
    add(
        "serve N=1000: opslaan -> herlaadsignaal ≤ 5 s (mediaan van 5)",
        serve and serve["median_wall"],
        5.0,
        "s",
        serve and f"CPU {serve['median_cpu']:.2f} s per bewerking",
    )
    return out


def at_scale(work: Path, bundle: str = "pf-cli") -> dict[str, Any]:
    """Goals at N = 5000 measured on the project and site of ``memory.py`` (no second build):
    the read-and-parse floor, ``check`` warm after one edit, and the first search query, with
    the bundle of the ``cli`` route (the build's own Pagefind command) served as ``/pagefind/``.
    """
    from measure import floor
    from payload import browse, query_payload, search_pages

    project, site = work / "project", work / "site"
    sample, _ = run_inprocess(lambda: floor(project))
    out: dict[str, Any] = {"floor": {"cpu": {"median": sample.cpu}}}
    out["warm"] = {"validate_warm_inprocess": validate_inprocess(project)}
    (site / "pagefind").exists() or (site / bundle).rename(site / "pagefind")
    queries = search_pages()
    fetched = browse(site, list(queries), [])
    out["sizes"] = {"search": {query: query_payload(site, fetched[url]) for url, query in queries.items()}}
    return out


def report(result: dict[str, Any]) -> str:
    v = result["validate_warm_inprocess"]
    lines = [f"  check() in-proces na 1 bewerking: {v['cpu']:.2f} CPU-s ({v['wall']:.2f} s wand)"]
    for name in ("kb_validate", "kb_build"):
        r = result[name]
        lines.append(
            f"  {name.replace('_', ' ')}: koud {r['cold']['cpu']:.2f} CPU-s ({r['cold']['wall']:.1f} s wand), "
            f"ongewijzigd {r['unchanged']['cpu']:.2f} ({r['unchanged']['wall']:.1f}), "
            f"na 1 bewerking {r['warm_after_edit']['cpu']:.2f} ({r['warm_after_edit']['wall']:.1f})"
        )
    if "serve" in result:
        s = result["serve"]
        lines.append(
            f"  mkdocs serve --dirty: eerste bouw {s['first_build']['wall']:.1f} s; opslaan -> herlaadsignaal "
            f"mediaan {s['median_wall']:.2f} s wand, {s['median_cpu']:.2f} CPU-s (van {len(s['edits'])} bewerkingen: "
            + ", ".join(f"{e['wall']:.2f}" for e in s["edits"])
            + ")"
        )
    return "\n".join(lines)


def main() -> None:
    from project import prepare

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--no-serve", action="store_true")
    parser.add_argument("--json", type=Path, default=REPO / "bench-results" / "warm.json")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix=f"kb-warm-{args.n}-"))
    try:
        prepare(work, args.n, 2024)
        result = measure(work / "project", work, serve=not args.no_serve)
        print(f"N = {args.n}:\n" + report(result))
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"n": args.n, **result}, indent=2) + "\n", encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
