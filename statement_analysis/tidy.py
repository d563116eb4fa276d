"""Tidy tables: one row per paragraph, sentence or token, with character offsets.

``paragraphs(x)``, ``sentences(x)`` and ``tokens(x)`` accept a ``Statement`` or a corpus table
and return DataFrames keyed by ``doc_id`` and 1-based ids that run through each document
(``para_id``, ``sent_id``, ``token_id``). ``start``/``end`` are offsets into the document's
*normalised* body text — ``document_texts(x)[doc_id][start:end] == row.text`` — and
``orig_start``/``orig_end`` the same span in the text as the user gave it: the file's decoded
content (line breaks as ``\\n``, as ``open()`` reads it; ``sa.load.read_text(path)[0]``) or
the string passed to ``load_statement`` (see ``statement.source_positions``).
The title and teaser are metadata, not body: they are not in these tables.

Normalisation: see ``normalize``. Segmentation rules: see ``segment``. Lemmas come from
simplemma (offline, English tables shipped in the package); stop words are the Snowball English
list shipped as ``statement_analysis/data/stopwords_en.txt``. Alias labels: see ``aliases``.
"""

from __future__ import annotations

import functools
import itertools
import re
from importlib import resources
from typing import TYPE_CHECKING, Any

from ._docs import iter_documents, source_maps
from ._options import choice
from .aliases import Aliases
from .normalize import Normalized, normalize
from .segment import iter_tokens, sentence_spans, sentence_starts
from .segment import paragraph_spans as _para_spans
from .statement import source_positions

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["document_texts", "normalize", "paragraphs", "sentences", "stopwords", "term_forms", "tokens"]


