"""The speaker of reported content: whose words a sentence reports (training/GUIDELINES.md,
section 4.1), as a component every family owns beside its heads.

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

:func:`keyword_speaker` is the rule that the ``keyword`` baseline predicts with: the actor of the
mention right before a reporting verb, or right after "according to"; else ``other``.

Example:
    >>> from framing.records import Example, Target
    >>> ex = Example("Iran said the US lied.", [Target(0, 4, "iran"),
    ...                                          Target(14, 16, "united_states")])
    >>> candidates(ex), keyword_speaker(ex)
    (['iran', 'united_states', 'other'], 'iran')
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from framing.models.errors import ModelError
from framing.records import OTHER_SPEAKER, Example, Target

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

# Verbs and nouns that attribute content to a source ("said", "told", "according to"), written
# from the guidelines' definition of reported speech, not picked from the corpus.
REPORTING_VERBS = frozenset(
    """
    said say says saying told tell tells stated states state stating added adds noted notes
    stressed stresses emphasized emphasised emphasizes emphasises warned warns warning announced
    announces declared declares asserted asserts affirmed affirms confirmed confirms claimed claims
    insisted insists explained explains argued argues wrote writes reported reports accused
    accuses denied denies vowed vows pledged pledges urged urges called calls criticized
    criticised condemned condemns demanded demands rejected rejects described describes
    underscored underlined reiterated reiterates highlighted highlights acknowledged
    acknowledges admitted admits maintained maintains believes believed suggested suggests
    indicated indicates revealed reveals threatened threatens promised promises praised praises
    welcomed welcomes expressed expresses statement remarks tweeted posted replied responded
    commented mentioned pointed announcement quoted
    """.split()
)
# Words naming a source that is none of the actors: analysts, the press, researchers.
SOURCE_NOUNS = frozenset(
    """
    analyst analysts expert experts observer observers commentator commentators scholar scholars
    researcher researchers professor journalist journalists newspaper newspapers daily agency
    outlet report reports study studies survey poll institute think tank columnist editorial
    """.split()
)
PRONOUNS = frozenset("he she they we it i his her their its our them us him".split())
_TOKEN = re.compile(r"\w+|[^\w\s]")
_OPENING, _CLOSING = "“‘", "”’"
# names of the hand-written cues, in the order of their columns (an actor's, then other's)
ACTOR_CUES = (
    "verb_right_after", "verb_soon_after", "verb_right_before", "after_according_to",
    "inside_quotes", "first_mention", "sentence_start", "colon_after", "possessive",
    "pronoun", "position", "mentions_of_actor", "quotes_in_sentence", "subject_of_verb",
    "after_quote", "bias",
    # from the previous sentence (Example.context)
    "in_context", "context_only", "context_speaker", "context_speaker_pronoun",
    "context_speaker_quote_only", "context_speaker_no_verb", "context_only_pronoun",
)  # fmt: skip
OTHER_CUES = (
    "according_to", "quotes_in_sentence", "no_mention", "no_mention_before_verb",
    "unmentioned_subject", "source_noun", "bias",
    # from the previous sentence
    "no_context", "context_speaker_other", "context_other_pronoun", "context_other_quote_only",
    "pronoun_verb", "quote_only",
)  # fmt: skip
# the value of a cue of the previous sentence when it holds: larger than 1, so that the penalty
# holds their weights back less than the many hashed words' (chosen by 5-fold cross-validation by
# article on the corpus's train split, with C)
CONTEXT_WEIGHT = 3.0


def candidates(example: Example, previous: Example | None = None) -> list[str]:
    """The speakers a sentence may have: the actors of its mentions (each once, in the order of
    their first mention; a mention of no actor is left out), then those of the ``previous``
    sentence that it does not mention ("He added ..."), and ``other``, last."""
    found = [m.actor for m in example.mentions]
    if previous is not None:
        found += [m.actor for m in previous.mentions]
    actors = dict.fromkeys(a for a in found if a is not None)
    actors.pop(OTHER_SPEAKER, None)
    return [*actors, OTHER_SPEAKER]


def previous_examples(examples: Sequence[Example]) -> list[Example | None]:
    """Per example, its previous sentence as an :class:`Example` (with mentions) when known: the
    example before it in the list when that one's text is its ``context`` (and the article is
    the same); else, when it has a ``context``, that text with the mentions it holds of the
    surface forms of the example's own mentions; else None."""
    out: list[Example | None] = []
    for i, ex in enumerate(examples):
        if ex.context is None:
            out.append(None)
            continue
        before = examples[i - 1] if i else None
        if before is not None and before.text == ex.context and before.doc_id == ex.doc_id:
            out.append(before)
            continue
        lowered, found = ex.context.lower(), []
        for m in ex.mentions:
            form = ex.text[m.start : m.end].lower()
            at = lowered.find(form) if m.actor is not None and form else -1
            if at >= 0:
                found.append(Target(at, at + len(form), m.actor))
        out.append(Example(ex.context, sorted(found, key=lambda t: t.start)))
    return out


