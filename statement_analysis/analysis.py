"""One orchestrator: every analysis of a statement or corpus, computed once.

``analyse(x)`` runs readability, terms, themes and places over a statement, a list of them or a
corpus table, tokenising each document once, and returns an ``Analysis``: plain DataFrames, one
row per observation. The report's tables, the JSON summary (``summary``) and the corpus pipeline
(``pipeline``, chunk by chunk) are all made from it, so they agree.

* ``Analysis.documents``: one row per document: ``doc_id``, ``title``, ``date`` (datetime64,
  NaT when unknown), ``words`` (words as readability counts them), then the corpus's own
  metadata columns (for a corpus table), never its ``text``.
* ``readability``: ``readability.scores(x, by="document")``.
* ``themes``: ``themes.code(x, by="document")``.
* ``places``: ``places.mentions(x)``.
* ``terms``: ``doc_id``, ``term``, ``n``: each document's counted terms with ``terms``'
  defaults, most frequent first within a document.
* ``units`` (only with ``detail=True``): the tables of the units inside the documents, by name:
  ``paragraphs``, ``sentences``, ``tokens`` (``sa.tidy``), ``readability_paragraphs``
  (``readability.scores(x, by="paragraph")``), ``term_frequencies`` (``terms.frequencies``
  pooled over the documents), ``themes_paragraphs`` (``themes.code(x, by="paragraph")`` with the
  theme dictionary's name in a ``dictionary`` column), and for each domain layer shown beside the
  general dictionary (``themes.layers``) ``themes_paragraphs_<name>`` and ``themes_<name>`` (by
  document), with ``theme_dictionaries``: each dictionary shown and how much of the text it codes.
* ``theme_layers`` (only with ``detail=True``): the ``themes.Layer`` of each dictionary shown.

What is not here: running chunks in worker processes (``pipeline``), charts, report pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ._docs import iter_documents, kind_of
from .errors import InputTypeError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["PER_DOCUMENT", "Analysis", "analyse"]

#: the per-document tables, in the order they are listed
PER_DOCUMENT = ("documents", "readability", "themes", "places", "terms")
#: the corpus columns that are read as the text and headline metadata (the rest are kept as they are)
_CORE = ("text", "title", "date", "source_offsets")


@dataclass(frozen=True)
class Analysis:
    """Every analysis of every document (see the module docstring for each table's columns)."""

    documents: pd.DataFrame
    readability: pd.DataFrame
    themes: pd.DataFrame
    places: pd.DataFrame
    terms: pd.DataFrame
    units: dict[str, pd.DataFrame] = field(default_factory=dict, compare=False)
    theme_layers: tuple[Any, ...] = field(default=(), compare=False)

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """The per-document tables by name (``PER_DOCUMENT``), then the unit tables."""
        return {**{name: getattr(self, name) for name in PER_DOCUMENT}, **self.units}


def analyse(
    x: Any, *, dictionary: Any = None, domain: Any = None, detail: bool = True, workers: int | None = 1
) -> Analysis:
    """Run every analysis over ``x`` once.

    Args:
        x: a ``Statement``, a list of them, or a corpus table (``sa.load_corpus``). Token tables
            are refused: readability and places read the text itself.
        dictionary: the theme dictionary of the ``themes`` tables (``themes.code``'s
            ``dictionary=``; default: the general policy-agenda dictionary).
        domain: with ``detail``, a domain dictionary to show beside the general one (a shipped
            name such as ``"coalition"``, a path or a dictionary); ``None`` adds every shipped
            domain dictionary that fits the text (``themes.layers``).
        detail: also make the unit tables (paragraphs, sentences, tokens with lemmas,
            readability and themes per paragraph, pooled term frequencies) into ``units``. The
            corpus pipeline turns it off: it keeps only per-document results.
        workers: processes for readability on a big input (``readability.scores``'s).

    Returns:
        An ``Analysis``; documents in input order.
    """
    import pandas as pd

    from . import places, readability, terms, themes, tidy
    from .load.dates import date_column

    if kind_of(x) == "tokens":
        iter_documents(x, what="analyse")  # raises, naming the analysis
    if not isinstance(detail, bool):
        raise InputTypeError(f"detail= must be True or False, not {detail!r}")
    x = _as_corpus(x)
    read = readability.scores(x, workers=workers)
    read.attrs = {}
    documents = pd.DataFrame(
        {
            "doc_id": [str(i) for i in x.index],
            "title": x["title"].fillna("").astype(str).tolist() if "title" in x else "",
            "date": date_column(x["date"], names=list(x.index)).to_numpy() if "date" in x else pd.NaT,
            "words": read["words"].to_numpy(),
        }
    )
    documents["date"] = documents["date"].astype("datetime64[ns]")
    for col in x.columns:
        if col not in _CORE and col not in documents.columns:
            documents[col] = x[col].to_numpy()
    toks = tidy.tokens(x, lemmas=detail)  # lemmas only for the token table a person reads
    coded = themes.code(toks, by="document", dictionary=dictionary)
    freq = terms.frequencies(toks, by="document")[["doc_id", "term", "n"]]
    mentions = places.mentions(x)
    units: dict[str, pd.DataFrame] = {}
    layers: list[Any] = []
    if detail:
        units = {
            "paragraphs": tidy.paragraphs(x),
            "sentences": tidy.sentences(x),
            "tokens": toks,
            "readability_paragraphs": readability.scores(x, by="paragraph", workers=workers),
            "term_frequencies": terms.frequencies(toks),
        }
        units["readability_paragraphs"].attrs = {}
        layers = themes.layers(toks, domain)
        name = layers[0].name if dictionary is None else _dictionary_name(dictionary)
        units["themes_paragraphs"] = themes.code(toks, by="paragraph", dictionary=dictionary).assign(dictionary=name)
        for layer in layers[1:]:
            slug = _slug(layer.name)
            d = layer.dictionary
            units[f"themes_paragraphs_{slug}"] = themes.code(toks, by="paragraph", dictionary=d).assign(
                dictionary=layer.name
            )
            units[f"themes_{slug}"] = themes.code(toks, by="document", dictionary=d).assign(dictionary=layer.name)
        fits = pd.concat([ly.fit.to_frame().assign(name=ly.name, why=ly.why) for ly in layers], ignore_index=True)
        units["theme_dictionaries"] = fits[["name", "why", *[c for c in fits.columns if c not in ("name", "why")]]]
    return Analysis(documents, read, coded, mentions, freq, units, tuple(layers))


def _slug(name: str) -> str:
    """A dictionary's name as a file-name part (``themes_paragraphs_<slug>.csv``)."""
    import re

    return re.sub(r"[^A-Za-z0-9_-]+", "_", name).strip("_") or "dictionary"


def _dictionary_name(dictionary: Any) -> str:
    from pathlib import Path

    if isinstance(dictionary, str) and "/" not in dictionary and "." not in dictionary:
        return dictionary
    if isinstance(dictionary, (str, Path)):
        return Path(dictionary).stem
    return str(getattr(dictionary, "name", "") or "custom")


def _as_corpus(x: Any) -> pd.DataFrame:
    """``x`` as a corpus table with plain string text (a Dask partition may hold Arrow strings)."""
    from .load import corpus_from_statements

    kind = kind_of(x)
    if kind == "statement":
        x = corpus_from_statements([x])
    elif kind == "statements":
        x = corpus_from_statements(x)
    out = x.copy()
    out.index = out.index.astype(str)
    out.index.name = "doc_id"
    out["text"] = out["text"].fillna("").astype(str)
    return out
