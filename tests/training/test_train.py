from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from extras import needs_extra

from framing.data.annotated import DataError, load_examples, read_jsonl
from framing.labels import MODES
from framing.records import Example
from framing.training import runs, train
from framing.training.config import load_config

REPO = Path(__file__).resolve().parents[2]


def quick(tmp_path: Path, *extra: str):
    """A config for a fast run into ``tmp_path / "run"``: the tiny run's settings (conftest)."""
    from extras import TINY_RUN

    return load_config(overrides=[*TINY_RUN, f"output_dir={tmp_path / 'run'}", *extra])


@pytest.fixture(scope="module")
def finished(tiny_run: Path) -> Path:
    return tiny_run


def test_a_run_leaves_everything(finished: Path) -> None:
    names = {p.name for p in finished.iterdir()}
    assert names >= {"model", "config.yaml", "metrics.json", "report.md", "train.log"}
    assert {"confusion_stance.png", "confusion_mode.png"} <= names
    assert not list(finished.parent.glob(".run.*")), "the temporary directory was left behind"
    metrics = json.loads((finished / "metrics.json").read_text())
    assert metrics["schema_version"] == 1
    assert metrics["systems"] == ["tfidf", "majority", "keyword"]
    for task in ("stance", "mode", "reported"):
        for system in metrics["systems"]:
            entry = metrics["tasks"][task][system]
            low, high = entry["macro_f1"]["ci"]
            assert low <= entry["macro_f1"]["value"] <= high
    assert set(metrics["tasks"]["stance"]["tfidf"]["per_article"]) == set(
        metrics["data"]["documents"]
    )
    assert "iran" in metrics["tasks"]["stance"]["tfidf"]["per_actor"]
    assert set(metrics["tasks"]["frames"]) == {
        "supportive_of_iran",
        "critical_of_us",
        "neutral_reporting",
    }
    documents = metrics["tasks"]["documents"]["tfidf"]
    right = [g["predicted"] == g["gold"] for g in documents["genre"].values()]
    assert len(right) == 5 and documents["genre_accuracy"] == sum(right) / 5
    report = (finished / "report.md").read_text()
    assert "| tfidf |" in report and "| majority |" in report and "| keyword |" in report
    assert "20 resamples of the articles" in report
    assert metrics["evaluation"]["interval"] == "percentile bootstrap over articles"
    from framing.models import load_model

    model = load_model(finished / "model")
    assert model.predict([Example("Tehran praised Baghdad.")])[0].mode in MODES


@pytest.mark.slow
def test_same_seed_same_metrics(finished: Path, tmp_path: Path, tiny_run_args: list[str]) -> None:
    again = tmp_path / "again"
    assert train.main(["--output-dir", str(again), *tiny_run_args]) == 0
    for name in ("metrics.json", "predictions.jsonl"):
        assert (again / name).read_bytes() == (finished / name).read_bytes()


@pytest.mark.slow
def test_interrupted_run_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from framing.models.tfidf import TfidfModel

    def boom(self, directory):
        raise KeyboardInterrupt

    monkeypatch.setattr(TfidfModel, "_save", boom)
    config = quick(tmp_path, "evaluation.cv=none")
    with pytest.raises(KeyboardInterrupt):
        train.run(config)
    assert list(tmp_path.iterdir()) == []


def test_the_out_of_fold_predictions_score_the_run_again(finished: Path) -> None:
    """predictions.jsonl holds what the scores and their intervals are computed from: decoded
    and grouped by article, it gives metrics.json's numbers without training."""
    from framing.labels import STANCES, decode
    from framing.training.metric import classification_scores

    metrics = json.loads((finished / "metrics.json").read_text())
    rows = [json.loads(line) for line in (finished / "predictions.jsonl").open()]
    assert {r["system"] for r in rows} == set(metrics["systems"])
    rows = [r for r in rows if r["system"] == "tfidf"]
    assert len(rows) == metrics["data"]["sentences"]
    ev = metrics["evaluation"]
    gold, pred, docs = [], [], []
    for r in rows:
        p = r["predicted"]
        got = decode(
            [p["mode"][m] for m in MODES],
            p["reported"],
            [m["actor"] for m in r["mentions"]],
            [[s[label] for label in STANCES] for s in p["stances"]],
        )
        gold += [m["stance"] for m in r["mentions"]]
        pred += got["stances"]
        docs += [r["doc_id"]] * len(r["mentions"])
    again = classification_scores(pred, gold, STANCES, ["supportive", "critical"], docs,
                                  ev["bootstrap"], ev["confidence"], ev["seed"])  # fmt: skip
    stance = metrics["tasks"]["stance"]["tfidf"]
    for name in ("macro_f1", "f_avg"):
        assert stance[name] == {"value": again[name], "ci": again["ci"][name]}


