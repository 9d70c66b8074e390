"""Tooling for the WaU Kennisbank: load, validate and render the content collections.

The public surface is small, like python-frontmatter's:

* :func:`kennisbank.content.project.load_project` reads every collection into plain data;
* :func:`kennisbank.checks.validate.validate_project` returns a list of problems;
* :func:`kennisbank.site.pages.generate_site` returns a mapping of site path to page text.

Nothing in this package except :mod:`kennisbank.adapters.mkdocs_plugin` imports MkDocs, so the
core keeps working when the site engine changes (Material for MkDocs reaches end of
life on 2027-05-05; its successor runs no third-party plugins).
"""

__version__ = "0.1.0"
