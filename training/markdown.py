"""Markdown pieces of the generated dataset card: tables and counts with their shares."""

from __future__ import annotations

from typing import Any


def table(header: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def share(count: int, total: int) -> str:
    return f"{count} ({100 * count / total:.1f}%)" if total else "0"
