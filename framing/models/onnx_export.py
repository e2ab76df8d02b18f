"""Exporting a fine-tuned model (family ``finetune``) to a ``finetune_onnx`` model folder, which
:mod:`framing.models.onnx_serving` runs without torch.

The encoder is traced to ONNX with eager attention (inputs ``input_ids`` and ``attention_mask``,
output ``last_hidden_state``, dynamic batch and sequence axes; standard ONNX operators only, which
onnxruntime optimises when it opens the session: its transformer optimizer's fused Attention and
SkipLayerNormalization were 10% slower on 2 CPU cores, and traced SDPA 5%), checked against
torch's outputs, and its weights stored as asked: ``fp32``; ``fp16`` (float16 initializers, each
cast to float32 in the graph, which onnxruntime folds when it opens the session: half the file,
the same arithmetic and speed); ``int8`` (onnxruntime's dynamic quantization). The heads go to
``heads.safetensors``, the tokenizer's ``tokenizer.json`` and ``tokenizer_config.json`` beside
them, and ``framing.json`` records the precision, the source's ``max_length``, labels and text
front end. The folder is loaded back and checked before the export returns.

Needs torch, transformers and the ``onnx`` package (``pip install 'framing[export]'``).

    python -m framing.export outputs/run/model --output exported --precision fp16
"""

from __future__ import annotations

import argparse
import copy
import logging
import shutil
import sys
import tempfile
import warnings
from pathlib import Path
from typing import Any

import numpy as np

from framing.models.finetune import FinetunedModel
from framing.models.onnx_serving import (
    ENCODER_FILE,
    HEAD_NAMES,
    HEADS_FILE,
    INPUT_NAMES,
    OUTPUT_NAME,
    PRECISIONS,
    TOKENIZER_CONFIG,
    TOKENIZER_FILE,
    OnnxFinetunedModel,
)

__all__ = ["FP16_MIN_SIZE", "OPSET", "export_onnx", "main"]


OPSET = 17  # LayerNormalization is an ONNX operator from opset 17 on
FP16_MIN_SIZE = 1024  # smaller float initializers (scalars, masks' constants) stay float32
# the files of the source folder that the exported one keeps (the lexicon, the measurements)
KEPT_FILES = ("actors.yaml", "metrics.json")
PROBE = [
    "Iran criticised the United States on Monday.",
    "Officials in Tehran and Baghdad welcomed the border agreement, a spokesman said.",
    "The editorial argues that Washington should stop its sanctions.",
]


def export_onnx(
    model_or_folder: FinetunedModel | str | Path, output_dir: str | Path, precision: str = "fp32"
) -> Path:
    """Write a ``finetune_onnx`` model folder from a fine-tuned model (or its folder, or a
    training run), loadable by :func:`framing.load` without torch.

    Args:
        model_or_folder: a trained :class:`~framing.models.finetune.FinetunedModel`, or a model
            folder or training run holding one.
        output_dir: the new folder (it must not exist, or be empty).
        precision: ``fp32``, ``fp16`` (weights stored in float16, computed in float32) or
            ``int8`` (dynamic quantization of the weights).

    Returns:
        The folder written.

    Raises:
        ValueError: an unknown precision, a model of another family, an untrained or quantized
            model, or an output folder that is not empty.
        framing.ModelError: a source folder that fails its checks.
        RuntimeError: the traced encoder does not give torch's outputs (to 1e-4).
    """
    if precision not in PRECISIONS:
        raise ValueError(f"precision must be one of {', '.join(PRECISIONS)}, got {precision!r}")
    source, folder = _source(model_or_folder)
    output = Path(output_dir)
    if output.exists() and (not output.is_dir() or any(output.iterdir())):
        raise ValueError(f"{output}: the output folder exists and is not empty")
    with tempfile.TemporaryDirectory() as scratch:
        staging = Path(scratch) / "model"
        staging.mkdir()
        fp32 = Path(scratch) / "encoder.onnx"
        _export_encoder(source, fp32)
        if precision == "fp16":
            _store_fp16(fp32, staging / ENCODER_FILE)
        elif precision == "int8":
            _quantize_int8(fp32, staging / ENCODER_FILE)
        else:
            shutil.copyfile(fp32, staging / ENCODER_FILE)
        _save_heads(source, staging / HEADS_FILE)
        _save_tokenizer(source, staging, Path(scratch) / "tokenizer")
        exported = OnnxFinetunedModel(
            precision=precision, max_length=source.max_length, encoder=source.encoder
        )
        exported._load(staging)  # every check of a load, before anything is written
        exported.preprocessing = source.preprocessing
        # the speaker component (speaker.npz, saved by FramingModel) goes with the model
        exported.speaker = getattr(source, "speaker", None)
        exported.save_pretrained(output)
    for name in KEPT_FILES:
        if folder is not None and (folder / name).is_file():
            shutil.copyfile(folder / name, output / name)
    return output


