"""Dates given with a statement: a ``datetime.date``, a pandas timestamp or a text; and dates as a
table column (``datetime64[ns]``), where a date outside the years 1678–2261 (what nanosecond
timestamps can hold: ``0001-01-01`` or ``9999-12-31`` placeholders, typing errors) is unknown."""

from __future__ import annotations

import datetime as _dt
import re
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
    return _coerce_date_precise(value, path=path, what=what)[0]


def _coerce_date_precise(value: Any, *, path: Path | None, what: str = "date=") -> tuple[_dt.date | None, str | None]:
    """``value`` as ``(date, precision)`` (``PRECISIONS``; ``(None, None)`` for no value); a text is
    read by ``parse_date``. Raises ``MetadataError`` naming ``what`` and the file."""
    if value is None:
        return None, None
    if isinstance(value, _dt.datetime):
        return value.date(), "day"
    if isinstance(value, _dt.date):
        return value, "day"
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        if str(value) == "NaT":
            return None, None
        return value.to_pydatetime().date(), "day"
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return _dt.date(value, 1, 1), "year"  # a year alone (YAML reads "date: 2017" as a number)
    if isinstance(value, str) and not value.strip():
        return None, None
    if isinstance(value, str):
        try:
            return parse_date(value)
        except ValueError as exc:
            raise MetadataError(f"{what} {exc}", path=path) from None
    raise MetadataError(f"{what} {value!r} is not a date: give a datetime.date or a text such as 2017-03-22", path=path)


# ---------------------------------------------------------------------------------------------
# dates written the way statements write them

_MONTHS = {
    name: i
    for i, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|wed|thu|fri|sat|sun)\.?,?\s+"
_MONTH = r"(?P<month>[a-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_DATE_FORMS = [
    # 2017-03-22, 2017/03/22 (a time after it is ignored)
    (re.compile(rf"{_YEAR}[-/](?P<m>\d{{1,2}})[-/](?P<d>\d{{1,2}})(?:[ t].*)?"), "ymd"),
    # 22.03.2017 (dots: day first, as EEAS and most of Europe write it)
    (re.compile(rf"(?P<d>\d{{1,2}})\.(?P<m>\d{{1,2}})\.{_YEAR}"), "dmy"),
    # 22/03/2017 or 03/22/2017: day or month first, told apart when one of them is over 12
    (re.compile(rf"(?P<a>\d{{1,2}})[/-](?P<b>\d{{1,2}})[/-]{_YEAR}"), "ambiguous"),
    # (Wednesday,) 22 March 2017
    (re.compile(rf"(?:{_WEEKDAY})?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}"), "named"),
    # (Wednesday,) March 22, 2017
    (re.compile(rf"(?:{_WEEKDAY})?{_MONTH}\s+{_DAY},?\s+{_YEAR}"), "named"),
    # March 2017
    (re.compile(rf"{_MONTH},?\s+{_YEAR}"), "month"),
    # 2017
    (re.compile(_YEAR), "year"),
]
#: how precise a parsed date is: known to the day, the month or the year only
PRECISIONS = ("day", "month", "year")


def parse_date(text: str) -> tuple[_dt.date, str]:
    """A date as statements and their metadata write it, and how precise it is.

    Accepted (case does not matter; a leading weekday and ordinal suffixes are ignored):
    ``2017-03-22`` and ``2017/03/22`` (ISO); ``22.03.2017`` (dots: day first); ``22/03/2017`` or
    ``03/22/2017`` only when the day is over 12 (otherwise the order is ambiguous and refused);
    ``22 March 2017``, ``22 Mar 2017``, ``Wednesday, 22 March 2017``; ``March 22, 2017``;
    ``March 2017`` (precision ``"month"``: the 1st of the month); ``2017`` (precision ``"year"``:
    1 January). Month names are English.

    Returns ``(date, precision)``, ``precision`` one of ``PRECISIONS``. Raises ``ValueError``
    with the forms accepted (callers turn it into a ``MetadataError`` naming the file).
    """
    s = " ".join(str(text).strip().lower().split())
    for pattern, kind in _DATE_FORMS:
        m = pattern.fullmatch(s)
        if m is None:
            continue
        year = int(m.group("year"))
        if kind == "year":
            return _dt.date(year, 1, 1), "year"
        if kind == "month":
            return _dt.date(year, _month(m.group("month"), text), 1), "month"
        if kind == "ymd":
            return _checked(year, int(m.group("m")), int(m.group("d")), text), "day"
        if kind == "dmy":
            return _checked(year, int(m.group("m")), int(m.group("d")), text), "day"
        if kind == "ambiguous":
            a, b = int(m.group("a")), int(m.group("b"))
            if a > 12 >= b:
                return _checked(year, b, a, text), "day"
            if b > 12 >= a:
                return _checked(year, a, b, text), "day"
            raise ValueError(
                f"{text!r} could be day/month or month/day: write it as {year}-MM-DD or as '4 March {year}'"
            )
        return _checked(year, _month(m.group("month"), text), int(m.group("day")), text), "day"
    raise ValueError(
        f"{text!r} is not a date; write it as 2017-03-22, 22 March 2017, March 22, 2017, 22.03.2017, March 2017 or 2017"
    )


def _month(name: str, text: str) -> int:
    month = _MONTHS.get(name)
    if month is None:
        raise ValueError(f"{text!r}: {name!r} is not an English month name")
    return month


def _checked(year: int, month: int, day: int, text: str) -> _dt.date:
    try:
        return _dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a date of the calendar ({exc})") from None


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
