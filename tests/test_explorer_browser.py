"""The explorer in real JupyterLab: a JupyterLab server on a free local port, headless Chromium
(Debian's, driven by Playwright) opens a notebook that runs ``sa.explore``, types "Mosul" into
the search box key by key and picks the finance theme; the page must show the three KWIC rows
and three dispersion marks, the highlighted evidence, and load nothing from outside this machine.
A screenshot goes to ``tests/artifacts/explore_jupyterlab.png`` (committed: it shows what the
explorer looks like). Skipped, with the reason, where Chromium is missing (outside CI)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACT = ROOT / "tests" / "artifacts" / "explore_jupyterlab.png"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
TOKEN = "statement-analysis-test"

NOTEBOOK = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "explore",
            "metadata": {},
            "outputs": [],
            "source": "import statement_analysis as sa\n\nex = sa.explore(sa.load_bundled())\nex",
        }
    ],
    "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}


#: the notebook is open and its kernel started and idle (JupyterLab's own objects)
KERNEL_IDLE = """(() => {
  const w = window.jupyterapp.shell.currentWidget;
  const kernel = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return !!kernel && kernel.status === 'idle' && document.querySelector('.jp-Notebook .jp-Cell') !== null;
})()"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, proc: subprocess.Popen, seconds: float = 120) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise AssertionError(f"jupyter lab exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"jupyter lab did not answer at {url} within {seconds} s")


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """``(base url, folder)`` of a JupyterLab server started for this test, stopped after it."""
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing in CI: .ci/run should have installed it")
        pytest.skip("chromium not installed (Debian: apt-get install chromium)")
    pytest.importorskip("playwright")
    tmp = tmp_path_factory.mktemp("lab")
    root = tmp / "notebooks"
    root.mkdir()
    (root / "explore.ipynb").write_text(json.dumps(NOTEBOOK), encoding="utf-8")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "JUPYTER_PATH")}
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "JUPYTERLAB_SETTINGS_DIR"):
        env[name] = str(tmp / "jupyter" / name.lower())  # nothing read from or left in the user's home
    env["JUPYTERLAB_WORKSPACES_DIR"] = str(tmp / "jupyter" / "workspaces")
    # no "get Jupyter news?" prompt over the screenshot (nothing would be fetched without a yes)
    settings = Path(env["JUPYTERLAB_SETTINGS_DIR"]) / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}', encoding="utf-8")
    cmd = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--ServerApp.allow_root=True",  # CI runs as root
        f"--IdentityProvider.token={TOKEN}",
        f"--ServerApp.root_dir={root}",
        "--LabApp.expose_app_in_browser=True",  # window.jupyterapp: run the cells by command
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
    ]
    log = open(tmp / "lab.log", "w")  # noqa: SIM115 (closed below)
    proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{base}/api/status?token={TOKEN}", proc)
        yield base, root
    finally:
        proc.send_signal(signal.SIGTERM)  # the server shuts its kernels down on SIGTERM
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # the session this test started, and only it
            proc.wait(timeout=10)
        log.close()


@pytest.mark.slow
def test_the_explorer_works_in_jupyterlab(lab):
    from playwright.sync_api import sync_playwright

    base, _ = lab
    requests: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.set_default_timeout(90_000)  # a shared two-core machine can be slow
            page.on("request", lambda r: requests.append(r.url))
            page.goto(f"{base}/lab/tree/explore.ipynb?token={TOKEN}", wait_until="load")
            page.wait_for_function("window.jupyterapp !== undefined")
            page.wait_for_function(KERNEL_IDLE, timeout=180_000)
            # not awaited: the command's promise settles only when every cell has run
            page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
            search = page.locator(".jupyter-widgets input[type=text]").first
            search.wait_for(timeout=180_000)
            search.click()
            page.keyboard.type("Mosul", delay=120)  # one keystroke at a time, as a person types
            page.wait_for_function("document.querySelectorAll('svg.sa-dispersion line.mark').length === 3")
            kwic_rows = page.locator(".sa-x", has_text="Keyword in context").locator("table tbody tr")
            assert kwic_rows.count() == 3
            assert kwic_rows.locator("td.k").all_inner_texts() == ["Mosul", "Mosul", "Mosul"]
            page.evaluate("() => window.jupyterapp.commands.execute('application:toggle-left-area')")
            page.wait_for_timeout(500)
            ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACT), full_page=False)

            # the theme picker: choosing finance highlights its evidence in the paragraphs
            page.get_by_text("Themes", exact=True).click()
            select = page.locator(".jupyter-widgets select", has=page.locator("option", has_text="(finance)"))
            finance = next(o for o in select.locator("option").all_inner_texts() if "(finance)" in o)
            select.select_option(label=finance)
            page.wait_for_function(
                "[...document.querySelectorAll('.sa-x .note')].some(n => n.textContent.startsWith('Countering'))"
            )
            assert page.locator(".sa-x .para mark").count() > 0
        finally:
            browser.close()
    outside = [u for u in requests if not u.startswith((base, "data:", "blob:"))]
    assert outside == [], outside[:5]  # offline: every request went to the local server
