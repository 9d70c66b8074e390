"""Peak memory of a process tree: the sum of the resident sets of a process and all its
descendants, polled from ``/proc``, next to the kernel's own ``ru_maxrss``.

``ru_maxrss`` (from ``os.wait4``) is the largest resident set of any single process in the
waited-for tree, not their sum; Pagefind's Python API runs the Pagefind binary as a child
of the Python process, so both are alive at once and only the polled sum shows that.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from common import ENV

_PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


@dataclass
class TreeSample:
    """One run: wall and CPU seconds (user+sys, waited-for descendants included), the
    kernel's largest single-process peak and the polled peak of the whole tree, in MB."""

    wall: float
    cpu: float
    rss_mb: float
    tree_rss_mb: float


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        # The command name may contain spaces and parentheses: the fields follow the last ")".
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


class RouteFailed(Exception):
    """A measured command failed or was stopped after its time limit."""


def _descendants(root: int) -> list[int]:
    """``root`` and its descendants, deepest last."""
    tree, out, todo = _children(), [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += tree.get(pid, [])
    return out


def tree_rss_kb(root: int) -> int:
    """Sum of the resident set (KB) of ``root`` and every descendant, now."""
    tree, total, todo = _children(), 0, [root]
    while todo:
        pid = todo.pop()
        with contextlib.suppress(OSError, IndexError, ValueError):
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * _PAGE_KB
        todo += tree.get(pid, [])
    return total


def run_tree(command: list[str], cwd: Path, log: Path, interval: float = 0.05, timeout: float = 1800) -> TreeSample:
    """Run ``command`` to the end while polling the RSS of its process tree.

    Raises:
        RouteFailed: the command exits non-zero or runs longer than ``timeout`` seconds
            (then it is killed), with the tail of its output.
    """
    peak = [0]
    with log.open("wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=out, stderr=subprocess.STDOUT)
        done = threading.Event()

        def poll() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], tree_rss_kb(process.pid))
                if time.perf_counter() - started > timeout:
                    for pid in _descendants(process.pid):
                        with contextlib.suppress(OSError):
                            os.kill(pid, 9)
                done.wait(interval)

        thread = threading.Thread(target=poll, daemon=True)
        thread.start()
        _, status, usage = os.wait4(process.pid, 0)
        done.set()
        thread.join()
        wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise RouteFailed(f"mislukt (code {code}, {wall:.0f} s, piek {peak[0] / 1024:.0f} MB): {tail[-300:]}")
    return TreeSample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, peak[0] / 1024)
