"""Reading theme dictionaries: the package's YAML shape, quanteda/LIWC ``.dic`` and Lexicoder
``.lc3`` files, with errors that name the file, the line and the problem; the shipped dictionaries.
"""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import DictionaryError, OptionError
from .model import Theme, ThemeDictionary, _theme_from_spec, parse_entry

if TYPE_CHECKING:
    import pandas as pd

#: The dictionaries shipped with the package: name → file in ``statement_analysis/data``.
#: ``general`` is the default layer for any statement; the others are domain dictionaries.
SHIPPED: dict[str, str] = {
    "general": "themes_general.yaml",
    "coalition": "themes_coalition.yaml",
}
DEFAULT_NAME = "general"
DEFAULT_FILENAME = SHIPPED[DEFAULT_NAME]
_FORMATS = {".yaml": "yaml", ".yml": "yaml", ".dic": "dic", ".lc3": "lc3"}


_TOP_KEYS = ("name", "description", "version", "cap_aligned", "themes")


# --------------------------------------------------------------------------------------------
# Loading


def dictionary_path(name: str) -> Path:
    """Path of the shipped dictionary ``name`` (see ``dictionaries()``; copy it to start your own).
    Raises ``DictionaryError`` for an unknown name, listing the shipped ones."""
    if name not in SHIPPED:
        raise DictionaryError(f"unknown dictionary {name!r}: {_shipped_hint()}")
    return Path(str(resources.files("statement_analysis").joinpath("data", SHIPPED[name])))


def default_dictionary_path() -> Path:
    """Path of the default dictionary file, the general policy-agenda dictionary."""
    return dictionary_path(DEFAULT_NAME)


@functools.cache
def shipped_dictionary(name: str) -> ThemeDictionary:
    """The shipped dictionary ``name`` (``"general"``, ``"coalition"``; see ``dictionaries()``)."""
    return load_dictionary(dictionary_path(name))


def default_dictionary() -> ThemeDictionary:
    """The default theme dictionary: the general policy-agenda dictionary
    (``data/themes_general.yaml``), one theme per CAP major topic plus finer international-affairs
    and defence sub-themes."""
    return shipped_dictionary(DEFAULT_NAME)


def dictionaries() -> pd.DataFrame:
    """The dictionaries shipped with the package, one row each: ``name`` (pass it as
    ``dictionary=``), ``layer`` (``general``, the default for any statement, or ``domain``),
    ``title`` (the file's ``name:``), ``themes`` (how many), ``cap_aligned`` (every theme declares
    its CAP major topic), ``description`` (one line) and ``path`` (the file; copy it to edit)."""
    import pandas as pd

    rows = []
    for name in SHIPPED:
        d = shipped_dictionary(name)
        rows.append(
            (
                name,
                "general" if name == DEFAULT_NAME else "domain",
                d.name,
                len(d),
                d.cap_aligned,
                d.description,
                str(dictionary_path(name)),
            )
        )
    return pd.DataFrame(rows, columns=["name", "layer", "title", "themes", "cap_aligned", "description", "path"])


def _shipped_hint() -> str:
    return (
        f"the shipped dictionaries are {', '.join(repr(n) for n in SHIPPED)} (see themes.dictionaries()); "
        "or give the path of a .yaml/.yml, .dic (LIWC/quanteda) or .lc3 (Lexicoder) file"
    )


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
        raise OptionError(f"format= must be 'yaml', 'dic' or 'lc3', not {format!r}")
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
    desc_node = top.get("description")
    description = _construct(desc_node[1]) if desc_node else ""
    if not isinstance(description, str):
        raise DictionaryError(f"line {desc_node[1].start_mark.line + 1} (description): expected a string", path=p)
    aligned_node = top.get("cap_aligned")
    cap_aligned = _construct(aligned_node[1]) if aligned_node else False
    if not isinstance(cap_aligned, bool):
        raise DictionaryError(
            f"line {aligned_node[1].start_mark.line + 1} (cap_aligned): expected true or false, not {cap_aligned!r}",
            path=p,
        )
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
        themes.append(
            _theme_from_spec(key, spec, lambda s, _k=key: f"themes.{_k}{s}", str(p), lines, require_cap=cap_aligned)
        )
    return ThemeDictionary(
        tuple(themes),
        name=name.strip(),
        source=str(p),
        description=" ".join(description.split()),
        cap_aligned=cap_aligned,
    )


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


def resolve_dictionary(dictionary: Any = None) -> ThemeDictionary:
    """The ``ThemeDictionary`` that ``dictionary=`` names: ``None`` (the default, general
    dictionary), the name of a shipped dictionary (``"general"``, ``"coalition"``), a path to a
    ``.yaml``/``.yml``, ``.dic`` or ``.lc3`` file, a ``ThemeDictionary``, or a mapping in the
    YAML's ``themes:`` shape. Raises ``DictionaryError`` for an unknown name or a bad file,
    ``OptionError`` for any other kind of value."""
    if dictionary is None:
        return default_dictionary()
    if isinstance(dictionary, ThemeDictionary):
        return dictionary
    if isinstance(dictionary, str) and dictionary in SHIPPED:
        return shipped_dictionary(dictionary)
    if isinstance(dictionary, (str, Path)):
        p = Path(dictionary)
        if p.suffix.lower() not in _FORMATS and not p.is_file():
            raise DictionaryError(f"unknown dictionary {str(dictionary)!r}: {_shipped_hint()}")
        return load_dictionary(p)
    if isinstance(dictionary, Mapping):
        return ThemeDictionary.from_mapping(dictionary)
    raise OptionError(
        "dictionary= must be None (the general dictionary), the name of a shipped dictionary "
        f"({', '.join(SHIPPED)}), a path, a ThemeDictionary or a mapping, not {type(dictionary).__name__}"
    )


_resolve = resolve_dictionary
