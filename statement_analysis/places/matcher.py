"""Finding candidate place names in normalised text: runs of capitalised words, and inside each
run the longest sequence of words whose key is in the gazetteer (with acronyms, demonyms and
Arabic articles). No context rule is applied here (see ``rules``).

Speed: a corpus repeats the same runs ("We", "President Biden", "the United States and"), so
each distinct run is matched once per call and its matches are kept as templates (``_Tpl``);
every occurrence of the run is then a light ``_Hit`` pointing at its template. The rules store
what depends only on the run's words (a person's first name before the place, the words after
it) on the template, so that is computed once too (``Memo`` holds these caches for one call).
"""

from __future__ import annotations

import re
from typing import Any

from .gazetteer import _ARTICLES, Gazetteer, _Rows, key_of, loose_key
from .wordlists import DIRECTIONS

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
# "St. Louis", "Ste. Anne", "Mt. Kenya", "Ft. Worth" (and "ST. LOUIS" in a dateline): the
# abbreviation's full stop stays inside the run
_ABBR_DOT = (
    r"(?:\.(?:(?<=\bSt\.)|(?<=\bMt\.)|(?<=\bFt\.)|(?<=\bSte\.)|(?<=\bST\.)|(?<=\bMT\.)|(?<=\bFT\.)|(?<=\bSTE\.))"
    rf"(?= [{_UP}]))?"
)
RUN_RE = re.compile(rf"{_CAPW}{_ABBR_DOT}(?: (?:{_CONN} )*(?:d')?{_CAPW}{_ABBR_DOT})*\.?")
# "al-Bab", "ar-Raqqa", "al Bab" (with a space only al/el: "an Iraq free of..." is English)
_ARTICLE_BEFORE = re.compile(r"(?:(?:al|el|ar|as|ad|an|at|ash|az|ath|Al|El|Ar|As|Ad|An|At|Ash|Az|Ath)-|(?:al|el) )\Z")
# what _ARTICLE_BEFORE can match (a quick test before the search)
_ARTICLES_CASED = "al el ar as ad an at ash az ath Al El Ar As Ad An At Ash Az Ath".split()
_ARTICLE_ENDINGS = (*(f"{a}-" for a in _ARTICLES_CASED), "al ", "el ")
WORD_RE = re.compile(r"(?:[A-Z]\.){2,}|[^\W_]+(?:'[^\W_]+)*")

# What may stand around a run of capitalised words that rule 13 (``unlisted``) calls a place: a
# type word after it ("the Gondra district", "Abu Shok refugee camp"), "of", "called" or "named"
# before it ("the village of Kampungu"), an apposition after it ("Mabvuku, a suburb"), a fort.
# A quick test per run, so that the full reading of the cues runs only on texts that have one.
CUE_TYPE_WORDS = (
    "village", "villages", "district", "districts", "township", "townships", "area", "slum", "slums",
    "refugee camp", "county", "province", "provinces", "region", "municipality", "suburb",
)  # fmt: skip
CUE_AFTER_RUN = (*(f" {w}" for w in CUE_TYPE_WORDS), ", a ", ", an ")
CUE_BEFORE_RUN = tuple(
    f" {noun} {verb} "
    for noun in (
        "village villages town towns township townships hamlet hamlets community communities suburb suburbs "
        "municipality municipalities city cities district districts province provinces neighborhood "
        "neighbourhood neighborhoods neighbourhoods island islands region regions"
    ).split()
    for verb in ("of", "called", "named")
)
CUE_RUNS = ("Fort ", "Ft. ")
_OF_CALLED_NAMED = (" of ", " called ", " named ")  # a quick test before the 84 of CUE_BEFORE_RUN

Word = tuple[int, int, str]  # start, end (in the run), the word
_OPENERS = frozenset("across in from to between throughout for with within into".split())  # "Across East and ..."


class _Tpl:
    """One name found in a distinct run: where it is in the run, its candidate rows and role,
    which words of the run it spans, and its key; ``facts`` is filled by ``rules`` the first
    time a hit of this template is resolved (what depends only on the run's words)."""

    __slots__ = ("a", "cands", "end", "facts", "i", "j", "key", "role", "shared", "words")

    def __init__(
        self, a: int, end: int, cands: tuple[int, ...], role: str, i: int, j: int, words: list[Word], key: str
    ) -> None:
        self.a, self.end, self.cands, self.role, self.i, self.j = a, end, cands, role, i, j
        self.words, self.key = words, key
        self.facts: Any = None
        self.shared = False  # a direction word sharing the name after "and" ("North and South Korea")


