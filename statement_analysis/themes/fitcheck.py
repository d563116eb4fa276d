"""Does a dictionary fit a text? How much of it the dictionary codes, and which dictionaries a
report uses.

``fit(x, dictionary)`` measures two shares:

* **content words coded**: of the text's content words (words that are not stop words or numbers;
  an alias such as Da'esh counts as one), the share that some theme of the dictionary matches;
* **paragraphs coded**: of the paragraphs with at least one content word, the share in which some
  theme matches at least one term.

The rule (``fits``): a dictionary fits a text when it codes at least ``MIN_WORD_SHARE`` (10 %) of
its content words **and** at least ``MIN_PARAGRAPH_SHARE`` (50 %) of its paragraphs. Below either,
``warning`` says so in plain words: the theme table then describes only a small part of the text,
and its "largest theme" may rest on a handful of words that happen to be in the dictionary.

Why these numbers. Both were set on real statements (``benchmarks/themes_fit.py`` prints the
figures for any folder). On the 259 White House joint statements of
``../shared/corpora/us_joint_statements`` the general dictionary codes a median of 20 % of the
content words (5th percentile 10 %) and 98 % of the paragraphs. The coalition dictionary codes
26 % of the content words of the bundled counter-Da'esh statement and every paragraph, but a
median of 6 % of the words of the other statements (95th percentile 11 %), through words any
statement uses ("cooperation", "political", "meeting", "finance"). The paragraph share alone
cannot tell the two cases apart (the coalition dictionary touches 80 % of the paragraphs of the
median statement); the word share can, and 10 % lies between the two groups. A paragraph share
under one half means that most paragraphs get no theme at all.

Domain dictionaries are **added** to the general layer (``layers``) when the user names one, or
automatically when one fits the text by a stricter rule: ``MIN_DOMAIN_WORD_SHARE`` (20 %) of the
content words and the same paragraph share. On the 259 joint statements and 1,500 other White
House statements drawn at random, no statement reaches 20 % with the coalition dictionary (the
highest, a G7 statement on Syria, codes 19.5 %; 8 of the 1,500 pass 15 %), while the bundled
statement, the genre the dictionary was written for, codes 26 %.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..aliases import Aliases
from .formats import DEFAULT_NAME, SHIPPED, resolve_dictionary, shipped_dictionary
from .model import ThemeDictionary

if TYPE_CHECKING:
    import pandas as pd

#: A dictionary fits a text when it codes at least this share of the content words...
MIN_WORD_SHARE = 0.10
#: ... and at least this share of the paragraphs (that have a content word).
MIN_PARAGRAPH_SHARE = 0.50
#: A shipped domain dictionary is added to a report automatically when it codes this share of the
#: content words (and ``MIN_PARAGRAPH_SHARE`` of the paragraphs).
MIN_DOMAIN_WORD_SHARE = 0.20


@dataclass(frozen=True)
class DictionaryFit:
    """How much of a text a dictionary codes (see ``fit``). Shares are fractions 0–1 (NaN for a
    text without content words); counts are numbers of words or paragraphs."""

    dictionary: str
    content_words: int
    coded_words: int
    word_share: float
    paragraphs: int
    coded_paragraphs: int
    paragraph_share: float
    fits: bool
    warning: str

    def line(self) -> str:
        """One line for people: what the dictionary codes, and whether it fits."""
        if not self.content_words:
            return f"{self.dictionary}: the text has no content words to code"
        base = (
            f"{self.dictionary}: codes {self.word_share:.0%} of the content words "
            f"({self.coded_words:,} of {self.content_words:,}) and {self.paragraph_share:.0%} of the paragraphs "
            f"({self.coded_paragraphs:,} of {self.paragraphs:,})"
        )
        return base if self.fits else f"{base}. Warning: {self.warning}"

    def to_frame(self) -> pd.DataFrame:
        """The same figures as a one-row DataFrame."""
        import pandas as pd

        return pd.DataFrame([self.__dict__])


def fit(
    x: Any,
    dictionary: ThemeDictionary | str | Path | Mapping[str, Any] | None = None,
    *,
    form: str = "lower",
    aliases: bool | Aliases = True,
    min_word_share: float = MIN_WORD_SHARE,
    min_paragraph_share: float = MIN_PARAGRAPH_SHARE,
) -> DictionaryFit:
    """How well ``dictionary`` fits ``x`` (a statement, a corpus table or a token table): the
    share of content words and of paragraphs it codes, pooled over all documents.

    Rule: it fits when ``word_share >= min_word_share`` (default 10 %) and ``paragraph_share >=
    min_paragraph_share`` (default 50 %); otherwise ``warning`` explains, in a sentence, that its
    themes describe only a small part of the text. The figures behind the thresholds are in the help of
    ``statement_analysis.themes.fitcheck``.
    Returns a ``DictionaryFit``.
    """
    import numpy as np

    from .coding import _covered
    from .matcher import _run

    d, m = _run(x, dictionary, form, aliases)
    seq = m.seq
    pos, _ = _covered(m.start, m.length, m.theme)
    coded = np.zeros(len(seq.codes), dtype=bool)
    coded[pos] = True
    content = seq.is_content
    n_content = int(content.sum())
    n_coded = int((coded & content).sum())
    if len(seq.codes):
        change = np.r_[True, (seq.unit_doc[1:] != seq.unit_doc[:-1]) | (seq.para[1:] != seq.para[:-1])]
        unit = np.cumsum(change) - 1
        n_units = int(unit[-1] + 1)
        has_content = np.bincount(unit, weights=content, minlength=n_units) > 0
        has_match = np.bincount(unit, weights=coded, minlength=n_units) > 0
        n_paras = int(has_content.sum())
        n_coded_paras = int((has_content & has_match).sum())
    else:
        n_paras = n_coded_paras = 0
    name = d.name or (Path(d.source).name if d.source else "the dictionary")
    return _fit_from_counts(
        name,
        n_content,
        n_coded,
        n_paras,
        n_coded_paras,
        min_word_share=min_word_share,
        min_paragraph_share=min_paragraph_share,
    )


def _fit_from_counts(
    name: str,
    n_content: int,
    n_coded: int,
    n_paras: int,
    n_coded_paras: int,
    *,
    min_word_share: float = MIN_WORD_SHARE,
    min_paragraph_share: float = MIN_PARAGRAPH_SHARE,
) -> DictionaryFit:
    """The ``DictionaryFit`` of these counts (they add up over parts of a text: the summary of a
    long statement sums them over runs of paragraphs)."""
    word_share = n_coded / n_content if n_content else float("nan")
    para_share = n_coded_paras / n_paras if n_paras else float("nan")
    fits = bool(n_content) and word_share >= min_word_share and para_share >= min_paragraph_share
    warning = ""
    if not n_content:
        warning = "the text has no content words, so no dictionary can describe it"
    elif not fits:
        short = []
        if word_share < min_word_share:
            short.append(f"{word_share:.0%} of its content words (under {min_word_share:.0%})")
        if para_share < min_paragraph_share:
            short.append(f"{para_share:.0%} of its paragraphs (under {min_paragraph_share:.0%})")
        warning = (
            f"this dictionary does not fit the text: it codes only {' and '.join(short)}, so its themes "
            "describe a small part of the text and its largest themes may rest on a few stray words"
        )
    return DictionaryFit(
        dictionary=name,
        content_words=n_content,
        coded_words=n_coded,
        word_share=word_share,
        paragraphs=n_paras,
        coded_paragraphs=n_coded_paras,
        paragraph_share=para_share,
        fits=fits,
        warning=warning,
    )


@dataclass(frozen=True)
class Layer:
    """One dictionary a report uses: ``name`` (shipped name, or the file's name), ``dictionary``,
    ``fit`` (``DictionaryFit`` on the text) and ``why`` (``"general"``: the default layer;
    ``"named"``: the user asked for it; ``"fits the text"``: a shipped domain dictionary added by
    the rule in this module's help)."""

    name: str
    dictionary: ThemeDictionary
    fit: DictionaryFit
    why: str


def layers(
    x: Any,
    dictionary: ThemeDictionary | str | Path | Mapping[str, Any] | None = None,
    *,
    aliases: bool | Aliases = True,
) -> list[Layer]:
    """The dictionaries to show for ``x``, general layer first.

    Always the general dictionary; then ``dictionary`` when given (a shipped name, a path, a
    ``ThemeDictionary`` or a mapping; ``"general"`` adds nothing), else every shipped domain
    dictionary that codes at least ``MIN_DOMAIN_WORD_SHARE`` of the content words and
    ``MIN_PARAGRAPH_SHARE`` of the paragraphs of ``x``. Returns a list of ``Layer``; raises
    ``DictionaryError`` for an unknown name or a bad file.
    """
    from .matcher import _tokens_for

    toks, _t, _u = _tokens_for(x, "lower", aliases)
    (general_name, general), named, domains = _candidates(dictionary)
    out = [Layer(general_name, general, fit(toks, general, aliases=aliases), "general")]
    if named is not None:
        out.append(Layer(named[0], named[1], fit(toks, named[1], aliases=aliases), "named"))
    for name, d in domains:
        f = fit(toks, d, aliases=aliases, min_word_share=MIN_DOMAIN_WORD_SHARE)
        if f.fits:
            out.append(Layer(name, d, fit(toks, d, aliases=aliases), "fits the text"))
    return out


def _candidates(
    dictionary: ThemeDictionary | str | Path | Mapping[str, Any] | None,
) -> tuple[tuple[str, ThemeDictionary], tuple[str, ThemeDictionary] | None, list[tuple[str, ThemeDictionary]]]:
    """The dictionaries ``layers`` considers: ``(general, named, domains)``. ``named`` is the
    ``(name, dictionary)`` the user gave (``None`` when none, or the general one), ``domains`` the
    shipped domain dictionaries to test against ``MIN_DOMAIN_WORD_SHARE`` (none when one is named)."""
    general = shipped_dictionary(DEFAULT_NAME)
    if dictionary is not None:
        d = resolve_dictionary(dictionary)
        if d == general:
            return (DEFAULT_NAME, general), None, []
        if isinstance(dictionary, str) and dictionary in SHIPPED:
            name = dictionary
        elif isinstance(dictionary, (str, Path)):
            name = Path(dictionary).stem
        else:
            name = d.name or "custom"
        return (DEFAULT_NAME, general), (name, d), []
    domains = [(name, shipped_dictionary(name)) for name in SHIPPED if name != DEFAULT_NAME]
    return (DEFAULT_NAME, general), None, domains
