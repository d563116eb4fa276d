"""Headline figures of one statement, for the report index and ``statement-analysis summary``.

``summarize(statement)`` returns a plain dict that follows the JSON schema shipped as
``statement_analysis/data/summary.schema.json`` (``schema`` and ``schema_version`` name it; the
version changes when a field is removed or changes meaning, not when one is added).
``headline`` turns it into label/value pairs for display; ``warnings_for`` lists caveats a
reader should see (very short texts, text that does not look English).

Where each figure comes from: counts from ``tidy``; readability from ``readability.scores``
(textstat's formulas); top terms from ``terms.frequencies`` (defaults: lower case, stop words
out, aliases counted as one); theme shares from ``themes.code(by="document")`` with the default
dictionary; places from ``places.mentions`` rolled up by ``places.place_counts``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any

from .statement import Statement

if TYPE_CHECKING:
    import pandas as pd

    from .analysis import Analysis

SCHEMA_ID = "statement-analysis/summary"
SCHEMA_VERSION = "1.0"
TOP_N = 10


def schema() -> dict[str, Any]:
    """The JSON schema (draft 2020-12) that ``summarize`` output follows."""
    import json

    text = resources.files("statement_analysis").joinpath("data/summary.schema.json").read_text("utf-8")
    return json.loads(text)


def _readability(row: Any) -> dict[str, Any] | None:
    """The readability part of the summary from one row of ``readability.scores``."""
    from . import readability

    if not row["words"]:
        return None
    out: dict[str, Any] = {c: float(row[c]) for c in readability.SCORE_COLUMNS}
    out["flesch_band"] = readability.band_of(out["flesch_reading_ease"], scale="flesch_reading_ease")
    out["counts"] = {c: int(row[c]) for c in ("words", "sentences", "syllables")}
    return out


@dataclass
class _Counts:
    """What the summary needs from the tokens: sentences with a token, words (``tidy.word_mask``)
    and their distinct lower-case forms, alphabetic words and how many of them are stop words,
    term counts (``terms.frequencies``' defaults) and theme counts (``themes.code``'s)."""

    sentences: int = 0
    words: int = 0
    distinct: set[str] = field(default_factory=set)
    alpha: int = 0
    alpha_stop: int = 0
    terms: Counter[str] = field(default_factory=Counter)
    theme_n: Counter[str] = field(default_factory=Counter)
    theme_words: int = 0

    def add(self, toks: pd.DataFrame, coded: pd.DataFrame | None = None, freq: pd.DataFrame | None = None) -> None:
        from . import terms, themes, tidy

        words = toks[tidy.word_mask(toks)]
        self.sentences += int(toks["sent_id"].nunique())
        self.words += len(words)
        self.distinct.update(words["lower"].unique().tolist())
        alpha = toks["is_alpha"].to_numpy(dtype=bool)
        self.alpha += int(alpha.sum())
        self.alpha_stop += int((alpha & toks["is_stop"].to_numpy(dtype=bool)).sum())
        freq = terms.frequencies(toks) if freq is None else freq
        self.terms.update(dict(zip(freq["term"].tolist(), freq["n"].tolist(), strict=True)))
        coded = themes.code(toks, by="document") if coded is None else coded
        self.theme_n.update(dict(zip(coded["theme"].tolist(), coded["n"].tolist(), strict=True)))
        self.theme_words += int(coded["n_words"].iloc[0]) if len(coded) else 0
        self._labels = dict(zip(coded["theme"].tolist(), coded["label"].tolist(), strict=True))

    def top_terms(self, top: int) -> list[dict[str, Any]]:
        ranked = sorted(self.terms.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        return [{"term": str(t), "n": int(n)} for t, n in ranked]

    def themes(self) -> list[dict[str, Any]]:
        share = (lambda n: n / self.theme_words) if self.theme_words else (lambda n: None)
        rows = [(t, self._labels[t], int(n)) for t, n in self.theme_n.items()]
        rows.sort(key=lambda r: (-r[2], r[0]))
        return [{"theme": str(t), "label": str(lb), "n": n, "share": share(n)} for t, lb, n in rows]


#: statements longer than this (characters) are read for the summary a run of paragraphs at a
#: time (``_counts``): the token table of the whole text is never made
BLOCK_CHARS = 1_000_000


def _counts(statement: Statement, block: int | None = None) -> _Counts:
    """``_Counts`` of ``statement``, its paragraphs read about ``block`` characters at a time
    (default ``BLOCK_CHARS``; sentences never cross a paragraph: the counts add up)."""
    import dataclasses

    from . import tidy

    block = BLOCK_CHARS if block is None else block
    out = _Counts()
    paras = statement.paragraphs
    i = 0
    while i < len(paras):
        j, size = i, 0
        while j < len(paras) and (j == i or size + len(paras[j]) <= block):
            size += len(paras[j]) + 2
            j += 1
        whole = (i, j) == (0, len(paras))
        part = statement if whole else dataclasses.replace(statement, paragraphs=paras[i:j], meta={})
        out.add(tidy.tokens(part, lemmas=False))
        i = j
    return out


def summarize(statement: Statement, *, top: int = TOP_N, analysis: Analysis | None = None) -> dict[str, Any]:
    """Metadata and headline figures of ``statement`` as a JSON-ready dict (see ``schema()``).

    ``analysis`` is ``sa.analyse(statement)`` when already computed; otherwise the figures are
    computed here without the statement's full token table (a long statement is read a run of
    paragraphs at a time, ``BLOCK_CHARS``), so memory stays a small multiple of the text: the
    same figures either way (tests compare them). Shares are fractions (0–1), ``None`` where
    there is nothing to share (a text without words); readability scores are in each formula's
    own unit (see ``readability.FORMULAS``); counts are numbers of units. No value is NaN:
    ``json.dumps(..., allow_nan=False)`` works.
    """
    from . import places, readability

    if analysis is None:
        mentions = places.mentions(statement)  # first: its memory is then reused by the rest
        counts = _counts(statement)
        read = readability.scores(statement, workers=1).iloc[0]
    else:
        counts = _Counts()
        toks = analysis.units["tokens"]
        counts.add(toks, coded=analysis.themes, freq=analysis.units["term_frequencies"])
        read = analysis.readability.iloc[0]
        mentions = analysis.places
    named = places.place_counts(mentions).head(top) if len(mentions) else None
    return {
        "schema": SCHEMA_ID,
        "schema_version": SCHEMA_VERSION,
        "doc_id": statement.doc_id,
        "title": statement.title,
        "date": statement.date.isoformat() if statement.date else None,
        "source": statement.meta.get("source"),
        "sha256": statement.meta.get("sha256"),
        "counts": {
            "paragraphs": len(statement.paragraphs),
            "sentences": counts.sentences,
            "words": counts.words,
            "distinct_words": len(counts.distinct),
        },
        "readability": _readability(read),
        "top_terms": counts.top_terms(top),
        "themes": counts.themes(),
        "places": []
        if named is None
        else [
            {
                "place": str(r.place),
                "kind": str(r.kind),
                "iso3": None if _missing(r.iso3) else str(r.iso3),
                "mentions": int(r.mentions),
            }
            for r in named.itertuples()
        ],
        "warnings": _warnings(counts.alpha, counts.alpha_stop, counts.sentences),
    }


def _number(v: Any) -> float | None:
    """``v`` as a float, or ``None`` when it is missing (NaN: JSON has no such number)."""
    f = float(v)
    return None if f != f else f


def _missing(v: Any) -> bool:
    return v is None or (isinstance(v, float) and v != v) or str(v) in ("", "<NA>", "nan")


def headline(statement: Statement, summary: dict[str, Any] | None = None) -> list[tuple[str, str]]:
    """Label/value pairs of the headline figures, formatted for people."""
    s = summary or summarize(statement)
    c = s["counts"]
    rows = [
        ("Date", s["date"] or "unknown"),
        ("Paragraphs", f"{c['paragraphs']:,}"),
        ("Sentences", f"{c['sentences']:,}"),
        ("Words", f"{c['words']:,} ({c['distinct_words']:,} different)"),
    ]
    r = s["readability"]
    if r:
        rows.append(("Flesch Reading Ease", f"{r['flesch_reading_ease']:.1f} ({r['flesch_band']})"))
        rows.append(("Flesch–Kincaid grade", f"{r['flesch_kincaid_grade']:.1f}"))
        rows.append(("Consensus grade (textstat)", f"{r['text_standard']:.0f}"))
    if s["top_terms"]:
        rows.append(("Top terms", ", ".join(f"{_short(t['term'])} ({t['n']})" for t in s["top_terms"][:5])))
    found = [t for t in s["themes"] if t["n"]]
    if found:
        rows.append(("Largest themes", ", ".join(f"{t['label']} ({t['share']:.1%})" for t in found[:3])))
    if s["places"]:
        rows.append(("Most named places", ", ".join(f"{p['place']} ({p['mentions']})" for p in s["places"][:5])))
    return rows


def _short(term: str, n: int = 40) -> str:
    """A term as the headline shows it: cut to ``n`` characters (a 1 MB "word" stays in the JSON)."""
    return term if len(term) <= n else term[: n - 1] + "…"


def warnings_for(statement: Statement, toks: Any = None) -> list[str]:
    """Caveats about the input: too short for some measures, or not English."""
    if toks is None:
        c = _counts(statement)
        return _warnings(c.alpha, c.alpha_stop, c.sentences)
    alpha = toks["is_alpha"].to_numpy(dtype=bool)
    n_sent = int(toks["sent_id"].nunique()) if len(toks) else 0
    return _warnings(int(alpha.sum()), int((alpha & toks["is_stop"].to_numpy(dtype=bool)).sum()), n_sent)


def _warnings(alpha: int, alpha_stop: int, n_sent: int) -> list[str]:
    """The caveats from the counts: alphabetic words, how many are stop words, sentences."""
    out = []
    if alpha and alpha_stop / alpha < 0.15:
        out.append(
            f"only {alpha_stop / alpha:.0%} of the words are common English words: the text may not be "
            "in English, and the stop words, lemmas and readability formulas used here are English ones"
        )
    if n_sent < 30:
        out.append(f"{n_sent} sentences: SMOG needs at least 30 sentences to be reliable")
    return out
