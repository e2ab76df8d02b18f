"""Model folders: where a model comes from, and the checks made before anything in it is read.

A model folder is closed. Loading and publishing read only regular files inside it: a symbolic
link may point only inside the folder (or, for a folder of the Hugging Face cache, inside that
repository's cache folder, where a snapshot's links point); any other link, and anything that is
not a regular file (a FIFO, a device, a socket), is refused. No path in ``framing.json`` leaves the
folder, but for the encoder of the ``frozen`` family, which resolves in the documented order
(:func:`framing.encoders.resolve_encoder`) and is checked like the folder. Files are checked for
pickles by their contents (the pickle protocol's opening bytes, zip archives holding pickles or
arrays of Python objects, protocol 0 and 1 pickles that import code), not only by their suffix.
A folder without ``framing.json`` is refused before anything in it is listed, and the listing is
bounded. Every file that cannot be read, is truncated, mis-shaped or holds non-finite numbers is
a :class:`ModelError` that names it and says what is wrong.
"""

from __future__ import annotations

import bz2
import collections.abc
import gzip
import inspect
import json
import lzma
import math
import os
import pickletools
import stat
import struct
import types
import typing
import warnings
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

__all__ = [
    "BUNDLED",
    "PICKLE_SUFFIXES",
    "FolderFile",
    "ModelError",
    "check_folder",
    "folder_files",
    "load_checked",
    "pickle_reason",
    "read_json",
    "read_npz",
    "resolve_model",
]

# the model bundled with the package, loaded by framing.load(); rebuilt by `make bundle`
BUNDLED = Path(__file__).resolve().parent / "resources" / "model"
DOWNLOAD_PATTERNS = ["*.json", "*.safetensors", "*.npz", "*.yaml", "*.txt", "*.md"]
PICKLE_SUFFIXES = frozenset({".pkl", ".pickle", ".bin", ".pt", ".pth", ".joblib", ".ckpt"})
MODEL_FILE = "framing.json"  # also framing.models.base.MODEL_FILE (kept here: no numpy import)
MAX_FILES = 1000  # a model folder has a dozen files: more is not a model folder
MAX_DEPTH = 4  # folders inside folders (a Hub encoder has 1_Pooling/, onnx/, ...)
SHOWN = 5  # names shown in a message before "and N more"
_OLD_PICKLE_CAP = 64 << 20  # bytes of a protocol 0 or 1 pickle parsed before deciding
_CODE_OPCODES = frozenset(
    {"GLOBAL", "STACK_GLOBAL", "INST", "OBJ", "REDUCE", "NEWOBJ", "NEWOBJ_EX"}
)
_ZIP_MEMBERS_READ = 1000  # members of an archive whose opening bytes are read


class ModelError(ValueError):
    """A model folder is missing, incomplete, from an incompatible version, holds pickles, links
    or other files that leave it, or a file of it is unreadable, truncated, mis-shaped or holds
    non-finite numbers (the message names the file and what is wrong)."""


def few(names: Iterable[str]) -> str:
    """At most :data:`SHOWN` names, then how many more."""
    names = list(names)
    shown = ", ".join(names[:SHOWN])
    return shown + (f" and {len(names) - SHOWN} more" if len(names) > SHOWN else "")


# -- listing --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class FolderFile:
    """A regular file of a checked folder."""

    name: str  # path relative to the folder, with "/"
    path: Path  # the path inside the folder (a link, in a Hub snapshot)
    real: Path  # where it is, links resolved: inside the folder or its Hub repository folder
    size: int


def hub_cache_root(directory: Path) -> Path | None:
    """The repository folder (``models--user--name``) of a Hugging Face cache snapshot folder
    (``.../models--user--name/snapshots/<revision>``), where the snapshot's links point; None
    for any other folder."""
    snapshots = directory.parent
    repo = snapshots.parent
    if (
        snapshots.name == "snapshots"
        and repo.name.startswith("models--")
        and (repo / "blobs").is_dir()
    ):
        return repo
    return None


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISDIR, "a folder")):  # fmt: skip
        if test(mode):
            return name
    return "not a regular file"


