"""Regression tests for model folders: what loading and publishing read, and how they fail.

Each test is a case that once went wrong: an encoder folder outside the model holding a pickled
``pytorch_model.bin``, symbolic links that leave the folder (read, and copied into an upload),
pickles without a pickle suffix, FIFOs, ``framing.load("/")`` walking the whole file system, and
truncated, corrupt, mis-shaped or non-finite files surfacing as raw exceptions (or loading, and
giving NaN). The folders are built from real tiny saved models; no network.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import pickle
import shutil
import time
import zipfile
from pathlib import Path

import numpy as np
import pytest

import framing
from framing import ModelError
from framing.data.annotated import load_examples
from framing.inference.analyzer import BUNDLED

QUICK = {"word_ngrams": (1, 1), "char_ngrams": (3, 3), "max_features": 1000, "calibration_folds": 2}
TEXT = "Tehran welcomed the pact with Baghdad. Washington criticised it."
# protocol 0: `os.system("true")`, text-only bytes with a suffix nothing treats as a pickle
PROTOCOL_0 = b"cos\nsystem\n(S'true'\ntR."


class Marker:
    """Unpickling it creates a folder: proof that the pickle ran."""

    def __init__(self, path: Path) -> None:
        self.path = str(path)

    def __reduce__(self):
        return (os.mkdir, (self.path,))


# -- fixtures -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def tfidf_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from framing.models.tfidf import TfidfModel

    directory = tmp_path_factory.mktemp("tfidf") / "model"
    TfidfModel(**QUICK).fit(load_examples()).save_pretrained(directory)
    return directory


@pytest.fixture
def model(tfidf_dir: Path, tmp_path: Path) -> Path:
    """A fresh copy of the tiny TF-IDF model, with the bundled model's metrics (for a card)."""
    folder = Path(shutil.copytree(tfidf_dir, tmp_path / "model"))
    shutil.copyfile(BUNDLED / "metrics.json", folder / "metrics.json")
    return folder


@pytest.fixture(scope="module")
def minilm() -> Path:
    from framing.models.encoders import PACKAGED

    module = __import__(PACKAGED["sentence-transformers/all-MiniLM-L6-v2"])
    return Path(module.get_model_path())


