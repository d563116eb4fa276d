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
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._options import integer
from .analysis import PER_DOCUMENT, Analysis, analyse
from .errors import InputTypeError, PipelineError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CorpusResult", "PipelineError", "run", "to_dask"]

#: the corpus columns the pipeline reads (``source_offsets`` maps offsets back into the files)
COLUMNS = ("text", "title", "date", "source_offsets")


#: What ``run`` returns: an ``analysis.Analysis`` of every document, without the unit tables.
#: ``documents`` keeps the corpus's own metadata columns (``iso3``, ``country``, ``year``...).
CorpusResult = Analysis


# ---------------------------------------------------------------------------------------------
# one chunk of documents (runs in a worker process, a Dask worker or in-process)


def analyse_chunk(chunk: pd.DataFrame, dictionary: Any = None) -> dict[str, pd.DataFrame]:
    """All analyses of the documents of ``chunk`` (a corpus table, or a partition of one):
    ``analysis.analyse(chunk, detail=False)``'s per-document tables, by name."""
    a = analyse(_plain(chunk), dictionary=dictionary, detail=False, workers=1)
    return {name: getattr(a, name) for name in PER_DOCUMENT}


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
    for name in PER_DOCUMENT:
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
    return Analysis(**tables)


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
        A ``CorpusResult`` (five DataFrames, documents in corpus order); ``documents`` keeps every
        metadata column of the corpus (all but ``text``), so results can be grouped by them.
    """
    import pandas as pd

    from . import parallel
    from ._docs import kind_of
    from .load import corpus_from_statements, load_corpus

    chunk_chars = integer("chunk_chars", chunk_chars, minimum=1, error=PipelineError)
    if _is_dask(x):
        return _run_dask(x, dictionary=dictionary)
    if isinstance(x, (str, os.PathLike)):
        x = load_corpus(Path(x), metadata=metadata, progress=progress)
    elif not isinstance(x, pd.DataFrame) and not isinstance(x, (list, tuple)) and type(x).__name__ != "Statement":
        raise InputTypeError(
            f"expected a corpus folder, a corpus table (sa.load_corpus), a Statement or a Dask DataFrame, "
            f"not {type(x).__name__}"
        )
    kind = kind_of(x)
    if kind == "tokens":
        raise InputTypeError("pipeline.run reads the text itself, not a token table: pass the corpus table")
    if kind == "statement":
        x = corpus_from_statements([x])
    elif kind == "statements":
        x = corpus_from_statements(x)
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
    return _with_metadata(_combine(parts), x)


def _with_metadata(result: Analysis, corpus: pd.DataFrame) -> Analysis:
    """``result`` with the corpus's own columns (all but the text, and those already there)
    added to ``documents``, matched by ``doc_id``."""
    import dataclasses

    docs = result.documents
    extra = [c for c in corpus.columns if c not in docs.columns and c not in ("text", "source_offsets")]
    if not extra or docs.empty:
        return result
    meta = corpus[extra].copy()
    meta.index = meta.index.astype(str)
    joined = docs.join(meta, on="doc_id")
    return dataclasses.replace(result, documents=joined)


# ---------------------------------------------------------------------------------------------
# Dask


def to_dask(corpus: pd.DataFrame, *, npartitions: int | None = None) -> Any:
    """A corpus table as a Dask DataFrame partitioned by document, keeping the row order.

    ``npartitions`` defaults to one partition per about 1 million characters of text. Needs the
    ``dask`` extra. Returns a ``dask.dataframe.DataFrame`` with every column of the corpus
    (``run`` analyses ``text``, ``title`` and ``date`` and keeps the others in ``documents``).
    """
    try:
        import dask.dataframe as dd
    except ImportError:  # pragma: no cover - depends on the installation
        raise PipelineError("Dask is not installed: pip install 'statement-analysis[dask]'") from None
    if "text" not in corpus.columns:
        raise PipelineError("the corpus table has no 'text' column; build it with sa.load_corpus")
    corpus = corpus.copy()
    corpus.index = corpus.index.astype(str)
    corpus.index.name = "doc_id"
    corpus["text"] = corpus["text"].fillna("").astype(str)
    if npartitions is None:
        npartitions = max(1, int(corpus["text"].str.len().sum()) // 1_000_000)
    import dask

    # Dask would turn object columns into Arrow strings (lists of topics into their repr): keep them.
    with dask.config.set({"dataframe.convert-string": False}):
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
    return _with_metadata(_combine(list(results)), ddf.drop(columns=["text"]).compute())
