"""The sentences page 06 opens with, each computed from a table shown on the page.

* ``placement_findings(p)``: a statement within an archive (``within``'s ``ArchivePlacement``):
  its readability percentile, the themes it gives most and least weight to against the archive,
  the words most distinctive of it, the places the archive rarely names.
* ``archive_findings(series, ...)``: an archive over time (``over_time``'s ``TimeSeries``): its
  size and period, the grouping, the busiest period, readability from the first period to the
  last, the largest theme, the most-named country, the latest period's most distinctive words.

Every number in a sentence is a value of the named table, rounded as printed (tests recompute
each one). Templated sentences, not prose: they say what the tables hold, nothing more.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from .series import TimeSeries
    from .within import ArchivePlacement

#: a place named by fewer than this share of the archive's documents counts as rarely named
RARE_SHARE = 0.05


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _times(n: int) -> str:
    return "once" if n == 1 else "twice" if n == 2 else f"{n:,} times"


def _quote(terms: list[str]) -> str:
    return ", ".join(f"“{t}”" for t in terms)


def placement_findings(p: ArchivePlacement, *, measure: str = "flesch_kincaid_grade", n_terms: int = 3) -> list[str]:
    """Three to five sentences on a statement within an archive, from ``p``'s tables:

    1. readability: its ``measure`` score, the percentage of the archive's documents scoring
       lower (``p.readability.percentile``) and the archive's median;
    2. the theme it gives the largest share of its words to, with that theme's percentile and
       archive median (``p.themes``), when it gives words to any theme;
    3. the theme whose share is furthest below the archive (lowest percentile among themes with a
       non-zero archive median);
    4. the ``n_terms`` words most distinctive of it (``p.terms``, ``distinctive_of == "a"``);
    5. the places it names that fewer than ``RARE_SHARE`` of the archive's documents name
       (``p.places``), or that there are none.

    Returns the sentences (plain text).
    """
    out: list[str] = []
    r = p.readability.set_index("measure").loc[measure]
    harder = "easier" if measure == "flesch_reading_ease" else "harder"
    out.append(
        f"Its {r['name']} is {r['statement']:.1f}: {r['percentile']:.0f}% of the archive's {int(r['documents']):,} "
        f"statements score lower (median {r['archive_median']:.1f}; a higher score reads {harder})."
    )
    th = p.themes
    if len(th) and (th["statement_share"] > 0).any():
        top = th.sort_values(["statement_share", "theme"], ascending=[False, True], kind="mergesort").iloc[0]
        out.append(
            f"The theme it gives most of its words to is {top['label']} ({_pct(top['statement_share'])}), "
            f"a larger share than {top['percentile']:.0f}% of the archive's statements give it "
            f"(median {_pct(top['archive_median'])})."
        )
        lower = th[th["archive_median"] > 0].sort_values(
            ["percentile", "archive_median", "theme"], ascending=[True, False, True], kind="mergesort"
        )
        if len(lower) and lower.iloc[0]["percentile"] < 50:
            low = lower.iloc[0]
            out.append(
                f"It gives least weight, against the archive, to {low['label']}: {_pct(low['statement_share'])} of its "
                f"words, where the archive's median statement gives {_pct(low['archive_median'])}."
            )
    mine = p.terms[p.terms["distinctive_of"] == "a"].head(n_terms)
    if len(mine):
        first = mine.iloc[0]
        out.append(
            f"The words most distinctive of it against the archive are {_quote(mine['term'].tolist())}; "
            f"“{first['term']}” occurs {_times(int(first['n_a']))} in it "
            f"({first['per_1k_a']:.1f} per 1,000 counted words) "
            f"against {first['per_1k_b']:.2f} per 1,000 in the archive."
        )
    pl = p.places
    if len(pl):
        rare = pl[pl["archive_share"] < RARE_SHARE]
        if len(rare):
            names = rare["place"].tolist()
            shown = ", ".join(names[:6]) + (f" and {len(names) - 6} more" if len(names) > 6 else "")
            out.append(
                f"Of the {len(pl)} places it names, {len(rare)} are named by fewer than {_pct(RARE_SHARE)} "
                f"of the archive's statements: {shown}."
            )
        else:
            out.append(
                f"Every one of the {len(pl)} places it names is named by at least {_pct(RARE_SHARE)} "
                "of the archive's statements."
            )
    else:
        out.append("It names no place.")
    return out


def archive_findings(
    series: TimeSeries,
    *,
    documents: int,
    period_terms: pd.DataFrame | None = None,
    measure: str = "flesch_kincaid_grade",
    chosen: str | None = None,
) -> list[str]:
    """Three to six sentences on an archive over time, from ``series``' tables:

    1. how many documents (``documents``: all, dated or not), the first and last date, how many
       are undated, the grouping (``series.freq``; ``chosen``: "auto" when the rule chose it)
       and the number of periods;
    2. the busiest period (most documents in ``series.readability``);
    3. the mean ``measure`` of the first and of the last period that have documents;
    4. the theme with the largest share of the words over the whole archive (pooled
       ``series.themes``);
    5. the most-named country (``series.places``, summed over periods), when any;
    6. the latest period's most distinctive words (``period_terms``, from
       ``distinctive_terms_by_period``), when given.

    Returns the sentences (plain text).
    """
    from ..readability import FORMULAS

    out: list[str] = []
    docs = series.documents
    r = series.readability
    n_periods = len(r)
    first, last = docs["date"].min(), docs["date"].max()
    how = "chosen automatically" if chosen == "auto" else "as asked"
    undated = f", {series.undated:,} undated" if series.undated else ""
    out.append(
        f"The archive holds {documents:,} statements{undated}, dated from {first:%Y-%m-%d} to {last:%Y-%m-%d}; "
        f"they are grouped by {series.freq} ({how}) into {n_periods} periods."
    )
    busiest = r.sort_values(["documents", "period"], ascending=[False, True], kind="mergesort").iloc[0]
    if int(busiest["documents"]) > 1:
        out.append(f"The busiest {series.freq} is {busiest['period']}, with {int(busiest['documents'])} statements.")
    else:
        out.append(f"No {series.freq} has more than one statement.")
    with_docs = r[r["documents"] > 0]
    if len(with_docs) >= 2:
        name = {f.column: f.name for f in FORMULAS}[measure]
        a, b = with_docs.iloc[0], with_docs.iloc[-1]
        out.append(
            f"The mean {name} is {a[measure]:.1f} in the first period ({a['period']}) "
            f"and {b[measure]:.1f} in the last ({b['period']})."
        )
    t = series.themes.groupby(["theme", "label"], sort=False)[["n", "n_words"]].sum().reset_index()
    t = t[t["n_words"] > 0]
    if len(t) and t["n"].sum() > 0:
        t = t.assign(share=t["n"] / t["n_words"])
        top = t.sort_values(["share", "theme"], ascending=[False, True], kind="mergesort").iloc[0]
        out.append(
            f"Over the whole archive, the theme with the largest share of the words is {top['label']} "
            f"({_pct(top['share'])})."
        )
    pl = series.places
    if len(pl):
        c = pl.groupby(["iso3", "country"], sort=False)["mentions"].sum().reset_index()
        c = c.sort_values(["mentions", "country"], ascending=[False, True], kind="mergesort").iloc[0]
        if c["mentions"] > 0:
            out.append(f"The most-named country is {c['country']}, with {int(c['mentions']):,} mentions.")
    if period_terms is not None and len(period_terms):
        latest = period_terms[period_terms["period"] == period_terms["period"].iloc[-1]]
        out.append(
            f"The words most distinctive of the latest period ({latest['period'].iloc[0]}) against the rest are "
            f"{_quote(latest['term'].head(3).tolist())}."
        )
    return out[:6]
