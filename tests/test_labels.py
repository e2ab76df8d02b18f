from __future__ import annotations

import pytest

from framing.labels import FRAMES, MODES, STANCES, frames, id2label, label2id


@pytest.mark.parametrize(
    ("mode", "reported", "stances", "expected"),
    [
        ("news", False, {}, (False, False, True)),
        ("news", False, {"iran": "neutral"}, (False, False, True)),
        ("news", False, {"iran": "supportive"}, (True, False, False)),
        ("news", True, {"iran": "supportive"}, (True, False, True)),
        ("news", True, {"united_states": "critical", "iran": "neutral"}, (False, True, True)),
        (
            "opinion",
            False,
            {"iran": "supportive", "united_states": "critical"},
            (True, True, False),
        ),
        ("opinion", True, {"united_states": "neutral"}, (False, False, False)),
        ("news", False, {"united_states": "supportive", "iran": "critical"}, (False, False, False)),
    ],
)
def test_frame_rule(mode: str, reported: bool, stances: dict, expected: tuple) -> None:
    assert tuple(frames(mode, reported, stances)[f] for f in FRAMES) == expected


def test_unknown_labels_are_named() -> None:
    with pytest.raises(ValueError, match="'rant'"):
        frames("rant", False, {})
    with pytest.raises(ValueError, match="'hostile' for 'iran'"):
        frames("news", False, {"iran": "hostile"})


def test_label_maps_round_trip() -> None:
    for labels in (MODES, STANCES):
        assert {v: k for k, v in id2label(labels).items()} == label2id(labels)
