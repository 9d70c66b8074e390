"""Runs again after one edit (issue 14): ``kb validate`` and ``kb build`` again after editing one entry.

Without a result cache a warm run costs as much as a cold one; with a cache it should cost
little more than the work for the one changed entry. Both commands run as a contributor runs
them, in a fresh process, after a first (cold) run in the same project.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from measure import run_measured

NOTE = "\nDeze zin is toegevoegd om een bewerking na te bootsen.\n"


def _kb(*args: str) -> list[str]:
    return [sys.executable, "-m", "kennisbank", *args]


def edit_one(project: Path) -> Path:
    """Append one sentence to the first practice (it stays valid); return its path."""
    path = sorted((project / "practices").glob("*.md"))[0]
    with path.open("a", encoding="utf-8") as out:
        out.write(NOTE)
    return path


def warm_validate(project: Path, work: Path) -> dict[str, Any]:
    """CPU seconds of ``kb validate``: cold, then after editing one entry."""
    cold = run_measured(_kb("validate", "--root", str(project)), work, work / "warm-validate-cold.log")
    edit_one(project)
    warm = run_measured(_kb("validate", "--root", str(project)), work, work / "warm-validate.log")
    return {"cold": cold.__dict__, "warm": warm.__dict__}


def warm_build(project: Path, work: Path) -> dict[str, Any]:
    """CPU seconds of ``kb build`` (MkDocs and Pagefind): cold, then after editing one entry."""
    site = str(work / "site-kb")
    cold = run_measured(_kb("build", "--root", str(project), "--site-dir", site), work, work / "warm-build-cold.log")
    edit_one(project)
    warm = run_measured(_kb("build", "--root", str(project), "--site-dir", site), work, work / "warm-build.log")
    return {"cold": cold.__dict__, "warm": warm.__dict__}


def at_scale(work: Path, bundle: str = "pf-cli") -> dict[str, Any]:
    """Goals at N = 5000 measured on the project and site of ``memory.py`` (no second build):
    the read-and-parse floor, ``kb validate`` cold and warm, and the first search query, with
    the bundle of the ``cli`` route (the build's own Pagefind command) served as ``/pagefind/``.
    """
    from common import QUERIES
    from measure import floor, run_inprocess
    from payload import browse, transfer_size

    project, site = work / "project", work / "site"
    sample, _ = run_inprocess(lambda: floor(project))
    out: dict[str, Any] = {"floor": {"cpu": {"median": sample.cpu}}}
    done = work / "warm-validate.json"  # measured earlier (``python rerun.py WORK``)
    out["warm_validate"] = json.loads(done.read_text()) if done.is_file() else warm_validate(project, work)
    (site / "pagefind").exists() or (site / bundle).rename(site / "pagefind")
    queries = {f"/zoeken/?q={q.replace(' ', '+')}": q for q in QUERIES}
    fetched = browse(site, list(queries), [])
    out["sizes"] = {"search": {}}
    for url, query in queries.items():
        files = [p for p in fetched[url] if "pagefind" in p.relative_to(site).parts]
        out["sizes"]["search"][query] = {"requests": len(files), "transfer": sum(transfer_size(p) for p in files)}
    return out


if __name__ == "__main__":
    # ``rerun.py WORK``: kb validate cold and warm on WORK/project, written to WORK/warm-validate.json.
    work = Path(sys.argv[1]).resolve()
    (work / "warm-validate.json").write_text(json.dumps(warm_validate(work / "project", work)), encoding="utf-8")
