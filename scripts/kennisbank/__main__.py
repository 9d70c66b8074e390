"""``python -m kennisbank`` runs the ``kb`` command."""

from .cli import main

main()
