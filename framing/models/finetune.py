"""Family ``finetune``: the encoder fine-tuned with transformers' ``Trainer``.

One encoder pass per sentence feeds three heads: mode and reported over the sentence's mean-pooled
tokens, and stance over each mention's pooled tokens next to the sentence's — not one pass per
(sentence, actor) pair. Training goes through ``Trainer``, so ``accelerate launch`` or
``torchrun`` scale it to several GPUs unchanged. Saved as safetensors (encoder and heads) with the
tokenizer files and JSON; nothing is pickled.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from framing.labels import BOOLEAN
from framing.models.base import FramingModel, Scores
from framing.models.encoders import DEFAULT_ENCODER
from framing.models.folder import few

WEIGHTS = "model.safetensors"
ENCODER_CONFIG = "encoder_config.json"
# what the tokenizer files of a saved model start with (named in errors; JSON ones are checked)
_TOKENIZER_FILES = ("tokenizer", "vocab", "special_tokens", "added_tokens", "merges")


def _network(encoder_path_or_config: Any, n_modes: int, n_stances: int):
    """The torch module: encoder + mode, reported and stance heads."""
    import torch
    from torch import nn
    from transformers import AutoModel, PretrainedConfig

    class FramingNetwork(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            if isinstance(encoder_path_or_config, PretrainedConfig):
                self.encoder = AutoModel.from_config(encoder_path_or_config)
            else:
                # safetensors only: a pickled pytorch_model.bin never reaches torch.load
                self.encoder = AutoModel.from_pretrained(
                    encoder_path_or_config, use_safetensors=True
                )
            hidden = self.encoder.config.hidden_size
            self.dropout = nn.Dropout(0.1)
            self.mode_head = nn.Linear(hidden, n_modes)
            self.reported_head = nn.Linear(hidden, 2)
            self.stance_head = nn.Linear(2 * hidden, n_stances)
            self.class_weights: dict[str, torch.Tensor] = {}  # per head, set by fit()

        def forward(
            self,
            input_ids,
            attention_mask,
            mention_index=None,
            mention_mask=None,
            mode_labels=None,
            reported_labels=None,
            stance_labels=None,
            **_,
        ):
            tokens = self.encoder(
                input_ids=input_ids, attention_mask=attention_mask
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(tokens.dtype)
            sentence = (tokens * mask).sum(1) / mask.sum(1).clamp(min=1.0)
            out = {
                "mode_logits": self.mode_head(self.dropout(sentence)),
                "reported_logits": self.reported_head(self.dropout(sentence)),
            }
            if mention_index is not None and mention_index.numel():
                span = mention_mask.unsqueeze(-1).to(tokens.dtype)
                picked = tokens[mention_index]
                pooled = (picked * span).sum(1) / span.sum(1).clamp(min=1.0)
                features = torch.cat([sentence[mention_index], pooled], dim=-1)
                out["stance_logits"] = self.stance_head(self.dropout(features))
            if mode_labels is not None:
                heads = [("mode", mode_labels), ("reported", reported_labels)]
                if "stance_logits" in out and stance_labels is not None:
                    heads.append(("stance", stance_labels))
                out["loss"] = sum(
                    _loss(out[f"{head}_logits"], labels, self.class_weights.get(head))
                    for head, labels in heads
                )
            return out

    return FramingNetwork()


MISSING = -100  # the label of an example whose benchmark does not have this task
# sentences per forward pass at inference, taken in order of length from each call's sentences
# (the more sentences a call gets, the less padding; 32 was the fastest on 2 CPU cores)
FORWARD_BATCH = 32


def _loss(logits, labels, weight=None):
    """Cross-entropy over the rows that have a label; zero (with a gradient) when none has."""
    from torch import nn

    keep = labels != MISSING
    if not bool(keep.any()):
        return logits.sum() * 0.0
    if weight is not None:
        weight = weight.to(logits.device)
    return nn.functional.cross_entropy(logits[keep], labels[keep], weight=weight)


def _keep_layers(encoder: Any, layers: int) -> None:
    """Keep the first ``layers`` transformer layers of a BERT-like encoder (a smaller, faster
    model that starts from the pretrained lower layers); the saved config records the number."""
    stack = encoder.encoder.layer
    if not 1 <= layers <= len(stack):
        raise ValueError(f"encoder_layers must be between 1 and {len(stack)}, got {layers}")
    encoder.encoder.layer = stack[:layers]
    encoder.config.num_hidden_layers = layers


def _balanced(values: Sequence[str], classes: Sequence[str]) -> np.ndarray:
    """scikit-learn's "balanced" class weights (absent classes weigh nothing)."""
    counts = np.array([list(values).count(c) for c in classes], dtype=float)
    return np.divide(
        counts.sum(), len(counts) * counts, out=np.zeros_like(counts), where=counts > 0
    )


