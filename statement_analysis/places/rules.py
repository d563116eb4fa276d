"""The context rules that keep, drop or re-resolve a candidate: the document's evidence (rules 2,
2b, 3 and 8, scored in ``evidence``), people (rule 6), Washington/Georgia (rule 4), roles (rule 7),
currencies and diseases named after places (rule 9), and the state and province abbreviations
that qualify a town (rule 10).

What is not here: finding names (``matcher``), building the table (``mentions``).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import re
from typing import Any

from .evidence import (
    DOCUMENT_COUNTRY,
    NAME,
    NEARBY,
    QUALIFIED,
    TRIGGER_CITY,
    Context,
    choose,
    cites,
    dateline,
    inherent,
    qualifier,
    self_named,
    standalone_abbreviations,
    triggered,
)
from .gazetteer import Gazetteer, key_of
from .heads import END_HEADS, START_HEADS
from .lists import county_lists
from .matcher import Memo, _Hit, _standalone_tpl, _strip_possessive, _Tpl
from .wordlists import COMPASS_WORDS, DATE_WORDS, FIRST_NAMES, LOCATIVE, PLACE_WORDS, TITLES

_DC = re.compile(r",? ?D\.? ?C\.?(?![\w])")
_AMERICAN_AFTER = re.compile(r"[ -]Americans?\b")
# what may stand between two names of a list ("X and Y", "X, Y", "X/Y")
_LISTED_GAPS = frozenset({" and ", ", and ", " or ", ", or ", ", ", "/"})
_INITIAL_BEFORE = re.compile(r"(?<![\w.])[A-Z]\. \Z")
_INITIAL_AFTER = re.compile(r" [A-Z]\. [A-Z][a-z]")  # "Virginia L. Lane" (not "Washington D. C.")
_SENTENCE_START = re.compile(r"(?:[.!?:;\"'(]\s*|\n\s*|\A\s*)\Z")
# a place name before one of these words names a disease or its agent ("West Nile virus", and
# with an editor's bracket: "West Nile [virus]")
_DISEASE_AFTER = re.compile(
    r"[ -][\[(]?(?:virus|viruses|ebolavirus|fever|disease|encephalitis|flu|influenza|strain|virus's)\b", re.IGNORECASE
)
# an acronym used for a currency: "US$460", "$US 1.5 billion", "40 US dollars"
_CURRENCY_AFTER = re.compile(r"\$| ?dollars?\b")
_IN_NAME_LINKS = frozenset(("of", "on", "for", "the", "and", "in", "de"))
# A division's type word after a name makes it the division, not the town of the same name
# ("Akita Prefecture", "Idlib Province", "Bundibugyo District").
_DIVISION_WORDS = frozenset({"Province", "Prefecture", "Governorate", "Oblast", "District", "Department", "County"})
_SAINT_TITLES = frozenset({"St", "Saint", "Ste"})
# a river's valley, basin...: not the department named after the river ("the Loire Valley")
_FEATURE_WORDS = frozenset({"Valley", "River", "Basin", "Delta", "Estuary", "Gorge"})
# capitalised words after a place that leave it a place ("Virginia Democrats", "Chicago Police")
_AFTER_PLACE = frozenset({"Democrats", "Republicans", "Democratic", "Republican", "Police"})
_JOINED_KINDS = ("country", "admin1", "city")  # what a hyphen may join a place to ("Israel-Lebanon")
_AFTER_MAX = 12  # words after (and before) a place read for the head of a name of a thing
_PLACING = frozenset({"qualified", "dateline", "name", "document", "nearby"})
_COUNTY_ISO = frozenset({"USA", "GBR", "IRL"})
_SAINTS = ("st ", "saint ", "san ", "santa ", "sao ", "ste ", "sainte ")
_NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred "
    "hundreds thousand thousands dozen dozens several many".split()
)
# a sentence's first word that describes the country after it rather than being a person's first
# name: "Neighbouring Israel", "Landlocked Chad", "Southern India"
_DESCRIBING_ENDINGS = ("ing", "ern", "locked", "ful")


@functools.cache
def _stopwords() -> frozenset[str]:
    from ..tidy import stopwords

    return stopwords()


_TAIL_WORD = re.compile(r"[A-Za-z]+\Z")


def _prev_word(text: str, pos: int) -> str:
    """The word (ASCII letters) before ``pos``, skipping spaces and one full stop ("Dr. X" → "Dr")."""
    seg = text[max(0, pos - 24) : pos].rstrip(" \n")
    if seg.endswith("."):
        seg = seg[:-1]
    tail = seg[seg.rfind(" ") + 1 :]  # the trailing letters lie in the last piece without a space
    if tail.isascii() and tail.isalpha():
        return tail
    m = _TAIL_WORD.search(tail)
    return m.group(0) if m else ""


# Countries and the states that have left them since 1990, with the year (facts from the states'
# declarations of independence as recorded by the UN): Eritrea from Ethiopia (1993), Timor-Leste
# from Indonesia (2002), Montenegro (2006) and Kosovo (2008) from Serbia, South Sudan from Sudan
# (2011).
SECEDED = {"ETH": ("ERI",), "IDN": ("TLS",), "SRB": ("MNE", "XKX"), "SDN": ("SSD",)}


def _context(text: str, hits: list[_Hit], quals: list[Any], g: Gazetteer, memo: Memo, abbr_rows: list[int]) -> Context:
    """Countries and divisions the document names (from the first candidate of every name, the
    abbreviations that qualify a town, those of ``abbr_rows`` written as a qualifier or in a party
    label, and the dateline)."""
    raw = g.raw
    ctx = Context()
    named_iso, named_admin1 = ctx.named_iso, ctx.named_admin1
    provinces: list[list[str]] = []
    us_state_cands: list[int] = []
    state_like: set[str] = set()  # countries named only by a word that is also a US state's (Georgia)
    other_iso: set[str] = set()
    town_words: dict[str, list[_Hit]] = {}  # country → its names that are also US towns' names
    for h, q in zip(hits, quals, strict=True):
        if _STREET_AFTER.match(text, h.end):
            continue  # "Lombardy Drive", "Memphis St.": a street says nothing of where the story is
        f = raw[h.cands[0]]
        kind = f[1]
        if kind == "country":
            named_iso.add(f[2])
            st = g.us_state.get(h.key) if h.role == "name" else None
            if st is not None:
                us_state_cands.append(st)
                state_like.add(f[2])
            else:
                other_iso.add(f[2])
                if h.role == "name" and len(h.cands) > 1:
                    town_words.setdefault(f[2], []).append(h)
                else:
                    town_words[f[2]] = []  # named by a word that is only the country's
        elif kind == "admin1":
            ctx.division_iso.add(f[2])
            if "iso3166_2" in f[10] or "former" in f[10]:
                provinces.append(f)
            else:
                named_iso.add(f[2])
                if f[9]:
                    named_admin1.add(f[9])
        elif kind == "admin2" and f[2] in _COUNTY_ISO and all(raw[c][9] == f[9] for c in h.cands):
            # a US, British or Irish county of one name ("Laurel County", "Lancashire") names its
            # state or province; the divisions of other countries need their country named
            named_admin1.add(f[9])
        if q is not None and q.abbreviation:
            named_admin1 |= q.admin1
            named_iso |= q.iso3
    for rid in abbr_rows:  # "Lumpkin, Ga.", "D-Ga.": the text says which state
        named_admin1.add(raw[rid][9])
        named_iso.add(raw[rid][2])
    dl = dateline(text, g, memo.quals)  # a search of the first 400 characters
    if dl is not None:
        ctx.dateline, ctx.dateline_qual = dl
        if ctx.dateline_qual is not None:
            named_admin1 |= ctx.dateline_qual.admin1
            if len(ctx.dateline_qual.iso3) == 1:
                named_iso |= ctx.dateline_qual.iso3
    # a country named places the towns of the states that have since left it, as news written
    # before then calls them: "Malakal, Sudan" in 2005
    named_iso |= {new for old, news in SECEDED.items() if old in named_iso for new in news}
    for f in provinces:  # a province listed from ISO 3166-2 sets the context only with its country
        if f[2] in named_iso and f[9]:
            named_admin1.add(f[9])
    for h1, h2 in itertools.pairwise(hits):
        if h2.start == h1.end + 1 and text[h1.end] == "-":  # "Athens-Clarke County": its state
            joined = _town_county_state(h1, h2, g)
            if joined is not None:
                named_admin1.add(joined)
                ctx.joined[h1.start] = ctx.joined[h2.start] = joined
    ctx.counties = county_lists(text, g, named_admin1)  # rule 11: "Becker, Clay and Otter Tail counties"
    named_admin1.update(raw[rid][9] for _, _, rid in ctx.counties)
    if named_iso <= {"USA"} and not any(a.startswith("US.") for a in named_admin1):
        shared = _shared_state(text, hits, g)  # "Paris and Henry County": Tennessee
        if shared is not None:
            named_admin1.add(shared)
    ctx.us_states = any(a.startswith("US.") for a in named_admin1)
    if ctx.us_states:  # "Georgia" among US states: the state too
        named_admin1.update(raw[c][9] for c in us_state_cands)
        # a country named only by words that are also names of towns in the named states
        # ("Palestine" in a story about Texas) does not make the document international
        town_like = {
            iso
            for iso, hs in town_words.items()
            if hs and all(any(_us_town_in(raw[c], named_admin1) for c in h.cands) for h in hs)
        }
        ctx.us_local = (other_iso - town_like | (named_iso - state_like - town_like)) <= {"USA"}
    return ctx


def _shared_state(text: str, hits: list[_Hit], g: Gazetteer) -> str | None:
    """The one US state where two or more of the document's names are towns (of 15,000 people or
    more) or counties, one of them at least a county, more of them than in any other state (of
    states with as many, the only one where one of those towns lies in one of those counties,
    else the one whose towns and counties of those names hold at least twice the people of the
    next: Dublin and Franklin County are Ohio's, not Georgia's); None when there is no such
    state. (A county is what marks a US story: towns' names recur in British and other news that
    names no country.) A town lies in a county when it is within ``_IN_COUNTY_KM`` of the
    county's centre; a town under 15,000 people votes only then ("Paris" and "Henry County":
    Paris, Tennessee, 10,000 people, is that county's seat; "Huntsville" and "Walker County" are
    Texas's, where the town is the county's seat, not Alabama's, where they are 130 km apart). A
    county named before "Council" places no town: that is how a British county's authority is
    named ("Hampshire County Council ... Southampton" is not Massachusetts)."""
    raw = g.raw
    votes: dict[str, dict[str, int]] = {}  # state → name → people in its largest place of that name
    counties: set[str] = set()  # states of the named counties
    county_pts: dict[str, list[tuple[float, float]]] = {}  # state → centres of the named counties
    towns: list[tuple[str, list[str]]] = []
    for h in hits:
        if h.role != "name":
            continue
        for c in h.cands:
            f = raw[c]
            if f[2] != "USA" or f[1] not in ("city", "admin2") or not f[9]:
                continue
            if f[1] == "city":
                towns.append((h.key, f))
                if "small" in f[10]:
                    continue
            names = votes.setdefault(f[9], {})
            names[h.key] = max(names.get(h.key, 0), int(f[6] or 0))
            if f[1] == "admin2":
                counties.add(f[9])
                if not text.startswith(" Council", h.end):  # (not "Hampshire County Council")
                    county_pts.setdefault(f[9], []).append((float(f[3]), float(f[4])))
    if not counties:
        return None
    in_county: set[str] = set()  # states where a town lies in a named county
    for key, f in towns:
        pts = county_pts.get(f[9])
        if pts and _in_county(f, pts):
            in_county.add(f[9])
            names = votes.setdefault(f[9], {})
            names[key] = max(names.get(key, 0), int(f[6] or 0))
    top = max(len(v) for v in votes.values())
    if top < 2:
        return None
    best = sorted(((sum(v.values()), a) for a, v in votes.items() if len(v) == top), reverse=True)
    if len(best) > 1:
        located = [a for _, a in best if a in in_county]
        if len(located) == 1:
            return located[0]
        if best[0][0] < 2 * best[1][0]:
            return None
    return best[0][1] if best[0][1] in counties else None


# a verb after a name that makes it a person's ("Lincoln visited", "Lincoln lived"), for rule 6b;
# not "said", "told" or "added", which a team, a town or its government does too ("Liverpool said
# it condemned", "Austin told Washington", "Liverpool added a second"), nor "lived up to"; and not
# after "of" or a locative word ("Mark Kitsmore, 54, of Tyler", "officials in Tyler"), nor for a
# county or a name known by itself ("Fairfax County", "Moscow")
_PERSON_VERB_AFTER = re.compile(
    r" (?:recalled|explained|wrote|visited|lived(?! up)|died|married|was born|smiled|laughed|testified|"
    r"pleaded|resigned)\b"
)
_OF_OR_LOCATIVE = LOCATIVE | {"of"}
# what a name of a person or firm follows as readily as a place's (for the only place of its name)
_NOT_LOCATIVE = frozenset({"to", "from", "at", "via", "into", "by", "for", "with"})
_COMPOUND_AFTER = re.compile(r"-(?!based\b)[a-z]")  # "Obama-era", "Honda-made" (not "Schaumburg-based")
# a street named after a place: "Mexico Street", "Pennsylvania Avenue", "Lombardy Drive" (not "Court"
# or "Highway": "Henry County Court", "Florida Highway Patrol" are the place's institutions)
_STREET_AFTER = re.compile(
    r" (?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Drive|Dr\.|Lane|Ln\.|Boulevard|Blvd\.|"
    r"Parkway|Pkwy\.|Terrace|Circle|Pike|Trail)(?![\w-])"
)
_IN_COUNTY_KM = 40.0  # a town this close to a county's centre is taken to lie in it


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _in_county(town: list[str], centres: list[tuple[float, float]]) -> bool:
    """Whether a town's row lies within ``_IN_COUNTY_KM`` of one of these county centres."""
    lat, lon = float(town[3]), float(town[4])
    return any(_km(lat, lon, a, b) <= _IN_COUNTY_KM for a, b in centres)


