"""Theme charts: shares per paragraph (stacked bars), a paragraphs × themes heatmap, overall shares.

They draw the tables of ``statement_analysis.themes`` and compute nothing themselves:
``plot_paragraph_shares`` and ``plot_heatmap`` take ``themes.code(x)`` (by paragraph) and
``plot_overall`` takes ``themes.totals(...)``. Colours follow the dictionary order, one per theme.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import PlotError
from . import style

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = ["plot_heatmap", "plot_overall", "plot_paragraph_shares"]


def _one_document(coded: pd.DataFrame, doc_id: str | None) -> pd.DataFrame:
    if "para_id" not in coded.columns:
        raise PlotError("expected a table from themes.code(x) by paragraph (it has no 'para_id' column)")
    docs = coded["doc_id"].unique().tolist()
    if doc_id is None:
        if len(docs) != 1:
            raise PlotError(f"the table holds {len(docs)} documents; choose one with doc_id=")
        return coded
    if doc_id not in docs:
        raise PlotError(f"doc_id {doc_id!r} is not in the table")
    return coded[coded["doc_id"] == doc_id]


def _wide(coded: pd.DataFrame, value: str) -> pd.DataFrame:
    order = list(dict.fromkeys(coded["label"].tolist()))
    wide = coded.pivot(index="para_id", columns="label", values=value)
    return wide[order].sort_index()


def _colours(n: int) -> list[str]:
    pal = style.PALETTE
    return [pal[i % len(pal)] for i in range(n)]


def plot_paragraph_shares(
    coded: pd.DataFrame, *, ax: Axes | None = None, source: Any = None, doc_id: str | None = None
) -> Axes:
    """Stacked bars: for each paragraph, in statement order, the share of its words matched by each
    theme (percent). Bars can exceed the matched part of a paragraph only where one word counts
    for two themes. Returns the Axes."""
    import numpy as np

    data = _one_document(coded, doc_id)
    wide = _wide(data, "share") * 100
    ax = style.axes(ax, figsize=(9.0, 4.8))
    x = np.arange(len(wide))
    bottom = np.zeros(len(wide))
    for colour, label in zip(_colours(wide.shape[1]), wide.columns, strict=True):
        vals = wide[label].fillna(0).to_numpy()
        if len(wide) > style.MAX_TICKS * 5:  # thousands of paragraphs: one filled band per theme, not a bar each
            ax.fill_between(x, bottom, bottom + vals, step="mid", color=colour, label=label, linewidth=0)
        else:
            ax.bar(x, vals, bottom=bottom, color=colour, label=label, width=0.8, edgecolor="white", linewidth=0.4)
        bottom += vals
    ax.set_xticks(x, [str(p) for p in wide.index])
    ax.grid(axis="x", visible=False)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False, title="Theme")
    return style.finish(
        ax,
        title="Theme shares per paragraph",
        xlabel="Paragraph (statement order)",
        ylabel="Share of the paragraph's words (%)",
        source=source if source is not None else "statement text",
    )


def plot_heatmap(coded: pd.DataFrame, *, ax: Axes | None = None, source: Any = None, doc_id: str | None = None) -> Axes:
    """Heatmap of paragraphs (rows, statement order) × themes (columns); colour and number give the
    share of the paragraph's words matched by the theme (percent; blank where nothing matched).
    Returns the Axes."""
    import numpy as np

    data = _one_document(coded, doc_id)
    wide = _wide(data, "share") * 100
    ax = style.axes(ax, figsize=(9.0, 0.35 * len(wide) + 2.6))
    vals = wide.fillna(0).to_numpy()
    vmax = max(float(vals.max()), 1.0)
    im = ax.imshow(vals, cmap="Blues", vmin=0, vmax=vmax, aspect="auto")
    ax.set_xticks(np.arange(wide.shape[1]), wide.columns, rotation=35, ha="right", fontsize=8)
    ax.set_yticks(np.arange(len(wide)), [str(p) for p in wide.index])
    ax.grid(False)
    for (i, j), v in np.ndenumerate(vals):
        if v > 0:
            txt = f"{v:.0f}" if v >= 1 else f"{v:.1f}"
            ax.text(j, i, txt, ha="center", va="center", fontsize=7, color="white" if v > vmax * 0.6 else "black")
    cbar = ax.figure.colorbar(im, ax=ax, fraction=0.04, pad=0.02)
    cbar.set_label("Share of the paragraph's words (%)", fontsize=8)
    return style.finish(
        ax,
        title="Where each theme sits in the statement",
        xlabel="Theme",
        ylabel="Paragraph (statement order)",
        source=source if source is not None else "statement text",
    )


def plot_overall(totals: pd.DataFrame, *, ax: Axes | None = None, source: Any = None) -> Axes:
    """Horizontal bars, largest first: each theme's share of all the words (percent), from
    ``themes.totals(...)``; each bar is labelled with its number of matched words. Returns the Axes."""
    import numpy as np

    need = {"label", "n", "share"}
    if not need <= set(totals.columns):
        raise PlotError("expected a table from themes.totals(...) with label, n and share columns")
    colours = dict(zip(totals["label"], _colours(len(totals)), strict=True))
    data = totals.sort_values("share", ascending=True, kind="stable")
    ax = style.axes(ax, figsize=(8.0, 0.4 * len(data) + 1.8))
    y = np.arange(len(data))
    vals = np.nan_to_num(data["share"].to_numpy(dtype=float) * 100)  # a text with no words has NaN shares: 0 here
    ax.barh(y, vals, color=[colours[lbl] for lbl in data["label"]], height=0.7)
    ax.set_yticks(y, data["label"].tolist(), fontsize=8)
    ax.grid(axis="y", visible=False)
    for yi, v, n in zip(y, vals, data["n"], strict=True):
        ax.text(v, yi, f"  {int(n)} words", va="center", fontsize=7.5, color="#333333")
    ax.set_xlim(0, max(float(vals.max()) * 1.25, 1.0) if len(vals) else 1.0)
    return style.finish(
        ax,
        title="Overall theme shares",
        xlabel="Share of all words (%)",
        ylabel="Theme",
        source=source if source is not None else "statement text",
    )
