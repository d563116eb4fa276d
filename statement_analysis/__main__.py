"""``python -m statement_analysis`` is the ``statement-analysis`` command."""

from .cli import main

raise SystemExit(main())
