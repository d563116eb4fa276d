"""The API reference (make docs → tools/build_docs.py): it builds offline from the docstrings,
and its checks fail on an undocumented public function and on a reference to a name that does
not exist — proved on a throw-away package that has both."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TOOL = ROOT / "tools" / "build_docs.py"

pytest.importorskip("pdoc")


def _tool():
    spec = importlib.util.spec_from_file_location("build_docs_under_test", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _no_network() -> list[str]:
    from conftest import _no_network_prefix

    return _no_network_prefix() or []


@pytest.mark.slow
def test_make_docs_builds_the_reference_offline_and_its_checks_pass(tmp_path):
    out = tmp_path / "docs"
    done = subprocess.run(
        [*_no_network(), sys.executable, str(TOOL), "--out", str(out)], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert (out / "index.html").is_file()
    terms = (out / "statement_analysis" / "terms.html").read_text(encoding="utf-8")
    assert "kwic" in terms and "Keyword in context" in terms  # from terms.kwic's docstring
    explorer = (out / "statement_analysis" / "explorer.html").read_text(encoding="utf-8")
    assert "Explorer" in explorer and "place_role" in explorer
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        # links out are allowed (pdoc's own footer); nothing is loaded from the network
        assert not re.search(r"""<(?:script|img|iframe)[^>]+src\s*=\s*["']?(?:https?:)?//""", html), page
        assert not re.search(r"""<link[^>]+href\s*=\s*["']?(?:https?:)?//""", html), page


FAKE = '''\
"""A throw-away package. ``fakepkg.documented`` exists; ``fakepkg.missing`` does not."""


def documented(x):
    """Returns ``x``."""
    return x


def undocumented(x):
    return x


def _private(x):
    return x


class Thing:
    """A thing whose method has no docstring."""

    def method(self):
        return 1

    def described(self):
        """Says what it does."""
        return 2
'''


def test_the_check_fails_on_an_undocumented_public_function_and_a_broken_reference(tmp_path, monkeypatch):
    pkg = tmp_path / "fakepkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text(textwrap.dedent(FAKE), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        problems = _tool().check(["fakepkg"])
    finally:
        sys.modules.pop("fakepkg", None)
    assert problems == [
        "fakepkg.Thing.method: public function without a docstring",
        "fakepkg.undocumented: public function without a docstring",
        "fakepkg: the docstring names `fakepkg.missing`, which does not exist",
    ]
    # documented again: the same package passes
    fixed = FAKE.replace("def undocumented(x):\n", 'def undocumented(x):\n    """Returns ``x``."""\n')
    fixed = fixed.replace("    def method(self):\n", '    def method(self):\n        """Returns 1."""\n')
    fixed = fixed.replace("``fakepkg.missing`` does not.", "nothing else is named.")
    (pkg / "__init__.py").write_text(fixed, encoding="utf-8")
    try:
        assert _tool().check(["fakepkg"]) == []
    finally:
        sys.modules.pop("fakepkg", None)


def test_references_resolve_the_way_users_write_them():
    tool = _tool()
    for ok in ("sa.load_statement", "sa.tidy.tokens", "statement_analysis.plots.terms", "sa.Statement.doc_id"):
        assert tool._resolve(ok, "statement_analysis"), ok
    for broken in ("sa.load_statment", "sa.tidy.tokenz", "statement_analysis.plots.nothing"):
        assert not tool._resolve(broken, "statement_analysis"), broken
    assert tool._references("see ``sa.tidy.tokens(x)[0]`` and `sa.analyse` but not ``rd.scores``") == [
        "sa.tidy.tokens",
        "sa.analyse",
    ]
