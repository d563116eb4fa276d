"""Evidence from the document for a candidate place: which homonym a name means, and whether a
town or province that needs support has it (rules 2, 2b, 3 and 8 of the package docstring).

What is in it: the document's context (countries and first-level divisions it names, its
dateline), the ", <region>" qualifier after a name (with state and province abbreviations), the
trigger words around a name, and ``choose``, which scores every candidate of a name and returns
the chosen row with the evidence that chose it. What is not: finding names (``matcher``), people,
roles and Washington/Georgia (``rules``).

Evidence, strongest first (the ``evidence`` column of ``mentions``):

* ``qualified`` — ", <its country, state or province>" follows ("Paris, Texas", "London, Ont."),
  or the name is an item of a list of counties ("Becker, Clay and Otter Tail counties": ``lists``).
* ``dateline`` — the name opens the document as a dateline ("ALEXANDRIA, La. --"); among
  homonyms, when the first in order of preference lies in no state or country the document
  names, one that does.
* ``name`` — the name is enough: a country, region, US state or listed province, or a capital or
  a city of 1,000,000 people or more, or a city named without its country in this genre, whose
  country is named in the document or that has no homonym in a named state or country.
* ``document`` — its state or province (US towns, small towns), or its country (other towns and
  provinces), is named somewhere in the document. This also settles a name that is a place in
  any case: a foreign capital or big city (or a foreign country in a US story) whose country the
  document does not name gives way to a homonym, however small, in a state or province the
  document names ("Paris" in a story that names Illinois is Paris, Illinois).
* ``nearby`` — other towns the document names with evidence lie in the same state or province.
* ``trigger`` — a locative or trigger word before it ("in", "near", "residents of", "the town of",
  a person's age in news style: "Howard Brown, 45, of Las Vegas"), "-based" after it, or, in news
  style, a noun of its people or police after it ("a Gainesville man", "Nashville police", "the
  Hanover area"), for a city of 100,000 people or more, or a town of 15,000 or more that is the
  only place of its name in the gazetteer and no ordinary word, after a trigger that places it
  ("in Schaumburg"; not "from Obama", "Obama's", "Obama-era").
* ``population`` — several homonyms have the same evidence: the most populous was taken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .abbreviations import ABBREVIATIONS, STANDALONE
from .gazetteer import Gazetteer, key_of
from .wordlists import DATE_WORDS, TITLES, TRIGGER_BEFORE, TRIGGER_OF

BIG_CITY = 1_000_000  # a city this large is known by its name alone
BIG_PROVINCE = 5_000_000  # so is a first-level division this populous (people in its towns)
TRIGGER_CITY = 100_000  # a trigger word alone supports a city or province this large

# scores (higher wins; equal scores fall back to the gazetteer's order of preference)
QUALIFIED, DATELINE, NAME, NAME_ABROAD, DOCUMENT, DOCUMENT_COUNTRY, NEARBY, COUNTY, TRIGGER = (
    6.0,
    5.0,
    3.0,
    2.0,
    2.5,
    2.2,
    2.1,
    1.5,
    1.0,
)

_QUAL = re.compile(r", ((?:[A-Z][\w.']*|[A-Z]\. ?[A-Z][\w.]*)(?: [A-Z][\w.']*){0,2})")
_DATELINE = re.compile(
    # the place, in capitals, opening the text, a line or a sentence
    r"(?:\A|(?<=[.!?\n])|(?<=[.!?] ))\s*([A-Z][A-Z.'\- ]{1,40}[A-Z.])"
    r"(?:, ([A-Z][A-Za-z.]{1,15}(?: ?[A-Z][A-Za-z.]+){0,2}))?"  # its state or country
    # then a dash, colon or bar, or the agency in brackets with or without one ("ATLANTA (AP) An")
    r"\s*(?:\([A-Za-z .]{1,25}\)\s*(?:(?:--|—|–|-|:|\|)\s)?|(?:--|—|–|-|:|\s\|)\s)"
)


@dataclass
class Qualifier:
    """ ", <region>" after a name: the region's rows, its country codes and division codes, its
    span, and the abbreviation's row when it is one ("Ky.")."""

    start: int
    end: int
    iso3: set[str]
    admin1: set[str]
    rows: tuple[int, ...]
    abbreviation: bool


