"""The one parallel layer (``statement_analysis.parallel``): the chunker, the policy, and every
context an analyst runs from, each in a fresh subprocess.

Each context runs ``readability.scores``, ``places.mentions`` and ``pipeline.run`` with two
workers on a corpus large enough to fan out, and writes the tables as CSV; the test compares
those bytes with the same tables computed here with ``workers=1``, checks which start method the
layer logged (so the work really went to worker processes), that no pool broke, and that the
script's body ran exactly once (it appends a line to a file each time it runs).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import warnings
from pathlib import Path

import pytest

import statement_analysis as sa
from statement_analysis import parallel, pipeline, places, readability
from statement_analysis.errors import OptionError, PipelineError, PlacesError, ReadabilityError

# ---------------------------------------------------------------------------------------------
# the chunker


def test_chunks_cover_every_item_once_in_order():
    sizes = [5, 1, 1, 1, 10, 2, 0, 3, 7, 1]
    for parts in range(1, 12):
        spans = parallel.chunks(sizes, parts=parts)
        assert [i for s in spans for i in s] == list(range(len(sizes)))
        assert all(len(s) for s in spans)
        assert len(spans) <= min(parts, len(sizes))


def test_chunks_are_of_about_equal_size():
    # 12 items of 10 characters in 4 parts: 3 items each, by hand
    assert parallel.chunks([10] * 12, parts=4) == [range(0, 3), range(3, 6), range(6, 9), range(9, 12)]
    # one big item takes a chunk of its own; the small ones share the rest
    assert parallel.chunks([1, 1, 100, 1, 1], parts=3) == [range(0, 3), range(3, 5)]
    # by size: 100 characters in chunks of about 25 → 4 chunks of 25
    assert parallel.chunks([5] * 20, size=25) == [range(i, i + 5) for i in range(0, 20, 5)]


def test_chunks_of_nothing_is_one_empty_chunk():
    assert parallel.chunks([], parts=4) == [range(0, 0)]


# ---------------------------------------------------------------------------------------------
# what workers= accepts


@pytest.mark.parametrize("bad", [0, -1, 1.5, "2", True])
def test_bad_workers_raise_the_module_error(bad, bundled):
    with pytest.raises(OptionError, match="workers"):
        parallel.check_workers(bad)
    with pytest.raises(ReadabilityError, match="workers"):
        readability.scores(bundled, workers=bad)
    with pytest.raises(PlacesError, match="workers"):
        places.mentions(bundled, workers=bad)
    with pytest.raises(PipelineError, match="workers"):
        pipeline.run(bundled, workers=bad)


def test_default_workers_is_one_or_two():
    assert parallel.default_workers() == min(2, len(os.sched_getaffinity(0)))


# ---------------------------------------------------------------------------------------------
# the policy


def test_policy_forks_only_as_the_only_thread(monkeypatch):
    if sys.platform != "linux":
        pytest.skip("fork is used on Linux only")
    with monkeypatch.context() as m:  # as if no other test had left a thread behind
        m.setattr(threading, "active_count", lambda: 1)
        assert parallel.start_method(2)[0] == "fork"
    stop = threading.Event()
    t = threading.Thread(target=stop.wait, name="other-thread")
    t.start()
    try:
        method, reason = parallel.start_method(2)
    finally:
        stop.set()
        t.join()
    assert method == "loky"
    assert "other-thread" in reason
    assert parallel.start_method(1)[0] == "in-process"


def test_policy_runs_in_process_inside_a_daemonic_process(monkeypatch):
    import multiprocessing

    monkeypatch.setattr(multiprocessing.current_process(), "daemon", True, raising=False)
    method, reason = parallel.start_method(2)
    assert method == "in-process"
    assert "daemonic" in reason


def test_progress_bar_starts_no_thread():
    before = threading.active_count()
    bar = parallel.progress_bar(10, desc="test", unit="doc")
    bar.update(10)
    assert threading.active_count() == before
    bar.close()


def _square_chunk(xs: list[int]) -> list[int]:
    return [x * x for x in xs]


def _die_in_a_worker(xs: list[int], parent: int) -> list[int]:
    if os.getpid() != parent and 7 in xs:
        os._exit(1)  # a worker killed mid-run (the OOM killer, say)
    return [x * x for x in xs]


def test_map_chunks_gives_results_in_order_and_reports_progress():
    seen: list[int] = []
    parts = parallel.map_chunks(
        _square_chunk, list(range(40)), sizes=[1] * 40, workers=2, parts=8, progress=seen.append
    )
    assert [y for p in parts for y in p] == [x * x for x in range(40)]
    assert sorted(seen) == [5] * 8  # 8 chunks of 5 items, each reported once


@pytest.mark.parametrize("method", ["fork", "loky"])
def test_a_broken_pool_finishes_in_process_with_one_warning(monkeypatch, method):
    if method == "fork" and sys.platform != "linux":
        pytest.skip("fork is used on Linux only")
    monkeypatch.setattr(parallel, "start_method", lambda n: (method, "chosen by the test"))
    monkeypatch.setattr(parallel, "_warned", False)
    logged: list[str] = []
    monkeypatch.setattr(parallel.log, "debug", lambda msg, *a: logged.append(msg % a))
    kw = {"sizes": [1] * 40, "workers": 2, "parts": 8, "args": (os.getpid(),)}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        parts = parallel.map_chunks(_die_in_a_worker, list(range(40)), **kw)
        again = parallel.map_chunks(_die_in_a_worker, list(range(40)), **kw)
    assert len(logged) == 2
    assert all(": in-process (a worker process stopped" in m for m in logged), logged
    assert [y for p in parts for y in p] == [x * x for x in range(40)]
    assert again == parts
    said = [w for w in caught if issubclass(w.category, parallel.InProcessWarning)]
    assert len(said) == 1  # once per process
    assert "worker process" in str(said[0].message)


def _refuse_seven(xs: list[int]) -> list[int]:
    if 7 in xs:
        raise KeyError(7)  # a chunk's own error, not a broken pool
    return xs


@pytest.mark.parametrize("method", ["fork", "loky"])
def test_a_chunks_own_error_reaches_the_caller(monkeypatch, method):
    if method == "fork" and sys.platform != "linux":
        pytest.skip("fork is used on Linux only")
    monkeypatch.setattr(parallel, "start_method", lambda n: (method, "chosen by the test"))
    with pytest.raises(KeyError, match="7"):
        parallel.map_chunks(_refuse_seven, list(range(40)), sizes=[1] * 40, workers=2, parts=8)


# ---------------------------------------------------------------------------------------------
# every context, in a subprocess


N_DOCS = 60  # about 400,000 characters: the pipeline's chunks of 50,000 fan out to both workers


def _write_corpus(folder: Path, n: int, paragraphs_per_doc: int | None = None) -> Path:
    """``n`` documents made of the bundled statement's paragraphs (real text, with places), each
    starting at another paragraph and holding another number of them, so that no two are alike."""
    paras = sa.load_bundled().paragraphs
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        k = paragraphs_per_doc or 3 + i % (len(paras) - 2)
        body = "\n\n".join(paras[(i + j) % len(paras)] for j in range(k))
        (folder / f"doc{i:03d}.txt").write_text(body + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory) -> Path:
    return _write_corpus(tmp_path_factory.mktemp("corpus"), N_DOCS)


def _csv(df) -> bytes:  # type: ignore[no-untyped-def]
    return (df.to_csv(index=False) + "\n" + df.dtypes.astype(str).to_csv()).encode()


def _tables(corpus, workers: int) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    out = {
        "readability": _csv(readability.scores(corpus, workers=workers)),
        "places": _csv(places.mentions(corpus, workers=workers)),
    }
    res = pipeline.run(corpus, workers=workers, chunk_chars=50_000, progress=False)
    out.update({f"pipeline_{k}": _csv(v) for k, v in res.tables.items()})
    return out


@pytest.fixture(scope="module")
def expected(corpus_dir) -> dict[str, bytes]:
    """The tables with ``workers=1``: in this process, no worker at all."""
    return _tables(sa.load_corpus(corpus_dir, progress=False), 1)


# The code each context runs. OUT and CORPUS are filled in; the body appends to runs.txt every
# time it runs, and the layer's log (which method, how many chunks) goes to methods.txt.
PRELUDE = """\
import logging, pathlib, sys
OUT = pathlib.Path({out!r})
with open(OUT / "runs.txt", "a") as f:
    f.write("body ran\\n")
