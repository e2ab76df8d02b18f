"""Label sets and the frame rule, defined once for the annotated set, training and inference.

Per sentence: ``mode`` (opinion or news), ``reported`` (attributed to a source or not) and, for
every actor mentioned, a stance (supportive, critical, neutral). Frames are *derived* from these
by :func:`frames`, never typed by hand:

- ``supportive_of_iran``: the stance toward Iran is supportive;
- ``critical_of_us``: the stance toward the United States is critical;
- ``neutral_reporting``: the mode is news and every non-neutral stance in the sentence is
  reported (the sentence-level ``reported`` flag stands for its stances), which includes news
  sentences with no stance but neutral.

The first two can co-occur; ``neutral_reporting`` can co-occur with them when the stance is
reported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

__all__ = [
    "BOOLEAN",
    "FRAMES",
    "MODES",
    "STANCES",
    "actor_stances",
    "frames",
    "genre",
    "id2label",
    "label2id",
]

MODES: tuple[str, ...] = ("news", "opinion")
STANCES: tuple[str, ...] = ("neutral", "supportive", "critical")
FRAMES: tuple[str, ...] = ("supportive_of_iran", "critical_of_us", "neutral_reporting")
# reported and each frame are yes/no; scored as the labels "false" and "true"
BOOLEAN: tuple[str, ...] = ("false", "true")

IRAN = "iran"
UNITED_STATES = "united_states"


def label2id(labels: tuple[str, ...]) -> dict[str, int]:
    return {label: i for i, label in enumerate(labels)}


def id2label(labels: tuple[str, ...]) -> dict[int, str]:
    return dict(enumerate(labels))


def frames(mode: str, reported: bool, stances: Mapping[str, str]) -> dict[str, bool]:
    """The frames of a sentence, from its mode, reported flag and stance per actor id.

    Raises:
        ValueError: an unknown mode or stance label (named in the message).

    Example:
        >>> frames("news", True, {"iran": "supportive", "united_states": "critical"})
        {'supportive_of_iran': True, 'critical_of_us': True, 'neutral_reporting': True}
    """
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; expected one of {MODES}")
    for actor, stance in stances.items():
        if stance not in STANCES:
            raise ValueError(f"unknown stance {stance!r} for {actor!r}; expected one of {STANCES}")
    opinionated = any(stance != "neutral" for stance in stances.values())
    return {
        "supportive_of_iran": stances.get(IRAN) == "supportive",
        "critical_of_us": stances.get(UNITED_STATES) == "critical",
        "neutral_reporting": mode == "news" and (reported or not opinionated),
    }


def genre(opinion_share: float) -> str:
    """A document's genre from the share of its sentences that are opinion: opinion when more
    than half are. The rule of training's evaluation and of inference alike."""
    return "opinion" if opinion_share > 0.5 else "news"


def actor_stances(
    actors: Sequence[str], probabilities: Sequence[Sequence[float]]
) -> dict[str, str]:
    """One stance per actor from its mentions' stance probabilities (rows over :data:`STANCES`):
    the label with the highest mean probability (the first on a tie). The rule of training's
    evaluation and of inference alike.

    Example:
        >>> actor_stances(["iran", "iran"], [[0.2, 0.7, 0.1], [0.5, 0.2, 0.3]])
        {'iran': 'supportive'}
    """
    sums: dict[str, list[float]] = {}
    for actor, row in zip(actors, probabilities, strict=True):
        total = sums.setdefault(actor, [0.0] * len(STANCES))
        for i, p in enumerate(row):
            total[i] += float(p)
    return {a: STANCES[max(range(len(STANCES)), key=t.__getitem__)] for a, t in sums.items()}