@dataclass
class Context:
    """What the whole document says about where it is."""

    named_iso: set[str] = field(default_factory=set)
    us_local: bool = False  # names US states or counties and no other country (but by a US town's name)
    us_states: bool = False  # names a US state (or a county, a qualifier or a dateline gives one)
    named_admin1: set[str] = field(default_factory=set)
    nearby_admin1: set[str] = field(default_factory=set)
    dateline: tuple[int, int] | None = None  # span of the dateline's place
    dateline_qual: Qualifier | None = None
    counties: list[tuple[int, int, int]] = field(default_factory=list)  # rule 11: (start, end, row id)
    division_iso: set[str] = field(default_factory=set)  # countries of the first-level divisions named
    joined: dict[int, str] = field(default_factory=dict)  # start of a town or county → state ("Athens-Clarke County")


def abbreviation_row(abbr: str, g: Gazetteer) -> int | None:
    """The division row of a state or province abbreviation ("Ky." → Kentucky), or None."""
    hit = ABBREVIATIONS.get(abbr)
    if hit is None:
        return None
    iso3, name = hit
    if iso3 == "USA" and key_of(name) in g.us_state:  # "Ga.": the state, not the country
        return g.us_state[key_of(name)]
    for rid in g.exact.get(key_of(name), ()):
        f = g.raw[rid]
        if f[1] == "admin1" and f[2] == iso3:
            return rid
    return None


def qualifier(text: str, end: int, g: Gazetteer, cache: dict[Any, Any]) -> Qualifier | None:
    """The ", <country, state, province or abbreviation>" right after ``end``, or None."""
    if not text.startswith(", ", end):
        return None
    m = _QUAL.match(text, end)
    if m is None:
        return None
    grp = m.group(1)
    ck = ("qual", grp)
    if ck in cache:
        res = cache[ck]
    else:
        res = cache[ck] = _qualifier_of(grp, g)
    if res is None:
        return None
    n, iso3, admin1, rows, abbr = res
    start = m.start(1)
    return Qualifier(start, start + n, iso3, admin1, rows, abbr)


def _qualifier_of(grp: str, g: Gazetteer) -> tuple[int, set[str], set[str], tuple[int, ...], bool] | None:
    words = grp.split(" ")
    for j in range(len(words), 0, -1):
        s = " ".join(words[:j])
        for cand in (s, s.rstrip(".") + "." if not s.endswith(".") else s, s.rstrip(".")):
            rid = abbreviation_row(cand, g)
            if rid is not None and (len(cand) > 2 or cand.isupper()):
                n = len(cand) if grp.startswith(cand) else len(s)
                f = g.raw[rid]
                return (n, {f[2]}, {f[9]} if f[9] else set(), (rid,), True)
        k = key_of(s.rstrip("."))
        rows = tuple(r for r in g.exact.get(k, ()) if g.raw[r][1] in ("country", "admin1", "admin2"))
        st = g.us_state.get(k)
        if rows and st is not None and st not in rows:
            rows = (*rows, st)  # "Atlanta, Georgia": the state too, whose key is the country's
        if rows:
            iso3 = {g.raw[r][2] for r in rows}
            admin1 = {g.raw[r][9] for r in rows if g.raw[r][9]}
            n = len(s.rstrip("."))
            return (n, iso3, admin1, rows, False)
    return None


def dateline(text: str, g: Gazetteer, cache: dict[Any, Any]) -> tuple[tuple[int, int], Qualifier | None] | None:
    """The dateline's place span and qualifier ("CHARLESTON, W.Va. --"), or None. It opens the
    text or the sentence after the first (a title may come first), within the first 400 characters;
    or it is a line of its own there that gives a place and a date, as statements do ("Frankfurt,
    12 October 2026", "Elmau, Germany, June 28, 2022")."""
    m = _DATELINE.search(text, 0, 400)
    if m is None:
        b = _DATELINE_BARE.match(text)
        if b is not None and _bare_dateline_town(b.group(1), g):
            m = b
    if m is None:
        d = _PLACE_DATE_LINE.search(text, 0, 400)
        if d is None:
            return None
        span = (d.start(1), d.end(1))
        return span, qualifier(text, span[1], g, cache) if d.group(2) else None
    place = m.group(1).strip()
    if not place.isupper() or len(place.replace(".", "")) < 3:
        return None
    span = (m.start(1), m.start(1) + len(place))
    q = None
    if m.group(2):
        q = qualifier(text, span[1], g, cache)
    return span, q


