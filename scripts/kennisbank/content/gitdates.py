"""Last-commit dates of files, read from git in one pass."""

from __future__ import annotations

import subprocess
from pathlib import Path


def git_dates(root: Path, folders: tuple[str, ...]) -> dict[str, str]:
    """Map each file under ``folders`` to the ISO date of the last commit that touched it.

    One ``git log`` call for the whole history (not one per file), so the cost stays linear.

    Args:
        root: the repository root.
        folders: folders relative to ``root`` to look in.

    Returns:
        ``{"practices/x.md": "2026-11-29", …}``; empty when ``root`` is not a git
        checkout or git is missing (the caller then falls back to front-matter dates).
    """
    try:
        result = subprocess.run(
            ["git", "log", "--format=%x00%cs", "--name-only", "--", *folders],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return {}
    if result.returncode != 0:
        return {}
    dates: dict[str, str] = {}
    current = ""
    for line in result.stdout.splitlines():
        if line.startswith("\x00"):
            current = line[1:]
        elif line and current:
            dates.setdefault(line, current)  # newest commit comes first
    return dates
