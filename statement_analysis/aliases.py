"""Alias canonicalisation: different spellings of one actor counted as one term.

The default table maps every spelling of Da'esh (Da'esh, Daesh, DAESH, ISIS, ISIL, "Islamic
State", "Islamic State of Iraq and the Levant"...) to ``Da'esh``, and the spellings of al-Qaeda
to ``al-Qaeda``. Matching works on tokens after normalisation (so curly apostrophes are already
straight), ignores case except that a word capitalised in the variant must be capitalised in the text
("Islamic State", not "an islamic state") and all-capital variants such as ISIS and ISIL
match only in capitals (so that the goddess Isis is not counted); the longest variant wins.

Where it is used: ``tidy.tokens`` marks each match in its ``alias`` column (the label on the
first token, ``""`` on the tokens that continue a multi-word match). Term frequencies, themes
and keyword-in-context search use those labels when their ``aliases=True`` option is on (the
default). Readability ignores aliases (it counts the words as written).

Extend it with ``Aliases.default().extend({"Label": ["variant", ...]})`` and pass the result
as ``aliases=`` to ``tidy.tokens``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .segment import iter_tokens

DEFAULT_ALIASES: dict[str, list[str]] = {
    "Da'esh": [
        "Da'esh",
        "Daesh",
        "Da'ish",
        "Daish",
        "DAESH",
        "ISIS",
        "ISIL",
        "Islamic State",
        "Islamic State of Iraq and the Levant",
        "Islamic State in Iraq and the Levant",
        "Islamic State of Iraq and Syria",
        "Islamic State in Iraq and Syria",
        "Islamic State of Iraq and al-Sham",
    ],
    "al-Qaeda": ["al-Qaeda", "al-Qaida", "al Qaeda", "al Qaida", "al-Qa'ida", "Al-Qaeda"],
}


def _tokenize(phrase: str) -> tuple[str, ...]:
    return tuple(m.group(0) for m in iter_tokens(phrase))


@dataclass(frozen=True)
class Aliases:
    """A table of canonical labels and their variants (see the module docstring).

    ``table`` maps a label to its variants.
    """

    table: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def default(cls) -> Aliases:
        """The default table (``DEFAULT_ALIASES``)."""
        return cls({k: tuple(v) for k, v in DEFAULT_ALIASES.items()})

    @classmethod
    def none(cls) -> Aliases:
        """An empty table: no canonicalisation."""
        return cls({})

    def extend(self, more: Mapping[str, Iterable[str]]) -> Aliases:
        """A new table with ``more`` added (variants of an existing label are appended)."""
        table = {k: list(v) for k, v in self.table.items()}
        for label, variants in more.items():
            table.setdefault(label, [])
            table[label].extend(v for v in variants if v not in table[label])
        return Aliases({k: tuple(v) for k, v in table.items()})

    @functools.cached_property
    def _index(self) -> dict[str, list[tuple[tuple[str, ...], str, bool]]]:
        """Lookup by first token (lower case) → [(variant tokens, label, all_caps)], longest first."""
        out: dict[str, list[tuple[tuple[str, ...], str, bool]]] = {}
        for label, variants in self.table.items():
            for v in (label, *variants):
                toks = _tokenize(v)
                if not toks:
                    continue
                cs = v.isupper()
                key = (toks, label, cs)
                bucket = out.setdefault(toks[0].lower(), [])
                if key not in bucket:
                    bucket.append(key)
        for bucket in out.values():
            bucket.sort(key=lambda e: -len(e[0]))
        return out

    def match(self, words: list[str]) -> list[str | None]:
        """Label each token of ``words`` (one document): the label at a match's first token,
        ``""`` on the rest of a multi-token match, ``None`` elsewhere."""
        lower = [w.lower() for w in words]
        return self.label_tokens(words, lower, [len(words)] * len(words))

    def label_tokens(self, words: Sequence[str], lower: Sequence[str], limit: Sequence[int]) -> list[str | None]:
        """Like ``match`` for many documents at once: ``lower`` is the lower-case form of each
        token and ``limit[i]`` the index where token ``i``'s document ends (matches never cross it).
        Only tokens that can start a variant are examined, so this is fast on long corpora."""
        idx = self._index
        out: list[str | None] = [None] * len(words)
        if not idx:
            return out
        firsts = set(idx)
        resume = 0
        for i in [i for i, w in enumerate(lower) if w in firsts]:
            if i < resume:
                continue
            for toks, label, cs in idx[lower[i]]:
                k = len(toks)
                if i + k <= limit[i] and _same(list(words[i : i + k]), toks, cs):
                    out[i] = label
                    for j in range(i + 1, i + k):
                        out[j] = ""
                    resume = i + k
                    break
        return out


def _same(words: list[str], variant: tuple[str, ...], all_caps: bool) -> bool:
    if all_caps:
        return list(variant) == words
    for w, v in zip(words, variant, strict=True):
        if w.lower() != v.lower() or (v[:1].isupper() and not w[:1].isupper()):
            return False
    return True
