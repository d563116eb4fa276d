"""The context rules that keep, drop or re-resolve a candidate: the document's evidence (rules 2,
2b, 3 and 8, scored in ``evidence``), people (rule 6), Washington/Georgia (rule 4), roles (rule 7),
currencies and diseases named after places (rule 9), and the state and province abbreviations
that qualify a town (rule 10).

What is not here: finding names (``matcher``), building the table (``mentions``).
"""

from __future__ import annotations

import functools
import re
from typing import Any

from .evidence import DOCUMENT_COUNTRY, NAME, Context, choose, dateline, inherent, qualifier, triggered
from .gazetteer import Gazetteer, _Rows, key_of
from .matcher import _Hit, _strip_possessive
from .wordlists import END_HEADS, FIRST_NAMES, LOCATIVE, PLACE_WORDS, START_HEADS, TITLES

_DC = re.compile(r",? ?D\.? ?C\.?(?![\w])")
_AMERICAN_AFTER = re.compile(r"[ -]Americans?\b")
_LISTED = re.compile(r",? (?:and|or) |, |/")
_INITIAL_BEFORE = re.compile(r"(?<![\w.])[A-Z]\. \Z")
_SENTENCE_START = re.compile(r"(?:[.!?:;\"'(]\s*|\n\s*|\A\s*)\Z")
# a place name before one of these words names a disease or its agent ("West Nile virus")
_DISEASE_AFTER = re.compile(
    r"[ -](?:virus|viruses|ebolavirus|fever|disease|encephalitis|flu|influenza|strain|virus's)\b", re.IGNORECASE
)
# an acronym used for a currency: "US$460", "$US 1.5 billion", "40 US dollars"
_CURRENCY_AFTER = re.compile(r"\$| ?dollars?\b")


@functools.cache
def _stopwords() -> frozenset[str]:
    from ..tidy import stopwords

    return stopwords()


def _prev_word(text: str, pos: int) -> str:
    """The word (ASCII letters) before ``pos``, skipping spaces and one full stop ("Dr. X" → "Dr")."""
    seg = text[max(0, pos - 24) : pos].rstrip(" \n")
    if seg.endswith("."):
        seg = seg[:-1]
    m = _TAIL_WORD.search(seg)
    return m.group(0) if m else ""


_TAIL_WORD = re.compile(r"[A-Za-z]+\Z")


def _context(text: str, hits: list[_Hit], g: Gazetteer, cache: dict[Any, Any]) -> Context:
    """Countries and divisions the document names (from the first candidate of every name, the
    abbreviations that qualify a town, and the dateline)."""
    raw = g.raw
    ctx = Context()
    provinces: list[list[str]] = []
    us_state_cands: list[int] = []
    state_like: set[str] = set()  # countries named only by a word that is also a US state's (Georgia)
    other_iso: set[str] = set()
    for h in hits:
        f = raw[h.cands[0]]
        kind = f[1]
        if kind == "country":
            ctx.named_iso.add(f[2])
            st = g.us_state.get(key_of(text[h.start : h.end])) if h.role == "name" else None
            if st is not None:
                us_state_cands.append(st)
                state_like.add(f[2])
            else:
                other_iso.add(f[2])
        elif kind == "admin1":
            if "iso3166_2" in f[10]:
                provinces.append(f)
            else:
                ctx.named_iso.add(f[2])
                if f[9]:
                    ctx.named_admin1.add(f[9])
        elif kind == "admin2" and f[9] and all(raw[c][9] == f[9] for c in h.cands):
            ctx.named_admin1.add(f[9])
        if text.startswith(", ", h.end):
            q = qualifier(text, h.end, g, cache)
            if q is not None and q.abbreviation:
                ctx.named_admin1 |= q.admin1
                ctx.named_iso |= q.iso3
    if "--" in text[:400] or "—" in text[:400] or " - " in text[:400] or "(" in text[:400]:
        dl = dateline(text, g, cache)
        if dl is not None:
            ctx.dateline, ctx.dateline_qual = dl
            if ctx.dateline_qual is not None:
                ctx.named_admin1 |= ctx.dateline_qual.admin1
                if len(ctx.dateline_qual.iso3) == 1:
                    ctx.named_iso |= ctx.dateline_qual.iso3
    for f in provinces:  # a province listed from ISO 3166-2 sets the context only with its country
        if f[2] in ctx.named_iso and f[9]:
            ctx.named_admin1.add(f[9])
    if any(a.startswith("US.") for a in ctx.named_admin1):  # "Georgia" among US states: the state too
        ctx.named_admin1.update(raw[c][9] for c in us_state_cands)
        ctx.us_local = (other_iso | (ctx.named_iso - state_like)) <= {"USA"}
    return ctx


