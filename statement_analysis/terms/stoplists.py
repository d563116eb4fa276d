"""The stop lists: the default Snowball English list (``sa.tidy.stopwords``), your own words,
and the optional list of diplomatic boilerplate words."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from importlib import resources

from ..errors import TermsError

# ---------------------------------------------------------------------------------------------
# stop lists


@functools.cache
def boilerplate_words() -> frozenset[str]:
    """The optional list of diplomatic boilerplate words (lower case), shipped as
    ``statement_analysis/data/diplomatic_boilerplate_en.txt``."""
    text = resources.files("statement_analysis").joinpath("data/diplomatic_boilerplate_en.txt").read_text("utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def stopword_list(*, stopwords: bool | Iterable[str] = True, boilerplate: bool = False) -> frozenset[str]:
    """The set of lower-case words left out of counts and n-gram edges.

    ``stopwords=True`` is the default Snowball English list (``sa.tidy.stopwords()``), ``False``
    none, or give your own words (they replace the default list). ``boilerplate=True`` adds
    ``boilerplate_words()``.
    """
    from ..normalize import normalize
    from ..tidy import stopwords as default_stopwords

    if stopwords is True:
        out = set(default_stopwords())
    elif stopwords is False or stopwords is None:
        out = set()
    elif isinstance(stopwords, str):
        raise TermsError("stopwords must be True, False or a list of words, not a single string")
    else:
        out = {normalize(str(w)).text.strip().lower() for w in stopwords}
    if boilerplate:
        out |= boilerplate_words()
    return frozenset(out)
