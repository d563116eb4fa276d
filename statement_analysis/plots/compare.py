"""Charts for comparisons: two statements side by side, and a corpus over time.

They draw the tables of ``statement_analysis.compare`` and compute nothing themselves:

* two statements: ``plot_readability_pair`` (``readability_change``), ``plot_distinctive_terms``
  (``distinctive_terms``), ``plot_theme_change`` (``theme_change``), ``plot_place_change``
  (``place_change``);
* over time (``over_time``): ``plot_readability_over_time`` (a line per period, with the spread
  of documents), ``plot_themes_over_time`` and ``plot_places_over_time`` (heatmaps: one row per
  theme or country, one column per period).

They stay readable for hundreds of documents: time series show periods, not documents, and
label at most about a dozen periods on the axis.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import PlotError
from . import style

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = [
    "plot_distinctive_terms",
    "plot_place_change",
    "plot_places_over_time",
    "plot_readability_over_time",
    "plot_readability_pair",
    "plot_theme_change",
    "plot_themes_over_time",
]

_DEFAULT_MEASURES = ("flesch_kincaid_grade", "gunning_fog", "smog_index", "coleman_liau_index", "text_standard")


def _labels(labels: tuple[str, str] | None) -> tuple[str, str]:
    return labels or ("A", "B")


def plot_readability_pair(
    table: pd.DataFrame,
    *,
    measures: tuple[str, ...] = _DEFAULT_MEASURES,
    labels: tuple[str, str] | None = None,
    ax: Axes | None = None,
    source: Any = None,
) -> Axes:
    """Grouped horizontal bars: each grade-level score of ``a`` and ``b`` (US school grade).

    ``table`` is ``compare.readability_change(a, b)``; ``measures`` picks its rows (grade
    formulas share a scale; Flesch Reading Ease does not and is left out by default).
    Returns the Axes.
    """
    import numpy as np

    la, lb = _labels(labels)
    t = table.set_index("measure").loc[list(measures)]
    ax = style.axes(ax, figsize=(8.0, 0.6 * len(t) + 1.6))
    y = np.arange(len(t))
    ax.barh(y - 0.2, t["a"], height=0.4, color=style.PALETTE[0], label=la)
    ax.barh(y + 0.2, t["b"], height=0.4, color=style.PALETTE[1], label=lb)
    for yi, (va, vb) in enumerate(zip(t["a"], t["b"], strict=True)):
        ax.annotate(f"{va:.1f}", (va, yi - 0.2), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)
        ax.annotate(f"{vb:.1f}", (vb, yi + 0.2), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)
    ax.set_yticks(y, t["name"].tolist())
    ax.invert_yaxis()
    style.legend_beside(ax)
    return style.finish(
        ax, title="Readability side by side", xlabel="US school grade (higher = harder)", ylabel="", source=source
    )


def plot_distinctive_terms(
    terms: pd.DataFrame,
    *,
    labels: tuple[str, str] | None = None,
    ax: Axes | None = None,
    source: Any = None,
) -> Axes:
    """Diverging bars of log-likelihood (G²): terms distinctive of ``a`` to the left, of ``b`` to
    the right, the strongest at the top. ``terms`` is ``compare.distinctive_terms(a, b)``."""
    import numpy as np

    la, lb = _labels(labels)
    ta = terms[terms["distinctive_of"] == "a"]
    tb = terms[terms["distinctive_of"] == "b"]
    n = max(len(ta), len(tb), 1)
    ax = style.axes(ax, figsize=(9.0, 0.28 * n + 1.8))
    for sub, colour, sign in ((ta, style.PALETTE[0], -1), (tb, style.PALETTE[1], 1)):
        y = np.arange(len(sub))
        vals = sign * sub["g2"].abs().to_numpy()
        ax.barh(y, vals, color=colour, height=0.7)
        for yi, (v, term) in enumerate(zip(vals, sub["term"].astype(str), strict=True)):
            ax.annotate(
                style.short(term),
                (v, yi),
                xytext=(4 * sign, 0),
                textcoords="offset points",
                ha="left" if sign > 0 else "right",
                va="center",
                fontsize=8,
            )
    lim = max(float(terms["g2"].abs().max()) if len(terms) else 1.0, 1.0) * 1.6
    ax.set_xlim(-lim, lim)
    ax.axvline(0, color="#333333", linewidth=0.8)
    ax.set_yticks([])
    ax.set_ylim(n - 0.4, -0.6)
    ax.text(0.01, 0.01, f"← more in {la}", transform=ax.transAxes, ha="left", va="bottom", fontsize=9)
    ax.text(0.99, 0.01, f"more in {lb} →", transform=ax.transAxes, ha="right", va="bottom", fontsize=9)
    return style.finish(
        ax,
        title="Distinctive terms",
        xlabel="log-likelihood G² (strength of the difference; |G²| > 3.84: p < 0.05)",
        ylabel="",
        source=source,
    )


def plot_theme_change(
    themes: pd.DataFrame,
    *,
    labels: tuple[str, str] | None = None,
    ax: Axes | None = None,
    source: Any = None,
) -> Axes:
    """Dumbbells: each theme's share of the words in ``a`` (dot) and ``b`` (dot), joined by a
    line, in percent. ``themes`` is ``compare.theme_change(a, b)``."""
    import numpy as np

    la, lb = _labels(labels)
    ax = style.axes(ax, figsize=(8.0, 0.45 * len(themes) + 1.6))
    y = np.arange(len(themes))
    a = themes["share_a"].fillna(0).to_numpy() * 100
    b = themes["share_b"].fillna(0).to_numpy() * 100
    ax.hlines(y, np.minimum(a, b), np.maximum(a, b), color="#999999", linewidth=2)
    ax.scatter(a, y, color=style.PALETTE[0], label=la, zorder=3, s=36)
    ax.scatter(b, y, color=style.PALETTE[1], label=lb, zorder=3, s=36)
    ax.set_yticks(y, themes["label"].astype(str).tolist())
    ax.invert_yaxis()
    style.legend_beside(ax)
    return style.finish(ax, title="Theme shares", xlabel="share of the words (%)", ylabel="", source=source)


def plot_place_change(
    places: pd.DataFrame,
    *,
    n: int = 15,
    labels: tuple[str, str] | None = None,
    ax: Axes | None = None,
    source: Any = None,
) -> Axes:
    """Bars of the change in mentions (``b − a``) for the ``n`` places that changed most; bars
    of gained places in one colour, lost in another, the rest grey. ``places`` is
    ``compare.place_change(a, b)``."""
    import numpy as np

    la, lb = _labels(labels)
    name = places.columns[0]
    changed = places[places["change"] != 0]
    top = changed.reindex(changed["change"].abs().sort_values(ascending=False, kind="mergesort").index).head(n)
    ax = style.axes(ax, figsize=(8.0, 0.32 * max(len(top), 1) + 1.6))
    colours = {"gained": style.PALETTE[2], "lost": style.PALETTE[3]}
    y = np.arange(len(top))
    ax.barh(y, top["change"], color=[colours.get(s, "#999999") for s in top["status"]], height=0.7)
    ax.set_yticks(y, [f"{style.short(p)} ({s})" for p, s in zip(top[name].astype(str), top["status"], strict=True)])
    ax.invert_yaxis()
    ax.axvline(0, color="#333333", linewidth=0.8)
    if top.empty:
        ax.text(0.5, 0.5, "no place named more or less often", transform=ax.transAxes, ha="center", va="center")
    return style.finish(
        ax,
        title="Places gained and lost",
        xlabel=f"change in mentions ({lb} − {la})",
        ylabel="",
        source=source,
    )


def _period_ticks(ax: Axes, periods: list[str], *, axis: str = "x", max_labels: int = 12) -> None:
    step = max(1, -(-len(periods) // max_labels))
    idx = list(range(0, len(periods), step))
    if axis == "x":
        ax.set_xticks(idx, [periods[i] for i in idx], rotation=45 if len(periods[0]) > 4 else 0, ha="right")


def plot_readability_over_time(
    series: pd.DataFrame,
    *,
    measure: str = "flesch_kincaid_grade",
    documents: pd.DataFrame | None = None,
    ax: Axes | None = None,
    source: Any = None,
) -> Axes:
    """The mean ``measure`` per period (line and dots; dot size = documents), with the range of
    the middle half of the documents (25th–75th percentile) shaded when ``documents``
    (``TimeSeries.documents``) is given.

    ``series`` is ``TimeSeries.readability``. Returns the Axes.
    """
    import numpy as np

    from ..readability import FORMULAS

    info = {f.column: f for f in FORMULAS}
    if measure not in info:
        raise PlotError(f"measure= must be one of {sorted(info)}, not {measure!r}")
    periods = series["period"].astype(str).tolist()
    ax = style.axes(ax, figsize=(9.0, 4.5))
    x = np.arange(len(periods))
    y = series[measure].to_numpy(dtype=float)
    if documents is not None and len(documents):
        q = documents.groupby("period")[measure].quantile([0.25, 0.75]).unstack()
        q = q.reindex(periods)
        ax.fill_between(x, q[0.25], q[0.75], color=style.PALETTE[0], alpha=0.15, linewidth=0, label="middle half")
    ax.plot(x, y, color=style.PALETTE[0], linewidth=1.5)
    sizes = 8 + 60 * series["documents"].to_numpy() / max(1, int(series["documents"].max()))
    ax.scatter(x, y, s=sizes, color=style.PALETTE[0], zorder=3, label="mean (dot size: documents)")
    _period_ticks(ax, periods)
    style.legend_beside(ax)
    f = info[measure]
    return style.finish(ax, title=f"{f.name} over time", xlabel="period", ylabel=f"mean {f.unit}", source=source)


def _heatmap(wide: pd.DataFrame, ax: Axes, cbar_label: str, sqrt: bool = False) -> None:
    import numpy as np
    from matplotlib.colors import Normalize, PowerNorm

    values = wide.to_numpy(dtype=float)
    import matplotlib

    masked = np.ma.masked_invalid(values)
    cmap = matplotlib.colormaps["Blues"].with_extremes(bad="#dddddd")  # grey: no documents
    top = float(np.nanmax(values)) if np.isfinite(values).any() else 1.0
    norm = PowerNorm(gamma=0.5, vmin=0, vmax=max(top, 1e-12)) if sqrt else Normalize(vmin=0, vmax=max(top, 1e-12))
    image = ax.imshow(masked, aspect="auto", cmap=cmap, interpolation="nearest", norm=norm)
    ax.set_yticks(range(len(wide.index)), [str(i) for i in wide.index])
    _period_ticks(ax, [str(c) for c in wide.columns])
    ax.grid(False)
    bar = ax.figure.colorbar(image, ax=ax, fraction=0.04, pad=0.02)
    bar.set_label(cbar_label)


def plot_themes_over_time(series: pd.DataFrame, *, ax: Axes | None = None, source: Any = None) -> Axes:
    """Heatmap: themes (rows, dictionary order) × periods (columns), colour = share of the words
    (%); periods without documents are grey. ``series`` is ``TimeSeries.themes``."""
    wide = series.pivot(index="label", columns="period", values="share") * 100
    order = list(dict.fromkeys(series["label"].astype(str)))
    wide = wide.loc[order]
    ax = style.axes(ax, figsize=(10.0, 0.4 * len(wide) + 2.0))
    _heatmap(wide, ax, "share of the words (%)")
    return style.finish(ax, title="Theme shares over time", xlabel="period", ylabel="", source=source)


def plot_places_over_time(
    series: pd.DataFrame, *, sqrt: bool = True, ax: Axes | None = None, source: Any = None
) -> Axes:
    """Heatmap: the most-mentioned countries (rows, most mentioned first) × periods (columns),
    colour = mentions in the period, on a square-root scale by default (``sqrt=False``: linear)
    so that one dominant country does not wash out the others. ``series`` is
    ``TimeSeries.places``."""
    wide = series.pivot(index="country", columns="period", values="mentions")
    order = list(dict.fromkeys(series["country"].astype(str)))
    wide = wide.loc[order] if len(order) else wide
    ax = style.axes(ax, figsize=(10.0, 0.4 * max(len(wide), 1) + 2.0))
    if wide.empty:
        ax.text(0.5, 0.5, "no country named", transform=ax.transAxes, ha="center", va="center")
    else:
        _heatmap(wide, ax, "mentions (square-root scale)" if sqrt else "mentions", sqrt=sqrt)
    return style.finish(ax, title="Countries named over time", xlabel="period", ylabel="", source=source)
