"""Typed training configs: YAML in ``configs/``, validated before anything runs.

Every field has a type; a value of the wrong type, an unknown key, a missing file, an unknown
segmenter, model family or label is an error that names the key (dotted, ``model.tfidf.C``) and
the value (:mod:`framing.training.typed`). The ``model.<family>`` sections are not written here:
each is made from the parameters its family declares (:mod:`framing.models.params`), so a
family registered in :data:`framing.models.families.FAMILIES` is configurable with no change to
this module. Command-line overrides (``model.family=frozen``, :mod:`framing.training.overrides`)
go through the same checks.

Example:
    >>> config = TrainConfig.from_dict({"model": {"family": "tfidf", "tfidf": {"C": "3e-1"}}})
    >>> config.model.tfidf.C
    0.3
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from framing.models.families import FAMILIES
from framing.models.params import AT_LEAST_ONE, NON_NEGATIVE, POSITIVE, SEED, Rule, param
from framing.training.config_checks import check_encoder
from framing.training.overrides import apply_overrides
from framing.training.sections import BASELINES, ModelConfig, model_config_class, section_class
from framing.training.typed import ConfigError, build, yaml_problem

__all__ = [
    "BASELINES",
    "HELDOUT",
    "PUBLIC_ONLY",
    "BenchmarkFile",
    "ConfigError",
    "DataConfig",
    "EvaluationConfig",
    "ModelConfig",
    "TrainConfig",
    "load_config",
    "model_config_class",
    "section_class",
]

_PROPER_FRACTION = Rule(lambda v: 0 < v < 1, "lie in (0, 1)")
_AT_LEAST_TWO = Rule(lambda v: v >= 2, "be >= 2")
# the baseline that is the configured family trained on data.public alone (zero-shot on source)
PUBLIC_ONLY = "public_only"
# the held-out sets: the corpus's dev and test splits, its seed config, the bundled set
HELDOUT = ("dev", "test", "seed", "annotated")


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
    limit: int = param(0, rule=NON_NEGATIVE)
    repeat: int = param(1, rule=AT_LEAST_ONE)

    @property
    def key(self) -> str:
        return self.name or f"{self.benchmark}/{Path(self.path).stem}"


@dataclass
class DataConfig:
    """Where the training sentences come from.

    Attributes:
        source: ``annotated`` (the bundled set), ``corpus`` (the framing corpus of a checkout,
            its ``split``) or ``seed`` (the seed set re-labelled with it), a local file or folder
            (JSONL, CSV or Parquet in the documented schema, see README), a Hub dataset id
            (``user/name``), or ``none`` (train on ``public`` only; needs ``evaluation.cv: none``).
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
        public_stage: a model folder of that first stage (a run's ``public_stage/``) to continue
            from instead of training it again; it must have the family's settings.
    """

    source: str = "annotated"
    lexicon: str = ""
    split: str = "train"
    use_test: bool = False
    revision: str = ""
    public: list[BenchmarkFile] = field(default_factory=list)
    public_epochs: float = param(2.0, rule=POSITIVE)
    public_stage: str = ""


@dataclass
class EvaluationConfig:
    """How the model is judged: cross-validation with bootstrap intervals and baselines; then the
    final model (and every baseline) on each ``heldout`` set, and the final model on each of
    ``benchmarks`` (their dev splits, official metrics).

    Attributes:
        cv: ``leave_one_article_out``, ``grouped_kfold`` (``folds`` folds of whole articles,
            dealt as :func:`framing.data.corpus.fold_of` deals them) or ``none``.
        folds: the number of folds of ``grouped_kfold``.
        bootstrap, confidence: the intervals' bootstrap resamples (0: none) and level.
        baselines: the systems beside the model: ``majority``, ``keyword`` and ``public_only``
            (the configured family trained on ``data.public`` alone).
        heldout: sets scored once by the final model and the baselines trained on all the
            training data: ``dev`` or ``test`` (the corpus's splits; test for final scores
            only), ``seed`` (the corpus's seed config) or ``annotated`` (the bundled set).
        benchmarks: public benchmark files the final model is scored on.
    """

    cv: Literal["leave_one_article_out", "grouped_kfold", "none"] = "leave_one_article_out"
    folds: int = param(5, rule=_AT_LEAST_TWO)
    bootstrap: int = param(1000, rule=NON_NEGATIVE)
    confidence: float = param(0.95, rule=_PROPER_FRACTION)
    baselines: list[str] = field(default_factory=lambda: list(BASELINES))
    heldout: list[Literal["dev", "test", "seed", "annotated"]] = field(default_factory=list)
    benchmarks: list[BenchmarkFile] = field(default_factory=list)


def __getattr__(name: str) -> Any:
    # the built-in families' sections, under the names they had when they were written here
    sections = {"TfidfConfig": "tfidf", "FrozenConfig": "frozen", "FinetuneConfig": "finetune"}
    if name in sections:
        return section_class(FAMILIES.get(sections[name]))
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass
class TrainConfig:
    """Everything ``python -m framing.train`` needs.

    Attributes:
        data: where the training sentences come from.
        model: the family to train and its parameters.
        evaluation: how the model is judged.
        segmenter: the sentence segmenter a model trained with this config reads articles with
            (recorded in its ``framing.json``, see :meth:`preprocessing`).
        cleaning: a cleaning-rules YAML (like ``configs/cleaning.yaml``, read by
            :meth:`framing.CleanConfig.from_dict`), or null for the built-in rules.
        seed: seeds every random choice of the run.
        output_dir: where the run is written.
    """

    data: DataConfig = field(default_factory=DataConfig)
    model: ModelConfig = field(default_factory=lambda: model_config_class()())
    evaluation: EvaluationConfig = field(default_factory=EvaluationConfig)
    segmenter: str = "default"
    cleaning: str | None = None
    seed: int = param(0, rule=SEED)
    output_dir: str = "outputs/default"

    @classmethod
    def from_dict(cls, data: Any, *, source: str = "config") -> TrainConfig:
        """A config from a mapping (a YAML file's), every value checked.

        Raises:
            ConfigError: the first value that cannot be used, naming its key.
        """
        hints = {"model": model_config_class()}
        config = build(cls, data, prefix="", source=source, hints=hints)
        config.validate(source)
        return config

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def override(self, assignments: list[str], *, source: str = "command line") -> TrainConfig:
        """A copy with ``key.sub=value`` assignments applied (values parsed as YAML).

        Raises:
            ConfigError: a malformed assignment, an unknown key or a value that cannot be used.
        """
        data = apply_overrides(self.to_dict(), assignments, source=source)
        return TrainConfig.from_dict(data, source=source)

    def preprocessing(self, source: str = "config") -> dict[str, Any]:
        """The text front end of a model trained with this config, as its ``framing.json``
        records it (:attr:`framing.models.base.FramingModel.preprocessing`): the segmenter's
        name and the cleaning rules (the mapping of the ``cleaning`` file, or None for the
        built-in rules).

        Raises:
            ConfigError: the ``cleaning`` file is missing or its rules are invalid.
        """
        return {"segmenter": self.segmenter, "cleaning": self.cleaning_rules(source)}

    def cleaning_rules(self, source: str = "config") -> dict[str, Any] | None:
        """The mapping of the ``cleaning`` file, checked by ``CleanConfig.from_dict``; None for
        the built-in rules.

        Raises:
            ConfigError: the file is missing, unreadable, not YAML or not valid cleaning rules.
        """
        if not self.cleaning:
            return None
        from framing.text.clean import CleanConfig

        file = Path(self.cleaning).expanduser()
        if not file.is_file():
            raise ConfigError(f"{source}: no such file '{self.cleaning}' (key 'cleaning')")
        try:
            rules = _read_yaml(file)
        except ConfigError as err:
            raise ConfigError(f"{source}: key 'cleaning': {err}") from None
        rules = {} if rules is None else rules
        try:
            CleanConfig.from_dict(rules, source=str(file))
        except ValueError as err:
            raise ConfigError(f"{source}: key 'cleaning': {err}") from None
        return rules

    def validate(self, source: str = "config") -> None:
        """Checks that need more than types and ranges: known segmenter and baselines, existing
        files, an encoder that fits the settings, data sources and splits that go together.

        Raises:
            ConfigError: the first check that fails, naming the key.
        """
        from framing.text.segment import available_segmenters

        known = available_segmenters(installed_only=False)
        if self.segmenter not in known:
            raise ConfigError(
                f"{source}: unknown segmenter '{self.segmenter}' (key 'segmenter'); "
                f"known: {', '.join(sorted(known))}"
            )
        self.cleaning_rules(source)
        known_baselines = (*BASELINES, PUBLIC_ONLY)
        for baseline in self.evaluation.baselines:
            if baseline not in known_baselines:
                raise ConfigError(
                    f"{source}: unknown baseline '{baseline}' (key 'evaluation.baselines'); "
                    f"known: {', '.join(known_baselines)}"
                )
        if PUBLIC_ONLY in self.evaluation.baselines and not self.data.public:
            raise ConfigError(
                f"{source}: baseline '{PUBLIC_ONLY}' (key 'evaluation.baselines') is the model "
                "trained on 'data.public' alone, and 'data.public' is empty"
            )
        self._check_heldout(source)
        check_encoder(self.model, source)
        if self.data.lexicon and not Path(self.data.lexicon).is_file():
            raise ConfigError(f"{source}: no such file '{self.data.lexicon}' (key 'data.lexicon')")
        self._check_source(source)
        for key, files in (("data.public", self.data.public),
                           ("evaluation.benchmarks", self.evaluation.benchmarks)):  # fmt: skip
            for i, file in enumerate(files):
                if not Path(file.path).expanduser().is_file():
                    raise ConfigError(
                        f"{source}: no such {file.benchmark} file '{file.path}' "
                        f"(key '{key}[{i}].path')"
                    )
                if key == "evaluation.benchmarks" and file.repeat != 1:
                    raise ConfigError(f"{source}: '{key}[{i}].repeat' only applies to data.public")
        keys = [file.key for file in self.evaluation.benchmarks]
        twice = sorted({k for k in keys if keys.count(k) > 1})
        if twice:
            raise ConfigError(
                f"{source}: 'evaluation.benchmarks' names {twice} more than once: give each file "
                "its own 'name'"
            )

    def _check_source(self, source: str) -> None:
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
        stage = self.data.public_stage
        if stage and not (Path(stage).expanduser() / "framing.json").is_file():
            raise ConfigError(f"{source}: 'data.public_stage' {stage!r} is not a model folder")
        if src == "none":
            if not self.data.public:
                raise ConfigError(f"{source}: 'data.source' is none and 'data.public' is empty")
            if self.evaluation.cv != "none":
                raise ConfigError(
                    f"{source}: 'data.source' is none: there are no articles to leave out; "
                    "set 'evaluation.cv' to none"
                )

    def _check_heldout(self, source: str) -> None:
        """Held-out sets named once, none of them the training data (a corpus split read for
        training, the seed or bundled set as ``data.source``); the run checks the documents."""
        heldout = self.evaluation.heldout
        twice = sorted({h for h in heldout if heldout.count(h) > 1})
        if twice:
            raise ConfigError(f"{source}: 'evaluation.heldout' names {twice} more than once")
        src, split = self.data.source, self.data.split
        for name in heldout:
            inside = (src == "corpus" and split in (name, "all")) or src == name
            if inside:
                raise ConfigError(
                    f"{source}: held-out set '{name}' (key 'evaluation.heldout') is part of the "
                    f"training data (data.source {src}, data.split {split})"
                )


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
    config = TrainConfig.from_dict(_read_yaml(file) or {}, source=str(file))
    return config.override(overrides, source=f"{file} + command line") if overrides else config


def _read_yaml(file: Path) -> Any:
    """The YAML value of a file.

    Raises:
        ConfigError: not UTF-8, unreadable or not valid YAML (one line, naming the file).
    """
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise ConfigError(f"{file}: not a UTF-8 text file (byte {err.start})") from None
    except OSError as err:
        raise ConfigError(f"{file}: cannot be read ({err.strerror or err})") from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as err:
        raise ConfigError(f"{file}: not valid YAML ({yaml_problem(err)})") from None
