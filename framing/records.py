"""Typed records of what flows between the stages: spans of a text (:class:`Span`, the base of
the front end's sentences, removals and actor mentions), the examples a model reads
(:class:`Example` with its :class:`Target` mentions), what it predicts (:class:`Prediction`) and
what a run measures (:class:`Metrics`, the contents of ``metrics.json``, defined in
:mod:`framing.scores` and re-exported here).

Every record but :class:`Span` is a dataclass read from and written to plain JSON values by one
definition: :func:`from_dict` checks a value against the record's annotations (a missing or
unknown key, or a value of the wrong type, is a :class:`RecordError` that names the dotted key),
and :func:`to_dict` writes it back. Optional fields left at ``None`` are not written, unless the
field is marked ``keep_none`` (an interval that could not be computed is written as ``null``).

Imports only :mod:`framing.scores`.

Example:
    >>> example = from_dict(Example, {"text": "Iran met Iraq.", "mentions": [
    ...     {"start": 0, "end": 4, "actor": "iran", "stance": "neutral"}]})
    >>> example.mentions[0].actor, to_dict(example)["mentions"][0]["end"]
    ('iran', 4)
"""

from __future__ import annotations

import dataclasses
import math
import types
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any, TypeVar, Union

from framing import scores
from framing.scores import *  # noqa: F403  (the records of metrics.json, re-exported)

__all__ = [
    "OTHER_SPEAKER",
    "Example",
    "Prediction",
    "RecordError",
    "Span",
    "Target",
    "as_examples",
    "from_dict",
    "to_dict",
    *scores.__all__,
]

R = TypeVar("R")

# the speaker of reported content that is none of the lexicon's actors (an analyst, a newspaper,
# a UN body): the label beside the actor ids (training/GUIDELINES.md, section 4.1)
OTHER_SPEAKER = "other"


class RecordError(ValueError):
    """A JSON value does not fit a record; the message names the dotted key and the value."""


# -- spans of a text ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Span:
    """Offsets ``[start, end)`` into a text; subclasses add their fields after these two.

    Example:
        >>> @dataclass(frozen=True)
        ... class Word(Span):
        ...     text: str
        >>> Word(4, 8, "Iran").to_dict()
        {'start': 4, 'end': 8, 'text': 'Iran'}
    """

    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        """The fields by name, in the order they are declared."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


# -- what a model reads and predicts --------------------------------------------------------------
@dataclass
class Target:
    """A stance target in an example's text: ``text[start:end]``; the lexicon ``actor`` when the
    span is one of its aliases (None for any other span: stance is target-aware), and the gold
    ``stance`` when the example is labelled. (A mention the actor lexicon finds is a
    :class:`framing.actors.Mention`, a :class:`Span`.)"""

    start: int
    end: int
    actor: str | None = None
    stance: str | None = None


@dataclass
class Example:
    """One sentence as a model reads it: its text, its targets and, when labelled, its ``mode``
    (opinion or news), whether its content is ``reported`` and, when it is, its ``speaker`` (a
    lexicon actor id, :data:`OTHER_SPEAKER` for anyone else, None when unknown or unnamed);
    ``doc_id`` names its article (the unit that cross-validation and intervals keep whole);
    ``ids`` names the rows of a public benchmark's file it was read from; ``context`` is the
    previous sentence of the same article (clean text; None for an article's first sentence or
    when unknown), which the speaker component reads ("He added ...")."""

    text: str
    mentions: list[Target] = field(default_factory=list)
    doc_id: str | None = None
    mode: str | None = None
    reported: bool | None = None
    ids: list[str] | None = None
    speaker: str | None = None
    context: str | None = None


@dataclass
class Prediction:
    """What a model says of one example: the mode, whether the content is reported, and a stance
    per mention (in the example's order); with probabilities, each is a {label: p} mapping (and
    ``reported`` the probability that it is). ``speaker``, from a model with a speaker component:
    whose content it reports (an actor id or :data:`OTHER_SPEAKER`; with probabilities, a
    {label: p} mapping over the actors the sentence mentions and :data:`OTHER_SPEAKER`); None
    from a model without one."""

    mode: Any
    reported: Any
    stances: list[Any]
    speaker: Any = None


# -- reading and writing --------------------------------------------------------------------------
def from_dict(cls: type[R], value: Any, where: str = "") -> R:
    """The record ``cls`` built from a JSON value, checked against its annotations.

    Raises:
        RecordError: a missing required key, an unknown key, or a value of the wrong type (the
            message names the dotted key, after ``where``).
    """
    return _build(cls, value, where)


def as_examples(items: Iterable[Example | Mapping[str, Any]]) -> list[Example]:
    """The items as :class:`Example` records: a record is kept as it is, a mapping in the
    record's JSON form is read with :func:`from_dict` (what a model's methods accept).

    Example:
        >>> as_examples([{"text": "Iran met Iraq.", "mentions": []}])[0].text
        'Iran met Iraq.'

    Raises:
        RecordError: a mapping that does not fit (the message names the example's index and the
            dotted key, e.g. ``example 3.mentions[0].start``).
    """
    return [
        item if isinstance(item, Example) else from_dict(Example, item, where=f"example {i}")
        for i, item in enumerate(items)
    ]


def to_dict(record: Any) -> Any:
    """The JSON value of a record (nested records, lists and mappings included)."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        out = {}
        for f in dataclasses.fields(record):
            value = getattr(record, f.name)
            if value is None and not f.metadata.get("keep_none"):
                continue
            out[f.name] = to_dict(value)
        return out
    if isinstance(record, dict):
        return {key: to_dict(value) for key, value in record.items()}
    if isinstance(record, (list, tuple)):
        return [to_dict(value) for value in record]
    return record


