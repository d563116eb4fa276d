"""Term analyses on a real corpus (../shared/corpora; skipped where absent)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import statement_analysis as sa
from statement_analysis import terms

JOINT = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "us_joint_statements"


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    if not (JOINT / "metadata.csv").is_file():
        pytest.skip("../shared/corpora not present")
    files = sorted((JOINT / "txt").glob("*.txt"))[:25]
    return sa.load_corpus(files)


@pytest.mark.corpus
def test_corpus_counts_add_up_per_document(corpus: pd.DataFrame) -> None:
    toks = sa.tidy.tokens(corpus)
    whole = terms.frequencies(toks).set_index("term")
    per_doc = terms.frequencies(toks, by="document")
    summed = per_doc.groupby("term")["n"].sum()
    assert summed.reindex(whole.index).tolist() == whole["n"].tolist()
    assert per_doc.groupby("term").size().reindex(whole.index).tolist() == whole["documents"].tolist()
    # one document alone gives the same counts as its rows of the by-document table
    first = corpus.index[0]
    alone = terms.frequencies(corpus.loc[[first]]).set_index("term")["n"]
    mine = per_doc[per_doc["doc_id"] == first].set_index("term")["n"]
    pd.testing.assert_series_equal(alone.sort_index(), mine.sort_index(), check_names=False)


@pytest.mark.corpus
def test_corpus_tfidf_equals_sklearn(corpus: pd.DataFrame) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    toks = sa.tidy.tokens(corpus)
    form = sa.tidy.term_forms(toks)
    counted = ~toks["is_punct"] & ~toks["is_num"] & form.notna() & (~toks["is_stop"] | toks["alias"].notna())
    per_doc = {d: g.tolist() for d, g in form[counted].groupby(toks.loc[counted, "doc_id"], sort=False)}
    ids = [str(i) for i in corpus.index]
    vec = TfidfVectorizer(analyzer=lambda d: per_doc.get(d, []))
    m = vec.fit_transform(ids).tocoo()
    ref = pd.DataFrame(
        {"doc_id": [ids[i] for i in m.row], "term": vec.get_feature_names_out()[m.col], "tf_idf": m.data}
    )
    ours = terms.tfidf(corpus, by="document")
    merged = ours.merge(ref, on=["doc_id", "term"], how="outer", indicator=True)
    assert (merged["_merge"] == "both").all()
    np.testing.assert_allclose(merged["tf_idf_x"], merged["tf_idf_y"], rtol=1e-10)


@pytest.mark.corpus
def test_corpus_keyness_group_and_kwic(corpus: pd.DataFrame) -> None:
    group = list(corpus.index[:5])
    key = terms.keyness(corpus, select=group)
    assert {"target", "reference"} <= set(key["direction"])
    assert (key["n_target"] + key["n_reference"] > 0).all()
    k = terms.kwic(corpus, "climate", window=3)
    texts = sa.tidy.document_texts(corpus)
    for r in k.itertuples():
        assert texts[r.doc_id][r.start : r.end].lower() == "climate"
