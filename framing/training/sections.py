"""The ``model`` section of a training config, made from the families: ``family`` and one
section per registered family but the baselines (``model.tfidf``, ``model.frozen``, ...), each
holding the parameters its family declares (:mod:`framing.models.params`) with their types,
defaults and ranges. Nothing here names a family's parameters: a family registered in
:data:`framing.models.families.FAMILIES` is configurable as it is.

Example:
    >>> from framing.models.families import model_class
    >>> section_class(model_class("tfidf"))().C
    4.0
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

from framing.models.families import FAMILIES
from framing.models.params import Param, declared

__all__ = ["BASELINES", "ModelConfig", "model_config_class", "section_class"]

# the systems that stand beside the trained family in every table; not configured
BASELINES = ("majority", "keyword")


@dataclass
class ModelConfig:
    """The ``model`` section: ``family``, the family to train, and one section per registered
    family but the baselines (``model.tfidf``, ``model.frozen``, ``model.finetune``), each
    holding the parameters the family declares for a config (:func:`section_class`).

    The class a config holds is made by :func:`model_config_class` from the families registered
    when the config is read; it is a subclass of this one.
    """

    family: str = "tfidf"


_SECTIONS: dict[type, type] = {}
_MODEL_CONFIGS: dict[tuple[tuple[str, type], ...], type[ModelConfig]] = {}


def section_class(family: type) -> type:
    """The dataclass of a family's ``model.<family>`` section: the parameters the family
    declares for a config (not ``seed``, which is the run's, nor ``warm_start``), with their
    types, defaults and ranges (``TfidfConfig`` for the ``tfidf`` family)."""
    if family not in _SECTIONS:
        fields = [(p.name, p.type, _field(p)) for p in declared(family) if p.config]
        name = f"{(family.family or family.__name__).title().replace('_', '')}Config"
        section = dataclasses.make_dataclass(name, fields)
        section.__module__ = __name__
        section.__doc__ = (
            f"Family ``{family.family}``: the parameters of "
            f"{family.__module__}.{family.__qualname__} that a config sets."
        )
        _SECTIONS[family] = section
    return _SECTIONS[family]


def _field(p: Param) -> Any:
    """A config field for a declared parameter: its default (or factory) and its range."""
    if p.factory is not None:
        return field(default_factory=p.factory, metadata={"rule": p.rule})
    return field(default=p.default, metadata={"rule": p.rule})


def model_config_class() -> type[ModelConfig]:
    """The ``model`` section's dataclass for the families registered now (made once for each
    set of families, so that configs read under the same families compare equal)."""
    families = tuple((name, FAMILIES.get(name)) for name in FAMILIES if name not in BASELINES)
    if families not in _MODEL_CONFIGS:
        names = tuple(name for name, _ in families)
        fields: list[tuple[str, Any, Any]] = [("family", Literal[names], field(default="tfidf"))]
        for name, cls in families:
            section = section_class(cls)
            fields.append((name, section, field(default_factory=section)))
        made = dataclasses.make_dataclass("ModelConfig", fields, bases=(ModelConfig,))
        made.__module__, made.__doc__ = __name__, ModelConfig.__doc__
        _MODEL_CONFIGS[families] = made
    return _MODEL_CONFIGS[families]
