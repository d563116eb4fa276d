"""The one place where figures are styled: palette, fonts, titles, labels and source lines.

Use ``axes(ax, figsize)`` to get an Axes to draw on, and ``finish(ax, title=..., xlabel=...,
ylabel=..., source=...)`` once drawn. ``source`` is a ``Statement``, a corpus table or a string;
it becomes a grey line under the axes ("Source: <title>, 22 March 2017").
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
}


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
    engine = ax.figure.get_layout_engine()
    if engine is not None and hasattr(engine, "set"):
        # a little more room at the figure's edges: the source line's place is only known when
        # drawn, after the layout's first pass
        with contextlib.suppress(TypeError):
            engine.set(h_pad=0.12)
    return ax


#: the ``gid`` of every source line, so that tests and callers can find it
SOURCE_GID = "source-line"
NOTE_GID = "note-line"


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