_h = logging.FileHandler(OUT / "methods.txt")
_log = logging.getLogger("statement_analysis.parallel")
_log.addHandler(_h)
_log.setLevel(logging.DEBUG)
import statement_analysis as sa
from statement_analysis import pipeline, places, readability

def _csv(df):
    return (df.to_csv(index=False) + "\\n" + df.dtypes.astype(str).to_csv()).encode()

def work(corpus):
    (OUT / "readability.csv").write_bytes(_csv(readability.scores(corpus, workers=2)))
    (OUT / "places.csv").write_bytes(_csv(places.mentions(corpus, workers=2)))
    res = pipeline.run(corpus, workers=2, chunk_chars=50_000, progress=False)
    for name, table in res.tables.items():
        (OUT / f"pipeline_{{name}}.csv").write_bytes(_csv(table))
"""

BODIES = {
    # an analyst's plain script: no main guard
    "no_guard": "work(sa.load_corpus({corpus!r}, progress=False))\n",
    # the textbook script
    "main_guard": 'if __name__ == "__main__":\n    work(sa.load_corpus({corpus!r}, progress=False))\n',
    # a larger program calling from one of its threads
    "thread": textwrap.dedent(
        """\
        import threading
        errors = []
        def job():
            try:
                work(sa.load_corpus({corpus!r}, progress=False))
            except BaseException as e:
                errors.append(e)
        t = threading.Thread(target=job)
        t.start()
        t.join()
        if errors:
            raise errors[0]
        """
    ),
    # after a progress bar has run: tqdm's monitor thread stays behind
    "after_tqdm": textwrap.dedent(
        """\
        from tqdm import tqdm
        for _ in tqdm(range(3), desc="warming up"):
            pass
        work(sa.load_corpus({corpus!r}, progress=False))
        """
    ),
}

#: how each context is started: (body, command line, where the code goes)
CONTEXTS = {
    "script_without_main_guard": ("no_guard", "file"),
    "script_with_main_guard": ("main_guard", "file"),
    "python_dash_c": ("no_guard", "-c"),
    "python_dash_stdin": ("no_guard", "stdin"),
    "thread_of_a_larger_program": ("thread", "file"),
    "after_a_tqdm_progress_bar": ("after_tqdm", "file"),
}

#: where fork is safe (one thread) the layer forks; elsewhere it starts clean loky workers
EXPECTED_METHOD = {"no_guard": "fork", "main_guard": "fork", "thread": "loky", "after_tqdm": "loky"}


def _run_python(code: str, how: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "default"}
    env.pop("TQDM_DISABLE", None)
    if how == "file":
        script = cwd / "analysis.py"
        script.write_text(code, encoding="utf-8")
        cmd, stdin = [sys.executable, str(script)], None
    elif how == "-c":
        cmd, stdin = [sys.executable, "-c", code], None
    else:
        cmd, stdin = [sys.executable, "-"], code
    return subprocess.run(cmd, input=stdin, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def _check(out: Path, expected: dict[str, bytes], stderr: str, method: str) -> None:
    assert "BrokenProcessPool" not in stderr
    assert "InProcessWarning" not in stderr, stderr
    # the user's script body ran once: in this process, never again in a worker
    assert (out / "runs.txt").read_text().splitlines() == ["body ran"]
    log = (out / "methods.txt").read_text()
    # three fan-outs (readability, places, pipeline), each in worker processes
    assert log.count(f": {method} (") == 3, log
    for name, want in expected.items():
        assert (out / f"{name}.csv").read_bytes() == want, f"{name}: differs from workers=1"


@pytest.mark.slow
@pytest.mark.parametrize("context", list(CONTEXTS))
def test_context_gives_the_workers_1_tables_and_runs_the_script_once(context, corpus_dir, expected, tmp_path):
    body, how = CONTEXTS[context]
    code = PRELUDE.format(out=str(tmp_path)) + BODIES[body].format(corpus=str(corpus_dir))
    r = _run_python(code, how, tmp_path)
    assert r.returncode == 0, r.stderr[-3000:]
    _check(tmp_path, expected, r.stderr, EXPECTED_METHOD[body])


@pytest.mark.slow
def test_jupyter_kernel(corpus_dir, expected, tmp_path):
    """In a notebook kernel (threads run: heartbeat, IOPub...) the layer starts loky workers."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(PRELUDE.format(out=str(tmp_path))),
        nbformat.v4.new_code_cell(BODIES["no_guard"].format(corpus=str(corpus_dir))),
    ]
    client = nbclient.NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
        shutdown_kernel="immediate",
    )
    with client.setup_kernel():  # (``execute()`` would wait seconds more on the kernel's shutdown)
        for i, cell in enumerate(nb.cells):
            client.execute_cell(cell, i)
    stderr = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []) if o.get("name") == "stderr")
    _check(tmp_path, expected, stderr, "loky")