def _source(model_or_folder: Any) -> tuple[FinetunedModel, Path | None]:
    """The fine-tuned model to export and the folder it came from (None for a model object)."""
    from framing.models.loading import load_checked, resolve_model

    folder = None
    model = model_or_folder
    if isinstance(model_or_folder, (str, Path)):
        folder, _ = resolve_model(model_or_folder)
        model = load_checked(folder)
    if not isinstance(model, FinetunedModel):
        family = getattr(model, "family", type(model).__name__)
        raise ValueError(f"only a finetune model can be exported to ONNX, not a {family} model")
    if model.network is None:
        raise ValueError("the model is not trained: train it (or load a trained one) first")
    if model.quantized:
        raise ValueError(
            f"a {model.quantized}-quantized model cannot be exported: export the saved model, with "
            "precision='int8' for a quantized one"
        )
    return model, folder


def _encoder_module(source: FinetunedModel) -> Any:
    """The encoder alone, in float32 on the CPU with eager attention, returning the last hidden
    states."""
    import torch

    encoder = copy.deepcopy(source.network.encoder).float().cpu().eval()
    if hasattr(encoder, "set_attn_implementation"):
        encoder.set_attn_implementation("eager")
    else:  # older transformers
        encoder.config._attn_implementation = "eager"

    class Encoder(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids, attention_mask):
            return self.encoder(input_ids=input_ids, attention_mask=attention_mask)[0]

    return Encoder().eval()


def _probe(source: FinetunedModel) -> dict[str, np.ndarray]:
    """A padded batch of real sentences, to compare graphs on."""
    enc = source.tokenizer(PROBE, truncation=True, max_length=source.max_length, padding=True)
    return {name: np.array(enc[name], dtype=np.int64) for name in INPUT_NAMES}


def _run(path: Path, feed: dict[str, np.ndarray]) -> np.ndarray:
    import onnxruntime as ort

    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    return session.run([OUTPUT_NAME], feed)[0].astype(np.float32)


def _export_encoder(source: FinetunedModel, path: Path) -> None:
    """The encoder as float32 ONNX at ``path``, traced; its outputs on a probe batch must be
    torch's (to 1e-4)."""
    import torch

    module = _encoder_module(source)
    feed = _probe(source)
    dynamic = {name: {0: "batch", 1: "sequence"} for name in (*INPUT_NAMES, OUTPUT_NAME)}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the tracer's warnings about Python conditions
        torch.onnx.export(
            module,
            tuple(torch.from_numpy(feed[name]) for name in INPUT_NAMES),
            str(path),
            dynamo=False,
            input_names=list(INPUT_NAMES),
            output_names=[OUTPUT_NAME],
            dynamic_axes=dynamic,
            opset_version=OPSET,
        )
    with torch.inference_mode():
        expected = module(*(torch.from_numpy(feed[n]) for n in INPUT_NAMES)).float().numpy()
    real = feed["attention_mask"].astype(bool)
    difference = float(np.abs(_run(path, feed) - expected)[real].max())
    if difference > 1e-4:
        raise RuntimeError(f"the traced encoder differs from torch's by {difference:.2g}")


