"""Theme breakdown: how much of each paragraph (or document) speaks to each theme, and why.

What is in it:

* ``load_dictionary(path)`` reads a theme dictionary: the package's YAML shape (``.yaml``/``.yml``),
  a quanteda/LIWC ``.dic`` file or a Lexicoder ``.lc3`` file. ``default_dictionary()`` is the
  dictionary that ships with the package (``data/themes_default.yaml``, grounded in the Global
  Coalition against Da'esh's lines of effort and working groups; its comments say where each
  choice comes from). A malformed dictionary raises ``DictionaryError`` naming the file, the
  line or key, and the problem.
* ``code(x)`` → long table, one row per unit (paragraph or document) × theme: ``n`` matched terms,
  ``n_words`` and ``share = n / n_words``; ``dominant(coded)`` → the dominant theme per unit;
  ``totals(coded)`` → pooled shares per theme; ``evidence(x)`` → every match, with the dictionary
  entry, the words as written and their character offsets, so every number traces back to text.

What is not in it: plots (``statement_analysis.plots.themes``), topic models, or any learning
from data — this is dictionary lookup, as quanteda's ``tokens_lookup`` / LIWC / Lexicoder do it.

Matching rules (each tested):

* Case-insensitive. Terms are the token forms of ``sa.tidy.term_forms``: surface forms
  (``form="lower"``, the default, which is what LIWC and Lexicoder dictionaries are written for)
  or lemmas (``form="lemma"``; dictionary words without a wildcard are then lemmatised too).
* With ``aliases=True`` (default) the alias table is applied to text *and* dictionary: "ISIS",
  "Daesh" and "Islamic State" in the text all count as the term ``Da'esh``, which a dictionary
  entry can name as ``Da'esh``, ``Daesh`` or ``ISIS``. A multi-word alias counts as one term.
* ``*`` is a wildcard for any run of characters inside one word (``stabili*`` matches
  stabilisation, stabilization, stability). It is the only special character.
* A phrase matches consecutive terms within one sentence (punctuation between words breaks it).
* Longest match wins within a theme: a term inside an accepted phrase is not matched again by a
  shorter entry of the same theme, and a term counts at most once per theme. One term may count
  for several themes (as in quanteda), so shares of different themes can overlap.
* Exclusions: a term covered by one of a theme's ``exclude`` entries is never matched by that
  theme (``force*`` but not in "task force").

``share`` is ``n / n_words``, where ``n_words`` counts the unit's word terms: tokens with a letter or
digit, stop words included, punctuation excluded, a multi-word alias counted once.

Hand-written (no library does dictionary lookup with phrases, wildcards, exclusions and offsets
on pandas tables); vectorised with numpy: a vocabulary of distinct terms, wildcard expansion over
that vocabulary, and a first-term index for phrases, so a 5-million-word corpus codes in seconds.
"""

from __future__ import annotations

import bisect
import functools
import re
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .aliases import Aliases
from .errors import StatementAnalysisError
from .normalize import normalize
from .segment import iter_tokens

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

__all__ = [
    "DictionaryError",
    "Theme",
    "ThemeDictionary",
    "code",
    "default_dictionary",
    "default_dictionary_path",
    "dominant",
    "evidence",
    "load_dictionary",
    "totals",
]

DEFAULT_FILENAME = "themes_default.yaml"
_FORMATS = {".yaml": "yaml", ".yml": "yaml", ".dic": "dic", ".lc3": "lc3"}
_THEME_KEYS = ("label", "description", "words", "phrases", "exclude")
_TOP_KEYS = ("name", "description", "version", "themes")
# Characters that mean the user wrote a regular expression or another glob dialect.
_BAD_GLOB = re.compile(r"[?\[\]()+{}|\\^$]")


class DictionaryError(StatementAnalysisError, ValueError):
    """A theme dictionary is malformed; the message names the file, the line or key, and the problem."""


# --------------------------------------------------------------------------------------------
# Dictionary objects


@dataclass(frozen=True)
class Theme:
    """One theme: ``key`` (identifier used in tables), ``label`` (for charts), ``description``
    (one line), ``words`` (single words, ``*`` wildcards allowed), ``phrases`` (multi-word
    entries) and ``exclude`` (words or phrases that this theme must not match)."""

    key: str
    label: str
    description: str
    words: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()


@dataclass(frozen=True)
class ThemeDictionary:
    """An ordered set of themes. ``name`` describes it; ``source`` is the file it came from."""

    themes: tuple[Theme, ...]
    name: str = ""
    source: str = field(default="", compare=False)

    @property
    def keys(self) -> list[str]:
        """Theme keys, in dictionary order."""
        return [t.key for t in self.themes]

    def __getitem__(self, key: str) -> Theme:
        for t in self.themes:
            if t.key == key:
                return t
        raise KeyError(key)

    def __len__(self) -> int:
        return len(self.themes)

    def to_frame(self) -> pd.DataFrame:
        """One row per entry: ``theme``, ``label``, ``kind`` (word, phrase or exclude), ``entry``."""
        import pandas as pd

        rows = [
            (t.key, t.label, kind, e)
            for t in self.themes
            for kind, entries in (("word", t.words), ("phrase", t.phrases), ("exclude", t.exclude))
            for e in entries
        ]
        return pd.DataFrame(rows, columns=["theme", "label", "kind", "entry"])

    def summary(self) -> pd.DataFrame:
        """One row per theme: ``theme``, ``label``, ``description`` and how many ``words``,
        ``phrases`` and ``exclude`` entries it has."""
        import pandas as pd

        return pd.DataFrame(
            [(t.key, t.label, t.description, len(t.words), len(t.phrases), len(t.exclude)) for t in self.themes],
            columns=["theme", "label", "description", "words", "phrases", "exclude"],
        )

    @classmethod
    def from_mapping(cls, themes: Mapping[str, Any], *, name: str = "", source: str = "") -> ThemeDictionary:
        """Build a dictionary from the same shape as the YAML file's ``themes:`` mapping::

            {"finance": {"description": "...", "words": ["financ*"], "phrases": ["oil revenue"]}}

        Raises ``DictionaryError`` naming the key for anything malformed.
        """
        if not isinstance(themes, Mapping) or not themes:
            raise DictionaryError("themes: expected a non-empty mapping of theme names to their entries")
        out = []
        for key, spec in themes.items():
            out.append(_theme_from_spec(str(key), spec, lambda k, _key=key: f"themes.{_key}{k}", source))
        return cls(tuple(out), name=name, source=source)


