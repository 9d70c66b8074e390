"""Adapters around the core: the kb command line, the MkDocs plugin, the build pipeline."""
