"""Where a site may be built, and replacing a previous site only after a successful build.

MkDocs empties its ``site_dir`` before building, so ``--site-dir practices`` would delete
every entry file. A site folder is therefore accepted only when it does not exist, is
empty, or holds the marker file :data:`MARKER` that every build writes; and never when it
is the project root, holds it, or lies in or around a folder with sources.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

from kennisbank.content.collections import COLLECTIONS

#: Written into every built site; its presence says "this folder may be replaced".
MARKER = ".kennisbank-site"
MARKER_TEXT = "Deze map is gebouwd door kb build en wordt bij de volgende bouw vervangen.\n"

#: Folders of the project that hold sources, besides the collections.
SOURCE_FOLDERS = ("docs", "schemas", "overrides", "scripts", "tests", ".git", ".github")


def site_dir_problem(target: Path, root: Path) -> str | None:
    """Why ``target`` must not become (and so be emptied as) a site folder, in Dutch; None if it may.

    Args:
        target: the intended site folder.
        root: the project root.
    """
    unresolved = Path(os.path.abspath(target))
    if any(p.is_symlink() for p in [unresolved, *unresolved.parents]):
        return f"{unresolved} is (of ligt in) een snelkoppeling (symlink); de site zou elders terechtkomen."
    overlap = source_overlap(target, root)
    if overlap:
        return overlap
    target = target.resolve()
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        return f"{target} is geen gewone map."
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).is_file():
        return (
            f"{target} is niet leeg en is geen eerder gebouwde site (het bestand {MARKER} ontbreekt); "
            "de bouw zou de inhoud wissen. Kies een lege of nieuwe map."
        )
    return None


def source_overlap(target: Path, root: Path) -> str | None:
    """Why writing into ``target`` could overwrite sources, in Dutch; None when it cannot:
    ``target`` is the project root or above it, or lies in or around a source folder."""
    target = target.resolve()
    root = root.resolve()
    if target == root or target in root.parents:
        return f"{target} is de map van de kennisbank zelf (of ligt erboven); kies een eigen map."
    for name in [c.folder for c in COLLECTIONS] + list(SOURCE_FOLDERS):
        folder = (root / name).resolve()
        if target == folder or folder in target.parents or target in folder.parents:
            return f"{target} ligt in of rond {name}/, waar bronbestanden staan; kies een andere map."
    return None


def build_then_swap(target: Path, build: Callable[[Path], bool]) -> bool:
    """Build into a fresh folder next to ``target`` and put it in place only on success.

    Args:
        target: the site folder (checked with :func:`site_dir_problem` beforehand).
        build: builds a site into the folder it is given; returns True on success.

    Returns:
        True when the new site is in place. On failure the previous site is untouched and
        the unfinished build is removed.
    """
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.parent / f".{target.name}.nieuw-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        ok = build(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if not ok:
        shutil.rmtree(staging, ignore_errors=True)
        return False
    (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    previous = target.parent / f".{target.name}.oud-{os.getpid()}"
    if target.exists():
        target.rename(previous)
    staging.rename(target)
    shutil.rmtree(previous, ignore_errors=True)
    return True
