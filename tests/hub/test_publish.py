"""Publishing: the folder prepared for the Hub, and uploads with the real ``huggingface_hub``
client against a stand-in Hub on 127.0.0.1 (``HF_ENDPOINT`` is set before the client is
imported: each upload runs in a fresh process)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from huggingface_hub import ModelCard

import framing
from framing.hub.publish import hub_card, main, prepare_folder
from framing.inference.analyzer import BUNDLED
from framing.models.card import model_card
from tests.hub_standin import TOKEN, serve

TEXT = "Tehran welcomed the pact. Washington criticised it."
BUNDLED_METRICS = BUNDLED / "metrics.json"
TRAINING = Path(__file__).resolve().parents[2] / "training"


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small model folder with a card's measurements (the majority baseline, the bundled run's
    metrics): a subprocess checks and publishes it in well under a second."""
    from framing.data.annotated import load_examples
    from framing.models.baselines import MajorityBaseline

    folder = tmp_path_factory.mktemp("small") / "majority"
    return MajorityBaseline().fit(load_examples()).save_pretrained(folder, metrics=BUNDLED_METRICS)


@pytest.fixture
def hub(tmp_path: Path):
    state, server = serve()
    yield state, f"http://127.0.0.1:{server.server_address[1]}", tmp_path
    server.shutdown()


def run(args: list[str], endpoint: str, home: Path, token: str | None = TOKEN):
    env = {k: v for k, v in os.environ.items() if not k.startswith("HF_")}
    env.update(HF_ENDPOINT=endpoint, HF_HOME=str(home / "hf"), HF_HUB_DISABLE_TELEMETRY="1")
    if token is not None:
        env["HF_TOKEN"] = token
    return subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


# -- the folder that would be uploaded -----------------------------------------------------------
def test_the_prepared_folder_loads_back_the_same_model(tiny_run: Path, tmp_path: Path) -> None:
    folder = prepare_folder(tiny_run, "me/framing-tfidf", tmp_path / "upload")
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "README.md",
        "actors.yaml",
        "framing.json",
        "metrics.json",
        "tfidf.npz",
        "vocabulary.json",
    ]
    assert (
        framing.load(folder).analyze(TEXT).to_dict()["sentences"]
        == (framing.load(tiny_run).analyze(TEXT).to_dict()["sentences"])
    )
    with pytest.raises(ValueError, match="not empty"):
        prepare_folder(tiny_run, "me/framing-tfidf", folder)


def test_nothing_broken_or_pickled_is_prepared(tiny_run: Path, tmp_path: Path) -> None:
    bad = Path(shutil.copytree(tiny_run / "model", tmp_path / "bad"))
    with pytest.raises(FileNotFoundError, match=r"metrics\.json"):
        prepare_folder(bad, "me/x", tmp_path / "out1")
    shutil.copy2(tiny_run / "metrics.json", bad / "metrics.json")
    (bad / "weights.pkl").write_bytes(b"\x80\x04")
    with pytest.raises(framing.ModelError, match="pickle"):
        prepare_folder(bad, "me/x", tmp_path / "out2")
    assert not (tmp_path / "out2").exists()


