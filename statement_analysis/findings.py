"""Findings: what each report section found, in a few plain sentences computed from its tables.

One function per section, each taking the tables that section's page shows and returning a
``Findings`` (the sentences, and the values they state, by name), so that every number in a
sentence can be traced to a table — the tests recompute each one from the tables:

* ``load_findings(statement, tokens, paragraphs)``: paragraphs, sentences, words, the date;
* ``readability_findings(doc, paragraphs, sentences)``: scores of ``readability.scores``;
* ``terms_findings(freq, phrases)``: tables of ``terms.frequencies``;
* ``themes_findings(coded, fit, dominant, words)``: ``themes.code(by="document")``,
  ``themes.fit`` and ``themes.dominant``;
* ``places_findings(mentions, place_counts, country_counts, paragraphs)``: tables of ``places``;
* ``joined(parts)``: several findings in one box (the themes of each dictionary layer).

**Words and sentences** mean one thing in every finding, as in ``summary.json`` and the report's
index: a word is a token of ``tidy.tokens`` that is not punctuation (``tidy.word_mask``: a
possessive *'s* belongs to its word), a sentence is a sentence of ``tidy.sentences``. Other
counts are named for what they are: words and sentences *as textstat counts them* (readability),
*content words* (words that are not stop words or numbers: terms and themes).

The sentences are templates filled with numbers; an empty case (no place named, no theme
matched, one paragraph, no date) gets a sentence that says so. Nothing here reads the text.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from .statement import Statement
    from .themes.fitcheck import DictionaryFit


#: the report's one definition of words and sentences, as the index and page 01 state it
DEFINITIONS = (
    "Words and sentences mean the same on every page: a word is a token that is not punctuation "
    "(a possessive 's belongs to its word), a sentence is a sentence of tables/sentences.csv. Other "
    "counts say what they count: words and sentences as textstat counts them (readability), content "
    "words (words that are not stop words or numbers: terms, themes), coded words (content words a "
    "theme dictionary matches: theme shares) and word terms (theme shares per paragraph: an alias such "
    "as Islamic State counts once)."
)


@dataclass(frozen=True)
class Findings:
    """The findings of one report section: ``sentences`` (plain English, in reading order) and
    ``values`` (every number or name the sentences state, by name, as computed). Displays as a
    bulleted list in JupyterLab and on report pages."""

    section: str
    sentences: tuple[str, ...]
    values: dict[str, Any] = field(default_factory=dict)

    def _repr_html_(self) -> str:
        items = "".join(f"<li>{html.escape(s)}</li>" for s in self.sentences)
        return f'<div class="sa-findings"><p><strong>Findings</strong></p><ul>{items}</ul></div>'

    def __str__(self) -> str:
        return "\n".join(f"• {s}" for s in self.sentences)

    def __repr__(self) -> str:
        return f"Findings ({self.section}):\n{self}"


def joined(parts: dict[str, Findings]) -> Findings:
    """One ``Findings`` of several, shown in one box: their sentences in the order given; its
    ``values`` hold each part's values under the part's name (a dictionary layer's name, say)."""
    if not parts:
        raise ValueError("findings.joined needs at least one Findings")
    sections = {f.section for f in parts.values()}
    section = sections.pop() if len(sections) == 1 else "+".join(f.section for f in parts.values())
    sentences = tuple(s for f in parts.values() for s in f.sentences)
    return Findings(section, sentences, {name: dict(f.values) for name, f in parts.items()})


def _n(v: int) -> str:
    return f"{int(v):,}"


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{_n(n)} {one if n == 1 else (many or one + 's')}"


def _pct(v: float) -> str:
    return f"{v * 100:.1f}%"


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(str(text).split())
    return "\u201c" + (text if len(text) <= limit else text[: limit - 1] + "\u2026") + "\u201d"


def words_and_sentences(tokens: pd.DataFrame) -> tuple[int, int]:
    """``(words, sentences)`` of a token table: tokens that are words (``tidy.word_mask``), and
    distinct sentences holding a token — the report's one definition of each."""
    from .tidy import word_mask

    words = int(word_mask(tokens).sum())
    sentences = int(tokens.drop_duplicates(["doc_id", "sent_id"]).shape[0]) if len(tokens) else 0
    return words, sentences


def load_findings(statement: Statement, tokens: pd.DataFrame, paragraphs: pd.DataFrame) -> Findings:
    """Findings of the load-and-tidy section: size (paragraphs, sentences, words), the longest
    and shortest paragraph, the average sentence length, and the date.

    Args:
        statement: the statement (its date and title).
        tokens: ``tidy.tokens(statement)``.
        paragraphs: ``tidy.paragraph_summary(statement)`` (``para_id``, ``n_words``...).
    """
    from .tidy import word_mask

    words, sentences = words_and_sentences(tokens)
    distinct = int(tokens.loc[word_mask(tokens), "lower"].nunique())
    n_par = len(paragraphs)
    v: dict[str, Any] = {"paragraphs": n_par, "sentences": sentences, "words": words, "distinct_words": distinct}
    out = []
    if n_par == 1:
        out.append(
            f"The statement is a single paragraph of {_plural(sentences, 'sentence')} and "
            f"{_plural(words, 'word')} ({_n(distinct)} different)."
        )
    else:
        out.append(
            f"The statement has {_n(n_par)} paragraphs, {_plural(sentences, 'sentence')} and "
            f"{_plural(words, 'word')} ({_n(distinct)} different)."
        )
    if words == 0:
        out.append("It has no words: only punctuation, symbols or spaces.")
    elif n_par > 1 and paragraphs["n_words"].nunique() == 1:
        v["paragraph_words"] = int(paragraphs["n_words"].iloc[0])
        out.append(f"Every paragraph has {_plural(v['paragraph_words'], 'word')}.")
    elif n_par > 1:
        longest = paragraphs.loc[paragraphs["n_words"].idxmax()]
        shortest = paragraphs.loc[paragraphs["n_words"].idxmin()]
        v.update(
            longest_para=int(longest["para_id"]),
            longest_words=int(longest["n_words"]),
            shortest_para=int(shortest["para_id"]),
            shortest_words=int(shortest["n_words"]),
        )
        out.append(
            f"The longest paragraph is paragraph {v['longest_para']} ({_plural(v['longest_words'], 'word')}); "
            f"the shortest is paragraph {v['shortest_para']} ({_plural(v['shortest_words'], 'word')})."
        )
    if sentences and words:
        per = tokens.loc[word_mask(tokens)].groupby(["doc_id", "sent_id"]).size()
        v["words_per_sentence"] = round(words / sentences, 1)
        v["longest_sentence_words"] = int(per.max())
        out.append(
            f"A sentence has {v['words_per_sentence']:.1f} words on average; "
            f"the longest has {_plural(v['longest_sentence_words'], 'word')}."
        )
    if statement.date is not None:
        v["date"] = statement.date.isoformat()
        out.append(f"It is dated {statement.date.day} {statement.date:%B %Y}.")
    else:
        v["date"] = None
        out.append("It has no date: the file gives none (give one with --date, or the notebooks' date parameter).")
    return Findings("load and tidy", tuple(out), v)


def readability_findings(
    doc: pd.DataFrame, paragraphs: pd.DataFrame, sentences: pd.DataFrame | None = None
) -> Findings:
    """Findings of the readability section.

    Args:
        doc: ``readability.scores(statement)`` (one row).
        paragraphs: ``readability.scores(statement, by="paragraph")``.
        sentences: ``readability.scores(statement, by="sentence")`` (optional).
    """
    from .readability import band_of

    row = doc.iloc[0]
    out = []
    v: dict[str, Any] = {}
    if not row["words"]:
        return Findings("readability", ("The statement has no words: there is nothing to score.",), {})
    fre, fk = float(row["flesch_reading_ease"]), float(row["flesch_kincaid_grade"])
    v.update(flesch_reading_ease=round(fre, 1), flesch_kincaid_grade=round(fk, 1))
    v["flesch_band"] = band_of(fre, scale="flesch_reading_ease")
    v["grade_band"] = band_of(fk, scale="grade")
    out.append(
        f"The statement reads at Flesch Reading Ease {fre:.1f} ({v['flesch_band'].lower()}) and "
        f"Flesch\u2013Kincaid grade {fk:.1f} ({v['grade_band'].lower()})."
    )
    v["textstat_words"], v["textstat_sentences"] = int(row["words"]), int(row["sentences"])
    v["words_per_sentence"] = round(v["textstat_words"] / max(v["textstat_sentences"], 1), 1)
    out.append(
        f"Its sentences average {v['words_per_sentence']:.1f} words "
        f"({_plural(v['textstat_words'], 'word')} in {_plural(v['textstat_sentences'], 'sentence')} "
        "as textstat counts them)."
    )
    scored = paragraphs[paragraphs["words"] > 0]
    # paragraphs are compared by grade, as the page's chart of grade by paragraph shows them
    if len(scored) > 1 and scored["flesch_kincaid_grade"].round(1).nunique() == 1:
        v["paragraph_grade"] = round(float(scored["flesch_kincaid_grade"].iloc[0]), 1)
        out.append(f"Its paragraphs all score Flesch\u2013Kincaid grade {v['paragraph_grade']:.1f}.")
    elif len(scored) > 1:
        hard = scored.loc[scored["flesch_kincaid_grade"].idxmax()]
        easy = scored.loc[scored["flesch_kincaid_grade"].idxmin()]
        v.update(
            hardest_para=int(hard["para_id"]),
            hardest_para_grade=round(float(hard["flesch_kincaid_grade"]), 1),
            easiest_para=int(easy["para_id"]),
            easiest_para_grade=round(float(easy["flesch_kincaid_grade"]), 1),
        )
        out.append(
            f"Its hardest paragraph is paragraph {v['hardest_para']} (Flesch\u2013Kincaid grade "
            f"{v['hardest_para_grade']:.1f}); the easiest is paragraph {v['easiest_para']} "
            f"(grade {v['easiest_para_grade']:.1f})."
        )
        short = scored[scored["words"] < 100]
        v["short_paragraphs"] = len(short)
        if len(short):
            out.append(
                f"{_n(len(short))} of {_n(len(scored))} paragraphs have under 100 words: "
                "their scores move with one sentence more or less, so compare them with care."
            )
    else:
        out.append("It has a single paragraph, so there is no paragraph to compare with another.")
    if sentences is not None and len(sentences):
        grades = sentences["flesch_kincaid_grade"]
        v["sentences_scored"] = len(sentences)
        v["college_sentences"] = int((grades >= 13).sum())
        out.append(
            f"{_n(v['college_sentences'])} of its {_n(len(sentences))} sentences score at college level "
            f"or above (Flesch\u2013Kincaid grade 13 or more)."
        )
    return Findings("readability", tuple(out), v)


def terms_findings(freq: pd.DataFrame, phrases: pd.DataFrame | None = None) -> Findings:
    """Findings of the terms section.

    Args:
        freq: ``terms.frequencies(statement)`` (content words: stop words and numbers left out).
        phrases: ``terms.frequencies(statement, ngram=2)`` (optional).
    """
    out = []
    v: dict[str, Any] = {}
    if not len(freq):
        return Findings(
            "terms",
            ("No word of this statement is counted: it holds only punctuation, numbers or stop words.",),
            {"content_words": 0},
        )
    v["content_words"] = int(freq["n"].sum())
    v["terms"] = len(freq)
    v["hapax"] = int((freq["n"] == 1).sum())
    out.append(
        f"The statement has {_plural(v['content_words'], 'content word')} (words that are not stop words "
        f"or numbers) in {_plural(v['terms'], 'different term')}; {_n(v['hapax'])} of those occur once."
    )
    top = freq.iloc[0]
    if int(top["n"]) == 1:
        out.append("No term occurs more than once.")
        return Findings("terms", tuple(out), v)
    v.update(top_term=str(top["term"]), top_n=int(top["n"]), top_share=float(top["n"]) / v["content_words"])
    out.append(
        f"The most frequent term is {_quote(v['top_term'])}: {_plural(v['top_n'], 'time')}, "
        f"{_pct(v['top_share'])} of the content words, in {_plural(int(top['paragraphs']), 'paragraph')}."
    )
    v["top_paragraphs"] = int(top["paragraphs"])
    if len(freq) > 1:
        nxt = freq.iloc[1:5]
        v["next_terms"] = [(str(t), int(n)) for t, n in zip(nxt["term"], nxt["n"], strict=True)]
        verb = "Next come " if len(v["next_terms"]) > 1 else "Next comes "
        out.append(verb + ", ".join(f"{_quote(t)} ({n})" for t, n in v["next_terms"]) + ".")
    if phrases is not None:
        repeated = phrases[phrases["n"] >= 2]
        if len(repeated):
            p = repeated.iloc[0]
            v.update(top_phrase=str(p["term"]), top_phrase_n=int(p["n"]), repeated_phrases=len(repeated))
            out.append(
                f"The most repeated two-word phrase is {_quote(v['top_phrase'])} "
                f"({_plural(v['top_phrase_n'], 'time')}); "
                f"{_plural(v['repeated_phrases'], 'phrase')} of two words occur more than once."
            )
        else:
            v["repeated_phrases"] = 0
            out.append("No two-word phrase occurs more than once.")
    return Findings("terms", tuple(out), v)


def themes_findings(
    coded: pd.DataFrame,
    fit: DictionaryFit,
    dominant: pd.DataFrame | None = None,
    *,
    words: int | None = None,
    brief: bool = False,
) -> Findings:
    """Findings of the themes section, for one dictionary.

    Shares are stated as shares of the **coded words** (the content words that some theme of the
    dictionary matches, ``fit.coded_words``; one word can count for two themes, so these shares
    can add up to more than 100 %) and, for the largest theme, of all the statement's **words**
    (``words``, the report's one definition; default: ``coded``'s ``n_words``).

    Args:
        coded: ``themes.code(statement, dictionary=..., by="document")`` (or ``level="major"``).
        fit: ``themes.fit(statement, dictionary)``.
        dominant: ``themes.dominant(themes.code(statement, dictionary=...))`` per paragraph.
        words: the statement's words (``findings.words_and_sentences``).
        brief: one sentence only, the dictionary's coverage and its largest theme (for a domain
            layer shown after the general one, so that a page keeps to six findings).
    """
    name = fit.dictionary
    out = []
    v: dict[str, Any] = {
        "content_words": int(fit.content_words),
        "coded_words": int(fit.coded_words),
        "coded_paragraphs": int(fit.coded_paragraphs),
        "paragraphs": int(fit.paragraphs),
    }
    found = coded[coded["n"] > 0].groupby(["theme", "label"], sort=False)["n"].sum().reset_index()
    found = found.sort_values(["n", "theme"], ascending=[False, True], kind="stable")
    if not len(found) or not fit.coded_words:
        out.append(f"No theme of the dictionary \u201c{name}\u201d matches a word of this statement.")
        return Findings("themes", tuple(out), v)
    v["word_share"] = fit.coded_words / fit.content_words if fit.content_words else 0.0
    if brief:
        top = found.iloc[0]
        tied = found[found["n"] == top["n"]]
        v.update(largest_tied=[str(label) for label in tied["label"]], largest_n=int(top["n"]))
        v["largest_coded_share"] = v["largest_n"] / fit.coded_words
        largest = (
            f"its largest theme is {v['largest_tied'][0]}"
            if len(tied) == 1
            else "its largest themes, tied, are " + ", ".join(v["largest_tied"][:-1]) + " and " + v["largest_tied"][-1]
        )
        out.append(
            f"The dictionary \u201c{name}\u201d codes {_n(fit.coded_words)} of the {_n(fit.content_words)} "
            f"content words ({_pct(v['word_share'])}); {largest} ({_pct(v['largest_coded_share'])} of its coded "
            "words" + (")." if fit.fits else "), a partial view: the dictionary does not fit this text well.")
        )
        return Findings("themes", tuple(out), v)
    out.append(
        f"The dictionary \u201c{name}\u201d codes {_n(fit.coded_words)} of the {_n(fit.content_words)} "
        f"content words ({_pct(v['word_share'])}) and {_n(fit.coded_paragraphs)} of "
        f"{_plural(fit.paragraphs, 'paragraph')}"
        + ("." if fit.fits else ": it does not fit this text well, so read its themes as a partial view.")
    )
    total = words if words is not None else int(coded["n_words"].iloc[0])
    top = found.iloc[0]
    v.update(
        largest=str(top["label"]),
        largest_n=int(top["n"]),
        largest_coded_share=int(top["n"]) / fit.coded_words,
        words=int(total),
        largest_word_share=int(top["n"]) / total if total else 0.0,
    )
    tied = found[found["n"] == top["n"]]
    v["largest_tied"] = [str(label) for label in tied["label"]]
    shares = (
        f"{_pct(v['largest_coded_share'])} of the coded words ({_pct(v['largest_word_share'])} of all "
        f"{_n(total)} words)"
    )
    if len(tied) == 1:
        out.append(f"The largest theme is {v['largest']}: {_plural(v['largest_n'], 'matched word')}, {shares}.")
    else:
        names = ", ".join(v["largest_tied"][:-1]) + " and " + v["largest_tied"][-1]
        out.append(f"The largest themes, tied, are {names}: {_plural(v['largest_n'], 'matched word')} each, {shares}.")
    rest = found.iloc[len(tied) :]
    if len(rest):
        nxt = rest.iloc[:2]
        v["next"] = [(str(r.label), int(r.n), int(r.n) / fit.coded_words) for r in nxt.itertuples()]
        out.append(
            ("Next come " if len(nxt) > 1 else "Next comes ")
            + " and ".join(f"{label} ({_pct(s)} of the coded words)" for label, _n_, s in v["next"])
            + f"; {_plural(len(found), 'theme')} match in all."
        )
    v["themes_matched"] = len(found)
    if dominant is not None and len(dominant):
        has = dominant[dominant["dominant"].notna()]
        if len(has):
            counts = has.groupby("label", sort=False).size().sort_values(ascending=False, kind="stable")
            v["most_dominant"], v["most_dominant_paragraphs"] = str(counts.index[0]), int(counts.iloc[0])
            v["dominant_paragraphs_total"] = len(dominant)
            out.append(
                f"{v['most_dominant']} is the dominant theme of {v['most_dominant_paragraphs']} of "
                f"{_plural(len(dominant), 'paragraph')}."
            )
    return Findings("themes", tuple(out), v)


def places_findings(
    mentions: pd.DataFrame, place_counts: pd.DataFrame, country_counts: pd.DataFrame, *, paragraphs: int
) -> Findings:
    """Findings of the geography section.

    Args:
        mentions: ``places.mentions(statement)``.
        place_counts: ``places.place_counts(mentions)``.
        country_counts: ``places.country_counts(mentions)``.
        paragraphs: how many paragraphs the statement has.
    """
    v: dict[str, Any] = {"mentions": len(mentions), "paragraphs": int(paragraphs)}
    if not len(mentions):
        return Findings(
            "places",
            ("The statement names no place that the gazetteer knows (countries, provinces, cities, regions).",),
            v,
        )
    out = []
    v["places"] = int(mentions["place"].nunique())
    v["paragraphs_with_places"] = int(mentions["para_id"].nunique())
    out.append(
        f"The statement names {_plural(v['places'], 'place')} in {_plural(v['mentions'], 'mention')}, "
        + (
            "in its single paragraph."
            if paragraphs == 1
            else f"in {v['paragraphs_with_places']} of its {_plural(int(paragraphs), 'paragraph')}."
        )
    )
    top = place_counts.iloc[0]
    v["top_place"], v["top_place_mentions"] = str(top["place"]), int(top["mentions"])
    out.append(f"The place named most is {v['top_place']} ({_plural(v['top_place_mentions'], 'mention')}).")
    if len(country_counts):
        c = country_counts.iloc[0]
        v["top_country"], v["top_country_mentions"] = str(c["country"]), int(c["mentions"])
        v["countries"] = len(country_counts)
        out.append(
            f"Counting its cities, provinces and demonyms, {v['top_country']} leads the "
            f"{_plural(v['countries'], 'country', 'countries')} named "
            f"({_plural(v['top_country_mentions'], 'mention')})."
        )
    roles = mentions["role"].value_counts()
    v["demonyms"], v["in_name"] = int(roles.get("demonym", 0)), int(roles.get("in_name", 0))
    if v["demonyms"] or v["in_name"]:
        out.append(
            f"{_plural(v['demonyms'], 'mention')} {'is a demonym' if v['demonyms'] == 1 else 'are demonyms'} "
            f"(nationality words) and {_n(v['in_name'])} {'sits' if v['in_name'] == 1 else 'sit'} inside the name "
            "of a document, operation or organisation."
        )
    return Findings("places", tuple(out), v)
