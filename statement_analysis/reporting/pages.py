"""The files of a report: HTML pages from executed notebooks, the index, the CSV tables.

* ``to_html(nb, title=...)``: an executed notebook as a self-contained offline page (nbconvert's
  ``offline`` template in ``statement_analysis/templates``: no script, no CDN, a
  Content-Security-Policy that forbids network requests; images embedded; every chart with an
  alt text naming its section).
* ``write_tables(analysis, folder)``: ``REPORT_TABLES`` as CSV (UTF-8, one header row, ``\\n``
  line ends), text cells that a spreadsheet would run as a formula neutralised
  (``sanitize.neutralise_formulas``: a leading apostrophe).
* ``write_index(...)``: ``index.html`` and ``tables/summary.json`` (strict JSON).
* ``machine_paths(...)``: the build machine's folders that may appear in a page (the package's,
  the Python installation's, the home folder, the temporary folder, the build's own folders),
  each with the neutral name ``scrub_paths`` puts in its place.
"""

from __future__ import annotations

import functools
import os
import sys
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..sanitize import json_safe, json_text, neutralise_formulas

if TYPE_CHECKING:
    from ..analysis import Analysis
    from ..statement import Statement

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"


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
    ReportTable(
        "themes_paragraphs", "matched words and share per paragraph and theme (general dictionary)", "themes_paragraphs"
    ),
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
    "07_explore": "the interactive explorer (JupyterLab), and what it shows for a search, a theme and demonyms",
}


def to_html(nb: Any, *, title: str, show_code: bool = False) -> str:
    """Convert an executed notebook to self-contained offline HTML (no scripts, images inline).

    By default the page is a brief: no code, only the notebook's text and what its cells show
    (code cells that show nothing are left out). With ``show_code`` every code cell is shown too,
    with the values the report injected (the cell tagged ``injected-parameters``) in place of the
    notebook's default ``parameters`` cell, so that the parameters appear once."""
    nb = _brief_cells(nb, show_code=show_code)
    nb.metadata["title"] = title
    _add_alt_text(nb)
    with _EXPORTER_LOCK:  # one exporter, made once (its templates load in ~0.3 s), one page at a time
        body, _ = _exporter(show_code).from_notebook_node(nb)
    return body


_EXPORTER_LOCK = threading.Lock()


@functools.cache
def _exporter(show_code: bool) -> Any:
    """The HTML exporter (one per setting, made once: its templates load in ~0.3 s)."""
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name="offline",
        extra_template_basedirs=[str(TEMPLATE_DIR)],
        embed_images=True,
        exclude_input=not show_code,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )


def _brief_cells(nb: Any, *, show_code: bool) -> Any:
    """A copy of ``nb`` with the cells a page shows: without code, no code cell that shows
    nothing (the parameters, the imports) and no cell tagged ``lab-only`` (how to run the
    notebook on another statement: advice for JupyterLab, not for a reader); with code, the
    injected parameters instead of the defaults they replace (a notebook run without injected
    values keeps its defaults)."""
    import copy

    nb = copy.deepcopy(nb)

    def tags(cell: Any) -> list[str]:
        return list(cell.get("metadata", {}).get("tags", []))

    injected = any("injected-parameters" in tags(c) for c in nb.cells)
    kept = []
    for cell in nb.cells:
        if not show_code and "lab-only" in tags(cell):
            continue  # how to run the notebook: for JupyterLab, not for a brief
        if cell.cell_type == "code":
            if not show_code and not cell.get("outputs"):
                continue
            if not show_code and ("parameters" in tags(cell) or "injected-parameters" in tags(cell)):
                continue
            if show_code and injected and "parameters" in tags(cell):
                continue
        kept.append(cell)
    nb.cells = kept
    return nb


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


def machine_paths(*own: tuple[Path, str]) -> list[tuple[str, str]]:
    """``(folder, shown_as)`` pairs for ``sanitize.scrub_paths``, longest folder first: ``own``
    (the build's folders and how to show them), the package's folder (shown from
    ``statement_analysis/`` on), the Python installation, the temporary folder and the home
    folder. Each folder is given as written and resolved, with a trailing separator."""
    import statement_analysis

    package_parent = Path(statement_analysis.__file__).resolve().parent.parent
    pairs: list[tuple[Path, str]] = [
        *own,
        (package_parent, ""),
        (Path(sys.prefix), "<python>/"),
        (Path(sys.base_prefix), "<python>/"),
        (Path(tempfile.gettempdir()), "<tmp>/"),
        (Path.home(), "~/"),
    ]
    out: dict[str, str] = {}
    for folder, shown in pairs:
        for form in {str(folder), str(folder.resolve()) if folder.exists() else str(folder)}:
            if len(form) > 1:
                out.setdefault(form.rstrip(os.sep) + os.sep, shown)
    return sorted(out.items(), key=lambda kv: -len(kv[0]))


