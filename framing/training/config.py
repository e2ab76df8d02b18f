"""Typed training configs: YAML in ``configs/``, validated before anything runs.

Every field has a type; a value of the wrong type, an unknown key, a missing file, an unknown
segmenter, model family or label is an error that names the key (dotted, ``model.tfidf.C``) and
the value. PyYAML reads ``3e-5`` as a string: numeric strings are accepted for float fields and
nothing else. Command-line overrides (``model.family=frozen``) go through the same checks.

Example:
    >>> config = TrainConfig.from_dict({"model": {"family": "tfidf", "tfidf": {"C": "3e-1"}}})
    >>> config.model.tfidf.C
    0.3
"""

from __future__ import annotations

import dataclasses
import math
import re
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from framing.models.encoders import DEFAULT_ENCODER

__all__ = [
    "BenchmarkFile",
    "ConfigError",
    "DataConfig",
    "EvaluationConfig",
    "FinetuneConfig",
    "FrozenConfig",
    "ModelConfig",
    "TfidfConfig",
    "TrainConfig",
    "load_config",
]

MAX_SEED = 2**32 - 1  # numpy's and torch's seeds are unsigned 32-bit integers


class ConfigError(ValueError):
    """A config value is missing, unknown or of the wrong type (the message names it).

    The message is always one line: the YAML parser's multi-line reports are folded.
    """

    def __init__(self, message: str) -> None:
        super().__init__(re.sub(r"\s*\n\s*", " ", str(message)))


@dataclass
class BenchmarkFile:
    """A file of a public benchmark in its own format (:mod:`framing.public.benchmarks`).

    Attributes:
        benchmark: ``newsmtsc``, ``checkthat`` or ``annotated``.
        path: the file (relative paths are read from the current directory).
        name: how results are keyed in ``metrics.json`` (default: benchmark and file stem).
        limit: read only the first ``limit`` examples (0: all); for quick trials and tests.
        repeat: in ``data.public``, how many times each example is seen per epoch (to weigh a
            small set against a large one).
    """

    benchmark: Literal["newsmtsc", "checkthat", "annotated"] = "newsmtsc"
    path: str = ""
    name: str = ""
    limit: int = 0
    repeat: int = 1

    @property
    def key(self) -> str:
        return self.name or f"{self.benchmark}/{Path(self.path).stem}"


@dataclass
class DataConfig:
    """Where the training sentences come from.

    Attributes:
        source: ``annotated`` (the bundled set), ``corpus`` (the framing corpus of a checkout,
            its ``split``) or ``seed`` (the seed set re-labelled with it), a local file or folder
            (JSONL, CSV or Parquet in
            the documented schema, see README), a Hub dataset id (``user/name``), or ``none``
            (train on ``public`` only; needs ``evaluation.cv: none``).
        lexicon: the actor lexicon YAML; the bundled ``configs/actors.yaml`` when empty.
        split: the split to read from the corpus (train, dev, test or all) or a Hub dataset.
        use_test: allow ``split`` test or all with the corpus: its test split is for final scores
            only, so reading it for training is refused unless this says so.
        revision: the Hub revision (a tag or commit) to pin.
        public: public benchmark files that are always in training, in every fold: only the
            articles of ``source`` rotate in cross-validation. The fine-tuned family trains on
            them first and continues on the fold's articles; the linear families train on both
            at once; the baselines see only ``source``.
        public_epochs: epochs over ``public`` for the fine-tuned family's first stage.
    """

    source: str = "annotated"
    lexicon: str = ""
    split: str = "train"
    use_test: bool = False
    revision: str = ""
    public: list[BenchmarkFile] = field(default_factory=list)
    public_epochs: float = 2.0


@dataclass
class TfidfConfig:
    """Family ``tfidf``: TF-IDF word and character n-grams, class-weighted logistic regression,
    sigmoid-calibrated probabilities."""

    word_ngrams: list[int] = field(default_factory=lambda: [1, 2])
    char_ngrams: list[int] = field(default_factory=lambda: [2, 5])
    min_df: int = 1
    max_features: int = 50_000
    C: float = 4.0
    calibration_folds: int = 3


@dataclass
class FrozenConfig:
    """Family ``frozen``: a frozen pretrained encoder, target-aware features, linear heads."""

    encoder: str = DEFAULT_ENCODER
    max_length: int = 128
    batch_size: int = 32
    C: float = 1.0
    calibration_folds: int = 3


@dataclass
class FinetuneConfig:
    """Family ``finetune``: the encoder fine-tuned with transformers' Trainer, one pass per sentence
    feeding a mode head, a reported head and a stance head over each mention's pooled tokens."""

    encoder: str = DEFAULT_ENCODER
    max_length: int = 128
    batch_size: int = 8
    epochs: float = 8.0
    learning_rate: float = 5e-5
    weight_decay: float = 0.01
    warmup_ratio: float = 0.1
    freeze_embeddings: bool = False
    group_by_length: bool = False
    # heads whose loss weighs classes "balanced" (inversely to their frequency in training)
    class_weight: Literal["stance", "all"] = "stance"
    # keep only the encoder's first N layers (faster inference, lower scores); None keeps all
    encoder_layers: int | None = None