def test_dry_run_prints_the_folder(tiny_run: Path, tmp_path: Path, capsys) -> None:
    assert main([str(tiny_run), "--repo-id", "me/x", "--dry-run", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"nothing uploaded; the folder for me/x is {tmp_path / 'upload'}" in out
    assert (tmp_path / "upload" / "README.md").is_file()
    assert main([str(tmp_path / "missing"), "--repo-id", "me/x", "--dry-run"]) == 2


# -- uploads ---------------------------------------------------------------------------------------
def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir()}


def test_publish_uploads_the_model_files_and_the_card(hub, small: Path) -> None:
    state, endpoint, tmp = hub
    result = run(["-m", "framing.publish", str(small), "--repo-id", "me/small"], endpoint, tmp)
    assert result.returncode == 0, result.stderr
    assert f"uploaded {small} to me/small" in result.stdout
    repo = state.repos["models/me/small"]
    assert repo["private"] is False
    assert set(repo["files"]) == {p.name for p in small.iterdir()}
    for name in set(repo["files"]) - {"README.md"}:
        assert repo["files"][name] == (small / name).read_bytes()
    # the card is made for the repository (not the one saved beside the model for "majority")
    assert repo["files"]["README.md"].decode() == model_card(small, repo_id="me/small")
    assert state.validated  # the client had the card's metadata checked before the commit


@pytest.mark.slow
def test_publish_uploads_the_model_and_its_card_and_loads_back(hub) -> None:
    state, endpoint, tmp = hub
    before = snapshot(BUNDLED)
    result = run(
        ["-m", "framing.publish", str(BUNDLED), "--repo-id", "me/bundled", "--private"],
        endpoint,
        tmp,
    )
    assert result.returncode == 0, result.stderr
    assert f"uploaded {BUNDLED} to me/bundled" in result.stdout
    repo = state.repos["models/me/bundled"]
    assert repo["private"] is True
    expected = {"README.md"} | {p.name for p in BUNDLED.iterdir() if p.is_file()}
    assert set(repo["files"]) == expected
    for name in expected - {"README.md"}:
        assert repo["files"][name] == (BUNDLED / name).read_bytes()
    assert repo["files"]["README.md"].decode() == model_card(BUNDLED, repo_id="me/bundled")
    assert not any(name.endswith((".pkl", ".bin", ".pt")) for name in repo["files"])
    assert snapshot(BUNDLED) == before  # the local folder is untouched
    code = (
        "import framing, json; a = framing.load(%r); "
        "print(json.dumps(a.analyze(%r).to_dict()['sentences']))"
    )
    readme = repo["files"]["README.md"].decode()
    snippet = readme.split("```python\n")[1].split("```")[0]  # the card's "how to get started"
    started = run(["-c", snippet], endpoint, tmp)
    assert started.returncode == 0, started.stderr
    assert started.stdout.startswith(("news", "opinion"))
    remote = run(["-c", code % ("me/bundled", TEXT)], endpoint, tmp)
    local = run(["-c", code % (str(BUNDLED), TEXT)], endpoint, tmp)
    assert remote.returncode == 0, remote.stderr
    assert json.loads(remote.stdout) == json.loads(local.stdout)  # identical predictions


@pytest.mark.parametrize("token", [None, "hf_wrong"])
def test_a_missing_or_rejected_token_is_a_clear_error(hub, small: Path, token: str | None) -> None:
    state, endpoint, tmp = hub
    before = snapshot(small)
    result = run(
        ["-m", "framing.publish", str(small), "--repo-id", "me/x"], endpoint, tmp, token=token
    )
    assert result.returncode == 1
    assert "error: upload to me/x failed" in result.stderr
    assert "401" in result.stderr or "token" in result.stderr.lower()
    assert "Traceback" not in result.stderr
    assert state.repos == {}
    assert snapshot(small) == before


def test_an_unreachable_hub_is_a_clear_error(small: Path, tmp_path: Path) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = run(
        ["-m", "framing.publish", str(small), "--repo-id", "me/x"],
        f"http://127.0.0.1:{port}",
        tmp_path,
    )
    assert result.returncode == 1
    assert "error: upload to me/x failed" in result.stderr
    assert "Traceback" not in result.stderr


def publish_dataset(hub) -> dict[str, bytes]:
    """Publish the annotated set to the stand-in; the files of the dataset repository."""
    state, endpoint, tmp = hub
    result = run(["-m", "framing.publish", "--dataset", "--repo-id", "me/annotated"], endpoint, tmp)
    assert result.returncode == 0, result.stderr
    return state.repos["datasets/me/annotated"]["files"]


def test_the_annotated_set_publishes_as_a_dataset(hub) -> None:
    files = publish_dataset(hub)
    card = (TRAINING / "README.md").read_text("utf-8")
    assert files["README.md"] == hub_card(card).encode("utf-8")  # its dataset card
    assert {"data/sentences.jsonl", "data/mentions.jsonl", "GUIDELINES.md"} <= set(files)
    assert sum(name.startswith("data/articles/") for name in files) == 5
    # the corpus stays in the checkout (its texts' terms), with its configs; the seed set goes
    assert not any(name.startswith("corpus/data/") for name in files)
    assert {"corpus/seed/sentences.jsonl", "corpus/seed/mentions.jsonl"} <= set(files)
    uploaded = ModelCard(files["README.md"].decode("utf-8")).data.to_dict()
    names = {c["config_name"] for c in uploaded["configs"]}
    assert "corpus" in card and {"sentences", "seed"} <= names and not names & {"corpus"}
    assert {c["config_name"] for c in uploaded["dataset_info"]} == names
    assert uploaded["size_categories"] == ["n<1K"]  # its largest config: the seed mentions


@pytest.mark.slow
def test_the_published_dataset_loads_back_with_datasets(hub) -> None:
    publish_dataset(hub)
    _, endpoint, tmp = hub
    code = (
        "import datasets; d = datasets.load_dataset('me/annotated', 'sentences', split='train'); "
        "s = datasets.load_dataset('me/annotated', 'seed', split='train'); print(len(d), len(s))"
    )
    loaded = run(["-c", code], endpoint, tmp)
    assert loaded.returncode == 0, loaded.stderr
    seed = len((TRAINING / "corpus" / "seed" / "sentences.jsonl").read_text("utf-8").splitlines())
    assert loaded.stdout.split()[-2:] == ["103", str(seed)]


@pytest.mark.slow
def test_push_to_hub_from_python(hub) -> None:
    state, endpoint, tmp = hub
    code = (
        "import framing; from framing.data import load_examples; "
        "from framing.models.tfidf import TfidfModel; "
        "print(framing.load().push_to_hub('me/from-analyzer')); "
        "m = TfidfModel(char_ngrams=[3, 3], max_features=500).fit(load_examples()); "
        f"print(m.push_to_hub('me/from-model', metrics={str(BUNDLED / 'metrics.json')!r}))"
    )
    result = run(["-c", code], endpoint, tmp)
    assert result.returncode == 0, result.stderr
    assert set(state.repos) == {"models/me/from-analyzer", "models/me/from-model"}
    weights = {"models/me/from-analyzer": "model.onnx", "models/me/from-model": "tfidf.npz"}
    for name, repo in state.repos.items():
        assert {"README.md", "framing.json", "metrics.json", weights[name]} <= set(repo["files"])
        # the card's snippet loads the repository it was pushed to
        repo_id = name.removeprefix("models/")
        assert f'framing.load("{repo_id}")' in repo["files"]["README.md"].decode()