def write_tables(analysis: Analysis, folder: Path) -> list[dict[str, Any]]:
    """Write ``REPORT_TABLES`` and the theme layers' tables to ``folder`` as CSV (formula cells
    neutralised); returns one row per file for the index."""
    from ..analysis import _slug

    folder.mkdir(parents=True, exist_ok=True)
    made = [(t.name, t.about, analysis.tables[t.table]) for t in REPORT_TABLES]
    # themes in two layers: a table per domain dictionary shown (one that fits the text, or the
    # one named), and how much of the text each dictionary codes (``themes.layers``)
    for layer in analysis.theme_layers[1:]:
        about = f"matched words and share per paragraph and theme ({layer.name} dictionary: {layer.why})"
        name = f"themes_paragraphs_{_slug(layer.name)}"
        made.append((name, about, analysis.units[name]))
    about = "each theme dictionary shown, and how much of the text it codes"
    made.append(("theme_dictionaries", about, analysis.units["theme_dictionaries"]))
    rows = []
    for name, about, df in made:
        neutralise_formulas(df).to_csv(folder / f"{name}.csv", index=False, lineterminator="\n")
        rows.append({"name": f"{name}.csv", "href": f"tables/{name}.csv", "rows": f"{len(df):,}", "about": about})
    return rows


def write_index(
    statement: Statement,
    folder: Path,
    nbs: Sequence[Path],
    tables: list[dict[str, Any]],
    summary: dict[str, Any],
    *,
    source_label: str,
    analysed: Sequence[tuple[str, str]] = (),
) -> None:
    """Write ``index.html`` (headline figures, links to every page and table) and
    ``tables/summary.json`` into ``folder``; ``summary`` is ``summary.summarize``'s dict,
    ``source_label`` names the input file as the index shows it and ``analysed`` lists what was
    analysed, ``(what, description)`` pairs (the statement; the archive it is set against)."""
    from ..findings import DEFINITIONS
    from ..summary import headline

    (folder / "tables").mkdir(exist_ok=True)
    (folder / "tables" / "summary.json").write_text(json_text(json_safe(summary)) + "\n", encoding="utf-8")
    tables = [
        *tables,
        {
            "name": "summary.json",
            "href": "tables/summary.json",
            "rows": "1",
            "about": "the headline figures as JSON (schema statement-analysis/summary)",
        },
    ]
    date = f"{statement.date.day} {statement.date:%B %Y}" if statement.date else "date unknown"
    _render_index(
        folder,
        nbs,
        SECTION_ABOUT,
        title=statement.title or statement.doc_id,
        subtitle=f"{date} · {len(statement.paragraphs)} paragraphs · report generated by statement-analysis",
        headline=headline(statement, summary),
        tables=tables,
        source_name=source_label,
        sha256=statement.meta.get("sha256", ""),
        warnings=summary["warnings"],
        definitions=DEFINITIONS,
        analysed=list(analysed),
    )


def _render_index(folder: Path, nbs: Sequence[Path], about: dict[str, str], **fields: Any) -> None:
    """Render ``index.html.j2`` into ``folder/index.html``: a link per notebook of ``nbs`` (its line
    from ``about``), the package version, and ``fields`` (title, headline, tables...)."""
    import jinja2

    from .. import __version__

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)), autoescape=True, keep_trailing_newline=True
    )
    pages = [{"href": f"{p.stem}.html", "title": p.stem.replace("_", " "), "about": about.get(p.stem, "")} for p in nbs]
    html = env.get_template("index.html.j2").render(pages=pages, version=__version__, **fields)
    (folder / "index.html").write_text(html, encoding="utf-8")


def write_archive_index(
    folder: Path, nbs: Sequence[Path], *, archive: str, corpus: Any, freq: str, description: str
) -> None:
    """Write ``index.html`` of a report about an archive alone: what was analysed
    (``description``), headline figures of the archive ``corpus`` (a ``load_corpus`` table) —
    statements, dated, period, the grouping over time (``freq``; for ``"auto"`` the one
    ``compare.choose_freq`` picks) — and links to the pages and ``tables/documents.csv``.
    ``archive`` names the folder as given (never an absolute path)."""
    from ..compare import choose_freq

    dates = corpus["date"].dropna()
    period = f"{dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}" if len(dates) else "no statement is dated"
    grouping = (f"{choose_freq(dates)} (chosen automatically)" if freq == "auto" else freq) if len(dates) else "—"
    headline = [
        ("Statements", f"{len(corpus):,}"),
        ("Dated", f"{len(dates):,}"),
        ("Period", period),
        ("Grouped over time by", grouping),
    ]
    tables = [
        {
            "name": "documents.csv",
            "href": "tables/documents.csv",
            "rows": f"{len(corpus):,}",
            "about": "one row per statement of the archive: its metadata (no text)",
        }
    ]
    _render_index(
        folder,
        nbs,
        ARCHIVE_ABOUT,
        title=f"Archive: {archive}",
        subtitle=f"{len(corpus):,} statements · {period} · report generated by statement-analysis",
        headline=headline,
        tables=tables,
        source_name=archive,
        sha256=None,
        warnings=[],
        analysed=[("Archive", description)],
    )


#: the index's line for each section of a report about an archive alone
ARCHIVE_ABOUT = {
    "06_compare": "the archive over time: readability, themes, countries and the words of each period",
}
