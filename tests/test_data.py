"""The bundled statement is kept byte for byte."""

import hashlib

from conftest import ROOT, SHARED

from statement_analysis.paths import BUNDLED_SHA256, bundled_statement_path

# sha256 of ../shared/seed/000_b5e9b49e1a90ecfd.txt, computed with `sha256sum` when it was copied.
SEED_SHA256 = "6d61c2050d8db71fec1870699924993d5eeaef8f09590cb4d88b5f4fb6419b55"


def test_bundled_file_is_byte_for_byte_the_seed():
    path = bundled_statement_path()
    assert path.parent == ROOT / "data" / "raw"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == SEED_SHA256
    assert BUNDLED_SHA256 == SEED_SHA256


def test_bundled_file_equals_shared_seed_when_present():
    seed = SHARED / "seed" / "000_b5e9b49e1a90ecfd.txt"
    if not seed.is_file():
        import pytest

        pytest.skip("../shared/seed not present")
    assert seed.read_bytes() == bundled_statement_path().read_bytes()


def test_data_readme_explains_source_and_footer():
    text = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    for word in ("Source", "22 March 2017", "Category", "Location", "Topics", "Editorial sections"):
        assert word in text