@pytest.fixture(scope="module")
def frozen_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real ``frozen`` model: heads fitted on vectors of MiniLM's width (384), saved as the
    family saves them; no encoder pass is needed to build it."""
    from framing.models.frozen import FrozenEncoderModel
    from framing.records import as_examples

    examples = as_examples(load_examples()[:60])
    rng = np.random.default_rng(0)
    mentions = sum(len(e.mentions) for e in examples)
    model = FrozenEncoderModel(calibration_folds=0)
    model.heads.fit(rng.normal(size=(60, 384)), rng.normal(size=(mentions, 768)), examples)
    return model.save_pretrained(tmp_path_factory.mktemp("frozen") / "model")


def rewrite_meta(folder: Path, **changes: object) -> None:
    meta = json.loads((folder / "framing.json").read_text(encoding="utf-8"))
    meta.update(changes)
    (folder / "framing.json").write_text(json.dumps(meta), encoding="utf-8")


def rewrite_arrays(folder: Path, change) -> None:
    with np.load(folder / "tfidf.npz") as data:
        arrays = dict(data)
    change(arrays)
    np.savez_compressed(folder / "tfidf.npz", **arrays)


def refused(folder: Path | str, *needles: str) -> str:
    """The ModelError of loading ``folder``; each needle must be in its message."""
    with pytest.raises(ModelError) as err:
        framing.load(folder)
    message = str(err.value)
    for needle in needles:
        assert needle in message, message
    return message


def publish(folder: Path, out: Path, capsys: pytest.CaptureFixture) -> tuple[int, str]:
    from framing.hub.publish import main

    code = main([str(folder), "--repo-id", "me/x", "--dry-run", str(out)])
    return code, capsys.readouterr().err


# -- 1. the frozen family's encoder ---------------------------------------------------------------
def evil_encoder(minilm: Path, folder: Path, marker: Path) -> Path:
    """An encoder folder with MiniLM's config and tokenizer, and pickled weights that would
    create ``marker`` when unpickled."""
    folder.mkdir()
    for name in ("config.json", "tokenizer.json", "tokenizer_config.json", "vocab.txt",
                 "special_tokens_map.json"):  # fmt: skip
        shutil.copyfile(minilm / name, folder / name)
    (folder / "pytorch_model.bin").write_bytes(pickle.dumps(Marker(marker), protocol=2))
    return folder


def test_an_outside_encoder_with_pickled_weights_is_refused_at_load(
    frozen_dir: Path, minilm: Path, tmp_path: Path
) -> None:
    marker = tmp_path / "ran"
    encoder = evil_encoder(minilm, tmp_path / "encoder", marker)
    folder = Path(shutil.copytree(frozen_dir, tmp_path / "model"))
    rewrite_meta(folder, params={**json.loads((frozen_dir / "framing.json").read_text())["params"],
                                 "encoder": str(encoder)})  # fmt: skip
    message = refused(folder, "pytorch_model.bin", str(encoder))
    assert "pickle" in message
    assert not marker.exists()


def test_an_encoder_pickle_without_a_pickle_suffix_is_refused(
    frozen_dir: Path, minilm: Path, tmp_path: Path
) -> None:
    encoder = tmp_path / "encoder"
    encoder.mkdir()
    for name in ("config.json", "tokenizer.json", "tokenizer_config.json", "vocab.txt"):
        shutil.copyfile(minilm / name, encoder / name)
    os.symlink(minilm / "model.safetensors", encoder / "model.safetensors")  # leaves the folder
    folder = Path(shutil.copytree(frozen_dir, tmp_path / "model"))
    params = json.loads((frozen_dir / "framing.json").read_text())["params"]
    rewrite_meta(folder, params={**params, "encoder": str(encoder)})
    refused(folder, "model.safetensors", "outside")
    (encoder / "model.safetensors").unlink()
    shutil.copyfile(minilm / "model.safetensors", encoder / "model.safetensors")
    (encoder / "weights.dat").write_bytes(pickle.dumps(Marker(tmp_path / "ran"), protocol=4))
    refused(folder, "weights.dat", "pickle")
    (encoder / "weights.dat").unlink()
    framing.load(folder)  # a clean local encoder folder loads


def test_an_encoder_folder_needs_safetensors_weights(
    frozen_dir: Path, minilm: Path, tmp_path: Path
) -> None:
    encoder = tmp_path / "encoder"
    encoder.mkdir()
    shutil.copyfile(minilm / "config.json", encoder / "config.json")
    folder = Path(shutil.copytree(frozen_dir, tmp_path / "model"))
    params = json.loads((frozen_dir / "framing.json").read_text())["params"]
    rewrite_meta(folder, params={**params, "encoder": str(encoder)})
    refused(folder, str(encoder), "safetensors")


def test_resolve_encoder_refuses_local_folders_that_are_not_clean_encoders(
    minilm: Path, tmp_path: Path
) -> None:
    from framing.models.encoders import resolve_encoder

    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(OSError, match=r"config\.json") as err:
        resolve_encoder(str(empty))
    assert str(empty) in str(err.value)
    pickled = evil_encoder(minilm, tmp_path / "pickled", tmp_path / "ran")
    with pytest.raises(OSError, match="pickle") as err:
        resolve_encoder(str(pickled))
    assert str(pickled) in str(err.value) and "pytorch_model.bin" in str(err.value)
    (pickled / "pytorch_model.bin").unlink()
    with pytest.raises(OSError, match="safetensors") as err:
        resolve_encoder(str(pickled))
    assert str(pickled) in str(err.value)
    assert resolve_encoder(str(minilm)) == str(minilm)
    start = time.perf_counter()
    for name in ("/", "~"):  # refused from the missing config.json, before any listing
        with pytest.raises(OSError, match=r"config\.json is missing"):
            resolve_encoder(name)
    assert time.perf_counter() - start < 2.0


def test_heads_of_another_width_than_the_encoder_are_refused_at_load(
    frozen_dir: Path, tmp_path: Path
) -> None:
    folder = Path(shutil.copytree(frozen_dir, tmp_path / "model"))
    with np.load(folder / "heads.npz") as data:
        arrays = dict(data)
    for head in ("mode", "reported"):
        arrays[f"{head}.coef"] = arrays[f"{head}.coef"][:, :100]
    arrays["stance.coef"] = arrays["stance.coef"][:, :200]
    np.savez(folder / "heads.npz", **arrays)
    refused(folder, "heads.npz", "384")


# -- 2. links, FIFOs and pickles in the folder ----------------------------------------------------
@pytest.mark.skipif(not Path("/etc/passwd").is_file(), reason="no /etc/passwd here")
def test_a_link_to_a_system_file_is_refused_and_never_published(
    model: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    os.symlink("/etc/passwd", model / "passwd.json")
    refused(model, "passwd.json", "outside")
    code, err = publish(model, tmp_path / "out", capsys)
    assert code == 2 and "passwd.json" in err and "Traceback" not in err
    secret = Path("/etc/passwd").read_bytes()
    written = [p for p in tmp_path.joinpath("out").rglob("*") if p.is_file()]
    assert not any(p.read_bytes() == secret for p in written)


def test_a_link_to_a_valid_file_outside_is_refused(model: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.move(model / "vocabulary.json", outside / "vocabulary.json")
    os.symlink(outside / "vocabulary.json", model / "vocabulary.json")
    refused(model, "vocabulary.json", "outside")
    (model / "vocabulary.json").unlink()
    os.symlink("../elsewhere/vocabulary.json", model / "vocabulary.json")  # relative, same place
    refused(model, "vocabulary.json", "outside")


def test_links_inside_the_folder_load_and_publish_as_contents(
    model: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    (model / "weights").mkdir()
    shutil.move(model / "tfidf.npz", model / "weights" / "tfidf.npz")
    os.symlink("weights/tfidf.npz", model / "tfidf.npz")
    assert framing.load(model).analyze(TEXT).sentences
    code, err = publish(model, tmp_path / "out", capsys)
    assert code == 0, err
    upload = tmp_path / "out" / "upload"
    assert not any(p.is_symlink() for p in upload.iterdir())
    assert (upload / "tfidf.npz").read_bytes() == (model / "weights" / "tfidf.npz").read_bytes()


def hub_snapshot(model: Path, cache: Path) -> Path:
    """The model laid out like the Hugging Face cache: blobs, and a snapshot of links to them."""
    repo = cache / "models--me--model"
    (repo / "blobs").mkdir(parents=True)
    snapshot = repo / "snapshots" / ("0" * 40)
    snapshot.mkdir(parents=True)
    for path in model.iterdir():
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        shutil.copyfile(path, repo / "blobs" / digest)
        os.symlink(f"../../blobs/{digest}", snapshot / path.name)
    return snapshot


def test_a_hub_cache_snapshot_loads_but_its_links_may_not_leave_the_repository(
    model: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    snapshot = hub_snapshot(model, tmp_path / "hub")
    assert framing.load(snapshot).analyze(TEXT).sentences
    code, err = publish(snapshot, tmp_path / "out", capsys)
    assert code == 0, err
    assert not any(p.is_symlink() for p in (tmp_path / "out" / "upload").iterdir())
    (tmp_path / "other.json").write_text("{}", encoding="utf-8")
    os.symlink("../../../../other.json", snapshot / "other.json")
    refused(snapshot, "other.json", "outside")


def test_a_fifo_is_refused_without_being_opened(
    model: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    os.mkfifo(model / "notes.txt")
    refused(model, "notes.txt", "FIFO")  # reading it would hang
    code, err = publish(model, tmp_path / "out", capsys)
    assert code == 2 and "notes.txt" in err and "FIFO" in err


def torch_zip(path: Path) -> None:
    """A file in torch's zip format: a ``data.pkl`` inside."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("archive/data.pkl", pickle.dumps({"weight": [1.0]}, protocol=2))
        archive.writestr("archive/version", "3\n")


