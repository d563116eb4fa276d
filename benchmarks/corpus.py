"""The whole pipeline (load, tidy, readability, terms, themes, places) on a corpus folder.

    .venv/bin/python benchmarks/corpus.py --corpus ../shared/corpora/us_joint_statements
    .venv/bin/python benchmarks/corpus.py --corpus /tmp/corpora/wh_statements   # 5M words

Prints the time of loading and of the analyses, the words (as readability counts them) per
second, and the peak memory: the peak of the summed resident memory (RSS) of this process and
all its worker processes, sampled every 50 ms with psutil from a separate process, and the kernel's high-water marks
(``getrusage``: this process; the largest finished child). Targets (issue 7): the whole pipeline
under 60 s and peak memory under 2 GB on the 5-million-word corpus, on two cores.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import os
import resource
import time
import warnings
from pathlib import Path
from typing import Any


def _watch(pid: int, conn: Any, interval: float) -> None:
    """In a separate process: sample the summed RSS of ``pid`` and its children until told to stop;
    send that peak and the CPU seconds each process had used when last seen, summed (worker
    processes that are still alive at the end, such as loky's, count too; this one does not)."""
    import psutil

    root = psutil.Process(pid)
    me = os.getpid()
    peak = 0
    cpu: dict[int, float] = {}
    while not conn.poll(interval):
        total = 0
        try:
            procs = [root, *root.children(recursive=True)]
        except psutil.Error:
            break
        for p in procs:
            if p.pid == me:
                continue
            with contextlib.suppress(psutil.Error):
                total += p.memory_info().rss
                t = p.cpu_times()
                cpu[p.pid] = t.user + t.system
        peak = max(peak, total)
    conn.send((peak, sum(cpu.values())))


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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", required=True, type=Path, help="folder with txt/ and metadata.csv (or .txt files)")
    ap.add_argument("--metadata", type=Path, default=None, help="metadata CSV (default: metadata.csv in the folder)")
    ap.add_argument("--workers", type=int, default=None, help="worker processes (default: up to 2)")
    args = ap.parse_args()

    # The sampler is a process, not a thread: the pipeline forks its workers only from a
    # process without other threads (else it spawns them, which is slower to start).
    ctx = multiprocessing.get_context("spawn")
    here, there = ctx.Pipe()
    watcher = ctx.Process(target=_watch, args=(os.getpid(), there, 0.05), daemon=True)
    watcher.start()

    t0 = time.perf_counter()
    import statement_analysis as sa
    from statement_analysis import pipeline

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = sa.load_corpus(args.corpus, metadata=args.metadata)
    for w in caught:
        print(f"warning: {w.message}")
    parallel_log = listen_to_parallel()
    t1 = time.perf_counter()
    result = pipeline.run(corpus, workers=args.workers, progress=True)
    t2 = time.perf_counter()
    here.send("stop")
    tree_peak, tree_cpu = here.recv()
    watcher.join()

    words = int(result.documents["words"].sum())
    n_docs = len(result.documents)
    self_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # ru_maxrss is in KiB on Linux
    child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    total = t2 - t0
    print(f"corpus:          {args.corpus} ({n_docs:,} documents, {words:,} words)")
    print(f"load:            {t1 - t0:6.1f} s  ({words / (t1 - t0):,.0f} words/s)")
    print(f"analyses:        {t2 - t1:6.1f} s  ({words / (t2 - t1):,.0f} words/s)")
    print(f"whole pipeline:  {total:6.1f} s  ({words / total:,.0f} words/s); target < 60 s: {total / 60:.0%} of it")
    print(
        f"peak memory of the process tree (sampled sum of RSS): {tree_peak / 2**20:,.0f} MB; "
        f"target < 2 GB: {tree_peak / 2**31:.0%} of it"
    )
    # the watcher's sum covers workers still alive at the end; getrusage only finished ones
    cpu = max(tree_cpu, sum(getattr(resource.getrusage(w), f) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
              for f in ("ru_utime", "ru_stime")))  # fmt: skip
    print(
        f"CPU time of all processes: {cpu:.1f} s = {cpu / total:.2f} cores busy on average "
        f"(below 2 on two free cores: other work shares the machine, or a worker waited)"
    )
    print(f"high-water RSS (getrusage): this process {self_peak:,.0f} MB, largest finished child {child_peak:,.0f} MB")
    print(f"workers:         {'; '.join(dict.fromkeys(parallel_log)) or 'in this process'}")
    print("results:         " + ", ".join(f"{k} {len(v):,} rows" for k, v in result.tables.items()))


if __name__ == "__main__":
    main()
