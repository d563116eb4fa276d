"""The dictionary model: ``Theme`` and ``ThemeDictionary`` records, how a theme is built from its
specification, and how one entry (word, wildcard or phrase) is parsed.

What is not here: reading files (``formats``), matching text (``matcher``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import DictionaryError
from ..normalize import normalize
from ..segment import iter_tokens

if TYPE_CHECKING:
    import pandas as pd


_THEME_KEYS = ("label", "description", "cap", "words", "phrases", "exclude")

#: The Comparative Agendas Project's major topics (master codebook): code → (key, label). There is
#: no topic 11 or 22 in the scheme. Keys are the theme keys the general dictionary uses for them, and
#: the ``theme`` values of ``code(..., level="major")``.
CAP_MAJOR_TOPICS: dict[int, tuple[str, str]] = {
    1: ("macroeconomics", "Macroeconomics"),
    2: ("civil_rights", "Civil rights & liberties"),
    3: ("health", "Health"),
    4: ("agriculture", "Agriculture & food"),
    5: ("labour", "Labour & employment"),
    6: ("education", "Education"),
    7: ("environment", "Environment & climate"),
    8: ("energy", "Energy"),
    9: ("immigration", "Immigration"),
    10: ("transportation", "Transportation"),
    12: ("law_crime", "Law & crime"),
    13: ("social_welfare", "Social welfare"),
    14: ("housing", "Housing & communities"),
    15: ("domestic_commerce", "Banking, finance & commerce"),
    16: ("defence", "Defence"),
    17: ("technology", "Science, technology & communications"),
    18: ("foreign_trade", "Foreign trade"),
    19: ("international_affairs", "International affairs"),
    20: ("government_operations", "Government operations"),
    21: ("public_lands", "Public lands & water"),
    23: ("culture", "Culture"),
}


def cap_topics() -> pd.DataFrame:
    """The CAP major topics: one row per code, ``cap`` (int), ``theme`` (key) and ``label``."""
    import pandas as pd

    return pd.DataFrame([(c, k, lab) for c, (k, lab) in CAP_MAJOR_TOPICS.items()], columns=["cap", "theme", "label"])


def _cap_list() -> str:
    return ", ".join(f"{c} {lab.lower()}" for c, (_k, lab) in CAP_MAJOR_TOPICS.items())


# Characters that mean the user wrote a regular expression or another glob dialect.
_BAD_GLOB = re.compile(r"[?\[\]()+{}|\\^$]")


# --------------------------------------------------------------------------------------------
# Dictionary objects


@dataclass(frozen=True)
class Theme:
    """One theme: ``key`` (identifier used in tables), ``label`` (for charts), ``description``
    (one line), ``words`` (single words, ``*`` wildcards allowed), ``phrases`` (multi-word
    entries), ``exclude`` (words or phrases that this theme must not match) and ``cap`` (the
    Comparative Agendas Project major topic codes the theme stands for; the first one is the
    topic it rolls up to with ``level="major"``; empty when the dictionary declares none)."""

    key: str
    label: str
    description: str
    words: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    cap: tuple[int, ...] = ()

    @property
    def major(self) -> int | None:
        """The CAP major topic this theme rolls up to (its first ``cap`` code), or ``None``."""
        return self.cap[0] if self.cap else None


@dataclass(frozen=True)
class ThemeDictionary:
    """An ordered set of themes. ``name`` describes it; ``source`` is the file it came from;
    ``description`` says in one line what it is for; ``cap_aligned`` is true when every theme
    declares its CAP major topic code(s) (the file says ``cap_aligned: true``, and loading checks it)."""

    themes: tuple[Theme, ...]
    name: str = ""
    source: str = field(default="", compare=False)
    description: str = field(default="", compare=False)
    cap_aligned: bool = False

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

    @property
    def has_cap(self) -> bool:
        """True when every theme declares a CAP major topic code (so ``level="major"`` works)."""
        return bool(self.themes) and all(t.cap for t in self.themes)

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
        """One row per theme: ``theme``, ``label``, ``description``, how many ``words``,
        ``phrases`` and ``exclude`` entries it has, and — when any theme declares CAP codes —
        ``cap`` (its codes, e.g. ``"19"`` or ``"5, 9"``) and ``major`` (the label of the CAP major
        topic it rolls up to)."""
        import pandas as pd

        out = pd.DataFrame(
            [(t.key, t.label, t.description, len(t.words), len(t.phrases), len(t.exclude)) for t in self.themes],
            columns=["theme", "label", "description", "words", "phrases", "exclude"],
        )
        if any(t.cap for t in self.themes):
            out["cap"] = [", ".join(str(c) for c in t.cap) for t in self.themes]
            out["major"] = [CAP_MAJOR_TOPICS[t.major][1] if t.major else "" for t in self.themes]
        return out

    @classmethod
    def from_mapping(
        cls, themes: Mapping[str, Any], *, name: str = "", source: str = "", cap_aligned: bool = False
    ) -> ThemeDictionary:
        """Build a dictionary from the same shape as the YAML file's ``themes:`` mapping::

            {"finance": {"description": "...", "cap": [19], "words": ["financ*"], "phrases": ["oil revenue"]}}

        With ``cap_aligned=True`` every theme must declare ``cap``. Raises ``DictionaryError``
        naming the key for anything malformed.
        """
        if not isinstance(themes, Mapping) or not themes:
            raise DictionaryError("themes: expected a non-empty mapping of theme names to their entries")
        out = []
        for key, spec in themes.items():
            out.append(
                _theme_from_spec(
                    str(key), spec, lambda k, _key=key: f"themes.{_key}{k}", source, require_cap=cap_aligned
                )
            )
        return cls(tuple(out), name=name, source=source, cap_aligned=cap_aligned)


def _default_label(key: str) -> str:
    s = key.replace("_", " ").strip()
    return s[:1].upper() + s[1:]


def _theme_from_spec(
    key: str,
    spec: Any,
    where: Any,
    source: str,
    lines: Mapping[str, int] | None = None,
    *,
    require_cap: bool = False,
) -> Theme:
    """Validate one theme's mapping. ``where(suffix)`` names the place for error messages;
    ``require_cap`` makes a missing ``cap`` an error (the file declares itself CAP-aligned)."""

    def fail(suffix: str, problem: str) -> DictionaryError:
        loc = where(suffix)
        # the line of the entry, else of its key (a scalar written where a list was expected), else the theme's
        known = lines or {}
        line = known.get(suffix) or known.get(re.sub(r"\[\d+\]$", "", suffix)) or known.get("")
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
    cap = _cap_codes(spec.get("cap"), "cap" in spec, fail, require_cap)
    return Theme(key, label.strip(), " ".join(desc.split()), lists["words"], lists["phrases"], lists["exclude"], cap)


def _cap_codes(value: Any, given: bool, fail: Any, required: bool) -> tuple[int, ...]:
    """Check a theme's ``cap`` value: a non-empty list of CAP major topic codes (an int alone is
    accepted as a list of one)."""
    if not given:
        if required:
            raise fail(
                "",
                "missing key 'cap': this dictionary is CAP-aligned (cap_aligned: true), so every theme "
                f"declares its CAP major topic code(s), e.g. 'cap: [19]'; the codes are {_cap_list()}",
            )
        return ()
    if isinstance(value, int) and not isinstance(value, bool):
        value = [value]
    if not isinstance(value, list) or not value:
        raise fail(".cap", f"expected a non-empty list of CAP major topic codes such as [19], not {_kind(value)}")
    out: list[int] = []
    for i, c in enumerate(value):
        if isinstance(c, bool) or not isinstance(c, int):
            raise fail(f".cap[{i}]", f"expected a CAP major topic code (a whole number), not {_kind(c)}")
        if c not in CAP_MAJOR_TOPICS:
            raise fail(f".cap[{i}]", f"unknown CAP major topic code {c}; the codes are {_cap_list()}")
        if c in out:
            raise fail(f".cap[{i}]", f"code {c} is listed twice")
        out.append(c)
    return tuple(out)


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
        raise DictionaryError("empty entry")
    out: list[tuple[str, bool]] = []
    for chunk in text.split():
        if _BAD_GLOB.search(chunk) or ".*" in chunk:
            raise DictionaryError(
                f"bad wildcard {chunk!r}: only '*' is special (any run of characters); "
                "regular expressions and '?' are not supported"
            )
        if "*" in chunk:
            if "**" in chunk:
                raise DictionaryError(f"bad wildcard {chunk!r}: '**' — write a single '*'")
            if not any(c.isalnum() for c in chunk):
                raise DictionaryError(f"bad wildcard {chunk!r}: it would match every word; add letters")
            out.append((chunk.lower(), True))
        else:
            toks = [m.group(0) for m in iter_tokens(chunk)]
            for t in toks:
                if not any(c.isalnum() for c in t):
                    raise DictionaryError(
                        f"{entry!r}: {t!r} has no letter or digit; entries match words, not punctuation"
                    )
                out.append((t.lower(), False))
    return tuple(out)