def object_npz(path: Path) -> None:
    np.savez(path, weights=np.array([{"a": 1}], dtype=object))


def legacy_tar(path: Path) -> None:
    """A file in torch's legacy tar format: pickles as members."""
    import tarfile

    data = pickle.dumps({"weight": [1.0]}, protocol=2)
    with tarfile.open(path, "w") as archive:
        info = tarfile.TarInfo("tensors")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))


@pytest.mark.parametrize(
    ("name", "write"),
    [
        ("weights.dat", lambda p: p.write_bytes(pickle.dumps({"a": 1}, protocol=2))),
        ("state", lambda p: p.write_bytes(pickle.dumps([1, 2], protocol=5))),
        ("checkpoint.zip", torch_zip),
        ("extra.npz", object_npz),
        ("old.tar", legacy_tar),
        ("notes.txt", lambda p: p.write_bytes(PROTOCOL_0)),
        ("model.gz", lambda p: p.write_bytes(gzip.compress(pickle.dumps([1], protocol=4)))),
    ],
)
def test_pickles_are_found_by_contents_and_never_published(
    model: Path, tmp_path: Path, capsys: pytest.CaptureFixture, name: str, write
) -> None:
    write(model / name)
    message = refused(model, name, "pickle")
    assert message.startswith(str(model))
    code, err = publish(model, tmp_path / "out", capsys)
    assert code == 2 and name in err
    assert not (tmp_path / "out" / "upload" / name).exists()


