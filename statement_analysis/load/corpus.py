"""``load_corpus`` and ``corpus_from_statements``: many statements as one corpus table, matched with
a metadata table."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import (
    EmptyStatementError,
    MetadataError,
    StatementNotFoundError,
    UnsafePathError,
)
from ..statement import Statement

if TYPE_CHECKING:
    import pandas as pd

from .. import parallel
from .dates import _coerce_date_precise, date_column
from .statements import load_statement

PathLike = str | os.PathLike[str]


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
    df["date"] = date_column(df["date"], names=df["doc_id"].tolist()).to_numpy()
    return df.set_index("doc_id")


def _member(base: Path, name: Any, row: int, meta_path: Path | None) -> Path:
    """``base / name`` for a ``filename`` cell of the metadata table, refusing (``UnsafePathError``,
    naming the row: line ``row + 2`` of the CSV) a name that is empty, absolute, holds ``..``, or
    resolves outside ``base`` (through a symbolic link)."""
    where = f"row {row + 2} of the metadata table (filename {str(name)[:80]!r})"
    text = str(name).strip()
    pure = Path(text)
    parts = text.replace("\\", "/").split("/")
    if not text or pure.is_absolute() or parts[0] == "" or ".." in parts or re.match(r"[A-Za-z]:", text):
        raise UnsafePathError(
            f"{where}: a filename must be a path inside the corpus folder, relative to it, without '..'",
            path=meta_path or base,
        )
    f = base / pure
    if not f.resolve().is_relative_to(base.resolve()):
        raise UnsafePathError(
            f"{where}: the file is a symbolic link to (or inside a linked folder leading to) a place outside "
            "the corpus folder; copy the file into the folder instead",
            path=meta_path or base,
        )
    return f


def load_corpus(
    folder_or_paths: PathLike | Sequence[PathLike],
    *,
    metadata: PathLike | pd.DataFrame | None = None,
    encoding: str | None = None,
    pattern: str = "*.txt",
    progress: bool | None = None,
    title_line: bool = True,
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
        title_line: for a file the metadata table gives no title, take a first line that looks
            like a heading as its title (as ``load_statement`` does); ``False`` keeps it as body.

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
            meta_df = read_metadata_csv(meta_path)
        if "filename" not in meta_df.columns and "doc_id" not in meta_df.columns:
            found = ", ".join(repr(str(c)) for c in list(meta_df.columns)[:8]) or "none"
            raise MetadataError(
                f"the metadata table needs a 'filename' or a 'doc_id' column (its columns: {found})", path=meta_path
            )

    if files is None:
        assert base is not None
        if meta_df is not None and "filename" in meta_df.columns:
            files = [_member(base, f, row, meta_path) for row, f in enumerate(meta_df["filename"])]
            missing = [str(f) for f in files if not f.exists()]
            if missing:
                raise MetadataError(
                    f"{len(missing)} file(s) named in the metadata table do not exist, e.g. {missing[0]}",
                    path=meta_path or base,
                )
            odd = [str(f) for f in files if not f.is_file()]
            if odd:
                raise MetadataError(
                    f"{len(odd)} file(s) named in the metadata table are not regular files "
                    f"(a folder, a named pipe, a device...), e.g. {odd[0]}",
                    path=meta_path or base,
                )
        else:
            inside = base.resolve()
            files = sorted(p for p in base.rglob(pattern) if p.is_file())
            for f in files:
                if not f.resolve().is_relative_to(inside):
                    raise UnsafePathError(
                        f"{f.relative_to(base)} is a symbolic link to a file outside the corpus folder; "
                        "copy the file into the folder instead",
                        path=base,
                    )
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
    # tqdm's usual bar leaves a monitor thread running, after which a script's analyses could not
    # fork their workers (see statement_analysis.parallel): this bar starts none.
    bar = parallel.progress_bar(len(files), desc="loading statements", unit="file") if show else None

    statements: list[Statement] = []
    extra: list[dict[str, Any]] = []
    unmatched: list[str] = []
    empty: list[str] = []
    for f in files:
        rec: dict[str, Any] = {}
        if meta_df is not None:
            k = str(f.resolve()) if "filename" in meta_df.columns else f.stem
            rec = dict(rows.get(k, {}))
            if not rec:
                unmatched.append(str(f))
        title = rec.pop("title", None) or None
        date_value = rec.pop("date", None) or None
        doc_id = str(rec.pop("doc_id", "") or f.stem)
        date, precision = _coerce_date_precise(date_value, path=meta_path, what=f"date of {doc_id!r} in the metadata:")
        try:
            st = load_statement(
                f, encoding=encoding, title=title, date=date, doc_id=doc_id, title_line=title_line and title is None
            )
            if precision not in (None, "day"):  # "2017" in the metadata: a year, not 1 January
                st = dataclasses.replace(st, meta={**st.meta, "date_precision": precision})
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
        if bar is not None:
            bar.update(1)
    if bar is not None:
        bar.close()
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


#: the separators a metadata table may use: commas, or semicolons (Excel in much of Europe), or tabs
SEPARATORS = (",", ";", "\t")


def read_metadata_csv(path: Path) -> pd.DataFrame:
    """A metadata table read from ``path``: UTF-8 with or without a byte-order mark (or UTF-16 with
    one, as Excel's "Unicode text" saves it), separated by commas, semicolons or tabs (whichever
    splits the header line into the most columns), every value a string. Raises ``MetadataError``
    naming the file and the line for a table that cannot be read."""
    import csv
    import io

    import pandas as pd

    raw = path.read_bytes()
    boms = ((b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"), (b"\xef\xbb\xbf", "utf-8-sig"))
    codec = next((name for bom, name in boms if raw.startswith(bom)), "utf-8")
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError as exc:
        raise MetadataError(
            f"byte offset {exc.start} cannot be decoded as {codec}: save the table as CSV UTF-8", path=path
        ) from None
    header = text.split("\n", 1)[0]
    sep = max(SEPARATORS, key=lambda c: (len(next(csv.reader([header], delimiter=c), [])), -SEPARATORS.index(c)))
    try:
        return pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
    except (ValueError, pd.errors.ParserError) as exc:
        raise MetadataError(f"cannot read as a table separated by {sep!r}: {exc}", path=path) from None
