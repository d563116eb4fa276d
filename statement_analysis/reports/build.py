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
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .analysis import Analysis, analyse
from .errors import ReportError
from .paths import notebooks_dir
from .statement import Statement

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
_HTML_LOCK = threading.Lock()


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


#: Run in a reused kernel before each notebook: an empty namespace, no open figure, matplotlib's
#: settings as they were after the kernel started, pandas' options at their defaults — so a
#: notebook gives the same page whatever ran before it in that kernel.
_RESET_SOURCE = """\
%reset -f
import warnings as _w
import matplotlib as _m
import matplotlib.pyplot as _p
import pandas as _pd
import statement_analysis.reports as _r
_p.close("all")
if _r._KERNEL_RC is None:
    _r._KERNEL_RC = dict(_m.rcParams)
else:
    _m.rcParams.update(_r._KERNEL_RC)
with _w.catch_warnings():
    _w.simplefilter("ignore")
    _pd.reset_option("all")
%reset -f
# %reset also removes these; put them back as a new kernel has them (multiprocessing needs __spec__)
__doc__ = "Automatically created module for IPython interactive environment"
__loader__ = __package__ = __spec__ = None
"""
_KERNEL_RC: dict[str, Any] | None = None  # set inside kernels by _RESET_SOURCE


class _Kernel:
    """One Jupyter kernel that runs notebooks one after another (see ``_RESET_SOURCE``).

    IPC sockets in a private folder (no TCP port is opened); the kernel's environment has a
    fixed hash seed (reproducible pages) and no progress bars (they would print a line per
    update into the page); its own log is not shown — cell errors still reach the client.
    """

    def __init__(self, cwd: Path, timeout: int = 900) -> None:
        self.cwd = cwd
        self.timeout = timeout

    def __enter__(self) -> _Kernel:
        from jupyter_client.manager import KernelManager

        self._sockets = tempfile.TemporaryDirectory(prefix="sa-kernel-")
        env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
        env.update({"PYTHONHASHSEED": "0", "TQDM_DISABLE": "1"})
        self.km = KernelManager(kernel_name="python3", transport="ipc", ip=str(Path(self._sockets.name) / "k"))
        self.km.start_kernel(stderr=subprocess.DEVNULL, cwd=str(self.cwd), env=env)
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self.km.has_kernel:
                self.km.shutdown_kernel(now=True)
        finally:
            self._sockets.cleanup()

    def run(self, path: Path, params: Mapping[str, Any] | None = None) -> Any:
        """Execute the notebook at ``path`` with ``params`` injected; returns it executed.
        Raises ``ReportError`` naming the notebook and the failing cell."""
        import nbformat
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError

        nb = nbformat.read(path, as_version=4)
        inject_parameters(nb, dict(params or {}))
        nb.cells.insert(0, nbformat.v4.new_code_cell(_RESET_SOURCE))
        client = NotebookClient(
            nb,
            km=self.km,
            timeout=self.timeout,
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
            record_timing=False,
            # One print can reach the client as one or several stream messages, depending on
            # timing; merged, the page is the same on every build.
            coalesce_streams=True,
        )
        try:
            client.execute()
        except CellExecutionError as exc:
            nb.cells.pop(0)
            idx = _failing_cell(nb)
            lines = str(exc).strip().splitlines()
            summary = next((ln for ln in reversed(lines) if ln.strip()), "error")
            raise ReportError(f"cell {idx} failed: {summary}", path=path) from None
        nb.cells.pop(0)
        # Stable cell ids and no execution counts: the page must not depend on what ran before.
        for i, cell in enumerate(nb.cells):
            cell["id"] = f"cell-{i:03d}"
            if cell.cell_type == "code":
                cell["execution_count"] = None
                for out in cell.get("outputs", []):
                    if "execution_count" in out:
                        out["execution_count"] = None
        return nb


