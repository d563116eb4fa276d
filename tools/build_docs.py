"""Build the API reference of statement-analysis with pdoc, offline, and check it.

Run from the repository root (``make docs``)::

    .venv/bin/python tools/build_docs.py            # writes docs/ (git-ignored)
    .venv/bin/python tools/build_docs.py --check    # only the checks, no files

The reference covers the package and every public module in it (names without a leading
underscore), from their docstrings. pdoc writes plain HTML with its search index beside it: no
page loads anything from the network (no math or diagram renderer is switched on).

The build fails (exit 1, one line per problem) when:

* a public function, method or class has no docstring;
* a docstring names ``sa.something`` or ``statement_analysis.something`` (in backticks) that
  does not exist — a renamed or removed function that the prose still points at;
* pdoc itself warns (for example a name in ``__all__`` that does not resolve).

``check(["pkg"])`` runs the same checks on any importable package (the tests prove them on a
throw-away package with an undocumented function).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
import sys
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "statement_analysis"
#: a code span in a docstring (``double`` as the package writes them, or `single`)
_SPAN = re.compile(r"``([^`]+)``|`([^`]+)`")
_DOTTED = r"((?:\.[A-Za-z_][A-Za-z0-9_]*)+)"


def module_names(package: str) -> list[str]:
    """``package`` and every public module under it (no part of the dotted name starts with
    ``_``), in import order."""
    pkg = importlib.import_module(package)
    names = [package]
    if hasattr(pkg, "__path__"):
        for info in pkgutil.walk_packages(pkg.__path__, f"{package}."):
            if not any(part.startswith("_") for part in info.name.split(".")):
                names.append(info.name)
    return names


def _members(doc: Any) -> Iterator[Any]:
    """Functions and classes documented on a pdoc module, and the public methods of classes."""
    import pdoc.doc

    for m in doc.members.values():
        if m.name.startswith("_") or not isinstance(m, (pdoc.doc.Function, pdoc.doc.Class)):
            continue
        yield m
        if isinstance(m, pdoc.doc.Class):
            for f in m.own_members:
                if isinstance(f, pdoc.doc.Function) and not f.name.startswith("_"):
                    yield f


def _resolve(ref: str, package: str) -> bool:
    """Whether a dotted ``sa.x.y`` / ``statement_analysis.x.y`` names something that exists."""
    parts = ref.split(".")
    parts[0] = package if parts[0] == "sa" else parts[0]
    obj: Any = importlib.import_module(parts[0])
    for i, name in enumerate(parts[1:], start=1):
        try:
            obj = getattr(obj, name)
            continue
        except AttributeError:
            pass
        try:
            obj = importlib.import_module(".".join(parts[: i + 1]))
        except ImportError:
            fields = getattr(obj, "__dataclass_fields__", {})  # a dataclass field has no class attribute
            return name in fields and i == len(parts) - 1
    return True


def _references(text: str, heads: Sequence[str] = ("sa", PACKAGE)) -> list[str]:
    """The dotted names in code spans of ``text`` that start with one of ``heads``
    (``sa.tidy.tokens`` out of ````sa.tidy.tokens(x)[0]````)."""
    ref = re.compile(rf"^({'|'.join(map(re.escape, heads))}){_DOTTED}")
    out = []
    for a, b in _SPAN.findall(text or ""):
        m = ref.match((a or b).strip())
        if m:
            out.append(m.group(0))
    return out


def check(packages: Sequence[str] = (PACKAGE,)) -> list[str]:
    """Problems in the documentation of ``packages``: one line each, empty when there is none.
    References written as ``sa.…`` are looked up in the first package."""
    import pdoc.doc

    problems: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for package in packages:
            for name in module_names(package):
                mod = pdoc.doc.Module(importlib.import_module(name))
                docs = [(mod.fullname, mod.docstring)]
                for m in _members(mod):
                    if m.taken_from[0] != mod.modulename and m.name not in getattr(mod.obj, "__all__", ()):
                        continue  # documented where it is defined
                    if not (m.docstring or "").strip():
                        kind = "class" if isinstance(m, pdoc.doc.Class) else "function"
                        problems.append(f"{m.fullname}: public {kind} without a docstring")
                    docs.append((m.fullname, m.docstring))
                for where, text in docs:
                    for ref in _references(text, ("sa", *packages)):
                        if not _resolve(ref, packages[0]):
                            problems.append(f"{where}: the docstring names `{ref}`, which does not exist")
    for w in caught:
        if "pdoc" in str(w.filename) or "pdoc" in str(w.message):
            problems.append(f"pdoc: {w.message}")
    return sorted(dict.fromkeys(problems))


def build(out: Path, packages: Sequence[str] = (PACKAGE,)) -> Path:
    """Write the HTML reference of ``packages`` into ``out``; returns ``out/index.html``."""
    import pdoc
    import pdoc.render

    pdoc.render.configure(
        docformat="google",  # the package's Args:/Returns: sections
        math=False,  # MathJax and Mermaid would come from a CDN
        mermaid=False,
        search=True,  # a local search index (search.js beside the pages)
        show_source=False,
        footer_text="statement-analysis · Apache-2.0",
    )
    names = [n for p in packages for n in module_names(p)]
    out.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # reported by check()
        pdoc.pdoc(*names, output_directory=out)
    return out / "index.html"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build and check the API reference (pdoc, offline).")
    parser.add_argument("--out", type=Path, default=ROOT / "docs", help="output folder (default: docs/)")
    parser.add_argument("--check", action="store_true", help="only check: write nothing")
    args = parser.parse_args(argv)
    problems = check()
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in the API documentation", file=sys.stderr)
        return 1
    if not args.check:
        index = build(args.out)
        pages = sum(1 for _ in args.out.rglob("*.html"))
        print(f"API reference: {pages} pages in {args.out} (open {index})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
