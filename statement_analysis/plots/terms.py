"""Plots of term analyses: top-N bars, n-gram bars, two-sided keyness bars, dispersion (x-ray)
plot and word cloud.

Each function draws a table made by ``statement_analysis.terms`` (no counting happens here) on
an Axes and returns it. The word cloud is drawn by the ``wordcloud`` package from the same
frequency table as the bars, with a fixed ``random_state``, a fixed colour order and
matplotlib's bundled DejaVu Sans font, so the same table gives the same picture (and, saved with
``style.save``, the same PNG bytes) on every run and offline.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

from .._options import choice, deprecated_alias
from ..errors import PlotError
from . import style

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from wordcloud import WordCloud

__all__ = [
    "cloud_layout",
    "plot_dispersion",
    "plot_keyness",
    "plot_ngrams",
    "plot_top_terms",
    "plot_word_cloud",
    "word_cloud",
]


def _one_group(freq: pd.DataFrame) -> pd.DataFrame:
    for key in ("para_id", "doc_id"):
        if key in freq.columns and freq[key].nunique() > 1:
            raise PlotError(f"the table holds several {key} groups; pick one (freq[freq.{key} == ...]) or use by=None")
    return freq


def plot_top_terms(
    freq: pd.DataFrame,
    *,
    n: int = 20,
    ax: Axes | None = None,
    source: Any = None,
    title: str | None = None,
    color: str | None = None,
) -> Axes:
    """Horizontal bars of the ``n`` most frequent terms of a ``terms.frequencies`` table (most
    frequent at the top); x axis: occurrences."""
    freq = _one_group(freq)
    top = freq.sort_values(["n", "term"], ascending=[False, True], kind="mergesort").head(n)
    ax = style.axes(ax, figsize=(8.0, max(2.5, 0.28 * len(top) + 1.2)))
    ax.barh(range(len(top)), top["n"].to_numpy(), color=color or style.PALETTE[0])
    ax.set_yticks(range(len(top)), [style.short(t) for t in top["term"].astype(str)])
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
    for i, v in enumerate(top["n"].tolist()):
        ax.annotate(str(v), (v, i), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)
    style.finish(
        ax,
        title=title or f"Most frequent terms (top {len(top)})",
        xlabel="Occurrences (count)",
        ylabel="",
        source=source if source is not None else "statement text",
    )
    return ax if len(top) else style.nothing_to_show(ax, "no terms to show")


def plot_ngrams(
    freq: pd.DataFrame,
    *,
    n: int = 20,
    ax: Axes | None = None,
    source: Any = None,
    title: str | None = None,
) -> Axes:
    """Bars of the ``n`` most frequent phrases of a ``terms.frequencies(..., ngram=2 or 3)`` table."""
    words = int(freq["term"].astype(str).str.count(" ").max() + 1) if len(freq) else 2
    return plot_top_terms(
        freq,
        n=n,
        ax=ax,
        source=source,
        title=title or f"Most frequent {words}-word phrases",
        color=style.PALETTE[2],
    )


def plot_keyness(
    key: pd.DataFrame,
    *,
    n: int = 15,
    measure: str = "chi2",
    ax: Axes | None = None,
    source: Any = None,
    labels: tuple[str, str] = ("Target", "Reference"),
    title: str | None = None,
    target_label: str | None = None,
    reference_label: str | None = None,
) -> Axes:
    """Two-sided bars of a ``terms.keyness`` table: the ``n`` terms most over-used in the target
    (positive, right) and the ``n`` most over-used in the reference (negative, left), by
    ``measure`` (``"chi2"``, ``"g2"`` or ``"log_ratio"``). ``labels`` names the target and the
    reference in the legend and title (``target_label=``/``reference_label=`` are its deprecated
    old names)."""
    choice("measure", measure, ("chi2", "g2", "log_ratio"), error=PlotError)
    if target_label is not None or reference_label is not None:
        warnings.warn(
            "plot_keyness: target_label= and reference_label= are deprecated, use labels=(target, reference) "
            "(the old names go in the next release)",
            DeprecationWarning,
            stacklevel=2,
        )
        labels = (target_label or labels[0], reference_label or labels[1])
    if isinstance(labels, str) or len(labels) != 2:
        raise PlotError(f"labels= must be two names (target, reference), not {labels!r}")
    target_label, reference_label = map(str, labels)
    style.need_columns(key, ["term", "direction", measure], what="terms.keyness(...)")
    pos = key[key["direction"] == "target"].sort_values(measure, ascending=False, kind="mergesort").head(n)
    neg = key[key["direction"] == "reference"].sort_values(measure, ascending=True, kind="mergesort").head(n)
    rows = [*pos.itertuples(index=False), *reversed(list(neg.itertuples(index=False)))]
    ax = style.axes(ax, figsize=(8.0, max(3.0, 0.26 * len(rows) + 1.4)))
    values = [getattr(r, measure) for r in rows]
    colors = [style.PALETTE[0] if r.direction == "target" else style.PALETTE[3] for r in rows]
    ax.barh(range(len(rows)), values, color=colors)
    ax.set_yticks(range(len(rows)), [style.short(r.term) for r in rows])
    ax.invert_yaxis()
    ax.axvline(0, color="#333333", linewidth=0.8)
    ax.grid(axis="y", visible=False)
    from matplotlib.patches import Patch

    ax.legend(
        handles=[
            Patch(color=style.PALETTE[0], label=target_label),
            Patch(color=style.PALETTE[3], label=reference_label),
        ],
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        borderaxespad=0,
        frameon=False,
        fontsize=8,
    )
    names = {"chi2": "chi² (signed)", "g2": "log-likelihood G² (signed)", "log_ratio": "log ratio (log₂ of ratio)"}
    return style.finish(
        ax,
        title=title or f"Key terms: {target_label} vs {reference_label}",
        xlabel=names[measure],
        ylabel="",
        source=source if source is not None else "statement text",
    )


def plot_dispersion(
    disp: pd.DataFrame,
    *,
    x: str = "relative",
    ax: Axes | None = None,
    source: Any = None,
    title: str | None = None,
) -> Axes:
    """Lexical dispersion ("x-ray") plot of a ``terms.dispersion`` table: one line per pattern
    (per document and pattern when there are several documents), a tick at each occurrence.
    ``x="relative"`` (0–1 of the text) or ``"token_id"`` (token position)."""
    if x not in ("relative", "token_id"):
        raise PlotError(f"x= must be 'relative' or 'token_id', not {x!r}")
    patterns = list(disp.attrs.get("patterns") or dict.fromkeys(disp["pattern"].tolist()))
    docs = list(dict.fromkeys(disp["doc_id"].tolist())) or [None]
    lines = [(d, p) for d in docs for p in patterns]
    ax = style.axes(ax, figsize=(8.0, max(2.0, 0.35 * len(lines) + 1.2)))
    for i, (d, p) in enumerate(lines):
        sel = disp[(disp["pattern"] == p) & ((disp["doc_id"] == d) if d is not None else True)]
        ax.plot(
            sel[x].to_numpy(),
            [i] * len(sel),
            linestyle="none",
            marker="|",
            markersize=14,
            color=style.PALETTE[i % 8],
        )
    labels = [style.short(p if len(docs) == 1 else f"{d}: {p}") for d, p in lines]
    ax.set_yticks(range(len(lines)), labels)
    ax.set_ylim(len(lines) - 0.5, -0.5)
    ax.grid(axis="y", visible=False)
    if x == "relative":
        ax.set_xlim(0, 1)
    elif len(disp):
        ax.set_xlim(0, int(disp["n_tokens"].max()))
    return style.finish(
        ax,
        title=title or "Where the terms occur",
        xlabel="Position in the text (share of tokens, 0–1)" if x == "relative" else "Position in the text (token)",
        ylabel="",
        source=source if source is not None else "statement text",
    )


def _font_path() -> str:
    from pathlib import Path

    import matplotlib

    return str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf")


def cloud_layout(
    freq: pd.DataFrame,
    *,
    max_words: int = 100,
    width: int = 800,
    height: int = 450,
    random_state: int = 0,
) -> WordCloud:
    """The laid-out ``wordcloud.WordCloud`` of the ``max_words`` most frequent terms of a
    frequency table (sizes from ``n``); deterministic for a given table and ``random_state``."""
    from wordcloud import WordCloud

    freq = _one_group(freq)
    top = freq.sort_values(["n", "term"], ascending=[False, True], kind="mergesort").head(max_words)
    counts: dict[str, float] = {}
    for t, v in zip(top["term"], top["n"], strict=True):
        # a 1 MB "word" would make wordcloud try every font size on it: cut like chart labels
        key = style.short(t)
        counts[key] = counts.get(key, 0.0) + float(v)
    order = {t: i for i, t in enumerate(counts)}
    palette = style.PALETTE[:6]

    def color(word: str, **_: Any) -> str:
        return palette[order.get(word, 0) % len(palette)]

    cloud = WordCloud(
        width=width,
        height=height,
        font_path=_font_path(),
        background_color="white",
        max_words=max_words,
        random_state=random_state,
        color_func=color,
        prefer_horizontal=0.9,
        relative_scaling=0.5,
        margin=2,
    )
    if counts:
        cloud.generate_from_frequencies(counts)
    return cloud


def plot_word_cloud(
    freq: pd.DataFrame,
    *,
    max_words: int = 100,
    ax: Axes | None = None,
    source: Any = None,
    title: str | None = None,
    random_state: int = 0,
) -> Axes:
    """A word cloud of a ``terms.frequencies`` table (word size grows with ``n``), drawn with the
    wordcloud package; same table and ``random_state`` → same image."""
    import numpy as np

    cloud = cloud_layout(freq, max_words=max_words, random_state=random_state)
    layout = getattr(cloud, "layout_", [])  # set only when there was a word to lay out
    ax = style.axes(ax, figsize=(8.0, 4.9))
    image = cloud.to_array() if layout else np.full((450, 800, 3), 255, dtype=np.uint8)
    ax.imshow(image, interpolation="nearest")
    ax.set_axis_off()
    if not layout:
        ax.text(0.5, 0.5, "no terms to show", transform=ax.transAxes, ha="center", va="center", color="#555555")
    return style.finish(
        ax,
        title=title or f"Word cloud of the {len(layout)} most frequent terms",
        xlabel="",
        ylabel="",
        source=source if source is not None else "statement text",
    )


#: the old name of ``plot_word_cloud`` (deprecated; goes in the next release)
word_cloud = deprecated_alias(plot_word_cloud, "word_cloud")
