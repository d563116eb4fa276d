"""Rule 13: places the gazetteer does not list, named as places by the words around them.

A village, a district or a camp that no gazetteer table has is still a place when the text says
so: "the village of Kampungu", "the villages of Bumbacari and Dudescu", "a town called Låsby",
"the Gondra district of Uttar Pradesh", "the Etoumbi and Mbomo districts", "Abu Shok refugee
camp", "Fort Detrick". Such a name is a mention of kind ``locality``: its place is the name as
written, its country that of a place the same sentence links to it ("the village of Ciocile in
the Romanian county of Brăila"), else of the nearest place before it in the sentence, else the
country the document names most, and it has no point and no GeoNames id. The cues, and what they
do not take, are listed under rule 13 of ``help(statement_analysis.places)``. The document's
other occurrences of the same name count too ("The village of Kampungu has been quarantined ...
the isolation ward at Kampungu's health centre"; evidence ``document``); the cued one has
evidence ``trigger``.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import re
from collections import Counter
from typing import Any

from .gazetteer import key_of, load_gazetteer
from .heads import END_HEADS, START_HEADS
from .matcher import CUE_BEFORE_RUN, CUE_TYPE_WORDS
from .wordlists import COMPASS_WORDS, DATE_WORDS, TITLES

# A word of a name: capitalised, with at least one lower-case letter (no acronym), apostrophes
# and hyphens inside ("O'Leary", "Ceamurlia"); small connectors of place names between words
# ("Ceamurlia de Jos", "Mukuru kwa Njenga").
# Upper-case letters: ASCII and those of the Latin supplements ("Ždanice", "Łęczna", "Şırnak").
_UPPER = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.isupper())
_W = rf"[{_UPPER}]\w*(?:(?:-|['’](?![sS]\b))\w+)*"
_CONNECTORS = ("de", "del", "la", "le", "kwa", "al", "el", "am", "sur", "upon")
_NAME = rf"{_W}(?:(?: (?:{'|'.join(_CONNECTORS)}))? {_W})*"
# one name, or a list that ends in "and" or "or": "Bumbacari and Dudescu", "Howland, Baker,
# Jarvis, Enderbury, and Canton" (not "Tuba City, Arizona, Ginger Sykes Torres is")
_NAMES = rf"{_NAME}(?:(?:, {_NAME})*,? (?:and|or) {_NAME})?"
# "the village of X", "villages of X, Y and Z", "a town called X", "the small town of X": the
# noun before " of " (or "called", "named") and a capitalised word after it. Not "settlement",
# which is also a court's ("the settlement of Lane v. Brown").
_CUE_NOUNS = frozenset(w.split()[0] for w in CUE_BEFORE_RUN)  # the matcher's quick test has the list
# "in the X district", "the X and Y districts", "X refugee camp", "in Kisima area": the type word
# right after a run of capitalised words, then the name before it
_TYPE_AT = re.compile(rf" (?:{'|'.join(sorted(CUE_TYPE_WORDS, key=len, reverse=True))})\b")
# "Mabvuku, a suburb located east of Harare", "Kogelo, a village in western Kenya": a name, then
# a type noun in apposition followed by words that place it (not "Smith, a town official")
_APPOSITION_RX = re.compile(
    r", an? (?:small |tiny |remote |rural |coastal |farming |fishing |mining |border |nearby )?"
    r"(village|town|suburb|township|hamlet|municipality|district|neighbou?rhood)"
    r"(?= (?:located|situated|in|of|near|outside|east|west|north|south|northeast|northwest|southeast|southwest|"
    r"on|about|some|just|where|which|that|with|known|home|close)\b|[,.;])"
)
_NAME_END_RX = re.compile(rf"(?<![\w'’.-])({_NAME})$")
_NAMES_RX = re.compile(_NAMES)
# the word before the name: an article or preposition ("The Gondra district" opens a sentence);
# the name itself is then matched whole, from there to the type word
_BEFORE_TYPE_RX = re.compile(rf"\b([Tt]he|[Ii]n|of|at|from|near) (?=[{_UPPER}])")
# "Fort Detrick", "Ft. Hood": a fort named by one word, not the head of a longer name
_FORT_RX = re.compile(r"\b(?:Fort|Ft\.) (?:Mc|Mac|De|La)?[A-Z][a-z]+\b(?! [A-Z])")
_ITEM_RX = re.compile(_NAME)
_CONNECTOR_BEFORE = re.compile(rf"[ -](?:{'|'.join(_CONNECTORS)})[ -]$")
# words between an unlisted name and a place after it that make the place its whereabouts: "in
# the Romanian county of", "district of", ", ", "near", "located in the"
_LINK = re.compile(
    r"(?:,|\s)*(?:(?:in|of|near|outside|located in|situated in|north of|south of|east of|west of)\b[^.;:]{0,40}"
    r"|[\w ]{0,25}\bof\s|,\s*)$"
)

# Words that open no place's name after a cue ("the town of The ...", "the city of Mr. ...")
_NOT_FIRST = frozenset({"The", "This", "That", "These", "Those", "Its", "His", "Her", "Their", "Our", "My", "Your"})
_NOT_FIRST |= frozenset(t for t in TITLES if t[:1].isupper()) | DATE_WORDS
_COMPASS = frozenset(w.capitalize() for w in COMPASS_WORDS)
# Words of the names of things and peoples, not places ("the Oberlin City Schools district", "in
# Alaska Native villages")
_NOT_IN = START_HEADS | END_HEADS | frozenset(("School", "Schools", "Health", "Native", "Indigenous", "Tribal"))
# Endings of adjectives ("the Nordic region", "the Midwestern region", "the Appalachian region")
_ADJECTIVE_ENDS = ("ern", "ic", "ian", "ean", "ese", "ish")


class _LowerWords:
    """Whether a text writes a phrase in lower case: a search per phrase for the first few (most
    texts have one cue or none), then a set of the text's lower-case words (a text with many)."""

    __slots__ = ("asked", "text", "words")

    def __init__(self, text: str) -> None:
        self.text, self.words, self.asked = text, None, 0

    def __contains__(self, phrase: str) -> bool:
        if " " in phrase or "-" in phrase or self.asked < 16:
            self.asked += 1
            return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", self.text) is not None
        if self.words is None:
            self.words = frozenset(w for w in re.findall(r"[^\W\d_]+", self.text) if w.islower())
        return phrase in self.words


