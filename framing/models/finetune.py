"""Family ``finetune``: the encoder fine-tuned with transformers' ``Trainer``.

One encoder pass per sentence feeds three heads: mode and reported over the sentence's mean-pooled
tokens, and stance over each mention's pooled tokens next to the sentence's — not one pass per
(sentence, actor) pair. Training goes through ``Trainer``, so ``accelerate launch`` or
``torchrun`` scale it to several GPUs unchanged. Saved as safetensors (encoder and heads) with the
tokenizer files and JSON; nothing is pickled.
"""

from __future__ import annotations

import tempfile
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np

from framing.labels import BOOLEAN
from framing.models.base import FramingModel, Scores
from framing.models.encoders import DEFAULT_ENCODER
from framing.models.folder import few
from framing.models.network import (
    MISSING,
    Collator,
    balanced,
    build_network,
    keep_layers,
    length_grouped_trainer,
    loss_logger,
)
from framing.models.params import (
    AT_LEAST_ONE,
    ENCODER,
    MAX_LENGTH,
    NON_NEGATIVE,
    POSITIVE,
    POSITIVE_INTEGER,
    RATIO,
    Seeded,
    param,
    validate,
)
from framing.records import Example, as_examples

__all__ = ["FORWARD_BATCH", "MISSING", "FinetunedModel"]

WEIGHTS = "model.safetensors"
ENCODER_CONFIG = "encoder_config.json"
# what the tokenizer files of a saved model start with (named in errors; JSON ones are checked)
_TOKENIZER_FILES = ("tokenizer", "vocab", "special_tokens", "added_tokens", "merges")


# the names of these parts before they moved to framing.models.network, which tests still import
# sentences per forward pass at inference, taken in order of length from each call's sentences
# (the more sentences a call gets, the less padding; 32 was the fastest on 2 CPU cores)
FORWARD_BATCH = 32


