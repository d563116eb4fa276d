"""Where terms occur: keyword in context (``kwic``) and dispersion along the text."""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .._options import choice, integer
from ..errors import TermsError
from .prepare import _tokens

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd


# ---------------------------------------------------------------------------------------------
# keyword in context and dispersion

_MATCH = ("glob", "word", "regex", "phrase")


def _compile(pattern: str, match: str, case: bool) -> re.Pattern[str]:
    flags = 0 if case else re.IGNORECASE
    if match == "word":
        return re.compile(re.escape(pattern) + r"\Z", flags)
    if match == "glob":
        return re.compile(fnmatch.translate(pattern), flags)
    if match == "regex":
        try:
            return re.compile(pattern, flags)
        except re.error as exc:
            raise TermsError(f"not a valid regular expression: {pattern!r} ({exc})") from exc
    raise TermsError(f"match must be one of {', '.join(_MATCH)}, not {match!r}")


class _TokenIndex:
    """A token table prepared once for pattern search: token strings and alias labels as
    integer codes (patterns are tested once per distinct string), and where each alias ends."""

    def __init__(self, toks: pd.DataFrame, *, aliases: bool) -> None:
        import numpy as np
        import pandas as pd

        n = len(toks)
        self.n = n
        self.doc = toks["doc_id"].to_numpy()
        # factorised as stored (no Python string per token: a long text has millions of them)
        codes, uniq = pd.factorize(toks["text"])
        self.codes, self.uniq = codes, np.asarray(uniq, dtype=object)
        # the last row of each alias match (a match's continuation tokens carry alias == "")
        self.last = np.arange(n)
        self.alias_codes: np.ndarray | None = None
        if aliases and "alias" in toks.columns and n:
            al = toks["alias"].astype(object).where(toks["alias"].notna(), None)
            cont = toks["alias"].eq("").fillna(False).to_numpy(dtype=bool)
            head_ids = np.maximum.accumulate(np.where(~cont, np.arange(n), 0))
            for i in np.flatnonzero(cont):
                self.last[head_ids[i]] = i
            self.alias_codes, alias_uniq = pd.factorize(al)
            self.alias_uniq = alias_uniq.to_numpy(dtype=object)

    def _test(self, reg: re.Pattern[str], match: str, *, with_alias: bool) -> np.ndarray:
        import numpy as np

        def found(w: str) -> bool:
            return bool(w) and bool(reg.search(w) if match == "regex" else reg.match(w))

        ok = np.fromiter((found(w) for w in self.uniq), dtype=bool, count=len(self.uniq))
        hit = ok[self.codes] if self.n else np.zeros(0, dtype=bool)
        if with_alias and self.alias_codes is not None:
            ok_a = np.append(
                np.fromiter((found(w) for w in self.alias_uniq), dtype=bool, count=len(self.alias_uniq)), False
            )
            hit = hit | ok_a[self.alias_codes]  # code -1 (no alias) picks the appended False
        return hit

    def hits(self, pattern: str, *, match: str, case: bool) -> list[tuple[int, int]]:
        """(first row, last row) of every match of ``pattern`` (row positions)."""
        import numpy as np

        from ..normalize import normalize

        pattern = normalize(pattern).text.strip()
        if not pattern:
            raise TermsError("the pattern is empty")
        words = pattern.split() if match == "phrase" else [pattern]
        regs = [_compile(w, "glob" if match == "phrase" else match, case) for w in words]
        n = self.n
        if len(regs) == 1:
            hit = self._test(regs[0], match, with_alias=True)
            direct: list[tuple[int, int]] = []
        else:
            hit = np.zeros(n, dtype=bool)
            direct = self._phrase(regs, match)
        if self.alias_codes is not None and match != "regex":
            # a pattern written as a known variant ("ISIS", "Islamic State") finds every spelling
            from ..aliases import Aliases

            labels = [
                label
                for label, variants in Aliases.default().table.items()
                if any(_regs_match(pattern, v, match, case) for v in (label, *variants))
            ]
            if labels:
                ok_a = np.append(np.isin(self.alias_uniq, labels), False)
                hit = hit | ok_a[self.alias_codes]
        spans: dict[int, int] = {}
        for i, j in [*((int(i), int(self.last[i])) for i in np.flatnonzero(hit)), *direct]:
            spans[i] = max(j, spans.get(i, j))  # one hit per start: the longest span
        return sorted(spans.items())

    def _phrase(self, regs: list[re.Pattern[str]], match: str) -> list[tuple[int, int]]:
        """Rows where each of ``regs`` matches consecutive tokens of one document."""
        import numpy as np

        k, n = len(regs), self.n
        if n < k:
            return []
        ok = np.ones(n - k + 1, dtype=bool)
        for j, reg in enumerate(regs):
            ok &= self._test(reg, match, with_alias=False)[j : n - k + 1 + j]
        ok &= self.doc[: n - k + 1] == self.doc[k - 1 :]
        return [(int(i), int(i + k - 1)) for i in np.flatnonzero(ok)]


