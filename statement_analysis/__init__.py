"""statement-analysis: evidence from diplomatic and policy statements.

``import statement_analysis as sa`` gives:

* ``sa.load_statement(path, *, encoding=None, title=None, date=None)`` → ``Statement``;
  ``sa.load_statement(text=...)`` / ``sa.Statement.from_text(...)`` for text itself
* ``sa.load_corpus(folder_or_paths, *, metadata=None)`` → corpus DataFrame (``doc_id`` index)
* ``sa.bundled_statement_path()`` / ``sa.load_bundled()`` → the Global Coalition statement of
  22 March 2017 that ships with the project
* ``sa.sample_archive_path()`` / ``sa.load_sample_archive()`` → the sample archive (21 State of
  the Union addresses, 2002–2026, public domain) as a folder or a corpus table
* ``sa.explore(statement_or_corpus)`` → an interactive explorer for JupyterLab (search as you
  type, themes with their evidence, places on a map)
* ``sa.analyse(statement_or_corpus)`` → ``Analysis``: every analysis computed once (the tables
  that reports, summaries and the corpus pipeline are made from)
* modules ``sa.tidy`` (paragraphs, sentences, tokens), ``sa.aliases``, ``sa.plots`` and the
  analyses, loaded on first use so that ``import statement_analysis`` stays light
* ``sa.StatementAnalysisError`` and its subclasses, for every problem with the input
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .analysis import Analysis, analyse
from .errors import (
    BinaryFileError,
    DecodingError,
    DictionaryError,
    EmptyStatementError,
    FileTooLargeError,
    InputTypeError,
    LayoutError,
    MetadataError,
    OptionError,
    StatementAnalysisError,
    StatementNotFoundError,
    UnreadableFileError,
    UnsafePathError,
)
from .explorer import explore  # light: ipywidgets is imported when an explorer is built
from .load import corpus_from_statements, load_corpus, load_statement
from .paths import bundled_statement_path, load_bundled, statement_or_bundled
from .samples import load_sample_archive, sample_archive_path
from .statement import Statement, metadata_table

__version__ = "0.2.0"

_LAZY_MODULES = {
    "tidy",
    "aliases",
    "normalize",
    "segment",
    "plots",
    "readability",
    "terms",
    "themes",
    "places",
    "compare",
    "pipeline",
    "reports",
}

__all__ = [
    "Analysis",
    "BinaryFileError",
    "DecodingError",
    "DictionaryError",
    "EmptyStatementError",
    "FileTooLargeError",
    "InputTypeError",
    "LayoutError",
    "MetadataError",
    "OptionError",
    "Statement",
    "StatementAnalysisError",
    "StatementNotFoundError",
    "UnreadableFileError",
    "UnsafePathError",
    "__version__",
    "analyse",
    "bundled_statement_path",
    "corpus_from_statements",
    "explore",
    "load_bundled",
    "load_corpus",
    "load_sample_archive",
    "load_statement",
    "metadata_table",
    "sample_archive_path",
    "statement_or_bundled",
    *sorted(_LAZY_MODULES),
]

if TYPE_CHECKING:
    from . import aliases, normalize, plots, segment, tidy  # noqa: F401


def __getattr__(name: str) -> Any:
    if name in _LAZY_MODULES:
        module = importlib.import_module(f".{name}", __name__)
        globals()[name] = module
        return module
    raise AttributeError(f"module 'statement_analysis' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _LAZY_MODULES)
