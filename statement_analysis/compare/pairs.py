"""Two statements side by side: readability, distinctive terms, themes and places, each with the
change from ``a`` to ``b``, and ``pair`` holding all four."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._options import choice, integer
from ..errors import CompareError

if TYPE_CHECKING:
    import pandas as pd


# ---------------------------------------------------------------------------------------------
# two statements


def _distinct(a: Any, b: Any) -> tuple[Any, Any]:
    """``a`` and ``b`` with no ``doc_id`` in common (keyness leaves shared ids out of b)."""
    from .._docs import iter_documents
    from ..statement import Statement

    ids_a = {d for d, _ in iter_documents(a)}
    ids_b = {d for d, _ in iter_documents(b)}
    if not ids_a & ids_b:
        return a, b
    if isinstance(b, Statement):
        return a, dataclasses.replace(b, doc_id=f"{b.doc_id} (b)")
    b = b.copy()
    b.index = [f"{i} (b)" if str(i) in ids_a else i for i in b.index.astype(str)]
    b.index.name = "doc_id"
    return a, b


def readability_change(a: Any, b: Any) -> pd.DataFrame:
    """Readability of ``a`` and ``b`` side by side.

    For a corpus table, the scores are the means over its documents that have words, and the
    counts are sums; a side without words has NaN scores. Returns one row per measure:
    ``measure`` (score or count column of ``readability.scores``), ``name``, ``unit``, ``a``,
    ``b``, ``change`` (``b − a``) and ``easier`` (for scores: True when ``b`` reads easier than
    ``a`` — a higher Reading Ease, a lower grade or Dale–Chall score; NA for counts and
    unchanged scores).
    """
    import pandas as pd

    from .. import readability

    def summary(x: Any) -> pd.Series:
        t = readability.scores(x, by="document")
        words = t[t["words"] > 0]  # no words: NaN scores, not textstat's 0 (which would read as "very hard")
        s = words[list(readability.SCORE_COLUMNS)].astype(float).mean()
        return pd.concat([s, t[list(readability.COUNT_COLUMNS)].sum().astype(float)])

    sa_, sb = summary(a), summary(b)
    info = {f.column: f for f in readability.FORMULAS}
    rows = []
    for m in sa_.index:
        f = info.get(m)
        change = float(sb[m] - sa_[m])
        if f is None or change == 0 or change != change:  # a count, no change, or NaN
            easier: Any = pd.NA
        else:
            easier = change > 0 if m == "flesch_reading_ease" else change < 0
        rows.append(
            (
                m,
                f.name if f else m.replace("_", " "),
                f.unit if f else "count",
                float(sa_[m]),
                float(sb[m]),
                change,
                easier,
            )
        )
    out = pd.DataFrame(rows, columns=["measure", "name", "unit", "a", "b", "change", "easier"])
    out["easier"] = out["easier"].astype("boolean")
    return out


def distinctive_terms(a: Any, b: Any, *, n: int = 15, **keyness_options: Any) -> pd.DataFrame:
    """The ``n`` terms most distinctive of ``a`` against ``b`` and the ``n`` most distinctive of
    ``b`` against ``a`` (``terms.keyness(a, b, measure="g2")``; options are passed on).

    Returns ``term``, ``distinctive_of`` (``"a"`` or ``"b"``), ``n_a``, ``n_b`` (counts),
    ``per_1k_a``, ``per_1k_b`` (per 1,000 counted terms), ``g2`` (log-likelihood, signed: + for
    ``a``), ``p_g2``, ``log_ratio`` (log₂ of the rate in ``a`` over the rate in ``b``); the terms
    of ``a`` first, strongest first, then those of ``b``, strongest first. An empty table (same
    columns, the reason in ``attrs["note"]``) when either side has no counted terms.
    """
    import pandas as pd

    from .. import terms

    n = integer("n", n, minimum=1, error=CompareError)
    a, b = _distinct(a, b)
    if "sort_by" not in keyness_options:
        keyness_options.setdefault("measure", "g2")
    cols = ["term", "distinctive_of", "n_a", "n_b", "per_1k_a", "per_1k_b", "g2", "p_g2", "log_ratio"]
    try:
        k = terms.keyness(a, b, **keyness_options)
    except terms.TermsError as exc:
        if "no counted terms" not in str(exc):
            raise
        out = pd.DataFrame({c: pd.Series(dtype=object if c in ("term", "distinctive_of") else float) for c in cols})
        out.attrs["note"] = f"no distinctive terms: {exc}"
        return out
    k = k.rename(
        columns={
            "n_target": "n_a",
            "n_reference": "n_b",
            "per_1k_target": "per_1k_a",
            "per_1k_reference": "per_1k_b",
        }
    )
    top_a = k[k["direction"] == "target"].head(n).assign(distinctive_of="a")
    top_b = k[k["direction"] == "reference"].iloc[::-1].head(n).assign(distinctive_of="b")
    return pd.concat([top_a, top_b], ignore_index=True)[cols]


def theme_change(a: Any, b: Any, *, dictionary: Any = None) -> pd.DataFrame:
    """Each theme's share of the words in ``a`` and ``b``, and the change.

    Shares are pooled over all documents of each side (``themes.totals`` of
    ``themes.code(..., by="document")``). Returns one row per theme, in dictionary order:
    ``theme``, ``label``, ``n_a``, ``n_b`` (matched terms), ``words_a``, ``words_b`` (word terms),
    ``share_a``, ``share_b`` (fractions 0–1), ``change`` (``share_b − share_a``, in fractions of
    the words: ×100 for percentage points) and ``ratio`` (``share_b / share_a``; inf when the theme
    is new in ``b``, NaN when absent from both).
    """
    import numpy as np
    import pandas as pd

    from .. import themes
    from ..themes.formats import _resolve

    d = _resolve(dictionary)

    def side(x: Any) -> pd.DataFrame:
        # A text without words has no rows in the coded table: zeros, and NaN shares.
        t = themes.totals(themes.code(x, by="document", dictionary=d)).set_index("theme")
        t = t.reindex(d.keys)
        return t.assign(n=t["n"].fillna(0), n_words=t["n_words"].fillna(0))

    ta, tb = side(a), side(b)
    out = pd.DataFrame(
        {
            "theme": list(d.keys),
            "label": [t.label for t in d.themes],
            "n_a": ta["n"].to_numpy(dtype=np.int64),
            "n_b": tb["n"].to_numpy(dtype=np.int64),
            "words_a": ta["n_words"].to_numpy(dtype=np.int64),
            "words_b": tb["n_words"].to_numpy(dtype=np.int64),
            "share_a": ta["share"].to_numpy(dtype=float),
            "share_b": tb["share"].to_numpy(dtype=float),
        }
    )
    out["change"] = out["share_b"] - out["share_a"]
    with np.errstate(divide="ignore", invalid="ignore"):
        out["ratio"] = out["share_b"] / out["share_a"]
    return out


def place_change(a: Any, b: Any, *, level: str = "place", roles: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Places named in ``a`` and in ``b``: what was gained, lost, named more or less.

    Args:
        a, b: statements or corpus tables.
        level: ``"place"`` (each place: country, province, city or region) or ``"country"``
            (places rolled up to their country, as ``places.country_counts``).
        roles: count only mentions in these roles (``"name"``, ``"demonym"``, ``"in_name"``);
            default all.

    Returns one row per place named in either: ``place`` (or ``country``), ``kind`` (place level
    only), ``iso3``, ``a``, ``b`` (mentions), ``change`` (``b − a``) and ``status``: ``gained``
    (only in ``b``), ``lost`` (only in ``a``), ``more``, ``fewer`` or ``same``; gained first, then
    lost, more, fewer, same, each by size of the change and then by name. When neither side
    names a place: an empty table with these columns (a normal case, not an error).
    """
    import numpy as np
    import pandas as pd

    from .. import places

    choice("level", level, ("place", "country"), error=CompareError)
    ma, mb = places.mentions(a), places.mentions(b)
    if roles is not None:
        ma, mb = ma[ma["role"].isin(roles)], mb[mb["role"].isin(roles)]
    key = ["place", "kind", "iso3"] if level == "place" else ["country", "iso3"]
    counts = places.place_counts if level == "place" else places.country_counts

    def side(m: pd.DataFrame) -> pd.Series:
        if len(m):
            c = counts(m)
            if len(c):
                return c.set_index(key)["mentions"]
        # no place named on this side: an empty count with the same index levels
        return pd.Series([], dtype="int64", index=pd.MultiIndex.from_arrays([[]] * len(key), names=key))

    ca, cb = side(ma), side(mb)
    if not len(ca) and not len(cb):
        out = pd.DataFrame({c: pd.Series(dtype=object) for c in key})
        for c in ("a", "b", "change"):
            out[c] = pd.Series(dtype="int64")
        out["status"] = pd.Series(dtype=object)
        return out
    both = pd.concat([ca.rename("a"), cb.rename("b")], axis=1).fillna(0).astype("int64")
    both.index.names = key
    out = both.reset_index()
    out["change"] = out["b"] - out["a"]
    out["status"] = np.select(
        [out["a"] == 0, out["b"] == 0, out["change"] > 0, out["change"] < 0],
        ["gained", "lost", "more", "fewer"],
        "same",
    )
    order = {"gained": 0, "lost": 1, "more": 2, "fewer": 3, "same": 4}
    out["_o"] = out["status"].map(order)
    out["_abs"] = -out["change"].abs()
    name = key[0]
    out = out.sort_values(["_o", "_abs", name], kind="mergesort").drop(columns=["_o", "_abs"])
    return out.reset_index(drop=True)


