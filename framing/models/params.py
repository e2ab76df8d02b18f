"""A family's parameters, declared once: the fields of its dataclass, each with its type, default
and range.

A family is a dataclass (like setfit's ``SetFitModel``): its constructor is generated from the
fields, and the same declaration checks the model's arguments when it is built, a training
config's ``model.<family>`` section (:mod:`framing.training.config`) and the ``params`` of a saved
``framing.json`` (:func:`check_params`), each error naming the parameter and the value.

Example:
    >>> from dataclasses import KW_ONLY, dataclass
    >>> @dataclass(eq=False)
    ... class Toy:
    ...     C: float = param(1.0, rule=POSITIVE)
    ...     seed: int = param(0, rule=SEED, config=False)  # set by the run, not by the config
    >>> [(p.name, p.default, p.config) for p in declared(Toy)]
    [('C', 1.0, True), ('seed', 0, False)]
    >>> declared(Toy)[0].problem(-1)
    'must be > 0'
"""

from __future__ import annotations

import collections.abc
import dataclasses
import functools
import inspect
import json
import math
import types
import typing
from collections.abc import Callable
from dataclasses import KW_ONLY, dataclass
from pathlib import Path
from typing import Any, Literal

from framing.models.errors import ModelError
from framing.models.files import json_kind

__all__ = [
    "AT_LEAST_ONE",
    "CALIBRATION_FOLDS",
    "ENCODER",
    "MAX_LENGTH",
    "MAX_SEED",
    "NGRAM_RANGE",
    "NON_NEGATIVE",
    "POSITIVE",
    "POSITIVE_INTEGER",
    "RATIO",
    "SEED",
    "Param",
    "Rule",
    "Seeded",
    "check_params",
    "declared",
    "param",
    "validate",
]

MAX_SEED = 2**32 - 1  # numpy's and torch's seeds are unsigned 32-bit integers


@dataclass(frozen=True)
class Rule:
    """What a value must be beyond its type: a test and its wording after "must".

    Attributes:
        test: true for an allowed value (one of the declared type).
        must: the wording, ``"be > 0"``: the message reads ``'C' must be > 0, got -1``.
    """

    test: Callable[[Any], bool]
    must: str

    def holds(self, value: Any) -> bool:
        try:
            return bool(self.test(value))
        except (TypeError, ValueError):  # a value of another type than declared
            return False


def _ngram_range(value: Any) -> bool:
    return len(value) == 2 and 1 <= value[0] <= value[1]


POSITIVE = Rule(lambda v: v > 0, "be > 0")
NON_NEGATIVE = Rule(lambda v: v >= 0, "be >= 0")
AT_LEAST_ONE = Rule(lambda v: v >= 1, "be >= 1")
POSITIVE_INTEGER = Rule(lambda v: v >= 1, "be a positive integer")
RATIO = Rule(lambda v: 0 <= v < 1, "be below 1 and >= 0")
NGRAM_RANGE = Rule(_ngram_range, "be [low, high] with 1 <= low <= high")
CALIBRATION_FOLDS = Rule(lambda v: v == 0 or v >= 2, "be 0 (no calibration) or at least 2")
SEED = Rule(lambda v: 0 <= v <= MAX_SEED, f"lie in 0..{MAX_SEED}")
ENCODER = Rule(lambda v: bool(v.strip()), "be a folder or Hub id")
MAX_LENGTH = Rule(lambda v: 1 <= v <= 1_000_000, "be between 1 and 1000000")


