"""``load_statement``: one statement from a file or from text, and when a bare string is a path."""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import re
from pathlib import Path
from typing import Any

from ..errors import (
    EmptyStatementError,
    InputTypeError,
    StatementNotFoundError,
)
from ..statement import Statement
from .dates import _coerce_date_precise
from .decode import read_text
from .layouts import (
    _crlf_positions,
    _looks_eeas,
    _parse_eeas,
    looks_like_heading,
    source_offsets,
    split_front_matter,
    split_paragraphs,
)

PathLike = str | os.PathLike[str]

# A bare string is a path only when it names an existing file or is clearly a file name: one line
# ending in a document extension ("speech 2021.txt"), or a path with a separator and no spaces
# ("statements/g7", "./a", "~/x", "C:\\x y\\z"). Anything else is text ("9/11 COMMISSION SAYS...").
_FILE_NAME = re.compile(
    r"[^\n]{1,255}\.(?:txt|text|md|markdown|html?|xml|pdf|docx?|odt|rtf|csv|tsv|json)", re.IGNORECASE
)
_PATH_SHAPE = re.compile(r"(?:~|\.{1,2})?[/\\]\S*|[^\s/\\]+(?:[/\\][^\s/\\]*)+|[A-Za-z]:[/\\][^\n]*")


def looks_like_path(s: str) -> bool:
    """Whether a bare string given to ``load_statement`` is taken as a path (see ``_FILE_NAME``)."""
    if "\n" in s or len(s) > 4096:
        return False
    if os.path.isfile(s):
        return True
    t = s.strip()
    return bool(_FILE_NAME.fullmatch(t) or _PATH_SHAPE.fullmatch(t))


# --------------------------------------------------------------------------- public API
def _parse_plain(text: str, path: Path | None, *, title_line: bool) -> dict[str, Any]:
    """Plain body text: front matter (if any), a heading line (if it looks like one), paragraphs."""
    front, body_start = split_front_matter(text, path)
    paragraphs = split_paragraphs(text[body_start:])
    meta: dict[str, Any] = {"layout": "plain"}
    heading = ""
    if title_line and len(paragraphs) >= 2 and looks_like_heading(paragraphs[0]):
        heading = paragraphs.pop(0)
        body_start = text.index(heading, body_start) + len(heading)
        meta["heading"] = heading
    title = front.pop("title", None)
    teaser = front.pop("teaser", None)
    when, precision = _coerce_date_precise(front.pop("date", None), path=path, what="the front matter's date:")
    if precision not in (None, "day"):
        meta["date_precision"] = precision
    for key, value in front.items():
        meta.setdefault(key, value if isinstance(value, (str, int, float, bool)) or value is None else str(value))
    return {
        "title": str(title).strip() if title is not None else heading,
        "date": when,
        "teaser": "" if teaser is None else str(teaser).strip(),
        "paragraphs": paragraphs,
        "body_start": body_start,
        "meta": meta,
    }