class _Hit:
    """One occurrence of a name in a document: ``start``, ``end`` (offsets into the text),
    ``cands`` (row ids, best first), ``role``, ``run_start`` (where its run starts: the
    template's word offsets are relative to it), ``tpl`` and ``key`` (``key_of`` of the surface)."""

    __slots__ = ("cands", "end", "key", "role", "run_start", "start", "tpl")

    def __init__(self, start: int, end: int, tpl: _Tpl, run_start: int, key: str) -> None:
        self.start, self.end, self.tpl, self.run_start, self.key = start, end, tpl, run_start, key
        self.cands, self.role = tpl.cands, tpl.role

    @property
    def widx(self) -> int:
        """Index of the first word of the name in its run's words."""
        return self.tpl.i

    @property
    def wend(self) -> int:
        """Index after its last word (len(words) + 1 for a peeked lower-case word)."""
        return self.tpl.j

    @property
    def run_words(self) -> list[Word]:
        """The run's words with offsets into the text."""
        rs = self.run_start
        return [(a + rs, b + rs, w) for a, b, w in self.tpl.words]


def _standalone_tpl(start: int, end: int, cands: tuple[int, ...], key: str) -> _Tpl:
    """A template for a mention found outside a run (a state abbreviation after a town)."""
    return _Tpl(start, end, cands, "name", 0, 0, [], key)


class Memo:
    """Caches for one ``mentions`` call: matched runs, words, qualifiers, parsed rows."""

    __slots__ = ("cues", "dotted", "ext", "g", "info", "quals", "rows", "runs", "words", "wstart")

    def __init__(self, g: Gazetteer) -> None:
        self.g = g
        self.runs: dict[str, tuple[list[Word], list[_Tpl], bool]] = {}
        self.ext: dict[tuple[str, str], tuple[list[Word], list[_Tpl], bool]] = {}
        self.words: dict[str, tuple[str, str]] = {}  # word → (without possessive, its key)
        self.wstart: dict[str, bool] = {}  # word → may it start a name (``_may_match``)
        self.quals: dict[Any, Any] = {}
        self.info: dict[int, tuple[Any, ...]] = {}  # row id → what ``evidence.choose`` reads of it
        self.rows = _Rows(g)
        self.dotted = tuple(a for a in g.acronyms if "." in a)
        # the runs of the last text ``_find`` read that have a cue of rule 13 beside them (``unlisted``)
        self.cues: list[tuple[int, int]] = []


def _strip_possessive(w: str) -> str:
    if w.endswith(("'s", "'S")):
        return w[:-2]
    if w.endswith("'"):
        return w[:-1]
    return w


def _word(w: str, memo: Memo) -> tuple[str, str]:
    """``(w without a possessive, its key)``, memoised."""
    r = memo.words.get(w)
    if r is None:
        core = _strip_possessive(w)
        r = memo.words[w] = (core, key_of(core))
    return r


def _match_run(rtext: str, ext: str | None, g: Gazetteer, memo: Memo) -> tuple[list[Word], list[_Tpl], bool]:
    """Words of one run (offsets relative to the run), the names found in it (as templates),
    and whether the lower-case word after the run could complete a name.

    ``ext`` is that lower-case word ("Lake Chad basin", "Washington state"), or None.
    """
    exact, loose, dem, acr, first, prefixes = g.exact, g.loose, g.demonyms, g.acronyms, g.first_words, g.ext_prefixes
    words = _split(rtext)
    n = len(words)
    wget = memo.words.get
    info = [wget(w) or _word(w, memo) for _, _, w in words]
    keys = [k for _, k in info]
    full = rtext if ext is None else rtext + " " + ext
    found_all: list[_Tpl] = []
    wants_ext = False
    i = 0
    while i < n:
        a, _, w = words[i]
        if not w[0].isupper():
            i += 1
            continue
        core = info[i][0]
        if core in acr:  # acronyms: exactly as written, one word
            end = a + len(core)
            found_all.append(_Tpl(a, end, (acr[core],), "name", i, i + 1, words, key_of(full[a:end])))
            i += 1
            continue
        if (
            keys[i] in DIRECTIONS
            and i + 3 < n
            and words[i + 1][2] == "and"
            and (i == 0 or words[i - 1][2] == "and" or (i == 1 and keys[0] in _OPENERS))
        ):
            # "North and South Korea", "Central and Eastern Europe": the first direction word
            # shares the name of the second ("North Korea"), where that is a place
            for j in range(min(n, i + 6), i + 3, -1):
                k = keys[i] + " " + " ".join(keys[i + 3 : j])
                c = exact.get(k)
                if c:
                    t = _Tpl(a, a + len(core), tuple(c), "name", i, i + 1, words, k)
                    t.shared = True  # not after "the" ("the West and South Africa"): see _find
                    found_all.append(t)
                    break
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
                found = (j, c, role, last[0] + len(info[j - 1][0]))
                break
        if found is None:
            i += 1
            continue
        j, c, role, end = found
        surface = full[a:end]
        if surface.isupper() and len(surface.replace(".", "").replace(" ", "")) < 4:
            i += 1  # short all-capital words are acronyms or nothing
            continue
        found_all.append(_Tpl(a, end, tuple(c), role, i, j, words, key_of(surface)))
        i = j
    return words, found_all, wants_ext


