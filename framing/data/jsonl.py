"""Reading JSONL files line by line, every problem named by file and line.

One reader for two contracts: without a ``problems`` list a bad line raises (the annotated set,
the corpus, boundary files: one bad line means a broken file); with one, a bad line becomes a
:class:`Problem` and the reading goes on past it (the public benchmarks: a batch keeps its good
rows and reports the others).

Example:
    >>> problems = []
    >>> rows = list(iter_jsonl("mixed.jsonl", problems))  # doctest: +SKIP
    >>> [str(p) for p in problems]  # doctest: +SKIP
    ['mixed.jsonl:2: not valid JSON (Expecting value)']
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Problem", "iter_jsonl", "read_jsonl"]


@dataclass(frozen=True)
class Problem:
    """A row that could not be read: where it is and why."""

    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


def iter_jsonl(
    path: str | Path, problems: list[Problem] | None = None
) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, record) for every non-blank line of a JSONL file.

    Args:
        path: the file.
        problems: where a bad line (not UTF-8, not JSON, not an object) goes, skipped; without
            it, a bad line raises.

    Raises:
        ValueError: without ``problems``, a line that is not UTF-8 or not a JSON object; the
            message names the file and line.
    """
    path = Path(path)
    with path.open("rb") as handle:  # decoded line by line: a bad byte spoils only its line
        for number, raw in enumerate(handle, 1):
            record, reason = _parse(raw)
            if reason:
                problem = Problem(str(path), number, reason)
                if problems is None:
                    raise ValueError(str(problem))
                problems.append(problem)
            elif record is not None:
                yield number, record


def _parse(raw: bytes) -> tuple[dict[str, Any] | None, str]:
    """The record of one line (None for a blank line), or why there is none."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return None, f"not UTF-8 text ({err.reason})"
    if not line.strip():
        return None, ""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        return None, f"not valid JSON ({err.msg})"
    if not isinstance(record, dict):
        return None, "expected a JSON object"
    return record, ""


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """Records of a JSONL file (see :func:`iter_jsonl` for the errors)."""
    return [record for _, record in iter_jsonl(path)]
