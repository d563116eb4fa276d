"""Two groups of documents of an analysed corpus (``pipeline.CorpusResult``): keyness from the
stored term counts, without tokenising again."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._options import integer
from ..errors import CompareError

if TYPE_CHECKING:
    import pandas as pd

    from ..pipeline import CorpusResult


def distinctive_terms_in(result: CorpusResult, a: Any, b: Any, *, n: int = 15) -> pd.DataFrame:
    """The terms most distinctive of one group of documents against another, from a
    ``pipeline.CorpusResult``: the same statistics as ``terms.keyness`` with its default options
    (which are those of the stored term counts), computed from the counts.

    ``a`` and ``b`` are lists of ``doc_id`` or boolean masks aligned with ``result.documents``
    (e.g. ``result.documents["date"].dt.year == 2021``). Returns the columns of
    ``distinctive_terms`` (an empty table, with ``attrs["note"]``, when a group has no terms).
    """
    import numpy as np
    import pandas as pd

    from .. import terms

    n = integer("n", n, minimum=1, error=CompareError)
    docs = result.documents["doc_id"].astype(str)

    def ids(sel: Any) -> set[str]:
        if isinstance(sel, (pd.Series, np.ndarray)) and np.asarray(sel).dtype == bool:
            mask = np.asarray(sel, dtype=bool)
            if len(mask) != len(docs):
                raise CompareError(f"a mask must have one value per document ({len(docs)}), not {len(mask)}")
            return set(docs[mask])
        return {str(d) for d in sel}

    ia, ib = ids(a), ids(b)
    if ia & ib:
        raise CompareError(f"{len(ia & ib)} document(s) are in both groups, e.g. {sorted(ia & ib)[0]!r}")
    t = result.terms
    doc = t["doc_id"].astype(str)
    ca = t[doc.isin(ia)].groupby("term", sort=True)["n"].sum()
    cb = t[doc.isin(ib)].groupby("term", sort=True)["n"].sum()
    cols = ["term", "distinctive_of", "n_a", "n_b", "per_1k_a", "per_1k_b", "g2", "p_g2", "log_ratio"]
    if ca.sum() == 0 or cb.sum() == 0:
        out = pd.DataFrame({c: pd.Series(dtype=object if c in ("term", "distinctive_of") else float) for c in cols})
        out.attrs["note"] = "no distinctive terms: a group has no counted terms"
        return out
    k = terms.keyness_table(ca, cb).rename(
        columns={"n_target": "n_a", "n_reference": "n_b", "per_1k_target": "per_1k_a", "per_1k_reference": "per_1k_b"}
    )
    k["direction"] = k["direction"].replace({"target": "a", "reference": "b"})
    k = k.sort_values(["g2", "term"], ascending=[False, True], kind="mergesort")
    top_a = k[k["direction"] == "a"].head(n).assign(distinctive_of="a")
    top_b = k[k["direction"] == "b"].iloc[::-1].head(n).assign(distinctive_of="b")
    return pd.concat([top_a, top_b], ignore_index=True)[cols]
