"""Exporting a fine-tuned model to ONNX (:mod:`framing.models.onnx_export`): the exported folder
gives the torch model's probabilities (fp32), stores half the bytes with the same graph once
onnxruntime has folded its casts (fp16), or int8 weights; it is served without torch.

The exported model is a tiny random-weight BERT (2 layers, hidden 32) with the default encoder's
real tokenizer, built here: nothing is downloaded. Slow (torch, the export and its fusion).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from framing.data.annotated import load_examples
from framing.models.loading import load_model

onnx = pytest.importorskip("onnx")
from onnx import TensorProto  # noqa: E402

pytestmark = pytest.mark.slow
HIDDEN = 32


# -- a tiny fine-tuned model and its exports ----------------------------------------------------
@pytest.fixture(scope="module")
def tiny_finetuned():
    """A FinetunedModel with a tiny random BERT and the default encoder's tokenizer."""
    import torch
    from transformers import AutoTokenizer, BertConfig

    from framing.models.encoders import DEFAULT_ENCODER, resolve_encoder
    from framing.models.finetune import FinetunedModel
    from framing.models.network import build_network

    torch.manual_seed(0)
    model = FinetunedModel(max_length=24)  # short: truncation cuts some mentions away
    model.tokenizer = AutoTokenizer.from_pretrained(resolve_encoder(DEFAULT_ENCODER))
    config = BertConfig(
        vocab_size=model.tokenizer.vocab_size,
        hidden_size=HIDDEN,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=64,
    )
    model.network = build_network(config, len(model.modes), len(model.stance_labels)).eval()
    with torch.no_grad():  # heads that tell the examples apart more
        model.network.stance_head.weight.mul_(3)
    model.preprocessing = {"segmenter": "default", "cleaning": None}
    return model


@pytest.fixture(scope="module")
def exported(tiny_finetuned, tmp_path_factory: pytest.TempPathFactory):
    """precision -> the tiny model exported to a folder (made on first use)."""
    from framing.models.onnx_export import export_onnx

    root = tmp_path_factory.mktemp("onnx")
    made: dict[str, Path] = {}

    def get(precision: str) -> Path:
        if precision not in made:
            made[precision] = export_onnx(tiny_finetuned, root / precision, precision)
        return made[precision]

    return get


@pytest.fixture(scope="module")
def examples():
    return [ex for ex in load_examples() if ex.mentions][:40]


def _largest_difference(a, b) -> float:
    parts = [np.abs(a.mode - b.mode).max(), np.abs(a.reported - b.reported).max()]
    parts += [np.abs(x - y).max() for x, y in zip(a.stances, b.stances, strict=True) if len(x)]
    return float(max(parts))


def test_fp32_export_gives_the_torch_probabilities(tiny_finetuned, exported, examples) -> None:
    folder = exported("fp32")
    model = load_model(folder)
    assert model.family == "finetune_onnx"
    meta = json.loads((folder / "framing.json").read_text())
    assert meta["params"] == {
        "precision": "fp32",
        "max_length": 24,
        "encoder": model.encoder,
        "seed": 0,
    }
    assert meta["preprocessing"] == tiny_finetuned.preprocessing
    assert meta["labels"] == {"mode": list(model.modes), "stance": list(model.stance_labels)}
    expected = tiny_finetuned.scores(examples)
    got = model.scores(examples)
    assert _largest_difference(got, expected) < 1e-4
    # the probabilities differ between examples: the comparison is not of constants
    assert np.ptp(expected.mode[:, 0]) > 0.05
    assert np.ptp(np.concatenate([s[:, 0] for s in expected.stances if len(s)])) > 0.05
    # and one call with many more sentences than a forward batch, in another order
    many = list(reversed(examples)) * 2
    assert _largest_difference(model.scores(many), tiny_finetuned.scores(many)) < 1e-4


def test_mention_masks_are_the_collators(tiny_finetuned, exported, examples) -> None:
    from framing.models.network import Collator
    from framing.models.onnx_serving import mention_masks

    model = load_model(exported("fp32"))
    batch = examples[:16]
    collated = Collator(tiny_finetuned.tokenizer, 24, model.modes, model.stance_labels)(batch)
    ids, mask, offsets = model._tokenize([ex.text for ex in batch])
    np.testing.assert_array_equal(ids, collated["input_ids"].numpy())
    np.testing.assert_array_equal(mask, collated["attention_mask"].numpy())
    spans = [(i, m.start, m.end) for i, ex in enumerate(batch) for m in ex.mentions]
    masks = mention_masks(offsets, spans, ids.shape[1])
    np.testing.assert_array_equal(masks, collated["mention_mask"].numpy())
    # a truncated-away mention pools the whole sentence, as in the collator
    assert any(row.sum() == mask[i].sum() - 2 for row, (i, _, _) in zip(masks, spans, strict=True))


