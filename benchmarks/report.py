"""Benchmark: the bundled statement's full report against nbconvert's floor, and a batch.

Usage: python benchmarks/report.py [--repeat 3] [--batch 20] [--corpus DIR]

The floor is what `jupyter nbconvert --execute --to html` needs for as many *empty* notebooks
as the report has (kernel start-up, execution round trips and HTML conversion, nothing else).
The report is `statement-analysis report --out <tmp>`: every numbered notebook executed on the
bundled statement, converted, plus index.html and the CSV tables. Prints the best of
``--repeat`` runs of each, and the ratio (target: at most 1.5).

``--batch N`` also times one `statement-analysis report` call on N statements (the first N
files of ``--corpus``, default ../shared/corpora/us_joint_statements; copies of the bundled
statement under different names where that folder is absent), which share warm kernels
(``reporting.build.KernelPool``), and prints seconds per statement (target: at most 4 on a quiet
2-core machine). Every figure is printed with the load average, as the machine may be shared.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from statement_analysis.reports import report_notebooks

BIN = Path(sys.executable).parent
JOINT = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "us_joint_statements"


def load() -> str:
    return "load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def batch_inputs(n: int, corpus: Path, folder: Path) -> list[str]:
    """``n`` statement files copied into ``folder``: the first ``n`` text files of ``corpus`` (by
    name), or copies of the bundled statement when it has too few."""
    import statement_analysis as sa

    folder.mkdir()
    files = sorted(corpus.rglob("*.txt"))[:n] if corpus.is_dir() else []
    if len(files) < n:
        files = [sa.bundled_statement_path()] * n
        print(f"batch: {n} copies of the bundled statement")
    else:
        print(f"batch: the first {n} statements of {corpus}")
    out = []
    for i, f in enumerate(files):
        target = folder / f"s{i:03d}_{f.name[:40]}"
        shutil.copyfile(f, target)
        out.append(str(target))
    return out


#: CPU seconds (user + system) of the finished child processes, summed over the last ``timed`` call
LAST_CPU = [0.0]


def timed(cmd: list[str], cwd: Path) -> float:
    """Wall-clock seconds of ``cmd``; its CPU seconds (it and the processes it waited for, such as
    its kernels) go to ``LAST_CPU`` — a figure that a busy machine inflates less than wall time."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, capture_output=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    LAST_CPU[0] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--batch", type=int, default=0, help="also time a batch of this many statements")
    ap.add_argument("--corpus", type=Path, default=JOINT, help="where the batch's statements come from")
    args = ap.parse_args()
    n = len(report_notebooks())  # the report's sections (07, interactive, is not one)
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
        if args.batch:
            inputs = batch_inputs(args.batch, args.corpus, tmpd / "batch_in")
            batch_cmd = [str(BIN / "statement-analysis"), "report", "--out", str(tmpd / "batch"), *inputs]
            batch = timed(batch_cmd, tmpd)
            batch_cpu = LAST_CPU[0]
            batch_load = load()
    floor, report = min(floors), min(reports)
    print(f"notebooks: {n}; best of {args.repeat} runs each")
    print(f"nbconvert floor ({n} empty notebooks): {floor:6.2f} s   runs: {', '.join(f'{t:.2f}' for t in floors)}")
    print(f"statement-analysis report (bundled):   {report:6.2f} s   runs: {', '.join(f'{t:.2f}' for t in reports)}")
    print(f"ratio report / floor: {report / floor:.2f} (target <= 1.5)")
    print(load())
    if args.batch:
        print(
            f"batch of {args.batch} statements in one call: {batch:6.2f} s, "
            f"{batch / args.batch:.2f} s per statement (target <= 4 on a quiet 2-core machine)"
        )
        print(
            f"  CPU time of the batch (command and kernels): {batch_cpu:.1f} s, {batch_cpu / args.batch:.2f} s per "
            f"statement: on 2 idle cores, at best {batch_cpu / args.batch / 2:.2f} s per statement"
        )
        print(batch_load)


if __name__ == "__main__":
    main()
