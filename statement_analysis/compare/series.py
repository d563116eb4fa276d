"""A dated corpus over time: ``over_time`` and its ``TimeSeries`` (readability, theme shares and
the most-named countries per month, quarter or year)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._options import choice, integer
from ..errors import CompareError
from ..load.dates import date_column

if TYPE_CHECKING:
    import pandas as pd

    from ..pipeline import CorpusResult


_FREQ = {"month": "M", "year": "Y", "quarter": "Q"}
#: the values ``freq=`` takes: a period, or ``"auto"`` (``choose_freq``)
FREQS: tuple[str, ...] = ("auto", "month", "quarter", "year")
#: ``choose_freq``'s rule: at most this many periods from the first to the last ...
AUTO_MAX_PERIODS = 24
#: ... holding on average at least this many documents each
AUTO_MIN_PER_PERIOD = 3


def choose_freq(dates: Any) -> str:
    """The grouping that fits an archive's span and density: the finest of ``"month"``,
    ``"quarter"``, ``"year"`` whose periods, counted from the first date's period to the last's,
    number at most ``AUTO_MAX_PERIODS`` (24) and hold on average at least
    ``AUTO_MIN_PER_PERIOD`` (3) documents; ``"year"`` when none does (a long or sparse archive).

    Examples: 259 statements over 4 years → ``"quarter"`` (17 quarters, 15 each; 48 months is too
    many); 40 statements within a year → ``"month"``; three yearly summits → ``"year"``.
    ``dates``: the documents' dates (anything ``pd.to_datetime`` reads; missing ones ignored).
    Returns the chosen ``freq``.
    """
    import pandas as pd

    d = pd.to_datetime(pd.Series(list(dates) if not isinstance(dates, pd.Series) else dates), errors="coerce")
    d = d.dropna()
    if d.empty:
        return "year"
    for freq in ("month", "quarter"):
        code = _FREQ[freq]
        n_periods = (d.max().to_period(code) - d.min().to_period(code)).n + 1
        if n_periods <= AUTO_MAX_PERIODS and len(d) / n_periods >= AUTO_MIN_PER_PERIOD:
            return freq
    return "year"


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

    freq: str  # "month", "quarter" or "year": the grouping used (never "auto")
    readability: pd.DataFrame
    themes: pd.DataFrame
    places: pd.DataFrame
    documents: pd.DataFrame
    undated: int


def _document_dates(docs: pd.DataFrame, column: str) -> tuple[pd.Series, bool]:
    """The date of each document from ``column`` (see ``over_time``) as datetime64, and whether
    the dates are years only."""
    import pandas as pd

    if not isinstance(column, str):
        raise CompareError(f"date= must be a column name, not {column!r}")
    if column == "date" and docs["date"].isna().all() and "year" in docs.columns:
        column = "year"
    if column not in docs.columns:
        raise CompareError(f"date=: the documents table has no {column!r} column; it has {list(docs.columns)}")
    col = docs[column]
    names = docs["doc_id"].astype(str).tolist()

    def dates(values: Any) -> pd.Series:
        # dates outside 1678-2261 (placeholders such as 0001-01-01) are unknown, with a warning
        return date_column(values, names=names, unparsable="coerce").set_axis(docs.index).rename(column)

    if pd.api.types.is_datetime64_any_dtype(col):
        # dates loaded from "2017" or "March 2017" keep their precision (load.dates.parse_date)
        known = col.notna()
        years_only = bool(
            column == "date"
            and "date_precision" in docs.columns
            and known.any()
            and (docs.loc[known, "date_precision"].astype("string") == "year").all()
        )
        return dates(col), years_only
    text = col.astype("string").str.strip()
    if text.dropna().str.fullmatch(r"\d{4}(\.0)?").all() and text.notna().any():
        years = pd.to_numeric(text.str.slice(0, 4), errors="coerce")
        return dates(years.astype("Int64").astype("string") + "-01-01"), True
    parsed = dates(col)
    if parsed.isna().all() and col.notna().any():
        raise CompareError(f"date=: the {column!r} column holds no dates (e.g. {col.dropna().iloc[0]!r})")
    return parsed, False


def over_time(
    x: Any,
    *,
    freq: str = "month",
    top: int = 10,
    date: str = "date",
    metadata: Any = None,
    dictionary: Any = None,
    **run_options: Any,
) -> TimeSeries:
    """Readability, theme shares and top places of a dated corpus, per month, quarter or year.

    Args:
        x: a ``pipeline.CorpusResult``, or anything ``pipeline.run`` takes (a corpus folder, a
            corpus table, a Dask DataFrame), which is then run first (``metadata``,
            ``dictionary`` and ``run_options`` are passed to it).
        freq: ``"month"``, ``"quarter"``, ``"year"``, or ``"auto"``: the one that fits the
            archive's span and density (``choose_freq``; ``"year"`` for dates known to the year
            only). ``TimeSeries.freq`` says which was used.
        top: how many countries (the most mentioned over the whole corpus) to follow.
        date: the column of ``documents`` that dates each document: ``"date"`` (default), a
            year column such as ``"year"`` (whole numbers, or strings of four digits), or any
            column of dates. When ``"date"`` holds no date and a ``year`` column exists, the
            year is used. Dates known to the year only group by year alone.

    Returns a ``TimeSeries``. Documents without a date are left out (counted in ``undated``).
    """
    import numpy as np
    import pandas as pd

    from .. import pipeline, readability

    choice("freq", freq, FREQS, error=CompareError)
    top = integer("top", top, minimum=0, error=CompareError)
    if isinstance(x, pipeline.CorpusResult):
        res: CorpusResult = x
    else:
        res = pipeline.run(x, metadata=metadata, dictionary=dictionary, **run_options)
    docs = res.documents.copy()
    dates, years_only = _document_dates(docs, date)
    if years_only and freq not in ("year", "auto"):
        raise CompareError(
            f"the documents are dated by year only (column {dates.name!r}): use freq='year' "
            f"(freq={freq!r} would put every document in the first {freq} of its year)"
        )
    docs["date"] = dates
    dated = docs[docs["date"].notna()]
    if dated.empty:
        raise CompareError(
            "no document of this corpus has a date: give a metadata table with a 'date' or 'year' column "
            "(sa.load_corpus(folder, metadata='metadata.csv')), or name the column with date="
        )
    if freq == "auto":
        freq = "year" if years_only else choose_freq(dated["date"])
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
    from .. import places

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


def distinctive_terms_by_period(result: CorpusResult, series: TimeSeries, *, n: int = 5) -> pd.DataFrame:
    """The words most distinctive of each period against the rest of the archive: for every period
    of ``series`` (``over_time(result, ...)``) that has documents, keyness of its documents'
    stored term counts against all other dated documents' (``terms.keyness_table``), keeping the
    ``n`` terms it uses relatively most.

    Returns one row per period and term: ``period``, ``rank`` (1 = most distinctive), ``term``,
    ``n_period`` and ``n_rest`` (occurrences), ``per_1k_period`` and ``per_1k_rest``
    (occurrences per 1,000 counted terms), ``g2`` (log-likelihood, positive), ``log_ratio``,
    ``documents`` (the period's documents). Periods whose documents have no counted terms, or
    an archive of one period, give no rows.
    """
    import pandas as pd

    from .. import terms

    n = integer("n", n, minimum=1, error=CompareError)
    cols = [
        "period",
        "rank",
        "term",
        "n_period",
        "n_rest",
        "per_1k_period",
        "per_1k_rest",
        "g2",
        "log_ratio",
        "documents",
    ]
    period_of = series.documents.assign(doc_id=series.documents["doc_id"].astype(str)).set_index("doc_id")["period"]
    t = result.terms.assign(doc_id=result.terms["doc_id"].astype(str))
    t = t[t["doc_id"].isin(period_of.index)]
    t = t.assign(period=t["doc_id"].map(period_of).astype(str))
    out = []
    periods = [p for p in series.readability["period"].astype(str) if p in set(t["period"])]
    if len(periods) >= 2:
        for p in periods:
            inside = t["period"] == p
            ca = t[inside].groupby("term", sort=True)["n"].sum()
            cb = t[~inside].groupby("term", sort=True)["n"].sum()
            if ca.sum() == 0 or cb.sum() == 0:
                continue
            k = terms.keyness_table(ca, cb)
            k = k[k["direction"] == "target"].sort_values(["g2", "term"], ascending=[False, True], kind="mergesort")
            k = k.head(n)
            out.append(
                pd.DataFrame(
                    {
                        "period": p,
                        "rank": range(1, len(k) + 1),
                        "term": k["term"].to_numpy(),
                        "n_period": k["n_target"].to_numpy(),
                        "n_rest": k["n_reference"].to_numpy(),
                        "per_1k_period": k["per_1k_target"].to_numpy(),
                        "per_1k_rest": k["per_1k_reference"].to_numpy(),
                        "g2": k["g2"].to_numpy(),
                        "log_ratio": k["log_ratio"].to_numpy(),
                        "documents": int(period_of.eq(p).sum()),
                    }
                )
            )
    if not out:
        return pd.DataFrame({c: pd.Series(dtype=object if c in ("period", "term") else float) for c in cols})
    return pd.concat(out, ignore_index=True)[cols]