def param(
    default: Any = dataclasses.MISSING,
    *,
    factory: Callable[[], Any] | None = None,
    rule: Rule | None = None,
    config: bool = True,
) -> Any:
    """A declared parameter: a dataclass field with its range.

    Args:
        default: the default value (``factory`` for a list or a dict).
        factory: makes the default value (a fresh one for each instance).
        rule: what the value must be beyond its type (none: any value of the type).
        config: whether a training config sets it (``model.<family>.<name>``); ``seed`` and
            ``warm_start`` are set by the run instead.
    """
    metadata = {"rule": rule, "config": config}
    if factory is not None:
        return dataclasses.field(default_factory=factory, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


@dataclass(eq=False)
class Seeded:
    """The parameter of every family whose fitting draws random numbers: ``seed``, keyword-only
    and last in the constructor. It is the run's (a training config's top-level ``seed``), not a
    key of the family's config section."""

    _: KW_ONLY
    seed: int = param(0, rule=SEED, config=False)


@dataclass(frozen=True)
class Param:
    """One declared parameter of a family.

    Attributes:
        name: the constructor argument and attribute.
        type: its annotation, resolved (``list[int]``, ``int | None``, ``Literal[...]``).
        default: its default value (``dataclasses.MISSING`` when ``factory`` makes it).
        factory: makes the default value, or None.
        rule: what the value must be beyond its type, or None.
        config: whether a training config sets it.
    """

    name: str
    type: Any
    default: Any = dataclasses.MISSING
    factory: Callable[[], Any] | None = None
    rule: Rule | None = None
    config: bool = True

    def problem(self, value: Any, *, types: bool = True) -> str | None:
        """What is wrong with ``value`` (``"must be > 0"``), or None. With ``types``, the value
        must also be a JSON value of the declared type (bools are not numbers, numbers finite)."""
        if types and not matches(value, self.type):
            return f"must be {describe(self.type)}"
        if value is None or self.rule is None or self.rule.holds(value):
            return None
        return f"must {self.rule.must}{' or null' if _admits_none(self.type) else ''}"


@functools.cache
def declared(cls: type) -> tuple[Param, ...]:
    """The parameters of a family (or of any dataclass), in order: its dataclass fields with the
    rules :func:`param` gave them. A family written as a plain class with its own ``__init__``
    has its constructor's arguments, typed by their annotations, with no rules.
    """
    hints = _hints(cls)
    if dataclasses.is_dataclass(cls):
        order = list(inspect.signature(cls).parameters)  # keyword-only ones (seed) last
        fields = sorted(dataclasses.fields(cls), key=lambda f: order.index(f.name))
        return tuple(
            Param(
                f.name,
                hints.get(f.name, Any),
                f.default,
                None if f.default_factory is dataclasses.MISSING else f.default_factory,
                f.metadata.get("rule"),
                f.metadata.get("config", True),
            )
            for f in fields
        )
    arguments = list(inspect.signature(cls.__init__).parameters.values())[1:]
    return tuple(
        Param(p.name, hints.get(p.name, Any), p.default)
        for p in arguments
        if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    )


def _hints(cls: type) -> dict[str, Any]:
    target = cls if dataclasses.is_dataclass(cls) else cls.__init__
    try:
        return typing.get_type_hints(target)
    except Exception:  # annotations this Python cannot evaluate: any value of the type passes
        return {}


def validate(model: Any) -> None:
    """Check a family's arguments as it is built (its ``__post_init__``): every parameter of its
    declared type and range, so that a model that could not be saved and loaded again is refused
    at once.

    Raises:
        ValueError: the first parameter that is not, named with its value.
    """
    for p in declared(type(model)):
        value = getattr(model, p.name)
        problem = p.problem(value)
        if problem:
            raise ValueError(f"{p.name} {problem}, got {value!r}")


def check_params(cls: type, params: Any, meta_file: Path) -> dict[str, Any]:
    """The ``params`` of ``framing.json``, checked against the family's declaration: a JSON
    object of known parameters, each of its declared type and in range.

    Raises:
        ModelError: ``params`` is not an object, an unknown parameter, a wrong type or a value out
            of range (the key named).
    """
    if not isinstance(params, dict):
        raise ModelError(f"{meta_file}: 'params' must be a JSON object, got {json_kind(params)}")
    known = {p.name: p for p in declared(cls)}
    unknown = sorted(set(params) - set(known))
    if unknown:
        raise ModelError(
            f"{meta_file}: unknown parameter(s) {', '.join(map(repr, unknown))} for the "
            f"{cls.family} family (known: {', '.join(known) or 'none'})"
        )
    for name, value in params.items():
        problem = known[name].problem(value)
        if problem:
            raise ModelError(
                f"{meta_file}: parameter {name!r} of the {cls.family} family {problem}, "
                f"got {json.dumps(value)}"
            )
    return params


def _admits_none(hint: Any) -> bool:
    return hint is Any or (_is_union(hint) and type(None) in typing.get_args(hint))


def _is_union(hint: Any) -> bool:
    return typing.get_origin(hint) in (typing.Union, types.UnionType)


def matches(value: Any, hint: Any) -> bool:
    """Whether a JSON value fits an annotation (an annotation this check does not know: yes)."""
    if hint is Any:
        return True
    if hint is type(None) or hint is None:
        return value is None
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if _is_union(hint):
        return any(matches(value, a) for a in args)
    if origin is Literal:
        return any(value == a and type(value) is type(a) for a in args)
    if hint is bool:
        return isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is float:
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        return number and math.isfinite(value)
    if hint is str:
        return isinstance(value, str)
    sequence = (list, tuple, collections.abc.Sequence)
    if hint in sequence or origin in sequence:
        item = args[0] if args else Any  # Sequence[X], list[X], tuple[X, ...]
        return isinstance(value, list) and all(matches(v, item) for v in value)
    if hint in (dict, collections.abc.Mapping) or origin in (dict, collections.abc.Mapping):
        key, item = args if len(args) == 2 else (Any, Any)
        return isinstance(value, dict) and all(
            matches(k, key) and matches(v, item) for k, v in value.items()
        )
    return True


def describe(hint: Any) -> str:
    """An annotation as messages name it: ``list[int]``, ``int | null``, ``one of 'a', 'b'``."""
    if typing.get_origin(hint) is Literal:
        return f"one of {', '.join(map(repr, typing.get_args(hint)))}"
    text = str(hint).replace("typing.", "").replace("collections.abc.", "")
    return text.replace("<class '", "").replace("'>", "").replace("NoneType", "null")
