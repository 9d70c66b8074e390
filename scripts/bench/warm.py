"""Warm runs (issue 14): ``kb validate`` and ``kb build`` again after editing one entry.

Without a result cache a warm run costs as much as a cold one; with a cache it should cost
little more than the work for the one changed entry. Both commands run as a contributor runs
them, in a fresh process, after a first (cold) run in the same project.
"""

from __future__ import annotations

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