@pytest.mark.slow
def test_the_issue_script_default_workers_after_load_corpus_progress_bar(tmp_path):
    """The script of issue 11, verbatim in spirit: 300 files (so ``load_corpus`` shows a progress
    bar, which used to leave tqdm's monitor thread running), over 3 million characters (so ``scores`` picks two workers
    itself), no main guard. It used to raise BrokenProcessPool and run the script three times."""
    folder = _write_corpus(tmp_path / "un_speeches", 300, paragraphs_per_doc=14)
    corpus = sa.load_corpus(folder, progress=False)
    assert corpus["text"].str.len().sum() > 3_000_000
    want = _csv(readability.scores(corpus, workers=1))
    out = tmp_path / "out"
    out.mkdir()
    code = PRELUDE.format(out=str(out)) + textwrap.dedent(
        f"""\
        corpus = sa.load_corpus({str(folder)!r})
        (OUT / "readability.csv").write_bytes(_csv(sa.readability.scores(corpus)))
        """
    )
    r = _run_python(code, "file", tmp_path)
    assert r.returncode == 0, r.stderr[-3000:]
    assert "loading statements" in r.stderr  # the bar did run
    assert (out / "runs.txt").read_text().splitlines() == ["body ran"]
    # load_corpus's bar starts no monitor thread (parallel.progress_bar), so the script forks
    assert ": fork (" in (out / "methods.txt").read_text()
    assert (out / "readability.csv").read_bytes() == want


