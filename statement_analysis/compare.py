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

* A corpus with dates: ``over_time(x, freq="month" | "year")`` → ``TimeSeries``: per period, the
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

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import CompareError

if TYPE_CHECKING:
    import pandas as pd

    from .pipeline import CorpusResult

__all__ = [
    "CompareError",
    "PairComparison",
    "TimeSeries",
    "distinctive_terms",
    "distinctive_terms_in",
    "over_time",
    "pair",
    "place_change",
    "readability_change",
    "theme_change",
]

_FREQ = {"month": "M", "year": "Y", "quarter": "Q"}



# ---------------------------------------------------------------------------------------------
# two statements


def _distinct(a: Any, b: Any) -> tuple[Any, Any]:
    """``a`` and ``b`` with no ``doc_id`` in common (keyness leaves shared ids out of b)."""
    from ._docs import iter_documents
    from .statement import Statement

    ids_a = {d for d, _ in iter_documents(a)}
    ids_b = {d for d, _ in iter_documents(b)}
    if not ids_a & ids_b:
        return a, b
    if isinstance(b, Statement):
        return a, dataclasses.replace(b, doc_id=f"{b.doc_id} (b)")
    b = b.copy()
    b.index = [f"{i} (b)" if str(i) in ids_a else i for i in b.index.astype(str)]
    b.index.name = "doc_id"
    return a, b


def readability_change(a: Any, b: Any) -> pd.DataFrame:
    """Readability of ``a`` and ``b`` side by side.

    For a corpus table, the scores are the means over its documents that have words, and the
    counts are sums; a side without words has NaN scores. Returns one row per measure:
    ``measure`` (score or count column of ``readability.scores``), ``name``, ``unit``, ``a``,
    ``b``, ``change`` (``b − a``) and ``easier`` (for scores: True when ``b`` reads easier than
    ``a`` — a higher Reading Ease, a lower grade or Dale–Chall score; NA for counts and
    unchanged scores).
    """
    import pandas as pd

    from . import readability

    def summary(x: Any) -> pd.Series:
        t = readability.scores(x, by="document")
        words = t[t["words"] > 0]  # no words: NaN scores, not textstat's 0 (which would read as "very hard")
        s = words[list(readability.SCORE_COLUMNS)].astype(float).mean()
        return pd.concat([s, t[list(readability.COUNT_COLUMNS)].sum().astype(float)])

    sa_, sb = summary(a), summary(b)
    info = {f.column: f for f in readability.FORMULAS}
    rows = []
    for m in sa_.index:
        f = info.get(m)
        change = float(sb[m] - sa_[m])
        if f is None or change == 0 or change != change:  # a count, no change, or NaN
            easier: Any = pd.NA
        else:
            easier = change > 0 if m == "flesch_reading_ease" else change < 0
        rows.append(
            (
                m,
                f.name if f else m.replace("_", " "),
                f.unit if f else "count",
                float(sa_[m]),
                float(sb[m]),
                change,
                easier,
            )
        )
    out = pd.DataFrame(rows, columns=["measure", "name", "unit", "a", "b", "change", "easier"])
    out["easier"] = out["easier"].astype("boolean")
    return out


