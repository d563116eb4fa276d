"""Counting terms: frequencies (with n-grams), collocations (G² and PMI) and TF-IDF."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .._options import choice, integer, renamed
from ..errors import TermsError
from .keyness import _g2
from .prepare import TermOptions, _alpha, _grams, _is_token_table, _keys, _prepare, _tokens, legacy_form

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd


# ---------------------------------------------------------------------------------------------
# frequencies


@legacy_form
def frequencies(
    x: Any,
    *,
    ngram: int = 1,
    by: str | None = None,
    form: str = "lower",
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
        form: the form each token counts as: ``"lower"`` (case-folded, default), ``"text"`` (as
            written: "Coalition" ≠ "coalition") or ``"lemma"`` (simplemma, case-folded:
            "communities" → "community"). Replaces ``lowercase=``/``lemmas=`` (deprecated).
        aliases: count every spelling of an alias as its label (default table: ``sa.aliases``).
        stopwords: ``True`` (default list), ``False`` (count everything), or your own list.
        boilerplate: also leave out the diplomatic boilerplate list (``boilerplate_words()``).
        numbers: count numbers ("2017", "60") as terms.
        min_count: keep terms counted at least this often (within each group).

    Returns:
        DataFrame with (``doc_id``, ``para_id`` as ``by`` asks) ``term``, ``n`` (occurrences),
        ``share`` (n / all counted terms of that length in the group, 0–1), ``rank`` (1 = most
        frequent; ties share the best rank), ``documents`` (documents of the group it occurs in)
        and ``paragraphs`` (paragraphs it occurs in). Sorted by group, then ``n`` descending, then
        term. (``documents`` and ``paragraphs`` were ``docs`` and ``paras`` before 0.2.)
    """
    import numpy as np
    import pandas as pd

    keys = _keys(by)
    min_count = integer("min_count", min_count, minimum=1, error=TermsError)
    prep = _prepare(
        x, TermOptions(form=form, aliases=aliases, stopwords=stopwords, boilerplate=boilerplate, numbers=numbers)
    )
    idx, codes, words = _grams(prep, ngram)
    cols = [*keys, "term", "n", "share", "rank", "documents", "paragraphs"]
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
    out = pd.DataFrame(
        {"term": words[code], "n": n, "share": share, "rank": rank, "documents": docs, "paragraphs": paras}
    )
    if by == "document":
        out.insert(0, "doc_id", prep.doc_ids[g])
    elif by == "paragraph":
        out.insert(0, "doc_id", prep.para_doc_ids[g])
        out.insert(1, "para_id", prep.para_ids[g])
    return out[cols].reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# collocations


@legacy_form
@renamed(sort_by="measure")
def collocations(
    x: Any,
    *,
    min_count: int = 3,
    measure: str = "g2",
    form: str = "lower",
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
        expected; sorted by ``measure`` (``"g2"`` or ``"pmi"``; was ``sort_by=``) descending.
    """
    import numpy as np
    import pandas as pd

    choice("measure", measure, ("g2", "pmi"), error=TermsError)
    min_count = integer("min_count", min_count, minimum=1, error=TermsError)
    prep = _prepare(
        x, TermOptions(form=form, aliases=aliases, stopwords=stopwords, boilerplate=boilerplate, numbers=numbers)
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
    out = out.sort_values([measure, "n", "term"], ascending=[False, False, True], kind="mergesort")
    return out.reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# tf-idf


@legacy_form
def tfidf(
    x: Any,
    *,
    by: str = "paragraph",
    ngram: int = 1,
    form: str = "lower",
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

    from .._docs import iter_documents

    choice("by", by, ("paragraph", "document"), error=TermsError)
    keys = _keys(by)
    opts = TermOptions(form=form, aliases=aliases, stopwords=stopwords, boilerplate=boilerplate, numbers=numbers)
    toks = _tokens(x, lemmas=opts.lemmas)
    prep = _prepare(toks, opts)
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
