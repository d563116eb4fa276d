"""Readability plots: grade paragraph by paragraph, the spread of sentence grades, and the
statement placed on the bands.

Each function takes a table from ``statement_analysis.readability`` (``scores(...)``,
``score_bands()``) and only draws; it returns the Axes. Not here: any computation of scores.
"""

from __future__ import annotations

import math
import statistics
from typing import TYPE_CHECKING, Any

from .._options import renamed
from . import style

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = ["plot_against_bands", "plot_grade_by_paragraph", "plot_sentence_grades"]

# light fills for the bands, easiest first (colour-blind-safe hues, faded)
_BAND_COLOURS = ["#D9EEF7", "#E3F1E9", "#FBF0D3", "#F8DFD0", "#EDD9E6", "#E6E6E6", "#F2F2F2"]


def _bands(bands: pd.DataFrame | None, scale: str) -> pd.DataFrame:
    if bands is None:
        from ..readability import score_bands

        bands = score_bands()
    return bands[bands["scale"] == scale].sort_values("low").reset_index(drop=True)


def _label(metric: str) -> str:
    from ..readability import FORMULAS

    for f in FORMULAS:
        if f.column == metric:
            return f.name
    return metric


def _shade(ax: Axes, bands: pd.DataFrame, lo: float, hi: float, *, vertical: bool) -> None:
    """Shade and name each band between ``lo`` and ``hi`` (data units); the same colour for the
    same difficulty on every scale (Flesch's runs the other way: higher is easier)."""
    easier_up = bool((bands["scale"] == "flesch_reading_ease").all())
    for i, b in bands.iterrows():
        a, z = max(b["low"], lo), min(b["high"], hi)
        if a >= z:
            continue
        rank = len(bands) - 1 - int(i) if easier_up else int(i)
        colour = _BAND_COLOURS[rank % len(_BAND_COLOURS)]
        if vertical:
            ax.axvspan(a, z, color=colour, zorder=0, lw=0)
            ax.text((a + z) / 2, 0.98, b["label"], transform=ax.get_xaxis_transform(), ha="center", va="top",
                    fontsize=7.5, color="#444444", rotation=90 if z - a < (hi - lo) / 8 else 0)  # fmt: skip
        else:
            ax.axhspan(a, z, color=colour, zorder=0, lw=0)
            ax.text(0.995, (a + z) / 2, b["label"], transform=ax.get_yaxis_transform(), ha="right", va="center",
                    fontsize=7.5, color="#444444")  # fmt: skip


@renamed(metric="measure")
def plot_grade_by_paragraph(
    table: pd.DataFrame,
    *,
    measure: str = "flesch_kincaid_grade",
    overall: float | None = None,
    bands: pd.DataFrame | None = None,
    ax: Axes | None = None,
    source: Any = None,
) -> Axes:
    """Grade of each paragraph in reading order, on the school-grade bands.

    ``table`` is ``scores(statement, by="paragraph")`` (one document); ``measure`` a grade column;
    ``overall`` the whole statement's grade, drawn as a dashed line when given. Marker size
    shows the paragraph's words.
    """
    style.need_columns(table, [measure, "para_id", "words"], what="readability.scores(x, by='paragraph')")
    ax = style.axes(ax)
    x = table["para_id"].to_numpy()
    y = table[measure].to_numpy(dtype=float)
    top = max(20.0, math.ceil(float(y.max(initial=0)) + 1))
    bottom = min(0.0, math.floor(float(y.min(initial=0)) - 1))
    _shade(ax, _bands(bands, "grade"), bottom, top, vertical=False)
    sizes = 12 + 60 * table["words"].to_numpy(dtype=float) / max(1, table["words"].max())
    ax.plot(x, y, color=style.PALETTE[0], lw=1.2, zorder=2)
    ax.scatter(x, y, s=sizes, color=style.PALETTE[0], zorder=3, label=f"{_label(measure)}\n(marker size: words)")
    if overall is not None:
        ax.axhline(overall, color=style.PALETTE[3], ls="--", lw=1.2, zorder=2, label=f"whole statement:\n{overall:.1f}")
    ax.set_ylim(bottom, top)
    ax.set_xlim(0.5, max(1, len(x)) + 0.5)
    ax.set_xticks(x)
    style.legend_beside(ax)
    return style.finish(
        ax,
        title=f"{_label(measure)} paragraph by paragraph",
        xlabel="paragraph (reading order)",
        ylabel="US school grade",
        source=source if source is not None else "statement text",
    )


