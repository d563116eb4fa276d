"""Findings sentences: every number in them is recomputed here from the tables they come from
(by other code than ``findings``: sorting, counting by hand), and the empty cases get a sentence."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import statement_analysis as sa
from statement_analysis import findings, places, terms, themes
from statement_analysis import readability as rd

NUMBER = re.compile(r"(?<![\w'])-?\d[\d,]*(?:\.\d+)?%?")

G7 = (
    "G7 Leaders' Statement on Climate and Trade\n\n"
    "We, the Leaders of the Group of Seven, reaffirm our commitment to open markets and fair trade. "
    "We will work together to reduce emissions and to support the energy transition.\n\n"
    "We call on all partners to strengthen the multilateral trading system and to reform its rules. "
    "We will support developing economies with finance for clean energy and resilient infrastructure.\n\n"
    "We will meet again next year."
)


def numbers(f: findings.Findings) -> list[str]:
    return [m.group().rstrip(".") for s in f.sentences for m in NUMBER.finditer(s)]


def fmt(v: float, d: int = 1) -> str:
    return f"{v:,.{d}f}"


@pytest.fixture(scope="module")
def st():
    return sa.load_bundled()


@pytest.fixture(scope="module")
def toks(st):
    return sa.tidy.tokens(st)


def test_load_findings_numbers_come_from_the_tables(st, toks):
    paras = sa.tidy.paragraph_summary(st)
    f = findings.load_findings(st, toks, paras)
    # independent counts: punctuation and the clitic 's are not words (tokens.csv columns)
    words = toks[(~toks["is_punct"]) & (toks["lower"] != "'s")]
    n_sent = len(sa.tidy.sentences(st))
    by_words = paras.sort_values(["n_words", "para_id"], ascending=[False, True])
    shortest = paras.sort_values(["n_words", "para_id"]).iloc[0]
    per_sentence = words.groupby("sent_id").size()
    expected = {
        f"{len(paras):,}",
        f"{n_sent:,}",
        f"{len(words):,}",
        f"{words['lower'].nunique():,}",
        str(by_words.iloc[0]["para_id"]),
        f"{by_words.iloc[0]['n_words']:,}",
        str(shortest["para_id"]),
        f"{shortest['n_words']:,}",
        fmt(len(words) / n_sent),
        str(per_sentence.max()),
        "22",
        "2017",
    }
    assert set(numbers(f)) == expected
    assert "1,692 words" in f.sentences[0] and "67 sentences" in f.sentences[0]  # as summary.json counts
    from statement_analysis.summary import summarize

    assert summarize(st)["counts"]["words"] == len(words)


def test_readability_findings_numbers_come_from_the_tables(st):
    doc, paras, sents = rd.scores(st), rd.scores(st, by="paragraph"), rd.scores(st, by="sentence")
    f = findings.readability_findings(doc, paras, sents)
    row = doc.iloc[0]
    ordered = paras.sort_values("flesch_kincaid_grade", ascending=False)  # hardest first
    expected = {
        fmt(row["flesch_reading_ease"]),
        fmt(row["flesch_kincaid_grade"]),
        fmt(row["words"] / row["sentences"]),
        f"{row['words']:,}",
        f"{row['sentences']:,}",
        str(ordered.iloc[0]["para_id"]),
        fmt(ordered.iloc[0]["flesch_kincaid_grade"]),
        str(ordered.iloc[-1]["para_id"]),
        fmt(ordered.iloc[-1]["flesch_kincaid_grade"]),
        str(sum(1 for w in paras["words"] if w < 100)),
        str(len(paras)),
        "100",
        str(sum(1 for g in sents["flesch_kincaid_grade"] if g >= 13)),
        str(len(sents)),
        "13",
    }
    assert set(numbers(f)) == expected
    assert "(very difficult)" in f.sentences[0].lower()  # Flesch's band for a score under 30
    assert row["flesch_reading_ease"] < 30


def test_terms_findings_numbers_come_from_the_tables(toks):
    freq, bigrams = terms.frequencies(toks), terms.frequencies(toks, ngram=2)
    f = findings.terms_findings(freq, bigrams)
    total = int(freq["n"].sum())
    top = freq.sort_values(["n", "term"], ascending=[False, True]).iloc[0]
    phrases = bigrams[bigrams["n"] > 1]
    expected = {
        f"{total:,}",
        f"{len(freq):,}",
        str(int((freq["n"] == 1).sum())),
        str(top["n"]),
        f"{100 * top['n'] / total:.1f}%",
        str(top["paragraphs"]),
        *(str(n) for n in freq["n"].iloc[1:5]),
        str(phrases["n"].max()),
        str(len(phrases)),
    }
    assert set(numbers(f)) == expected
    assert "Da'esh" in f.sentences[1]


def test_themes_findings_state_shares_of_coded_words(st, toks):
    layer = themes.layers(st)[0]
    coded = themes.code(st, dictionary=layer.dictionary, by="document")
    dom = themes.dominant(themes.code(st, dictionary=layer.dictionary))
    words = int(((~toks["is_punct"]) & (toks["lower"] != "'s")).sum())
    f = findings.themes_findings(coded, layer.fit, dom, words=words)
    fit = layer.fit
    top = coded.sort_values(["n", "theme"], ascending=[False, True])
    labels_by_dom = dom["label"].dropna().value_counts()
    expected = {
        f"{fit.coded_words:,}",
        f"{fit.content_words:,}",
        f"{100 * fit.coded_words / fit.content_words:.1f}%",
        str(fit.coded_paragraphs),
        str(fit.paragraphs),
        str(top.iloc[0]["n"]),
        f"{100 * top.iloc[0]['n'] / fit.coded_words:.1f}%",
        f"{100 * top.iloc[0]['n'] / words:.1f}%",
        f"{words:,}",
        f"{100 * top.iloc[1]['n'] / fit.coded_words:.1f}%",
        f"{100 * top.iloc[2]['n'] / fit.coded_words:.1f}%",
        str(int((coded["n"] > 0).sum())),
        str(labels_by_dom.iloc[0]),
        str(len(dom)),
    }
    assert set(numbers(f)) == expected
    assert top.iloc[0]["label"] in f.sentences[1] and "of the coded words" in f.sentences[1]


def test_places_findings_numbers_come_from_the_tables(st):
    m = places.mentions(st)
    pc, cc = places.place_counts(m), places.country_counts(m)
    f = findings.places_findings(m, pc, cc, paragraphs=len(st.paragraphs))
    per_place = m.groupby("place").size().sort_values(ascending=False)
    expected = {
        str(m["place"].nunique()),
        str(len(m)),
        str(m["para_id"].nunique()),
        str(len(st.paragraphs)),
        str(per_place.iloc[0]),
        str(cc["mentions"].max()),
        str(len(cc)),
        str(int((m["role"] == "demonym").sum())),
        str(int((m["role"] == "in_name").sum())),
    }
    assert set(numbers(f)) == expected
    assert per_place.index[0] in f.sentences[1]


def test_a_communique_with_no_place_no_date_one_theme_gap_gets_sentences():
    st = sa.load_statement(text=G7)
    assert st.date is None
    toks = sa.tidy.tokens(st)
    f = findings.load_findings(st, toks, sa.tidy.paragraph_summary(st))
    assert "no date" in f.sentences[-1]
    m = places.mentions(st)
    m = m[m["kind"] != "region"].iloc[0:0]  # a text naming no place at all
    pf = findings.places_findings(m, places.place_counts(m), places.country_counts(m), paragraphs=3)
    assert pf.sentences == (
        "The statement names no place that the gazetteer knows (countries, provinces, cities, regions).",
    )


def test_one_paragraph_no_theme_no_term():
    st = sa.load_statement(text="The the of and.")
    toks = sa.tidy.tokens(st)
    f = findings.load_findings(st, toks, sa.tidy.paragraph_summary(st))
    assert f.sentences[0].startswith("The statement is a single paragraph of 1 sentence and 4 words")
    doc, paras = rd.scores(st), rd.scores(st, by="paragraph")
    r = findings.readability_findings(doc, paras)
    assert "single paragraph" in " ".join(r.sentences)
    t = findings.terms_findings(terms.frequencies(toks), terms.frequencies(toks, ngram=2))
    assert "No word of this statement is counted" in t.sentences[0]
    layer = themes.layers(st)[0]
    th = findings.themes_findings(themes.code(st, by="document"), layer.fit, None)
    assert th.sentences[0].startswith("No theme of the dictionary")


def test_findings_show_as_escaped_html():
    f = findings.Findings("x", ("a <b> & c",), {})
    assert "<li>a &lt;b&gt; &amp; c</li>" in f._repr_html_()
    assert isinstance(pd.DataFrame(), pd.DataFrame)


def test_tied_largest_themes_are_named_together():
    from statement_analysis.themes.fitcheck import DictionaryFit

    coded = pd.DataFrame(
        {"doc_id": "d", "theme": ["a", "b", "c"], "label": ["A", "B", "C"], "n": [4, 4, 2], "n_words": 80}
    )
    fit = DictionaryFit("X", 50, 10, 0.2, 2, 2, 1.0, True, "")
    f = findings.themes_findings(coded, fit)
    # 4 of 10 coded words = 40.0%; 4 of 80 words = 5.0%; 2 of 10 = 20.0%
    expected = "The largest themes, tied, are A and B: 4 matched words each, 40.0% of the coded words"
    assert f.sentences[1] == expected + " (5.0% of all 80 words)."
    assert f.sentences[2] == "Next comes C (20.0% of the coded words); 3 themes match in all."


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        ("... !!! ???\n\n--- ;;; ...", "It has no words"),
        ("...", "It has no words"),
        ("部长们今天举行会议并商定了一项计划。\n\n他们将于下个月再次开会审查进展。", "Every paragraph has 1 word."),
    ],
)
def test_texts_without_words_or_with_equal_paragraphs_get_sentences(text, expect):
    st = sa.load_statement(text=text)
    toks = sa.tidy.tokens(st)
    f = findings.load_findings(st, toks, sa.tidy.paragraph_summary(st))
    assert expect in " ".join(f.sentences)
    r = findings.readability_findings(rd.scores(st), rd.scores(st, by="paragraph"), rd.scores(st, by="sentence"))
    t = findings.terms_findings(terms.frequencies(toks), terms.frequencies(toks, ngram=2))
    assert r.sentences and t.sentences
    if "No word" not in t.sentences[0]:
        assert t.sentences[-1] == "No term occurs more than once."


def test_joined_findings_keep_each_layers_sentences_and_values(st):
    parts = {}
    for layer in themes.layers(st):
        coded = themes.code(st, dictionary=layer.dictionary)
        parts[layer.name] = findings.themes_findings(
            themes.code(st, dictionary=layer.dictionary, by="document"),
            layer.fit,
            themes.dominant(coded),
            brief=layer.name != "general",
        )
    assert list(parts) == ["general", "coalition"]  # the coalition dictionary fits the bundled statement
    both = findings.joined(parts)
    assert both.section == "themes"
    assert both.sentences == parts["general"].sentences + parts["coalition"].sentences
    assert both.values == {"general": parts["general"].values, "coalition": parts["coalition"].values}
    assert 3 <= len(both.sentences) <= 6  # a page's findings
    with pytest.raises(ValueError):
        findings.joined({})
    # the domain layer's one sentence: its numbers from its tables
    layer = themes.layers(st)[1]
    (sentence,) = parts["coalition"].sentences
    doc = themes.code(st, dictionary=layer.dictionary, by="document")
    n = doc[doc["n"] > 0].groupby("label")["n"].sum().sort_values(ascending=False)
    assert sentence.startswith(f"The dictionary \u201c{layer.fit.dictionary}\u201d codes ")
    assert f"{layer.fit.coded_words:,} of the {layer.fit.content_words:,} content words" in sentence
    assert f"its largest theme is {n.index[0]} ({100 * n.iloc[0] / layer.fit.coded_words:.1f}% of its coded" in sentence
