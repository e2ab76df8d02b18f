"""Run folders: where a run may be written, how it replaces an earlier one, what it wrote
(``manifest.json``), what it ran on (``compute.json``), and its JSON, JSON Lines and YAML files.

A run is written to a temporary directory and renamed at the end, so an interrupted run leaves no
half-written output. It replaces an earlier run in the same directory only when that directory
holds nothing the earlier run did not write: files a user added there are never deleted without
``overwrite``.
"""

from __future__ import annotations

import fnmatch
import json
import logging
import os
import platform
import shutil
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "MANIFEST",
    "RUN_OUTPUTS",
    "check_output_dir",
    "compute_used",
    "foreign_files",
    "is_run",
    "replace",
    "write_json",
    "write_jsonl",
    "write_manifest",
    "write_yaml",
]

logger = logging.getLogger("framing.training.train")  # the run's log, one name for all its parts

MANIFEST = "manifest.json"
# what a run writes at the top of its directory (runs older than manifest.json are known by these)
RUN_OUTPUTS = ("model", "public_stage", "config.yaml", "metrics.json", "report.md", "train.log",
               "compute.json", "confusion_*.png", "predictions.jsonl", "predictions_*.jsonl",
               MANIFEST)  # fmt: skip
MAX_LISTED = 5  # names shown in an error before "and N more"


def check_output_dir(output_dir: Path, *, overwrite: bool = False) -> Path:
    """The resolved output directory, refused when writing there could destroy other files.

    Raises:
        ValueError: the directory is the current directory, one of its parents, the home or root
            directory, an existing non-empty directory that is not an earlier run, or an earlier
            run holding files it did not write (the last two unless ``overwrite``).
    """
    resolved = output_dir.expanduser().resolve()
    cwd = Path.cwd().resolve()
    if resolved in (Path(resolved.anchor), Path.home().resolve()) or resolved in (
        cwd,
        *cwd.parents,
    ):
        raise ValueError(f"refusing to write a run into {resolved}: choose a new directory")
    if resolved.exists() and not resolved.is_dir():
        raise ValueError(f"{resolved} exists and is not a directory")
    if resolved.is_dir() and any(resolved.iterdir()) and not overwrite:
        if not is_run(resolved):
            raise ValueError(
                f"{resolved} holds files that are not an earlier run of framing.train; choose a "
                "new directory or pass --overwrite"
            )
        foreign = foreign_files(resolved)
        if foreign:
            raise ValueError(
                f"{resolved} is an earlier run, but holds files the run did not write "
                f"({_listed(foreign)}): move them away, choose a new directory, or pass "
                "--overwrite to replace the directory with them"
            )
    return resolved


def is_run(directory: Path) -> bool:
    """An earlier output of this command: a saved model and its resolved config."""
    return (directory / "model" / "framing.json").is_file() and (
        directory / "config.yaml"
    ).is_file()


def write_manifest(directory: Path) -> None:
    """``manifest.json``: every file of the finished run, so that a later run into the same
    directory can tell them from files a user added."""
    files = sorted(p.relative_to(directory).as_posix() for p in _files(directory))
    write_json(directory / MANIFEST, {"written_by": "framing.training.train", "files": files})


def foreign_files(directory: Path) -> list[str]:
    """Files in an earlier run's directory that the run did not write (a user's), as relative
    paths. The run's ``manifest.json`` says what it wrote; for a run older than the manifest,
    whatever is not one of :data:`RUN_OUTPUTS` is foreign."""
    written: set[str] | None = None
    try:
        data = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
        if isinstance(data, dict) and isinstance(data.get("files"), list):
            written = {str(name) for name in data["files"]}
    except (OSError, ValueError):
        written = None
    foreign = []
    for path in _files(directory):
        rel = path.relative_to(directory).as_posix()
        if rel == MANIFEST:
            continue
        if written is not None:
            if rel not in written:
                foreign.append(rel)
        elif not any(fnmatch.fnmatchcase(rel.split("/")[0], name) for name in RUN_OUTPUTS):
            foreign.append(rel)
    return sorted(foreign)


def replace(work: Path, output_dir: Path, *, overwrite: bool = False) -> None:
    """Move the finished run into place; an earlier run there is set aside first and deleted
    only after the new one is in, and only when it holds nothing but what it wrote (files added
    while this run trained are checked again here): otherwise it is kept aside, and logged."""
    old = None
    if output_dir.exists():
        old = output_dir.with_name(f".{output_dir.name}.old-{os.getpid()}")
        os.replace(output_dir, old)
    os.replace(work, output_dir)
    if old is None:
        return
    if overwrite:
        foreign = []
    elif is_run(old):
        foreign = foreign_files(old)
    else:  # not a run at all (run() called directly on a folder of other files)
        foreign = sorted(p.relative_to(old).as_posix() for p in _files(old))
    if foreign:
        logger.warning(
            "the earlier run held files it did not write (%s): it is kept in %s",
            _listed(foreign),
            old,
        )
        return
    shutil.rmtree(old, ignore_errors=True)


def compute_used(seconds: float) -> dict[str, Any]:
    """What the run ran on and how long it took (for the model card)."""
    threads, device = 0, "cpu"
    if "torch" in sys.modules:  # loaded by a family that uses it; importing it here costs seconds
        import torch

        threads = torch.get_num_threads()
        device = "cuda" if torch.cuda.is_available() else "cpu"
    return {
        "seconds": round(seconds, 1),
        "device": device,
        "cpu_count": os.cpu_count(),
        "torch_threads": threads,
        "platform": platform.platform(terse=True),
    }


def write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def write_yaml(path: Path, data: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _files(directory: Path) -> list[Path]:
    """The files under ``directory`` (symbolic links are listed, never followed)."""
    found = []
    for root, dirs, names in os.walk(directory):
        base = Path(root)
        found += [base / name for name in names]
        found += [base / name for name in dirs if (base / name).is_symlink()]
    return found


def _listed(names: Sequence[str]) -> str:
    shown = ", ".join(names[:MAX_LISTED])
    return shown + (f" and {len(names) - MAX_LISTED} more" if len(names) > MAX_LISTED else "")
