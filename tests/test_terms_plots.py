"""Term plots draw what the tables say; the word cloud PNG is the same, byte for byte, on two runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import pytest

import statement_analysis as sa
from statement_analysis import terms
from statement_analysis.plots import style
from statement_analysis.plots import terms as tplots

CLOUD_SCRIPT = """
import sys
import matplotlib
matplotlib.use("Agg")
import statement_analysis as sa
from statement_analysis.plots import style, terms as tplots
s = sa.load_bundled()
style.save(tplots.plot_word_cloud(sa.terms.frequencies(s), source=s), sys.argv[1])
"""


def test_word_cloud_png_is_byte_identical_over_two_runs(tmp_path: Path) -> None:
    # two separate interpreters with different hash seeds: set iteration order changes between them
    paths = []
    for seed in ("1", "2"):
        out = tmp_path / f"cloud_{seed}.png"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", CLOUD_SCRIPT, str(out)], check=True, env=env, timeout=120)
        paths.append(out)
    a, b = (p.read_bytes() for p in paths)
    assert a[:8] == b"\x89PNG\r\n\x1a\n"
    assert a == b


def test_word_cloud_words_come_from_the_frequency_table() -> None:
    freq = terms.frequencies(sa.load_bundled())
    cloud = tplots.cloud_layout(freq, max_words=30)
    top = freq.head(30)
    assert set(cloud.words_) <= set(top["term"])
    assert "Da'esh" in cloud.words_ and cloud.words_["Da'esh"] == pytest.approx(1.0)  # the largest
    # relative sizes are the table's counts over the top count
    assert cloud.words_["coalition"] == pytest.approx(14 / 43)
    assert "DejaVuSans.ttf" in cloud.font_path and Path(cloud.font_path).is_file()


def test_bar_plots_show_the_table() -> None:
    s = sa.load_bundled()
    freq = terms.frequencies(s)
    ax = tplots.plot_top_terms(freq, n=5, source=s)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == freq["term"].head(5).tolist()
    assert [p.get_width() for p in ax.patches] == freq["n"].head(5).tolist()
    assert ax.get_xlabel() == "Occurrences (count)"
    bi = terms.frequencies(s, ngram=2)
    ax2 = tplots.plot_ngrams(bi, n=3, source=s)
    assert [t.get_text() for t in ax2.get_yticklabels()] == bi["term"].head(3).tolist()
    assert "2-word" in ax2.get_title(loc="left")
    with pytest.raises(ValueError):
        tplots.plot_top_terms(terms.frequencies(s, by="paragraph"))


def test_keyness_and_dispersion_plots(tmp_path: Path) -> None:
    target = sa.load_statement("sanctions sanctions sanctions peace oil", title="t")
    reference = sa.load_statement("trade trade trade peace oil oil", title="r")
    key = terms.keyness(target, reference)
    ax = tplots.plot_keyness(key, n=2, labels=("t", "r"))
    widths = [p.get_width() for p in ax.patches]
    assert widths[0] > 0 and widths[-1] < 0
    s = sa.load_bundled()
    disp = terms.dispersion(s, ["Mosul", "Raqqa", "absentword"])
    ax = tplots.plot_dispersion(disp, source=s)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Mosul", "Raqqa", "absentword"]
    assert len(ax.lines[0].get_xdata()) == 3
    style.save(ax, tmp_path / "x.png")
    assert (tmp_path / "x.png").stat().st_size > 1000


def test_no_terms_gives_a_sentence_not_empty_axes() -> None:
    import matplotlib.pyplot as plt
    import pandas as pd

    from statement_analysis.plots import terms as term_plots

    ax = term_plots.plot_top_terms(pd.DataFrame({"term": [], "n": []}))
    assert list(ax.get_xticks()) == [] and "no terms to show" in [t.get_text() for t in ax.texts]
    plt.close(ax.figure)
