"""Counts from a mentions table: per place, per country (places inside rolled up), per world
region, and pairs of places named in the same paragraph.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._options import choice, renamed
from ..errors import PlacesError
from .gazetteer import load_gazetteer

if TYPE_CHECKING:
    import pandas as pd


# ---------------------------------------------------------------------------------------------
# summaries


def _check(m: pd.DataFrame) -> None:
    missing = {"doc_id", "place", "kind", "role", "iso3"} - set(getattr(m, "columns", ()))
    if missing:
        from ..errors import InputTypeError

        raise InputTypeError(f"expected a table from places.mentions(...), missing columns {sorted(missing)}")


def place_counts(m: pd.DataFrame) -> pd.DataFrame:
    """Mentions per place: ``place``, ``kind``, ``iso3``, ``lat``, ``lon``, ``geonames_id``,
    ``mentions`` (all roles), ``name``, ``demonym``, ``in_name`` (mentions in each role) and
    ``documents`` (how many documents name it); most mentioned first, ties by name."""
    import pandas as pd

    _check(m)
    cols = ["place", "kind", "iso3", "lat", "lon", "geonames_id", "mentions", "name", "demonym", "in_name", "documents"]
    if m.empty:
        return pd.DataFrame(columns=cols)
    key = ["place", "kind", "iso3"]
    roles = pd.crosstab([m[k] for k in key], m["role"]).reindex(columns=["name", "demonym", "in_name"], fill_value=0)
    first = m.groupby(key, sort=False)[["lat", "lon", "geonames_id"]].first()
    docs = m.groupby(key)["doc_id"].nunique().rename("documents")
    out = first.join(roles).join(docs)
    out["mentions"] = out[["name", "demonym", "in_name"]].sum(axis=1)
    out = out.reset_index()[cols]
    for c in ("mentions", "name", "demonym", "in_name", "documents"):
        out[c] = out[c].astype("int64")
    return out.sort_values(["mentions", "place"], ascending=[False, True], ignore_index=True)


def country_counts(m: pd.DataFrame) -> pd.DataFrame:
    """Mentions per country, places inside it rolled up: ``iso3``, ``country``, ``mentions`` (all),
    ``as_country`` (the country itself, any role), ``within`` (its cities and provinces),
    ``demonym`` (demonym mentions), ``documents``, ``continent``, ``subregion``. Regions without a
    country (Middle East, Sahel...) are left out: see ``place_counts``."""
    import pandas as pd

    _check(m)
    g = load_gazetteer()
    cols = ["iso3", "country", "mentions", "as_country", "within", "demonym", "documents", "continent", "subregion"]
    sub = m[m["iso3"].astype(str) != ""]
    if sub.empty:
        return pd.DataFrame(columns=cols)
    grp = sub.groupby("iso3")
    out = pd.DataFrame(
        {
            "mentions": grp.size(),
            "as_country": grp["kind"].apply(lambda s: int((s == "country").sum())),
            "within": grp["kind"].apply(lambda s: int((s != "country").sum())),
            "demonym": grp["role"].apply(lambda s: int((s == "demonym").sum())),
            "documents": grp["doc_id"].nunique(),
        }
    ).reset_index()
    info = {iso: g.row(r) for iso, r in g.by_iso3.items()}
    out["country"] = out["iso3"].map(lambda i: info[i][0] if i in info else i)
    out["continent"] = out["iso3"].map(lambda i: info[i][7] if i in info else "")
    out["subregion"] = out["iso3"].map(lambda i: info[i][8] if i in info else "")
    out = out[cols]
    for c in ("mentions", "as_country", "within", "demonym", "documents"):
        out[c] = out[c].astype("int64")
    return out.sort_values(["mentions", "country"], ascending=[False, True], ignore_index=True)


def region_counts(m: pd.DataFrame, *, level: str = "subregion") -> pd.DataFrame:
    """Mentions per world region: every mention with a country is counted in its country's
    ``level`` ("subregion": UN M49 sub-regions such as Western Asia; or "continent"). Columns:
    ``region``, ``mentions``, ``countries`` (distinct countries named), ``documents``. Named regions
    (Middle East, Sahel...) are not rolled up (their borders are not countries'): see ``place_counts``."""
    import pandas as pd

    choice("level", level, ("subregion", "continent"), error=PlacesError)
    cc = country_counts(m)
    cols = ["region", "mentions", "countries", "documents"]
    if cc.empty:
        return pd.DataFrame(columns=cols)
    sub = m[m["iso3"].astype(str) != ""].copy()
    sub["region"] = sub["iso3"].map(dict(zip(cc["iso3"], cc[level], strict=True))).replace("", "(unknown)")
    grp = sub.groupby("region")
    out = pd.DataFrame(
        {"mentions": grp.size(), "countries": grp["iso3"].nunique(), "documents": grp["doc_id"].nunique()}
    ).reset_index()[cols]
    return out.sort_values(["mentions", "region"], ascending=[False, True], ignore_index=True)


@renamed(by="level")
def cooccurrence(
    m: pd.DataFrame, *, level: str = "place", roles: tuple[str, ...] = ("name", "demonym", "in_name")
) -> pd.DataFrame:
    """Pairs of places named in the same paragraph: ``a``, ``b`` (``a`` < ``b`` alphabetically),
    ``paragraphs`` (how many paragraphs name both), ``documents``. ``level="country"`` (was
    ``by=``) pairs countries
    (iso3, cities rolled up) instead of places; ``roles`` picks which mentions count. Most frequent first."""
    import itertools

    import pandas as pd

    _check(m)
    choice("level", level, ("place", "country"), error=PlacesError)
    if isinstance(roles, str) or not set(roles) <= {"name", "demonym", "in_name"}:
        raise PlacesError(f"roles= must be a tuple of 'name', 'demonym' and 'in_name', not {roles!r}")
    sub = m[m["role"].isin(roles)]
    if level == "country":
        sub = sub[sub["iso3"].astype(str) != ""]
        col = "iso3"
    else:
        col = "place"
    counts: dict[tuple[str, str], list[Any]] = {}
    for (doc, _pid), s in sub.groupby(["doc_id", "para_id"], sort=True)[col]:
        for a, b in itertools.combinations(sorted(set(s)), 2):
            e = counts.setdefault((a, b), [0, set()])
            e[0] += 1
            e[1].add(doc)
    out = pd.DataFrame(
        [(a, b, n, len(d)) for (a, b), (n, d) in counts.items()], columns=["a", "b", "paragraphs", "documents"]
    )
    if out.empty:
        return out.astype({"paragraphs": "int64", "documents": "int64"})
    return out.sort_values(["paragraphs", "a", "b"], ascending=[False, True, True], ignore_index=True)
