"""Theme dictionaries: the three file formats, the default dictionary, and every malformed-file error."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

import statement_analysis as sa
from statement_analysis import themes
from statement_analysis.themes import DictionaryError

TEXT = "Foreign fighters crossed the border. Oil revenue and ransom fund Da'esh. Stabilisation helps."


def write(tmp_path: Path, name: str, content: str, encoding: str = "utf-8") -> Path:
    p = tmp_path / name
    p.write_text(textwrap.dedent(content).lstrip("\n"), encoding=encoding)
    return p


def counts(d: themes.ThemeDictionary) -> dict[str, int]:
    out = themes.code(sa.load_statement(TEXT), dictionary=d, by="document")
    return out.set_index("theme")["n"].to_dict()


# -- formats ---------------------------------------------------------------------------------

YAML_OK = """
    # comment
    name: test
    themes:
      ftf:
        label: Foreign fighters
        description: travel
        words: [border*]
        phrases: ["foreign fighter*"]
      fin:
        description: money
        words: [ransom, fund*]
        phrases: [oil revenue]
        exclude: [fundamental]
"""


def test_yaml(tmp_path):
    d = themes.load_dictionary(write(tmp_path, "d.yaml", YAML_OK))
    assert d.keys == ["ftf", "fin"]
    assert d["ftf"].label == "Foreign fighters"
    assert d["fin"].label == "Fin"  # default label from the key
    assert d["fin"].exclude == ("fundamental",)
    assert d.name == "test"
    # ftf: "Foreign fighters" (2) + "border" (1); fin: "Oil revenue" (2) + ransom + fund
    assert counts(d) == {"ftf": 3, "fin": 4}


def test_liwc_dic(tmp_path):
    p = write(
        tmp_path,
        "d.dic",
        """
        %
        1\tftf
        2\tfin
        %
        border*\t1
        foreign fighter*\t1
        oil revenue\t2
        ransom\t2
        fund*\t\t2
        money\t2 1
        """,
    )
    d = themes.load_dictionary(p)
    assert d.keys == ["ftf", "fin"]
    assert d["ftf"].words == ("border*", "money") and d["ftf"].phrases == ("foreign fighter*",)
    assert d["fin"].phrases == ("oil revenue",)
    assert counts(d) == {"ftf": 3, "fin": 4}


def test_liwc_dic_spaces_cp1252_and_conditional_codes(tmp_path):
    # space-separated (some published .dic files), Windows-1252 bytes, and a LIWC 2007 conditional code
    content = "%\n1 sentiment\n2 other\n%\ncaf\u00e9\t1\nlike\t(02 134)125/464\t1\nfoo 1\n"
    p = tmp_path / "d.dic"
    p.write_bytes(content.encode("cp1252"))
    with pytest.warns(UserWarning) as record:
        d = themes.load_dictionary(p)
    messages = " | ".join(str(w.message) for w in record)
    assert "conditional" in messages and "left out: other" in messages
    assert d["sentiment"].words == ("café", "like", "foo")
    assert d.keys == ["sentiment"]  # "other" has no terms: left out with a warning


def test_lexicoder_lc3(tmp_path):
    p = write(
        tmp_path,
        "d.lc3",
        """
        +ftf#AA0000
        border*
        foreign fighter*

        +fin
        oil revenue
        ransom
        fund*
        """,
    )
    d = themes.load_dictionary(p)
    assert d.keys == ["ftf", "fin"]  # the colour code after '#' is not part of the name
    assert counts(d) == {"ftf": 3, "fin": 4}


def test_format_override_and_unknown_extension(tmp_path):
    p = write(tmp_path, "d.txt", "+fin\nransom\n")
    assert themes.load_dictionary(p, format="lc3").keys == ["fin"]
    with pytest.raises(DictionaryError, match=r"d\.txt.*unknown dictionary extension"):
        themes.load_dictionary(p)


def test_mapping_and_path_accepted_by_code(tmp_path):
    p = write(tmp_path, "d.yml", YAML_OK)
    s = sa.load_statement(TEXT)
    a = themes.code(s, dictionary=p)
    b = themes.code(s, dictionary=str(p))
    assert a.equals(b)


def test_coalition_dictionary_shape():
    d = themes.resolve_dictionary("coalition")
    assert d.keys == [
        "military",
        "stabilisation",
        "finance",
        "foreign_fighters",
        "counter_messaging",
        "humanitarian",
        "political_process",
        "prevention",
        "coordination",
    ]
    for t in d.themes:
        assert t.description and t.words and t.phrases, t.key
    assert any(t.exclude for t in d.themes)
    assert any("*" in w for t in d.themes for w in t.words)
    assert themes.dictionary_path("coalition").stat().st_size < 100_000
    summary = d.summary()
    assert list(summary.columns) == ["theme", "label", "description", "words", "phrases", "exclude", "cap", "major"]
    assert len(d.to_frame()) == sum(len(t.words) + len(t.phrases) + len(t.exclude) for t in d.themes)


@pytest.mark.parametrize("name", ["coalition", "general"])
def test_shipped_dictionary_comments_cite_sources(name):
    text = themes.dictionary_path(name).read_text("utf-8")
    # every theme block carries at least one comment line saying where it comes from
    blocks = re.split(r"\n  (?=[a-z_]+:\n)", text.split("\nthemes:\n", 1)[1])
    assert len(blocks) == len(themes.resolve_dictionary(name))
    for b in blocks:
        assert re.search(r"^\s+# ", b, re.M), b.splitlines()[0]


# -- malformed dictionaries ------------------------------------------------------------------


def err(tmp_path: Path, name: str, content: str) -> str:
    p = write(tmp_path, name, content)
    with pytest.raises(DictionaryError) as info:
        themes.load_dictionary(p)
    assert isinstance(info.value, sa.StatementAnalysisError)
    msg = str(info.value)
    assert str(p) in msg  # the file is named
    return msg


def test_yaml_syntax_error_names_line(tmp_path):
    msg = err(tmp_path, "bad.yaml", "themes:\n  fin:\n    description: x\n    words: [a, b\n")
    assert "YAML syntax error" in msg and re.search(r"line \d+, column \d+", msg)


def test_yaml_syntax_error_line_number_is_right(tmp_path):
    msg = err(tmp_path, "bad.yaml", "themes:\n  fin:\n    description: x\n   words: [a]\n")
    assert "line 4" in msg


def test_missing_themes_key(tmp_path):
    assert "missing key 'themes'" in err(tmp_path, "d.yaml", "name: x\n")


def test_unknown_top_level_key(tmp_path):
    msg = err(tmp_path, "d.yaml", "name: x\ntheme:\n  a: {description: d, words: [a]}\n")
    assert "line 2" in msg and "unknown top-level key 'theme'" in msg


def test_missing_description(tmp_path):
    msg = err(tmp_path, "d.yaml", "themes:\n  fin:\n    words: [money]\n")
    assert "line 2 (themes.fin)" in msg and "missing key 'description'" in msg


def test_wrong_type_words_is_a_string(tmp_path):
    msg = err(tmp_path, "d.yaml", "themes:\n  fin:\n    description: d\n    words: money\n")
    assert "line 4 (themes.fin.words)" in msg and "expected a list of strings" in msg


def test_wrong_type_entry_is_a_number(tmp_path):
    msg = err(tmp_path, "d.yaml", "themes:\n  fin:\n    description: d\n    words:\n      - money\n      - 12.5\n")
    assert "line 6 (themes.fin.words[1])" in msg and "expected a string" in msg


def test_wrong_type_theme_is_a_list(tmp_path):
    msg = err(tmp_path, "d.yaml", "themes:\n  fin: [money]\n")
    assert "themes.fin" in msg and "expected a mapping" in msg


def test_unknown_theme_key_typo(tmp_path):
    msg = err(tmp_path, "d.yaml", "themes:\n  fin:\n    description: d\n    phrase: [oil revenue]\n")
    assert "line 4 (themes.fin.phrase)" in msg and "unknown key 'phrase'" in msg


def test_empty_theme(tmp_path):
    msg = err(tmp_path, "d.yaml", "themes:\n  fin:\n    description: d\n    words: []\n    exclude: [x]\n")
    assert "line 2 (themes.fin)" in msg and "empty" in msg


def test_empty_file_and_empty_themes(tmp_path):
    assert "empty" in err(tmp_path, "d.yaml", "# nothing\n")
    assert "non-empty mapping" in err(tmp_path, "e.yaml", "themes: {}\n")


def test_duplicate_theme(tmp_path):
    msg = err(tmp_path, "d.yaml", "themes:\n  a: {description: d, words: [x]}\n  a: {description: e, words: [y]}\n")
    assert "line 3" in msg and "defined twice (first on line 2)" in msg


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ("'*'", "would match every word"),
        ("'fin**'", "'\\*\\*'"),
        ("'fin?nce'", "regular expressions"),  # '?' is a wildcard elsewhere (quanteda), not here
        ("'financ.*'", "regular expressions"),
        ("'[fF]inance*'", "regular expressions"),
    ],
)
def test_bad_wildcards(tmp_path, entry, problem):
    content = f"themes:\n  fin:\n    description: d\n    words:\n      - ok\n      - {entry}\n"
    p = write(tmp_path, "d.yaml", content)
    with pytest.raises(DictionaryError, match=problem) as info:
        themes.load_dictionary(p)
    assert "line 6 (themes.fin.words[1])" in str(info.value)


def test_punctuation_only_entry(tmp_path):
    msg = err(tmp_path, "d.yaml", "themes:\n  fin:\n    description: d\n    words: ['&']\n")
    assert "no letter or digit" in msg


def test_word_with_space_and_single_word_phrase(tmp_path):
    assert "put multi-word entries under 'phrases'" in err(
        tmp_path, "a.yaml", "themes:\n  f:\n    description: d\n    words: [oil revenue]\n"
    )
    assert "put it under 'words'" in err(tmp_path, "b.yaml", "themes:\n  f:\n    description: d\n    phrases: [oil]\n")


def test_dic_missing_percent_lines(tmp_path):
    msg = err(tmp_path, "d.dic", "1\tfin\nmoney\t1\n")
    assert "line 1" in msg and "'%'" in msg


def test_dic_unknown_category(tmp_path):
    msg = err(tmp_path, "d.dic", "%\n1\tfin\n%\nmoney\t1\nborder\t7\n")
    assert "line 5" in msg and "category 7" in msg and "'border'" in msg


def test_dic_term_without_category(tmp_path):
    msg = err(tmp_path, "d.dic", "%\n1\tfin\n%\nmoney\n")
    assert "line 4" in msg and "no category number" in msg


def test_dic_bad_category_line_and_duplicate(tmp_path):
    assert "line 2" in err(tmp_path, "a.dic", "%\nfin\n%\nmoney\t1\n")
    msg = err(tmp_path, "b.dic", "%\n1\tfin\n1\tftf\n%\nmoney\t1\n")
    assert "line 3" in msg and "defined twice" in msg


def test_dic_bad_wildcard_names_line(tmp_path):
    msg = err(tmp_path, "d.dic", "%\n1\tfin\n%\nmoney\t1\nfin(ance)*\t1\n")
    assert "line 5" in msg and "bad wildcard" in msg


def test_lc3_entry_before_category_and_empty_category(tmp_path):
    msg = err(tmp_path, "a.lc3", "ransom\n+fin\nmoney\n")
    assert "line 1" in msg and "before any category" in msg
    msg = err(tmp_path, "b.lc3", "+fin\nmoney\n+ftf\n\n")
    assert "line 3" in msg and "'ftf' is empty" in msg


def test_binary_and_missing_file(tmp_path):
    p = tmp_path / "d.yaml"
    p.write_bytes(b"\x00\x01\x02")
    with pytest.raises(DictionaryError, match="not a text file"):
        themes.load_dictionary(p)
    with pytest.raises(DictionaryError, match="no such dictionary file"):
        themes.load_dictionary(tmp_path / "missing.yaml")


def test_from_mapping_errors_name_the_key():
    with pytest.raises(DictionaryError, match=r"themes\.fin\.words\[0\].*bad wildcard"):
        themes.ThemeDictionary.from_mapping({"fin": {"description": "d", "words": ["*"]}})
    with pytest.raises(DictionaryError, match=r"themes\.fin: missing key 'description'"):
        themes.ThemeDictionary.from_mapping({"fin": {"words": ["money"]}})


def test_dic_and_lc3_in_quanteda_test_layout_read_the_same(tmp_path):
    # The layout of quanteda's own test dictionaries (tests/data/dictionaries/mary.dic and
    # mary.lc3): zero-padded category numbers, names with spaces, blank lines between terms.
    dic = write(
        tmp_path, "m.dic", "%\n01\tA category\n02\tAnother category\n%\n\nmore\t01\nlamb\t01\nlittle\t01\n\nhad\t02\n"
    )
    lc3 = write(tmp_path, "m.lc3", "+A category\nmore\nlamb\nlittle\n+Another category\nhad\n")
    a, b = themes.load_dictionary(dic), themes.load_dictionary(lc3)
    assert a.keys == b.keys == ["A category", "Another category"]
    assert a["A category"].words == b["A category"].words == ("more", "lamb", "little")
    out = themes.code(sa.load_statement("Mary had a little lamb."), dictionary=a, by="document")
    assert out["n"].tolist() == [2, 1]
