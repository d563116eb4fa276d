"""From bytes to text: byte-order marks, binary files recognised by their first bytes, decoding
with an encoding named or detected, errors that name the byte offset."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..errors import (
    BinaryFileError,
    DecodingError,
    EmptyStatementError,
    StatementNotFoundError,
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