class _Collator:
    """Tokenises a batch of examples and builds, for every mention, the mask of its tokens."""

    def __init__(
        self, tokenizer: Any, max_length: int, modes: Sequence[str], stances: Sequence[str]
    ) -> None:
        self.tokenizer = tokenizer
        self.max_length = max_length
        self.modes = list(modes)
        self.stances = list(stances)

    def __call__(self, examples: Sequence[dict[str, Any]]) -> dict[str, Any]:
        import torch

        enc = self.tokenizer(
            [ex["text"] for ex in examples],
            truncation=True,
            max_length=self.max_length,
            padding=True,
            return_offsets_mapping=True,
            return_tensors="pt",
        )
        offsets = enc.pop("offset_mapping")
        index, masks, stance = [], [], []
        for i, ex in enumerate(examples):
            starts, ends = offsets[i, :, 0], offsets[i, :, 1]
            real = ends > starts
            for m in ex["mentions"]:
                inside = real & (starts < m["end"]) & (ends > m["start"])
                if not inside.any():  # truncated away: pool the whole sentence
                    inside = real.clone()
                index.append(i)
                masks.append(inside)
                if "stance" in m:
                    stance.append(self.stances.index(m["stance"]))
        batch = dict(enc)
        batch["mention_index"] = torch.tensor(index, dtype=torch.long)
        width = enc["input_ids"].shape[1]
        batch["mention_mask"] = (
            torch.stack(masks).long() if masks else torch.zeros((0, width), dtype=torch.long)
        )
        if all("mode" in ex for ex in examples):  # training: labels, MISSING where unknown
            batch["mode_labels"] = torch.tensor(
                [MISSING if ex["mode"] is None else self.modes.index(ex["mode"]) for ex in examples]
            )
            batch["reported_labels"] = torch.tensor(
                [MISSING if ex["reported"] is None else int(ex["reported"]) for ex in examples]
            )
            batch["stance_labels"] = torch.tensor(stance, dtype=torch.long)
        return batch


def _length_grouped_trainer():
    from transformers import Trainer
    from transformers.trainer_pt_utils import LengthGroupedSampler

    class LengthGroupedTrainer(Trainer):
        """Batches of sentences of similar length (less padding), in random order: the
        ``group_by_length`` sampler, with lengths taken from the texts."""

        def _get_train_sampler(self, train_dataset=None):
            dataset = train_dataset if train_dataset is not None else self.train_dataset
            lengths = [len(ex["text"]) for ex in dataset]
            size = self.args.train_batch_size * self.args.gradient_accumulation_steps
            return LengthGroupedSampler(size, dataset=dataset, lengths=lengths)

    return LengthGroupedTrainer


