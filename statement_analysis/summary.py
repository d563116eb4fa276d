"""Headline figures of one statement, for the report index and ``statement-analysis summary``.

``summarize(statement)`` returns a plain dict that follows the JSON schema shipped as
``statement_analysis/data/summary.schema.json`` (``schema_version`` says which); ``headline``
turns it into label/value pairs for display; ``warnings_for`` lists caveats a reader should see
(very short texts, text that does not look English).
"""

from __future__ import annotations

from typing import Any

from .statement import Statement

SCHEMA_ID = "statement-analysis/summary"
SCHEMA_VERSION = "1.0"


def summarize(statement: Statement) -> dict[str, Any]:
    """Metadata and headline figures of ``statement`` as a JSON-ready dict (see the schema)."""
    from . import tidy

    sents = tidy.sentences(statement)
    toks = tidy.tokens(statement)
    words = toks[tidy.word_mask(toks)]
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
            "sentences": len(sents),
            "words": len(words),
            "distinct_words": int(words["lower"].nunique()),
        },
        "warnings": warnings_for(statement, toks),
    }


def headline(statement: Statement) -> list[tuple[str, str]]:
    """Label/value pairs of the headline figures, formatted for people."""
    s = summarize(statement)
    c = s["counts"]
    return [
        ("Date", s["date"] or "unknown"),
        ("Paragraphs", f"{c['paragraphs']:,}"),
        ("Sentences", f"{c['sentences']:,}"),
        ("Words", f"{c['words']:,} ({c['distinct_words']:,} different)"),
    ]


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