@functools.cache
def stopwords() -> frozenset[str]:
    """The default English stop words (Snowball list, lower case, straight apostrophes)."""
    text = resources.files("statement_analysis").joinpath("data/stopwords_en.txt").read_text("utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


@functools.lru_cache(maxsize=200_000)
def _lemma(word: str) -> str:
    import simplemma

    return simplemma.lemmatize(word, lang="en").lower()


def _normalized_docs(x: Any, what: str = "sa.tidy") -> list[tuple[str, Normalized]]:
    return [(doc_id, normalize(text)) for doc_id, text in iter_documents(x, what=what)]


def document_texts(x: Any) -> dict[str, str]:
    """``{doc_id: normalised body text}``: the text that every ``start``/``end`` points into."""
    return {doc_id: n.text for doc_id, n in _normalized_docs(x, "sa.tidy.document_texts")}


def _frame(
    cols: dict[str, list[Any]], norm_by_doc: dict[str, Normalized], order: list[str], maps: dict[str, Any]
) -> pd.DataFrame:
    import numpy as np
    import pandas as pd

    df = pd.DataFrame(cols, columns=order)
    if len(df):
        o_start = np.empty(len(df), dtype=np.int64)
        o_end = np.empty(len(df), dtype=np.int64)
        doc = df["doc_id"].to_numpy()
        bounds = np.flatnonzero(np.r_[True, doc[1:] != doc[:-1], True])
        for a, b in itertools.pairwise(bounds):
            s, e = norm_by_doc[doc[a]].to_original(df["start"].to_numpy()[a:b], df["end"].to_numpy()[a:b])
            offsets = maps.get(doc[a])
            if offsets:  # from the body text back into the text as given (the file, the string)
                s, e = source_positions(offsets, s), source_positions(offsets, e)
            o_start[a:b], o_end[a:b] = s, e
        df["orig_start"] = o_start
        df["orig_end"] = o_end
    else:
        df["orig_start"] = pd.Series(dtype="int64")
        df["orig_end"] = pd.Series(dtype="int64")
    for c in ("start", "end", "para_id", "sent_id", "token_id"):
        if c in df.columns:
            df[c] = df[c].astype("int64")
    return df


def paragraphs(x: Any) -> pd.DataFrame:
    """One row per paragraph: ``doc_id``, ``para_id``, ``start``, ``end``, ``text``,
    ``orig_start``, ``orig_end`` (offsets in characters)."""
    cols: dict[str, list[Any]] = {k: [] for k in ("doc_id", "para_id", "start", "end", "text")}
    norms = dict(_normalized_docs(x, "sa.tidy.paragraphs"))
    for doc_id, n in norms.items():
        for pid, (a, b) in enumerate(_para_spans(n.text), start=1):
            cols["doc_id"].append(doc_id)
            cols["para_id"].append(pid)
            cols["start"].append(a)
            cols["end"].append(b)
            cols["text"].append(n.text[a:b])
    return _frame(cols, norms, list(cols), source_maps(x))


def sentences(x: Any) -> pd.DataFrame:
    """One row per sentence: ``doc_id``, ``para_id``, ``sent_id``, ``start``, ``end``, ``text``,
    ``orig_start``, ``orig_end``. ``sent_id`` runs through the document (1-based)."""
    cols: dict[str, list[Any]] = {k: [] for k in ("doc_id", "para_id", "sent_id", "start", "end", "text")}
    norms = dict(_normalized_docs(x, "sa.tidy.sentences"))
    for doc_id, n in norms.items():
        sid = 0
        for pid, (pa, pb) in enumerate(_para_spans(n.text), start=1):
            for a, b in sentence_spans(n.text, pa, pb):
                sid += 1
                cols["doc_id"].append(doc_id)
                cols["para_id"].append(pid)
                cols["sent_id"].append(sid)
                cols["start"].append(a)
                cols["end"].append(b)
                cols["text"].append(n.text[a:b])
    return _frame(cols, norms, list(cols), source_maps(x))


def tokens(x: Any, *, aliases: Aliases | None = None, lemmas: bool = True) -> pd.DataFrame:
    """One row per token (words, numbers, punctuation; never white space).

    Columns: ``doc_id``, ``para_id``, ``sent_id``, ``token_id`` (1-based through the document),
    ``start``, ``end``, ``text``, ``lower``, ``lemma`` (simplemma, of the lower-case form; the
    lower-case form itself when ``lemmas=False``), ``is_alpha`` (has a letter and no digit),
    ``is_num`` (starts with a digit), ``is_punct`` (no letter or digit), ``is_stop`` (default stop
    word list), ``alias`` (canonical label on the first token of an alias match, ``""`` on the
    rest of a multi-word match, missing elsewhere; ``aliases=Aliases.none()`` turns it off),
    ``orig_start``, ``orig_end``.
    """
    import numpy as np
    import pandas as pd

    table = Aliases.default() if aliases is None else aliases
    norms = dict(_normalized_docs(x, "sa.tidy.tokens"))
    doc_ids: list[str] = []
    counts: list[int] = []
    spans: list[np.ndarray] = []
    para_ids: list[np.ndarray] = []
    sent_ids: list[np.ndarray] = []
    # Each distinct word is kept once (``vocab``: word -> code, in order of first appearance) and
    # each token as its code: a token is a few integers, never a string or a match object of its
    # own, so that memory follows the table, not the text (see _token_blocks).
    vocab: dict[str, int] = {}
    code_parts: list[np.ndarray] = []
    for doc_id, n in norms.items():
        text = n.text
        paras = _para_spans(text)
        if not paras:
            continue
        sent_starts = sentence_starts(text, paras)
        doc_spans, doc_codes = _token_blocks(text, paras, vocab)
        span = np.concatenate(doc_spans) if doc_spans else np.empty((0, 2), dtype=np.int64)
        para_ids.append(np.searchsorted(np.array([a for a, _ in paras]), span[:, 0], side="right"))
        sent_ids.append(np.searchsorted(np.array(sent_starts), span[:, 0], side="right"))
        spans.append(span)
        code_parts.extend(doc_codes)
        doc_ids.append(doc_id)
        counts.append(len(span))
    total = sum(counts)
    span_all = np.concatenate(spans) if spans else np.empty((0, 2), dtype=np.int64)
    codes = np.concatenate(code_parts) if code_parts else np.empty(0, dtype=np.int64)
    uniq = np.empty(len(vocab), dtype=object)
    uniq[:] = list(vocab)
    del vocab
    words = uniq[codes]  # every token's text: references to the distinct words, not copies
    cols: dict[str, Any] = {
        "doc_id": np.repeat(np.array(doc_ids, dtype=object), counts),
        "para_id": np.concatenate(para_ids) if para_ids else np.empty(0, dtype=np.int64),
        "sent_id": np.concatenate(sent_ids) if sent_ids else np.empty(0, dtype=np.int64),
        "token_id": np.concatenate([np.arange(1, c + 1) for c in counts]) if counts else np.empty(0, dtype=np.int64),
        "start": span_all[:, 0],
        "end": span_all[:, 1],
        "text": words,
    }
    del span_all, spans, para_ids, sent_ids
    df = _frame(cols, norms, list(cols), source_maps(x))
    del cols
    # Per-word properties are computed once per distinct word, then spread with its codes.
    lower_u = np.array([w.lower() for w in uniq], dtype=object)
    alpha_u = np.array([any(c.isalpha() for c in w) for w in uniq], dtype=bool)
    digit_u = np.array([any(c.isdigit() for c in w) for w in uniq], dtype=bool)
    lemma_u = (
        np.array([_lemma(w) if a else w for w, a in zip(lower_u, alpha_u, strict=True)], dtype=object)
        if lemmas
        else lower_u
    )
    stops = stopwords()
    lower = lower_u[codes]
    df.insert(7, "lower", pd.array(lower, dtype="str") if total else pd.array([], dtype="str"))
    df.insert(8, "lemma", pd.array(lemma_u[codes], dtype="str") if total else pd.array([], dtype="str"))
    df.insert(9, "is_alpha", alpha_u[codes] & ~digit_u[codes])
    df.insert(10, "is_num", np.array([w[:1].isdigit() for w in uniq], dtype=bool)[codes])
    df.insert(11, "is_punct", ~alpha_u[codes] & ~digit_u[codes])
    df.insert(12, "is_stop", np.array([w in stops for w in lower_u], dtype=bool)[codes])
    doc_end = np.repeat(np.cumsum(counts), counts) if counts else np.empty(0, dtype=np.int64)
    labels = table.label_tokens(words, lower, doc_end) if total else []
    df.insert(13, "alias", pd.Series(labels, index=df.index, dtype="string"))
    return df


#: tokens are matched over about this many characters at a time (whole paragraphs)
_BLOCK = 1 << 18


def _token_blocks(text: str, paras: list[tuple[int, int]], vocab: dict[str, int]) -> tuple[list[Any], list[Any]]:
    """The tokens of ``text``, read a run of whole paragraphs (about ``_BLOCK`` characters) at a
    time: for each run, an ``(n, 2)`` array of spans and an array of word codes (``vocab`` grows
    with each new word). A run ends where the next paragraph starts, so that every look-ahead of
    ``TOKEN_RE`` sees the same characters as over the whole text: the tokens are the same."""
    import numpy as np

    spans, codes = [], []
    a = paras[0][0]
    k = 0
    while k < len(paras):
        j = k
        while j + 1 < len(paras) and paras[j + 1][1] - a <= _BLOCK:
            j += 1
        b = paras[j + 1][0] if j + 1 < len(paras) else len(text)
        ms = list(iter_tokens(text, a, b))
        spans.append(np.fromiter(itertools.chain.from_iterable(map(re.Match.span, ms)), np.int64).reshape(-1, 2))
        setdefault = vocab.setdefault
        codes.append(np.fromiter((setdefault(m.group(), len(vocab)) for m in ms), np.int64, len(ms)))
        del ms
        a, k = b, j + 1
    return spans, codes


def term_forms(toks: pd.DataFrame, *, form: str = "lower", aliases: bool = True) -> pd.Series:
    """The string each token counts as in term analyses.

    ``form`` is ``"lower"`` (case-folded), ``"lemma"`` or ``"text"`` (as written). With
    ``aliases=True`` the first token of an alias match counts as the alias label and the other
    tokens of a multi-word match are missing (so "Islamic State" counts once, as Da'esh).
    Returns a string Series aligned with ``toks``.
    """
    choice("form", form, ("lower", "lemma", "text"))
    out = toks[form].astype("string")
    if aliases and "alias" in toks.columns:
        a = toks["alias"]
        has = a.notna()
        out = out.mask(has & (a != ""), a).mask(has & (a == ""), None)
    return out


def word_mask(toks: pd.DataFrame) -> pd.Series:
    """True for tokens that count as words: not punctuation, and not the clitic ``'s`` (which
    belongs to the word before it: "Da'esh's" is one word, as textstat and a reader count it)."""
    return ~toks["is_punct"] & (toks["lower"] != "'s")


def paragraph_summary(x: Any) -> pd.DataFrame:
    """One row per paragraph: ``doc_id``, ``para_id``, ``n_sentences``, ``n_words`` (see
    ``word_mask``), ``n_chars`` (normalised characters) and ``opening`` (its first eight words)."""
    import pandas as pd

    paras = paragraphs(x)
    sents = sentences(x)
    toks = tokens(x, aliases=Aliases.none(), lemmas=False)
    words = toks[word_mask(toks)]
    key = ["doc_id", "para_id"]
    idx = paras.set_index(key).index
    out = paras[key].copy()
    out["n_sentences"] = idx.map(sents.groupby(key).size()).fillna(0).astype("int64")
    out["n_words"] = idx.map(words.groupby(key).size()).fillna(0).astype("int64")
    out["n_chars"] = (paras["end"] - paras["start"]).astype("int64")
    eighth_end = words.groupby(key)["end"].nth(7)
    eighth_end.index = pd.MultiIndex.from_frame(words.loc[eighth_end.index, key])
    cut = idx.map(eighth_end)
    openings = []
    for text, start, end, c in zip(paras["text"], paras["start"], paras["end"], cut, strict=True):
        openings.append(text if pd.isna(c) or c >= end else text[: int(c) - start] + " …")
    out["opening"] = pd.Series(openings, index=out.index, dtype="string")
    return pd.DataFrame(out).reset_index(drop=True)


def normalization_report(x: Any) -> pd.DataFrame:
    """What normalisation changed: one row per original character that was replaced or removed,
    with ``char`` (as a code point ``U+00A0``), ``name``, ``became`` and ``count``, per ``doc_id``."""
    import unicodedata

    import pandas as pd

    from .normalize import _DELETE, _REPLACE

    rows = []
    for doc_id, text in iter_documents(x, what="sa.tidy.normalization_report"):
        counts: dict[str, int] = {}
        for ch in text:
            if ord(ch) in _REPLACE or ord(ch) in _DELETE:
                counts[ch] = counts.get(ch, 0) + 1
        for ch, n in sorted(counts.items()):
            became = _REPLACE.get(ord(ch))
            rows.append(
                {
                    "doc_id": doc_id,
                    "char": f"U+{ord(ch):04X}",
                    "name": unicodedata.name(ch, "?").title(),
                    "became": "(removed)" if became is None else repr(became),
                    "count": n,
                }
            )
        nfc = sum(1 for a, b in zip(text, unicodedata.normalize("NFC", text), strict=False) if a != b)
        if not unicodedata.is_normalized("NFC", text):
            rows.append(
                {
                    "doc_id": doc_id,
                    "char": "(NFC)",
                    "name": "Composed by NFC",
                    "became": "composed",
                    "count": max(nfc, 1),
                }
            )
    return pd.DataFrame(rows, columns=["doc_id", "char", "name", "became", "count"])


def alias_report(toks: pd.DataFrame) -> pd.DataFrame:
    """Every alias match in a token table, grouped: ``label``, ``written_as`` (the words as in the
    text), ``count``; most frequent first."""
    import pandas as pd

    if "alias" not in toks.columns or not toks["alias"].notna().any():
        return pd.DataFrame(columns=["label", "written_as", "count"])
    rows: dict[tuple[str, str], int] = {}
    label = None
    words: list[str] = []
    for a, w in zip(toks["alias"].tolist(), toks["text"].tolist(), strict=True):
        if a is pd.NA or a is None:
            if label is not None:
                key = (label, " ".join(words))
                rows[key] = rows.get(key, 0) + 1
                label = None
            continue
        if a != "":
            if label is not None:
                key = (label, " ".join(words))
                rows[key] = rows.get(key, 0) + 1
            label, words = a, [w]
        else:
            words.append(w)
    if label is not None:
        key = (label, " ".join(words))
        rows[key] = rows.get(key, 0) + 1
    out = pd.DataFrame([(k[0], k[1], n) for k, n in rows.items()], columns=["label", "written_as", "count"])
    return out.sort_values(["count", "label", "written_as"], ascending=[False, True, True], ignore_index=True)
