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
from typing import Any

__all__ = [
    "BOOLEAN",
    "FRAMES",
    "FRAME_NAMES",
    "MODES",
    "REPORTED_THRESHOLD",
    "STANCES",
    "STANCE_COLORS",
    "actor_stances",
    "decode",
    "frames",
    "genre",
    "id2label",
    "label2id",
    "opinion_share",
    "stance_shares",
]

MODES: tuple[str, ...] = ("news", "opinion")
STANCES: tuple[str, ...] = ("neutral", "supportive", "critical")
FRAMES: tuple[str, ...] = ("supportive_of_iran", "critical_of_us", "neutral_reporting")
# the frames named for people (reports, summaries)
FRAME_NAMES: dict[str, str] = {
    "supportive_of_iran": "supportive of Iran",
    "critical_of_us": "critical of the US",
    "neutral_reporting": "neutral reporting",
}
# the stances' colours in every report (a diverging palette that reads in grey too)
STANCE_COLORS: dict[str, str] = {
    "supportive": "#1a9850",
    "critical": "#d73027",
    "neutral": "#8c8c8c",
}
# reported and each frame are yes/no; scored as the labels "false" and "true"
BOOLEAN: tuple[str, ...] = ("false", "true")

# a sentence is reported when the probability that its content is reported is at least this
REPORTED_THRESHOLD = 0.5

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


def decode(
    mode: Sequence[float],
    reported: float,
    actors: Sequence[str],
    stances: Sequence[Sequence[float]],
) -> dict[str, Any]:
    """The labels of one sentence from a model's probabilities: the rule of training's evaluation
    and of inference alike.

    Args:
        mode: the probabilities of :data:`MODES`, in that order.
        reported: the probability that the content is reported.
        actors: the actor of each mention.
        stances: per mention, the probabilities of :data:`STANCES`, in that order.

    Returns:
        ``mode`` (the most probable, the first on a tie), ``reported`` (at least
        :data:`REPORTED_THRESHOLD`), ``stances`` (a label per mention), ``actors`` (one stance
        per actor, :func:`actor_stances`) and ``frames`` (:func:`frames`).

    Example:
        >>> decode([0.3, 0.7], 0.2, ["iran"], [[0.1, 0.8, 0.1]])["frames"]
        {'supportive_of_iran': True, 'critical_of_us': False, 'neutral_reporting': False}
    """
    label = MODES[_first_max(mode)]
    is_reported = bool(reported >= REPORTED_THRESHOLD)
    per_actor = actor_stances(actors, stances)
    return {
        "mode": label,
        "reported": is_reported,
        "stances": [STANCES[_first_max(row)] for row in stances],
        "actors": per_actor,
        "frames": frames(label, is_reported, per_actor),
    }


def opinion_share(modes: Sequence[str]) -> float:
    """The share of a document's sentences that are opinion (0.0 for none); :func:`genre` reads
    it."""
    return sum(mode == "opinion" for mode in modes) / len(modes) if modes else 0.0


def stance_shares(stances: Sequence[str]) -> dict[str, float]:
    """The share of each of :data:`STANCES` among an actor's stances in a document (one per
    sentence that mentions it); all 0.0 for none.

    Example:
        >>> stance_shares(["critical", "neutral", "critical", "critical"])
        {'neutral': 0.25, 'supportive': 0.0, 'critical': 0.75}
    """
    n = len(stances)
    return {label: (sum(s == label for s in stances) / n if n else 0.0) for label in STANCES}


def _first_max(values: Sequence[float]) -> int:
    """The index of the largest value, the first on a tie (as ``numpy.argmax``)."""
    return max(range(len(values)), key=lambda i: float(values[i]))
