"""``python -m cleanup``: the command line."""

from cleanup.cli import main

raise SystemExit(main())
