"""Matching rules of themes.code / themes.evidence, on constructed sentences with hand-counted answers."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import statement_analysis as sa
from statement_analysis import themes
from statement_analysis.aliases import Aliases


def st(text: str) -> sa.Statement:
    return sa.load_statement(text)


def one(text: str, spec: dict, **kw) -> pd.DataFrame:
    """code() for a one-theme dictionary, by document."""
    return themes.code(st(text), dictionary={"t": {"description": "test", **spec}}, by="document", **kw)


def n_of(text: str, spec: dict, **kw) -> int:
    return int(one(text, spec, **kw)["n"].iloc[0])


# -- the basic counts -------------------------------------------------------------------------


def test_counts_share_and_denominator():
    # 8 words (We fund schools and they finance the roads) and 2 punctuation marks; 2 matches.
    text = "We fund schools, and they finance the roads."
    out = one(text, {"words": ["fund", "financ*"]})
    assert out["n"].iloc[0] == 2
    assert out["n_words"].iloc[0] == 8
    assert out["share"].iloc[0] == pytest.approx(2 / 8)


def test_stop_words_count_in_denominator_punctuation_does_not():
    out = one("The the the border!!!", {"words": ["border"]})
    assert (out["n"].iloc[0], out["n_words"].iloc[0]) == (1, 4)


def test_case_insensitive():
    assert n_of("INTERPOL, Interpol and interpol.", {"words": ["Interpol"]}) == 3


def test_wildcard_prefix_suffix_and_inner():
    text = "Stabilisation, stabilization and stability, but not instability."
    assert n_of(text, {"words": ["stabili*"]}) == 3
    assert n_of("radicalisation and radicalization", {"words": ["radicali?ation".replace("?", "*")]}) == 2
    assert n_of("extremism and terrorism", {"words": ["*ism"]}) == 2


def test_phrase_needs_consecutive_words_in_one_sentence():
    spec = {"phrases": ["information sharing"]}
    assert n_of("Information sharing matters.", spec) == 2
    assert n_of("Information, sharing matters.", spec) == 0  # punctuation breaks the phrase
    assert n_of("We need information. Sharing matters.", spec) == 0  # sentence boundary


def test_longest_phrase_wins_and_shorter_entry_not_counted_again():
    spec = {"words": ["terrorist*", "fighter*"], "phrases": ["foreign terrorist fighter*"]}
    text = "Foreign terrorist fighters and a terrorist."
    assert n_of(text, spec) == 4  # the 3-word phrase once + "terrorist" alone
    ev = themes.evidence(st(text), dictionary={"t": {"description": "d", **spec}})
    assert ev["term"].tolist() == ["foreign terrorist fighter*", "terrorist*"]
    assert ev["matched"].tolist() == ["Foreign terrorist fighters", "terrorist"]
    assert ev["n"].tolist() == [3, 1]


def test_longest_first_even_when_a_shorter_phrase_starts_earlier():
    # "foreign terrorist" (2) starts first, but "terrorist fighter travel" (3) is longer and wins;
    # "foreign" is then left over, and no other entry takes it.
    spec = {"phrases": ["foreign terrorist", "terrorist fighter travel"]}
    ev = themes.evidence(
        st("Stop foreign terrorist fighter travel now."), dictionary={"t": {"description": "d", **spec}}
    )
    assert ev["matched"].tolist() == ["terrorist fighter travel"]


def test_token_counts_once_per_theme_but_for_every_theme():
    d = {
        "a": {"description": "a", "words": ["border*", "borders"]},  # two entries match the same word
        "b": {"description": "b", "words": ["border"]},
    }
    out = themes.code(st("Close the border."), dictionary=d, by="document")
    assert out.set_index("theme")["n"].to_dict() == {"a": 1, "b": 1}


def test_exclusions():
    spec = {"words": ["force*"], "exclude": ["task force", "forced"]}
    text = "Security forces met the Financial Action Task Force about forced displacement."
    assert n_of(text, spec) == 1
    ev = themes.evidence(st(text), dictionary={"t": {"description": "d", **spec}})
    assert ev["matched"].tolist() == ["forces"]


def test_exclusion_blocks_a_phrase_that_overlaps_it():
    spec = {"phrases": ["territorial integrity", "territorial control"], "exclude": ["integrity"]}
    assert n_of("territorial integrity and territorial control", spec) == 2


def test_aliases_canonicalise_text_and_dictionary():
    text = "ISIS, Daesh, the Islamic State and Da’esh."  # curly apostrophe too
    assert n_of(text, {"words": ["Da'esh"]}) == 4
    assert n_of(text, {"words": ["isis"]}) == 4  # a dictionary variant is canonicalised too
    assert n_of(text, {"words": ["isis"]}, aliases=False) == 1
    out = one(text, {"words": ["da'esh"]})
    # "Islamic State" is one term: 4 names, the, and → 6 words (not 7)
    assert out["n_words"].iloc[0] == 6


def test_alias_inside_a_phrase_and_evidence_spans_the_whole_alias():
    text = "Returning Islamic State fighters pose a threat."
    spec = {"phrases": ["returning da'esh fighter*"]}
    assert n_of(text, spec) == 3
    ev = themes.evidence(st(text), dictionary={"t": {"description": "d", **spec}})
    assert ev["matched"].iloc[0] == "Returning Islamic State fighters"
    body = sa.tidy.document_texts(st(text))[ev["doc_id"].iloc[0]]
    assert body[ev["start"].iloc[0] : ev["end"].iloc[0]] == "Returning Islamic State fighters"
    from_tokens = themes.evidence(sa.tidy.tokens(st(text)), dictionary={"t": {"description": "d", **spec}})
    assert from_tokens["matched"].iloc[0] == "Returning Islamic State fighters"


def test_custom_alias_table():
    table = Aliases.default().extend({"UN": ["United Nations"]})
    assert n_of("The United Nations and the UN.", {"words": ["un"]}, aliases=table) == 2


def test_lemmas_and_surface_forms():
    text = "Foreign fighters and a foreign fighter."
    spec = {"phrases": ["foreign fighter"]}
    assert n_of(text, spec) == 2  # surface forms: only the singular
    assert n_of(text, spec, form="lemma") == 4  # lemmas: both


def test_offsets_point_into_original_text():
    raw = "We fight Da’esh’s propaganda."
    s = st(raw)
    ev = themes.evidence(s, dictionary={"t": {"description": "d", "words": ["propaganda", "da'esh"]}})
    for r in ev.itertuples():
        assert raw[r.orig_start : r.orig_end].replace("’", "'") == r.matched
    assert ev["matched"].tolist() == ["Da'esh", "propaganda"]


def test_by_paragraph_zero_rows_dominant_and_sentence_ids():
    text = "Border screening works.\n\nWe stop the funds. Money matters.\n\nThank you all."
    d = {
        "ftf": {"description": "f", "words": ["border*", "screen*"]},
        "fin": {"description": "m", "words": ["fund*", "money"]},
    }
    out = themes.code(st(text), dictionary=d)
    assert out[["para_id", "theme", "n"]].values.tolist() == [
        [1, "ftf", 2],
        [1, "fin", 0],
        [2, "ftf", 0],
        [2, "fin", 2],
        [3, "ftf", 0],
        [3, "fin", 0],
    ]
    assert out["n_words"].tolist() == [3, 3, 6, 6, 3, 3]
    assert out["is_dominant"].tolist() == [True, False, False, True, False, False]
    dom = themes.dominant(out)
    assert dom["dominant"].tolist()[:2] == ["ftf", "fin"]
    assert pd.isna(dom["dominant"].iloc[2])
    ev = themes.evidence(st(text), dictionary=d)
    assert ev["sent_id"].tolist() == [1, 1, 2, 3]


def test_dominant_reports_ties():
    d = {"a": {"description": "a", "words": ["x"]}, "b": {"description": "b", "words": ["y"]}}
    dom = themes.dominant(themes.code(st("x y z"), dictionary=d))
    assert dom["dominant"].iloc[0] == "a"
    assert dom["tied_with"].iloc[0] == "b"


def test_evidence_sums_to_code_and_theme_filter():
    s = sa.load_bundled()
    ev = themes.evidence(s, dictionary="coalition")
    coded = themes.code(s, dictionary="coalition")
    summed = ev.groupby(["para_id", "theme"])["n"].sum()
    nonzero = coded[coded["n"] > 0].set_index(["para_id", "theme"])["n"]
    assert summed.sort_index().equals(nonzero.sort_index())
    only = themes.evidence(s, dictionary="coalition", theme="finance")
    assert set(only["theme"]) == {"finance"}
    with pytest.raises(ValueError, match="unknown theme"):
        themes.evidence(s, theme="nonsense")


def test_corpus_and_token_table_inputs_agree():
    a = st("Close the border. Stop the funds.")
    b = st("Money, money, money.")
    corpus = sa.corpus_from_statements([a, b])
    d = {"fin": {"description": "m", "words": ["fund*", "money"]}}
    by_doc = themes.code(corpus, dictionary=d, by="document")
    assert by_doc["n"].tolist() == [1, 3]
    toks = sa.tidy.tokens(corpus)
    assert themes.code(toks, dictionary=d, by="document").equals(by_doc)


def test_totals_pool_units():
    d = {"fin": {"description": "m", "words": ["money"]}}
    coded = themes.code(st("money now\n\nno money, no money"), dictionary=d)
    tot = themes.totals(coded)
    assert tot["n"].tolist() == [3] and tot["n_words"].tolist() == [6]
    assert tot["share"].iloc[0] == pytest.approx(0.5)


def test_bad_arguments():
    s = st("text")
    with pytest.raises(ValueError, match="by= must be"):
        themes.code(s, by="sentence")
    with pytest.raises(ValueError, match="form= must be"):
        themes.code(s, form="stem")
    with pytest.raises(TypeError, match="dictionary= must be"):
        themes.code(s, dictionary=42)
    with pytest.raises(sa.InputTypeError):
        themes.code("a plain string")


def test_share_is_a_fraction():
    out = themes.code(sa.load_bundled())
    assert ((out["share"] >= 0) & (out["share"] <= 1)).all()
    assert not math.isnan(out["share"].sum())