class _Refused(Exception):
    """A check failed (the message says why); raised as the caller's error class."""


def _an(what: str) -> str:
    return ("an " if what[:1] in "aeiou" else "a ") + what


def folder_files(
    directory: Path, *, error: type[Exception] = ModelError, what: str = "model folder"
) -> list[FolderFile]:
    """The regular files of ``directory``, at most :data:`MAX_FILES` and :data:`MAX_DEPTH`
    folders deep, each checked: a link must resolve inside the folder (or inside the Hub
    repository folder of a cache snapshot), to a regular file. A ``.git`` folder (a clone of a
    Hub repository) is skipped: nothing is loaded or published from it.

    Raises:
        error: a link that leaves the folder, a broken link, a link to a folder, a FIFO, device
            or socket, too many files or folders too deep (the message names the entry).
    """
    directory = Path(directory)
    try:
        return _walk(directory, what)
    except _Refused as err:
        raise error(str(err)) from None


def _walk(directory: Path, what: str) -> list[FolderFile]:
    try:
        top = directory.resolve(strict=True)
    except (OSError, RuntimeError) as err:
        raise _Refused(f"{directory}: cannot read the {what} ({err})") from None
    roots = [top]
    hub = hub_cache_root(directory.absolute())
    if hub is not None:
        roots.append(hub.resolve())
    files: list[FolderFile] = []
    pending = [(top, "", 0)]
    while pending:
        folder, prefix, depth = pending.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as err:
            raise _Refused(f"{directory / prefix}: cannot list the {what} ({err})") from None
        for entry in entries:
            name = prefix + entry.name
            path = directory / name
            if entry.name == ".git" and entry.is_dir(follow_symlinks=False):
                continue  # a git clone's history: nothing loads or publishes from it
            try:
                if entry.is_symlink():
                    real = _link_target(entry.path, path, roots, what)
                    info = os.stat(real)
                    if stat.S_ISDIR(info.st_mode):
                        raise _Refused(
                            f"{path}: a symbolic link to a folder: {_an(what)} holds regular "
                            "files and folders only"
                        )
                else:
                    real = Path(entry.path)
                    info = entry.stat(follow_symlinks=False)
            except OSError as err:
                raise _Refused(f"{path}: cannot read it ({err})") from None
            if stat.S_ISDIR(info.st_mode):
                if depth >= MAX_DEPTH:
                    raise _Refused(
                        f"{path}: folders nested more than {MAX_DEPTH} deep: not {_an(what)}"
                    )
                pending.append((real, name + "/", depth + 1))
                continue
            if not stat.S_ISREG(info.st_mode):
                raise _Refused(f"{path}: {_kind(info.st_mode)}, not a regular file: refused")
            files.append(FolderFile(name, path, real, info.st_size))
            if len(files) > MAX_FILES:
                raise _Refused(f"{directory}: more than {MAX_FILES} files: not {_an(what)}")
    return sorted(files, key=lambda f: f.name)


def _link_target(link: str, path: Path, roots: list[Path], what: str) -> Path:
    """Where a link inside a checked folder points, which must be inside one of ``roots``."""
    try:
        real = Path(os.path.realpath(link, strict=True))
    except (OSError, RuntimeError):
        raise _Refused(f"{path}: a broken symbolic link in the {what}") from None
    if not any(real == r or real.is_relative_to(r) for r in roots):
        raise _Refused(
            f"{path}: a symbolic link to {real}, outside the {what}: {_an(what)} holds its own "
            "files only"
        )
    return real


# -- pickles --------------------------------------------------------------------------------------
def _pickle_opening(head: bytes) -> str | None:
    if len(head) >= 2 and head[0] == 0x80 and 2 <= head[1] <= 5:
        return f"starts like a pickle of protocol {head[1]}"
    return None


