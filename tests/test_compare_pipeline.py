"""The whole pipeline: same results whatever the chunking, workers or Dask; the Dask path on a
local distributed cluster equals the in-memory path on the 259 joint statements."""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import pandas as pd
import pytest

import statement_analysis as sa
from statement_analysis import pipeline, places, readability, terms, themes

JOINT = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "us_joint_statements"


def _small() -> pd.DataFrame:
    b = sa.load_bundled()
    docs = [
        b,
        sa.load_statement(
            "Iraq and Syria met in Paris. Funding for stabilisation.", doc_id="s1", date=dt.date(2020, 2, 1)
        ),
        sa.load_statement("Japan spoke. Food and shelter for Mosul.", doc_id="s2", date=dt.date(2020, 5, 1)),
    ]
    corpus = sa.corpus_from_statements(docs)
    empty = pd.DataFrame({"title": [""], "date": [pd.NaT], "text": [""]}, index=pd.Index(["empty"], name="doc_id"))
    return pd.concat([corpus, empty])


def assert_same(r1: pipeline.CorpusResult, r2: pipeline.CorpusResult) -> None:
    for name in r1.tables:
        pd.testing.assert_frame_equal(r1.tables[name], r2.tables[name], check_exact=True, obj=name)


def test_tables_are_the_analyses_own():
    corpus = _small()
    res = pipeline.run(corpus, workers=1, progress=False)
    assert res.documents["doc_id"].tolist() == ["coalition_2017-03-22", "s1", "s2", "empty"]
    assert res.documents.loc[3, "words"] == 0  # the empty document stays, with no words
    read = readability.scores(corpus)
    pd.testing.assert_frame_equal(res.readability, read, check_exact=True)
    coded = themes.code(corpus, by="document")
    pd.testing.assert_frame_equal(res.themes, coded, check_exact=True)
    m = places.mentions(corpus)
    pd.testing.assert_frame_equal(res.places, m, check_exact=True, check_dtype=False)
    f = terms.frequencies(corpus, by="document")[["doc_id", "term", "n"]]
    pd.testing.assert_frame_equal(res.terms.reset_index(drop=True), f.reset_index(drop=True), check_exact=True)


def test_same_results_whatever_the_chunks_and_workers():
    corpus = _small()
    one = pipeline.run(corpus, workers=1, progress=False)
    many = pipeline.run(corpus, workers=2, chunk_chars=50, progress=False)
    assert_same(one, many)


def test_statement_and_folder_inputs(tmp_path):
    b = sa.load_bundled()
    res = pipeline.run(b, workers=1)
    assert res.documents["doc_id"].tolist() == [b.doc_id]
    (tmp_path / "one.txt").write_text("Iraq and Syria met in Paris.\n\nThey agreed.", encoding="utf-8")
    (tmp_path / "two.txt").write_text("", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = pipeline.run(tmp_path, workers=1)
    assert res.documents["doc_id"].tolist() == ["one", "two"]
    assert set(res.places["place"]) == {"Iraq", "Syria", "Paris"}


def test_bad_inputs():
    with pytest.raises(sa.InputTypeError):
        pipeline.run(42)
    with pytest.raises(sa.InputTypeError, match="text"):
        pipeline.run(pd.DataFrame({"title": ["x"]}))
    with pytest.raises(pipeline.PipelineError, match="chunk_chars"):
        pipeline.run(_small(), chunk_chars=0)


def test_dask_local_scheduler_small():
    pytest.importorskip("dask.dataframe")
    corpus = _small()
    assert_same(pipeline.run(corpus, workers=1), pipeline.run(pipeline.to_dask(corpus, npartitions=3)))


@pytest.mark.corpus
@pytest.mark.slow
def test_dask_cluster_equals_in_memory_on_joint_statements():
    if not JOINT.is_dir():
        pytest.skip("../shared/corpora not present")
    distributed = pytest.importorskip("distributed")
    corpus = sa.load_corpus(JOINT, progress=False)
    assert len(corpus) == 259
    in_memory = pipeline.run(corpus, progress=False)
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        distributed.Client(cluster),
    ):
        ddf = pipeline.to_dask(corpus, npartitions=6)
        assert ddf.npartitions == 6
        through_dask = pipeline.run(ddf)
    assert_same(in_memory, through_dask)
    assert len(through_dask.places) > 1000 and len(through_dask.terms) > 50_000
