"""A document reduced to the counts the comparison's measures are ratios of.

Every measure of a group is a ratio of sums over its documents, ``sum(numerator) /
sum(denominator)``, so that the bootstrap can compute all of them for all resamples as matrix
products (:mod:`~framing.comparison.bootstrap`). Two bases, both reported:

- ``pairs``: counts pooled over the group (a sentence–actor pair, a sentence, a reported
  sentence each weighs the same, so long documents weigh more): numerator a count, denominator
  the document's total;
- ``documents``: the mean of each document's share (every document weighs the same): numerator
  the document's share, denominator 1 (0 when the document has nothing to measure, e.g. does not
  mention the actor).

Measures: per actor, its stances' shares (:data:`~framing.labels.STANCES`); per group (actor
:data:`ALL`), the opinion and reported shares of sentences and each frame's share
(:data:`~framing.labels.FRAMES`); and who speaks (measure ``speaks``, the actor column naming the
speaker): the share of reported sentences with a known speaker that each speaker gets. A model
without a speaker component writes ``speaker: null`` everywhere: such a document has no reported
sentence with a known speaker and adds nothing to that measure.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from framing.inference.results import DocumentAnalysis
from framing.labels import FRAMES, STANCES

__all__ = ["ALL", "BASES", "CAVEAT", "GROUP_MEASURES", "SPEAKS", "DocumentCounts", "Key", "count"]

ALL = "(all)"  # the actor of the measures of a whole group
BASES = ("pairs", "documents")
GROUP_MEASURES: tuple[str, ...] = ("opinion", "reported", *FRAMES)
SPEAKS = "speaks"

# what every summary and report says of the shares: a model's labels, to be checked by people
CAVEAT = (
    "The shares are the model's labels, not people's: check a sample by hand "
    "(framing.comparison.agreement) before publishing a difference."
)

# (actor, measure, basis): one column of the comparison
Key = tuple[str, str, str]


@dataclass
class DocumentCounts:
    """The numerator and denominator of each measure a document has (``ratios``), its reported
    sentences with a known speaker and how many each speaker has, and its actors' names."""

    ratios: dict[Key, tuple[float, float]] = field(default_factory=dict)
    spoken: int = 0
    speakers: Counter[str] = field(default_factory=Counter)
    names: dict[str, str] = field(default_factory=dict)

    def speaker_ratio(self, speaker: str, basis: str) -> tuple[float, float]:
        """Numerator and denominator of ``speaker``'s share (every speaker of any document of
        the corpus has one; 0 of the document's total when it does not speak here)."""
        if not self.spoken:
            return 0.0, 0.0
        n = self.speakers.get(speaker, 0)
        return (n, self.spoken) if basis == "pairs" else (n / self.spoken, 1.0)


def _shares(
    ratios: dict[Key, tuple[float, float]], actor: str, counts: dict[str, int], total: int
) -> None:
    for measure, n in counts.items():
        ratios[actor, measure, "pairs"] = (n, total)
        ratios[actor, measure, "documents"] = (n / total, 1.0)


def _check(number: int, sentence: Any) -> None:
    """A sentence's labels as a comparison reads them, else ValueError naming the sentence."""
    for actor, stance in sentence.stances.items():
        if not isinstance(actor, str) or not isinstance(stance, str) or stance not in STANCES:
            raise ValueError(
                f"sentence {number}: stance {stance!r} toward {actor!r} (expected one of "
                f"{', '.join(STANCES)})"
            )
    if sentence.speaker is not None and not isinstance(sentence.speaker, str):
        raise ValueError(f"sentence {number}: speaker {sentence.speaker!r} is not a string")
    if not isinstance(sentence.frames, dict):
        raise ValueError(f"sentence {number}: frames {sentence.frames!r} is not an object")


def count(doc: DocumentAnalysis) -> DocumentCounts:
    """The counts of one analysed document.

    Example:
        >>> from framing.inference.results import SentenceAnalysis
        >>> s = SentenceAnalysis(0, 0, 5, "Hi.", "news", {"news": 1.0}, False, 0.1,
        ...                      stances={"iran": "critical"})
        >>> doc = DocumentAnalysis([s], "news", 0.0, {"iran": {"name": "Iran"}}, {}, [], [], 5, {})
        >>> count(doc).ratios["iran", "critical", "pairs"]
        (1, 1)
    """
    counts = DocumentCounts()
    sentences = doc.sentences
    pairs: dict[str, Counter[str]] = {}
    opinion = reported = 0
    framed: Counter[str] = Counter()
    for number, sentence in enumerate(sentences):
        _check(number, sentence)
        opinion += sentence.mode == "opinion"
        reported += bool(sentence.reported)
        for frame, on in sentence.frames.items():
            framed[frame] += bool(on)
        for actor, stance in sentence.stances.items():
            pairs.setdefault(actor, Counter())[stance] += 1
        if sentence.reported and sentence.speaker is not None:
            counts.spoken += 1
            counts.speakers[sentence.speaker] += 1
    for actor, stances in pairs.items():
        total = sum(stances.values())
        _shares(counts.ratios, actor, {label: stances.get(label, 0) for label in STANCES}, total)
    if sentences:
        group = {"opinion": opinion, "reported": reported, **{f: framed[f] for f in FRAMES}}
        _shares(counts.ratios, ALL, group, len(sentences))
    counts.names = {
        actor: str(info.get("name") or actor) if isinstance(info, dict) else actor
        for actor, info in doc.actors.items()
    }
    return counts
