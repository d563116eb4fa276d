"""Running notebooks headless: one Jupyter kernel that runs notebooks one after another.

* ``Kernel``: a context manager around one kernel. Its sockets and its connection file (which
  holds the session's HMAC key) live in a private folder (mode 0700) in the temporary folder,
  removed on every way out: normal end, error, Ctrl-C, ``kill()``; a folder left by a build that
  was killed outright (SIGKILL) is removed by the next build (``clean_stale_kernel_dirs``: each
  folder holds a lock that its build keeps while it runs). The kernel talks over Unix sockets
  only: no TCP port is opened, not even the one ipykernel opens on 127.0.0.1 to relay the output
  of forked processes (``_kernel_launch`` puts that on a Unix socket too).
* ``Kernel.run(path, params)``: executes a notebook with ``params`` injected after its
  ``parameters`` cell (as papermill does). A cell that raises — or an error shown without
  stopping the cell, such as a chart that could not be drawn — fails the run: ``ReportError``
  (exit 2) when the error is one of the package's own ``StatementAnalysisError`` (the input is at
  fault), else ``NotebookFailure`` (exit 1: a bug), naming the notebook and the cell. A
  traceback is never published as a page.

What is not here: converting to HTML and writing the report (``pages``, ``build``).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .. import errors
from ..errors import ReportError
from ..sanitize import strip_escapes

#: prefix of the private folders of kernels in the temporary folder
KERNEL_DIR_PREFIX = "statement-analysis-kernel-"
_LOCK = "lock"


class NotebookFailure(RuntimeError):
    """A notebook failed on an input the package accepted: a bug (exit 1 on the command line).

    Attributes: ``notebook`` (file name), ``cell`` (``"#5 (first line)"``), ``ename`` and
    ``evalue`` (the exception's type name and message).
    """

    def __init__(self, notebook: str, cell: str, ename: str, evalue: str) -> None:
        self.notebook, self.cell, self.ename, self.evalue = notebook, cell, ename, evalue
        super().__init__(f"{notebook}: cell {cell} failed: {ename}: {evalue}")


def inject_parameters(nb: Any, params: Mapping[str, Any]) -> Any:
    """Add a cell tagged ``injected-parameters`` after the ``parameters`` cell (or first)."""
    import nbformat

    if not params:
        return nb
    source = "# Parameters injected by statement-analysis\n" + "\n".join(f"{k} = {v!r}" for k, v in params.items())
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    cell.pop("id", None)
    at = next(
        (i + 1 for i, c in enumerate(nb.cells) if "parameters" in c.get("metadata", {}).get("tags", [])),
        0,
    )
    nb.cells.insert(at, cell)
    return nb


#: Run in a reused kernel before each notebook: an empty namespace, no open figure, matplotlib's
#: settings as they were after the kernel started (with mathtext off: a ``$`` in a title or a
#: term is a dollar sign, never a formula), pandas' options at their defaults — so a notebook
#: gives the same page whatever ran before it in that kernel.
_RESET_SOURCE = """\
%reset -f
import warnings as _w
import matplotlib as _m
import matplotlib.pyplot as _p
import pandas as _pd
import statement_analysis.reporting.kernel as _r
_p.close("all")
if _r._KERNEL_RC is None:
    _m.rcParams["text.parse_math"] = False
    _r._KERNEL_RC = dict(_m.rcParams)
else:
    _m.rcParams.update(_r._KERNEL_RC)
with _w.catch_warnings():
    _w.simplefilter("ignore")
    _pd.reset_option("all")
%reset -f
# %reset also removes these; put them back as a new kernel has them (multiprocessing needs __spec__)
__doc__ = "Automatically created module for IPython interactive environment"
__loader__ = __package__ = __spec__ = None
"""
_KERNEL_RC: dict[str, Any] | None = None  # set inside kernels by _RESET_SOURCE


def _hold_lock(path: Path) -> int:
    """Open ``path`` and take an exclusive lock on it (kept until the descriptor is closed)."""
    fd = os.open(path, os.O_CREAT | os.O_RDWR | getattr(os, "O_CLOEXEC", 0), 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def _private_dir() -> tuple[Path, int]:
    """A new private folder (mode 0700) named ``KERNEL_DIR_PREFIX...`` holding a ``lock`` that this
    process holds (returned with it). The folder gets its name only once the lock is held, so that
    ``clean_stale_kernel_dirs`` (of another build, or of this one's other kernel) never sees it
    unlocked."""
    tmp = Path(tempfile.gettempdir())
    making = Path(tempfile.mkdtemp(prefix="." + KERNEL_DIR_PREFIX, dir=tmp))
    fd = _hold_lock(making / _LOCK)
    final = tmp / making.name[1:]
    os.rename(making, final)
    return final, fd


def clean_stale_kernel_dirs() -> int:
    """Remove the private kernel folders whose build is gone (their lock is free); returns how
    many. Folders of running builds, and of other users, are left alone."""
    removed = 0
    tmp = Path(tempfile.gettempdir())
    for d in tmp.glob(KERNEL_DIR_PREFIX + "*"):
        lock = d / _LOCK
        try:
            if d.is_symlink() or not d.is_dir() or d.stat().st_uid != os.getuid():
                continue
            fd = os.open(lock, os.O_RDWR | getattr(os, "O_CLOEXEC", 0))
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            continue  # held: its build is running
        try:
            if os.fstat(fd).st_ino == os.stat(lock).st_ino:  # still that folder's lock
                shutil.rmtree(d, ignore_errors=True)
                removed += 1
        except OSError:
            pass
        finally:
            os.close(fd)
    return removed


class Kernel:
    """One Jupyter kernel that runs notebooks one after another (see ``_RESET_SOURCE``).

    The kernel's environment has a fixed hash seed (reproducible pages) and no progress bars
    (they would print a line per update into the page); its own log is not shown — cell errors
    still reach the client. ``cwd`` is the kernel's working folder: relative paths in the
    parameters are read from there.
    """

    def __init__(self, cwd: Path, timeout: int = 900) -> None:
        self.cwd = cwd
        self.timeout = timeout
        self.km: Any = None
        self.pid: int | None = None
        self._dir: Path | None = None
        self._lock_fd: int | None = None
        self._killed = False
        # held while the kernel starts and while it is killed: a kill from another thread (Ctrl-C
        # in the main thread) waits for a start under way (a few milliseconds), so that no folder
        # or process is made after the kill and left behind when the command exits at once
        self._state = threading.RLock()

    def __enter__(self) -> Kernel:
        from jupyter_client.kernelspec import KernelSpecManager
        from jupyter_client.manager import KernelManager

        clean_stale_kernel_dirs()
        with self._state:
            if self._killed:
                raise KeyboardInterrupt("the build was stopped before this kernel started")
            self._start(spec_manager=KernelSpecManager, manager=KernelManager)
        return self

    def _start(self, *, spec_manager: Any, manager: Any) -> None:
        try:
            self._dir, self._lock_fd = _private_dir()
            spec_dir = self._dir / "spec" / "sa-python"
            spec_dir.mkdir(parents=True)
            argv = [sys.executable, "-m", "statement_analysis.reporting._kernel_launch", "-f", "{connection_file}"]
            spec = {"argv": argv, "display_name": "Python 3 (statement-analysis)", "language": "python"}
            (spec_dir / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
            env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
            env.update(
                {
                    "PYTHONHASHSEED": "0",
                    "TQDM_DISABLE": "1",
                    # read by ``statement_analysis.briefs``: tables name their CSV in tables/
                    "STATEMENT_ANALYSIS_REPORT": "1",
                    "STATEMENT_ANALYSIS_KERNEL_PIPE": f"ipc://{self._dir / 'pipe'}",
                }
            )
            self.km = manager(
                kernel_name="sa-python",
                kernel_spec_manager=spec_manager(kernel_dirs=[str(self._dir / "spec")]),
                transport="ipc",
                ip=str(self._dir / "k"),
                connection_file=str(self._dir / "connection.json"),
            )
            self.km.start_kernel(stderr=subprocess.DEVNULL, cwd=str(self.cwd), env=env)
            self.pid = getattr(getattr(self.km, "provisioner", None), "pid", None)
        except BaseException:
            self.kill()
            raise

    def __exit__(self, *exc: object) -> None:
        try:
            if self.km is not None and self.km.has_kernel and exc[0] is None:
                self.km.shutdown_kernel(now=True)
                self.pid = None  # gone and reaped: its number may already be another process's
        except Exception:  # the kernel is killed below in any case
            pass
        finally:
            self.kill()

    def kill(self) -> None:
        """Stop the kernel at once (its whole process group: forked workers too) and remove its
        private folder. Safe to call from another thread and more than once; waits for a start
        under way in another thread to finish, then kills what it started."""
        with self._state:
            self._kill()

    def _kill(self) -> None:
        self._killed = True
        pid, self.pid = self.pid, None
        if pid is not None:
            with contextlib.suppress(OSError):
                os.killpg(pid, signal.SIGKILL)  # the kernel leads its own session
            with contextlib.suppress(OSError, ChildProcessError):
                os.waitpid(pid, os.WNOHANG)
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None
        if self._lock_fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._lock_fd)
            self._lock_fd = None

    def run(self, path: Path, params: Mapping[str, Any] | None = None, *, cwd: Path | None = None) -> Any:
        """Execute the notebook at ``path`` with ``params`` injected; returns it executed, with
        stable cell ids and no execution counts. ``cwd``: the working folder to run it in (default:
        the kernel's), so that one warm kernel can run the notebooks of several reports. Raises
        ``ReportError`` or ``NotebookFailure`` (see the module docstring)."""
        import nbformat
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError

        nb = nbformat.read(path, as_version=4)
        inject_parameters(nb, dict(params or {}))
        reset = _RESET_SOURCE
        if cwd is not None:
            # first of all: the previous report's folder may be gone, and %reset reads the folder
            reset = f"__import__('os').chdir({str(Path(cwd).resolve())!r})\n" + reset
        nb.cells.insert(0, nbformat.v4.new_code_cell(reset))
        client = NotebookClient(
            nb,
            km=self.km,
            timeout=self.timeout,
            kernel_name="sa-python",
            resources={"metadata": {"path": str(cwd or self.cwd)}},
            record_timing=False,
            coalesce_streams=False,  # done below, in linear time (see _coalesce)
        )
        try:
            client.execute()
        except CellExecutionError as exc:
            nb.cells.pop(0)
            raise _failure(path, nb, exc.ename, exc.evalue) from None
        nb.cells.pop(0)
        for cell in nb.cells:
            _coalesce(cell)
            for out in cell.get("outputs", []):
                if out.get("output_type") == "error":  # shown without stopping the cell
                    raise _failure(path, nb, out.get("ename", "Error"), out.get("evalue", ""))
                if out.get("name") == "stderr" and "Traceback (most recent call last)" in out.get("text", ""):
                    raise _failure(path, nb, "Traceback", _last_line(out.get("text", "")))
        # Stable cell ids and no execution counts: the page must not depend on what ran before.
        for i, cell in enumerate(nb.cells):
            cell["id"] = f"cell-{i:03d}"
            if cell.cell_type == "code":
                cell["execution_count"] = None
                for out in cell.get("outputs", []):
                    if "execution_count" in out:
                        out["execution_count"] = None
        return nb


_CARRIAGE_RETURN = re.compile(r".*\r(?=[^\n])")


def _coalesce(cell: Any) -> None:
    """Merge a cell's stream outputs as nbclient's ``coalesce_streams`` does — one print can reach
    the client as one or several messages, depending on timing: merged, the page is the same on
    every build — but in linear time: nbclient's carriage-return pattern is quadratic on a long
    line (a 1 MB word printed took minutes), so it runs here only on text that has a ``\r``."""
    outputs = cell.get("outputs") or []
    if not outputs:
        return
    merged: list[Any] = []
    streams: dict[str, Any] = {}
    for out in outputs:
        if out.get("output_type") == "stream":
            if out["name"] in streams:
                streams[out["name"]]["text"] += out["text"]
                continue
            streams[out["name"]] = out
        merged.append(out)
    for out in streams.values():
        text = out["text"]  # (nbclient's backspace pass never changes anything: left out)
        if "\r" in text:
            text = _CARRIAGE_RETURN.sub("", text)
        out["text"] = text
    for i, out in enumerate(merged):  # stdout before stderr, whatever order they came in
        if (
            out.get("output_type") == "stream"
            and out["name"] == "stderr"
            and i + 1 < len(merged)
            and merged[i + 1].get("output_type") == "stream"
            and merged[i + 1]["name"] == "stdout"
        ):
            merged.insert(i, merged.pop(i + 1))
    cell["outputs"] = merged


def _last_line(text: str) -> str:
    lines = [ln for ln in text.strip().splitlines() if ln.strip()]
    return lines[-1] if lines else ""


def _failure(path: Path, nb: Any, ename: str, evalue: str) -> Exception:
    """``ReportError`` when ``ename`` is one of the package's own errors (the input is at fault),
    else ``NotebookFailure``; either names the notebook and the failing cell."""
    cell = _failing_cell(nb)
    ename, evalue = strip_escapes(str(ename)), strip_escapes(str(evalue)).strip()
    first = evalue.splitlines()[0] if evalue else ""
    own = getattr(errors, ename, None)
    if isinstance(own, type) and issubclass(own, errors.StatementAnalysisError):
        return ReportError(f"{path.name}: cell {cell}: {first}")
    return NotebookFailure(path.name, cell, ename, first)


_ARROW = re.compile(r"^-+> *\d+ (.*)$", re.MULTILINE)


def _failing_cell(nb: Any) -> str:
    """``#<index> (<the line that failed>)``: the cell's line the traceback points at, else its
    first line of code (not a comment, not a magic), cut to 60 characters; "?" when no cell failed."""
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error" or (
                out.get("name") == "stderr" and "Traceback (most recent call last)" in out.get("text", "")
            ):
                frames = out.get("traceback") or [out.get("text", "")]
                # the outermost frame with an arrow is the cell's own ("Cell In[3], line 12")
                hit = next((m for f in frames if (m := _ARROW.search(strip_escapes(f)))), None)
                code = [ln.strip() for ln in cell.source.splitlines() if ln.strip()[:1] not in ("", "#", "%", "!")]
                line = hit.group(1).strip() if hit else (code[0] if code else "empty")
                return f"#{i} ({line[:60]})"
    return "?"


def execute_notebook(path: Path, params: Mapping[str, Any] | None = None, *, timeout: int = 900) -> Any:
    """Run a notebook top to bottom in a fresh kernel with ``params`` injected; returns the
    executed notebook. Raises ``ReportError`` or ``NotebookFailure`` naming the failing cell."""
    with Kernel(path.parent, timeout) as kernel:
        return kernel.run(path, params)