def _default_label(key: str) -> str:
    s = key.replace("_", " ").strip()
    return s[:1].upper() + s[1:]


def _theme_from_spec(key: str, spec: Any, where: Any, source: str, lines: Mapping[str, int] | None = None) -> Theme:
    """Validate one theme's mapping. ``where(suffix)`` names the place for error messages."""

    def fail(suffix: str, problem: str) -> DictionaryError:
        loc = where(suffix)
        line = (lines or {}).get(suffix)
        at = f"line {line} ({loc})" if line else loc
        return DictionaryError(f"{at}: {problem}", path=source or None)

    if not isinstance(spec, Mapping):
        raise fail("", f"expected a mapping with description, words, phrases (and optional exclude), not {_kind(spec)}")
    unknown = [k for k in spec if k not in _THEME_KEYS]
    if unknown:
        raise fail(f".{unknown[0]}", f"unknown key {unknown[0]!r}; a theme has {', '.join(_THEME_KEYS)}")
    if "description" not in spec:
        raise fail("", "missing key 'description' (one line saying what the theme covers)")
    desc = spec["description"]
    if not isinstance(desc, str) or not desc.strip():
        raise fail(".description", f"expected a non-empty string, not {_kind(desc)}")
    label = spec.get("label", _default_label(key))
    if not isinstance(label, str) or not label.strip():
        raise fail(".label", f"expected a non-empty string, not {_kind(label)}")
    lists: dict[str, tuple[str, ...]] = {}
    for k in ("words", "phrases", "exclude"):
        v = spec.get(k)
        if v is None:
            lists[k] = ()
            continue
        if isinstance(v, str) or not isinstance(v, list):
            raise fail(f".{k}", f"expected a list of strings, not {_kind(v)}")
        for i, e in enumerate(v):
            if not isinstance(e, str):
                raise fail(f".{k}[{i}]", f"expected a string, not {_kind(e)}")
            try:
                parse_entry(e)
            except ValueError as err:
                raise fail(f".{k}[{i}]", str(err)) from None
            if k == "words" and len(e.split()) > 1:
                raise fail(f".{k}[{i}]", f"{e!r} has a space: put multi-word entries under 'phrases'")
            if k == "phrases" and len(e.split()) < 2:
                raise fail(f".{k}[{i}]", f"{e!r} is a single word: put it under 'words'")
        lists[k] = tuple(v)
    if not lists["words"] and not lists["phrases"]:
        raise fail("", "the theme is empty: give at least one entry under 'words' or 'phrases'")
    return Theme(key, label.strip(), " ".join(desc.split()), lists["words"], lists["phrases"], lists["exclude"])


def _kind(v: Any) -> str:
    if v is None:
        return "nothing (null)"
    if isinstance(v, str):
        return f"a string ({v!r})"
    if isinstance(v, bool):
        return "true/false"
    if isinstance(v, (int, float)):
        return f"a number ({v!r})"
    if isinstance(v, Mapping):
        return "a mapping"
    if isinstance(v, list):
        return "a list"
    return type(v).__name__


# --------------------------------------------------------------------------------------------
# Entries: "foreign terrorist fighter*" -> (("foreign", False), ("terrorist", False), ("fighter*", True))


def parse_entry(entry: str) -> tuple[tuple[str, bool], ...]:
    """Split a dictionary entry into terms ``(text, is_wildcard)``, lower case, normalised.

    Raises ``ValueError`` (with the problem in words) for an empty entry, a term with no letter or
    digit, or a bad wildcard (``**``, ``*`` alone, or regular-expression characters).
    """
    text = normalize(entry).text.strip()
    if not text:
        raise ValueError("empty entry")
    out: list[tuple[str, bool]] = []
    for chunk in text.split():
        if _BAD_GLOB.search(chunk) or ".*" in chunk:
            raise ValueError(
                f"bad wildcard {chunk!r}: only '*' is special (any run of characters); "
                "regular expressions and '?' are not supported"
            )
        if "*" in chunk:
            if "**" in chunk:
                raise ValueError(f"bad wildcard {chunk!r}: '**' — write a single '*'")
            if not any(c.isalnum() for c in chunk):
                raise ValueError(f"bad wildcard {chunk!r}: it would match every word; add letters")
            out.append((chunk.lower(), True))
        else:
            toks = [m.group(0) for m in iter_tokens(chunk)]
            for t in toks:
                if not any(c.isalnum() for c in t):
                    raise ValueError(f"{entry!r}: {t!r} has no letter or digit; entries match words, not punctuation")
                out.append((t.lower(), False))
    return tuple(out)


# --------------------------------------------------------------------------------------------
# Loading


def default_dictionary_path() -> Path:
    """Path of the default dictionary file (copy it to start your own)."""
    return Path(str(resources.files("statement_analysis").joinpath("data", DEFAULT_FILENAME)))


@functools.cache
def default_dictionary() -> ThemeDictionary:
    """The default theme dictionary (``data/themes_default.yaml``)."""
    return load_dictionary(default_dictionary_path())


