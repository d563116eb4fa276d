"""Term frequencies, n-grams, collocations and KWIC on the bundled statement, against hand counts.

How the hand counts were made: the body of
data/raw/2017-03-22_global_coalition_defeat_daesh_ministerial_statement.txt (the lines between
"Text" and "Category") was cut out with awk and searched with grep, never with this package:

    grep -o "Da’esh" body.txt | wc -l                       -> 43 (10 of them "Da’esh’s")
    grep -oi "daesh\\|isis\\|isil\\|islamic state" body.txt  -> 0  (no other spelling)
    grep -oiw coalition body.txt | wc -l                    -> 14 (in paragraphs 1 2 4 5 7 11 12 14)
    grep -oiw iraq body.txt | wc -l                         -> 11 (incl. "Iraq’s"; not Iraqi/Iraqis)
    grep -oiw syria body.txt | wc -l                        -> 11 (not Syrian/Syrians)
    grep -oiw "efforts\\?" body.txt | sort | uniq -c         -> 14 efforts, 2 effort
    grep -oi "foreign terrorist" body.txt | wc -l           -> 4 ("... fighters" 1, "fighter" 2, "travel" 1)
    grep -oi "territorial integrity" / "liberated areas" / "liberated communities" /
            "information sharing" / "iraq and syria"        -> 2 / 3 / 3 / 3 / 5
    grep -oiw foreign / terrorist                           -> 5 / 5 ("Foreign Ministers", "for terrorist")
    awk 'BEGIN{RS=""} /Mosul/ {print NR}' body.txt           -> paragraphs 2, 4, 5 (once each)
All these bigrams sit between two words with one space and no punctuation (checked by eye).
"""

from __future__ import annotations

import pandas as pd
import pytest

import statement_analysis as sa
from statement_analysis import terms


@pytest.fixture(scope="module")
def statement() -> sa.Statement:
    return sa.load_bundled()


@pytest.fixture(scope="module")
def unigrams(statement: sa.Statement) -> pd.DataFrame:
    return terms.frequencies(statement)


def _n(freq: pd.DataFrame, term: str) -> int:
    row = freq[freq["term"] == term]
    return int(row["n"].iloc[0]) if len(row) else 0


def test_unigram_counts_match_hand_counts(unigrams: pd.DataFrame) -> None:
    assert _n(unigrams, "Da'esh") == 43
    assert _n(unigrams, "coalition") == 14
    assert _n(unigrams, "iraq") == 11
    assert _n(unigrams, "syria") == 11
    assert _n(unigrams, "mosul") == 3
    assert _n(unigrams, "efforts") == 14


def test_paragraph_frequency_and_rank(unigrams: pd.DataFrame) -> None:
    row = unigrams.set_index("term").loc["coalition"]
    assert row["paragraphs"] == 8  # paragraphs 1 2 4 5 7 11 12 14
    assert row["documents"] == 1
    assert unigrams["term"].iloc[0] == "Da'esh" and unigrams["rank"].iloc[0] == 1
    # iraq and syria tie (11 each) and share a rank
    ranks = unigrams.set_index("term")["rank"]
    assert ranks["iraq"] == ranks["syria"]
    assert unigrams["share"].sum() == pytest.approx(1.0)
    assert (unigrams["n"].diff().dropna() <= 0).all()


def test_stopwords_and_punctuation_are_not_terms(unigrams: pd.DataFrame) -> None:
    assert not unigrams["term"].isin(["the", "and", "of", "'s", ",", "."]).any()
    everything = terms.frequencies(sa.load_bundled(), stopwords=False)
    assert _n(everything, "the") > 0 and _n(everything, "'s") == 15  # 10 Da'esh's + 5 others


def test_case_lemma_and_alias_options(statement: sa.Statement) -> None:
    surface = terms.frequencies(statement, form="text")
    assert _n(surface, "Coalition") == 14 and _n(surface, "coalition") == 0
    lemmas = terms.frequencies(statement, form="lemma")
    assert _n(lemmas, "effort") == 16  # 14 efforts + 2 effort
    no_alias = terms.frequencies(statement, aliases=False)
    assert _n(no_alias, "da'esh") == 43  # one spelling only in this text, so the same count


