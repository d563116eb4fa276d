"""Theme coding speed on a corpus folder: tokenising (foundation) and coding (this module) timed apart.

    .venv/bin/python benchmarks/themes.py --corpus ../shared/corpora/us_joint_statements
    .venv/bin/python benchmarks/themes.py --corpus /tmp/corpora/wh_statements   # 5M words

Prints words, seconds and words per second for: load, tokens, code by paragraph, code by document,
evidence; and the ratio of coding time to tokenising time. The goal (issue 5) is that coding a
5-million-word corpus takes seconds once the tokens exist.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import statement_analysis as sa
from statement_analysis import themes


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", required=True, type=Path, help="folder with txt/ and metadata.csv (or .txt files)")
    ap.add_argument("--form", default="lower", choices=["lower", "lemma"])
    args = ap.parse_args()
    folder = args.corpus
    meta = folder / "metadata.csv"
    t0 = time.perf_counter()
    metadata = None
    if meta.is_file():
        import pandas as pd

        # The foundation's loader refuses empty files (a few exist in the real corpora): leave them out.
        metadata = pd.read_csv(meta)
        keep = [(folder / f).is_file() and (folder / f).read_bytes().strip() != b"" for f in metadata["filename"]]
        if not all(keep):
            print(f"leaving out {len(keep) - sum(keep)} empty or missing file(s)")
        metadata = metadata[keep]
    corpus = sa.load_corpus(folder, metadata=metadata)
    t1 = time.perf_counter()
    toks = sa.tidy.tokens(corpus, lemmas=(args.form == "lemma"))
    t2 = time.perf_counter()
    words = int((~toks["is_punct"]).sum())
    themes.default_dictionary()
    t3 = time.perf_counter()
    by_para = themes.code(toks, form=args.form)
    t4 = time.perf_counter()
    by_doc = themes.code(toks, form=args.form, by="document")
    t5 = time.perf_counter()
    ev = themes.evidence(toks, form=args.form)
    t6 = time.perf_counter()
    assert int(ev["n"].sum()) == int(by_para["n"].sum()) == int(by_doc["n"].sum())
    print(f"corpus: {folder}  documents: {len(corpus)}  words: {words:,}  form: {args.form}")
    for name, secs in [
        ("load_corpus", t1 - t0),
        ("tidy.tokens", t2 - t1),
        ("load default dictionary", t3 - t2),
        ("themes.code by paragraph", t4 - t3),
        ("themes.code by document", t5 - t4),
        ("themes.evidence", t6 - t5),
    ]:
        print(f"{name:28s} {secs:8.2f} s   {words / secs / 1e6 if secs else float('inf'):8.2f} M words/s")
    print(f"matches: {len(ev):,}; rows by paragraph: {len(by_para):,}")
    print(f"ratio code(by paragraph) / tokens: {(t4 - t3) / (t2 - t1):.3f}")


if __name__ == "__main__":
    main()
