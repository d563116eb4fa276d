"""The whole pipeline over a corpus — load, tidy, readability, terms, themes, places — at scale.

What is here:

* ``run(x, *, metadata=None, ...)`` → ``CorpusResult``: every analysis of every document of a
  corpus folder, a corpus table (``sa.load_corpus``), a ``Statement`` or a Dask DataFrame,
  with per-document results gathered into five tables.
* ``to_dask(corpus, *, npartitions=...)``: a corpus table as a Dask DataFrame partitioned by
  document (the shape ``run`` accepts).

What is not here: comparisons and time series (``statement_analysis.compare``), plots, and the
analyses themselves (``readability``, ``tidy``, ``terms``, ``themes``, ``places``: this module
only calls them, document chunk by document chunk).

How it scales on one machine. The corpus is cut into chunks of whole documents (about
``chunk_chars`` characters each); each chunk is analysed in a worker process (two on a
two-core machine) — its token table is built, used by terms and themes, and dropped — and only
the per-document results come back. So the token table of the whole corpus (5 million words:
several GB as a DataFrame) never exists at once: memory stays bounded by the corpus text, the
results and a few chunks in flight. A tqdm progress bar counts documents. Each document's
results depend only on that document, so they do not depend on the chunking or the number of
workers.

Beyond one machine (Dask). Give ``run`` a Dask DataFrame with the columns of the
``load_corpus`` table (``text``, ``title``, ``date``; index ``doc_id``), partitioned by document
(one row per document, so any row partitioning keeps documents whole). Each partition is
analysed as one chunk by Dask, through the scheduler in use, and the results are gathered as on
one machine: the tables are identical to the in-memory path's (the tests check it on the 259
joint statements with a local ``distributed`` cluster of two workers). To use a real cluster,
install the ``dask`` extra (``pip install 'statement-analysis[dask]'``) on the client and on
every worker, then::

    from dask.distributed import Client
    import statement_analysis as sa
    from statement_analysis import pipeline

    client = Client("tcp://scheduler:8786")   # the address of your cluster's scheduler
    corpus = sa.load_corpus("statements/")    # or dd.read_parquet(...) with the same columns
    result = pipeline.run(pipeline.to_dask(corpus, npartitions=64))

With a ``Client`` created, Dask sends the work to it; without one, Dask's local scheduler runs it.
The workers need the same version of statement-analysis (it holds the dictionaries, the
gazetteer and the stop words); nothing is downloaded on them either.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputTypeError, PipelineError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CorpusResult", "PipelineError", "run", "to_dask"]

#: the corpus columns the pipeline reads
COLUMNS = ("text", "title", "date")


@dataclass(frozen=True)
class CorpusResult:
    """Every analysis of every document of a corpus; plain DataFrames, one row per observation.

    * ``documents``: one row per document in corpus order: ``doc_id``, ``title``, ``date``
      (datetime64, NaT when unknown), ``words`` (words as readability counts them).
    * ``readability``: ``readability.scores(..., by="document")`` of every document (counts and
      the nine scores; empty documents have 0 words and scores 0).
    * ``themes``: ``themes.code(..., by="document")``: document × theme, ``n``, ``n_words``,
      ``share`` (0–1).
    * ``places``: ``places.mentions``: one row per place mention.
    * ``terms``: ``doc_id``, ``term``, ``n``: each document's counted terms (lower case, stop
      words, punctuation and numbers left out, aliases as their label: ``terms.frequencies``'
      defaults), most frequent first within a document.
    """

    documents: pd.DataFrame
    readability: pd.DataFrame
    themes: pd.DataFrame
    places: pd.DataFrame
    terms: pd.DataFrame

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """The five tables by name."""
        return {
            "documents": self.documents,
            "readability": self.readability,
            "themes": self.themes,
            "places": self.places,
            "terms": self.terms,
        }


# ---------------------------------------------------------------------------------------------
# one chunk of documents (runs in a worker process, a Dask worker or in-process)


def analyse_chunk(chunk: pd.DataFrame, dictionary: Any = None) -> dict[str, pd.DataFrame]:
    """All analyses of the documents of ``chunk`` (a corpus table, or a partition of one).

    Returns the five tables of ``CorpusResult`` for these documents only.
    """
    import pandas as pd

    from . import places, readability, terms, themes, tidy

    chunk = _plain(chunk)
    read = readability.scores(chunk, workers=1)
    read.attrs = {}
    docs = pd.DataFrame(
        {
            "doc_id": [str(i) for i in chunk.index],
            "title": chunk["title"].fillna("").astype(str).tolist() if "title" in chunk else "",
            "date": pd.to_datetime(chunk["date"]).astype("datetime64[ns]").to_numpy() if "date" in chunk else pd.NaT,
            "words": read["words"].to_numpy(),
        }
    )
    docs["date"] = docs["date"].astype("datetime64[ns]")
    toks = tidy.tokens(chunk, lemmas=False)  # terms and themes count lower-case forms
    coded = themes.code(toks, by="document", dictionary=dictionary)
    freq = terms.frequencies(toks, by="document")[["doc_id", "term", "n"]]
    del toks
    mentions = places.mentions(chunk)
    return {"documents": docs, "readability": read, "themes": coded, "places": mentions, "terms": freq}


def _plain(chunk: pd.DataFrame) -> pd.DataFrame:
    """The chunk with plain Python strings in ``text`` (Dask may hand over Arrow strings)."""
    missing = [c for c in ("text",) if c not in chunk.columns]
    if missing:
        raise PipelineError(f"the corpus table has no {missing[0]!r} column; build it with sa.load_corpus")
    keep = [c for c in COLUMNS if c in chunk.columns]
    out = chunk[keep].copy()
    out.index = out.index.astype(str)
    out.index.name = "doc_id"
    out["text"] = out["text"].fillna("").astype(str)
    return out


def _combine(parts: list[dict[str, pd.DataFrame]]) -> CorpusResult:
    import pandas as pd

    tables: dict[str, pd.DataFrame] = {}
    for name in ("documents", "readability", "themes", "places", "terms"):
        frames = [p[name] for p in parts]
        nonempty = [f for f in frames if len(f)] or frames[:1]
        out = pd.concat(nonempty, ignore_index=True) if nonempty else pd.DataFrame()
        # Empty pieces can carry other dtypes: cast back to the dtypes of a full piece.
        if nonempty and len(out):
            out = out.astype(nonempty[0].dtypes.to_dict())
        tables[name] = out
    for name in ("places",):
        t = tables[name]
        if "geonames_id" in t.columns:
            t["geonames_id"] = pd.array(t["geonames_id"].tolist(), dtype="Int64")
    return CorpusResult(**tables)


# ---------------------------------------------------------------------------------------------
# the in-memory path: chunks in worker processes (``statement_analysis.parallel``)


def _warm() -> None:
    """Load what every chunk needs (readability's tables, the gazetteer, the stop words): once
    per worker process, or once before forking them."""
    from . import places, tidy
    from .readability.tables import _warm as _warm_readability

    _warm_readability()
    places.load_gazetteer()
    tidy.stopwords()


def _is_dask(x: Any) -> bool:
    return type(x).__module__.startswith("dask") and hasattr(x, "to_delayed")


def run(
    x: Any,
    *,
    metadata: str | os.PathLike[str] | pd.DataFrame | None = None,
    dictionary: Any = None,
    workers: int | None = None,
    chunk_chars: int = 1_000_000,
    progress: bool | None = None,
) -> CorpusResult:
    """Run load, tidy, readability, terms, themes and places over a whole corpus.

    Args:
        x: a corpus folder (loaded with ``sa.load_corpus(x, metadata=metadata)``), a corpus
            table, a ``Statement`` or a Dask DataFrame partitioned by document (see the module
            docstring).
        metadata: the metadata CSV for a folder (default: its ``metadata.csv`` if any).
        dictionary: the theme dictionary (``themes.code``'s; default: the bundled one).
        workers: processes to analyse in (default: up to 2, one per core; 1 for corpora under
            ``chunk_chars`` characters). Results do not depend on it.
        chunk_chars: about how many characters of text each chunk of documents holds.
        progress: show a progress bar (default: for 100 documents or more).

    Returns:
        A ``CorpusResult`` (five DataFrames, documents in corpus order).
    """
    import pandas as pd

    from . import parallel
    from .load import corpus_from_statements, load_corpus
    from .statement import Statement

    if chunk_chars < 1:
        raise PipelineError(f"chunk_chars must be a positive number of characters, not {chunk_chars!r}")
    if _is_dask(x):
        return _run_dask(x, dictionary=dictionary)
    if isinstance(x, (str, os.PathLike)):
        x = load_corpus(Path(x), metadata=metadata, progress=progress)
    elif isinstance(x, Statement):
        x = corpus_from_statements([x])
    elif isinstance(x, list) and all(isinstance(s, Statement) for s in x):
        x = corpus_from_statements(x)
    if not isinstance(x, pd.DataFrame):
        raise InputTypeError(
            f"expected a corpus folder, a corpus table (sa.load_corpus), a Statement or a Dask DataFrame, "
            f"not {type(x).__name__}"
        )
    corpus = _plain(x)
    workers = parallel.check_workers(workers, error=PipelineError)
    if workers is None:
        workers = parallel.default_workers()
    show = progress if progress is not None else len(corpus) >= 100
    # tqdm's usual bar leaves a monitor thread running, and a process with another thread does
    # not fork: this bar has none.
    bar = parallel.progress_bar(len(corpus), desc="analysing statements", unit="doc") if show else None
    try:
        parts = parallel.map_chunks(
            analyse_chunk,
            corpus,
            sizes=corpus["text"].str.len().tolist(),
            workers=workers,
            size=chunk_chars,
            args=(dictionary,),
            warm=(_warm,),
            progress=None if bar is None else bar.update,
        )
    finally:
        if bar is not None:
            bar.close()
    return _combine(parts)


# ---------------------------------------------------------------------------------------------
# Dask


def to_dask(corpus: pd.DataFrame, *, npartitions: int | None = None) -> Any:
    """A corpus table as a Dask DataFrame partitioned by document, keeping the row order.

    ``npartitions`` defaults to one partition per about 1 million characters of text. Needs the
    ``dask`` extra. Returns a ``dask.dataframe.DataFrame`` with the columns ``run`` reads.
    """
    try:
        import dask.dataframe as dd
    except ImportError:  # pragma: no cover - depends on the installation
        raise PipelineError("Dask is not installed: pip install 'statement-analysis[dask]'") from None
    corpus = _plain(corpus)
    if npartitions is None:
        npartitions = max(1, int(corpus["text"].str.len().sum()) // 1_000_000)
    return dd.from_pandas(corpus, npartitions=min(npartitions, max(1, len(corpus))), sort=False)


def _run_dask(ddf: Any, *, dictionary: Any) -> CorpusResult:
    import dask

    if "text" not in ddf.columns:
        raise PipelineError("the Dask DataFrame has no 'text' column; it needs the columns of sa.load_corpus")
    keep = [c for c in COLUMNS if c in ddf.columns]
    parts = ddf[keep].to_delayed()
    tasks = [dask.delayed(analyse_chunk)(p, dictionary) for p in parts]
    # With a distributed Client, this runs on its cluster; otherwise on Dask's local scheduler.
    results = dask.compute(*tasks)
    return _combine(list(results))
