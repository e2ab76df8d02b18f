"""Where files that live at the top of the repository are found, in a checkout and installed.

``configs/`` and ``training/data/`` are the single source of the actor lexicon and the annotated
set. A wheel carries them as ``framing/configs`` and ``framing/annotated`` (see the
``package-dir`` table in pyproject.toml); a checkout (also an editable install) reads them in
place.
"""

from __future__ import annotations

from pathlib import Path

_REPO = Path(__file__).resolve().parents[1]
_INSTALLED = {"configs": "configs", "training/data": "annotated"}


def packaged_file(folder: str, name: str) -> Path:
    """Path of ``folder/name`` (``folder`` relative to the repository root).

    Raises:
        FileNotFoundError: neither the checkout nor the installed package has it.
    """
    candidates = [_REPO / folder / name]
    if folder in _INSTALLED:
        candidates.append(Path(__file__).resolve().parent / _INSTALLED[folder] / name)
    for path in candidates:
        if path.is_file():
            return path
    tried = ", ".join(str(p) for p in candidates)
    raise FileNotFoundError(f"{folder}/{name} is not in this checkout or installation ({tried})")
