"""Term frequency: counts, phrases, collocations, TF-IDF, keyness, keyword in context, dispersion.

What is here (every function takes a ``Statement``, a corpus table, or — to save re-tokenising a
corpus — a token table from ``sa.tidy.tokens``, and returns a plain DataFrame):

* ``frequencies(x, *, ngram=1, by=None, ...)`` — term and n-gram counts with ``share``, ``rank``,
  and in how many documents and paragraphs each term occurs.
* ``collocations(x, ...)`` — two-word collocations scored by log-likelihood (G²) and PMI, with the
  counts each score is computed from.
* ``tfidf(x, *, by="paragraph"|"document", ...)`` — TF-IDF with scikit-learn's
  ``TfidfVectorizer`` default weighting (raw counts × smoothed idf, rows l2-normalised).
* ``keyness(target, reference, ...)`` — terms over- and under-used in a target against a
  reference (signed chi² and G², p-values, log ratio), as quanteda's ``textstat_keyness``.
* ``kwic(x, pattern, ...)`` — every occurrence of a word, glob, regular expression or phrase
  with its left and right context, paragraph and character offsets.
* ``dispersion(x, patterns, ...)`` — where each occurrence falls along the text.
* ``stopword_list(...)`` / ``boilerplate_words()`` — the stop lists used.

Counting rules (shared by everything here): tokens come from ``sa.tidy.tokens``; punctuation is
never a term; each token counts as its ``sa.tidy.term_forms`` string (``form=``) — case-folded (``"lower"``),
lemmatised (``"lemma"``) or as written (``"text"``) — and with ``aliases=True`` (default) every spelling of
an alias counts as its label (``ISIS``, ``Daesh`` and ``Da'esh's`` head all count as ``Da'esh``;
the possessive ``'s`` is its own token, a stop word). Stop words are the Snowball English list
shipped with the package (``sa.tidy.stopwords()``); ``boilerplate=True`` adds the package's list
of diplomatic speech-act words ("welcome", "reaffirm", "underscore"...). Numbers are left out
unless ``numbers=True``. N-grams are runs of adjacent counted tokens that neither start nor end
with a stop word (or number) and never cross a sentence boundary or a punctuation mark (so
"Iraq, Syria" is not the bigram "iraq syria"); stop words inside are kept ("rule of law").

What is not here: plots (``statement_analysis.plots.terms``), themes and places (their own
modules). Written by hand rather than with a library because the statistics are a few lines of
vectorised pandas/numpy each and must work on the package's own tokens, offsets and aliases;
the TF-IDF weighting is tested against scikit-learn and the keyness formulas against worked
examples.
"""

from __future__ import annotations

from ..errors import TermsError
from .context import dispersion, kwic
from .counts import collocations, frequencies, tfidf
from .keyness import keyness, keyness_table
from .stoplists import boilerplate_words, stopword_list

__all__ = [
    "TermsError",
    "boilerplate_words",
    "collocations",
    "dispersion",
    "frequencies",
    "keyness",
    "keyness_table",
    "kwic",
    "stopword_list",
    "tfidf",
]
