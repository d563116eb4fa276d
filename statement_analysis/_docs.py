"""The one input contract: what every analysis accepts, decided here and nowhere else.

Every analysis takes one of these and keys its rows by ``doc_id``:

* a ``Statement`` (``sa.load_statement``): a corpus of one document;
* a list or tuple of ``Statement`` objects;
* a corpus table (``sa.load_corpus``): a DataFrame indexed by ``doc_id`` with a ``text`` column;
* a token table (``sa.tidy.tokens``) — only where the analysis counts tokens and nothing else:
  ``terms.*`` and ``themes.code``/``themes.evidence``, which then skip tokenising again. Analyses
  that read the text itself (readability, places, the tidy tables, comparisons, summaries) refuse
  it, because a token table has lost the spacing, line breaks and sentence marks they read.

Anything else is refused with ``InputTypeError`` naming the analysis and what to pass instead: a
plain string (text or a path: load it first), a paragraph or sentence table (``sa.tidy``), a
table without a ``text`` column.

What is not here: loading files (``load``), normalising text (``normalize``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import InputTypeError
from .statement import Statement, source_line

if TYPE_CHECKING:
    import pandas as pd

#: what each kind of accepted input is called in messages
KINDS = ("statement", "statements", "corpus", "tokens")

_TOKEN_COLUMNS = frozenset({"doc_id", "token_id", "lower", "is_punct"})
_UNIT_COLUMNS = ("sent_id", "para_id")


def kind_of(x: Any) -> str:
    """What ``x`` is: ``"statement"``, ``"statements"`` (a list or tuple of them), ``"corpus"``
    (a corpus table) or ``"tokens"`` (a token table from ``sa.tidy.tokens``). Raises
    ``InputTypeError`` for anything else, with what to pass instead."""
    if isinstance(x, Statement):
        return "statement"
    if _is_dataframe(x):
        cols = set(x.columns)
        if cols >= _TOKEN_COLUMNS:
            return "tokens"
        for unit in _UNIT_COLUMNS:
            if unit in cols and "text" in cols:
                table = "sentence" if unit == "sent_id" else "paragraph"
                raise InputTypeError(
                    f"this is a {table} table (sa.tidy.{table}s); pass the Statement or corpus table it came from"
                )
        if "text" not in cols:
            raise InputTypeError("the corpus table has no 'text' column; build it with sa.load_corpus")
        return "corpus"
    if isinstance(x, str):
        raise InputTypeError(
            "expected a Statement or a corpus table, not a string: load it first, "
            "sa.load_statement(path) for a file or sa.load_statement(text=...) for text"
        )
    if isinstance(x, (list, tuple)):
        others = [type(s).__name__ for s in x if not isinstance(s, Statement)]
        if not others:
            return "statements"
        raise InputTypeError(
            f"expected a list of Statement objects, but it holds a {others[0]}; "
            "load each with sa.load_statement, or a folder with sa.load_corpus"
        )
    raise InputTypeError(
        f"expected a Statement (sa.load_statement), a list of them or a corpus table (sa.load_corpus), "
        f"not {type(x).__name__}"
    )


def iter_documents(x: Any, *, what: str = "this analysis") -> list[tuple[str, str]]:
    """``[(doc_id, body_text), ...]`` for a ``Statement``, a list of them, or a corpus table.

    ``what`` names the caller in the message that refuses a token table. Raises
    ``InputTypeError`` for anything outside the contract (see the module docstring).
    """
    kind = kind_of(x)
    if kind == "statement":
        return [(x.doc_id, x.text)]
    if kind == "statements":
        return [(s.doc_id, s.text) for s in x]
    if kind == "corpus":
        texts = x["text"].fillna("").astype(str)
        return [(str(i), t) for i, t in zip(x.index, texts, strict=True)]
    raise InputTypeError(
        f"{what} reads the text itself, not a token table: pass the Statement or corpus table that "
        "sa.tidy.tokens(...) was given (tokens have lost the spacing, capitals and sentence marks it needs)"
    )


def source_maps(x: Any) -> dict[str, Any]:
    """``{doc_id: source offsets}`` for the documents whose ``text`` differs from the text as the
    user gave it (``Statement.meta["source_offsets"]``, or a corpus table's ``source_offsets``
    column); ``statement.source_positions`` applies them. Documents not listed need no mapping."""
    kind = kind_of(x)
    if kind == "statement":
        items = [(x.doc_id, x.meta.get("source_offsets"))]
    elif kind == "statements":
        items = [(s.doc_id, s.meta.get("source_offsets")) for s in x]
    elif kind == "corpus" and "source_offsets" in x.columns:
        items = [(str(i), v) for i, v in zip(x.index, x["source_offsets"], strict=True)]
    else:
        items = []
    return {d: v for d, v in items if isinstance(v, dict) and v}


def token_table(x: Any, *, lemmas: bool = False, what: str = "this analysis") -> pd.DataFrame:
    """A token table for ``x``: ``x`` itself when it is one (checked for a ``lemma`` column when
    ``lemmas``), else ``sa.tidy.tokens(x, lemmas=lemmas)``."""
    if kind_of(x) == "tokens":
        if lemmas and "lemma" not in x.columns:
            raise InputTypeError(
                f"{what} needs lemmas, and this token table has no 'lemma' column: build it with "
                "sa.tidy.tokens(x, lemmas=True)"
            )
        return x
    from .tidy import tokens

    return tokens(x, lemmas=lemmas)


def is_token_table(x: Any) -> bool:
    """True for a token table from ``sa.tidy.tokens`` (never raises)."""
    return _is_dataframe(x) and set(x.columns) >= _TOKEN_COLUMNS


def describe_source(x: Any) -> str:
    """A one-line source for figure captions: the statement's title and date, or the corpus size."""
    if isinstance(x, Statement):
        return x.source_line
    if _is_dataframe(x) and "text" in x.columns and not is_token_table(x):
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
    if isinstance(x, (list, tuple)) and x and all(isinstance(s, Statement) for s in x):
        return x[0].source_line if len(x) == 1 else f"Source: {len(x)} statements"
    return "Source: statement text"


def _is_dataframe(x: Any) -> bool:
    return type(x).__name__ == "DataFrame" and hasattr(x, "columns")