def _store_fp16(source: Path, target: Path) -> None:
    """The float32 graph at ``source`` with its float32 initializers of at least
    :data:`FP16_MIN_SIZE` values stored in float16, each followed by a ``Cast`` to float32 under
    its old name (onnxruntime folds the casts when it opens the session: the arithmetic stays
    float32). Tensors with values beyond float16's range stay float32."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    model = onnx.load(str(source))
    graph = model.graph
    casts = []
    for index, tensor in enumerate(graph.initializer):
        if tensor.data_type != TensorProto.FLOAT:
            continue
        values = numpy_helper.to_array(tensor)
        if values.size < FP16_MIN_SIZE:
            continue
        half = values.astype(np.float16)
        if not np.isfinite(half).all():
            continue
        name = tensor.name
        stored = numpy_helper.from_array(half, name=f"{name}_fp16")
        graph.initializer[index].CopyFrom(stored)
        cast = helper.make_node("Cast", [stored.name], [name], to=TensorProto.FLOAT)
        cast.name = f"{name}_cast"
        casts.append(cast)
    nodes = [*casts, *graph.node]
    del graph.node[:]
    graph.node.extend(nodes)
    onnx.checker.check_model(model)
    onnx.save(model, str(target))


def _quantize_int8(source: Path, target: Path) -> None:
    """onnxruntime's dynamic quantization of the graph at ``source``: int8 weights, activations
    quantized on the fly."""
    from onnx import TensorProto
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # the type of any tensor that ONNX's shape inference leaves untyped
    extra = {"DefaultTensorType": TensorProto.FLOAT}
    before = logging.root.manager.disable
    logging.disable(logging.WARNING)  # its advice to pre-process goes to the root logger
    try:
        quantize_dynamic(
            str(source),
            str(target),
            weight_type=QuantType.QInt8,
            per_channel=True,  # a scale per output channel: half the error of one per tensor
            extra_options=extra,
        )
    finally:
        logging.disable(before)


def _save_heads(source: FinetunedModel, path: Path) -> None:
    from safetensors.numpy import save_file

    network = source.network
    heads = {}
    for head in HEAD_NAMES:
        layer = getattr(network, head)
        for part in ("weight", "bias"):
            tensor = getattr(layer, part).detach().float().cpu().numpy()
            heads[f"{head}.{part}"] = np.ascontiguousarray(tensor)
    save_file(heads, str(path))


def _save_tokenizer(source: FinetunedModel, staging: Path, scratch: Path) -> None:
    """``tokenizer.json`` and ``tokenizer_config.json`` of the source's (fast) tokenizer."""
    source.tokenizer.save_pretrained(scratch)
    if not (scratch / TOKENIZER_FILE).is_file():
        raise ValueError(
            f"the model's tokenizer ({type(source.tokenizer).__name__}) has no {TOKENIZER_FILE}: "
            "only a fast tokenizer can be served without transformers"
        )
    for name in (TOKENIZER_FILE, TOKENIZER_CONFIG):
        shutil.copyfile(scratch / name, staging / name)


def main(argv: list[str] | None = None) -> int:
    """``python -m framing.export MODEL_OR_RUN --output DIR [--precision fp16]``."""
    parser = argparse.ArgumentParser(
        prog="python -m framing.export",
        description="Export a fine-tuned model to ONNX: a model folder that framing.load() serves "
        "with onnxruntime, without torch.",
    )
    parser.add_argument("model", help="a finetune model folder or training run")
    parser.add_argument("--output", required=True, help="the new model folder")
    parser.add_argument(
        "--precision",
        choices=PRECISIONS,
        default="fp32",
        help="how the weights are stored: fp32, fp16 (half the size, computed in fp32), or int8",
    )
    args = parser.parse_args(argv)
    from framing.models.errors import ModelError

    try:
        folder = export_onnx(args.model, args.output, args.precision)
    except (ValueError, RuntimeError, ModelError) as err:
        print(f"framing export: {err}", file=sys.stderr)
        return 1
    size = sum(f.stat().st_size for f in folder.iterdir() if f.is_file())
    print(f"{folder}: a finetune_onnx model ({args.precision}), {size / 1e6:.1f} MB")
    return 0
