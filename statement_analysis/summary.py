"""Headline figures of one statement, for the report index and ``statement-analysis summary``.

``summarize(statement)`` returns a plain dict that follows the JSON schema shipped as
``statement_analysis/data/summary.schema.json`` (``schema`` and ``schema_version`` name it; the
version changes when a field is removed or changes meaning, not when one is added).
``headline`` turns it into label/value pairs for display; ``warnings_for`` lists caveats a
reader should see (very short texts, text that does not look English).

Where each figure comes from: counts from ``tidy``; readability from ``readability.scores``
(textstat's formulas); top terms from ``terms.frequencies`` (defaults: lower case, stop words
out, aliases counted as one); theme shares from ``themes.code(by="document")``: ``themes`` with
the general policy-agenda dictionary, ``domain_themes`` with each domain dictionary that
``themes.layers`` adds (one that fits the text, or the one named with ``dictionary=``), and
``theme_dictionaries`` says how much of the text each of them codes (``themes.fit``); places from
``places.mentions`` rolled up by ``places.place_counts``.
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
class _Layer:
    """Theme counts of one dictionary over the parts of a statement (see ``_Counts``)."""

    name: str
    dictionary: Any
    why: str
    n: Counter[str] = field(default_factory=Counter)
    labels: dict[str, str] = field(default_factory=dict)
    n_words: int = 0
    fit: list[int] = field(default_factory=lambda: [0, 0, 0, 0])  # content, coded, paragraphs, coded paragraphs

    def add(self, toks: pd.DataFrame) -> None:
        from . import themes

        coded = themes.code(toks, dictionary=self.dictionary, by="document")
        self.n.update(dict(zip(coded["theme"].tolist(), coded["n"].tolist(), strict=True)))
        self.labels.update(dict(zip(coded["theme"].tolist(), coded["label"].tolist(), strict=True)))
        self.n_words += int(coded["n_words"].iloc[0]) if len(coded) else 0
        f = themes.fit(toks, self.dictionary)
        for i, v in enumerate((f.content_words, f.coded_words, f.paragraphs, f.coded_paragraphs)):
            self.fit[i] += v

    def rows(self) -> list[dict[str, Any]]:
        """The theme rows of the summary (``n`` largest first), shares of ``n_words``."""
        ranked = sorted(self.n.items(), key=lambda kv: (-kv[1], kv[0]))
        return [
            {
                "theme": str(t),
                "label": str(self.labels[t]),
                "n": int(n),
                "share": n / self.n_words if self.n_words else None,
                "dictionary": self.name,
            }
            for t, n in ranked
        ]

    def fitness(self, min_word_share: float | None = None) -> Any:
        from .themes.fitcheck import MIN_WORD_SHARE, _fit_from_counts

        share = MIN_WORD_SHARE if min_word_share is None else min_word_share
        return _fit_from_counts(self._title(), *self.fit, min_word_share=share)

    def _title(self) -> str:
        from pathlib import Path

        d = self.dictionary
        return d.name or (Path(d.source).name if d.source else "the dictionary")


@dataclass
class _Counts:
    """What the summary needs from the tokens: sentences with a token, words (``tidy.word_mask``)
    and their distinct lower-case forms, alphabetic words and how many of them are stop words,
    term counts (``terms.frequencies``' defaults) and, per theme dictionary, theme counts
    (``themes.code``'s) and fit counts (``themes.fit``'s). All of them add up over runs of
    paragraphs."""

    sentences: int = 0
    words: int = 0
    distinct: set[str] = field(default_factory=set)
    alpha: int = 0
    alpha_stop: int = 0
    terms: Counter[str] = field(default_factory=Counter)
    layers: list[_Layer] = field(default_factory=list)

    def add(self, toks: pd.DataFrame, freq: pd.DataFrame | None = None) -> None:
        from . import terms, tidy

        words = toks[tidy.word_mask(toks)]
        self.sentences += int(toks["sent_id"].nunique())
        self.words += len(words)
        self.distinct.update(words["lower"].unique().tolist())
        alpha = toks["is_alpha"].to_numpy(dtype=bool)
        self.alpha += int(alpha.sum())
        self.alpha_stop += int((alpha & toks["is_stop"].to_numpy(dtype=bool)).sum())
        freq = terms.frequencies(toks) if freq is None else freq
        self.terms.update(dict(zip(freq["term"].tolist(), freq["n"].tolist(), strict=True)))
        for layer in self.layers:
            layer.add(toks)

    def top_terms(self, top: int) -> list[dict[str, Any]]:
        ranked = sorted(self.terms.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        return [{"term": str(t), "n": int(n)} for t, n in ranked]


#: statements longer than this (characters) are read for the summary a run of paragraphs at a
#: time (``_counts``): the token table of the whole text is never made
BLOCK_CHARS = 1_000_000


def _counts(statement: Statement, block: int | None = None, dictionary: Any = None) -> _Counts:
    """``_Counts`` of ``statement``, its paragraphs read about ``block`` characters at a time
    (default ``BLOCK_CHARS``; sentences never cross a paragraph: the counts add up), with the
    theme dictionaries ``themes.layers`` would consider for ``dictionary``."""
    import dataclasses

    from . import tidy
    from .themes.fitcheck import _candidates

    block = BLOCK_CHARS if block is None else block
    (gname, general), named, domains = _candidates(dictionary)
    out = _Counts(layers=[_Layer(gname, general, "general")])
    if named is not None:
        out.layers.append(_Layer(named[0], named[1], "named"))
    out.layers += [_Layer(name, d, "fits the text") for name, d in domains]
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
    from .themes.fitcheck import MIN_DOMAIN_WORD_SHARE

    # a shipped domain dictionary stays only when it fits the whole text by the stricter rule
    out.layers = [
        layer for layer in out.layers if layer.why != "fits the text" or layer.fitness(MIN_DOMAIN_WORD_SHARE).fits
    ]
    return out


def summarize(
    statement: Statement, *, top: int = TOP_N, dictionary: Any = None, analysis: Analysis | None = None
) -> dict[str, Any]:
    """Metadata and headline figures of ``statement`` as a JSON-ready dict (see ``schema()``).

    ``dictionary`` names a domain theme dictionary to add to the general one (a shipped name such
    as ``"coalition"``, or a path); by default a shipped domain dictionary is added only when it
    fits the text (``themes.layers``). ``analysis`` is ``sa.analyse(statement, domain=dictionary)``
    when already computed; otherwise the figures are computed here without the statement's full
    token table (a long statement is read a run of paragraphs at a time, ``BLOCK_CHARS``), so
    memory stays a small multiple of the text: the same figures either way (tests compare them).
    Shares are fractions (0–1), ``None`` where there is nothing to share (a text without words);
    readability scores are in each formula's own unit (see ``readability.FORMULAS``); counts are
    numbers of units. No value is NaN: ``json.dumps(..., allow_nan=False)`` works.
    """
    from . import places, readability

    if analysis is None:
        # places first, and only their counts kept: the memory of the mentions table is then
        # reused by the rest
        mentions = places.mentions(statement)
        named = places.place_counts(mentions).head(top) if len(mentions) else None
        del mentions
        counts = _counts(statement, dictionary=dictionary)
        read = readability.scores(statement, workers=1).iloc[0]
        layer_rows = [(layer.name, layer.why, layer.fitness(), layer.rows()) for layer in counts.layers]
    else:
        from .analysis import _slug

        counts = _Counts()
        counts.add(analysis.units["tokens"], freq=analysis.units["term_frequencies"])
        read = analysis.readability.iloc[0]
        mentions = analysis.places
        named = places.place_counts(mentions).head(top) if len(mentions) else None
        layer_rows = [
            (
                layer.name,
                layer.why,
                layer.fit,
                _theme_rows(analysis.themes if i == 0 else analysis.units[f"themes_{_slug(layer.name)}"], layer.name),
            )
            for i, layer in enumerate(analysis.theme_layers)
        ]
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
        "themes": layer_rows[0][3],
        "domain_themes": [row for _n, _w, _f, rows in layer_rows[1:] for row in rows],
        "theme_dictionaries": [
            {
                "name": name,
                "title": fit.dictionary,
                "why": why,
                "content_words": fit.content_words,
                "coded_words": fit.coded_words,
                "word_share": _number(fit.word_share),
                "paragraphs": fit.paragraphs,
                "coded_paragraphs": fit.coded_paragraphs,
                "paragraph_share": _number(fit.paragraph_share),
                "fits": fit.fits,
                "warning": fit.warning,
            }
            for name, why, fit, _rows in layer_rows
        ],
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
        "warnings": _warnings(counts.alpha, counts.alpha_stop, counts.sentences)
        + [f"theme dictionary {name!r}: {fit.warning}" for name, _w, fit, _r in layer_rows if fit.warning],
    }


def _theme_rows(coded: Any, name: str) -> list[dict[str, Any]]:
    return [
        {"theme": str(r.theme), "label": str(r.label), "n": int(r.n), "share": _number(r.share), "dictionary": name}
        for r in coded.sort_values(["n", "theme"], ascending=[False, True]).itertuples()
    ]


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
    for d in s.get("theme_dictionaries", []):
        general = d["why"] == "general"
        found = [
            t
            for t in (s["themes"] if general else s["domain_themes"])
            if t["n"] and (general or t["dictionary"] == d["name"])
        ]
        if found and d["coded_words"]:
            # shares of the coded words (the content words the dictionary matches): shares of all
            # words make every theme look negligible
            shares = ", ".join(f"{t['label']} ({t['n'] / d['coded_words']:.1%} of coded words)" for t in found[:3])
            rows.append((f"Largest themes ({d['name']})", shares))
    if s.get("theme_dictionaries"):
        rows.append(("Theme dictionaries", "; ".join(_coverage(d) for d in s["theme_dictionaries"])))
    if s["places"]:
        rows.append(("Most named places", ", ".join(f"{p['place']} ({p['mentions']})" for p in s["places"][:5])))
    return rows


def _coverage(d: dict[str, Any]) -> str:
    why = "" if d["why"] == "general" else f", {d['why']}"
    if not d["content_words"]:
        return f"{d['name']}{why}: no content words"
    return (
        f"{d['name']}{why}: codes {d['word_share']:.0%} of the content words and "
        f"{d['coded_paragraphs']} of {d['paragraphs']} paragraphs" + ("" if d["fits"] else " (does not fit)")
    )


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
