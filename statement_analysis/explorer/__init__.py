"""``sa.explore``: search, themes and places of a statement or corpus, interactively in JupyterLab.

What is here:

* ``explore(x, *, dictionary=None, window=5, max_rows=200)`` → ``Explorer``: three tabs of
  ipywidgets that recompute as they change — a search box (keyword in context and dispersion,
  as you type: a word, a phrase, a glob), a theme picker (the evidence table and the paragraphs
  it came from, highlighted), a place filter by kind and role (the mention table and a small map).
* ``Explorer`` — the widgets (``search``, ``match``, ``theme``, ``place_kind``, ``place_role``)
  and the tables they show (``kwic_table``, ``dispersion_table``, ``evidence_table``,
  ``mention_table``), plain DataFrames from ``terms.kwic``, ``terms.dispersion``,
  ``themes.evidence`` and ``places.mentions``.
* ``views`` — the HTML and SVG the tabs show, as plain functions of those tables.

Offline: the widgets' front end is the ``jupyterlab_widgets`` extension installed with
ipywidgets; nothing is fetched. Outside a notebook front end (a script, ``python -c``, a terminal)
``explore`` prints what to do instead and returns the ``Explorer``, whose tables still follow its
widgets' values. What is not here: the analyses themselves (``terms``, ``themes``, ``places``).
"""

from __future__ import annotations

from typing import Any

from .app import NO_FRONT_END, ExploreError, Explorer, in_front_end

__all__ = ["ExploreError", "Explorer", "explore", "in_front_end"]


def explore(
    x: Any,
    *,
    dictionary: Any = None,
    window: int = 5,
    max_rows: int = 200,
) -> Explorer:
    """An interactive explorer of ``x`` for JupyterLab; returns the ``Explorer`` (shown when it is
    the last expression of a cell).

    Args:
        x: a ``Statement``, a list of them or a corpus table (``sa.load_corpus``).
        dictionary: the theme dictionary, as ``themes.code`` takes it (default: the package's).
        window: tokens of context each side in the keyword-in-context table.
        max_rows: rows shown in each table (the DataFrames on the object hold every row).

    Outside a notebook front end it prints a message saying where the explorer works and how to
    use the returned object from Python, instead of failing. Raises ``InputTypeError`` for
    anything but a statement or corpus, ``ExploreError`` when ipywidgets is missing.
    """
    ex = Explorer(x, dictionary=dictionary, window=window, max_rows=max_rows)
    if not in_front_end():
        print(NO_FRONT_END)
    return ex
