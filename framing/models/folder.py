"""Model folders are closed: the listing and the checks made before anything in one is read.

A model folder is closed. Loading and publishing read only regular files inside it: a symbolic
link may point only inside the folder (or, for a folder of the Hugging Face cache, inside that
repository's cache folder, where a snapshot's links point); any other link, and anything that is
not a regular file (a FIFO, a device, a socket), is refused. No path in ``framing.json`` leaves the
folder, but for the encoder of the ``frozen`` family, which resolves in the documented order
(:func:`framing.models.encoders.resolve_encoder`) and is checked like the folder. Files are
checked for pickles by their contents (:mod:`framing.models.pickles`), not only by their suffix.
The listing is bounded.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from framing.models.errors import ModelError
from framing.models.pickles import PICKLE_SUFFIXES, pickle_reason

__all__ = ["FolderFile", "check_folder", "checked_file", "few", "folder_files"]

MODEL_FILE = "framing.json"  # what makes a folder a model folder
MAX_FILES = 1000  # a model folder has a dozen files: more is not a model folder
MAX_DEPTH = 4  # folders inside folders (a Hub encoder has 1_Pooling/, onnx/, ...)
SHOWN = 5  # names shown in a message before "and N more"


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