def _regs_match(pattern: str, variant: str, match: str, case: bool) -> bool:
    """Whether ``pattern`` (as a word, glob or phrase) names the alias variant ``variant``."""
    if match == "word":
        return pattern == variant if case else pattern.lower() == variant.lower()
    if match == "glob":
        reg = _compile(pattern, "glob", case)
        return bool(reg.match(variant))
    words, parts = pattern.split(), variant.split()
    return len(words) == len(parts) and all(
        _compile(w, "glob", case).match(v) for w, v in zip(words, parts, strict=True)
    )


def kwic(
    x: Any,
    pattern: str | Sequence[str],
    *,
    window: int = 5,
    match: str = "glob",
    case: bool = False,
    aliases: bool = True,
) -> pd.DataFrame:
    """Keyword in context: every occurrence of ``pattern`` with the words around it.

    Args:
        x: a ``Statement``, a corpus table, or a token table from ``sa.tidy.tokens``.
        pattern: one pattern or a list. ``match="glob"`` (default; ``*`` any letters, ``?`` one:
            "liberat*"), ``"word"`` (the exact word), ``"regex"`` (a regular expression found
            anywhere in a token: ``"^syria"``) or ``"phrase"`` (words separated by spaces,
            each a glob, on consecutive tokens: ``"territorial integrity"``). Curly quotes in a
            pattern are straightened like the text.
        window: tokens of context on each side (punctuation marks count as tokens); the
            context stops at the paragraph's edge.
        case: match case exactly (default: ignore case).
        aliases: a single-word pattern also matches an alias by its label (``"Da'esh"`` finds
            "ISIS" and "Islamic State"); the keyword is then the whole alias.

    Returns:
        DataFrame with ``doc_id``, ``para_id``, ``sent_id``, ``token_id`` (first token of the
        keyword), ``start``/``end`` (character offsets in the normalised text,
        ``sa.tidy.document_texts``), ``orig_start``/``orig_end`` (offsets in the text as
        loaded), ``left``, ``keyword``, ``right`` (text as written, white space collapsed) and
        ``pattern``; in text order.
    """
    import numpy as np
    import pandas as pd

    window = integer("window", window, minimum=0, error=TermsError)
    choice("match", match, _MATCH, error=TermsError)
    patterns = _patterns(pattern)
    toks = _tokens(x, lemmas=False).reset_index(drop=True)
    cols = [
        "doc_id",
        "para_id",
        "sent_id",
        "token_id",
        "start",
        "end",
        "orig_start",
        "orig_end",
        "left",
        "keyword",
        "right",
        "pattern",
    ]
    doc = toks["doc_id"].to_numpy()
    para = toks["para_id"].to_numpy()
    start = toks["start"].to_numpy()
    end = toks["end"].to_numpy()
    sent = toks["sent_id"].to_numpy()
    tid = toks["token_id"].to_numpy()
    o_start = toks["orig_start"].to_numpy()
    o_end = toks["orig_end"].to_numpy()
    index = _TokenIndex(toks, aliases=aliases)
    word = _Words(index.codes, index.uniq)
    rows = []
    for p in patterns:
        for i, j in index.hits(p, match=match, case=case):
            lo = i
            while lo > 0 and i - lo < window and doc[lo - 1] == doc[i] and para[lo - 1] == para[i]:
                lo -= 1
            hi = j
            while hi < len(toks) - 1 and hi - j < window and doc[hi + 1] == doc[j] and para[hi + 1] == para[j]:
                hi += 1
            left = _join(word, start, end, lo, i)
            keyword = _join(word, start, end, i, j + 1)
            right = _join(word, start, end, j + 1, hi + 1)
            rows.append(
                (
                    doc[i],
                    para[i],
                    sent[i],
                    tid[i],
                    start[i],
                    end[j],
                    o_start[i],
                    o_end[j],
                    _squash(left),
                    _squash(keyword),
                    _squash(right),
                    p,
                )
            )
    out = pd.DataFrame(rows, columns=cols)
    if len(out):
        order = {d: k for k, d in enumerate(dict.fromkeys(doc.tolist()))}
        out["_d"] = out["doc_id"].map(order)
        out = out.sort_values(["_d", "start", "pattern"], kind="mergesort").drop(columns="_d")
    for c in ("para_id", "sent_id", "token_id", "start", "end", "orig_start", "orig_end"):
        out[c] = out[c].astype(np.int64)
    return out.reset_index(drop=True)


