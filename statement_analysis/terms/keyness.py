"""Keyness: terms over- and under-used in a target against a reference (chi², G², log ratio),
and the log-likelihood helpers that collocations share."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .._options import choice, integer, renamed
from ..errors import TermsError
from .prepare import TermOptions, _grams, _is_token_table, _Prep, _prepare, _tokens, legacy_form

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd


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
# keyness


@legacy_form
@renamed(sort_by="measure")
def keyness(
    target: Any,
    reference: Any = None,
    *,
    select: Sequence[Any] | None = None,
    measure: str = "chi2",
    correction: str = "default",
    ngram: int = 1,
    min_count: int = 1,
    form: str = "lower",
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
        ``min_count`` times or more in target and reference together; sorted by ``measure``
        (``"chi2"``, ``"g2"`` or ``"log_ratio"``, as quanteda's ``measure``; was ``sort_by=``)
        descending,
        so target keywords come first and reference keywords last.
    """

    choice("measure", measure, ("chi2", "g2", "log_ratio"), error=TermsError)
    choice("correction", correction, ("default", "none"), error=TermsError)
    min_count = integer("min_count", min_count, minimum=1, error=TermsError)
    opts = TermOptions(form=form, aliases=aliases, stopwords=stopwords, boilerplate=boilerplate, numbers=numbers)
    if select is not None:
        if reference is not None:
            raise TermsError("give either a reference or select= (a group inside one corpus), not both")
        toks = _tokens(target, lemmas=opts.lemmas)
        ids = _selected_ids(target, select)
        in_target = toks["doc_id"].isin(ids)
        tgt_toks, ref_toks = toks[in_target], toks[~in_target]
    else:
        if reference is None:
            raise TermsError("keyness needs a reference (a statement or corpus), or select= to pick a group")
        tgt_toks = _tokens(target, lemmas=opts.lemmas)
        ref_toks = _tokens(reference, lemmas=opts.lemmas)
        ref_toks = ref_toks[~ref_toks["doc_id"].isin(set(tgt_toks["doc_id"]))]
    tgt = _term_counts(_prepare(tgt_toks, opts), ngram)
    ref = _term_counts(_prepare(ref_toks, opts), ngram)
    if tgt.sum() == 0:
        raise TermsError("the target has no counted terms (empty, or only stop words)")
    if ref.sum() == 0:
        raise TermsError("the reference has no counted terms (empty, or only stop words, or the same documents)")
    out = keyness_table(tgt, ref, correction=correction)
    out = out[(out["n_target"] + out["n_reference"]) >= min_count]
    out = out.sort_values([measure, "term"], ascending=[False, True], kind="mergesort")
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
