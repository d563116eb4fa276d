"""Report pages are briefs: no code unless asked, findings first, rounded tables with their top
rows and a link to the whole CSV, one definition of words, the explorer left out, and pages that
fit a 420 px phone (headless Chromium; skipped with a reason where it is missing)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from statement_analysis.briefs import brief_record, brief_table
from statement_analysis.cli import main
from statement_analysis.errors import OptionError
from statement_analysis.reports import (
    build_reports,
    execute_notebook,
    is_report_section,
    list_notebooks,
    report_notebooks,
)

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
#: markup of a code cell's input as nbconvert's lab template writes it (the CSS names them too,
#: so the test looks for elements: a class attribute)
CODE_INPUT = re.compile(r'class="[^"]*(?:\bjp-CodeMirrorEditor\b|\bhighlight hl-ipython3\b|\bjp-InputPrompt\b)')


def _pages(report: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(report.glob("0*.html"))}


# ------------------------------------------------------------------ code hidden, explorer left out
def test_no_page_shows_code_by_default(bundled_report):
    pages = _pages(bundled_report)
    assert len(pages) == len(report_notebooks())
    for name, html in pages.items():
        assert not CODE_INPUT.search(html), f"{name} shows a code cell"
        assert "Parameters injected" not in html and "statement_path = " not in html, name
        assert "To run it on another statement" not in html, name  # advice for JupyterLab only


@pytest.mark.slow
def test_show_code_brings_the_code_back_with_the_parameters_once(tmp_path):
    nb = next(p for p in report_notebooks() if p.stem.startswith("01"))
    build_reports(None, out_dir=tmp_path / "r", notebooks=[nb], show_code=True)
    html = (tmp_path / "r" / f"{nb.stem}.html").read_text(encoding="utf-8")
    assert CODE_INPUT.search(html)
    assert html.count("Parameters injected by statement-analysis") == 1
    assert "a path to a statement file, or None for the bundled statement" not in html  # the defaults cell
    assert "To run it on another statement" in html


def test_cli_has_show_code_and_the_explorer_is_not_a_section(capsys):
    explore = next(p for p in list_notebooks() if p.stem.startswith("07"))
    assert not is_report_section(explore)
    assert explore not in report_notebooks()
    assert all(is_report_section(p) for p in report_notebooks())
    from statement_analysis.cli import _notebooks, _parser

    with pytest.raises(OptionError, match="07_explore is not a report section"):
        _notebooks("07")
    assert _notebooks("1,3") == [p for p in report_notebooks() if p.stem[:2] in ("01", "03")]
    assert _parser().parse_args(["report", "--show-code"]).show_code is True
    assert main(["report", "--only", "07"]) == 2
    assert "not a report section" in capsys.readouterr().err


def test_the_bundled_report_has_no_explorer_page(bundled_report):
    assert not (bundled_report / "07_explore.html").exists()
    assert "07_explore" not in (bundled_report / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_explorer_notebook_still_runs_headless():
    explore = next(p for p in list_notebooks() if p.stem.startswith("07"))
    nb = execute_notebook(explore, {"statement_path": None})
    assert any(c.get("outputs") for c in nb.cells if c.cell_type == "code")


# ------------------------------------------------------------------ findings first, tables as briefs
def test_each_section_opens_with_findings(bundled_report):
    for name, html in _pages(bundled_report).items():
        if name.startswith("06"):
            continue  # the archive part of the issue (another branch)
        first_h2 = html.find("<h2")
        findings = html.find('class="sa-findings"')
        assert 0 < findings < first_h2, f"{name}: no findings before the first section"
        items = re.findall(r"<li>", html[findings : html.find("</ul>", findings)])
        assert 3 <= len(items) <= 6, f"{name}: {len(items)} findings"


def test_tables_are_rounded_and_long_ones_link_their_csv(bundled_report):
    pages = _pages(bundled_report)
    for name, html in pages.items():
        if name.startswith("06"):
            continue
        cells = re.findall(r"<td[^>]*>([^<]*)</td>", html)
        # scores and counts >= 1 with one decimal at most; below 1, two significant digits at most
        unrounded = r"-?[\d,]*[1-9][\d,]*\.\d{2,}|-?0\.0*[1-9]\d{2,}|-?[\d,]+\.00+"
        raw = [c for c in cells if re.fullmatch(unrounded, c.strip())]
        assert not raw, f"{name} shows unrounded numbers such as {raw[:3]}"
    terms = pages["03_term_frequency.html"]
    n_terms = (bundled_report / "tables" / "term_frequencies.csv").read_text(encoding="utf-8").count("\n") - 1
    assert f"The first 15 of {n_terms:,} rows. The whole table: " in terms
    assert '<a href="tables/term_frequencies.csv">tables/term_frequencies.csv</a>' in terms
    geo = pages["05_geography.html"]
    n_mentions = (bundled_report / "tables" / "place_mentions.csv").read_text(encoding="utf-8").count("\n") - 1
    assert f"of {n_mentions:,} rows" in geo and 'href="tables/place_mentions.csv"' in geo


def test_one_count_of_words_and_sentences_on_the_index_and_page_01(bundled_report):
    import json

    counts = json.loads((bundled_report / "tables" / "summary.json").read_text())["counts"]
    index = (bundled_report / "index.html").read_text(encoding="utf-8")
    page = _pages(bundled_report)["01_load_and_tidy.html"]
    words, sentences = f"{counts['words']:,}", f"{counts['sentences']:,}"
    tokens = pd.read_csv(bundled_report / "tables" / "tokens.csv", keep_default_na=False)
    assert counts["words"] == int(((tokens["is_punct"].astype(str) == "False") & (tokens["lower"] != "'s")).sum())
    assert f"<td>{words} (" in index and f"<td>{sentences}</td>" in index
    assert f"{sentences} sentences and {words} words" in page
    for html in (index, page):
        assert "a word is a token that is not punctuation" in html.lower().replace("<em>", "").replace("</em>", "")
    themes = _pages(bundled_report)["04_themes.html"]
    assert "of the coded words" in themes and "of coded words)" in index


def test_caveats_only_where_they_apply(bundled_report):
    html = _pages(bundled_report)["02_readability.html"]
    paras = pd.read_csv(bundled_report / "tables" / "readability_paragraphs.csv")
    assert html.count("<td>under 100 words</td>") == int((paras["words"] < 100).sum()) > 0
    assert "SMOG is normed on 30 sentences; this paragraph" not in html


def test_page_02_names_one_hardest_and_one_easiest_paragraph(bundled_report):
    # the findings box and the line under the chart of grade by paragraph name the same paragraphs
    # (they named 11 and 14 by Reading Ease against 12 and 2 by grade before)
    html = _pages(bundled_report)["02_readability.html"]
    paras = pd.read_csv(bundled_report / "tables" / "readability_paragraphs.csv")
    hard = int(paras.loc[paras["flesch_kincaid_grade"].idxmax(), "para_id"])
    easy = int(paras.loc[paras["flesch_kincaid_grade"].idxmin(), "para_id"])
    assert (hard, easy) == (12, 2)  # grades 20.7 and 13.5 in the table
    assert f"Its hardest paragraph is paragraph {hard} (Flesch" in html
    assert f"the easiest is paragraph {easy} (grade" in html
    assert f"Hardest paragraph: {hard} (" in html and f"Easiest paragraph: {easy} (" in html


def test_page_04_findings_cover_each_dictionary_layer_in_one_box(bundled_report):
    html = _pages(bundled_report)["04_themes.html"]
    box = html[html.index('<div class="sa-findings">') :]
    box = box[: box.index("</div>")]
    assert "The dictionary \u201cGeneral policy agenda" in box and "The dictionary \u201cGlobal Coalition" in box
    assert html.count('<div class="sa-findings">') == 1


# ------------------------------------------------------------------ the table helper itself
def test_brief_table_formats_counts_shares_scores_and_p_values(monkeypatch):
    df = pd.DataFrame(
        {
            "term": [f"t{i}" for i in range(20)],
            "n": [1004.0] + [3.0] * 19,
            "share": [0.016426] + [0.5] * 19,
            "score": [21.345] + [1.0] * 19,
            "p_g2": [0.00001] + [0.04] * 19,
        }
    )
    monkeypatch.delenv("STATEMENT_ANALYSIS_REPORT", raising=False)
    b = brief_table(df, name="term_frequencies", variable="freq")
    assert b.shown.iloc[0].tolist() == ["t0", "1,004", "1.6%", "21.3", "<0.001"]
    assert b.shown.iloc[1].tolist() == ["t1", "3", "50.0%", "1.0", "0.04"]
    ids = brief_table(pd.DataFrame({"geonames_id": [2215636, 99237], "n": [1200, 3]})).shown
    assert ids.values.tolist() == [["2215636", "1,200"], ["99237", "3"]]  # identifiers are not counts
    assert len(b.shown) == 15 and b.note == "The first 15 of 20 rows. The whole table is the variable `freq`."
    assert "tables/" not in b._repr_html_()
    monkeypatch.setenv("STATEMENT_ANALYSIS_REPORT", "1")
    b = brief_table(df, name="term_frequencies", variable="freq")
    assert '<a href="tables/term_frequencies.csv">' in b._repr_html_()
    assert brief_table(df.head(3)).note == ""
    unsorted = pd.DataFrame({"n": [3, 1, 2]}, index=[7, 2, 5]).sort_values("n", ascending=False)
    assert brief_table(unsorted).shown["n"].tolist() == ["3", "2", "1"]  # in the table's order, not its index's
    small = brief_table(pd.DataFrame({"expected": [0.0043, 0.25, 0.00001, 0.0]}))
    assert small.shown["expected"].tolist() == ["0.0043", "0.25", "<0.001", "0"]
    record = brief_record(pd.DataFrame({"words": [1691], "fre": [19.4567]}), names={"words": "words (textstat)"})
    assert record.shown.values.tolist() == [["words (textstat)", "1,691"], ["fre", "19.5"]]


def test_brief_table_escapes_text():
    html = brief_table(pd.DataFrame({"t": ["<script>x</script>"]}))._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html


# ------------------------------------------------------------------ phones: 420 px in Chromium
@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing in CI: .ci/run should have installed it")
        pytest.skip("chromium not installed (Debian: apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        yield b
        b.close()


@pytest.mark.slow
def test_index_and_pages_fit_a_420_px_phone(browser, bundled_report):
    ARTIFACTS.mkdir(exist_ok=True)
    shots = {"index.html": "report_index_420px.png", "05_geography.html": "report_geography_420px.png"}
    for page_file in [bundled_report / "index.html", *sorted(bundled_report.glob("0*.html"))]:
        page = browser.new_page(viewport={"width": 420, "height": 900})
        page.goto(page_file.as_uri(), wait_until="load")
        width = page.evaluate("document.documentElement.scrollWidth")
        body = page.evaluate("document.body.scrollWidth")
        if page_file.name in shots:
            page.screenshot(path=str(ARTIFACTS / shots[page_file.name]), full_page=False)
        page.close()
        assert width == 420 and body <= 420, f"{page_file.name} scrolls sideways at 420 px ({width} px)"
    for shot in shots.values():
        assert (ARTIFACTS / shot).stat().st_size > 10_000