def _plausible(text: str, a: int, b: int, lower: _LowerWords) -> bool:
    """Whether ``text[a:b]``, called a place by a cue, can be a place's name: every word (and
    every part of a hyphenated word) has a lower-case letter ("APEC", "EPA" are acronyms of
    things); no word names a thing or a people; it does not end in an adjective or a demonym
    ("Southeast Asian", "African Americans"); and the text never writes it in lower case (an
    ordinary word: "the Convention area", "the Triangle region")."""
    name = text[a:b]
    words = name.split()
    if words[0] in _NOT_FIRST or (words[0] in _COMPASS and len(words) == 1):
        return False
    for w in words:
        if w in _NOT_IN or any(p.upper() == p for p in w.split("-")):
            return False
    last = words[-1]
    if last.endswith(_ADJECTIVE_ENDS) or key_of(last) in load_gazetteer().demonyms:
        return False
    return name.lower() not in lower


_NEXT_WORD = re.compile(r" ([a-z]+)\b")


def _ends_name(text: str, b: int) -> bool:
    """Whether the name that ends at ``b`` is a noun phrase of its own: punctuation, a capitalised
    word, a function word or a participle follows ("the village of Kampungu has", "the city of
    Kitaakita located"), not a noun it qualifies ("a community of Federal employees")."""
    m = _NEXT_WORD.match(text, b)
    if m is None:
        return True
    w = m.group(1)
    return w in _function_words() or w in _PLACING_WORDS or w.endswith(("ed", "ing"))


# words that may follow a place's name: where, when, who speaks ("the village of Kampungu near
# the border", "the town of Qatraneh yesterday", "the town of Garissa said")
_PLACING_WORDS = frozenset(
    "near outside north south east west northeast northwest southeast southwest northern southern eastern "
    "western central yesterday today tonight earlier last this next said says say told reported remains lies "
    "sits saw became".split()
)


@functools.cache
def _function_words() -> frozenset[str]:
    from ..tidy import stopwords

    return frozenset(stopwords())


def _items(text: str, start: int, names: str, lower: _LowerWords) -> list[tuple[int, int]]:
    """The plausible names of a list ("Bumbacari and Dudescu") as spans of ``text``."""
    out = []
    for m in _ITEM_RX.finditer(names):
        a, b = start + m.start(), start + m.end()
        if _plausible(text, a, b, lower):
            out.append((a, b))
    return out


_TOWN_NOUNS = frozenset(
    "village villages town towns township townships hamlet hamlets city cities suburb suburbs".split()
)


