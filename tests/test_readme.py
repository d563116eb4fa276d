"""Every ```python block of README.md runs as written, each in a fresh Python process, from the
root of a copy of the repository that has no ``../shared`` beside it — as on a fresh clone. A
block whose first line is ``# not run`` (a cluster address, say) is skipped, with that reason."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
NOT_RUN = "# not run"
_FENCE = re.compile(r"^```python[ \t]*\n(.*?)^```[ \t]*$", re.S | re.M)
#: paths that exist only on the developers' machines
DEVELOPER_PATHS = ("../shared", "/tmp/corpora", "/work/", "other_statement_or_corpus")
#: what a copy of the repository leaves out: environments, caches, generated files
_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "venv", "__pycache__", "*.pyc", ".pytest_cache", ".ruff_cache", ".hypothesis",
    "reports", "docs", "build", "dist", "*.egg-info", "artifacts", ".ipynb_checkpoints",
)  # fmt: skip


def python_blocks(markdown: str) -> list[tuple[int, str]]:
    """``(line number, code)`` of every fenced ```python block, in order."""
    return [(markdown.count("\n", 0, m.start()) + 1, m.group(1)) for m in _FENCE.finditer(markdown)]


def is_not_run(code: str) -> bool:
    """Whether a block opts out: its first line is ``# not run`` (a reason may follow)."""
    first = code.lstrip("\n").split("\n", 1)[0].strip()
    return first.lower().startswith(NOT_RUN)


BLOCKS = python_blocks(README.read_text(encoding="utf-8"))


def test_blocks_are_found_and_opt_out_only_by_their_first_line():
    md = (
        "text\n```python\nx = 1\n```\n\n```bash\nls\n```\n"
        "```python\n# not run (needs a cluster)\nClient('tcp://x')\n```\n"
        "```python\ny = 2  # not run is only a comment here\n```\n"
    )
    blocks = python_blocks(md)
    assert [line for line, _ in blocks] == [2, 9, 13]
    assert [is_not_run(code) for _, code in blocks] == [False, True, False]
    assert len(BLOCKS) >= 6  # the README's own: quick use, readability, terms, themes, places, compare...
    assert sum(not is_not_run(code) for _, code in BLOCKS) >= 6


def test_no_block_uses_a_developer_only_path():
    for line, code in BLOCKS:
        for path in DEVELOPER_PATHS:
            assert path not in code, f"README.md line {line}: {path}"


@pytest.fixture(scope="session")
def fresh_clone(tmp_path_factory) -> Path:
    """A copy of the repository's files (no environment, no caches), alone in its folder."""
    where = tmp_path_factory.mktemp("readme") / "statement-analysis"
    shutil.copytree(ROOT, where, ignore=_IGNORE, symlinks=True)
    assert not (where.parent / "shared").exists()
    return where


@pytest.mark.slow
@pytest.mark.parametrize("line,code", BLOCKS, ids=[f"README.md:{line}" for line, _ in BLOCKS])
def test_readme_block_runs_as_written(line, code, fresh_clone):
    if is_not_run(code):
        pytest.skip(f"README.md line {line} says '# not run'")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONSTARTUP")}
    env.update({"MPLBACKEND": "Agg", "TQDM_DISABLE": "1"})
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=fresh_clone, env=env, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, f"README.md line {line} failed:\n{done.stderr[-4000:]}"