def _old_pickle(handle: Any) -> bool:
    """A protocol 0 or 1 pickle that imports code: ``pickletools.genops`` parses it (never runs
    it) to STOP through a code-importing opcode. Text stops parsing at once."""
    code = False
    try:
        for opcode, _, position in pickletools.genops(handle):
            if opcode.name in _CODE_OPCODES:
                code = True
            if opcode.name == "STOP":
                return code
            if position is not None and position > _OLD_PICKLE_CAP:
                return code  # a long run of valid opcodes with an import: a pickle, not text
    except Exception:  # not a pickle: genops stops at the first byte that is no opcode
        return False
    return False


def _npy_objects(handle: Any) -> bool:
    """Whether an ``.npy`` stream holds Python objects (stored pickled)."""
    import numpy as np

    version = np.lib.format.read_magic(handle)
    if version == (1, 0):
        dtype = np.lib.format.read_array_header_1_0(handle)[2]
    elif version == (2, 0):
        dtype = np.lib.format.read_array_header_2_0(handle)[2]
    else:
        dtype = np.lib.format._read_array_header(handle, version)[2]
    return bool(dtype.hasobject)


def _zip_reason(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            for info in infos:
                member = PurePosixPath(info.filename)
                if member.suffix.lower() in PICKLE_SUFFIXES:
                    return f"a zip archive holding {info.filename}"
            for info in infos[:_ZIP_MEMBERS_READ]:
                if info.is_dir():
                    continue
                with archive.open(info) as member:
                    head = member.read(8)
                    if _pickle_opening(head):
                        return f"a zip archive holding {info.filename}, a pickle"
                    if head.startswith(b"\x93NUMPY"):
                        with archive.open(info) as again:
                            if _npy_objects(again):
                                return (
                                    f"a zip archive holding {info.filename}, an array of Python "
                                    "objects, stored pickled"
                                )
            if len(infos) > _ZIP_MEMBERS_READ:
                return f"a zip archive of {len(infos)} members, too many to check"
    except ModelError:
        raise
    except Exception as err:  # BadZipFile, zlib.error, EOFError, a malformed .npy header
        raise ModelError(
            f"{path}: a corrupt or truncated zip archive ({type(err).__name__}: {err}); it cannot "
            "be read or checked for pickles"
        ) from None
    return None


def _tar_reason(path: Path) -> str | None:
    import tarfile

    try:
        with tarfile.open(path) as archive:
            for number, info in enumerate(archive):
                if number >= _ZIP_MEMBERS_READ:
                    return "a tar archive of too many members to check"
                if PurePosixPath(info.name).suffix.lower() in PICKLE_SUFFIXES:
                    return f"a tar archive holding {info.name}"
                member = archive.extractfile(info) if info.isfile() else None
                if member is not None and _pickle_opening(member.read(8)):
                    return f"a tar archive holding {info.name}, a pickle"
    except Exception as err:  # tarfile.TarError, EOFError, OSError
        raise ModelError(
            f"{path}: a corrupt or truncated tar archive ({type(err).__name__}: {err}); it cannot "
            "be read or checked for pickles"
        ) from None
    return None


def pickle_reason(path: Path) -> str | None:
    """Why the file at ``path`` is (or holds) a pickle, read from its contents; None if it is
    not one. Checked: the opening bytes of pickle protocols 2 to 5; zip archives (torch's format,
    npz) and tar archives (torch's legacy format) holding ``*.pkl`` members, members that start
    like a pickle, or (zip) arrays of Python objects; gzip, bz2 and xz files whose contents start
    like a pickle; ``.npy`` files of Python objects; protocol 0 and 1 pickles that import code.

    Raises:
        ModelError: a zip or tar archive too corrupt to be checked.
    """
    with open(path, "rb") as handle:
        head = handle.read(512)
        reason = _pickle_opening(head)
        if reason:
            return reason
        zipped = head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08"))
        if zipped or (len(head) >= 4 and zipfile.is_zipfile(handle)):
            return _zip_reason(path)
        if head[257:262] == b"ustar":  # a tar archive: torch's legacy format is pickles in one
            return _tar_reason(path)
        for magic, opener in ((b"\x1f\x8b", gzip.open), (b"BZh", bz2.open),
                              (b"\xfd7zXZ\x00", lzma.open)):  # fmt: skip
            if head.startswith(magic):
                try:
                    with opener(path, "rb") as inner:
                        opening = inner.read(8)
                except Exception:  # not really compressed: a text that starts alike
                    opening = b""
                if _pickle_opening(opening):
                    return f"compressed, and {_pickle_opening(opening)}"
                return None
        if head.startswith(b"\x93NUMPY"):
            handle.seek(0)
            try:
                objects = _npy_objects(handle)
            except Exception:
                objects = False
            return "an array of Python objects, stored pickled" if objects else None
        if _safetensors_like(head, path):
            return None
        handle.seek(0)
        if _old_pickle(handle):
            return "a protocol 0 or 1 pickle that imports code"
    return None


def _safetensors_like(head: bytes, path: Path) -> bool:
    if len(head) < 9:
        return False
    (size,) = struct.unpack("<Q", head[:8])
    return head[8:9] == b"{" and size <= os.path.getsize(path)


def check_folder(
    directory: Path, *, error: type[Exception] = ModelError, what: str = "model folder"
) -> list[FolderFile]:
    """:func:`folder_files`, then no file may be a pickle, by name or by contents.

    Raises:
        error: as :func:`folder_files`, or pickles (named, with why).
    """
    files = folder_files(directory, error=error, what=what)
    found = []
    for file in files:
        try:
            reason = pickle_reason(file.real)
        except ModelError as err:
            raise error(str(err)) from None
        except OSError as err:
            raise error(f"{file.path}: cannot read it ({err})") from None
        if reason is None and Path(file.name).suffix.lower() in PICKLE_SUFFIXES:
            reason = "a pickle file name"
        if reason is not None:
            found.append(f"{file.name} ({reason})")
    if found:
        raise error(
            f"{directory}: refusing {_an(what)} with pickle files ({few(found)}): loading them "
            "could run arbitrary code"
        )
    return files


# -- reading files --------------------------------------------------------------------------------
class _NotFinite(ValueError):
    pass


def read_json(path: Path, kind: type | tuple[type, ...] = dict, *, finite: bool = True) -> Any:
    """The JSON value of ``path``, of the given kind (a JSON object by default).

    Raises:
        ModelError: missing, unreadable, not UTF-8, not valid JSON (truncated or corrupt), not
            that kind, or (with ``finite``) holding NaN or infinity.
    """

    def constant(name: str) -> Any:
        raise _NotFinite(name)

    try:
        text = Path(path).read_text(encoding="utf-8")
        value = json.loads(text, parse_constant=constant) if finite else json.loads(text)
    except FileNotFoundError:
        raise ModelError(f"{path}: missing") from None
    except UnicodeDecodeError as err:
        raise ModelError(f"{path}: not UTF-8 text ({err})") from None
    except json.JSONDecodeError as err:
        raise ModelError(f"{path}: not valid JSON, truncated or corrupt ({err})") from None
    except _NotFinite as err:
        raise ModelError(f"{path}: holds {err}, not a finite number") from None
    except (OSError, ValueError) as err:
        raise ModelError(f"{path}: cannot read it ({err})") from None
    if not isinstance(value, kind):
        names = kind if isinstance(kind, tuple) else (kind,)
        expected = " or ".join(_JSON_NAMES.get(k, k.__name__) for k in names)
        raise ModelError(f"{path}: expected {expected}, got {_json_name(value)}")
    return value


_JSON_NAMES = {dict: "a JSON object", list: "a JSON list", str: "a string"}


def _json_name(value: Any) -> str:
    if value is None:
        return "null"
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}.get(
        type(value), "a number"
    )


