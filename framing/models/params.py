"""A family's parameters in ``framing.json``, checked against its constructor's annotations and
the ranges no family's parameter may leave.
"""

from __future__ import annotations

import collections.abc
import inspect
import json
import math
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

from framing.models.errors import ModelError
from framing.models.files import json_kind

__all__ = ["PARAM_RULES", "check_params"]


def _ngrams(value: Any) -> bool:
    return len(value) == 2 and 1 <= value[0] <= value[1]


# name -> (test, what the value must be): ranges that no family's parameter may leave (types are
# checked against the constructor's annotations first); the same bounds as the training config
PARAM_RULES: dict[str, tuple[Callable[[Any], bool], str]] = {
    "word_ngrams": (_ngrams, "[low, high] with 1 <= low <= high"),
    "char_ngrams": (_ngrams, "[low, high] with 1 <= low <= high"),
    "min_df": (lambda v: v >= 1, ">= 1"),
    "max_features": (lambda v: v >= 1, ">= 1"),
    "C": (lambda v: v > 0, "> 0"),
    "calibration_folds": (lambda v: v == 0 or v >= 2, "0 (no calibration) or at least 2"),
    "seed": (lambda v: 0 <= v < 2**32, "between 0 and 2**32 - 1"),
    "encoder": (lambda v: bool(v.strip()), "a folder or Hub id"),
    "max_length": (lambda v: 1 <= v <= 1_000_000, "between 1 and 1000000"),
    "batch_size": (lambda v: v >= 1, ">= 1"),
    "epochs": (lambda v: v > 0, "> 0"),
    "learning_rate": (lambda v: v > 0, "> 0"),
    "weight_decay": (lambda v: v >= 0, ">= 0"),
    "warmup_ratio": (lambda v: 0 <= v < 1, ">= 0 and below 1"),
    "class_weight": (lambda v: v in ("stance", "all"), "'stance' or 'all'"),
    "encoder_layers": (lambda v: v is None or v >= 1, "a positive integer or null"),
    "window_words": (lambda v: v >= 0, ">= 0"),
}


def _matches(value: Any, hint: Any) -> bool:
    """Whether a JSON value fits a constructor annotation."""
    if hint is Any:
        return True
    if hint is type(None) or hint is None:
        return value is None
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is typing.Union or (hasattr(types, "UnionType") and origin is types.UnionType):
        return any(_matches(value, a) for a in args)
    if hint is bool:
        return isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is float:
        return (
            isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
        )
    if hint is str:
        return isinstance(value, str)
    sequence = (list, tuple, collections.abc.Sequence)
    if hint in sequence or origin in sequence:
        if not isinstance(value, list):
            return False
        item = args[0] if args else Any  # Sequence[X], list[X], tuple[X, ...]
        return all(_matches(v, item) for v in value)
    if hint in (dict, collections.abc.Mapping) or origin in (dict, collections.abc.Mapping):
        if not isinstance(value, dict):
            return False
        key, item = args if len(args) == 2 else (Any, Any)
        return all(_matches(k, key) and _matches(v, item) for k, v in value.items())
    return True  # an annotation this check does not know: the constructor decides


def _describe(hint: Any) -> str:
    text = str(hint).replace("typing.", "").replace("collections.abc.", "")
    return text.replace("<class '", "").replace("'>", "").replace("NoneType", "null")


def check_params(cls: type, params: Any, meta_file: Path) -> dict[str, Any]:
    """The ``params`` of ``framing.json``, checked against the family's constructor: a JSON
    object of known parameters, each of its annotated type and in range.

    Raises:
        ModelError: ``params`` is not an object, an unknown parameter, a wrong type or a value out
            of range (the key named).
    """
    if not isinstance(params, dict):
        raise ModelError(f"{meta_file}: 'params' must be a JSON object, got {json_kind(params)}")
    init = cls.__init__
    names = [
        p.name
        for p in list(inspect.signature(init).parameters.values())[1:]
        if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    ]
    unknown = sorted(set(params) - set(names))
    if unknown:
        raise ModelError(
            f"{meta_file}: unknown parameter(s) {', '.join(map(repr, unknown))} for the "
            f"{cls.family} family (known: {', '.join(names) or 'none'})"
        )
    try:
        hints = typing.get_type_hints(init)
    except Exception:  # annotations this Python cannot evaluate: types are left to the rules
        hints = {}
    for name, value in params.items():
        hint = hints.get(name, Any)
        if not _matches(value, hint):
            raise ModelError(
                f"{meta_file}: parameter {name!r} of the {cls.family} family must be "
                f"{_describe(hint)}, got {json.dumps(value)}"
            )
        rule = PARAM_RULES.get(name)
        ok = True
        if rule is not None:
            try:
                ok = bool(rule[0](value))
            except (TypeError, ValueError):
                ok = False
        if not ok:
            raise ModelError(
                f"{meta_file}: parameter {name!r} must be {rule[1]}, got {json.dumps(value)}"
            )
    return params
