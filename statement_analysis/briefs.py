"""Tables as briefs: a table's top rows with numbers rounded for reading, and where the rest is.

``brief_table(df, name=..., variable=...)`` is what the notebooks show instead of a raw
DataFrame. It returns a ``BriefTable`` (the rows shown, formatted as text, and the table it came
from) that displays as HTML in JupyterLab and on report pages:

* counts (integer columns, and float columns holding only whole numbers) as integers with
  thousands separators: ``1,004``; identifiers (columns named ``id`` or ``*_id``) without them;
* shares (columns named ``share`` or ``*_share``, or listed in ``percent=``; fractions 0–1) as
  percentages with one decimal: ``35.4%``;
* p-values (columns named ``p`` or ``p_*``) with two significant digits (``0.15``, ``0.023``),
  ``<0.001`` below that;
* other numbers (scores) with one decimal, or two significant digits when every value is below
  1 in size (TF-IDF weights, expected counts: ``0.25``, ``0.0043``; ``<0.001`` below that);
  ``decimals=`` overrides any column;
* missing values as an empty cell.

A ``doc_id`` column with one value (one statement) is left out. A table longer than ``top``
rows shows its first ``top`` rows and a line saying where the whole table is: on a report page,
the CSV beside it (``tables/<name>.csv``, when ``name`` is one of the report's tables); in
JupyterLab, the notebook variable that holds it (``variable``). A notebook knows it runs for a
report from the ``STATEMENT_ANALYSIS_REPORT`` environment variable that report kernels get.

What is not here: the tables themselves (the analysis modules) and the report's CSV files
(``reporting.pages.write_tables``).
"""

from __future__ import annotations

import html
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

#: rows shown by default
TOP = 15


def in_report() -> bool:
    """Whether this code runs in a kernel of ``statement-analysis report`` (not in JupyterLab)."""
    return os.environ.get("STATEMENT_ANALYSIS_REPORT") == "1"


@dataclass(frozen=True)
class BriefTable:
    """A table as a report shows it: ``shown`` (the first rows, every cell formatted as text),
    ``table`` (the whole table it came from, unchanged) and ``note`` (how many rows are shown
    and where the rest is; empty when every row is shown). ``href`` is the CSV's address
    relative to the page (``tables/<name>.csv``) or empty."""

    shown: pd.DataFrame
    table: pd.DataFrame
    note: str
    href: str = ""
    numeric: tuple[str, ...] = ()

    def _repr_html_(self) -> str:
        def cell(tag: str, col: str, text: Any) -> str:
            num = ' class="num"' if col in self.numeric else ""
            return f"<{tag}{num}>{html.escape(str(text))}</{tag}>"

        if not len(self.table):  # a sentence, not a row of column names over nothing
            return '<p class="sa-table-note">No rows: the text gives none.</p>'
        cols = [str(c) for c in self.shown.columns]
        head = "".join(cell("th", c, c) for c in cols)
        rows = "".join(
            "<tr>" + "".join(cell("td", c, v) for c, v in zip(cols, row, strict=True)) + "</tr>"
            for row in self.shown.itertuples(index=False, name=None)
        )
        body = f'<table class="sa-brief"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
        note = html.escape(self.note)
        if self.href:
            link = f'<a href="{html.escape(self.href)}">{html.escape(self.href)}</a>'
            note = note.replace(html.escape(self.href), link, 1)
        note_html = f'<p class="sa-table-note">{note}</p>' if note else ""
        return f'<div class="sa-table">{body}</div>{note_html}'

    def __repr__(self) -> str:
        if not len(self.table):
            return "No rows: the text gives none."
        text = self.shown.to_string(index=False)
        return f"{text}\n{self.note}" if self.note else text


def _label(col: Any) -> str:
    """A column's name as shown: the parts of a two-level name joined (``"lemmas · term"``)."""
    return " · ".join(str(c) for c in col) if isinstance(col, tuple) else str(col)


def _last(col: Any) -> str:
    return str(col[-1]) if isinstance(col, tuple) else str(col)


def _is_share(col: str, percent: Iterable[str]) -> bool:
    return col in percent or col == "share" or col.endswith("_share") or col.startswith("share_")


def _is_id(col: str) -> bool:
    return col == "id" or col.endswith("_id")


def _is_p(col: str) -> bool:
    return col == "p" or col.startswith("p_")