# the place in capitals opening the text, its dash lost, before the first sentence ("DETROIT The
# U.S. Transportation Department...", "OKLAHOMA CITY The Latest on..."): the whole run must be a
# place's name (not "ATLANTA IS GROWING. The city...")
# (the empty group 2 stands for _DATELINE's qualifier, which this form never has)
_DATELINE_BARE = re.compile(r"\s*([A-Z][A-Z'\-]{2,}(?: [A-Z][A-Z'\-]+){0,3})()\s+(?=[A-Z][a-z])")


def _bare_dateline_town(run: str, g: Gazetteer) -> bool:
    """Whether a capitalised run opening the text without a dash can be a dateline: the whole run
    is the name of towns only (no country, region or division: "PANAMA", "LEBANON", "MIDDLE EAST"),
    the first of them of 15,000 people or more and no ordinary word ("INDEPENDENCE", "NICE"), and
    the run is no acronym ("NATO") nor the head of a heading ("THE WHITE HOUSE")."""
    if run in g.acronyms or run.startswith("THE "):
        return False
    rids = g.exact.get(key_of(run))
    if not rids or any(g.raw[r][1] != "city" for r in rids):
        return False
    flags = g.raw[rids[0]][10]
    return "small" not in flags and "common" not in flags


_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# a line of its own with a place, perhaps its country, and a date: "Frankfurt, 12 October 2026"
_PLACE_DATE_LINE = re.compile(
    r"(?:\A|(?<=\n))[ \t]*([A-Z][\w.'\-]*(?: [A-Z][\w.'\-]*){0,3})(, [A-Z][\w.']*(?: [A-Z][\w.']*){0,2})?, "
    rf"(?:\d{{1,2}} {_MONTH} \d{{4}}|{_MONTH} \d{{1,2}}, \d{{4}})[ \t]*(?=\n|\Z)"
)
_WORD_OF = re.compile(r"([A-Za-z]+) of\Z")
# news style: the town a person lives in, or its police, written before the noun
_PEOPLE_AFTER = re.compile(
    r"[ -](?:man|woman|men|women|teen|teenager|boy|girl|resident|residents|native|natives|couple|"
    r"police|area|community|judge|jury)\b"
)
_AGE_OF = re.compile(r"(?<![\d,.])\d{1,3}, of\Z")


def cites(text: str, start: int, prev: str) -> bool:
    """Whether the name at ``start`` follows "according to", which cites a source and places
    nothing ("according to Xinhua", "according to Texas officials" is placed by other words)."""
    return prev == "to" and text[max(0, start - 13) : start].lower().startswith("according")


def triggered(text: str, start: int, end: int, prev: str) -> bool:
    """A trigger word before the name ("in", "near", "residents of", "the town of"), or "-based" or
    a noun of its people or police after it ("a Gainesville man", "Nashville police")."""
    if prev in TRIGGER_BEFORE and prev != "of":
        return not cites(text, start, prev)
    if prev == "of":
        seg = text[max(0, start - 30) : start].rstrip()
        m = _WORD_OF.search(seg)
        if m is not None and m.group(1).lower() in TRIGGER_OF:
            return True
        if _AGE_OF.search(seg):
            return True  # news style: "Howard Brown, 45, of Las Vegas"
    if text.startswith("-based", end):
        return True
    return _PEOPLE_AFTER.match(text, end) is not None  # "a Chiefland man, 19", "Nashville police"


def inherent(f: list[str]) -> bool:
    """A place whose name alone is enough (countries, regions, US states, listed provinces,
    capitals, cities named without their country, cities of ``BIG_CITY`` people)."""
    kind, flags = f[1], f[10]
    if kind in ("country", "region"):
        return True
    if kind == "admin1":  # listed by hand, a US state, or 5,000,000 people or more ("Sichuan")
        return ("iso3166_2" not in flags and "former" not in flags) or int(f[6] or 0) >= BIG_PROVINCE
    if kind == "city":
        if "small" in flags:
            return False
        return "capital" in flags or "known" in flags or int(f[6] or 0) >= BIG_CITY
    return False


def self_named(f: list[str]) -> bool:
    """A county whose name says what it is ("Walker County", "County Cork", "Orleans Parish"):
    a place even inside the name of a thing ("Walker County Fairgrounds")."""
    if f[1] != "admin2":
        return False
    name = f[0]
    return name.endswith((" County", " Parish", " Borough")) or name.startswith("County ")


def _trie_pattern(words: list[str]) -> str:
    """One regular expression for ``words`` as a trie ("N.B." and "Neb." share their "N"): each
    position of the text is tried once per letter, not once per word; the longest word wins."""
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + emit(node[ch]) for ch in sorted(node) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


