"""``mentions(x)``: one row per place mention in a statement or corpus (the table every other
place function reads), in one process or several.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Any

from .._docs import iter_documents
from ..normalize import normalize
from ..segment import paragraph_spans as _para_spans  # numbering as tidy's tables
from ..segment import sentence_starts

if TYPE_CHECKING:
    import pandas as pd
from .gazetteer import _Rows, load_gazetteer
from .matcher import _find
from .rules import _resolve

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
]


def mentions(x: Any, *, workers: int = 1) -> pd.DataFrame:
    """One row per place mention in a ``Statement`` or corpus table (body text only).

    ``workers`` > 1 splits a corpus table into runs of whole documents and reads them in that
    many processes (``statement_analysis.parallel``: from scripts, notebooks and threads alike);
    the table is the same, row for row.

    Columns: ``doc_id``, ``para_id``, ``sent_id`` (1-based, as in ``tidy.sentences``), ``start``,
    ``end`` (character offsets into the normalised text, ``tidy.document_texts(x)[doc_id]``),
    ``surface`` (the words as written), ``place`` (canonical name), ``kind`` (country, admin1,
    city, region), ``role`` (name, demonym, in_name), ``iso3`` (the country, for cities and
    provinces too; empty for regions), ``lat``, ``lon`` (degrees, WGS84; missing where the
    gazetteer has no point), ``geonames_id`` (GeoNames id, missing where there is none),
    ``orig_start``, ``orig_end`` (offsets into the text as loaded). An empty table (same columns)
    when nothing is named.
    """
    import numpy as np
    import pandas as pd

    from .. import parallel
    from ..errors import PlacesError

    workers = parallel.check_workers(workers, error=PlacesError, allow_none=False)
    g = load_gazetteer()
    if workers > 1 and _is_corpus(x) and len(x) >= 2 * workers:
        return _mentions_parallel(x, workers)
    rows = _Rows(g)
    cols: dict[str, list[Any]] = {c: [] for c in MENTION_COLUMNS}
    cache: dict[Any, Any] = {}
    for doc_id, raw in iter_documents(x):
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

        resolved = _resolve(text, hits, g, sent_of)
        if not resolved:
            continue
        starts = np.array([h.start for h, _, _ in resolved], dtype=np.int64)
        ends = np.array([h.end for h, _, _ in resolved], dtype=np.int64)
        o_s, o_e = n.to_original(starts, ends)
        for (h, rid, role), os_, oe in zip(resolved, o_s.tolist(), o_e.tolist(), strict=True):
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
    df = pd.DataFrame(cols, columns=MENTION_COLUMNS)
    for c in ("para_id", "sent_id", "start", "end", "orig_start", "orig_end"):
        df[c] = df[c].astype("int64")
    for c in ("lat", "lon"):
        df[c] = df[c].astype("float64")
    df["geonames_id"] = pd.array(df["geonames_id"].tolist(), dtype="Int64")
    for c in ("doc_id", "surface", "place", "kind", "role", "iso3"):
        df[c] = df[c].astype(object)
    return df


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
