"""Model families behind one interface (:class:`FramingModel`), chosen by name; the model folder
they are saved in (closed, checked, no pickle) and loading one from a folder, a run or the Hub.

Families: ``tfidf`` (scikit-learn), ``frozen`` (frozen encoder + linear heads), ``finetune``
(encoder fine-tuned with transformers' Trainer); baselines: ``majority``, ``keyword``.

Imports ``framing.labels``, ``framing.registry`` and ``framing._files``; nothing of text, data,
training, inference or the Hub.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["FAMILIES", "FramingModel", "ModelError", "load_model", "model_class"]

# imported on first use, so that ``import framing`` does not load numpy and huggingface_hub
_LAZY = {
    "FAMILIES": "framing.models.families",
    "model_class": "framing.models.families",
    "FramingModel": "framing.models.base",
    "ModelError": "framing.models.errors",
    "load_model": "framing.models.loading",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'framing.models' has no attribute {name!r}")
    return getattr(importlib.import_module(_LAZY[name]), name)
