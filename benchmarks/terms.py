"""Benchmark: term analyses on a corpus folder (frequencies, n-grams, collocations, TF-IDF,
keyness, KWIC, dispersion).

Usage: python benchmarks/terms.py --corpus ../shared/corpora/us_joint_statements

Tokenises the corpus once with ``sa.tidy.tokens`` (timed separately: it belongs to tidy), then
times each term analysis on that token table and prints seconds, words per second and the peak
resident memory of the process. Goal for the whole pipeline: 5M words in under a minute.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, required=True, help="folder of .txt statements (with metadata.csv)")
    args = ap.parse_args()

    import statement_analysis as sa
    from statement_analysis import terms

    t0 = time.perf_counter()
    try:
        corpus = sa.load_corpus(args.corpus)
    except sa.StatementAnalysisError as exc:  # e.g. an empty file in a real archive
        import pandas as pd

        print(f"  load_corpus refused the folder ({exc}); reading the non-empty .txt files directly")
        files = sorted((args.corpus / "txt").glob("*.txt")) or sorted(args.corpus.glob("*.txt"))
        texts = {f.stem: f.read_text("utf-8") for f in files}
        texts = {k: v for k, v in texts.items() if v.strip()}
        corpus = pd.DataFrame({"text": list(texts.values())}, index=pd.Index(list(texts), name="doc_id"))
    t1 = time.perf_counter()
    toks = sa.tidy.tokens(corpus, lemmas=False)
    t2 = time.perf_counter()
    words = int((~toks["is_punct"]).sum())
    print(f"corpus: {args.corpus} — {len(corpus)} statements, {words:,} words, {len(toks):,} tokens")
    print(f"  load {t1 - t0:6.1f} s | tidy.tokens {t2 - t1:6.1f} s (not part of terms; reused below)")

    half = corpus.index[: len(corpus) // 2]
    steps = {
        "frequencies ngram=1": lambda: terms.frequencies(toks),
        "frequencies ngram=2": lambda: terms.frequencies(toks, ngram=2),
        "frequencies ngram=3": lambda: terms.frequencies(toks, ngram=3),
        "frequencies by=document": lambda: terms.frequencies(toks, by="document"),
        "collocations": lambda: terms.collocations(toks, min_count=5),
        "tfidf by=document": lambda: terms.tfidf(toks, by="document"),
        "keyness (first half vs rest)": lambda: terms.keyness(toks, select=list(half)),
        "kwic 'sanction*'": lambda: terms.kwic(toks, "sanction*"),
        "dispersion 3 terms": lambda: terms.dispersion(toks, ["Ukraine", "China", "climate"]),
    }
    total = total_cpu = 0.0
    print(f"  {'analysis':30s} {'wall':>7s} {'cpu':>7s}  M words/s (cpu)")
    for name, fn in steps.items():
        t, c = time.perf_counter(), time.process_time()
        out = fn()
        dt, dc = time.perf_counter() - t, time.process_time() - c
        total += dt
        total_cpu += dc
        print(f"  {name:30s} {dt:6.2f}s {dc:6.2f}s  {words / max(dc, 1e-9) / 1e6:6.2f}  ({len(out):,} rows)")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"all term analyses: {total:.1f} s wall, {total_cpu:.1f} s cpu for {words:,} words")
    print(
        f"projected for 5M words (terms only, linear, cpu): {total_cpu * 5e6 / words:.0f} s; "
        f"peak RSS {peak_mb:,.0f} MB (tokens table included)"
    )


if __name__ == "__main__":
    main()
