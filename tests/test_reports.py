"""Reports: complete, reproducible, offline, and safe with hostile or bad input.

The browser test opens every page in headless Chromium (Debian's ``chromium``, which .ci/run
installs where missing) through Playwright, and checks that no script runs, no request leaves
the page and the hostile text is shown as text. It saves a screenshot of the index page to
``tests/artifacts/``.
"""

from __future__ import annotations

import filecmp
import os
import shutil
from pathlib import Path

import pytest

from statement_analysis.cli import main
from statement_analysis.errors import StatementAnalysisError
from statement_analysis.reports import build_reports, report_notebooks

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

HOSTILE = (
    "Ministers met today. <script>alert(1)</script> They agreed on a plan.\n\n"
    "We welcome <img src=x onerror=alert(2)> the *talks* in __Geneva__ and [Iraq](http://example.com/x.js). "
    "The cost was $5$ and $$\\int_0^1 x\\,dx$$ and \\(\\alpha\\) | a | b | # Heading `code` <b>bold</b>.\n\n"
    + "Longline" * 2500
    + "\n\nWe will meet again in July 2017."
)


def test_the_bundled_report_builds_with_no_network(bundled_report):
    if (bundled_report / ".built-offline").read_text() != "yes":
        pytest.skip("this machine cannot run a command without network (unshare -n)")
    assert (bundled_report / "index.html").is_file()
    assert len(list(bundled_report.glob("0*.html"))) == len(report_notebooks())


def test_index_links_every_section_and_table(bundled_report):
    html = (bundled_report / "index.html").read_text(encoding="utf-8")
    for nb in report_notebooks():
        assert f'href="{nb.stem}.html"' in html
        assert (bundled_report / f"{nb.stem}.html").is_file()
    for csv in (bundled_report / "tables").glob("*.csv"):
        assert f'href="tables/{csv.name}"' in html
    assert (bundled_report / "tables" / "sentences.csv").read_text(encoding="utf-8").count("\n") == 67 + 1


@pytest.mark.slow
def test_two_builds_are_byte_identical(bundled_report, tmp_path):
    again = tmp_path / "again"
    build_reports(None, out_dir=again)
    first = sorted(
        p.relative_to(bundled_report) for p in bundled_report.rglob("*") if p.is_file() and p.name != ".built-offline"
    )
    second = sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert first == second
    for rel in first:
        if not filecmp.cmp(bundled_report / rel, again / rel, shallow=False):
            a = (bundled_report / rel).read_text(encoding="utf-8").replace("><", ">\n<").splitlines()
            b = (again / rel).read_text(encoding="utf-8").replace("><", ">\n<").splitlines()
            diff = [f"- {x[:200]}\n+ {y[:200]}" for x, y in zip(a, b, strict=False) if x != y][:3]
            pytest.fail(f"{rel} differs between builds:\n" + "\n".join(diff))


@pytest.mark.slow
def test_a_page_does_not_depend_on_what_ran_before_it_in_the_kernel(bundled_report):
    from statement_analysis.paths import load_bundled
    from statement_analysis.reporting.pages import machine_paths
    from statement_analysis.reports import execute_notebook, to_html
    from statement_analysis.sanitize import scrub_paths

    last = report_notebooks()[-1]  # in a report it runs after others in a shared kernel
    alone = to_html(
        execute_notebook(last, {"statement_path": None}),
        title=f"{last.stem.replace('_', ' ')} · {load_bundled().title}",
    )
    alone = scrub_paths(alone, machine_paths())  # as the report does: a warning names no folder
    assert alone == (bundled_report / f"{last.stem}.html").read_text(encoding="utf-8")


def test_failed_notebook_names_the_cell_and_leaves_nothing(tmp_path):
    nb_dir = tmp_path / "nbs"
    nb_dir.mkdir()
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("statement_path = None", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_code_cell(
            "%matplotlib inline\n# the cell's line that fails is named\ny = 2\nraise ValueError('boom in cell two')"
        ),
    ]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, nb_dir / "01_broken.ipynb")
    out = tmp_path / "out"
    with pytest.raises(Exception) as e:  # which exception: checked below
        build_reports(None, out_dir=out, notebooks=[nb_dir / "01_broken.ipynb"])
    # a notebook failing on an input the package accepted is a bug (exit 1), not the user's problem
    assert not isinstance(e.value, StatementAnalysisError)
    assert type(e.value).__name__ == "NotebookFailure"
    msg = str(e.value)
    assert "01_broken.ipynb" in msg and "cell #3 (raise ValueError('boom in cell two'))" in msg
    assert "\x1b" not in msg  # no terminal colours from the kernel's traceback
    assert not out.exists(), "a failed build left its output folder behind"
    assert list(tmp_path.iterdir()) == [nb_dir], "a failed build left something beside its output folder"


# ------------------------------------------------------------------ bad input through the CLI
def _bad(tmp_path: Path, name: str, data: bytes) -> Path:
    f = tmp_path / name
    f.write_bytes(data)
    return f


