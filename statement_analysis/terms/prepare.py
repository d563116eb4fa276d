"""Token preparation shared by every term analysis: the options that say what counts as a term
(``TermOptions``, built once per call), a statement, corpus or token table turned into integer
arrays of counted terms (``_Prep``), and the n-grams built from them.

What is not here: the statistics (``counts``, ``keyness``) and the contexts (``context``).
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from .._docs import is_token_table, token_table
from .._options import choice, integer
from ..errors import TermsError
from .stoplists import stopword_list

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd


# ---------------------------------------------------------------------------------------------
# token preparation (shared)


_is_token_table = is_token_table
FORMS = ("lower", "text", "lemma")

F = TypeVar("F", bound=Callable[..., Any])


def _tokens(x: Any, *, lemmas: bool, what: str = "terms") -> pd.DataFrame:
    return token_table(x, lemmas=lemmas, what=what)


@dataclass(frozen=True)
class TermOptions:
    """What counts as a term, shared by every function of ``terms`` (see the package docstring).

    ``form``: ``"lower"`` (case-folded, default), ``"text"`` (as written) or ``"lemma"``;
    ``aliases``: every spelling of an alias counts as its label; ``stopwords``: ``True`` (the
    default list), ``False`` or your own words; ``boilerplate``: also leave out the diplomatic
    boilerplate list; ``numbers``: count numbers as terms.
    """

    form: str = "lower"
    aliases: bool = True
    stopwords: bool | Iterable[str] = True
    boilerplate: bool = False
    numbers: bool = False

    def __post_init__(self) -> None:
        choice("form", self.form, FORMS, error=TermsError)
        for name in ("aliases", "boilerplate", "numbers"):
            if not isinstance(getattr(self, name), bool):
                raise TermsError(f"{name}= must be True or False, not {getattr(self, name)!r}")
        if isinstance(self.stopwords, str):
            raise TermsError("stopwords= must be True, False or a list of words, not a single string")
        if not isinstance(self.stopwords, bool):
            object.__setattr__(self, "stopwords", tuple(self.stopwords))

    @property
    def lemmas(self) -> bool:
        """Whether the tokens need a ``lemma`` column."""
        return self.form == "lemma"


def legacy_form(fn: F) -> F:
    """Accept the old ``lowercase=``/``lemmas=`` keywords for one release, as ``form=``."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if "lowercase" in kwargs or "lemmas" in kwargs:
            if "form" in kwargs:
                raise TermsError("give form= only (lowercase= and lemmas= are its old names)")
            lowercase = kwargs.pop("lowercase", True)
            lemmas = kwargs.pop("lemmas", False)
            kwargs["form"] = "lemma" if lemmas else ("lower" if lowercase else "text")
            warnings.warn(
                f"{fn.__qualname__}: lowercase= and lemmas= are deprecated, use form={kwargs['form']!r} "
                "(the old names go in the next release)",
                DeprecationWarning,
                stacklevel=2,
            )
        return fn(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


@dataclass
class _Prep:
    """Counted tokens of a text, in text order, as integer arrays (fast on corpora).

    ``code`` indexes ``vocab`` (the term strings); ``skip`` marks stop words (and numbers without
    ``numbers=True``): not counted alone, not an n-gram edge; ``seg`` is a run id (a new run
    starts at each document, sentence and punctuation mark); ``dno``/``pno`` number documents
    and paragraphs from 0 in text order, and ``doc_ids``/``para_doc_ids``/``para_ids`` give
    their ids back.
    """

    code: np.ndarray
    skip: np.ndarray
    seg: np.ndarray
    dno: np.ndarray
    pno: np.ndarray
    vocab: np.ndarray
    doc_ids: np.ndarray
    para_doc_ids: np.ndarray
    para_ids: np.ndarray


def _prepare(x: Any, opts: TermOptions) -> _Prep:
    """Turn a statement, corpus or token table into a ``_Prep`` (see there)."""
    import numpy as np
    import pandas as pd

    toks = _tokens(x, lemmas=opts.lemmas)
    n = len(toks)
    form = opts.form
    aliases, stopwords, boilerplate, numbers = opts.aliases, opts.stopwords, opts.boilerplate, opts.numbers
    codes, vocab = pd.factorize(toks[form].to_numpy(dtype=object, na_value=None) if n else np.array([], dtype=object))
    vocab = np.asarray(vocab, dtype=object)
    if form == "lower":
        low_codes, low_vocab = codes, vocab
    else:
        low_codes, low_vocab = pd.factorize(toks["lower"].to_numpy(dtype=object, na_value=None))
    stops = stopword_list(stopwords=stopwords, boilerplate=boilerplate)
    skip = pd.Index(low_vocab).isin(list(stops))[low_codes] if n else np.zeros(0, dtype=bool)
    if not numbers and n:
        skip = skip | toks["is_num"].to_numpy(dtype=bool)
    punct = toks["is_punct"].to_numpy(dtype=bool)
    keep = ~punct & (codes >= 0)
    if aliases and "alias" in toks.columns and n:
        has = toks["alias"].notna().to_numpy(dtype=bool)
        pos = np.flatnonzero(has)
        if len(pos):
            labels = toks["alias"].to_numpy(dtype=object, na_value=None)[pos]
            is_head = labels != ""
            heads, head_labels = pos[is_head], labels[is_head]
            keep[pos[~is_head]] = False  # the rest of a multi-word alias is not counted again
            uniq_labels = pd.unique(head_labels)
            found = pd.Index(vocab).get_indexer(uniq_labels)
            missing = found < 0
            found[missing] = len(vocab) + np.arange(missing.sum())
            vocab = np.concatenate([vocab, np.asarray(uniq_labels[missing], dtype=object)])
            codes = codes.copy()
            codes[heads] = found[pd.Index(uniq_labels).get_indexer(head_labels)]
            skip = skip.copy()
            # an alias counts as its label: a stop word only if the label is in the stop list
            skip[heads] = pd.Index([str(lab).lower() for lab in head_labels]).isin(list(stops))
    doc = toks["doc_id"].to_numpy(dtype=object)
    sent = toks["sent_id"].to_numpy()
    para = toks["para_id"].to_numpy()
    new_doc = np.ones(n, dtype=bool)
    new_doc[1:] = doc[1:] != doc[:-1]  # a token table holds each document in one run
    new_para = new_doc.copy()
    new_para[1:] |= para[1:] != para[:-1]
    brk = new_doc.copy()
    brk[1:] |= (sent[1:] != sent[:-1]) | punct[1:] | punct[:-1]
    return _Prep(
        code=codes[keep].astype(np.int64),
        skip=skip[keep],
        seg=np.cumsum(brk)[keep],
        dno=(np.cumsum(new_doc) - 1)[keep],
        pno=(np.cumsum(new_para) - 1)[keep],
        vocab=vocab,
        doc_ids=doc[new_doc],
        para_doc_ids=doc[new_para],
        para_ids=para[new_para].astype(np.int64),
    )


def _grams(prep: _Prep, ngram: int, *, edges: bool = True) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Counted n-gram occurrences: ``(idx, code, vocab)`` — the position of each occurrence's
    first token in ``prep``, its n-gram code and the n-gram strings. ``edges=True`` drops
    n-grams that start or end with a skipped token (stop word or number)."""
    import numpy as np
    import pandas as pd

    ngram = integer("ngram", ngram, minimum=1, error=TermsError)
    n, k = len(prep.code), ngram
    if n < k:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.array([], dtype=object)
    m = n - k + 1
    ok = prep.seg[:m] == prep.seg[k - 1 :]
    if edges:
        ok &= ~prep.skip[:m] & ~prep.skip[k - 1 :]
    idx = np.flatnonzero(ok)
    if k == 1:
        return idx, prep.code[idx], prep.vocab
    # combine the token codes pairwise into one code per distinct n-gram (no strings per occurrence)
    code = prep.code[idx]
    n_vocab = len(prep.vocab)
    for j in range(1, k):
        code, _ = pd.factorize(code * n_vocab + prep.code[idx + j])
        code = code.astype(np.int64)
    n_grams = int(code.max()) + 1 if len(code) else 0
    first = np.zeros(n_grams, dtype=np.int64)
    first[code[::-1]] = idx[::-1]  # a position of each distinct n-gram (the first)
    words = [prep.vocab[prep.code[first + j]] for j in range(k)]
    text = pd.Series(words[0], dtype=object)
    for j in range(1, k):
        # the clitic 's is its own token; write "Da'esh's ability", not "Da'esh 's ability"
        sep = np.where(pd.Series(words[j], dtype=object).isin(["'s", "'S"]).to_numpy(), "", " ")
        text = text + pd.Series(sep, dtype=object) + pd.Series(words[j], dtype=object)
    return idx, code, text.to_numpy(dtype=object)


_BY = {None: [], "document": ["doc_id"], "paragraph": ["doc_id", "para_id"]}


def _keys(by: str | None) -> list[str]:
    if by not in _BY:
        raise TermsError(f"by must be None, 'document' or 'paragraph', not {by!r}")
    return _BY[by]


def _alpha(words: np.ndarray, code: np.ndarray) -> np.ndarray:
    """Alphabetical rank of ``words[code]`` (for sorting ties by term without sorting strings twice)."""
    import numpy as np

    used = np.unique(code)
    rank = np.empty(len(used), dtype=np.int64)
    rank[np.argsort(words[used], kind="stable")] = np.arange(len(used))
    return rank[np.searchsorted(used, code)]
