"""The ``statement-analysis`` command line.

Exit codes: 0 success; 2 a problem the user or the machine can fix — bad usage, bad input,
an unusable output folder, a full disk, a closed pipe — with a one-line message naming the path
and the cause; 1 an internal failure (a bug: please report it with the traceback printed under
``--debug``); 130 after Ctrl-C, 143 after SIGTERM (the build stops, leaving the output folder as
it was). Everything printed passes through ``sanitize``: no escape sequence from a file reaches
the terminal, and JSON is strict.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import signal
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .errors import StatementAnalysisError
from .sanitize import terminal_text

if TYPE_CHECKING:
    from .statement import Statement

EPILOG = """examples:
  statement-analysis report                        the bundled statement's report into reports/
  statement-analysis report a.txt b.txt            reports/a/ and reports/b/, one folder each
  statement-analysis report x/a.txt y/a.txt        reports/a/ and reports/a-2/ (the index names each file)
  statement-analysis report a.txt --out briefs     briefs/a/
  statement-analysis report a.txt --only 01,02     only these sections (and the index, the tables)
  statement-analysis report a.txt --corpus DIR     a.txt within the archive DIR (06_compare; 03's keyness)
  statement-analysis report --corpus DIR           a report about the archive DIR itself (over time)
  statement-analysis report --corpus DIR --freq year   group the archive by year (auto, month, quarter, year)
  statement-analysis report a.txt --dictionary coalition    add a domain theme dictionary (or a .yaml/.dic/.lc3 file)
  statement-analysis summary a.txt                 metadata and headline figures
  statement-analysis summary a.txt --format json   the same as strict JSON (schema: statement-analysis/summary)
  statement-analysis summary old.txt --encoding cp1252

exit codes: 0 success; 2 bad usage, bad input or an unusable output folder (the message names
the file and the cause); 1 internal error (a bug; --debug shows the traceback); 130 Ctrl-C
"""

#: Statements larger than this are refused unless ``--max-mb`` says otherwise: a statement is
#: rarely over 1 MB, and a 50 MB "statement" is usually a corpus in one file.
DEFAULT_MAX_MB = 10.0


DICTIONARY_HELP = (
    "a theme dictionary to show beside the general policy-agenda one: a shipped name (general, coalition) "
    "or a .yaml/.yml, .dic or .lc3 file; default: a shipped domain dictionary is added only when it fits the text"
)


def _check_dictionary(value: str | None) -> str | None:
    """``value`` once checked: raises ``DictionaryError`` (exit 2) for an unknown name or a bad
    file, before any kernel starts."""
    if value is None:
        return None
    from .themes.formats import resolve_dictionary

    resolve_dictionary(value)
    return value


class _Terminated(KeyboardInterrupt):
    """SIGTERM, turned into an exception so that a build stops as on Ctrl-C (kernels killed,
    staging removed)."""


def _max_mb(value: str) -> float:
    try:
        f = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number of megabytes, not {value!r}") from None
    if not math.isfinite(f) or f <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive number of megabytes, not {value!r}")
    return f


def _date(value: str) -> str:
    from .load.dates import parse_date

    try:
        parse_date(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return value


def _encoding(value: str) -> str:
    import codecs

    try:
        codecs.lookup(value)
    except LookupError:
        raise argparse.ArgumentTypeError(f"unknown encoding {value!r} (e.g. utf-8, cp1252, latin-1)") from None
    return value


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="statement-analysis",
        description="Readability, terms, themes and places in diplomatic statements; offline HTML reports.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    p.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    r = sub.add_parser(
        "report",
        help="build HTML reports (index, one page per notebook, tables as CSV)",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    r.add_argument("paths", nargs="*", type=Path, help="statement files (default: the bundled statement)")
    r.add_argument("--out", type=Path, default=Path("reports"), help="output folder (default: reports/)")
    r.add_argument(
        "--corpus",
        type=Path,
        default=None,
        help="an archive: a folder of statements with metadata.csv; with statements, each is set against it; "
        "alone, the report is about the archive",
    )
    r.add_argument(
        "--freq",
        default=None,
        metavar="auto|month|quarter|year",
        help="how to group the archive over time (default: auto, the finest grouping giving at most 24 periods "
        "of 3 statements on average, else year)",
    )
    r.add_argument("--dictionary", metavar="NAME|PATH", default=None, help=DICTIONARY_HELP)
    r.add_argument(
        "--only",
        default=None,
        metavar="NN,NN",
        help="build only the sections whose numbers are listed (e.g. 01,03); default: all",
    )
    r.add_argument("--show-code", action="store_true", help="show the notebooks' code on the pages (default: hidden)")
    s = sub.add_parser(
        "summary",
        help="metadata and headline figures of a statement",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    s.add_argument("path", type=Path)
    s.add_argument("--format", choices=("table", "json"), default="table")
    s.add_argument("--dictionary", metavar="NAME|PATH", default=None, help=DICTIONARY_HELP)
    for q in (r, s):
        q.add_argument(
            "--max-mb",
            type=_max_mb,
            default=DEFAULT_MAX_MB,
            help=f"refuse statement files larger than this many MB (default: {DEFAULT_MAX_MB:g})",
        )
        q.add_argument(
            "--encoding",
            type=_encoding,
            default=None,
            help="the files' text encoding (default: UTF-8, or what a byte-order mark says), e.g. cp1252",
        )
        q.add_argument("--title", default=None, help="the statement's title (default: what the file says)")
        q.add_argument(
            "--date",
            type=_date,
            default=None,
            help="the statement's date: 2017-03-22, '22 March 2017', 'March 22, 2017', 22.03.2017, 'March 2017' "
            "or 2017 (default: what the file says)",
        )
        q.add_argument(
            "--no-title-line",
            dest="title_line",
            action="store_false",
            help="keep a first line that looks like a heading as body text (default: it is the title)",
        )
    return p


def _load(path: Path, args: argparse.Namespace) -> Statement:
    from .load import load_statement

    return load_statement(
        path,
        encoding=args.encoding,
        max_mb=args.max_mb,
        title=args.title,
        date=args.date,
        title_line=args.title_line,
    )


def _notebooks(only: str | None) -> list[Path] | None:
    from .errors import OptionError
    from .reports import is_report_section, list_notebooks

    if only is None:
        return None
    all_nbs = list_notebooks()
    wanted = [w.strip() for w in only.split(",") if w.strip()]
    known = {p.stem[:2]: p for p in all_nbs if is_report_section(p)}
    not_sections = [p.stem for p in all_nbs if not is_report_section(p) and p.stem[:2] in {w.zfill(2) for w in wanted}]
    if not_sections:
        raise OptionError(
            f"--only: {', '.join(not_sections)} is not a report section (it works in JupyterLab only); "
            f"sections: {', '.join(known)}"
        )
    bad = [w for w in wanted if w.zfill(2) not in known]
    if not wanted or bad:
        raise OptionError(f"--only must list section numbers among {', '.join(known)}, not {only!r}")
    return [known[w.zfill(2)] for w in sorted(set(wanted), key=lambda w: w.zfill(2))]


def _freq(value: str | None, corpus: Path | None) -> str:
    """``--freq`` once checked (``OptionError``, exit 2): one of ``compare.FREQS``, and only with
    ``--corpus``."""
    from .compare import FREQS
    from .errors import OptionError

    if value is None:
        return "auto"
    if value not in FREQS:
        raise OptionError(f"--freq must be one of {', '.join(FREQS)}, not {value!r}")
    if corpus is None:
        raise OptionError("--freq groups an archive over time: give the archive with --corpus DIR")
    return value


def _report(args: argparse.Namespace) -> int:
    from .reporting.build import KernelPool, _print_progress, build_archive_report
    from .reports import build_reports, display_name, report_names

    notebooks = _notebooks(args.only)
    freq = _freq(args.freq, args.corpus)
    if args.out.exists() and not args.out.is_dir():
        from .errors import OutputFolderError

        raise OutputFolderError("exists and is not a folder: give --out a folder", path=args.out)
    if args.corpus is not None:
        _check_corpus(args.corpus, args.encoding)
    dictionary = _check_dictionary(args.dictionary)
    if not args.paths and args.corpus is not None:
        if args.title is not None or args.date is not None:
            from .errors import OptionError

            raise OptionError("--title and --date describe a statement: a report about an archive alone takes neither")
        from .reporting.build import ARCHIVE_SECTIONS

        if notebooks is not None and not any(p.stem[:2] in ARCHIVE_SECTIONS for p in notebooks):
            from .errors import OptionError

            raise OptionError(
                f"--only: a report about an archive alone has the sections {', '.join(ARCHIVE_SECTIONS)}; "
                "give a statement too for the others"
            )
        _err(f"Building the report of the archive {display_name(args.corpus)} in {args.out}/")
        written = build_archive_report(
            args.corpus,
            out_dir=args.out,
            notebooks=notebooks,
            progress=lambda m: _print_progress(terminal_text(m)),
            freq=freq,
            encoding=args.encoding,
            show_code=args.show_code,
        )
        _out(f"{args.out / 'index.html'}  ({len(written)} sections, tables in {args.out / 'tables'}/)")
        return 0
    # every input loaded first: a bad one fails the run before any kernel starts
    targets: list[tuple[Statement | None, str | None, Path]] = []
    if not args.paths:
        targets.append((None, None, args.out))
    if len(args.paths) > 1 and (args.title is not None or args.date is not None):
        from .errors import OptionError

        raise OptionError("--title and --date describe one statement: give one file with them")
    statements = [_load(path, args) for path in args.paths]
    for path, st, name in zip(args.paths, statements, report_names(args.paths), strict=True):
        targets.append((st, display_name(path), args.out / name))
    # several statements share warm kernels (and what they load once): see reporting.build.KernelPool
    with contextlib.ExitStack() as stack:
        pool = stack.enter_context(KernelPool(2)) if len(targets) > 1 else None
        for statement, label, out in targets:
            _err(f"Building the report of {label or 'the bundled statement'} in {out}/")
            written = build_reports(
                statement,
                out_dir=out,
                notebooks=notebooks,
                corpus=args.corpus,
                source_label=label,
                progress=lambda m: _print_progress(terminal_text(m)),
                dictionary=dictionary,
                title=args.title,
                date=args.date,
                encoding=args.encoding,
                title_line=args.title_line,
                freq=freq,
                kernels=pool,
                show_code=args.show_code,
            )
            _out(f"{out / 'index.html'}  ({len(written)} sections, tables in {out / 'tables'}/)")
    return 0


def _check_corpus(folder: Path, encoding: str | None) -> None:
    """Load the corpus once here, so that a bad folder or metadata table fails the run before any
    notebook starts (its warnings are printed as notes)."""
    from .load import load_corpus

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load_corpus(folder, encoding=encoding, progress=False)
    for w in caught:
        if issubclass(w.category, UserWarning):
            _err(f"note: {w.message}")


def _summary(args: argparse.Namespace) -> int:
    import dataclasses

    from .reporting.build import display_name
    from .sanitize import json_safe, json_text
    from .summary import headline, summarize

    dictionary = _check_dictionary(args.dictionary)
    st = _load(args.path, args)
    st = dataclasses.replace(st, meta={**st.meta, "source": display_name(args.path)})  # no absolute path
    data = json_safe(summarize(st, dictionary=dictionary))
    if args.format == "json":
        _out(json_text(data), raw=True)
        return 0
    rows = [("Title", st.title or st.doc_id), *headline(st, data)]
    width = max(len(k) for k, _ in rows)
    for k, v in rows:
        _out(f"{k:<{width}}  {v}")
    for w in data["warnings"]:
        _out(f"note: {w}")
    return 0


def _out(text: str, *, raw: bool = False) -> None:
    print(text if raw else terminal_text(text), flush=True)


def _err(text: str) -> None:
    print(terminal_text(text), file=sys.stderr, flush=True)


def _oserror(exc: OSError) -> str:
    """One line for an ``OSError``: the file and the cause."""
    import errno

    what = exc.strerror or str(exc)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        what += " (free some space, or give another --out)"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        what += " (this user may not write or read there: give another --out, or check the permissions)"
    where = exc.filename if exc.filename is not None else "output"
    return f"{where}: {what}"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    previous = _on_signals()
    try:
        code = _report(args) if args.command == "report" else _summary(args)
        sys.stdout.flush()
        return code
    except StatementAnalysisError as exc:
        _fail(f"statement-analysis: error: {terminal_text(exc, one_line=True)}")
        return 2
    except KeyboardInterrupt:
        from .reporting.build import STOP_SIGNALS

        if signal.SIGTERM in STOP_SIGNALS:
            _fail("statement-analysis: stopped (SIGTERM); the output folder is as it was")
            return 143
        _fail("statement-analysis: stopped (Ctrl-C); the output folder is as it was")
        return 130
    except BrokenPipeError:
        _quiet_stdout()
        _fail("statement-analysis: error: standard output: the program reading it stopped (broken pipe)")
        return 2
    except OSError as exc:
        if exc.filename is None and exc.errno is not None:
            _quiet_stdout()  # a failed write to standard output (a full disk, /dev/full)
        _fail(f"statement-analysis: error: {terminal_text(_oserror(exc), one_line=True)}")
        return 2
    except Exception as exc:  # a bug, not a user mistake
        if args.debug:
            raise
        from .reports import NotebookFailure

        what = str(exc) if isinstance(exc, NotebookFailure) else f"{type(exc).__name__}: {exc}"
        _fail(
            f"statement-analysis: internal error: {terminal_text(what, one_line=True)}\n"
            "This is a bug; run again with --debug for the traceback and report it."
        )
        return 1
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def command() -> None:
    """The ``statement-analysis`` command: ``main()`` on the command line's arguments, then exit
    with its code. After Ctrl-C or SIGTERM the build has already killed its kernels and removed
    its staging folder when ``main`` returns, so the process ends at once, without the second or
    more that tearing down a big interpreter takes (modules, threads, freed memory)."""
    code = main()
    if code in (130, 143):
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(code)
    raise SystemExit(code)


def _on_signals() -> dict[int, Any]:
    """Make Ctrl-C (SIGINT) and SIGTERM stop a build: each raises ``KeyboardInterrupt`` in the
    main thread and is noted in ``reporting.build.STOP_SIGNALS`` (which the build checks between
    steps); returns the previous handlers."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        return {}
    from .reporting.build import STOP_SIGNALS

    STOP_SIGNALS.clear()

    def handler(signum: int, frame: Any) -> None:
        STOP_SIGNALS.append(signum)
        raise _Terminated() if signum == signal.SIGTERM else KeyboardInterrupt()

    previous = {}
    for signum in (signal.SIGINT, signal.SIGTERM):
        if signal.getsignal(signum) is not signal.SIG_IGN:  # keep a signal the caller chose to ignore
            previous[signum] = signal.signal(signum, handler)
    return previous


def _fail(message: str) -> None:
    with contextlib.suppress(OSError):
        print(message, file=sys.stderr, flush=True)


def _quiet_stdout() -> None:
    """Point standard output at /dev/null, so that the interpreter's last flush at exit does not
    fail again on a closed pipe or a full disk."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
