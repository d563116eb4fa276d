"""The ``statement-analysis`` command line.

Exit codes: 0 success; 2 bad usage or bad input (the message names the file and the problem);
1 an internal failure (a bug: please report it with the traceback printed under ``--debug``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .errors import StatementAnalysisError

if TYPE_CHECKING:
    from .statement import Statement

EPILOG = """examples:
  statement-analysis report                        the bundled statement's report into reports/
  statement-analysis report a.txt b.txt            reports/a/ and reports/b/, one folder each
  statement-analysis report a.txt --out briefs     briefs/a/
  statement-analysis report --corpus DIR           also compare the statements in DIR (06_compare)
  statement-analysis report a.txt --dictionary coalition    add a domain theme dictionary (or a .yaml/.dic/.lc3 file)
  statement-analysis summary a.txt                 metadata and headline figures
  statement-analysis summary a.txt --format json   the same as JSON (schema: statement-analysis/summary)

exit codes: 0 success; 2 bad usage or bad input (the message names the file); 1 internal error
"""

#: Statements larger than this are refused by ``report`` unless ``--max-mb`` says otherwise: a
#: statement is rarely over 1 MB, and a 50 MB "statement" is usually a corpus in one file.
DEFAULT_MAX_MB = 10.0


DICTIONARY_HELP = (
    "a theme dictionary to show beside the general policy-agenda one: a shipped name (general, coalition) "
    "or a .yaml/.yml, .dic or .lc3 file; default: a shipped domain dictionary is added only when it fits the text"
)


def _check_dictionary(value: str | None) -> str | None:
    """The dictionary as the notebooks need it (a shipped name, or an absolute path); raises
    ``DictionaryError`` (exit 2) for an unknown name or a bad file, before any kernel starts."""
    if value is None:
        return None
    from .themes.formats import SHIPPED, resolve_dictionary

    resolve_dictionary(value)
    return value if value in SHIPPED else str(Path(value).resolve())


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
    r.add_argument("--corpus", type=Path, default=None, help="folder of statements to compare (with metadata.csv)")
    r.add_argument("--dictionary", metavar="NAME|PATH", default=None, help=DICTIONARY_HELP)
    r.add_argument(
        "--max-mb",
        type=float,
        default=DEFAULT_MAX_MB,
        help=f"refuse statement files larger than this many MB (default: {DEFAULT_MAX_MB:g})",
    )
    s = sub.add_parser(
        "summary",
        help="metadata and headline figures of a statement",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    s.add_argument("path", type=Path)
    s.add_argument("--format", choices=("table", "json"), default="table")
    s.add_argument("--dictionary", metavar="NAME|PATH", default=None, help=DICTIONARY_HELP)
    return p


def _check_size(path: Path, max_mb: float) -> None:
    if path.is_file():
        size = path.stat().st_size / 1e6
        if size > max_mb:
            raise StatementAnalysisError(
                f"the file is {size:,.1f} MB, over the {max_mb:g} MB limit for one statement; "
                "if it holds many statements, split it into files and pass the folder with --corpus; "
                "if it really is one statement, raise the limit with --max-mb",
                path=path,
            )


def _report(args: argparse.Namespace) -> int:
    from .load import load_statement
    from .reports import _print_progress, build_reports

    extra = {}
    if args.corpus is not None:
        if not args.corpus.is_dir():
            raise StatementAnalysisError("--corpus must be a folder of statements", path=args.corpus)
        extra["corpus_path"] = str(args.corpus.resolve())
    dictionary = _check_dictionary(args.dictionary)
    targets: list[tuple[Statement | None, Path]] = []
    if not args.paths:
        targets.append((None, args.out))
    for path in args.paths:
        _check_size(path, args.max_mb)
        # loaded once, here: fails early with a clear message, before any kernel starts
        targets.append((load_statement(path), args.out / path.stem))
    for statement, out in targets:
        label = "the bundled statement" if statement is None else str(statement.meta.get("source"))
        print(f"Building the report of {label} in {out}/", file=sys.stderr)
        written = build_reports(
            statement, out_dir=out, extra_params=extra, progress=_print_progress, dictionary=dictionary
        )
        print(f"{out / 'index.html'}  ({len(written)} sections, tables in {out / 'tables'}/)")
    return 0


def _summary(args: argparse.Namespace) -> int:
    from .load import load_statement
    from .summary import headline, summarize

    dictionary = _check_dictionary(args.dictionary)
    st = load_statement(args.path)
    data = summarize(st, dictionary=dictionary)
    if args.format == "json":
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    rows = [("Title", st.title or st.doc_id), *headline(st, data)]
    width = max(len(k) for k, _ in rows)
    for k, v in rows:
        print(f"{k:<{width}}  {v}")
    for w in data["warnings"]:
        print(f"note: {w}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        if args.command == "report":
            return _report(args)
        return _summary(args)
    except StatementAnalysisError as exc:
        print(f"statement-analysis: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug, not a user mistake
        if args.debug:
            raise
        print(
            f"statement-analysis: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug; run again with --debug for the traceback and report it.",
            file=sys.stderr,
        )
        return 1
