"""Licence and attribution: LICENSE is the Apache License 2.0, pyproject says so, NOTICE names
every data source the package ships, and reports carry the attribution GeoNames' CC BY asks for."""

from __future__ import annotations

import hashlib
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_licence_file_is_the_apache_license_unchanged():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in text and "Version 2.0, January 2004" in text
    debian = Path("/usr/share/common-licenses/Apache-2.0")  # the same text, as Debian ships it
    if debian.is_file():
        assert hashlib.sha256(text.encode()).hexdigest() == hashlib.sha256(debian.read_bytes()).hexdigest()


def test_pyproject_declares_the_licence_and_ships_license_and_notice():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "Apache-2.0"
    assert set(project["license-files"]) == {"LICENSE", "NOTICE"}


def test_notice_names_every_shipped_data_source_with_its_licence():
    notice = (ROOT / "NOTICE").read_text(encoding="utf-8")
    data_readme = (ROOT / "statement_analysis" / "data" / "README.md").read_text(encoding="utf-8")
    # each source the package data README names, and the licence it gives
    for source, licence in [
        ("GeoNames", "CC BY 4.0"),
        ("Natural Earth", "ublic domain"),
        ("Snowball", "BSD"),
        ("pycountry", "LGPL"),
        ("countryinfo", "MIT"),
    ]:
        assert source in data_readme, source  # the README still names it
        block = notice[notice.index(source) :][:600]
        assert licence in block, (source, licence)
    assert "This work uses data from GeoNames" in notice
    for text in ("data/raw/2017-03-22_global_coalition", "EEAS", "data/sample_archive", "public", "CMU Pronouncing"):
        assert text in notice, text
    # every file in the package data folder is described in its README
    shipped = {p.name for p in (ROOT / "statement_analysis" / "data").iterdir() if p.is_file() and p.suffix != ".md"}
    described = set(re.findall(r"`([\w.\-]+\.(?:txt|yaml|gz|json))`", data_readme))
    assert shipped - {"summary.schema.json"} <= described


@pytest.mark.slow
def test_report_pages_carry_the_data_attribution(bundled_report):
    pages = sorted(bundled_report.glob("*.html"))
    assert len(pages) >= 7  # index and one page per notebook
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "GeoNames (geonames.org), CC BY 4.0" in html, page.name
        assert "Natural Earth" in html, page.name
        assert "<script" not in html.lower(), page.name  # no widget state left in a page
