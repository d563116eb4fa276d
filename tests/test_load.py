"""Loading: the EEAS export, plain text, encodings, corpora, and every kind of bad input.

Expected values were read off the raw file by hand (see data/README.md for its layout).
"""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import pandas as pd
import pytest

import statement_analysis as sa
from statement_analysis.paths import bundled_statement_path

# (first words, last words) of the 14 body paragraphs, copied by hand from the raw file.
PARAGRAPH_EDGES = [
    (
        "Foreign Ministers of the Global Coalition met in Washington",
        "fully recognizing this will require sustained, focused efforts.",
    ),
    ("We welcome the decisive milestones to date", "and diminished its on-line influence."),
    ("We recognize that the gains against Da’esh", "and persecution of minority communities."),
    ("Looking ahead, we are committed to denying Da’esh sanctuary", "hard-to-reach areas of Syria."),
    ("Da’esh cannot be allowed to re-emerge", "and the coordination of international support."),
    ("We strongly support Prime Minister Abadi’s vision", "stabilization and reconstruction of liberated areas."),
    ("The Coalition stands with the Syrian people", "as a positive step to benefit the people of Syria."),
    ("We commend Libyan Prime Minister Sarraj", "and avenues of recruitment and influence."),
    (
        "We commend the efforts of the Government of Afghanistan",
        "in implementing its National Strategy against Da’esh.",
    ),
    ("We recognize and support efforts by Nigeria", "in the Lake Chad basin region."),
    (
        "Coalition members are actively disrupting Da’esh networks",
        "established by applicable UN conventions and resolutions.",
    ),
    (
        "The Coalition supports enhanced efforts to prevent radicalization",
        "as well as monitoring, investigation, and prosecution.",
    ),
    ("We will intensify our efforts to confront Da’esh", "which violates terms and conditions for users."),
    ("We are gratified by the momentum", "working groups of the Global Coalition in July 2017."),
]


def test_eeas_header(bundled):
    assert bundled.title == (
        "Statement by Ministers of the Global Coalition following the Meeting on the Defeat of Da’esh, "
        "Washington D.C., 22 March 2017"
    )
    assert bundled.date == dt.date(2017, 3, 22)
    assert bundled.teaser == (
        "Joint Statement by Ministers of the Global Coalition following the Meeting on the Defeat of Da’esh, "
        "Washington D.C., 22 March 2017"
    )


def test_eeas_body_has_14_paragraphs_with_the_right_edges(bundled):
    assert len(bundled.paragraphs) == 14
    for para, (first, last) in zip(bundled.paragraphs, PARAGRAPH_EDGES, strict=True):
        assert para.startswith(first)
        assert para.endswith(last)
    assert not any("ARCHIVED" in p for p in bundled.paragraphs)
    assert not any(p.strip("\u00a0 ") == "" for p in bundled.paragraphs)


def test_eeas_footer(bundled):
    m = bundled.meta
    assert m["category"] == "Joint Statements"
    assert m["location"] == "Bruxelles"
    assert m["topics"] == ("Counter-Terrorism", "Security, Defence & Crisis Response")
    assert m["editorial_sections"] == (
        "EEAS",
        "North America",
        "United States of America",
        "Counter-Terrorism",
        "Security, Defence & Crisis Response",
    )
    assert m["archived"] is True
    assert m["layout"] == "eeas"
    assert m["sha256"] == "6d61c2050d8db71fec1870699924993d5eeaef8f09590cb4d88b5f4fb6419b55"


def test_plain_text_with_metadata_as_arguments(tmp_path):
    f = tmp_path / "speech.txt"
    f.write_text("First paragraph, one line.\nStill the first.\n\n\n  Second paragraph.  \n", encoding="utf-8")
    st = sa.load_statement(f, title="A speech", date="2021-06-13")
    assert st.paragraphs == ("First paragraph, one line.\nStill the first.", "Second paragraph.")
    assert st.title == "A speech"
    assert st.date == dt.date(2021, 6, 13)
    assert st.doc_id == "speech"
    assert st.meta["layout"] == "plain"


