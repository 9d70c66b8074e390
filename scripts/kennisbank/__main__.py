"""``python -m kennisbank`` runs the ``kb`` command."""

from kennisbank.adapters.cli import main

main()
