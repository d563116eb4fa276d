"""Reading statements from files or text: ``load_statement`` and ``load_corpus``.

Two layouts are understood:

* the **EEAS export** of the bundled statement — optional "THIS CONTENT HAS BEEN ARCHIVED"
  banner, title, date (``dd.mm.yyyy``), ``Teaser``, teaser text, ``Text``, body paragraphs, then
  a footer of ``Category`` / ``Location`` / ``Topics`` / ``Editorial sections`` headers, each
  followed by its values;
* **plain body text**: paragraphs separated by blank lines, with ``title=``/``date=`` given
  as arguments or in a metadata table.

What this module does not do: normalise characters or split sentences (see ``tidy``). The
paragraphs keep the source characters; only their outer white space is stripped. Nothing is
guessed silently: a file that starts like an EEAS export but lacks one of its parts is a
``LayoutError`` naming the line.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import re
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import (
    BinaryFileError,
    DecodingError,
    EmptyStatementError,
    InputTypeError,
    LayoutError,
    MetadataError,
    StatementNotFoundError,
)
from .statement import PARAGRAPH_SEPARATOR, Statement

if TYPE_CHECKING:
    import pandas as pd

PathLike = str | os.PathLike[str]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document: extract its text first (for example with pdftotext)"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx file): save the statement as plain text"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive: unpack it first"),
    (b"\xfd7zXZ", "an xz archive: unpack it first"),
)
_EEAS_HEADERS = ("Category", "Location", "Topics", "Editorial sections")
_ARCHIVED_BANNER = "THIS CONTENT HAS BEEN ARCHIVED"
_EEAS_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_BLANK_LINES = re.compile(r"\n[^\S\n]*(?:\n[^\S\n]*)+")
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


# --------------------------------------------------------------------------- reading bytes
def decode_bytes(raw: bytes, *, encoding: str | None = None, path: PathLike | None = None) -> tuple[str, str]:
    """Decode a statement file's bytes.

    Returns ``(text, encoding_used)``; line endings become ``\\n`` and a byte-order mark is
    dropped. Raises ``EmptyStatementError``, ``BinaryFileError`` or ``DecodingError`` (with the
    failing byte offset and a hint to pass ``encoding=``).
    """
    if not raw:
        raise EmptyStatementError("the file is empty (0 bytes)", path=path)
    bom_encoding = None
    for bom, name in _BOMS:
        if raw.startswith(bom):
            bom_encoding = name
            raw_body = raw[len(bom) :]
            break
    if encoding is None and bom_encoding is not None:
        encoding = bom_encoding
        raw = raw_body
    elif encoding is not None and bom_encoding is not None and _same_codec(encoding, bom_encoding):
        raw = raw_body
    if encoding is None or not encoding.lower().replace("_", "-").startswith(("utf-16", "utf-32")):
        for magic, what in _MAGIC:
            if raw.startswith(magic):
                raise BinaryFileError(f"this is {what}, not a text file", path=path)
        nul = raw.find(b"\x00")
        if nul >= 0:
            raise BinaryFileError(
                f"NUL byte at byte offset {nul}: this looks like a binary file, not text "
                "(if it is UTF-16 without a byte-order mark, pass encoding='utf-16-le')",
                path=path,
            )
    used = encoding or "utf-8"
    try:
        text = raw.decode(used, errors="strict")
    except UnicodeDecodeError as exc:
        bad = raw[exc.start : exc.start + 1]
        hint = "pass encoding='cp1252' (or the file's real encoding)" if encoding is None else "check encoding="
        raise DecodingError(
            f"byte offset {exc.start} (0x{bad.hex().upper()}) cannot be decoded as {used}: {hint}",
            path=path,
        ) from None
    except LookupError:
        raise DecodingError(f"unknown encoding {encoding!r}", path=path) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\f\v")
    if controls and controls > 0.01 * len(text):
        raise BinaryFileError(
            f"{controls} control characters in {len(text)}: this looks like a binary file, not text",
            path=path,
        )
    return text, used


def _same_codec(a: str, b: str) -> bool:
    import codecs

    try:
        na, nb = codecs.lookup(a).name, codecs.lookup(b).name
    except LookupError:
        return False
    return na == nb or (na.split("-")[:2] == nb.split("-")[:2] and na.startswith("utf-16") == nb.startswith("utf-16"))


def read_text(path: PathLike, *, encoding: str | None = None) -> tuple[str, str, str]:
    """Read a statement file. Returns ``(text, encoding_used, sha256_of_raw_bytes)``."""
    p = Path(path)
    if not p.exists():
        raise StatementNotFoundError("no such file", path=p)
    if p.is_dir():
        raise StatementNotFoundError("is a folder, not a file (use load_corpus for folders)", path=p)
    raw = p.read_bytes()
    text, used = decode_bytes(raw, encoding=encoding, path=p)
    return text, used, hashlib.sha256(raw).hexdigest()


# --------------------------------------------------------------------------- layouts
def split_paragraphs(body: str) -> list[str]:
    """Split body text into paragraphs at blank lines (lines of only white space, NBSP included).

    Returns the paragraphs with their outer white space stripped; empty ones are dropped.
    """
    return [p.strip() for p in _BLANK_LINES.split(body) if p.strip()]


def _is_blank(line: str) -> bool:
    return not line.strip()


def _parse_eeas(text: str, path: Path | None) -> dict[str, Any]:
    lines = text.split("\n")
    n = len(lines)
    i = 0

    def next_nonblank(j: int) -> int:
        while j < n and _is_blank(lines[j]):
            j += 1
        return j

    def fail(j: int, what: str) -> LayoutError:
        found = lines[j].strip()[:80] if j < n else "the end of the text"
        return LayoutError(f"line {j + 1}: EEAS export layout: {what}; found {found!r}", path=path)

    archived = False
    i = next_nonblank(i)
    if i < n and lines[i].strip().upper() == _ARCHIVED_BANNER:
        archived = True
        i = next_nonblank(i + 1)
    if i >= n:
        raise fail(i, "expected a title")
    title = lines[i].strip()
    i = next_nonblank(i + 1)
    m = _EEAS_DATE.fullmatch(lines[i].strip()) if i < n else None
    if not m:
        raise fail(i, "expected the date as dd.mm.yyyy after the title")
    try:
        date = _dt.date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError as exc:
        raise fail(i, f"invalid date ({exc})") from None
    i = next_nonblank(i + 1)
    if i >= n or lines[i].strip() != "Teaser":
        raise fail(i, "expected the 'Teaser' header after the date")
    j = i + 1
    while j < n and lines[j].strip() != "Text":
        j += 1
    if j >= n:
        raise LayoutError(
            f"line {i + 1}: EEAS export layout: the 'Teaser' header is not followed by a 'Text' header "
            "(the line before the body); add it, or remove 'Teaser' to load the file as plain text",
            path=path,
        )
    teaser = " ".join(line.strip() for line in lines[i + 1 : j] if line.strip())
    k = j + 1
    while k < n and lines[k].strip() != _EEAS_HEADERS[0]:
        k += 1
    paragraphs = split_paragraphs("\n".join(lines[j + 1 : k]))
    body_start = sum(len(line) + 1 for line in lines[: j + 1])
    footer: dict[str, list[str]] = {}
    current: str | None = None
    for line in lines[k:]:
        s = line.strip()
        if s in _EEAS_HEADERS:
            current = s
            footer.setdefault(current, [])
        elif s and current is not None:
            footer[current].append(s)

    def dedupe(values: list[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(values))

    return {
        "title": title,
        "date": date,
        "teaser": teaser,
        "paragraphs": paragraphs,
        "body_start": body_start,
        "meta": {
            "category": "; ".join(dedupe(footer.get("Category", []))) or None,
            "location": "; ".join(dedupe(footer.get("Location", []))) or None,
            "topics": dedupe(footer.get("Topics", [])),
            "editorial_sections": dedupe(footer.get("Editorial sections", [])),
            "archived": archived,
            "layout": "eeas",
        },
    }


def _looks_eeas(text: str) -> bool:
    head = [line.strip() for line in text.split("\n", 40)[:40]]
    return "Teaser" in head or (len(head) > 0 and _ARCHIVED_BANNER in (h.upper() for h in head[:3]))


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


# --------------------------------------------------------------------------- public API
def load_statement(
    path_or_text: PathLike | None = None,
    *,
    text: str | None = None,
    encoding: str | None = None,
    title: str | None = None,
    date: _dt.date | str | None = None,
    doc_id: str | None = None,
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
        title, date: metadata for plain body text; for an EEAS export they override the file's.
        doc_id: identifier for the tables (default: the file's stem, or ``text-<sha256[:12]>``).

    Returns:
        A ``Statement``. Raises a ``StatementAnalysisError`` subclass naming the file for a
        missing, empty, binary, undecodable or malformed input.
    """
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
    if path is not None and text is None and isinstance(path_or_text, str) and not path.exists():
        raise StatementNotFoundError(
            "no such file (if this is the statement's text, pass it as load_statement(text=...))", path=path
        )

    crlf: tuple[int, ...] = ()
    if path is not None:
        text, used, sha = read_text(path, encoding=encoding)
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
        parsed = {
            "title": "",
            "date": None,
            "teaser": "",
            "paragraphs": split_paragraphs(text),
            "meta": {"layout": "plain"},
        }
    if not parsed["paragraphs"]:
        raise EmptyStatementError("has a header but no body paragraphs", path=path)
    meta = dict(parsed["meta"])
    meta.update({"source": str(path) if path is not None else None, "sha256": sha, "encoding": used})
    offsets = source_offsets(text, parsed["paragraphs"], body_start=parsed.get("body_start", 0), crlf=crlf)
    if offsets is not None:
        meta["source_offsets"] = offsets
    return Statement(
        doc_id=doc_id or default_id,
        title=title if title is not None else parsed["title"],
        date=_coerce_date(date, path=path) if date is not None else parsed["date"],
        teaser=parsed["teaser"],
        paragraphs=tuple(parsed["paragraphs"]),
        meta=meta,
    )


