"""From bytes to text: byte-order marks, binary files recognised by their first bytes, decoding
with an encoding named or detected, errors that name the byte offset; and reading a file
safely (``read_bytes``: regular files only, never blocking on a named pipe, never past a size
limit)."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from pathlib import Path

from ..errors import (
    BinaryFileError,
    DecodingError,
    EmptyStatementError,
    FileTooLargeError,
    StatementNotFoundError,
    UnreadableFileError,
)

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
        hint = (
            "pass encoding='cp1252' (or the file's real encoding; --encoding cp1252 on the command line)"
            if encoding is None
            else "check encoding= (--encoding on the command line)"
        )
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


_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _not_regular(mode: int) -> str | None:
    """What a file of this ``st_mode`` is, when it is not a regular file (None when it is)."""
    if stat.S_ISREG(mode):
        return None
    return next((what for test, what in _KINDS if test(mode)), "not a regular file")


def _os_problem(exc: OSError, p: Path) -> Exception:
    """The user-facing error for an ``OSError`` met while opening or reading ``p``."""
    if exc.errno == errno.ENOENT:
        return StatementNotFoundError("no such file", path=p)
    if exc.errno == errno.ELOOP:
        return UnreadableFileError("symbolic link loop: the link points, in the end, back to itself", path=p)
    if exc.errno in (errno.EACCES, errno.EPERM):
        return UnreadableFileError("permission denied: this user may not read the file", path=p)
    if exc.errno == errno.EISDIR:
        return StatementNotFoundError("is a folder, not a file (use load_corpus for folders)", path=p)
    return UnreadableFileError(f"cannot be read: {exc.strerror or exc}", path=p)


def check_file(path: PathLike, *, max_bytes: int | None = None) -> int:
    """Check, without opening it, that ``path`` is a regular file (following symbolic links) of at
    most ``max_bytes`` bytes; returns its size in bytes. Raises ``StatementNotFoundError``,
    ``UnreadableFileError`` (a named pipe, a device, a socket, a link loop, permission denied) or
    ``FileTooLargeError``."""
    p = Path(path)
    try:
        st = os.stat(p)
    except OSError as exc:
        raise _os_problem(exc, p) from None
    if stat.S_ISDIR(st.st_mode):
        raise StatementNotFoundError("is a folder, not a file (use load_corpus for folders)", path=p)
    what = _not_regular(st.st_mode)
    if what is not None:
        raise UnreadableFileError(f"is {what}, not a regular file: save the statement to a file first", path=p)
    if max_bytes is not None and st.st_size > max_bytes:
        raise FileTooLargeError(_too_large(st.st_size, max_bytes), path=p)
    return st.st_size


def _too_large(size: int, max_bytes: int) -> str:
    return (
        f"the file is {size / 1e6:,.1f} MB, over the {max_bytes / 1e6:g} MB limit for one statement; "
        "if it holds many statements, split it into files and pass the folder with --corpus; "
        "if it really is one statement, raise the limit with --max-mb"
    )


def read_bytes(path: PathLike, *, max_bytes: int | None = None) -> bytes:
    """The bytes of the regular file at ``path`` (at most ``max_bytes``).

    Opened without blocking (a named pipe put in the file's place between the check and the
    read is refused, not waited on) and checked again once open; a file that grows past
    ``max_bytes`` while it is read is refused too. Raises the errors of ``check_file``."""
    p = Path(path)
    check_file(p, max_bytes=max_bytes)
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _os_problem(exc, p) from None
    try:
        what = _not_regular(os.fstat(fd).st_mode)
        if what is None:
            with os.fdopen(fd, "rb", closefd=False) as fh:
                raw = fh.read() if max_bytes is None else fh.read(max_bytes + 1)
    except OSError as exc:
        raise _os_problem(exc, p) from None
    finally:
        os.close(fd)
    if what is not None:
        raise UnreadableFileError(f"is {what}, not a regular file: save the statement to a file first", path=p)
    if max_bytes is not None and len(raw) > max_bytes:
        raise FileTooLargeError(_too_large(len(raw), max_bytes), path=p)
    return raw


def read_text(path: PathLike, *, encoding: str | None = None, max_bytes: int | None = None) -> tuple[str, str, str]:
    """Read a statement file (see ``read_bytes``). Returns ``(text, encoding_used,
    sha256_of_raw_bytes)``."""
    p = Path(path)
    raw = read_bytes(p, max_bytes=max_bytes)
    text, used = decode_bytes(raw, encoding=encoding, path=p)
    return text, used, hashlib.sha256(raw).hexdigest()