def test_aliases_merge_spellings() -> None:
    text = sa.load_statement("ISIS and Daesh lost ground. The Islamic State of Iraq and the Levant fled.")
    freq = terms.frequencies(text)
    assert _n(freq, "Da'esh") == 3
    assert _n(freq, "isis") == 0 and _n(freq, "levant") == 0
    assert _n(terms.frequencies(text, aliases=False), "isis") == 1


def test_bigram_counts_match_hand_counts(statement: sa.Statement) -> None:
    bi = terms.frequencies(statement, ngram=2)
    assert _n(bi, "foreign terrorist") == 4
    assert _n(bi, "territorial integrity") == 2
    assert _n(bi, "liberated areas") == 3
    assert _n(bi, "liberated communities") == 3
    assert _n(bi, "information sharing") == 3
    # no n-gram starts or ends with a stop word
    stops = terms.stopword_list()
    words = bi["term"].str.split(" ")
    assert not words.str[0].isin(stops).any() and not words.str[-1].isin(stops).any()


def test_trigrams_keep_inner_stopwords_and_stop_at_punctuation(statement: sa.Statement) -> None:
    tri = terms.frequencies(statement, ngram=3)
    assert _n(tri, "iraq and syria") == 5
    assert _n(tri, "foreign terrorist fighter") == 2
    assert _n(tri, "foreign terrorist fighters") == 1
    # "Iraq, Syria" must not make a bigram across the comma; sentences are not crossed either
    text = sa.load_statement("We support Iraq, Syria and Libya. Peace talks resume. Talks matter.")
    bi = terms.frequencies(text, ngram=2)
    assert _n(bi, "iraq syria") == 0
    assert _n(bi, "resume talks") == 0
    assert _n(bi, "peace talks") == 1


def test_by_paragraph_and_document(statement: sa.Statement) -> None:
    per_para = terms.frequencies(statement, by="paragraph")
    mosul = per_para[per_para["term"] == "mosul"]
    assert mosul["para_id"].tolist() == [2, 4, 5]
    coal = per_para[per_para["term"] == "coalition"]
    assert coal["n"].sum() == 14
    assert sorted(coal["para_id"].tolist()) == [1, 2, 4, 5, 7, 11, 12, 14]
    per_doc = terms.frequencies(statement, by="document")
    assert set(per_doc["doc_id"]) == {statement.doc_id}


def test_min_count_and_boilerplate(statement: sa.Statement) -> None:
    freq = terms.frequencies(statement, min_count=11)
    assert set(freq["term"]) == {"Da'esh", "coalition", "efforts", "support", "iraq", "syria"}
    boiler = terms.frequencies(statement, boilerplate=True)
    assert _n(boiler, "recognize") == 0 and _n(terms.frequencies(statement), "recognize") == 7
    assert "welcome" in terms.boilerplate_words()


def test_token_table_input_gives_same_counts(statement: sa.Statement, unigrams: pd.DataFrame) -> None:
    toks = sa.tidy.tokens(statement)
    pd.testing.assert_frame_equal(terms.frequencies(toks), unigrams)


def test_collocations_show_counts_and_scores(statement: sa.Statement) -> None:
    from scipy.stats import chi2_contingency

    col = terms.collocations(statement, min_count=2)
    row = col.set_index("term").loc["foreign terrorist"]
    assert (row["n"], row["n_first"], row["n_second"]) == (4, 5, 5)
    a, r1, c1, n = row["n"], row["n_first"], row["n_second"], row["n_pairs"]
    table = [[a, r1 - a], [c1 - a, n - r1 - c1 + a]]
    g2, *_ = chi2_contingency(table, correction=False, lambda_="log-likelihood")
    assert row["g2"] == pytest.approx(g2)
    import math

    assert row["pmi"] == pytest.approx(math.log2(a * n / (r1 * c1)))
    assert (col["n"] >= 2).all() and col["g2"].is_monotonic_decreasing


def test_kwic_mosul(statement: sa.Statement) -> None:
    k = terms.kwic(statement, "Mosul", window=5)
    assert len(k) == 3
    assert k["para_id"].tolist() == [2, 4, 5]
    assert (k["keyword"] == "Mosul").all()
    first = k.iloc[0]
    # "... held by Da’esh and made significant progress recovering Mosul.  We are gratified that ..."
    assert first["left"] == "and made significant progress recovering"
    assert first["right"] == ". We are gratified that"
    assert k.iloc[1]["left"] == "as they move to liberate"
    texts = sa.tidy.document_texts(statement)[statement.doc_id]
    for r in k.itertuples():
        assert texts[r.start : r.end] == "Mosul"
        assert sa.load.read_text(sa.bundled_statement_path())[0][r.orig_start : r.orig_end] == "Mosul"


