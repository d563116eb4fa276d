"""sa.explore driven from Python, as a notebook user's clicks and keystrokes would drive it: the
widgets' values are set, and the tables and views that follow are checked against counts made
here from the raw text (regular expressions over the file) and against the library's own tables."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

import statement_analysis as sa
from statement_analysis.paths import bundled_statement_path

pytest.importorskip("ipywidgets")

ROOT = Path(__file__).resolve().parents[1]


class _Tags(HTMLParser):
    """Every start tag of an HTML/SVG string with its attributes, and the text inside <mark>."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.marked: list[str] = []
        self._in_mark = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_mark = self._in_mark or tag == "mark"
        if tag == "mark":
            self.marked.append("")

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag == "mark":
            self._in_mark = False

    def handle_data(self, data):
        if self._in_mark:
            self.marked[-1] += data

    def find(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]


@pytest.fixture(scope="module")
def raw() -> str:
    return bundled_statement_path().read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def statement():
    return sa.load_bundled()


@pytest.fixture()
def ex(statement):
    return sa.explore(statement)


def test_typing_mosul_gives_three_kwic_rows_and_three_marks_at_their_offsets(ex, statement, raw):
    for prefix in ("M", "Mo", "Mos", "Mosu"):  # as typed, one keystroke at a time
        ex.search.value = prefix
    assert len(ex.kwic_table) == 0 and "Mosu*" in ex.search_status.value  # the hint to type a glob
    ex.search.value = "Mosul"
    by_hand = [m.start() for m in re.finditer(r"\bMosul\b", raw)]
    assert len(by_hand) == 3
    kwic = ex.kwic_table
    assert len(kwic) == 3 and set(kwic["keyword"]) == {"Mosul"}
    assert kwic["orig_start"].tolist() == by_hand  # offsets into the file as read
    # the table shown: one row per occurrence, the keyword and its context as written
    shown = _Tags(ex.kwic_view.value)
    assert len(shown.find("tr")) == 1 + 3
    assert ex.kwic_view.value.count(">Mosul<") == 3
    # dispersion: one mark per occurrence, at its character offset, placed at its token position
    text = sa.tidy.document_texts(statement)[statement.doc_id]
    norm_starts = [m.start() for m in re.finditer(r"\bMosul\b", text)]
    svg = _Tags(ex.dispersion_view.value)
    marks = svg.find("line", **{"class": "mark"})
    assert [int(m["data-start"]) for m in marks] == norm_starts
    toks = sa.tidy.tokens(statement).reset_index(drop=True)
    rel = [i / len(toks) for i in toks.index[toks["text"] == "Mosul"]]
    strip = svg.find("rect")[0]  # the strip the marks are drawn on: x = its left + relative × its width
    x0, width = float(strip["x"]), float(strip["width"])
    for m, r in zip(marks, rel, strict=True):
        assert float(m["x1"]) == pytest.approx(x0 + r * width, abs=0.01)
    assert "position in the text (% of its tokens)" in ex.dispersion_view.value  # labelled axis
    assert "Source: Statement by Ministers" in ex.dispersion_view.value  # source line


def test_phrase_glob_and_word_modes(ex, statement):
    text = sa.tidy.document_texts(statement)[statement.doc_id]
    ex.search.value = "foreign terrorist fighters"  # a space: read as a phrase
    assert ex.mode() == "phrase"
    assert len(ex.kwic_table) == len(re.findall(r"\bforeign\s+terrorist\s+fighters\b", text, re.I)) > 0
    ex.search.value = "liberat*"
    assert ex.mode() == "glob"
    assert ex.kwic_table["keyword"].str.lower().tolist() == [w.lower() for w in re.findall(r"\bliberat\w*", text, re.I)]
    ex.match.value = "word"
    ex.search.value = "Raqqa"
    assert len(ex.kwic_table) == len(re.findall(r"\bRaqqa\b", text))
    ex.search.value = "   "
    assert len(ex.kwic_table) == 0 and ex.kwic_view.value == "" and "Type a word" in ex.search_status.value
    # nothing typed: empty tables with the same columns as the library's
    assert list(ex.kwic_table.columns) == list(sa.terms.kwic(statement, "Raqqa").columns)
    assert list(ex.dispersion_table.columns) == list(sa.terms.dispersion(statement, "Raqqa").columns)