def distinctive_terms(a: Any, b: Any, *, n: int = 15, **keyness_options: Any) -> pd.DataFrame:
    """The ``n`` terms most distinctive of ``a`` against ``b`` and the ``n`` most distinctive of
    ``b`` against ``a`` (``terms.keyness(a, b, sort_by="g2")``; options are passed on).

    Returns ``term``, ``distinctive_of`` (``"a"`` or ``"b"``), ``n_a``, ``n_b`` (counts),
    ``per_1k_a``, ``per_1k_b`` (per 1,000 counted terms), ``g2`` (log-likelihood, signed: + for
    ``a``), ``p_g2``, ``log_ratio`` (log₂ of the rate in ``a`` over the rate in ``b``); the terms
    of ``a`` first, strongest first, then those of ``b``, strongest first. An empty table (same
    columns, the reason in ``attrs["note"]``) when either side has no counted terms.
    """
    import pandas as pd

    from . import terms

    if n < 1:
        raise CompareError(f"n must be 1 or more, not {n!r}")
    a, b = _distinct(a, b)
    keyness_options.setdefault("sort_by", "g2")
    cols = ["term", "distinctive_of", "n_a", "n_b", "per_1k_a", "per_1k_b", "g2", "p_g2", "log_ratio"]
    try:
        k = terms.keyness(a, b, **keyness_options)
    except terms.TermsError as exc:
        if "no counted terms" not in str(exc):
            raise
        out = pd.DataFrame({c: pd.Series(dtype=object if c in ("term", "distinctive_of") else float) for c in cols})
        out.attrs["note"] = f"no distinctive terms: {exc}"
        return out
    k = k.rename(
        columns={
            "n_target": "n_a",
            "n_reference": "n_b",
            "per_1k_target": "per_1k_a",
            "per_1k_reference": "per_1k_b",
        }
    )
    top_a = k[k["direction"] == "target"].head(n).assign(distinctive_of="a")
    top_b = k[k["direction"] == "reference"].iloc[::-1].head(n).assign(distinctive_of="b")
    return pd.concat([top_a, top_b], ignore_index=True)[cols]


def theme_change(a: Any, b: Any, *, dictionary: Any = None) -> pd.DataFrame:
    """Each theme's share of the words in ``a`` and ``b``, and the change.

    Shares are pooled over all documents of each side (``themes.totals`` of
    ``themes.code(..., by="document")``). Returns one row per theme, in dictionary order:
    ``theme``, ``label``, ``n_a``, ``n_b`` (matched terms), ``words_a``, ``words_b`` (word terms),
    ``share_a``, ``share_b`` (fractions 0–1), ``change`` (``share_b − share_a``, in fractions of
    the words: ×100 for percentage points) and ``ratio`` (``share_b / share_a``; inf when the theme
    is new in ``b``, NaN when absent from both).
    """
    import numpy as np
    import pandas as pd

    from . import themes
    from .themes.formats import _resolve

    d = _resolve(dictionary)

    def side(x: Any) -> pd.DataFrame:
        # A text without words has no rows in the coded table: zeros, and NaN shares.
        t = themes.totals(themes.code(x, by="document", dictionary=d)).set_index("theme")
        t = t.reindex(d.keys)
        return t.assign(n=t["n"].fillna(0), n_words=t["n_words"].fillna(0))

    ta, tb = side(a), side(b)
    out = pd.DataFrame(
        {
            "theme": list(d.keys),
            "label": [t.label for t in d.themes],
            "n_a": ta["n"].to_numpy(dtype=np.int64),
            "n_b": tb["n"].to_numpy(dtype=np.int64),
            "words_a": ta["n_words"].to_numpy(dtype=np.int64),
            "words_b": tb["n_words"].to_numpy(dtype=np.int64),
            "share_a": ta["share"].to_numpy(dtype=float),
            "share_b": tb["share"].to_numpy(dtype=float),
        }
    )
    out["change"] = out["share_b"] - out["share_a"]
    with np.errstate(divide="ignore", invalid="ignore"):
        out["ratio"] = out["share_b"] / out["share_a"]
    return out


