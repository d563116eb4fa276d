"""plots.places: every map and chart renders with the network blocked, gives the same PNG bytes
on two runs, and draws what the table says (France coloured although Natural Earth's ISO_A3 is -99)."""

from __future__ import annotations

import socket
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

import statement_analysis as sa
from statement_analysis import places
from statement_analysis.plots import places as pplot
from statement_analysis.plots import style


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network blocked by the test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture(scope="module")
def tables() -> dict[str, object]:
    st = sa.load_bundled()
    m = places.mentions(st)
    return {"st": st, "places": places.place_counts(m), "countries": places.country_counts(m)}


def _draw(name: str, tables: dict[str, object]):  # type: ignore[no-untyped-def]
    st = tables["st"]
    if name == "choropleth":
        return pplot.plot_country_choropleth(tables["countries"], source=st)
    if name == "bubbles":
        return pplot.plot_city_bubbles(tables["places"], source=st)
    if name == "regional":
        return pplot.plot_regional(tables["places"], source=st)
    return pplot.plot_top_places(tables["places"], source=st)


@pytest.mark.parametrize("name", ["choropleth", "bubbles", "regional", "top"])
def test_renders_offline_and_deterministically(
    name: str, tables: dict[str, object], tmp_path: Path, no_network: None
) -> None:
    with pytest.raises(OSError):
        socket.create_connection(("example.org", 80))  # the block is in place
    paths = []
    for run in (1, 2):
        ax = _draw(name, tables)
        assert ax.get_title(loc="left")
        assert ax.get_xlabel()
        p = tmp_path / f"{name}-{run}.png"
        style.save(ax, p)
        plt.close(ax.figure)
        paths.append(p)
    assert paths[0].read_bytes() == paths[1].read_bytes()
    assert paths[0].stat().st_size > 5_000


def test_choropleth_colours_france_and_norway(no_network: None) -> None:
    import pandas as pd

    counts = pd.DataFrame({"iso3": ["FRA", "NOR", "IRQ"], "mentions": [1, 5, 30]})
    ax = pplot.plot_country_choropleth(counts, source="test")
    coll = ax.collections[0]
    colours = {tuple(c) for c in coll.get_facecolors().round(3)}
    land = tuple(round(v, 3) for v in matplotlib.colors.to_rgba(pplot.LAND))
    assert len(colours - {land}) == 3  # three classes: 1, 5-9, 20+
    # the legend lists the classes that occur (1, 2-4, 5-9, 10-19, 20+) after "not named"
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[0] == "not named" and labels[1] == "1" and labels[-1] == "20+"
    plt.close(ax.figure)


def test_regional_view_is_framed_around_the_mentions(tables: dict[str, object]) -> None:
    ax = pplot.plot_regional(tables["places"], source=tables["st"])
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    # the bundled statement's places lie between Brussels/Geneva (west, north), Astana (east)
    # and Lake Chad (south); Washington is outside the frame
    assert -10 < x0 < 5 and 70 < x1 < 80 and 5 < y0 < 12 and 50 < y1 < 60
    plt.close(ax.figure)


def test_top_places_bars_sum_to_mentions(tables: dict[str, object]) -> None:
    ax = pplot.plot_top_places(tables["places"], n=5, source=tables["st"])
    widths: dict[str, float] = {}
    for bar in ax.patches:
        y = round(bar.get_y(), 3)
        widths[y] = widths.get(y, 0) + bar.get_width()
    assert sorted(widths.values(), reverse=True)[:2] == [16, 14]  # Syria 16, Iraq 14 (hand counts)
    plt.close(ax.figure)


def test_regional_map_labels_do_not_overlap_and_regions_are_listed_not_drawn() -> None:
    """Issue 15: the labels of the bundled statement's regional map (Raqqa, al-Bab, Dabiq,
    Jarabulus, Mosul within two degrees of each other) are placed without overlap, measured on the
    rendered boxes; named regions (Middle East, Euphrates...) are listed under the map, not drawn."""
    import itertools

    st = sa.load_bundled()
    pc = places.place_counts(places.mentions(st))
    ax = pplot.plot_regional(pc, source=st)
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    labels = [t for t in ax.texts if t.get_gid() == pplot.LABEL_GID]
    names = {t.get_text().split(" (")[0] for t in labels}
    assert {"Raqqa", "Al-Bab", "Dabiq", "Jarabulus", "Mosul", "Syria", "Iraq"} <= names
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in labels]
    overlaps = [(a, b) for (a, ba), (b, bb) in itertools.combinations(boxes, 2) if ba.overlaps(bb)]
    assert not overlaps
    regions = set(pc.loc[pc["kind"] == "region", "place"])
    assert "Middle East" in regions
    assert not names & regions  # no region drawn as a labelled point
    note = next(t for t in ax.texts if t.get_gid() == style.NOTE_GID).get_text()
    assert all(r in note for r in regions)
    # a size legend says what the bubbles mean
    assert ax.get_legend() is not None and ax.get_legend().get_title().get_text() == "mentions"
    # the legend sits outside the map: it covers neither the title nor the data
    leg = ax.get_legend().get_window_extent(renderer)
    assert leg.x0 >= ax.get_window_extent(renderer).x1
    plt.close(fig)