def load_statement(
    path_or_text: PathLike | None = None,
    *,
    text: str | None = None,
    encoding: str | None = None,
    title: str | None = None,
    date: _dt.date | str | None = None,
    doc_id: str | None = None,
    title_line: bool = True,
    max_mb: float | None = None,
) -> Statement:
    """Load one statement from a file or from text passed directly.

    Args:
        path_or_text: a path, or (for short scripts) the statement's text. A ``pathlib.Path`` is
            always a path. A string is a path only when it names an existing file or is clearly
            a file name (one line ending in a document extension such as ``.txt``, or a path with
            a separator and no spaces); anything else is text. To be explicit, use ``text=``.
        text: the statement's text itself (never taken for a path); ``Statement.from_text`` is
            the same door.
        encoding: force a text encoding (default: UTF-8, or what the byte-order mark says).
        title, date: the statement's title and date; they override what the file says. A date
            may be written as statements write them (``2017-03-22``, ``22 March 2017``,
            ``March 22, 2017``, ``22.03.2017``, ``March 2017``, ``2017``: see
            ``load.dates.parse_date``); a month or a year alone is kept with its precision in
            ``meta["date_precision"]``.
        doc_id: identifier for the tables (default: the file's stem, or ``text-<sha256[:12]>``).
        title_line: in plain text, take a first line that looks like a heading
            (``load.layouts.looks_like_heading``: one short line that does not end like a
            sentence, followed by more text) as the title, and leave it out of the body;
            ``False`` keeps every line as body.
        max_mb: refuse a file larger than this many megabytes (10⁶ bytes) with
            ``FileTooLargeError`` (default: no limit; the command line's ``--max-mb``).

    Plain text may open with front matter, a YAML block between two ``---`` lines, for what the
    file cannot say otherwise: ``title:``, ``date:``, ``teaser:`` and any other key (kept in
    ``meta``). ``title=``/``date=`` given here win over the front matter, which wins over a
    heading line.

    Returns:
        A ``Statement``. Raises a ``StatementAnalysisError`` subclass naming the file for a
        missing, unreadable (not a regular file, permission denied), too large, empty, binary,
        undecodable or malformed input.
    """
    from .._options import number

    max_bytes = None if max_mb is None else int(number("max_mb", max_mb, positive=True) * 1e6)
    path: Path | None = None
    if text is not None:
        if path_or_text is not None:
            raise InputTypeError("give either a path or text=, not both")
        if not isinstance(text, str):
            raise InputTypeError(f"text= must be a str, not {type(text).__name__}")
        path_or_text = text
    elif isinstance(path_or_text, os.PathLike):
        path = Path(path_or_text)
    elif isinstance(path_or_text, str):
        if looks_like_path(path_or_text):
            path = Path(path_or_text)
    elif path_or_text is None:
        raise InputTypeError("give a file path, or the statement's text as text=")
    else:
        raise InputTypeError(f"load_statement expects a path or a str, not {type(path_or_text).__name__}")
    if path is not None and text is None and isinstance(path_or_text, str) and not os.path.lexists(path):
        raise StatementNotFoundError(
            "no such file (if this is the statement's text, pass it as load_statement(text=...))", path=path
        )

    crlf: tuple[int, ...] = ()
    if path is not None:
        text, used, sha = read_text(path, encoding=encoding, max_bytes=max_bytes)
        default_id = path.stem
    else:
        given = str(path_or_text)
        text = given.replace("\r\n", "\n").replace("\r", "\n")
        crlf = _crlf_positions(given)
        used = "str"
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        default_id = f"text-{sha[:12]}"
    if not text.strip() or not text.replace("\u200b", "").replace("\ufeff", "").strip():
        raise EmptyStatementError("holds no text, only white space" if text else "holds no text", path=path)
    where = path
    if _looks_eeas(text):
        parsed = _parse_eeas(text, where)
    else:
        parsed = _parse_plain(text, path, title_line=title_line)
    if not parsed["paragraphs"]:
        raise EmptyStatementError("has a header but no body paragraphs", path=path)
    meta = dict(parsed["meta"])
    meta.update({"source": str(path) if path is not None else None, "sha256": sha, "encoding": used})
    offsets = source_offsets(text, parsed["paragraphs"], body_start=parsed.get("body_start", 0), crlf=crlf)
    if offsets is not None:
        meta["source_offsets"] = offsets
    if date is not None:
        parsed["date"], precision = _coerce_date_precise(date, path=path)
        meta.pop("date_precision", None)
        if precision != "day":
            meta["date_precision"] = precision
    return Statement(
        doc_id=doc_id or default_id,
        title=title if title is not None else parsed["title"],
        date=parsed["date"],
        teaser=parsed["teaser"],
        paragraphs=tuple(parsed["paragraphs"]),
        meta=meta,
    )
