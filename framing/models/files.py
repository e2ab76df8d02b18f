"""Reading the files of a model folder: JSON, npz and safetensors, never a pickle; each unreadable,
truncated, mis-shaped or non-finite file is a :class:`~framing.models.folder.ModelError` that
names it.
"""

from __future__ import annotations

import json
import math
import struct
import zipfile
from pathlib import Path
from typing import Any

from framing.models.errors import ModelError

__all__ = ["read_json", "read_npz", "read_safetensors", "read_text", "safetensors_header"]


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
        raise ModelError(f"{path}: expected {expected}, got {json_kind(value)}")
    return value


_JSON_NAMES = {dict: "a JSON object", list: "a JSON list", str: "a string"}


def json_kind(value: Any) -> str:
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
