"""What the explorer shows, as HTML strings: tables, highlighted paragraphs, and two small
charts drawn as inline SVG (dispersion strips and a map of places).

Plain functions of DataFrames, with no widget in them, so that they can be tested and reused.
The charts are SVG rather than matplotlib images because they are redrawn at every keystroke
(an SVG of a few hundred marks takes well under a millisecond to write, a PNG tens of
milliseconds) and because each mark can carry its data (``data-start``, ``data-relative``...).
Every chart has a title, labelled axes with units and a source line, like the package's figures.
Everything that comes from a text is HTML-escaped.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

#: colours of the house style (``plots.style``): ink, muted text, marks, land, highlight
INK, MUTED, MARK, LAND, EDGE, HIGHLIGHT = "#1a1a1a", "#555555", "#1f5fa8", "#e6e6e6", "#b5b5b5", "#ffe08a"
FONT = "font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif"

_TABLE_STYLE = (
    "<style>"
    ".sa-x table{border-collapse:collapse;font-size:12.5px}"
    ".sa-x th,.sa-x td{padding:2px 8px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}"
    ".sa-x td.l{text-align:right;color:#333}.sa-x td.k{font-weight:600;color:#1f5fa8;white-space:nowrap}"
    ".sa-x td.n{text-align:right;font-variant-numeric:tabular-nums}"
    ".sa-x .note{color:#555;font-size:12px;margin:4px 0}"
    ".sa-x mark{background:#ffe08a;padding:0 1px}"
    ".sa-x .para{margin:6px 0 10px;line-height:1.45;font-size:13px}"
    ".sa-x .pid{color:#555;font-size:11.5px;font-weight:600}"
    "</style>"
)


def esc(value: Any) -> str:
    """``value`` as text safe inside HTML (quotes escaped too)."""
    return html.escape("" if value is None else str(value), quote=True)


def note(text: str) -> str:
    """A line of explanation in muted type."""
    return f'<div class="sa-x"><p class="note">{esc(text)}</p></div>'


def table_html(
    df: pd.DataFrame,
    columns: Sequence[tuple[str, str, str]],
    *,
    max_rows: int,
    caption: str,
) -> str:
    """An HTML table of ``df``: ``columns`` are ``(column, header, css class)``; at most
    ``max_rows`` rows, with a note saying how many are not shown. Empty string for no rows."""
    if not len(df):
        return ""
    shown = df.head(max_rows)
    head = "".join(f"<th>{esc(h)}</th>" for _, h, _ in columns)
    body = []
    for row in shown[[c for c, _, _ in columns]].itertuples(index=False):
        cells = "".join(
            f'<td class="{cls}">{esc(v)}</td>' if cls else f"<td>{esc(v)}</td>"
            for v, (_, _, cls) in zip(row, columns, strict=True)
        )
        body.append(f"<tr>{cells}</tr>")
    more = len(df) - len(shown)
    tail = (
        f'<p class="note">{more:,} more rows not shown: the whole table is on the explorer object.</p>' if more else ""
    )
    return (
        f'{_TABLE_STYLE}<div class="sa-x"><p class="note">{esc(caption)}</p>'
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{tail}</div>"
    )


def kwic_html(kwic: pd.DataFrame, *, several_docs: bool, max_rows: int, caption: str) -> str:
    """The keyword-in-context table: document (for several), paragraph, left, keyword, right."""
    cols = [("para_id", "¶", "n"), ("left", "left", "l"), ("keyword", "keyword", "k"), ("right", "right", "")]
    if several_docs:
        cols.insert(0, ("doc_id", "document", ""))
    return table_html(kwic, cols, max_rows=max_rows, caption=caption)


def _svg_text(
    x: float, y: float, text: str, *, size: float = 11, anchor: str = "start", fill: str = INK, **attrs: str
) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{esc(v)}"' for k, v in attrs.items())
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{fill}"'
        f"{extra}>{esc(text)}</text>"
    )


def _source_lines(source: str, width: int) -> list[str]:
    """The source line wrapped to the chart's width (about 5.6 px a character at 10 px)."""
    import textwrap

    return textwrap.wrap(source, width=max(40, int(width / 5.6))) or [""]


