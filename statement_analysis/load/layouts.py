"""The layouts a statement file can have: the EEAS export (header, teaser, body, footer) and plain
body text; paragraphs; where each paragraph sits in the text as given (``source_offsets``)."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import (
    LayoutError,
)
from ..statement import PARAGRAPH_SEPARATOR

_EEAS_HEADERS = ("Category", "Location", "Topics", "Editorial sections")
_ARCHIVED_BANNER = "THIS CONTENT HAS BEEN ARCHIVED"
_EEAS_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_BLANK_LINES = re.compile(r"\n[^\S\n]*(?:\n[^\S\n]*)+")


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


# --------------------------------------------------------------------------- plain text
#: Front matter: a YAML block between two lines of three dashes at the very top of a plain-text
#: statement, for the metadata a file cannot say otherwise (``title``, ``date``, and any other key).
_FRONT_MATTER = re.compile(r"\A---[^\S\n]*\n(.*?)\n---[^\S\n]*(?:\n|\Z)", re.S)
#: A first line read as a heading: one line, up to this many words and characters...
HEADING_MAX_WORDS = 25
HEADING_MAX_CHARS = 200
_HEADING_END = re.compile(r"[.;:,]\s*\Z")


def looks_like_heading(paragraph: str) -> bool:
    """Whether a plain-text statement's first paragraph is its heading rather than body text: one
    line of at most ``HEADING_MAX_WORDS`` words and ``HEADING_MAX_CHARS`` characters, starting
    with a capital letter, a digit or a quotation mark, and not ending like a sentence or a clause
    (``.``, ``;``, ``:``, ``,``). ``load_statement`` applies it only when another paragraph
    follows, and ``title_line=False`` turns it off."""
    p = paragraph.strip()
    if not p or "\n" in p or len(p) > HEADING_MAX_CHARS or len(p.split()) > HEADING_MAX_WORDS:
        return False
    if _HEADING_END.search(p):
        return False
    first = p[0]
    return first.isupper() or first.isdigit() or first in "\"'“‘«"


def split_front_matter(text: str, path: Path | None) -> tuple[dict[str, Any], int]:
    """The front matter of a plain-text statement (``{}`` when there is none) and where the body
    starts after it. Raises ``LayoutError`` naming the line for a block that is not a YAML
    mapping."""
    m = _FRONT_MATTER.match(text)
    if m is None:
        return {}, 0
    import yaml

    try:
        data = yaml.safe_load(m.group(1))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 2}: " if mark is not None else ""
        raise LayoutError(f"{where}the front matter (between the '---' lines) is not valid YAML", path=path) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise LayoutError("the front matter (between the '---' lines) must be 'key: value' lines", path=path)
    return {str(k).strip().lower(): v for k, v in data.items()}, m.end()
