"""Public benchmark files in training: the config's ``data.public`` and
``evaluation.benchmarks``, and runs that train on them and score them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from public_rows import ANNOTATED, PUBLIC, TEST, write_files, write_jsonl

from framing.data.annotated import DataError
from framing.models import load_model
from framing.models.baselines import MajorityBaseline
from framing.public.benchmarks import load_benchmark, read_benchmark, score_benchmark
from framing.training import train, trainer
from framing.training.config import BenchmarkFile, ConfigError, TrainConfig


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    return write_files(tmp_path)


def test_public_files_and_benchmarks_in_a_config(files: dict[str, Path]) -> None:
    config = TrainConfig.from_dict(
        {
            "model": {"family": "tfidf"},
            "data": {
                "public": [
                    {"benchmark": "newsmtsc", "path": str(files["train"]), "limit": 2},
                    {"benchmark": "checkthat", "path": str(files["ct_train"])},
                ],
                "public_epochs": "5e-1",
            },
            "evaluation": {
                "benchmarks": [
                    {"benchmark": "checkthat", "path": str(files["ct_dev"]), "name": "ct"}
                ]
            },
        }
    )
    assert config.data.public == [
        BenchmarkFile("newsmtsc", str(files["train"]), "", 2),
        BenchmarkFile("checkthat", str(files["ct_train"]), "", 0),
    ]
    assert config.data.public_epochs == 0.5
    assert [f.key for f in config.data.public] == ["newsmtsc/train", "checkthat/ct_train"]
    assert config.evaluation.benchmarks[0].key == "ct"
    assert TrainConfig.from_dict(config.to_dict()) == config


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"data": {"public": [{"benchmark": "newsmtsc", "path": "nowhere.jsonl"}]}},
         r"no such newsmtsc file 'nowhere.jsonl' \(key 'data.public\[0\].path'\)"),
        ({"data": {"public": [{"benchmark": "newsmtsc"}]}}, r"key 'data.public\[0\].path'"),
        ({"evaluation": {"benchmarks": ["TRAIN", {"benchmark": "checkthat", "path": "x.tsv"}]}},
         r"no such checkthat file 'x.tsv' \(key 'evaluation.benchmarks\[1\].path'\)"),
        ({"data": {"public": ["TRAIN_LIMIT"]}}, r"'data.public\[0\].limit' must be >= 0"),
        ({"data": {"source": "none", "public": ["TRAIN"]}}, "set 'evaluation.cv' to none"),
        ({"data": {"source": "none"}, "evaluation": {"cv": "none"}}, "'data.public' is empty"),
        ({"data": {"public": [{"benchmark": "semeval", "path": "x"}]}},
         r"'data.public\[0\].benchmark' must be one of newsmtsc, checkthat, annotated"),
        ({"data": {"public": [{"benchmark": "newsmtsc", "split": "dev"}]}},
         r"unknown key 'data.public\[0\].split'"),
        ({"data": {"public": {"benchmark": "newsmtsc"}}}, "'data.public' must be a list"),
        ({"data": {"public_epochs": 0}}, "'data.public_epochs' must be > 0"),
    ],
)  # fmt: skip
def test_invalid_public_settings_name_the_key(
    data: dict, message: str, files: dict[str, Path]
) -> None:
    def fill(value):
        if value == "TRAIN":
            return {"benchmark": "newsmtsc", "path": str(files["train"])}
        if value == "TRAIN_LIMIT":
            return {"benchmark": "newsmtsc", "path": str(files["train"]), "limit": -1}
        if isinstance(value, dict):
            return {k: fill(v) for k, v in value.items()}
        if isinstance(value, list):
            return [fill(v) for v in value]
        return value

    with pytest.raises(ConfigError, match=message):
        TrainConfig.from_dict({"model": {"family": "tfidf"}, **fill(data)}, source="mine.yaml")


def test_public_files_on_the_command_line(files: dict[str, Path]) -> None:
    base = TrainConfig.from_dict({"model": {"family": "tfidf"}})
    changed = base.override(
        [
            f"data.public=[{{benchmark: checkthat, path: {files['ct_train']}}}, "
            f"{{benchmark: newsmtsc, path: {files['train']}, limit: 3, name: nm}}]",
            "data.source=none",
            "evaluation.cv=none",
        ]
    )
    assert changed.data.public == [
        BenchmarkFile("checkthat", str(files["ct_train"])),
        BenchmarkFile("newsmtsc", str(files["train"]), "nm", 3),
    ]
    assert changed.data.source == "none" and base.data.public == []
    with pytest.raises(
        ConfigError, match=r"command line: no such newsmtsc file .*data.public\[0\]"
    ):
        base.override([f"data.public=[{{benchmark: newsmtsc, path: {files['train']}.gone}}]"])
    with pytest.raises(ConfigError, match=r"set 'evaluation\.cv' to none"):
        changed.override(["evaluation.cv=leave_one_article_out"])


def harness_config(tmp_path: Path, files: dict[str, Path], **data) -> TrainConfig:
    settings = {
        "model": {"family": "tfidf", "tfidf": {"calibration_folds": 0}},
        "data": {
            "source": "annotated",
            "public": [
                {"benchmark": "newsmtsc", "path": str(files["train"])},
                {"benchmark": "checkthat", "path": str(files["ct_train"]), "limit": 3},
            ],
            **data,
        },
        "evaluation": {
            "bootstrap": 20,
            "benchmarks": [
                {"benchmark": "newsmtsc", "path": str(files["dev"])},
                {"benchmark": "checkthat", "path": str(files["ct_dev"]), "name": "ct/dev"},
            ],
        },
        "output_dir": str(tmp_path / "run"),
    }
    if data.get("source") == "none":
        settings["evaluation"]["cv"] = "none"
    return TrainConfig.from_dict(settings)


def tiny_source(tmp_path: Path) -> Path:
    """Three articles of four sentences in the project's schema (a fast stand-in for the set)."""
    rows = []
    for doc, mode, stance, word in (("a", "news", "neutral", "said"),
                                    ("b", "opinion", "critical", "should"),
                                    ("c", "news", "supportive", "praised")):  # fmt: skip
        for i in range(4):
            rows.append(
                {"doc_id": doc, "text": f"Tehran {word} item {doc}{i}.", "mode": mode,
                 "reported": mode == "news",
                 "mentions": [{"text_start": 0, "text_end": 6, "actor": "iran"}],
                 "stances": [{"actor": "iran", "stance": stance}]}
            )  # fmt: skip
    return write_jsonl(tmp_path / "tiny.jsonl", rows)


