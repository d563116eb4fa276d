"""Theme tables: ``code`` (unit × theme counts and shares), ``dominant``, ``totals`` and ``evidence``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._options import choice
from ..aliases import Aliases
from ..errors import OptionError
from .matcher import _compile, _is_token_table, _run
from .model import CAP_MAJOR_TOPICS, ThemeDictionary

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd


# --------------------------------------------------------------------------------------------
# Public analyses


def code(
    x: Any,
    *,
    dictionary: ThemeDictionary | str | Path | Mapping[str, Any] | None = None,
    by: str = "paragraph",
    form: str = "lower",
    aliases: bool | Aliases = True,
    level: str = "theme",
) -> pd.DataFrame:
    """Theme breakdown per paragraph (``by="paragraph"``) or per document (``by="document"``).

    ``x`` is a ``Statement``, a corpus table, or a token table from ``sa.tidy.tokens``.
    ``dictionary`` is ``None`` (the general policy-agenda dictionary), the name of a shipped
    dictionary (``"general"``, ``"coalition"``: see ``dictionaries()``), a path (YAML, ``.dic``,
    ``.lc3``), a ``ThemeDictionary`` or a mapping in the YAML shape.

    ``level="theme"`` (default) gives one row per theme of the dictionary. ``level="major"``
    rolls themes up to the CAP major topic they declare (their first ``cap`` code): sub-themes
    such as terrorism or human rights become "International affairs", so two statements, or
    dictionaries, can be compared at that level. There ``n`` counts each term once per topic even
    when two sub-themes matched it, and the table has a ``cap`` column (the topic's code); it
    needs a dictionary whose themes all declare ``cap`` (``OptionError`` otherwise).

    Returns a long DataFrame, one row per unit × theme (zeros included), in document, paragraph
    and dictionary order: ``doc_id``, ``para_id`` (paragraph level only), ``theme`` (key),
    ``label``, (``cap``,) ``n`` (terms matched for the theme, each counted once), ``n_words``
    (word terms in the unit: tokens with a letter or digit, stop words included, a multi-word
    alias counted once), ``share`` (``n / n_words``, a fraction 0–1; NaN for a unit with no words)
    and ``is_dominant`` (the theme has the unit's largest ``n``, and ``n > 0``; ties all true).
    """
    import numpy as np
    import pandas as pd

    choice("by", by, ("paragraph", "document"))
    choice("level", level, ("theme", "major"))
    d, m = _run(x, dictionary, form, aliases)
    seq = m.seq
    if level == "major":
        majors, group = _major_groups(d)
        keys = [CAP_MAJOR_TOPICS[c][0] for c in majors]
        labels = [CAP_MAJOR_TOPICS[c][1] for c in majors]
        pos, grp = _covered(m.start, m.length, group[m.theme] if len(m.theme) else m.theme)
        # a term matched by two themes of the same topic counts once for the topic
        pair = np.unique(np.stack([grp, pos]), axis=1) if len(pos) else np.zeros((2, 0), dtype=np.int64)
        unit_pos, unit_grp, unit_len = pair[1], pair[0], np.ones(pair.shape[1], dtype=np.int64)
    else:
        keys = list(d.keys)
        labels = [t.label for t in d.themes]
        unit_pos, unit_grp, unit_len = m.start, m.theme, m.length
    k = len(keys)
    if by == "paragraph":
        change = (
            np.r_[True, (seq.unit_doc[1:] != seq.unit_doc[:-1]) | (seq.para[1:] != seq.para[:-1])]
            if len(seq.codes)
            else np.array([], bool)
        )
    else:
        change = np.r_[True, seq.unit_doc[1:] != seq.unit_doc[:-1]] if len(seq.codes) else np.array([], bool)
    unit = np.cumsum(change) - 1
    n_units = int(unit[-1] + 1) if len(unit) else 0
    heads = np.flatnonzero(change)
    n_words = np.bincount(unit, weights=seq.is_word, minlength=n_units).astype(np.int64)
    counts = np.bincount(unit[unit_pos] * k + unit_grp, weights=unit_len, minlength=n_units * k).astype(np.int64)
    counts = counts.reshape(n_units, k)
    best = counts.max(axis=1, keepdims=True) if k else np.zeros((n_units, 1), dtype=np.int64)
    is_dom = (counts == best) & (counts > 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(n_words[:, None] > 0, counts / np.maximum(n_words, 1)[:, None], np.nan)
    cols: dict[str, Any] = {"doc_id": np.repeat(np.array(seq.docs, dtype=object)[seq.unit_doc[heads]], k)}
    if by == "paragraph":
        cols["para_id"] = np.repeat(seq.para[heads], k)
    cols["theme"] = np.tile(np.array(keys, dtype=object), n_units)
    cols["label"] = np.tile(np.array(labels, dtype=object), n_units)
    if level == "major":
        cols["cap"] = np.tile(np.array(majors, dtype=np.int64), n_units)
    cols["n"] = counts.ravel()
    cols["n_words"] = np.repeat(n_words, k)
    cols["share"] = share.ravel()
    cols["is_dominant"] = is_dom.ravel()
    out = pd.DataFrame(cols)
    for c in ("doc_id", "theme", "label"):
        out[c] = out[c].astype("string")
    return out


def _major_groups(d: ThemeDictionary) -> tuple[list[int], np.ndarray]:
    """CAP major topics in order of first appearance, and each theme's index among them."""
    import numpy as np

    missing = [t.key for t in d.themes if not t.cap]
    if missing:
        raise OptionError(
            f"level='major' needs every theme to declare its CAP major topic (cap: [...]); "
            f"{d.name or d.source or 'this dictionary'} has none for: {', '.join(missing[:8])}"
            + (" ..." if len(missing) > 8 else "")
            + "; use level='theme', or add the codes to the dictionary"
        )
    majors: list[int] = []
    for t in d.themes:
        if t.major not in majors:
            majors.append(t.major)  # type: ignore[arg-type]
    return majors, np.array([majors.index(t.major) for t in d.themes], dtype=np.int64)  # type: ignore[arg-type]


def _covered(start: np.ndarray, length: np.ndarray, group: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every term position covered by the matches ``[start, start + length)``, with its match's group."""
    import numpy as np

    if not len(start):
        z = np.array([], dtype=np.int64)
        return z, z
    rep = np.repeat(np.arange(len(start)), length)
    offset = np.arange(len(rep)) - np.repeat(np.cumsum(length) - length, length)
    return start[rep] + offset, group[rep]


def dominant(coded: pd.DataFrame) -> pd.DataFrame:
    """The dominant theme of each unit in a ``code`` table.

    Returns one row per unit: the unit's keys (``doc_id``, ``para_id`` if present), ``dominant``
    (theme key with the most matched terms; missing when nothing matched), ``label``, ``n``,
    ``share``, ``n_words``, ``runner_up`` (next theme; missing if none matched), ``runner_up_n``,
    and ``tied_with`` (other themes with the same ``n`` as the dominant one, joined by ", ";
    empty when there is no tie — then ``dominant`` is simply the first of them in dictionary order).
    """
    import pandas as pd

    keys = [c for c in ("doc_id", "para_id") if c in coded.columns]
    rows = []
    for key, g in coded.groupby(keys, sort=False):
        key = key if isinstance(key, tuple) else (key,)
        order = g.sort_values("n", ascending=False, kind="stable")
        top = order.iloc[0]
        matched = order[order["n"] > 0]
        if len(matched) == 0:
            rows.append((*key, pd.NA, pd.NA, 0, 0.0 if top["n_words"] else float("nan"), top["n_words"], pd.NA, 0, ""))
            continue
        tied = matched[(matched["n"] == top["n"])]["theme"].tolist()[1:]
        second = matched.iloc[1] if len(matched) > 1 else None
        rows.append(
            (
                *key,
                top["theme"],
                top["label"],
                int(top["n"]),
                float(top["share"]),
                int(top["n_words"]),
                pd.NA if second is None else second["theme"],
                0 if second is None else int(second["n"]),
                ", ".join(tied),
            )
        )
    cols = [*keys, "dominant", "label", "n", "share", "n_words", "runner_up", "runner_up_n", "tied_with"]
    out = pd.DataFrame(rows, columns=cols)
    for c in ("dominant", "label", "runner_up", "tied_with"):
        out[c] = out[c].astype("string")
    return out


def totals(coded: pd.DataFrame) -> pd.DataFrame:
    """Pooled shares per theme over all units of a ``code`` table: ``theme``, ``label``, ``n``
    (matched terms), ``n_words`` (word terms of all units) and ``share`` (``n / n_words``), in
    dictionary order."""
    import pandas as pd

    unit_keys = [c for c in ("doc_id", "para_id") if c in coded.columns]
    total_words = int(coded.drop_duplicates(unit_keys)["n_words"].sum())
    g = coded.groupby(["theme", "label"], sort=False)["n"].sum().reset_index()
    g["n_words"] = total_words
    g["share"] = g["n"] / total_words if total_words else float("nan")
    return pd.DataFrame(g)


def evidence(
    x: Any,
    *,
    dictionary: ThemeDictionary | str | Path | Mapping[str, Any] | None = None,
    form: str = "lower",
    aliases: bool | Aliases = True,
    theme: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """Every match behind ``code``: one row per matched term or phrase, in text order.

    Columns: ``doc_id``, ``para_id``, ``sent_id``, ``theme``, ``label``, ``term`` (the dictionary
    entry as written), ``matched`` (the words as they stand in the text), ``n`` (terms counted),
    ``start``, ``end`` (character offsets into the normalised text, ``sa.tidy.document_texts``)
    and ``orig_start``, ``orig_end`` (the same span in the text as loaded). ``theme`` keeps only
    the given theme key(s). Summing ``n`` by unit and theme gives ``code``'s ``n``.
    """
    import numpy as np
    import pandas as pd

    d, m = _run(x, dictionary, form, aliases)
    seq = m.seq
    comp = _compile(d, form, None)  # entries as written (same order in every compilation)
    last = m.start + m.length - 1
    texts: dict[str, str] | None = None
    if not _is_token_table(x):
        from ..tidy import document_texts

        texts = document_texts(x)
    doc = np.array(seq.docs, dtype=object)[seq.unit_doc[m.start]] if len(m.start) else np.array([], dtype=object)
    starts = seq.start[m.start]
    ends = seq.end[last]
    if texts is not None:
        matched = [texts[dd][a:b] for dd, a, b in zip(doc, starts, ends, strict=True)]
    else:
        words = seq.tok_text.to_numpy(dtype=object)
        rows_a, rows_b = seq.tok_index[m.start], seq.tok_last[last]
        matched = [" ".join(words[a : b + 1]) for a, b in zip(rows_a, rows_b, strict=True)]
    out = pd.DataFrame(
        {
            "doc_id": doc,
            "para_id": seq.para[m.start],
            "sent_id": seq.sent_id[m.start],
            "theme": np.array(d.keys, dtype=object)[m.theme] if len(m.theme) else np.array([], dtype=object),
            "label": np.array([t.label for t in d.themes], dtype=object)[m.theme] if len(m.theme) else [],
            "term": [comp.entries[t][e][0] for t, e in zip(m.theme, m.entry, strict=True)],
            "matched": matched,
            "n": m.length.astype(np.int64),
            "start": starts.astype(np.int64),
            "end": ends.astype(np.int64),
            "orig_start": seq.orig_start[m.start],
            "orig_end": seq.orig_end[last],
        }
    )
    for c in ("doc_id", "theme", "label", "term", "matched"):
        out[c] = out[c].astype("string")
    if theme is not None:
        wanted = [theme] if isinstance(theme, str) else list(theme)
        unknown = [t for t in wanted if t not in d.keys]
        if unknown:
            raise OptionError(f"theme=: unknown theme(s) {unknown}; the dictionary has {list(d.keys)}")
        out = out[out["theme"].isin(wanted)].reset_index(drop=True)
    return out
