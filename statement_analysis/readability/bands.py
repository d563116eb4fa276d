"""Bands for reading the scores: Flesch's table, Dale and Chall's, US school grades."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from ..errors import ReadabilityError

if TYPE_CHECKING:
    import pandas as pd


# ---------------------------------------------------------------------------------------------
# Bands

_BANDS: list[tuple[str, float, float, str, str]] = [
    # Flesch (1949), The Art of Readable Writing: style and estimated school grade
    ("flesch_reading_ease", 90, 100, "Very easy", "5th grade"),
    ("flesch_reading_ease", 80, 90, "Easy", "6th grade"),
    ("flesch_reading_ease", 70, 80, "Fairly easy", "7th grade"),
    ("flesch_reading_ease", 60, 70, "Standard", "8th and 9th grade"),
    ("flesch_reading_ease", 50, 60, "Fairly difficult", "10th to 12th grade (high school)"),
    ("flesch_reading_ease", 30, 50, "Difficult", "13th to 16th grade (college)"),
    ("flesch_reading_ease", -math.inf, 30, "Very difficult", "college graduate"),
    # Dale & Chall (1948, as revised 1995): adjusted score to grade level
    ("dale_chall_readability_score", -math.inf, 5, "4th grade and below", "grade 4 and below"),
    ("dale_chall_readability_score", 5, 6, "5th–6th grade", "grades 5 and 6"),
    ("dale_chall_readability_score", 6, 7, "7th–8th grade", "grades 7 and 8"),
    ("dale_chall_readability_score", 7, 8, "9th–10th grade", "grades 9 and 10"),
    ("dale_chall_readability_score", 8, 9, "11th–12th grade", "grades 11 and 12"),
    ("dale_chall_readability_score", 9, 10, "College", "grades 13 to 15"),
    ("dale_chall_readability_score", 10, math.inf, "College graduate", "grade 16 and above"),
    # US school grades, for every grade formula
    ("grade", -math.inf, 6, "Elementary school", "grades 1–6, ages 6–12"),
    ("grade", 6, 9, "Middle school", "grades 7–8, ages 12–14"),
    ("grade", 9, 13, "High school", "grades 9–12, ages 14–18"),
    ("grade", 13, 17, "College", "years 1–4 of university"),
    ("grade", 17, math.inf, "Graduate", "postgraduate and professional readers"),
]
_FLESCH_TOP = 100  # "Very easy" is 90–100 in Flesch's table; textstat's scores can exceed 100


def score_bands() -> pd.DataFrame:
    """The bands for reading the scores, one row each: ``scale`` (``flesch_reading_ease``,
    ``dale_chall_readability_score`` or ``grade`` for every grade formula), ``low`` (inclusive)
    and ``high`` (exclusive) in the scale's units, ``label`` and ``reader`` (who reads it with
    ease). Sources: Flesch (1949), Dale & Chall (1948/1995), US school grades."""
    import pandas as pd

    return pd.DataFrame(_BANDS, columns=["scale", "low", "high", "label", "reader"])


def band_of(value: float, *, scale: str = "grade") -> str:
    """The ``label`` of the band ``value`` falls in on ``scale`` (see ``score_bands``); a Flesch
    score of 100 or more is "Very easy"."""
    if scale not in {b[0] for b in _BANDS}:
        raise ReadabilityError(
            f"unknown scale {scale!r}: use flesch_reading_ease, dale_chall_readability_score or grade"
        )
    if scale == "flesch_reading_ease" and value >= _FLESCH_TOP:
        return "Very easy"
    for s, low, high, label, _ in _BANDS:
        if s == scale and low <= value < high:
            return label
    raise ReadabilityError(f"no band for {value!r} on {scale}")  # pragma: no cover - bands cover all reals
