"""A statement within an archive, and a report about an archive (issue 15).

The tables of ``compare.within`` and ``compare.distinctive_terms_by_period`` and every number in
the findings sentences are checked against independent computations (the package's per-document
analyses, pandas and hand counts); the command line is tried on a small archive written here and
on the joint statements of ../shared (skipped where absent); a batch of statements gives the same
bytes as one report per statement.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import JOINT

import statement_analysis as sa
from statement_analysis import compare, pipeline, places, readability, terms, themes
from statement_analysis.compare import findings

CLI = [sys.executable, "-m", "statement_analysis"]

ARCHIVE = {
    "s2019.txt": (
        "2019-06-12",
        "Oslo communique",
        "Leaders of the Northern Forum met in Oslo to discuss Arctic shipping, fisheries and climate change.\n\n"
        "They agreed to expand search and rescue cooperation with Norway, Iceland and Canada, and to fund "
        "research on melting sea ice.",
    ),
    "s2020.txt": (
        "2020-06-10",
        "Online summit statement",
        "The Northern Forum met online because of the pandemic. Health ministers joined the leaders to discuss "
        "vaccines and hospital capacity.\n\nThe leaders welcomed new trade routes through the Arctic and pledged "
        "support for indigenous communities in Greenland and Alaska.",
    ),
    "s2021.txt": (
        "2021-06-15",
        "Reykjavik declaration",
        "Meeting in Reykjavik, the Northern Forum condemned illegal fishing and called for stronger maritime "
        "security in the North Atlantic.\n\nLeaders committed to cut emissions from shipping by half by 2030 "
        "and to invest in clean energy for remote towns in Norway and Finland.",
    ),
}
STATEMENT = (
    "We, the Leaders of the G7, met in Hiroshima and discussed security in the Arctic and the High North.\n\n"
    "We condemn the war of aggression against Ukraine and its consequences for Arctic cooperation.\n\n"
    "We will support Norway, Canada and Denmark in protecting fisheries and shipping lanes, and invest in "
    "climate research. Fisheries matter to Norway."
)


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    """A three-statement archive spanning three years (``forum/``), and a statement (``g7.txt``)."""
    root = tmp_path_factory.mktemp("archive")
    (root / "forum" / "txt").mkdir(parents=True)
    rows = ["filename,date,title"]
    for name, (date, title, text) in ARCHIVE.items():
        (root / "forum" / "txt" / name).write_text(text + "\n", encoding="utf-8")
        rows.append(f"txt/{name},{date},{title}")
    (root / "forum" / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (root / "g7.txt").write_text(STATEMENT + "\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def placed(small):
    statement = sa.load_statement(small / "g7.txt", title="G7 statement on the Arctic", date="2023-05-20")
    corpus = sa.load_corpus(small / "forum")
    return statement, corpus, compare.within(statement, pipeline.run(corpus, workers=1, progress=False))


# ------------------------------------------------------------------ the grouping rule
def test_choose_freq_follows_the_documented_rule():
    # three yearly summits: 25 months (over 24); 9 quarters of 0.33 statements: by year
    assert compare.choose_freq(["2019-06-12", "2020-06-10", "2021-06-15"]) == "year"
    # 40 statements in 2023: 12 months of 3.3 each
    assert compare.choose_freq(pd.date_range("2023-01-01", "2023-12-31", periods=40)) == "month"
    # 30 statements in 2023: 2.5 a month (under 3), 4 quarters of 7.5
    assert compare.choose_freq(pd.date_range("2023-01-01", "2023-12-31", periods=30)) == "quarter"
    # every 5 days for 4 years: 48 months (over 24), 16 quarters of about 18
    assert compare.choose_freq(pd.date_range("2021-01-01", "2024-12-31", freq="5D")) == "quarter"
    # 24 months exactly, 3 a month: month; 25 months: quarter
    assert compare.choose_freq(pd.date_range("2021-01-01", "2022-12-31", periods=72)) == "month"
    assert compare.choose_freq(pd.date_range("2021-01-01", "2023-01-31", periods=75)) == "quarter"
    assert compare.choose_freq([]) == "year"


def test_over_time_auto_uses_the_rule_and_says_which(placed):
    _, corpus, _ = placed
    ts = compare.over_time(corpus, freq="auto", workers=1, progress=False)
    assert ts.freq == "year" and ts.readability["period"].tolist() == ["2019", "2020", "2021"]
    with pytest.raises(sa.OptionError, match="freq"):
        compare.over_time(corpus, freq="weekly", workers=1, progress=False)


# ------------------------------------------------------------------ within
def test_readability_percentiles_count_the_archive_documents_below(placed):
    statement, corpus, p = placed
    mine = readability.scores(statement).iloc[0]
    theirs = readability.scores(corpus)
    assert p.documents == 3 and p.excluded == []
    for row in p.readability.itertuples():
        values = theirs[row.measure].to_numpy(dtype=float)
        assert row.statement == pytest.approx(mine[row.measure], abs=1e-9)
        assert row.below == int((values < mine[row.measure]).sum())
        assert row.percentile == pytest.approx(100 * row.below / 3)
        assert row.archive_median == pytest.approx(float(np.median(values)))


def test_theme_shares_against_the_archive_spread(placed):
    statement, corpus, p = placed
    mine = themes.code(statement, by="document").set_index("theme")["share"]
    theirs = themes.code(corpus, by="document")
    for row in p.themes.itertuples():
        shares = theirs.loc[theirs["theme"] == row.theme, "share"].to_numpy(dtype=float)
        assert row.statement_share == pytest.approx(mine.get(row.theme, 0.0))
        assert row.archive_median == pytest.approx(float(np.median(shares)))
        assert row.archive_q1 == pytest.approx(float(np.quantile(shares, 0.25)))
        assert row.percentile == pytest.approx(100 * (shares < row.statement_share).sum() / 3)
    # the distribution the chart draws: one share per document and theme
    assert len(p.theme_documents) == 3 * len(p.themes)


def test_distinctive_words_count_the_statement_and_the_archive(placed):
    statement, corpus, p = placed
    mine = terms.frequencies(statement).set_index("term")["n"]
    theirs = terms.frequencies(corpus).set_index("term")["n"]
    top = p.terms[p.terms["distinctive_of"] == "a"]
    assert len(top) and top["g2"].is_monotonic_decreasing
    for row in top.itertuples():
        assert row.n_a == mine[row.term]
        assert row.n_b == theirs.get(row.term, 0)
    # "fisheries": twice in the statement (by hand), once in the 2019 statement
    fish = top.set_index("term").loc["fisheries"]
    assert (fish["n_a"], fish["n_b"]) == (2, 1)
    assert fish["per_1k_a"] == pytest.approx(2 / mine.sum() * 1000)


def test_places_with_the_share_of_archive_documents_naming_them(placed):
    statement, corpus, p = placed
    named = places.mentions(statement)
    m = places.mentions(corpus)
    assert set(p.places["place"]) == set(named["place"])
    for row in p.places.itertuples():
        docs = m.loc[m["place"] == row.place, "doc_id"].nunique()
        assert row.mentions == int((named["place"] == row.place).sum())
        assert row.archive_documents == docs and row.archive_share == pytest.approx(docs / 3)
    norway = p.places.set_index("place").loc["Norway"]
    assert (norway["mentions"], norway["archive_documents"]) == (2, 2)  # by hand: s2019 and s2021
    assert p.places["archive_share"].is_monotonic_increasing  # rarest first


def test_a_statement_that_is_in_the_archive_is_left_out_of_its_side(small):
    corpus = sa.load_corpus(small / "forum")
    member = sa.load_statement(small / "forum" / "txt" / "s2020.txt")
    p = compare.within(member, pipeline.run(corpus, workers=1, progress=False))
    assert p.excluded == [corpus.index[1]] and p.documents == 2


# ------------------------------------------------------------------ findings
def _numbers(sentence: str) -> list[str]:
    return re.findall(r"\d[\d,]*(?:\.\d+)?", sentence)


def test_placement_findings_state_the_tables_numbers(placed):
    statement, corpus, p = placed
    lines = findings.placement_findings(p)
    assert 3 <= len(lines) <= 6
    fk_mine = readability.scores(statement).iloc[0]["flesch_kincaid_grade"]
    fk = readability.scores(corpus)["flesch_kincaid_grade"].to_numpy(dtype=float)
    below = 100 * (fk < fk_mine).sum() / len(fk)
    assert _numbers(lines[0]) == [f"{fk_mine:.1f}", f"{below:.0f}", "3", f"{np.median(fk):.1f}"]
    shares = themes.code(statement, by="document")
    top = shares.sort_values(["share", "theme"], ascending=[False, True], kind="mergesort").iloc[0]
    coded = themes.code(corpus, by="document")
    theirs = coded.loc[coded["theme"] == top["theme"], "share"].to_numpy(dtype=float)
    assert top["label"] in lines[1]
    assert _numbers(lines[1].split(top["label"])[1]) == [
        f"{100 * top['share']:.1f}",
        f"{100 * (theirs < top['share']).sum() / 3:.0f}",
        f"{100 * np.median(theirs):.1f}",
    ]
    words = next(line for line in lines if line.startswith("The words most distinctive"))
    freq = terms.frequencies(statement).set_index("term")["n"]
    first = p.terms.iloc[0]["term"]
    assert f"“{first}” occurs" in words
    assert f"({freq[first] / freq.sum() * 1000:.1f} per 1,000 counted words)" in words
    rare = next(line for line in lines if "places it names" in line)
    m = places.mentions(corpus)
    named = places.mentions(statement)["place"].unique()
    rare_by_hand = [pl for pl in named if m.loc[m["place"] == pl, "doc_id"].nunique() / 3 < 0.05]
    assert f"Of the {len(named)} places it names, {len(rare_by_hand)} are named" in rare
    assert all(pl in rare for pl in rare_by_hand[:6])


def test_archive_findings_state_the_tables_numbers(placed):
    _, corpus, _ = placed
    result = pipeline.run(corpus, workers=1, progress=False)
    ts = compare.over_time(result, freq="auto")
    pt = compare.distinctive_terms_by_period(result, ts, n=5)
    lines = findings.archive_findings(ts, documents=len(corpus), period_terms=pt, chosen="auto")
    assert 3 <= len(lines) <= 6
    assert lines[0] == (
        "The archive holds 3 statements, dated from 2019-06-12 to 2021-06-15; they are grouped by year "
        "(chosen automatically) into 3 periods."
    )
    assert lines[1] == "No year has more than one statement."
    fk = readability.scores(corpus).set_index("doc_id")["flesch_kincaid_grade"]
    assert f"is {fk.iloc[0]:.1f} in the first period (2019) and {fk.iloc[-1]:.1f} in the last (2021)" in lines[2]
    coded = themes.code(corpus, by="document")
    pooled = coded.groupby("label")["n"].sum() / coded.groupby("label")["n_words"].sum()
    assert f"is {pooled.idxmax()} ({100 * pooled.max():.1f}%)" in lines[3]
    cc = places.country_counts(places.mentions(corpus))
    top = cc.iloc[0]
    assert lines[4] == f"The most-named country is {top['country']}, with {int(top['mentions'])} mentions."
    # the latest period's words: keyness of 2021's counts against 2019 and 2020's
    freq = terms.frequencies(corpus, by="document")
    last = freq["doc_id"] == corpus.index[-1]
    k = terms.keyness_table(freq[last].groupby("term")["n"].sum(), freq[~last].groupby("term")["n"].sum())
    k = k[k["direction"] == "target"].sort_values(["g2", "term"], ascending=[False, True], kind="mergesort")
    assert lines[5].endswith(", ".join(f"“{t}”" for t in k["term"].head(3)) + ".")
    assert pt[pt["period"] == "2021"]["term"].tolist() == k["term"].head(5).tolist()


# ------------------------------------------------------------------ the command line
def _cli(args: list[object], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=600)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#39;", "'").replace("&amp;", "&")


@pytest.mark.slow
def test_archive_report_of_a_small_archive(small):
    r = _cli(["report", "--corpus", "forum", "--out", "out_archive"], small)
    assert r.returncode == 0, r.stderr
    out = small / "out_archive"
    assert sorted(p.name for p in out.glob("*.html")) == ["06_compare.html", "index.html"]
    index = _text((out / "index.html").read_text(encoding="utf-8"))
    assert "What was analysed Archive forum: 3 statements, 2019-06-12 to 2021-06-15" in index
    assert "Grouped over time by year (chosen automatically)" in index
    page = (out / "06_compare.html").read_text(encoding="utf-8")
    assert "Findings The archive holds 3 statements" in _text(page)
    assert str(small) not in page and str(small) not in (out / "index.html").read_text(encoding="utf-8")
    docs = pd.read_csv(out / "tables" / "documents.csv")
    assert docs["title"].tolist() == [v[1] for v in ARCHIVE.values()]


@pytest.mark.slow
def test_statement_against_a_small_archive(small):
    r = _cli(["report", "g7.txt", "--corpus", str(small / "forum"), "--only", "03,06", "--out", "out_g7"], small)
    assert r.returncode == 0, r.stderr
    out = small / "out_g7" / "g7"
    index = _text((out / "index.html").read_text(encoding="utf-8"))
    assert "What was analysed Statement g7.txt Set against the archive forum: 3 statements" in index
    page = _text((out / "06_compare.html").read_text(encoding="utf-8"))
    assert "Archive: forum, 3 statements" in page
    assert "Findings Its Flesch–Kincaid grade is" in page and "of the archive's 3 statements score lower" in page
    # 03's keyness takes the archive as its reference too: the words the archive uses more than
    # the statement (none of them in the statement) are in its table
    statement = sa.load_statement(small / "g7.txt")
    key = terms.keyness(sa.tidy.tokens(statement), sa.load_corpus(small / "forum"))
    archive_words = key[key["n_target"] == 0]["term"].tail(5).tolist()
    page3 = (out / "03_term_frequency.html").read_text(encoding="utf-8")
    assert len(archive_words) == 5 and all(f">{w}<" in page3 for w in archive_words), archive_words


@pytest.mark.slow
def test_encoding_applies_to_the_archive_as_to_the_statement(tmp_path):
    # a cp1252 archive ("Café", "Zürich" and a curly apostrophe are bytes UTF-8 refuses) and a
    # cp1252 statement: --encoding reads them all, in 03's keyness reference and in 06 alike
    (tmp_path / "arch").mkdir()
    rows = ["filename,date,title"]
    for name, (date, title, text) in ARCHIVE.items():
        body = text + "\n\nTalks at the Caf\u00e9 Z\u00fcrich went on; the forum\u2019s chair spoke.\n"
        (tmp_path / "arch" / name).write_bytes(body.encode("cp1252"))
        rows.append(f"{name},{date},{title}")
    (tmp_path / "arch" / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / "g7.txt").write_bytes((STATEMENT + "\n\nWe met at the Caf\u00e9 in Z\u00fcrich.\n").encode("cp1252"))
    with pytest.raises(UnicodeDecodeError):
        (tmp_path / "arch" / "s2019.txt").read_bytes().decode("utf-8")
    r = _cli(["report", "--corpus", "arch", "--encoding", "cp1252", "--out", "alone"], tmp_path)
    assert r.returncode == 0, r.stderr
    assert "Findings The archive holds 3 statements" in _text(
        (tmp_path / "alone" / "06_compare.html").read_text("utf-8")
    )
    r = _cli(
        ["report", "g7.txt", "--corpus", "arch", "--encoding", "cp1252", "--only", "03,06", "--out", "with"], tmp_path
    )
    assert r.returncode == 0, r.stderr
    page3 = (tmp_path / "with" / "g7" / "03_term_frequency.html").read_text("utf-8")
    assert "z\u00fcrich" in page3.lower()  # decoded as cp1252, not replaced
    page6 = _text((tmp_path / "with" / "g7" / "06_compare.html").read_text("utf-8"))
    assert "Archive: arch, 3 statements" in page6


def test_freq_is_checked(small):
    r = _cli(["report", "--corpus", "forum", "--freq", "weekly", "--out", "x"], small)
    assert r.returncode == 2 and "--freq must be one of auto, month, quarter, year, not 'weekly'" in r.stderr
    r = _cli(["report", "g7.txt", "--freq", "year", "--out", "x"], small)
    assert r.returncode == 2 and "give the archive with --corpus" in r.stderr
    r = _cli(["report", "--corpus", "forum", "--only", "01", "--out", "x"], small)
    assert r.returncode == 2 and "a report about an archive alone has the sections 06" in r.stderr
    assert "Building" not in r.stderr  # refused before anything started
    assert not (small / "x").exists()


@pytest.mark.slow
@pytest.mark.corpus
def test_the_joint_statements_alone_and_with_a_statement(tmp_path):
    if not (JOINT / "metadata.csv").is_file():
        pytest.skip("../shared/corpora not present")
    (tmp_path / "g7.txt").write_text(STATEMENT + "\n", encoding="utf-8")
    r = _cli(["report", "--corpus", JOINT, "--freq", "year", "--out", "alone"], tmp_path)
    assert r.returncode == 0, r.stderr
    meta = pd.read_csv(JOINT / "metadata.csv")
    first, last = pd.to_datetime(meta["date"]).min(), pd.to_datetime(meta["date"]).max()
    index = _text((tmp_path / "alone" / "index.html").read_text(encoding="utf-8"))
    assert f"us_joint_statements: {len(meta)} statements, {first:%Y-%m-%d} to {last:%Y-%m-%d}" in index
    page = _text((tmp_path / "alone" / "06_compare.html").read_text(encoding="utf-8"))
    years = last.year - first.year + 1
    assert f"grouped by year (as asked) into {years} periods" in page
    r = _cli(["report", "g7.txt", "--corpus", JOINT, "--only", "06", "--out", "with"], tmp_path)
    assert r.returncode == 0, r.stderr
    index = _text((tmp_path / "with" / "g7" / "index.html").read_text(encoding="utf-8"))
    assert f"Set against the archive us_joint_statements: {len(meta)} statements" in index
    assert str(JOINT) not in (tmp_path / "with" / "g7" / "06_compare.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_batch_gives_the_same_bytes_as_single_reports(small):
    for name in ("one", "two", "three"):
        (small / f"{name}.txt").write_text(f"The {name} statement.\n\n" + STATEMENT + "\n", encoding="utf-8")
    files = ["one.txt", "two.txt", "three.txt"]
    r = _cli(["report", *files, "--only", "01,02,06", "--corpus", "forum", "--out", "batch"], small)
    assert r.returncode == 0, r.stderr
    for f in files:
        r = _cli(["report", f, "--only", "01,02,06", "--corpus", "forum", "--out", "single"], small)
        assert r.returncode == 0, r.stderr
    batch = {p.relative_to(small / "batch"): p.read_bytes() for p in (small / "batch").rglob("*") if p.is_file()}
    single = {p.relative_to(small / "single"): p.read_bytes() for p in (small / "single").rglob("*") if p.is_file()}
    assert len(batch) >= 3 * 4 and batch.keys() == single.keys()
    assert [k for k in batch if batch[k] != single[k]] == []


# ------------------------------------------------------------------ charts
@pytest.mark.parametrize("name", ["plot_readability_within", "plot_themes_within", "plot_places_within"])
def test_charts_of_a_statement_within_an_archive(placed, tmp_path, name):
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from statement_analysis.plots import archive as archive_plots
    from statement_analysis.plots import style

    _, _, p = placed
    draw = getattr(archive_plots, name)
    images = []
    for _ in range(2):
        ax = draw(p, source="Source: test")
        fig = ax.figure
        assert ax.get_title(loc="left") and ax.get_xlabel()
        assert [t.get_text() for t in ax.texts if t.get_gid() == style.SOURCE_GID] == ["Source: test"]
        buf = io.BytesIO()
        style.save(fig, buf, format="png")
        images.append(buf.getvalue())
        renderer = fig.canvas.get_renderer()
        legend = ax.get_legend()
        if legend is not None:  # beside the axes: over neither the data nor the title
            box, frame = legend.get_window_extent(renderer), ax.get_window_extent(renderer)
            assert box.x0 >= frame.x1
        plt.close(fig)
    assert images[0] == images[1]  # the same table gives the same image
    _, given = plt.subplots()
    assert draw(p, ax=given, source="Source: test") is given
    plt.close("all")


def test_within_refuses_bad_options(placed, small):
    statement, corpus, _ = placed
    with pytest.raises(sa.OptionError, match="n_terms"):
        compare.within(statement, corpus, n_terms=0)
    with pytest.raises(sa.OptionError, match="one document"):
        compare.within(corpus, corpus)
