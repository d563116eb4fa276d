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

from . import __version__
from .errors import StatementAnalysisError

EPILOG = """examples:
  statement-analysis report                       reports for the bundled statement into reports/
  statement-analysis report my_statement.txt      reports into reports/my_statement/
  statement-analysis report a.txt b.txt --out out one folder per statement under out/
  statement-analysis summary data/raw/*.txt       metadata and headline figures
  statement-analysis summary a.txt --format json  the same as JSON, for scripts
"""


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
        "report", help="build HTML reports", epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    r.add_argument("paths", nargs="*", type=Path, help="statement files (default: the bundled statement)")
    r.add_argument("--out", type=Path, default=Path("reports"), help="output folder (default: reports/)")
    s = sub.add_parser("summary", help="metadata and headline figures of a statement")
    s.add_argument("path", type=Path)
    s.add_argument("--format", choices=("table", "json"), default="table")
    return p


def _report(args: argparse.Namespace) -> int:
    from .load import load_statement
    from .reports import _print_progress, build_reports

    targets: list[tuple[Path | None, Path]] = []
    if not args.paths:
        targets.append((None, args.out))
    else:
        for path in args.paths:
            load_statement(path)  # fail early, with a clear message, before any kernel starts
            out = args.out if len(args.paths) == 1 and args.out != Path("reports") else args.out / path.stem
            targets.append((path, out))
    for path, out in targets:
        written = build_reports(path, out_dir=out, progress=_print_progress)
        print(f"{len(written)} report pages in {out}/: " + ", ".join(w.name for w in written))
    return 0


def _summary(args: argparse.Namespace) -> int:
    from . import tidy
    from .load import load_statement

    st = load_statement(args.path)
    sents = tidy.sentences(st)
    toks = tidy.tokens(st)
    data = {
        "doc_id": st.doc_id,
        "title": st.title,
        "date": st.date.isoformat() if st.date else None,
        "paragraphs": len(st.paragraphs),
        "sentences": len(sents),
        "words": int(toks["is_alpha"].sum() + toks["is_num"].sum()),
    }
    if args.format == "json":
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        width = max(len(k) for k in data)
        for k, v in data.items():
            print(f"{k:<{width}}  {v}")
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