# rule 10b: every abbreviation but the two-letter postal codes (the pattern opens with the
# abbreviations themselves, so that the scan can skip to their first letters; what may stand
# before or after one is checked in ``standalone_abbreviations``)
_ABBR_ALONE = re.compile(_trie_pattern([a for a in ABBREVIATIONS if not (len(a) == 2 and a.isupper())]))
_PARTY = frozenset(("D-", "R-", "I-"))
_NAME_COMMA = re.compile(r"([A-Z][\w.'-]*), \Z")
_ERA_BEFORE = re.compile(r"(?:\d\w*|\bcentury|\bcenturies|\bmillennium)\s*\Z", re.IGNORECASE)
# "Naoto Kan.", "Racing NSW", "Mr. Del"; not a sentence's last word ("at Randwick. NSW Minister")
_CAPITAL_BEFORE = re.compile(
    r"(?:[A-Z][\w'-]*|\b(?:Mr|Mrs|Ms|Dr|St|Gov|Sen|Rep|Gen|Lt|Col|Sgt|Capt|Prof|Hon|Amb)\.|[A-Z]\.(?:[A-Z]\.)+) \Z"
)
_NAME_AFTER = re.compile(r" [A-Z][a-z]+ [A-Z][a-z]")  # "Del. Danica Roem", "Md. Shahriar Alam"


def standalone_abbreviations(text: str, g: Gazetteer) -> list[tuple[int, int, int, bool]]:
    """State and province abbreviations written by themselves (rule 10b): (start, end, row id,
    qualified). ``qualified``: after a capitalised word and a comma ("Lumpkin, Ga."; not after a
    day, a month or a title) or in a party label ("D-N.D."); else one of ``STANDALONE`` alone,
    after no capitalised word, which counts only where the document names its country or one of
    its divisions (the caller checks). None before a person's name ("Del. Danica Roem")."""
    if "." not in text and "NSW" not in text and "Qld" not in text:
        return []
    out = []
    n = len(text)
    for m in _ABBR_ALONE.finditer(text):
        a, b = m.span()
        if b < n and (text[b].isalnum() or text[b] in "&_"):
            continue  # part of a longer word ("Ont.X"; "Calif.-based" is kept)
        party = text[a - 2 : a] in _PARTY and (a < 3 or not text[a - 3].isalnum())
        if a > 0 and not party and (text[a - 1].isalnum() or text[a - 1] in ".&-_"):
            continue
        abbr = m.group()
        rid = abbreviation_row(abbr, g)
        if rid is None:
            continue
        if party:
            out.append((a, b, rid, True))  # "D-N.D."
            continue
        before = text[max(0, a - 40) : a]
        if _NAME_AFTER.match(text, b):
            continue  # a title or a first name before a person's name: "Del. Danica Roem"
        qual = _NAME_COMMA.search(before)
        if qual is not None:
            if qual.group(1) not in DATE_WORDS and qual.group(1).rstrip(".") not in TITLES:
                out.append((a, b, rid, True))  # "Lumpkin, Ga."
        elif abbr in STANDALONE and not _ERA_BEFORE.search(before) and not _CAPITAL_BEFORE.search(before):
            out.append((a, b, rid, False))
    return out


def _fits(a1: str, iso3: str, q: Qualifier) -> bool:
    """Whether a place in division ``a1`` of country ``iso3`` lies in the region a qualifier names
    (its division when it names one of that country, else its country)."""
    if a1 and a1 in q.admin1:
        return True
    if iso3 not in q.iso3:
        return False
    cc = a1.partition(".")[0]
    return not (cc and any(c.partition(".")[0] == cc for c in q.admin1))


def static_info(rid: int, g: Gazetteer, info: dict[int, tuple[Any, ...]]) -> tuple[Any, ...]:
    """What ``choose`` reads of a row, once per row: ``(kind, iso3, admin1, common, small,
    inherent, population)``; kept in ``info``."""
    f = g.raw[rid]
    flags = f[10]
    r = info[rid] = (f[1], f[2], f[9], "common" in flags, "small" in flags, inherent(f), int(f[6] or 0))
    return r