def test_fp16_halves_the_weights_and_onnxruntime_folds_the_casts(exported, examples) -> None:
    import collections

    import onnxruntime as ort

    from framing.models.onnx_graph import read_graph
    from framing.models.onnx_serving import stored_precision

    fp32, fp16 = exported("fp32") / "model.onnx", exported("fp16") / "model.onnx"
    assert fp16.stat().st_size < 0.6 * fp32.stat().st_size
    assert stored_precision(read_graph(fp16.read_bytes(), fp16)) == "fp16"
    # once the session is made, the graph is the fp32 one: float32 weights and no more casts
    counts = {}
    for path in (fp32, fp16):
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
        options.optimized_model_filepath = str(path.with_suffix(".optimized.onnx"))
        ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        graph = onnx.load(options.optimized_model_filepath).graph
        counts[path] = collections.Counter(n.op_type for n in graph.node)["Cast"]
        path.with_suffix(".optimized.onnx").unlink()
        assert TensorProto.FLOAT16 not in {t.data_type for t in graph.initializer}
    assert counts[fp16] == counts[fp32]
    reference = load_model(exported("fp32")).scores(examples)
    assert _largest_difference(load_model(exported("fp16")).scores(examples), reference) < 1e-2


def test_int8_is_quantized_and_close(exported, examples) -> None:
    from framing.models.onnx_graph import read_graph
    from framing.models.onnx_serving import stored_precision

    path = exported("int8") / "model.onnx"
    assert stored_precision(read_graph(path.read_bytes(), path)) == "int8"
    assert path.stat().st_size < 0.5 * (exported("fp32") / "model.onnx").stat().st_size
    reference = load_model(exported("fp32")).scores(examples)
    assert _largest_difference(load_model(exported("int8")).scores(examples), reference) < 0.2


def test_serving_imports_neither_torch_nor_transformers(exported) -> None:
    code = (
        "import sys, framing; doc = framing.load(sys.argv[1]).analyze("
        "'Iran criticised the United States.'); "
        "assert doc.sentences[0].mentions, 'no mention scored'; "
        "print([m for m in ('torch', 'transformers') if m in sys.modules])"
    )
    folder = str(exported("fp32"))
    out = subprocess.run([sys.executable, "-c", code, folder], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_a_loaded_model_saves_again_and_is_inference_only(exported, examples, tmp_path) -> None:
    from framing.models.pickles import pickle_reason

    model = load_model(exported("fp16"))
    again = load_model(model.save_pretrained(tmp_path / "again"))
    assert again.precision == "fp16"
    assert _largest_difference(again.scores(examples), model.scores(examples)) == 0.0
    assert pickle_reason(tmp_path / "again" / "model.onnx") is None
    with pytest.raises(NotImplementedError, match="train the finetune family"):
        model.fit(examples)


def test_export_refuses_what_it_cannot_export(tiny_finetuned, exported, tmp_path, capsys) -> None:
    from framing.models.families import model_class
    from framing.models.onnx_export import export_onnx, main

    with pytest.raises(ValueError, match="precision must be one of"):
        export_onnx(tiny_finetuned, tmp_path / "x", "bf16")
    with pytest.raises(ValueError, match="only a finetune model"):
        export_onnx(exported("fp32"), tmp_path / "x")
    with pytest.raises(ValueError, match="not empty"):
        export_onnx(tiny_finetuned, exported("fp32"))
    majority = model_class("majority")().fit(load_examples()).save_pretrained(tmp_path / "m")
    assert main([str(majority), "--output", str(tmp_path / "y")]) == 1
    assert "only a finetune model can be exported" in capsys.readouterr().err


def test_the_command_exports_a_saved_model(tiny_finetuned, tmp_path, capsys) -> None:
    from framing.models.onnx_export import main

    source = tiny_finetuned.save_pretrained(tmp_path / "source")
    (source / "actors.yaml").write_text("actors: []\n", encoding="utf-8")
    assert main([str(source), "--output", str(tmp_path / "out"), "--precision", "int8"]) == 0
    assert "a finetune_onnx model (int8)" in capsys.readouterr().out
    assert load_model(tmp_path / "out").precision == "int8"
    assert (tmp_path / "out" / "actors.yaml").read_text() == "actors: []\n"
