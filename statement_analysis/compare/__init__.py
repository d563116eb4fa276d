"""Compare two statements, and follow a dated corpus over time.

What is here:

* Two statements (``a`` = before / first, ``b`` = after / second; each a ``Statement`` or a
  corpus table, whose documents are then pooled):

  - ``readability_change(a, b)``: the nine readability scores and their counts side by side;
  - ``distinctive_terms(a, b, n=15)``: the terms most distinctive of each (``terms.keyness``);
  - ``theme_change(a, b)``: each theme's share of the words, and the change;
  - ``place_change(a, b)``: places (or countries) named, with gained / lost / more / fewer;
  - ``pair(a, b)`` → ``PairComparison`` holding all four, and ``.table()``: one side-by-side
    table of the headline figures.

* Two groups of documents of an analysed corpus (``pipeline.CorpusResult``), for instance two
  years: ``distinctive_terms_in(result, a, b)``, keyness from the stored term counts, without
  tokenising again.

* One statement within an archive: ``within(statement, archive)`` → ``ArchivePlacement``: its
  readability percentile, its theme shares against the archive's spread, the words distinctive
  of it, the places it names and how many of the archive's documents name them.

* A corpus with dates: ``over_time(x, freq="auto" | "month" | "quarter" | "year")`` →
  ``TimeSeries`` (``choose_freq``: the rule ``"auto"`` follows): per period, the
  documents and words, the mean readability scores, each theme's share of the words and the
  mentions of the most-named countries. ``x`` is a corpus folder, a corpus table, a Dask
  DataFrame (all run through ``pipeline.run``) or a ``pipeline.CorpusResult`` already computed.

What is not here: the analyses themselves (``readability``, ``terms``, ``themes``, ``places``),
running them over big corpora (``pipeline``; Dask and how to point it at a cluster are described
there) and the charts (``statement_analysis.plots.compare``).

Units: shares are fractions 0–1 of a text's word terms (``themes.code``'s ``n_words``);
``change`` is always ``b − a`` in the unit of its row; readability scores are in their formula's
units (``readability.FORMULAS``).
"""

from __future__ import annotations

from ..errors import CompareError
from .groups import distinctive_terms_in
from .pairs import PairComparison, distinctive_terms, pair, place_change, readability_change, theme_change
from .series import FREQS, TimeSeries, choose_freq, distinctive_terms_by_period, over_time
from .within import ArchivePlacement, within

__all__ = [
    "FREQS",
    "ArchivePlacement",
    "CompareError",
    "PairComparison",
    "TimeSeries",
    "choose_freq",
    "distinctive_terms",
    "distinctive_terms_by_period",
    "distinctive_terms_in",
    "over_time",
    "pair",
    "place_change",
    "readability_change",
    "theme_change",
    "within",
]
