"""The speaker of reported content: whose words a sentence reports (training/GUIDELINES.md,
section 4.1), as a component every family owns beside its heads: the model (:class:`SpeakerModel`),
its weights file (:data:`SPEAKER_FILE`) and reading it back (:func:`read_speaker`).

A sentence's *candidates* are the distinct lexicon actors it mentions, in order, those of its
previous sentence that it does not mention ("He added ..." about someone named before), and
:data:`~framing.records.OTHER_SPEAKER` (anyone else: an analyst, a newspaper, a UN body). Each
candidate is a row of features: for an actor, the features of its mentions (the words on each
side, hashed, and hand-written cues: a reporting verb right after the mention, "according to"
right before it, quotation marks, its place in the sentence), pooled by their maximum; for
``other``, the sentence's words, hashed, and cues of a source that is none of the mentions. Cues
of the previous sentence (:attr:`~framing.records.Example.context`; with its mentions when it is
the example before in the list, see :func:`previous_examples`) join both: whether the candidate
was mentioned there, whether it is whom that sentence reports (:func:`context_speaker`), alone
or with this sentence opening on "he said" or being a bare quotation. A
class-weighted logistic regression scores "this candidate is the speaker" and a softmax over a
sentence's candidates turns the scores into one distribution that sums to 1.

Nothing learned holds a string: words are hashed (scikit-learn's ``FeatureHasher``), so the
saved weights (``speaker.npz``, with the settings in the ``speaker`` section of
``framing.json``) hold no text of the training data, whose texts may not be redistributed. The
cue words are code (:data:`REPORTING_VERBS`), not data.

The candidates, the cue words, the rule features and the keyword rule (:func:`keyword_speaker`)
are in :mod:`framing.models.speaker_cues`; their public names are importable from here too.
"""

from __future__ import annotations

import itertools
import json
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from framing.models.errors import ModelError
from framing.models.speaker_cues import (
    _ACTOR_CONTEXT,
    ACTOR_CUES,
    CONTEXT_WEIGHT,
    OTHER_CUES,
    PRONOUNS,
    REPORTING_VERBS,
    SOURCE_NOUNS,
    _according_to,
    _Context,
    _has_quotes,
    _inside_quotes,
    _pronoun_verb,
    _quote_only,
    _quotes,
    _subject,
    _verb_within,
    _words,
    candidates,
    context_speaker,
    keyword_speaker,
    previous_examples,
)
from framing.records import OTHER_SPEAKER, Example, Target

# the characters read on each side of a mention for its words: far more than the words its
# features use, and a bound on the work per mention in a run-on "sentence"
_REACH = 300

__all__ = [
    "REPORTING_VERBS",
    "SPEAKER_FILE",
    "SpeakerModel",
    "candidates",
    "context_speaker",
    "keyword_speaker",
    "previous_examples",
    "read_speaker",
]

SPEAKER_FILE = "speaker.npz"


@dataclass
class _Rows:
    """The candidate rows of a batch: per sentence, its candidates and the slice of rows."""

    labels: list[list[str]]
    starts: list[int]


