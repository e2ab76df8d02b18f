"""Named implementations of one interface, chosen by name: the one registry behind segmenters,
model families and public benchmarks.

An entry is the object itself or a ``"module:attribute"`` string imported on first use, so that a
registry can list heavy implementations (torch, transformers) without importing them. Unknown
names are a ``ValueError`` that lists the known ones.

Imports nothing of framing.

Example:
    >>> shapes = Registry("shape")
    >>> shapes.register("square", lambda side: side * side)
    >>> shapes.get("square")(3)
    9
    >>> shapes.get("circle")
    Traceback (most recent call last):
    ...
    ValueError: unknown shape 'circle'; known: square
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

__all__ = ["Registry"]

T = TypeVar("T")


class Registry(Generic[T]):
    """Entries of one kind by name, in the order they were registered.

    Args:
        kind: what an entry is, for messages ("segmenter", "model family", "benchmark").
    """

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._entries: dict[str, T | str] = {}

    def register(self, name: str, entry: T | str | None = None) -> T | Callable[[T], T] | None:
        """Add ``entry`` under ``name`` (replacing any entry of that name).

        ``entry`` may be the object or a lazy ``"module:attribute"`` string; without it,
        ``register`` is a decorator.

        Raises:
            ValueError: an empty name, or a lazy entry that is not ``"module:attribute"``.
        """
        if not isinstance(name, str) or not name:
            raise ValueError(f"a {self.kind} needs a non-empty name, got {name!r}")
        if entry is None:

            def decorate(obj: T) -> T:
                self._entries[name] = obj
                return obj

            return decorate
        if isinstance(entry, str) and entry.count(":") != 1:
            raise ValueError(
                f"{self.kind} {name!r}: a lazy entry is 'module:attribute', got {entry!r}"
            )
        self._entries[name] = entry
        return None

    def get(self, name: str) -> T:
        """The entry registered under ``name``; a lazy one is imported now (and kept).

        Raises:
            ValueError: no entry has that name (the message lists the known ones).
        """
        if name not in self._entries:
            known = ", ".join(self._entries) or "none"
            raise ValueError(f"unknown {self.kind} {name!r}; known: {known}")
        entry = self._entries[name]
        if isinstance(entry, str):
            module, attribute = entry.split(":")
            entry = self._entries[name] = getattr(importlib.import_module(module), attribute)
        return entry

    def names(self) -> list[str]:
        """The registered names, in order."""
        return list(self._entries)

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._entries))

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"Registry({self.kind!r}: {', '.join(self._entries)})"