def format_column(
    values: pd.Series, *, share: bool = False, p: bool = False, identifier: bool = False, decimals: int | None = None
) -> pd.Series:
    """``values`` as text by the rules of this module's docstring (``share``: a fraction shown
    as a percentage; ``p``: a p-value; ``identifier``: whole numbers that name something, shown
    without thousands separators; ``decimals``: a fixed number of decimals)."""
    import pandas as pd

    if pd.api.types.is_bool_dtype(values):
        return values.map(lambda v: "yes" if v is True or v == 1 else ("no" if v is False or v == 0 else ""))
    if not pd.api.types.is_numeric_dtype(values):
        return values.map(lambda v: "" if v is None or (isinstance(v, float) and v != v) or v is pd.NA else str(v))
    import math

    num = pd.to_numeric(values, errors="coerce").astype(float)
    present = num[num.map(math.isfinite)]

    def fmt(spec: str, suffix: str = "", scale: float = 1.0) -> pd.Series:
        def one(v: float) -> str:
            if v != v:
                return ""
            if math.isinf(v):
                return "\u221e" if v > 0 else "\u2212\u221e"
            return f"{v * scale:{spec}}{suffix}"

        return num.map(one)

    if share:
        return fmt(f",.{1 if decimals is None else decimals}f", "%", 100.0)
    if identifier and len(present) and (present == present.round()).all():
        return fmt(".0f")
    if p:
        return num.map(lambda v: "" if v != v else ("<0.001" if v < 0.001 else f"{v:.2g}"))
    if decimals is not None:
        return fmt(f",.{decimals}f")
    if len(present) and (present == present.round()).all() and present.abs().max() < 1e15:
        return fmt(",.0f")
    if len(present) and present.abs().max() < 1:
        small = fmt(".2g")
        return small.where(~((num.abs() < 0.001) & (num != 0)), "<0.001")
    return fmt(",.1f")


def brief_table(
    df: pd.DataFrame,
    *,
    name: str | None = None,
    variable: str | None = None,
    top: int = TOP,
    percent: Iterable[str] = (),
    decimals: Mapping[str, int] | None = None,
    index: bool = False,
) -> BriefTable:
    """``df`` as a brief: its first ``top`` rows (all of them when ``top`` is 0), numbers
    formatted for reading (see the module docstring), and a note saying where the whole table is.

    Args:
        df: the table (unchanged; kept as ``BriefTable.table``).
        name: the report table it is (``"term_frequencies"`` → ``tables/term_frequencies.csv``),
            named in the note on report pages; ``None`` when the report has no CSV of it.
        variable: the notebook variable that holds the whole table, named in JupyterLab.
        top: how many rows to show.
        percent: more columns holding fractions (0–1) to show as percentages.
        decimals: a number of decimals for some columns (``{"lat": 2}``).
        index: keep ``df``'s index as the first columns (a pivot table's row labels).

    Returns:
        A ``BriefTable``; it displays as an HTML table with its note.
    """
    import pandas as pd

    data = df.reset_index() if index else df
    if "doc_id" in data.columns and data["doc_id"].nunique() <= 1:
        data = data.drop(columns="doc_id")  # one statement: its id on every row says nothing
    n = len(data)
    head = (data.head(top) if top and n > top else data).reset_index(drop=True)  # rows in their order
    decimals = dict(decimals or {})
    percent = set(percent)
    shown = pd.DataFrame(
        {
            _label(col): format_column(
                head[col],
                share=_is_share(_label(col), percent) or _is_share(_last(col), percent),
                p=_is_p(_last(col)),
                identifier=_is_id(_last(col)),
                decimals=decimals.get(_label(col), decimals.get(_last(col))),
            )
            for col in head.columns
        },
        index=range(len(head)),
    )
    numeric = tuple(
        _label(col)
        for col in head.columns
        if pd.api.types.is_numeric_dtype(head[col]) and not pd.api.types.is_bool_dtype(head[col])
    )
    note, href = "", ""
    if len(head) < n:
        note = f"The first {len(head):,} of {n:,} rows."
        if in_report():
            if name:
                href = f"tables/{name}.csv"
                note += f" The whole table: {href}"
        elif variable:
            note += f" The whole table is the variable `{variable}`."
    return BriefTable(shown=shown, table=df, note=note, href=href, numeric=numeric)


def brief_record(table: pd.DataFrame, *, names: Mapping[str, str] | None = None) -> BriefTable:
    """The first row of ``table`` as a two-column table, ``measure`` and ``value``, each value
    formatted by its column's type: integer columns as counts, other numbers with one decimal;
    ``names`` renames measures (``{"words": "words (as textstat counts them)"}``)."""
    import pandas as pd

    names = dict(names or {})
    out = []
    for col in table.columns:
        value = table[col].iloc[0]
        if pd.api.types.is_bool_dtype(table[col]) or not pd.api.types.is_numeric_dtype(table[col]):
            text = "" if value is None else str(value)
        elif value != value:
            text = ""
        elif pd.api.types.is_integer_dtype(table[col]):
            text = f"{int(value):,}"
        else:
            text = f"{float(value):,.1f}"
        out.append((names.get(str(col), str(col)), text))
    shown = pd.DataFrame(out, columns=["measure", "value"])
    return BriefTable(shown=shown, table=table, note="", numeric=("value",))
