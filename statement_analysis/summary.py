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

from importlib import resources
from typing import TYPE_CHECKING, Any

from .statement import Statement

if TYPE_CHECKING:
    from .analysis import Analysis

SCHEMA_ID = "statement-analysis/summary"
SCHEMA_VERSION = "1.0"
TOP_N = 10


def schema() -> dict[str, Any]:
    """The JSON schema (draft 2020-12) that ``summarize`` output follows."""
    import json

    text = resources.files("statement_analysis").joinpath("data/summary.schema.json").read_text("utf-8")
    return json.loads(text)


def _readability(analysis: Analysis) -> dict[str, Any] | None:
    from . import readability

    row = analysis.readability.iloc[0]
    if not row["words"]:
        return None
    out: dict[str, Any] = {c: float(row[c]) for c in readability.SCORE_COLUMNS}
    out["flesch_band"] = readability.band_of(out["flesch_reading_ease"], scale="flesch_reading_ease")
    out["counts"] = {c: int(row[c]) for c in ("words", "sentences", "syllables")}
    return out


def summarize(statement: Statement, *, top: int = TOP_N, analysis: Analysis | None = None) -> dict[str, Any]:
    """Metadata and headline figures of ``statement`` as a JSON-ready dict (see ``schema()``).

    ``analysis`` is ``sa.analyse(statement)`` when already computed (it is computed otherwise).
    Shares are fractions (0–1), ``None`` where there is nothing to share (a text without
    words); readability scores are in each formula's own unit (see ``readability.FORMULAS``);
    counts are numbers of units. No value is NaN: ``json.dumps(..., allow_nan=False)`` works.
    """
    from . import places, tidy
    from .analysis import analyse

    if analysis is None:
        analysis = analyse(statement)
    toks = analysis.units["tokens"]
    words = toks[tidy.word_mask(toks)]
    freq = analysis.units["term_frequencies"].head(top)
    coded = analysis.themes
    mentions = analysis.places
    counts = places.place_counts(mentions).head(top) if len(mentions) else None
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
            "sentences": int(toks["sent_id"].nunique()),
            "words": len(words),
            "distinct_words": int(words["lower"].nunique()),
        },
        "readability": _readability(analysis),
        "top_terms": [{"term": str(r.term), "n": int(r.n)} for r in freq.itertuples()],
        "themes": [
            {"theme": str(r.theme), "label": str(r.label), "n": int(r.n), "share": _number(r.share)}
            for r in coded.sort_values(["n", "theme"], ascending=[False, True]).itertuples()
        ],
        "places": []
        if counts is None
        else [
            {
                "place": str(r.place),
                "kind": str(r.kind),
                "iso3": None if _missing(r.iso3) else str(r.iso3),
                "mentions": int(r.mentions),
            }
            for r in counts.itertuples()
        ],
        "warnings": warnings_for(statement, toks),
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
        rows.append(("Top terms", ", ".join(f"{t['term']} ({t['n']})" for t in s["top_terms"][:5])))
    found = [t for t in s["themes"] if t["n"]]
    if found:
        rows.append(("Largest themes", ", ".join(f"{t['label']} ({t['share']:.1%})" for t in found[:3])))
    if s["places"]:
        rows.append(("Most named places", ", ".join(f"{p['place']} ({p['mentions']})" for p in s["places"][:5])))
    return rows


def warnings_for(statement: Statement, toks: Any = None) -> list[str]:
    """Caveats about the input: too short for some measures, or not English."""
    from . import tidy

    toks = tidy.tokens(statement, lemmas=False) if toks is None else toks
    words = toks[toks["is_alpha"]]
    out = []
    if len(words) and words["is_stop"].mean() < 0.15:
        out.append(
            f"only {words['is_stop'].mean():.0%} of the words are common English words: the text may not be "
            "in English, and the stop words, lemmas and readability formulas used here are English ones"
        )
    n_sent = toks["sent_id"].nunique() if len(toks) else 0
    if n_sent < 30:
        out.append(f"{n_sent} sentences: SMOG needs at least 30 sentences to be reliable")
    return out
