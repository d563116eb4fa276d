"""Rule-based sentence and token segmentation of normalised text (spans, not copies).

Why rules and not a library: NLTK's punkt needs a download; pysbd is unmaintained and slow on
archives; spaCy is a large model for a task that diplomatic prose makes regular. The rules:

* A sentence ends at ``.``, ``!``, ``?`` or ``…``, plus any closing quotes or brackets, when
  white space and then a capital letter, a digit or an opening quote/bracket follow — and at the
  end of each paragraph.
* It does not end after a title (Mr., Dr., Gen., Amb.); after No., Art., Para., Res., Vol.,
  pp. or a month when a number follows ("No. 2254", "Art. 5"); after a single initial ("J.");
  after e.g. or i.e.; inside a number (2.5, 1,000.5); after a dotted acronym (U.S., D.C., U.N.)
  unless the next word is a usual sentence opener (We, The, This, It ...), because "U.S.
  Secretary of State" is far more common in this genre than an acronym closing a sentence.
* Tokens are words (letters and digits, with inner hyphens or apostrophes: Da'esh, al-Bab,
  non-refoulement), dotted acronyms (U.S., e.g.), numbers (2,000.5, 24/7, 1990s), the clitic
  ``'s`` on its own, and every other non-space character on its own (punctuation, symbols).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Titles that, written with a final period, never end a sentence (compared case-insensitively).
TITLE_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof gen lt col sgt capt maj adm cmdr rev sen rep gov amb hon pres st mt ft
    """.split()
)
# Abbreviations that do not end a sentence when a number follows ("No. 2254", "Art. 5", "pp. 4")
# but may end one otherwise ("Is it over? No. It goes on").
NUMBER_ABBREVIATIONS = frozenset(
    """
    no nos art arts para paras sec secs res vol vols fig figs p pp ch chap op jan feb mar apr
    jun jul aug sep sept oct nov dec
    """.split()
)
# Dotted abbreviations that never end a sentence.
NEVER_TERMINAL_DOTTED = frozenset({"e.g.", "i.e.", "cf.", "viz.", "a.k.a.", "vs.", "approx."})
# Words that commonly open a sentence; after a dotted acronym they mark a sentence break.
SENTENCE_OPENERS = frozenset(
    """
    a an the this these that those there it its we our us they their he his she her i in on at
    as for from with by however today tomorrow yesterday moreover furthermore meanwhile also
    both all such since while although when where to under during after before finally
    nevertheless additionally together further
    """.split()
)

_WORD = r"[^\W_]+(?:(?:-|'(?!s\b))[^\W_]+)*"
TOKEN_RE = re.compile(
    r"(?P<acronym>(?:[^\W\d_]\.){2,})"
    r"|(?P<num>\d+(?:[.,:/]\d+)*(?:st|nd|rd|th|s)?(?![^\W_]))"
    r"|(?P<clitic>'s(?![^\W_]))"
    rf"|(?P<word>{_WORD})"
    r"|(?P<other>\S)"
)

# A plain character class in front lets the scan skip quickly to the next full stop; the same
# matches as "(?:[.!?]+|…)" followed by closing quotes or brackets.
_CANDIDATE = re.compile(r"[.!?…](?:(?<=[.!?])[.!?]*)?[\"')\]}»]*(?=\s+[\"'(\[«]*[^\W_a-z])")
_BLANK = re.compile(r"\n[^\S\n]*(?:\n[^\S\n]*)+")
# after a full stop: a number ("No. 5"), the next word (after "U.S."); a dotted acronym's stem
_NUMBER_AFTER = re.compile(r"\s+(?:\d|[IVXLC]+\b)")
_WORD_AFTER = re.compile(r"\s+[\"'(\[«]*([^\W_]+)")
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")


def iter_tokens(text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
    """Token matches in ``text[start:end]`` (offsets are into ``text``)."""
    return TOKEN_RE.finditer(text, start, len(text) if end is None else end)


# Matched at a position of the whole text, never on a slice of it: a slice copies the rest of the
# text at every full stop, which made a 50 MB statement take minutes.
_NUMBER_AFTER = re.compile(r"\s+(?:\d|[IVXLC]+\b)")
_WORD_AFTER = re.compile(r"\s+[\"'(\[«]*([^\W_]+)")


def _is_break(text: str, para_start: int, dot_end: int, m: re.Match[str]) -> bool:
    if not m.group(0).startswith("."):
        return True  # ! ? … always end a sentence
    # The word the punctuation is attached to: the last run of non-space characters before it
    # (at most 64 back), up to and including the punctuation. Splitting once from the right is
    # what ``(\S+)$`` would find, without trying every start in the window.
    word = text[max(para_start, m.start() - 64) : m.start() + 1].rsplit(None, 1)[-1]
    stem = word.rstrip(".").lstrip("\"'([«")
    low = stem.lower()
    if word.lower().lstrip("\"'([«") in NEVER_TERMINAL_DOTTED:
        return False
    if low in TITLE_ABBREVIATIONS:
        return False
    if low in NUMBER_ABBREVIATIONS and _NUMBER_AFTER.match(text, dot_end):
        return False
    if len(stem) == 1 and stem.isalpha() and stem.isupper():
        return False  # an initial: "J. Smith"
    if _DOTTED.fullmatch(stem):
        # dotted acronym such as U.S. / D.C.: break only before a usual sentence opener
        nxt = _WORD_AFTER.match(text, dot_end)
        return bool(nxt and nxt.group(1).lower() in SENTENCE_OPENERS)
    return True


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]`` (one paragraph), stripped of outer white space.

    Returns a list of ``(start, end)`` offsets into ``text``; empty when the span holds only
    white space.
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    s = start
    for m in _CANDIDATE.finditer(text, start, end):
        if m.end() > end:
            break
        if _is_break(text, start, m.end(), m):
            spans.append((s, m.end()))
            s = m.end()
    spans.append((s, end))
    out = []
    for a, b in spans:
        seg = text[a:b]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        if b - trail > a + lead:
            out.append((a + lead, b - trail))
    return out


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraph spans of ``text``: blocks between blank lines, stripped of outer white space."""
    spans = []
    pos = 0
    for m in [*_BLANK.finditer(text), None]:
        a, b = pos, (m.start() if m else len(text))
        seg = text[a:b]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        if b - trail > a + lead:
            spans.append((a + lead, b - trail))
        if m:
            pos = m.end()
    return spans


def sentence_starts(text: str, paras: list[tuple[int, int]]) -> list[int]:
    """Where each sentence of the document starts, as ``sentence_spans`` splits each paragraph,
    up to the white space after a break — enough to number any token by bisection. One scan over
    the whole text instead of one per paragraph."""
    starts = [pa for pa, _ in paras]
    extra: list[int] = []
    k = 0
    for m in _CANDIDATE.finditer(text):
        e = m.end()
        while k < len(paras) and paras[k][1] < e:
            k += 1
        if k == len(paras):
            break
        pa, pb = paras[k]
        if m.start() < pa or e >= pb:
            continue  # between paragraphs, or closing one (a per-paragraph scan cannot see past its end)
        if _is_break(text, pa, e, m):
            extra.append(e)
    return sorted(starts + extra) if extra else starts
