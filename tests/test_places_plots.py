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
