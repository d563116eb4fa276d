"""``mentions(x)``: one row per place mention in a statement or corpus (the table every other
place function reads), in one process or several.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import os
from typing import TYPE_CHECKING, Any

from .._docs import iter_documents, source_maps
from ..normalize import normalize
from ..segment import paragraph_spans as _para_spans  # numbering as tidy's tables
from ..segment import sentence_starts
from ..statement import source_positions
from .gazetteer import load_gazetteer
from .matcher import Memo, _find
from .rules import _resolve, _span_hit
from .unlisted import add_unlisted, cued

if TYPE_CHECKING:
    import pandas as pd


MENTION_COLUMNS = [
    "doc_id",
    "para_id",
    "sent_id",
    "start",
    "end",
    "surface",
    "place",
    "kind",
    "role",
    "iso3",
    "lat",
    "lon",
    "geonames_id",
    "orig_start",
    "orig_end",
    "evidence",
]


def mentions(x: Any, *, workers: int = 1) -> pd.DataFrame:
    """One row per place mention in a ``Statement`` or corpus table (body text only).

    ``workers`` > 1 splits a corpus table into runs of whole documents and reads them in that
    many processes (``statement_analysis.parallel``: from scripts, notebooks and threads alike);
    the table is the same, row for row.

    Columns: ``doc_id``, ``para_id``, ``sent_id`` (1-based, as in ``tidy.sentences``), ``start``,
    ``end`` (character offsets into the normalised text, ``tidy.document_texts(x)[doc_id]``),
    ``surface`` (the words as written, after tidying: curly apostrophes straightened, so "N'Djamena"
    for "N’Djamena"; ``orig_start:orig_end`` slices them exactly as given), ``place`` (canonical
    name), ``kind`` (country, admin1, admin2, city, region; locality for a place the gazetteer does not
    list, rule 13 of ``help(places)``), ``role`` (name, demonym, in_name),
    ``iso3`` (the country, for cities and provinces too; empty for regions), ``lat``, ``lon``
    (degrees, WGS84; missing where the gazetteer has no point), ``geonames_id`` (GeoNames id,
    missing where there is none), ``orig_start``, ``orig_end`` (offsets into the text as the user
    gave it: the file's decoded content or the string passed to ``load_statement``), ``evidence``
    (what chose the place: qualified, dateline, name, document, nearby, trigger or population; rule
    8 of ``help(places)``). An empty table (same columns) when nothing is named.
    """
    from .. import parallel
    from ..errors import PlacesError

    workers = parallel.check_workers(workers, error=PlacesError, allow_none=False)
    load_gazetteer()
    if workers > 1 and _is_corpus(x) and len(x) >= 2 * workers:
        return _mentions_parallel(x, workers)
    return _mentions(x, None)


def _mentions(x: Any, memo: Memo | None) -> pd.DataFrame:
    """The mentions table of ``x`` in this process, with the caches ``memo`` (None: a new one,
    dropped before the table is built)."""
    import gc

    docs = iter_documents(x, what="places.mentions")
    maps = source_maps(x)

    # The rules make no reference cycles; the cyclic collector would only rescan the gazetteer
    # and the growing caches of the call, again and again (a third of the time on an archive).
    # It stays off until the call's own caches are freed (by reference counting), so that its
    # first pass afterwards does not walk them either.
    enabled = gc.isenabled()
    gc.disable()
    try:
        cols = _columns(docs, maps, memo if memo is not None else Memo(load_gazetteer()))
        return _table(cols)
    finally:
        if enabled:
            gc.enable()


def _columns(docs: list[tuple[str, str]], maps: dict[str, Any], memo: Memo) -> dict[str, list[Any]]:
    """The columns of the mentions table of ``docs`` (``MENTION_COLUMNS``, as lists)."""
    import numpy as np

    g = memo.g
    rows = memo.rows
    cols: dict[str, list[Any]] = {c: [] for c in MENTION_COLUMNS}
    c_doc, c_para, c_sent, c_start, c_end, c_surface = (
        cols[c] for c in ("doc_id", "para_id", "sent_id", "start", "end", "surface")
    )
    c_rid: list[Any] = []
    c_role, c_ostart, c_oend, c_ev = cols["role"], cols["orig_start"], cols["orig_end"], cols["evidence"]
    for doc_id, raw in docs:
        n = normalize(raw)
        text = n.text
        hits = _find(text, g, memo)
        unlisted = cued(text, memo.cues) if memo.cues else []
        if not hits and not unlisted:
            continue
        paras = _para_spans(text)
        sent_starts: list[int] = []

        def sent_of(pos: int, _s: list[int] = sent_starts, _t: str = text, _p: list[Any] = paras) -> int:
            if not _s:  # computed on first use: a document whose names are all dropped needs none
                _s.extend(sentence_starts(_t, _p))
            return max(bisect.bisect_right(_s, pos), 1)

        resolved = _resolve(text, hits, g, sent_of, memo) if hits else []
        # rule 13: places the gazetteer does not list, named as places by the words around them
        if unlisted:
            resolved = add_unlisted(text, unlisted, resolved, hits, rows, sent_of, _unlisted_hit)
        if not resolved:
            continue
        starts = [h.start for h, _, _, _ in resolved]
        ends = [h.end for h, _, _, _ in resolved]
        if n.identity and doc_id not in maps:
            c_ostart += starts
            c_oend += ends
        else:
            a_s, a_e = n.to_original(np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64))
            if doc_id in maps:  # from the body text back into the text as given (the file, the string)
                a_s, a_e = source_positions(maps[doc_id], a_s), source_positions(maps[doc_id], a_e)
            c_ostart += a_s.tolist()
            c_oend += a_e.tolist()
        pstarts = [a for a, _ in paras]
        c_doc += [doc_id] * len(resolved)
        c_para += [max(bisect.bisect_right(pstarts, s), 1) for s in starts]
        c_sent += [sent_of(s) for s in starts]
        c_start += starts
        c_end += ends
        c_surface += [text[s:e] for s, e in zip(starts, ends, strict=True)]
        c_rid += [r[1] for r in resolved]
        c_role += [r[2] for r in resolved]
        c_ev += [r[3] for r in resolved]
    if c_rid:
        # a row id, or the row itself for a place the gazetteer does not list (rule 13)
        place, kind, iso3, lat, lon, gid = zip(*(rows[r][:6] if r.__class__ is int else r for r in c_rid), strict=True)
        cols.update(place=list(place), kind=list(kind), iso3=list(iso3), lat=list(lat), lon=list(lon))
        cols["geonames_id"] = list(gid)
    return cols


def _unlisted_hit(text: str, a: int, b: int) -> Any:
    return _span_hit(text, a, b, ())


_INT_COLUMNS = frozenset({"para_id", "sent_id", "start", "end", "orig_start", "orig_end"})


def _table(cols: dict[str, list[Any]]) -> pd.DataFrame:
    """The mentions table from its columns: int64 offsets and ids, float64 coordinates, nullable
    Int64 GeoNames ids, object strings. Built from typed arrays in one step, because a call on a
    one-sentence statement should cost well under a millisecond (``benchmarks/places.py``)."""
    import numpy as np
    import pandas as pd

    arrays: list[Any] = []
    for c in MENTION_COLUMNS:
        v = cols[c]
        if c in _INT_COLUMNS:
            arrays.append(np.array(v, dtype=np.int64))
        elif c == "lat" or c == "lon":
            arrays.append(np.array(v, dtype=np.float64))
        elif c == "geonames_id":
            mask = np.array([x is None for x in v], dtype=bool)
            vals = np.array([0 if x is None else x for x in v], dtype=np.int64)
            arrays.append(pd.arrays.IntegerArray(vals, mask))
        else:
            a = np.empty(len(v), dtype=object)
            a[:] = v
            arrays.append(a)
    n = len(cols["doc_id"])
    build = getattr(pd.DataFrame, "_from_arrays", None)
    if build is not None:  # pandas' own fast path for typed columns (no inference, no copy)
        try:
            return build(arrays, columns=_columns_index(), index=pd.RangeIndex(n), verify_integrity=False)
        except TypeError:  # pragma: no cover - a pandas without this signature
            pass
    df = pd.DataFrame(dict(zip(MENTION_COLUMNS, arrays, strict=True)), copy=False)  # pragma: no cover
    for c in MENTION_COLUMNS:  # pragma: no cover
        if arrays[MENTION_COLUMNS.index(c)].dtype == object:
            df[c] = df[c].astype(object)
    return df  # pragma: no cover


@functools.cache
def _columns_index() -> pd.Index:
    """The column index of every mentions table, built once (an index is immutable; building it
    costs a fifth of a one-sentence call)."""
    import pandas as pd

    return pd.Index(MENTION_COLUMNS)


def _is_corpus(x: Any) -> bool:
    return type(x).__name__ == "DataFrame" and "text" in getattr(x, "columns", ())


def _mentions_parallel(corpus: pd.DataFrame, workers: int) -> pd.DataFrame:
    import pandas as pd

    from .. import parallel

    global _chunk_memo
    # Chunks of about equal text, in document order, several per worker to balance the load;
    # the gazetteer is loaded once per worker (or once before forking them). The chunks of one
    # call that a worker reads share its caches (runs recur from one chunk to the next): the
    # token tells a worker that is kept between calls (loky) when a new call starts.
    token = (os.getpid(), next(_calls))
    try:
        parts = parallel.map_chunks(
            _mentions_of_rows,
            corpus,
            sizes=corpus["text"].fillna("").astype(str).str.len().tolist(),
            workers=workers,
            parts=workers * 4,
            args=(token,),
            warm=(load_gazetteer,),
        )
    finally:
        _chunk_memo = None  # chunks read in this process (no workers) leave no cache behind
    return pd.concat(parts, ignore_index=True)


_calls = itertools.count()
_chunk_memo: tuple[Any, Memo] | None = None  # (call token, its caches) in a worker process


def _mentions_of_rows(rows: pd.DataFrame, token: Any = None) -> pd.DataFrame:
    """``mentions`` of a run of whole documents of a corpus table (one chunk, in one process);
    chunks of the same call (``token``) read in the same process share their caches."""
    global _chunk_memo
    cm = _chunk_memo
    if cm is None or cm[0] != token or token is None:
        cm = _chunk_memo = (token, Memo(load_gazetteer()))
    return _mentions(rows, cm[1])