def choose(
    cands: tuple[int, ...],
    g: Gazetteer,
    ctx: Context,
    qual: Qualifier | None,
    in_dateline: bool,
    trigger: bool,
    info: dict[int, tuple[Any, ...]] | None = None,
    locative: bool = False,
) -> tuple[int, str, float] | None:
    """The chosen row id, its evidence and its score, or None when nothing supports the name.
    ``info`` caches ``static_info`` across calls; ``locative``: the trigger places the name by
    itself, enough for the only place of its name ("in Schaumburg"; not "from Obama", "sold to
    Honda", "Obama's", "Obama-era")."""
    if info is None:
        info = {}
    named_admin1, named_iso, nearby = ctx.named_admin1, ctx.named_iso, ctx.nearby_admin1
    best: list[tuple[float, int, str, int]] = []  # (score, row id, evidence, people) of the best score, in cands order
    top = 0.0
    # towns and counties of a state or province the document names that score below a foreign
    # place known by name: (people, row id)
    local: list[tuple[int, int]] = []
    for rid in cands:
        kind, iso3, a1, common, small, inh, pop = info.get(rid) or static_info(rid, g, info)
        score, ev = 0.0, ""
        if qual is not None and kind != "country" and _fits(a1, iso3, qual):
            score, ev = QUALIFIED, "qualified"
        if not score and in_dateline:
            dq = ctx.dateline_qual
            if dq is None or _fits(a1, iso3, dq):
                score, ev = DATELINE, "dateline"
        if not score:
            a1_named = bool(a1) and a1 in named_admin1
            iso_named = bool(iso3) and iso3 in named_iso and (iso3 != "USA" or kind == "admin1")
            if inh:
                if kind == "city" and not (a1_named or iso3 in named_iso) and (named_iso or named_admin1):
                    score, ev = NAME_ABROAD, "name"
                elif kind == "country" and ctx.us_local and iso3 != "USA":
                    score, ev = NAME_ABROAD, "name"  # a US story: a town of a named state beats it
                else:
                    score, ev = NAME, "name"
            elif common:
                if trigger and (a1_named or iso_named):
                    score, ev = DOCUMENT, "document"
                elif trigger and not small and pop >= TRIGGER_CITY:
                    score, ev = TRIGGER, "trigger"
            elif a1_named and (not small or trigger):
                score, ev = DOCUMENT, "document"
            elif iso_named and not small:
                score, ev = DOCUMENT_COUNTRY, "document"
            elif a1 and a1 in nearby and (trigger or not small):
                score, ev = NEARBY, "nearby"
            elif kind == "admin2" and iso3 == "USA":
                score, ev = COUNTY, "name"  # "Laurel County" says what it is; "Kent" needs its country
            elif trigger and kind in ("city", "admin1") and not small and pop >= TRIGGER_CITY:
                score, ev = TRIGGER, "trigger"
            elif locative and kind == "city" and not small and len(cands) == 1:
                score, ev = TRIGGER, "trigger"  # the only place of its name: "in Schaumburg"
        if score < NAME_ABROAD and kind in ("city", "admin2") and a1 and a1 in named_admin1:
            local.append((pop, rid))
        if score == NAME and not best and qual is None and not in_dateline:
            # the first candidate is known by name and nothing can score higher (no qualifier,
            # no dateline): it wins, as the loop would find (a tie keeps the first, by name)
            return rid, ev, score
        if score > top:
            top, best = score, [(score, rid, ev, pop)]
        elif score == top and score > 0:
            best.append((score, rid, ev, pop))
    if not best:
        return None
    if best[0][2] == "dateline" and len(best) > 1:
        # a dateline names a town: "GENEVA --" is the city, not the canton of the same name
        best = [b for b in best if info[b[1]][0] == "city"] or best
    score, rid, ev, _ = best[0]
    if top == NAME_ABROAD and local:
        # the name is a place in any case (a foreign capital or big city, or a foreign country in a
        # US story, whose country the document does not name): which one is settled by the
        # document, "Paris" in a story that names Illinois is the Illinois town
        rid = max(local)[1]  # the most populous
        return rid, "document", DOCUMENT
    if ev == "dateline" and len(best) > 1 and info[rid][2] not in named_admin1 and info[rid][1] not in named_iso:
        # "HAMILTON —" in a story that names Ohio's counties, not Bermuda: the homonym whose
        # state or province (else country) the document names
        named = [r for _, r, _, _ in best if info[r][2] in named_admin1] or [
            r for _, r, _, _ in best if info[r][1] in named_iso and info[r][0] != "country"
        ]
        if named:
            rid = named[0]
    if ev in ("document", "nearby", "trigger") and len(best) > 1 and info[rid][0] == "city":
        towns = [(p, -i, r) for i, (_, r, _, p) in enumerate(b for b in best if info[b[1]][0] == "city")]
        if len(towns) > 1:  # towns of the same name with the same evidence: the most populous
            rid, ev = max(towns)[2], "population"
    return rid, ev, score
