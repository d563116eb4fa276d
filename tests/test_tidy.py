"""Tidy tables: normalisation, segmentation, tokens, aliases and offsets."""

from __future__ import annotations

import unicodedata

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import statement_analysis as sa
from statement_analysis.aliases import Aliases
from statement_analysis.normalize import normalize
from statement_analysis.segment import sentence_spans


def sents(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


# ------------------------------------------------------------------ the bundled statement
def test_sentence_counts_checked_by_hand(bundled):
    # Counted by reading the raw file, paragraph by paragraph (67 in all).
    by_hand = [3, 10, 3, 4, 9, 4, 8, 5, 1, 1, 7, 3, 5, 4]
    by_para = sa.tidy.sentences(bundled).groupby("para_id").size()
    assert by_para.tolist() == by_hand
    assert sum(by_hand) == 67


def test_word_counts_checked_by_hand(bundled):
    # Paragraphs 9 and 10 counted word by word on the raw text ("Da’esh" is one word each time).
    summary = sa.tidy.paragraph_summary(bundled).set_index("para_id")
    assert summary.loc[9, "n_words"] == 30
    assert summary.loc[10, "n_words"] == 24
    assert summary.loc[6, "opening"] == "We strongly support Prime Minister Abadi's vision for …"


def test_us_secretary_and_dc_do_not_split(bundled):
    s = sa.tidy.sentences(bundled)
    first = s.iloc[0]["text"]
    assert first.startswith("Foreign Ministers") and first.endswith("the lasting defeat of Da'esh.")
    assert "U.S. Secretary of State Rex Tillerson" in first


def test_paragraph_table(bundled):
    p = sa.tidy.paragraphs(bundled)
    assert list(p["para_id"]) == list(range(1, 15))
    assert p.iloc[0]["text"].startswith("Foreign Ministers")
    assert p.iloc[13]["text"].endswith("in July 2017.")


@pytest.mark.parametrize("table", ["paragraphs", "sentences", "tokens"])
def test_offsets_round_trip(bundled, table):
    df = getattr(sa.tidy, table)(bundled)
    text = sa.tidy.document_texts(bundled)[bundled.doc_id]
    original = sa.load.read_text(sa.bundled_statement_path())[0]  # the file's decoded content
    for row in df.itertuples():
        assert text[row.start : row.end] == row.text
        assert normalize(original[row.orig_start : row.orig_end]).text == row.text


def test_token_flags_and_lemmas(bundled):
    t = sa.tidy.tokens(bundled)
    row = t[t["text"] == "fighters"].iloc[0]
    assert row["lemma"] == "fighter" and row["is_alpha"] and not row["is_stop"]
    assert t[t["text"] == "communities"].iloc[0]["lemma"] == "community"
    assert t[t["text"] == "the"].iloc[0]["is_stop"]
    assert t[t["text"] == "2017"].iloc[0]["is_num"]
    assert t[t["text"] == ","].iloc[0]["is_punct"]
    assert "U.S." in set(t["text"])  # dotted acronym kept whole
    assert {"al-Bab", "non-refoulement", "Da'esh"} <= set(t["text"])


def test_every_spelling_of_daesh_is_one_alias(bundled):
    t = sa.tidy.tokens(bundled)
    # grep -o "Da’esh" on the raw file finds 45: 2 in the title and teaser, 43 in the body.
    assert (t["alias"] == "Da'esh").sum() == 43
    assert (sa.tidy.term_forms(t) == "Da'esh").sum() == 43


# ------------------------------------------------------------------ segmentation rules
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.S. Secretary of State met them. We agreed.", 2),
        ("They met in Washington, D.C. on Monday.", 1),
        ("They met in Washington, D.C. We then left.", 2),
        ("Some states, e.g. Iraq, agreed. Others did not.", 2),
        ("See Resolution No. 2254 of the Council. It stands.", 2),
        ("Dr. Smith and Mr. Jones spoke. They left.", 2),
        ("See Art. 5 of the Treaty. It applies.", 2),
        ("Growth reached 2.5 percent in 2017. It fell later.", 2),
        ("We support UNSCR 2254. The Council agrees.", 2),
        ('He said "we will act." Then he left.', 2),
        ("They agreed (see above.) Next came the vote.", 2),
        ("Is it over? No. It goes on!", 3),
        ("J. Smith wrote it. It is done.", 2),
        ("no full stop at all", 1),
    ],
)
def test_sentence_rules(text, expected):
    assert len(sents(text)) == expected, sents(text)


