"""Where a report is written, and how it replaces the one before without ever losing it.

* ``report_names(paths)``: one folder name per input file, safe and unique: the file's stem
  with anything but letters, digits, ``.``, ``_`` and ``-`` made ``_``, no leading dot (so never
  ``.`` or ``..``), at most 80 characters, ``statement`` when nothing is left; a name met before in
  the same run (or ``tables``, which a report of its own uses) gets ``-2``, ``-3``... in the order
  the files were given, so that the same command gives the same names.
* ``ReportFolder(target)``: a context manager for one build. On entry it takes the report's lock
  (``ReportBusyError`` when another running build holds it), removes what killed builds left
  behind, checks the target (``OutputFolderError`` when it is a file, or holds files that are not
  part of a report), and makes a staging folder. ``install()`` moves the staged report into
  place; on any exit the staging folder and the lock go, and a folder this build created and
  left empty is removed.

Staging and locks live in ``.statement-analysis/`` beside the report folder (in ``--out``), never
inside it: a report folder only ever holds ``index.html``, the ``NN_*.html`` pages and
``tables/``. A report folder of its own (``report a.txt`` → ``OUT/a/``) is replaced in one step
(renamed aside, the new one renamed in, the old one removed: if the build is killed in between,
the next build puts the old one back). A report written straight into a folder that holds other
things (``report`` with no file → ``OUT/``) replaces its own files one by one and keeps the rest.

Locks are ``flock`` locks on ``.statement-analysis/NAME.lock``: the system releases them when a
build dies, however it dies, so a lock is never stale; a build dir whose lock is free is.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import tempfile
import time
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from ..errors import OutputFolderError, ReportBusyError

#: the folder (inside --out) for builds in progress and their locks
STAGING = ".statement-analysis"
#: a file or folder name a report folder may hold
_REPORT_ENTRY = re.compile(r"index\.html|\d\d_[^/]*\.html|tables")
_RESERVED = {"tables"}
_WINDOWS_DEVICES = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
MAX_NAME = 80


def safe_name(stem: str) -> str:
    """A folder name made from a file's stem (see the module docstring)."""
    s = unicodedata.normalize("NFC", stem)
    s = re.sub(r"[^\w.-]+", "_", s)  # \w: letters and digits of any script, and _
    s = s.strip("._-")[:MAX_NAME].rstrip("._-")
    if not s:
        return "statement"
    if s.split(".")[0].lower() in _WINDOWS_DEVICES:
        s = f"{s}_"
    return s


def report_names(paths: Sequence[str | os.PathLike[str]]) -> list[str]:
    """One safe, unique folder name per path, in order (see the module docstring)."""
    taken = {r.casefold() for r in _RESERVED}
    out = []
    for p in paths:
        base = safe_name(Path(p).stem if Path(p).suffix else Path(p).name)
        name, k = base, 1
        while name.casefold() in taken:
            k += 1
            name = f"{base}-{k}"
        taken.add(name.casefold())
        out.append(name)
    return out


def is_report_entry(name: str) -> bool:
    """Whether a file or folder of this name belongs to a report (``index.html``, a page, ``tables``)."""
    return bool(_REPORT_ENTRY.fullmatch(name)) or name.startswith(".building-")  # left by version 0.1


