"""The checks of a training config that read more than its values: whether the encoder of a
family with one can be found and fits its settings (:func:`check_encoder`).
:meth:`framing.training.config.TrainConfig.validate` calls them; each raises
:class:`~framing.training.typed.ConfigError` naming the key.
"""

from __future__ import annotations

from pathlib import Path

from framing.training.sections import ModelConfig
from framing.training.typed import ConfigError

__all__ = ["check_encoder"]


def check_encoder(model: ModelConfig, source: str) -> None:
    """A family with an ``encoder`` gets one that can be found, and whose ``config.json``
    fits its settings: ``max_length`` within the position embeddings, ``encoder_layers`` at
    most the layers. The file is read as JSON, so that checking a config loads no torch."""
    from framing.models.encoders import resolve_encoder
    from framing.models.errors import ModelError
    from framing.models.files import read_json

    family = model.family
    settings = getattr(model, family)
    if not hasattr(settings, "encoder"):
        return
    key = f"model.{family}"
    try:
        path = resolve_encoder(settings.encoder)
    except OSError as err:
        raise ConfigError(f"{source}: '{key}.encoder': {err}") from None
    if not Path(path).is_dir():  # a Hub id is read, and checked, when training starts
        return
    try:
        encoder = read_json(Path(path) / "config.json")
    except ModelError as err:
        raise ConfigError(
            f"{source}: '{key}.encoder': cannot read the encoder's config.json ({err})"
        ) from None
    positions = encoder.get("max_position_embeddings")
    length = getattr(settings, "max_length", None)
    if isinstance(positions, int) and length is not None and length > positions:
        raise ConfigError(
            f"{source}: '{key}.max_length' is {length}, but the encoder reads at most "
            f"{positions} tokens"
        )
    total = encoder.get("num_hidden_layers")
    layers = getattr(settings, "encoder_layers", None)
    if isinstance(total, int) and layers is not None and layers > total:
        raise ConfigError(
            f"{source}: '{key}.encoder_layers' is {layers}, but the encoder has {total} layers"
        )