def test_raw_text_instead_of_a_path():
    st = sa.load_statement("We met today.\n\nWe agreed.", title="Note", date=dt.date(2020, 1, 2))
    assert st.paragraphs == ("We met today.", "We agreed.")
    assert st.meta["source"] is None
    assert st.doc_id.startswith("text-")
    single = sa.load_statement("Ministers met in Geneva today.")
    assert single.paragraphs == ("Ministers met in Geneva today.",)


def test_bad_date_argument_is_a_metadata_error():
    with pytest.raises(sa.MetadataError, match="not a date"):
        sa.load_statement("Text.\n", date="the 22nd")
    with pytest.raises(sa.MetadataError, match="day/month or month/day"):
        sa.load_statement("Text.\n", date="03/04/2017")  # 3 April or 4 March: refused, not guessed


@pytest.mark.parametrize(
    ("encoding_written", "prefix", "forced"),
    [
        ("utf-8", b"", None),
        ("utf-8", b"\xef\xbb\xbf", None),
        ("utf-16-le", b"\xff\xfe", None),
        ("utf-16-be", b"\xfe\xff", None),
        ("cp1252", b"", "cp1252"),
    ],
)
def test_encodings_and_windows_line_endings(tmp_path, encoding_written, prefix, forced):
    text = "Da’esh – “quoted”.\r\n\r\nSecond paragraph é.\r\n"
    f = tmp_path / "s.txt"
    f.write_bytes(prefix + text.encode(encoding_written))
    st = sa.load_statement(f, encoding=forced)
    assert st.paragraphs == ("Da’esh – “quoted”.", "Second paragraph é.")


