"""The one place where figures are styled: palette, fonts, titles, labels and source lines.

Use ``axes(ax, figsize)`` to get an Axes to draw on, and ``finish(ax, title=..., xlabel=...,
ylabel=..., source=...)`` once drawn. ``source`` is a ``Statement``, a corpus table or a string;
it becomes a grey line under the axes ("Source: <title>, 22 March 2017").

Text from a statement is drawn as written: ``finish`` turns matplotlib's mathtext off for every
text of the figure (a ``$`` in a title or a term is a dollar sign, and ``$x_1_2$`` cannot break
a chart), and shortens labels that would make the figure absurd (``short``: tick labels over
``MAX_LABEL`` characters, other texts over ``MAX_TEXT``, end in "…").

A chart stays a chart whatever the input's size: a figure is at most ``MAX_FIGSIZE`` inches, an
axis with more than ``MAX_TICKS`` ticks (one per paragraph of a 10 MB statement...) shows every
k-th, and an Axes with more than ``MAX_NOTES`` numbers printed in it (a heatmap's cells) drops them
and says so — they could not be read, and drawing them took minutes.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.axes import Axes

#: Okabe–Ito colour-blind-safe palette, then greys.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000", "#999999", "#666666"]
RC = {
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.prop_cycle": None,  # filled in below
    "svg.hashsalt": "statement-analysis",
    "text.parse_math": False,  # texts made while the style is on (see plain_text for the rest)
}


#: the longest tick label drawn (characters); longer ones are cut and end in "…"
MAX_LABEL = 40
#: the longest title, legend entry or note drawn (characters)
MAX_TEXT = 200
#: the largest figure (inches, width and height)
MAX_FIGSIZE = (16.0, 24.0)
#: the most tick labels on one axis
MAX_TICKS = 60
#: the most texts (values printed on bars or cells) in one Axes
MAX_NOTES = 600


def short(text: Any, n: int = MAX_LABEL) -> str:
    """``str(text)``, cut to ``n`` characters (the last one "…") when longer."""
    s = str(text)
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


def _thin_ticks(axis: Any) -> None:
    """At most ``MAX_TICKS`` ticks on ``axis``: every k-th fixed label, or integer ticks that
    matplotlib places where the ticks were one per position."""
    import math

    from matplotlib.ticker import FixedFormatter, FixedLocator, MaxNLocator

    locator = axis.get_major_locator()
    if not isinstance(locator, FixedLocator) or len(locator.locs) <= MAX_TICKS:
        return
    fmt = axis.get_major_formatter()
    if isinstance(fmt, FixedFormatter):
        step = math.ceil(len(locator.locs) / (MAX_TICKS // 2))
        locs = list(locator.locs)[::step]
        labels = list(fmt.seq)[::step]
        axis.set_major_locator(FixedLocator(locs))
        axis.set_major_formatter(FixedFormatter(labels))
    else:
        axis.set_major_locator(MaxNLocator(nbins=MAX_TICKS // 3, integer=True))


def _count_ticks(axis: Any) -> None:
    """Whole numbers only on an axis of counts: matplotlib's automatic ticks (the same steps as
    its default locator) without 0.25 or 2.5 mentions. A categorical axis is left alone."""
    from matplotlib.ticker import FixedLocator, MaxNLocator

    if not isinstance(axis.get_major_locator(), FixedLocator):
        axis.set_major_locator(MaxNLocator(nbins="auto", steps=[1, 2, 2.5, 5, 10], integer=True))


def _fewer_notes(ax: Any) -> None:
    """Drop the values printed in ``ax`` when there are more than ``MAX_NOTES``, and say so."""
    notes = [t for t in ax.texts if t.get_transform() == ax.transData]
    if len(notes) <= MAX_NOTES:
        return
    for t in notes:
        t.remove()
    ax.text(
        1.0,
        1.01,
        f"{len(notes):,} values not printed (too many to read)",
        transform=ax.transAxes,
        ha="right",
        va="bottom",
        fontsize=7.5,
        color="#555555",
    )


def plain_text(fig: Any) -> None:
    """Every text of ``fig`` drawn as written (no mathtext) and no longer than ``MAX_TEXT``;
    fixed tick labels no longer than ``MAX_LABEL``."""
    from matplotlib.text import Text
    from matplotlib.ticker import FixedFormatter

    for ax in fig.axes:
        _fewer_notes(ax)
        for axis in (ax.xaxis, ax.yaxis):
            _thin_ticks(axis)
            fmt = axis.get_major_formatter()
            if isinstance(fmt, FixedFormatter) and any(len(str(v)) > MAX_LABEL for v in fmt.seq):
                fmt.seq = [short(v) for v in fmt.seq]
                for tick in axis.get_major_ticks():
                    for label in (tick.label1, tick.label2):
                        label.set_text(short(label.get_text()))
    for t in fig.findobj(Text):
        t.set_parse_math(False)
        if len(t.get_text()) > MAX_TEXT:
            t.set_text(short(t.get_text(), MAX_TEXT))


def rc() -> dict[str, Any]:
    """Matplotlib rc parameters of the house style."""
    from cycler import cycler

    out = dict(RC)
    out["axes.prop_cycle"] = cycler(color=PALETTE)
    return out


def axes(ax: Axes | None = None, figsize: tuple[float, float] = (8.0, 4.5)) -> Axes:
    """Return ``ax``, or a new Axes on a new figure of ``figsize`` inches in the house style."""
    import matplotlib
    import matplotlib.pyplot as plt

    if ax is not None:
        return ax
    figsize = (min(float(figsize[0]), MAX_FIGSIZE[0]), min(float(figsize[1]), MAX_FIGSIZE[1]))
    with plt.rc_context(rc()):
        _, new = plt.subplots(figsize=figsize, layout="constrained")
        # The first figure may switch Jupyter's inline backend on, which turns interactive mode
        # on; leaving rc_context would turn it off again and later figures would not show.
        interactive = matplotlib.is_interactive()
    matplotlib.interactive(interactive)
    return new


def legend_beside(ax: Axes, **kwargs: Any) -> Any:
    """The house legend: outside the axes, to the right of the plotting area, top-aligned, so that
    it never covers the title or the data. Takes ``Axes.legend``'s arguments; returns the legend."""
    opts = {"loc": "upper left", "bbox_to_anchor": (1.01, 1.0), "borderaxespad": 0, "frameon": False, "fontsize": 8}
    opts.update(kwargs)
    return ax.legend(**opts)