@pytest.mark.slow  # a cross-validated run: HF evaluate's import and the plots take seconds
@pytest.mark.parametrize(("source", "sentences"), [("tiny", 12), ("annotated", 103)])
def test_a_run_with_public_data_scores_the_benchmarks(
    tmp_path: Path, files, source: str, sentences: int
) -> None:
    source = str(tiny_source(tmp_path)) if source == "tiny" else source
    metrics = train.run(harness_config(tmp_path, files, source=source))
    run = tmp_path / "run"
    assert metrics["data"]["public"] == [
        {
            "benchmark": "newsmtsc",
            "path": str(files["train"]),
            "sentences": 4,
            "mentions": 6,
            "repeat": 1,
        },
        {
            "benchmark": "checkthat",
            "path": str(files["ct_train"]),
            "sentences": 3,
            "mentions": 0,
            "repeat": 1,
        },
    ]
    assert metrics["data"]["sentences"] == sentences  # the public data is not counted here
    assert len(metrics["data"]["documents"]) == (3 if sentences == 12 else 5)
    assert set(metrics["benchmarks"]) == {"newsmtsc/dev", "ct/dev"}
    nm, ct = metrics["benchmarks"]["newsmtsc/dev"], metrics["benchmarks"]["ct/dev"]
    assert nm["n"] == 3 and nm["skipped"] == 0 and nm["path"] == str(files["dev"])
    assert ct["n"] == 2 and ct["benchmark"] == "checkthat"
    model = load_model(run / "model")
    dev, _ = read_benchmark("newsmtsc", files["dev"])
    assert nm["f1m"] == pytest.approx(score_benchmark(model, "newsmtsc", dev)["f1m"])
    # the tfidf family saw the public sentences; the cross-validation rotated only the articles
    assert "zorblax" in model.sentence_features.vectorizers["word"].vocabulary_
    assert set(metrics["tasks"]["stance"]["tfidf"]["per_article"]) == set(
        metrics["data"]["documents"]
    )
    on_disk = json.loads((run / "metrics.json").read_text(encoding="utf-8"))
    assert on_disk["benchmarks"]["ct/dev"]["macro_f1"] == pytest.approx(ct["macro_f1"])
    report = (run / "report.md").read_text(encoding="utf-8")
    assert "## Public benchmarks (the final model)" in report
    assert (
        f"Public data in every fold: newsmtsc {files['train']} (4 sentences, 6 mentions)" in report
    )
    assert f"| newsmtsc/dev | {files['dev']} | 3 | f1m " in report
    assert f"| ct/dev | {files['ct_dev']} | 2 | macro_f1 " in report
    assert "| tfidf |" in report and "## Confusion matrices" in report


