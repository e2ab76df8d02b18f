"""The one error of model folders, raised by every check and reader of :mod:`framing.models`."""

from __future__ import annotations

__all__ = ["ModelError"]


class ModelError(ValueError):
    """A model folder is missing, incomplete, from an incompatible version, holds pickles, links
    or other files that leave it, or a file of it is unreadable, truncated, mis-shaped or holds
    non-finite numbers (the message names the file and what is wrong)."""
