"""The context rules that keep, drop or re-resolve a candidate (rules 2 to 7 of the package
docstring: common words, small places, homonyms, Washington/Georgia, people, roles).
"""

from __future__ import annotations

import functools
import re
from typing import Any

from .gazetteer import Gazetteer, _Rows, key_of
from .matcher import _Hit, _strip_possessive
from .wordlists import END_HEADS, FIRST_NAMES, LOCATIVE, PLACE_WORDS, START_HEADS, TITLES

SMALL_TOWN = 1_000_000  # cities below this population need support from the context (rule 2b)
_DC = re.compile(r",? ?D\.? ?C\.?(?![\w])")


_INITIAL_BEFORE = re.compile(r"(?<![\w.])[A-Z]\. \Z")


@functools.cache
def _stopwords() -> frozenset[str]:
    from ..tidy import stopwords

    return stopwords()


def _followed_by_region(text: str, end: int, iso3: str, g: Gazetteer) -> bool:
    """True when ", <its country or one of its country's provinces>" follows ("Mobile, Alabama")."""
    m = _REGION_AFTER.match(text, end)
    if m is None:
        return False
    words = m.group(1).split(" ")
    for j in range(len(words), 0, -1):
        for rid in g.exact.get(key_of(" ".join(words[:j])), ()):
            f = g.raw[rid]
            if f[2] == iso3 and f[1] in ("country", "admin1"):
                return True
    if iso3 != "USA":
        return False
    return words[0].rstrip(".") in _US_STATE_CODES or any(
        key_of(" ".join(words[:j])) in g.us_state for j in range(len(words), 0, -1)
    )


_REGION_AFTER = re.compile(r", ([A-Z][\w.']*(?: [A-Z][\w.']*){0,2})")
_US_STATE_CODES = frozenset(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR "
    "PA RI SC SD TN TX UT VT VA WA WV WI WY DC".split()
)


def _prev_word(text: str, pos: int) -> str:
    """The word (ASCII letters) before ``pos``, skipping spaces and one full stop ("Dr. X" → "Dr")."""
    seg = text[max(0, pos - 24) : pos].rstrip(" \n")
    if seg.endswith("."):
        seg = seg[:-1]
    m = _TAIL_WORD.search(seg)
    return m.group(0) if m else ""


_TAIL_WORD = re.compile(r"[A-Za-z]+\Z")


def _resolve(text: str, hits: list[_Hit], g: Gazetteer, sent_of: Any) -> list[tuple[_Hit, int, str]]:
    """Apply the context rules; returns (hit, chosen row id, role)."""
    rows = _Rows(g)
    raw = g.raw
    out: list[tuple[_Hit, int, str]] = []
    # what the document names, for the rules that ask whether the context supports a small place
    named_iso: set[str] = set()
    named_states: set[str] = set()
    for h in hits:
        r0 = raw[h.cands[0]]
        if r0[1] == "country":
            named_iso.add(r0[2])
        elif "us_state" in r0[10]:
            named_states.add(r0[9])

    def supported(rid: int, h: _Hit, prev: str) -> bool:
        f = raw[rid]
        if f[1] == "country" or f[1] == "region" or "us_state" in f[10] or "known" in f[10]:
            return True
        in_context = f[9] in named_states if f[2] == "USA" and f[9] else f[2] in named_iso
        if "common" in f[10]:  # rule 2
            return (prev in LOCATIVE and in_context) or _followed_by_region(text, h.end, f[2], g)
        small = f[1] == "city" and "capital" not in f[10] and int(f[6] or 0) < SMALL_TOWN
        if small or "iso3166_2" in f[10]:  # rule 2b
            return in_context or _followed_by_region(text, h.end, f[2], g)
        return True

    for h in hits:
        cands = h.cands
        key = key_of(text[h.start : h.end])
        # the word before matters only for towns, provinces and first names (rules 2 and 6)
        first_kind = raw[cands[0]][1]
        needs_prev = h.role == "name" and (first_kind in ("city", "admin1") or key in FIRST_NAMES or len(cands) > 1)
        prev = _prev_word(text, h.start) if needs_prev else ""
        if h.role == "name":
            kept = [c for c in cands if supported(c, h, prev)]
            if not kept:
                continue
            cands = tuple(kept)
        row = rows[cands[0]]
        kind = row[1]
        # rule 6: people
        if h.role == "name" and (kind in ("city", "admin1") or key in FIRST_NAMES):
            if prev in TITLES and not text[max(0, h.start - 4) : h.start].strip().endswith("of"):
                continue  # "Secretary Austin"
            if text[h.start - 2 : h.start] == ". " and _INITIAL_BEFORE.search(text, max(0, h.start - 4), h.start):
                continue  # "Michael D. Kennedy"
            words = h.run_words
            if kind != "country" and h.widx >= 1:
                pw = words[h.widx - 1][2]
                if (
                    pw[0].isupper()
                    and text[words[h.widx - 1][1] : h.start] == " "
                    and pw not in PLACE_WORDS
                    and pw not in START_HEADS
                    and pw not in TITLES
                    and pw.lower() not in _stopwords()
                    and key_of(_strip_possessive(pw)) not in g.demonyms
                    and not pw.isupper()
                ):
                    continue  # "Lloyd Austin", "John F. Kennedy"
            if h.wend < len(words):
                nxt = words[h.wend][2]
                if (
                    nxt[0].isupper()
                    and text[h.end : words[h.wend][0]] == " "
                    and nxt not in PLACE_WORDS
                    and nxt not in END_HEADS
                    and key_of(_strip_possessive(nxt)) not in g.demonyms
                    and not nxt.isupper()
                ):
                    continue  # "Victoria Nuland", "Chad Wolf"
        # Washington, D.C.
        rid = cands[0]
        if rows[rid][0] == "Washington, D.C.":
            m = _DC.match(text, h.end)
            if m:
                h.end = m.end()
        out.append((h, rid, h.role))
    # rule 4: Washington / Georgia in US company
    us_sents: dict[int, set[str]] = {}
    for h, rid, _ in out:
        r = rows[rid]
        if r[2] == "USA" and r[1] in ("admin1", "city") and r[0] != "Washington, D.C.":
            us_sents.setdefault(sent_of(h.start), set()).add(r[0])
    final = []
    for h, rid, role in out:
        r = rows[rid]
        name = r[0]
        if role == "name" and (name == "Washington, D.C." or (name == "Georgia" and r[1] == "country")):
            surface_key = key_of(text[h.start : h.end])
            if surface_key in ("washington", "georgia"):
                others = us_sents.get(sent_of(h.start), set()) - {"Washington", "Georgia"}
                if others:
                    rid = g.us_state.get(surface_key, rid)
        # rule 7: in_name
        if role == "name":
            words = h.run_words
            before = words[: h.widx]
            starts = [k for k, (_, _, w) in enumerate(before) if w in START_HEADS]
            if (
                starts
                and all(
                    w[0].isupper() or w in ("of", "on", "for", "the", "and", "in", "de")
                    for _, _, w in before[starts[0] :]
                )
            ) or (h.widx >= 1 and before[-1][2] == "State" and h.widx >= 2 and before[-2][2] == "Islamic"):
                role = "in_name"
            else:
                k = h.wend
                while k < len(words) and words[k][2][0].isupper():
                    if words[k][2] in END_HEADS:
                        role = "in_name"
                        break
                    k += 1
        final.append((h, rid, role))
    return final