def dispersion_svg(
    disp: pd.DataFrame,
    docs: Sequence[str],
    *,
    title: str,
    source: str,
    starts: Sequence[int] | None = None,
    max_docs: int = 25,
    width: int = 640,
) -> str:
    """Dispersion strips as SVG: one strip per document in ``docs`` (at most ``max_docs``), a
    tick at each occurrence at x = ``relative`` (position in the text as a share of its tokens,
    0 at the left edge, 1 at the right). Each tick is a ``<line class="mark">`` carrying
    ``data-doc``, ``data-token-id``, ``data-relative`` and, when ``starts`` gives them (one per row
    of ``disp``), ``data-start``: the character offset of the occurrence in the normalised text.
    """
    left, right, top, row_h = 150, 16, 34, 22
    shown = list(docs)[:max_docs]
    plot_w = width - left - right
    more = len(docs) - len(shown)
    src = _source_lines(source + (f" · {more} more documents with matches not drawn" if more > 0 else ""), width)
    height = top + row_h * max(len(shown), 1) + 48 + 13 * len(src)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sa-dispersion" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{esc(title)}" style="{FONT}">',
        _svg_text(4, 16, title, size=13, font_weight="bold"),
    ]
    y0 = top
    for i, d in enumerate(shown):
        y = y0 + i * row_h
        parts.append(f'<rect x="{left}" y="{y + 3}" width="{plot_w}" height="{row_h - 6}" fill="#f4f6f9"/>')
        label = d if len(d) <= 22 else d[:21] + "…"
        parts.append(_svg_text(left - 6, y + row_h / 2 + 4, label, size=11, anchor="end"))
    rows = disp.reset_index(drop=True)
    row_of = {d: i for i, d in enumerate(shown)}
    for k, r in enumerate(rows.itertuples(index=False)):
        i = row_of.get(r.doc_id)
        if i is None:
            continue
        x = left + float(r.relative) * plot_w
        y = y0 + i * row_h
        start = f' data-start="{int(starts[k])}"' if starts is not None else ""
        parts.append(
            f'<line class="mark" x1="{x:.2f}" x2="{x:.2f}" y1="{y + 3}" y2="{y + row_h - 3}" stroke="{MARK}" '
            f'stroke-width="1.5" data-doc="{esc(r.doc_id)}" data-token-id="{int(r.token_id)}" '
            f'data-relative="{float(r.relative):.6f}"{start}/>'
        )
    axis_y = y0 + row_h * max(len(shown), 1) + 2
    parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{axis_y}" y2="{axis_y}" stroke="{MUTED}"/>')
    for pct in (0, 25, 50, 75, 100):
        x = left + plot_w * pct / 100
        parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{axis_y}" y2="{axis_y + 4}" stroke="{MUTED}"/>')
        parts.append(_svg_text(x, axis_y + 15, f"{pct}", size=10, anchor="middle", fill=MUTED))
    parts.append(
        _svg_text(left + plot_w / 2, axis_y + 30, "position in the text (% of its tokens)", size=11, anchor="middle")
    )
    for i, line in enumerate(src):
        parts.append(_svg_text(4, axis_y + 48 + 13 * i, line, size=10, fill=MUTED))
    parts.append("</svg>")
    return "".join(parts)


def paragraphs_html(
    texts: dict[str, str],
    paragraphs: pd.DataFrame,
    spans: pd.DataFrame,
    *,
    several_docs: bool,
    max_paragraphs: int,
) -> str:
    """The paragraphs that hold the ``spans`` (``doc_id``, ``para_id``, ``start``, ``end``:
    offsets in ``texts``), each span wrapped in ``<mark>``, in text order; at most
    ``max_paragraphs`` paragraphs."""
    if not len(spans):
        return ""
    keys = list(dict.fromkeys(zip(spans["doc_id"].astype(str), spans["para_id"].astype(int), strict=True)))
    bounds = {
        (str(d), int(p)): (int(a), int(b))
        for d, p, a, b in paragraphs[["doc_id", "para_id", "start", "end"]].itertuples(index=False)
    }
    out = [_TABLE_STYLE, '<div class="sa-x">']
    for d, p in keys[:max_paragraphs]:
        a, b = bounds[(d, p)]
        text = texts[d]
        sel = spans[(spans["doc_id"].astype(str) == d) & (spans["para_id"].astype(int) == p)]
        marks = sorted({(int(s), int(e)) for s, e in zip(sel["start"], sel["end"], strict=True)})
        pieces, pos = [], a
        for s, e in marks:
            if s < pos:  # overlapping matches: one highlight
                s = pos
            if e <= s:
                continue
            pieces.append(esc(text[pos:s]))
            pieces.append(f'<mark data-start="{s}" data-end="{e}">{esc(text[s:e])}</mark>')
            pos = e
        pieces.append(esc(text[pos:b]))
        where = f"{d} · ¶ {p}" if several_docs else f"¶ {p}"
        out.append(f'<div class="para" data-doc="{esc(d)}" data-para="{p}"><span class="pid">{esc(where)}</span> ')
        out.append("".join(pieces) + "</div>")
    more = len(keys) - max_paragraphs
    if more > 0:
        out.append(f'<p class="note">{more:,} more paragraphs not shown.</p>')
    out.append("</div>")
    return "".join(out)


def _extent(lons: Sequence[float], lats: Sequence[float]) -> tuple[float, float, float, float]:
    """Longitude and latitude limits around the points, at least 50° × 30°, inside the world."""
    if not len(lons):
        return -180.0, 180.0, -58.0, 84.0
    lo0, lo1, la0, la1 = min(lons), max(lons), min(lats), max(lats)
    w, h = max(lo1 - lo0, 50.0) * 1.25, max(la1 - la0, 30.0) * 1.3
    cx, cy = (lo0 + lo1) / 2, (la0 + la1) / 2
    x0, x1 = max(cx - w / 2, -180.0), min(cx + w / 2, 180.0)
    y0, y1 = max(cy - h / 2, -60.0), min(cy + h / 2, 85.0)
    return x0, x1, y0, y1