def test_places_the_gazetteer_does_not_list_are_listed_under_the_map() -> None:
    """Rule 13's localities have no point: the bubble map lists them under itself, as it lists
    named regions, so that nothing the statement names disappears from the picture silently."""
    st = sa.load_statement("Cholera spread in the villages of Kampungu and Ndolo in Kenya and across the Sahel.")
    pc = places.place_counts(places.mentions(st))
    assert set(pc.loc[pc["kind"] == "locality", "place"]) == {"Kampungu", "Ndolo"}
    ax = pplot.plot_city_bubbles(pc, source=st)
    note = next(t for t in ax.texts if t.get_gid() == style.NOTE_GID).get_text()
    assert "Regions named but not drawn (they have no single point): Sahel (1)" in note
    assert "Places named but not drawn (not in the gazetteer, no point): Kampungu (1), Ndolo (1)" in note
    plt.close(ax.figure)


def test_source_line_belongs_to_each_panel() -> None:
    """Two panels in one constrained figure each keep their own source line, under their own x axis."""
    st = sa.load_bundled()
    m = places.mentions(st)
    with plt.rc_context(style.rc()):
        fig, (a1, a2) = plt.subplots(1, 2, figsize=(14, 4.5), layout="constrained")
    pplot.plot_top_places(places.place_counts(m), ax=a1, source=st)
    pplot.plot_top_places(places.place_counts(m), ax=a2, source="Source: a second statement")
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    s1 = next(t for t in a1.texts if t.get_gid() == style.SOURCE_GID).get_window_extent(r)
    s2 = next(t for t in a2.texts if t.get_gid() == style.SOURCE_GID).get_window_extent(r)
    assert not s1.overlaps(s2)
    for ax, src in ((a1, s1), (a2, s2)):
        box = ax.get_window_extent(r)
        assert src.y1 <= box.y0 and box.x0 - 1 <= src.x0 <= box.x1  # under its own axes
        assert src.y0 >= 0  # inside the figure: the layout made room for it
    assert a1.get_window_extent(r).height > 100  # the layout did not collapse the axes
    plt.close(fig)


def test_a_county_is_drawn_and_labelled_on_the_bubble_map() -> None:
    # Laurel County, Kentucky: about 37.1°N, 84.1°W (US Census); a county has a point, as a state does
    st = sa.load_statement(text="Flooding in Laurel County, Kentucky, closed roads. Laurel County schools shut.")
    pc = places.place_counts(places.mentions(st))
    county = pc[pc["kind"] == "admin2"]
    assert county["place"].tolist() == ["Laurel County"] and int(county["mentions"].iloc[0]) == 2
    assert abs(float(county["lat"].iloc[0]) - 37.1) < 0.5 and abs(float(county["lon"].iloc[0]) + 84.1) < 0.5
    ax = pplot.plot_city_bubbles(pc, source=st)
    labels = [t.get_text() for t in ax.texts if t.get_gid() == pplot.LABEL_GID]
    assert "Laurel County (2)" in labels
    plt.close(ax.figure)


def test_count_axes_have_whole_number_ticks() -> None:
    # a statement naming each place once or twice: the mentions axis read 0.00, 0.25 ... 2.00
    st = sa.load_statement(
        text="Flooding in Laurel County, Kentucky. Laurel County schools shut. Crews came from Corbin."
    )
    ax = pplot.plot_top_places(places.place_counts(places.mentions(st)), source=st)
    ax.figure.canvas.draw()
    ticks = [t for t in ax.get_xticks() if ax.get_xlim()[0] <= t <= ax.get_xlim()[1]]
    assert ticks == [0, 1, 2]
    assert all(t.get_text() in {"0", "1", "2"} for t in ax.get_xticklabels() if t.get_text())
    plt.close(ax.figure)


def test_a_statement_naming_no_place_gets_a_sentence_not_empty_axes() -> None:
    from statement_analysis.briefs import brief_table

    st = sa.load_statement(text="Ministers agreed that the digital economy must pay its fair share of tax.")
    m = places.mentions(st)
    assert len(m) == 0
    ax = pplot.plot_top_places(places.place_counts(m), source=st)
    assert list(ax.get_xticks()) == [] and list(ax.get_yticks()) == []  # no -0.04 ... 0.04
    assert "the text names no place" in [t.get_text() for t in ax.texts]
    assert ax.get_legend() is None and ax.get_title(loc="left") == "Most named places"
    plt.close(ax.figure)
    html = brief_table(m)._repr_html_()
    assert "<table" not in html and "No rows: the text gives none." in html
