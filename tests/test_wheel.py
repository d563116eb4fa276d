"""The built wheel installs into a fresh virtual environment and gives a working
``statement-analysis report``: the package, its notebooks, templates and data all come from the
wheel, not from this checkout.

Installing every dependency again would take minutes (and the network), so the fresh
environment borrows the project environment's installed dependencies: a folder of links to
everything in its site-packages except this project's own editable install, named in a ``.pth``
file, plus links to their ``share/jupyter`` data (nbconvert's templates, the kernel spec). The
wheel itself is installed with ``--no-deps``. The test then checks that the modules the CLI and
the notebooks' kernel import live inside the fresh environment.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OWN = ("statement_analysis", "_editable_impl_statement_analysis", "__editable__")

pytest.importorskip("build")


def _run(cmd: list[str], **kw) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(cmd, capture_output=True, text=True, **kw)
    assert done.returncode == 0, f"{cmd}\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # --no-isolation: hatchling comes from the dev extra, so nothing is downloaded
    _run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out)], cwd=ROOT)
    (whl,) = out.glob("statement_analysis-*.whl")
    return whl


def test_the_wheel_holds_notebooks_templates_data_and_the_licence(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    notebooks = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    for nb in notebooks:
        assert f"statement_analysis/notebooks/{nb}" in names, nb
    for f in (
        "statement_analysis/templates/index.html.j2",
        "statement_analysis/templates/offline/index.html.j2",
        "statement_analysis/data/gazetteer.tsv.gz",
        "statement_analysis/data/raw/2017-03-22_global_coalition_defeat_daesh_ministerial_statement.txt",
        "statement_analysis/data/sample_archive/metadata.csv",
        "statement_analysis/data/sample_archive/txt/2015-Obama-1.txt",
    ):
        assert f in names, f
    dist_info = next(n.split("/")[0] for n in names if n.endswith(".dist-info/METADATA"))
    assert {f"{dist_info}/licenses/LICENSE", f"{dist_info}/licenses/NOTICE"} <= names
    metadata = zipfile.ZipFile(wheel).read(f"{dist_info}/METADATA").decode()
    assert "License-Expression: Apache-2.0" in metadata
    assert "Requires-Dist: ipywidgets" in metadata


def _fresh_venv(root: Path, wheel: Path) -> Path:
    venv = root / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    py = venv / "bin" / "python"
    site = Path(_run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip())
    # the project environment's dependencies, without this project's own (editable) install
    deps = root / "deps"
    deps.mkdir()
    ours = Path(sysconfig.get_paths()["purelib"])
    for entry in ours.iterdir():
        if entry.name.startswith(OWN) or entry.suffix == ".pth":
            continue
        (deps / entry.name).symlink_to(entry)
    (site / "zz_project_dependencies.pth").write_text(f"{deps}\n", encoding="utf-8")
    share = Path(sys.prefix) / "share" / "jupyter"
    if share.is_dir():
        (venv / "share" / "jupyter").mkdir(parents=True)
        for entry in share.iterdir():
            (venv / "share" / "jupyter" / entry.name).symlink_to(entry)
    pip = [sys.executable, "-m", "pip", "--python", str(py), "--disable-pip-version-check"]
    _run([*pip, "install", "--no-deps", "--no-index", "--quiet", str(wheel)])
    return venv


@pytest.mark.slow
def test_the_installed_wheel_builds_the_bundled_report(wheel, tmp_path):
    import nbformat

    venv = _fresh_venv(tmp_path, wheel)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "JUPYTER_PATH")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"  # the kernel spec says "python"
    work = tmp_path / "elsewhere"  # no checkout, no ../shared around
    work.mkdir()
    py = str(venv / "bin" / "python")
    where = _run(
        [
            py,
            "-c",
            "import statement_analysis as sa, statement_analysis.reports as r; "
            "print(sa.__file__); print(sa.paths.notebooks_dir()); print(r.TEMPLATE_DIR); "
            "print(sa.bundled_statement_path()); print(sa.sample_archive_path()); print(len(sa.load_sample_archive()))",
        ],
        cwd=work,
        env=env,
    ).stdout.split("\n")
    for line in where[:5]:
        assert Path(line).resolve().is_relative_to(venv.resolve()), line
    assert where[5] == "21"

    cli = venv / "bin" / "statement-analysis"
    assert cli.read_text(encoding="utf-8").startswith(f"#!{venv}")
    _run([str(cli), "report", "--out", str(work / "report")], cwd=work, env=env)
    index = work / "report" / "index.html"
    assert index.is_file()
    html = index.read_text(encoding="utf-8")
    assert "Statement by Ministers of the Global Coalition" in html and "GeoNames" in html
    from statement_analysis.reports import report_notebooks

    for nb in report_notebooks(ROOT / "notebooks"):  # every section (the explorer is not one)
        assert (work / "report" / f"{nb.stem}.html").is_file(), nb.name

    # the notebooks' kernel imports the wheel's package too
    probe = work / "probe.ipynb"
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import statement_analysis, sys\nprint(statement_analysis.__file__)")]
    nbformat.write(nb, probe)
    code = (
        "import nbformat\nfrom pathlib import Path\nfrom statement_analysis.reports import execute_notebook\n"
        f"nb = execute_notebook(Path({str(probe)!r}))\nprint(nb.cells[0].outputs[0]['text'].strip())"
    )
    kernel_module = _run([py, "-c", code], cwd=work, env=env).stdout.strip().splitlines()[-1]
    assert Path(kernel_module).resolve().is_relative_to(venv.resolve()), kernel_module
