"""Dates given with a statement: a ``datetime.date``, a pandas timestamp or a text; and dates as a
table column (``datetime64[ns]``), where a date outside the years 1678–2261 (what nanosecond
timestamps can hold: ``0001-01-01`` or ``9999-12-31`` placeholders, typing errors) is unknown."""

from __future__ import annotations

import datetime as _dt
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import MetadataError

if TYPE_CHECKING:
    import pandas as pd

#: the dates a table column can hold (``datetime64[ns]``); others are treated as unknown
DATE_RANGE = (_dt.date(1678, 1, 1), _dt.date(2261, 12, 31))


def _coerce_date(value: Any, *, path: Path | None, what: str = "date=") -> _dt.date | None:
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        if str(value) == "NaT":
            return None
        return value.to_pydatetime().date()
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise MetadataError(f"{what} {value!r} is not a date: give a datetime.date or 'YYYY-MM-DD'", path=path)


def date_column(values: Any, *, names: Sequence[str] | None = None, unparsable: str = "raise") -> pd.Series:
    """``values`` (dates, timestamps, ISO texts or missing) as a ``datetime64[ns]`` Series, with
    every date outside ``DATE_RANGE`` made missing (NaT) and one ``UserWarning`` that says how
    many and names the first (``names``: the documents' ids, in the same order). A value that is
    not a date raises ``MetadataError`` (``unparsable="raise"``) or is missing (``"coerce"``)."""
    import pandas as pd

    raw = pd.Series(list(values), dtype=object)
    col = pd.to_datetime(raw, errors="coerce", format="mixed")
    bad = raw.notna() & col.isna() & (raw.astype(str).str.strip() != "") & (raw.astype(str) != "NaT")
    if unparsable == "raise" and bad.any():
        first = int(bad.to_numpy().nonzero()[0][0])
        who = f" (document {names[first]!r})" if names is not None else ""
        raise MetadataError(f"{raw.iloc[first]!r}{who} is not a date: give a datetime.date or 'YYYY-MM-DD'")
    lo, hi = (pd.Timestamp(d) for d in DATE_RANGE)
    out_of_range = col.notna() & ((col < lo) | (col > hi + pd.Timedelta(days=1)))
    if out_of_range.any():
        first = int(out_of_range.to_numpy().nonzero()[0][0])
        who = f"{names[first]!r}: " if names is not None else ""
        warnings.warn(
            f"{int(out_of_range.sum())} date(s) outside the years {DATE_RANGE[0].year}–{DATE_RANGE[1].year} are "
            f"treated as unknown (e.g. {who}{_iso(col.iloc[first])}): placeholders such as 0001-01-01 or "
            "9999-12-31 are not dates a timeline can use",
            stacklevel=3,
        )
        col = col.mask(out_of_range)
    return col.astype("datetime64[ns]")


def _iso(ts: Any) -> str:
    return f"{ts.year:04d}-{ts.month:02d}-{ts.day:02d}"
