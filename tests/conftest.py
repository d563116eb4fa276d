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


def _no_network_prefix() -> list[str] | None:
    """``["unshare", "-n"]`` where this machine can run a command with no network at all."""
    import shutil
    import subprocess

    if shutil.which("unshare") is None:
        return None
    ok = subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0
    return ["unshare", "-n"] if ok else None


@pytest.fixture(scope="session")
def bundled_report(tmp_path_factory) -> Path:
    """The full report of the bundled statement, built once per test session by the CLI — in a
    network namespace with no interface at all where the machine allows it (proof of offline)."""
    import subprocess
    import sys

    out = tmp_path_factory.mktemp("report-bundled")
    prefix = _no_network_prefix() or []
    cli = [sys.executable, "-m", "statement_analysis", "report", "--out", str(out)]
    done = subprocess.run([*prefix, *cli], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    (out / ".built-offline").write_text("yes" if prefix else "no")
    return out