def load_dictionary(path: str | Path, *, format: str | None = None, encoding: str | None = None) -> ThemeDictionary:
    """Read a theme dictionary from ``path``.

    ``format`` is ``"yaml"``, ``"dic"`` (quanteda/LIWC) or ``"lc3"`` (Lexicoder 3); by default it
    follows the extension (``.yaml``/``.yml``, ``.dic``, ``.lc3``). Files are read as UTF-8 (a
    ``.dic`` falls back to Windows-1252, as LIWC files often are) unless ``encoding`` is given.
    Returns a ``ThemeDictionary``; raises ``DictionaryError`` naming the file, the line or key and
    the problem.
    """
    p = Path(path)
    if format is None:
        format = _FORMATS.get(p.suffix.lower())
        if format is None:
            raise DictionaryError(
                f"unknown dictionary extension {p.suffix!r}: use .yaml/.yml, .dic (LIWC/quanteda) or "
                ".lc3 (Lexicoder), or pass format=",
                path=p,
            )
    if format not in ("yaml", "dic", "lc3"):
        raise ValueError(f"format must be 'yaml', 'dic' or 'lc3', not {format!r}")
    if not p.is_file():
        raise DictionaryError("no such dictionary file", path=p)
    raw = p.read_bytes()
    text = _decode(raw, p, encoding, fallback="cp1252" if format == "dic" else None)
    if format == "yaml":
        return _read_yaml(text, p)
    if format == "dic":
        return _read_dic(text, p)
    return _read_lc3(text, p)


