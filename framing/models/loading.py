"""Where a model comes from (a folder, a training run, a Hub id, the bundled model) and loading
it after every check: ``framing.json`` first, then the folder, the format version, the family, its
labels, parameters and files.
"""

from __future__ import annotations

import json
import os
import warnings
from pathlib import Path
from typing import Any

from framing.models.errors import ModelError
from framing.models.families import model_class
from framing.models.files import read_json
from framing.models.folder import MODEL_FILE, check_folder
from framing.models.params import check_params
from framing.models.speaker import SPEAKER_FILE, read_speaker

__all__ = [
    "BUNDLED",
    "BUNDLED_NAMES",
    "DOWNLOAD_PATTERNS",
    "load_checked",
    "load_model",
    "read_meta",
    "resolve_model",
]

# the model bundled with the package, loaded by framing.load(); rebuilt by `make bundle`
BUNDLED = Path(__file__).resolve().parents[1] / "resources" / "model"
# the bundled models by name: framing.load(name) (a local folder of that name comes first)
BUNDLED_NAMES = {"bundled": BUNDLED, "tfidf": BUNDLED.parent / "tfidf"}
DOWNLOAD_PATTERNS = ["*.json", "*.safetensors", "*.npz", "*.onnx", "*.yaml", "*.txt", "*.md"]
FORMAT_VERSION = 1


def resolve_model(
    path_or_id: str | Path | None, *, revision: str | None = None, **hub: Any
) -> tuple[Path, str]:
    """The local model folder for a path, a training run, a Hub id or a bundled model's name,
    and where it came from. The names (used when no local folder has that name):

    - None or ``"bundled"``: the default model bundled with the package
      (``framing/resources/model``);
    - ``"tfidf"``: the bundled tfidf model (``framing/resources/tfidf``), where the package has
      one.

    A local folder must hold ``framing.json`` (or ``model/framing.json``, a training run):
    nothing else in it is looked at before that. ``hub``: ``token``, ``cache_dir``,
    ``force_download`` or ``local_files_only`` for the Hub download
    (``huggingface_hub.snapshot_download``).

    Raises:
        ModelError: no such folder, not a model folder, a bundled model missing from the package,
            or a Hub id that cannot be fetched.
    """
    name = "bundled" if path_or_id is None else str(path_or_id)
    if name in BUNDLED_NAMES and (path_or_id is None or not Path(name).exists()):
        folder = BUNDLED_NAMES[name]
        if not (folder / MODEL_FILE).is_file():
            what = "model" if name == "bundled" else f"{name} model"
            raise ModelError(f"the bundled {what} is missing from the package ({folder})")
        return folder, name
    path = Path(path_or_id).expanduser()
    # a path, not a Hub id: it exists, starts like a path, or its first folder exists here
    local = path.exists() or str(path_or_id).startswith((".", "/", "~"))
    if local or (len(path.parts) > 1 and Path(path.parts[0]).is_dir()):
        if not path.is_dir():
            raise ModelError(f"{path}: no such model folder")
        if not os.path.lexists(path / MODEL_FILE) and os.path.lexists(path / "model" / MODEL_FILE):
            path = path / "model"  # a training run
        _need_model_file(path)
        return path, str(path)
    directory = _download(str(path_or_id), revision, **hub)
    _need_model_file(directory)
    return directory, f"hub:{path_or_id}"


def _need_model_file(directory: Path) -> None:
    if not os.path.lexists(Path(directory) / MODEL_FILE):
        raise ModelError(f"{directory}: not a model folder ({MODEL_FILE} is missing)")


HUB_OPTIONS = frozenset({"token", "cache_dir", "force_download", "local_files_only"})


def _download(repo_id: str, revision: str | None, **hub: Any) -> Path:
    from huggingface_hub import snapshot_download

    unknown = sorted(set(hub) - HUB_OPTIONS)
    if unknown:  # never ignore an option silently
        raise TypeError(
            f"unknown Hub option {unknown[0]!r}; known: {', '.join(sorted(HUB_OPTIONS))}"
        )
    try:
        # only the kinds of file a framing model has: never fetch pickles at all
        path = snapshot_download(
            repo_id, revision=revision, allow_patterns=DOWNLOAD_PATTERNS, **hub
        )
        return Path(path)
    except Exception as err:  # the Hub client raises many kinds; name the repository either way
        raise ModelError(
            f"no local folder {repo_id!r}, and could not get the model {repo_id!r} from the Hub "
            f"(or its local cache): {err}"
        ) from err