def _person_before(text: str, h: _Hit, g: Gazetteer) -> str | None:
    """The capitalised word right before the name in its run, when it is not a place word, a
    title, a head of a name, a stop word, a demonym or an acronym, and does not open a sentence
    ("Lloyd Austin"); else None."""
    if h.widx < 1:
        return None
    words = h.run_words
    _, b, pw = words[h.widx - 1]
    if (
        pw[0].isupper()
        and text[b : h.start] == " "
        and pw not in PLACE_WORDS
        and pw not in START_HEADS
        and pw not in TITLES
        and pw.lower() not in _stopwords()
        and key_of(_strip_possessive(pw)) not in g.demonyms
        and not pw.isupper()
        and not pw.endswith(("'s", "'"))  # "China's Guangdong"
        and not _is_region_word(pw, g)
    ):
        return pw
    return None


def _is_region_word(w: str, g: Gazetteer) -> bool:
    """Whether ``w`` names a country, region or first-level division ("Texas Panhandle")."""
    rids = g.exact.get(key_of(w))
    return bool(rids) and g.raw[rids[0]][1] in ("country", "region", "admin1")


def _words_after(text: str, h: _Hit, g: Gazetteer) -> tuple[list[str], bool]:
    """The capitalised words that follow the name in its run, and whether they end a name of a
    thing (a word of ``END_HEADS``: "Texas Alcoholic Beverage Commission")."""
    words = h.run_words
    out = []
    k = h.wend
    while k < len(words) and words[k][2][0].isupper():
        out.append(words[k][2])
        if words[k][2] in END_HEADS:
            return out, True
        k += 1
    return out, False


