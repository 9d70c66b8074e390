"""A second site engine, proven: the core's output built by Zensical instead of MkDocs.

Material for MkDocs reaches end of life on 2027-05-05; its successor Zensical reads
``mkdocs.yml`` but runs no third-party plugins. ``kb generate --out DIR --project`` writes
everything the kennisbank plugin would add, so any engine can build it. Zensical is
pinned (``zensical==0.0.73``, the newest release installable on Python 3.11 here: 0.1.1
needs ``zensical-ui`` 0.0.42, which the package index does not offer).
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from kennisbank.adapters.cli import cli
from kennisbank.adapters.pipeline import check
from kennisbank.adapters.search import pagefind_command
from kennisbank.content.taxonomies import FACETS

CHECKED = check(ROOT)


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Path:
    pytest.importorskip("zensical", reason="Zensical ontbreekt: make install installeert het (extra 'engine')")
    project = tmp_path_factory.mktemp("engine") / "project"
    result = CliRunner().invoke(cli, ["generate", "--root", str(ROOT), "--out", str(project), "--project",
                                      "--site-url", "http://127.0.0.1:8000/"])  # fmt: skip
    assert result.exit_code == 0, result.output
    built = subprocess.run([sys.executable, "-m", "zensical", "build", "-f", str(project / "mkdocs.yml")],
                           cwd=project, capture_output=True, text=True, check=False, timeout=600)  # fmt: skip
    assert built.returncode == 0, built.stdout + built.stderr
    return project / "site"


def heading(path: Path) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", path.read_text(encoding="utf-8"), re.S)
    assert match, path
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).removesuffix("#").strip()


def test_every_entry_page_has_its_title(zensical_site):
    for entry in CHECKED.project.entries:
        page = zensical_site / entry.collection.url_prefix / entry.slug / "index.html"
        assert heading(page) == entry.title, entry.path


def test_every_facet_page_has_its_label(zensical_site):
    vocab = CHECKED.project.vocabularies
    count = 0
    for facet in FACETS:
        assert heading(zensical_site / facet.url_prefix / "index.html") == facet.label
        for name in facet.vocabulary_names:
            for term in vocab.terms[name].values():
                assert heading(zensical_site / facet.url_prefix / term.id / "index.html") == term.label
                count += 1
    assert count > 40


def test_every_permalink_redirects_to_its_entry(zensical_site):
    for entry in CHECKED.project.entries:
        page = (zensical_site / "p" / entry.id / "index.html").read_text(encoding="utf-8")
        target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', page).group(1)
        assert target == f"../../{entry.collection.url_prefix}/{entry.slug}/", entry.id


def test_pagefind_indexes_the_zensical_site(zensical_site):
    result = subprocess.run(pagefind_command(zensical_site), capture_output=True, text=True, check=False, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    indexed = int(re.search(r"Indexed (\d+) pages?", result.stdout).group(1))
    assert indexed >= len(CHECKED.project.entries)
    assert (zensical_site / "pagefind" / "pagefind.js").is_file()
