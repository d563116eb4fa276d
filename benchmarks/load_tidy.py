"""Benchmark: import time of statement_analysis, and load + tidy speed on a corpus folder.

Usage: python benchmarks/load_tidy.py --corpus ../shared/corpora/us_joint_statements

Prints the import time (best of 5 fresh interpreters; target < 0.5 s), then the time to load
the folder (with its metadata.csv) and to build the paragraph, sentence and token tables, with
words per second and peak memory (tracemalloc peak of Python allocations).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path


def import_time(repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        out = subprocess.run(
            [
                sys.executable,
                "-c",
                "import time; t=time.perf_counter(); import statement_analysis; print(time.perf_counter()-t)",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        best = min(best, float(out.stdout.strip()))
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, required=True, help="folder of .txt statements (with metadata.csv)")
    args = ap.parse_args()

    t_imp = import_time()
    print(f"import statement_analysis: {t_imp * 1000:.0f} ms (best of 5; target < 500 ms)")

    import statement_analysis as sa

    tracemalloc.start()
    t0 = time.perf_counter()
    corpus = sa.load_corpus(args.corpus, progress=False)
    t1 = time.perf_counter()
    paras = sa.tidy.paragraphs(corpus)
    t2 = time.perf_counter()
    sents = sa.tidy.sentences(corpus)
    t3 = time.perf_counter()
    toks = sa.tidy.tokens(corpus)
    t4 = time.perf_counter()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    words = int((~toks["is_punct"]).sum())
    print(f"corpus: {args.corpus} — {len(corpus)} statements, {words:,} words, {len(sents):,} sentences")
    for label, secs in (
        ("load", t1 - t0),
        ("paragraphs", t2 - t1),
        ("sentences", t3 - t2),
        ("tokens", t4 - t3),
        ("load + tidy", t4 - t0),
    ):
        print(f"{label:>12}: {secs:7.2f} s  {words / secs:>12,.0f} words/s")
    print(f"peak traced memory: {peak / 2**20:,.0f} MiB; {len(paras):,} paragraphs, {len(toks):,} tokens")


if __name__ == "__main__":
    main()
