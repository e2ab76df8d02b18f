"""Training configs and run folders under bad input: every value that cannot be used is a
one-line config error naming the key (exit 2, before anything runs), and a run never deletes
files it did not write."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from framing.training import runs, train
from framing.training.config import ConfigError, TrainConfig, load_config

# settings that would make the run start (and fail or spin later) if they passed validation
NON_FINITE = [
    ("model.tfidf.C=nan", "'model.tfidf.C' must be a finite number"),
    ("model.tfidf.C=.inf", "'model.tfidf.C' must be a finite number"),
    ("model.tfidf.C=1e400", "'model.tfidf.C' must be a finite number"),
    ("model.tfidf.C=" + "9" * 400, "'model.tfidf.C' must be a finite number"),
    ("model.frozen.C=-.inf", "'model.frozen.C' must be a finite number"),
    ("model.finetune.learning_rate=nan", "'model.finetune.learning_rate' must be a finite"),
    ("model.finetune.epochs=nan", "'model.finetune.epochs' must be a finite number"),
    ("model.finetune.warmup_ratio=.nan", "'model.finetune.warmup_ratio' must be a finite"),
    ("data.public_epochs=inf", "'data.public_epochs' must be a finite number"),
    ("evaluation.confidence=nan", "'evaluation.confidence' must be a finite number"),
]


@pytest.mark.parametrize(("override", "message"), NON_FINITE)
def test_non_finite_numbers_are_config_errors(override: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_config(overrides=[override])


@pytest.mark.parametrize("seed", [-1, 2**32, 10**30])
def test_seeds_out_of_range_are_config_errors(seed: int) -> None:
    with pytest.raises(ConfigError, match=r"'seed' must lie in 0\.\.4294967295"):
        load_config(overrides=[f"seed={seed}"])
    with pytest.raises(ConfigError, match="'seed'"):
        TrainConfig.from_dict({"seed": seed})


def test_the_largest_seed_is_accepted() -> None:
    assert load_config(overrides=[f"seed={2**32 - 1}"]).seed == 2**32 - 1


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ("model.tfidf.C=[1", "the value of 'model.tfidf.C' is not valid YAML: '\\[1'"),
        ("model.tfidf.word_ngrams={1: [", "the value of 'model.tfidf.word_ngrams' is not valid"),
        ('model.family="tfidf', "the value of 'model.family' is not valid YAML"),
        ("seed=*anchor", "the value of 'seed' is not valid YAML"),
    ],
)
def test_unparsable_overrides_are_one_line_config_errors(override: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        load_config(overrides=[override])
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (bytes(range(256)) * 4, "not a UTF-8 text file"),
        (b"model: {family: tfidf\nseed: 1\n", "not valid YAML"),
        (b"model:\n  family: tfidf\n   seed: 1\n", "not valid YAML"),
        (b"\t- a", "not valid YAML"),
    ],
)
def test_unreadable_config_files_are_one_line_config_errors(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "config.yaml"
    path.write_bytes(content)
    with pytest.raises(ConfigError, match=message) as caught:
        load_config(path)
    assert "\n" not in str(caught.value)
    assert str(path) in str(caught.value)


def test_a_folder_given_as_config_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="a folder, not a config file"):
        load_config(tmp_path)


@pytest.mark.parametrize("encoder", ["../../etc", "/", "."])
def test_an_encoder_folder_that_is_not_an_encoder_is_a_config_error(encoder: str) -> None:
    with pytest.raises(ConfigError, match=r"'model\.frozen\.encoder'") as caught:
        load_config(overrides=["model.family=frozen", f"model.frozen.encoder={encoder}"])
    assert "\n" not in str(caught.value)


def test_max_length_beyond_the_encoder_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match=r"'model\.finetune\.max_length' is 4096"):
        load_config(overrides=["model.finetune.max_length=4096"])


@pytest.mark.parametrize(
    "argv",
    [
        ["model.tfidf.C=nan"],
        ["seed=-1"],
        ["model.tfidf.C=[1"],
        ["model.family=frozen", "model.frozen.encoder=../../etc"],
        ["model.family=frozen", "model.frozen.max_length=100000"],
        ["--config", "BINARY"],
    ],
)
def test_the_command_line_says_one_line_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(bytes(range(256)))
    argv = [str(binary) if a == "BINARY" else a for a in argv]
    out = tmp_path / "run"
    quick = ["model.family=tfidf", "evaluation.cv=none", "evaluation.baselines=[]"]
    assert train.main(["--output-dir", str(out), *quick, *argv]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and "\n" not in err and "Traceback" not in err
    assert not out.exists()


# -- run folders ----------------------------------------------------------------------------------
def fake_run(directory: Path, *, manifest: bool = True) -> Path:
    """A folder laid out like a finished run (model, config, metrics), with its manifest."""
    (directory / "model").mkdir(parents=True)
    (directory / "model" / "framing.json").write_text("{}")
    (directory / "model" / "tfidf.npz").write_bytes(b"")
    (directory / "config.yaml").write_text("seed: 0\n")
    (directory / "metrics.json").write_text("{}")
    (directory / "confusion_mode.png").write_bytes(b"")
    if manifest:
        runs.write_manifest(directory)
    return directory


def test_the_manifest_lists_what_the_run_wrote(tmp_path: Path) -> None:
    run = fake_run(tmp_path / "run")
    files = json.loads((run / runs.MANIFEST).read_text())["files"]
    assert files == [
        "config.yaml",
        "confusion_mode.png",
        "metrics.json",
        "model/framing.json",
        "model/tfidf.npz",
    ]
    assert runs.foreign_files(run) == []


@pytest.mark.parametrize("manifest", [True, False])
def test_a_rerun_refuses_over_files_the_run_did_not_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], manifest: bool
) -> None:
    run = fake_run(tmp_path / "run", manifest=manifest)
    (run / "notes.md").write_text("my notes")
    (run / "analysis").mkdir()
    (run / "analysis" / "plot.py").write_text("print(1)")
    if manifest:  # with a manifest, a file a user put into model/ is known to be theirs
        (run / "model" / "README.md").write_text("my card")
    with pytest.raises(ValueError, match="holds files the run did not write") as caught:
        runs.check_output_dir(run)
    assert "notes.md" in str(caught.value) and "analysis/plot.py" in str(caught.value)
    assert ("model/README.md" in str(caught.value)) == manifest
    # from the command line: one line, exit 2, before any training, nothing touched
    assert train.main(["--output-dir", str(run), "model.family=tfidf"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and "\n" not in err
    assert (run / "notes.md").read_text() == "my notes"
    assert (run / "analysis" / "plot.py").exists()
    # --overwrite is the explicit way through
    assert runs.check_output_dir(run, overwrite=True) == run.resolve()


def test_a_clean_earlier_run_is_still_replaced(tmp_path: Path) -> None:
    run = fake_run(tmp_path / "run")
    assert runs.check_output_dir(run) == run.resolve()
    work = fake_run(tmp_path / ".run.work")
    runs.replace(work, run)
    assert not list(tmp_path.glob(".run.old-*")), "the earlier run was not deleted"
    assert runs.foreign_files(run) == []


def test_files_added_during_training_are_kept_aside(tmp_path: Path) -> None:
    run = fake_run(tmp_path / "run")
    assert runs.check_output_dir(run) == run.resolve()
    (run / "added-meanwhile.txt").write_text("keep me")  # while the new run was training
    work = fake_run(tmp_path / ".run.work")
    runs.replace(work, run)
    kept = list(tmp_path.glob(".run.old-*"))
    assert len(kept) == 1 and (kept[0] / "added-meanwhile.txt").read_text() == "keep me"
    assert runs.foreign_files(run) == []  # the new run is in place


def test_a_folder_that_is_not_a_run_is_never_deleted_by_run(tmp_path: Path) -> None:
    precious = tmp_path / "thesis"
    precious.mkdir()
    (precious / "thesis.tex").write_text("years of work")
    work = fake_run(tmp_path / ".thesis.work")
    runs.replace(work, precious)  # what train.run() does at its end
    kept = list(tmp_path.glob(".thesis.old-*"))
    assert len(kept) == 1 and (kept[0] / "thesis.tex").read_text() == "years of work"
