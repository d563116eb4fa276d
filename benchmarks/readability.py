"""Benchmark: readability scores of a corpus, textstat against statement_analysis, in one run.

Usage: python benchmarks/readability.py --corpus /tmp/corpora/wh_statements [--sample-words 500000]

Both score the same normalised document texts with the same nine formulas (textstat's public
functions, English, no rounding; text_standard as a float). Ours is timed on the whole corpus
through the public ``sa.readability.scores(corpus)`` (normalisation and table included; cold:
nothing cached, worker processes started inside the timing). textstat takes minutes on millions
of words, so by default it is timed on a random sample of documents (fixed seed) of at least
``--sample-words`` words, after a warm-up call that loads its dictionary; ``--sample-words 0``
times it on every document. Prints words per second of each, the ratio (target >= 20), the
largest absolute difference per formula on the documents textstat scored (target <= 1e-9),
and peak memory (maximum resident set of this process and of the worker processes).

Timings are wall-clock, cold each time (our dictionaries and word tables, textstat's caches and
Pyphen's dropped first), alternating ours and textstat's ``--repeat`` times; the best of each
counts. A busy machine hurts ours more (it needs both cores), so the CPU line also gives words
per CPU-second of each: the wall-clock ratio is that ratio times the parallel speed-up.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import time
from pathlib import Path


def cpu() -> float:
    """CPU seconds used so far by this process and its finished worker processes."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def fmt(times: list[float]) -> str:
    return ", ".join(f"{t:.2f}" for t in times)


def forget() -> None:
    """Drop everything our counter learnt or loaded, so that each timing starts cold."""
    from statement_analysis.readability import counter as rc

    for name in ("_cmu_syllables", "_pyphen", "_pattern_trie", "_pattern_letters", "_easy_words"):
        getattr(rc, name).cache_clear()
    for memo in (rc._SYLS, rc._PACKED_A, rc._PACKED_B, rc._SYLLABLES, rc._PACKED, rc._NO_SYLLABLE):
        memo.clear()


def clear_textstat_caches() -> None:
    """Empty textstat's own result caches (lru_cache on every count and formula) and Pyphen's
    memory of the words it hyphenated, so that each timing starts cold like ours."""
    import sys

    import pyphen

    for hd in pyphen.hdcache.values():
        hd.cache.clear()
    for name, module in list(sys.modules.items()):
        if name.startswith("textstat.backend."):
            for obj in vars(module).values():
                if callable(getattr(obj, "cache_clear", None)) and name != "textstat.backend.utils._get_cmudict":
                    obj.cache_clear()


def listen_to_parallel() -> list[str]:
    """The messages of ``statement_analysis.parallel``'s log (which start method each fan-out used)."""
    import logging

    seen: list[str] = []
    handler = logging.Handler(logging.DEBUG)
    handler.emit = lambda record: seen.append(record.getMessage())  # type: ignore[method-assign]
    log = logging.getLogger("statement_analysis.parallel")
    log.addHandler(handler)
    log.setLevel(logging.DEBUG)
    return seen