@dataclass(eq=False)
class FinetunedModel(FramingModel, Seeded):
    """An encoder fine-tuned for mode, reported and target stance in one pass per sentence.

    With ``warm_start`` (scikit-learn's name for it), :meth:`fit` on a trained model continues
    from its weights instead of the pretrained encoder: how training on public data first and the
    annotated set second works (:mod:`framing.training`, ``data.public``).

    Args:
        encoder: the pretrained encoder to start from, a local folder or a Hub id.
        max_length: the most tokens of a sentence the encoder reads.
        batch_size: sentences per training step.
        epochs: passes over the training examples (a fraction stops part-way).
        learning_rate: the peak learning rate (linear warm-up, then linear decay).
        weight_decay: AdamW's weight decay.
        warmup_ratio: the share of the steps spent warming up.
        freeze_embeddings: keep the word embeddings fixed (a CPU step is ~1.5x faster).
        group_by_length: batch sentences of similar length (less padding).
        class_weight: the heads whose loss weighs classes "balanced" (inversely to their
            frequency in training): ``stance`` or ``all``.
        encoder_layers: keep only the encoder's first N layers (faster inference, lower
            scores); None keeps all.
        warm_start: :meth:`fit` continues from the trained weights.
        seed: seeds training (weights of the heads, dropout, order of the examples).
    """

    family = "finetune"
    files = (WEIGHTS, ENCODER_CONFIG, "tokenizer_config.json")

    encoder: str = param(DEFAULT_ENCODER, rule=ENCODER)
    max_length: int = param(128, rule=MAX_LENGTH)
    batch_size: int = param(8, rule=AT_LEAST_ONE)
    epochs: float = param(8.0, rule=POSITIVE)
    learning_rate: float = param(5e-5, rule=POSITIVE)
    weight_decay: float = param(0.01, rule=NON_NEGATIVE)
    warmup_ratio: float = param(0.1, rule=RATIO)
    freeze_embeddings: bool = param(False)
    group_by_length: bool = param(False)
    class_weight: Literal["stance", "all"] = param("stance")
    encoder_layers: int | None = param(None, rule=POSITIVE_INTEGER)
    warm_start: bool = param(False, config=False)

    def __post_init__(self) -> None:
        validate(self)
        self.network = None
        self.tokenizer = None
        self.quantized: str | None = None  # set by quantize(): inference only from then on

    def _new_network(self, encoder: Any) -> Any:
        """The torch network for this model's labels, from an encoder path or config."""
        return build_network(encoder, len(self.modes), len(self.stance_labels))

    def fit(self, examples: Sequence[Example | Mapping[str, Any]]) -> FinetunedModel:
        import torch
        from transformers import (
            AutoTokenizer,
            PrinterCallback,
            Trainer,
            TrainingArguments,
            set_seed,
        )

        from framing.models.encoders import resolve_encoder

        examples = as_examples(examples)
        set_seed(self.seed)
        if not (self.warm_start and self.network is not None):
            path = resolve_encoder(self.encoder)
            self.tokenizer = AutoTokenizer.from_pretrained(path)
            self.network = self._new_network(path)
            if self.encoder_layers is not None:
                keep_layers(self.network.encoder, self.encoder_layers)
        self.network.train()
        # the word-embedding matrix is half of MiniLM's weights: frozen, a CPU step is ~1.5x faster
        embeddings = self.network.encoder.get_input_embeddings()
        embeddings.weight.requires_grad_(not self.freeze_embeddings)
        # balanced class weights, as in the other families (stance only, or every head)
        labels = {"stance": [m.stance for ex in examples for m in ex.mentions]}
        if self.class_weight == "all":
            labels["mode"] = [ex.mode for ex in examples if ex.mode is not None]
            labels["reported"] = [
                str(bool(ex.reported)).lower() for ex in examples if ex.reported is not None
            ]
        classes = {"stance": self.stance_labels, "mode": self.modes, "reported": BOOLEAN}
        self.network.class_weights = {
            head: torch.tensor(balanced(values, classes[head]), dtype=torch.float32)
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
                dataloader_pin_memory=torch.cuda.is_available(),  # helps only a copy to a GPU
                disable_tqdm=True,  # the run's own bar counts the folds
            )
            collator = Collator(
                self.tokenizer, self.max_length, self.modes, self.stance_labels, labels=True
            )
            trainer_class = length_grouped_trainer() if self.group_by_length else Trainer
            trainer = trainer_class(
                model=self.network, args=args, train_dataset=list(examples), data_collator=collator
            )
            # the loss lines go to the log (a run's train.log), not printed between the bar's lines
            trainer.remove_callback(PrinterCallback)
            trainer.add_callback(loss_logger(__name__))
            for callback in getattr(self, "callbacks", None) or ():  # e.g. a run's progress bar
                trainer.add_callback(callback)
            trainer.train()
        self.network.eval()
        self.fit_speaker(examples)
        return self

    def scores(self, examples: Sequence[Example | Mapping[str, Any]]) -> Scores:
        import torch

        examples = as_examples(examples)
        if self.network is None:
            raise RuntimeError("the model is not trained: call fit() or from_pretrained() first")
        collator = Collator(self.tokenizer, self.max_length, self.modes, self.stance_labels)
        order = sorted(range(len(examples)), key=lambda i: len(examples[i].text))
        mode = np.zeros((len(examples), len(self.modes)))
        reported = np.zeros(len(examples))
        stances: list[np.ndarray] = [np.zeros((0, len(self.stance_labels)))] * len(examples)
        device = next(self.network.parameters()).device
        self.network.eval()
        for start in range(0, len(order), FORWARD_BATCH):
            ids = order[start : start + FORWARD_BATCH]
            batch_examples = [examples[i] for i in ids]
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
                n = len(examples[i].mentions)
                stances[i] = rows[k : k + n]
                k += n
        return Scores(mode=mode, reported=reported, stances=stances,
                      speaker=self.speaker_scores(examples))  # fmt: skip

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
            with warnings.catch_warnings():
                # torch deprecates torch.ao.quantization for the torchao package, which is not a
                # dependency of framing; the eager API still works in the torch this is tested with
                warnings.filterwarnings("ignore", category=DeprecationWarning)
                warnings.filterwarnings("ignore", message=".*torch.ao.quantization.*")
                warnings.filterwarnings("ignore", message=".*quantized tensor creation.*")
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
                expected = self._new_network(config).state_dict()
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
        self.network = self._new_network(config)
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
