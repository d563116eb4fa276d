"""``python -m statement_analysis`` is the ``statement-analysis`` command."""

from .cli import command

command()