def _quote_only(text: str) -> bool:
    """Whether a sentence is a quotation with no attribution outside it: it opens with a
    quotation mark, and no reporting verb follows its last closing one."""
    stripped = text.strip()
    if not stripped or stripped[0] not in "\"“‘'":
        return False
    last = max(stripped.rfind(q) for q in '"”’')
    tail = _words(stripped[last + 1 :]) if last > 0 else []
    return not any(w in REPORTING_VERBS for w in tail)


def _pronoun_verb(words: Sequence[str]) -> bool:
    """Whether a pronoun is followed, within two words, by a reporting verb ("he added", "she
    also noted")."""
    subjects = ("he", "she", "they", "we", "i")
    return any(
        w in subjects and any(v in REPORTING_VERBS for v in words[i + 1 : i + 3])
        for i, w in enumerate(words)
    )


def context_speaker(previous: Example | None) -> str | None:
    """Whom the previous sentence reports, by rule: the subject of its first reporting verb
    (:func:`keyword_speaker`'s actor, or the nearest mention before the verb), ``other`` when it
    has a reporting verb or "according to" but neither; None when it has none (or is unknown)."""
    if previous is None:
        return None
    rule = keyword_speaker(previous)
    if rule != OTHER_SPEAKER:
        return rule
    subject = _subject(previous)
    if subject is not None and subject[0] is not None:
        return subject[0].actor
    if subject is not None or "according" in _words(previous.text):
        return OTHER_SPEAKER
    return None


