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
never a term; each token counts as its ``sa.tidy.term_forms`` string — case-folded (``lowercase``),
lemmatised (``lemmas``) or as written — and with ``aliases=True`` (default) every spelling of
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

import fnmatch
import functools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from .errors import StatementAnalysisError

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

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


class TermsError(StatementAnalysisError, ValueError):
    """A term analysis was asked something it cannot do (bad option, empty target or reference)."""


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
    from .normalize import normalize
    from .tidy import stopwords as default_stopwords

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


# ---------------------------------------------------------------------------------------------
# token preparation (shared)


def _is_token_table(x: Any) -> bool:
    return type(x).__name__ == "DataFrame" and {"token_id", "lower", "is_punct"} <= set(x.columns)


def _tokens(x: Any, *, lemmas: bool) -> pd.DataFrame:
    from .tidy import tokens

    if _is_token_table(x):
        if lemmas and "lemma" not in x.columns:
            raise TermsError("this token table has no 'lemma' column; build it with sa.tidy.tokens(x, lemmas=True)")
        return x
    return tokens(x, lemmas=lemmas)


def _form(*, lowercase: bool, lemmas: bool) -> str:
    if lemmas:
        return "lemma"
    return "lower" if lowercase else "text"


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


def _prepare(
    x: Any,
    *,
    lowercase: bool = True,
    lemmas: bool = False,
    aliases: bool = True,
    stopwords: bool | Iterable[str] = True,
    boilerplate: bool = False,
    numbers: bool = False,
) -> _Prep:
    """Turn a statement, corpus or token table into a ``_Prep`` (see there)."""
    import numpy as np
    import pandas as pd

    toks = _tokens(x, lemmas=lemmas)
    n = len(toks)
    form = _form(lowercase=lowercase, lemmas=lemmas)
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

    if ngram < 1:
        raise TermsError(f"ngram must be 1, 2 or 3 (or more), not {ngram}")
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


# ---------------------------------------------------------------------------------------------
# frequencies


