"""Counties named in a list that ends in "counties" ("Becker, Clay and Otter Tail counties",
"Butler, Clark, Hamilton, Madison, Montgomery, Preble or Warren counties") or follows "counties
of" ("the counties of Bristol, Norfolk, Plymouth, and Suffolk"): rule 11 of the package
docstring.

Each item of such a list is a county: "<item> County" is looked up among the gazetteer's
counties (kind ``admin2``), and the list is placed in the one state where most of its items are
counties (at least two of them, and strictly more than in any other state; a tie is settled by a
state the document names elsewhere, else the list is left alone). Items that are not counties of
that state are left to the other rules.

What is not here: single "X County" names (the matcher finds them), counties of other countries.
"""

from __future__ import annotations

import re

from .gazetteer import Gazetteer, key_of

_COUNTIES = re.compile(r" [Cc]ounties\b")
_COUNTIES_OF = re.compile(r"\b[Cc]ounties of ")
# an item after "counties of": capitalised words up to a separator
_ITEM_AFTER = re.compile(r"[A-Z][\w'.-]*(?: [A-Z][\w'.-]*){0,2}")
_SEP_AFTER = re.compile(r",? (?:and|or) |, ")
# an item: up to three capitalised words, ending where the separator or "counties" begins
_ITEM_BEFORE = re.compile(r"([A-Z][\w'.-]*(?: [A-Z][\w'.-]*){0,2})\Z")
_SEP_BEFORE = re.compile(r"(?:,? (?:and|or) |, )\Z")


def county_lists(text: str, g: Gazetteer, named_admin1: set[str]) -> list[tuple[int, int, int]]:
    """``(start, end, county row id)`` for every county item of every list in ``text``, in
    text order; ``named_admin1`` (division codes the document names) settles ties."""
    if "ounties" not in text:
        return []
    out: list[tuple[int, int, int]] = []
    for m in _COUNTIES.finditer(text):
        items = _items(text, m.start())
        if len(items) >= 2:
            out.extend(_place(text, items, g, named_admin1))
    for m in _COUNTIES_OF.finditer(text):  # "the counties of Bristol, Norfolk, Plymouth, and Suffolk"
        items = _items_after(text, m.end())
        if len(items) >= 2:
            out.extend(_place(text, items, g, named_admin1))
    return sorted(set(out))


def _items_after(text: str, pos: int) -> list[tuple[int, int]]:
    """Spans of the list items from ``pos`` on, first first."""
    items = []
    while True:
        it = _ITEM_AFTER.match(text, pos)
        if it is None:
            break
        items.append((it.start(), it.end()))
        sep = _SEP_AFTER.match(text, it.end())
        if sep is None:
            break
        pos = sep.end()
    return items


def _items(text: str, end: int) -> list[tuple[int, int]]:
    """Spans of the list items before ``end``, last first."""
    items = []
    pos = end
    while True:
        it = _ITEM_BEFORE.search(text, max(0, pos - 60), pos)
        if it is None:
            break
        items.append((it.start(1), it.end(1)))
        sep = _SEP_BEFORE.search(text, max(0, it.start(1) - 6), it.start(1))
        if sep is None:
            break
        pos = sep.start()
    return items


def _counties_of(text: str, a: int, b: int, g: Gazetteer) -> list[tuple[int, int, str]]:
    """(start of the words, row id, state) of the counties named by the item ``text[a:b]`` or by
    its last words ("In Butler" → Butler County), longest first."""
    words = [(w.start() + a, w.group()) for w in re.finditer(r"\S+", text[a:b])]
    out = []
    for i in range(len(words)):
        start = words[i][0]
        for rid in g.exact.get(key_of(text[start:b]) + " county", ()):
            f = g.raw[rid]
            if f[1] == "admin2" and f[9]:
                out.append((start, rid, f[9]))
        if out:
            break
    return out


def _place(text: str, items: list[tuple[int, int]], g: Gazetteer, named_admin1: set[str]) -> list[tuple[int, int, int]]:
    """The items of one list as counties of the state most of them share (see the module)."""
    found = [(a, b, _counties_of(text, a, b, g)) for a, b in items]
    votes: dict[str, int] = {}
    for _, _, cs in found:
        for st in {c[2] for c in cs}:
            votes[st] = votes.get(st, 0) + 1
    if not votes:
        return []
    top = max(votes.values())
    best = sorted(st for st, v in votes.items() if v == top)
    if len(best) > 1:
        best = [st for st in best if st in named_admin1]
    if top < 2 or len(best) != 1:
        return []
    out = []
    for _, b, cs in found:
        for start, rid, st in cs:
            if st == best[0]:
                out.append((start, b, rid))
                break
    return out