@dataclass
class ModelConfig:
    family: Literal["tfidf", "frozen", "finetune"] = "tfidf"
    tfidf: TfidfConfig = field(default_factory=TfidfConfig)
    frozen: FrozenConfig = field(default_factory=FrozenConfig)
    finetune: FinetuneConfig = field(default_factory=FinetuneConfig)


@dataclass
class EvaluationConfig:
    """How the model is judged: leave-one-article-out, with bootstrap intervals and baselines;
    then the final model on each of ``benchmarks`` (their dev splits, official metrics)."""

    cv: Literal["leave_one_article_out", "none"] = "leave_one_article_out"
    bootstrap: int = 1000
    confidence: float = 0.95
    baselines: list[str] = field(default_factory=lambda: ["majority", "keyword"])
    benchmarks: list[BenchmarkFile] = field(default_factory=list)


@dataclass
class TrainConfig:
    """Everything ``python -m framing.train`` needs."""

    data: DataConfig = field(default_factory=DataConfig)
    model: ModelConfig = field(default_factory=ModelConfig)
    evaluation: EvaluationConfig = field(default_factory=EvaluationConfig)
    segmenter: str = "default"
    seed: int = 0
    output_dir: str = "outputs/default"

    @classmethod
    def from_dict(cls, data: Any, *, source: str = "config") -> TrainConfig:
        config = _build(cls, data, prefix="", source=source)
        config.validate(source)
        return config

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def override(self, assignments: list[str], *, source: str = "command line") -> TrainConfig:
        """A copy with ``key.sub=value`` assignments applied (values parsed as YAML)."""
        data = self.to_dict()
        for assignment in assignments:
            key, sep, raw = assignment.partition("=")
            if not sep or not key:
                raise ConfigError(f"{source}: expected key=value, got {assignment!r}")
            target = data
            parts = key.strip().split(".")
            for part in parts[:-1]:
                if not isinstance(target.get(part), dict):
                    raise ConfigError(f"{source}: unknown key '{key}'")
                target = target[part]
            if parts[-1] not in target:
                raise ConfigError(f"{source}: unknown key '{key}'")
            try:
                target[parts[-1]] = yaml.safe_load(raw) if raw.strip() else ""
            except yaml.YAMLError as err:
                raise ConfigError(
                    f"{source}: the value of '{key}' is not valid YAML: {raw!r} ({_problem(err)})"
                ) from None
        return TrainConfig.from_dict(data, source=source)

    def _check_ranges(self, source: str) -> None:
        t, f, ft = self.model.tfidf, self.model.frozen, self.model.finetune
        if not 0 <= self.seed <= MAX_SEED:
            raise ConfigError(f"{source}: 'seed' must lie in 0..{MAX_SEED}, got {self.seed}")
        for key, pair in (("model.tfidf.word_ngrams", t.word_ngrams),
                          ("model.tfidf.char_ngrams", t.char_ngrams)):  # fmt: skip
            if len(pair) != 2 or not 1 <= pair[0] <= pair[1]:
                raise ConfigError(f"{source}: '{key}' must be [low, high] with 1 <= low <= high")
        for key, value in (("model.tfidf.C", t.C), ("model.frozen.C", f.C),
                           ("model.tfidf.min_df", t.min_df),
                           ("model.tfidf.max_features", t.max_features),
                           ("model.frozen.max_length", f.max_length),
                           ("model.frozen.batch_size", f.batch_size),
                           ("model.finetune.max_length", ft.max_length),
                           ("model.finetune.batch_size", ft.batch_size),
                           ("model.finetune.epochs", ft.epochs),
                           ("model.finetune.learning_rate", ft.learning_rate)):  # fmt: skip
            _positive(value, key, source)
        for key, value in (("model.finetune.weight_decay", ft.weight_decay),
                           ("model.finetune.warmup_ratio", ft.warmup_ratio)):  # fmt: skip
            _positive(value, key, source, zero=True)
        if ft.encoder_layers is not None and ft.encoder_layers < 1:
            raise ConfigError(
                f"{source}: 'model.finetune.encoder_layers' must be >= 1 or null, "
                f"got {ft.encoder_layers}"
            )
        if ft.warmup_ratio >= 1:
            raise ConfigError(f"{source}: 'model.finetune.warmup_ratio' must be below 1")
        for key, value in (("model.tfidf.calibration_folds", t.calibration_folds),
                           ("model.frozen.calibration_folds", f.calibration_folds)):  # fmt: skip
            if value == 1 or value < 0:
                raise ConfigError(
                    f"{source}: '{key}' must be 0 (no calibration) or at least 2, got {value}"
                )

    def validate(self, source: str = "config") -> None:
        """Checks that need more than types: known segmenter and baselines, existing files."""
        from framing.text.segment import available_segmenters

        known = available_segmenters(installed_only=False)
        if self.segmenter not in known:
            raise ConfigError(
                f"{source}: unknown segmenter '{self.segmenter}' (key 'segmenter'); "
                f"known: {', '.join(sorted(known))}"
            )
        for baseline in self.evaluation.baselines:
            if baseline not in ("majority", "keyword"):
                raise ConfigError(
                    f"{source}: unknown baseline '{baseline}' (key 'evaluation.baselines'); "
                    "known: majority, keyword"
                )
        if not 0 < self.evaluation.confidence < 1:
            raise ConfigError(f"{source}: 'evaluation.confidence' must lie in (0, 1)")
        if self.evaluation.bootstrap < 0:
            raise ConfigError(f"{source}: 'evaluation.bootstrap' must be >= 0")
        self._check_ranges(source)
        if self.model.family in ("frozen", "finetune"):
            from framing.models.encoders import resolve_encoder

            encoder = getattr(self.model, self.model.family).encoder
            try:
                path = resolve_encoder(encoder)
            except OSError as err:
                key = f"model.{self.model.family}.encoder"
                raise ConfigError(f"{source}: '{key}': {err}") from None
            if Path(path).is_dir():  # a Hub id is read, and checked, when training starts
                _check_encoder(path, self.model, source)
        if self.data.lexicon and not Path(self.data.lexicon).is_file():
            raise ConfigError(f"{source}: no such file '{self.data.lexicon}' (key 'data.lexicon')")
        from framing.data.annotated import looks_local

        src = self.data.source
        local = src not in ("annotated", "corpus", "seed", "none") and looks_local(src)
        if local and not Path(src).expanduser().exists():
            raise ConfigError(f"{source}: no such file or folder '{src}' (key 'data.source')")
        if src in ("corpus", "seed"):
            from framing.data.corpus import SPLITS

            splits = (*SPLITS, "all") if src == "corpus" else ("train",)
            if self.data.split not in splits:
                raise ConfigError(
                    f"{source}: 'data.split' {self.data.split!r} is not a split of the {src}; "
                    f"expected one of {', '.join(splits)}"
                )
            if self.data.split in ("test", "all") and not self.data.use_test:
                raise ConfigError(
                    f"{source}: 'data.split' {self.data.split} reads the corpus's test split, "
                    "which is for final scores only; set 'data.use_test: true' to do it anyway"
                )
        if src == "none":
            if not self.data.public:
                raise ConfigError(f"{source}: 'data.source' is none and 'data.public' is empty")
            if self.evaluation.cv != "none":
                raise ConfigError(
                    f"{source}: 'data.source' is none: there are no articles to leave out; "
                    "set 'evaluation.cv' to none"
                )
        _positive(self.data.public_epochs, "data.public_epochs", source)
        for key, files in (("data.public", self.data.public),
                           ("evaluation.benchmarks", self.evaluation.benchmarks)):  # fmt: skip
            for i, file in enumerate(files):
                if not Path(file.path).expanduser().is_file():
                    raise ConfigError(
                        f"{source}: no such {file.benchmark} file '{file.path}' "
                        f"(key '{key}[{i}].path')"
                    )
                if file.limit < 0:
                    raise ConfigError(f"{source}: '{key}[{i}].limit' must be >= 0")
                if file.repeat < 1:
                    raise ConfigError(f"{source}: '{key}[{i}].repeat' must be >= 1")
                if key == "evaluation.benchmarks" and file.repeat != 1:
                    raise ConfigError(f"{source}: '{key}[{i}].repeat' only applies to data.public")
        keys = [file.key for file in self.evaluation.benchmarks]
        twice = sorted({k for k in keys if keys.count(k) > 1})
        if twice:
            raise ConfigError(
                f"{source}: 'evaluation.benchmarks' names {twice} more than once: give each file "
                "its own 'name'"
            )