def _crlf_positions(given: str) -> tuple[int, ...]:
    """Where ``\\r\\n`` became ``\\n``: the position of each such ``\\n`` in the converted text."""
    out = []
    k = given.find("\r\n")
    while k >= 0:
        out.append(k - len(out))
        k = given.find("\r\n", k + 2)
    return tuple(out)


def source_offsets(
    source: str, paragraphs: Sequence[str], *, body_start: int = 0, crlf: Sequence[int] = ()
) -> dict[str, tuple[int, ...]] | None:
    """The anchors that map offsets in a statement's ``text`` (paragraphs joined by a blank line)
    back into ``source``, the text as the user gave it (see ``statement.source_positions``):
    ``text`` and ``source`` hold where each paragraph starts in each, ``crlf`` where a Windows line
    break was read as one character. ``None`` when the two texts are the same."""
    t_starts: list[int] = []
    s_starts: list[int] = []
    t = 0
    cur = body_start
    for para in paragraphs:
        i = source.find(para, cur)
        if i < 0:  # paragraphs are cut from the source verbatim: this is a bug, not bad input
            raise RuntimeError(f"paragraph not found in its source at or after offset {cur}")
        t_starts.append(t)
        s_starts.append(i)
        cur = i + len(para)
        t += len(para) + len(PARAGRAPH_SEPARATOR)
    if not crlf and t_starts == s_starts:
        return None
    return {"text": tuple(t_starts), "source": tuple(s_starts), "crlf": tuple(crlf)}


