"""Agreement of a CAP-aligned theme dictionary with hand-coded CAP major topics.

    .venv/bin/python benchmarks/cap_eval.py --data ../shared/cap_dev
    .venv/bin/python benchmarks/cap_eval.py --data ../shared/cap_dev --dictionary my.yaml --details

The data (``../shared/cap_dev``, see its README; never copied into the repository): US bill titles
of the 107th Congress coded by the Congressional Bills Project, and New York Times front-page
headlines 1996-2006 coded by Boydstun, each item with one CAP major topic code.

How each item is scored:

* the dictionary's answer is the **dominant CAP major topic** of the item: ``themes.code(...,
  by="document", level="major")`` then ``themes.dominant`` (the topic with the most matched terms;
  ties go to the topic that comes first in the dictionary). An item with no match is **uncoded**;
* gold codes 1-21 and 23 are policy topics; the headlines' media codes 24-31 (local government,
  weather, fires, arts, sports, obituaries, religion...) and code 99 (other) mean **not a policy
  topic**. These files follow the older US Policy Agendas codebook, in which immigration was part of
  topic 5 (labour, employment and immigration); the CAP master codebook made it topic 9, so an
  answer of 9 is scored as 5 here;
* ``accuracy (policy items)``: over items whose gold code is a policy topic, the share whose
  answer equals it (an uncoded item is wrong). This is the figure with targets: bill titles
  >= 0.55, headlines >= 0.35;
* ``accuracy (all items)``: over every item; an uncoded item is right only when the gold code is not
  a policy topic;
* ``uncoded``: the share of items the dictionary left without a topic;
* ``majority``: the accuracy of always answering the most frequent gold code of the same items.

For reference (the data's README): a supervised classifier trained on both halves reaches about
0.78 on the bill titles and 0.49 on the headlines; a dictionary needs no training data.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import pandas as pd

import statement_analysis as sa
from statement_analysis import themes

FILES = {
    "bill titles": ("uscongress_bills_cap_dev.csv", "text", "major"),
    "headlines": ("nytimes_headlines_cap_dev.csv", "Title", "Topic.Code"),
}
POLICY = {c for c in themes.CAP_MAJOR_TOPICS}
OLD_CODEBOOK = {9: 5}  # immigration was in topic 5 in the US Policy Agendas codebook these files use


def predict(texts: pd.Series, dictionary: object) -> pd.Series:
    """Dominant CAP major topic per text (index kept); <NA> when nothing matched."""
    stmts = [sa.load_statement(str(t) + "\n", doc_id=f"i{i}") for i, t in zip(texts.index, texts, strict=True)]
    corpus = sa.corpus_from_statements(stmts)
    toks = sa.tidy.tokens(corpus, lemmas=False)
    coded = themes.code(toks, dictionary=dictionary, by="document", level="major")
    cap_of = dict(zip(coded["theme"], coded["cap"], strict=False))
    dom = themes.dominant(coded).set_index("doc_id")["dominant"]
    out = pd.Series(pd.NA, index=texts.index, dtype="Int64")
    for i in texts.index:
        key = dom.get(f"i{i}", pd.NA)
        if not pd.isna(key):
            out[i] = int(cap_of[key])
    return out


def score(gold: pd.Series, pred: pd.Series) -> dict[str, float]:
    pred = pred.map(lambda c: OLD_CODEBOOK.get(c, c) if not pd.isna(c) else c)
    policy = gold.isin(POLICY)
    hit = (pred == gold).fillna(False).astype(bool)
    right_all = (policy & hit) | (~policy & pred.isna())
    pol_gold = gold[policy]
    return {
        "items": len(gold),
        "policy items": int(policy.sum()),
        "accuracy (policy items)": float(hit[policy].mean()),
        "majority (policy items)": float(pol_gold.value_counts(normalize=True).iloc[0]),
        "accuracy (all items)": float(right_all.mean()),
        "majority (all items)": float(gold.where(policy, 0).value_counts(normalize=True).iloc[0]),
        "uncoded": float(pred.isna().mean()),
        "uncoded (policy items)": float(pred[policy].isna().mean()),
    }


def details(gold: pd.Series, pred: pd.Series) -> pd.DataFrame:
    pred = pred.map(lambda c: OLD_CODEBOOK.get(c, c) if not pd.isna(c) else c)
    rows = []
    for c in sorted(POLICY - {9}):
        g, p = gold == c, (pred == c).fillna(False).astype(bool)
        rows.append(
            {
                "cap": c,
                "topic": themes.CAP_MAJOR_TOPICS[c][1],
                "gold": int(g.sum()),
                "answered": int(p.sum()),
                "recall": (g & p).sum() / g.sum() if g.sum() else float("nan"),
                "precision": (g & p).sum() / p.sum() if p.sum() else float("nan"),
            }
        )
    return pd.DataFrame(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", required=True, type=Path, help="folder with the CAP-coded CSV files (../shared/cap_dev)")
    ap.add_argument("--dictionary", default=None, help="shipped name or path (default: the general dictionary)")
    ap.add_argument("--details", action="store_true", help="also print recall and precision per topic")
    args = ap.parse_args()
    d = themes.resolve_dictionary(args.dictionary)
    print(f"dictionary: {d.name} ({d.source})")
    print(f"load average (1, 5, 15 min): {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for name, (filename, text_col, code_col) in FILES.items():
        path = args.data / filename
        if not path.is_file():
            print(f"{name}: {path} not found, skipped")
            continue
        df = pd.read_csv(path)
        t0 = time.perf_counter()
        pred = predict(df[text_col].fillna(""), d)
        secs = time.perf_counter() - t0
        gold = df[code_col].astype(int)
        s = score(gold, pred)
        n_items, n_policy = s["items"], s["policy items"]
        print(f"\n{name} ({filename}, column {text_col!r}): {n_items:,} items, {n_policy:,} with a policy code")
        for what in ("policy items", "all items"):
            acc, base = s[f"accuracy ({what})"], s[f"majority ({what})"]
            print(f"  accuracy ({what + ')':<14} {acc:.3f}   majority {base:.3f}")
        print(f"  uncoded                  {s['uncoded']:.3f}   (policy items: {s['uncoded (policy items)']:.3f})")
        print(f"  coded in {secs:.1f} s")
        if args.details:
            print(details(gold, pred).round(2).to_string(index=False))


if __name__ == "__main__":
    main()