def test_the_model_records_its_text_front_end(finished: Path) -> None:
    from framing.models import load_model

    saved = json.loads((finished / "model" / "framing.json").read_text())
    assert saved["preprocessing"] == {"segmenter": "default", "cleaning": None}
    assert load_model(finished / "model").preprocessing == saved["preprocessing"]


def test_bad_config_on_the_command_line(capsys: pytest.CaptureFixture) -> None:
    assert train.main(["model.family=bert"]) == 2
    assert "'model.family' must be one of" in capsys.readouterr().err


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


ROW = {
    "doc_id": "d1",
    "text": "Tehran praised Baghdad.",
    "mode": "news",
    "reported": False,
    "mentions": [{"text_start": 0, "text_end": 6, "actor": "iran"}],
    "stances": [{"actor": "iran", "stance": "neutral"}],
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"mode": "rant"}, r"mine\.jsonl row 2: unknown mode 'rant'"),
        (
            {"mentions": [{"text_start": 0, "text_end": 99, "actor": "iran"}]},
            "row 2: mention offsets",
        ),
        (
            {"mentions": [{"text_start": 0, "text_end": 6, "actor": "persia"}]},
            "actor 'persia' is not in",
        ),
        ({"stances": [{"actor": "iran", "stance": "hostile"}]}, "unknown stance 'hostile'"),
        ({"text": ""}, "row 2: empty"),
    ],
)
def test_bad_rows_name_file_and_row(tmp_path: Path, change: dict, message: str) -> None:
    path = write_jsonl(tmp_path / "mine.jsonl", [ROW, {**ROW, **change}])
    with pytest.raises(DataError, match=message):
        load_examples(str(path))


def test_user_data_in_csv_and_parquet(tmp_path: Path) -> None:
    rows = [r for r in read_jsonl(REPO / "training" / "data" / "sentences.jsonl")][:30]
    path = tmp_path / "mine.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(
            handle, ["doc_id", "text", "mode", "reported", "mentions", "stances"]
        )
        writer.writeheader()
        for r in rows:
            flat = {k: r[k] for k in ("doc_id", "text", "mode", "reported")}
            flat["mentions"] = json.dumps(r["mentions"])
            flat["stances"] = json.dumps(r["stances"])
            writer.writerow(flat)
    from_csv = load_examples(str(path))
    assert len(from_csv) == 30
    import datasets

    datasets.Dataset.from_list(rows).to_parquet(str(tmp_path / "mine.parquet"))
    assert load_examples(str(tmp_path / "mine.parquet")) == from_csv


def test_hub_source_offline_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    with pytest.raises(DataError, match="could not load the Hub dataset 'someone/framing-set'"):
        load_examples("someone/framing-set")


def cross_validated(tmp_path: Path, rows: list[dict]) -> tuple[list[str], dict]:
    """The notes and scores of a run's cross-validation on ``rows`` (what train.run puts in
    metrics.json), without the files of a run."""
    from framing.training.scoring import evaluate_predictions
    from framing.training.trainer import cross_validate

    config = quick(tmp_path, f"data.source={write_jsonl(tmp_path / 'rows.jsonl', rows)}")
    examples = load_examples(config.data.source)
    systems = [config.model.family, *config.evaluation.baselines]
    predictions, notes = cross_validate(examples, config, systems)
    return notes, evaluate_predictions(predictions, config, {})


def test_single_class_folds_are_reported_not_fatal(tmp_path: Path) -> None:
    base = {"reported": False, "mentions": [{"text_start": 0, "text_end": 6, "actor": "iran"}]}
    rows = []
    for doc, mode, stance in (
        ("a", "news", "neutral"),
        ("b", "opinion", "supportive"),
        ("c", "news", "neutral"),
    ):
        for i in range(4):
            text = f"Tehran item {doc} {i} here."
            stances = [{"actor": "iran", "stance": stance}]
            rows.append({**base, "doc_id": doc, "text": text, "mode": mode, "stances": stances})
    notes, tasks = cross_validated(tmp_path, rows)
    assert any("single class" in n for n in notes)
    assert any("no training example of mode" in n for n in notes)
    assert tasks["mode"]["tfidf"]["n"] == 12