@pytest.mark.parametrize(
    ("name", "data", "expect"),
    [
        ("empty.txt", b"", "empty"),
        ("binary.txt", b"\x00\x01\x02\x03binary", "NUL byte"),
        ("latin1.txt", "Déclaration commune des ministres.".encode("latin-1"), "encoding="),
    ],
)
def test_cli_refuses_bad_files_clearly(tmp_path, capsys, name, data, expect):
    f = _bad(tmp_path, name, data)
    assert main(["report", str(f), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert str(f) in err and expect in err and "Traceback" not in err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.html"))


def test_cli_refuses_a_50_mb_statement(tmp_path, capsys):
    f = tmp_path / "huge.txt"
    para = ("The ministers reaffirmed their commitment to the coalition. " * 20 + "\n\n").encode()
    with f.open("wb") as fh:
        for _ in range(50_000_000 // len(para) + 1):
            fh.write(para)
    assert f.stat().st_size >= 50_000_000
    assert main(["report", str(f), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert str(f) in err and "MB" in err and "--corpus" in err


@pytest.mark.slow
def test_one_sentence_statement_gets_a_report(tmp_path):
    f = _bad(tmp_path, "one.txt", b"Ministers met in Geneva today to discuss the crisis in Syria.\n")
    assert main(["report", str(f), "--out", str(tmp_path / "out")]) == 0
    index = (tmp_path / "out" / "one" / "index.html").read_text(encoding="utf-8")
    assert ">1<" in index  # one paragraph, one sentence in the headline table
    assert "SMOG" in index  # the caveat about short texts


@pytest.mark.slow
def test_french_statement_gets_a_report_with_a_caveat(tmp_path):
    text = (
        "Les ministres de la Coalition mondiale se sont réunis à Washington aujourd'hui. "
        "Ils ont réaffirmé leur détermination à vaincre Daech et à soutenir l'Irak.\n\n"
        "La Coalition salue les efforts des partenaires irakiens et syriens pour libérer Mossoul et Raqqa."
    )
    f = _bad(tmp_path, "fr.txt", text.encode("utf-8"))
    assert main(["report", str(f), "--out", str(tmp_path / "out")]) == 0
    index = (tmp_path / "out" / "fr" / "index.html").read_text(encoding="utf-8")
    assert "may not be in English" in index


# ------------------------------------------------------------------ hostile input in a real browser
@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("hostile")
    f = tmp / "hostile<img src=x onerror=alert(3)>.txt"
    f.write_text(HOSTILE, encoding="utf-8")
    assert main(["report", str(f), "--out", str(tmp / "out")]) == 0
    (folder,) = (tmp / "out").iterdir()  # a safe folder name: the file's stem has <, >, = and spaces
    assert folder.name == "hostile_img_src_x_onerror_alert_3"
    return folder


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing in CI: .ci/run should have installed it")
        pytest.skip("chromium not installed (Debian: apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


def _visit(browser, url: str, screenshot: Path | None = None) -> dict:
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    seen: dict = {"requests": [], "dialogs": [], "console": []}
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("console", lambda m: seen["console"].append(m.text))

    def on_dialog(d):
        seen["dialogs"].append(d.message)
        d.dismiss()

    page.on("dialog", on_dialog)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(300)
    seen["text"] = page.inner_text("body")
    seen["scripts"] = page.evaluate("document.scripts.length")
    if screenshot is not None:
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(screenshot), full_page=False)
    page.close()
    return seen


@pytest.mark.slow
def test_the_browser_check_detects_a_script_that_runs(browser, tmp_path):
    # Control: an unsafe page, to show that the checks below would catch a running script.
    page = tmp_path / "unsafe.html"
    page.write_text("<html><body><script>alert(1)</script><img src='http://127.0.0.1:9/x.png'></body></html>")
    seen = _visit(browser, page.as_uri())
    assert seen["dialogs"] == ["1"]
    assert any(u.startswith("http://127.0.0.1:9/") for u in seen["requests"])


@pytest.mark.slow
def test_hostile_text_is_shown_as_text_and_nothing_runs(browser, hostile_report):
    pages = sorted(hostile_report.glob("*.html"))
    assert {p.name for p in pages} == {"index.html"} | {f"{nb.stem}.html" for nb in report_notebooks()}
    for page in pages:
        shot = ARTIFACTS / "hostile_index.png" if page.name == "index.html" else None
        seen = _visit(browser, page.as_uri(), screenshot=shot)
        assert seen["dialogs"] == [], f"a script ran in {page.name}"
        assert seen["scripts"] == 0, f"{page.name} has script elements"
        others = [u for u in seen["requests"] if u != page.as_uri() and not u.startswith("data:")]
        assert others == [], f"{page.name} requested {others[:3]}"
        assert not [c for c in seen["console"] if "Content Security Policy" in c], f"{page.name}: blocked requests"
        if page.name == "index.html":
            assert "onerror=alert(3)" in seen["text"]  # the hostile file name, as text
        else:
            assert "<script>alert(1)</script>" in seen["text"] or page.name != "01_load_and_tidy.html"
    assert (ARTIFACTS / "hostile_index.png").stat().st_size > 1000
