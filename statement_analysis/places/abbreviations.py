"""Abbreviations of US states (AP style and postal codes), Canadian provinces and Australian
states (rule 10 of the package docstring).

Data only (facts of common usage); the rules that use them are in ``evidence`` and ``rules``.
"""

from __future__ import annotations

# Abbreviations of US states (AP style and postal codes), Canadian provinces and Australian
# states: abbreviation → (country, name of the division as in the gazetteer). They count only in
# context: right after "<place>, " ("Louisville, Ky.") or in a dateline ("CHARLESTON, W.Va. --"),
# and, all but the two-letter postal codes, after a party label ("Rep. Earl Pomeroy, D-N.D.") or
# after a capitalised word and a comma ("Lumpkin, Ga.", the town unknown; not after a day, a
# month or a title, nor before a name: "On Tuesday, Del. Danica Roem"); those of ``STANDALONE``
# also by themselves, after no capitalised word, where the document names their country or one
# of its divisions ("across NSW and Queensland", "overdose deaths in B.C.").
_US_AP = {
    "Ala.": "Alabama",
    "Ariz.": "Arizona",
    "Ark.": "Arkansas",
    "Calif.": "California",
    "Cal.": "California",
    "Colo.": "Colorado",
    "Conn.": "Connecticut",
    "Del.": "Delaware",
    "Fla.": "Florida",
    "Ga.": "Georgia",
    "Ill.": "Illinois",
    "Ind.": "Indiana",
    "Kan.": "Kansas",
    "Kans.": "Kansas",
    "Ky.": "Kentucky",
    "La.": "Louisiana",
    "Md.": "Maryland",
    "Mass.": "Massachusetts",
    "Mich.": "Michigan",
    "Minn.": "Minnesota",
    "Miss.": "Mississippi",
    "Mo.": "Missouri",
    "Mont.": "Montana",
    "Neb.": "Nebraska",
    "Nebr.": "Nebraska",
    "Nev.": "Nevada",
    "N.H.": "New Hampshire",
    "N.J.": "New Jersey",
    "N.M.": "New Mexico",
    "N.Y.": "New York",
    "N.C.": "North Carolina",
    "N.D.": "North Dakota",
    "Okla.": "Oklahoma",
    "Ore.": "Oregon",
    "Oreg.": "Oregon",
    "Pa.": "Pennsylvania",
    "Penn.": "Pennsylvania",
    "R.I.": "Rhode Island",
    "S.C.": "South Carolina",
    "S.D.": "South Dakota",
    "Tenn.": "Tennessee",
    "Tex.": "Texas",
    "Vt.": "Vermont",
    "Va.": "Virginia",
    "Wash.": "Washington",
    "W.Va.": "West Virginia",
    "W. Va.": "West Virginia",
    "Wis.": "Wisconsin",
    "Wisc.": "Wisconsin",
    "Wyo.": "Wyoming",
}
_US_POSTAL = dict(
    zip(
        "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND "
        "OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY".split(),
        [
            "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware",
            "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky",
            "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri",
            "Montana", "Nebraska", "Nevada", "New Hampshire", "New Jersey", "New Mexico", "New York",
            "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island",
            "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah", "Vermont", "Virginia", "Washington",
            "West Virginia", "Wisconsin", "Wyoming",
        ],
        strict=True,
    )
)  # fmt: skip
_CANADA = {
    "B.C.": "British Columbia",
    "Alta.": "Alberta",
    "Sask.": "Saskatchewan",
    "Man.": "Manitoba",
    "Ont.": "Ontario",
    "Que.": "Quebec",
    "N.B.": "New Brunswick",
    "N.S.": "Nova Scotia",
    "P.E.I.": "Prince Edward Island",
    "Nfld.": "Newfoundland and Labrador",
}
_AUSTRALIA = {
    "NSW": "New South Wales",
    "N.S.W.": "New South Wales",
    "Vic.": "Victoria",
    "Qld": "Queensland",
    "Qld.": "Queensland",
    "Tas.": "Tasmania",
}
ABBREVIATIONS: dict[str, tuple[str, str]] = {
    **{a: ("USA", n) for a, n in _US_AP.items()},
    **{a: ("USA", n) for a, n in _US_POSTAL.items()},
    **{a: ("CAN", n) for a, n in _CANADA.items()},
    **{a: ("AUS", n) for a, n in _AUSTRALIA.items()},
}
# Abbreviations that are no English word, title or name when written alone: the dotted initials
# (not "N.B.", nota bene, nor "N.S."), NSW and Qld, and AP forms that no surname, first name or
# word shares (not "Kan.", "Conn.", "Ark.", "Md." (Mohammad), "Pa.", "Ga.", "Ky.", "Va.", "Vt.",
# "Miss.", "Ind.", "Ill.", "Tex.", "Man.", "Mass.", "Vic.", "Del.", "Cal.", "Penn.", "Wash.", "Mo.",
# "La.": those count only as a qualifier or in a party label).
STANDALONE = frozenset(
    [
        *"B.C. P.E.I. N.C. N.D. N.H. N.J. N.M. N.Y. R.I. S.C. S.D. W.Va. N.S.W. NSW Qld Qld.".split(),
        *"Ala. Ariz. Calif. Colo. Fla. Kans. Minn. Mich. Mont. Neb. Nebr. Nev. Okla.".split(),
        *"Oreg. Tenn. Wis. Wisc. Wyo. Alta. Sask. Ont. Que. Nfld.".split(),
        "W. Va.",
    ]
)