def place_change(a: Any, b: Any, *, level: str = "place", roles: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Places named in ``a`` and in ``b``: what was gained, lost, named more or less.

    Args:
        a, b: statements or corpus tables.
        level: ``"place"`` (each place: country, province, city or region) or ``"country"``
            (places rolled up to their country, as ``places.country_counts``).
        roles: count only mentions in these roles (``"name"``, ``"demonym"``, ``"in_name"``);
            default all.

    Returns one row per place named in either: ``place`` (or ``country``), ``kind`` (place level
    only), ``iso3``, ``a``, ``b`` (mentions), ``change`` (``b − a``) and ``status``: ``gained``
    (only in ``b``), ``lost`` (only in ``a``), ``more``, ``fewer`` or ``same``; gained first, then
    lost, more, fewer, same, each by size of the change and then by name.
    """
    import numpy as np
    import pandas as pd

    from . import places

    if level not in ("place", "country"):
        raise CompareError(f"level must be 'place' or 'country', not {level!r}")
    ma, mb = places.mentions(a), places.mentions(b)
    if roles is not None:
        ma, mb = ma[ma["role"].isin(roles)], mb[mb["role"].isin(roles)]
    if level == "place":
        key = ["place", "kind", "iso3"]
        ca = places.place_counts(ma).set_index(key)["mentions"] if len(ma) else pd.Series(dtype="int64")
        cb = places.place_counts(mb).set_index(key)["mentions"] if len(mb) else pd.Series(dtype="int64")
    else:
        key = ["country", "iso3"]
        ca = places.country_counts(ma).set_index(key)["mentions"] if len(ma) else pd.Series(dtype="int64")
        cb = places.country_counts(mb).set_index(key)["mentions"] if len(mb) else pd.Series(dtype="int64")
    both = pd.concat([ca.rename("a"), cb.rename("b")], axis=1).fillna(0).astype("int64")
    both.index.names = key
    out = both.reset_index()
    if out.empty:
        return pd.DataFrame(columns=[*key, "a", "b", "change", "status"])
    out["change"] = out["b"] - out["a"]
    out["status"] = np.select(
        [out["a"] == 0, out["b"] == 0, out["change"] > 0, out["change"] < 0],
        ["gained", "lost", "more", "fewer"],
        "same",
    )
    order = {"gained": 0, "lost": 1, "more": 2, "fewer": 3, "same": 4}
    out["_o"] = out["status"].map(order)
    out["_abs"] = -out["change"].abs()
    name = key[0]
    out = out.sort_values(["_o", "_abs", name], kind="mergesort").drop(columns=["_o", "_abs"])
    return out.reset_index(drop=True)


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

    from . import terms

    if n < 1:
        raise CompareError(f"n must be 1 or more, not {n!r}")
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


@dataclass(frozen=True)
class PairComparison:
    """Everything ``pair`` compares; each attribute is the table of the function of that name."""

    labels: tuple[str, str]
    readability: pd.DataFrame  # readability_change
    terms: pd.DataFrame  # distinctive_terms
    themes: pd.DataFrame  # theme_change
    places: pd.DataFrame  # place_change (level="place")

    def table(self) -> pd.DataFrame:
        """The headline figures side by side: ``section``, ``measure``, ``a``, ``b``, ``change``
        (strings, ready to show; the numeric tables are the attributes). Column names are the
        two labels instead of ``a`` and ``b``."""
        import pandas as pd

        la, lb = self.labels
        rows: list[tuple[str, str, str, str, str]] = []
        r = self.readability.set_index("measure")
        for m, fmt in (
            ("words", "{:,.0f}"),
            ("sentences", "{:,.0f}"),
            ("flesch_reading_ease", "{:.1f}"),
            ("flesch_kincaid_grade", "{:.1f}"),
            ("gunning_fog", "{:.1f}"),
            ("dale_chall_readability_score", "{:.2f}"),
        ):
            row = r.loc[m]
            name = f"{row['name']} ({row['unit']})"
            rows.append(("readability", name, fmt.format(row["a"]), fmt.format(row["b"]), f"{row['change']:+.2f}"))
        for t in self.themes.itertuples(index=False):
            change = f"{t.change * 100:+.2f} pp"
            rows.append(("themes", f"{t.label} (% of words)", f"{t.share_a:.1%}", f"{t.share_b:.1%}", change))
        p = self.places
        for status in ("gained", "lost"):
            names = p.loc[p["status"] == status, p.columns[0]].astype(str).tolist()
            shown = ", ".join(names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "")
            rows.append(("places", f"named only in {lb if status == 'gained' else la}", "", "", shown or "none"))
        top_a = ", ".join(self.terms.loc[self.terms["distinctive_of"] == "a", "term"].head(8).astype(str))
        top_b = ", ".join(self.terms.loc[self.terms["distinctive_of"] == "b", "term"].head(8).astype(str))
        rows.append(("terms", f"most distinctive of {la}", top_a, "", ""))
        rows.append(("terms", f"most distinctive of {lb}", "", top_b, ""))
        return pd.DataFrame(rows, columns=["section", "measure", la, lb, "change"])


def pair(
    a: Any,
    b: Any,
    *,
    labels: tuple[str, str] | None = None,
    n_terms: int = 15,
    dictionary: Any = None,
) -> PairComparison:
    """Compare two statements (or two corpora) on readability, terms, themes and places.

    ``labels`` name the two sides in tables and charts (default: their dates, or titles, or
    "A" and "B"). Returns a ``PairComparison``.
    """
    a, b = _distinct(a, b)
    return PairComparison(
        labels=labels or (_label(a, "A"), _label(b, "B")),
        readability=readability_change(a, b),
        terms=distinctive_terms(a, b, n=n_terms),
        themes=theme_change(a, b, dictionary=dictionary),
        places=place_change(a, b),
    )


def _label(x: Any, default: str) -> str:
    from .statement import Statement

    if isinstance(x, Statement):
        if x.date is not None:
            return f"{default}: {x.date:%Y-%m-%d}"
        return f"{default}: {x.title[:40]}" if x.title else default
    return default


# ---------------------------------------------------------------------------------------------
# a corpus over time


@dataclass(frozen=True)
class TimeSeries:
    """Per-period tables of a dated corpus (``over_time``).

    * ``readability``: ``period`` (str, e.g. "2021-03"), ``start`` (Timestamp, first day),
      ``documents`` (dated documents with words), ``words``, and the mean of each score of
      ``readability.SCORE_COLUMNS`` over those documents (NaN for a period without any).
    * ``themes``: ``period``, ``start``, ``theme``, ``label``, ``n`` (matched terms),
      ``n_words`` (word terms), ``share`` (``n / n_words``, 0–1, pooled over the period's
      documents), ``documents`` (documents naming the theme at least once).
    * ``places``: ``period``, ``start``, ``iso3``, ``country``, ``mentions``, ``documents``
      (documents naming it), for the ``top`` most-mentioned countries of the whole corpus
      (zeros where not named).
    * ``documents``: one row per dated document with words: ``doc_id``, ``date``, ``period``,
      ``start`` and its readability counts and scores (for the spread within a period).
    * ``undated``: documents left out because they have no date.

    Every period from the first to the last is present, empty ones included (zeros, NaN scores).
    """

    freq: str
    readability: pd.DataFrame
    themes: pd.DataFrame
    places: pd.DataFrame
    documents: pd.DataFrame
    undated: int


def over_time(
    x: Any,
    *,
    freq: str = "month",
    top: int = 10,
    metadata: Any = None,
    dictionary: Any = None,
    **run_options: Any,
) -> TimeSeries:
    """Readability, theme shares and top places of a dated corpus, per month, quarter or year.

    Args:
        x: a ``pipeline.CorpusResult``, or anything ``pipeline.run`` takes (a corpus folder, a
            corpus table, a Dask DataFrame), which is then run first (``metadata``,
            ``dictionary`` and ``run_options`` are passed to it).
        freq: ``"month"``, ``"quarter"`` or ``"year"``.
        top: how many countries (the most mentioned over the whole corpus) to follow.

    Returns a ``TimeSeries``. Documents without a date are left out (counted in ``undated``).
    """
    import numpy as np
    import pandas as pd

    from . import pipeline, readability

    if freq not in _FREQ:
        raise CompareError(f"freq must be 'month', 'quarter' or 'year', not {freq!r}")
    if top < 0:
        raise CompareError(f"top must be 0 or more, not {top!r}")
    if isinstance(x, pipeline.CorpusResult):
        res: CorpusResult = x
    else:
        res = pipeline.run(x, metadata=metadata, dictionary=dictionary, **run_options)
    docs = res.documents
    dated = docs[docs["date"].notna()]
    if dated.empty:
        raise CompareError(
            "no document of this corpus has a date: give a metadata table with a 'date' column "
            "(sa.load_corpus(folder, metadata='metadata.csv'))"
        )
    code = _FREQ[freq]
    period_of = pd.Series(dated["date"].dt.to_period(code).to_numpy(), index=dated["doc_id"].astype(str).to_numpy())
    periods = pd.period_range(period_of.min(), period_of.max(), freq=code)
    frame = pd.DataFrame({"period": periods.astype(str), "start": periods.start_time})

    # readability: mean over the period's documents that have words
    r = res.readability.copy()
    r["doc_id"] = r["doc_id"].astype(str)
    r = r[r["doc_id"].isin(period_of.index) & (r["words"] > 0)]
    r["period"] = r["doc_id"].map(period_of).astype(str)
    scores = list(readability.SCORE_COLUMNS)
    per_doc = r.merge(dated[["doc_id", "date"]].astype({"doc_id": str}), on="doc_id", how="left")
    per_doc = per_doc.merge(frame, on="period", how="left")
    per_doc = per_doc[["doc_id", "date", "period", "start", *readability.COUNT_COLUMNS, *scores]]
    g = r.groupby("period")
    rt = pd.concat([g.size().rename("documents"), g["words"].sum(), g[scores].mean()], axis=1).reset_index()
    read = frame.merge(rt, on="period", how="left")
    read["documents"] = read["documents"].fillna(0).astype("int64")
    read["words"] = read["words"].fillna(0).astype("int64")

    # themes: pooled shares
    t = res.themes.copy()
    t["doc_id"] = t["doc_id"].astype(str)
    t = t[t["doc_id"].isin(period_of.index)]
    t["period"] = t["doc_id"].map(period_of).astype(str)
    t["named"] = t["n"] > 0
    tg = t.groupby(["period", "theme", "label"], sort=False).agg(
        n=("n", "sum"), n_words=("n_words", "sum"), documents=("named", "sum")
    )
    order = t[["theme", "label"]].drop_duplicates()
    grid = frame.merge(order, how="cross")
    th = grid.merge(tg.reset_index(), on=["period", "theme", "label"], how="left")
    for c in ("n", "n_words", "documents"):
        th[c] = th[c].fillna(0).astype("int64")
    with np.errstate(divide="ignore", invalid="ignore"):
        th["share"] = np.where(th["n_words"] > 0, th["n"] / th["n_words"].where(th["n_words"] > 0, 1), np.nan)
    th = th[["period", "start", "theme", "label", "n", "n_words", "share", "documents"]]
    for c in ("theme", "label"):
        th[c] = th[c].astype(str)

    # places: the top countries of the whole corpus, per period
    from . import places

    m = res.places
    m = m[m["doc_id"].astype(str).isin(period_of.index) & (m["iso3"].astype(str) != "")]
    if top and len(m):
        cc = places.country_counts(m).head(top)
        m = m[m["iso3"].isin(cc["iso3"])].copy()
        m["period"] = m["doc_id"].astype(str).map(period_of).astype(str)
        pg = m.groupby(["period", "iso3"]).agg(mentions=("iso3", "size"), documents=("doc_id", "nunique"))
        grid = frame.merge(cc[["iso3", "country"]], how="cross")
        pl = grid.merge(pg.reset_index(), on=["period", "iso3"], how="left")
        for c in ("mentions", "documents"):
            pl[c] = pl[c].fillna(0).astype("int64")
        pl = pl[["period", "start", "iso3", "country", "mentions", "documents"]]
    else:
        pl = pd.DataFrame(columns=["period", "start", "iso3", "country", "mentions", "documents"])
    return TimeSeries(
        freq=freq, readability=read, themes=th, places=pl, documents=per_doc, undated=len(docs) - len(dated)
    )