def need_columns(table: Any, columns: Any, *, what: str) -> None:
    """Refuse (``PlotError``) a ``table`` that is not a DataFrame holding ``columns``; ``what``
    names the table the chart expects, e.g. ``"places.country_counts(m)"``."""
    from ..errors import PlotError

    if not hasattr(table, "columns"):
        raise PlotError(f"expected a table from {what}, not {type(table).__name__}")
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise PlotError(f"expected a table from {what}: it has no {', '.join(map(repr, missing))} column")


def source_text(source: Any) -> str:
    """The source line for ``source`` (a Statement, a corpus table or a string)."""
    if isinstance(source, str):
        return source if source.startswith("Source:") else f"Source: {source}"
    from .._docs import describe_source

    return describe_source(source)


def finish(ax: Axes, *, title: str, xlabel: str, ylabel: str, source: Any, note: str | None = None) -> Axes:
    """Set the title, the axis labels (say the units) and the source line; returns ``ax``.

    The source line belongs to the axes, not the figure: it sits under the x axis (under its
    tick labels and label), left-aligned with the axes, so that panels of one figure each keep
    their own and a constrained layout makes room for it. ``note`` is a line of explanation
    placed the same way, above the source line."""
    ax.set_title(title, loc="left", fontweight="bold")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    for axis, label in ((ax.xaxis, xlabel), (ax.yaxis, ylabel)):
        if label.endswith("(count)"):
            _count_ticks(axis)
    for old in [t for t in ax.texts if t.get_gid() in (SOURCE_GID, NOTE_GID)]:
        old.remove()  # finishing twice keeps one source line
    anchor: Any = _under_x_axis(ax)
    if note:
        anchor = ax.annotate(
            note,
            xy=(0, 0),
            xycoords=anchor,
            xytext=(0, -4),
            textcoords="offset points",
            fontsize=7.5,
            color="#333333",
            ha="left",
            va="top",
            annotation_clip=False,
            gid=NOTE_GID,
        )
    ax.annotate(
        source_text(source),
        xy=(0, 0),
        xycoords=anchor,
        xytext=(0, -4) if not note else (0, -2),
        textcoords="offset points",
        fontsize=7.5,
        color="#555555",
        ha="left",
        va="top",
        annotation_clip=False,
        gid=SOURCE_GID,
    )
    fig = ax.figure
    plain_text(fig)
    engine = fig.get_layout_engine() if hasattr(fig, "get_layout_engine") else None
    if engine is not None and hasattr(engine, "set"):
        # a little more room at the figure's edges: the source line's place is only known when
        # drawn, after the layout's first pass
        with contextlib.suppress(TypeError):
            engine.set(h_pad=0.12)
    return ax


#: the ``gid`` of every source line, so that tests and callers can find it
SOURCE_GID = "source-line"
NOTE_GID = "note-line"


def nothing_to_show(ax: Axes, message: str) -> Axes:
    """Say on a finished chart that it has nothing to draw (``message``, centred, in grey) instead
    of empty axes with made-up ticks (-0.04 to 0.04); its title, labels and source line stay, and
    its legend goes. Returns ``ax``."""
    ax.set_xticks([])
    ax.set_yticks([])
    if ax.get_legend() is not None:
        ax.get_legend().remove()
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center", color="#555555")
    return ax


def _under_x_axis(ax: Axes) -> Any:
    """A coordinate system (for ``annotate``) whose origin is the axes' left edge, just under the
    lowest of the axes box, its x tick labels and its x label, measured when drawn."""

    def bbox(renderer: Any) -> Any:
        from matplotlib.transforms import Bbox

        box = ax.get_window_extent(renderer)
        bottom = box.y0
        if ax.axison and ax.xaxis.get_visible():
            xb = ax.xaxis.get_tightbbox(renderer)
            if xb is not None and xb.height > 0:
                bottom = min(bottom, xb.y0)
        return Bbox.from_extents(box.x0, bottom, box.x1, box.y1)

    return bbox


def save(ax_or_fig: Any, path: Any, **kwargs: Any) -> None:
    """Save a figure reproducibly: fixed DPI and no time stamp or version in the metadata."""
    fig = getattr(ax_or_fig, "figure", ax_or_fig)
    meta = {"Software": None} if str(path).lower().endswith(".png") else {"Date": None, "Creator": None}
    fig.savefig(path, metadata=meta, dpi=kwargs.pop("dpi", 100), **kwargs)
