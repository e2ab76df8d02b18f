"""The model families by name: the registry that ``framing.json``'s ``family`` and a training
config's ``model.family`` are looked up in.

Entries are ``"module:Class"`` strings, imported on first use, so that torch and transformers stay
unloaded until a family that needs them is asked for. A family of one's own is registered with
``FAMILIES.register("name", MyModel)`` (a :class:`~framing.models.base.FramingModel`).
"""

from __future__ import annotations

from framing.registry import Registry

__all__ = ["FAMILIES", "model_class"]

FAMILIES: Registry[type] = Registry("model family")
FAMILIES.register("tfidf", "framing.models.tfidf:TfidfModel")
FAMILIES.register("frozen", "framing.models.frozen:FrozenEncoderModel")
FAMILIES.register("finetune", "framing.models.finetune:FinetunedModel")
FAMILIES.register("finetune_onnx", "framing.models.onnx_serving:OnnxFinetunedModel")
FAMILIES.register("majority", "framing.models.baselines:MajorityBaseline")
FAMILIES.register("keyword", "framing.models.baselines:KeywordBaseline")


def model_class(family: str) -> type:
    """The class of a family name.

    Raises:
        ValueError: an unknown family (named, with the known ones).
    """
    return FAMILIES.get(family)