def _words(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def _verb_within(words: Sequence[str], n: int) -> bool:
    return any(w in REPORTING_VERBS for w in words[:n])


def _according_to(words: Sequence[str]) -> bool:
    """Whether the words (those before a mention, nearest last) end with "according to" and at
    most four words more ("according to Iraq's foreign minister")."""
    tail = list(words[-6:])
    return any(a == "according" and b == "to" for a, b in itertools.pairwise(tail))


def _inside_quotes(text: str, start: int) -> bool:
    """Whether ``start`` is inside a quotation: after an opening curly quote that is not closed
    yet, or after an odd number of straight double quotes."""
    before = text[:start]
    opening = max(before.rfind(q) for q in "“")
    closing = max(before.rfind(q) for q in "”")
    return opening > closing or before.count('"') % 2 == 1


def _has_quotes(text: str) -> bool:
    return any(q in text for q in '"“”')


def _subject(example: Example) -> tuple[Target | None, int, bool] | None:
    """Who the sentence's first reporting verb is said of: (the nearest actor mention before it,
    within eight words, or None; the verb's word index; whether the two words right before the
    verb are a capitalised word or a pronoun that no mention covers, "Morady says", "he
    added"); None when the sentence has no reporting verb."""
    text = example.text
    spans = [(m.start, m.end, m) for m in example.mentions if m.actor is not None]
    verb, index, word_spans = None, 0, []
    for match in _TOKEN.finditer(text):
        word_spans.append((match.start(), match.end()))
        if verb is None and match.group().lower() in REPORTING_VERBS:
            verb, index = match.start(), len(word_spans) - 1
    if verb is None:
        return None
    window_start = word_spans[max(0, index - 8)][0]
    before = [m for start, end, m in spans if window_start <= start and end <= verb]
    nearest = max(before, key=lambda m: m.end) if before else None
    unmentioned = False
    for start, end in word_spans[max(0, index - 2) : index]:
        word = text[start:end]
        covered = any(s <= start and end <= e for s, e, _ in spans)
        if not covered and (word[:1].isupper() or word.lower() in PRONOUNS):
            unmentioned = True
    return nearest, index, unmentioned


def keyword_speaker(example: Example, *, words: int = 3) -> str:
    """The rule: the actor of the first mention followed within ``words`` words by a reporting
    verb ("Iran said", "Iraqi officials told"), or preceded by "according to"; ``other`` when no
    mention is.

    Example:
        >>> from framing.records import Example, Target
        >>> keyword_speaker(Example("According to Iraq, it ended.", [Target(13, 17, "iraq")]))
        'iraq'
    """
    text = example.text
    for m in example.mentions:
        if m.actor is None:
            continue
        if _verb_within(_words(text[m.end :]), words) or _according_to(_words(text[: m.start])):
            return m.actor
    return OTHER_SPEAKER


_ACTOR_CONTEXT = 7  # the last cues of ACTOR_CUES, from the previous sentence


class _Context(NamedTuple):
    """What a sentence's previous one says of its speaker, and how the sentence reads on."""

    previous: Example | None  # the previous sentence, when known
    said: str | None  # whom it reports, by rule (context_speaker)
    pronoun: bool  # this sentence has "he said"
    quote_only: bool  # this sentence is a bare quotation
    verb_here: bool  # this sentence has a reporting verb of its own


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
    def _mention(self, example: Example, m: Target, index: int) -> tuple[list[str], np.ndarray]:
        """The hashed words and the cues of one mention."""
        text, n = example.text, self.window_words
        left, right = _words(text[: m.start]), _words(text[m.end :])
        words = [f"M={w}" for w in _words(text[m.start : m.end])]
        words += [f"L={w}" for w in left[-n:]] + [f"R={w}" for w in right[:n]]
        words += [f"L{i}={w}" for i, w in enumerate(reversed(left[-2:]), 1)]
        words += [f"R{i}={w}" for i, w in enumerate(right[:2], 1)]
        words += [f"RB={a}_{b}" for a, b in itertools.pairwise(right[:n])]
        same = sum(other.actor == m.actor for other in example.mentions)
        subject = _subject(example)
        cues = [
            _verb_within(right, 2),
            _verb_within(right, 8),
            _verb_within(left[::-1], 2),
            _according_to(left),
            _inside_quotes(text, m.start),
            index == 0,
            len(left) <= 2,
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

    def _other(self, example: Example, situation: _Context) -> tuple[list[str], np.ndarray]:
        """The hashed words and the cues of the ``other`` candidate."""
        words = _words(example.text)
        _, said, pronoun, quote_only, _ = situation
        context = [example.context is None, said == OTHER_SPEAKER,
                   said == OTHER_SPEAKER and pronoun, said == OTHER_SPEAKER and quote_only,
                   pronoun, quote_only]  # fmt: skip
        context = [CONTEXT_WEIGHT * float(c) for c in context]
        subject = _subject(example)
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
            for i, m in enumerate(ex.mentions):
                if m.actor is None:
                    continue
                words, mention_cues = self._mention(ex, m, i)
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
            words, other_cues = self._other(ex, situation)
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
