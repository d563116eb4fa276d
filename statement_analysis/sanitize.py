"""Text that leaves the package safely: to a terminal, to a spreadsheet, to a JSON reader, to an
archive.

* ``terminal_text(s)``: ``s`` with escape sequences removed and every other control character
  shown as ``\\xNN`` / ``\\uNNNN``, so that a statement's title cannot set the window title, write
  to the clipboard (OSC 52) or recolour the terminal, and right-to-left overrides cannot reorder
  what is shown.
* ``neutralise_formulas(df)``: text cells that a spreadsheet would read as a formula (they start
  with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return: the OWASP "CSV injection" rule)
  get a leading apostrophe; numbers are left alone.
* ``json_text(data)``: strict JSON (no ``NaN``/``Infinity``: missing values must already be
  ``None``) with control and bidirectional characters escaped.
* ``scrub_paths(text, prefixes)``: known absolute folders of the build machine replaced by a
  neutral name, for report pages.

What is not here: HTML escaping (Jinja2 and nbconvert do it) and the Content-Security-Policy of
the pages (``templates/offline``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

#: ANSI/VT escape sequences: CSI (colours, cursor), OSC (window title, clipboard, hyperlinks),
#: DCS/SOS/PM/APC strings, and the two-character ESC sequences.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI ... final byte
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
    r"|[\x1b][\]PX^_].*?(?:\x07|\x1b\\|\x9c|$)"  # OSC, DCS, SOS, PM, APC ... terminator
    r"|[\x9d\x90\x98\x9e\x9f].*?(?:\x07|\x1b\\|\x9c|$)"  # their 8-bit forms
    r"|\x1b[ -/]*[0-~]?",  # any other ESC sequence (or a lone ESC)
    re.DOTALL,
)
#: characters never written raw to a terminal: C0 controls but tab and newline, DEL, C1 controls,
#: and the bidirectional embeddings, overrides and isolates
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: the same set for JSON (where tab and newline are escaped by json.dumps already)
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
#: first characters that make a spreadsheet read a cell as a formula (OWASP CSV injection)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _escape(m: re.Match[str]) -> str:
    c = ord(m.group(0))
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def terminal_text(s: object, *, one_line: bool = False) -> str:
    """``str(s)`` safe to print: escape sequences removed, other control characters (and, with
    ``one_line``, line breaks) shown as ``\\xNN``."""
    text = _ESCAPES.sub("", str(s))
    text = _UNSAFE.sub(_escape, text)
    if one_line:
        text = text.replace("\n", "\\n").replace("\t", " ")
    return text


def strip_escapes(s: str) -> str:
    """``s`` without terminal escape sequences (colours of a captured traceback, for example)."""
    return _ESCAPES.sub("", s)


def neutralise_formula(value: Any) -> Any:
    """A text that a spreadsheet would run as a formula, with ``'`` in front; anything else as is."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def neutralise_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` in which every text cell starting with ``= + - @``, a tab or a carriage
    return starts with an apostrophe (shown as text by Excel, LibreOffice and Google Sheets).
    Numeric, boolean and date columns are not touched."""
    import pandas as pd

    out = df.copy()
    for col in out.columns:
        s = out[col]
        if pd.api.types.is_object_dtype(s.dtype) or pd.api.types.is_string_dtype(s.dtype):
            text = s.astype("string")
            risky = text.str.startswith(FORMULA_START).fillna(False).to_numpy(dtype=bool)
            if risky.any():
                s = s.astype(object).copy()
                s[risky] = "'" + text[risky].astype(object)
                out[col] = s
    return out


def json_text(data: Any, *, indent: int | None = 2) -> str:
    """``data`` as strict JSON text (``NaN`` and infinities refused: pass ``None``), UTF-8 kept
    readable, control and bidirectional characters escaped as ``\\uNNNN``."""
    text = json.dumps(data, ensure_ascii=False, indent=indent, allow_nan=False)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def json_safe(value: Any) -> Any:
    """``value`` with every float NaN or infinity (also inside lists and dicts) made ``None``."""
    if isinstance(value, float):
        return value if value == value and value not in (float("inf"), float("-inf")) else None
    if isinstance(value, dict):
        return {k: json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    return value


def scrub_paths(text: str, prefixes: Iterable[tuple[str, str]]) -> str:
    """``text`` with each absolute folder of ``prefixes`` (``(folder, shown_as)`` pairs, longest
    first is best) replaced by ``shown_as``."""
    for folder, shown in prefixes:
        if folder and folder in text:
            text = text.replace(folder, shown)
    return text
