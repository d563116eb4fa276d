"""HTML reports: the numbered notebooks executed headless, converted to offline pages, with an
index and the tables as CSV.

``build_reports(statement, out_dir=...)`` builds one statement's report (see ``build`` for the
steps). This module gathers the public names; the code is in the ``statement_analysis.reporting``
package, one room per concern:

* ``build``: ``build_reports``, ``list_notebooks``, ``report_notebooks`` (the sections: a
  notebook whose metadata says ``{"statement_analysis": {"report": false}}`` is left out),
  ``display_name`` (how a report names its input: never an absolute path);
* ``kernel``: running notebooks (``Kernel``, ``execute_notebook``, ``inject_parameters``) and
  what a failure is (``NotebookFailure``: a bug, exit 1; ``ReportError``: the input, exit 2);
* ``pages``: HTML pages, the index, the CSV tables (``REPORT_TABLES``, ``SECTION_ABOUT``);
* ``folders``: report folder names (``report_names``), the lock, the staging folder, replacing a
  report in one step (``ReportFolder``).

Each notebook has a cell tagged ``parameters`` (``statement_path = None`` means the bundled
statement); the values to use are injected in a new cell right after it, as papermill does.
Execution uses nbclient with the current Python; conversion uses nbconvert with the ``offline``
template shipped in ``statement_analysis/templates`` (the lab template without any script or
CDN reference, and a Content-Security-Policy that forbids scripts and network requests). Images
are embedded, so each HTML file stands alone. A page never shows a traceback or an absolute path
of the machine that built it.
"""

from __future__ import annotations

from .errors import OutputFolderError, ReportBusyError, ReportError
from .reporting.build import BIG_TEXT, build_reports, display_name, is_report_section, list_notebooks, report_notebooks
from .reporting.folders import ReportFolder, report_names
from .reporting.kernel import Kernel, NotebookFailure, execute_notebook, inject_parameters
from .reporting.pages import REPORT_TABLES, SECTION_ABOUT, TEMPLATE_DIR, ReportTable, to_html

__all__ = [
    "BIG_TEXT",
    "REPORT_TABLES",
    "SECTION_ABOUT",
    "TEMPLATE_DIR",
    "Kernel",
    "NotebookFailure",
    "OutputFolderError",
    "ReportBusyError",
    "ReportError",
    "ReportFolder",
    "ReportTable",
    "build_reports",
    "display_name",
    "execute_notebook",
    "inject_parameters",
    "is_report_section",
    "list_notebooks",
    "report_names",
    "report_notebooks",
    "to_html",
]