def _plain(rtext: str) -> str | None:
    """The run without a final full stop when it holds only letters and single spaces (most runs
    do), else None. The words of such a run are its space-separated pieces, for ``WORD_RE`` and
    ``_SPLIT_WORDS`` alike, so they can be had without a regular expression."""
    body = rtext[:-1] if rtext.endswith(".") else rtext
    return body if body.replace(" ", "").isalpha() and "  " not in body else None


def _split(rtext: str) -> list[Word]:
    """The words of a run (``WORD_RE``) with their offsets in it."""
    body = _plain(rtext)
    if body is None:
        return [(m.start(), m.end(), m.group(0)) for m in WORD_RE.finditer(rtext)]
    if " " not in body:
        return [(0, len(body), body)]
    out = []
    p = 0
    for w in body.split(" "):
        q = p + len(w)
        out.append((p, q, w))
        p = q + 1
    return out


_NO_MATCH: tuple[list[Any], list[Any], bool] = ([], [], False)
_SPLIT_WORDS = re.compile(r"[^\W_]+(?:'[^\W_]+)*").findall  # the words of WORD_RE


_LOWER_WORD = re.compile(r"[a-z][a-z-]{0,29}")


def _lower_word(text: str, i: int) -> str:
    """The lower-case ASCII word (letters, then letters and hyphens; at most 30 characters)
    starting at ``i``, or ""."""
    m = _LOWER_WORD.match(text, i)
    return m.group() if m is not None else ""


def _may_match(rtext: str, g: Gazetteer, memo: Memo) -> bool:
    """Cheap test before ``_match_run``: does any word of the run start a name or an acronym?"""
    seen = memo.wstart
    body = _plain(rtext)
    for w in _SPLIT_WORDS(rtext) if body is None else body.split(" "):
        hit = seen.get(w)
        if hit is None:
            core = _strip_possessive(w)
            hit = seen[w] = (w[0].isupper() or w.lower() in _ARTICLES or w[1:2] == "'") and (
                key_of(core) in g.first_words or w in g.acronyms or core in g.acronyms
            )
        if hit:
            return True
    return "." in rtext and any(a in rtext for a in memo.dotted)


def _find(text: str, g: Gazetteer, memo: Memo) -> list[_Hit]:
    """All raw matches in ``text`` (no context rules yet), in text order."""
    hits: list[_Hit] = []
    runs, exts, ext_words = memo.runs, memo.ext, g.ext_words
    find = text.find
    pos = 0
    cues: list[tuple[int, int]] = []
    for rtext in RUN_RE.findall(text):
        rs = find(rtext, pos)  # runs do not overlap and come in order: the next occurrence is this one
        pos = rs + len(rtext)
        if (
            text.startswith(CUE_AFTER_RUN, pos)
            or (text.endswith(_OF_CALLED_NAMED, 0, rs) and text.endswith(CUE_BEFORE_RUN, 0, rs))
            or rtext.startswith(CUE_RUNS)
        ):
            cues.append((rs, pos))  # rule 13 reads around this run (``unlisted.cued``)
        res = runs.get(rtext)
        if res is None:
            res = runs[rtext] = _match_run(rtext, None, g, memo) if _may_match(rtext, g, memo) else _NO_MATCH
        if res[2] and text.startswith(" ", pos):  # the next lower-case word may complete a name
            nw = _lower_word(text, pos + 1)
            if nw in ext_words:
                ck = (rtext, nw)
                r2 = exts.get(ck)
                res = r2 if r2 is not None else exts.setdefault(ck, _match_run(rtext, nw, g, memo))
        tpls = res[1]
        if not tpls:
            continue
        if rs > 0 and (text[rs - 1].isalnum() or text[rs - 1] in "'_"):
            continue  # inside a word ("iPhone")
        for t in tpls:
            if t.shared and t.i == 0 and text.endswith(("the ", "The "), max(0, rs - 4), rs):
                continue  # "the West and South Africa": the West, a noun
            start = t.a + rs
            if t.i == 0 and start >= 3 and text.endswith(_ARTICLE_ENDINGS, max(0, start - 4), start):
                art = _ARTICLE_BEFORE.search(text, max(0, start - 4), start)
                if art is not None and (art.start() == 0 or not text[art.start() - 1].isalnum()):
                    start = art.start()  # "al-Bab": the article belongs to the name
                    end = t.end + rs
                    hits.append(_Hit(start, end, t, rs, key_of(text[start:end])))
                    continue
            hits.append(_Hit(start, t.end + rs, t, rs, t.key))
    memo.cues = cues
    return hits
