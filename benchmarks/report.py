"""Benchmark: the bundled statement's full report against nbconvert's floor.

Usage: python benchmarks/report.py [--repeat 3]

The floor is what `jupyter nbconvert --execute --to html` needs for as many *empty* notebooks
as the report has (kernel start-up, execution round trips and HTML conversion, nothing else).
The report is `statement-analysis report --out <tmp>`: every numbered notebook executed on the
bundled statement, converted, plus index.html and the CSV tables. Prints the best of
``--repeat`` runs of each, and the ratio (target: at most 1.5).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from statement_analysis.reports import list_notebooks

BIN = Path(sys.executable).parent


def timed(cmd: list[str], cwd: Path) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    n = len(list_notebooks())
    with tempfile.TemporaryDirectory() as tmp:
        tmpd = Path(tmp)
        empties = []
        for i in range(n):
            nb = nbformat.v4.new_notebook()
            nb.cells = [nbformat.v4.new_code_cell("")]
            nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
            path = tmpd / f"empty_{i}.ipynb"
            nbformat.write(nb, path)
            empties.append(str(path))
        floor_cmd = [
            str(BIN / "jupyter"),
            "nbconvert",
            "--execute",
            "--to",
            "html",
            "--output-dir",
            str(tmpd / "floor"),
            *empties,
        ]
        report_cmd = [str(BIN / "statement-analysis"), "report", "--out", str(tmpd / "report")]
        floors, reports = [], []
        for _ in range(args.repeat):
            floors.append(timed(floor_cmd, tmpd))
            reports.append(timed(report_cmd, tmpd))
    floor, report = min(floors), min(reports)
    print(f"notebooks: {n}; best of {args.repeat} runs each")
    print(f"nbconvert floor ({n} empty notebooks): {floor:6.2f} s   runs: {', '.join(f'{t:.2f}' for t in floors)}")
    print(f"statement-analysis report (bundled):   {report:6.2f} s   runs: {', '.join(f'{t:.2f}' for t in reports)}")
    print(f"ratio report / floor: {report / floor:.2f} (target <= 1.5)")


if __name__ == "__main__":
    main()
