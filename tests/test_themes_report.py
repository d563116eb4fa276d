"""Themes in the report, the summary and the command line (issue 13): the general dictionary by
default, a domain dictionary when it fits or is named, which dictionary produced each table, and
clear errors for an unknown name or a bad file."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import statement_analysis as sa
from statement_analysis.cli import main
from statement_analysis.reporting.pages import write_tables as _write_tables
from statement_analysis.summary import headline, schema, summarize

G7 = Path(__file__).resolve().parent / "gold" / "g7_style_communique.txt"
# What a reader sees in the communiqué's paragraphs (see test_themes_cap.G7_LABELS).
G7_READER = {
    "Multilateral institutions",
    "Foreign trade",
    "Environment & climate",
    "Conflict & peace processes",
    "Alliances & regional security",
    "Health",
}


def test_summary_of_g7_uses_the_general_dictionary_only():
    st = sa.load_statement(G7)
    data = summarize(st)
    assert [d["name"] for d in data["theme_dictionaries"]] == ["general"]
    assert data["domain_themes"] == []
    assert {t["dictionary"] for t in data["themes"]} == {"general"}
    rows = dict(headline(st, data))
    largest = [part.rsplit(" (", 1)[0] for part in rows["Largest themes (general)"].split(", ")]
    assert len(largest) == 3 and set(largest) <= G7_READER
    assert not any("coalition" in k.lower() or "coalition" in v.lower() for k, v in rows.items())


def test_summary_with_a_named_domain_dictionary_says_it_does_not_fit():
    st = sa.load_statement(G7)
    data = summarize(st, dictionary="coalition")
    names = [(d["name"], d["why"], d["fits"]) for d in data["theme_dictionaries"]]
    assert names == [("general", "general", True), ("coalition", "named", False)]
    assert {t["dictionary"] for t in data["domain_themes"]} == {"coalition"}
    assert any(w.startswith("theme dictionary 'coalition': this dictionary does not fit") for w in data["warnings"])
    rows = dict(headline(st, data))
    assert "Largest themes (coalition)" in rows and "(does not fit)" in rows["Theme dictionaries"]


def test_summary_of_the_bundled_statement_adds_the_coalition_layer(bundled):
    data = summarize(bundled)
    assert [(d["name"], d["why"]) for d in data["theme_dictionaries"]] == [
        ("general", "general"),
        ("coalition", "fits the text"),
    ]
    assert data["themes"][0]["theme"] == "terrorism"


def test_cli_summary_dictionary_json_follows_the_schema(capsys):
    import jsonschema

    assert main(["summary", str(G7), "--format", "json", "--dictionary", "coalition"]) == 0
    data = json.loads(capsys.readouterr().out)
    jsonschema.validate(data, schema(), format_checker=jsonschema.FormatChecker())
    assert data["theme_dictionaries"][1]["name"] == "coalition"


def test_cli_unknown_dictionary_name_exits_2(capsys, tmp_path):
    assert main(["summary", str(G7), "--dictionary", "coalitoin"]) == 2
    err = capsys.readouterr().err
    assert "unknown dictionary 'coalitoin'" in err and "'general', 'coalition'" in err and "Traceback" not in err
    out = tmp_path / "out"
    assert main(["report", str(G7), "--out", str(out), "--dictionary", "coalitoin"]) == 2
    assert "unknown dictionary 'coalitoin'" in capsys.readouterr().err
    assert not out.exists()  # refused before anything was built


def test_cli_bad_dictionary_file_exits_2_naming_file_and_line(capsys, tmp_path):
    bad = tmp_path / "mine.yaml"
    bad.write_text("cap_aligned: true\nthemes:\n  money:\n    description: m\n    words: [money]\n", encoding="utf-8")
    assert main(["report", str(G7), "--out", str(tmp_path / "out"), "--dictionary", str(bad)]) == 2
    err = capsys.readouterr().err
    assert str(bad) in err and "line 3 (themes.money)" in err and "missing key 'cap'" in err
    assert main(["summary", str(G7), "--dictionary", str(tmp_path / "missing.dic")]) == 2
    assert "no such dictionary file" in capsys.readouterr().err


def test_report_tables_say_which_dictionary(tmp_path):
    st = sa.load_statement(G7)
    rows = _write_tables(sa.analyse(st), tmp_path / "plain")
    names = [r["name"] for r in rows]
    assert "themes_paragraphs.csv" in names and "theme_dictionaries.csv" in names
    assert not any(n.startswith("themes_paragraphs_") for n in names)
    about = {r["name"]: r["about"] for r in rows}
    assert "general dictionary" in about["themes_paragraphs.csv"]
    general = pd.read_csv(tmp_path / "plain" / "themes_paragraphs.csv")
    assert set(general["dictionary"]) == {"general"}
    fit = pd.read_csv(tmp_path / "plain" / "theme_dictionaries.csv")
    assert fit["name"].tolist() == ["general"] and fit["fits"].tolist() == [True]

    rows = _write_tables(sa.analyse(st, domain="coalition"), tmp_path / "named")
    about = {r["name"]: r["about"] for r in rows}
    assert "coalition dictionary: named" in about["themes_paragraphs_coalition.csv"]
    coalition = pd.read_csv(tmp_path / "named" / "themes_paragraphs_coalition.csv")
    assert set(coalition["dictionary"]) == {"coalition"} and coalition["para_id"].nunique() == 6


@pytest.mark.slow
def test_bundled_report_shows_both_layers(bundled_report):
    tables = bundled_report / "tables"
    assert (tables / "themes_paragraphs_coalition.csv").is_file()  # it fits the bundled statement
    fit = pd.read_csv(tables / "theme_dictionaries.csv")
    assert fit[["name", "why"]].values.tolist() == [["general", "general"], ["coalition", "fits the text"]]
    index = (bundled_report / "index.html").read_text(encoding="utf-8")
    assert "Largest themes (general)" in index and "Largest themes (coalition)" in index
    page = (bundled_report / "04_themes.html").read_text(encoding="utf-8")
    assert "coalition (fits the text)" in page
