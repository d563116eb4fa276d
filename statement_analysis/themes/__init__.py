"""Theme breakdown: how much of each paragraph (or document) speaks to each theme, and why.

Themes come in two layers:

* the **general** policy-agenda dictionary (``data/themes_general.yaml``, the default): one theme
  per Comparative Agendas Project (CAP) major topic — health, trade, environment, energy,
  immigration... — plus finer international-affairs and defence sub-themes (terrorism, arms
  control, conflict and peace, human rights, development, humanitarian action, multilateral
  institutions, alliances). Every theme declares its CAP code (``cap: [19]``), and
  ``code(x, level="major")`` rolls sub-themes up to their CAP major topic;
* **domain** dictionaries on top, such as ``"coalition"`` (the Global Coalition against Da'esh's
  lines of effort, ``data/themes_coalition.yaml``). ``dictionaries()`` lists the shipped ones.

What is in it:

* ``load_dictionary(path)`` reads a theme dictionary: the package's YAML shape (``.yaml``/``.yml``),
  a quanteda/LIWC ``.dic`` file or a Lexicoder ``.lc3`` file. Every ``dictionary=`` argument also
  takes a shipped name (``"general"``, ``"coalition"``), a ``ThemeDictionary`` or a mapping. A
  malformed dictionary raises ``DictionaryError`` naming the file, the line or key, and the
  problem; so does a missing or unknown CAP code in a file that says ``cap_aligned: true``.
* ``code(x)`` → long table, one row per unit (paragraph or document) × theme: ``n`` matched terms,
  ``n_words`` and ``share = n / n_words``; ``dominant(coded)`` → the dominant theme per unit;
  ``totals(coded)`` → pooled shares per theme; ``evidence(x)`` → every match, with the dictionary
  entry, the words as written and their character offsets, so every number traces back to text.
* ``fit(x, dictionary)`` → how much of the text the dictionary codes (content words and
  paragraphs) and a plain warning when it does not fit; ``layers(x)`` → the dictionaries a report
  shows (the general one, plus a domain dictionary when it fits or is named). The thresholds and
  why are in ``help(statement_analysis.themes.fitcheck)``.

What is not in it: plots (``statement_analysis.plots.themes``), topic models, or any learning
from data — this is dictionary lookup, as quanteda's ``tokens_lookup`` / LIWC / Lexicoder do it.

Matching rules (each tested):

* Case-insensitive. Terms are the token forms of ``sa.tidy.term_forms``: surface forms
  (``form="lower"``, the default, which is what LIWC and Lexicoder dictionaries are written for)
  or lemmas (``form="lemma"``; dictionary words without a wildcard are then lemmatised too).
* With ``aliases=True`` (default) the alias table is applied to text *and* dictionary: "ISIS",
  "Daesh" and "Islamic State" in the text all count as the term ``Da'esh``, which a dictionary
  entry can name as ``Da'esh``, ``Daesh`` or ``ISIS``. A multi-word alias counts as one term.
* ``*`` is a wildcard for any run of characters inside one word (``stabili*`` matches
  stabilisation, stabilization, stability). It is the only special character.
* A phrase matches consecutive terms within one sentence (punctuation between words breaks it).
* Longest match wins within a theme: a term inside an accepted phrase is not matched again by a
  shorter entry of the same theme, and a term counts at most once per theme. One term may count
  for several themes (as in quanteda), so shares of different themes can overlap.
* Exclusions: a term covered by one of a theme's ``exclude`` entries is never matched by that
  theme (``force*`` but not in "task force").

``share`` is ``n / n_words``, where ``n_words`` counts the unit's word terms: tokens with a letter or
digit, stop words included, punctuation excluded, a multi-word alias counted once.

Hand-written (no library does dictionary lookup with phrases, wildcards, exclusions and offsets
on pandas tables); vectorised with numpy: a vocabulary of distinct terms, wildcard expansion over
that vocabulary, and a first-term index for phrases, so a 5-million-word corpus codes in seconds.
"""

from __future__ import annotations

from ..errors import DictionaryError
from . import fitcheck
from .coding import code, dominant, evidence, totals
from .fitcheck import DictionaryFit, Layer, fit, layers
from .formats import (
    default_dictionary,
    default_dictionary_path,
    dictionaries,
    dictionary_path,
    load_dictionary,
    resolve_dictionary,
)
from .model import CAP_MAJOR_TOPICS, Theme, ThemeDictionary, cap_topics, parse_entry

__all__ = [
    "CAP_MAJOR_TOPICS",
    "DictionaryError",
    "DictionaryFit",
    "Layer",
    "Theme",
    "ThemeDictionary",
    "cap_topics",
    "code",
    "default_dictionary",
    "default_dictionary_path",
    "dictionaries",
    "dictionary_path",
    "dominant",
    "evidence",
    "fit",
    "fitcheck",
    "layers",
    "load_dictionary",
    "parse_entry",
    "resolve_dictionary",
    "totals",
]