def corpus_from_statements(statements: Iterable[Statement]) -> pd.DataFrame:
    """Build a corpus table from ``Statement`` objects: one row each, ``doc_id`` as index.

    Columns: ``title``, ``date`` (datetime64), ``teaser``, ``text``, ``n_paragraphs`` and every
    metadata key. Raises ``MetadataError`` on duplicate ``doc_id``.
    """
    import pandas as pd

    records = [s.to_record() for s in statements]
    df = pd.DataFrame.from_records(records)
    if df.empty:
        df = pd.DataFrame(columns=["doc_id", "title", "date", "teaser", "text", "n_paragraphs"])
    dup = df["doc_id"][df["doc_id"].duplicated()].tolist()
    if dup:
        raise MetadataError(f"duplicate doc_id values: {dup[:5]}")
    df["date"] = pd.to_datetime(df["date"])
    return df.set_index("doc_id")


def load_corpus(
    folder_or_paths: PathLike | Sequence[PathLike],
    *,
    metadata: PathLike | pd.DataFrame | None = None,
    encoding: str | None = None,
    pattern: str = "*.txt",
    progress: bool | None = None,
) -> pd.DataFrame:
    """Load many statements into a corpus table.

    Args:
        folder_or_paths: a folder (searched recursively for ``pattern``) or a list of files.
        metadata: a CSV path or DataFrame with one row per statement. Rows are matched to files
            by a ``filename`` column (path relative to the folder) if present, else by
            ``doc_id`` = file stem. Its ``doc_id``, ``title`` and ``date`` become the statement's;
            other columns are added as they are. Without it, a ``metadata.csv`` in the folder is
            used (and, when it has a ``filename`` column, lists the files to load).
        encoding: forced encoding for every file.
        pattern: file name pattern inside a folder.
        progress: show a progress bar (default: when there are 100 files or more).

    Returns:
        A DataFrame indexed by ``doc_id``: ``title``, ``date`` (datetime64), ``teaser``,
        ``text``, ``n_paragraphs``, the layout metadata and the metadata table's columns.
        Files that hold no text stay as rows with ``text == ""`` and ``layout == "empty"``
        (with a warning naming them); any other unreadable file stops the load with its error.
    """
    import pandas as pd

    base: Path | None = None
    if isinstance(folder_or_paths, (str, os.PathLike)):
        base = Path(folder_or_paths)
        if not base.exists():
            raise StatementNotFoundError("no such file or folder", path=base)
        if base.is_file():
            files: list[Path] | None = [base]
            base = base.parent
        else:
            files = None
            if metadata is None and (base / "metadata.csv").is_file():
                metadata = base / "metadata.csv"
    else:
        files = [Path(p) for p in folder_or_paths]
        if not files:
            raise EmptyStatementError("no files given to load_corpus")

    meta_df: pd.DataFrame | None = None
    meta_path: Path | None = None
    if metadata is not None:
        if isinstance(metadata, pd.DataFrame):
            meta_df = metadata.copy()
        else:
            meta_path = Path(metadata)
            if not meta_path.is_file():
                raise StatementNotFoundError("metadata table not found", path=meta_path)
            try:
                meta_df = pd.read_csv(meta_path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
            except (ValueError, UnicodeDecodeError) as exc:
                raise MetadataError(f"cannot read as CSV: {exc}", path=meta_path) from None
        if "filename" not in meta_df.columns and "doc_id" not in meta_df.columns:
            raise MetadataError("the metadata table needs a 'filename' or a 'doc_id' column", path=meta_path)

    if files is None:
        assert base is not None
        if meta_df is not None and "filename" in meta_df.columns:
            files = [base / f for f in meta_df["filename"]]
            missing = [str(f) for f in files if not f.is_file()]
            if missing:
                raise MetadataError(
                    f"{len(missing)} file(s) named in the metadata table do not exist, e.g. {missing[0]}",
                    path=meta_path or base,
                )
        else:
            files = sorted(p for p in base.rglob(pattern) if p.is_file())
        if not files:
            raise EmptyStatementError(f"no statement files ({pattern}) in this folder", path=base)

    rows: dict[str, dict[str, Any]] = {}
    if meta_df is not None:
        key = "filename" if "filename" in meta_df.columns else "doc_id"
        for rec in meta_df.to_dict("records"):
            k = str(rec[key])
            if key == "filename" and base is not None:
                k = str((base / k).resolve())
            rows[k] = rec

    show = progress if progress is not None else len(files) >= 100
    iterator: Iterable[Path] = files
    if show:
        from tqdm import tqdm

        iterator = tqdm(files, desc="loading statements", unit="file")

    statements: list[Statement] = []
    extra: list[dict[str, Any]] = []
    unmatched: list[str] = []
    empty: list[str] = []
    for f in iterator:
        rec: dict[str, Any] = {}
        if meta_df is not None:
            k = str(f.resolve()) if "filename" in meta_df.columns else f.stem
            rec = dict(rows.get(k, {}))
            if not rec:
                unmatched.append(str(f))
        title = rec.pop("title", None) or None
        date_value = rec.pop("date", None) or None
        doc_id = str(rec.pop("doc_id", "") or f.stem)
        date = _coerce_date(date_value, path=meta_path, what=f"date of {doc_id!r} in the metadata:")
        try:
            st = load_statement(f, encoding=encoding, title=title, date=date, doc_id=doc_id)
        except EmptyStatementError:
            # Real archives hold a few empty files; in a corpus they stay, as documents with no
            # text (every analysis gives them no rows), and the warning below lists them.
            empty.append(str(f))
            st = Statement(
                doc_id=doc_id,
                title=title or "",
                date=date,
                meta={"layout": "empty", "source": str(f), "sha256": hashlib.sha256(f.read_bytes()).hexdigest()},
            )
        statements.append(st)
        extra.append(rec)
    if unmatched:
        warnings.warn(
            f"{len(unmatched)} file(s) have no row in the metadata table, e.g. {unmatched[0]}",
            stacklevel=2,
        )
    if empty:
        warnings.warn(
            f"{len(empty)} file(s) hold no text and are kept as empty documents (text ''), e.g. {empty[0]}",
            stacklevel=2,
        )
    df = corpus_from_statements(statements)
    if meta_df is not None:
        extra_df = pd.DataFrame(extra, index=df.index)
        for col in extra_df.columns:
            if col in df.columns:
                continue
            df[col] = extra_df[col]
    return df
