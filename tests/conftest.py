"""Shared fixtures: the bundled statement, and the shared corpora (skipped where absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

import statement_analysis as sa

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPORA = SHARED / "corpora"
JOINT = CORPORA / "us_joint_statements"


@pytest.fixture(scope="session")
def bundled() -> sa.Statement:
    return sa.load_bundled()


@pytest.fixture(scope="session")
def joint_corpus_dir() -> Path:
    if not (JOINT / "metadata.csv").is_file():
        pytest.skip("../shared/corpora not present")
    return JOINT


@pytest.fixture(scope="session")
def bundled_report(tmp_path_factory) -> Path:
    """The full report of the bundled statement, built once per test session."""
    from statement_analysis.reports import build_reports

    out = tmp_path_factory.mktemp("report-bundled")
    build_reports(None, out_dir=out)
    return out
