"""Reading statements from files or text: ``load_statement`` and ``load_corpus``.

Two layouts are understood:

* the **EEAS export** of the bundled statement — optional "THIS CONTENT HAS BEEN ARCHIVED"
  banner, title, date (``dd.mm.yyyy``), ``Teaser``, teaser text, ``Text``, body paragraphs, then
  a footer of ``Category`` / ``Location`` / ``Topics`` / ``Editorial sections`` headers, each
  followed by its values;
* **plain body text**: paragraphs separated by blank lines, with ``title=``/``date=`` given
  as arguments or in a metadata table.

What this module does not do: normalise characters or split sentences (see ``tidy``). The
paragraphs keep the source characters; only their outer white space is stripped. Nothing is
guessed silently: a file that starts like an EEAS export but lacks one of its parts is a
``LayoutError`` naming the line.
"""

from __future__ import annotations

from .corpus import corpus_from_statements, load_corpus
from .decode import decode_bytes, read_text
from .layouts import source_offsets, split_paragraphs
from .statements import PathLike, load_statement, looks_like_path

__all__ = [
    "PathLike",
    "corpus_from_statements",
    "decode_bytes",
    "load_corpus",
    "load_statement",
    "looks_like_path",
    "read_text",
    "source_offsets",
    "split_paragraphs",
]