def test_kwic_patterns(statement: sa.Statement) -> None:
    assert len(terms.kwic(statement, "Da’esh")) == 43  # curly quote in the pattern is fine
    assert len(terms.kwic(statement, "ISIS")) == 43  # a variant finds every spelling
    assert len(terms.kwic(statement, "ISIS", aliases=False)) == 0
    assert len(terms.kwic(statement, "territorial integrity", match="phrase")) == 2
    assert len(terms.kwic(statement, "foreign terrorist fighter*", match="phrase")) == 3
    assert len(terms.kwic(statement, "syria*")) == 16  # Syria 11, Syrian 3, Syrians 2
    assert len(terms.kwic(statement, r"^iraq", match="regex")) == 14  # Iraq 11, Iraqi 2, Iraqis 1
    assert len(terms.kwic(statement, "iraq", match="word")) == 11
    assert len(terms.kwic(statement, "Iraq", match="word", case=True)) == 11
    both = terms.kwic(statement, ["Mosul", "Raqqa"], window=2)
    assert both["pattern"].value_counts().to_dict() == {"Mosul": 3, "Raqqa": 2}
    assert both["start"].is_monotonic_increasing
    with pytest.raises(terms.TermsError):
        terms.kwic(statement, "(", match="regex")
    with pytest.raises(terms.TermsError):
        terms.kwic(statement, "x", match="fuzzy")


def test_kwic_alias_keyword_is_the_whole_alias() -> None:
    text = sa.load_statement("Forces of the Islamic State of Iraq and the Levant retreated.")
    k = terms.kwic(text, "Da'esh", window=2)
    assert k["keyword"].tolist() == ["Islamic State of Iraq and the Levant"]
    assert k["left"].tolist() == ["of the"] and k["right"].tolist() == ["retreated."]


def test_dispersion_positions(statement: sa.Statement) -> None:
    d = terms.dispersion(statement, ["Mosul", "nonexistentword"])
    assert d["pattern"].tolist() == ["Mosul"] * 3
    toks = sa.tidy.tokens(statement)
    mosul_ids = toks.loc[toks["text"] == "Mosul", "token_id"].tolist()
    assert d["token_id"].tolist() == mosul_ids
    assert d["n_tokens"].iloc[0] == len(toks)
    assert d["relative"].between(0, 1).all()
    assert d["relative"].iloc[0] == pytest.approx((mosul_ids[0] - 1) / len(toks))


def test_bad_options_raise(statement: sa.Statement) -> None:
    with pytest.raises(terms.TermsError):
        terms.frequencies(statement, by="sentence")
    with pytest.raises(terms.TermsError):
        terms.frequencies(statement, ngram=0)
    with pytest.raises(sa.InputTypeError):
        terms.frequencies("just a string")
    empty = terms.frequencies(sa.load_statement("The and of."))
    assert list(empty.columns) == ["term", "n", "share", "rank", "documents", "paragraphs"] and len(empty) == 0


def test_custom_stopwords_replace_the_list_and_can_drop_an_alias(statement: sa.Statement) -> None:
    freq = terms.frequencies(statement, stopwords=["coalition", "Da’esh", "the"])
    assert _n(freq, "coalition") == 0 and _n(freq, "Da'esh") == 0 and _n(freq, "the") == 0
    assert _n(freq, "and") == 111  # no longer a stop word: grep -oiw and body.txt | wc -l -> 111


def test_kwic_on_a_token_table_matches_kwic_on_the_statement(statement: sa.Statement) -> None:
    a = terms.kwic(statement, "Da'esh", window=6)
    b = terms.kwic(sa.tidy.tokens(statement), "Da'esh", window=6)
    pd.testing.assert_frame_equal(a, b)
    # the possessive stays attached in the context: "Da’esh’s atrocities" in the raw text
    assert a.iloc[1]["right"].startswith("'s atrocities")