_SPACE = re.compile(r"\s+")


def _patterns(pattern: Any) -> list[str]:
    """One pattern or a list of them, as a list of strings (``TermsError`` otherwise)."""
    if isinstance(pattern, str):
        return [pattern]
    if isinstance(pattern, (list, tuple)) and all(isinstance(p, str) for p in pattern):
        return list(pattern)
    raise TermsError(f"pattern must be a string or a list of strings, not {pattern!r}")


def _squash(s: str) -> str:
    return _SPACE.sub(" ", s).strip()


class _Words:
    """Token ``t``'s text as ``words[t]``, from the index's codes (no array of every token's
    string is made)."""

    __slots__ = ("codes", "uniq")

    def __init__(self, codes: np.ndarray, uniq: np.ndarray) -> None:
        self.codes, self.uniq = codes, uniq

    def __getitem__(self, t: int) -> str:
        return self.uniq[self.codes[t]]


def _join(word: _Words, start: np.ndarray, end: np.ndarray, a: int, b: int) -> str:
    """Tokens ``a``..``b - 1`` as written: one space where the text had white space between two
    tokens, none where they touched ("Mosul." stays "Mosul.")."""
    if b <= a:
        return ""
    parts = [word[a]]
    for t in range(a + 1, b):
        if start[t] > end[t - 1]:
            parts.append(" ")
        parts.append(word[t])
    return "".join(parts)


def dispersion(
    x: Any,
    patterns: str | Sequence[str],
    *,
    match: str = "glob",
    case: bool = False,
    aliases: bool = True,
) -> pd.DataFrame:
    """Lexical dispersion: where each occurrence of each pattern falls along its document.

    Patterns work as in ``kwic``. Returns a DataFrame with ``doc_id``, ``pattern``, ``para_id``,
    ``token_id`` (position in tokens, 1-based, punctuation included), ``n_tokens`` (tokens in
    the document) and ``relative`` = (token_id − 1) / n_tokens (0 = first token, near 1 = the
    end); one row per occurrence, in pattern order then text order. A pattern that never occurs
    has no rows (``plots.terms.plot_dispersion`` still shows it as an empty line).
    """
    import numpy as np
    import pandas as pd

    choice("match", match, _MATCH, error=TermsError)
    patterns = _patterns(patterns)
    toks = _tokens(x, lemmas=False).reset_index(drop=True)
    doc = toks["doc_id"].to_numpy()
    # tokens per document, for each row (documents are contiguous in a token table)
    bounds = np.flatnonzero(np.r_[True, doc[1:] != doc[:-1], True]) if len(doc) else np.array([0])
    n_doc = np.repeat(np.diff(bounds), np.diff(bounds))
    index = _TokenIndex(toks, aliases=aliases)
    parts = []
    for p in patterns:
        rows = np.array([i for i, _ in index.hits(p, match=match, case=case)], dtype=np.int64)
        tid = toks["token_id"].to_numpy()[rows]
        parts.append(
            pd.DataFrame(
                {
                    "doc_id": doc[rows],
                    "pattern": p,
                    "para_id": toks["para_id"].to_numpy()[rows],
                    "token_id": tid,
                    "n_tokens": n_doc[rows],
                    "relative": (tid - 1) / n_doc[rows] if len(rows) else np.zeros(0),
                }
            )
        )
    cols = ["doc_id", "pattern", "para_id", "token_id", "n_tokens", "relative"]
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=cols)
    out = out[cols]
    out.attrs["patterns"] = patterns
    return out.astype({"para_id": "int64", "token_id": "int64", "n_tokens": "int64", "relative": "float64"})