def test_output_dir_that_is_not_a_run_is_refused(tmp_path: Path, monkeypatch) -> None:
    precious = tmp_path / "thesis"
    precious.mkdir()
    (precious / "thesis.tex").write_text("years of work")
    with pytest.raises(ValueError, match="not an earlier run"):
        runs.check_output_dir(precious)
    monkeypatch.chdir(precious)
    for dangerous in (Path("."), Path(".."), Path.home(), Path("/")):
        with pytest.raises(ValueError, match="refusing"):
            runs.check_output_dir(dangerous, overwrite=True)
    assert (precious / "thesis.tex").read_text() == "years of work"
    assert train.main(["--output-dir", str(precious), "model.family=tfidf"]) == 2
    assert (precious / "thesis.tex").exists()


def test_an_earlier_run_is_replaced(finished: Path) -> None:
    assert runs.is_run(finished)
    assert runs.check_output_dir(finished) == finished.resolve()


def test_data_without_any_mention(tmp_path: Path) -> None:
    rows = [
        {"doc_id": doc, "text": f"Talks {doc} {i} went on.", "mode": mode, "reported": False,
         "mentions": [], "stances": []}
        for doc, mode in (("a", "news"), ("b", "opinion"), ("c", "news"))
        for i in range(4)
    ]  # fmt: skip
    data = write_jsonl(tmp_path / "none.jsonl", rows)
    metrics = train.run(quick(tmp_path, f"data.source={data}"))
    assert metrics["tasks"]["stance"]["tfidf"] is None
    assert metrics["tasks"]["mode"]["tfidf"]["n"] == 12
    assert (tmp_path / "run" / "report.md").is_file()


def test_a_fold_without_mentions_in_training(tmp_path: Path) -> None:
    mention = {"text_start": 0, "text_end": 6, "actor": "iran"}
    rows = [
        {**ROW, "doc_id": "a", "text": f"Tehran item {i}.", "mentions": [mention]} for i in range(4)
    ]
    rows += [
        {**ROW, "doc_id": "b", "text": f"Talks {i}.", "mentions": [], "stances": []}
        for i in range(4)
    ]
    notes, tasks = cross_validated(tmp_path, rows)
    assert any("no mentions in training" in n for n in notes)
    assert tasks["stance"]["tfidf"]["n"] == 4


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"reported": "false"}, "'reported' must be true or false"),
        ({"doc_id": None}, "'doc_id' must be a non-empty string"),
        ({"mentions": None}, "'mentions' must be a list of objects"),
        ({"stances": [{"stance": "neutral"}]}, "actor None is not in the lexicon"),
        ({"stances": [{"actor": a, "stance": "neutral"} for a in ("iran", "iraq")]},
         r"stances for actors with no mention: \['iraq'\]"),
    ],
)  # fmt: skip
def test_malformed_rows_are_data_errors(tmp_path: Path, change: dict, message: str) -> None:
    path = write_jsonl(tmp_path / "mine.jsonl", [{**ROW, **change}])
    with pytest.raises(DataError, match=message):
        load_examples(str(path))


def test_a_dataset_folder_and_hub_ids_with_dots(tmp_path: Path) -> None:
    assert len(load_examples(str(REPO / "training"))) == 103  # the card's folder: data/ inside
    from framing.data.annotated import looks_local

    assert not looks_local("user/my.set")
    assert looks_local("./mine.jsonl") and looks_local("mine.csv")


def test_the_configured_segmenter_is_recorded(tmp_path: Path) -> None:
    needs_extra("blingfire")
    rows = [
        {**ROW, "doc_id": doc, "text": f"Tehran item {doc} {i}.", "mode": mode}
        for doc, mode in (("a", "news"), ("b", "opinion"))
        for i in range(3)
    ]
    data = write_jsonl(tmp_path / "six.jsonl", rows)
    train.run(quick(tmp_path, f"data.source={data}", "evaluation.cv=none", "segmenter=blingfire"))
    from framing.models import load_model

    model = load_model(tmp_path / "run" / "model")
    assert model.preprocessing == {"segmenter": "blingfire", "cleaning": None}


def test_a_runs_metrics_json_is_written_by_its_record(finished: Path) -> None:
    """metrics.json is written through the Metrics record: read back, it is the same record,
    written back, the same bytes."""
    from framing.records import Metrics, from_dict, to_dict

    text = (finished / "metrics.json").read_text(encoding="utf-8")
    record = from_dict(Metrics, json.loads(text))
    assert record.tasks is not None and record.systems[0] in record.tasks.stance
    assert json.dumps(to_dict(record), indent=2) + "\n" == text