def frequencies(
    x: Any,
    *,
    ngram: int = 1,
    by: str | None = None,
    lowercase: bool = True,
    lemmas: bool = False,
    aliases: bool = True,
    stopwords: bool | Iterable[str] = True,
    boilerplate: bool = False,
    numbers: bool = False,
    min_count: int = 1,
) -> pd.DataFrame:
    """How often each term (``ngram=1``) or n-gram (2, 3) occurs.

    Args:
        x: a ``Statement``, a corpus table, or a token table from ``sa.tidy.tokens``.
        ngram: words per term; n-grams do not start or end with a stop word or cross a sentence
            boundary or punctuation mark (see the module docstring).
        by: ``None`` (one table for everything), ``"document"`` or ``"paragraph"`` (one table per
            document / paragraph, keyed by ``doc_id`` / ``para_id``).
        lowercase: fold case (``False``: count forms as written, "Coalition" ≠ "coalition").
        lemmas: count lemmas (simplemma; implies case folding): "communities" → "community".
        aliases: count every spelling of an alias as its label (default table: ``sa.aliases``).
        stopwords: ``True`` (default list), ``False`` (count everything), or your own list.
        boilerplate: also leave out the diplomatic boilerplate list (``boilerplate_words()``).
        numbers: count numbers ("2017", "60") as terms.
        min_count: keep terms counted at least this often (within each group).

    Returns:
        DataFrame with (``doc_id``, ``para_id`` as ``by`` asks) ``term``, ``n`` (occurrences),
        ``share`` (n / all counted terms of that length in the group, 0–1), ``rank`` (1 = most
        frequent; ties share the best rank), ``docs`` (documents of the group it occurs in) and
        ``paras`` (paragraphs it occurs in). Sorted by group, then ``n`` descending, then term.
    """
    import numpy as np
    import pandas as pd

    keys = _keys(by)
    prep = _prepare(
        x,
        lowercase=lowercase,
        lemmas=lemmas,
        aliases=aliases,
        stopwords=stopwords,
        boilerplate=boilerplate,
        numbers=numbers,
    )
    idx, codes, words = _grams(prep, ngram)
    cols = [*keys, "term", "n", "share", "rank", "docs", "paras"]
    if len(idx) == 0:
        return pd.DataFrame({c: pd.Series(dtype=object if c in ("doc_id", "term") else "float64") for c in cols})
    # everything below works on integer codes (hash counts, no string group-bys): fast on corpora
    n_terms = len(words)
    dno, pno = prep.dno[idx], prep.pno[idx]
    n_docs, n_paras = len(prep.doc_ids), len(prep.para_ids)
    group = {None: np.zeros(len(idx), dtype=np.int64), "document": dno, "paragraph": pno}[by]
    key = group * n_terms + codes
    counts = pd.Series(key).value_counts(sort=False)
    k = counts.index.to_numpy(dtype=np.int64)
    n = counts.to_numpy(dtype=np.int64)
    g, code = k // n_terms, k % n_terms

    def distinct(unit: np.ndarray, size: int) -> np.ndarray:
        pairs = pd.unique(key * size + unit)
        per_key = pd.Series(pairs // size).value_counts(sort=False)
        return per_key.reindex(k).to_numpy(dtype=np.int64)

    docs = np.ones(len(k), dtype=np.int64) if by else distinct(dno, n_docs)
    paras = np.ones(len(k), dtype=np.int64) if by == "paragraph" else distinct(pno, n_paras)
    share = n / np.bincount(g, weights=n)[g]
    keep = n >= min_count
    g, code, n, docs, paras, share = g[keep], code[keep], n[keep], docs[keep], paras[keep], share[keep]
    order = np.lexsort((_alpha(words, code), -n, g))
    g, code, n, docs, paras, share = g[order], code[order], n[order], docs[order], paras[order], share[order]
    # competition rank ("1, 2, 2, 4") within each group
    m = len(n)
    idx = np.arange(m)
    new_group = np.ones(m, dtype=bool)
    new_group[1:] = g[1:] != g[:-1]
    new_n = new_group.copy()
    new_n[1:] |= n[1:] != n[:-1]
    group_start = np.maximum.accumulate(np.where(new_group, idx, 0)) if m else idx
    tie_start = np.maximum.accumulate(np.where(new_n, idx, 0)) if m else idx
    rank = tie_start - group_start + 1
    out = pd.DataFrame({"term": words[code], "n": n, "share": share, "rank": rank, "docs": docs, "paras": paras})
    if by == "document":
        out.insert(0, "doc_id", prep.doc_ids[g])
    elif by == "paragraph":
        out.insert(0, "doc_id", prep.para_doc_ids[g])
        out.insert(1, "para_id", prep.para_ids[g])
    return out[cols].reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# collocations


def collocations(
    x: Any,
    *,
    min_count: int = 3,
    sort_by: str = "g2",
    lowercase: bool = True,
    lemmas: bool = False,
    aliases: bool = True,
    stopwords: bool | Iterable[str] = True,
    boilerplate: bool = False,
    numbers: bool = False,
) -> pd.DataFrame:
    """Two-word collocations: pairs of adjacent words that occur together more than chance.

    Each candidate pair ``first second`` (adjacent inside a sentence, no punctuation between,
    neither a stop word) is scored from its 2×2 table over all adjacent pairs ``N`` of the text
    (stop words included): ``a`` = n(first second), ``b`` = n(first, other), ``c`` = n(other,
    second), ``d`` = N − a − b − c.

    * ``g2``: log-likelihood ratio G² = 2 Σ O·ln(O/E) over the four cells, E = row × column / N
      (Dunning 1993); above 3.84 is p < 0.05, above 10.83 p < 0.001 (1 degree of freedom).
    * ``pmi``: pointwise mutual information log₂(a·N / (n_first·n_second)), in bits; unreliable
      for rare pairs, hence ``min_count``.

    Returns:
        DataFrame with ``term``, ``first``, ``second``, ``n`` (= a), ``n_first`` and ``n_second``
        (how often each word opens / closes a pair), ``n_pairs`` (N), ``expected`` (E of a),
        ``g2`` and ``pmi``; only pairs seen ``min_count`` times or more and more often than
        expected; sorted by ``sort_by`` (``"g2"`` or ``"pmi"``) descending.
    """
    import numpy as np
    import pandas as pd

    if sort_by not in ("g2", "pmi"):
        raise TermsError(f"sort_by must be 'g2' or 'pmi', not {sort_by!r}")
    prep = _prepare(
        x,
        lowercase=lowercase,
        lemmas=lemmas,
        aliases=aliases,
        stopwords=stopwords,
        boilerplate=boilerplate,
        numbers=numbers,
    )
    cols = ["term", "first", "second", "n", "n_first", "n_second", "n_pairs", "expected", "g2", "pmi"]
    if len(prep.code) < 2:
        return pd.DataFrame(columns=cols)
    seg, skip, codes = prep.seg, prep.skip, prep.code
    n_vocab = len(prep.vocab)
    ok = seg[:-1] == seg[1:]
    w1 = codes[:-1][ok]
    w2 = codes[1:][ok]
    cand = ~skip[:-1][ok] & ~skip[1:][ok]
    n_pairs = int(ok.sum())
    if n_pairs == 0:
        return pd.DataFrame(columns=cols)
    n_first = np.bincount(w1, minlength=n_vocab)
    n_second = np.bincount(w2, minlength=n_vocab)
    vc = pd.Series(w1[cand] * n_vocab + w2[cand]).value_counts(sort=False)
    vc = vc[vc >= min_count]
    k1 = vc.index.to_numpy(dtype=np.int64) // n_vocab
    k2 = vc.index.to_numpy(dtype=np.int64) % n_vocab
    a = vc.to_numpy(dtype=float)
    r1 = n_first[k1].astype(float)
    c1 = n_second[k2].astype(float)
    big_n = float(n_pairs)
    g2 = _g2(a, r1 - a, c1 - a, big_n - r1 - c1 + a)
    expected = r1 * c1 / big_n
    pmi = np.log2(a * big_n / (r1 * c1))
    first = prep.vocab[k1]
    second = prep.vocab[k2]
    out = pd.DataFrame(
        {
            "term": pd.Series(first, dtype=object) + " " + pd.Series(second, dtype=object),
            "first": first,
            "second": second,
            "n": a.astype(np.int64),
            "n_first": r1.astype(np.int64),
            "n_second": c1.astype(np.int64),
            "n_pairs": n_pairs,
            "expected": expected,
            "g2": g2,
            "pmi": pmi,
        }
    )
    out = out[out["n"] > out["expected"]]
    out = out.sort_values([sort_by, "n", "term"], ascending=[False, False, True], kind="mergesort")
    return out.reset_index(drop=True)


def _xlogx_over_e(o: np.ndarray, e: np.ndarray) -> np.ndarray:
    import numpy as np

    with np.errstate(divide="ignore", invalid="ignore"):
        v = o * np.log(o / e)
    return np.where(o > 0, v, 0.0)


def _g2(a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray) -> np.ndarray:
    """Unsigned G² of 2×2 tables [[a, b], [c, d]] (vectorised; 0·ln 0 = 0)."""
    n = a + b + c + d
    r1, r2, c1, c2 = a + b, c + d, a + c, b + d
    return 2.0 * (
        _xlogx_over_e(a, r1 * c1 / n)
        + _xlogx_over_e(b, r1 * c2 / n)
        + _xlogx_over_e(c, r2 * c1 / n)
        + _xlogx_over_e(d, r2 * c2 / n)
    )


# ---------------------------------------------------------------------------------------------
# tf-idf


def tfidf(
    x: Any,
    *,
    by: str = "paragraph",
    ngram: int = 1,
    lowercase: bool = True,
    lemmas: bool = False,
    aliases: bool = True,
    stopwords: bool | Iterable[str] = True,
    boilerplate: bool = False,
    numbers: bool = False,
) -> pd.DataFrame:
    """TF-IDF of each term in each paragraph (``by="paragraph"``) or document (``"document"``).

    The weighting is scikit-learn's ``TfidfVectorizer`` default (and tested against it):
    tf = raw count of the term in the unit; idf = ln((1 + n) / (1 + df)) + 1, where n is the
    number of units (paragraphs or documents, including those left with no counted term) and df
    the number of units that contain the term; tf_idf = tf × idf, then divided by the unit's
    Euclidean (l2) norm so each unit's weights have a sum of squares of 1.

    Returns:
        DataFrame with ``doc_id`` (and ``para_id``), ``term``, ``n`` (tf), ``df``, ``idf`` and
        ``tf_idf`` (0–1); sorted by unit, then ``tf_idf`` descending, then term.
    """
    import numpy as np
    import pandas as pd

    from ._docs import iter_documents

    if by not in ("paragraph", "document"):
        raise TermsError(f"by must be 'paragraph' or 'document', not {by!r}")
    keys = _keys(by)
    toks = _tokens(x, lemmas=lemmas)
    prep = _prepare(
        toks,
        lowercase=lowercase,
        lemmas=lemmas,
        aliases=aliases,
        stopwords=stopwords,
        boilerplate=boilerplate,
        numbers=numbers,
    )
    if by == "document":
        n_units = len(prep.doc_ids) if _is_token_table(x) else len(iter_documents(x))
    else:
        n_units = len(prep.para_ids)
    idx, codes, words = _grams(prep, ngram)
    cols = [*keys, "term", "n", "df", "idf", "tf_idf"]
    if len(idx) == 0:
        return pd.DataFrame(columns=cols)
    n_terms = len(words)
    unit = prep.dno[idx] if by == "document" else prep.pno[idx]
    vc = pd.Series(unit * n_terms + codes).value_counts(sort=False)
    u = vc.index.to_numpy(dtype=np.int64) // n_terms
    code = vc.index.to_numpy(dtype=np.int64) % n_terms
    n = vc.to_numpy(dtype=np.int64)
    df = np.bincount(code, minlength=n_terms)
    idf = np.log((1.0 + n_units) / (1.0 + df)) + 1.0
    w = n * idf[code]
    norm = np.sqrt(np.bincount(u, weights=w * w)[u])
    tf_idf = w / norm
    order = np.lexsort((_alpha(words, code), -tf_idf, u))
    u, code, n, tf_idf = u[order], code[order], n[order], tf_idf[order]
    out = pd.DataFrame({"term": words[code], "n": n, "df": df[code], "idf": idf[code], "tf_idf": tf_idf})
    if by == "document":
        out.insert(0, "doc_id", prep.doc_ids[u])
    else:
        out.insert(0, "doc_id", prep.para_doc_ids[u])
        out.insert(1, "para_id", prep.para_ids[u])
    return out[cols]


def _alpha(words: np.ndarray, code: np.ndarray) -> np.ndarray:
    """Alphabetical rank of ``words[code]`` (for sorting ties by term without sorting strings twice)."""
    import numpy as np

    used = np.unique(code)
    rank = np.empty(len(used), dtype=np.int64)
    rank[np.argsort(words[used], kind="stable")] = np.arange(len(used))
    return rank[np.searchsorted(used, code)]


# ---------------------------------------------------------------------------------------------
# keyness


def keyness(
    target: Any,
    reference: Any = None,
    *,
    select: Sequence[Any] | None = None,
    sort_by: str = "chi2",
    correction: str = "default",
    ngram: int = 1,
    min_count: int = 1,
    lowercase: bool = True,
    lemmas: bool = False,
    aliases: bool = True,
    stopwords: bool | Iterable[str] = True,
    boilerplate: bool = False,
    numbers: bool = False,
) -> pd.DataFrame:
    """Terms used more (or less) in a target than in a reference, as quanteda's
    ``textstat_keyness``.

    Three ways to call it:

    * ``keyness(statement, other_statement)`` or ``keyness(statement, corpus)``: the target
      against the reference. Documents of the reference with a ``doc_id`` of the target are left
      out of the reference, so a statement can be compared with a corpus that holds it.
    * ``keyness(corpus, select=mask_or_doc_ids)``: a group inside a corpus (a boolean mask
      aligned with its rows, or a list of ``doc_id``) against the rest of that corpus.
    * Any of these with token tables from ``sa.tidy.tokens`` instead of texts.

    For each term, the 2×2 table is a = count in the target, b = count in the reference,
    c = (all counted terms of the target) − a, d = (all of the reference) − b, N = a + b + c + d,
    E = (a + b)(a + c) / N the expected target count. Statistics (sign + when a > E, i.e. the
    term is over-used in the target; − when over-used in the reference):

    * ``chi2`` = N (|ad − bc| − δ)² / ((a+b)(c+d)(a+c)(b+d)), Pearson's chi² with 1 degree of
      freedom. With ``correction="default"`` δ = N/2 (Yates' continuity correction) when
      |ad − bc| ≥ N/2 and an expected cell count is below 5 — quanteda's default rule — else 0;
      ``correction="none"``: δ = 0 always.
    * ``g2`` = 2 Σ O ln(O/E) over the four cells (log-likelihood, Dunning 1993), uncorrected.
      (quanteda's ``measure="lr"`` can apply a correction, so for small counts compare it with
      ``correction="none"`` there.)
    * ``p_chi2``, ``p_g2``: p-values of the unsigned statistics, chi² distribution, 1 d.f.
    * ``log_ratio`` = log₂((a / T) / (b / R)), T and R the target and reference totals, with a
      zero count taken as 0.5 (Hardie 2014): effect size; +1 = twice as frequent in the target.

    Returns:
        DataFrame with ``term``, ``n_target``, ``n_reference``, ``per_1k_target``,
        ``per_1k_reference`` (per 1,000 counted terms), ``chi2``, ``p_chi2``, ``g2``, ``p_g2``,
        ``log_ratio`` and ``direction`` (``"target"`` or ``"reference"``: where it is
        relatively more frequent; ``"neither"`` for equal rates); only terms counted
        ``min_count`` times or more in target and reference together; sorted by ``sort_by``
        (``"chi2"``, ``"g2"`` or ``"log_ratio"``) descending,
        so target keywords come first and reference keywords last.
    """

    if sort_by not in ("chi2", "g2", "log_ratio"):
        raise TermsError(f"sort_by must be 'chi2', 'g2' or 'log_ratio', not {sort_by!r}")
    if correction not in ("default", "none"):
        raise TermsError(f"correction must be 'default' (quanteda's Yates rule) or 'none', not {correction!r}")
    opts = {
        "lowercase": lowercase,
        "lemmas": lemmas,
        "aliases": aliases,
        "stopwords": stopwords,
        "boilerplate": boilerplate,
        "numbers": numbers,
    }
    if select is not None:
        if reference is not None:
            raise TermsError("give either a reference or select= (a group inside one corpus), not both")
        toks = _tokens(target, lemmas=lemmas)
        ids = _selected_ids(target, select)
        in_target = toks["doc_id"].isin(ids)
        tgt_toks, ref_toks = toks[in_target], toks[~in_target]
    else:
        if reference is None:
            raise TermsError("keyness needs a reference (a statement or corpus), or select= to pick a group")
        tgt_toks = _tokens(target, lemmas=lemmas)
        ref_toks = _tokens(reference, lemmas=lemmas)
        ref_toks = ref_toks[~ref_toks["doc_id"].isin(set(tgt_toks["doc_id"]))]
    tgt = _term_counts(_prepare(tgt_toks, **opts), ngram)
    ref = _term_counts(_prepare(ref_toks, **opts), ngram)
    if tgt.sum() == 0:
        raise TermsError("the target has no counted terms (empty, or only stop words)")
    if ref.sum() == 0:
        raise TermsError("the reference has no counted terms (empty, or only stop words, or the same documents)")
    out = keyness_table(tgt, ref, correction=correction)
    out = out[(out["n_target"] + out["n_reference"]) >= min_count]
    out = out.sort_values([sort_by, "term"], ascending=[False, True], kind="mergesort")
    return out.reset_index(drop=True)


def keyness_table(target: pd.Series, reference: pd.Series, *, correction: str = "default") -> pd.DataFrame:
    """Keyness statistics from two term-count Series (index: term, values: occurrences), one row
    per term of either, unsorted: the columns of ``keyness`` (``term``, ``n_target``,
    ``n_reference``, ``per_1k_*`` in occurrences per 1,000 counted terms, the signed statistics
    and ``direction``). ``keyness`` counts the terms; use this when the counts are already made."""
    import numpy as np
    import pandas as pd

    both = pd.concat([target.rename("n_target"), reference.rename("n_reference")], axis=1).fillna(0)
    a = both["n_target"].to_numpy(dtype=float)
    b = both["n_reference"].to_numpy(dtype=float)
    t_total, r_total = float(a.sum()), float(b.sum())
    stats = _keyness_stats(a, b, t_total - a, r_total - b, correction=correction)
    out = pd.DataFrame(
        {
            "term": both.index.to_numpy(dtype=object),
            "n_target": a.astype(np.int64),
            "n_reference": b.astype(np.int64),
            "per_1k_target": a / t_total * 1000.0,
            "per_1k_reference": b / r_total * 1000.0,
            **stats,
        }
    )
    rel = a * r_total - b * t_total  # > 0: relatively more frequent in the target
    out["direction"] = np.select([rel > 0, rel < 0], ["target", "reference"], "neither")
    return out


def _term_counts(prep: _Prep, ngram: int) -> pd.Series:
    """Occurrences of each counted term (index: term string), most frequent first."""
    import numpy as np
    import pandas as pd

    _, codes, words = _grams(prep, ngram)
    n = np.bincount(codes, minlength=len(words))
    used = np.flatnonzero(n)
    return pd.Series(n[used], index=pd.Index(words[used], dtype=object), dtype=np.int64)


def _keyness_stats(
    a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray, *, correction: str = "default"
) -> dict[str, np.ndarray]:
    """Signed chi², G², their p-values and log ratio for 2×2 tables (see ``keyness``)."""
    import numpy as np

    n = a + b + c + d
    r1, r2, c1, c2 = a + b, c + d, a + c, b + d
    e_a = r1 * c1 / n
    sign = np.where(a > e_a, 1.0, -1.0)
    diff = np.abs(a * d - b * c)
    if correction == "default":
        small = (e_a < 5) | (r1 * c2 / n < 5) | (r2 * c1 / n < 5) | (r2 * c2 / n < 5)
        delta = np.where((diff >= n / 2) & small, n / 2, 0.0)
    else:
        delta = np.zeros_like(diff)
    chi2 = n * (diff - delta) ** 2 / (r1 * r2 * c1 * c2)
    g2 = _g2(a, b, c, d)
    t_total, r_total = a + c, b + d
    log_ratio = np.log2((np.where(a > 0, a, 0.5) / t_total) / (np.where(b > 0, b, 0.5) / r_total))
    return {
        "chi2": sign * chi2,
        "p_chi2": _chi2_sf1(chi2),
        "g2": sign * g2,
        "p_g2": _chi2_sf1(g2),
        "log_ratio": log_ratio,
    }


def _chi2_sf1(stat: np.ndarray) -> np.ndarray:
    """Upper tail of the chi² distribution with 1 degree of freedom: erfc(√(x/2))."""
    import numpy as np

    erfc = np.frompyfunc(math.erfc, 1, 1)
    return erfc(np.sqrt(np.maximum(stat, 0.0) / 2.0)).astype(float)


def _selected_ids(corpus: Any, select: Sequence[Any]) -> set[str]:
    import numpy as np

    if _is_token_table(corpus):
        all_ids = list(dict.fromkeys(corpus["doc_id"].tolist()))
    elif type(corpus).__name__ == "DataFrame":
        all_ids = [str(i) for i in corpus.index]
    else:
        raise TermsError("select= picks documents of a corpus table (sa.load_corpus) or a token table")
    sel = list(select.tolist() if hasattr(select, "tolist") else select)
    if sel and all(isinstance(v, (bool, np.bool_)) for v in sel):
        if len(sel) != len(all_ids):
            raise TermsError(f"the boolean mask has {len(sel)} values but the corpus has {len(all_ids)} documents")
        ids = {i for i, keep in zip(all_ids, sel, strict=True) if keep}
    else:
        ids = {str(v) for v in sel}
        missing = sorted(ids - set(all_ids))
        if missing:
            raise TermsError(f"doc_id not in the corpus: {', '.join(missing[:5])}")
    if not ids:
        raise TermsError("select= picked no document")
    if len(ids) == len(all_ids):
        raise TermsError("select= picked every document: nothing is left for the reference")
    return ids


# ---------------------------------------------------------------------------------------------
# keyword in context and dispersion

_MATCH = ("glob", "word", "regex", "phrase")


def _compile(pattern: str, match: str, case: bool) -> re.Pattern[str]:
    flags = 0 if case else re.IGNORECASE
    if match == "word":
        return re.compile(re.escape(pattern) + r"\Z", flags)
    if match == "glob":
        return re.compile(fnmatch.translate(pattern), flags)
    if match == "regex":
        try:
            return re.compile(pattern, flags)
        except re.error as exc:
            raise TermsError(f"not a valid regular expression: {pattern!r} ({exc})") from exc
    raise TermsError(f"match must be one of {', '.join(_MATCH)}, not {match!r}")


class _TokenIndex:
    """A token table prepared once for pattern search: token strings and alias labels as
    integer codes (patterns are tested once per distinct string), and where each alias ends."""

    def __init__(self, toks: pd.DataFrame, *, aliases: bool) -> None:
        import numpy as np
        import pandas as pd

        n = len(toks)
        self.n = n
        self.doc = toks["doc_id"].to_numpy()
        codes, uniq = pd.factorize(toks["text"].astype(object))
        self.codes, self.uniq = codes, uniq.to_numpy(dtype=object)
        # the last row of each alias match (a match's continuation tokens carry alias == "")
        self.last = np.arange(n)
        self.alias_codes: np.ndarray | None = None
        if aliases and "alias" in toks.columns and n:
            al = toks["alias"].astype(object).where(toks["alias"].notna(), None)
            cont = toks["alias"].eq("").fillna(False).to_numpy(dtype=bool)
            head_ids = np.maximum.accumulate(np.where(~cont, np.arange(n), 0))
            for i in np.flatnonzero(cont):
                self.last[head_ids[i]] = i
            self.alias_codes, alias_uniq = pd.factorize(al)
            self.alias_uniq = alias_uniq.to_numpy(dtype=object)

    def _test(self, reg: re.Pattern[str], match: str, *, with_alias: bool) -> np.ndarray:
        import numpy as np

        def found(w: str) -> bool:
            return bool(w) and bool(reg.search(w) if match == "regex" else reg.match(w))

        ok = np.fromiter((found(w) for w in self.uniq), dtype=bool, count=len(self.uniq))
        hit = ok[self.codes] if self.n else np.zeros(0, dtype=bool)
        if with_alias and self.alias_codes is not None:
            ok_a = np.append(
                np.fromiter((found(w) for w in self.alias_uniq), dtype=bool, count=len(self.alias_uniq)), False
            )
            hit = hit | ok_a[self.alias_codes]  # code -1 (no alias) picks the appended False
        return hit

    def hits(self, pattern: str, *, match: str, case: bool) -> list[tuple[int, int]]:
        """(first row, last row) of every match of ``pattern`` (row positions)."""
        import numpy as np

        from .normalize import normalize

        pattern = normalize(pattern).text.strip()
        if not pattern:
            raise TermsError("the pattern is empty")
        words = pattern.split() if match == "phrase" else [pattern]
        regs = [_compile(w, "glob" if match == "phrase" else match, case) for w in words]
        n = self.n
        if len(regs) == 1:
            hit = self._test(regs[0], match, with_alias=True)
            direct: list[tuple[int, int]] = []
        else:
            hit = np.zeros(n, dtype=bool)
            direct = self._phrase(regs, match)
        if self.alias_codes is not None and match != "regex":
            # a pattern written as a known variant ("ISIS", "Islamic State") finds every spelling
            from .aliases import Aliases

            labels = [
                label
                for label, variants in Aliases.default().table.items()
                if any(_regs_match(pattern, v, match, case) for v in (label, *variants))
            ]
            if labels:
                ok_a = np.append(np.isin(self.alias_uniq, labels), False)
                hit = hit | ok_a[self.alias_codes]
        spans: dict[int, int] = {}
        for i, j in [*((int(i), int(self.last[i])) for i in np.flatnonzero(hit)), *direct]:
            spans[i] = max(j, spans.get(i, j))  # one hit per start: the longest span
        return sorted(spans.items())

    def _phrase(self, regs: list[re.Pattern[str]], match: str) -> list[tuple[int, int]]:
        """Rows where each of ``regs`` matches consecutive tokens of one document."""
        import numpy as np

        k, n = len(regs), self.n
        if n < k:
            return []
        ok = np.ones(n - k + 1, dtype=bool)
        for j, reg in enumerate(regs):
            ok &= self._test(reg, match, with_alias=False)[j : n - k + 1 + j]
        ok &= self.doc[: n - k + 1] == self.doc[k - 1 :]
        return [(int(i), int(i + k - 1)) for i in np.flatnonzero(ok)]


def _regs_match(pattern: str, variant: str, match: str, case: bool) -> bool:
    """Whether ``pattern`` (as a word, glob or phrase) names the alias variant ``variant``."""
    if match == "word":
        return pattern == variant if case else pattern.lower() == variant.lower()
    if match == "glob":
        reg = _compile(pattern, "glob", case)
        return bool(reg.match(variant))
    words, parts = pattern.split(), variant.split()
    return len(words) == len(parts) and all(
        _compile(w, "glob", case).match(v) for w, v in zip(words, parts, strict=True)
    )


def kwic(
    x: Any,
    pattern: str | Sequence[str],
    *,
    window: int = 5,
    match: str = "glob",
    case: bool = False,
    aliases: bool = True,
) -> pd.DataFrame:
    """Keyword in context: every occurrence of ``pattern`` with the words around it.

    Args:
        x: a ``Statement``, a corpus table, or a token table from ``sa.tidy.tokens``.
        pattern: one pattern or a list. ``match="glob"`` (default; ``*`` any letters, ``?`` one:
            "liberat*"), ``"word"`` (the exact word), ``"regex"`` (a regular expression found
            anywhere in a token: ``"^syria"``) or ``"phrase"`` (words separated by spaces,
            each a glob, on consecutive tokens: ``"territorial integrity"``). Curly quotes in a
            pattern are straightened like the text.
        window: tokens of context on each side (punctuation marks count as tokens); the
            context stops at the paragraph's edge.
        case: match case exactly (default: ignore case).
        aliases: a single-word pattern also matches an alias by its label (``"Da'esh"`` finds
            "ISIS" and "Islamic State"); the keyword is then the whole alias.

    Returns:
        DataFrame with ``doc_id``, ``para_id``, ``sent_id``, ``token_id`` (first token of the
        keyword), ``start``/``end`` (character offsets in the normalised text,
        ``sa.tidy.document_texts``), ``orig_start``/``orig_end`` (offsets in the text as
        loaded), ``left``, ``keyword``, ``right`` (text as written, white space collapsed) and
        ``pattern``; in text order.
    """
    import numpy as np
    import pandas as pd

    if window < 0:
        raise TermsError(f"window must be 0 or more tokens, not {window}")
    if match not in _MATCH:
        raise TermsError(f"match must be one of {', '.join(_MATCH)}, not {match!r}")
    patterns = [pattern] if isinstance(pattern, str) else list(pattern)
    toks = _tokens(x, lemmas=False).reset_index(drop=True)
    cols = [
        "doc_id",
        "para_id",
        "sent_id",
        "token_id",
        "start",
        "end",
        "orig_start",
        "orig_end",
        "left",
        "keyword",
        "right",
        "pattern",
    ]
    doc = toks["doc_id"].to_numpy()
    para = toks["para_id"].to_numpy()
    start = toks["start"].to_numpy()
    end = toks["end"].to_numpy()
    word = toks["text"].to_numpy(dtype=object)
    sent = toks["sent_id"].to_numpy()
    tid = toks["token_id"].to_numpy()
    o_start = toks["orig_start"].to_numpy()
    o_end = toks["orig_end"].to_numpy()
    index = _TokenIndex(toks, aliases=aliases)
    rows = []
    for p in patterns:
        for i, j in index.hits(p, match=match, case=case):
            lo = i
            while lo > 0 and i - lo < window and doc[lo - 1] == doc[i] and para[lo - 1] == para[i]:
                lo -= 1
            hi = j
            while hi < len(toks) - 1 and hi - j < window and doc[hi + 1] == doc[j] and para[hi + 1] == para[j]:
                hi += 1
            left = _join(word, start, end, lo, i)
            keyword = _join(word, start, end, i, j + 1)
            right = _join(word, start, end, j + 1, hi + 1)
            rows.append(
                (
                    doc[i],
                    para[i],
                    sent[i],
                    tid[i],
                    start[i],
                    end[j],
                    o_start[i],
                    o_end[j],
                    _squash(left),
                    _squash(keyword),
                    _squash(right),
                    p,
                )
            )
    out = pd.DataFrame(rows, columns=cols)
    if len(out):
        order = {d: k for k, d in enumerate(dict.fromkeys(doc.tolist()))}
        out["_d"] = out["doc_id"].map(order)
        out = out.sort_values(["_d", "start", "pattern"], kind="mergesort").drop(columns="_d")
    for c in ("para_id", "sent_id", "token_id", "start", "end", "orig_start", "orig_end"):
        out[c] = out[c].astype(np.int64)
    return out.reset_index(drop=True)


_SPACE = re.compile(r"\s+")


def _squash(s: str) -> str:
    return _SPACE.sub(" ", s).strip()


def _join(word: np.ndarray, start: np.ndarray, end: np.ndarray, a: int, b: int) -> str:
    """Tokens ``a``..``b - 1`` as written: one space where the text had white space between two
    tokens, none where they touched ("Mosul." stays "Mosul.")."""
    if b <= a:
        return ""
    parts = [word[a]]
    for t in range(a + 1, b):
        if start[t] > end[t - 1]:
            parts.append(" ")
        parts.append(word[t])
    return "".join(parts)


def dispersion(
    x: Any,
    patterns: str | Sequence[str],
    *,
    match: str = "glob",
    case: bool = False,
    aliases: bool = True,
) -> pd.DataFrame:
    """Lexical dispersion: where each occurrence of each pattern falls along its document.

    Patterns work as in ``kwic``. Returns a DataFrame with ``doc_id``, ``pattern``, ``para_id``,
    ``token_id`` (position in tokens, 1-based, punctuation included), ``n_tokens`` (tokens in
    the document) and ``relative`` = (token_id − 1) / n_tokens (0 = first token, near 1 = the
    end); one row per occurrence, in pattern order then text order. A pattern that never occurs
    has no rows (``plots.terms.plot_dispersion`` still shows it as an empty line).
    """
    import numpy as np
    import pandas as pd

    patterns = [patterns] if isinstance(patterns, str) else list(patterns)
    toks = _tokens(x, lemmas=False).reset_index(drop=True)
    doc = toks["doc_id"].to_numpy()
    # tokens per document, for each row (documents are contiguous in a token table)
    bounds = np.flatnonzero(np.r_[True, doc[1:] != doc[:-1], True]) if len(doc) else np.array([0])
    n_doc = np.repeat(np.diff(bounds), np.diff(bounds))
    index = _TokenIndex(toks, aliases=aliases)
    parts = []
    for p in patterns:
        rows = np.array([i for i, _ in index.hits(p, match=match, case=case)], dtype=np.int64)
        tid = toks["token_id"].to_numpy()[rows]
        parts.append(
            pd.DataFrame(
                {
                    "doc_id": doc[rows],
                    "pattern": p,
                    "para_id": toks["para_id"].to_numpy()[rows],
                    "token_id": tid,
                    "n_tokens": n_doc[rows],
                    "relative": (tid - 1) / n_doc[rows] if len(rows) else np.zeros(0),
                }
            )
        )
    cols = ["doc_id", "pattern", "para_id", "token_id", "n_tokens", "relative"]
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=cols)
    out = out[cols]
    out.attrs["patterns"] = patterns
    return out.astype({"para_id": "int64", "token_id": "int64", "n_tokens": "int64", "relative": "float64"})
