"""Baselines that stand beside every model in every table.

- ``majority``: the most frequent label of the training data, for every task (the speaker too,
  when the training data have speakers).
- ``keyword``: cue-word lists. Stance: supportive or critical cue words in a window around the
  target, whichever are more (neutral when none or tied). Mode: opinion when the sentence holds an
  evaluative or modal cue. Reported: a reporting verb, "according to", or a quotation mark.
  Speaker: the actor of the mention right before a reporting verb, or right after "according
  to"; else "other" (:func:`framing.models.speaker_cues.keyword_speaker`).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from framing.models.base import FramingModel, Scores, window
from framing.models.params import NON_NEGATIVE, param, validate
from framing.models.speaker_cues import candidates, keyword_speaker
from framing.records import Example, as_examples

# Hand-written cue words of news evaluation and attribution. A first version held words picked
# from the seed articles; they were removed, but the lists were still written by someone who had
# read them (README: "Stance and mode on the annotated set" says what that means for the scores).
KEYWORDS = {
    "supportive": """
        praise praised praises welcome welcomed welcomes success successful support supported
        backing backed strong strengthen respect respected legitimate achievement cooperation
        stability constructive friendship positive progress wise
        """.split(),
    "critical": """
        condemn condemned condemnation criticism criticised criticized oppose opposed opposes
        threat threats threatened terror terrorist terrorists interference interfere pressure
        attack attacks aggression violation violations destabilize militant militants accuse
        accused blame hostile negative failure failed
        """.split(),
    "opinion": """
        should must may might could would likely crucial significant important clear major
        cannot never always deeply highly remarkable seems appears undoubtedly
        """.split(),
    "reported": """
        said says stated stressed asserted announced told according maintain maintains reiterated
        added noted emphasized emphasised confirmed quoted claimed reported
        """.split(),
}
_WORD = re.compile(r"[\w-]+")


@dataclass(eq=False)
class MajorityBaseline(FramingModel):
    """The training data's most frequent label, for every task (no parameters); the speaker
    too, when the training data have speakers (``majority_speaker``, None when not)."""

    family = "majority"
    files = ("majority.json",)

    def __post_init__(self) -> None:
        self.mode = self.modes[0]
        self.reported = 0.0
        self.stance = self.stance_labels[0]
        self.majority_speaker: str | None = None

    def fit(self, examples: Sequence[Example | Mapping[str, Any]]) -> MajorityBaseline:
        examples = as_examples(examples)
        modes = Counter(ex.mode for ex in examples if ex.mode is not None)
        self.mode = modes.most_common(1)[0][0] if modes else self.modes[0]
        reported = [ex.reported for ex in examples if ex.reported is not None]
        self.reported = float(np.mean(reported) >= 0.5) if reported else 0.0
        stances = Counter(m.stance for ex in examples for m in ex.mentions)
        self.stance = stances.most_common(1)[0][0] if stances else self.stance_labels[0]
        speakers = Counter(
            ex.speaker for ex in examples if ex.speaker is not None and ex.reported is not False
        )
        self.majority_speaker = speakers.most_common(1)[0][0] if speakers else None
        return self

    def speaker_scores(self, examples: Sequence[Example]) -> list[dict[str, float]] | None:
        """The most frequent training speaker for every example (None when training had none)."""
        if self.majority_speaker is None:
            return None
        return [{self.majority_speaker: 1.0} for _ in examples]

    def scores(self, examples: Sequence[Example | Mapping[str, Any]]) -> Scores:
        examples = as_examples(examples)
        mode = np.tile(np.eye(len(self.modes))[self.modes.index(self.mode)], (len(examples), 1))
        stance = np.eye(len(self.stance_labels))[self.stance_labels.index(self.stance)]
        return Scores(
            mode=mode,
            reported=np.full(len(examples), self.reported),
            stances=[np.tile(stance, (len(ex.mentions), 1)) for ex in examples],
            speaker=self.speaker_scores(examples),
        )

    def _save(self, directory: Path) -> None:
        state = {"mode": self.mode, "reported": self.reported, "stance": self.stance}
        if self.majority_speaker is not None:
            state["speaker"] = self.majority_speaker
        (directory / "majority.json").write_text(json.dumps(state), encoding="utf-8")

    def _load(self, directory: Path) -> None:
        """Read ``majority.json``, checked: a mode and a stance of the labels, a reported
        probability in [0, 1] and, when present (not in folders saved before it), a speaker
        label (a string).

        Raises:
            framing.ModelError: unreadable, not valid JSON, or a key missing or wrong (named).
        """
        from framing.models.errors import ModelError
        from framing.models.files import read_json

        file = directory / "majority.json"
        state = read_json(file)
        checks = {
            "mode": (lambda v: v in self.modes, f"one of {list(self.modes)}"),
            "stance": (lambda v: v in self.stance_labels, f"one of {list(self.stance_labels)}"),
            "reported": (
                lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 1,
                "a number in [0, 1]",
            ),
        }
        for key, (test, what) in checks.items():
            if key not in state:
                raise ModelError(f"{file}: {key!r} is missing")
            if not test(state[key]):
                raise ModelError(f"{file}: {key!r} must be {what}, got {json.dumps(state[key])}")
        speaker = state.get("speaker")
        if speaker is not None and (not isinstance(speaker, str) or not speaker):
            raise ModelError(f"{file}: 'speaker' must be a label, got {json.dumps(speaker)}")
        self.mode, self.reported, self.stance = state["mode"], state["reported"], state["stance"]
        self.majority_speaker = speaker


@dataclass(eq=False)
class KeywordBaseline(FramingModel):
    """Cue words; nothing is learned (``fit`` only checks the data).

    Args:
        keywords: cue words by kind (``supportive``, ``critical``, ``opinion``, ``reported``);
            None: :data:`KEYWORDS`.
        window_words: words on each side of a target that its stance cues are counted in.
    """

    family = "keyword"

    keywords: dict[str, list[str]] | None = param(None)
    window_words: int = param(8, rule=NON_NEGATIVE)

    def __post_init__(self) -> None:
        self.keywords = {k: list(v) for k, v in (self.keywords or KEYWORDS).items()}
        validate(self)
        self._sets = {k: frozenset(v) for k, v in self.keywords.items()}

    def fit(self, examples: Sequence[Example | Mapping[str, Any]]) -> KeywordBaseline:
        as_examples(examples)  # nothing to learn, but the examples are checked as in any family
        return self

    def speaker_scores(self, examples: Sequence[Example]) -> list[dict[str, float]] | None:
        """The rule's speaker (:func:`framing.models.speaker_cues.keyword_speaker`) as a certain
        choice among the sentence's candidates."""
        out = []
        for ex in examples:
            chosen = keyword_speaker(ex)
            out.append({name: float(name == chosen) for name in candidates(ex)})
        return out

    def _count(self, text: str, kind: str) -> int:
        return sum(w in self._sets[kind] for w in _WORD.findall(text.lower()))

    def scores(self, examples: Sequence[Example | Mapping[str, Any]]) -> Scores:
        modes, reported, stances = [], [], []
        examples = as_examples(examples)
        for ex in examples:
            text = ex.text
            opinion = self._count(text, "opinion") > 0
            modes.append([0.0, 1.0] if opinion else [1.0, 0.0])
            quoted = any(q in text for q in '"“”')
            reported.append(1.0 if quoted or self._count(text, "reported") else 0.0)
            rows = []
            for m in ex.mentions:
                near = window(text, m.start, m.end, self.window_words)
                pro, con = self._count(near, "supportive"), self._count(near, "critical")
                label = "supportive" if pro > con else "critical" if con > pro else "neutral"
                rows.append(np.eye(len(self.stance_labels))[self.stance_labels.index(label)])
            stances.append(np.array(rows).reshape(-1, len(self.stance_labels)))
        return Scores(
            mode=np.array(modes).reshape(-1, 2),
            reported=np.array(reported),
            stances=stances,
            speaker=self.speaker_scores(examples),
        )

    def _save(self, directory: Path) -> None:
        return None  # everything is in the params

    def _load(self, directory: Path) -> None:
        return None