def _town_county_state(town: _Hit, county: _Hit, g: Gazetteer) -> str | None:
    """The one US state where a town joined to a county by a hyphen ("Athens-Clarke County",
    "Paris-Henry County") lies within ``_IN_COUNTY_KM`` of that county's centre, or None."""
    raw = g.raw
    pts: dict[str, list[tuple[float, float]]] = {}  # state → centres of the county's homonyms
    for c in county.cands:
        f = raw[c]
        if f[1] == "admin2" and f[2] == "USA":
            pts.setdefault(f[9], []).append((float(f[3]), float(f[4])))
    states = {
        f[9]
        for f in (raw[c] for c in town.cands)
        if f[1] == "city" and f[2] == "USA" and f[9] in pts and _in_county(f, pts[f[9]])
    }
    return states.pop() if len(states) == 1 else None


def _us_town_in(f: list[str], admin1: set[str]) -> bool:
    """Whether a row is a US town or county in one of the divisions ``admin1``."""
    return f[2] == "USA" and f[1] in ("city", "admin2") and f[9] in admin1


def _person_before(text: str, h: _Hit, g: Gazetteer) -> tuple[str, int] | None:
    """The capitalised word right before the name in its run, and where it starts in the run,
    when it is not a place word, a title, a head of a name, a stop word, a demonym or an
    acronym, and does not open a sentence ("Lloyd Austin"); else None."""
    t = h.tpl
    if t.i < 1:
        return None
    a, b, pw = t.words[t.i - 1]
    if (
        pw[0].isupper()
        and text[h.run_start + b : h.start] == " "
        and pw not in PLACE_WORDS
        and pw not in START_HEADS
        and pw not in TITLES
        and pw.lower() not in _stopwords()
        and pw.lower() not in _NUMBER_WORDS  # "Two Chiefland residents"
        and pw.lower() not in COMPASS_WORDS  # "Southwestern Ontario", "Downtown Edmonton"
        and key_of(_strip_possessive(pw)) not in g.demonyms
        and not pw.isupper()
        and not pw.endswith(("'s", "'"))  # "China's Guangdong"
        and not _first_kind_in(pw, g, ("country", "region", "admin1"))
    ):
        return pw, a
    return None