class SpeakerModel:
    """Scores a sentence's candidate speakers (:func:`candidates`) with a logistic regression
    over hashed words and hand-written cues; the probabilities of a sentence's candidates sum to
    1.

    Args:
        C: the inverse regularisation strength of the logistic regression.
        hash_bits: the hashed word features number ``2 ** hash_bits``.
        window_words: words on each side of a mention that its hashed features read.
        seed: seeds the solver (the same data give the same weights).
    """

    def __init__(self, *, C: float = 0.3, hash_bits: int = 16, window_words: int = 4,
                 seed: int = 0) -> None:  # fmt: skip
        if not (isinstance(C, (int, float)) and math.isfinite(C) and C > 0):
            raise ValueError(f"speaker: 'C' must be a number > 0, got {C!r}")
        if not (isinstance(hash_bits, int) and 4 <= hash_bits <= 24):
            raise ValueError(f"speaker: 'hash_bits' must be an integer in 4..24, got {hash_bits!r}")
        if not (isinstance(window_words, int) and 1 <= window_words <= 50):
            raise ValueError(
                f"speaker: 'window_words' must be an integer in 1..50, got {window_words!r}"
            )
        self.C = float(C)
        self.hash_bits = hash_bits
        self.window_words = window_words
        self.seed = seed
        self.coef = np.zeros(self.width)
        self.intercept = 0.0

    @property
    def width(self) -> int:
        """The number of features of a candidate row."""
        return 2**self.hash_bits + len(ACTOR_CUES) + len(OTHER_CUES)

    # -- features ---------------------------------------------------------------------------
    def _mention(
        self, example: Example, m: Target, index: int, sentence: tuple
    ) -> tuple[list[str], np.ndarray]:
        """The hashed words and the cues of one mention (``sentence``: what :meth:`_sentence`
        found once for the whole sentence). Words are read from at most ``_REACH`` characters on
        each side, so the work per mention does not grow with the sentence."""
        text, n = example.text, self.window_words
        subject, counts, quotes = sentence
        left = _words(text[max(0, m.start - _REACH) : m.start])
        right = _words(text[m.end : m.end + _REACH])
        words = [f"M={w}" for w in _words(text[m.start : m.end])]
        words += [f"L={w}" for w in left[-n:]] + [f"R={w}" for w in right[:n]]
        words += [f"L{i}={w}" for i, w in enumerate(reversed(left[-2:]), 1)]
        words += [f"R{i}={w}" for i, w in enumerate(right[:2], 1)]
        words += [f"RB={a}_{b}" for a, b in itertools.pairwise(right[:n])]
        same = counts[m.actor]
        cues = [
            _verb_within(right, 2),
            _verb_within(right, 8),
            _verb_within(left[::-1], 2),
            _according_to(left),
            _inside_quotes(text, m.start, quotes),
            index == 0,
            len(left) <= 2 and m.start <= _REACH,
            right[:1] == [":"],
            right[:2] in (["'", "s"], ["’", "s"]),
            text[m.start : m.end].lower() in PRONOUNS,
            m.start / max(len(text), 1),
            math.log1p(same),
            _has_quotes(text),
            subject is not None and subject[0] is m,
            any(q in left[-3:] for q in ("”", '"', "’")),
            1.0,
        ]
        return words, np.asarray(cues + [0.0] * _ACTOR_CONTEXT, dtype=np.float64)

    @staticmethod
    def _context_cues(actor: str, here: bool, situation: _Context) -> np.ndarray:
        """The cues of an actor candidate from the previous sentence."""
        previous, said, pronoun, quote_only, verb_here = situation
        mentioned = previous is not None and any(m.actor == actor for m in previous.mentions)
        speaks = said == actor
        cues = [mentioned, not here, speaks, speaks and pronoun, speaks and quote_only,
                speaks and not verb_here, (not here) and pronoun]  # fmt: skip
        return CONTEXT_WEIGHT * np.asarray(cues, dtype=np.float64)

    def _other(
        self, example: Example, situation: _Context, words: list[str], subject: Any
    ) -> tuple[list[str], np.ndarray]:
        """The hashed words and the cues of the ``other`` candidate (``words`` and ``subject``:
        the sentence's words and :func:`_subject`, found once per sentence by :meth:`_rows`)."""
        _, said, pronoun, quote_only, _ = situation
        context = [example.context is None, said == OTHER_SPEAKER,
                   said == OTHER_SPEAKER and pronoun, said == OTHER_SPEAKER and quote_only,
                   pronoun, quote_only]  # fmt: skip
        context = [CONTEXT_WEIGHT * float(c) for c in context]
        first_verb = subject[1] if subject is not None else None
        cues = [
            "according" in words,
            _has_quotes(example.text),
            not any(m.actor is not None for m in example.mentions),
            first_verb is not None and subject[0] is None,
            first_verb is not None and subject[2],
            any(w in SOURCE_NOUNS for w in words),
            1.0,
            *context,
        ]
        hashed = [f"S={w}" for w in words]
        hashed += [f"SB={a}_{b}" for a, b in itertools.pairwise(words)]
        return hashed, np.asarray(cues, dtype=np.float64)

    def _rows(
        self, examples: Sequence[Example], before: Sequence[Example | None] | None = None
    ) -> tuple[Any, _Rows]:
        """The candidate rows of every sentence (a sparse matrix) and where each sentence's are.
        An actor's row pools its mentions: the union of their words, the maximum of each cue; an
        actor of the previous sentence only (``before``: per example, its previous sentence or
        None; by default :func:`previous_examples`) has its cues of the previous sentence alone."""
        import scipy.sparse as sp
        from sklearn.feature_extraction import FeatureHasher

        actor_cues = len(ACTOR_CUES)
        texts: list[list[str]] = []
        cues = np.zeros((0, len(ACTOR_CUES) + len(OTHER_CUES)))
        dense: list[np.ndarray] = []
        labels, starts, row = [], [], 0
        if before is None:
            before = previous_examples(examples)
        for ex, previous in zip(examples, before, strict=True):
            words_here = _words(ex.text)
            situation = _Context(
                previous, context_speaker(previous), _pronoun_verb(words_here),
                _quote_only(ex.text), any(w in REPORTING_VERBS for w in words_here),
            )  # fmt: skip
            names = candidates(ex, previous)
            pooled = {name: (set(), np.full(actor_cues, -np.inf)) for name in names[:-1]}
            sentence = (_subject(ex), Counter(m.actor for m in ex.mentions), _quotes(ex.text))
            for i, m in enumerate(ex.mentions):
                if m.actor is None:
                    continue
                words, mention_cues = self._mention(ex, m, i, sentence)
                seen, best = pooled[m.actor]
                seen.update(words)
                np.maximum(best, mention_cues, out=best)
            for name in names[:-1]:
                seen, best = pooled[name]
                here = bool(seen)
                best[~np.isfinite(best)] = 0.0  # an actor of the previous sentence only
                best[-_ACTOR_CONTEXT:] = self._context_cues(name, here, situation)
                texts.append(sorted(seen) if here else ["C=context"])
                dense.append(np.concatenate([best, np.zeros(len(OTHER_CUES))]))
            words, other_cues = self._other(ex, situation, words_here, sentence[0])
            texts.append(sorted(set(words)))
            dense.append(np.concatenate([np.zeros(actor_cues), other_cues]))
            labels.append(names)
            starts.append(row)
            row += len(names)
        starts.append(row)
        if not texts:
            return sp.csr_matrix((0, self.width)), _Rows(labels, starts)
        hasher = FeatureHasher(2**self.hash_bits, input_type="string", alternate_sign=False)
        hashed = hasher.transform(texts)
        hashed.data = np.minimum(hashed.data, 1.0)  # presence, not counts (collisions)
        cues = np.vstack(dense)
        return sp.hstack([hashed, sp.csr_matrix(cues)], format="csr"), _Rows(labels, starts)

    # -- training and scoring ---------------------------------------------------------------
    def fit(self, examples: Sequence[Example]) -> SpeakerModel:
        """Train on the examples that are reported and have a speaker (others are skipped, but
        still serve as the previous sentence of the next one: pass whole articles, in order).

        Raises:
            ValueError: no such example.
        """
        examples = list(examples)
        before = previous_examples(examples)  # from the whole list, before any is skipped
        kept = [
            (ex, previous)
            for ex, previous in zip(examples, before, strict=True)
            if ex.speaker is not None
            and ex.reported is not False
            and ex.speaker in candidates(ex, previous)
        ]
        if not kept:
            raise ValueError("no reported example with a speaker to train the speaker model on")
        labelled = [ex for ex, _ in kept]
        matrix, rows = self._rows(labelled, [previous for _, previous in kept])
        gold = np.array(
            [start + names.index(ex.speaker)
             for ex, names, start in zip(labelled, rows.labels, rows.starts, strict=False)]
        )  # fmt: skip
        self.coef, self.intercept = _conditional_logit(matrix, rows.starts, gold, self.C), 0.0
        return self

    def proba(self, examples: Sequence[Example]) -> list[dict[str, float]]:
        """Per example, {candidate: probability} over its candidates, summing to 1 (whether or
        not the sentence is reported: the speaker it would have)."""
        from scipy.special import softmax

        matrix, rows = self._rows(examples)
        scores = np.asarray(matrix @ self.coef).ravel() + self.intercept
        out = []
        for i, names in enumerate(rows.labels):
            p = softmax(scores[rows.starts[i] : rows.starts[i + 1]])
            out.append(dict(zip(names, map(float, p), strict=True)))
        return out

    # -- persistence ------------------------------------------------------------------------
    def config(self) -> dict[str, Any]:
        """The ``speaker`` section of ``framing.json``: the settings that rebuild the features."""
        return {"C": self.C, "hash_bits": self.hash_bits, "window_words": self.window_words,
                "seed": self.seed, "cues": len(ACTOR_CUES) + len(OTHER_CUES)}  # fmt: skip

    def save(self, directory: Path) -> None:
        """Write ``speaker.npz`` (the weights; numbers only)."""
        np.savez_compressed(
            Path(directory) / SPEAKER_FILE, coef=self.coef, intercept=np.array([self.intercept])
        )


