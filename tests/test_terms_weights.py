"""TF-IDF against scikit-learn, and keyness on a constructed pair of texts worked by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import statement_analysis as sa
from statement_analysis import terms


def _corpus(texts: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame({"text": list(texts.values())}, index=pd.Index(list(texts), name="doc_id"))


SMALL = _corpus(
    {
        "a": "Peace talks resume in Geneva. Peace requires trust and talks.",
        "b": "Sanctions on oil exports remain. Talks on sanctions continue.",
        "c": "Humanitarian access to besieged areas. Access saves lives; peace saves lives.",
        "d": "The the of and.",  # nothing left after stop words: still a document for idf
    }
)


def _analyzer_from_tokens(x: object, unit: list[str]):
    """The counted terms of each unit, built here from sa.tidy directly (not from terms.py):
    lower-case words, no punctuation, no numbers, no stop words."""
    toks = sa.tidy.tokens(x)
    words = toks[~toks["is_punct"] & ~toks["is_num"] & ~toks["lower"].isin(sa.tidy.stopwords())]
    by = unit[0] if len(unit) == 1 else unit
    groups = {key: g["lower"].tolist() for key, g in words.groupby(by, sort=False)}
    return groups


def _sklearn_long(units: list, docs_terms: dict) -> pd.DataFrame:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(analyzer=lambda key: docs_terms.get(key, []))  # defaults: smooth_idf, l2, raw tf
    m = vec.fit_transform(units).tocoo()
    vocab = vec.get_feature_names_out()
    return pd.DataFrame(
        {"unit": [units[i] for i in m.row], "term": vocab[m.col], "tf_idf": m.data, "idf": vec.idf_[m.col]}
    )


def test_tfidf_documents_equal_sklearn() -> None:
    ours = terms.tfidf(SMALL, by="document")
    docs_terms = _analyzer_from_tokens(SMALL, ["doc_id"])
    ref = _sklearn_long(list(SMALL.index), docs_terms)
    merged = ours.merge(ref, left_on=["doc_id", "term"], right_on=["unit", "term"], how="outer", indicator=True)
    assert (merged["_merge"] == "both").all(), merged[merged["_merge"] != "both"]
    np.testing.assert_allclose(merged["tf_idf_x"], merged["tf_idf_y"], rtol=1e-12)
    np.testing.assert_allclose(merged["idf_x"], merged["idf_y"], rtol=1e-12)
    # by hand: "peace" is in a and c of 4 documents: idf = ln(5/3) + 1
    assert ours.loc[ours["term"] == "peace", "idf"].iloc[0] == pytest.approx(math.log(5 / 3) + 1)
    # every document's weights have a sum of squares of 1
    assert ours.groupby("doc_id")["tf_idf"].apply(lambda s: (s**2).sum()).to_numpy() == pytest.approx(1.0)


def test_tfidf_paragraphs_of_the_bundled_statement_equal_sklearn() -> None:
    statement = sa.load_bundled()
    ours = terms.tfidf(statement, by="paragraph", aliases=False)
    units_terms = _analyzer_from_tokens(statement, ["doc_id", "para_id"])
    units = sorted(units_terms)
    assert len(units) == 14
    ref = _sklearn_long(units, units_terms)
    ref["doc_id"] = [u[0] for u in ref["unit"]]
    ref["para_id"] = [u[1] for u in ref["unit"]]
    merged = ours.merge(ref, on=["doc_id", "para_id", "term"], how="outer", indicator=True)
    assert (merged["_merge"] == "both").all()
    np.testing.assert_allclose(merged["tf_idf_x"], merged["tf_idf_y"], rtol=1e-12)


# ---------------------------------------------------------------------------------------------
# keyness: target has 20 counted words, reference 40
#   target:    sanctions x10, peace x6, trade x4
#   reference: sanctions x2,  peace x8, trade x30
# For each term a = target count, b = reference count, c = 20 - a, d = 40 - b, N = 60.
#
# sanctions: a=10 b=2 c=10 d=38. Expected a: (a+b)(a+c)/N = 12*20/60 = 4 (< 5, so quanteda's
#   default Yates rule applies because |ad-bc| = |380-20| = 360 >= N/2 = 30).
#   chi2 (Yates) = 60 * (360 - 30)^2 / (12*48*20*40) = 60*108900/460800 = 14.1796875
#   chi2 (none)  = 60 * 360^2 / 460800 = 16.875
#   expected cells: a 4, b 12*40/60 = 8, c 48*20/60 = 16, d 48*40/60 = 32
#   G2 = 2 (10 ln(10/4) + 2 ln(2/8) + 10 ln(10/16) + 38 ln(38/32)) = 16.4412...
#   log ratio = log2((10/20) / (2/40)) = log2(10) = 3.3219...
# peace: a=6 b=8 c=14 d=32. Expected a = 14*20/60 = 4.667 (< 5); |ad-bc| = |192-112| = 80 >= 30
#   chi2 (Yates) = 60 * (80-30)^2 / (14*46*20*40) = 150000/515200 = 0.29115..., positive (6 > 4.667)
# trade: a=4 b=30 c=16 d=10. Expected cells 11.33, 22.67, 8.67, 17.33: none < 5, no correction.
#   chi2 = 60 * |40 - 480|^2 / (34*26*20*40) = 11616000/707200 = 16.4253..., negative (4 < 11.33)
#   log ratio = log2((4/20) / (30/40)) = log2(0.26667) = -1.9069...

TARGET = sa.load_statement("sanctions " * 10 + "peace " * 6 + "trade " * 4, title="target")
REFERENCE = sa.load_statement("sanctions " * 2 + "peace " * 8 + "trade " * 30, title="reference")


@pytest.fixture(scope="module")
def key() -> pd.DataFrame:
    return terms.keyness(TARGET, REFERENCE).set_index("term")


def test_keyness_counts(key: pd.DataFrame) -> None:
    assert key.loc["sanctions", ["n_target", "n_reference"]].tolist() == [10, 2]
    assert key.loc["trade", ["n_target", "n_reference"]].tolist() == [4, 30]
    assert key.loc["sanctions", "per_1k_target"] == pytest.approx(500.0)


def test_keyness_chi2_by_hand(key: pd.DataFrame) -> None:
    assert key.loc["sanctions", "chi2"] == pytest.approx(14.1796875)
    assert key.loc["peace", "chi2"] == pytest.approx(150000 / 515200)
    assert key.loc["trade", "chi2"] == pytest.approx(-11616000 / 707200)
    none = terms.keyness(TARGET, REFERENCE, correction="none").set_index("term")
    assert none.loc["sanctions", "chi2"] == pytest.approx(16.875)
    assert none.loc["trade", "chi2"] == pytest.approx(-11616000 / 707200)


def test_keyness_g2_and_log_ratio_by_hand(key: pd.DataFrame) -> None:
    ln = math.log
    g2 = 2 * (10 * ln(10 / 4) + 2 * ln(2 / 8) + 10 * ln(10 / 16) + 38 * ln(38 / 32))
    assert key.loc["sanctions", "g2"] == pytest.approx(g2)
    assert key.loc["sanctions", "log_ratio"] == pytest.approx(math.log2(10))
    assert key.loc["trade", "log_ratio"] == pytest.approx(math.log2((4 / 20) / (30 / 40)))
    assert key.loc["trade", "g2"] < 0


def test_keyness_against_scipy(key: pd.DataFrame) -> None:
    from scipy.stats import chi2_contingency

    for term, (a, b) in {"sanctions": (10, 2), "trade": (4, 30)}.items():
        table = [[a, b], [20 - a, 40 - b]]
        chi, p, *_ = chi2_contingency(table, correction=(term == "sanctions"))
        g2, pg, *_ = chi2_contingency(table, correction=False, lambda_="log-likelihood")
        assert abs(key.loc[term, "chi2"]) == pytest.approx(chi)
        assert key.loc[term, "p_chi2"] == pytest.approx(p)
        assert abs(key.loc[term, "g2"]) == pytest.approx(g2)
        assert key.loc[term, "p_g2"] == pytest.approx(pg)


def test_keyness_both_directions_and_order(key: pd.DataFrame) -> None:
    assert key.loc["sanctions", "direction"] == "target"
    assert key.loc["trade", "direction"] == "reference"
    assert key.index.tolist() == ["sanctions", "peace", "trade"]  # sorted by signed chi2


def test_keyness_group_inside_a_corpus() -> None:
    corpus = _corpus({"t": TARGET.text, "r": REFERENCE.text, "r2": "trade " * 5})
    by_mask = terms.keyness(corpus, select=[True, False, False]).set_index("term")
    by_ids = terms.keyness(corpus, select=["t"]).set_index("term")
    pd.testing.assert_frame_equal(by_mask, by_ids)
    assert by_ids.loc["trade", ["n_target", "n_reference"]].tolist() == [4, 35]
    # a statement against a corpus that holds it: the statement is left out of the reference
    vs_corpus = terms.keyness(corpus.loc[["t"]], corpus).set_index("term")
    pd.testing.assert_frame_equal(vs_corpus, by_ids)
    with pytest.raises(terms.TermsError):
        terms.keyness(corpus, select=[True, True, True])
    with pytest.raises(terms.TermsError):
        terms.keyness(corpus, select=["nope"])
    with pytest.raises(terms.TermsError):
        terms.keyness(corpus)