def _name(where: str) -> str:
    return where or "the record"


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    return {dict: "an object", list: "a list", str: "a string"}.get(type(value), "a number")


def _build(hint: Any, value: Any, where: str) -> Any:
    if dataclasses.is_dataclass(hint):
        return _record(hint, value, where)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is Union or (hasattr(types, "UnionType") and origin is types.UnionType):
        if value is None and type(None) in args:
            return None
        others = [a for a in args if a is not type(None)]
        if len(others) == 1:
            return _build(others[0], value, where)
        for option in others:
            try:
                return _build(option, value, where)
            except RecordError:
                continue
        raise RecordError(f"{_name(where)}: unexpected {_kind(value)}")
    if hint is Any:
        return value
    if origin is list:
        if not isinstance(value, list):
            raise RecordError(f"{_name(where)}: expected a list, got {_kind(value)}")
        return [_build(args[0], item, f"{where}[{i}]") for i, item in enumerate(value)]
    if origin is dict:
        if not isinstance(value, dict):
            raise RecordError(f"{_name(where)}: expected an object, got {_kind(value)}")
        return {
            key: _build(args[1], item, f"{where}.{key}" if where else key)
            for key, item in value.items()
        }
    return _scalar(hint, value, where)


def _scalar(hint: Any, value: Any, where: str) -> Any:
    if hint is bool:
        ok = isinstance(value, bool)
    elif hint is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif hint is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        ok = ok and math.isfinite(value)
    elif hint is str:
        ok = isinstance(value, str)
    else:  # pragma: no cover - every annotation of this module is handled above
        raise TypeError(f"records: no reader for {hint!r}")
    if not ok:
        name = {bool: "true or false", int: "an integer", float: "a finite number"}.get(
            hint, "a string"
        )
        raise RecordError(f"{_name(where)}: expected {name}, got {_kind(value)} {value!r:.60}")
    return float(value) if hint is float else value


def _record(cls: type, value: Any, where: str) -> Any:
    if not isinstance(value, Mapping):
        raise RecordError(f"{_name(where)}: expected an object, got {_kind(value)}")
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    unknown = [key for key in value if key not in fields]
    if unknown:
        raise RecordError(
            f"{_name(where)}: unknown key {unknown[0]!r} for {cls.__name__} "
            f"(known: {', '.join(fields)})"
        )
    kwargs = {}
    for name, f in fields.items():
        key = f"{where}.{name}" if where else name
        if name not in value:
            required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            if required:
                raise RecordError(f"{key}: missing")
            continue
        kwargs[name] = _build(hints[name], value[name], key)
    return cls(**kwargs)