def _conditional_logit(
    matrix: Any, starts: Sequence[int], gold: np.ndarray, C: float
) -> np.ndarray:
    """The weights of a conditional logit: the softmax of each sentence's candidate scores
    (rows ``starts[i]:starts[i + 1]``) fitted to its gold candidate (row ``gold[i]``), with an L2
    penalty of ``1 / (2 C)`` per weight; L-BFGS from zeros (deterministic)."""
    from scipy.optimize import minimize

    bounds = np.asarray(starts)
    sentence = np.repeat(np.arange(len(bounds) - 1), np.diff(bounds))
    matrix_t = matrix.T.tocsr()

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        scores = np.asarray(matrix @ w).ravel()
        top = np.maximum.reduceat(scores, bounds[:-1])
        exp = np.exp(scores - top[sentence])
        total = np.add.reduceat(exp, bounds[:-1])
        p = exp / total[sentence]
        value = float(np.sum(np.log(total) + top - scores[gold]))
        p[gold] -= 1.0
        return value + w @ w / (2 * C), np.asarray(matrix_t @ p).ravel() + w / C

    result = minimize(loss, np.zeros(matrix.shape[1]), jac=True, method="L-BFGS-B",
                      options={"maxiter": 500})  # fmt: skip
    return np.asarray(result.x, dtype=np.float64)


