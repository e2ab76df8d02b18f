"""Where ``python -m framing analyze`` may write: an ``--output`` that would overwrite an input is
refused before anything is read or written.

Refused: the output is an input, a hard or symbolic link to one, or lies inside an input folder;
for html (the output is a folder), also when an input is one of its pages (``index.html``,
``a-txt.html``, ...: any name of the pages' shape). A missing folder to write into is refused
too, naming it.
"""

from __future__ import annotations

import os
from pathlib import Path

from framing.inference.report import HTML_PAGE

__all__ = ["output_problem"]


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a loop of symbolic links
        return path.absolute()


def _identity(path: Path) -> tuple[int, int] | None:
    """The (device, inode) of what ``path`` names, links followed; None when it is not there."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def output_problem(output: str, fmt: str, paths: list[str]) -> str | None:
    """Why ``--output`` cannot be used with these inputs (a message), or None.

    Refused: the output is an input, a hard or symbolic link to one (same device and inode), or
    lies inside an input folder (by resolved path, or by inode for each folder above it); for
    html (the output is a folder), also when an input file is one of its pages (by name, or a
    page already there is the input or a link to it). Then a missing folder to write into."""
    out = Path(output)
    real = _resolved(out)
    ident = _identity(out)
    above = list(real.parents)
    above_ids = {i for i in map(_identity, above) if i is not None}
    pages: dict[tuple[int, int], str] = {}  # html: the pages already in the output folder
    if fmt == "html" and out.is_dir():
        try:
            for page in out.iterdir():
                if HTML_PAGE.fullmatch(page.name) and (page_id := _identity(page)) is not None:
                    pages[page_id] = page.name
        except OSError:
            pass  # an unreadable folder: writing into it fails and is reported then
    for name in paths:
        if name == "-":
            continue
        path = Path(name)
        source, source_id = _resolved(path), _identity(path)
        if real == source or (ident is not None and ident == source_id):
            return f"--output {output} is also an input ({name}, or a link to it)"
        if path.is_dir():
            if source in above or source_id in above_ids:
                return f"--output {output} lies inside the input folder {name}"
            continue
        if fmt != "html":
            continue
        folder = path.parent
        is_page = HTML_PAGE.fullmatch(path.name) and (
            _resolved(folder) == real or (ident is not None and _identity(folder) == ident)
        )
        if is_page or source_id in pages:
            page = path.name if is_page else pages[source_id]  # type: ignore[index]
            return f"--output {output} would overwrite the input {name} with its page {page}"
    folder = out if fmt == "html" else out.parent
    if not (folder.is_dir() or (fmt == "html" and folder.parent.is_dir())):
        missing = folder.parent if fmt == "html" else folder
        return f"cannot write {output}: no such folder {missing}"
    return None
