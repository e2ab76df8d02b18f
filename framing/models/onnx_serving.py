"""Family ``finetune_onnx``: a fine-tuned model (family ``finetune``) served without torch.

The encoder runs in onnxruntime from ``model.onnx`` (exported by
:func:`framing.models.onnx_export.export_onnx`); the tokenizer is the ``tokenizers`` library's,
read from ``tokenizer.json``; the mean pooling of the sentence's and each mention's tokens and the
three heads (``heads.safetensors``) are numpy. The arithmetic is that of the torch model: one
encoder pass per sentence, the sentence's mean-pooled tokens into the mode and reported heads,
each mention's pooled tokens next to the sentence's into the stance head.

Imports numpy, onnxruntime, tokenizers and safetensors only (never torch or transformers), so
that import, load and a first analysis take well under two seconds. It cannot be trained: train
the ``finetune`` family and export it (``framing export``).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np

from framing.models.base import FramingModel, Scores
from framing.models.encoders import DEFAULT_ENCODER
from framing.models.errors import ModelError
from framing.models.files import read_json, safetensors_header
from framing.models.finetune import FORWARD_BATCH
from framing.models.network import mention_masks
from framing.models.onnx_graph import OnnxGraph, read_graph
from framing.models.params import ENCODER, MAX_LENGTH, Seeded, param, validate
from framing.records import Example, as_examples

__all__ = [
    "ENCODER_FILE",
    "HEADS_FILE",
    "INPUT_NAMES",
    "OUTPUT_NAME",
    "PRECISIONS",
    "OnnxFinetunedModel",
    "mention_masks",
    "stored_precision",
]

ENCODER_FILE = "model.onnx"
HEADS_FILE = "heads.safetensors"
TOKENIZER_FILE = "tokenizer.json"
TOKENIZER_CONFIG = "tokenizer_config.json"
INPUT_NAMES = ("input_ids", "attention_mask")
OUTPUT_NAME = "last_hidden_state"
PRECISIONS = ("fp32", "fp16", "int8")
# the heads of the torch network, each a weight and a bias in heads.safetensors
HEAD_NAMES = ("mode_head", "reported_head", "stance_head")


def stored_precision(graph: OnnxGraph) -> str:
    """How an ONNX graph stores its weights: ``int8`` (integer-quantized matrices), ``fp16`` (most
    floating-point weight bytes in float16) or ``fp32``."""
    matrices = [t for t in graph.initializers.values() if len(t.shape) >= 2]
    if any(t.dtype in ("int8", "uint8") for t in matrices):
        return "int8"
    half = sum(t.bytes for t in matrices if t.dtype == "float16")
    single = sum(t.bytes for t in matrices if t.dtype == "float32")
    return "fp16" if half > single else "fp32"


def word_embeddings(graph: OnnxGraph) -> Any:
    """The word-embedding table: the initializer the graph looks ``input_ids`` up in (a
    ``Gather``, or the word embedding of a fused ``EmbedLayerNormalization``); None if none."""
    ids, pending = [], ["input_ids"]
    while pending:  # input_ids and its casts (a fused embedding reads int32 ids)
        name = pending.pop()
        ids.append(name)
        pending += [n.outputs[0] for n in graph.consumers(name) if n.op_type == "Cast"]
    for name in ids:
        for node in graph.consumers(name):
            if node.op_type == "Gather" and node.inputs[1:2] == (name,):
                table = node.inputs[0]
            elif node.op_type.endswith("EmbedLayerNormalization") and node.inputs[:1] == (name,):
                table = node.inputs[2]
            else:
                continue
            found = graph.source_initializer(table)
            if found is not None and len(found.shape) == 2:
                return found
    return None


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)


def _cores() -> int:
    """The session's threads: ``OMP_NUM_THREADS`` when set (a Ray actor's CPUs), else one per
    core this process may run on."""
    given = os.environ.get("OMP_NUM_THREADS", "")
    if given.isdigit() and int(given) > 0:
        return int(given)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass(eq=False)
class OnnxFinetunedModel(FramingModel, Seeded):
    """A fine-tuned model exported to ONNX, for inference only.

    Args:
        precision: how the encoder's weights are stored: ``fp32``; ``fp16`` (half the file, the
            arithmetic still in float32); ``int8`` (onnxruntime's dynamic quantization).
        max_length: the most tokens of a sentence the encoder reads (the source model's).
        encoder: the pretrained encoder the source model was fine-tuned from (recorded for the
            model card; nothing is loaded from it).
        seed: unused (nothing is drawn at random); taken, as by every family a training config
            can name, so that the trainer builds this one alike (and its fit explains itself).
    """

    family = "finetune_onnx"
    files = (ENCODER_FILE, HEADS_FILE, TOKENIZER_FILE, TOKENIZER_CONFIG)

    precision: Literal["fp32", "fp16", "int8"] = param("fp32")
    max_length: int = param(128, rule=MAX_LENGTH)
    encoder: str = param(DEFAULT_ENCODER, rule=ENCODER)

    def __post_init__(self) -> None:
        validate(self)
        self.session: Any = None
        self.tokenizer: Any = None
        self.heads: dict[str, np.ndarray] = {}
        self.directory: Path | None = None  # the folder model.onnx and the tokenizer come from
        # the speaker component (framing.models.speaker), saved and loaded by the base class:
        # export_onnx copies the source model's onto this one
        self.speaker = None

    def fit(self, examples: Sequence[Example | Mapping[str, Any]]) -> OnnxFinetunedModel:
        raise NotImplementedError(
            "a finetune_onnx model is for inference only: train the finetune family, then "
            "export it (framing export MODEL --output DIR)"
        )

    # -- inference --------------------------------------------------------------------------------
    def _tokenize(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Token ids, attention mask and character offsets of a batch, padded to its longest."""
        encodings = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        offsets = np.array([e.offsets for e in encodings], dtype=np.int64).reshape(
            len(texts), ids.shape[1], 2
        )
        return ids, mask, offsets

    def scores(self, examples: Sequence[Example | Mapping[str, Any]]) -> Scores:
        examples = as_examples(examples)
        if self.session is None:
            raise RuntimeError("the model is not loaded: load it with framing.load(folder)")
        order = sorted(range(len(examples)), key=lambda i: len(examples[i].text))
        n_stances = len(self.stance_labels)
        mode = np.zeros((len(examples), len(self.modes)))
        reported = np.zeros(len(examples))
        stances: list[np.ndarray] = [np.zeros((0, n_stances))] * len(examples)
        heads = self.heads
        for begin in range(0, len(order), FORWARD_BATCH):
            ids = order[begin : begin + FORWARD_BATCH]
            batch = [examples[i] for i in ids]
            input_ids, attention, offsets = self._tokenize([ex.text for ex in batch])
            (tokens,) = self.session.run(
                [OUTPUT_NAME], {"input_ids": input_ids, "attention_mask": attention}
            )
            tokens = tokens.astype(np.float32, copy=False)
            weights = attention.astype(np.float32)
            sentence = np.einsum("bt,bth->bh", weights, tokens)
            sentence /= np.maximum(weights.sum(1, keepdims=True), 1.0)
            mode_logits = sentence @ heads["mode_head.weight"].T + heads["mode_head.bias"]
            reported_logits = (
                sentence @ heads["reported_head.weight"].T + heads["reported_head.bias"]
            )
            mode[ids] = _softmax(mode_logits)
            reported[ids] = _softmax(reported_logits)[:, 1]
            spans = [(k, m.start, m.end) for k, ex in enumerate(batch) for m in ex.mentions]
            if not spans:
                continue
            span = mention_masks(offsets, spans, input_ids.shape[1])
            rows = np.array([k for k, _, _ in spans])
            pooled = np.einsum("mt,mth->mh", span, tokens[rows])
            pooled /= np.maximum(span.sum(1, keepdims=True), 1.0)
            features = np.concatenate([sentence[rows], pooled], axis=1)
            probabilities = _softmax(
                features @ heads["stance_head.weight"].T + heads["stance_head.bias"]
            )
            k = 0
            for i, ex in zip(ids, batch, strict=True):
                stances[i] = probabilities[k : k + len(ex.mentions)].astype(np.float64)
                k += len(ex.mentions)
        return Scores(mode=mode, reported=reported, stances=stances,
                      speaker=self.speaker_scores(examples))  # fmt: skip

    # -- persistence ------------------------------------------------------------------------------
    def _save(self, directory: Path) -> None:
        from safetensors.numpy import save

        if self.directory is None:
            raise ValueError("the model is not loaded: nothing to save")
        for name in (ENCODER_FILE, TOKENIZER_FILE, TOKENIZER_CONFIG):
            source, target = self.directory / name, directory / name
            if not (target.exists() and source.samefile(target)):
                shutil.copyfile(source, target)
        (directory / HEADS_FILE).write_bytes(save(self.heads))

    def _load(self, directory: Path) -> None:
        """Read and check the folder's encoder, heads and tokenizer, then open the session.

        Raises:
            framing.ModelError: an unreadable file, or files that do not fit each other or
                ``framing.json`` (the file named, with what is wrong).
        """
        heads = self._read_heads(directory / HEADS_FILE)
        hidden = heads["mode_head.weight"].shape[1]
        tokenizer = self._read_tokenizer(directory)
        path = directory / ENCODER_FILE
        try:
            content = path.read_bytes()
        except OSError as err:
            raise ModelError(f"{path}: cannot read it ({err})") from None
        graph = read_graph(content, path)
        self._check_graph(graph, path, hidden, tokenizer.get_vocab_size(with_added_tokens=True))
        self.session = self._open(content, path)
        output = self.session.get_outputs()[0]
        width = output.shape[-1] if output.shape else None
        if isinstance(width, int) and width != hidden:
            raise ModelError(
                f"{path}: the encoder's hidden size is {width}, the heads of {HEADS_FILE} read "
                f"{hidden}"
            )
        self.tokenizer, self.heads, self.directory = tokenizer, heads, directory

    def _read_heads(self, path: Path) -> dict[str, np.ndarray]:
        from safetensors.numpy import load_file

        declared = safetensors_header(path)
        expected = {f"{head}.{part}" for head in HEAD_NAMES for part in ("weight", "bias")}
        if set(declared) != expected:
            raise ModelError(
                f"{path}: expected the tensors {', '.join(sorted(expected))}, found "
                f"{', '.join(sorted(declared)) or 'none'}"
            )
        try:
            heads = {k: v.astype(np.float32) for k, v in load_file(str(path)).items()}
        except Exception as err:  # SafetensorError, OSError
            raise ModelError(f"{path}: cannot read the heads ({err})") from None
        hidden = heads["mode_head.weight"].shape[-1]
        shapes = {
            "mode_head.weight": (len(self.modes), hidden),
            "mode_head.bias": (len(self.modes),),
            "reported_head.weight": (2, hidden),
            "reported_head.bias": (2,),
            "stance_head.weight": (len(self.stance_labels), 2 * hidden),
            "stance_head.bias": (len(self.stance_labels),),
        }
        for name, shape in shapes.items():
            if heads[name].shape != shape:
                raise ModelError(
                    f"{path}: tensor {name!r} has shape {heads[name].shape}, expected {shape} "
                    f"(hidden size {hidden}, the labels of framing.json)"
                )
            if not np.isfinite(heads[name]).all():
                raise ModelError(f"{path}: tensor {name!r} holds non-finite numbers")
        return heads

    def _read_tokenizer(self, directory: Path) -> Any:
        """The fast tokenizer of ``tokenizer.json``, set to truncate and pad as the torch model's
        transformers tokenizer does (``truncation=True, max_length=max_length,
        padding=True``: to the batch's longest, with the pad token and side of
        ``tokenizer_config.json``)."""
        from tokenizers import Tokenizer

        config = read_json(directory / TOKENIZER_CONFIG)
        path = directory / TOKENIZER_FILE
        read_json(path)
        try:
            tokenizer = Tokenizer.from_file(str(path))
        except Exception as err:  # tokenizers raises its own exception kinds
            raise ModelError(f"{path}: the tokenizer cannot be loaded ({err})") from None
        pad = config.get("pad_token", "[PAD]")
        pad = pad.get("content") if isinstance(pad, dict) else pad
        pad_id = tokenizer.token_to_id(pad) if isinstance(pad, str) else None
        if pad_id is None:
            raise ModelError(
                f"{directory / TOKENIZER_CONFIG}: the pad token {pad!r} is not in the vocabulary "
                f"of {TOKENIZER_FILE}"
            )
        side = config.get("truncation_side", "right")
        tokenizer.enable_truncation(self.max_length, direction=side)
        tokenizer.enable_padding(
            direction=config.get("padding_side", "right"), pad_id=pad_id, pad_token=pad
        )
        return tokenizer

    def _check_graph(self, graph: OnnxGraph, path: Path, hidden: int, vocabulary: int) -> None:
        inputs = tuple(t.name for t in graph.inputs)
        if inputs != INPUT_NAMES:
            raise ModelError(
                f"{path}: the encoder's inputs are {list(inputs)}, expected {list(INPUT_NAMES)}"
            )
        outputs = [t.name for t in graph.outputs]
        if outputs != [OUTPUT_NAME]:
            raise ModelError(
                f"{path}: the encoder's outputs are {outputs}, expected {[OUTPUT_NAME]}"
            )
        shape = graph.outputs[0].shape
        if shape and isinstance(shape[-1], int) and shape[-1] != hidden:
            raise ModelError(
                f"{path}: the encoder's hidden size is {shape[-1]}, the heads of {HEADS_FILE} "
                f"read {hidden}"
            )
        table = word_embeddings(graph)
        if table is None:
            raise ModelError(f"{path}: no word-embedding table found for input_ids")
        if table.shape[0] != vocabulary:
            raise ModelError(
                f"{path}: the word embeddings have {table.shape[0]} rows, the tokenizer of "
                f"{TOKENIZER_FILE} has {vocabulary} tokens"
            )
        stored = stored_precision(graph)
        if stored != self.precision:
            raise ModelError(
                f"{path}: the weights are stored as {stored}, framing.json says precision "
                f"{self.precision!r}"
            )

    def _open(self, content: bytes, path: Path) -> Any:
        """An onnxruntime session on the CPU, every graph optimisation on, one thread per core."""
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.intra_op_num_threads = _cores()
        options.inter_op_num_threads = 1
        options.log_severity_level = 3  # errors only: no warning per unused initializer
        try:
            return ort.InferenceSession(content, options, providers=["CPUExecutionProvider"])
        except Exception as err:  # onnxruntime's Fail, InvalidGraph, NotImplemented, ...
            raise ModelError(f"{path}: onnxruntime cannot run it ({err})") from None
