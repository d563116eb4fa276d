"""The package's surface: light import, public names, command line."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import statement_analysis as sa
from statement_analysis.cli import main


def test_import_does_not_load_heavy_modules():
    code = (
        "import sys, statement_analysis as sa; "
        "heavy = ('pandas', 'matplotlib', 'numpy', 'textstat', 'simplemma', 'nbconvert'); "
        "heavy = [m for m in heavy if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""


def test_public_names():
    for name in ("load_statement", "load_corpus", "Statement", "StatementAnalysisError", "tidy"):
        assert hasattr(sa, name)
    assert callable(sa.tidy.paragraphs) and callable(sa.tidy.sentences) and callable(sa.tidy.tokens)


def test_cli_version_and_help(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0
    assert sa.__version__ in capsys.readouterr().out
    with pytest.raises(SystemExit) as e:
        main(["report", "--help"])
    assert e.value.code == 0
    assert "examples:" in capsys.readouterr().out


def test_cli_bad_input_exits_2_and_names_the_file(tmp_path, capsys):
    f = tmp_path / "empty.txt"
    f.write_bytes(b"")
    assert main(["summary", str(f)]) == 2
    err = capsys.readouterr().err
    assert str(f) in err and "Traceback" not in err
    assert main(["report", str(tmp_path / "missing.txt"), "--out", str(tmp_path / "out")]) == 2
    assert "missing.txt" in capsys.readouterr().err


def test_cli_summary_json(capsys):
    from statement_analysis.paths import bundled_statement_path

    assert main(["summary", str(bundled_statement_path()), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["date"] == "2017-03-22"
    assert data["counts"]["paragraphs"] == 14


def test_python_dash_m_works():
    out = subprocess.run([sys.executable, "-m", "statement_analysis", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and sa.__version__ in out.stdout


def test_summary_json_follows_its_schema_and_hand_counts(capsys):
    import jsonschema

    from statement_analysis.paths import bundled_statement_path
    from statement_analysis.summary import schema

    assert main(["summary", str(bundled_statement_path()), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    jsonschema.validate(data, schema(), format_checker=jsonschema.FormatChecker())
    assert data["counts"]["paragraphs"] == 14 and data["counts"]["sentences"] == 67  # counted by hand
    assert data["top_terms"][0] == {"term": "Da'esh", "n": 43}  # grep: 45 "Da’esh", 2 of them in title/teaser
    bad = dict(data, counts={"paragraphs": -1})
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema())


def test_summary_json_of_a_statement_naming_a_county_follows_its_schema(tmp_path, capsys):
    import jsonschema

    from statement_analysis.summary import schema

    path = tmp_path / "county.txt"
    path.write_text(
        "Flooding in Laurel County, Kentucky, closed roads.\n\nThe governor visited Laurel County on Monday.\n",
        encoding="utf-8",
    )
    assert main(["summary", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    jsonschema.validate(data, schema(), format_checker=jsonschema.FormatChecker())
    assert {"place": "Laurel County", "kind": "admin2", "iso3": "USA", "mentions": 2} in data["places"]


def test_summary_table_is_readable(capsys):
    from statement_analysis.paths import bundled_statement_path

    assert main(["summary", str(bundled_statement_path())]) == 0
    out = capsys.readouterr().out
    assert "Paragraphs" in out and "Flesch Reading Ease" in out and "Da'esh (43)" in out
