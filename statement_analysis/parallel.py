"""The one parallel layer: how every analysis that fans out (``readability.scores``,
``places.mentions``, ``pipeline.run``) runs its work in several processes.

What is here:

* ``map_chunks(func, items, *, sizes, workers, ...)`` → list: ``func(chunk, *args)`` for each
  chunk of ``items`` (a list or a DataFrame), results in input order, in worker processes or in
  this one; an optional ``progress`` callback hears how many items each finished chunk held.
* ``chunks(sizes, *, parts=None, size=None)`` → list of ``range``: the one chunker. Chunks of
  whole items, in input order, of about equal total size (characters of text, say).
* ``start_method(workers)`` → ``(method, reason)``: the one policy, below.
* ``check_workers(workers)`` and ``default_workers()``: what ``workers=`` accepts and means.
* ``progress_bar(total, desc=..., unit=...)``: a tqdm bar that starts no monitor thread.
* ``InProcessWarning``: what is said, once per process, when the work could not use workers.

Warm-ups: ``map_chunks(..., warm=(f, g))`` runs each loader (the CMU table, the gazetteer, the
stop words: cached functions of the package) once in every worker before its first chunk, or in
this process before forking so that the workers share what it loaded. The warm-ups travel with
the call, as functions pickled by name, rather than in a global table: a fresh worker has
imported nothing, so a table filled at import time would be empty there.

What is not here: the analyses (this module only runs them) and Dask (``pipeline`` hands a
Dask DataFrame to Dask's own scheduler).

The policy, and why:

1. ``workers=1``, or a single chunk: this process. Nothing to start or send.
2. ``fork``, when it is safe: the platform has it (Linux and other POSIX systems; not macOS,
   whose system libraries are not fork-safe), this is the process's only Python thread, and the
   process is not a daemonic worker (which may not start processes). A forked worker starts at
   once and shares the parent's memory: the corpus and the warmed-up tables are not copied or
   sent, only chunk numbers and results are. With another thread running (a notebook kernel,
   tqdm's monitor thread after a progress bar, a web server, a call from a thread) a fork could
   copy a lock that thread holds and hang the worker, so fork is not used. C libraries' own
   threads (numpy's OpenBLAS) do not count: those libraries prepare their threads for a fork.
3. Otherwise, ``loky`` workers (joblib's process pool): fresh interpreters that import only what
   the task needs. multiprocessing's ``spawn`` and ``forkserver`` import the user's main script
   in every worker: without an ``if __name__ == "__main__":`` guard the script runs again in
   each worker, whose attempt to start a pool of its own breaks the pool (``BrokenProcessPool``);
   with a guard, the top of the script still runs again. loky's workers do not import the main
   module (``tests/test_parallel.py`` counts the script's runs in every context). The chunks
   are pickled to them, and the pool is kept for the next call from the same thread (a
   notebook's next cell) until it has been idle ``LOKY_IDLE_SECONDS``.
4. In this process, with one ``InProcessWarning`` per process, when workers cannot be used: in a
   daemonic process, in a process still starting up (a spawned copy of a script), without loky,
   or when the workers fail to start or die (chunks already done are kept, the rest run here).
   Never a crash and never the user's script run again; only slower.

Every chunk's result depends only on its items, so the results are the same whatever the
method, the number of workers or the chunking: ``workers=1`` and ``workers=2`` give identical
tables (the tests compare them byte for byte).
"""

from __future__ import annotations

import contextlib
import logging
import math
import multiprocessing
import operator
import os
import sys
import threading
import warnings
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Literal, TypeVar

from .errors import OptionError

__all__ = [
    "InProcessWarning",
    "check_workers",
    "chunks",
    "default_workers",
    "map_chunks",
    "progress_bar",
    "start_method",
]

R = TypeVar("R")
Method = Literal["in-process", "fork", "loky"]

#: tells which method each ``map_chunks`` call used, at DEBUG level (benchmarks and tests listen)
log = logging.getLogger(__name__)


class InProcessWarning(RuntimeWarning):
    """Worker processes could not be used, so the work ran in this process: same results, slower."""


_warned = False
_warn_lock = threading.Lock()


