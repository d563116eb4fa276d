"""Comparisons of constructed statements whose differences are known, and time series of a
small constructed dated corpus with hand-counted monthly values."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

import statement_analysis as sa
from statement_analysis import compare, pipeline, readability

# A theme dictionary small enough to count by hand.
DICT = {
    "money": {"label": "Money", "description": "money", "words": ["funding", "banks"]},
    "aid": {"label": "Aid", "description": "aid", "words": ["food", "shelter"]},
}

EASY = (
    "We met in Paris. We spoke of food and shelter. We will meet again in Paris soon.\n\n"
    "The talks were good. Mosul was on the list. Mosul needs help now."
)
HARD = (
    "Representatives of participating governments deliberated comprehensively regarding "
    "international reconstruction financing mechanisms, institutional accountability, and "
    "multilateral coordination responsibilities concerning Raqqa and Raqqa's surrounding "
    "administrative territories, emphasising banks, funding and additional funding.\n\n"
    "Furthermore, participants acknowledged considerable organisational complexities "
    "associated with implementing sustainable stabilisation programmes in Iraq."
)


def st(text: str, doc_id: str, date: dt.date | None = None) -> sa.Statement:
    return sa.load_statement(text, title=doc_id, date=date, doc_id=doc_id)


@pytest.fixture(scope="module")
def ab() -> tuple[sa.Statement, sa.Statement]:
    return st(EASY, "easy", dt.date(2021, 1, 5)), st(HARD, "hard", dt.date(2021, 3, 9))


def test_readability_change_matches_textstat_and_direction(ab):
    a, b = ab
    ts = readability.offline_textstat()
    table = compare.readability_change(a, b).set_index("measure")
    ta, tb = sa.tidy.document_texts(a)["easy"], sa.tidy.document_texts(b)["hard"]
    for m in ("flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "dale_chall_readability_score"):
        assert table.loc[m, "a"] == pytest.approx(getattr(ts, m)(ta), abs=1e-9)
        assert table.loc[m, "b"] == pytest.approx(getattr(ts, m)(tb), abs=1e-9)
        assert table.loc[m, "change"] == pytest.approx(table.loc[m, "b"] - table.loc[m, "a"])
    # the second statement is much harder: lower Reading Ease, higher grades, so not easier
    assert table.loc["flesch_reading_ease", "change"] < 0
    assert table.loc["flesch_kincaid_grade", "change"] > 0
    assert not table.loc["flesch_reading_ease", "easier"]
    assert not table.loc["flesch_kincaid_grade", "easier"]
    # counts are textstat's: words by lexicon_count
    assert table.loc["words", "a"] == ts.lexicon_count(ta)
    assert pd.isna(table.loc["words", "easier"])
    # swapped, the direction flips
    swapped = compare.readability_change(b, a).set_index("measure")
    assert swapped.loc["flesch_kincaid_grade", "easier"]


def test_distinctive_terms_each_way(ab):
    a, b = ab
    t = compare.distinctive_terms(a, b, n=5)
    of_a = t[t["distinctive_of"] == "a"].set_index("term")
    of_b = t[t["distinctive_of"] == "b"].set_index("term")
    # "paris" and "mosul" occur twice in a (hand count) and never in b
    assert of_a.loc["paris", "n_a"] == 2 and of_a.loc["paris", "n_b"] == 0
    assert of_a.loc["mosul", "n_a"] == 2 and of_a.loc["mosul", "n_b"] == 0
    # "raqqa" (Raqqa, Raqqa's) twice and "funding" twice in b, never in a
    assert of_b.loc["raqqa", "n_b"] == 2 and of_b.loc["raqqa", "n_a"] == 0
    assert of_b.loc["funding", "n_b"] == 2
    assert (of_a["g2"] > 0).all() and (of_b["g2"] < 0).all()
    assert len(of_a) == 5 and len(of_b) == 5


def test_distinctive_terms_same_doc_id_still_compared():
    a = st("Paris and Paris again, said the ministers today.", "x")
    b = st("Berlin and Berlin again, said the ministers today.", "x")
    t = compare.distinctive_terms(a, b, n=1)
    assert t["term"].tolist() == ["paris", "berlin"]


def test_theme_change_hand_counts(ab):
    a, b = ab
    t = compare.theme_change(a, b, dictionary=DICT).set_index("theme")
    # a: "food", "shelter" (aid) = 2 matches; words (letters or digits, stop words included):
    # 4 + 6 + 7 + 4 + 5 + 4 = 30
    assert t.loc["aid", "n_a"] == 2 and t.loc["aid", "words_a"] == 30
    assert t.loc["aid", "share_a"] == pytest.approx(2 / 30)
    # b: "banks", "funding", "funding" (money) = 3; aid none
    assert t.loc["money", "n_a"] == 0 and t.loc["money", "n_b"] == 3
    words_b = t.loc["money", "words_b"]
    assert t.loc["money", "share_b"] == pytest.approx(3 / words_b)
    assert t.loc["money", "change"] == pytest.approx(3 / words_b)  # the theme grew from nothing
    assert math.isinf(t.loc["money", "ratio"])
    assert t.loc["aid", "change"] == pytest.approx(-2 / 30)
    assert t.index.tolist() == ["money", "aid"]  # dictionary order


def test_place_change_gained_lost_more():
    a = st("France and France again met Iraq. Iraq thanked France.", "a")
    b = st("Iraq, Iraq and Iraq met Japan. Iraq spoke.", "b")
    p = compare.place_change(a, b).set_index("place")
    assert p.loc["France", "status"] == "lost" and p.loc["France", "a"] == 3 and p.loc["France", "b"] == 0
    assert p.loc["Japan", "status"] == "gained" and p.loc["Japan", "change"] == 1
    assert p.loc["Iraq", "status"] == "more" and (p.loc["Iraq", "a"], p.loc["Iraq", "b"]) == (2, 4)
    # gained first, then lost, then more
    assert p["status"].tolist() == ["gained", "lost", "more"]
    c = compare.place_change(a, b, level="country").set_index("iso3")
    assert c.loc["FRA", "status"] == "lost" and c.loc["JPN", "status"] == "gained"


def test_place_change_unknown_level(ab):
    with pytest.raises(compare.CompareError, match="level"):
        compare.place_change(*ab, level="planet")


def test_pair_bundles_the_four_and_a_side_by_side_table(ab):
    a, b = ab
    p = compare.pair(a, b, dictionary=DICT, n_terms=3)
    assert p.labels == ("A: 2021-01-05", "B: 2021-03-09")
    table = p.table()
    assert list(table.columns) == ["section", "measure", "A: 2021-01-05", "B: 2021-03-09", "change"]
    assert set(table["section"]) == {"readability", "themes", "places", "terms"}
    gained = table[(table["section"] == "places") & table["measure"].str.contains("only in B")]
    assert "Iraq" in gained["change"].iloc[0] and "Raqqa" in gained["change"].iloc[0]
    lost = table[(table["section"] == "places") & table["measure"].str.contains("only in A")]
    assert "Paris" in lost["change"].iloc[0]


# ---------------------------------------------------------------------------------------------
# over time: January 2021 two documents, February none, March one


@pytest.fixture(scope="module")
def dated() -> pd.DataFrame:
    docs = [
        st("We send food to Iraq. Food and shelter matter to all.", "j1", dt.date(2021, 1, 4)),
        st("Funding for Iraq and Syria is agreed by all partners here.", "j2", dt.date(2021, 1, 28)),
        st("Banks and funding for Syria. Syria needs funding now, said Japan.", "m1", dt.date(2021, 3, 2)),
        st("No date on this one about food.", "nodate"),
    ]
    return sa.corpus_from_statements(docs)


def test_over_time_monthly_values(dated):
    ts = compare.over_time(dated, freq="month", dictionary=DICT, workers=1)
    assert ts.undated == 1
    r = ts.readability.set_index("period")
    assert r.index.tolist() == ["2021-01", "2021-02", "2021-03"]
    assert r["documents"].tolist() == [2, 0, 1]
    fk = readability.offline_textstat().flesch_kincaid_grade
    texts = {d: t for d, t in sa.tidy.document_texts(dated).items()}
    assert r.loc["2021-01", "flesch_kincaid_grade"] == pytest.approx((fk(texts["j1"]) + fk(texts["j2"])) / 2)
    assert r.loc["2021-03", "flesch_kincaid_grade"] == pytest.approx(fk(texts["m1"]))
    assert math.isnan(r.loc["2021-02", "flesch_kincaid_grade"])
    assert r.loc["2021-02", "words"] == 0

    th = ts.themes.set_index(["period", "theme"])
    # January: j1 has 11 words, "food", "food", "shelter" = 3 aid; j2 has 11 words, "funding" = 1 money
    assert th.loc[("2021-01", "aid"), "n"] == 3 and th.loc[("2021-01", "aid"), "n_words"] == 22
    assert th.loc[("2021-01", "aid"), "share"] == pytest.approx(3 / 22)
    assert th.loc[("2021-01", "money"), "share"] == pytest.approx(1 / 22)
    assert th.loc[("2021-01", "money"), "documents"] == 1
    # March: 5 + 6 = 11 words, "banks", "funding", "funding" = 3 money
    assert th.loc[("2021-03", "money"), "share"] == pytest.approx(3 / 11)
    assert math.isnan(th.loc[("2021-02", "money"), "share"])

    pl = ts.places.set_index(["period", "iso3"])
    assert pl.loc[("2021-01", "IRQ"), "mentions"] == 2 and pl.loc[("2021-01", "IRQ"), "documents"] == 2
    assert pl.loc[("2021-01", "SYR"), "mentions"] == 1
    assert pl.loc[("2021-03", "SYR"), "mentions"] == 2
    assert pl.loc[("2021-03", "JPN"), "mentions"] == 1
    assert pl.loc[("2021-02", "IRQ"), "mentions"] == 0
    # the most mentioned country overall comes first (Syria 3, Iraq 2, Japan 1)
    assert ts.places["iso3"].drop_duplicates().tolist() == ["SYR", "IRQ", "JPN"]
    assert ts.documents["doc_id"].tolist() == ["j1", "j2", "m1"]


def test_over_time_yearly_and_top(dated):
    ts = compare.over_time(dated, freq="year", top=1, dictionary=DICT, workers=1)
    assert ts.readability["period"].tolist() == ["2021"]
    assert ts.readability["documents"].tolist() == [3]
    assert ts.places["iso3"].tolist() == ["SYR"]


def test_over_time_errors(dated):
    undated = dated.assign(date=pd.NaT)
    with pytest.raises(compare.CompareError, match="date"):
        compare.over_time(undated, workers=1)
    with pytest.raises(compare.CompareError, match="freq"):
        compare.over_time(dated, freq="week")


def test_over_time_from_a_computed_result(dated):
    res = pipeline.run(dated, dictionary=DICT, workers=1)
    ts1 = compare.over_time(res)
    ts2 = compare.over_time(dated, dictionary=DICT, workers=1)
    pd.testing.assert_frame_equal(ts1.readability, ts2.readability)
    pd.testing.assert_frame_equal(ts1.themes, ts2.themes)


def test_pair_with_a_side_without_words_gives_documented_empty_results(ab):
    a, _ = ab
    b = sa.Statement(doc_id="nothing", title="", date=None, paragraphs=("— !",))
    p = compare.pair(a, b, dictionary=DICT)
    r = p.readability.set_index("measure")
    assert math.isnan(r.loc["flesch_kincaid_grade", "b"])  # not textstat's 0 for "no words"
    assert pd.isna(r.loc["flesch_kincaid_grade", "easier"])
    assert r.loc["words", "b"] == 0
    assert p.terms.empty and "no counted terms" in p.terms.attrs["note"]
    t = p.themes.set_index("theme")
    assert t.loc["aid", "n_b"] == 0 and math.isnan(t.loc["aid", "share_b"])
    assert t.loc["aid", "n_a"] == 2
    assert set(p.places["status"]) == {"lost"}
    p.table()  # still renders


def test_distinctive_terms_in_a_result_equal_keyness(dated):
    from statement_analysis import terms

    res = pipeline.run(dated, workers=1)
    january = ["j1", "j2"]
    got = compare.distinctive_terms_in(res, january, ["m1"], n=50)
    # terms.keyness on the texts themselves, January against March
    ref = terms.keyness(dated.loc[january], dated.loc[["m1"]], measure="g2")
    ref = ref.set_index("term")
    for row in got.itertuples(index=False):
        r = ref.loc[row.term]
        assert (row.n_a, row.n_b) == (r["n_target"], r["n_reference"])
        assert row.g2 == pytest.approx(r["g2"], rel=1e-12)
        assert row.log_ratio == pytest.approx(r["log_ratio"], rel=1e-12)
        assert row.distinctive_of == ("a" if r["direction"] == "target" else "b")
    assert len(got) == (ref["direction"] != "neither").sum()
    # "food" twice and "shelter" once in January only; "banks" only in March
    g = got.set_index("term")
    assert g.loc["food", "n_a"] == 2 and g.loc["food", "distinctive_of"] == "a"
    assert g.loc["banks", "n_b"] == 1 and g.loc["banks", "distinctive_of"] == "b"
    mask = res.documents["doc_id"].isin(january)
    pd.testing.assert_frame_equal(compare.distinctive_terms_in(res, mask, ["m1"], n=50), got)
    with pytest.raises(compare.CompareError, match="both groups"):
        compare.distinctive_terms_in(res, january, ["j1"])


def test_over_time_through_dask_equals_in_memory(dated):
    pytest.importorskip("dask.dataframe")
    a = compare.over_time(dated, dictionary=DICT, workers=1)
    b = compare.over_time(pipeline.to_dask(dated, npartitions=2), dictionary=DICT)
    for name in ("readability", "themes", "places", "documents"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), check_exact=True)