def _lock(path: Path, *, wait: bool = False) -> int | None:
    """Open and lock ``path`` (created if missing); returns the descriptor, or None when another
    process holds the lock. Retries when the file was removed and made again meanwhile."""
    flags = os.O_CREAT | os.O_RDWR | getattr(os, "O_CLOEXEC", 0)
    for _ in range(50):
        fd = os.open(path, flags, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return None
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            return fd
        os.close(fd)  # its holder removed it after we opened it: lock the new one
    raise OutputFolderError("cannot take the report's lock (it keeps changing)", path=path)


def _release(path: Path, fd: int) -> None:
    with contextlib.suppress(OSError):
        path.unlink()  # while still holding it: whoever opened it meanwhile retries (see _lock)
    with contextlib.suppress(OSError):
        os.close(fd)


def _holder(path: Path) -> str:
    try:
        pid = path.read_text().strip()
    except OSError:
        return "another build"
    return f"another build (process {pid})" if pid.isdigit() else "another build"


def clean_stale(root: Path) -> None:
    """Remove from ``root`` (a ``.statement-analysis`` folder) the staging folders of builds that
    are no longer running, putting back a report folder that a killed build had moved aside."""
    if not root.is_dir():
        return
    keys = {e.name.split(".build-")[0] for e in root.glob("*.build-*")}
    keys |= {e.name.split(".old-")[0] for e in root.glob("*.old-*")}
    for key in sorted(keys):
        lock = root / f"{key}.lock"
        fd = _lock(lock)
        if fd is None:
            continue  # running
        try:
            for d in root.glob(f"{glob_escape(key)}.build-*"):
                shutil.rmtree(d, ignore_errors=True)
            target = root.parent / key if not key.startswith("@") else None
            for old in sorted(root.glob(f"{glob_escape(key)}.old-*")):
                if target is not None and not target.exists():
                    os.rename(old, target)  # killed between the two renames of install()
                else:
                    shutil.rmtree(old, ignore_errors=True)
        finally:
            _release(lock, fd)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def glob_escape(s: str) -> str:
    """``s`` with the characters ``glob`` reads as patterns (``*``, ``?``, ``[``) made literal."""
    return re.sub(r"([*?\[])", r"[\1]", s)


class ReportFolder:
    """One build's claim on a report folder (see the module docstring).

    ``ReportFolder(target)``: the report goes to ``target``. ``own_folder`` says whether the
    report is the whole of ``target`` (replaced in one step) or shares it with other files
    (replaced file by file); by default it is decided from what ``target`` holds now.
    Inside ``with``: ``stage`` is the folder to write the report into (``stage/input`` is free for
    the build's own use: it is not installed), ``install()`` puts it in place.
    """

    def __init__(self, target: str | os.PathLike[str], *, own_folder: bool | None = None) -> None:
        self.target = Path(target)
        self.own_folder = own_folder
        self.stage = Path()
        self._created: list[Path] = []
        self._fd: int | None = None
        self._lockfile = Path()

    # ------------------------------------------------------------------ entering
    def __enter__(self) -> ReportFolder:
        try:
            self._enter()
        except BaseException:
            self._cleanup()
            raise
        return self

    def _enter(self) -> None:
        t = self.target
        if t.exists() and not t.is_dir():
            raise OutputFolderError("exists and is not a folder: give --out a folder", path=t)
        if self.own_folder is None:
            self.own_folder = not t.exists() or all(is_report_entry(e.name) for e in t.iterdir())
        home = t.parent if self.own_folder else t
        self._mkdirs(home)
        root = home / STAGING
        if not root.is_dir():
            try:
                root.mkdir()
                self._created.append(root)
            except FileExistsError:
                if not root.is_dir():
                    raise OutputFolderError(f"{STAGING} exists and is not a folder", path=root) from None
        clean_stale(root)
        key = t.name if self.own_folder else "@" + (t.name or "report")
        self._lockfile = root / f"{key}.lock"
        fd = None
        for _ in range(20):  # a build cleaning stale folders holds a lock for a moment only
            try:
                fd = _lock(self._lockfile)
            except FileNotFoundError:  # another build removed the empty staging folder: make it again
                root.mkdir(exist_ok=True)
                continue
            if fd is not None:
                break
            time.sleep(0.05)
        if fd is None:
            raise ReportBusyError(
                f"{_holder(self._lockfile)} is writing this report now: wait for it to finish, or give another --out",
                path=t,
            )
        self._fd = fd
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        if self.own_folder and t.is_dir():
            odd = sorted(e.name for e in t.iterdir() if not is_report_entry(e.name))
            if odd:
                raise OutputFolderError(
                    f"holds files that are not part of a report (e.g. {odd[0]!r}), which rebuilding it would "
                    "remove: move them, or give another --out",
                    path=t,
                )
        tables = t / "tables"
        if tables.exists() and not tables.is_dir():
            raise OutputFolderError("is a file, where the report puts its tables folder: move it", path=tables)
        self._root, self._key = root, key
        self.stage = Path(tempfile.mkdtemp(prefix=f"{key}.build-", dir=root))
        os.chmod(self.stage, 0o777 & ~_umask())  # mkdtemp's 0700 would become the report's

    def _mkdirs(self, folder: Path) -> None:
        missing = []
        p = folder
        while not p.exists():
            missing.append(p)
            if p.parent == p:
                break
            p = p.parent
        if p.exists() and not p.is_dir():
            raise OutputFolderError("is a file, not a folder", path=p)
        for d in reversed(missing):
            try:
                d.mkdir()
            except FileExistsError:
                continue
            self._created.append(d)

    # ------------------------------------------------------------------ installing
    def install(self) -> None:
        """Put the staged report (everything in ``stage`` but ``input``) in place of the old one."""
        t, stage = self.target, self.stage
        shutil.rmtree(stage / "input", ignore_errors=True)
        if self.own_folder:
            old = None
            if t.exists():
                old = Path(tempfile.mkdtemp(prefix=f"{self._key}.old-", dir=self._root))
                old.rmdir()
                os.rename(t, old)
            os.rename(stage, t)
            if t in self._created:
                self._created.remove(t)
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
            return
        for item in sorted(stage.iterdir()):
            if item.name == "tables":
                continue
            os.replace(item, t / item.name)
        if (stage / "tables").is_dir():
            old = None
            if (t / "tables").exists():
                old = Path(tempfile.mkdtemp(prefix=f"{self._key}.old-", dir=self._root))
                old.rmdir()
                os.rename(t / "tables", old)
            os.rename(stage / "tables", t / "tables")
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)

    # ------------------------------------------------------------------ leaving
    def __exit__(self, *exc: object) -> None:
        self._cleanup()

    def _cleanup(self) -> None:
        if self.stage != Path() and self.stage.exists():
            shutil.rmtree(self.stage, ignore_errors=True)
        if self._fd is not None:
            _release(self._lockfile, self._fd)
            self._fd = None
        for d in reversed(self._created):  # folders this build made and left empty
            with contextlib.suppress(OSError):
                d.rmdir()
        root = self.target.parent / STAGING if self.own_folder else self.target / STAGING
        with contextlib.suppress(OSError):
            root.rmdir()  # only when empty: other builds may be using it