def _warn_once(reason: str) -> None:
    global _warned
    with _warn_lock:
        if _warned:
            return
        _warned = True
    warnings.warn(
        f"statement_analysis: working in this process instead of worker processes, because {reason}. "
        "The results are the same, only slower. Pass workers=1 to choose this and not be told again.",
        InProcessWarning,
        stacklevel=_user_stacklevel(),
    )


def _user_stacklevel() -> int:
    """The ``stacklevel`` that points a warning at the first caller outside this package."""
    package = os.path.dirname(os.path.abspath(__file__))
    frame, level = sys._getframe(2), 2  # the caller of _warn_once's caller
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(package + os.sep):
        frame, level = frame.f_back, level + 1
    return level


# ---------------------------------------------------------------------------------------------
# what workers= means


def default_workers() -> int:
    """The number of worker processes used when ``workers=None``: up to 2, never more than the
    CPUs this process may run on (memory grows with each worker; the targets are set on two cores)."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on every platform
        cpus = os.cpu_count() or 1
    return max(1, min(2, cpus))


def check_workers(workers: Any, *, error: type[OptionError] = OptionError, allow_none: bool = True) -> int | None:
    """``workers`` as an ``int`` ≥ 1 (or ``None`` where allowed); raises ``error`` naming the option
    and the allowed values for anything else (0, negatives, floats, strings, ``True``)."""
    if workers is None and allow_none:
        return None
    allowed = "a whole number of processes, 1 or more" + (" (or None: automatic)" if allow_none else "")
    if isinstance(workers, bool):
        raise error(f"workers must be {allowed}, not {workers!r}")
    try:
        n = operator.index(workers)
    except TypeError:
        raise error(f"workers must be {allowed}, not {workers!r}") from None
    if n < 1:
        raise error(f"workers must be {allowed}, not {workers!r}")
    return n


# ---------------------------------------------------------------------------------------------
# the chunker


def chunks(sizes: Sequence[int], *, parts: int | None = None, size: int | None = None) -> list[range]:
    """Cut items into runs of whole items, in order, of about equal total size.

    Args:
        sizes: each item's size (characters of text, say); an empty item counts as 1.
        parts: how many chunks to aim for (several per worker, so that none idles at the end).
        size: or, instead, about how large each chunk should be.

    Returns:
        A list of ``range`` of item positions, covering every item once, in order; at most
        ``len(sizes)`` chunks, none empty. No items give one empty range (so that a function
        still returns its empty result).
    """
    n = len(sizes)
    if n == 0:
        return [range(0, 0)]
    weights = [max(1, int(s)) for s in sizes]
    total = sum(weights)
    if parts is None:
        parts = math.ceil(total / size) if size else 1
    parts = max(1, min(int(parts), n))
    out: list[range] = []
    start, acc, k = 0, 0, 1
    for i, w in enumerate(weights):
        acc += w
        # close a chunk where the running total crosses the next k/parts of the whole
        if acc * parts >= k * total and i + 1 < n:
            out.append(range(start, i + 1))
            start = i + 1
            while k * total <= acc * parts:
                k += 1
    out.append(range(start, n))
    return out


def _take(items: Any, span: range) -> Any:
    if hasattr(items, "iloc"):
        return items.iloc[span.start : span.stop]
    return items[span.start : span.stop]


# ---------------------------------------------------------------------------------------------
# the policy


def _fork_is_safe() -> tuple[bool, str]:
    if sys.platform == "darwin" or "fork" not in multiprocessing.get_all_start_methods():
        return False, "this platform cannot fork safely"
    if threading.active_count() > 1:
        others = sorted({t.name for t in threading.enumerate() if t is not threading.current_thread()})
        return False, f"other threads run in this process ({', '.join(others)})"
    return True, "this is the only thread of the process"


def _has_loky() -> bool:
    try:
        import loky  # noqa: F401
    except ImportError:
        return False
    return True


def start_method(workers: int = 2) -> tuple[Method, str]:
    """How ``map_chunks`` would run ``workers`` worker processes from here, now, and why.

    Returns:
        ``(method, reason)``: ``method`` is ``"in-process"``, ``"fork"`` or ``"loky"`` (see the
        module docstring); ``reason`` is a short sentence for logs and warnings.
    """
    if workers <= 1:
        return "in-process", "workers=1"
    me = multiprocessing.current_process()
    if me.daemon:
        return "in-process", "this is a daemonic process, which may not start processes of its own"
    if getattr(me, "_inheriting", False):
        return "in-process", "this process is still starting up (a spawned copy of a script)"
    fork_ok, why = _fork_is_safe()
    if fork_ok:
        return "fork", why
    if not _has_loky():
        return "in-process", f"{why} and the loky package, needed to start clean workers, is not installed"
    return "loky", why


# ---------------------------------------------------------------------------------------------
# running


#: the warm-ups already run in this process, by qualified name (the warm-up registry of a worker)
_WARMED: set[str] = set()


def _run_warmups(warm: Sequence[Callable[[], object]], *, again: bool = False) -> None:
    """Run each warm-up not yet run in this process (each of them, with ``again``)."""
    for f in warm:
        key = f"{f.__module__}.{f.__qualname__}"
        if again or key not in _WARMED:
            f()
            _WARMED.add(key)


#: in a forked worker: (func, items, spans, args) of the call that forked it, read by chunk number
_SHARED: tuple[Any, ...] | None = None


def _fork_task(i: int) -> Any:
    assert _SHARED is not None
    func, items, spans, args = _SHARED
    return func(_take(items, spans[i]), *args)


def _loky_task(warm: Sequence[Callable[[], object]], func: Callable[..., R], chunk: Any, args: tuple[Any, ...]) -> R:
    _run_warmups(warm)  # before the first chunk of this worker only
    return func(chunk, *args)


#: seconds an idle loky worker waits for the next call before it exits: long enough for a
#: notebook's next cell to find the workers started and warmed (about a second saved per call),
#: short enough not to hold their memory (a few hundred MB each after a pipeline run) for long
LOKY_IDLE_SECONDS = 60


class _WorkersFailed(Exception):
    """The pool could not start, or broke; ``reason`` says how."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def map_chunks(
    func: Callable[..., R],
    items: Any,
    *,
    sizes: Sequence[int],
    workers: int,
    parts: int | None = None,
    size: int | None = None,
    args: tuple[Any, ...] = (),
    warm: Sequence[Callable[[], object]] = (),
    progress: Callable[[int], object] | None = None,
) -> list[R]:
    """``func(chunk, *args)`` for each chunk of ``items``, in worker processes where possible.

    Args:
        func: a module-level function of the package (workers find it by name); it must depend
            only on its arguments, so that any chunking gives the same results.
        items: a list (or any sequence sliced with ``[a:b]``) or a DataFrame (sliced by row).
        sizes: each item's size, for ``chunks``.
        workers: at most this many worker processes; 1 runs in this process.
        parts, size: the chunking (``chunks``): about ``parts`` chunks, or chunks of about ``size``.
        args: more arguments for ``func``, the same for every chunk.
        warm: functions run once in each worker before its first chunk (loaders of tables).
        progress: called in this process with the number of items of each chunk as it finishes.

    Returns:
        ``[func(chunk_0, *args), func(chunk_1, *args), ...]`` in the order of the chunks.
    """
    spans = chunks(sizes, parts=parts, size=size)
    n = max(1, min(int(workers), len(spans)))
    method, reason = start_method(n)
    done: dict[int, R] = {}
    if method == "in-process" and n > 1:
        _warn_once(reason)
    elif method != "in-process":
        try:
            _run_pool(method, n, func, items, spans, args, warm, progress, done)
        except _WorkersFailed as e:
            reason = e.reason
            _warn_once(reason)
            method = "in-process"
    log.debug("%d chunks, %d workers: %s (%s)", len(spans), n, method, reason)
    for i, span in enumerate(spans):
        if i not in done:
            done[i] = func(_take(items, span), *args)
            if progress is not None:
                progress(len(span))
    return [done[i] for i in range(len(spans))]


