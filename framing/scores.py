"""Typed records of what a run measures: the contents of ``metrics.json`` (:class:`Metrics`),
read and written by :func:`framing.records.from_dict` and :func:`framing.records.to_dict` (and
re-exported by :mod:`framing.records`).

Imports nothing of framing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "ArticleScores",
    "BenchmarkScores",
    "BenchmarkTask",
    "Calibration",
    "ClassScores",
    "Confusion",
    "DocumentScores",
    "Estimate",
    "Genre",
    "GroupScores",
    "HeldOut",
    "Metrics",
    "PublicData",
    "RunData",
    "RunEvaluation",
    "RunModel",
    "TaskScores",
    "Tasks",
    "Validity",
]

# a field whose None is written as null (an interval that could not be computed)
KEEP_NONE = {"keep_none": True}


@dataclass
class Estimate:
    """A score and its interval (None when it could not be computed, e.g. too few articles)."""

    value: float
    ci: list[float] | None = field(default=None, metadata=KEEP_NONE)


@dataclass
class ClassScores:
    precision: float
    recall: float
    f1: float
    support: int


@dataclass
class Confusion:
    labels: list[str]
    matrix: list[list[int]]


@dataclass
class ArticleScores:
    macro_f1: float
    accuracy: float
    n: int


@dataclass
class TaskScores:
    """One system's scores on one task (stance, mode, reported, a frame, or one actor); the
    fields in the order a run writes them."""

    macro_f1: Estimate
    accuracy: Estimate
    f_avg: Estimate | None = None
    per_class: dict[str, ClassScores] = field(kw_only=True)
    confusion_matrix: Confusion | None = None
    n: int | None = None
    per_actor: dict[str, TaskScores] | None = None
    per_article: dict[str, ArticleScores] | None = None


@dataclass
class Genre:
    """An article's genre from its predicted modes, and its gold genre (null for data without
    genres)."""

    predicted: str
    gold: str | None = field(metadata=KEEP_NONE)


@dataclass
class DocumentScores:
    """Document-level results of one system: the genre of each article and the error of the
    shares of stance per actor."""

    genre: dict[str, Genre]
    genre_accuracy: float | None = field(metadata=KEEP_NONE)
    stance_share_mae: float | None = field(default=None, metadata=KEEP_NONE)


@dataclass
class GroupScores:
    """One system's scores on the articles of one group (a slant group or a genre): macro-F1
    of each task (intervals null for a group of one article; stance null without mentions),
    and how many sentences (``n``), mentions and articles the group has."""

    stance_macro_f1: Estimate | None = field(metadata=KEEP_NONE)
    mode_macro_f1: Estimate
    reported_macro_f1: Estimate
    n: int
    mentions: int
    articles: int


@dataclass
class Validity:
    """Outlet-level validity of one system toward one actor: Spearman's correlation across
    articles of the gold and predicted net stance (null when undefined, with a ``note`` saying
    why), and how many articles have a pair toward the actor."""

    spearman: Estimate | None = field(metadata=KEEP_NONE)
    articles: int
    note: str | None = None


@dataclass
class Calibration:
    """Expected calibration errors (15 equal-width bins) of one system's probabilities; stance
    null without mentions."""

    stance_ece: float | None = field(metadata=KEEP_NONE)
    mode_ece: float
    reported_ece: float


@dataclass
class Tasks:
    """Scores by task, then by system (frames by frame, then by system); a system's stance
    scores are None when the data has no mention. ``speaker`` (sentences with reported content
    and a gold speaker) holds only the systems that predict a speaker; ``groups`` is by group
    key (slant_group, genre), group and system; ``validity`` by actor and system; the last four
    are missing from runs made before them."""

    stance: dict[str, TaskScores | None]
    mode: dict[str, TaskScores]
    reported: dict[str, TaskScores]
    frames: dict[str, dict[str, TaskScores]]
    documents: dict[str, DocumentScores]
    speaker: dict[str, TaskScores] | None = None
    groups: dict[str, dict[str, dict[str, GroupScores]]] | None = None
    validity: dict[str, dict[str, Validity]] | None = None
    calibration: dict[str, Calibration] | None = None


@dataclass
class HeldOut:
    """A held-out set scored once by the final model and by every baseline trained on all the
    training data: which set, its size, and its scores as the cross-validation's are."""

    source: str
    sentences: int
    mentions: int
    documents: list[str]
    tasks: Tasks


@dataclass
class BenchmarkTask:
    """The scores of one task of a benchmark scored on several (the annotated set's stance and
    mode)."""

    macro_f1: float
    accuracy: float
    per_class_f1: dict[str, float]
    n: int


@dataclass
class BenchmarkScores:
    """A public benchmark's official scores (which of the optional ones depends on the
    benchmark: NewsMTSC's F1m, CheckThat!'s macro-F1 and SUBJ F1, the annotated set's stance
    and mode macro-F1), the file and how many of its rows were skipped; or, for a file that
    could not be scored, the ``error``. The fields in the order a run writes them."""

    f1m: float | None = None
    stance_macro_f1: float | None = None
    mode_macro_f1: float | None = None
    stance: BenchmarkTask | None = None
    mode: BenchmarkTask | None = None
    macro_f1: float | None = None
    subj_f1: float | None = None
    accuracy: float | None = None
    per_class_f1: dict[str, float] | None = None
    n: int | None = None
    benchmark: str = field(kw_only=True)
    path: str = field(kw_only=True)
    skipped: int | None = None
    error: str | None = None


@dataclass
class RunModel:
    family: str
    path: str


@dataclass
class PublicData:
    benchmark: str
    path: str
    sentences: int
    mentions: int
    repeat: int = 1


@dataclass
class RunData:
    source: str
    sentences: int
    mentions: int
    documents: list[str]
    public: list[PublicData] = field(default_factory=list)


@dataclass
class RunEvaluation:
    """How the run was evaluated; ``interval`` is missing from runs made before intervals
    resampled whole articles."""

    cv: str
    bootstrap: int
    confidence: float
    interval: str | None = None
    seed: int = field(kw_only=True)
    folds: int | None = field(default=None, kw_only=True)
    heldout: list[str] | None = field(default=None, kw_only=True)


@dataclass
class Metrics:
    """The contents of a run's ``metrics.json``, in the order a run writes them: ``tasks`` is
    missing from a run without cross-validation, ``heldout`` (by set name) from a run that
    scored no held-out set, ``benchmarks`` from a run that scored none."""

    schema_version: int
    model: RunModel
    data: RunData
    evaluation: RunEvaluation
    systems: list[str]
    notes: list[str] = field(default_factory=list)
    tasks: Tasks | None = None
    heldout: dict[str, HeldOut] | None = None
    benchmarks: dict[str, BenchmarkScores] | None = None