def cued(text: str, runs: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """Spans of names that the words around them call places, in order: ``(start, end, town)``,
    ``town`` when the cue says it is a town ("the town of X", "X, a village in..."). Compass words
    alone before a type word are adjectives, not names ("the Eastern province of ..."), and a cue
    inside a longer capitalised name is no cue ("Fort Sanders Medical Center").

    ``runs``: the runs of capitalised words (start, end) to read around, as the matcher found
    them with a cue beside (``matcher.CUE_*``, ``Memo.cues``)."""
    spans: dict[tuple[int, int], bool] = {}
    lower = _LowerWords(text)
    for rs, pos in runs:
        if text.endswith(CUE_BEFORE_RUN, 0, rs):  # "the village of X"
            k = text.rfind(" ", 0, rs - 1)
            noun = text[text.rfind(" ", 0, k) + 1 : k]
            n = _NAMES_RX.match(text, rs)
            if noun in _CUE_NOUNS and n is not None and _ends_name(text, n.end()):
                for a, b in _items(text, n.start(), n.group(), lower):
                    spans.setdefault((a, b), noun in _TOWN_NOUNS)
        if text.startswith(("Fort ", "Ft. "), rs):
            m = _FORT_RX.match(text, rs)
            if m is not None:
                spans.setdefault((m.start(), m.end()), False)
        if text.startswith((", a ", ", an "), pos):  # "Mabvuku, a suburb located east of Harare"
            m = _APPOSITION_RX.match(text, pos)
            if m is not None:
                n = _NAME_END_RX.search(text, max(0, pos - 80), pos)
                if n is not None and _plausible(text, n.start(1), n.end(1), lower):
                    spans.setdefault((n.start(1), n.end(1)), m.group(1) in _TOWN_NOUNS)
            continue
        # "the X district": the type word right after the run, the name from an article before it
        if _TYPE_AT.match(text, pos) is None or not text[pos - 1].isalpha():
            continue
        s = pos
        n = None
        for c in _BEFORE_TYPE_RX.finditer(text, max(0, s - 160), s):
            if _NAMES_RX.fullmatch(text, c.end(), s) is not None:
                n = c  # the leftmost: the longest list of names
                break
        if n is None:
            continue
        if n.group(1) == "of" and text[text.rfind(" ", 0, n.start() - 1) + 1 : n.start() - 1][:1].isupper():
            continue  # "the Ministry of Defence area": the name of a thing
        area = text.startswith(" area", s)
        for a, b in _items(text, n.end(), text[n.end() : s], lower):
            # "the Pentagon area", "the Trump area"; not "in Kisima area", "the Hardeetown area of Chiefland"
            if area and " " not in text[a:b] and n.group(1) in ("the", "The") and not text.startswith(" of ", s + 5):
                continue
            spans.setdefault((a, b), False)
    return sorted((a, b, f) for (a, b), f in spans.items())


def add_unlisted(
    text: str,
    spans: list[tuple[int, int, bool]],
    resolved: list[tuple[Any, Any, str, str]],
    hits: list[Any],
    rows: Any,
    sent_of: Any,
    span_hit: Any,
) -> list[tuple[Any, Any, str, str]]:
    """``resolved`` (the document's kept mentions, ``(hit, row id, role, evidence)`` in order) with
    the unlisted places of ``text`` added in order; an unlisted place's row is the tuple
    ``(name, "locality", iso3, nan, nan, None)`` instead of a row id. ``hits`` are the names the
    gazetteer matched, kept or not: a cued name that overlaps one that reaches beyond it is left to
    the rules, and so is one that is a kept name. One that the rules dropped counts, the cue being
    the evidence, where the document names a country: as the place of its name in such a country
    ("the Etoumbi and Mbomo districts" in a story that names the Republic of the Congo: evidence
    ``trigger``, and ``document`` for its other occurrences), else as a locality ("the communities
    of Choropampa and Magdalena" in Peru: no Colombian province); where the document names none,
    it is left to the rules ("the Obama district" stays no place). A cued name that holds a
    shorter one replaces it when a connector ties them ("the villages of Ceamurlia de Jos": not
    Jos, Nigeria)."""
    hit_spans = sorted((h.start, h.end) for h in hits)
    hit_starts = [a for a, _ in hit_spans]
    reach = list(itertools.accumulate((e for _, e in hit_spans), max))
    kept_spans = {(t[0].start, t[0].end) for t in resolved}
    # a kept province or county that the cue calls a town is the town of that name in the same
    # country, where there is one ("Garissa, a town in north-eastern Kenya", "the town of Kandahar")
    towns = {(a, b) for a, b, town in spans if town and (a, b) in kept_spans}
    if towns:
        hit_at = {(h.start, h.end): h for h in hits}
        resolved = list(resolved)
        for i, t in enumerate(resolved):
            sp = (t[0].start, t[0].end)
            r = rows[t[1]] if sp in towns else None
            if r is not None and r[1] in ("admin1", "admin2") and sp in hit_at:
                c = next((c for c in hit_at[sp].cands if rows[c][1] == "city" and rows[c][2] == r[2]), None)
                if c is not None:
                    resolved[i] = (t[0], c, t[2], "trigger")

    def inside(a: int, b: int) -> bool:
        """Whether (a, b) holds no matched name but shorter ones wholly inside it, none of them
        kept unless a connector stands right before it ("Ceamurlia de Jos", "Saint-Denis-de-Jos";
        not "Southern California", "Greater Boston", "Tampa Bay": those stay California, Boston
        and Tampa)."""
        i = bisect.bisect_left(hit_starts, a)  # names that start before a must end by a
        if i > 0 and reach[i - 1] > a:
            return False
        j = bisect.bisect_left(hit_starts, b)  # names that start inside must end inside, shorter
        for s, e in hit_spans[i:j]:
            if e > b or (s == a and e == b):
                return False
            if (s, e) in kept_spans and _CONNECTOR_BEFORE.search(text, a, s) is None:
                return False
        return True

    named = {rows[t[1]][2] for t in resolved} - {""}
    dropped = {(h.start, h.end): h for h in hits if h.role == "name" and (h.start, h.end) not in kept_spans}
    listed: list[tuple[Any, int, str]] = []
    as_unlisted: set[tuple[int, int]] = set()
    if named:
        for a, b, _ in spans:
            h = dropped.get((a, b))
            if h is None or any(t[0] is h for t in listed):
                continue
            rid = next((c for c in h.cands if rows[c][2] in named), None)
            if rid is None:
                as_unlisted.add((a, b))
            else:
                listed.append((h, rid, "trigger"))
    if listed:
        rid_of = {h.key: rid for h, rid, _ in listed}
        cue_hits = {id(h) for h, _, _ in listed}
        listed += [
            (h, rid_of[h.key], "document") for h in dropped.values() if h.key in rid_of and id(h) not in cue_hits
        ]
    # names the rules dropped that stand for an unlisted place wherever they occur
    unlisted_keys = {dropped[sp].key for sp in as_unlisted}
    as_unlisted |= {sp for sp, h in dropped.items() if h.key in unlisted_keys}
    # the cued names, then every occurrence of each as a word of its own (not the head of a
    # longer name), found in one pass: (start, end, name, cued)
    cue_at = {(a, b) for a, b, _ in spans}
    names = list(dict.fromkeys(text[a:b] for a, b, _ in spans if inside(a, b) or (a, b) in as_unlisted))
    occ: list[tuple[int, int, str, bool]] = []
    if names:
        alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        wanted = set(names)
        for m in re.finditer(rf"(?<![\w'’-])(?:{alt})(?![\w-]| [{_UPPER}])", text):
            s, e = m.start(), m.end()
            if m.group() in wanted and ((s, e) in cue_at or (s, e) in as_unlisted or inside(s, e)):
                occ.append((s, e, m.group(), (s, e) in cue_at))
    if not occ and not listed:
        return resolved
    # an occurrence inside a longer one is part of it ("Mukuru" of "Mukuru kwa Njenga")
    occ.sort(key=lambda o: (o[0], -o[1]))
    kept_occ, far = [], -1
    for o in occ:
        if o[1] > far:
            kept_occ.append(o)
            far = o[1]
    occ = kept_occ
    # a kept name inside an unlisted one gives way to it
    occ_starts = [s for s, *_ in occ]

    def within(a: int, b: int) -> bool:
        i = bisect.bisect_right(occ_starts, a)
        return i > 0 and occ[i - 1][1] >= b

    resolved = [t for t in resolved if not within(t[0].start, t[0].end)]
    extra_listed = [(h, rid, "name", ev) for h, rid, ev in listed]
    # the country of each unlisted name: that of a place the same sentence links to it right after
    # it ("Ciocile in the Romanian county of Brăila", "the Mukuru kwa Njenga district of Nairobi";
    # not "Kampungu ... fled to Uganda"), else of the nearest place before it in the sentence, else
    # the one the document names most
    kept = sorted((t[0].start, rows[t[1]][2]) for t in [*resolved, *extra_listed] if rows[t[1]][2])
    counts = Counter(iso for _, iso in kept)
    doc_iso = min(counts, key=lambda k: (-counts[k], k)) if counts else ""
    starts = [s for s, _ in kept]
    row_of: dict[str, tuple[Any, ...]] = {}
    for s, e, name, is_cue in occ:
        if not is_cue or name in row_of:
            continue
        sent = sent_of(s)
        i = bisect.bisect_left(starts, e)
        if i < len(kept) and sent_of(kept[i][0]) == sent and _LINK.match(text, e, kept[i][0]) is not None:
            iso = kept[i][1]
        elif i > 0 and sent_of(kept[i - 1][0]) == sent:
            iso = kept[i - 1][1]
        else:
            iso = doc_iso
        row_of[name] = (name, "locality", iso, math.nan, math.nan, None)
    extra = [
        (span_hit(text, s, e), row_of[name], "name", "trigger" if is_cue else "document") for s, e, name, is_cue in occ
    ]
    extra += extra_listed
    return sorted([*resolved, *extra], key=lambda t: t[0].start)
