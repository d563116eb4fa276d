"""Dates given with a statement: a ``datetime.date``, a pandas timestamp or a text."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any

from ..errors import (
    MetadataError,
)


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
