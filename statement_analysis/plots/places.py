"""Maps and bars of place mentions: world choropleth, city bubbles, a regional view, top places.

Each function takes a summary table from ``statement_analysis.places`` (``country_counts`` or
``place_counts``), draws on ``ax`` (or a new figure in the house style) and returns the Axes.
Nothing is computed here beyond scaling; nothing is downloaded: the basemap is the Natural Earth
1:110m admin-0 layer shipped with the package (``places.world_polygons()``), drawn with plain
matplotlib polygons in longitude/latitude (equirectangular; the regional view corrects the
aspect for its mid-latitude). Countries are keyed on Natural Earth's ADM0_A3 code, because its
ISO_A3 field is -99 for France, Norway and a few others; the table's ``iso3`` is mapped to it.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from .._options import renamed
from . import style

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = ["POINT_KINDS", "plot_city_bubbles", "plot_country_choropleth", "plot_regional", "plot_top_places"]

LAND = "#e9e9e9"
EDGE = "#ffffff"
BINS = (1, 2, 5, 10, 20, 50, 100, 1000)  # lower bounds of the colour classes (mentions)
# ISO 3166 codes whose Natural Earth ADM0_A3 differs (Natural Earth groups or renames them)
_ISO_TO_ADM0 = {"SSD": "SDS", "PSE": "PSX", "XKX": "KOS", "ESH": "SAH", "SJM": "NOR", "GUF": "FRA"}


def _adm0_for(iso3: str, polys: dict[str, dict[str, Any]]) -> str | None:
    if iso3 in polys:
        return iso3
    if iso3 in _ISO_TO_ADM0 and _ISO_TO_ADM0[iso3] in polys:
        return _ISO_TO_ADM0[iso3]
    for code, p in polys.items():
        if p["iso_a3"] == iso3:
            return code
    return None


def _weighted_median(values: Any, weights: Any) -> float:
    pairs = sorted(zip(values.tolist(), weights.tolist(), strict=True))
    half = sum(w for _, w in pairs) / 2
    acc = 0.0
    for v, w in pairs:
        acc += w
        if acc >= half:
            return float(v)
    return float(pairs[-1][0])


def _ring_area(r: list[list[float]]) -> float:
    return 0.5 * abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(r, r[1:] + r[:1], strict=True)))


def _basemap(ax: Axes, colours: dict[str, str] | None = None, *, zorder: float = 1.0) -> None:
    """Every country in light grey (or its colour in ``colours``, keyed by ADM0_A3); larger rings
    first so that enclaves (Lesotho) stay visible."""
    from matplotlib.collections import PolyCollection

    from ..places import world_polygons

    colours = colours or {}
    rings: list[tuple[float, str, list[list[float]]]] = []
    for code, p in sorted(world_polygons().items()):
        for r in p["rings"]:
            rings.append((_ring_area(r), code, r))
    rings.sort(key=lambda t: (-t[0], t[1]))
    coll = PolyCollection(
        [r for _, _, r in rings],
        facecolors=[colours.get(code, LAND) for _, code, _ in rings],
        edgecolors=EDGE,
        linewidths=0.4,
        zorder=zorder,
    )
    ax.add_collection(coll)


def _map_frame(ax: Axes, xlim: tuple[float, float], ylim: tuple[float, float]) -> None:
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    mid = math.radians((ylim[0] + ylim[1]) / 2)
    ax.set_aspect(1 / max(math.cos(mid), 0.2))
    ax.grid(False)
    ax.set_facecolor("#f7fbff")


def _classes(values: list[int]) -> list[tuple[int, int | None]]:
    top = max(values) if values else 1
    bounds = [b for b in BINS if b <= top]
    return [(lo, (bounds[i + 1] - 1) if i + 1 < len(bounds) else None) for i, lo in enumerate(bounds)]


@renamed(value="measure")
def plot_country_choropleth(
    countries: pd.DataFrame,
    *,
    measure: str = "mentions",
    ax: Axes | None = None,
    source: Any = None,
    cmap: str = "Blues",
    title: str = "Countries named, by number of mentions",
) -> Axes:
    """World map with each country shaded by ``countries[measure]`` (a ``places.country_counts``
    table: ``iso3`` and counts). Classes: 1, 2–4, 5–9, 10–19, 20–49, 50–99, 100+ mentions; countries
    not named stay grey. Returns the Axes."""
    import matplotlib as mpl
    from matplotlib.patches import Patch

    from ..places import world_polygons

    style.need_columns(countries, ["iso3", measure], what="places.country_counts(m)")
    ax = style.axes(ax, figsize=(9.0, 4.4))
    polys = world_polygons()
    vals = {str(i): int(v) for i, v in zip(countries["iso3"], countries[measure], strict=True) if int(v) > 0}
    classes = _classes(list(vals.values()))
    cm = mpl.colormaps[cmap]
    shades = [mpl.colors.to_hex(cm(0.25 + 0.7 * k / max(len(classes) - 1, 1))) for k in range(len(classes))]
    colours: dict[str, str] = {}
    for iso, v in sorted(vals.items()):
        code = _adm0_for(iso, polys)
        if code is None:
            continue
        k = max(i for i, (lo, _) in enumerate(classes) if v >= lo)
        colours[code] = shades[k]
    _basemap(ax, colours)
    _map_frame(ax, (-180, 180), (-58, 84))
    ax.set_aspect("equal")
    handles = [Patch(facecolor=LAND, edgecolor="#bbbbbb", label="not named")]
    for (lo, hi), c in zip(classes, shades, strict=True):
        label = f"{lo}" if hi == lo else (f"{lo}–{hi}" if hi is not None else f"{lo}+")
        handles.append(Patch(facecolor=c, edgecolor="#bbbbbb", label=label))
    ax.legend(
        handles=handles,
        title=measure.replace("_", " "),
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        borderaxespad=0,
        fontsize=7.5,
        title_fontsize=8,
        frameon=False,
    )
    return style.finish(ax, title=title, xlabel="Longitude (degrees)", ylabel="Latitude (degrees)", source=source)


def _points(places: pd.DataFrame, kinds: tuple[str, ...]) -> pd.DataFrame:
    sub = places[places["kind"].isin(kinds) & places["lat"].notna() & places["lon"].notna()]
    return sub.sort_values(["mentions", "place"], ascending=[False, True])


#: kinds drawn as points on the maps (towns, states and provinces, US counties); named regions
#: (Middle East, Sahel, a river basin) have no point a reader could place, so they are listed
#: under the map instead of drawn at a centroid
POINT_KINDS = ("city", "admin1", "admin2")
#: the ``gid`` of place labels on the maps (tests measure their boxes)
LABEL_GID = "place-label"


def _bubble_size(mentions: float, scale: float) -> float:
    return scale * math.sqrt(mentions)


def _bubbles(ax: Axes, pts: pd.DataFrame, *, scale: float) -> Any:
    return ax.scatter(
        pts["lon"],
        pts["lat"],
        s=[_bubble_size(v, scale) for v in pts["mentions"]],
        color=style.PALETTE[3],
        alpha=0.6,
        edgecolors="#7a2e00",
        linewidths=0.6,
        zorder=3,
    )


def _size_legend(ax: Axes, mentions: Any, *, scale: float, loc: str = "upper left") -> None:
    """A legend of bubble sizes (1, and rounder numbers up to the largest count), outside the map."""
    from matplotlib.lines import Line2D

    top = int(max(mentions)) if len(mentions) else 1
    steps = sorted({v for v in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000) if v <= top} | {top})
    if len(steps) > 4:
        steps = [steps[0], steps[len(steps) // 2], steps[-1]]
    handles = [
        Line2D(
            [],
            [],
            linestyle="none",
            marker="o",
            markersize=math.sqrt(_bubble_size(v, scale)),
            markerfacecolor=style.PALETTE[3],
            markeredgecolor="#7a2e00",
            alpha=0.6,
            label=f"{v}",
        )
        for v in steps
    ]
    ax.legend(
        handles=handles,
        title="mentions",
        loc=loc,
        bbox_to_anchor=(1.01, 1.0),
        borderaxespad=0,
        labelspacing=1.2,
        fontsize=7.5,
        title_fontsize=8,
        frameon=False,
    )


def _place_labels(
    ax: Axes, items: list[tuple[float, float, str, dict[str, Any]]], points: Any, objects: Any = None
) -> None:
    """Write ``items`` (x, y, text, text style) near their points and move them apart so that no
    two labels overlap (adjustText, a fixed number of iterations: the same picture every time);
    a label moved away from its point gets a thin leader line."""
    if not items:
        return
    from adjustText import adjust_text

    texts = [ax.text(x, y, label, zorder=4, gid=LABEL_GID, **kw) for x, y, label, kw in items]
    xs, ys = points
    adjust_text(
        texts,
        x=list(xs),
        y=list(ys),
        objects=objects,
        ax=ax,
        expand=(1.25, 1.5),
        force_text=(0.3, 0.5),
        iter_lim=300,
        time_lim=None,
        arrowprops={"arrowstyle": "-", "color": "#7a2e00", "lw": 0.5, "alpha": 0.8},
    )


def _regions_note(places: pd.DataFrame) -> str | None:
    """The line under a map that lists what it cannot draw: named regions (no single point) and
    places the gazetteer does not list (kind ``locality``, no point at all)."""
    lines = []
    for kind, what in (
        ("region", "Regions named but not drawn (they have no single point)"),
        ("locality", "Places named but not drawn (not in the gazetteer, no point)"),
    ):
        sub = places[places["kind"] == kind].sort_values(["mentions", "place"], ascending=[False, True])
        if not sub.empty:
            names = ", ".join(f"{p} ({int(n)})" for p, n in zip(sub["place"], sub["mentions"], strict=True))
            lines.append(f"{what}: {names}")
    return "\n".join(lines) or None


def plot_city_bubbles(
    places: pd.DataFrame,
    *,
    kinds: tuple[str, ...] = POINT_KINDS,
    label_top: int = 12,
    ax: Axes | None = None,
    source: Any = None,
    title: str = "Cities and provinces named, by number of mentions",
) -> Axes:
    """Bubble map: one circle per place of ``kinds`` in a ``places.place_counts`` table, its area
    proportional to the number of mentions (a size legend beside the map), the ``label_top`` most
    mentioned labelled without overlap. Named regions are listed under the map, not drawn.
    Returns the Axes."""
    style.need_columns(places, ["place", "kind", "lat", "lon", "mentions"], what="places.place_counts(m)")
    ax = style.axes(ax, figsize=(9.0, 4.4))
    _basemap(ax)
    _map_frame(ax, (-180, 180), (-58, 84))
    ax.set_aspect("equal")
    pts = _points(places, kinds)
    if len(pts):
        dots = _bubbles(ax, pts, scale=40.0)
        _size_legend(ax, pts["mentions"], scale=40.0)
        top = pts.head(label_top)
        items = [(lon, lat, f"{p} ({int(n)})", {"fontsize": 7.5}) for p, n, lon, lat in
                 zip(top["place"], top["mentions"], top["lon"], top["lat"], strict=True)]  # fmt: skip
        _place_labels(ax, items, (top["lon"], top["lat"]), objects=dots)
    else:
        ax.text(0, 0, "no place of this kind with coordinates", ha="center", va="center", fontsize=9)
    return style.finish(
        ax,
        title=title,
        xlabel="Longitude (degrees)",
        ylabel="Latitude (degrees)",
        source=source,
        note=_regions_note(places),
    )


def plot_regional(
    places: pd.DataFrame,
    *,
    pad: float = 4.0,
    span: tuple[float, float] = (40.0, 30.0),
    label_top: int = 12,
    ax: Axes | None = None,
    source: Any = None,
    cmap: str = "Blues",
    title: str = "Where the statement's places are",
) -> Axes:
    """Regional map framed around where the mentions are: the places (with coordinates) within
    ``span`` (longitude, latitude) degrees of the mention-weighted median point, plus ``pad`` degrees
    of margin. Countries named are shaded by their own mentions and labelled; cities and provinces
    are circles (area proportional to mentions, size legend beside the map), the ``label_top`` most
    mentioned labelled; no two labels overlap. Named regions (Middle East, a river basin) have no
    point: they are listed under the map. Takes a ``places.place_counts`` table. Returns the Axes."""
    import matplotlib as mpl

    from ..places import world_polygons

    style.need_columns(places, ["place", "kind", "iso3", "lat", "lon", "mentions"], what="places.place_counts(m)")
    ax = style.axes(ax, figsize=(8.0, 6.0))
    polys = world_polygons()
    countries = places[places["kind"] == "country"]
    top = int(countries["mentions"].max()) if len(countries) else 1
    cm = mpl.colormaps[cmap]
    colours = {}
    for iso, v in zip(countries["iso3"], countries["mentions"], strict=True):
        code = _adm0_for(str(iso), polys)
        if code is not None:
            colours[code] = mpl.colors.to_hex(cm(0.2 + 0.6 * math.log1p(int(v)) / math.log1p(top)))
    pts = _points(places, (*POINT_KINDS, "country"))
    pts = pts[~pts["place"].isin(_WIDE)]
    # frame: the places within ``span`` degrees of the mention-weighted median point
    if len(pts):
        clon, clat = _weighted_median(pts["lon"], pts["mentions"]), _weighted_median(pts["lat"], pts["mentions"])
        frame = pts[((pts["lon"] - clon).abs() <= span[0]) & ((pts["lat"] - clat).abs() <= span[1])]
        x0, x1 = float(frame["lon"].min()) - pad, float(frame["lon"].max()) + pad
        y0, y1 = float(frame["lat"].min()) - pad, float(frame["lat"].max()) + pad
    else:
        x0, x1, y0, y1 = -180.0, 180.0, -58.0, 84.0
    if x1 - x0 < 12:
        c = (x0 + x1) / 2
        x0, x1 = c - 6, c + 6
    if y1 - y0 < 8:
        c = (y0 + y1) / 2
        y0, y1 = c - 4, c + 4
    _basemap(ax, colours)
    _map_frame(ax, (max(x0, -180), min(x1, 180)), (max(y0, -85), min(y1, 85)))
    inner = pts[pts["kind"] != "country"]
    inside = inner[inner["lon"].between(x0, x1) & inner["lat"].between(y0, y1)]
    items: list[tuple[float, float, str, dict[str, Any]]] = []
    anchors_x: list[float] = []
    anchors_y: list[float] = []
    dots = None
    if len(inside):
        dots = _bubbles(ax, inside, scale=60.0)
        _size_legend(ax, inside["mentions"], scale=60.0)
        top_pts = inside.head(label_top)
        for p, n, lon, lat in zip(top_pts["place"], top_pts["mentions"], top_pts["lon"], top_pts["lat"], strict=True):
            items.append((lon, lat, f"{p} ({int(n)})", {"fontsize": 7.5}))
            anchors_x.append(lon)
            anchors_y.append(lat)
    for p, lon, lat in zip(countries["place"], countries["lon"], countries["lat"], strict=True):
        if lat == lat and x0 < lon < x1 and y0 < lat < y1:
            items.append((lon, lat, str(p), {"fontsize": 8, "color": "#08306b", "fontweight": "bold"}))
            anchors_x.append(lon)
            anchors_y.append(lat)
    _place_labels(ax, items, (anchors_x, anchors_y), objects=dots)
    return style.finish(
        ax,
        title=title,
        xlabel="Longitude (degrees)",
        ylabel="Latitude (degrees)",
        source=source,
        note=_regions_note(places),
    )


_WIDE = frozenset(
    {
        "Africa",
        "Asia",
        "Europe",
        "North America",
        "South America",
        "Oceania",
        "Antarctica",
        "Indo-Pacific",
        "Asia-Pacific",
        "Western Hemisphere",
        "Arctic",
        "Pacific Islands",
        "Latin America",
        "Sub-Saharan Africa",
    }
)


def plot_top_places(
    places: pd.DataFrame,
    *,
    n: int = 15,
    ax: Axes | None = None,
    source: Any = None,
    title: str = "Most named places",
) -> Axes:
    """Horizontal bars of the ``n`` most mentioned places in a ``places.place_counts`` table,
    split by role (name, demonym, in a name). Returns the Axes."""
    top = places.sort_values(["mentions", "place"], ascending=[False, True]).head(n).iloc[::-1]
    ax = style.axes(ax, figsize=(8.0, max(2.5, 0.3 * len(top) + 1.2)))
    left = [0] * len(top)
    labels = [f"{p} ({k})" for p, k in zip(top["place"], top["kind"], strict=True)]
    for role, colour, name in (
        ("name", style.PALETTE[0], "named"),
        ("demonym", style.PALETTE[1], "demonym"),
        ("in_name", style.PALETTE[2], "inside a name"),
    ):
        vals = [int(v) for v in top[role]]
        ax.barh(labels, vals, left=left, color=colour, label=name)
        left = [a + b for a, b in zip(left, vals, strict=True)]
    style.legend_beside(ax)
    ax.grid(axis="y", visible=False)
    style.finish(ax, title=title, xlabel="Mentions (count)", ylabel="", source=source)
    return ax if len(top) else style.nothing_to_show(ax, "the text names no place")