def read_npz(path: Path) -> dict[str, Any]:
    """The arrays of an npz file, read without pickle; numeric arrays must be finite.

    Raises:
        ModelError: missing, not an npz archive (empty, truncated, another format), a corrupt
            member, arrays of Python objects, or NaN or infinite numbers (the array named).
    """
    import numpy as np

    path = Path(path)
    try:
        if not zipfile.is_zipfile(path):
            size = path.stat().st_size
            what = "empty" if size == 0 else "truncated, or not an npz archive"
            raise ModelError(f"{path}: not a readable npz file ({what}, {size} bytes)")
        arrays: dict[str, Any] = {}
        with np.load(path, allow_pickle=False) as data:
            for key in data.files:
                try:
                    arrays[key] = data[key]
                except ValueError as err:
                    if "pickle" in str(err).lower() or "object" in str(err).lower():
                        raise ModelError(
                            f"{path}: array {key!r} holds Python objects (stored pickled): refused"
                        ) from None
                    raise ModelError(f"{path}: array {key!r} cannot be read ({err})") from None
    except ModelError:
        raise
    except FileNotFoundError:
        raise ModelError(f"{path}: missing") from None
    except Exception as err:  # BadZipFile, zlib.error, EOFError, OSError, malformed headers
        raise ModelError(
            f"{path}: a corrupt or truncated npz file ({type(err).__name__}: {err})"
        ) from None
    for key, array in arrays.items():
        if array.dtype.kind in "fc" and not np.isfinite(array).all():
            raise ModelError(f"{path}: array {key!r} holds non-finite numbers (NaN or infinity)")
    return arrays