def read_folder(folder: Path):
    """The corpus table (``doc_id`` index, ``text``) of ``folder/txt/*.txt`` or ``folder/*.txt``.

    Read directly rather than with ``sa.load_corpus``, which refuses a folder holding an empty
    file (the White House corpus has one); an empty document scores 0 everywhere.
    """
    import pandas as pd

    files = sorted((folder / "txt").glob("*.txt")) or sorted(folder.glob("*.txt"))
    if not files:
        raise SystemExit(f"{folder}: no .txt files (expected {folder}/txt/*.txt)")
    texts = [f.read_text(encoding="utf-8") for f in files]
    return pd.DataFrame({"text": texts}, index=pd.Index([f.stem for f in files], name="doc_id"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, required=True, help="folder of .txt statements (with metadata.csv)")
    ap.add_argument("--sample-words", type=int, default=500_000, help="words for textstat's sample (0: all)")
    ap.add_argument("--seed", type=int, default=20170322, help="seed of textstat's document sample")
    ap.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1), help="processes for ours")
    ap.add_argument("--repeat", type=int, default=5, help="timings of each, alternating; the best counts")
    args = ap.parse_args()

    import statement_analysis as sa
    from statement_analysis import readability as rd

    corpus = read_folder(args.corpus)
    parallel_log = listen_to_parallel()
    texts = sa.tidy.document_texts(corpus)
    print(f"corpus: {args.corpus} — {len(corpus):,} documents, {os.cpu_count()} CPUs, versions {rd.versions()}")

    def run_ours():
        """Ours on everything, cold (dictionaries and word memos dropped first)."""
        forget()
        c0, t0 = cpu(), time.perf_counter()
        table = rd.scores(corpus, workers=args.workers)
        return table, time.perf_counter() - t0, cpu() - c0

    def run_textstat(ids):
        clear_textstat_caches()
        ts.flesch_reading_ease("Warm up the dictionary.")  # loads cmudict: not part of the timing
        c0, t0 = cpu(), time.perf_counter()
        out = {}
        for i in ids:
            t = texts[i]
            out[i] = (
                [getattr(ts, c)(t) for c in rd.SCORE_COLUMNS[:-1]]
                + [ts.text_standard(t, float_output=True)]
                + [ts.lexicon_count(t), ts.sentence_count(t), ts.syllable_count(t)]
            )
        return out, time.perf_counter() - t0, cpu() - c0

    ts = rd.offline_textstat()
    ours, t, c = run_ours()
    times_ours, cpu_ours = [t], [c]
    words_all = int(ours["words"].sum())
    ours = ours.set_index("doc_id")

    # textstat's documents: a random sample (or all).
    ids = list(texts)
    if args.sample_words and args.sample_words < words_all:
        random.Random(args.seed).shuffle(ids)
        picked, n = [], 0
        for i in ids:
            picked.append(i)
            n += int(ours.at[i, "words"])
            if n >= args.sample_words:
                break
        ids = sorted(picked)
        what = f"a random sample of {len(ids):,} documents (seed {args.seed})"
    else:
        what = "all documents"
    # Alternate the two, so that a busy spell on the machine hits both alike.
    times_ts, cpu_ts = [], []
    for k in range(args.repeat):
        theirs, t, c = run_textstat(ids)
        times_ts.append(t)
        cpu_ts.append(c)
        if k < args.repeat - 1:
            _, t, c = run_ours()
            times_ours.append(t)
            cpu_ours.append(c)
    t_ours, t_ts = min(times_ours), min(times_ts)
    words_ts = int(ours.loc[ids, "words"].sum())

    # Equality on the documents textstat scored.
    worst = {}
    for k, c in enumerate([*rd.SCORE_COLUMNS, "words", "sentences", "syllables"]):
        worst[c] = max(abs(float(ours.at[i, c]) - float(theirs[i][k])) for i in ids)
    equal = all(v <= 1e-9 for v in worst.values())

    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    wps_ours = words_all / t_ours
    wps_ts = words_ts / t_ts
    print(
        f"ours     : {words_all:>10,} words (whole corpus) in {t_ours:7.2f} s = {wps_ours:>12,.0f} words/s "
        f"({args.workers} worker processes; best of {fmt(times_ours)} s)"
    )
    print(f"textstat : {words_ts:>10,} words in {t_ts:7.2f} s = {wps_ts:>12,.0f} words/s (best of {fmt(times_ts)} s)")
    print(f"           on {what}; textstat's caches and Pyphen's emptied before each timing")
    print(f"ratio    : {wps_ours / wps_ts:.1f}x textstat's words per second (target >= 20)")
    per_cpu_ours, per_cpu_ts = words_all / min(cpu_ours), words_ts / min(cpu_ts)
    print(
        f"CPU      : ours {per_cpu_ours:,.0f} words per CPU-second (all processes), textstat {per_cpu_ts:,.0f}: "
        f"{per_cpu_ours / per_cpu_ts:.1f}x per core (the wall-clock ratio is this times the parallel speed-up)"
    )
    print(f"equal    : {'yes' if equal else 'NO'} — largest absolute difference per column on textstat's documents:")
    for c, v in worst.items():
        print(f"           {c:<30} {v:.3g}")
    print(f"workers  : {'; '.join(dict.fromkeys(parallel_log)) or 'in this process'}")
    print(f"memory   : peak resident {self_kb / 1024:,.0f} MiB (this process), {child_kb / 1024:,.0f} MiB (worker)")


if __name__ == "__main__":
    main()
