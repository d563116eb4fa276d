"""The coalition dictionary on the bundled statement: acceptance checks against hand counts."""

from __future__ import annotations

from pathlib import Path

import pytest

import statement_analysis as sa
from statement_analysis import themes

CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"


@pytest.fixture(scope="module")
def coded():
    return themes.code(sa.load_bundled(), dictionary="coalition")


def row(coded, para, theme):
    r = coded[(coded["para_id"] == para) & (coded["theme"] == theme)]
    assert len(r) == 1
    return r.iloc[0]


def test_fourteen_paragraphs_nine_themes(coded):
    assert len(coded) == 14 * 9
    assert coded["para_id"].unique().tolist() == list(range(1, 15))


def test_paragraph_11_disrupting_networks_is_foreign_fighters(coded):
    dom = themes.dominant(coded).set_index("para_id")
    assert dom.loc[11, "dominant"] == "foreign_fighters"
    # Hand count with the coalition dictionary, sentence by sentence:
    # S2 information sharing 2, traveler 1, screening 1, law enforcement 2, prosecute 1,
    #    foreign terrorist fighters 3 = 10; S3 information sharing 2, INTERPOL 1, law enforcement 2,
    #    EUROPOL 1 = 6; S4 screen 1, passports 1, foreign terrorist fighter 3, biometric 1, INTERPOL 1 = 7;
    # S5 INTERPOL 1, borders 1, ports of entry 3, interdict 1, foreign terrorist travel 3 = 9;
    # S6 2178 1, foreign terrorist fighter 3 = 4.  Total 36.
    assert row(coded, 11, "foreign_fighters")["n"] == 36
    # finance: funds 1, material support 2, financial 1, FIU 1, Financial Action Task Force 4,
    # Egmont Group 2, FIUs 1, financing 1, illicit trade 2, artifacts 1, income 1 = 17
    assert row(coded, 11, "finance")["n"] == 17


def test_paragraph_13_digital_battlespace_is_counter_messaging(coded):
    dom = themes.dominant(coded).set_index("para_id")
    assert dom.loc[13, "dominant"] == "counter_messaging"
    # digital battlespace 2, narrative 1, discredit 1, propaganda 1, authentic voices 2,
    # alternative narratives 2, world view 2, message 1, social media 2 = 14
    assert row(coded, 13, "counter_messaging")["n"] == 14


def test_paragraph_14_hand_counted_words_and_matches(coded):
    r = row(coded, 14, "coordination")
    # Words counted by hand per sentence: 27 + 16 + 19 + 25 = 87 (Da'esh is one word).
    assert r["n_words"] == 87
    # coordination 1, lines of efforts 3, working groups 2, coordination 1, meeting 1,
    # Small Group 2, working groups 2 = 12
    assert r["n"] == 12
    assert r["share"] == pytest.approx(12 / 87)


def test_evidence_for_paragraph_13_reads_back_from_the_text():
    s = sa.load_bundled()
    ev = themes.evidence(s, dictionary="coalition", theme="counter_messaging")
    ev13 = ev[ev["para_id"] == 13]
    assert ev13["matched"].tolist()[:3] == ["digital battlespace", "narrative", "discredit"]
    raw = sa.load.read_text(sa.bundled_statement_path())[0]  # the file's decoded content
    for r in ev13.itertuples():
        assert raw[r.orig_start : r.orig_end] == r.matched


@pytest.mark.corpus
def test_real_corpus_codes_and_evidence_adds_up():
    folder = CORPORA / "us_joint_statements"
    if not folder.is_dir():
        pytest.skip("../shared/corpora not present")
    import pandas as pd

    meta = pd.read_csv(folder / "metadata.csv").head(25)
    corpus = sa.load_corpus(folder, metadata=meta)
    toks = sa.tidy.tokens(corpus, lemmas=False)
    coded = themes.code(toks, dictionary="coalition")
    ev = themes.evidence(toks, dictionary="coalition")
    assert coded["doc_id"].nunique() == 25
    assert int(ev["n"].sum()) == int(coded["n"].sum()) > 0
    assert (coded["n"] <= coded["n_words"]).all()
