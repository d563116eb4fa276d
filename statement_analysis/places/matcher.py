"""Finding candidate place names in normalised text: runs of capitalised words, and inside each
run the longest sequence of words whose key is in the gazetteer (with acronyms, demonyms and
Arabic articles). No context rule is applied here (see ``rules``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .gazetteer import _ARTICLES, Gazetteer, key_of, loose_key

# ---------------------------------------------------------------------------------------------
# matching

# A run: capitalised words, with small connectors between them. The pattern starts with a plain
# character class so that the regular expression engine can skip quickly to the next capital
# (a look-behind here makes the scan four times slower); word boundaries are checked per match.
_UP = "A-ZÀ-ÖØ-ÞĀ-ſ"
_CONN = (
    r"(?:of|the|and|de|du|del|da|do|dos|das|des|la|le|al|el|es|on|for|upon|y|et|i|d'"
    r"|van|von|der|den|am|sur|les|los|las)"
)
_CAPW = rf"[{_UP}](?:\.[A-Z])*[\w'-]*"
RUN_RE = re.compile(rf"{_CAPW}(?: (?:{_CONN} )*(?:d')?{_CAPW})*\.?")
# "al-Bab", "ar-Raqqa", "al Bab" (with a space only al/el: "an Iraq free of..." is English)
_ARTICLE_BEFORE = re.compile(r"(?:(?:al|el|ar|as|ad|an|at|ash|az|ath|Al|El|Ar|As|Ad|An|At|Ash|Az|Ath)-|(?:al|el) )\Z")
WORD_RE = re.compile(r"(?:[A-Z]\.){2,}|[^\W_]+(?:'[^\W_]+)*")


@dataclass
class _Hit:
    start: int
    end: int
    cands: tuple[int, ...]
    role: str
    run_start: int
    run_words: list[tuple[int, int, str]]
    widx: int  # index of the first word in run_words
    wend: int  # index after the last word in run_words (may be len(run_words) + 1 for a peeked word)


def _strip_possessive(w: str) -> str:
    if w.endswith(("'s", "'S")):
        return w[:-2]
    if w.endswith("'"):
        return w[:-1]
    return w


_RunMatch = tuple[int, int, tuple[int, ...], str, int, int]


def _match_run(rtext: str, ext: str | None, g: Gazetteer) -> tuple[list[tuple[int, int, str]], list[_RunMatch], bool]:
    """Words of one run (offsets relative to the run), the names found in it, and whether the
    lower-case word after the run could complete a name.

    ``ext`` is that lower-case word ("Lake Chad basin", "Washington state"), or None. Each match
    is (start, end, row ids, role, first word index, index after the last word).
    """
    exact, loose, dem, acr, first, prefixes = g.exact, g.loose, g.demonyms, g.acronyms, g.first_words, g.ext_prefixes
    words = [(m.start(), m.end(), m.group(0)) for m in WORD_RE.finditer(rtext)]
    n = len(words)
    keys = [key_of(_strip_possessive(w)) for _, _, w in words]
    found_all: list[_RunMatch] = []
    wants_ext = False
    i = 0
    while i < n:
        a, _, w = words[i]
        if not w[0].isupper():
            i += 1
            continue
        core = _strip_possessive(w)
        if core in acr:  # acronyms: exactly as written, one word
            found_all.append((a, a + len(core), (acr[core],), "name", i, i + 1))
            i += 1
            continue
        span = first.get(keys[i])
        if span is None:
            i += 1
            continue
        found = None
        for j in range(min(n, i + span), i, -1):
            lw = words[j - 1][2]
            if j - 1 > i and not (lw[0].isupper() or lw[2:3].isupper()):
                continue  # a name does not end on a connector (but may on "d'Ivoire")
            k = " ".join(keys[i:j]) if j > i + 1 else keys[i]
            if j == n and k in prefixes:
                wants_ext = True
                if ext is not None:
                    c = exact.get(k + " " + ext)
                    if c:
                        found = (j + 1, c, "name", len(rtext) + 1 + len(ext))
                        break
            c = exact.get(k)
            role = "name"
            if c is None:
                d = dem.get(k)
                if d is not None:
                    c, role = [d], "demonym"
            if c is None:
                lk = loose_key(k) if k.endswith("ah") or k.partition(" ")[0] in _ARTICLES else k
                c1, c2 = loose.get(lk), exact.get(lk)
                c = sorted({*c1, *c2}) if c1 and c2 else (c1 or c2)  # row ids are in order of preference
            if c:
                last = words[j - 1]
                found = (j, c, role, last[0] + len(_strip_possessive(last[2])))
                break
        if found is None:
            i += 1
            continue
        j, c, role, end = found
        surface = rtext[a:end]
        if surface.isupper() and len(surface.replace(".", "").replace(" ", "")) < 4:
            i += 1  # short all-capital words are acronyms or nothing
            continue
        found_all.append((a, end, tuple(c), role, i, j))
        i = j
    return words, found_all, wants_ext


_NO_MATCH: tuple[list[Any], list[Any], bool] = ([], [], False)
_SPLIT_WORDS = re.compile(r"[^\W_]+(?:'[^\W_]+)*").findall  # the words of WORD_RE


def _in_word(text: str, i: int) -> bool:
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] in "'_")


def _lower_word(text: str, i: int) -> str:
    """The lower-case ASCII word (letters and hyphens) starting at ``i``, or ""."""
    j = i
    n = min(len(text), i + 30)
    while j < n and ("a" <= text[j] <= "z" or (text[j] == "-" and j > i)):
        j += 1
    return text[i:j]


def _may_match(rtext: str, g: Gazetteer, cache: dict[Any, Any]) -> bool:
    """Cheap test before ``_match_run``: does any word of the run start a name or an acronym?"""
    first, acr = g.first_words, g.acronyms
    for w in _SPLIT_WORDS(rtext):
        hit = cache.get((w,))
        if hit is None:
            hit = cache[(w,)] = (w[0].isupper() or w.lower() in _ARTICLES or w[1:2] == "'") and (
                key_of(_strip_possessive(w)) in first or w in acr or _strip_possessive(w) in acr
            )
        if hit:
            return True
    return "." in rtext and any(a in rtext for a in acr if "." in a)


def _find(text: str, g: Gazetteer, cache: dict[Any, Any]) -> list[_Hit]:
    """All raw matches in ``text`` (no context rules yet). ``cache`` memoises runs: most runs
    ("We", "The", "President Biden") recur, so each distinct run is matched once."""
    hits: list[_Hit] = []
    find = text.find
    pos = 0
    for rtext in RUN_RE.findall(text):
        rs = find(rtext, pos)  # runs do not overlap and come in order: the next occurrence is this one
        pos = rs + len(rtext)
        res = cache.get(rtext)
        if res is None:
            res = cache[rtext] = _match_run(rtext, None, g) if _may_match(rtext, g, cache) else _NO_MATCH
        if res[2] and text.startswith(" ", pos):  # the next lower-case word may complete a name
            nw = _lower_word(text, pos + 1)
            if nw in g.ext_words:
                ck = (rtext, nw)
                res = cache.get(ck) or cache.setdefault(ck, _match_run(rtext, nw, g))
        if not res[1]:
            continue
        if rs > 0 and _in_word(text, rs - 1):
            continue  # inside a word ("iPhone")
        words = [(a + rs, b + rs, w) for a, b, w in res[0]]
        for a, end, c, role, i, j in res[1]:
            start = a + rs
            if i == 0 and start >= 3 and text[start - 1] in "- ":
                art = _ARTICLE_BEFORE.search(text, max(0, start - 4), start)
                if art is not None and (art.start() == 0 or not text[art.start() - 1].isalnum()):
                    start = art.start()  # "al-Bab": the article belongs to the name
            hits.append(_Hit(start, end + rs, c, role, rs, words, i, j))
    return hits