def _run_pool(
    method: Method,
    n: int,
    func: Callable[..., R],
    items: Any,
    spans: list[range],
    args: tuple[Any, ...],
    warm: Sequence[Callable[[], object]],
    progress: Callable[[int], object] | None,
    done: dict[int, R],
) -> None:
    """Run the chunks in ``n`` workers, filling ``done``; raise ``_WorkersFailed`` if the workers
    cannot start or break (what is in ``done`` is kept); a chunk's own exception propagates."""
    import pickle
    from concurrent.futures import FIRST_COMPLETED, CancelledError, Future, wait
    from concurrent.futures.process import BrokenProcessPool

    global _SHARED
    forking = method == "fork"
    try:
        if forking:
            from concurrent.futures import ProcessPoolExecutor

            _run_warmups(warm, again=True)  # loaded once here (or again if dropped), shared by the workers
            _SHARED = (func, items, spans, args)
            pool: Any = ProcessPoolExecutor(n, mp_context=multiprocessing.get_context("fork"))
        else:
            from loky import get_reusable_executor

            # Kept for the next call of this thread (a notebook's next cell): starting workers
            # and loading their tables costs about a second; idle workers exit after a while.
            pool = get_reusable_executor(max_workers=n, timeout=LOKY_IDLE_SECONDS)
    except (OSError, ImportError, ValueError, RuntimeError) as e:
        _SHARED = None
        raise _WorkersFailed(f"the worker processes could not be started ({type(e).__name__}: {e})") from e

    pending: dict[Future[Any], int] = {}
    # what a future raises when its pool broke rather than its chunk: a worker died
    # (BrokenProcessPool, loky's TerminatedWorkerError), or loky shut a broken executor down and
    # cancelled or failed the work still queued (seen once in CI, after workers that could not
    # start: the second call's futures failed so, and the exception ended the user's thread)
    pool_errors: tuple[type[BaseException], ...] = (BrokenProcessPool, CancelledError)
    if not forking:
        from loky.process_executor import ShutdownExecutorError

        pool_errors += (ShutdownExecutorError,)

    def collect(futures: Any) -> None:
        for f in futures:
            i = pending.pop(f)
            try:
                done[i] = f.result()
            except pool_errors as e:
                raise _WorkersFailed(f"a worker process stopped ({type(e).__name__}: {e})") from e
            except pickle.PicklingError as e:
                raise _WorkersFailed(f"the work could not be sent to worker processes ({e})") from e
            if progress is not None:
                progress(len(spans[i]))

    try:
        with _quiet_fork_warning() if forking else contextlib.nullcontext():
            for i in range(len(spans)):
                # At most two chunks in flight per worker: only those are sent (loky) or held at once.
                if len(pending) >= 2 * n:
                    finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                    collect(finished)
                try:
                    if forking:
                        task = pool.submit(_fork_task, i)
                    else:
                        task = pool.submit(_loky_task, tuple(warm), func, _take(items, spans[i]), args)
                except (BrokenProcessPool, OSError, RuntimeError) as e:
                    raise _WorkersFailed(f"the worker processes could not be started ({type(e).__name__}: {e})") from e
                pending[task] = i
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            collect(finished)
    finally:
        for f in pending:
            f.cancel()
        if forking:
            pool.shutdown(wait=True, cancel_futures=True)
        _SHARED = None


@contextlib.contextmanager
def _quiet_fork_warning() -> Iterator[None]:
    # Python 3.12+ warns before a fork when the OS shows other threads; C libraries' threads
    # (BLAS) are fork-safe, and Python threads were ruled out by the policy. (Filters are
    # process-wide, but on this path this is the only thread.)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*fork\(\) may lead to deadlocks", category=DeprecationWarning)
        yield


def progress_bar(total: int, *, desc: str, unit: str) -> Any:
    """A tqdm progress bar counting ``total`` ``unit``s that starts no monitor thread.

    tqdm's default bar starts a monitor thread that outlives the bar; a thread left running means
    the next fan-out may not fork (see the policy). Returns the bar; close it when done.
    """
    from tqdm import tqdm

    class _QuietBar(tqdm):  # type: ignore[type-arg,misc]
        monitor_interval = 0  # no monitor thread

    return _QuietBar(total=total, desc=desc, unit=unit)