class FinetunedModel(FramingModel):
    """An encoder fine-tuned for mode, reported and target stance in one pass per sentence.

    With ``warm_start`` (scikit-learn's name for it), :meth:`fit` on a trained model continues
    from its weights instead of the pretrained encoder: how training on public data first and the
    annotated set second works (:mod:`framing.train`, ``data.public``).
    """

    family = "finetune"
    files = (WEIGHTS, ENCODER_CONFIG, "tokenizer_config.json")

    def __init__(
        self,
        encoder: str = DEFAULT_ENCODER,
        max_length: int = 128,
        batch_size: int = 8,
        epochs: float = 8.0,
        learning_rate: float = 5e-5,
        weight_decay: float = 0.01,
        warmup_ratio: float = 0.1,
        freeze_embeddings: bool = False,
        group_by_length: bool = False,
        class_weight: str = "stance",
        encoder_layers: int | None = None,
        warm_start: bool = False,
        seed: int = 0,
    ) -> None:
        self.encoder = encoder
        self.max_length = max_length
        self.batch_size = batch_size
        self.epochs = epochs
        self.learning_rate = learning_rate
        self.weight_decay = weight_decay
        self.warmup_ratio = warmup_ratio
        self.freeze_embeddings = freeze_embeddings
        self.group_by_length = group_by_length
        if class_weight not in ("stance", "all"):
            raise ValueError(f"class_weight must be 'stance' or 'all', got {class_weight!r}")
        self.class_weight = class_weight
        if encoder_layers is not None and (
            isinstance(encoder_layers, bool)
            or not isinstance(encoder_layers, int)
            or encoder_layers < 1
        ):
            raise ValueError(
                f"encoder_layers must be a positive integer or None, got {encoder_layers!r}"
            )
        self.encoder_layers = encoder_layers
        self.warm_start = warm_start
        self.seed = seed
        self.network = None
        self.tokenizer = None
        self.quantized: str | None = None  # set by quantize(): inference only from then on

    def fit(self, examples: Sequence[dict[str, Any]]) -> FinetunedModel:
        import torch
        from transformers import AutoTokenizer, Trainer, TrainingArguments, set_seed

        from framing.models.encoders import resolve_encoder

        set_seed(self.seed)
        if not (self.warm_start and self.network is not None):
            path = resolve_encoder(self.encoder)
            self.tokenizer = AutoTokenizer.from_pretrained(path)
            self.network = _network(path, len(self.modes), len(self.stance_labels))
            if self.encoder_layers is not None:
                _keep_layers(self.network.encoder, self.encoder_layers)
        self.network.train()
        # the word-embedding matrix is half of MiniLM's weights: frozen, a CPU step is ~1.5x faster
        embeddings = self.network.encoder.get_input_embeddings()
        embeddings.weight.requires_grad_(not self.freeze_embeddings)
        # balanced class weights, as in the other families (stance only, or every head)
        labels = {"stance": [m["stance"] for ex in examples for m in ex["mentions"]]}
        if self.class_weight == "all":
            labels["mode"] = [ex["mode"] for ex in examples if ex.get("mode") is not None]
            labels["reported"] = [
                str(bool(ex["reported"])).lower()
                for ex in examples
                if ex.get("reported") is not None
            ]
        classes = {"stance": self.stance_labels, "mode": self.modes, "reported": BOOLEAN}
        self.network.class_weights = {
            head: torch.tensor(_balanced(values, classes[head]), dtype=torch.float32)
            for head, values in labels.items()
        }
        with tempfile.TemporaryDirectory() as scratch:
            args = TrainingArguments(
                output_dir=scratch,
                per_device_train_batch_size=self.batch_size,
                num_train_epochs=self.epochs,
                learning_rate=self.learning_rate,
                weight_decay=self.weight_decay,
                warmup_steps=self.warmup_ratio,  # a float below 1 is a ratio of all steps
                lr_scheduler_type="linear",
                save_strategy="no",
                report_to=[],
                logging_strategy="epoch",
                seed=self.seed,
                data_seed=self.seed,
                remove_unused_columns=False,
                dataloader_num_workers=0,
                disable_tqdm=False,
            )
            collator = _Collator(self.tokenizer, self.max_length, self.modes, self.stance_labels)
            trainer_class = _length_grouped_trainer() if self.group_by_length else Trainer
            trainer = trainer_class(
                model=self.network, args=args, train_dataset=list(examples), data_collator=collator
            )
            trainer.train()
        self.network.eval()
        return self

    def scores(self, examples: Sequence[dict[str, Any]]) -> Scores:
        import torch

        if self.network is None:
            raise RuntimeError("the model is not trained: call fit() or from_pretrained() first")
        collator = _Collator(self.tokenizer, self.max_length, self.modes, self.stance_labels)
        order = sorted(range(len(examples)), key=lambda i: len(examples[i]["text"]))
        mode = np.zeros((len(examples), len(self.modes)))
        reported = np.zeros(len(examples))
        stances: list[np.ndarray] = [np.zeros((0, len(self.stance_labels)))] * len(examples)
        device = next(self.network.parameters()).device
        self.network.eval()
        for start in range(0, len(order), FORWARD_BATCH):
            ids = order[start : start + FORWARD_BATCH]
            batch_examples = [
                {"text": examples[i]["text"], "mentions": examples[i]["mentions"]} for i in ids
            ]
            batch = {k: v.to(device) for k, v in collator(batch_examples).items()}
            with torch.inference_mode():
                out = self.network(**batch)
            out = {k: v.float() for k, v in out.items()}
            mode[ids] = torch.softmax(out["mode_logits"], -1).cpu().numpy()
            reported[ids] = torch.softmax(out["reported_logits"], -1)[:, 1].cpu().numpy()
            rows = (
                torch.softmax(out["stance_logits"], -1).cpu().numpy()
                if "stance_logits" in out
                else np.zeros((0, len(self.stance_labels)))
            )
            k = 0
            for i in ids:
                n = len(examples[i]["mentions"])
                stances[i] = rows[k : k + n]
                k += n
        return Scores(mode=mode, reported=reported, stances=stances)

    def quantize(self, mode: str = "int8") -> FinetunedModel:
        """Faster CPU inference: ``int8`` (dynamic int8 quantization of the linear layers) or
        ``bf16`` (bfloat16 weights and activations, for CPUs with bf16 support). Inference only:
        a quantized model is not trained or saved further.

        Raises:
            ValueError: an unknown mode, or a model that is not trained.
        """
        import torch

        if self.network is None:
            raise ValueError("the model is not trained: call fit() or from_pretrained() first")
        if mode == "int8":
            self.network = torch.ao.quantization.quantize_dynamic(
                self.network, {torch.nn.Linear}, dtype=torch.qint8
            )
        elif mode == "bf16":
            self.network = self.network.to(torch.bfloat16)
        else:
            raise ValueError(f"unknown quantization {mode!r}; expected 'int8' or 'bf16'")
        self.network.eval()
        self.quantized = mode
        return self

    def _save(self, directory: Path) -> None:
        if self.quantized:
            raise ValueError(
                f"a {self.quantized}-quantized model is for inference only: save the "
                "model before quantizing it"
            )
        from safetensors.torch import save_file

        state = {k: v.detach().cpu().contiguous() for k, v in self.network.state_dict().items()}
        save_file(state, str(directory / WEIGHTS))
        self.tokenizer.save_pretrained(directory)
        (directory / ENCODER_CONFIG).write_text(
            self.network.encoder.config.to_json_string(), encoding="utf-8"
        )

    def _load(self, directory: Path) -> None:
        """Read the network and tokenizer from the folder alone (the ``encoder`` parameter, a
        path or Hub id used by :meth:`fit`, is not touched): ``encoder_config.json``, then
        ``model.safetensors`` checked against the network that config builds (names, shapes,
        finite numbers) before any weight is allocated, then the tokenizer files.

        Raises:
            framing.ModelError: a file that cannot be read, is truncated, mis-shaped or holds
                non-finite weights, or a corrupt tokenizer (named).
        """
        import torch
        from transformers import AutoConfig, AutoTokenizer

        from framing.models.errors import ModelError
        from framing.models.files import read_json, read_safetensors, safetensors_header

        config_file, weights = directory / ENCODER_CONFIG, directory / WEIGHTS
        read_json(config_file)
        try:
            config = AutoConfig.from_pretrained(config_file)
            with torch.device("meta"):  # shapes only: nothing allocated for a mis-sized config
                expected = _network(config, len(self.modes), len(self.stance_labels)).state_dict()
        except Exception as err:  # unknown model_type, bad values, remote code
            raise ModelError(
                f"{config_file}: not a usable encoder config ({type(err).__name__}: {err})"
            ) from None
        declared = safetensors_header(weights)
        missing = sorted(set(expected) - set(declared))
        unexpected = sorted(set(declared) - set(expected))
        wrong = [
            f"{key} {tuple(declared[key]['shape'])} (expected {tuple(expected[key].shape)})"
            for key in sorted(set(expected) & set(declared))
            if tuple(declared[key]["shape"]) != tuple(expected[key].shape)
        ]
        if missing or unexpected or wrong:
            parts = [
                f"{what}: {few(items)}"
                for what, items in (
                    ("missing", missing),
                    ("unexpected", unexpected),
                    ("wrong shapes", wrong),
                )
                if items
            ]
            raise ModelError(
                f"{weights}: the weights do not fit the network of {ENCODER_CONFIG} "
                f"({'; '.join(parts)})"
            )
        state = read_safetensors(weights)
        self.network = _network(config, len(self.modes), len(self.stance_labels))
        try:
            self.network.load_state_dict(state, strict=True)
        except RuntimeError as err:
            raise ModelError(f"{weights}: the weights do not fit the network ({err})") from None
        self.network.eval()
        tokenizer_files = sorted(
            p.name for p in directory.iterdir() if p.name.startswith(_TOKENIZER_FILES)
        )
        for name in tokenizer_files:
            if name.endswith(".json"):
                read_json(directory / name)
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(directory)
        except Exception as err:  # tokenizers' and transformers' many kinds
            raise ModelError(
                f"{directory}: the tokenizer ({', '.join(tokenizer_files) or 'no files'}) cannot "
                f"be loaded ({type(err).__name__}: {err})"
            ) from None