@renamed(metric="measure")
def plot_sentence_grades(
    table: pd.DataFrame,
    *,
    measure: str = "flesch_kincaid_grade",
    bands: pd.DataFrame | None = None,
    bins: int = 20,
    ax: Axes | None = None,
    source: Any = None,
) -> Axes:
    """Histogram of sentence grades (``table`` = ``scores(x, by="sentence")``) on the
    school-grade bands, with the median marked."""
    style.need_columns(table, [measure], what="readability.scores(x, by='sentence')")
    ax = style.axes(ax)
    y = table[measure].to_numpy(dtype=float)
    lo = min(0.0, math.floor(float(y.min(initial=0))))
    hi = max(20.0, math.ceil(float(y.max(initial=0))))
    _shade(ax, _bands(bands, "grade"), lo, hi, vertical=True)
    ax.hist(y, bins=bins, range=(lo, hi), color=style.PALETTE[0], edgecolor="white", zorder=2)
    if len(y):
        med = float(statistics.median(y))
        ax.axvline(med, color=style.PALETTE[3], ls="--", lw=1.2, zorder=3, label=f"median sentence: {med:.1f}")
        style.legend_beside(ax)
    ax.set_xlim(lo, hi)
    ax.yaxis.get_major_locator().set_params(integer=True)
    return style.finish(
        ax,
        title=f"{_label(measure)} of each sentence ({len(y)} sentences)",
        xlabel="US school grade",
        ylabel="sentences",
        source=source if source is not None else "statement text",
    )


def plot_against_bands(
    row: pd.Series | pd.DataFrame,
    *,
    scale: str = "grade",
    bands: pd.DataFrame | None = None,
    ax: Axes | None = None,
    source: Any = None,
) -> Axes:
    """One statement placed on the bands.

    ``row`` is a row of ``scores(statement)`` (or the one-row table). ``scale="grade"`` draws
    every grade formula as a dot on the school-grade bands; ``"flesch_reading_ease"`` and
    ``"dale_chall_readability_score"`` draw that one score on its own table of bands.
    """
    from ..readability import FORMULAS

    if hasattr(row, "columns"):
        row = row.iloc[0]
    ax = style.axes(ax, figsize=(8.0, 3.8 if scale == "grade" else 2.4))
    if scale == "grade":
        formulas = [f for f in FORMULAS if f.grade]
        values = [float(row[f.column]) for f in formulas]
        lo = min(0.0, math.floor(min(values)) - 1)
        hi = max(20.0, math.ceil(max(values)) + 2)
        _shade(ax, _bands(bands, "grade"), lo, hi, vertical=True)
        ys = list(range(len(formulas)))[::-1]
        ax.scatter(values, ys, s=50, color=style.PALETTE[0], zorder=3)
        for v, yy in zip(values, ys, strict=True):
            ax.annotate(f"{v:.1f}", (v, yy), xytext=(6, 0), textcoords="offset points", va="center", fontsize=8)
        ax.set_yticks(ys, [f.name for f in formulas])
        ax.set_ylim(-0.7, len(formulas) - 0.3)
        ax.set_xlim(lo, hi)
        ax.grid(axis="y", visible=False)
        title, xlabel, ylabel = "The statement on the school-grade bands", "US school grade", ""
    else:
        value = float(row[scale])
        b = _bands(bands, scale)
        finite = [v for v in [*b["low"], *b["high"]] if math.isfinite(v)]
        lo = min(0.0 if scale == "flesch_reading_ease" else min(finite) - 1, math.floor(value) - 5)
        hi = max(max(finite), math.ceil(value) + 1)
        _shade(ax, b, lo, hi, vertical=True)
        ax.axvline(value, color=style.PALETTE[3], lw=2.5, zorder=3)
        ax.annotate(f"{value:.1f}", (value, 0.5), xycoords=("data", "axes fraction"), xytext=(5, 0),
                    textcoords="offset points", fontsize=9, fontweight="bold", color=style.PALETTE[3])  # fmt: skip
        ax.set_xlim(lo, hi)
        ax.set_yticks([])
        ax.grid(visible=False)
        name = _label(scale)
        title = f"{name}: the statement on its bands"
        xlabel = f"{name} ({'points, higher = easier' if scale == 'flesch_reading_ease' else 'points'})"
        ylabel = ""
    return style.finish(
        ax, title=title, xlabel=xlabel, ylabel=ylabel, source=source if source is not None else "statement text"
    )