def _first_kind_in(w: str, g: Gazetteer, kinds: tuple[str, ...]) -> bool:
    """Whether the place ``w`` names first is of one of ``kinds``: a country, region or province
    for "Texas Panhandle"; a country, province or town after a hyphen ("Israel-Lebanon"; not
    "Georgia-Pacific", an ocean)."""
    rids = g.exact.get(key_of(w))
    return bool(rids) and g.raw[rids[0]][1] in kinds


def _words_after(t: _Tpl) -> tuple[list[str], bool]:
    """The capitalised words that follow the name in its run, and whether they end a name of a
    thing (a word of ``END_HEADS``: "Texas Alcoholic Beverage Commission")."""
    words = t.words
    out = []
    k = t.j
    stop = min(len(words), k + _AFTER_MAX)  # a long list of names is no name of a thing: linear time
    while k < stop and words[k][2][0].isupper():
        out.append(words[k][2])
        if words[k][2] in END_HEADS:
            return out, True
        k += 1
    return out, False


class _Facts:
    """What the rules need to know about a name that depends only on its run's words: computed
    for the first hit of a template and kept on it (``_Tpl.facts``)."""

    __slots__ = ("after", "head", "in_name", "nxt_ok", "of_thing", "person", "simple")

    def __init__(self, text: str, h: _Hit, g: Gazetteer) -> None:
        t = h.tpl
        # a demonym, an acronym's or an unambiguous country's or region's name: nothing to decide
        self.simple = t.role != "name" or (len(t.cands) == 1 and g.raw[t.cands[0]][1] in ("country", "region"))
        self.person = _person_before(text, h, g)
        if text.startswith(("'", "’"), h.end) and not h.key.startswith(_SAINTS):
            # "Wichita's Wesley Medical Center", "Brussels' Zaventem Airport": what follows a
            # possessive is the place's, not a longer name the place is part of (but "St. Paul's
            # Cathedral" is the saint's)
            self.after, self.head = [], False
        else:
            self.after, self.head = _words_after(t)
        nxt = self.after[0] if self.after else ""
        self.nxt_ok = bool(nxt) and (
            nxt in PLACE_WORDS
            or nxt in DATE_WORDS
            or (nxt in TITLES and nxt not in _SAINT_TITLES)  # "Atlanta Mayor Kasim Reed"
            or nxt in _AFTER_PLACE  # "Virginia Democrats", "the Alexandria Police"
            # "the Amsterdam-London leg", "the Israel-Lebanon border" (not "EU-Ukraine Solidarity Lanes")
            or (len(self.after) == 1 and text.startswith("-", h.end) and _first_kind_in(nxt, g, _JOINED_KINDS))
            or key_of(_strip_possessive(nxt)) in g.demonyms
            or nxt.isupper()
        )
        # rule 7: a run that opens with the head of a name of a thing, "Islamic State X", or
        # capitalised words after the place that end in such a head
        before = t.words[max(0, t.i - _AFTER_MAX) : t.i]  # a window: linear time on long lists
        starts = [k for k, (_, _, w) in enumerate(before) if w in START_HEADS]
        self.in_name = bool(
            (starts and all(w[0].isupper() or w in _IN_NAME_LINKS for _, _, w in before[starts[0] :]))
            or (t.i >= 2 and before[-1][2] == "State" and before[-2][2] == "Islamic")
            or self.head
        )
        # "Association of Georgia Educators", "Office of India Affairs": the place follows a
        # connector inside the name of a thing, so the word after it is no surname
        self.of_thing = self.in_name and t.i >= 1 and t.words[t.i - 1][2] in _IN_NAME_LINKS