def execute_notebook(path: Path, params: Mapping[str, Any] | None = None, *, timeout: int = 900) -> Any:
    """Run a notebook top to bottom in a fresh kernel with ``params`` injected; returns the
    executed notebook. Raises ``ReportError`` naming the notebook and the failing cell."""
    with _Kernel(path.parent, timeout) as kernel:
        return kernel.run(path, params)


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
    _add_alt_text(nb)
    body, _ = exporter.from_notebook_node(nb)
    return body


def _add_alt_text(nb: Any) -> None:
    """Give every chart an alt text naming the section it illustrates (the last heading above
    it), so that screen readers say more than "image"."""
    heading = "Chart"
    count: dict[str, int] = {}
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    heading = line.lstrip("#").strip() or heading
            continue
        for out in cell.get("outputs", []):
            if "image/png" in out.get("data", {}):
                count[heading] = count.get(heading, 0) + 1
                n = count[heading]
                out.setdefault("metadata", {})["alt"] = f"Chart: {heading}" + (f" ({n})" if n > 1 else "")


@dataclass(frozen=True)
class ReportTable:
    """A table exported with every report: file ``name``.csv, what it holds, and which table of
    ``analysis.Analysis.tables`` it is."""

    name: str
    about: str
    table: str


#: Tables written to ``tables/`` beside the pages (CSV, UTF-8, one header row), all from one
#: ``sa.analyse(statement)``.
REPORT_TABLES: list[ReportTable] = [
    ReportTable("paragraphs", "one row per paragraph, with character offsets", "paragraphs"),
    ReportTable("sentences", "one row per sentence, with character offsets", "sentences"),
    ReportTable("tokens", "one row per token: lower case, lemma, flags, alias label", "tokens"),
    ReportTable("readability_paragraphs", "textstat's scores per paragraph, with counts", "readability_paragraphs"),
    ReportTable("term_frequencies", "terms by count (stop words out, aliases as one term)", "term_frequencies"),
    ReportTable("themes_paragraphs", "matched words and share per paragraph and theme", "themes_paragraphs"),
    ReportTable("place_mentions", "every place mention: place, kind, role, country, coordinates", "places"),
]

#: One line per numbered notebook for the index page (unknown notebooks get their file name).
SECTION_ABOUT = {
    "01_load_and_tidy": "metadata, paragraphs, sentences and tokens; what normalisation changed",
    "02_readability": "how hard the text reads, paragraph by paragraph, and its hardest sentences",
    "03_term_frequency": "the terms and phrases it leans on, in context and along the text",
    "04_themes": "how it balances its themes, and the words behind each",
    "05_geography": "the places it names, how, and where they are",
    "06_compare": "how statements differ and change over time",
}


