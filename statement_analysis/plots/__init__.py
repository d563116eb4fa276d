"""Plots: axes-level functions, ``plot_x(data, *, ax=None, **kwargs) -> Axes``.

Plots only draw: they take the tidy tables the analyses return and never compute an analysis
themselves; they never call ``plt.show()``. Every figure gets a title, axis labels with units
and a source line naming the statement, through ``statement_analysis.plots.style`` (the one
place where figures are styled). Topic modules (``readability``, ``terms``, ``themes``,
``places``) are imported on first use.
"""

from __future__ import annotations

import importlib
from typing import Any

_SUBMODULES = {"style", "readability", "terms", "themes", "places", "compare", "archive"}


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        module = importlib.import_module(f".{name}", __name__)
        globals()[name] = module
        return module
    raise AttributeError(f"module 'statement_analysis.plots' has no attribute {name!r}")