def _facts(text: str, h: _Hit, g: Gazetteer) -> _Facts:
    f = h.tpl.facts
    if f is None:
        f = h.tpl.facts = _Facts(text, h, g)
    return f  # type: ignore[no-any-return]


def _in_dateline(ctx: Context, h: _Hit) -> bool:
    """Whether the name is the dateline itself (not a later name that shares its evidence)."""
    return ctx.dateline is not None and ctx.dateline[0] <= h.start < ctx.dateline[1]


def _listed_us_cities(text: str, hits: list[_Hit], decided: list[Any], g: Gazetteer) -> None:
    """In a story that names US states, a dropped name listed beside a kept place ("X, Y",
    "X and Y") is the US city of 100,000 people or more of that name, if there is one ("the
    other finalists, Denver, Indianapolis, Louisville, Ky."). Alone, such a name may be a
    person's (Lincoln, Edison, Norman), so the list is the evidence; a list of names none of
    which is kept is no evidence ("Lincoln, Jefferson and Madison")."""
    raw = g.raw
    n = len(hits)
    kept = [d is not None and h.role == "name" for h, d in zip(hits, decided, strict=True)]
    # forwards, then backwards: a list spreads from a kept place either way, in linear time
    # ("Denver, Indianapolis, Louisville, Ky.")
    for order in (range(n), range(n - 1, -1, -1)):
        for i in order:
            h = hits[i]
            if decided[i] is not None or h.role != "name":
                continue
            before = i > 0 and kept[i - 1] and text[hits[i - 1].end : h.start] in _LISTED_GAPS
            after = i + 1 < n and kept[i + 1] and text[h.end : hits[i + 1].start] in _LISTED_GAPS
            if not (before or after):
                continue
            for c in h.cands:
                f = raw[c]
                if (
                    f[1] == "city"
                    and f[2] == "USA"
                    and int(f[6] or 0) >= TRIGGER_CITY
                    and "common" not in f[10]
                    and "small" not in f[10]
                ):
                    decided[i] = (h, c, "document", NEARBY)  # below DOCUMENT_COUNTRY: supports no neighbour
                    kept[i] = True
                    break


