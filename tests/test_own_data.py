"""An analyst's own statements (issue 15): dates as statements write them, a heading line taken as
the title and not as paragraph 1, front matter for the metadata a file cannot say otherwise."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import statement_analysis as sa
from statement_analysis import compare
from statement_analysis.load.dates import parse_date
from statement_analysis.load.layouts import looks_like_heading


@pytest.mark.parametrize(
    ("written", "date", "precision"),
    [
        ("2017-03-22", dt.date(2017, 3, 22), "day"),
        ("2017/03/22", dt.date(2017, 3, 22), "day"),
        ("22 March 2017", dt.date(2017, 3, 22), "day"),
        ("22nd March 2017", dt.date(2017, 3, 22), "day"),
        ("Wednesday, 22 March 2017", dt.date(2017, 3, 22), "day"),
        ("22.03.2017", dt.date(2017, 3, 22), "day"),  # dots: day first (EEAS)
        ("March 22, 2017", dt.date(2017, 3, 22), "day"),
        ("Sept. 5, 2021", dt.date(2021, 9, 5), "day"),
        ("22/03/2017", dt.date(2017, 3, 22), "day"),  # 22 cannot be a month
        ("03/22/2017", dt.date(2017, 3, 22), "day"),
        ("March 2017", dt.date(2017, 3, 1), "month"),
        ("2017", dt.date(2017, 1, 1), "year"),
    ],
)
def test_dates_in_the_forms_statements_use(written: str, date: dt.date, precision: str) -> None:
    assert parse_date(written) == (date, precision)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("03/04/2017", "day/month or month/day"),
        ("31 February 2017", "not a date of the calendar"),
        ("22 Mars 2017", "not an English month name"),
        ("next week", "not a date"),
    ],
)
def test_dates_that_cannot_be_read_are_refused_with_the_reason(written: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_date(written)
    with pytest.raises(sa.MetadataError, match=message):
        sa.load_statement(text="Body.", date=written)


def test_a_heading_line_is_the_title_not_paragraph_one() -> None:
    given = "G7 Leaders' Communiqué on Trade\n\nWe, the Leaders of the G7, met in Hiroshima.\n\nWe agree on trade.\n"
    st = sa.load_statement(text=given)
    assert st.title == "G7 Leaders' Communiqué on Trade"
    assert st.paragraphs == ("We, the Leaders of the G7, met in Hiroshima.", "We agree on trade.")
    assert len(sa.tidy.paragraphs(st)) == 2
    # offsets still point into the text as given
    m = sa.places.mentions(st)
    assert [given[a:b] for a, b in zip(m["orig_start"], m["orig_end"], strict=True)] == ["Hiroshima"]
    # the rule can be turned off; an explicit title wins over the heading, which stays out of the body
    assert sa.load_statement(text=given, title_line=False).paragraphs[0] == "G7 Leaders' Communiqué on Trade"
    st2 = sa.load_statement(text=given, title="Hiroshima communiqué")
    assert st2.title == "Hiroshima communiqué" and len(st2.paragraphs) == 2


@pytest.mark.parametrize(
    ("first", "heading"),
    [
        ("Joint Statement on the Defeat of Da'esh", True),
        ("2023 G7 Hiroshima Leaders' Communiqué", True),
        ("“Partnership for the Future”", True),
        ("Is peace possible?", True),
        ("Ministers met in Washington today.", False),  # a sentence
        ("Dear colleagues,", False),
        ("we met today and agreed", False),  # no capital: running text
        ("This heading is far too long to be a heading " * 5, False),
        ("Two lines\nof text", False),
    ],
)
def test_what_counts_as_a_heading(first: str, heading: bool) -> None:
    assert looks_like_heading(first) is heading


def test_one_paragraph_is_never_taken_for_a_title() -> None:
    st = sa.load_statement(text="Ministers met in Geneva")
    assert st.title == "" and st.paragraphs == ("Ministers met in Geneva",)


def test_front_matter_gives_title_date_and_more() -> None:
    given = (
        "---\ntitle: Joint statement of the Quad\ndate: 24 May 2022\nlocation: Tokyo\nissuer: Quad leaders\n---\n"
        "Leaders met in Tokyo.\n\nThey agreed on the Indo-Pacific.\n"
    )
    st = sa.load_statement(text=given)
    assert st.title == "Joint statement of the Quad" and st.date == dt.date(2022, 5, 24)
    assert st.meta["location"] == "Tokyo" and st.meta["issuer"] == "Quad leaders"
    assert st.paragraphs == ("Leaders met in Tokyo.", "They agreed on the Indo-Pacific.")
    m = sa.places.mentions(st)
    assert next(given[a:b] for a, b in zip(m["orig_start"], m["orig_end"], strict=True)) == "Tokyo"
    # explicit arguments win over the front matter
    assert sa.load_statement(text=given, date="2022").date == dt.date(2022, 1, 1)


def test_bad_front_matter_names_the_file_and_line(tmp_path) -> None:
    f = tmp_path / "bad.txt"
    f.write_text("---\ntitle: ok\ndate: [unclosed\n---\nBody.\n", encoding="utf-8")
    with pytest.raises(sa.LayoutError, match=r"bad.txt: line \d+: the front matter"):
        sa.load_statement(f)
    f.write_text("---\ndate: someday\n---\nBody.\n", encoding="utf-8")
    with pytest.raises(sa.MetadataError, match="front matter's date"):
        sa.load_statement(f)


def test_a_year_alone_is_kept_as_a_year_and_groups_by_year() -> None:
    docs = [
        sa.load_statement(text="Leaders met in Rome.", doc_id="a", date="2019"),
        sa.load_statement(text="Leaders met in Paris.", doc_id="b", date="2021"),
        sa.load_statement(text="Leaders met in Berlin.", doc_id="c", date="2021"),
    ]
    assert docs[0].meta["date_precision"] == "year"
    corpus = sa.corpus_from_statements(docs)
    with pytest.raises(compare.CompareError, match="freq='year'"):
        compare.over_time(corpus, freq="month", workers=1, progress=False)
    ts = compare.over_time(corpus, freq="year", workers=1, progress=False)
    assert ts.readability["documents"].tolist() == [1, 0, 2]


def test_a_folder_without_titles_takes_headings(tmp_path) -> None:
    (tmp_path / "a.txt").write_text("Statement on Syria\n\nThe ministers met.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("The ministers met again.\n\nThey agreed.\n", encoding="utf-8")
    corpus = sa.load_corpus(tmp_path, progress=False)
    assert corpus.loc["a", "title"] == "Statement on Syria" and corpus.loc["a", "n_paragraphs"] == 1
    assert corpus.loc["b", "title"] == "" and corpus.loc["b", "n_paragraphs"] == 2
    # a title from a metadata table: the file's lines are all body
    pd.DataFrame({"filename": ["a.txt", "b.txt"], "title": ["Given", "Also given"]}).to_csv(
        tmp_path / "metadata.csv", index=False
    )
    corpus = sa.load_corpus(tmp_path, progress=False)
    assert corpus.loc["a", "title"] == "Given" and corpus.loc["a", "n_paragraphs"] == 2


@pytest.mark.parametrize(
    ("encoding", "sep"),
    [("utf-8", ","), ("utf-8-sig", ";"), ("utf-8-sig", ","), ("utf-16", "\t"), ("utf-8", ";")],
)
def test_metadata_tables_as_spreadsheets_save_them(tmp_path, encoding: str, sep: str) -> None:
    """Excel in much of Europe writes ';' and a byte-order mark; 'Unicode text' is UTF-16 with tabs."""
    (tmp_path / "a.txt").write_text("Ministers met in Rome.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Ministers met in Paris.\n", encoding="utf-8")
    rows = ["filename", "title", "date"], ["a.txt", "Rome; a meeting", "22 March 2017"], ["b.txt", "Paris", "2018"]
    lines = [sep.join(f'"{v}"' if sep in v else v for v in row) for row in rows]
    (tmp_path / "metadata.csv").write_text("\n".join(lines) + "\n", encoding=encoding)
    corpus = sa.load_corpus(tmp_path, progress=False)
    assert corpus.loc["a", "title"] == "Rome; a meeting"
    assert corpus.loc["a", "date"] == pd.Timestamp("2017-03-22") and corpus.loc["b", "date"] == pd.Timestamp(
        "2018-01-01"
    )
    assert corpus.loc["b", "date_precision"] == "year"


def test_a_metadata_table_without_its_key_column_says_what_it_found(tmp_path) -> None:
    (tmp_path / "a.txt").write_text("Ministers met in Rome.\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file|title\na.txt|Rome\n", encoding="utf-8")
    with pytest.raises(
        sa.MetadataError, match=r"needs a 'filename' or a 'doc_id' column \(its columns: 'file\|title'\)"
    ):
        sa.load_corpus(tmp_path, progress=False)