def _decode(raw: bytes, p: Path, encoding: str | None, fallback: str | None) -> str:
    if b"\x00" in raw[:4096]:
        raise DictionaryError("this is not a text file (it contains NUL bytes)", path=p)
    try:
        text = raw.decode(encoding or "utf-8-sig")
    except UnicodeDecodeError as err:
        if encoding is None and fallback:
            text = raw.decode(fallback, errors="replace")
        else:
            raise DictionaryError(
                f"cannot decode byte {err.start} as {encoding or 'UTF-8'}; pass encoding=", path=p
            ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_yaml(text: str, p: Path) -> ThemeDictionary:
    import yaml

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""
        problem = getattr(err, "problem", None) or str(err)
        context = getattr(err, "context", None)
        detail = f"{problem} ({context})" if context else problem
        raise DictionaryError(f"{where}YAML syntax error: {detail}", path=p) from None
    if root is None:
        raise DictionaryError("the file is empty; a dictionary needs a 'themes:' mapping", path=p)
    if not isinstance(root, yaml.MappingNode):
        raise DictionaryError(
            f"line {root.start_mark.line + 1}: the file must be a mapping with a 'themes:' key", path=p
        )
    top = _mapping_items(root, p, "")
    for k, (knode, _v) in top.items():
        if k not in _TOP_KEYS:
            raise DictionaryError(
                f"line {knode.start_mark.line + 1} ({k}): unknown top-level key {k!r}; expected {', '.join(_TOP_KEYS)}",
                path=p,
            )
    if "themes" not in top:
        raise DictionaryError("line 1: missing key 'themes' (a mapping of theme names to their entries)", path=p)
    name_node = top.get("name")
    name = _construct(name_node[1]) if name_node else ""
    if not isinstance(name, str):
        raise DictionaryError(f"line {name_node[1].start_mark.line + 1} (name): expected a string", path=p)
    tnode = top["themes"][1]
    if not isinstance(tnode, yaml.MappingNode) or not tnode.value:
        raise DictionaryError(
            f"line {tnode.start_mark.line + 1} (themes): expected a non-empty mapping of theme names to their entries",
            path=p,
        )
    themes = []
    for key, (knode, vnode) in _mapping_items(tnode, p, "themes").items():
        lines = {"": knode.start_mark.line + 1}
        if isinstance(vnode, yaml.MappingNode):
            for k, (kn, vn) in _mapping_items(vnode, p, f"themes.{key}").items():
                lines[f".{k}"] = kn.start_mark.line + 1
                if isinstance(vn, yaml.SequenceNode):
                    for i, item in enumerate(vn.value):
                        lines[f".{k}[{i}]"] = item.start_mark.line + 1
        spec = _construct(vnode)
        themes.append(_theme_from_spec(key, spec, lambda s, _k=key: f"themes.{_k}{s}", str(p), lines))
    return ThemeDictionary(tuple(themes), name=name.strip(), source=str(p))


def _mapping_items(node: Any, p: Path, where: str) -> dict[str, tuple[Any, Any]]:
    out: dict[str, tuple[Any, Any]] = {}
    for knode, vnode in node.value:
        key = str(_construct(knode))
        if key in out:
            first = out[key][0].start_mark.line + 1
            raise DictionaryError(
                f"line {knode.start_mark.line + 1} ({where + '.' if where else ''}{key}): "
                f"{key!r} is defined twice (first on line {first})",
                path=p,
            )
        out[key] = (knode, vnode)
    return out


def _construct(node: Any) -> Any:
    import yaml

    return yaml.constructor.SafeConstructor().construct_object(node, deep=True)


def _split_terms(terms: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    words: list[str] = []
    phrases: list[str] = []
    for t in terms:
        (phrases if len(t.split()) > 1 else words).append(t)
    return tuple(words), tuple(phrases)


def _check_term(term: str, p: Path, line: int) -> None:
    try:
        parse_entry(term)
    except ValueError as err:
        raise DictionaryError(f"line {line}: {err}", path=p) from None


_PAREN = re.compile(r"\([^)]*\)\S*")


def _read_dic(text: str, p: Path) -> ThemeDictionary:
    """quanteda/LIWC ``.dic``: a category legend between two lines holding only ``%`` ("1<tab>name"
    per line), then one term per line followed by its category numbers."""
    lines = text.split("\n")
    marks = [i for i, line in enumerate(lines) if line.strip() == "%"]
    if len(marks) < 2:
        first = next((i for i, line in enumerate(lines) if line.strip()), 0)
        raise DictionaryError(
            f"line {first + 1}: a LIWC/quanteda .dic file opens its category list with a line holding only '%' "
            f"and closes it with another; found {len(marks)}",
            path=p,
        )
    a, b = marks[0], marks[1]
    for i in range(a):
        if lines[i].strip():
            raise DictionaryError(f"line {i + 1}: text before the opening '%' line", path=p)
    cats: dict[int, str] = {}
    cat_line: dict[int, int] = {}
    for i in range(a + 1, b):
        s = lines[i].strip()
        if not s:
            continue
        m = re.fullmatch(r"(\d+)\s+(.+)", s)
        if not m:
            raise DictionaryError(
                f"line {i + 1}: expected a category number and a name ('1<tab>finance'), found {s!r}", path=p
            )
        cid, cname = int(m.group(1)), m.group(2).strip()
        if cid in cats:
            raise DictionaryError(
                f"line {i + 1}: category number {cid} is defined twice (first on line {cat_line[cid]})", path=p
            )
        if cname in cats.values():
            raise DictionaryError(f"line {i + 1}: category name {cname!r} is used twice", path=p)
        cats[cid] = cname
        cat_line[cid] = i + 1
    if not cats:
        raise DictionaryError(f"line {a + 1}: no categories between the two '%' lines", path=p)
    terms: dict[int, list[str]] = {c: [] for c in cats}
    skipped = 0
    for i in range(b + 1, len(lines)):
        s = lines[i].strip()
        if not s or s == "%":
            continue
        if "<of>" in s:  # LIWC 2001 conditional tag, unsupported (quanteda skips these too)
            skipped += 1
            continue
        cond = re.search(r"\s\(", s)
        if cond:  # LIWC 2007 conditional codes after the term ("like (02 134)125/464"): keep plain numbers
            s = s[: cond.start()] + _PAREN.sub(" ", s[cond.start() :])
            skipped += 1
        parts = s.split("\t") if "\t" in s else s.split()
        parts = [x.strip() for x in parts if x.strip()]
        ids: list[str] = []
        while parts and re.fullmatch(r"\d+", parts[-1].split()[-1] if parts[-1].split() else ""):
            last = parts[-1].split()
            ids.insert(0, last.pop())
            parts[-1] = " ".join(last)
            if not parts[-1]:
                parts.pop()
        term = " ".join(" ".join(parts).split())
        if not term:
            raise DictionaryError(f"line {i + 1}: a category number without a term", path=p)
        if not ids:
            raise DictionaryError(f"line {i + 1}: term {term!r} has no category number", path=p)
        _check_term(term, p, i + 1)
        for cid_s in ids:
            cid = int(cid_s)
            if cid not in cats:
                known = ", ".join(str(c) for c in sorted(cats))
                raise DictionaryError(
                    f"line {i + 1}: term {term!r} refers to category {cid}, which the '%' header does not define "
                    f"(defined: {known})",
                    path=p,
                )
            if term not in terms[cid]:
                terms[cid].append(term)
    if skipped:
        warnings.warn(
            f"{p}: {skipped} line(s) with LIWC conditional codes ('<of>' or parentheses) were read without them",
            stacklevel=3,
        )
    empty = [cats[c] for c in cats if not terms[c]]
    if len(empty) == len(cats):
        raise DictionaryError(f"line {b + 1}: no terms after the category list", path=p)
    if empty:
        # LIWC 2015 parent categories can have no terms of their own; keep the rest.
        warnings.warn(f"{p}: categories without terms were left out: {', '.join(empty)}", stacklevel=3)
    themes = []
    for cid, cname in cats.items():
        if terms[cid]:
            w, ph = _split_terms(terms[cid])
            themes.append(Theme(cname, cname, f"LIWC/quanteda category {cid} from {p.name}", w, ph))
    return ThemeDictionary(tuple(themes), name=p.stem, source=str(p))


_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}$")


def _read_lc3(text: str, p: Path) -> ThemeDictionary:
    """Lexicoder 3 ``.lc3``: a line ``+category`` (optionally ``#RRGGBB``, the category's colour in
    Lexicoder) starts a category; every other non-blank line is one entry of it."""
    cats: dict[str, list[str]] = {}
    cat_line: dict[str, int] = {}
    current: str | None = None
    for i, raw_line in enumerate(text.split("\n"), start=1):
        s = raw_line.strip()
        if not s:
            continue
        if s.startswith("+"):
            name = _COLOUR.sub("", s[1:]).strip()
            if not name:
                raise DictionaryError(f"line {i}: a '+' line needs a category name ('+finance')", path=p)
            if name in cats:
                raise DictionaryError(
                    f"line {i}: category {name!r} is defined twice (first on line {cat_line[name]})", path=p
                )
            cats[name] = []
            cat_line[name] = i
            current = name
            continue
        if current is None:
            raise DictionaryError(
                f"line {i}: entry {s!r} comes before any category; start a category with '+name'", path=p
            )
        _check_term(s, p, i)
        term = " ".join(s.split())
        if term not in cats[current]:
            cats[current].append(term)
    if not cats:
        raise DictionaryError(
            "no categories: a Lexicoder .lc3 file has '+category' lines, each followed by entries", path=p
        )
    for name, entries in cats.items():
        if not entries:
            raise DictionaryError(f"line {cat_line[name]}: category {name!r} is empty (no entries follow it)", path=p)
    themes = []
    for name, entries in cats.items():
        w, ph = _split_terms(entries)
        themes.append(Theme(name, name, f"Lexicoder category from {p.name}", w, ph))
    return ThemeDictionary(tuple(themes), name=p.stem, source=str(p))


def _resolve(dictionary: Any) -> ThemeDictionary:
    if dictionary is None:
        return default_dictionary()
    if isinstance(dictionary, ThemeDictionary):
        return dictionary
    if isinstance(dictionary, (str, Path)):
        return load_dictionary(dictionary)
    if isinstance(dictionary, Mapping):
        return ThemeDictionary.from_mapping(dictionary)
    raise TypeError(
        "dictionary must be None (the default), a ThemeDictionary, a path or a mapping, "
        f"not {type(dictionary).__name__}"
    )


# --------------------------------------------------------------------------------------------
# Compiling a dictionary for one form and alias table


@dataclass(frozen=True)
class _Compiled:
    themes: tuple[Theme, ...]
    # per theme: list of (entry as written, terms) for matching entries and for exclusions
    entries: tuple[tuple[tuple[str, tuple[tuple[str, bool], ...]], ...], ...]
    excludes: tuple[tuple[tuple[str, tuple[tuple[str, bool], ...]], ...], ...]


def _alias_lookup(table: Aliases) -> tuple[dict[str, str], list[tuple[tuple[str, ...], str]]]:
    """Lower-case single-term variants → label, and multi-term variants (longest first)."""
    single: dict[str, str] = {}
    multi: list[tuple[tuple[str, ...], str]] = []
    for label, variants in table.table.items():
        for v in (label, *variants):
            toks = tuple(m.group(0).lower() for m in iter_tokens(normalize(v).text))
            if len(toks) == 1:
                single[toks[0]] = label.lower()
            elif toks:
                multi.append((toks, label.lower()))
    multi.sort(key=lambda e: -len(e[0]))
    return single, multi


def _canonical(terms: tuple[tuple[str, bool], ...], table: Aliases | None, form: str) -> tuple[tuple[str, bool], ...]:
    from .tidy import _lemma

    out: list[tuple[str, bool]] = []
    single, multi = _alias_lookup(table) if table is not None and table.table else ({}, [])
    i = 0
    while i < len(terms):
        t, glob = terms[i]
        if not glob:
            hit = None
            for toks, label in multi:
                k = len(toks)
                seg = terms[i : i + k]
                if len(seg) == k and all(not g and s == v for (s, g), v in zip(seg, toks, strict=True)):
                    hit = (label, k)
                    break
            if hit is not None:
                out.append((hit[0], False))
                i += hit[1]
                continue
            if t in single:
                out.append((single[t], False))
                i += 1
                continue
            if form == "lemma" and any(c.isalpha() for c in t):
                t = _lemma(t)
        out.append((t, glob))
        i += 1
    return tuple(out)


def _compile(dictionary: ThemeDictionary, form: str, table: Aliases | None) -> _Compiled:
    key = None if table is None else tuple((k, tuple(v)) for k, v in table.table.items())
    return _compile_cached(dictionary, form, key)


@functools.lru_cache(maxsize=32)
def _compile_cached(dictionary: ThemeDictionary, form: str, alias_key: Any) -> _Compiled:
    table = None if alias_key is None else Aliases(dict(alias_key))
    entries = []
    excludes = []
    for th in dictionary.themes:
        for group, dest in (((*th.words, *th.phrases), entries), (th.exclude, excludes)):
            items = []
            for e in group:
                try:
                    terms = parse_entry(e)
                except ValueError as err:
                    raise DictionaryError(f"theme {th.key!r}: {err}", path=dictionary.source or None) from None
                items.append((e, _canonical(terms, table, form)))
            dest.append(tuple(items))
    return _Compiled(dictionary.themes, tuple(entries), tuple(excludes))


def _glob_regex(pattern: str) -> re.Pattern[str]:
    return re.compile("".join(".*" if c == "*" else re.escape(c) for c in pattern) + r"\Z", re.DOTALL)


# --------------------------------------------------------------------------------------------
# Matching


@dataclass
class _Seq:
    """The term sequence (tokens minus alias continuations) of a token table, as numpy arrays."""

    codes: np.ndarray  # vocabulary id per term
    vocab: list[str]
    sent: np.ndarray  # global sentence number per term (phrases may not cross it)
    unit_doc: np.ndarray  # index into docs
    para: np.ndarray
    sent_id: np.ndarray
    is_word: np.ndarray
    start: np.ndarray
    end: np.ndarray
    orig_start: np.ndarray
    orig_end: np.ndarray
    tok_index: np.ndarray  # row of the token table where each term starts
    tok_last: np.ndarray  # row of its last token (differs for multi-word aliases)
    tok_text: pd.Series  # the token table's text column
    docs: list[str]


def _sequence(toks: pd.DataFrame, form: str, aliases: bool) -> _Seq:
    """Same terms as ``sa.tidy.term_forms(toks, form=form, aliases=aliases)`` (alias label at the
    head of a match, continuation tokens dropped), case-folded, built on codes rather than strings
    so that millions of tokens take a second or two."""
    import numpy as np
    import pandas as pd

    n_all = len(toks)
    codes_all, uniques_all = pd.factorize(toks[form], use_na_sentinel=True)
    uniq = [str(u) for u in uniques_all]
    keep = codes_all >= 0  # a missing form (never produced by sa.tidy.tokens) is not a term
    if aliases and "alias" in toks.columns:
        alias = toks["alias"]
        has = alias.notna().to_numpy()
        if has.any():
            pos = np.flatnonzero(has)
            labels = alias.to_numpy(dtype=object, na_value="")[pos]
            cont = labels == ""
            keep[pos[cont]] = False
            heads, head_labels = pos[~cont], labels[~cont]
            lab_codes, lab_uniques = pd.factorize(head_labels)
            codes_all = codes_all.copy()
            codes_all[heads] = lab_codes + len(uniq)
            uniq = uniq + [str(u) for u in lab_uniques]
    # Case-fold the distinct forms, not every token.
    fold, folded = pd.factorize(np.array([u.lower() for u in uniq], dtype=object))
    idx = np.flatnonzero(keep)
    codes = fold[codes_all[idx]] if len(idx) else np.array([], dtype=np.int64)
    # A kept term runs up to the next kept term: alias continuation tokens belong to their head.
    last = np.r_[idx[1:] - 1, n_all - 1].astype(np.int64) if len(idx) else np.array([], dtype=np.int64)
    # Token tables hold each document's tokens together and number them from 1 (token_id), so a
    # document starts where token_id is 1 (a first token is never an alias continuation).
    if len(idx):
        new_doc = toks["token_id"].to_numpy()[idx] == 1
        new_doc[0] = True
        doc_codes = np.cumsum(new_doc) - 1
        docs = toks["doc_id"].to_numpy(dtype=object)[idx[new_doc]]
    else:
        doc_codes, docs = np.array([], dtype=np.int64), np.array([], dtype=object)
    sent_id = toks["sent_id"].to_numpy(dtype=np.int64)[idx]
    if len(idx):
        change = np.r_[True, (doc_codes[1:] != doc_codes[:-1]) | (sent_id[1:] != sent_id[:-1])]
    else:
        change = np.array([], dtype=bool)
    return _Seq(
        codes=np.asarray(codes, dtype=np.int64),
        vocab=list(folded),
        sent=np.cumsum(change),
        unit_doc=doc_codes.astype(np.int64),
        para=toks["para_id"].to_numpy(dtype=np.int64)[idx],
        sent_id=sent_id,
        is_word=~toks["is_punct"].to_numpy(dtype=bool)[idx],
        start=toks["start"].to_numpy(dtype=np.int64)[idx],
        end=toks["end"].to_numpy(dtype=np.int64)[last],
        orig_start=toks["orig_start"].to_numpy(dtype=np.int64)[idx],
        orig_end=toks["orig_end"].to_numpy(dtype=np.int64)[last],
        tok_index=idx,
        tok_last=last,
        tok_text=toks["text"],
        docs=[str(d) for d in docs],
    )


class _Index:
    """Vocabulary lookups and the inverted index (term id → positions)."""

    def __init__(self, seq: _Seq, first_terms: Iterable[tuple[str, bool]]) -> None:
        import numpy as np

        self.seq = seq
        self.n = len(seq.codes)
        self.vocab = seq.vocab
        self.vid = {w: i for i, w in enumerate(seq.vocab)}
        self.sorted_vocab = sorted(range(len(seq.vocab)), key=lambda i: seq.vocab[i])
        self.sorted_words = [seq.vocab[i] for i in self.sorted_vocab]
        self._ids: dict[tuple[str, bool], np.ndarray] = {}
        self._masks: dict[tuple[str, bool], np.ndarray] = {}
        # Inverted index over the terms that can start an entry only (a small part of the text):
        # their positions, grouped by vocabulary id.
        wanted = np.zeros(len(self.vocab), dtype=bool)
        for t in first_terms:
            wanted[self.ids(t)] = True
        pos = np.flatnonzero(wanted[seq.codes]) if self.n else np.array([], dtype=np.int64)
        sub = seq.codes[pos]
        o = np.argsort(sub, kind="stable")
        self.order = pos[o]
        counts = np.bincount(sub, minlength=len(self.vocab))
        self.offsets = np.r_[0, np.cumsum(counts)]

    def ids(self, term: tuple[str, bool]) -> np.ndarray:
        import numpy as np

        if term in self._ids:
            return self._ids[term]
        t, glob = term
        if not glob:
            i = self.vid.get(t)
            out = np.array([] if i is None else [i], dtype=np.int64)
        elif t.endswith("*") and "*" not in t[:-1]:
            prefix = t[:-1]
            lo = bisect.bisect_left(self.sorted_words, prefix)
            hi = bisect.bisect_left(self.sorted_words, prefix + "\U0010ffff")
            out = np.array(sorted(self.sorted_vocab[lo:hi]), dtype=np.int64)
        else:
            rx = _glob_regex(t)
            out = np.array([i for i, w in enumerate(self.vocab) if rx.match(w)], dtype=np.int64)
        self._ids[term] = out
        return out

    def mask(self, term: tuple[str, bool]) -> np.ndarray:
        import numpy as np

        if term not in self._masks:
            m = np.zeros(len(self.vocab), dtype=bool)
            m[self.ids(term)] = True
            self._masks[term] = m
        return self._masks[term]

    def positions(self, term: tuple[str, bool]) -> np.ndarray:
        import numpy as np

        ids = self.ids(term)
        if len(ids) == 0:
            return np.array([], dtype=np.int64)
        if len(ids) == 1:
            i = ids[0]
            return self.order[self.offsets[i] : self.offsets[i + 1]]
        return np.sort(np.concatenate([self.order[self.offsets[i] : self.offsets[i + 1]] for i in ids]))

    def find(self, terms: tuple[tuple[str, bool], ...]) -> np.ndarray:
        """Start positions of every occurrence of ``terms`` within one sentence."""
        starts = self.positions(terms[0])
        codes, sent = self.seq.codes, self.seq.sent
        for j in range(1, len(terms)):
            if not len(starts):
                break
            cand = starts + j
            ok = cand < self.n
            starts, cand = starts[ok], cand[ok]
            ok = self.mask(terms[j])[codes[cand]] & (sent[cand] == sent[starts])
            starts = starts[ok]
        return starts


@dataclass
class _Matches:
    seq: _Seq
    theme: np.ndarray  # theme index
    entry: np.ndarray  # entry index within the theme
    start: np.ndarray  # position in the term sequence
    length: np.ndarray


def _match(seq: _Seq, comp: _Compiled) -> _Matches:
    import numpy as np

    firsts = {terms[0] for group in (*comp.entries, *comp.excludes) for _e, terms in group}
    idx = _Index(seq, firsts)
    out_t, out_e, out_s, out_l = [], [], [], []
    for ti, (entries, excludes) in enumerate(zip(comp.entries, comp.excludes, strict=True)):
        excluded = None
        if excludes:
            # every position covered by an exclusion match, sorted
            covered = [idx.find(terms)[:, None] + np.arange(len(terms)) for _e, terms in excludes]
            excluded = np.unique(np.concatenate([c.ravel() for c in covered]))
        starts, lens, eids = [], [], []
        for ei, (_e, terms) in enumerate(entries):
            s = idx.find(terms)
            if len(s):
                starts.append(s)
                lens.append(np.full(len(s), len(terms), dtype=np.int64))
                eids.append(np.full(len(s), ei, dtype=np.int64))
        if not starts:
            continue
        s = np.concatenate(starts)
        ln = np.concatenate(lens)
        ei_ = np.concatenate(eids)
        if excluded is not None and len(excluded):
            # a match [s, s + ln) is dropped when an excluded position falls inside it
            i = np.searchsorted(excluded, s)
            hit = np.zeros(len(s), dtype=bool)
            inside = i < len(excluded)
            hit[inside] = excluded[i[inside]] < s[inside] + ln[inside]
            s, ln, ei_ = s[~hit], ln[~hit], ei_[~hit]
        # Longest first, then leftmost, then dictionary order; accept a match only if none of its
        # terms is already taken by an accepted match of this theme.
        order = np.lexsort((ei_, s, -ln))
        s, ln, ei_ = s[order], ln[order], ei_[order]
        multi = ln > 1
        keep = np.zeros(len(s), dtype=bool)
        taken = set()
        for k in np.flatnonzero(multi):
            a, b = int(s[k]), int(s[k] + ln[k])
            if not any(p in taken for p in range(a, b)):
                keep[k] = True
                taken.update(range(a, b))
        single = np.flatnonzero(~multi)
        if len(single):
            ss = s[single]
            free = (
                ~np.isin(ss, np.fromiter(taken, dtype=np.int64, count=len(taken))) if taken else np.ones(len(ss), bool)
            )
            # one match per position: the first entry in dictionary order (already sorted by entry)
            o = np.lexsort((ei_[single], ss))
            first = np.r_[True, ss[o][1:] != ss[o][:-1]]
            chosen = np.zeros(len(single), dtype=bool)
            chosen[o[first]] = True
            keep[single[chosen & free]] = True
        out_s.append(s[keep])
        out_l.append(ln[keep])
        out_e.append(ei_[keep])
        out_t.append(np.full(int(keep.sum()), ti, dtype=np.int64))
    if out_s:
        res = _Matches(seq, np.concatenate(out_t), np.concatenate(out_e), np.concatenate(out_s), np.concatenate(out_l))
    else:
        z = np.array([], dtype=np.int64)
        res = _Matches(seq, z, z, z, z)
    order = np.lexsort((res.theme, res.start))
    res.theme, res.entry, res.start, res.length = (
        res.theme[order],
        res.entry[order],
        res.start[order],
        res.length[order],
    )
    return res


def _tokens_for(x: Any, form: str, aliases: bool | Aliases) -> tuple[pd.DataFrame, Aliases | None, bool]:
    from .tidy import tokens

    if form not in ("lower", "lemma"):
        raise ValueError(f"form must be 'lower' (surface forms) or 'lemma', not {form!r}")
    if isinstance(aliases, Aliases):
        table: Aliases | None = aliases
        use = bool(aliases.table)
    elif aliases:
        table, use = Aliases.default(), True
    else:
        table, use = None, False
    if _is_token_table(x):
        if use and "alias" not in x.columns:
            raise ValueError("the token table has no 'alias' column; build it with sa.tidy.tokens")
        return x, table, use
    toks = tokens(x, aliases=table if table is not None else Aliases.none(), lemmas=(form == "lemma"))
    return toks, table, use


def _is_token_table(x: Any) -> bool:
    return type(x).__name__ == "DataFrame" and "token_id" in getattr(x, "columns", ())


def _run(x: Any, dictionary: Any, form: str, aliases: bool | Aliases) -> tuple[ThemeDictionary, _Matches]:
    d = _resolve(dictionary)
    toks, table, use = _tokens_for(x, form, aliases)
    comp = _compile(d, form, table if use else None)
    seq = _sequence(toks, form, use)
    return d, _match(seq, comp)


# --------------------------------------------------------------------------------------------
# Public analyses


def code(
    x: Any,
    *,
    dictionary: ThemeDictionary | str | Path | Mapping[str, Any] | None = None,
    by: str = "paragraph",
    form: str = "lower",
    aliases: bool | Aliases = True,
) -> pd.DataFrame:
    """Theme breakdown per paragraph (``by="paragraph"``) or per document (``by="document"``).

    ``x`` is a ``Statement``, a corpus table, or a token table from ``sa.tidy.tokens``.
    ``dictionary`` is a ``ThemeDictionary``, a path (YAML, ``.dic``, ``.lc3``), a mapping in the
    YAML shape, or ``None`` for the default dictionary.

    Returns a long DataFrame, one row per unit × theme (zeros included), in document, paragraph
    and dictionary order: ``doc_id``, ``para_id`` (paragraph level only), ``theme`` (key),
    ``label``, ``n`` (terms matched for the theme, each counted once), ``n_words`` (word terms in
    the unit: tokens with a letter or digit, stop words included, a multi-word alias counted
    once), ``share`` (``n / n_words``, a fraction 0–1; NaN for a unit with no words) and
    ``is_dominant`` (the theme has the unit's largest ``n``, and ``n > 0``; ties all true).
    """
    import numpy as np
    import pandas as pd

    if by not in ("paragraph", "document"):
        raise ValueError(f"by must be 'paragraph' or 'document', not {by!r}")
    d, m = _run(x, dictionary, form, aliases)
    seq = m.seq
    k = len(d.themes)
    if by == "paragraph":
        change = (
            np.r_[True, (seq.unit_doc[1:] != seq.unit_doc[:-1]) | (seq.para[1:] != seq.para[:-1])]
            if len(seq.codes)
            else np.array([], bool)
        )
    else:
        change = np.r_[True, seq.unit_doc[1:] != seq.unit_doc[:-1]] if len(seq.codes) else np.array([], bool)
    unit = np.cumsum(change) - 1
    n_units = int(unit[-1] + 1) if len(unit) else 0
    heads = np.flatnonzero(change)
    n_words = np.bincount(unit, weights=seq.is_word, minlength=n_units).astype(np.int64)
    counts = np.bincount(unit[m.start] * k + m.theme, weights=m.length, minlength=n_units * k).astype(np.int64)
    counts = counts.reshape(n_units, k)
    best = counts.max(axis=1, keepdims=True) if k else np.zeros((n_units, 1), dtype=np.int64)
    is_dom = (counts == best) & (counts > 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(n_words[:, None] > 0, counts / np.maximum(n_words, 1)[:, None], np.nan)
    cols: dict[str, Any] = {"doc_id": np.repeat(np.array(seq.docs, dtype=object)[seq.unit_doc[heads]], k)}
    if by == "paragraph":
        cols["para_id"] = np.repeat(seq.para[heads], k)
    cols["theme"] = np.tile(np.array(d.keys, dtype=object), n_units)
    cols["label"] = np.tile(np.array([t.label for t in d.themes], dtype=object), n_units)
    cols["n"] = counts.ravel()
    cols["n_words"] = np.repeat(n_words, k)
    cols["share"] = share.ravel()
    cols["is_dominant"] = is_dom.ravel()
    out = pd.DataFrame(cols)
    for c in ("doc_id", "theme", "label"):
        out[c] = out[c].astype("string")
    return out


def dominant(coded: pd.DataFrame) -> pd.DataFrame:
    """The dominant theme of each unit in a ``code`` table.

    Returns one row per unit: the unit's keys (``doc_id``, ``para_id`` if present), ``dominant``
    (theme key with the most matched terms; missing when nothing matched), ``label``, ``n``,
    ``share``, ``n_words``, ``runner_up`` (next theme; missing if none matched), ``runner_up_n``,
    and ``tied_with`` (other themes with the same ``n`` as the dominant one, joined by ", ";
    empty when there is no tie — then ``dominant`` is simply the first of them in dictionary order).
    """
    import pandas as pd

    keys = [c for c in ("doc_id", "para_id") if c in coded.columns]
    rows = []
    for key, g in coded.groupby(keys, sort=False):
        key = key if isinstance(key, tuple) else (key,)
        order = g.sort_values("n", ascending=False, kind="stable")
        top = order.iloc[0]
        matched = order[order["n"] > 0]
        if len(matched) == 0:
            rows.append((*key, pd.NA, pd.NA, 0, 0.0 if top["n_words"] else float("nan"), top["n_words"], pd.NA, 0, ""))
            continue
        tied = matched[(matched["n"] == top["n"])]["theme"].tolist()[1:]
        second = matched.iloc[1] if len(matched) > 1 else None
        rows.append(
            (
                *key,
                top["theme"],
                top["label"],
                int(top["n"]),
                float(top["share"]),
                int(top["n_words"]),
                pd.NA if second is None else second["theme"],
                0 if second is None else int(second["n"]),
                ", ".join(tied),
            )
        )
    cols = [*keys, "dominant", "label", "n", "share", "n_words", "runner_up", "runner_up_n", "tied_with"]
    out = pd.DataFrame(rows, columns=cols)
    for c in ("dominant", "label", "runner_up", "tied_with"):
        out[c] = out[c].astype("string")
    return out


def totals(coded: pd.DataFrame) -> pd.DataFrame:
    """Pooled shares per theme over all units of a ``code`` table: ``theme``, ``label``, ``n``
    (matched terms), ``n_words`` (word terms of all units) and ``share`` (``n / n_words``), in
    dictionary order."""
    import pandas as pd

    unit_keys = [c for c in ("doc_id", "para_id") if c in coded.columns]
    total_words = int(coded.drop_duplicates(unit_keys)["n_words"].sum())
    g = coded.groupby(["theme", "label"], sort=False)["n"].sum().reset_index()
    g["n_words"] = total_words
    g["share"] = g["n"] / total_words if total_words else float("nan")
    return pd.DataFrame(g)


def evidence(
    x: Any,
    *,
    dictionary: ThemeDictionary | str | Path | Mapping[str, Any] | None = None,
    form: str = "lower",
    aliases: bool | Aliases = True,
    theme: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """Every match behind ``code``: one row per matched term or phrase, in text order.

    Columns: ``doc_id``, ``para_id``, ``sent_id``, ``theme``, ``label``, ``term`` (the dictionary
    entry as written), ``matched`` (the words as they stand in the text), ``n`` (terms counted),
    ``start``, ``end`` (character offsets into the normalised text, ``sa.tidy.document_texts``)
    and ``orig_start``, ``orig_end`` (the same span in the text as loaded). ``theme`` keeps only
    the given theme key(s). Summing ``n`` by unit and theme gives ``code``'s ``n``.
    """
    import numpy as np
    import pandas as pd

    d, m = _run(x, dictionary, form, aliases)
    seq = m.seq
    comp = _compile(d, form, None)  # entries as written (same order in every compilation)
    last = m.start + m.length - 1
    texts: dict[str, str] | None = None
    if not _is_token_table(x):
        from .tidy import document_texts

        texts = document_texts(x)
    doc = np.array(seq.docs, dtype=object)[seq.unit_doc[m.start]] if len(m.start) else np.array([], dtype=object)
    starts = seq.start[m.start]
    ends = seq.end[last]
    if texts is not None:
        matched = [texts[dd][a:b] for dd, a, b in zip(doc, starts, ends, strict=True)]
    else:
        words = seq.tok_text.to_numpy(dtype=object)
        rows_a, rows_b = seq.tok_index[m.start], seq.tok_last[last]
        matched = [" ".join(words[a : b + 1]) for a, b in zip(rows_a, rows_b, strict=True)]
    out = pd.DataFrame(
        {
            "doc_id": doc,
            "para_id": seq.para[m.start],
            "sent_id": seq.sent_id[m.start],
            "theme": np.array(d.keys, dtype=object)[m.theme] if len(m.theme) else np.array([], dtype=object),
            "label": np.array([t.label for t in d.themes], dtype=object)[m.theme] if len(m.theme) else [],
            "term": [comp.entries[t][e][0] for t, e in zip(m.theme, m.entry, strict=True)],
            "matched": matched,
            "n": m.length.astype(np.int64),
            "start": starts.astype(np.int64),
            "end": ends.astype(np.int64),
            "orig_start": seq.orig_start[m.start],
            "orig_end": seq.orig_end[last],
        }
    )
    for c in ("doc_id", "theme", "label", "term", "matched"):
        out[c] = out[c].astype("string")
    if theme is not None:
        wanted = [theme] if isinstance(theme, str) else list(theme)
        unknown = [t for t in wanted if t not in d.keys]
        if unknown:
            raise ValueError(f"unknown theme(s) {unknown}; the dictionary has {d.keys}")
        out = out[out["theme"].isin(wanted)].reset_index(drop=True)
    return out