def test_text_is_not_mistaken_for_a_pickle(model: Path) -> None:
    (model / "notes.txt").write_text("cos\nsystem\nnot a pickle at all.\n", encoding="utf-8")
    (model / "README.md").write_text("# a model\n\n(S'quoted' and more)\n", encoding="utf-8")
    assert framing.load(model).analyze(TEXT).sentences


# -- 3. folders that are not model folders, and bounded walks -------------------------------------
def test_the_root_folder_is_refused_at_once() -> None:
    start = time.perf_counter()
    message = refused("/", "framing.json is missing")
    assert time.perf_counter() - start < 2.0
    assert len(message) < 200


def test_a_home_folder_is_refused_without_a_walk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    for i in range(40):
        (home / f"project{i}").mkdir(parents=True)
        (home / f"project{i}" / f"model{i}.pkl").write_bytes(b"\x80\x04K\x01.")
    monkeypatch.setenv("HOME", str(home))
    message = refused("~", "framing.json is missing", str(home))
    assert ".pkl" not in message and len(message) < 200


def test_the_walk_is_bounded(model: Path) -> None:
    many = model / "data"
    many.mkdir()
    for i in range(1100):
        (many / f"{i}.txt").write_text("x", encoding="utf-8")
    start = time.perf_counter()
    refused(model, "more than 1000 files")
    assert time.perf_counter() - start < 5.0
    shutil.rmtree(many)
    deep = model.joinpath(*"abcdefgh")
    deep.mkdir(parents=True)
    refused(model, "nested")


def test_a_git_clone_of_a_model_loads(model: Path) -> None:
    refs = model / ".git" / "logs" / "refs" / "remotes" / "origin"
    refs.mkdir(parents=True)
    (refs / "HEAD").write_text("0" * 40 + "\n", encoding="utf-8")
    assert framing.load(model).analyze(TEXT).sentences


def test_many_pickles_are_named_a_few_at_a_time(model: Path) -> None:
    for i in range(30):
        (model / f"w{i:02d}.pkl").write_bytes(b"\x80\x04K\x01.")
    message = refused(model, "w00.pkl", "and 25 more")
    assert "w29.pkl" not in message and len(message) < 600