def test_closing_quote_stays_with_its_sentence():
    assert sents('He said "we will act." Then he left.') == ['He said "we will act."', "Then he left."]


# ------------------------------------------------------------------ normalisation
def test_normalisation_replaces_and_maps_back():
    original = "Da\u2019esh\u00a0\u201cstate\u201d co\u00adoperation cafe\u0301"
    n = normalize(original)
    assert n.text == 'Da\'esh "state" cooperation café'
    i = n.text.index("cooperation")
    s, e = n.to_original(i, i + len("cooperation"))
    assert original[int(s) : int(e)] == "co\u00adoperation"
    i = n.text.index("café")
    s, e = n.to_original(i, i + 4)
    assert original[int(s) : int(e)] == "cafe\u0301"


def test_normalisation_report_counts_nbsp_and_quotes(bundled):
    rep = sa.tidy.normalization_report(bundled).set_index("char")["count"]
    body = bundled.text
    assert rep["U+00A0"] == body.count("\u00a0")
    assert rep["U+2019"] == body.count("\u2019")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_tokens_and_gaps_rebuild_the_normalised_text(raw):
    n = normalize(raw)
    assert unicodedata.is_normalized("NFC", n.text)
    if not n.text.strip():
        return
    statement = sa.Statement(doc_id="d", paragraphs=(raw,))
    text = sa.tidy.document_texts(statement)["d"]
    toks = sa.tidy.tokens(statement, lemmas=False)
    rebuilt, pos = [], 0
    for row in toks.itertuples():
        gap = text[pos : row.start]
        assert gap.strip() == "", f"non-space text dropped: {gap!r}"
        rebuilt.append(gap)
        rebuilt.append(row.text)
        assert text[row.start : row.end] == row.text
        assert row.orig_start <= row.orig_end
        pos = row.end
    rebuilt.append(text[pos:])
    assert "".join(rebuilt) == text
    assert text == normalize(statement.text).text


# ------------------------------------------------------------------ aliases
def test_alias_spellings():
    st_ = sa.load_statement(
        "Daesh and DAESH and ISIS and ISIL and the Islamic State of Iraq and the Levant fell. "
        "Isis was a goddess; an islamic state is not the group. Da\u2019esh\u2019s end."
    )
    t = sa.tidy.tokens(st_)
    heads = t[t["alias"].fillna("") != ""]
    assert list(heads["text"]) == ["Daesh", "DAESH", "ISIS", "ISIL", "Islamic", "Da'esh"]
    assert set(heads["alias"]) == {"Da'esh"}
    forms = sa.tidy.term_forms(t)
    assert (forms == "Da'esh").sum() == 6
    # "Islamic State of Iraq and the Levant" is 7 tokens: the 6 after the head do not count again
    assert forms.isna().sum() == 6


def test_aliases_can_be_extended_and_turned_off():
    st_ = sa.load_statement("The UN and the United Nations met.")
    table = Aliases.default().extend({"United Nations": ["UN"]})
    t = sa.tidy.tokens(st_, aliases=table)
    assert (sa.tidy.term_forms(t) == "United Nations").sum() == 2
    t0 = sa.tidy.tokens(sa.load_statement("Daesh fell."), aliases=Aliases.none())
    assert t0["alias"].isna().all()


def test_alias_report_lists_each_spelling(bundled):
    rep = sa.tidy.alias_report(sa.tidy.tokens(bundled))
    assert rep.iloc[0].to_dict() == {"label": "Da'esh", "written_as": "Da'esh", "count": 43}


# ------------------------------------------------------------------ corpus input
def test_tables_accept_a_corpus(tmp_path):
    (tmp_path / "a.txt").write_text("One. Two.\n\nThree.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Four.", encoding="utf-8")
    corpus = sa.load_corpus(tmp_path)
    s = sa.tidy.sentences(corpus)
    assert s.groupby("doc_id").size().to_dict() == {"a": 3, "b": 1}
    assert list(s[s.doc_id == "a"]["para_id"]) == [1, 1, 2]


def test_wrong_input_type_is_explained():
    with pytest.raises(sa.InputTypeError, match=r"load_statement"):
        sa.tidy.tokens("just a string")
    with pytest.raises(sa.InputTypeError, match="text"):
        sa.tidy.tokens(pd.DataFrame({"x": [1]}))