def read_speaker(directory: Path, section: Any, present: bool) -> SpeakerModel | None:
    """The speaker component of a model folder: None when it has none (neither a ``speaker``
    section in ``framing.json`` nor ``speaker.npz``: a folder saved before it existed).

    Args:
        directory: the model folder.
        section: the ``speaker`` value of ``framing.json`` (None when absent).
        present: whether the folder holds ``speaker.npz``.

    Raises:
        ModelError: one without the other, a malformed section, or a ``speaker.npz`` that is
            unreadable, truncated, non-finite or of the wrong shape (the file named).
    """
    from framing.models.files import read_npz

    directory = Path(directory)
    meta_file, weights = directory / "framing.json", directory / SPEAKER_FILE
    if section is None and not present:
        return None
    if section is None or not present:
        if section is None:
            raise ModelError(
                f"{weights}: a speaker model, but framing.json has no 'speaker' section: the two "
                "do not belong together"
            )
        raise ModelError(f"{meta_file}: a 'speaker' section, but {SPEAKER_FILE} is missing")
    known = {"C", "hash_bits", "window_words", "seed", "cues"}
    if not isinstance(section, Mapping) or set(section) != known:
        got = sorted(section) if isinstance(section, Mapping) else json.dumps(section)[:80]
        raise ModelError(f"{meta_file}: 'speaker' must hold {sorted(known)}, got {got}")
    if section["cues"] != len(ACTOR_CUES) + len(OTHER_CUES):
        raise ModelError(
            f"{meta_file}: 'speaker.cues' is {section['cues']!r}, this framing has "
            f"{len(ACTOR_CUES) + len(OTHER_CUES)}: saved by another version"
        )
    settings = {k: section[k] for k in ("C", "hash_bits", "window_words", "seed")}
    try:
        if isinstance(settings["hash_bits"], bool) or isinstance(settings["window_words"], bool):
            raise ValueError("speaker: a setting is a boolean")
        model = SpeakerModel(**settings)
    except (TypeError, ValueError) as err:
        raise ModelError(f"{meta_file}: {err}") from None
    arrays = read_npz(weights)
    if set(arrays) != {"coef", "intercept"}:
        raise ModelError(f"{weights}: expected the arrays coef and intercept, got {sorted(arrays)}")
    coef, intercept = arrays["coef"], arrays["intercept"]
    if coef.dtype.kind != "f" or coef.shape != (model.width,):
        raise ModelError(
            f"{weights}: 'coef' must be {model.width} floats (2 ** hash_bits and the cues), got "
            f"shape {coef.shape} of {coef.dtype}"
        )
    if intercept.dtype.kind != "f" or intercept.shape != (1,):
        raise ModelError(f"{weights}: 'intercept' must be one float, got shape {intercept.shape}")
    model.coef, model.intercept = coef.astype(np.float64), float(intercept[0])
    return model