def build_reports(
    statement_path: str | os.PathLike[str] | Statement | None = None,
    *,
    out_dir: str | os.PathLike[str] = "reports",
    notebooks: Sequence[Path] | None = None,
    extra_params: Mapping[str, Any] | None = None,
    progress: Callable[[str], None] | None = None,
    workers: int = 2,
) -> list[Path]:
    """Build the full report of one statement in ``out_dir``.

    Writes ``index.html`` (headline figures, links to every section and table), one HTML page
    per numbered notebook, and ``tables/*.csv``. Notebooks run ``workers`` at a time.

    Args:
        statement_path: the statement file, or a ``Statement`` loaded from a file (``None``: the
            bundled statement). The notebooks read the file again in their own kernels.
        out_dir: output folder (created; pages of the same names are replaced, other files kept).
        notebooks: which notebooks (default: all of ``list_notebooks()``).
        extra_params: more parameters injected into every notebook.
        progress: called with a short message as each notebook starts and ends.
        workers: how many kernels run notebooks at once.

    Returns:
        The notebook pages written, in notebook order (``index.html`` and tables besides).
        On any failure nothing in ``out_dir`` is changed.
    """
    from concurrent.futures import ThreadPoolExecutor

    from .paths import statement_or_bundled

    nbs = list(notebooks) if notebooks is not None else list_notebooks()
    if not nbs:
        raise ReportError("no numbered notebooks found", path=notebooks_dir())
    if isinstance(statement_path, Statement):
        statement = statement_path
        source = statement.meta.get("source")
        if not source:
            raise ReportError("this statement was not loaded from a file; save its text to a file and report that")
        statement_path = Path(source)
    else:
        statement = statement_or_bundled(statement_path)  # fails early on bad input
    params: dict[str, Any] = {"statement_path": None if statement_path is None else str(Path(statement_path).resolve())}
    params.update(extra_params or {})
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)

    def run_group(paths: list[Path]) -> list[tuple[Path, str]]:
        done = []
        with _Kernel(paths[0].parent) as kernel:
            for path in paths:
                if progress:
                    progress(f"running {path.name}")
                nb = kernel.run(path, params)
                title = f"{path.stem.replace('_', ' ')} · {statement.title or statement.doc_id}"
                with _HTML_LOCK:  # nbconvert is not documented as thread-safe: one page at a time
                    done.append((path, to_html(nb, title=title)))
                if progress:
                    progress(f"done    {path.name}")
        return done

    with tempfile.TemporaryDirectory(prefix=".building-", dir=out) as tmp:
        stage = Path(tmp)
        n_workers = max(1, min(workers, len(nbs)))
        # A fixed split (1st, 3rd, 5th... to one kernel) keeps every build the same.
        groups = [nbs[i::n_workers] for i in range(n_workers)]
        with ThreadPoolExecutor(max_workers=n_workers) as pool:
            futures = [pool.submit(run_group, g) for g in groups]
            # Tables and index are made here while the kernels work.
            analysis = analyse(statement)
            tables = _write_tables(analysis, stage / "tables")
            _write_index(statement, stage, nbs, tables, analysis)
            results = [item for f in futures for item in f.result()]
        for path, html in results:
            (stage / f"{path.stem}.html").write_text(html, encoding="utf-8")
        (out / "tables").mkdir(exist_ok=True)
        for item in sorted(stage.rglob("*")):
            if item.is_file():
                target = out / item.relative_to(stage)
                os.replace(item, target)
        written = [out / f"{p.stem}.html" for p in nbs]
    return written


def _write_tables(analysis: Analysis, folder: Path) -> list[dict[str, Any]]:
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for table in REPORT_TABLES:
        df = analysis.tables[table.table]
        path = folder / f"{table.name}.csv"
        df.to_csv(path, index=False, lineterminator="\n")
        rows.append(
            {
                "name": f"{table.name}.csv",
                "href": f"tables/{table.name}.csv",
                "rows": f"{len(df):,}",
                "about": table.about,
            }
        )
    return rows


def _write_index(
    statement: Any, folder: Path, nbs: Sequence[Path], tables: list[dict[str, Any]], analysis: Analysis
) -> None:
    import json

    import jinja2

    from . import __version__
    from .summary import headline, summarize

    summary = summarize(statement, analysis=analysis)
    (folder / "tables" / "summary.json").write_text(
        json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    tables = [
        *tables,
        {
            "name": "summary.json",
            "href": "tables/summary.json",
            "rows": "1",
            "about": "the headline figures as JSON (schema statement-analysis/summary)",
        },
    ]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=True,
        keep_trailing_newline=True,
    )
    date = f"{statement.date.day} {statement.date:%B %Y}" if statement.date else "date unknown"
    pages = [
        {"href": f"{p.stem}.html", "title": p.stem.replace("_", " "), "about": SECTION_ABOUT.get(p.stem, "")}
        for p in nbs
    ]
    html = env.get_template("index.html.j2").render(
        title=statement.title or statement.doc_id,
        subtitle=f"{date} · {len(statement.paragraphs)} paragraphs · report generated by statement-analysis",
        headline=headline(statement, summary),
        pages=pages,
        tables=tables,
        version=__version__,
        source_name=Path(statement.meta.get("source") or statement.doc_id).name,
        sha256=statement.meta.get("sha256", ""),
        warnings=summary["warnings"],
    )
    (folder / "index.html").write_text(html, encoding="utf-8")


def _print_progress(msg: str) -> None:
    print(f"  {msg}", file=sys.stderr, flush=True)