@dataclass(frozen=True)
class PairComparison:
    """Everything ``pair`` compares; each attribute is the table of the function of that name."""

    labels: tuple[str, str]
    readability: pd.DataFrame  # readability_change
    terms: pd.DataFrame  # distinctive_terms
    themes: pd.DataFrame  # theme_change
    places: pd.DataFrame  # place_change (level="place")

    def table(self) -> pd.DataFrame:
        """The headline figures side by side: ``section``, ``measure``, ``a``, ``b``, ``change``
        (strings, ready to show; the numeric tables are the attributes). Column names are the
        two labels instead of ``a`` and ``b``."""
        import pandas as pd

        la, lb = self.labels
        rows: list[tuple[str, str, str, str, str]] = []
        r = self.readability.set_index("measure")
        for m, fmt in (
            ("words", "{:,.0f}"),
            ("sentences", "{:,.0f}"),
            ("flesch_reading_ease", "{:.1f}"),
            ("flesch_kincaid_grade", "{:.1f}"),
            ("gunning_fog", "{:.1f}"),
            ("dale_chall_readability_score", "{:.2f}"),
        ):
            row = r.loc[m]
            name = f"{row['name']} ({row['unit']})"
            rows.append(("readability", name, fmt.format(row["a"]), fmt.format(row["b"]), f"{row['change']:+.2f}"))
        for t in self.themes.itertuples(index=False):
            change = f"{t.change * 100:+.2f} pp"
            rows.append(("themes", f"{t.label} (% of words)", f"{t.share_a:.1%}", f"{t.share_b:.1%}", change))
        p = self.places
        for status in ("gained", "lost"):
            names = p.loc[p["status"] == status, p.columns[0]].astype(str).tolist()
            shown = ", ".join(names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "")
            rows.append(("places", f"named only in {lb if status == 'gained' else la}", "", "", shown or "none"))
        top_a = ", ".join(self.terms.loc[self.terms["distinctive_of"] == "a", "term"].head(8).astype(str))
        top_b = ", ".join(self.terms.loc[self.terms["distinctive_of"] == "b", "term"].head(8).astype(str))
        rows.append(("terms", f"most distinctive of {la}", top_a, "", ""))
        rows.append(("terms", f"most distinctive of {lb}", "", top_b, ""))
        return pd.DataFrame(rows, columns=["section", "measure", la, lb, "change"])


def pair(
    a: Any,
    b: Any,
    *,
    labels: tuple[str, str] | None = None,
    n_terms: int = 15,
    dictionary: Any = None,
) -> PairComparison:
    """Compare two statements (or two corpora) on readability, terms, themes and places.

    ``labels`` name the two sides in tables and charts (default: their dates, or titles, or
    "A" and "B"). Returns a ``PairComparison``.
    """
    a, b = _distinct(a, b)
    return PairComparison(
        labels=labels or (_label(a, "A"), _label(b, "B")),
        readability=readability_change(a, b),
        terms=distinctive_terms(a, b, n=n_terms),
        themes=theme_change(a, b, dictionary=dictionary),
        places=place_change(a, b),
    )


def _label(x: Any, default: str) -> str:
    from ..statement import Statement

    if isinstance(x, Statement):
        if x.date is not None:
            return f"{default}: {x.date:%Y-%m-%d}"
        return f"{default}: {x.title[:40]}" if x.title else default
    return default
