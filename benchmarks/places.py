"""Speed of place extraction: words per second of ``places.mentions`` on a folder of statements.

    .venv/bin/python benchmarks/places.py --corpus /tmp/corpora/wh_statements

Prints the gazetteer load time, the fixed cost of one ``mentions`` call on a one-sentence
statement (median of 2,000 calls, target at most 0.3 ms, and the part of it spent building the
table), the corpus size (words counted as runs of letters or digits), the extraction time and
words per second against the target of 1,000,000 words per second, in one process and with
``--workers`` processes, and the mention counts by kind, role and evidence. Loading the files is
timed separately and not counted.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

TARGET_WPS = 1_000_000
TARGET_CALL_MS = 0.3
SENTENCE = "Ministers of the Global Coalition met in Rome on Tuesday to discuss Syria and Iraq."


def _fixed_cost(sa, places) -> None:  # type: ignore[no-untyped-def]
    """Median time of ``mentions`` on one sentence, and of building its table alone."""
    import statistics

    from statement_analysis.places.mentions import MENTION_COLUMNS, _table

    st = sa.load_statement(SENTENCE)
    m = places.mentions(st)
    times = []
    for _ in range(2000):
        t0 = time.perf_counter()
        places.mentions(st)
        times.append(time.perf_counter() - t0)
    cols = {c: m[c].tolist() for c in MENTION_COLUMNS}
    cols["geonames_id"] = [None if v is sa_na(v) else int(v) for v in cols["geonames_id"]]
    t_table = []
    for _ in range(2000):
        t0 = time.perf_counter()
        _table(cols)
        t_table.append(time.perf_counter() - t0)
    call = statistics.median(times) * 1e3
    table = statistics.median(t_table) * 1e3
    print(
        f"one-sentence call     {call:8.3f} ms ({len(m)} mentions; table building {table:.3f} ms); "
        f"ratio to target {call / TARGET_CALL_MS:5.2f}x (target <= {TARGET_CALL_MS} ms)"
    )


def sa_na(v):  # type: ignore[no-untyped-def]
    """``v`` itself when it is a missing value (pd.NA), else a sentinel that is never ``v``."""
    import pandas as pd

    return v if v is pd.NA else object()


def _read(folder: Path, sa) -> object:
    """The corpus table. ``sa.load_corpus`` refuses a folder with empty files (the White House corpus
    has about 40); here every file is read as it is, empty ones kept (they name no place)."""
    import pandas as pd

    try:
        return sa.load_corpus(folder, progress=False)
    except sa.EmptyStatementError:
        files = sorted(folder.rglob("*.txt"))
        return pd.DataFrame(
            {"text": [f.read_text("utf-8", errors="replace") for f in files]}, index=[f.stem for f in files]
        )


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


def _stages(corpus, total: float) -> None:  # type: ignore[no-untyped-def]
    """Where the time goes, stage by stage (the same steps ``places.mentions`` takes)."""
    import bisect
    import gc

    from statement_analysis import places
    from statement_analysis._docs import iter_documents
    from statement_analysis.normalize import normalize
    from statement_analysis.places.matcher import Memo, _find
    from statement_analysis.places.rules import _resolve
    from statement_analysis.places.unlisted import cued
    from statement_analysis.segment import paragraph_spans, sentence_starts

    g = places.load_gazetteer()
    _cold()
    t = {}
    gc.disable()  # as places.mentions does
    try:
        t0 = time.perf_counter()
        texts = [normalize(raw).text for _, raw in iter_documents(corpus)]
        t["normalise text (foundation)"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        memo = Memo(g)
        hits, cues = [], []
        for x in texts:
            hits.append(_find(x, g, memo))
            cues.append(memo.cues)
        t["find names in capitalised runs"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        starts = [sentence_starts(x, paragraph_spans(x)) if h else [] for x, h in zip(texts, hits, strict=True)]
        t["paragraph and sentence numbers"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        for x, h, st in zip(texts, hits, starts, strict=True):
            if h:
                _resolve(x, h, g, lambda pos, st=st: max(bisect.bisect_right(st, pos), 1), memo)
        t["context rules and roles"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        for x, c in zip(texts, cues, strict=True):
            if c:
                cued(x, c)
        t["cues of places not in the gazetteer (rule 13)"] = time.perf_counter() - t0
    finally:
        gc.enable()
    t["table building and the rest (by difference)"] = max(total - sum(t.values()), 0.0)
    for k, v in t.items():
        print(f"  {k:45s} {v:7.3f} s  {100 * v / total:5.1f} %")


def _cold() -> None:
    """Forget what earlier calls left in process-wide caches (keys of names, small-town rows
    read), so that every timed call starts as the first call after loading the gazetteer does."""
    from statement_analysis import places

    places.key_of.cache_clear()
    raw = places.load_gazetteer().raw
    for rid in [r for r in raw if r >= raw.n]:
        del raw[rid]


def _children_cpu() -> float:
    """CPU seconds of this process's children: finished ones (getrusage) and live ones (psutil)."""
    import resource

    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = r.ru_utime + r.ru_stime
    try:
        import psutil

        for p in psutil.Process().children(recursive=True):
            try:
                t = p.cpu_times()
                total += t.user + t.system
            except psutil.Error:
                pass
    except ImportError:  # pragma: no cover - psutil is a dependency of the dev extra
        pass
    return total


