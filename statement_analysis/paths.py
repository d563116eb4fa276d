"""Where the bundled statement lives, in a source checkout or an installed wheel."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from .statement import Statement

BUNDLED_FILENAME = "2017-03-22_global_coalition_defeat_daesh_ministerial_statement.txt"
#: sha256 of the bundled file, byte for byte as published (checked by the tests).
BUNDLED_SHA256 = "6d61c2050d8db71fec1870699924993d5eeaef8f09590cb4d88b5f4fb6419b55"


def bundled_statement_path() -> Path:
    """Path of the bundled statement: ``data/raw/<file>`` in a checkout, or the wheel's copy."""
    repo = Path(__file__).resolve().parent.parent / "data" / "raw" / BUNDLED_FILENAME
    if repo.is_file():
        return repo
    packaged = resources.files("statement_analysis").joinpath("data", "raw", BUNDLED_FILENAME)
    return Path(str(packaged))


def load_bundled() -> Statement:
    """The bundled statement, loaded (``doc_id`` ``"coalition_2017-03-22"``)."""
    from .load import load_statement

    return load_statement(bundled_statement_path(), doc_id="coalition_2017-03-22")


def notebooks_dir() -> Path:
    """The numbered notebooks: ``notebooks/`` in a checkout, or the wheel's copy."""
    repo = Path(__file__).resolve().parent.parent / "notebooks"
    if repo.is_dir():
        return repo
    return Path(str(resources.files("statement_analysis").joinpath("notebooks")))


def statement_or_bundled(
    statement_path: str | Path | None = None,
    *,
    title: str | None = None,
    date: Any = None,
    encoding: str | None = None,
    title_line: bool = True,
) -> Statement:
    """The statement at ``statement_path``, or the bundled one when it is ``None`` (the notebooks'
    parameters cell uses this). ``title``, ``date``, ``encoding`` and ``title_line`` are passed to
    ``load_statement`` (``None``: what the file says). Returns a ``Statement``."""
    from .load import load_statement

    if statement_path is None:
        path, doc_id = bundled_statement_path(), "coalition_2017-03-22"
    else:
        path, doc_id = Path(statement_path), None
    return load_statement(path, doc_id=doc_id, title=title, date=date, encoding=encoding, title_line=title_line)
