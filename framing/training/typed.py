"""YAML values into typed dataclasses: every value checked against its field's type and declared
range (:func:`framing.models.params.param`), every error a one-line :class:`ConfigError` that
names the dotted key (``model.tfidf.C``) and the value.

PyYAML reads ``3e-5`` as a string: numeric strings are accepted for float fields and nothing
else. Bools are not numbers, numbers are finite, unknown keys are refused with the known ones.

Example:
    >>> from dataclasses import dataclass
    >>> @dataclass
    ... class Head:
    ...     C: float = 1.0
    >>> build(Head, {"C": "3e-1"}, prefix="model.", source="mine.yaml")
    Head(C=0.3)
    >>> build(Head, {"C": True}, prefix="model.", source="mine.yaml")
    Traceback (most recent call last):
    ...
    framing.training.typed.ConfigError: mine.yaml: 'model.C' must be a number, got True
"""

from __future__ import annotations

import dataclasses
import math
import re
import types
import typing
from typing import Any, Literal

import yaml

from framing.models.params import declared

__all__ = ["ConfigError", "build", "yaml_problem"]


class ConfigError(ValueError):
    """A config value is missing, unknown or of the wrong type (the message names it).

    The message is always one line: the YAML parser's multi-line reports are folded.
    """

    def __init__(self, message: str) -> None:
        super().__init__(re.sub(r"\s*\n\s*", " ", str(message)))


def build(
    cls: type, data: Any, *, prefix: str, source: str, hints: dict[str, Any] | None = None
) -> Any:
    """An instance of the dataclass ``cls`` from a mapping: known keys only, each value of its
    field's type and in its declared range; absent keys keep their defaults.

    Args:
        cls: the dataclass.
        data: the mapping (None: all defaults).
        prefix: the dotted key of ``data`` in the whole config, with a final dot (``"model."``).
        source: the file or "command line", first in every message.
        hints: field types to use instead of the annotations (types made at run time).

    Raises:
        ConfigError: not a mapping, an unknown key, or a value of the wrong type or out of range.
    """
    if data is None:
        data = {}
    if not isinstance(data, dict):
        where = prefix.rstrip(".") or "config"
        raise ConfigError(f"{source}: '{where}' must be a mapping, got {data!r}")
    params = declared(cls)
    names = [p.name for p in params]
    unknown = sorted(set(data) - set(names), key=str)
    if unknown:
        raise ConfigError(
            f"{source}: unknown key '{prefix}{unknown[0]}'; known under '{prefix or '.'}': "
            f"{', '.join(names)}"
        )
    values = {}
    for p in params:
        if p.name in data:
            key = f"{prefix}{p.name}"
            value = _coerce((hints or {}).get(p.name, p.type), data[p.name], key, source)
            problem = p.problem(value, types=False)
            if problem:
                raise ConfigError(f"{source}: '{key}' {problem}, got {value!r}")
            values[p.name] = value
    return cls(**values)


def _coerce(hint: Any, value: Any, key: str, source: str) -> Any:
    origin = typing.get_origin(hint)
    if dataclasses.is_dataclass(hint):
        return build(hint, value, prefix=f"{key}.", source=source)
    if origin is Literal:
        choices = typing.get_args(hint)
        if value not in choices:
            raise ConfigError(
                f"{source}: '{key}' must be one of {', '.join(map(str, choices))}, got {value!r}"
            )
        return value
    if origin in (list, tuple):
        (item,) = typing.get_args(hint)[:1]
        if not isinstance(value, list):
            raise ConfigError(f"{source}: '{key}' must be a list, got {value!r}")
        return [_coerce(item, v, f"{key}[{i}]", source) for i, v in enumerate(value)]
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if len(options) != 1:
            raise ConfigError(f"{source}: '{key}': union types are not supported in configs")
        return None if value is None else _coerce(options[0], value, key, source)  # optional
    if hint is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{source}: '{key}' must be true or false, got {value!r}")
        return value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{source}: '{key}' must be an integer, got {value!r}")
        return value
    if hint is float:
        return _number(value, key, source)
    if hint is str:
        if not isinstance(value, str):
            raise ConfigError(f"{source}: '{key}' must be a string, got {value!r}")
        return value
    raise ConfigError(f"{source}: '{key}': unsupported type {hint!r}")


def _number(value: Any, key: str, source: str) -> float:
    if isinstance(value, bool):
        raise ConfigError(f"{source}: '{key}' must be a number, got {value!r}")
    number = None
    if isinstance(value, (int, float, str)):
        try:
            number = float(value)  # "3e-5": PyYAML's reading of exponents without a dot
        except OverflowError:  # an integer beyond any float
            number = math.inf
        except ValueError:
            pass
    if number is None:
        raise ConfigError(f"{source}: '{key}' must be a number, got {value!r}")
    if not math.isfinite(number):
        raise ConfigError(f"{source}: '{key}' must be a finite number, got {value!r}")
    return number


def yaml_problem(err: yaml.YAMLError) -> str:
    """The YAML parser's report in one line: the problem and where it is."""
    problem = getattr(err, "problem", None)
    mark = getattr(err, "problem_mark", None)
    if problem and mark is not None:
        return f"{problem} at line {mark.line + 1}, column {mark.column + 1}"
    return " ".join(str(err).split())
