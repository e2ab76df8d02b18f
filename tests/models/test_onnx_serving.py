"""Serving a ``finetune_onnx`` model (:mod:`framing.models.onnx_serving`) and the checks of its
folder, without torch: a hand-made ONNX graph (an embedding lookup standing in for the encoder),
numpy heads and the default encoder's real tokenizer, so that each check varies one thing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import framing
from framing.data.annotated import load_examples
from framing.models.errors import ModelError
from framing.models.loading import load_model

onnx = pytest.importorskip("onnx")
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

HIDDEN = 32
VOCABULARY = 30522  # the default encoder's tokenizer


def _graph_file(
    path: Path,
    *,
    inputs=("input_ids", "attention_mask"),
    output="last_hidden_state",
    hidden=HIDDEN,
    vocabulary=VOCABULARY,
    dtype=np.float32,
) -> None:
    """An ONNX 'encoder' whose token vectors are an embedding lookup (the mask is unused)."""
    table = np.random.default_rng(0).normal(size=(vocabulary, hidden)).astype(dtype)
    nodes = [helper.make_node("Gather", ["table", inputs[0]], ["looked_up"])]
    if dtype != np.float32:
        nodes.append(helper.make_node("Cast", ["looked_up"], [output], to=TensorProto.FLOAT))
    else:
        nodes.append(helper.make_node("Identity", ["looked_up"], [output]))
    graph = helper.make_graph(
        nodes,
        "encoder",
        [
            helper.make_tensor_value_info(n, TensorProto.INT64, ["batch", "sequence"])
            for n in inputs
        ],
        [helper.make_tensor_value_info(output, TensorProto.FLOAT, ["batch", "sequence", hidden])],
        [numpy_helper.from_array(table, "table")],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.save(model, str(path))


def _model_folder(target: Path) -> Path:
    """A finetune_onnx folder: the hand-made graph, random heads, the default encoder's
    tokenizer."""
    from safetensors.numpy import save_file

    from framing.models.encoders import DEFAULT_ENCODER, resolve_encoder
    from framing.models.onnx_serving import OnnxFinetunedModel

    target.mkdir()
    meta = OnnxFinetunedModel(max_length=24).config()
    (target / "framing.json").write_text(json.dumps(meta), encoding="utf-8")
    rng = np.random.default_rng(1)
    shapes = {
        "mode_head": (2, HIDDEN),
        "reported_head": (2, HIDDEN),
        "stance_head": (3, 2 * HIDDEN),
    }
    heads = {}
    for name, shape in shapes.items():
        heads[f"{name}.weight"] = rng.normal(size=shape).astype(np.float32)
        heads[f"{name}.bias"] = rng.normal(size=shape[:1]).astype(np.float32)
    save_file(heads, str(target / "heads.safetensors"))
    encoder = Path(resolve_encoder(DEFAULT_ENCODER))
    for name in ("tokenizer.json", "tokenizer_config.json"):
        shutil.copyfile(encoder / name, target / name)
    _graph_file(target / "model.onnx")
    return target


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _model_folder(tmp_path_factory.mktemp("onnx") / "model")


@pytest.fixture
def folder(made: Path, tmp_path: Path) -> Path:
    """A copy of the hand-made folder, to change."""
    return Path(shutil.copytree(made, tmp_path / "model"))


@pytest.fixture(scope="module")
def examples():
    return [ex for ex in load_examples() if ex.mentions][:40]


def test_scores_are_the_numpy_forward_of_the_torch_network(made, examples) -> None:
    """The pooling and heads of framing.models.network, written out in numpy here: the token
    vectors of the hand-made encoder are its embedding rows."""
    from safetensors.numpy import load_file

    from framing.models.onnx_serving import mention_masks

    model = load_model(made)
    scores = model.scores(examples)
    table = numpy_helper.to_array(onnx.load(str(made / "model.onnx")).graph.initializer[0])
    heads = load_file(str(made / "heads.safetensors"))

    def softmax(x):
        e = np.exp(x - x.max(-1, keepdims=True))
        return e / e.sum(-1, keepdims=True)

    for i, ex in enumerate(examples[:8]):
        ids, _, offsets = model._tokenize([ex.text])
        tokens = table[ids[0]].astype(np.float64)
        sentence = tokens.mean(0)
        mode = softmax(sentence @ heads["mode_head.weight"].T + heads["mode_head.bias"])
        np.testing.assert_allclose(scores.mode[i], mode, atol=1e-5)
        spans = [(0, m.start, m.end) for m in ex.mentions]
        for k, row in enumerate(mention_masks(offsets, spans, ids.shape[1])):
            pooled = (row[:, None] * tokens).sum(0) / row.sum()
            features = np.concatenate([sentence, pooled])
            stance = softmax(features @ heads["stance_head.weight"].T + heads["stance_head.bias"])
            np.testing.assert_allclose(scores.stances[i][k], stance, atol=1e-5)


def test_one_call_batches_and_orders_its_sentences(made, examples) -> None:
    model = load_model(made)
    one_by_one = [model.scores([ex]) for ex in examples]
    together = model.scores(list(examples) * 2)  # more sentences than a forward batch
    for i, alone in enumerate(one_by_one * 2):
        np.testing.assert_allclose(together.mode[i], alone.mode[0], atol=1e-5)
        np.testing.assert_allclose(together.stances[i], alone.stances[0], atol=1e-5)
    empty = model.scores([])
    assert empty.mode.shape == (0, 2) and empty.stances == []


def test_serving_a_folder_imports_neither_torch_nor_transformers(made) -> None:
    code = (
        "import sys, framing; doc = framing.load(sys.argv[1]).analyze("
        "'Iran criticised the United States.'); "
        "assert doc.sentences[0].mentions, 'no mention scored'; "
        "print([m for m in ('torch', 'transformers') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code, str(made)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_onnx_files_are_not_taken_for_pickles(made) -> None:
    from framing.models.folder import check_folder
    from framing.models.pickles import pickle_reason

    assert pickle_reason(made / "model.onnx") is None
    assert "model.onnx" in {f.name for f in check_folder(made)}


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"inputs": ("ids", "attention_mask")}, r"inputs are \['ids', 'attention_mask'\]"),
        ({"inputs": ("input_ids", "mask")}, r"inputs are \['input_ids', 'mask'\]"),
        ({"output": "hidden"}, r"outputs are \['hidden'\], expected \['last_hidden_state'\]"),
        ({"hidden": 16}, r"hidden size is 16, the heads of heads.safetensors read 32"),
        ({"vocabulary": 1000}, r"word embeddings have 1000 rows, the tokenizer .* 30522 tokens"),
        ({"dtype": np.float16}, r"stored as fp16, framing.json says precision 'fp32'"),
    ],
)
def test_an_encoder_that_does_not_fit_is_named(folder, options, message) -> None:
    _graph_file(folder / "model.onnx", **options)
    with pytest.raises(ModelError, match=message) as err:
        load_model(folder)
    assert "model.onnx" in str(err.value)


def test_precision_in_framing_json_must_match_the_tensors(folder) -> None:
    meta = json.loads((folder / "framing.json").read_text())
    meta["params"]["precision"] = "int8"
    (folder / "framing.json").write_text(json.dumps(meta))
    with pytest.raises(ModelError, match=r"stored as fp32, framing.json says precision .int8."):
        load_model(folder)
    meta["params"]["precision"] = "bf16"
    (folder / "framing.json").write_text(json.dumps(meta))
    with pytest.raises(ModelError, match="parameter 'precision'"):
        load_model(folder)


@pytest.mark.parametrize(
    "content", [b"", b"not an onnx model at all", b'{"a json": "file"}', b"\x08\x07\x12\xff"]
)
def test_a_file_that_is_not_onnx_is_named(folder, content) -> None:
    (folder / "model.onnx").write_bytes(content)
    with pytest.raises(ModelError, match=r"model.onnx: not a readable ONNX model"):
        load_model(folder)


def test_a_truncated_onnx_file_is_named(folder) -> None:
    content = (folder / "model.onnx").read_bytes()
    (folder / "model.onnx").write_bytes(content[: len(content) // 2])
    with pytest.raises(ModelError, match=r"model.onnx: not a readable ONNX model"):
        load_model(folder)


def test_heads_that_do_not_fit_are_named(folder) -> None:
    from safetensors.numpy import load_file, save_file

    heads = load_file(str(folder / "heads.safetensors"))
    heads["stance_head.weight"] = heads["stance_head.weight"][:, :HIDDEN]
    save_file(heads, str(folder / "heads.safetensors"))
    with pytest.raises(ModelError, match=r"heads.safetensors: tensor 'stance_head.weight'"):
        load_model(folder)
    del heads["stance_head.weight"]
    save_file(heads, str(folder / "heads.safetensors"))
    with pytest.raises(ModelError, match=r"heads.safetensors: expected the tensors"):
        load_model(folder)


def test_a_missing_or_broken_tokenizer_is_named(folder) -> None:
    (folder / "tokenizer.json").write_text('{"version": "1.0"}')
    with pytest.raises(ModelError, match=r"tokenizer.json: the tokenizer cannot be loaded"):
        load_model(folder)
    (folder / "tokenizer.json").unlink()
    with pytest.raises(ModelError, match=r"incomplete model folder, missing tokenizer.json"):
        load_model(folder)


# -- the bundled models by name -------------------------------------------------------------------
def test_tfidf_names_the_bundled_tfidf_model(monkeypatch, tmp_path) -> None:
    from framing.models import loading
    from framing.models.families import model_class

    monkeypatch.setitem(loading.BUNDLED_NAMES, "tfidf", tmp_path / "absent")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ModelError, match="the bundled tfidf model is missing"):
        framing.load("tfidf")
    bundled = tmp_path / "bundled_tfidf"
    model_class("majority")().fit(load_examples()).save_pretrained(bundled)
    monkeypatch.setitem(loading.BUNDLED_NAMES, "tfidf", bundled)
    analyzer = framing.load("tfidf")
    assert (analyzer.directory, analyzer.source) == (bundled, "tfidf")
    # a local folder of that name comes first
    shutil.copytree(bundled, tmp_path / "tfidf")
    assert framing.load("tfidf").directory == Path("tfidf")
