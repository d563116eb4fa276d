"""Word lists the place rules consult: locative and trigger words, titles, first names that are
also places, and words that may follow a place. The heads of names of things are in ``heads``,
the state and province abbreviations in ``abbreviations``.

Data only; the rules that use them are in ``rules`` and ``evidence``.
"""

from __future__ import annotations

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
        "Premier",
        "Chancellor",
        "Sheriff",
        "Councilman",
        "Councilwoman",
        "Detective",
        "Sergeant",
        "Lieutenant",
        "Colonel",
        "Professor",
        "Prof",
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
FIRST_NAMES = frozenset(
    {"chad", "jordan", "georgia", "israel", "kenya", "india", "chelsea", "sydney", "victoria", "virginia"}
)
# Days and months: "in Quezon City Wednesday evening", "around Riley County Friday night" (news
# style) leave the place a place, not the start of a longer name. "May" is left out (Theresa May).
DATE_WORDS = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April June July "
    "August September October November December".split()
)
# Capitalised words that may follow a place without making it a person's name.
PLACE_WORDS = frozenset(
    [
        "City",
        "Province",
        "Prefecture",
        "Governorate",
        "Oblast",
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
PLACE_WORDS |= frozenset(("Northwest", "Northeast", "Southwest", "Southeast", "Midwest", "Upstate", "Central"))
# Words right before a name that say a place follows ("residents of X", "the town of X").
# Directions that begin names of places ("North Korea", "Central America", "Eastern Europe").
DIRECTIONS = frozenset(
    "north south east west central eastern western northern southern northeast northwest southeast "
    "southwest upper lower".split()
)
# Words that place a part of a place and are never a person's first name ("Southwestern Ontario").
COMPASS_WORDS = DIRECTIONS | frozenset(
    "northeastern northwestern southeastern southwestern upstate downstate downtown uptown midtown "
    "greater metro metropolitan inner outer rural coastal".split()
)
TRIGGER_BEFORE = (
    LOCATIVE
    | frozenset(
        [
            "near",
            "outside",
            "nearby",
            "downtown",
            "suburban",
            "metro",
            "of",
            "across",
            "through",
            "throughout",
            "toward",
        ]
    )
    | (DIRECTIONS - {"north", "south", "east", "west", "upper", "lower"})
)  # "central Tucson"
# Nouns that, before "of", name a place ("the city of X", "residents of X").
TRIGGER_OF = frozenset(
    [
        "city",
        "town",
        "village",
        "township",
        "county",
        "province",
        "state",
        "region",
        "district",
        "capital",
        "suburb",
        "suburbs",
        "outskirts",
        "residents",
        "resident",
        "native",
        "mayor",
        "streets",
        "people",
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "heart",
        "centre",
        "center",
        "area",
        "towns",
        "cities",
        "villages",
        "districts",
        "provinces",
        "regions",
    ]
)
