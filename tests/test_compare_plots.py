"""Comparison charts draw the comparison tables, label their axes and save byte-identical PNGs."""

from __future__ import annotations

import datetime as dt

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
import pytest

import statement_analysis as sa
from statement_analysis import compare
from statement_analysis.plots import compare as cp
from statement_analysis.plots import style


@pytest.fixture(scope="module")
def pair() -> compare.PairComparison:
    a = sa.load_bundled()
    b = sa.load_statement(
        "Ministers met in Tokyo and Paris. Funding for stabilisation in Iraq grew.\n\nFood and shelter reached Mosul.",
        doc_id="b",
        date=dt.date(2018, 1, 1),
    )
    return compare.pair(a, b, n_terms=5)


@pytest.fixture(scope="module")
def series() -> compare.TimeSeries:
    docs = [
        sa.load_statement(
            f"Iraq and Syria met in Paris, month {m}. Funding grew.", doc_id=f"d{m}", date=dt.date(2020, m, 3)
        )
        for m in (1, 2, 5, 7)
    ]
    return compare.over_time(sa.corpus_from_statements(docs), workers=1)


@pytest.mark.parametrize(
    "draw",
    [
        lambda p, s: cp.plot_readability_pair(p.readability, labels=p.labels, source="test"),
        lambda p, s: cp.plot_distinctive_terms(p.terms, labels=p.labels, source="test"),
        lambda p, s: cp.plot_theme_change(p.themes, labels=p.labels, source="test"),
        lambda p, s: cp.plot_place_change(p.places, labels=p.labels, source="test"),
        lambda p, s: cp.plot_readability_over_time(s.readability, documents=s.documents, source="test"),
        lambda p, s: cp.plot_themes_over_time(s.themes, source="test"),
        lambda p, s: cp.plot_places_over_time(s.places, source="test"),
    ],
)
def test_charts_draw_label_and_are_deterministic(draw, pair, series, tmp_path):
    ax1 = draw(pair, series)
    assert ax1.get_title(loc="left")
    assert ax1.get_xlabel()
    style.save(ax1, tmp_path / "one.png")
    plt.close(ax1.figure)
    ax2 = draw(pair, series)
    style.save(ax2, tmp_path / "two.png")
    plt.close(ax2.figure)
    assert (tmp_path / "one.png").read_bytes() == (tmp_path / "two.png").read_bytes()


def test_time_series_charts_show_every_period(series):
    # January to July: 7 months, 3 of them without documents
    assert series.readability["period"].tolist() == [f"2020-{m:02d}" for m in range(1, 8)]
    ax = cp.plot_themes_over_time(series.themes, source="test")
    image = ax.images[0]
    assert image.get_array().shape[1] == 7
    assert image.get_array().mask[:, 2].all()  # March: no documents, masked (grey)
    plt.close(ax.figure)


def test_place_change_chart_colours_gained_and_lost(pair):
    ax = cp.plot_place_change(pair.places, n=50, source="test")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert any(lbl.startswith("Tokyo") and "gained" in lbl for lbl in labels)
    changed = pair.places[pair.places["change"] != 0]
    assert len(ax.patches) == min(50, len(changed))
    plt.close(ax.figure)


def test_distinctive_terms_sides(pair):
    ax = cp.plot_distinctive_terms(pair.terms, source="test")
    widths = [p.get_width() for p in ax.patches]
    n_a = int((pair.terms["distinctive_of"] == "a").sum())
    assert all(w <= 0 for w in widths[:n_a]) and all(w >= 0 for w in widths[n_a:])
    plt.close(ax.figure)


def test_readability_over_time_rejects_unknown_measure(series):
    with pytest.raises(ValueError, match="measure"):
        cp.plot_readability_over_time(series.readability, measure="nope")
    assert isinstance(series.readability, pd.DataFrame)