# -- 4. truncated, corrupt, mis-shaped and non-finite files ---------------------------------------
def test_half_an_npz_is_a_model_error(model: Path) -> None:
    data = (model / "tfidf.npz").read_bytes()
    (model / "tfidf.npz").write_bytes(data[: len(data) // 2])
    refused(model, "tfidf.npz", "truncated")


def test_half_a_tar_archive_is_a_model_error(model: Path) -> None:
    legacy_tar(model / "old.tar")
    data = (model / "old.tar").read_bytes()
    (model / "old.tar").write_bytes(data[:300])  # inside the first member's header
    refused(model, "old.tar", "a corrupt or truncated tar archive (ReadError")


def test_an_empty_npz_is_a_model_error(model: Path) -> None:
    (model / "tfidf.npz").write_bytes(b"")
    refused(model, "tfidf.npz", "empty")


def test_a_missing_array_is_a_model_error(model: Path) -> None:
    rewrite_arrays(model, lambda a: a.pop("mode.coef"))
    refused(model, "tfidf.npz", "'mode.coef' is missing")


def test_a_mis_shaped_array_is_a_model_error_at_load(model: Path) -> None:
    def widen(arrays: dict) -> None:
        arrays["mode.coef"] = np.hstack([arrays["mode.coef"], np.zeros((1, 3))])

    rewrite_arrays(model, widen)
    refused(model, "tfidf.npz", "mode.coef", "shape")


def test_an_idf_of_another_length_than_its_vocabulary_is_a_model_error(model: Path) -> None:
    rewrite_arrays(model, lambda a: a.update({"sentence.char.idf": a["sentence.char.idf"][:-1]}))
    refused(model, "tfidf.npz", "sentence.char.idf")


@pytest.mark.parametrize(("key", "value"), [("mode.coef", np.nan), ("sentence.word.idf", np.inf)])
def test_non_finite_weights_are_a_model_error(model: Path, key: str, value: float) -> None:
    def spoil(arrays: dict) -> None:
        arrays[key] = arrays[key].copy()
        arrays[key].flat[0] = value

    rewrite_arrays(model, spoil)
    refused(model, "tfidf.npz", key, "non-finite")


def test_classes_that_are_not_labels_are_a_model_error(model: Path) -> None:
    rewrite_arrays(model, lambda a: a.update({"mode.classes": np.array(["news", "rumour"])}))
    refused(model, "tfidf.npz", "mode.classes")


def test_a_truncated_vocabulary_is_a_model_error(model: Path) -> None:
    text = (model / "vocabulary.json").read_text(encoding="utf-8")
    (model / "vocabulary.json").write_text(text[: len(text) // 2], encoding="utf-8")
    refused(model, "vocabulary.json", "not valid JSON")


def test_a_vocabulary_that_is_not_utf8_or_repeats_terms_is_a_model_error(model: Path) -> None:
    vocabulary = json.loads((model / "vocabulary.json").read_text(encoding="utf-8"))
    vocabulary["sentence"]["word"][1] = vocabulary["sentence"]["word"][0]
    (model / "vocabulary.json").write_text(json.dumps(vocabulary), encoding="utf-8")
    refused(model, "vocabulary.json", "repeats")
    (model / "vocabulary.json").write_bytes(b'{"sentence": "\xff"}')
    refused(model, "vocabulary.json", "UTF-8")


@pytest.mark.parametrize(
    ("params", "needle"),
    [
        (None, "'params' must be a JSON object"),
        ([1, 2], "'params' must be a JSON object"),
        ({"max_features": "many"}, "'max_features'"),
        ({"C": -1}, "'C'"),
        ({"char_ngrams": [5, 2]}, "'char_ngrams'"),
        ({"char_ngrams": [3]}, "'char_ngrams'"),
        ({"calibration_folds": True}, "'calibration_folds'"),
        ({"crystal_ball": 1}, "'crystal_ball'"),
    ],
)
def test_bad_params_are_a_model_error(model: Path, params: object, needle: str) -> None:
    if isinstance(params, dict):
        meta = json.loads((model / "framing.json").read_text(encoding="utf-8"))
        params = {**meta["params"], **params}
    rewrite_meta(model, params=params)
    refused(model, "framing.json", needle)


@pytest.mark.parametrize(
    "labels",
    [None, {"mode": ["opinion", "news"], "stance": ["neutral", "supportive", "critical"]},
     {"mode": ["news", "opinion"], "stance": ["pro", "anti"]}],
)  # fmt: skip
def test_labels_that_do_not_match_are_a_model_error(model: Path, labels: object) -> None:
    rewrite_meta(model, labels=labels)
    refused(model, "framing.json", "'labels'")


@pytest.mark.parametrize(
    "content", ["[1, 2]", '{"format_version": 1, "family": 5}', '{"format_version": 1,']
)
def test_a_malformed_framing_json_is_a_model_error(model: Path, content: str) -> None:
    (model / "framing.json").write_text(content, encoding="utf-8")
    refused(model, "framing.json")


def test_a_broken_lexicon_is_a_model_error(model: Path) -> None:
    (model / "actors.yaml").write_text("actors: [\n", encoding="utf-8")
    refused(model, "actors.yaml", "YAML")


def test_a_broken_baseline_is_a_model_error(tmp_path: Path) -> None:
    from framing.models.baselines import MajorityBaseline

    folder = MajorityBaseline().fit(load_examples()).save_pretrained(tmp_path / "majority")
    (folder / "majority.json").write_text('{"mode": "rumour", "reported": 0.0}', encoding="utf-8")
    refused(folder, "majority.json")
    (folder / "majority.json").write_text(
        '{"mode": "news", "reported": NaN, "stance": "neutral"}', encoding="utf-8"
    )
    refused(folder, "majority.json")


def test_load_model_and_from_pretrained_check_like_framing_load(model: Path) -> None:
    from framing.models import load_model
    from framing.models.tfidf import TfidfModel

    rewrite_arrays(model, lambda a: a.pop("mode.coef"))
    for load in (load_model, TfidfModel.from_pretrained):
        with pytest.raises(ModelError, match=r"'mode\.coef' is missing"):
            load(model)


# -- 5. publishing ---------------------------------------------------------------------------------
def test_a_run_folder_metrics_link_leaving_it_is_never_published(
    tfidf_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    run = tmp_path / "run"
    shutil.copytree(tfidf_dir, run / "model")
    outside = tmp_path / "elsewhere.json"
    shutil.copyfile(BUNDLED / "metrics.json", outside)
    os.symlink(outside, run / "metrics.json")
    code, err = publish(run, tmp_path / "out", capsys)
    assert code == 2 and "metrics.json" in err and "outside" in err
    assert not (tmp_path / "out" / "upload").exists()


def test_a_corrupt_metrics_file_is_named(
    model: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    (model / "metrics.json").write_text('{"tasks": {', encoding="utf-8")
    code, err = publish(model, tmp_path / "out", capsys)
    assert code == 2 and "metrics.json" in err and "not valid JSON" in err
    (model / "metrics.json").write_text('{"tasks": {}}', encoding="utf-8")
    code, err = publish(model, tmp_path / "out2", capsys)
    assert code == 2 and "metrics.json" in err and "Traceback" not in err


# -- 6. the fine-tuned family's files --------------------------------------------------------------
@pytest.fixture(scope="module")
def finetune_dir(tmp_path_factory: pytest.TempPathFactory, minilm: Path) -> Path:
    """A real ``finetune`` model folder of a tiny network (one layer of width 16) with MiniLM's
    tokenizer, saved as the family saves it (untrained: its files are what is tested)."""
    from transformers import AutoTokenizer, BertConfig

    from framing.models.finetune import FinetunedModel
    from framing.models.network import build_network

    model = FinetunedModel()
    model.tokenizer = AutoTokenizer.from_pretrained(minilm)
    config = BertConfig(vocab_size=model.tokenizer.vocab_size, hidden_size=16,
                        num_hidden_layers=1, num_attention_heads=2, intermediate_size=32,
                        max_position_embeddings=128)  # fmt: skip
    model.network = build_network(config, 2, 3).eval()
    return model.save_pretrained(tmp_path_factory.mktemp("finetune") / "model")


@pytest.fixture
def finetuned(finetune_dir: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(finetune_dir, tmp_path / "model"))


def rewrite_state(folder: Path, change) -> None:
    from safetensors.torch import load_file, save_file

    state = load_file(str(folder / "model.safetensors"))
    change(state)
    save_file(state, str(folder / "model.safetensors"))


def test_the_tiny_finetuned_model_loads(finetuned: Path) -> None:
    assert framing.load(finetuned).analyze(TEXT).sentences


def test_truncated_safetensors_are_a_model_error(finetuned: Path) -> None:
    data = (finetuned / "model.safetensors").read_bytes()
    (finetuned / "model.safetensors").write_bytes(data[: len(data) - 1000])
    refused(finetuned, "model.safetensors", "truncated")
    (finetuned / "model.safetensors").write_bytes(data[:5])
    refused(finetuned, "model.safetensors", "truncated")


def test_a_mis_shaped_state_dict_is_a_model_error(finetuned: Path) -> None:
    import torch

    rewrite_state(finetuned, lambda s: s.update({"mode_head.weight": torch.zeros(2, 17)}))
    refused(finetuned, "model.safetensors", "mode_head.weight")
    rewrite_state(finetuned, lambda s: s.pop("mode_head.weight"))
    refused(finetuned, "model.safetensors", "missing", "mode_head.weight")


def test_non_finite_finetuned_weights_are_a_model_error(finetuned: Path) -> None:
    def spoil(state: dict) -> None:
        state["stance_head.bias"][0] = float("nan")

    rewrite_state(finetuned, spoil)
    refused(finetuned, "model.safetensors", "stance_head.bias", "non-finite")


def test_an_encoder_config_of_another_size_is_named_before_anything_is_built(
    finetuned: Path,
) -> None:
    config = json.loads((finetuned / "encoder_config.json").read_text(encoding="utf-8"))
    config["hidden_size"] = 4096  # would need gigabytes if it were built for real
    (finetuned / "encoder_config.json").write_text(json.dumps(config), encoding="utf-8")
    refused(finetuned, "model.safetensors", "wrong shapes")
    (finetuned / "encoder_config.json").write_text('{"model_type": "bert", ', encoding="utf-8")
    refused(finetuned, "encoder_config.json", "not valid JSON")


def test_a_corrupt_tokenizer_is_a_model_error(finetuned: Path) -> None:
    text = (finetuned / "tokenizer.json").read_text(encoding="utf-8")
    (finetuned / "tokenizer.json").write_text(text[:1000], encoding="utf-8")
    refused(finetuned, "tokenizer.json")
    (finetuned / "tokenizer.json").write_text('{"version": "1.0"}', encoding="utf-8")
    refused(finetuned, "tokenizer")