def _load() -> str:
    import os

    return "load average {:.2f} {:.2f} {:.2f} (1, 5, 15 min) on {} cores".format(*os.getloadavg(), os.cpu_count())


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--corpus", type=Path, required=True, help="folder with txt/ and metadata.csv (or .txt files)")
    p.add_argument("--repeat", type=int, default=1, help="time the extraction this many times, keep the best")
    p.add_argument("--workers", type=int, default=2, help="processes for the parallel run (default 2: both cores)")
    a = p.parse_args()
    if not a.corpus.exists():
        print(f"{a.corpus}: no such folder", file=sys.stderr)
        return 2

    import statement_analysis as sa
    from statement_analysis import places

    print(f"machine               {_load()}")
    t0, c0 = time.perf_counter(), time.process_time()
    places.load_gazetteer()
    t_gaz, c_gaz = time.perf_counter() - t0, time.process_time() - c0

    t0 = time.perf_counter()
    corpus = _read(a.corpus, sa)
    t_load = time.perf_counter() - t0
    n_words = sum(len(re.findall(r"[^\W_]+", t)) for t in corpus["text"].fillna(""))

    best, best_cpu = float("inf"), float("inf")
    m = None
    for _ in range(max(a.repeat, 1)):
        _cold()
        t0, c0 = time.perf_counter(), time.process_time()
        m = places.mentions(corpus)
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    assert m is not None
    print(f"gazetteer load        {t_gaz:8.3f} s wall, {c_gaz:.3f} s CPU (target < 0.5 s; both tables)")
    _fixed_cost(sa, places)
    print(f"corpus load           {t_load:8.3f} s  ({len(corpus)} documents, {n_words:,} words; not counted)")
    print(f"one process           {best:8.3f} s wall, {best_cpu:.3f} s CPU; {len(m):,} mentions")
    print(
        f"words per second      {n_words / best:12,.0f} wall, {n_words / best_cpu:,.0f} per CPU-second; "
        f"ratio to target {n_words / best / TARGET_WPS:5.2f}x (target {TARGET_WPS:,})"
    )
    _stages(corpus, best)
    parallel_log = listen_to_parallel()
    best_p, best_pcpu = float("inf"), float("inf")
    mp_ = None
    for _ in range(max(a.repeat, 1)):
        _cold()
        t0, c0, k0 = time.perf_counter(), time.process_time(), _children_cpu()
        mp_ = places.mentions(corpus, workers=a.workers)
        best_p = min(best_p, time.perf_counter() - t0)
        best_pcpu = min(best_pcpu, time.process_time() - c0 + _children_cpu() - k0)
    assert mp_ is not None and mp_.equals(m), "the parallel table differs from the single-process one"
    wps_p = n_words / best_p
    print(f"with {a.workers} processes     {best_p:8.3f} s wall, {best_pcpu:.3f} s CPU, all processes; same table")
    print(f"workers               {'; '.join(dict.fromkeys(parallel_log))}")
    print(
        f"words per second      {wps_p:12,.0f} wall, {n_words / best_pcpu:,.0f} per CPU-second; "
        f"ratio to target {wps_p / TARGET_WPS:5.2f}x (target {TARGET_WPS:,} wall, on a quiet machine)"
    )
    print(
        f"estimate if idle      {n_words / (best_pcpu / a.workers):12,.0f} words/s: those CPU seconds spread evenly "
        f"over {a.workers} idle cores (an estimate for a quiet machine; the wall figure is the measurement)"
    )
    print(f"machine               {_load()}")
    print("by kind:", m["kind"].value_counts().to_dict())
    print("by role:", m["role"].value_counts().to_dict())
    print("by evidence:", m["evidence"].value_counts().to_dict())
    print("top places:", m["place"].value_counts().head(10).to_dict())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
