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


def test_label_maps_follow_the_label_order() -> None:
    assert label2id(MODES) == {"news": 0, "opinion": 1}
    assert id2label(STANCES) == {0: "neutral", 1: "supportive", 2: "critical"}
    for labels in (MODES, STANCES, FRAMES):
        assert list(label2id(labels).items()) == [(label, i) for i, label in enumerate(labels)]
        assert list(id2label(labels).items()) == list(enumerate(labels))
