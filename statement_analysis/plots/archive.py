"""Charts of one statement within an archive (``compare.within``'s ``ArchivePlacement``).

* ``plot_readability_within``: per grade formula, the archive's documents (box and dots) with the
  statement marked;
* ``plot_themes_within``: per theme, the archive's documents' shares (box and dots) with the
  statement's share marked;
* ``plot_places_within``: the places the statement names, by the share of the archive's
  documents that name each.

They draw the tables and compute nothing but positions (the dots' vertical jitter is fixed, so
the same table gives the same image). The words distinctive of the statement are drawn by
``plots.compare.plot_distinctive_terms`` (``ArchivePlacement.terms`` has its columns).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import style

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from ..compare.within import ArchivePlacement

__all__ = ["plot_places_within", "plot_readability_within", "plot_themes_within"]

_GRADES = ("flesch_kincaid_grade", "gunning_fog", "smog_index", "coleman_liau_index", "automated_readability_index")
_MARK = "#c0392b"


def _strips(ax: Axes, groups: list[Any], marks: list[float], labels: tuple[str, str]) -> None:
    """One row per group: a box of the archive's values, its documents as dots, the statement as
    a red diamond; the legend beside the axes."""
    import numpy as np

    rng = np.random.default_rng(0)
    y = np.arange(len(groups))
    ax.boxplot(
        [np.asarray(g, dtype=float) for g in groups],
        positions=y,
        orientation="horizontal",
        widths=0.5,
        showfliers=False,
        patch_artist=True,
        boxprops={"facecolor": "#dde6f0", "edgecolor": "#5b7fa6"},
        medianprops={"color": "#2c4a6e"},
        whiskerprops={"color": "#5b7fa6"},
        capprops={"color": "#5b7fa6"},
    )
    for yi, g in zip(y, groups, strict=True):
        v = np.asarray(g, dtype=float)
        ax.scatter(v, yi + rng.uniform(-0.18, 0.18, len(v)), s=7, color="#5b7fa6", alpha=0.45, linewidths=0, zorder=2)
    ax.scatter(marks, y, marker="D", s=46, color=_MARK, edgecolors="white", linewidths=0.8, zorder=4, label=labels[0])
    ax.scatter(
        [], [], s=14, color="#5b7fa6", label=f"{labels[1]}: a dot per statement\n(box: middle half; line: median)"
    )
    ax.set_ylim(len(groups) - 0.5, -0.5)
    style.legend_beside(ax)


def plot_readability_within(
    p: ArchivePlacement, *, measures: tuple[str, ...] = _GRADES, ax: Axes | None = None, source: Any = None
) -> Axes:
    """Per grade formula (rows), the archive's documents' scores and the statement's (US school
    grade). Returns the Axes."""
    style.need_columns(p.readability, ["measure", "name", "statement"], what="compare.within(...).readability")
    r = p.readability.set_index("measure").loc[list(measures)]
    ax = style.axes(ax, figsize=(9.5, 0.55 * len(r) + 1.8))
    groups = [p.readability_documents[m].dropna() for m in measures]
    _strips(ax, groups, r["statement"].astype(float).tolist(), p.labels)
    ax.set_yticks(range(len(r)), r["name"].tolist())
    return style.finish(
        ax,
        title="Readability against the archive",
        xlabel="US school grade (higher = harder)",
        ylabel="",
        source=source,
    )


def plot_themes_within(p: ArchivePlacement, *, n: int = 12, ax: Axes | None = None, source: Any = None) -> Axes:
    """Per theme (rows: the ``n`` themes with the largest share in the statement or in the
    archive's upper quartile), the archive's documents' shares and the statement's (% of the
    words). Returns the Axes."""
    style.need_columns(p.themes, ["theme", "label", "statement_share"], what="compare.within(...).themes")
    th = p.themes.assign(key=p.themes[["statement_share", "archive_q3"]].max(axis=1))
    th = th.sort_values(["key", "theme"], ascending=[False, True], kind="mergesort").head(n)
    ax = style.axes(ax, figsize=(9.5, 0.42 * len(th) + 1.8))
    docs = p.theme_documents
    groups = [docs.loc[docs["theme"] == t, "share"].astype(float) * 100 for t in th["theme"]]
    _strips(ax, groups, (th["statement_share"].astype(float) * 100).tolist(), p.labels)
    ax.set_yticks(range(len(th)), [style.short(x) for x in th["label"]])
    return style.finish(
        ax,
        title="Theme shares against the archive",
        xlabel="share of the statement's words matched by the theme (%)",
        ylabel="",
        source=source,
    )


def plot_places_within(p: ArchivePlacement, *, n: int = 15, ax: Axes | None = None, source: Any = None) -> Axes:
    """The places the statement names (the ``n`` rarest in the archive), each bar the share of the
    archive's documents that name it (%), labelled with the statement's mentions. Returns the
    Axes."""
    import numpy as np

    style.need_columns(p.places, ["place", "mentions", "archive_share"], what="compare.within(...).places")
    pl = p.places.head(n)
    ax = style.axes(ax, figsize=(8.5, 0.32 * max(len(pl), 1) + 1.8))
    y = np.arange(len(pl))
    share = pl["archive_share"].astype(float).to_numpy() * 100
    ax.barh(y, share, height=0.6, color=style.PALETTE[0])
    for yi, (v, m) in enumerate(zip(share, pl["mentions"], strict=True)):
        ax.annotate(
            f"{v:.0f}% · named {int(m)}× here",
            (v, yi),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
        )
    ax.set_yticks(y, [style.short(x) for x in pl["place"]])
    ax.set_ylim(len(pl) - 0.5, -0.5)
    ax.set_xlim(0, 125)  # room for the labels right of a 100 % bar
    ax.set_xticks([0, 20, 40, 60, 80, 100])
    if not len(pl):
        ax.text(0.5, 0.5, "the statement names no place", transform=ax.transAxes, ha="center", va="center")
    return style.finish(
        ax,
        title="Places it names, by how many archive statements name them",
        xlabel=f"share of the archive's {p.documents:,} statements naming the place (%)",
        ylabel="",
        source=source,
    )
