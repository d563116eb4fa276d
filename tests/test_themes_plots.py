"""Theme plots draw what the tables hold, deterministically; notebook 04 runs headless."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import statement_analysis as sa
from statement_analysis import themes
from statement_analysis.plots import style
from statement_analysis.plots import themes as tp


@pytest.fixture(scope="module")
def statement():
    return sa.load_bundled()


@pytest.fixture(scope="module")
def coded(statement):
    # the coalition dictionary: nine themes, all of which match the bundled statement
    return themes.code(statement, dictionary="coalition")


def test_stacked_bars_heights_are_the_shares(coded, statement):
    ax = tp.plot_paragraph_shares(coded, source=statement)
    bars = ax.patches
    assert len(bars) == 14 * 9
    # the first theme's bar for paragraph 11 is drawn at the share computed by code()
    k = themes.resolve_dictionary("coalition").keys
    share = coded[(coded.para_id == 11) & (coded.theme == "foreign_fighters")]["share"].iloc[0] * 100
    bar = bars[k.index("foreign_fighters") * 14 + 10]
    assert bar.get_height() == pytest.approx(share)
    assert "%" in ax.get_ylabel()
    plt.close("all")


def test_heatmap_values_and_labels(coded, statement):
    ax = tp.plot_heatmap(coded, source=statement)
    img = ax.images[0].get_array()
    assert img.shape == (14, 9)
    keys = themes.resolve_dictionary("coalition").keys
    expected = coded.pivot(index="para_id", columns="theme", values="share")[keys]
    assert np.allclose(np.asarray(img), expected.to_numpy() * 100)
    assert [t.get_text() for t in ax.get_yticklabels()] == [str(i) for i in range(1, 15)]
    plt.close("all")


def test_overall_bars_sorted(statement):
    tot = themes.totals(themes.code(statement, by="document"))
    ax = tp.plot_overall(tot, source=statement)
    widths = [p.get_width() for p in ax.patches]
    assert widths == sorted(widths)
    assert max(widths) == pytest.approx(tot["share"].max() * 100)
    plt.close("all")


def test_deterministic_png(coded, statement, tmp_path):
    paths = []
    for i in range(2):
        ax = tp.plot_heatmap(coded, source=statement)
        p = tmp_path / f"h{i}.png"
        style.save(ax, p)
        paths.append(p.read_bytes())
        plt.close("all")
    assert paths[0] == paths[1]


def test_several_documents_need_doc_id(coded):
    two = coded.copy()
    two["doc_id"] = "other"
    both = pd.concat([coded, two])
    with pytest.raises(ValueError, match="doc_id="):
        tp.plot_paragraph_shares(both)
    ax = tp.plot_heatmap(both, doc_id="other")
    assert ax.images[0].get_array().shape == (14, 9)
    with pytest.raises(ValueError, match="by paragraph"):
        tp.plot_heatmap(themes.code(sa.load_bundled(), dictionary="coalition", by="document"))
    plt.close("all")


@pytest.mark.slow
def test_notebook_runs():
    from statement_analysis.reports import execute_notebook

    nb = Path(__file__).resolve().parents[1] / "notebooks" / "04_themes.ipynb"
    executed = execute_notebook(nb, {"statement_path": None})
    errors = [o for c in executed.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    images = [o for c in executed.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    # general layer: topic shares, heatmap, stacked bars; the coalition layer fits the bundled statement: its heatmap
    assert len(images) == 4
    text = "".join(o.get("text", "") for c in executed.cells for o in c.get("outputs", []))
    for name in ("general", "coalition"):
        assert themes.fit(sa.load_bundled(), name).line() in text  # the fit line beside the tables
