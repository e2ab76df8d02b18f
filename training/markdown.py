"""Markdown pieces of the generated dataset card: counts with their shares (the tables' layout is
in ``training/templates/dataset_card.md``)."""

from __future__ import annotations


def share(count: int, total: int) -> str:
    return f"{count} ({100 * count / total:.1f}%)" if total else "0"