def _resolve(
    text: str, hits: list[_Hit], g: Gazetteer, sent_of: Any, cache: dict[Any, Any] | None = None
) -> list[tuple[_Hit, int, str, str]]:
    """Apply the context rules; returns (hit, chosen row id, role, evidence) in text order."""
    if cache is None:
        cache = {}
    rows = _Rows(g)
    raw = g.raw
    ctx = _context(text, hits, g, cache)
    decided: list[tuple[_Hit, int, str, float] | None] = []
    quals = []
    prev_end = -10
    for h in hits:
        q = qualifier(text, h.end, g, cache) if text.startswith(", ", h.end) else None
        quals.append(q)
        # "in Darfur and Malakal": a name listed right after a kept one shares its trigger
        listed = prev_end >= 0 and _LISTED.fullmatch(text, prev_end, h.start) is not None
        d = _decide(text, h, g, ctx, q, listed, prev_end)
        decided.append(d)
        prev_end = h.end if d is not None else -10
    # nearby: divisions of the towns kept with evidence of their own; a second look at the rest
    for d in decided:
        if d is not None and d[3] >= DOCUMENT_COUNTRY and d[3] != NAME and raw[d[1]][1] in ("city", "admin2"):
            a1 = raw[d[1]][9]
            if a1:
                ctx.nearby_admin1.add(a1)
    new = ctx.nearby_admin1 - ctx.named_admin1
    if new:
        for i, h in enumerate(hits):
            if (decided[i] is None or decided[i][3] < NAME) and any(raw[c][9] in new for c in h.cands):  # type: ignore[index]
                d = _decide(text, h, g, ctx, quals[i], False, -10)
                if d is not None:
                    decided[i] = d

    # one sense per document: a name keeps the meaning it has where the evidence is strongest
    best_of: dict[str, tuple[_Hit, int, str, float]] = {}
    for d in decided:
        if d is not None and d[0].role == "name":
            k = key_of(text[d[0].start : d[0].end])
            if k not in best_of or d[3] > best_of[k][3]:
                best_of[k] = d
    if len(best_of) < sum(d is not None for d in decided):
        for i, d in enumerate(decided):
            if d is not None and d[0].role == "name":
                b = best_of[key_of(text[d[0].start : d[0].end])]
                if b[3] > d[3] and b[1] != d[1] and b[1] in d[0].cands:
                    decided[i] = (d[0], b[1], b[2], b[3])

    out: list[tuple[_Hit, int, str, str]] = []
    for i, h in enumerate(hits):
        d = decided[i]
        if d is None:
            continue
        _, rid, ev, _score = d
        role = h.role
        row = rows[rid]
        kind = row[1]
        key = key_of(text[h.start : h.end])
        # rule 9: currencies and diseases named after places; ethnic "Asian American"
        surface = text[h.start : h.end]
        if role == "demonym" and kind == "region" and _AMERICAN_AFTER.match(text, h.end):
            continue
        if surface.isupper() and (_CURRENCY_AFTER.match(text, h.end) or text[h.start - 1 : h.start] == "$"):
            continue
        if _DISEASE_AFTER.match(text, h.end):
            continue
        # rule 6: people; rule 7 for names of things around a place
        if role == "name" and (kind != "country" or key in FIRST_NAMES):
            prev = _prev_word(text, h.start)
            if prev in TITLES and not text[max(0, h.start - 4) : h.start].strip().endswith("of"):
                continue  # "Secretary Austin"
            if text[h.start - 2 : h.start] == ". " and _INITIAL_BEFORE.search(text, max(0, h.start - 4), h.start):
                continue  # "Michael D. Kennedy"
        if role == "name":
            pw = _person_before(text, h, g)
            if pw is not None:
                if kind in ("country", "region") and key not in FIRST_NAMES:
                    a = h.run_words[h.widx - 1][0]
                    if not _SENTENCE_START.search(text, max(0, a - 3), a):
                        role = "in_name"  # "United Russia", "Radio Free Asia" (not "Visit Iraq")
                else:
                    continue  # "Lloyd Austin", "John F. Kennedy"
            after, head = _words_after(text, h, g)
            if after and not head and (kind != "country" or key in FIRST_NAMES):
                nxt = after[0]
                if not (nxt in PLACE_WORDS or key_of(_strip_possessive(nxt)) in g.demonyms or nxt.isupper()):
                    strong = inherent(raw[rid]) and kind != "city"
                    if key in FIRST_NAMES or not (strong or len(after) >= 2):
                        continue  # "Victoria Nuland", "Chad Wolf"
                    role = "in_name"  # "Georgia Bureau of Investigation", "Ohio Supreme Court"
        if kind == "city" and row[0].startswith("The ") and text[max(0, h.start - 4) : h.start].lower() != "the ":
            continue  # "The Valley" (Anguilla) is not "Tennessee Valley"
        # Washington, D.C.
        if row[0] == "Washington, D.C.":
            m = _DC.match(text, h.end)
            if m:
                h.end = m.end()
        out.append((h, rid, role, ev))

    # rule 4: Washington / Georgia in US company
    us_sents: dict[int, set[str]] = {}
    us_states_in: dict[int, set[str]] = {}
    for h, rid, _, _ in out:
        r = rows[rid]
        if r[2] == "USA" and r[1] in ("admin1", "city", "admin2") and r[0] != "Washington, D.C.":
            us_sents.setdefault(sent_of(h.start), set()).add(r[0])
            if r[1] == "admin1":
                us_states_in.setdefault(sent_of(h.start), set()).add(r[0])
    final = []
    for i, (h, rid, role, ev) in enumerate(out):
        r = rows[rid]
        name = r[0]
        if role != "demonym" and name == "New York City" and key_of(text[h.start : h.end]) == "new york":
            states = us_states_in.get(sent_of(h.start), set()) - {"New York"}
            if states:  # "Texas, Kansas and New York": the state
                rid, ev = g.us_state.get("new york", rid), "nearby"
        if role != "demonym" and (name == "Washington, D.C." or (name == "Georgia" and r[1] == "country")):
            surface_key = key_of(text[h.start : h.end])
            if surface_key == "georgia" and ctx.us_local:
                rid, ev = g.us_state.get(surface_key, rid), "document"
            elif surface_key in ("washington", "georgia"):
                others = us_sents.get(sent_of(h.start), set()) - {"Washington", "Georgia"}
                after_us_town = i > 0 and text[out[i - 1][0].end : h.start] == ", " and rows[out[i - 1][1]][2] == "USA"
                if others or after_us_town:
                    rid = g.us_state.get(surface_key, rid)
                    ev = "qualified" if after_us_town else "nearby"
        # rule 7: in_name
        if role == "name":
            words = h.run_words
            before = words[: h.widx]
            starts = [k for k, (_, _, w) in enumerate(before) if w in START_HEADS]
            if (
                (
                    starts
                    and all(
                        w[0].isupper() or w in ("of", "on", "for", "the", "and", "in", "de")
                        for _, _, w in before[starts[0] :]
                    )
                )
                or (h.widx >= 1 and before[-1][2] == "State" and h.widx >= 2 and before[-2][2] == "Islamic")
                or _words_after(text, h, g)[1]
            ):
                role = "in_name"
        if role == "in_name" and raw[rid][1] in ("city", "admin2") and ev not in ("name", "qualified"):
            continue  # a town inside the name of a thing counts only when known by name ("Harvard University")
        final.append((h, rid, role, ev))
    # rule 10: the abbreviation that qualifies a kept town ("Louisville, Ky.") is a mention too
    extra = []
    for i in range(len(hits)):
        q = quals[i]
        if q is not None and q.abbreviation and decided[i] is not None and decided[i][2] == "qualified":  # type: ignore[index]
            extra.append((_Hit(q.start, q.end, q.rows, "name", q.start, [], 0, 0), q.rows[0], "name", "qualified"))
    if ctx.dateline_qual is not None and ctx.dateline_qual.abbreviation:
        q = ctx.dateline_qual
        if not any(e[0].start == q.start for e in extra):
            extra.append((_Hit(q.start, q.end, q.rows, "name", q.start, [], 0, 0), q.rows[0], "name", "dateline"))
    if extra:
        final = sorted([*final, *extra], key=lambda t: t[0].start)
    return final


