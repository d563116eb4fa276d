"""One statement placed within an archive: ``within(statement, archive)`` → ``ArchivePlacement``.

Where does a statement stand among the documents of an archive? Its readability as a percentile
of the archive's documents, each theme's share of its words against the spread of the archive's
documents (quartiles, not only the mean), the words distinctive of it against the archive
(keyness from the stored term counts, ``terms.keyness_table``), and the places it names with the
share of the archive's documents that name each (so that places the archive rarely names stand
out).

The statement and the archive go through the same ``pipeline.run``, so every count is made with
the same options. A document of the archive whose file has the statement's sha256 (the statement
is itself in the archive) is left out of the archive's side and listed in ``excluded``.

What is not here: the charts (``statement_analysis.plots.archive``), the sentences that state
what the tables show (``compare.findings``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .._options import integer
from ..errors import CompareError

if TYPE_CHECKING:
    import pandas as pd

    from ..pipeline import CorpusResult


@dataclass(frozen=True)
class ArchivePlacement:
    """A statement within an archive (``within``).

    * ``readability``: one row per score of ``readability.SCORE_COLUMNS``: ``measure``,
      ``name``, ``unit``, ``statement`` (its score), ``archive_median``, ``archive_q1``,
      ``archive_q3`` (25th/75th percentiles), ``documents`` (archive documents with words),
      ``below`` and ``equal`` (how many of them score lower / the same), ``percentile``
      (``100 * below / documents``: the percentage of the archive's documents scoring lower).
    * ``themes``: one row per theme: ``theme``, ``label``, ``statement_share`` (fraction 0–1 of
      its words), ``archive_median``, ``archive_q1``, ``archive_q3``, ``archive_mean`` (of the
      documents' shares), ``documents``, ``documents_naming`` (archive documents with at least
      one match), ``below``, ``percentile`` (as for readability).
    * ``theme_documents``: the archive's documents' shares, ``doc_id``, ``theme``, ``label``,
      ``share`` (what the distribution charts draw).
    * ``readability_documents``: the archive's documents' scores (``doc_id`` and the scores).
    * ``terms``: the words distinctive of the statement (``distinctive_of == "a"``) and of the
      archive (``"b"``), the columns of ``compare.distinctive_terms`` (``n_a``: occurrences in
      the statement, ``n_b``: in the archive, ``per_1k_*``, ``g2``, ``p_g2``, ``log_ratio``).
    * ``places``: one row per place the statement names: ``place``, ``kind``, ``iso3``,
      ``mentions`` (in the statement), ``archive_documents`` (archive documents naming it),
      ``archive_share`` (``archive_documents / documents``, 0–1); rarest in the archive first.
    * ``documents``: how many archive documents the archive side holds; ``excluded``: the
      ``doc_id`` of archive documents left out because they are the statement itself.
    * ``labels``: the two sides' names, ``("this statement", "the archive")`` by default.
    """

    readability: pd.DataFrame
    themes: pd.DataFrame
    theme_documents: pd.DataFrame
    readability_documents: pd.DataFrame
    terms: pd.DataFrame
    places: pd.DataFrame
    documents: int
    excluded: list[str] = field(default_factory=list)
    labels: tuple[str, str] = ("this statement", "the archive")


def _as_result(x: Any, what: str) -> CorpusResult:
    from .. import pipeline

    if isinstance(x, pipeline.CorpusResult):
        return x
    try:
        return pipeline.run(x, progress=False)
    except CompareError:
        raise
    except TypeError as exc:
        raise CompareError(f"{what} must be a Statement, a corpus table or folder, or a CorpusResult: {exc}") from None


def _quantiles(values: pd.Series) -> tuple[float, float, float]:
    import numpy as np

    if len(values) == 0:
        return (np.nan, np.nan, np.nan)
    q = values.quantile([0.25, 0.5, 0.75])
    return float(q.loc[0.25]), float(q.loc[0.5]), float(q.loc[0.75])


def within(
    statement: Any,
    archive: Any,
    *,
    n_terms: int = 15,
    labels: tuple[str, str] = ("this statement", "the archive"),
) -> ArchivePlacement:
    """Place ``statement`` within ``archive``.

    Args:
        statement: a ``Statement`` (or a ``pipeline.CorpusResult`` of one document).
        archive: a ``pipeline.CorpusResult`` already computed, or anything ``pipeline.run``
            takes (a corpus folder or table), which is then run.
        n_terms: how many distinctive words to keep on each side.
        labels: how tables and charts name the two sides.

    Returns an ``ArchivePlacement`` (see its fields; percentiles in percent, shares 0–1).
    Raises ``CompareError`` when the archive has no document with words besides the statement.
    """
    import numpy as np
    import pandas as pd

    from .. import terms
    from ..readability import FORMULAS

    n_terms = integer("n_terms", n_terms, minimum=1, error=CompareError)
    st = _as_result(statement, "statement")
    if len(st.documents) != 1:
        raise CompareError(f"statement must be one document, not {len(st.documents)}")
    ar = _as_result(archive, "archive")
    sha = st.documents["sha256"].iloc[0] if "sha256" in st.documents.columns else None
    docs = ar.documents
    same = docs["sha256"].astype("string").eq(str(sha)).fillna(False) if sha and "sha256" in docs.columns else None
    excluded = [] if same is None else docs.loc[same.to_numpy(bool), "doc_id"].astype(str).tolist()
    keep = set(docs["doc_id"].astype(str)) - set(excluded)

    # readability: the archive's documents that have words
    r = ar.readability.assign(doc_id=ar.readability["doc_id"].astype(str))
    r = r[r["doc_id"].isin(keep) & (r["words"] > 0)].reset_index(drop=True)
    if r.empty:
        raise CompareError("the archive has no document with words (besides the statement itself)")
    mine = st.readability.iloc[0]
    rows = []
    for f in FORMULAS:
        values = r[f.column].astype(float).dropna()
        s = float(mine[f.column])
        q1, med, q3 = _quantiles(values)
        below, equal = int((values < s).sum()), int((values == s).sum())
        n = len(values)
        rows.append(
            {
                "measure": f.column,
                "name": f.name,
                "unit": f.unit,
                "statement": s,
                "archive_median": med,
                "archive_q1": q1,
                "archive_q3": q3,
                "documents": n,
                "below": below,
                "equal": equal,
                "percentile": 100.0 * below / n if n else np.nan,
            }
        )
    readability = pd.DataFrame(rows)
    readability_documents = r[["doc_id", *[f.column for f in FORMULAS]]]

    # themes: each document's share of its words
    t = ar.themes.assign(doc_id=ar.themes["doc_id"].astype(str))
    t = t[t["doc_id"].isin(set(r["doc_id"]))]
    theme_documents = t[["doc_id", "theme", "label", "share"]].reset_index(drop=True)
    s_themes = st.themes.set_index("theme")
    trows = []
    for (theme, label), g in t.groupby(["theme", "label"], sort=False):
        values = g["share"].astype(float)
        s = float(s_themes["share"].get(theme, 0.0))
        q1, med, q3 = _quantiles(values)
        trows.append(
            {
                "theme": str(theme),
                "label": str(label),
                "statement_share": s,
                "archive_median": med,
                "archive_q1": q1,
                "archive_q3": q3,
                "archive_mean": float(values.mean()),
                "documents": len(values),
                "documents_naming": int((g["n"] > 0).sum()),
                "below": int((values < s).sum()),
                "percentile": 100.0 * int((values < s).sum()) / len(values),
            }
        )
    themes = pd.DataFrame(trows)

    # distinctive words: keyness from the stored counts (the same options on both sides)
    tt = ar.terms[ar.terms["doc_id"].astype(str).isin(keep)]
    ca = st.terms.groupby("term", sort=True)["n"].sum()
    cb = tt.groupby("term", sort=True)["n"].sum()
    cols = ["term", "distinctive_of", "n_a", "n_b", "per_1k_a", "per_1k_b", "g2", "p_g2", "log_ratio"]
    if ca.sum() == 0 or cb.sum() == 0:
        key = pd.DataFrame({c: pd.Series(dtype=object if c in ("term", "distinctive_of") else float) for c in cols})
        key.attrs["note"] = "no distinctive terms: a side has no counted terms"
    else:
        k = terms.keyness_table(ca, cb).rename(
            columns={
                "n_target": "n_a",
                "n_reference": "n_b",
                "per_1k_target": "per_1k_a",
                "per_1k_reference": "per_1k_b",
            }
        )
        k = k.sort_values(["g2", "term"], ascending=[False, True], kind="mergesort")
        top_a = k[k["direction"] == "target"].head(n_terms).assign(distinctive_of="a")
        top_b = k[k["direction"] == "reference"].iloc[::-1].head(n_terms).assign(distinctive_of="b")
        key = pd.concat([top_a, top_b], ignore_index=True)[cols]

    # places: those the statement names, and how many archive documents name each
    m = st.places
    n_docs = len(r)
    if len(m):
        am = ar.places[ar.places["doc_id"].astype(str).isin(set(r["doc_id"]))]
        naming = am.groupby("place")["doc_id"].nunique()
        pl = m.groupby(["place", "kind", "iso3"], sort=False).size().rename("mentions").reset_index()
        pl = pl.groupby("place", sort=False).agg(
            kind=("kind", "first"), iso3=("iso3", "first"), mentions=("mentions", "sum")
        )
        pl = pl.reset_index()
        pl["archive_documents"] = pl["place"].map(naming).fillna(0).astype("int64")
        pl["archive_share"] = pl["archive_documents"] / n_docs
        pl = pl.sort_values(["archive_share", "mentions", "place"], ascending=[True, False, True], kind="mergesort")
        places = pl.reset_index(drop=True)
    else:
        places = pd.DataFrame(
            {
                "place": pd.Series(dtype=object),
                "kind": pd.Series(dtype=object),
                "iso3": pd.Series(dtype=object),
                "mentions": pd.Series(dtype="int64"),
                "archive_documents": pd.Series(dtype="int64"),
                "archive_share": pd.Series(dtype=float),
            }
        )
    return ArchivePlacement(
        readability=readability,
        themes=themes,
        theme_documents=theme_documents,
        readability_documents=readability_documents.reset_index(drop=True),
        terms=key,
        places=places,
        documents=n_docs,
        excluded=excluded,
        labels=tuple(labels),  # type: ignore[arg-type]
    )