def _resolve(text: str, hits: list[_Hit], g: Gazetteer, sent_of: Any, memo: Memo) -> list[tuple[_Hit, int, str, str]]:
    """Apply the context rules; returns (hit, chosen row id, role, evidence) in text order."""
    rows = memo.rows
    raw = g.raw
    qcache = memo.quals
    quals = [qualifier(text, h.end, g, qcache) if text.startswith(", ", h.end) else None for h in hits]
    abbrs = standalone_abbreviations(text, g)  # rule 10b
    ctx = _context(text, hits, quals, g, memo, [rid for _, _, rid, qualified in abbrs if qualified])
    counties = ctx.counties
    facts = [h.tpl.facts or _facts(text, h, g) for h in hits]
    decided: list[tuple[_Hit, int, str, float] | None] = []
    chosen: dict[Any, Any] = {}  # choose's answers for this document and this state of the context
    prev_end = -10
    for h, q, fa in zip(hits, quals, facts, strict=True):
        joined = ctx.joined.get(h.start)  # "Paris-Henry County": the town and the county of that state
        joined_rid = (
            None
            if joined is None
            else next((c for c in h.cands if raw[c][9] == joined and raw[c][1] in ("city", "admin2")), None)
        )
        if fa.simple:
            d: tuple[_Hit, int, str, float] | None = (h, h.cands[0], "name", NAME)
        elif joined_rid is not None:
            d = (h, joined_rid, "qualified", QUALIFIED)
        else:
            # "in Darfur and Malakal": a name listed right after a kept one shares its trigger
            listed = prev_end >= 0 and text[prev_end : h.start] in _LISTED_GAPS
            prev_rid = decided[-1][1] if listed and decided[-1] is not None else None
            d = _decide(text, h, g, ctx, q, listed, prev_end, memo.info, chosen, prev_rid)
        decided.append(d)
        prev_end = h.end if d is not None else -10
    if ctx.us_states:
        _listed_us_cities(text, hits, decided, g)
    # nearby: divisions of the towns kept with evidence of their own; a second look at the rest
    for d in decided:
        if d is not None and d[3] >= DOCUMENT_COUNTRY and d[3] != NAME and raw[d[1]][1] in ("city", "admin2"):
            a1 = raw[d[1]][9]
            if a1:
                ctx.nearby_admin1.add(a1)
    new = ctx.nearby_admin1 - ctx.named_admin1
    if new:
        chosen = {}
        for i, h in enumerate(hits):
            if (decided[i] is None or decided[i][3] < NAME) and any(raw[c][9] in new for c in h.cands):  # type: ignore[index]
                d = _decide(text, h, g, ctx, quals[i], False, -10, memo.info, chosen)
                if d is not None:
                    decided[i] = d

    # one sense per document: a name keeps the meaning it has where the evidence is strongest
    best_of: dict[str, tuple[_Hit, int, str, float]] = {}
    n_decided = 0
    for d in decided:
        if d is not None:
            n_decided += 1
            if d[0].role == "name":
                k = d[0].key
                b = best_of.get(k)
                if b is None or d[3] > b[3]:
                    best_of[k] = d
    if len(best_of) < n_decided:
        for i, d in enumerate(decided):
            if d is not None and d[0].role == "name":
                b = best_of[d[0].key]
                if b[3] > d[3] and b[1] != d[1] and b[1] in d[0].cands:
                    decided[i] = (d[0], b[1], b[2], b[3])
    if best_of and len(best_of) < len(hits):
        # ... and so does an occurrence that has no evidence of its own, where the best one's is
        # the text's ("Gainesville, Fla. ... Gainesville's mayor"), not a guess from a trigger
        # word or population, and its place is no ordinary word ("Reading", "Mobile")
        for i, h in enumerate(hits):
            if decided[i] is None and h.role == "name":
                b = best_of.get(h.key)
                if b is not None and b[2] in _PLACING and b[1] in h.cands and "common" not in raw[b[1]][10]:
                    # its evidence is the document's, not the text around it: a title before it
                    # still makes it a person ("Dawson, Ga. ... Sheriff Dawson ... Dawson added")
                    decided[i] = (h, b[1], "document", b[3])

    out: list[tuple[_Hit, int, str, str]] = []
    # names the document writes as a person's surname after a title ("Secretary Austin"): rule 6b
    # or before a verb only a person does ("Lincoln visited the capital's defenders")
    surnames = {
        h.key
        for h in hits
        if h.role == "name"
        and (
            _after_title(text, h)
            or (
                _PERSON_VERB_AFTER.match(text, h.end)
                and _prev_word(text, h.start) not in _OF_OR_LOCATIVE
                and all(raw[c][1] == "city" and not inherent(raw[c]) for c in h.cands)
            )
        )
    }
    for h, d, fa in zip(hits, decided, facts, strict=True):
        if d is None or (out and h.start < out[-1][0].end):
            continue  # dropped, or inside the mention before ("D.C." in "Washington, D.C.")
        _, rid, ev, _score = d
        role = h.role
        row = rows[rid]
        kind = row[1]
        key = h.key
        end = h.end
        # rule 9: currencies and diseases named after places; ethnic "Asian American"
        after_c = text[end : end + 1]
        if after_c == " " or after_c == "-":
            if role == "demonym" and kind == "region" and _AMERICAN_AFTER.match(text, end):
                continue
            if _DISEASE_AFTER.match(text, end):
                continue
        if text[h.start : end].isupper() and (_CURRENCY_AFTER.match(text, end) or text[h.start - 1 : h.start] == "$"):
            continue
        # rule 6: people; rule 7 for names of things around a place (a dateline is neither:
        # "DETROIT The U.S. Transportation Department...", "OKLAHOMA CITY The Latest on...")
        if role == "name" and not (kind == "city" and _in_dateline(ctx, h)):
            first_name = key in FIRST_NAMES
            if kind != "country" or first_name:
                if _after_title(text, h):
                    continue  # "Secretary Austin"
                if text[h.start - 2 : h.start] == ". " and _INITIAL_BEFORE.search(text, max(0, h.start - 4), h.start):
                    continue  # "Michael D. Kennedy"
                if text.startswith(" ", end) and _INITIAL_AFTER.match(text, end):
                    continue  # "Virginia L. Lane", "Milton J. Little"
            if fa.person is not None:
                a = h.run_start + fa.person[1]
                if kind in ("country", "region") and not first_name:
                    if not _SENTENCE_START.search(text, max(0, a - 3), a):
                        role = "in_name"  # "United Russia", "Radio Free Asia" (not "Visit Iraq")
                elif not (
                    kind == "country"
                    and fa.person[0].endswith(_DESCRIBING_ENDINGS)
                    and _SENTENCE_START.search(text, max(0, a - 3), a)
                ):
                    continue  # "Lloyd Austin", "John F. Kennedy" (not "Neighbouring Israel ...")
            if fa.after and not fa.head and (kind != "country" or first_name) and not fa.nxt_ok and not fa.of_thing:
                strong = (inherent(raw[rid]) and kind != "city") or self_named(raw[rid])
                if first_name or not (strong or len(fa.after) >= 2):
                    continue  # "Victoria Nuland", "Chad Wolf"
                role = "in_name"  # "Georgia Bureau of Investigation", "Ohio Supreme Court"
        if kind == "city" and fa.after and fa.after[0] in _DIVISION_WORDS:
            div = [c for c in h.cands if raw[c][1] in ("admin1", "admin2") and raw[c][2] == row[2]]
            if div:  # "Kandahar Province": the division of the town's country, whatever its size
                rid = div[0]
                row, kind = rows[rid], raw[rid][1]
        if kind == "admin2" and fa.after and fa.after[0] in _FEATURE_WORDS and "division2" in raw[rid][10]:
            continue  # "the Loire Valley": the river's valley, not the department named after it
        if kind == "city" and row[0].startswith("The ") and text[max(0, h.start - 4) : h.start].lower() != "the ":
            continue  # "The Valley" (Anguilla) is not "Tennessee Valley"
        # Washington, D.C.
        if row[0] == "Washington, D.C.":
            m = _DC.match(text, end)
            if m:
                h.end = m.end()
        out.append((h, rid, role, ev))

    if surnames:
        # rule 6b: one sense per document for people: a town or county whose name the document
        # writes after a title ("Secretary Austin", "Mayor Hamilton") is that person elsewhere in
        # it too ("Austin said"), unless the text places it there: a qualifier, the dateline, or a
        # locative word before it
        out = [
            t
            for t in out
            if not (
                t[0].key in surnames
                and t[2] == "name"
                and rows[t[1]][1] in ("city", "admin2")
                and t[3] not in ("qualified", "dateline")
                and _prev_word(text, t[0].start) not in LOCATIVE
            )
        ]
    # rule 4: Washington / Georgia in US company
    us_sents: dict[int, set[str]] = {}
    us_states_in: dict[int, set[str]] = {}
    for h, rid, _, _ in out:
        r = rows[rid]
        if r[2] == "USA" and r[1] in ("admin1", "city", "admin2") and r[0] != "Washington, D.C.":
            s = sent_of(h.start)
            us_sents.setdefault(s, set()).add(r[0])
            if r[1] == "admin1":
                us_states_in.setdefault(s, set()).add(r[0])
    # a town or county of the US state kept in the document ("north Georgia ... metro Atlanta"),
    # which names no other country than the US and keeps no town of the country Georgia
    georgia_towns = (
        not (ctx.named_iso - {"USA", "GEO"})
        and any(raw[t[1]][9] == "US.GA" and raw[t[1]][1] in ("city", "admin2") for t in out)
        and not any(raw[t[1]][2] == "GEO" and raw[t[1]][1] != "country" for t in out)
    )
    final = []
    for i, (h, rid, role, ev) in enumerate(out):
        r = rows[rid]
        name = r[0]
        if role != "demonym" and name == "New York City" and key_of(text[h.start : h.end]) == "new york":
            states = us_states_in.get(sent_of(h.start), set()) - {"New York"}
            if states:  # "Texas, Kansas and New York": the state
                rid, ev = g.us_state.get("new york", rid), "nearby"
        if role != "demonym" and (name == "Washington, D.C." or (name == "Georgia" and r[1] == "country")):
            surface_key = key_of(text[h.start : h.end])
            after_town = i > 0 and text[out[i - 1][0].end : h.start] == ", "
            after_us_town = after_town and rows[out[i - 1][1]][2] == "USA"
            if after_town and not after_us_town and rows[out[i - 1][1]][2] == r[2]:
                pass  # "Tbilisi, Georgia": the country, whatever else the document names
            elif surface_key == "georgia" and (ctx.us_local or georgia_towns):
                rid, ev = g.us_state.get(surface_key, rid), "qualified" if after_us_town else "document"
            elif surface_key in ("washington", "georgia"):
                others = us_sents.get(sent_of(h.start), set()) - {"Washington", "Georgia"}
                if others or after_us_town:
                    rid = g.us_state.get(surface_key, rid)
                    ev = "qualified" if after_us_town else "nearby"
        # rule 7: in_name
        if (
            role == "name"
            and h.tpl.facts is not None
            and h.tpl.facts.in_name
            and not (raw[rid][1] == "city" and _in_dateline(ctx, h))
        ):
            role = "in_name"
        if (
            role == "in_name"
            and raw[rid][1] in ("city", "admin2")
            and ev not in ("name", "qualified")
            and not (ev == "document" and any(inherent(raw[c]) for c in h.cands))
            and not (ev in ("document", "nearby", "dateline") and "small" not in raw[rid][10])
            and not self_named(raw[rid])  # "Walker County Fairgrounds", "Tarrant County Medical Examiner"
        ):
            # a town inside the name of a thing counts only when its name is known by itself or
            # the document places a town of 15,000 people or more ("Harvard University" in a story
            # about Massachusetts no; "Paris Public Library" in Paris, Illinois, and "the
            # Corsicana Police Department" in a story that names Texas, yes)
            continue
        final.append((h, rid, role, ev))
    # rule 10: the abbreviation that qualifies a kept town ("Louisville, Ky.") is a mention too
    extra = []
    for i in range(len(hits)):
        q = quals[i]
        if q is not None and q.abbreviation and decided[i] is not None and decided[i][2] == "qualified":  # type: ignore[index]
            extra.append((_span_hit(text, q.start, q.end, q.rows), q.rows[0], "name", "qualified"))
    if ctx.dateline_qual is not None and ctx.dateline_qual.abbreviation:
        q = ctx.dateline_qual
        if not any(e[0].start == q.start for e in extra):
            extra.append((_span_hit(text, q.start, q.end, q.rows), q.rows[0], "name", "dateline"))
    if counties:  # the items of a county list are those counties, whatever was found there
        final = [t for t in final if not any(a < t[0].end and t[0].start < b for a, b, _ in counties)]
        for a, b, rid in counties:
            extra.append((_span_hit(text, a, b, (rid,)), rid, "name", "qualified"))
    # rule 10b: an abbreviation written by itself ("across NSW and Queensland", "in B.C.", after an
    # unknown town "Lumpkin, Ga.", a party label "D-N.D.")
    taken = _Spans([(t[0].start, t[0].end) for t in final] + [(e[0].start, e[0].end) for e in extra])
    for a, b, rid, qualified in abbrs:
        if taken.overlaps(a, b):
            continue
        if not qualified and raw[rid][2] not in ctx.named_iso and raw[rid][2] not in ctx.division_iso:
            continue  # alone, where the document names neither its country nor a division of it
        extra.append((_span_hit(text, a, b, (rid,)), rid, "name", "qualified" if qualified else "document"))
    if extra:
        final = sorted([*final, *extra], key=lambda t: t[0].start)
    return final


