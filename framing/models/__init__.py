"""Model families behind one interface (:class:`FramingModel`), chosen by name.

Families: ``tfidf`` (scikit-learn), ``frozen`` (frozen encoder + linear heads), ``finetune``
(encoder fine-tuned with transformers' Trainer); baselines: ``majority``, ``keyword``.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

from .base import MODEL_FILE, FramingModel

__all__ = ["FAMILIES", "FramingModel", "load_model", "model_class"]

# name -> "module:Class", imported on first use (torch and transformers stay unloaded otherwise)
FAMILIES = {
    "tfidf": "framing.models.tfidf:TfidfModel",
    "frozen": "framing.models.frozen:FrozenEncoderModel",
    "finetune": "framing.models.finetune:FinetunedModel",
    "majority": "framing.models.baselines:MajorityBaseline",
    "keyword": "framing.models.baselines:KeywordBaseline",
}


def model_class(family: str) -> type[FramingModel]:
    """The class of a family name.

    Raises:
        ValueError: an unknown family (named, with the known ones).
    """
    if family not in FAMILIES:
        raise ValueError(f"unknown model family {family!r}; known: {', '.join(FAMILIES)}")
    module, name = FAMILIES[family].split(":")
    return getattr(importlib.import_module(module), name)


def load_model(directory: str | Path) -> FramingModel:
    """Load any saved model: its ``framing.json`` says the family."""
    directory = Path(directory)
    meta = json.loads((directory / MODEL_FILE).read_text(encoding="utf-8"))
    return model_class(meta["family"]).from_pretrained(directory)
