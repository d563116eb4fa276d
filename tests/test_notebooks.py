"""Every numbered notebook runs top to bottom headless, and its HTML page stands alone."""

from __future__ import annotations

import json
import re

import pytest

from statement_analysis.reports import list_notebooks, report_notebooks

NOTEBOOKS = list_notebooks()


def test_notebooks_are_committed_without_outputs():
    for nb in NOTEBOOKS:
        data = json.loads(nb.read_text(encoding="utf-8"))
        for cell in data["cells"]:
            if cell["cell_type"] == "code":
                assert not cell.get("outputs"), f"{nb.name} has outputs"
                assert cell.get("execution_count") is None, f"{nb.name} has execution counts"
        tags = [t for c in data["cells"] for t in c.get("metadata", {}).get("tags", [])]
        assert "parameters" in tags, f"{nb.name} has no cell tagged 'parameters'"


@pytest.fixture(scope="module")
def built(bundled_report):
    return [bundled_report / f"{nb.stem}.html" for nb in report_notebooks()]


@pytest.mark.slow
def test_every_notebook_runs_and_makes_a_page(built):
    for page in built:
        assert page.is_file(), f"{page.name} was not built"
        html = page.read_text(encoding="utf-8")
        assert "Traceback" not in html and 'class="ansi-red' not in html, page.name
        assert "<script" not in html.lower(), f"{page.name} contains a script"
        assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html), f"{page.name} loads from the network"
        assert "Content-Security-Policy" in html


@pytest.mark.slow
def test_load_and_tidy_page_shows_computed_figures(built):
    html = next(p for p in built if p.stem == "01_load_and_tidy").read_text(encoding="utf-8")
    assert "14 paragraphs, 67 sentences and 1,692 words" in html  # counted by hand (see test_tidy)
    assert "Joint Statements" in html
