"""The offline gazetteer: lookup keys of names, the ``Gazetteer`` record, loading the shipped
data once per process, the order of preference between homonyms, and the world polygons.

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


MAX_WORDS = 9  # the longest name in words ("Saint Vincent and the Grenadines" has five)


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
