"""Checking options and renaming them: one place for the messages a user sees when an option is wrong.

* ``choice(name, value, allowed)`` — ``value`` when it is one of ``allowed``, else an
  ``OptionError`` (or the module's subclass) naming the option, the value and the allowed values.
* ``integer(name, value, minimum=...)`` / ``number(...)`` — a whole / real number in range.
* ``renamed(old="new", ...)`` — a decorator that keeps an old keyword working for one release,
  with a ``DeprecationWarning`` that names the new one.

The vocabulary every public function follows (the README lists it too): ``by`` is the unit a
table has one row per (``"document"``, ``"paragraph"``, ``"sentence"``); ``level`` is a roll-up
(place → country, sub-region → continent, sub-theme → major topic); ``form`` is the token form
counted (``"text"`` as written, ``"lower"``, ``"lemma"``); ``measure`` is the statistic shown or
sorted by; ``labels`` names the two sides of a comparison; ``n`` is how many rows to keep.
"""

from __future__ import annotations

import functools
import math
import warnings
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from .errors import OptionError

F = TypeVar("F", bound=Callable[..., Any])


def _listing(allowed: Iterable[Any]) -> str:
    items = [repr(a) for a in allowed]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


def choice(name: str, value: Any, allowed: Iterable[Any], *, error: type[OptionError] = OptionError) -> Any:
    """``value`` if it is one of ``allowed``; otherwise raise ``error`` naming ``name``."""
    allowed = tuple(allowed)
    try:
        ok = value in allowed
    except TypeError:  # unhashable or incomparable values
        ok = False
    if not ok:
        raise error(f"{name}= must be {_listing(allowed)}, not {value!r}")
    return value


def integer(name: str, value: Any, *, minimum: int | None = None, error: type[OptionError] = OptionError) -> int:
    """``value`` as an ``int`` (a bool is refused) at least ``minimum``; otherwise raise ``error``."""
    if isinstance(value, bool) or not hasattr(value, "__index__"):
        raise error(f"{name}= must be a whole number, not {value!r}")
    value = int(value.__index__())
    if minimum is not None and value < minimum:
        raise error(f"{name}= must be {minimum} or more, not {value}")
    return value


def number(
    name: str,
    value: Any,
    *,
    minimum: float | None = None,
    positive: bool = False,
    error: type[OptionError] = OptionError,
) -> float:
    """``value`` as a finite ``float``, at least ``minimum`` (above 0 when ``positive``)."""
    if isinstance(value, bool):
        raise error(f"{name}= must be a number, not {value!r}")
    try:
        f = float(value)
    except (TypeError, ValueError):
        raise error(f"{name}= must be a number, not {value!r}") from None
    if not math.isfinite(f):
        raise error(f"{name}= must be a finite number, not {value!r}")
    if positive and f <= 0:
        raise error(f"{name}= must be above 0, not {value!r}")
    if minimum is not None and f < minimum:
        raise error(f"{name}= must be {minimum:g} or more, not {value!r}")
    return f


def renamed(**old_to_new: str) -> Callable[[F], F]:
    """Keep old keyword names working for one release: ``@renamed(metric="measure")``.

    A call with an old name gets a ``DeprecationWarning`` naming the new one and runs as if the
    new name had been used; giving both is an ``OptionError``.
    """

    def deco(fn: F) -> F:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            for old, new in old_to_new.items():
                if old in kwargs:
                    if new in kwargs:
                        raise OptionError(f"give {new}= only ({old}= is its old name)")
                    warnings.warn(
                        f"{fn.__qualname__}: {old}= is deprecated, use {new}= (the old name goes in the next release)",
                        DeprecationWarning,
                        stacklevel=2,
                    )
                    kwargs[new] = kwargs.pop(old)
            return fn(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return deco


def deprecated_alias(fn: F, old_name: str) -> F:
    """``fn`` under its old name: the same function, with a ``DeprecationWarning`` on each call."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        warnings.warn(
            f"{old_name} is deprecated, use {fn.__name__} (the old name goes in the next release)",
            DeprecationWarning,
            stacklevel=2,
        )
        return fn(*args, **kwargs)

    wrapper.__name__ = old_name
    wrapper.__qualname__ = old_name
    return wrapper  # type: ignore[return-value]