def read_meta(directory: Path) -> tuple[dict[str, Any], type]:
    """``framing.json`` of a checked folder and the family's class, checked: a JSON object of
    this format version, a known family, its labels and its parameters.

    Raises:
        ModelError: what is wrong, naming ``framing.json``.
    """
    meta_file = Path(directory) / MODEL_FILE
    meta = read_json(meta_file)
    version = meta.get("format_version")
    if version != FORMAT_VERSION or isinstance(version, bool):
        raise ModelError(
            f"{meta_file}: format_version {version!r}, this framing reads {FORMAT_VERSION}: "
            "load it with the framing version that saved it, or retrain"
        )
    family = meta.get("family", "")
    if not isinstance(family, str):
        raise ModelError(f"{meta_file}: 'family' must be a string, got {json.dumps(family)}")
    try:
        cls = model_class(family)
    except ValueError as err:
        raise ModelError(f"{meta_file}: {err}") from None
    labels = meta.get("labels")
    expected = {"mode": list(cls.modes), "stance": list(cls.stance_labels)}
    if labels != expected:
        raise ModelError(
            f"{meta_file}: 'labels' is {json.dumps(labels)}; this framing's {family} family "
            f"predicts {json.dumps(expected)}"
        )
    meta["params"] = check_params(cls, meta.get("params", {}), meta_file)
    meta["preprocessing"] = check_preprocessing(meta.get("preprocessing"), meta_file)
    return meta, cls


def check_preprocessing(value: Any, meta_file: Path) -> dict[str, Any] | None:
    """``framing.json``'s ``preprocessing``: absent (a model saved before it was recorded), or
    ``{"segmenter": name, "cleaning": mapping or null}``.

    Raises:
        ModelError: another shape, naming the key.
    """
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) != {"segmenter", "cleaning"}:
        raise ModelError(
            f"{meta_file}: 'preprocessing' must be an object with 'segmenter' and 'cleaning', "
            f"got {json.dumps(value)[:200]}"
        )
    if not isinstance(value["segmenter"], str) or not value["segmenter"]:
        raise ModelError(f"{meta_file}: 'preprocessing.segmenter' must be a segmenter name")
    if value["cleaning"] is not None and not isinstance(value["cleaning"], dict):
        raise ModelError(f"{meta_file}: 'preprocessing.cleaning' must be an object or null")
    return value


def load_checked(directory: Path, expect: type | None = None) -> Any:
    """Load a model folder after checking it: ``framing.json`` first, then every file (regular,
    inside the folder, no pickle by name or contents), a known format version, family, labels and
    parameters, every file the family needs, then the family's own checks of its files and the
    speaker component's (``speaker.npz`` with the ``speaker`` section of ``framing.json``, or
    neither).

    Args:
        directory: the model folder.
        expect: the class the model must be (``FramingModel.from_pretrained`` of a family).

    Raises:
        ModelError: what is wrong, naming the folder or the file.
    """
    directory = Path(directory)
    _need_model_file(directory)
    files = {f.name for f in check_folder(directory)}
    if MODEL_FILE not in files:
        raise ModelError(f"{directory / MODEL_FILE}: not a regular file")
    meta, cls = read_meta(directory)
    if expect is not None and cls is not expect:
        raise ModelError(
            f"{directory}: a {meta['family']!r} model, not {getattr(expect, 'family', expect)!r}"
        )
    missing = [name for name in getattr(cls, "files", ()) if name not in files]
    if missing:
        raise ModelError(f"{directory}: incomplete model folder, missing {', '.join(missing)}")
    meta_file = directory / MODEL_FILE
    try:
        model = cls(**meta["params"])
    except (TypeError, ValueError) as err:
        raise ModelError(f"{meta_file}: {err}") from None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        try:
            model._load(directory)
        except ModelError:
            raise
        except Exception as err:  # a family's reader met something its checks did not foresee
            raise ModelError(
                f"{directory}: cannot load the {meta['family']} model ({type(err).__name__}: {err})"
            ) from err
    model.preprocessing = meta["preprocessing"]
    # the speaker component (framing.models.speaker): absent from folders saved before it
    model.speaker = read_speaker(directory, meta.get("speaker"), SPEAKER_FILE in files)
    return model


def load_model(directory: str | Path) -> Any:
    """Load any saved model: its ``framing.json`` says the family. The folder gets every check
    of :func:`framing.load` (:func:`load_checked`).

    Raises:
        framing.ModelError: what is wrong with the folder, naming the file.
    """
    return load_checked(Path(directory))
