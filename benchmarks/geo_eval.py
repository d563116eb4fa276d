"""Recognition and resolution of ``places.mentions`` on public toponym gold standards.

    .venv/bin/python benchmarks/geo_eval.py --data /work/shared/geo_dev

Reads the development half of GeoWebNews, LGL, TR-News and GeoVirus (``*_dev.jsonl.xz``, one
document per line with gold ``toponyms``; the folder's README describes them) and prints, per
corpus and over all four:

* precision, recall and F1 of recognition, scored as the README says: a predicted mention is a
  true positive when it overlaps a gold span not matched yet; each gold span is matched at most
  once; every role counts as a prediction (name, demonym, in_name); for GeoWebNews only gold
  annotations with ``is_toponym: true`` are toponyms;
* resolution: of the true positives whose gold has coordinates, the share resolved within
  161 km (100 miles) of the gold point or to the same GeoNames id;
* words per second of ``places.mentions`` on the corpus (one process; words are runs of letters
  or digits).

That table is the official figure. A second table, labelled as such, gives per corpus the best
of two role sets, {name, in_name} and {name, in_name, demonym} (only those mentions count as
predictions): the figure comparable to the "best label set" of spaCy's NER in issue 14, which
was scored the same way (its GPE/LOC/FAC labels with or without NORP). GeoVirus annotates no
demonyms and TR-News counts them, so the best set differs by corpus; the extractor itself never
guesses which corpus a text comes from. ``geo_spacy.py`` scores spaCy's NER both ways.

``--dump DIR`` writes the false positives, misses and wrong resolutions of each corpus as TSV
files for reading (never commit them: they quote the evaluation data). The gold data is read
from the folder at run time and never copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import lzma
import math
import re
import sys
import time
from pathlib import Path

CORPORA = [
    ("GeoWebNews", "geowebnews_dev.jsonl.xz"),
    ("LGL", "lgl_dev.jsonl.xz"),
    ("TR-News", "trnews_dev.jsonl.xz"),
    ("GeoVirus", "geovirus_dev.jsonl.xz"),
]
KM = 161.0  # 100 miles
# role sets for the figure comparable to spaCy's best label set (issue 14)
ROLE_SETS = (("name", "in_name"), ("name", "in_name", "demonym"))


def _read(path: Path) -> list[dict]:
    with lzma.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _gold(doc: dict) -> list[dict]:
    out = []
    for t in doc["toponyms"]:
        if doc.get("corpus") == "GeoWebNews" and not t.get("is_toponym"):
            continue
        out.append(t)
    return sorted(out, key=lambda t: (t["start"], t["end"]))


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _resolved(pred: dict, gold: dict) -> bool | None:
    """True/False for a gold span with coordinates; None when the gold has none (not counted)."""
    glat, glon = gold.get("lat"), gold.get("lon")
    if glat is None or glon is None:
        return None
    gid, pid = gold.get("geonames_id"), pred["geonames_id"]
    if gid not in (None, "") and pid is not None and str(pid) == str(gid):
        return True
    if pred["lat"] != pred["lat"] or pred["lon"] != pred["lon"]:  # NaN: no point
        return False
    return _km(float(glat), float(glon), pred["lat"], pred["lon"]) <= KM


def score(docs: list[dict], m) -> dict:  # type: ignore[no-untyped-def]
    """Counts for one corpus: tp, fp, fn, resolved, resolvable, and the lists of errors."""
    import pandas as pd

    by_doc: dict[str, list[dict]] = {}
    for r in m.itertuples(index=False):
        by_doc.setdefault(str(r.doc_id), []).append(
            {
                "start": int(r.orig_start),
                "end": int(r.orig_end),
                "surface": r.surface,
                "place": r.place,
                "kind": r.kind,
                "role": r.role,
                "iso3": r.iso3,
                "lat": float(r.lat),
                "lon": float(r.lon),
                "geonames_id": None if pd.isna(r.geonames_id) else int(r.geonames_id),
                "evidence": getattr(r, "evidence", ""),
            }
        )
    c = {"tp": 0, "fp": 0, "fn": 0, "res": 0, "resolvable": 0, "fps": [], "fns": [], "wrong": []}
    for d in docs:
        gold = _gold(d)
        used = [False] * len(gold)
        preds = sorted(by_doc.get(str(d["id"]), []), key=lambda p: (p["start"], p["end"]))
        for p in preds:
            hit = None
            for i, gspan in enumerate(gold):
                if not used[i] and gspan["start"] < p["end"] and p["start"] < gspan["end"]:
                    hit = i
                    break
            if hit is None:
                c["fp"] += 1
                c["fps"].append((d["id"], p, d["text"]))
                continue
            used[hit] = True
            c["tp"] += 1
            ok = _resolved(p, gold[hit])
            if ok is not None:
                c["resolvable"] += 1
                c["res"] += ok
                if not ok:
                    c["wrong"].append((d["id"], p, gold[hit], d["text"]))
        for i, gspan in enumerate(gold):
            if not used[i]:
                c["fn"] += 1
                c["fns"].append((d["id"], gspan, d["text"]))
    return c


def _prf(c: dict) -> tuple[float, float, float]:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _ctx(text: str, a: int, b: int, w: int = 50) -> str:
    return (text[max(0, a - w) : a] + "[" + text[a:b] + "]" + text[b : b + w]).replace("\n", " ").replace("\t", " ")


def _dump(out: Path, name: str, c: dict) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with (out / f"{name}_fp.tsv").open("w", encoding="utf-8") as fh:
        for doc, p, text in c["fps"]:
            fh.write(f"{doc}\t{p['surface']}\t{p['place']}\t{p['kind']}\t{p['role']}\t{p['evidence']}\t")
            fh.write(_ctx(text, p["start"], p["end"]) + "\n")
    with (out / f"{name}_fn.tsv").open("w", encoding="utf-8") as fh:
        for doc, gspan, text in c["fns"]:
            extra = gspan.get("fcode") or gspan.get("type") or ""
            fh.write(f"{doc}\t{gspan['name']}\t{extra}\t" + _ctx(text, gspan["start"], gspan["end"]) + "\n")
    with (out / f"{name}_wrong.tsv").open("w", encoding="utf-8") as fh:
        for doc, p, gspan, text in c["wrong"]:
            d = _km(float(gspan["lat"]), float(gspan["lon"]), p["lat"], p["lon"]) if p["lat"] == p["lat"] else -1
            fh.write(
                f"{doc}\t{p['surface']}\t{p['place']}\t{p['iso3']}\t{p['evidence']}\t{gspan.get('country', '')}"
                f"\t{d:.0f}\t" + _ctx(text, p["start"], p["end"]) + "\n"
            )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="folder with the *_dev.jsonl.xz files")
    ap.add_argument("--dump", type=Path, default=None, help="write errors per corpus as TSV files here")
    a = ap.parse_args()
    if not a.data.is_dir():
        print(f"{a.data}: no such folder", file=sys.stderr)
        return 2

    import pandas as pd

    from statement_analysis import places

    t0 = time.perf_counter()
    places.load_gazetteer()
    t_gaz = time.perf_counter() - t0
    print(f"gazetteer load {t_gaz:.3f} s")
    print(f"{'corpus':12s} {'docs':>5s} {'gold':>6s} {'P':>6s} {'R':>6s} {'F1':>6s} {'resolved':>9s} {'words/s':>11s}")
    total = {"tp": 0, "fp": 0, "fn": 0, "res": 0, "resolvable": 0}
    comparable: list[tuple[str, tuple[str, ...], dict]] = []
    words_all, secs_all = 0, 0.0
    for name, fname in CORPORA:
        path = a.data / fname
        if not path.exists():
            print(f"{name:12s} missing ({path})")
            continue
        docs = _read(path)
        corpus = pd.DataFrame({"text": [d["text"] for d in docs]}, index=[str(d["id"]) for d in docs])
        n_words = sum(len(re.findall(r"[^\W_]+", t)) for t in corpus["text"])
        t0 = time.perf_counter()
        m = places.mentions(corpus)
        secs = time.perf_counter() - t0
        c = score(docs, m)
        p, r, f = _prf(c)
        res = c["res"] / c["resolvable"] if c["resolvable"] else 0.0
        n_gold = c["tp"] + c["fn"]
        print(f"{name:12s} {len(docs):5d} {n_gold:6d} {p:6.3f} {r:6.3f} {f:6.3f} {res:9.3f} {n_words / secs:11,.0f}")
        for k in total:
            total[k] += c[k]
        by_set = [(roles, score(docs, m[m["role"].isin(roles)])) for roles in ROLE_SETS]
        comparable.append((name, *max(by_set, key=lambda rc: _prf(rc[1])[2])))
        words_all += n_words
        secs_all += secs
        if a.dump is not None:
            _dump(a.dump, name.lower().replace("-", ""), c)
    p, r, f = _prf(total)
    res = total["res"] / total["resolvable"] if total["resolvable"] else 0.0
    n_gold = total["tp"] + total["fn"]
    print(f"{'all four':12s} {'':5s} {n_gold:6d} {p:6.3f} {r:6.3f} {f:6.3f} {res:9.3f} {words_all / secs_all:11,.0f}")
    print(
        f"(tp {total['tp']}, fp {total['fp']}, fn {total['fn']}; resolution over {total['resolvable']} "
        f"true positives with gold coordinates, within {KM:.0f} km or same GeoNames id)"
    )
    _print_comparable(comparable)
    return 0


def _print_comparable(rows: list[tuple[str, tuple[str, ...], dict]]) -> None:
    """The second table: per corpus, the better of the two role sets (not the official figure)."""
    print()
    print("Comparable to spaCy's best label set (issue 14): per corpus the better of the role sets")
    print(f"{' / '.join('+'.join(r) for r in ROLE_SETS)}; NOT the official figure above, which counts every role.")
    print(f"{'corpus':12s} {'roles':24s} {'P':>6s} {'R':>6s} {'F1':>6s} {'resolved':>9s}")
    total = {"tp": 0, "fp": 0, "fn": 0, "res": 0, "resolvable": 0}
    for name, roles, c in rows:
        p, r, f = _prf(c)
        res = c["res"] / c["resolvable"] if c["resolvable"] else 0.0
        print(f"{name:12s} {'+'.join(roles):24s} {p:6.3f} {r:6.3f} {f:6.3f} {res:9.3f}")
        for k in total:
            total[k] += c[k]
    p, r, f = _prf(total)
    res = total["res"] / total["resolvable"] if total["resolvable"] else 0.0
    print(f"{'all four':12s} {'(each corpus its set)':24s} {p:6.3f} {r:6.3f} {f:6.3f} {res:9.3f}")


if __name__ == "__main__":
    raise SystemExit(main())
