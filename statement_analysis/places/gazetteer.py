"""The offline gazetteer: lookup keys of names, the ``Gazetteer`` record, loading the shipped
data once per process (the main table and the table of small towns), the order of preference
between homonyms, and the world polygons.

What is not here: finding names in text (``matcher``), the context rules (``rules``).
"""

from __future__ import annotations

import functools
import gzip
import json
import math
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    import pandas as pd


_STRIP = re.compile(r"['.`ʿʾ‘’´]")
_SPACE = re.compile(r"[\s\-‐‑–—/]+")
_ARTICLES = frozenset({"al", "el", "ar", "as", "ad", "an", "at", "ash", "az", "ath", "ed", "es", "en", "et", "er"})


# letters that carry no combining mark to drop ("Østfold", "Łódź", "Diyarbakır", "Đà Nẵng")
_FOLD = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
                       "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "œ": "oe", "Œ": "Oe", "ı": "i"})  # fmt: skip


@functools.lru_cache(maxsize=500_000)
def key_of(name: str) -> str:
    """The lookup key of a name: no diacritics (ø, æ, ł, đ, ı folded too), lower case, no
    apostrophes or full stops, hyphens and dashes as spaces, a leading "the" dropped ("Côte
    d'Ivoire" → "cote divoire")."""
    s = name
    if not s.isascii():
        s = "".join(ch for ch in unicodedata.normalize("NFKD", s.translate(_FOLD)) if not unicodedata.combining(ch))
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
    ``acronyms`` surface → row id, ``by_iso3`` country code → row id, ``us_state`` key → row id,
    ``admin1`` division code ("US.KY", "CN.01") → row id of the first-level division. Rows from
    ``n_main`` on are the small towns of ``data/gazetteer_small.tsv.gz`` (after every main row,
    so still best-first)."""

    raw: _Raw  # row id → fields; small towns are split when first read
    exact: dict[str, list[int]]
    loose: dict[str, list[int]]
    demonyms: dict[str, int]
    acronyms: dict[str, int]
    by_iso3: dict[str, int]
    us_state: dict[str, int]
    first_words: dict[str, int]
    ext_words: frozenset[str]
    ext_prefixes: frozenset[str]
    admin1: dict[str, int]
    n_main: int

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
        cont, sub = f[7], f[8]
        if not cont and f[2] and rid >= self.n_main:  # small towns: their country's
            c = self.raw[self.by_iso3[f[2]]] if f[2] in self.by_iso3 else f
            cont, sub = c[7], c[8]
        return (
            f[0],
            f[1],
            f[2],
            float(f[3]) if f[3] else math.nan,
            float(f[4]) if f[4] else math.nan,
            int(f[5]) if f[5] else None,
            int(f[6]) if f[6] else 0,
            cont,
            sub,
            f[10],
        )


def rank(kind: str, flags: str, population: int) -> tuple[float, int]:
    """Order of preference between homonyms (smaller first): countries and regions, capitals,
    cities of 250,000 people or more, first-level divisions, second-level divisions (counties),
    other cities; then by population (people)."""
    if kind in ("country", "region"):
        r = 0.0
    elif kind == "city" and "capital" in flags:
        r = 1.0
    elif kind == "city" and population >= 250_000:
        r = 1.5
    elif kind == "admin1":
        r = 2.0
    elif kind == "admin2":
        r = 2.5
    else:
        r = 3.0
    return (r, -population)


SMALL_COLUMNS: tuple[str, ...] = ("keys", "place", "iso3", "lat", "lon", "geonames_id", "population", "admin1", "flags")


def _read_lines(name: str, columns: tuple[str, ...]) -> list[str]:
    data = resources.files("statement_analysis").joinpath(f"data/{name}").read_bytes()
    lines = gzip.decompress(data).decode("utf-8").split("\n")
    header = tuple(lines[0].split("\t"))
    if header != columns:
        raise RuntimeError(f"{name} has columns {list(header)}, expected {list(columns)}")
    if not lines[-1]:
        lines.pop()
    return lines[1:]


class _Raw(dict):  # type: ignore[type-arg]
    """``raw[rid]`` → the row's fields in ``Gazetteer.COLUMNS`` order. Main rows are split when
    loaded; small towns (rows from ``n``) are kept as lines and split the first time they are
    read (``__missing__``), so that a lookup is a plain dictionary lookup after that. ``size``
    is the number of rows of both tables."""

    __slots__ = ("n", "size", "small")

    def __init__(self, main: list[list[str]], small: list[str]) -> None:
        super().__init__(enumerate(main))
        self.small, self.n = small, len(main)
        self.size = self.n + len(small)

    def __missing__(self, rid: int) -> list[str]:
        if not self.n <= rid < self.size:
            raise IndexError(rid)
        k, place, iso3, lat, lon, gid, pop, a1, flags = self.small[rid - self.n].split("\t")
        f = self[rid] = [place, "city", iso3, lat, lon, gid, pop, "", "", a1, flags, k, "", "", ""]
        return f


@functools.cache
def load_gazetteer() -> Gazetteer:
    """Read the shipped gazetteer (``data/gazetteer.tsv.gz`` and the small towns of
    ``data/gazetteer_small.tsv.gz``) once per process."""
    import gc

    enabled = gc.isenabled()
    gc.disable()  # hundreds of thousands of small lists: the cycle collector would rescan them
    try:
        return _load()
    finally:
        if enabled:
            gc.enable()


def _load() -> Gazetteer:
    main = [line.split("\t") for line in _read_lines("gazetteer.tsv.gz", Gazetteer.COLUMNS)]
    small = _read_lines("gazetteer_small.tsv.gz", SMALL_COLUMNS)
    n_main = len(main)
    exact: dict[str, list[int]] = {}
    loose: dict[str, list[int]] = {}
    dem: dict[str, int] = {}
    acr: dict[str, int] = {}
    by_iso3: dict[str, int] = {}
    us_state: dict[str, int] = {}
    admin1: dict[str, int] = {}
    get = exact.get
    for rid, f in enumerate(main):
        keys = f[11]
        for k in keys.split("|") if "|" in keys else (keys,):
            if (lst := get(k)) is None:
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
        kind = f[1]
        if kind == "country":
            by_iso3[f[2]] = rid
        elif kind == "admin1":
            if f[9]:
                admin1.setdefault(f[9], rid)
            if "us_state" in f[10]:
                us_state[key_of(f[0])] = rid
    for rid, line in enumerate(small, n_main):  # one key each, in the first column
        k = line[: line.index("\t")]
        if (lst := get(k)) is None:
            exact[k] = [rid]
        else:
            lst.append(rid)
    first: dict[str, int] = {}  # first word of a key -> most words in a key that starts with it
    ext: set[str] = set()
    prefixes: set[str] = set()
    for table in (exact, loose, dem):
        for k in table:
            if " " not in k:
                if k not in first:
                    first[k] = 1
                continue
            parts = k.split(" ")
            if first.get(parts[0], 0) < len(parts):
                first[parts[0]] = len(parts)
            ext.add(parts[-1])
            prefixes.add(k.rpartition(" ")[0])
    for art in _ARTICLES:  # "Ar Raqqa": the loose key drops the article
        first[art] = MAX_WORDS
    return Gazetteer(
        _Raw(main, small),  # type: ignore[arg-type]
        exact,
        loose,
        dem,
        acr,
        by_iso3,
        us_state,
        first,
        frozenset(ext),
        frozenset(prefixes),
        admin1,
        n_main,
    )


def gazetteer() -> pd.DataFrame:
    """The gazetteer as a table: one row per place with ``place``, ``kind``, ``iso3``, ``lat``, ``lon``
    (degrees, WGS84), ``geonames_id``, ``population`` (cities; 0 elsewhere), ``continent``,
    ``subregion`` and ``flags`` (capital, common, us_state, continent, supplement, small, county,
    division2, feature, historical, supranational...). Kinds: country, admin1, admin2 (US, British
    and Irish counties, and second-level divisions ISO 3166-2 lists elsewhere), city,
    region (named regions, continents, natural features, former states, supranational bodies)."""
    return _gazetteer_table().copy()  # a copy: the caller may change it


@functools.cache
def _gazetteer_table() -> pd.DataFrame:
    """``gazetteer()``'s table, made once per process (about 1.5 s)."""
    import pandas as pd

    g = load_gazetteer()
    df = pd.DataFrame([g.row(i) for i in range(g.raw.size)], columns=list(Gazetteer.FIELDS))
    df["geonames_id"] = df["geonames_id"].astype("Int64")
    return df


@functools.cache
def world_polygons() -> dict[str, dict[str, Any]]:
    """Natural Earth 1:110m admin-0 polygons keyed by ADM0_A3: ``{code: {name, iso_a3, continent,
    rings}}``; each ring is a list of ``[lon, lat]`` pairs in degrees (rounded to 0.01°)."""
    text = resources.files("statement_analysis").joinpath("data/ne_110m_admin0.json").read_text("utf-8")
    return json.loads(text)["countries"]


MAX_WORDS = 9  # the longest name in words ("Saint Vincent and the Grenadines" has five)


class _Rows(dict):  # type: ignore[type-arg]
    """``rows[rid]`` → ``g.row(rid)``, memoised (only the rows that are used get parsed; a
    lookup after the first is a plain dictionary lookup)."""

    __slots__ = ("g",)

    def __init__(self, g: Gazetteer) -> None:
        super().__init__()
        self.g = g

    def __missing__(self, rid: int) -> tuple[Any, ...]:
        r = self[rid] = self.g.row(rid)
        return r