def map_svg(
    places: pd.DataFrame,
    polygons: dict[str, dict[str, Any]],
    *,
    title: str,
    source: str,
    width: int = 640,
    max_labels: int = 8,
) -> str:
    """A small map as SVG: land in grey (Natural Earth shapes from ``polygons``), one circle per
    place of ``places`` (columns ``place``, ``kind``, ``lat``, ``lon``, ``mentions``) with an area
    proportional to its mentions; the most named places are labelled. Equirectangular, zoomed to
    the places; each circle carries ``data-place`` and ``data-mentions``."""
    pts = places.dropna(subset=["lat", "lon"])
    x0, x1, y0, y1 = _extent(pts["lon"].tolist(), pts["lat"].tolist())
    mid = math.radians((y0 + y1) / 2)
    aspect = (y1 - y0) / max((x1 - x0) * max(math.cos(mid), 0.3), 1e-9)
    left, top = 46, 26
    plot_w = width - left - 12
    plot_h = max(140, min(360, plot_w * aspect))
    no_point = len(places) - len(pts)
    extra = f" · {no_point} places without a point (regions) not drawn" if no_point else ""
    src = _source_lines(source + extra, width)
    height = int(top + plot_h + 44 + 13 * len(src))

    def px(lon: float) -> float:
        return left + (lon - x0) / (x1 - x0) * plot_w

    def py(lat: float) -> float:
        return top + (y1 - lat) / (y1 - y0) * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sa-map" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{esc(title)}" style="{FONT}">',
        _svg_text(4, 16, title, size=13, font_weight="bold"),
        f'<defs><clipPath id="sa-map-clip"><rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h:.1f}"/>'
        f"</clipPath></defs>",
        f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h:.1f}" fill="#f7fbff" stroke="{EDGE}"/>',
        '<g clip-path="url(#sa-map-clip)">',
    ]
    for code in sorted(polygons):
        for ring in polygons[code]["rings"]:
            lo = [p[0] for p in ring]
            la = [p[1] for p in ring]
            if max(lo) < x0 or min(lo) > x1 or max(la) < y0 or min(la) > y1:
                continue
            d = "M" + "L".join(f"{px(a):.1f},{py(b):.1f}" for a, b in ring) + "Z"
            parts.append(f'<path d="{d}" fill="{LAND}" stroke="{EDGE}" stroke-width="0.5"/>')
    top_n = pts.sort_values(["mentions", "place"], ascending=[False, True], kind="mergesort")
    biggest = float(top_n["mentions"].max()) if len(top_n) else 1.0
    for r in top_n.iloc[::-1].itertuples(index=False):  # small circles drawn last, on top
        radius = 3 + 11 * math.sqrt(float(r.mentions) / biggest)
        parts.append(
            f'<circle cx="{px(float(r.lon)):.1f}" cy="{py(float(r.lat)):.1f}" r="{radius:.1f}" fill="{MARK}" '
            f'fill-opacity="0.55" stroke="#ffffff" stroke-width="0.8" data-place="{esc(r.place)}" '
            f'data-kind="{esc(r.kind)}" data-mentions="{int(r.mentions)}"><title>{esc(r.place)}: '
            f"{int(r.mentions)} mentions</title></circle>"
        )
    for r in top_n.head(max_labels).itertuples(index=False):
        parts.append(_svg_text(px(float(r.lon)) + 6, py(float(r.lat)) - 6, str(r.place), size=10.5))
    parts.append("</g>")
    for lon in _ticks(x0, x1):
        parts.append(_svg_text(px(lon), top + plot_h + 13, f"{lon:g}", size=9.5, anchor="middle", fill=MUTED))
    for lat in _ticks(y0, y1):
        parts.append(_svg_text(left - 4, py(lat) + 3, f"{lat:g}", size=9.5, anchor="end", fill=MUTED))
    parts.append(_svg_text(left + plot_w / 2, top + plot_h + 28, "longitude (°)", size=11, anchor="middle"))
    parts.append(
        f'<text x="12" y="{top + plot_h / 2:.1f}" font-size="11" text-anchor="middle" fill="{INK}" '
        f'transform="rotate(-90 12 {top + plot_h / 2:.1f})">latitude (°)</text>'
    )
    for i, line in enumerate(src):
        parts.append(_svg_text(4, top + plot_h + 44 + 13 * i, line, size=10, fill=MUTED))
    parts.append("</svg>")
    return "".join(parts)


def _ticks(lo: float, hi: float) -> list[float]:
    span = hi - lo
    step = next(s for s in (5, 10, 20, 30, 45, 60, 90) if span / s <= 6)
    first = math.ceil(lo / step) * step
    return [first + k * step for k in range(int((hi - first) // step) + 1)]