def _check_encoder(encoder: str, model: ModelConfig, source: str) -> None:
    """The encoder's config can be read, and the family's settings fit it: ``max_length`` within
    its position embeddings, ``model.finetune.encoder_layers`` at most its number of layers."""
    from transformers import AutoConfig

    family = model.family
    settings = getattr(model, family)
    try:
        config = AutoConfig.from_pretrained(encoder)
    except (OSError, ValueError) as err:
        raise ConfigError(
            f"{source}: 'model.{family}.encoder': cannot read the encoder's config.json from "
            f"{encoder} ({err})"
        ) from None
    positions = getattr(config, "max_position_embeddings", None)
    if isinstance(positions, int) and settings.max_length > positions:
        raise ConfigError(
            f"{source}: 'model.{family}.max_length' is {settings.max_length}, but the encoder "
            f"reads at most {positions} tokens"
        )
    total = getattr(config, "num_hidden_layers", None)
    layers = model.finetune.encoder_layers
    if family == "finetune" and layers is not None and total is not None and layers > total:
        raise ConfigError(
            f"{source}: 'model.finetune.encoder_layers' is {layers}, but the encoder has "
            f"{total} layers"
        )


def _positive(value: float, key: str, source: str, *, zero: bool = False) -> None:
    if value < 0 or (value == 0 and not zero):
        bound = ">= 0" if zero else "> 0"
        raise ConfigError(f"{source}: '{key}' must be {bound}, got {value!r}")


