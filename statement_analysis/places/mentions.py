"""``mentions(x)``: one row per place mention in a statement or corpus (the table every other
place function reads), in one process or several.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Any

from .._docs import iter_documents, source_maps
from ..normalize import normalize
from ..segment import paragraph_spans as _para_spans  # numbering as tidy's tables
from ..segment import sentence_starts
from ..statement import source_positions
from .gazetteer import _Rows, load_gazetteer
from .matcher import _find
from .rules import _resolve

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
    ``surface`` (the words as written), ``place`` (canonical name), ``kind`` (country, admin1,
    admin2, city, region), ``role`` (name, demonym, in_name), ``iso3`` (the country, for cities and
    provinces too; empty for regions), ``lat``, ``lon`` (degrees, WGS84; missing where the
    gazetteer has no point), ``geonames_id`` (GeoNames id, missing where there is none),
    ``orig_start``, ``orig_end`` (offsets into the text as the user gave it: the file's decoded
    content or the string passed to ``load_statement``), ``evidence`` (what chose the place:
    qualified, dateline, name, document, nearby, trigger or population; rule 8 of
    ``help(places)``). An empty table (same columns) when nothing is named.
    """
    import numpy as np

    from .. import parallel
    from ..errors import PlacesError

    workers = parallel.check_workers(workers, error=PlacesError, allow_none=False)
    g = load_gazetteer()
    if workers > 1 and _is_corpus(x) and len(x) >= 2 * workers:
        return _mentions_parallel(x, workers)
    rows = _Rows(g)
    cols: dict[str, list[Any]] = {c: [] for c in MENTION_COLUMNS}
    cache: dict[Any, Any] = {}
    maps = source_maps(x)
    for doc_id, raw in iter_documents(x, what="places.mentions"):
        n = normalize(raw)
        text = n.text
        hits = _find(text, g, cache)
        if not hits:
            continue
        paras = _para_spans(text)
        pstarts = [a for a, _ in paras]
        sent_starts = sentence_starts(text, paras)

        def sent_of(pos: int, _s: list[int] = sent_starts) -> int:
            return max(bisect.bisect_right(_s, pos), 1)

        resolved = _resolve(text, hits, g, sent_of, cache)
        if not resolved:
            continue
        starts = np.array([h.start for h, _, _, _ in resolved], dtype=np.int64)
        ends = np.array([h.end for h, _, _, _ in resolved], dtype=np.int64)
        o_s, o_e = n.to_original(starts, ends)
        if doc_id in maps:  # from the body text back into the text as given (the file, the string)
            o_s, o_e = source_positions(maps[doc_id], o_s), source_positions(maps[doc_id], o_e)
        for (h, rid, role, ev), os_, oe in zip(resolved, o_s.tolist(), o_e.tolist(), strict=True):
            r = rows[rid]
            cols["doc_id"].append(doc_id)
            cols["para_id"].append(max(bisect.bisect_right(pstarts, h.start), 1))
            cols["sent_id"].append(sent_of(h.start))
            cols["start"].append(h.start)
            cols["end"].append(h.end)
            cols["surface"].append(text[h.start : h.end])
            cols["place"].append(r[0])
            cols["kind"].append(r[1])
            cols["role"].append(role)
            cols["iso3"].append(r[2])
            cols["lat"].append(r[3])
            cols["lon"].append(r[4])
            cols["geonames_id"].append(r[5])
            cols["orig_start"].append(os_)
            cols["orig_end"].append(oe)
            cols["evidence"].append(ev)
    return _table(cols)


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
            return build(arrays, columns=pd.Index(MENTION_COLUMNS), index=pd.RangeIndex(n), verify_integrity=False)
        except TypeError:  # pragma: no cover - a pandas without this signature
            pass
    df = pd.DataFrame(dict(zip(MENTION_COLUMNS, arrays, strict=True)), copy=False)  # pragma: no cover
    for c in MENTION_COLUMNS:  # pragma: no cover
        if arrays[MENTION_COLUMNS.index(c)].dtype == object:
            df[c] = df[c].astype(object)
    return df  # pragma: no cover


def _is_corpus(x: Any) -> bool:
    return type(x).__name__ == "DataFrame" and "text" in getattr(x, "columns", ())


def _mentions_parallel(corpus: pd.DataFrame, workers: int) -> pd.DataFrame:
    import pandas as pd

    from .. import parallel

    # Chunks of about equal text, in document order, several per worker to balance the load;
    # the gazetteer is loaded once per worker (or once before forking them).
    parts = parallel.map_chunks(
        _mentions_of_rows,
        corpus,
        sizes=corpus["text"].fillna("").astype(str).str.len().tolist(),
        workers=workers,
        parts=workers * 4,
        warm=(load_gazetteer,),
    )
    return pd.concat(parts, ignore_index=True)


def _mentions_of_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """``mentions`` of a run of whole documents of a corpus table (one chunk, in one process)."""
    return mentions(rows)