class _Spans:
    """Spans of text, for "does (a, b) overlap any of them?" in O(log n): the largest end among
    the spans that start before ``b`` is past ``a``."""

    __slots__ = ("max_end", "starts")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans.sort()
        self.starts = [s for s, _ in spans]
        self.max_end = list(itertools.accumulate((e for _, e in spans), max))

    def overlaps(self, a: int, b: int) -> bool:
        i = bisect.bisect_left(self.starts, b)
        return i > 0 and self.max_end[i - 1] > a


def _span_hit(text: str, a: int, b: int, rows: tuple[int, ...]) -> _Hit:
    """A hit for ``text[a:b]`` that the matcher did not make: an abbreviation ("Ky." in
    "Louisville, Ky.", "NSW"), an item of a county list."""
    key = key_of(text[a:b])
    return _Hit(a, b, _standalone_tpl(0, b - a, rows, key), a, key)


def _after_title(text: str, h: _Hit) -> bool:
    """Whether a title stands right before the name ("Secretary Austin"; not "Governor of Texas")."""
    return _prev_word(text, h.start) in TITLES and not text[max(0, h.start - 4) : h.start].strip().endswith("of")


def _decide(
    text: str,
    h: _Hit,
    g: Gazetteer,
    ctx: Context,
    q: Any,
    listed: bool,
    prev_end: int,
    info: dict[int, Any],
    chosen: dict[Any, Any],
    prev_rid: int | None = None,
) -> tuple[_Hit, int, str, float] | None:
    """The row a name means and the evidence, or None when the name is dropped. ``listed``: the
    name follows a kept one in a list ("X and Y", "X, Y"); ``prev_end``: where that one ends;
    ``prev_rid``: the row that one means; ``info`` caches rows for ``choose``, ``chosen`` its
    answers while the context stays the same."""
    if h.role != "name":
        return (h, h.cands[0], "name", NAME)
    raw = g.raw
    f0 = raw[h.cands[0]]
    if len(h.cands) == 1 and f0[1] in ("country", "region"):
        return (h, h.cands[0], "name", NAME)
    if listed and text[prev_end : h.start] == ", " and len(h.cands) > 1:
        # "Buffalo, New York": after a town, the name of the state or country it lies in is that
        # region (not "New York City, Long Island": the Bahamas' Long Island holds no New York);
        # after a region, a region ("the West Bank, Gaza": the Gaza Strip)
        regions = tuple(c for c in h.cands if raw[c][1] in ("country", "admin1"))
        pf = raw[prev_rid] if prev_rid is not None else None
        if regions and pf is not None and pf[1] in ("city", "admin2"):
            regions = tuple(
                c for c in regions if raw[c][2] == pf[2] and (raw[c][1] == "country" or raw[c][9] == pf[9] != "")
            )
        if regions:
            return (h, regions[0], "qualified", NAME)
    prev = _prev_word(text, h.start)
    trig = listed or triggered(text, h.start, h.end, prev) or (prev in LOCATIVE and not cites(text, h.start, prev))
    in_dl = _in_dateline(ctx, h)
    # a trigger that places even the only place of its name: not a possessive or a compound after
    # it ("in Obama's stimulus law", "Obama-era"), nor a preposition a person or firm takes
    # ("inherited from Obama", "sold to Honda", "a poll from Gallup")
    loc = (
        trig
        and prev not in _NOT_LOCATIVE
        and not text.startswith(("'s", "’s"), h.end)
        and _COMPOUND_AFTER.match(text, h.end) is None
    )
    if q is None:  # the same name with the same evidence in the same document: the same answer
        ck = (id(h.cands), in_dl, trig, loc)
        res = chosen.get(ck, False)
        if res is False:
            res = chosen[ck] = choose(h.cands, g, ctx, None, in_dl, trig, info, loc)
    else:
        res = choose(h.cands, g, ctx, q, in_dl, trig, info, loc)
    if res is None:
        return None
    rid, ev, score = res
    return (h, rid, ev, score)