def load_config(path: str | Path | None = None, overrides: list[str] | None = None) -> TrainConfig:
    """Read a YAML config (``configs/default.yaml`` shipped with the package by default) and apply
    command-line overrides.

    Raises:
        ConfigError: a missing file, bad YAML, or an invalid key or value.
    """
    from framing._files import packaged_file

    file = Path(path) if path is not None else packaged_file("configs", "default.yaml")
    if file.is_dir():
        raise ConfigError(f"{file}: a folder, not a config file")
    if not file.is_file():
        raise ConfigError(f"no such config file: {file}")
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise ConfigError(f"{file}: not a UTF-8 text file (byte {err.start})") from None
    except OSError as err:
        raise ConfigError(f"{file}: cannot be read ({err.strerror or err})") from None
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as err:
        raise ConfigError(f"{file}: not valid YAML ({_problem(err)})") from None
    config = TrainConfig.from_dict(data, source=str(file))
    return config.override(overrides, source=f"{file} + command line") if overrides else config


def _problem(err: yaml.YAMLError) -> str:
    """The YAML parser's report in one line: the problem and where it is."""
    problem = getattr(err, "problem", None)
    mark = getattr(err, "problem_mark", None)
    if problem and mark is not None:
        return f"{problem} at line {mark.line + 1}, column {mark.column + 1}"
    return " ".join(str(err).split())


def _build(cls: type, data: Any, *, prefix: str, source: str) -> Any:
    if data is None:
        data = {}
    if not isinstance(data, dict):
        where = prefix.rstrip(".") or "config"
        raise ConfigError(f"{source}: '{where}' must be a mapping, got {data!r}")
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    unknown = sorted(set(data) - set(names))
    if unknown:
        where = f"'{prefix}{unknown[0]}'"
        raise ConfigError(
            f"{source}: unknown key {where}; known under '{prefix or '.'}': {', '.join(names)}"
        )
    values = {}
    for name in names:
        if name in data:
            values[name] = _coerce(hints[name], data[name], f"{prefix}{name}", source)
    return cls(**values)


def _coerce(hint: Any, value: Any, key: str, source: str) -> Any:
    origin = typing.get_origin(hint)
    if dataclasses.is_dataclass(hint):
        return _build(hint, value, prefix=f"{key}.", source=source)
    if origin is Literal:
        choices = typing.get_args(hint)
        if value not in choices:
            raise ConfigError(
                f"{source}: '{key}' must be one of {', '.join(map(str, choices))}, got {value!r}"
            )
        return value
    if origin in (list, tuple):
        (item,) = typing.get_args(hint)[:1]
        if not isinstance(value, list):
            raise ConfigError(f"{source}: '{key}' must be a list, got {value!r}")
        return [_coerce(item, v, f"{key}[{i}]", source) for i, v in enumerate(value)]
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if len(options) != 1:
            raise ConfigError(f"{source}: '{key}': union types are not supported in configs")
        return None if value is None else _coerce(options[0], value, key, source)  # optional
    if hint is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{source}: '{key}' must be true or false, got {value!r}")
        return value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{source}: '{key}' must be an integer, got {value!r}")
        return value
    if hint is float:
        if isinstance(value, bool):
            raise ConfigError(f"{source}: '{key}' must be a number, got {value!r}")
        number = None
        if isinstance(value, (int, float, str)):
            try:
                number = float(value)  # "3e-5": PyYAML's reading of exponents without a dot
            except OverflowError:  # an integer beyond any float
                number = math.inf
            except ValueError:
                pass
        if number is None:
            raise ConfigError(f"{source}: '{key}' must be a number, got {value!r}")
        if not math.isfinite(number):
            raise ConfigError(f"{source}: '{key}' must be a finite number, got {value!r}")
        return number
    if hint is str:
        if not isinstance(value, str):
            raise ConfigError(f"{source}: '{key}' must be a string, got {value!r}")
        return value
    raise ConfigError(f"{source}: '{key}': unsupported type {hint!r}")