@pytest.mark.slow
def test_workers_that_cannot_start_mean_in_process_with_one_warning(corpus_dir, expected, tmp_path):
    """loky's workers are started with sys.executable; pointing it at a program that exits at
    once makes every worker die at start: the work finishes here, with one warning for the
    three calls."""
    code = PRELUDE.format(out=str(tmp_path)) + textwrap.dedent(
        f"""\
        import threading, loky
        sys.executable = "/bin/false"
        t = threading.Thread(target=work, args=(sa.load_corpus({str(corpus_dir)!r}, progress=False),))
        t.start()
        t.join()
        """
    )
    if not Path("/bin/false").exists():
        pytest.skip("/bin/false is not here")
    r = _run_python(code, "file", tmp_path)
    assert r.returncode == 0, r.stderr[-3000:]
    assert r.stderr.count("InProcessWarning") == 1, r.stderr
    assert (tmp_path / "runs.txt").read_text().splitlines() == ["body ran"]
    log = (tmp_path / "methods.txt").read_text()
    assert log.count(": in-process (") == 3, log + r.stderr[-3000:]
    for name, want in expected.items():
        assert (tmp_path / f"{name}.csv").read_bytes() == want, name


@pytest.mark.parametrize("kind", ["cancelled", "shutdown"])
def test_a_pool_shut_down_under_its_work_means_in_process_not_an_error(monkeypatch, kind):
    # CI once saw the second call after workers that could not start fail with the pool's own
    # error, not a chunk's: it must fall back to this process like a broken pool does
    from concurrent.futures import Future

    import loky
    from loky.process_executor import ShutdownExecutorError

    from statement_analysis import parallel

    class Pool:
        def submit(self, *a, **k):
            f = Future()
            if kind == "cancelled":
                f.cancel()
                f.set_running_or_notify_cancel()  # what an executor does with a cancelled item
            else:
                f.set_exception(ShutdownExecutorError("the executor was shut down"))
            return f

    monkeypatch.setattr(loky, "get_reusable_executor", lambda **k: Pool())
    done: dict = {}
    with pytest.raises(parallel._WorkersFailed) as e:
        parallel._run_pool("loky", 2, len, [[1], [2, 3]], [range(0, 1), range(1, 2)], (), (), None, done)
    assert ("CancelledError" if kind == "cancelled" else "ShutdownExecutorError") in str(e.value)
