"""Model families behind one interface (:class:`FramingModel`), chosen by name.

Families: ``tfidf`` (scikit-learn), ``frozen`` (frozen encoder + linear heads), ``finetune``
(encoder fine-tuned with transformers' Trainer); baselines: ``majority``, ``keyword``.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from .base import FramingModel

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
    """Load any saved model: its ``framing.json`` says the family. The folder gets every check
    of :func:`framing.load` (:func:`framing.model_folder.load_checked`).

    Raises:
        framing.ModelError: what is wrong with the folder, naming the file.
    """
    from ..model_folder import load_checked

    return load_checked(Path(directory))
