"""The engine's contracts (issue 11): one input contract, one error family, one vocabulary.

* Every public analysis refuses a user's mistake (bad option, bad type, bad value) with a
  ``StatementAnalysisError`` subclass naming the option — never a plain ValueError/TypeError,
  KeyError or AttributeError.
* Token tables are accepted where documented (terms, themes) and give the same tables as the
  statement; elsewhere they are refused with a message that says what to pass.
* Old parameter names keep working for one release, with a DeprecationWarning.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable
from typing import Any

import matplotlib
import pandas as pd
import pytest

import statement_analysis as sa
from statement_analysis import compare, pipeline, places, readability, terms, themes, tidy
from statement_analysis.plots import compare as compare_plots
from statement_analysis.plots import places as place_plots
from statement_analysis.plots import readability as read_plots
from statement_analysis.plots import terms as term_plots
from statement_analysis.plots import themes as theme_plots

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def st() -> sa.Statement:
    return sa.load_bundled()


@pytest.fixture(scope="module")
def small() -> pd.DataFrame:
    docs = [
        sa.load_statement(text="Iraq and Syria met in Paris. Funding for stabilisation.", doc_id="a"),
        sa.load_statement(text="Japan spoke. Food and shelter for Mosul.", doc_id="b"),
    ]
    return sa.corpus_from_statements(docs)


@pytest.fixture(scope="module")
def toks(st: sa.Statement) -> pd.DataFrame:
    return tidy.tokens(st)


# (id, call) pairs: each call makes one mistake a user can make
def _bad_calls(st: sa.Statement, small: pd.DataFrame, toks: pd.DataFrame) -> list[tuple[str, Callable[[], Any]]]:
    m = places.mentions(st)
    key = terms.keyness(small.loc[["a"]], small.loc[["b"]])
    return [
        ("readability.scores by", lambda: readability.scores(st, by="word")),
        ("readability.scores normalize", lambda: readability.scores(st, normalize="yes")),
        ("readability.hardest measure", lambda: readability.hardest_sentences(st, measure="flesch_reading_ease")),
        ("readability.hardest n", lambda: readability.hardest_sentences(st, n="five")),
        ("readability.band_of scale", lambda: readability.band_of(3.0, scale="smog")),
        ("readability.scores string", lambda: readability.scores("a plain string")),
        ("terms.frequencies ngram", lambda: terms.frequencies(st, ngram=0)),
        ("terms.frequencies ngram type", lambda: terms.frequencies(st, ngram="2")),
        ("terms.frequencies by", lambda: terms.frequencies(st, by="sentence")),
        ("terms.frequencies form", lambda: terms.frequencies(st, form="stem")),
        ("terms.frequencies min_count", lambda: terms.frequencies(st, min_count="a")),
        ("terms.frequencies stopwords", lambda: terms.frequencies(st, stopwords="the")),
        ("terms.frequencies numbers", lambda: terms.frequencies(st, numbers="no")),
        ("terms.collocations measure", lambda: terms.collocations(st, measure="t")),
        ("terms.tfidf by", lambda: terms.tfidf(st, by="sentence")),
        ("terms.keyness measure", lambda: terms.keyness(small.loc[["a"]], small.loc[["b"]], measure="t")),
        ("terms.keyness correction", lambda: terms.keyness(small.loc[["a"]], small.loc[["b"]], correction="x")),
        ("terms.keyness select", lambda: terms.keyness(small, select=["zz"])),
        ("terms.kwic match", lambda: terms.kwic(st, "Mosul", match="fuzzy")),
        ("terms.kwic window", lambda: terms.kwic(st, "Mosul", window=-1)),
        ("terms.kwic window type", lambda: terms.kwic(st, "Mosul", window="5")),
        ("terms.kwic pattern type", lambda: terms.kwic(st, 42)),
        ("terms.dispersion match", lambda: terms.dispersion(st, "Mosul", match="fuzzy")),
        ("terms.frequencies dict", lambda: terms.frequencies({"text": "x"})),
        ("themes.code by", lambda: themes.code(st, by="sentence")),
        ("themes.code form", lambda: themes.code(st, form="stem")),
        ("themes.code dictionary", lambda: themes.code(st, dictionary=42)),
        ("themes.evidence theme", lambda: themes.evidence(st, theme="no such theme")),
        ("themes.code list of str", lambda: themes.code(["a", "b"])),
        ("places.mentions tokens", lambda: places.mentions(toks)),
        ("places.region_counts level", lambda: places.region_counts(m, level="planet")),
        ("places.cooccurrence level", lambda: places.cooccurrence(m, level="city")),
        ("places.cooccurrence roles", lambda: places.cooccurrence(m, roles=("capital",))),
        ("places.place_counts statement", lambda: places.place_counts(st)),
        ("tidy.term_forms form", lambda: tidy.term_forms(toks, form="stem")),
        ("tidy.sentences tokens", lambda: tidy.sentences(toks)),
        ("tidy.tokens paragraphs", lambda: tidy.tokens(tidy.paragraphs(st))),
        ("compare.distinctive_terms n", lambda: compare.distinctive_terms(small.loc[["a"]], small.loc[["b"]], n=0)),
        ("compare.place_change level", lambda: compare.place_change(small.loc[["a"]], small.loc[["b"]], level="x")),
        ("compare.over_time freq", lambda: compare.over_time(small, freq="week")),
        ("compare.over_time top", lambda: compare.over_time(small, top=-1)),
        ("compare.over_time date", lambda: compare.over_time(small, date="no_such_column")),
        ("pipeline.run chunk_chars", lambda: pipeline.run(small, chunk_chars=0)),
        ("pipeline.run workers", lambda: pipeline.run(small, workers=0)),
        ("pipeline.run number", lambda: pipeline.run(42)),
        ("sa.analyse tokens", lambda: sa.analyse(toks)),
        ("sa.load_statement int", lambda: sa.load_statement(42)),
        ("sa.load_statement nothing", lambda: sa.load_statement()),
        ("plots.plot_keyness measure", lambda: term_plots.plot_keyness(key, measure="t")),
        ("plots.plot_keyness labels", lambda: term_plots.plot_keyness(key, labels="ab")),
        ("plots.plot_top_terms groups", lambda: term_plots.plot_top_terms(terms.frequencies(small, by="document"))),
        ("plots.plot_dispersion x", lambda: term_plots.plot_dispersion(terms.dispersion(st, "Mosul"), x="y")),
        ("plots.plot_grade measure", lambda: read_plots.plot_grade_by_paragraph(readability.scores(st), measure="zz")),
        (
            "plots.choropleth measure",
            lambda: place_plots.plot_country_choropleth(places.country_counts(m), measure="z"),
        ),
        ("plots.choropleth table", lambda: place_plots.plot_country_choropleth(m.drop(columns="iso3"))),
        ("plots.heatmap table", lambda: theme_plots.plot_heatmap(themes.code(st, by="document"))),
        ("plots.readability_over_time", lambda: compare_plots.plot_readability_over_time(pd.DataFrame(), measure="x")),
    ]


def test_no_plain_exception_escapes_the_public_api(st: sa.Statement, small: pd.DataFrame, toks: pd.DataFrame) -> None:
    escaped = []
    for name, call in _bad_calls(st, small, toks):
        try:
            call()
        except sa.StatementAnalysisError as exc:
            assert str(exc), name
        except Exception as exc:  # the point is to catch what escapes
            escaped.append(f"{name}: {type(exc).__name__}: {exc}")
        else:
            escaped.append(f"{name}: no error")
    import matplotlib.pyplot as plt

    plt.close("all")
    assert not escaped, "\n".join(escaped)


def test_option_errors_name_the_option_and_the_allowed_values(st: sa.Statement) -> None:
    with pytest.raises(sa.OptionError, match=r"by= must be 'document', 'paragraph' or 'sentence', not 'word'"):
        readability.scores(st, by="word")
    with pytest.raises(sa.OptionError, match=r"form= must be 'lower', 'text' or 'lemma', not 'stem'"):
        terms.frequencies(st, form="stem")
    # also a ValueError and a TypeError, so code written against the builtins keeps working
    with pytest.raises(ValueError):
        places.cooccurrence(places.mentions(st), level="city")
    with pytest.raises(TypeError):
        terms.kwic(st, "Mosul", window="5")


def test_the_cli_exits_2_on_bad_options(tmp_path, capsys) -> None:
    from statement_analysis.cli import main

    f = tmp_path / "s.txt"
    f.write_text("A short statement about Iraq.\n", encoding="utf-8")
    for argv in (["summary", str(f), "--format", "xml"], ["report", str(f), "--max-mb", "lots"], ["frobnicate"]):
        with pytest.raises(SystemExit) as exc:
            main(argv)
        assert exc.value.code == 2, argv


# ---------------------------------------------------------------------------------------------
# token tables


def test_token_tables_give_the_same_terms_and_themes_tables(st: sa.Statement, toks: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(terms.frequencies(toks), terms.frequencies(st))
    pd.testing.assert_frame_equal(terms.frequencies(toks, ngram=2), terms.frequencies(st, ngram=2))
    pd.testing.assert_frame_equal(terms.collocations(toks, min_count=2), terms.collocations(st, min_count=2))
    pd.testing.assert_frame_equal(terms.tfidf(toks), terms.tfidf(st))
    pd.testing.assert_frame_equal(terms.kwic(toks, "Mosul"), terms.kwic(st, "Mosul"))
    pd.testing.assert_frame_equal(terms.dispersion(toks, "Mosul"), terms.dispersion(st, "Mosul"))
    pd.testing.assert_frame_equal(themes.code(toks), themes.code(st))
    pd.testing.assert_frame_equal(themes.evidence(toks), themes.evidence(st))
    # Mosul: 3 occurrences in the bundled statement (grep -c on the body)
    assert len(terms.kwic(toks, "Mosul")) == 3


@pytest.mark.parametrize(
    "call",
    [
        lambda t: readability.scores(t),
        lambda t: readability.hardest_sentences(t),
        lambda t: places.mentions(t),
        lambda t: tidy.paragraphs(t),
        lambda t: tidy.sentences(t),
        lambda t: tidy.tokens(t),
        lambda t: tidy.document_texts(t),
        lambda t: compare.readability_change(t, t),
        lambda t: compare.place_change(t, t),
        lambda t: pipeline.run(t),
        lambda t: sa.analyse(t),
    ],
    ids=[
        "readability.scores",
        "readability.hardest_sentences",
        "places.mentions",
        "tidy.paragraphs",
        "tidy.sentences",
        "tidy.tokens",
        "tidy.document_texts",
        "compare.readability_change",
        "compare.place_change",
        "pipeline.run",
        "analyse",
    ],
)
def test_analyses_that_read_the_text_refuse_token_tables(toks: pd.DataFrame, call: Callable[[Any], Any]) -> None:
    with pytest.raises(sa.InputTypeError, match="token table"):
        call(toks)


def test_a_token_table_is_never_read_as_a_corpus_of_one_token_documents(toks: pd.DataFrame) -> None:
    # the defect: readability.scores(tidy.tokens(st)) gave 1,892 rows
    with pytest.raises(sa.InputTypeError):
        readability.scores(toks)


def test_text_is_never_taken_for_a_path() -> None:
    headline = "9/11 COMMISSION SAYS U.S. AGENCIES SLOW ITS INQUIRY"
    st = sa.load_statement(headline)
    assert st.paragraphs == (headline,)
    assert sa.load_statement(text="speech.txt").paragraphs == ("speech.txt",)
    assert sa.Statement.from_text("Hello there.", title="T").title == "T"
    with pytest.raises(sa.StatementNotFoundError, match="text="):
        sa.load_statement("no_such_speech.txt")
    with pytest.raises(sa.InputTypeError):
        sa.load_statement("a.txt", text="both")


def test_an_existing_file_is_a_path(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes").write_text("Body of the notes.\n", encoding="utf-8")
    assert sa.load_statement("notes").paragraphs == ("Body of the notes.",)


# ---------------------------------------------------------------------------------------------
# old names


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (lambda s: terms.frequencies(s, lowercase=False), lambda s: terms.frequencies(s, form="text")),
        (lambda s: terms.frequencies(s, lemmas=True), lambda s: terms.frequencies(s, form="lemma")),
        (lambda s: terms.collocations(s, sort_by="pmi"), lambda s: terms.collocations(s, measure="pmi")),
        (
            lambda s: terms.keyness(s, sa.load_statement(text="Other words entirely."), sort_by="g2"),
            lambda s: terms.keyness(s, sa.load_statement(text="Other words entirely."), measure="g2"),
        ),
        (
            lambda s: readability.hardest_sentences(s, metric="gunning_fog"),
            lambda s: readability.hardest_sentences(s, measure="gunning_fog"),
        ),
        (
            lambda s: places.cooccurrence(places.mentions(s), by="country"),
            lambda s: places.cooccurrence(places.mentions(s), level="country"),
        ),
    ],
    ids=["lowercase", "lemmas", "collocations sort_by", "keyness sort_by", "metric", "cooccurrence by"],
)
def test_old_names_warn_and_give_the_same_table(st: sa.Statement, old: Callable, new: Callable) -> None:
    with pytest.warns(DeprecationWarning, match="deprecated"):
        a = old(st)
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        b = new(st)
    pd.testing.assert_frame_equal(a, b)


def test_old_plot_names_warn(st: sa.Statement) -> None:
    import matplotlib.pyplot as plt

    freq = terms.frequencies(st)
    with pytest.warns(DeprecationWarning, match="plot_word_cloud"):
        term_plots.word_cloud(freq, source=st)
    key = terms.keyness(st, sa.load_statement(text="Other words entirely about trade."))
    with pytest.warns(DeprecationWarning, match="labels="):
        ax = term_plots.plot_keyness(key, target_label="Statement", reference_label="Trade")
    assert "Statement vs Trade" in ax.get_title(loc="left")
    with pytest.warns(DeprecationWarning, match="measure="):
        read_plots.plot_grade_by_paragraph(readability.scores(st, by="paragraph"), metric="gunning_fog")
    with pytest.warns(DeprecationWarning, match="measure="):
        place_plots.plot_country_choropleth(places.country_counts(places.mentions(st)), value="mentions")
    plt.close("all")


def test_giving_old_and_new_names_together_is_refused(st: sa.Statement) -> None:
    with pytest.raises(sa.OptionError, match="form="):
        terms.frequencies(st, form="lower", lemmas=True)
    with pytest.raises(sa.OptionError, match="measure="):
        readability.hardest_sentences(st, metric="gunning_fog", measure="smog_index")


# ---------------------------------------------------------------------------------------------
# the orchestrator and the pipeline's metadata


def test_analyse_tables_equal_the_analyses_own(st: sa.Statement) -> None:
    a = sa.analyse(st)
    pd.testing.assert_frame_equal(a.readability.reset_index(drop=True), readability.scores(st), check_like=True)
    pd.testing.assert_frame_equal(a.themes, themes.code(st, by="document"))
    pd.testing.assert_frame_equal(a.places, places.mentions(st))
    pd.testing.assert_frame_equal(a.units["term_frequencies"], terms.frequencies(st))
    pd.testing.assert_frame_equal(a.units["tokens"], tidy.tokens(st))
    pd.testing.assert_frame_equal(a.units["themes_paragraphs"].drop(columns="dictionary"), themes.code(st))
    assert set(a.units["themes_paragraphs"]["dictionary"]) == {"general"}
    assert a.documents.loc[0, "doc_id"] == st.doc_id
    assert a.documents.loc[0, "words"] == readability.scores(st).loc[0, "words"]


def test_pipeline_keeps_the_corpus_metadata_columns() -> None:
    base = sa.corpus_from_statements(
        [
            sa.load_statement(text="Iraq and Syria met in Paris.", doc_id="a"),
            sa.load_statement(text="Japan spoke in Tokyo.", doc_id="b"),
            sa.load_statement(text="France and Mali signed.", doc_id="c"),
        ]
    )
    base["iso3"] = ["IRQ", "JPN", "FRA"]
    base["country"] = ["Iraq", "Japan", "France"]
    base["year"] = [2019, 2020, 2020]
    res = pipeline.run(base, workers=1, progress=False)
    docs = res.documents.set_index("doc_id")
    assert docs.loc["b", "iso3"] == "JPN" and docs.loc["c", "country"] == "France"
    assert docs["year"].tolist() == [2019, 2020, 2020]
    assert "text" not in docs.columns
    # grouping by what the archive is about
    by_year = docs.groupby("year")["words"].sum()
    assert by_year.loc[2020] == docs.loc["b", "words"] + docs.loc["c", "words"]


def test_over_time_with_a_year_column_only() -> None:
    base = sa.corpus_from_statements(
        [
            sa.load_statement(text="Iraq and Syria met in Paris. Aid was pledged.", doc_id="a"),
            sa.load_statement(text="Japan spoke in Tokyo. Trade was discussed.", doc_id="b"),
            sa.load_statement(text="France and Mali signed. Security was the theme.", doc_id="c"),
        ]
    )
    base["year"] = ["2019", "2021", "2021"]
    ts = compare.over_time(base, freq="year", workers=1, progress=False)
    assert ts.readability["period"].tolist() == ["2019", "2020", "2021"]
    assert ts.readability["documents"].tolist() == [1, 0, 2]
    with pytest.raises(compare.CompareError, match="freq='year'"):
        compare.over_time(base, freq="month", workers=1, progress=False)
    # a date column of the caller's choosing
    base["signed"] = pd.to_datetime(["2020-01-05", "2020-03-01", "2020-03-20"])
    ts = compare.over_time(base, freq="month", date="signed", workers=1, progress=False)
    assert ts.readability["documents"].tolist() == [1, 0, 2]
    assert ts.undated == 0


def test_readability_on_the_text_as_loaded_equals_textstat(st: sa.Statement) -> None:
    ts = readability.offline_textstat()
    raw = readability.scores(st, normalize=False)
    assert raw.loc[0, "flesch_reading_ease"] == pytest.approx(ts.flesch_reading_ease(st.text), abs=1e-9)
    assert raw.loc[0, "gunning_fog"] == pytest.approx(ts.gunning_fog(st.text), abs=1e-9)
    paras = readability.scores(st, by="paragraph", normalize=False)
    assert paras["text"].tolist() == list(st.paragraphs)
    for text, fk in zip(paras["text"], paras["flesch_kincaid_grade"], strict=True):
        assert fk == pytest.approx(ts.flesch_kincaid_grade(text), abs=1e-9)
    assert dt.date(2017, 3, 22) == st.date


# ---------------------------------------------------------------------------------------------
# offsets into the text as the user gave it


def _span_tables(x: Any) -> dict[str, pd.DataFrame]:
    return {
        "tokens": tidy.tokens(x).rename(columns={"text": "written"}),
        "places": places.mentions(x).rename(columns={"surface": "written"}),
        "kwic": terms.kwic(x, "Iraq").rename(columns={"keyword": "written"}),
        "evidence": themes.evidence(x).rename(columns={"matched": "written"}),
    }


@pytest.mark.parametrize(
    "given",
    [
        "Ministers met in Paris.\r\n\r\n\r\nThey spoke of Iraq and Syria,\r\nand of Mosul’s people.\r\n",
        "\n\n   Heading line\n\n\n\n  Iraq and the “Global Coalition” met in Baghdad.  \n\nNo more.\n",
        "Iraq\u00a0and Syria: one paragraph only, about military operations in Raqqa.",
    ],
    ids=["windows line breaks", "padding and blank lines", "no-break space"],
)
def test_orig_offsets_index_the_string_as_given(given: str) -> None:
    st = sa.load_statement(text=given)
    for name, table in _span_tables(st).items():
        for r in table.itertuples():
            written = given[r.orig_start : r.orig_end]
            assert sa.normalize.normalize(written).text == sa.normalize.normalize(r.written).text, (name, r)


def test_orig_offsets_index_the_file_as_decoded(tmp_path) -> None:
    f = tmp_path / "crlf.txt"
    f.write_bytes(
        "Title\r\n\r\nIraq and Syria met in Baghdad.\r\n\r\nThe Coalition’s work goes on in Mosul.\r\n".encode()
    )
    st = sa.load_statement(f)
    decoded = sa.load.read_text(f)[0]  # the file's text with line breaks as \n (as open() reads it)
    assert decoded == f.read_text(encoding="utf-8")
    m = places.mentions(st)
    assert [decoded[a:b] for a, b in zip(m["orig_start"], m["orig_end"], strict=True)] == m["surface"].tolist()
    bundled = sa.load_bundled()  # EEAS layout: the body starts after the header lines
    raw = sa.load.read_text(sa.bundled_statement_path())[0]
    k = terms.kwic(bundled, "Raqqa")
    assert [raw[a:b] for a, b in zip(k["orig_start"], k["orig_end"], strict=True)] == ["Raqqa"] * len(k) != []
