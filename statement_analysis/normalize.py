"""Character normalisation with a map back to the original offsets.

``normalize(text)`` returns a ``Normalized`` record: the normalised text and, for every
character of it, where it came from in the original. The steps, in this order:

1. remove soft hyphens and zero-width characters (U+00AD, U+200B, U+2060, U+FEFF);
2. Unicode NFC (composed accents, so "é" is one character whatever the source did);
3. one-for-one replacements: curly single quotes and apostrophes to ``'``, curly double quotes
   to ``"``, non-breaking and other Unicode spaces to a plain space.

``normalize_text(text)`` gives the same text without the map, faster (readability uses it).

Line breaks and runs of spaces are kept, so offsets stay simple; tokens ignore white space.
Hand-written because no library keeps an offset map through NFC; the map is exact except
inside a sequence that NFC recomposes, where every output character points to the whole
original sequence.
"""

from __future__ import annotations

import functools
import itertools
import re
import sys
import unicodedata
from dataclasses import dataclass

import numpy as np

DELETED = "\u00ad\u200b\u2060\ufeff"
SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u02bc\u2032"
DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033"
SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"

_REPLACE_MAP = {**{c: "'" for c in SINGLE_QUOTES}, **{c: '"' for c in DOUBLE_QUOTES}, **{c: " " for c in SPACES}}
_REPLACE = str.maketrans(_REPLACE_MAP)
_DELETE = str.maketrans({c: None for c in DELETED})
_REPLACE_RE = re.compile("[" + re.escape(SINGLE_QUOTES + DOUBLE_QUOTES + SPACES) + "]")


def _replace(text: str) -> str:
    # A regex finds the few characters to replace much faster than str.translate walks them all.
    return _REPLACE_RE.sub(lambda m: _REPLACE_MAP[m.group(0)], text)


@dataclass(frozen=True, eq=False)
class Normalized:
    """Normalised text and its map to the original.

    Attributes:
        text: the normalised text.
        original: the text it came from.
        starts, ends: ``None`` when the map is the identity; else int arrays with, for each
            character ``i`` of ``text``, the original span ``original[starts[i]:ends[i]]``.
    """

    text: str
    original: str
    starts: np.ndarray | None = None
    ends: np.ndarray | None = None

    @property
    def identity(self) -> bool:
        """True when every offset in ``text`` is the same offset in ``original``."""
        return self.starts is None

    def to_original(self, start: np.ndarray | int, end: np.ndarray | int) -> tuple[np.ndarray, np.ndarray]:
        """Map ``[start, end)`` spans of the normalised text to spans of the original text.

        Returns two int arrays (original start, original end), in characters.
        """
        s = np.asarray(start, dtype=np.int64)
        e = np.asarray(end, dtype=np.int64)
        if self.starts is None or self.ends is None:
            return s, e
        n = len(self.text)
        starts = np.append(self.starts, len(self.original))
        # An empty span maps to the original position of the next character.
        os_ = starts[np.clip(s, 0, n)]
        prev = np.clip(e - 1, 0, max(n - 1, 0))
        oe = np.where(e > s, self.ends[prev] if n else 0, os_)
        return os_, oe


@functools.cache
def _composes_with_previous() -> frozenset[str]:
    """Characters that NFC may merge into the character before them (NFC_Quick_Check=Maybe)."""
    chars: set[str] = {chr(c) for c in range(0x1161, 0x1176)} | {chr(c) for c in range(0x11A8, 0x11C3)}
    for cp in range(0x2FA1E):
        d = unicodedata.decomposition(chr(cp))
        if d and not d.startswith("<"):
            parts = d.split()
            if len(parts) == 2:
                chars.add(chr(int(parts[1], 16)))
    return frozenset(chars)


def _nfc_chunks(text: str) -> list[int]:
    """Start offsets of the segments that NFC normalises independently."""
    maybe = _composes_with_previous()
    combining = unicodedata.combining
    return [i for i, ch in enumerate(text) if i == 0 or (combining(ch) == 0 and ch not in maybe)]


def normalize(text: str) -> Normalized:
    """Normalise ``text`` (see the module docstring); returns a ``Normalized`` with the offset map."""
    has_deleted = any(c in text for c in DELETED)
    if not has_deleted and unicodedata.is_normalized("NFC", text):
        return Normalized(_replace(text), text)
    # 1. deletions, remembering where each kept character was
    if has_deleted:
        cps = np.frombuffer(text.encode("utf-32-le" if sys.byteorder == "little" else "utf-32-be"), dtype=np.uint32)
        keep = ~np.isin(cps, np.array([ord(c) for c in DELETED], dtype=np.uint32))
        kept_at = np.flatnonzero(keep)
        stage = text.translate(_DELETE)
    else:
        kept_at = np.arange(len(text))
        stage = text
    starts = kept_at
    ends = kept_at + 1
    # 2. NFC, chunk by chunk, so that each output character knows its chunk
    if not unicodedata.is_normalized("NFC", stage):
        bounds = [*_nfc_chunks(stage), len(stage)]
        pieces: list[str] = []
        new_starts: list[int] = []
        new_ends: list[int] = []
        for a, b in itertools.pairwise(bounds):
            piece = unicodedata.normalize("NFC", stage[a:b])
            pieces.append(piece)
            o_start, o_end = int(starts[a]), int(ends[b - 1])
            new_starts.extend([o_start] * len(piece))
            new_ends.extend([o_end] * len(piece))
        out = "".join(pieces)
        if out != unicodedata.normalize("NFC", stage):  # pragma: no cover - guard for odd scripts
            out = unicodedata.normalize("NFC", stage)
            new_starts = [0] * len(out)
            new_ends = [len(text)] * len(out)
        stage = out
        starts = np.asarray(new_starts, dtype=np.int64)
        ends = np.asarray(new_ends, dtype=np.int64)
    # 3. one-for-one replacements keep the map as it is
    return Normalized(_replace(stage), text, np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64))


def _normalizers() -> tuple[frozenset[str], dict[str, str]]:
    return frozenset(DELETED), _REPLACE_MAP


def normalize_text(text: str) -> str:
    """``normalize(text).text`` without the offset map: the same steps in the same order
    (deletions, NFC, one-for-one replacements), several times faster on long texts because only
    the characters present are visited; tests check they are equal."""
    if text.isascii():  # nothing to delete, replace or compose
        return text
    deleted, table = _normalizers()
    present = _non_ascii(text)
    for ch in present & deleted:
        text = text.replace(ch, "")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
        present = _non_ascii(text)
    for ch in present & table.keys():
        text = text.replace(ch, table[ch])
    return text


def _non_ascii(text: str) -> set[str]:
    """The distinct non-ASCII characters of ``text``."""
    return set(text.encode("utf-8").translate(None, _ASCII).decode("utf-8"))


_ASCII = bytes(range(128))
