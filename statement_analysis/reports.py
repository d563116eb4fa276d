"""Build HTML reports: execute the numbered notebooks headless, then convert them to HTML.

Each notebook has a cell tagged ``parameters`` (``statement_path = None`` means the bundled
statement); the values to use are injected in a new cell right after it, as papermill does.
Execution uses nbclient with the current Python's kernel; conversion uses nbconvert with the
``offline`` template shipped in ``statement_analysis/templates`` (the lab template without any
script or CDN reference, and a Content-Security-Policy that forbids scripts and network
requests). Images are embedded, so each HTML file stands alone.

A notebook that fails stops the build with ``ReportError`` naming the notebook and the cell;
pages are written to a temporary folder and moved into place only when every notebook has run,
so a failed build never leaves a report that looks complete.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .errors import StatementAnalysisError
from .paths import notebooks_dir

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"


class ReportError(StatementAnalysisError):
    """A notebook failed while building a report."""


def list_notebooks(folder: Path | None = None) -> list[Path]:
    """The numbered notebooks (``NN_name.ipynb``) in reading order."""
    folder = folder or notebooks_dir()
    return sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb"))


def inject_parameters(nb: Any, params: Mapping[str, Any]) -> Any:
    """Add a cell tagged ``injected-parameters`` after the ``parameters`` cell (or first)."""
    import nbformat

    if not params:
        return nb
    source = "# Parameters injected by statement-analysis\n" + "\n".join(f"{k} = {v!r}" for k, v in params.items())
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    cell.pop("id", None)
    at = next(
        (i + 1 for i, c in enumerate(nb.cells) if "parameters" in c.get("metadata", {}).get("tags", [])),
        0,
    )
    nb.cells.insert(at, cell)
    return nb


def execute_notebook(path: Path, params: Mapping[str, Any] | None = None, *, timeout: int = 900) -> Any:
    """Run a notebook top to bottom with ``params`` injected; returns the executed notebook.

    Raises ``ReportError`` naming the notebook and the failing cell.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(path, as_version=4)
    inject_parameters(nb, dict(params or {}))
    # Stable cell ids so that the HTML does not change from one build to the next.
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:03d}"
    env_backup = {k: os.environ.get(k) for k in ("MPLBACKEND", "PYTHONHASHSEED")}
    os.environ["PYTHONHASHSEED"] = "0"
    os.environ.pop("MPLBACKEND", None)
    try:
        client = NotebookClient(
            nb,
            timeout=timeout,
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
            record_timing=False,
        )
        client.execute()
    except CellExecutionError as exc:
        idx = _failing_cell(nb)
        first = str(exc).strip().splitlines()
        summary = next((ln for ln in reversed(first) if ln.strip()), "error")
        raise ReportError(f"cell {idx} failed: {summary}", path=path) from None
    finally:
        for k, v in env_backup.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return nb


def _failing_cell(nb: Any) -> str:
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                return f"#{i} ({cell.source.strip().splitlines()[0][:60] if cell.source.strip() else 'empty'})"
    return "?"


def to_html(nb: Any, *, title: str) -> str:
    """Convert an executed notebook to self-contained offline HTML (no scripts, images inline)."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="offline",
        extra_template_basedirs=[str(TEMPLATE_DIR)],
        embed_images=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    nb.metadata["title"] = title
    body, _ = exporter.from_notebook_node(nb)
    return body


def build_reports(
    statement_path: str | os.PathLike[str] | None = None,
    *,
    out_dir: str | os.PathLike[str] = "reports",
    notebooks: Sequence[Path] | None = None,
    extra_params: Mapping[str, Any] | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[Path]:
    """Execute every numbered notebook on one statement and write ``<out_dir>/<notebook>.html``.

    Args:
        statement_path: the statement file (``None``: the bundled statement).
        out_dir: output folder (created; existing pages of the same names are replaced).
        notebooks: which notebooks (default: all of ``list_notebooks()``).
        extra_params: more parameters injected into every notebook.
        progress: called with a short message before each notebook runs.

    Returns:
        The HTML files written, in notebook order.
    """
    nbs = list(notebooks) if notebooks is not None else list_notebooks()
    if not nbs:
        raise ReportError("no numbered notebooks found", path=notebooks_dir())
    params: dict[str, Any] = {"statement_path": None if statement_path is None else str(Path(statement_path).resolve())}
    params.update(extra_params or {})
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix=".building-", dir=out) as tmp:
        for i, path in enumerate(nbs, start=1):
            if progress:
                progress(f"[{i}/{len(nbs)}] running {path.name}")
            nb = execute_notebook(path, params)
            html = to_html(nb, title=path.stem.replace("_", " "))
            target = Path(tmp) / f"{path.stem}.html"
            target.write_text(html, encoding="utf-8")
        for path in nbs:
            final = out / f"{path.stem}.html"
            shutil.move(str(Path(tmp) / f"{path.stem}.html"), final)
            written.append(final)
    return written


def _print_progress(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)
