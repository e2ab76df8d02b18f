"""framing.comparison.agreement: a model's comparison judged against a reference one."""

from __future__ import annotations

import pytest

import framing
from framing.comparison.agreement import agreement
from tests.comparison.analyses import stance_doc


def _docs(a_labels: list[str], b_labels: list[str]) -> list[dict]:
    docs = [stance_doc("A", "united_states", a_labels) for _ in range(8)]
    return docs + [stance_doc("B", "united_states", b_labels) for _ in range(8)]


def test_a_comparison_agrees_with_itself() -> None:
    gold = framing.compare(_docs(["critical"] * 3, ["neutral"] * 3), resamples=200)
    result = agreement(gold, gold)
    assert result["shares"]["mean_absolute_difference"] == 0.0
    differences = result["differences"]
    assert differences["reference_significant"] > 0
    assert differences["found_share"] == differences["confirmed_share"] == 1.0
    assert differences["reversed"] == 0


def test_a_reversed_difference_is_counted() -> None:
    gold = framing.compare(_docs(["critical"] * 3, ["neutral"] * 3), resamples=200)
    model = framing.compare(_docs(["neutral"] * 3, ["critical"] * 3), resamples=200)
    differences = agreement(model, gold)["differences"]
    assert differences["found"] == differences["confirmed"] == 0
    assert differences["reversed"] == differences["result_significant"] > 0
    assert agreement(model, gold)["by_actor"]["united_states"]["found"] == 0


def test_comparisons_of_other_groups_are_refused() -> None:
    gold = framing.compare(_docs(["critical"], ["neutral"]), resamples=20)
    other = framing.compare(_docs(["critical"], ["neutral"]), by="date", resamples=20)
    with pytest.raises(ValueError, match="the comparisons differ: by 'date'"):
        agreement(other, gold)