_SAFETENSORS_SIZES = {"BOOL": 1, "U8": 1, "I8": 1, "F8_E5M2": 1, "F8_E4M3": 1, "I16": 2,
                      "U16": 2, "F16": 2, "BF16": 2, "I32": 4, "U32": 4, "F32": 4, "F64": 8,
                      "I64": 8, "U64": 8}  # fmt: skip


def safetensors_header(path: Path) -> dict[str, Any]:
    """The tensors a safetensors file declares ({name: {"dtype", "shape", "data_offsets"}}),
    checked against the file's size (so that a truncated file is named before it is read).

    Raises:
        ModelError: missing, too short, a malformed header, or tensors beyond the end of the file.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            start = handle.read(8)
            if len(start) < 8:
                raise ModelError(f"{path}: not a safetensors file (truncated: {size} bytes)")
            (length,) = struct.unpack("<Q", start)
            if length > min(size - 8, 100 << 20):
                raise ModelError(
                    f"{path}: not a safetensors file, or truncated (a header of {length} bytes in "
                    f"a file of {size})"
                )
            header = json.loads(handle.read(length).decode("utf-8"))
    except ModelError:
        raise
    except FileNotFoundError:
        raise ModelError(f"{path}: missing") from None
    except (OSError, ValueError) as err:
        raise ModelError(f"{path}: a malformed safetensors header ({err})") from None
    if not isinstance(header, dict):
        raise ModelError(f"{path}: a malformed safetensors header (not a JSON object)")
    body = size - 8 - length
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        try:
            itemsize = _SAFETENSORS_SIZES[entry["dtype"]]
            start, end = entry["data_offsets"]
            count = math.prod(entry["shape"])
            ok = all(isinstance(n, int) and n >= 0 for n in (*entry["shape"], start, end))
        except (KeyError, TypeError, ValueError):
            raise ModelError(f"{path}: a malformed safetensors entry for {name!r}") from None
        if not ok or end - start != count * itemsize:
            raise ModelError(f"{path}: a malformed safetensors entry for {name!r}")
        if end > body:
            raise ModelError(
                f"{path}: truncated: tensor {name!r} ends at byte {end} of the data, which has "
                f"{body} bytes"
            )
        tensors[name] = entry
    return tensors


def read_safetensors(path: Path) -> dict[str, Any]:
    """A torch state dict from a safetensors file; floating-point tensors must be finite.

    Raises:
        ModelError: missing, truncated, malformed, or NaN or infinite weights (the tensor named).
    """
    import torch
    from safetensors.torch import load_file

    safetensors_header(path)
    try:
        state = load_file(str(path))
    except Exception as err:  # SafetensorError, OSError
        raise ModelError(f"{path}: cannot read the weights ({err})") from None
    for name, tensor in state.items():
        if tensor.is_floating_point() and not bool(torch.isfinite(tensor).all()):
            raise ModelError(f"{path}: tensor {name!r} holds non-finite numbers (NaN or infinity)")
    return state


def checked_file(folder: Path, name: str) -> Path | None:
    """``folder/name`` when it exists: a regular file inside ``folder`` (a link must stay inside,
    or inside the Hub repository folder of a cache snapshot); None when there is no such file.

    Raises:
        ModelError: a link leaving the folder, a broken link, or not a regular file.
    """
    folder = Path(folder)
    path = folder / name
    if not os.path.lexists(path):
        return None
    try:
        roots = [folder.resolve(strict=True)]
        hub = hub_cache_root(folder.absolute())
        roots += [hub.resolve()] if hub is not None else []
        real = _link_target(str(path), path, roots, f"folder {folder}")
        info = os.stat(real)
    except _Refused as err:
        raise ModelError(str(err)) from None
    except (OSError, RuntimeError) as err:
        raise ModelError(f"{path}: cannot read it ({err})") from None
    if not stat.S_ISREG(info.st_mode):
        raise ModelError(f"{path}: {_kind(info.st_mode)}, not a regular file: refused")
    return path


# -- parameters -----------------------------------------------------------------------------------
def _ngrams(value: Any) -> bool:
    return len(value) == 2 and 1 <= value[0] <= value[1]


# name -> (test, what the value must be): ranges that no family's parameter may leave (types are
# checked against the constructor's annotations first); the same bounds as the training config
PARAM_RULES: dict[str, tuple[Callable[[Any], bool], str]] = {
    "word_ngrams": (_ngrams, "[low, high] with 1 <= low <= high"),
    "char_ngrams": (_ngrams, "[low, high] with 1 <= low <= high"),
    "min_df": (lambda v: v >= 1, ">= 1"),
    "max_features": (lambda v: v >= 1, ">= 1"),
    "C": (lambda v: v > 0, "> 0"),
    "calibration_folds": (lambda v: v == 0 or v >= 2, "0 (no calibration) or at least 2"),
    "seed": (lambda v: 0 <= v < 2**32, "between 0 and 2**32 - 1"),
    "encoder": (lambda v: bool(v.strip()), "a folder or Hub id"),
    "max_length": (lambda v: 1 <= v <= 1_000_000, "between 1 and 1000000"),
    "batch_size": (lambda v: v >= 1, ">= 1"),
    "epochs": (lambda v: v > 0, "> 0"),
    "learning_rate": (lambda v: v > 0, "> 0"),
    "weight_decay": (lambda v: v >= 0, ">= 0"),
    "warmup_ratio": (lambda v: 0 <= v < 1, ">= 0 and below 1"),
    "class_weight": (lambda v: v in ("stance", "all"), "'stance' or 'all'"),
    "encoder_layers": (lambda v: v is None or v >= 1, "a positive integer or null"),
    "window_words": (lambda v: v >= 0, ">= 0"),
}


def _matches(value: Any, hint: Any) -> bool:
    """Whether a JSON value fits a constructor annotation."""
    if hint is Any:
        return True
    if hint is type(None) or hint is None:
        return value is None
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is typing.Union or (hasattr(types, "UnionType") and origin is types.UnionType):
        return any(_matches(value, a) for a in args)
    if hint is bool:
        return isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is float:
        return (
            isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
        )
    if hint is str:
        return isinstance(value, str)
    sequence = (list, tuple, collections.abc.Sequence)
    if hint in sequence or origin in sequence:
        if not isinstance(value, list):
            return False
        item = args[0] if args else Any  # Sequence[X], list[X], tuple[X, ...]
        return all(_matches(v, item) for v in value)
    if hint in (dict, collections.abc.Mapping) or origin in (dict, collections.abc.Mapping):
        if not isinstance(value, dict):
            return False
        key, item = args if len(args) == 2 else (Any, Any)
        return all(_matches(k, key) and _matches(v, item) for k, v in value.items())
    return True  # an annotation this check does not know: the constructor decides


def _describe(hint: Any) -> str:
    text = str(hint).replace("typing.", "").replace("collections.abc.", "")
    return text.replace("<class '", "").replace("'>", "").replace("NoneType", "null")


def check_params(cls: type, params: Any, meta_file: Path) -> dict[str, Any]:
    """The ``params`` of ``framing.json``, checked against the family's constructor: a JSON
    object of known parameters, each of its annotated type and in range.

    Raises:
        ModelError: ``params`` is not an object, an unknown parameter, a wrong type or a value out
            of range (the key named).
    """
    if not isinstance(params, dict):
        raise ModelError(f"{meta_file}: 'params' must be a JSON object, got {_json_name(params)}")
    init = cls.__init__
    names = [
        p.name
        for p in list(inspect.signature(init).parameters.values())[1:]
        if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    ]
    unknown = sorted(set(params) - set(names))
    if unknown:
        raise ModelError(
            f"{meta_file}: unknown parameter(s) {', '.join(map(repr, unknown))} for the "
            f"{cls.family} family (known: {', '.join(names) or 'none'})"
        )
    try:
        hints = typing.get_type_hints(init)
    except Exception:  # annotations this Python cannot evaluate: types are left to the rules
        hints = {}
    for name, value in params.items():
        hint = hints.get(name, Any)
        if not _matches(value, hint):
            raise ModelError(
                f"{meta_file}: parameter {name!r} of the {cls.family} family must be "
                f"{_describe(hint)}, got {json.dumps(value)}"
            )
        rule = PARAM_RULES.get(name)
        ok = True
        if rule is not None:
            try:
                ok = bool(rule[0](value))
            except (TypeError, ValueError):
                ok = False
        if not ok:
            raise ModelError(
                f"{meta_file}: parameter {name!r} must be {rule[1]}, got {json.dumps(value)}"
            )
    return params


# -- resolving and loading ------------------------------------------------------------------------
def resolve_model(
    path_or_id: str | Path | None, *, revision: str | None = None
) -> tuple[Path, str]:
    """The local model folder for a path, a training run, a Hub id, or None or "bundled" (the
    bundled one), and where it came from. A local folder must hold ``framing.json`` (or
    ``model/framing.json``, a training run): nothing else in it is looked at before that.

    Raises:
        ModelError: no such folder, not a model folder, or a Hub id that cannot be fetched.
    """
    if path_or_id is None or (str(path_or_id) == "bundled" and not Path("bundled").exists()):
        if not (BUNDLED / MODEL_FILE).is_file():
            raise ModelError(f"the bundled model is missing from the package ({BUNDLED})")
        return BUNDLED, "bundled"
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
    directory = _download(str(path_or_id), revision)
    _need_model_file(directory)
    return directory, f"hub:{path_or_id}"


def _need_model_file(directory: Path) -> None:
    if not os.path.lexists(Path(directory) / MODEL_FILE):
        raise ModelError(f"{directory}: not a model folder ({MODEL_FILE} is missing)")


def _download(repo_id: str, revision: str | None) -> Path:
    from huggingface_hub import snapshot_download

    try:
        # only the kinds of file a framing model has: never fetch pickles at all
        return Path(snapshot_download(repo_id, revision=revision, allow_patterns=DOWNLOAD_PATTERNS))
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
    from .models import model_class
    from .models.base import FORMAT_VERSION

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
    return meta, cls


def load_checked(directory: Path, expect: type | None = None) -> Any:
    """Load a model folder after checking it: ``framing.json`` first, then every file (regular,
    inside the folder, no pickle by name or contents), a known format version, family, labels and
    parameters, every file the family needs, then the family's own checks of its files.

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
    return model


def read_text(path: Path) -> str:
    """A UTF-8 text file of a model folder.

    Raises:
        ModelError: unreadable or not UTF-8.
    """
    try:
        return Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise ModelError(f"{path}: not UTF-8 text ({err})") from None
    except OSError as err:
        raise ModelError(f"{path}: cannot read it ({err})") from None
