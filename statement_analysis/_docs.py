"""Accepting "a statement or a corpus" everywhere: turn either into (doc_id, text) pairs."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .errors import InputTypeError
from .statement import Statement, source_line


def iter_documents(x: Any) -> list[tuple[str, str]]:
    """``[(doc_id, body_text), ...]`` for a ``Statement``, a list of them, or a corpus DataFrame.

    Raises ``InputTypeError`` for anything else (a plain string included: load it first).
    """
    if isinstance(x, Statement):
        return [(x.doc_id, x.text)]
    if _is_dataframe(x):
        if "text" not in x.columns:
            raise InputTypeError("the corpus table has no 'text' column; build it with sa.load_corpus")
        texts = x["text"].fillna("").astype(str)
        return [(str(i), t) for i, t in zip(x.index, texts, strict=True)]
    if isinstance(x, Iterable) and not isinstance(x, (str, bytes)):
        items = list(x)
        if all(isinstance(s, Statement) for s in items):
            return [(s.doc_id, s.text) for s in items]
    raise InputTypeError(
        f"expected a Statement (sa.load_statement) or a corpus DataFrame (sa.load_corpus), not {type(x).__name__}"
    )


def describe_source(x: Any) -> str:
    """A one-line source for figure captions: the statement's title and date, or the corpus size."""
    if isinstance(x, Statement):
        return x.source_line
    if _is_dataframe(x):
        n = len(x)
        if n == 1 and "title" in x.columns:
            row = x.iloc[0]
            date = row.get("date")
            return source_line(
                str(row["title"] or x.index[0]), None if date is None or str(date) == "NaT" else date.date()
            )
        span = ""
        if "date" in x.columns and x["date"].notna().any():
            span = f", {x['date'].min():%Y-%m-%d} to {x['date'].max():%Y-%m-%d}"
        return f"Source: corpus of {n} statements{span}"
    return "Source: statement text"


def _is_dataframe(x: Any) -> bool:
    return type(x).__name__ == "DataFrame" and hasattr(x, "columns")
