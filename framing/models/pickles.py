"""Pickles found by their contents: the pickle protocol's opening bytes, zip and tar archives
holding pickles or arrays of Python objects, protocol 0 and 1 pickles that import code, and files
named like pickles.

Imports nothing of framing.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import os
import pickletools
import struct
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Any

from framing.models.errors import ModelError

__all__ = ["PICKLE_SUFFIXES", "pickle_reason"]

PICKLE_SUFFIXES = frozenset({".pkl", ".pickle", ".bin", ".pt", ".pth", ".joblib", ".ckpt"})
_OLD_PICKLE_CAP = 64 << 20  # bytes of a protocol 0 or 1 pickle parsed before deciding
_CODE_OPCODES = frozenset(
    {"GLOBAL", "STACK_GLOBAL", "INST", "OBJ", "REDUCE", "NEWOBJ", "NEWOBJ_EX"}
)
_ZIP_MEMBERS_READ = 1000  # members of an archive whose opening bytes are read


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


@contextmanager
def _archive_read(path: Path, kind: str) -> Iterator[None]:
    """Reading the ``kind`` (zip, tar) archive at ``path``: any failure is a ModelError naming it
    (BadZipFile, TarError, zlib.error, EOFError, OSError, a malformed ``.npy`` header)."""
    try:
        yield
    except ModelError:
        raise
    except Exception as err:
        raise ModelError(
            f"{path}: a corrupt or truncated {kind} archive ({type(err).__name__}: {err}); it "
            "cannot be read or checked for pickles"
        ) from None


def _zip_reason(path: Path) -> str | None:
    with _archive_read(path, "zip"), zipfile.ZipFile(path) as archive:
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
    return None


def _tar_reason(path: Path) -> str | None:
    import tarfile

    with _archive_read(path, "tar"), tarfile.open(path) as archive:
        for number, info in enumerate(archive):
            if number >= _ZIP_MEMBERS_READ:
                return "a tar archive of too many members to check"
            if PurePosixPath(info.name).suffix.lower() in PICKLE_SUFFIXES:
                return f"a tar archive holding {info.name}"
            member = archive.extractfile(info) if info.isfile() else None
            if member is not None and _pickle_opening(member.read(8)):
                return f"a tar archive holding {info.name}, a pickle"
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
