"""Tests of :mod:`framing.records`: the records that point into a text keep their fields, order
and plain-data form."""

from __future__ import annotations

import dataclasses
import json
import re

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


def test_metrics_json_round_trips_through_its_record() -> None:
    from pathlib import Path

    from framing.records import Metrics, from_dict, to_dict

    path = Path(__file__).resolve().parents[1] / "framing" / "resources" / "tfidf" / "metrics.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    metrics = from_dict(Metrics, data)
    assert metrics.tasks.stance[metrics.model.family].macro_f1.value == pytest.approx(
        data["tasks"]["stance"][data["model"]["family"]]["macro_f1"]["value"]
    )
    assert to_dict(metrics) == data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["tasks"]["mode"]["tfidf"].pop("accuracy"),
            "tasks.mode.tfidf.accuracy: missing",
        ),
        (lambda d: d["evaluation"].update(bootstraps=5), "evaluation: unknown key 'bootstraps'"),
        (lambda d: d["data"].update(sentences="103"), "data.sentences: expected an integer"),
        (
            lambda d: d["tasks"]["stance"]["tfidf"]["macro_f1"].update(value=float("nan")),
            "tasks.stance.tfidf.macro_f1.value: expected a finite number",
        ),
    ],
)
def test_a_malformed_metrics_json_names_the_key(change, message: str) -> None:
    from pathlib import Path

    from framing.records import Metrics, RecordError, from_dict

    path = Path(__file__).resolve().parents[1] / "framing" / "resources" / "tfidf" / "metrics.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    with pytest.raises(RecordError, match=re.escape(message)):
        from_dict(Metrics, data)


def test_examples_read_and_write_by_one_definition() -> None:
    from framing.records import Example, RecordError, Target, from_dict, to_dict

    row = {"text": "Iran met Iraq.", "doc_id": "a", "mode": "news", "reported": False,
           "mentions": [{"start": 0, "end": 4, "actor": "iran", "stance": "neutral"},
                        {"start": 9, "end": 13}]}  # fmt: skip
    example = from_dict(Example, row)
    assert example.mentions == [Target(0, 4, "iran", "neutral"), Target(9, 13)]
    assert to_dict(example) == row
    with pytest.raises(RecordError, match=r"mentions\[1\]\.end: expected an integer"):
        from_dict(Example, {**row, "mentions": [row["mentions"][0], {"start": 9, "end": "13"}]})


def test_speakers_read_and_write_with_examples_and_predictions() -> None:
    from framing.records import Example, Prediction, from_dict, to_dict

    row = {"text": "Iran said no.", "mentions": [{"start": 0, "end": 4, "actor": "iran"}],
           "reported": True, "speaker": "iran"}  # fmt: skip
    assert from_dict(Example, row).speaker == "iran"
    assert to_dict(from_dict(Example, row)) == row
    assert from_dict(Example, {"text": "x"}).speaker is None  # older rows have none
    prediction = {"mode": "news", "reported": True, "stances": [], "speaker": {"other": 1.0}}
    assert to_dict(from_dict(Prediction, prediction)) == prediction
    assert "speaker" not in to_dict(Prediction("news", False, []))


def test_an_example_carries_its_previous_sentence() -> None:
    from framing.records import Example, from_dict, to_dict

    row = {"text": "He added no.", "mentions": [], "context": "Iran said no."}
    assert from_dict(Example, row).context == "Iran said no."
    assert to_dict(from_dict(Example, row)) == row
    assert from_dict(Example, {"text": "x"}).context is None