def test_a_run_on_public_data_only(tmp_path: Path, files) -> None:
    metrics = train.run(harness_config(tmp_path, files, source="none"))
    run = tmp_path / "run"
    assert "tasks" not in metrics
    assert metrics["data"]["sentences"] == 0 and metrics["data"]["documents"] == []
    assert [(p["benchmark"], p["sentences"], p["mentions"]) for p in metrics["data"]["public"]] == [
        ("newsmtsc", 4, 6),
        ("checkthat", 3, 0),  # limit 3
    ]
    assert set(metrics["benchmarks"]) == {"newsmtsc/dev", "ct/dev"}
    nm = metrics["benchmarks"]["newsmtsc/dev"]
    model = load_model(run / "model")
    dev, _ = read_benchmark("newsmtsc", files["dev"])
    assert nm["n"] == 3
    assert nm["f1m"] == pytest.approx(score_benchmark(model, "newsmtsc", dev)["f1m"])
    assert {p.name for p in run.iterdir()} >= {"model", "config.yaml", "metrics.json", "report.md"}
    assert not list(run.glob("confusion_*.png"))
    report = (run / "report.md").read_text(encoding="utf-8")
    assert "Data: none (0 sentences, 0 mentions, 0 articles)." in report
    assert f"| newsmtsc/dev | {files['dev']} | 3 | f1m " in report
    assert "## Public benchmarks (the final model)" in report and "| ct/dev |" in report
    assert "Confusion" not in report and "| tfidf |" not in report
    assert model.heads.reported.classes == []  # no public set has the reported label
    assert model.heads.mode.classes == ["news", "opinion"]
    assert model.predict(TEST)[0].reported in (True, False)


def test_fitter_gives_the_public_data_to_the_family_only(tmp_path: Path, files) -> None:
    config = harness_config(tmp_path, files)
    public = [*load_benchmark("newsmtsc", files["train"]), *[PUBLIC[3]] * 5]  # mostly critical
    assert MajorityBaseline().fit(public + ANNOTATED).stance == "critical"
    fitter = trainer.Fitter(config, public)
    assert fitter.fit("majority", ANNOTATED).stance == "neutral"  # the annotated fold's only
    tfidf = fitter.fit("tfidf", ANNOTATED)
    assert "zorblax" in tfidf.sentence_features.vectorizers["word"].vocabulary_
    plain = trainer.Fitter(config, []).fit("tfidf", ANNOTATED)
    assert "zorblax" not in plain.sentence_features.vectorizers["word"].vocabulary_


class Recorder:
    """A model that continues training (``warm_start``) and records what it was fitted on."""

    def __init__(self, epochs: float = 8.0) -> None:
        self.epochs = epochs
        self.warm_start = False
        self.fits: list[tuple[int, float, bool]] = []

    def fit(self, examples):
        self.fits.append((len(examples), self.epochs, self.warm_start))
        return self


def test_fitter_trains_a_warm_start_family_on_public_data_once(
    tmp_path: Path, files, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = harness_config(tmp_path, files, public_epochs=1.5)
    config.model.family = "finetune"
    config.model.finetune.epochs = 3.0
    built: list[Recorder] = []

    def build(config, family=None):
        built.append(Recorder())
        return built[-1]

    monkeypatch.setattr(trainer, "build_model", build)
    fitter = trainer.Fitter(config, [{}] * 7)
    first = fitter.fit("finetune", [{}] * 2)
    second = fitter.fit("finetune", [{}] * 4)
    assert fitter.stage().fits == [(7, 1.5, False)]  # trained once, on the public data alone
    assert first.fits == [(7, 1.5, False), (2, 3.0, True)]
    assert second.fits == [(7, 1.5, False), (4, 3.0, True)]
    assert first is not second and fitter.stage() not in (first, second)
    assert fitter.fit("finetune", []) is fitter.stage()  # data.source none: the first stage


def test_a_benchmark_file_with_nothing_to_score_stops_the_run_before_training(
    tmp_path: Path, files
) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text('{"sentence_normalized": "official nested format", "targets": []}\n')
    config = harness_config(tmp_path, files, source=str(tiny_source(tmp_path)))
    config.evaluation.benchmarks[0].path = str(empty)
    with pytest.raises(DataError, match=r"no readable newsmtsc example.*missing key"):
        train.run(config)
    assert not (tmp_path / "run").exists()


def test_benchmark_names_must_differ_and_repeat_is_for_training(files) -> None:
    dev = {"benchmark": "newsmtsc", "path": str(files["dev"])}
    with pytest.raises(ConfigError, match="more than once"):
        TrainConfig.from_dict({"evaluation": {"benchmarks": [dev, dev]}})
    with pytest.raises(ConfigError, match=r"only applies to data\.public"):
        TrainConfig.from_dict({"evaluation": {"benchmarks": [{**dev, "repeat": 2}]}})
