"""The ``Statement`` record: one statement's metadata and body paragraphs.

Nothing here reads files (see ``load``) or splits text into units (see ``tidy``).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

#: Paragraphs are joined with this separator to make a document's ``text``; every offset in the
#: tidy tables refers to that joined (then normalised) text.
PARAGRAPH_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Statement:
    """One statement, as loaded.

    Attributes:
        doc_id: identifier used as ``doc_id`` in every table (file stem by default).
        title: title, or ``""`` when the source has none.
        date: date of the statement, or ``None`` when unknown.
        teaser: the EEAS teaser line, or ``""``.
        paragraphs: body paragraphs as in the source (edges stripped, characters untouched).
        meta: everything else — ``category``, ``location``, ``topics``, ``editorial_sections``,
            ``archived`` (EEAS banner present), ``layout`` (``"eeas"`` or ``"plain"``),
            ``source`` (path or ``None``), ``sha256`` (of the raw bytes), ``encoding``, and
            ``source_offsets`` where ``text`` differs from the text as given (see
            ``source_positions``: how ``orig_start``/``orig_end`` point into the file).
    """

    doc_id: str
    title: str = ""
    date: _dt.date | None = None
    teaser: str = ""
    paragraphs: tuple[str, ...] = ()
    meta: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "paragraphs", tuple(self.paragraphs))
        object.__setattr__(self, "meta", MappingProxyType(dict(self.meta)))

    @classmethod
    def from_text(
        cls, text: str, *, title: str | None = None, date: Any = None, doc_id: str | None = None
    ) -> Statement:
        """A statement from its text (never taken for a path): ``sa.load_statement(text=...)``."""
        from .load import load_statement

        return load_statement(text=text, title=title, date=date, doc_id=doc_id)

    @property
    def text(self) -> str:
        """The body: paragraphs joined by a blank line (``PARAGRAPH_SEPARATOR``)."""
        return PARAGRAPH_SEPARATOR.join(self.paragraphs)

    @property
    def source_line(self) -> str:
        """A short citation for figure captions, e.g. ``"Source: <title>, 22 March 2017"``."""
        return source_line(self.title or self.doc_id, self.date)

    def to_record(self) -> dict[str, Any]:
        """One corpus row: ``doc_id``, ``title``, ``date``, ``teaser``, ``text`` and the metadata."""
        record: dict[str, Any] = {
            "doc_id": self.doc_id,
            "title": self.title,
            "date": self.date,
            "teaser": self.teaser,
            "text": self.text,
            "n_paragraphs": len(self.paragraphs),
        }
        for key, value in self.meta.items():
            record[key] = list(value) if isinstance(value, tuple) else value
        return record

    def __repr__(self) -> str:
        date = self.date.isoformat() if self.date else None
        return (
            f"Statement(doc_id={self.doc_id!r}, title={self.title[:60]!r}, date={date}, "
            f"paragraphs={len(self.paragraphs)})"
        )


def source_positions(offsets: Mapping[str, Any] | None, positions: Any) -> Any:
    """Offsets into a statement's ``text`` (a numpy array of ints) mapped back into the text as the
    user gave it (the file's decoded content, or the string passed to ``load_statement``), with
    ``offsets`` = the statement's ``meta["source_offsets"]``; unchanged when that is ``None``."""
    import numpy as np

    pos = np.asarray(positions, dtype=np.int64)
    if not offsets:
        return pos
    t = np.asarray(offsets["text"], dtype=np.int64)
    s = np.asarray(offsets["source"], dtype=np.int64)
    i = np.maximum(np.searchsorted(t, pos, side="right") - 1, 0)
    out = s[i] + (pos - t[i])
    crlf = offsets.get("crlf") or ()
    if len(crlf):
        out = out + np.searchsorted(np.asarray(crlf, dtype=np.int64), out, side="left")
    return out


def source_line(title: str, date: _dt.date | None) -> str:
    """Format ``"Source: <title>, <d Month yyyy>"`` (date omitted when unknown; a title over 90
    characters is shortened with an ellipsis so that the line fits under a figure)."""
    if len(title) > 90:
        title = title[:89].rstrip() + "…"
    if date is None:
        return f"Source: {title}"
    return f"Source: {title}, {date.day} {date:%B %Y}"


def metadata_table(statement: Statement) -> Any:
    """A two-column DataFrame (``field``, ``value``) of a statement's metadata, lists joined by
    "; ", for display. The body text is not included."""
    import pandas as pd

    rec = statement.to_record()
    rec.pop("text", None)
    rows = [
        {"field": k, "value": "; ".join(map(str, v)) if isinstance(v, list | tuple) else ("" if v is None else str(v))}
        for k, v in rec.items()
    ]
    return pd.DataFrame(rows, columns=["field", "value"])