def _decide(
    text: str, h: _Hit, g: Gazetteer, ctx: Context, q: Any, listed: bool, prev_end: int
) -> tuple[_Hit, int, str, float] | None:
    """The row a name means and the evidence, or None when the name is dropped. ``listed``: the
    name follows a kept one in a list ("X and Y", "X, Y"); ``prev_end``: where that one ends."""
    if h.role != "name":
        return (h, h.cands[0], "name", NAME)
    raw = g.raw
    f0 = raw[h.cands[0]]
    if len(h.cands) == 1 and f0[1] in ("country", "region"):
        return (h, h.cands[0], "name", NAME)
    if listed and text[prev_end : h.start] == ", " and len(h.cands) > 1:
        # "Buffalo, New York": after a town, a region's name is the region
        regions = tuple(c for c in h.cands if raw[c][1] in ("country", "admin1"))
        if regions:
            return (h, regions[0], "qualified", NAME)
    prev = _prev_word(text, h.start)
    trig = listed or triggered(text, h.start, h.end, prev) or prev in LOCATIVE
    in_dl = ctx.dateline is not None and ctx.dateline[0] <= h.start < ctx.dateline[1]
    res = choose(h.cands, g, ctx, q, in_dl, trig)
    if res is None:
        return None
    rid, ev, score = res
    return (h, rid, ev, score)
