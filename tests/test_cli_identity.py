"""An analyst's own statement keeps its identity through the command line: ``--title``, ``--date``
and a heading line reach the summary, the index and the notebooks' pages.

The statement is written here by hand; its counts are counted by hand: a heading line and three
paragraphs of 2, 2 and 1 sentences."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HEADING = "G7 Leaders' Statement on Ukraine"
BODY = [
    "We, the Leaders of the G7, met today in Hiroshima. We condemn the war of aggression.",
    "We will support Ukraine for as long as it takes. Our finance ministers will meet in Paris.",
    "We call on all states to uphold the Charter of the United Nations.",
]


def _write(folder: Path, heading: bool = True) -> Path:
    path = folder / "g7_hiroshima.txt"
    lines = ([HEADING, ""] if heading else []) + "\n\n".join(BODY).split("\n")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "statement_analysis", *args], cwd=cwd, capture_output=True, text=True, timeout=600
    )


@pytest.mark.slow
def test_report_takes_title_and_date_from_the_command_line(tmp_path):
    _write(tmp_path)
    done = _cli(
        "report",
        "g7_hiroshima.txt",
        "--title",
        "Hiroshima Leaders' statement",
        "--date",
        "May 20, 2023",
        "--only",
        "01",
        "--out",
        "out",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "out" / "g7_hiroshima"
    summary = json.loads((folder / "tables" / "summary.json").read_text(encoding="utf-8"))
    assert summary["title"] == "Hiroshima Leaders' statement"
    assert summary["date"] == "2023-05-20"
    assert summary["counts"]["paragraphs"] == 3  # the heading line is not a paragraph
    assert summary["counts"]["sentences"] == 5
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert "Hiroshima Leaders&#39; statement" in index or "Hiroshima Leaders' statement" in index
    assert "20 May 2023" in index
    assert "3 paragraphs" in index
    page = (folder / "01_load_and_tidy.html").read_text(encoding="utf-8")
    assert "2023-05-20" in page  # the notebook loaded the statement with the same date
    assert "Traceback" not in page


@pytest.mark.slow
def test_a_heading_line_is_the_title_not_paragraph_one(tmp_path):
    _write(tmp_path)
    done = _cli("report", "g7_hiroshima.txt", "--only", "01", "--out", "out", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "out" / "g7_hiroshima"
    summary = json.loads((folder / "tables" / "summary.json").read_text(encoding="utf-8"))
    assert summary["title"] == HEADING
    assert summary["date"] is None
    assert summary["counts"]["paragraphs"] == 3
    tokens = (folder / "tables" / "tokens.csv").read_text(encoding="utf-8")
    assert "Leaders" in tokens and "Statement" not in tokens  # the heading's words are not body tokens


def test_no_title_line_keeps_the_heading_as_body(tmp_path):
    _write(tmp_path)
    done = _cli("summary", "g7_hiroshima.txt", "--no-title-line", "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["counts"]["paragraphs"] == 4
    assert data["title"] in (None, "", "g7_hiroshima")


def test_summary_shows_the_parsed_date(tmp_path):
    _write(tmp_path, heading=False)
    done = _cli("summary", "g7_hiroshima.txt", "--date", "20.05.2023", "--title", "Hiroshima", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = dict(line.split(None, 1) for line in done.stdout.splitlines() if line.strip())
    assert lines["Title"].strip() == "Hiroshima"
    assert lines["Date"].strip() == "2023-05-20"


@pytest.mark.parametrize("value", ["05/06/2023", "the spring of 2023", "31 February 2023"])
def test_a_date_that_cannot_be_read_is_refused_before_any_work(tmp_path, value):
    _write(tmp_path)
    done = _cli("report", "g7_hiroshima.txt", "--date", value, "--out", "out", cwd=tmp_path)
    assert done.returncode == 2
    assert "--date" in done.stderr
    assert not (tmp_path / "out").exists()


def test_title_with_several_files_is_refused(tmp_path):
    _write(tmp_path)
    (tmp_path / "b.txt").write_text("Another statement about trade.\n", encoding="utf-8")
    done = _cli("report", "g7_hiroshima.txt", "b.txt", "--title", "One", "--out", "out", cwd=tmp_path)
    assert done.returncode == 2
    assert "--title" in done.stderr
    assert not (tmp_path / "out").exists()
