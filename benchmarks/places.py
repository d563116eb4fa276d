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

    from statement_analysis import places
    from statement_analysis._docs import iter_documents
    from statement_analysis.normalize import normalize
    from statement_analysis.places.matcher import _find
    from statement_analysis.places.rules import _resolve
    from statement_analysis.segment import paragraph_spans, sentence_starts

    g = places.load_gazetteer()
    t = {}
    t0 = time.perf_counter()
    texts = [normalize(raw).text for _, raw in iter_documents(corpus)]
    t["normalise text (foundation)"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    cache: dict = {}
    hits = [_find(x, g, cache) for x in texts]
    t["find names in capitalised runs"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    starts = [sentence_starts(x, paragraph_spans(x)) if h else [] for x, h in zip(texts, hits, strict=True)]
    t["paragraph and sentence numbers"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    for x, h, st in zip(texts, hits, starts, strict=True):
        if h:
            _resolve(x, h, g, lambda pos, st=st: max(bisect.bisect_right(st, pos), 1))
    t["context rules and roles"] = time.perf_counter() - t0
    t["table building and the rest (by difference)"] = max(total - sum(t.values()), 0.0)
    for k, v in t.items():
        print(f"  {k:45s} {v:7.3f} s  {100 * v / total:5.1f} %")


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

    t0 = time.perf_counter()
    places.load_gazetteer()
    t_gaz = time.perf_counter() - t0

    t0 = time.perf_counter()
    corpus = _read(a.corpus, sa)
    t_load = time.perf_counter() - t0
    n_words = sum(len(re.findall(r"[^\W_]+", t)) for t in corpus["text"].fillna(""))

    best = float("inf")
    m = None
    for _ in range(max(a.repeat, 1)):
        t0 = time.perf_counter()
        m = places.mentions(corpus)
        best = min(best, time.perf_counter() - t0)
    assert m is not None
    wps = n_words / best
    print(f"gazetteer load        {t_gaz:8.3f} s (target < 0.5 s)")
    _fixed_cost(sa, places)
    print(f"corpus load           {t_load:8.3f} s  ({len(corpus)} documents, {n_words:,} words; not counted)")
    print(f"extraction            {best:8.3f} s  {len(m):,} mentions")
    print(f"words per second      {wps:12,.0f}  ratio to target {wps / TARGET_WPS:5.2f}x (target {TARGET_WPS:,})")
    _stages(corpus, best)
    parallel_log = listen_to_parallel()
    best_p = float("inf")
    mp_ = None
    for _ in range(max(a.repeat, 1)):
        t0 = time.perf_counter()
        mp_ = places.mentions(corpus, workers=a.workers)
        best_p = min(best_p, time.perf_counter() - t0)
    assert mp_ is not None and mp_.equals(m), "the parallel table differs from the single-process one"
    wps_p = n_words / best_p
    print(f"with {a.workers} processes     {best_p:8.3f} s  same table: yes")
    print(f"workers               {'; '.join(dict.fromkeys(parallel_log))}")
    print(f"words per second      {wps_p:12,.0f}  ratio to target {wps_p / TARGET_WPS:5.2f}x (target {TARGET_WPS:,})")
    print("by kind:", m["kind"].value_counts().to_dict())
    print("by role:", m["role"].value_counts().to_dict())
    print("by evidence:", m["evidence"].value_counts().to_dict())
    print("top places:", m["place"].value_counts().head(10).to_dict())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