def test_bundled_same_through_bytes_with_crlf_and_bom(tmp_path):
    raw = bundled_statement_path().read_bytes()
    f = tmp_path / "crlf.txt"
    f.write_bytes(b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n"))
    a, b = sa.load_statement(f), sa.load_bundled()
    assert a.paragraphs == b.paragraphs
    assert (a.title, a.date, a.teaser) == (b.title, b.date, b.teaser)


# ------------------------------------------------------------------ bad input: one test per case
def test_missing_file(tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.raises(sa.StatementNotFoundError) as e:
        sa.load_statement(missing)
    assert str(missing) in str(e.value)
    with pytest.raises(sa.StatementNotFoundError, match=r"nope\.txt"):
        sa.load_statement(str(missing))


def test_folder_with_no_statements(tmp_path):
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    with pytest.raises(sa.EmptyStatementError) as e:
        sa.load_corpus(tmp_path)
    assert str(tmp_path) in str(e.value)


def test_empty_file(tmp_path):
    f = tmp_path / "empty.txt"
    f.write_bytes(b"")
    with pytest.raises(sa.EmptyStatementError) as e:
        sa.load_statement(f)
    assert str(f) in str(e.value) and "empty" in str(e.value)


def test_whitespace_only_file(tmp_path):
    f = tmp_path / "blank.txt"
    f.write_text(" \n\u00a0\n\t\n", encoding="utf-8")
    with pytest.raises(sa.EmptyStatementError) as e:
        sa.load_statement(f)
    assert str(f) in str(e.value)


def test_binary_file_with_nul_bytes(tmp_path):
    f = tmp_path / "blob.txt"
    f.write_bytes(b"Some text\x00\x01\x02 more")
    with pytest.raises(sa.BinaryFileError) as e:
        sa.load_statement(f)
    assert str(f) in str(e.value) and "byte offset 9" in str(e.value)


def test_pdf_file(tmp_path):
    f = tmp_path / "statement.pdf"
    f.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    with pytest.raises(sa.BinaryFileError) as e:
        sa.load_statement(f)
    assert str(f) in str(e.value) and "PDF" in str(e.value)


def test_undecodable_bytes_name_the_offset_and_suggest_encoding(tmp_path):
    f = tmp_path / "latin.txt"
    f.write_bytes(b"Caf" + b"\xe9 au lait.\n")
    with pytest.raises(sa.DecodingError) as e:
        sa.load_statement(f)
    msg = str(e.value)
    assert str(f) in msg and "byte offset 3" in msg and "encoding=" in msg
    assert sa.load_statement(f, encoding="latin-1").paragraphs == ("Café au lait.",)


def test_eeas_layout_missing_its_text_header_is_reported(tmp_path):
    raw = bundled_statement_path().read_text(encoding="utf-8").replace("\nText\n", "\nBody\n")
    f = tmp_path / "broken.txt"
    f.write_text(raw, encoding="utf-8")
    with pytest.raises(sa.LayoutError) as e:
        sa.load_statement(f)
    assert str(f) in str(e.value) and "'Text'" in str(e.value) and "line 6" in str(e.value)


def test_errors_share_one_family():
    for cls in (
        sa.StatementNotFoundError,
        sa.EmptyStatementError,
        sa.BinaryFileError,
        sa.DecodingError,
        sa.LayoutError,
        sa.MetadataError,
        sa.InputTypeError,
    ):
        assert issubclass(cls, sa.StatementAnalysisError)


# ------------------------------------------------------------------ corpora
def test_load_corpus_from_paths_and_folder(tmp_path):
    (tmp_path / "a.txt").write_text("Alpha one.\n\nAlpha two.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Beta.", encoding="utf-8")
    df = sa.load_corpus(tmp_path)
    assert list(df.index) == ["a", "b"]
    assert df.loc["a", "n_paragraphs"] == 2
    assert df.loc["a", "text"] == "Alpha one.\n\nAlpha two."
    df2 = sa.load_corpus([tmp_path / "sub" / "b.txt", bundled_statement_path()])
    assert len(df2) == 2 and df2["date"].iloc[1] == pd.Timestamp("2017-03-22")


def test_load_corpus_joins_metadata_by_doc_id(tmp_path):
    (tmp_path / "x.txt").write_text("Text x.", encoding="utf-8")
    (tmp_path / "y.txt").write_text("Text y.", encoding="utf-8")
    meta = pd.DataFrame(
        {"doc_id": ["x", "y"], "date": ["2020-01-01", "2021-05-06"], "title": ["X", "Y"], "genre": ["a", "b"]}
    )
    df = sa.load_corpus(tmp_path, metadata=meta)
    assert df.loc["y", "title"] == "Y"
    assert df.loc["y", "date"] == pd.Timestamp("2021-05-06")
    assert df.loc["x", "genre"] == "a"


def test_load_corpus_metadata_naming_a_missing_file(tmp_path):
    (tmp_path / "x.txt").write_text("Text x.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(
        "doc_id,filename,date\nx,x.txt,2020-01-01\nz,z.txt,2020-01-02\n", encoding="utf-8"
    )
    with pytest.raises(sa.MetadataError) as e:
        sa.load_corpus(tmp_path)
    assert "z.txt" in str(e.value) and "metadata.csv" in str(e.value)


def test_load_corpus_warns_about_files_without_metadata(tmp_path):
    (tmp_path / "x.txt").write_text("Text x.", encoding="utf-8")
    (tmp_path / "w.txt").write_text("Text w.", encoding="utf-8")
    meta = pd.DataFrame({"doc_id": ["x"], "date": ["2020-01-01"]})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        df = sa.load_corpus(tmp_path, metadata=meta)
    assert len(df) == 2
    assert any("no row in the metadata" in str(w.message) for w in caught)


def test_empty_file_in_a_corpus_stays_as_an_empty_document(tmp_path):
    (tmp_path / "a.txt").write_text("Some text.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("  \n", encoding="utf-8")
    with pytest.warns(UserWarning, match=r"1 file\(s\) hold no text"):
        df = sa.load_corpus(tmp_path)
    assert list(df.index) == ["a", "b"]
    assert df.loc["b", "text"] == "" and df.loc["b", "layout"] == "empty"
    assert sa.tidy.sentences(df)["doc_id"].tolist() == ["a"]


def test_shared_joint_statements_corpus(joint_corpus_dir: Path):
    df = sa.load_corpus(joint_corpus_dir, progress=False)
    meta = pd.read_csv(joint_corpus_dir / "metadata.csv", dtype=str)
    assert len(df) == 259
    assert df.index.is_unique
    expected = pd.to_datetime(meta.set_index("doc_id")["date"])
    assert (df["date"] == expected.reindex(df.index)).all()
    assert (df["title"] == meta.set_index("doc_id")["title"].reindex(df.index)).all()
    assert {"genre", "issuer", "source_url"} <= set(df.columns)
