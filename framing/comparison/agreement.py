"""How far a model's comparison agrees with a reference comparison of the same documents: the
check to run before publishing one, when a sample of the documents has been annotated by people.

Both comparisons group the same documents by the same field (say, the model's analyses and the
annotators' labels of a held-out sample, each through :func:`~framing.comparison.compare`). Two
questions, on the pooled (``pairs``) basis:

- **Shares.** Across every (group, actor, measure) both have, how close are the model's shares to
  the reference's: mean absolute difference and Pearson correlation.
- **Differences.** Of the reference's significant differences between groups, how many the model
  finds significant in the same direction (*found*); of the model's significant differences, how
  many the reference also finds significant in that direction (*confirmed*), and how many point
  the other way from the reference's estimate (*reversed*: the error that misleads a reader).

Example:
    >>> model = framing.compare("analyses.jsonl", by="slant_group")  # doctest: +SKIP
    >>> gold = framing.compare("gold.jsonl", by="slant_group")       # doctest: +SKIP
    >>> agreement(model, gold)["differences"]["found"]               # doctest: +SKIP
"""

from __future__ import annotations

import math
from typing import Any

from framing.comparison.result import Comparison

__all__ = ["agreement"]

BASIS = "pairs"


def _shares(result: Comparison) -> dict[tuple[str, str, str], float]:
    return {
        (r["group"], r["actor"], r["measure"]): r["value"]
        for r in result.rows
        if r["basis"] == BASIS and r["value"] is not None
    }


def _differences(result: Comparison) -> dict[tuple[str, str, str, str], dict[str, Any]]:
    return {
        (r["group_a"], r["group_b"], r["actor"], r["measure"]): r
        for r in result.difference_rows
        if r["basis"] == BASIS and r["difference"] is not None
    }


def _sign(value: float) -> int:
    return (value > 0) - (value < 0)


def _pearson(xs: list[float], ys: list[float]) -> float | None:
    n = len(xs)
    if n < 3:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return None if not sxx or not syy else sxy / math.sqrt(sxx * syy)


def _share(count: int, total: int) -> float | None:
    return count / total if total else None


def agreement(result: Comparison, reference: Comparison) -> dict[str, Any]:
    """The agreement of ``result`` with ``reference`` (see the module docstring).

    Args:
        result: the comparison to judge (the model's).
        reference: the comparison taken as right (the annotators'), of the same documents grouped
            by the same field.

    Returns:
        ``{"shares": {"cells", "mean_absolute_difference", "pearson"}, "differences":
        {"reference_significant", "found", "found_share", "result_significant", "confirmed",
        "confirmed_share", "reversed", "reversed_share"}, "by_actor": {actor: the same two
        counts for the stance measures toward it}}``; a share is None where its denominator is 0.

    Raises:
        ValueError: the two comparisons group by different fields or have different groups.
    """
    if result.by != reference.by or set(result.groups) != set(reference.groups):
        raise ValueError(
            f"the comparisons differ: by {result.by!r} with groups {sorted(result.groups)} "
            f"against by {reference.by!r} with groups {sorted(reference.groups)}"
        )
    mine, theirs = _shares(result), _shares(reference)
    cells = sorted(set(mine) & set(theirs))
    xs, ys = [mine[c] for c in cells], [theirs[c] for c in cells]
    mad = sum(abs(x - y) for x, y in zip(xs, ys, strict=True)) / len(cells) if cells else None
    ours, gold = _differences(result), _differences(reference)
    counts = {"reference_significant": 0, "found": 0, "result_significant": 0}
    counts.update(confirmed=0, reversed=0)
    by_actor: dict[str, dict[str, int]] = {}
    for key in sorted(set(ours) | set(gold)):
        mine_row, gold_row = ours.get(key), gold.get(key)
        actor = by_actor.setdefault(key[2], {"reference_significant": 0, "found": 0})
        if gold_row and gold_row["significant"]:
            counts["reference_significant"] += 1
            actor["reference_significant"] += 1
            if (
                mine_row
                and mine_row["significant"]
                and _sign(mine_row["difference"]) == _sign(gold_row["difference"])
            ):
                counts["found"] += 1
                actor["found"] += 1
        if mine_row and mine_row["significant"]:
            counts["result_significant"] += 1
            direction = _sign(mine_row["difference"])
            if gold_row and gold_row["significant"] and _sign(gold_row["difference"]) == direction:
                counts["confirmed"] += 1
            if gold_row and _sign(gold_row["difference"]) == -direction:
                counts["reversed"] += 1
    return {
        "shares": {
            "cells": len(cells),
            "mean_absolute_difference": mad,
            "pearson": _pearson(xs, ys),
        },
        "differences": {
            **counts,
            "found_share": _share(counts["found"], counts["reference_significant"]),
            "confirmed_share": _share(counts["confirmed"], counts["result_significant"]),
            "reversed_share": _share(counts["reversed"], counts["result_significant"]),
        },
        "by_actor": {a: c for a, c in by_actor.items() if c["reference_significant"]},
    }
