"""Peak memory of ``statement-analysis summary`` and ``report`` on one big generated statement.

    .venv/bin/python benchmarks/memory.py                  # 10 MB and 50 MB, summary and report
    .venv/bin/python benchmarks/memory.py --mb 10 --command summary

For each size, writes a statement of that many megabytes (UTF-8) to a temporary folder, runs the
command line on it as a subprocess (``--max-mb`` raised to let it through) and samples, every
50 ms, the summed resident memory (RSS) of that process and every process it started (notebook
kernels and their workers). Prints the peak, its ratio to the input's size, the target
(``LIMITS``: peak ≤ 30 × the input for ``summary``, ≤ 60 × for ``report``; the README's Limits
paragraph says what is held) and the time.
Summing RSS counts the pages that processes share (the Python libraries) once per process, so the
figure errs on the high side. Exit status 1 when a limit is exceeded or a command fails.

The text: the bundled statement's paragraphs, drawn in a seeded random order, with about one word
in forty replaced by a made-up word (so that the vocabulary keeps growing as in a real archive,
instead of repeating ~1,000 words), in paragraphs of the bundled statement's lengths. The same
size gives the same bytes on every run. Note the machine's load (printed from ``uptime``) beside
the figures: other jobs make both the time and, through the page cache, nothing else move.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

#: peak memory of the whole process tree, as a multiple of the input's size in bytes
LIMITS = {"summary": 30, "report": 60}  # the targets of issue 12 (the README says what is held)
BIN = Path(sys.executable).parent


def make_statement(path: Path, megabytes: float, seed: int = 12) -> int:
    """Write a plain-text statement of about ``megabytes`` MB (10⁶ bytes) to ``path``; returns
    its size in bytes."""
    import statement_analysis as sa

    paras = list(sa.load_bundled().paragraphs)
    rng = random.Random(seed)
    syllables = ["ka", "lo", "mi", "ren", "ta", "vos", "quel", "dar", "si", "um", "bri", "no"]
    target = int(megabytes * 1e6)
    size = 0
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        while size < target:
            words = rng.choice(paras).split(" ")
            for i in range(len(words)):
                if rng.random() < 0.025:
                    words[i] = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
            block = " ".join(words) + "\n\n"
            fh.write(block)
            size += len(block.encode("utf-8"))
    return path.stat().st_size


def _pss(pid: int) -> int:
    """Proportional set size of process ``pid`` in bytes (Linux ``smaps_rollup``): its private
    pages plus its share of the pages it shares with other processes; 0 where unreadable."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _role(p: Any) -> str:
    """A short name for a process below the command: a notebook kernel, or another process (a
    forked child making tables, a worker)."""
    with contextlib.suppress(Exception):
        if "_kernel_launch" in " ".join(p.cmdline()):
            return "kernel"
    return "child"


@dataclasses.dataclass
class Measured:
    rss: int  # peak of the summed RSS of the process tree, bytes
    pss: int  # peak of the summed PSS of the process tree, bytes
    at_peak: str  # the processes at the PSS peak: role and PSS each
    seconds: float
    code: int
    err: str


def run_measured(cmd: list[str], cwd: Path, interval: float = 0.05) -> Measured:
    """Run ``cmd`` and sample its process tree every ``interval`` seconds: the peaks of summed
    RSS (shared pages counted once per process: errs high) and of summed PSS (shared pages
    divided among the processes that share them: the memory the tree takes from the machine)."""
    import psutil

    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak_rss = peak_pss = 0
    at_peak = ""
    err: list[str] = []
    reader = threading.Thread(target=lambda: err.append(proc.stderr.read()), daemon=True)  # type: ignore[union-attr]
    reader.start()
    root = psutil.Process(proc.pid)
    while proc.poll() is None:
        rss = pss = 0
        parts = []
        with contextlib.suppress(psutil.Error):
            for p in [root, *root.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    rss += p.memory_info().rss
                    one = _pss(p.pid)
                    pss += one
                    parts.append(f"{'command' if p.pid == root.pid else _role(p)} {one / 1e9:.2f}")
        peak_rss = max(peak_rss, rss)
        if pss > peak_pss:
            peak_pss, at_peak = pss, ", ".join(parts)
        time.sleep(interval)
    reader.join()
    return Measured(peak_rss, peak_pss, at_peak, time.perf_counter() - t0, proc.returncode, "".join(err)[-600:])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, nargs="+", default=[10.0, 50.0], help="input sizes in MB (default: 10 50)")
    ap.add_argument("--command", choices=("summary", "report", "both"), default="both")
    args = ap.parse_args()
    commands = ["summary", "report"] if args.command == "both" else [args.command]
    load = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    print(f"machine: {os.cpu_count()} cores; uptime: {load}")
    failed = False
    with tempfile.TemporaryDirectory(prefix="sa-memory-") as tmp:
        tmpd = Path(tmp)
        for mb in args.mb:
            src = tmpd / f"statement_{mb:g}mb.txt"
            size = make_statement(src, mb)
            for command in commands:
                cmd = [str(BIN / "statement-analysis"), command, src.name, "--max-mb", f"{mb * 2:g}"]
                if command == "report":
                    cmd += ["--out", str(tmpd / "out")]
                m = run_measured(cmd, tmpd)
                ratio = m.pss / size
                ok = m.code == 0 and ratio <= LIMITS[command]
                failed |= not ok
                print(
                    f"{command:<8} {size / 1e6:6.1f} MB input: peak {m.pss / 1e9:6.2f} GB PSS = {ratio:5.1f} × input "
                    f"(limit {LIMITS[command]} ×); summed RSS {m.rss / 1e9:.2f} GB = {m.rss / size:.1f} ×; "
                    f"{m.seconds:6.1f} s, exit {m.code}" + ("" if ok else "  <-- FAILED")
                )
                print(f"         at the peak (GB PSS): {m.at_peak}")
                if m.code != 0:
                    print("   " + m.err.strip().replace("\n", "\n   "))
    print(f"uptime after: {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
