"""Matching a dictionary against tokens: entries compiled to the token forms (aliases, lemmas,
wildcards expanded over the vocabulary), a first-term index for phrases, longest match within a
theme, exclusions. Returns every match with its unit and offsets; ``coding`` turns them into tables.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._docs import is_token_table, kind_of
from ..aliases import Aliases
from ..errors import DictionaryError, InputTypeError, OptionError
from ..normalize import normalize
from ..segment import iter_tokens
from .formats import _resolve
from .model import Theme, ThemeDictionary, parse_entry

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd


# --------------------------------------------------------------------------------------------
# Compiling a dictionary for one form and alias table


@dataclass(frozen=True)
class _Compiled:
    themes: tuple[Theme, ...]
    # per theme: list of (entry as written, terms) for matching entries and for exclusions
    entries: tuple[tuple[tuple[str, tuple[tuple[str, bool], ...]], ...], ...]
    excludes: tuple[tuple[tuple[str, tuple[tuple[str, bool], ...]], ...], ...]


def _alias_lookup(table: Aliases) -> tuple[dict[str, str], list[tuple[tuple[str, ...], str]]]:
    """Lower-case single-term variants → label, and multi-term variants (longest first)."""
    single: dict[str, str] = {}
    multi: list[tuple[tuple[str, ...], str]] = []
    for label, variants in table.table.items():
        for v in (label, *variants):
            toks = tuple(m.group(0).lower() for m in iter_tokens(normalize(v).text))
            if len(toks) == 1:
                single[toks[0]] = label.lower()
            elif toks:
                multi.append((toks, label.lower()))
    multi.sort(key=lambda e: -len(e[0]))
    return single, multi


def _canonical(terms: tuple[tuple[str, bool], ...], table: Aliases | None, form: str) -> tuple[tuple[str, bool], ...]:
    from ..tidy import _lemma

    out: list[tuple[str, bool]] = []
    single, multi = _alias_lookup(table) if table is not None and table.table else ({}, [])
    i = 0
    while i < len(terms):
        t, glob = terms[i]
        if not glob:
            hit = None
            for toks, label in multi:
                k = len(toks)
                seg = terms[i : i + k]
                if len(seg) == k and all(not g and s == v for (s, g), v in zip(seg, toks, strict=True)):
                    hit = (label, k)
                    break
            if hit is not None:
                out.append((hit[0], False))
                i += hit[1]
                continue
            if t in single:
                out.append((single[t], False))
                i += 1
                continue
            if form == "lemma" and any(c.isalpha() for c in t):
                t = _lemma(t)
        out.append((t, glob))
        i += 1
    return tuple(out)


def _compile(dictionary: ThemeDictionary, form: str, table: Aliases | None) -> _Compiled:
    key = None if table is None else tuple((k, tuple(v)) for k, v in table.table.items())
    return _compile_cached(dictionary, form, key)


@functools.lru_cache(maxsize=32)
def _compile_cached(dictionary: ThemeDictionary, form: str, alias_key: Any) -> _Compiled:
    table = None if alias_key is None else Aliases(dict(alias_key))
    entries = []
    excludes = []
    for th in dictionary.themes:
        for group, dest in (((*th.words, *th.phrases), entries), (th.exclude, excludes)):
            items = []
            for e in group:
                try:
                    terms = parse_entry(e)
                except ValueError as err:
                    raise DictionaryError(f"theme {th.key!r}: {err}", path=dictionary.source or None) from None
                items.append((e, _canonical(terms, table, form)))
            dest.append(tuple(items))
    return _Compiled(dictionary.themes, tuple(entries), tuple(excludes))


def _glob_regex(pattern: str) -> re.Pattern[str]:
    return re.compile("".join(".*" if c == "*" else re.escape(c) for c in pattern) + r"\Z", re.DOTALL)


# --------------------------------------------------------------------------------------------
# Matching


@dataclass
class _Seq:
    """The term sequence (tokens minus alias continuations) of a token table, as numpy arrays."""

    codes: np.ndarray  # vocabulary id per term
    vocab: list[str]
    sent: np.ndarray  # global sentence number per term (phrases may not cross it)
    unit_doc: np.ndarray  # index into docs
    para: np.ndarray
    sent_id: np.ndarray
    is_word: np.ndarray
    is_content: np.ndarray  # a word that is not a stop word or a number (alias labels count)
    start: np.ndarray
    end: np.ndarray
    orig_start: np.ndarray
    orig_end: np.ndarray
    tok_index: np.ndarray  # row of the token table where each term starts
    tok_last: np.ndarray  # row of its last token (differs for multi-word aliases)
    tok_text: pd.Series  # the token table's text column
    docs: list[str]


def _sequence(toks: pd.DataFrame, form: str, aliases: bool) -> _Seq:
    """Same terms as ``sa.tidy.term_forms(toks, form=form, aliases=aliases)`` (alias label at the
    head of a match, continuation tokens dropped), case-folded, built on codes rather than strings
    so that millions of tokens take a second or two."""
    import numpy as np
    import pandas as pd

    n_all = len(toks)
    codes_all, uniques_all = pd.factorize(toks[form], use_na_sentinel=True)
    uniq = [str(u) for u in uniques_all]
    keep = codes_all >= 0  # a missing form (never produced by sa.tidy.tokens) is not a term
    is_alias_head = np.zeros(n_all, dtype=bool)
    if aliases and "alias" in toks.columns:
        alias = toks["alias"]
        has = alias.notna().to_numpy()
        if has.any():
            pos = np.flatnonzero(has)
            labels = alias.to_numpy(dtype=object, na_value="")[pos]
            cont = labels == ""
            keep[pos[cont]] = False
            heads, head_labels = pos[~cont], labels[~cont]
            is_alias_head[heads] = True
            lab_codes, lab_uniques = pd.factorize(head_labels)
            codes_all = codes_all.copy()
            codes_all[heads] = lab_codes + len(uniq)
            uniq = uniq + [str(u) for u in lab_uniques]
    # Case-fold the distinct forms, not every token.
    fold, folded = pd.factorize(np.array([u.lower() for u in uniq], dtype=object))
    idx = np.flatnonzero(keep)
    codes = fold[codes_all[idx]] if len(idx) else np.array([], dtype=np.int64)
    # A kept term runs up to the next kept term: alias continuation tokens belong to their head.
    last = np.r_[idx[1:] - 1, n_all - 1].astype(np.int64) if len(idx) else np.array([], dtype=np.int64)
    # Token tables hold each document's tokens together and number them from 1 (token_id), so a
    # document starts where token_id is 1 (a first token is never an alias continuation).
    if len(idx):
        new_doc = toks["token_id"].to_numpy()[idx] == 1
        new_doc[0] = True
        doc_codes = np.cumsum(new_doc) - 1
        docs = toks["doc_id"].to_numpy(dtype=object)[idx[new_doc]]
    else:
        doc_codes, docs = np.array([], dtype=np.int64), np.array([], dtype=object)
    sent_id = toks["sent_id"].to_numpy(dtype=np.int64)[idx]
    if len(idx):
        change = np.r_[True, (doc_codes[1:] != doc_codes[:-1]) | (sent_id[1:] != sent_id[:-1])]
    else:
        change = np.array([], dtype=bool)
    return _Seq(
        codes=np.asarray(codes, dtype=np.int64),
        vocab=list(folded),
        sent=np.cumsum(change),
        unit_doc=doc_codes.astype(np.int64),
        para=toks["para_id"].to_numpy(dtype=np.int64)[idx],
        sent_id=sent_id,
        is_word=~toks["is_punct"].to_numpy(dtype=bool)[idx],
        is_content=(
            is_alias_head
            | ~(
                toks["is_punct"].to_numpy(dtype=bool)
                | toks["is_stop"].to_numpy(dtype=bool)
                | toks["is_num"].to_numpy(dtype=bool)
            )
        )[idx],
        start=toks["start"].to_numpy(dtype=np.int64)[idx],
        end=toks["end"].to_numpy(dtype=np.int64)[last],
        orig_start=toks["orig_start"].to_numpy(dtype=np.int64)[idx],
        orig_end=toks["orig_end"].to_numpy(dtype=np.int64)[last],
        tok_index=idx,
        tok_last=last,
        tok_text=toks["text"],
        docs=[str(d) for d in docs],
    )


class _Index:
    """Vocabulary lookups and the inverted index (term id → positions)."""

    def __init__(self, seq: _Seq, first_terms: Iterable[tuple[str, bool]]) -> None:
        import numpy as np

        self.seq = seq
        self.n = len(seq.codes)
        self.vocab = seq.vocab
        self.vid = {w: i for i, w in enumerate(seq.vocab)}
        self.sorted_vocab = sorted(range(len(seq.vocab)), key=lambda i: seq.vocab[i])
        self.sorted_words = [seq.vocab[i] for i in self.sorted_vocab]
        self._ids: dict[tuple[str, bool], np.ndarray] = {}
        self._masks: dict[tuple[str, bool], np.ndarray] = {}
        # Inverted index over the terms that can start an entry only (a small part of the text):
        # their positions, grouped by vocabulary id.
        wanted = np.zeros(len(self.vocab), dtype=bool)
        for t in first_terms:
            wanted[self.ids(t)] = True
        pos = np.flatnonzero(wanted[seq.codes]) if self.n else np.array([], dtype=np.int64)
        sub = seq.codes[pos]
        o = np.argsort(sub, kind="stable")
        self.order = pos[o]
        counts = np.bincount(sub, minlength=len(self.vocab))
        self.offsets = np.r_[0, np.cumsum(counts)]

    def ids(self, term: tuple[str, bool]) -> np.ndarray:
        import numpy as np

        if term in self._ids:
            return self._ids[term]
        t, glob = term
        if not glob:
            i = self.vid.get(t)
            out = np.array([] if i is None else [i], dtype=np.int64)
        elif t.endswith("*") and "*" not in t[:-1]:
            prefix = t[:-1]
            lo = bisect.bisect_left(self.sorted_words, prefix)
            hi = bisect.bisect_left(self.sorted_words, prefix + "\U0010ffff")
            out = np.array(sorted(self.sorted_vocab[lo:hi]), dtype=np.int64)
        else:
            rx = _glob_regex(t)
            out = np.array([i for i, w in enumerate(self.vocab) if rx.match(w)], dtype=np.int64)
        self._ids[term] = out
        return out

    def mask(self, term: tuple[str, bool]) -> np.ndarray:
        import numpy as np

        if term not in self._masks:
            m = np.zeros(len(self.vocab), dtype=bool)
            m[self.ids(term)] = True
            self._masks[term] = m
        return self._masks[term]

    def positions(self, term: tuple[str, bool]) -> np.ndarray:
        import numpy as np

        ids = self.ids(term)
        if len(ids) == 0:
            return np.array([], dtype=np.int64)
        if len(ids) == 1:
            i = ids[0]
            return self.order[self.offsets[i] : self.offsets[i + 1]]
        return np.sort(np.concatenate([self.order[self.offsets[i] : self.offsets[i + 1]] for i in ids]))

    def find(self, terms: tuple[tuple[str, bool], ...]) -> np.ndarray:
        """Start positions of every occurrence of ``terms`` within one sentence."""
        starts = self.positions(terms[0])
        codes, sent = self.seq.codes, self.seq.sent
        for j in range(1, len(terms)):
            if not len(starts):
                break
            cand = starts + j
            ok = cand < self.n
            starts, cand = starts[ok], cand[ok]
            ok = self.mask(terms[j])[codes[cand]] & (sent[cand] == sent[starts])
            starts = starts[ok]
        return starts


@dataclass
class _Matches:
    seq: _Seq
    theme: np.ndarray  # theme index
    entry: np.ndarray  # entry index within the theme
    start: np.ndarray  # position in the term sequence
    length: np.ndarray


def _match(seq: _Seq, comp: _Compiled) -> _Matches:
    import numpy as np

    firsts = {terms[0] for group in (*comp.entries, *comp.excludes) for _e, terms in group}
    idx = _Index(seq, firsts)
    out_t, out_e, out_s, out_l = [], [], [], []
    for ti, (entries, excludes) in enumerate(zip(comp.entries, comp.excludes, strict=True)):
        excluded = None
        if excludes:
            # every position covered by an exclusion match, sorted
            covered = [idx.find(terms)[:, None] + np.arange(len(terms)) for _e, terms in excludes]
            excluded = np.unique(np.concatenate([c.ravel() for c in covered]))
        starts, lens, eids = [], [], []
        for ei, (_e, terms) in enumerate(entries):
            s = idx.find(terms)
            if len(s):
                starts.append(s)
                lens.append(np.full(len(s), len(terms), dtype=np.int64))
                eids.append(np.full(len(s), ei, dtype=np.int64))
        if not starts:
            continue
        s = np.concatenate(starts)
        ln = np.concatenate(lens)
        ei_ = np.concatenate(eids)
        if excluded is not None and len(excluded):
            # a match [s, s + ln) is dropped when an excluded position falls inside it
            i = np.searchsorted(excluded, s)
            hit = np.zeros(len(s), dtype=bool)
            inside = i < len(excluded)
            hit[inside] = excluded[i[inside]] < s[inside] + ln[inside]
            s, ln, ei_ = s[~hit], ln[~hit], ei_[~hit]
        # Longest first, then leftmost, then dictionary order; accept a match only if none of its
        # terms is already taken by an accepted match of this theme.
        order = np.lexsort((ei_, s, -ln))
        s, ln, ei_ = s[order], ln[order], ei_[order]
        multi = ln > 1
        keep = np.zeros(len(s), dtype=bool)
        taken = set()
        for k in np.flatnonzero(multi):
            a, b = int(s[k]), int(s[k] + ln[k])
            if not any(p in taken for p in range(a, b)):
                keep[k] = True
                taken.update(range(a, b))
        single = np.flatnonzero(~multi)
        if len(single):
            ss = s[single]
            free = (
                ~np.isin(ss, np.fromiter(taken, dtype=np.int64, count=len(taken))) if taken else np.ones(len(ss), bool)
            )
            # one match per position: the first entry in dictionary order (already sorted by entry)
            o = np.lexsort((ei_[single], ss))
            first = np.r_[True, ss[o][1:] != ss[o][:-1]]
            chosen = np.zeros(len(single), dtype=bool)
            chosen[o[first]] = True
            keep[single[chosen & free]] = True
        out_s.append(s[keep])
        out_l.append(ln[keep])
        out_e.append(ei_[keep])
        out_t.append(np.full(int(keep.sum()), ti, dtype=np.int64))
    if out_s:
        res = _Matches(seq, np.concatenate(out_t), np.concatenate(out_e), np.concatenate(out_s), np.concatenate(out_l))
    else:
        z = np.array([], dtype=np.int64)
        res = _Matches(seq, z, z, z, z)
    order = np.lexsort((res.theme, res.start))
    res.theme, res.entry, res.start, res.length = (
        res.theme[order],
        res.entry[order],
        res.start[order],
        res.length[order],
    )
    return res


def _tokens_for(x: Any, form: str, aliases: bool | Aliases) -> tuple[pd.DataFrame, Aliases | None, bool]:
    from ..tidy import tokens

    if form not in ("lower", "lemma"):
        raise OptionError(f"form= must be 'lower' (surface forms) or 'lemma', not {form!r}")
    if isinstance(aliases, Aliases):
        table: Aliases | None = aliases
        use = bool(aliases.table)
    elif aliases:
        table, use = Aliases.default(), True
    else:
        table, use = None, False
    if kind_of(x) == "tokens":
        if use and "alias" not in x.columns:
            raise InputTypeError("the token table has no 'alias' column; build it with sa.tidy.tokens")
        return x, table, use
    toks = tokens(x, aliases=table if table is not None else Aliases.none(), lemmas=(form == "lemma"))
    return toks, table, use


_is_token_table = is_token_table


def _run(x: Any, dictionary: Any, form: str, aliases: bool | Aliases) -> tuple[ThemeDictionary, _Matches]:
    d = _resolve(dictionary)
    toks, table, use = _tokens_for(x, form, aliases)
    comp = _compile(d, form, table if use else None)
    seq = _sequence(toks, form, use)
    return d, _match(seq, comp)
