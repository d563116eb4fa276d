"""Readability plots: they draw what the tables hold, label units and save deterministically."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

import statement_analysis as sa
from statement_analysis import readability as rd
from statement_analysis.plots import readability as pr
from statement_analysis.plots import style


@pytest.fixture(scope="module")
def tables():
    s = sa.load_bundled()
    return s, rd.scores(s), rd.scores(s, by="paragraph"), rd.scores(s, by="sentence")


def test_grade_by_paragraph(tables):
    s, doc, paras, _ = tables
    ax = pr.plot_grade_by_paragraph(paras, overall=doc.at[0, "flesch_kincaid_grade"], source=s)
    line = ax.get_lines()[0]
    assert list(line.get_xdata()) == paras["para_id"].tolist()
    assert list(line.get_ydata()) == paras["flesch_kincaid_grade"].tolist()
    assert ax.get_ylabel() == "US school grade"
    assert len(ax.patches) >= 5  # the five school-grade bands
    plt.close(ax.figure)


def test_sentence_grades(tables):
    s, _, _, sents = tables
    ax = pr.plot_sentence_grades(sents, source=s)
    heights = [p.get_height() for p in ax.patches if p.get_zorder() == 2]
    assert sum(heights) == len(sents)  # every sentence counted once
    assert ax.get_xlabel() == "US school grade" and ax.get_ylabel() == "sentences"
    plt.close(ax.figure)


@pytest.mark.parametrize("scale", ["grade", "flesch_reading_ease", "dale_chall_readability_score"])
def test_against_bands(tables, scale, tmp_path):
    s, doc, _, _ = tables
    paths = []
    for i in range(2):
        ax = pr.plot_against_bands(doc, scale=scale, source=s)
        paths.append(tmp_path / f"{i}.png")
        style.save(ax, paths[-1])
        plt.close(ax.figure)
    assert paths[0].read_bytes() == paths[1].read_bytes()
    if scale == "grade":
        ax = pr.plot_against_bands(doc.iloc[0], scale=scale, source=s)
        xs = sorted(float(v) for v in ax.collections[0].get_offsets()[:, 0])
        assert xs == sorted(float(doc.at[0, f.column]) for f in rd.FORMULAS if f.grade)
        plt.close(ax.figure)
