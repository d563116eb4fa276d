"""Notebook 06 runs in a report with a corpus folder (the joint statements; skipped where absent)
and without one, where it says how to give one instead of failing."""

from __future__ import annotations

from pathlib import Path

import pytest

from statement_analysis.reports import build_reports

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "06_compare.ipynb"
JOINT = ROOT.parent / "shared" / "corpora" / "us_joint_statements"


def _page(out: Path) -> str:
    pages = sorted(out.glob("06_compare*.html"))
    assert pages, sorted(p.name for p in out.iterdir())
    return pages[0].read_text(encoding="utf-8")


@pytest.mark.slow
def test_notebook_without_corpus_explains_how_to_give_one(tmp_path):
    build_reports(None, out_dir=tmp_path, notebooks=[NOTEBOOK])
    html = _page(tmp_path)
    # each message is printed once (the page shows no code: a brief)
    assert html.count("No archive folder was given, so the statement is compared with itself") == 1
    assert html.count("No archive folder given: this section needs one") == 1
    assert "A = paragraphs 1 to 7; B = paragraphs 8 to 14" in html  # the bundled statement: 14 paragraphs
    assert html.count("<img") >= 4  # the four charts of the pair


@pytest.mark.slow
@pytest.mark.corpus
def test_notebook_with_the_joint_statements(tmp_path):
    if not JOINT.is_dir():
        pytest.skip("../shared/corpora not present")
    build_reports(None, out_dir=tmp_path, corpus=JOINT, notebooks=[NOTEBOOK])
    html = _page(tmp_path)
    assert "Archive: us_joint_statements, 259 statements" in html
    # 2021-02 to 2026-06: 65 months (over 24), 22 quarters of about 12 statements each
    assert "grouped by quarter (chosen automatically)" in html
    assert html.count("<img") >= 7  # four charts of the statement within the archive, three over time
    assert html.count("No archive folder given: this section needs one") == 0  # only in the code, not shown