def test_choosing_the_finance_theme_shows_its_evidence_and_highlights_its_paragraphs(ex, statement, raw):
    from statement_analysis import themes

    ex.theme.value = "finance"
    expected = themes.evidence(statement, dictionary="coalition", theme="finance")  # a layer that fits it
    assert len(expected) > 0
    got = ex.evidence_table
    assert got[["para_id", "term", "matched", "orig_start"]].to_dict("records") == (
        expected[["para_id", "term", "matched", "orig_start"]].to_dict("records")
    )
    assert set(got["theme"]) == {"finance"}
    for r in got.itertuples():  # each match is the words as they stand in the file
        assert raw[r.orig_start : r.orig_end] == r.matched
    shown = _Tags(ex.evidence_view.value)
    assert len(shown.find("tr")) == 1 + len(expected)
    # the paragraphs it came from, each once, with every match highlighted
    paras = _Tags(ex.paragraphs_view.value)
    assert [int(d["data-para"]) for d in paras.find("div", **{"class": "para"})] == sorted(set(expected["para_id"]))
    assert paras.marked == expected["matched"].tolist()
    body = [p for p in re.split(r"\n\s*\n", raw.split("\nText\n", 1)[1]) if p.strip()]
    second = re.sub(r"\s+", " ", body[1]).replace("\u2019", "'")
    assert re.sub(r"<[^>]+>", "", ex.paragraphs_view.value).replace("&#x27;", "'").count(second[:80]) == 1


def test_filtering_places_to_demonyms_shows_only_demonym_rows(ex, statement, raw):
    from statement_analysis import places

    ex.place_role.value = ("demonym",)
    rows = ex.mention_table
    assert len(rows) > 0 and set(rows["role"]) == {"demonym"}
    # the demonyms of the body text, counted by hand (the title and teaser hold none)
    by_hand = re.findall(r"\b(?:Iraqis?|Syrians?|Libyans?|Italians?)\b", raw)
    assert sorted(rows["surface"]) == sorted(by_hand)
    every = places.mentions(statement)
    assert rows["orig_start"].tolist() == every.loc[every["role"] == "demonym", "orig_start"].tolist()
    table = _Tags(ex.mentions_view.value)
    assert len(table.find("tr")) == 1 + len(rows)
    circles = _Tags(ex.map_view.value).find("circle")
    assert {c["data-place"] for c in circles} == set(rows["place"])
    assert sum(int(c["data-mentions"]) for c in circles) == len(rows)
    assert "GeoNames (CC BY 4.0)" in ex.map_view.value
    # kinds narrow further; nothing left says so instead of drawing an empty map
    ex.place_kind.value = ("city",)
    assert len(ex.mention_table) == 0 and ex.map_view.value == "" and "no mention" in ex.places_status.value
    ex.place_kind.value = tuple(ex.place_kind.options)
    ex.place_role.value = tuple(ex.place_role.options)
    assert len(ex.mention_table) == len(every)


def test_counties_are_a_kind_of_their_own_and_shown():
    st = sa.load_statement(text="Flooding in Laurel County, Kentucky, closed roads near London.")
    ex = sa.explore(st)
    assert "admin2" in ex.place_kind.options and "admin2" in ex.place_kind.value
    assert "Laurel County" in set(ex.mention_table["place"])
    assert len(ex.mention_table) == len(sa.places.mentions(st))


def test_a_corpus_searches_every_document():
    corpus = sa.load_sample_archive()
    ex = sa.explore(corpus)
    ex.search.value = "Baghdad"
    folder = sa.sample_archive_path()
    by_hand = {
        p.stem: n
        for p in sorted((folder / "txt").glob("*.txt"))
        if (n := len(re.findall(r"\bBaghdad\b", p.read_text(encoding="utf-8"))))
    }
    assert len(by_hand) >= 2 and ex.kwic_table.groupby("doc_id").size().to_dict() == by_hand
    strips = [t for t in _Tags(ex.dispersion_view.value).find("text") if t.get("text-anchor") == "end"]
    assert len(strips) == len(by_hand)  # one strip per document with a match
    assert f"in {len(by_hand)} of 21 documents" in ex.search_status.value


def test_the_widget_is_what_a_notebook_displays(ex):
    bundle = ex._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    assert data["application/vnd.jupyter.widget-view+json"]["model_id"] == ex.widget.model_id


def test_outside_a_notebook_it_says_where_it_works_instead_of_failing():
    code = (
        "import statement_analysis as sa\n"
        "ex = sa.explore(sa.load_bundled())\n"
        "ex.search.value = 'Raqqa'\n"
        "print(len(ex.kwic_table))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "needs a notebook front end" in done.stdout and "make lab" in done.stdout
    raw = bundled_statement_path().read_text(encoding="utf-8")
    assert done.stdout.strip().splitlines()[-1] == str(len(re.findall(r"\bRaqqa\b", raw)))


def test_refuses_what_it_cannot_read(statement):
    with pytest.raises(sa.InputTypeError):
        sa.explore("Ministers met in Rome.")
    with pytest.raises(sa.InputTypeError, match="reads the text itself"):
        sa.explore(sa.tidy.tokens(statement))
