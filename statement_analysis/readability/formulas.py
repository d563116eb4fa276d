"""The nine textstat formulas: what each measures and in what unit (``FORMULAS``), the count
columns they are computed from, and ``score_text``, textstat's arithmetic on those counts.

What is not here: counting words, sentences and syllables (``counter``).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from .counter import Counts


@dataclass(frozen=True)
class Formula:
    """One textstat formula: its column, what it measures and its unit."""

    column: str
    name: str
    measures: str
    unit: str
    grade: bool  # True when the score reads as a US school grade


#: The nine scores, in column order. ``column`` is also the textstat function's name.
FORMULAS: tuple[Formula, ...] = (
    Formula(
        "flesch_reading_ease",
        "Flesch Reading Ease",
        "Ease from sentence length and syllables per word: 100 is very easy, 0 and below very hard.",
        "points (higher = easier)",
        False,
    ),
    Formula(
        "flesch_kincaid_grade",
        "Flesch–Kincaid grade",
        "The same two ingredients, rescaled to the US school grade that can read the text.",
        "US school grade",
        True,
    ),
    Formula(
        "gunning_fog",
        "Gunning Fog index",
        "Years of schooling needed, from sentence length and the share of long unfamiliar words.",
        "US school grade",
        True,
    ),
    Formula(
        "smog_index",
        "SMOG index",
        "Grade from the number of words of three or more syllables per 30 sentences.",
        "US school grade",
        True,
    ),
    Formula(
        "coleman_liau_index",
        "Coleman–Liau index",
        "Grade from letters per word and sentences per word; no syllables needed.",
        "US school grade",
        True,
    ),
    Formula(
        "automated_readability_index",
        "Automated Readability Index",
        "Grade from characters per word and words per sentence.",
        "US school grade",
        True,
    ),
    Formula(
        "dale_chall_readability_score",
        "Dale–Chall score",
        "Share of words outside a list of 3,000 words familiar to fourth-graders, and sentence length.",
        "Dale–Chall points (see bands)",
        False,
    ),
    Formula(
        "linsear_write_formula",
        "Linsear Write",
        "Grade from easy (1–2 syllable) and hard (3+) words in the first 100 words per sentence.",
        "US school grade",
        True,
    ),
    Formula(
        "text_standard",
        "Consensus grade",
        "textstat's consensus: the grade most of the formulas above agree on, kept within 1 to 18.",
        "US school grade",
        True,
    ),
)
SCORE_COLUMNS: tuple[str, ...] = tuple(f.column for f in FORMULAS)
#: The counts on every row, in characters/words/sentences as named (see the module docstring).
COUNT_COLUMNS: tuple[str, ...] = (
    "words",
    "sentences",
    "syllables",
    "polysyllabic_words",
    "difficult_words",
    "complex_words",
    "letters",
    "characters",
    "tokens",
)
_BY = {"document": (), "paragraph": ("para_id",), "sentence": ("para_id", "sent_id")}


def _grades(score: float) -> list[int]:
    return [math.floor(score), math.ceil(score), round(score)]


def score_text(counts: Counts) -> tuple[float, ...]:
    """The nine scores of ``FORMULAS`` from ``count_text`` counts, with textstat's arithmetic
    (same operations in the same order, so the same floats). Units: see ``FORMULAS``."""
    words, sents, syl, poly, diff, comp, letters, chars, ntok, lw_easy, lw_hard, lw_sents = counts
    wps = words / sents if sents else 0.0  # words_per_sentence
    spw = syl / words if words else 0.0  # syllables_per_word
    if wps == 0 or spw == 0:
        fre = fkg = 0.0
    else:
        fre = 206.835 - 1.015 * wps - 84.6 * spw
        fkg = (0.39 * wps) + (11.8 * spw) - 15.59
    fog = 0.0 if not words else 0.4 * (wps + 100 * comp / words)
    smog = 0.0 if not sents else (1.043 * (30 * (poly / sents)) ** 0.5) + 3.1291
    cl_letters = (letters / words if words else 0.0) * 100
    cl_sents = (sents / words if words else 0.0) * 100
    cli = 0.0 if cl_letters == 0 or cl_sents == 0 else (0.058 * cl_letters) - (0.296 * cl_sents) - 15.8
    cpw = chars / ntok if ntok else 0.0
    ari = 0.0 if cpw == 0 or wps == 0 else (4.71 * cpw) + (0.5 * wps) - 21.43
    if not words:
        dale = 0.0
    else:
        per = 100 * diff / words
        dale = (0.1579 * per) + (0.0496 * wps)
        if per > 5:
            dale += 3.6365
    if not lw_sents:
        lw = 0.0
    else:
        number = float((lw_easy * 1 + lw_hard * 3) / lw_sents)
        if number <= 20:
            number -= 2
        lw = number / 2
    # text_standard: floor, ceil and round of each grade, Flesch's band, the most common value
    grade = _grades(fkg)
    if 90 <= fre < 100:
        grade.append(5)
    elif 80 <= fre < 90:
        grade.append(6)
    elif 70 <= fre < 80:
        grade.append(7)
    elif 60 <= fre < 70:
        grade.extend([8, 9])
    elif 50 <= fre < 60:
        grade.append(10)
    elif 40 <= fre < 50:
        grade.append(11)
    elif 30 <= fre < 40:
        grade.append(12)
    else:
        grade.append(13)  # textstat's rule: also for 100 and above
    for s in (smog, cli, ari, dale, lw, fog):
        grade.extend(_grades(s))
    consensus = float(Counter(grade).most_common(1)[0][0])
    # textstat.text_standard (the public method) clamps to grades 1 to 18
    consensus = float(max(1, min(consensus, 18)))
    return (fre, fkg, fog, smog, cli, ari, dale, lw, consensus)
