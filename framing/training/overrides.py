"""Command-line overrides of a config: ``key.sub=value`` assignments, each value read as YAML.

Example:
    >>> apply_overrides({"model": {"family": "tfidf"}, "seed": 0}, ["model.family=frozen"])
    {'model': {'family': 'frozen'}, 'seed': 0}
"""

from __future__ import annotations

import copy
from typing import Any

import yaml

from framing.training.typed import ConfigError, yaml_problem

__all__ = ["apply_overrides"]


def apply_overrides(
    data: dict[str, Any], assignments: list[str], *, source: str = "command line"
) -> dict[str, Any]:
    """A copy of a config's mapping with ``key.sub=value`` assignments applied: only keys it has
    can be set, values are parsed as YAML (``3e-5``, ``[1, 2]``, ``null``; an empty one is ``""``).
    The values are checked when the mapping is read as a config.

    Raises:
        ConfigError: an assignment without ``=``, an unknown key, or a value that is not YAML.
    """
    data = copy.deepcopy(data)
    for assignment in assignments:
        key, sep, raw = assignment.partition("=")
        if not sep or not key:
            raise ConfigError(f"{source}: expected key=value, got {assignment!r}")
        target = data
        parts = key.strip().split(".")
        for part in parts[:-1]:
            if not isinstance(target.get(part), dict):
                raise ConfigError(f"{source}: unknown key '{key}'")
            target = target[part]
        if parts[-1] not in target:
            raise ConfigError(f"{source}: unknown key '{key}'")
        try:
            target[parts[-1]] = yaml.safe_load(raw) if raw.strip() else ""
        except yaml.YAMLError as err:
            raise ConfigError(
                f"{source}: the value of '{key}' is not valid YAML: {raw!r} ({yaml_problem(err)})"
            ) from None
    return data
