"""Tests of :mod:`framing.records`: the records that point into a text keep their fields, order
and plain-data form."""

from __future__ import annotations

import dataclasses

import pytest

from framing.actors import Mention
from framing.records import Span
from framing.text.clean import Removal
from framing.text.segmenter import Sentence


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (Sentence(0, 9, "Iran met."), {"start": 0, "end": 9, "text": "Iran met."}),
        (
            Mention(12, 18, "iran", "Tehran"),
            {"start": 12, "end": 18, "actor": "iran", "text": "Tehran"},
        ),
        (
            Removal(30, 34, "citation", " [1]"),
            {"start": 30, "end": 34, "kind": "citation", "text": " [1]"},
        ),
    ],
)
def test_to_dict_gives_the_fields_in_order(record: Span, expected: dict) -> None:
    assert isinstance(record, Span)
    assert list(record.to_dict().items()) == list(expected.items())
    assert type(record)(*expected.values()) == record  # positional, offsets first
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.start = 1  # type: ignore[misc]


def test_records_of_different_kinds_never_compare_equal() -> None:
    assert Sentence(0, 4, "Iran") != Mention(0, 4, "iran", "Iran")
    assert Mention(0, 4, "iran", "Iran") == Mention(0, 4, "iran", "Iran")
    assert hash(Mention(0, 4, "iran", "Iran")) == hash(Mention(0, 4, "iran", "Iran"))
    assert repr(Removal(1, 2, "chrome", "x")) == "Removal(start=1, end=2, kind='chrome', text='x')"
