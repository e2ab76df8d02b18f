"""The fine-tuned family's torch parts: the network (an encoder and three heads) and its loss,
the collator that turns examples into batches with a token mask per mention, and the
length-grouped ``Trainer``.

torch and transformers are imported inside the functions that use them, so that importing
:mod:`framing.models.finetune` (and checking a config or a model folder) does not load them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from framing.records import Example

__all__ = [
    "MISSING",
    "Collator",
    "balanced",
    "build_network",
    "epoch_callback",
    "keep_layers",
    "length_grouped_trainer",
    "loss_logger",
    "masked_loss",
]


def build_network(encoder_path_or_config: Any, n_modes: int, n_stances: int):
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
                    masked_loss(out[f"{head}_logits"], labels, self.class_weights.get(head))
                    for head, labels in heads
                )
            return out

    return FramingNetwork()


MISSING = -100  # the label of an example whose benchmark does not have this task


def masked_loss(logits, labels, weight=None):
    """Cross-entropy over the rows that have a label; zero (with a gradient) when none has."""
    from torch import nn

    keep = labels != MISSING
    if not bool(keep.any()):
        return logits.sum() * 0.0
    if weight is not None:
        weight = weight.to(logits.device)
    return nn.functional.cross_entropy(logits[keep], labels[keep], weight=weight)


def keep_layers(encoder: Any, layers: int) -> None:
    """Keep the first ``layers`` transformer layers of a BERT-like encoder (a smaller, faster
    model that starts from the pretrained lower layers); the saved config records the number."""
    stack = encoder.encoder.layer
    if not 1 <= layers <= len(stack):
        raise ValueError(f"encoder_layers must be between 1 and {len(stack)}, got {layers}")
    encoder.encoder.layer = stack[:layers]
    encoder.config.num_hidden_layers = layers


def balanced(values: Sequence[str], classes: Sequence[str]) -> np.ndarray:
    """scikit-learn's "balanced" class weights (absent classes weigh nothing)."""
    counts = np.array([list(values).count(c) for c in classes], dtype=float)
    return np.divide(
        counts.sum(), len(counts) * counts, out=np.zeros_like(counts), where=counts > 0
    )


def mention_masks(
    offsets: np.ndarray, spans: Sequence[tuple[int, int, int]], width: int
) -> np.ndarray:
    """Per mention, the mask of its tokens, from the tokenizer's character offsets: what the
    :class:`Collator` of training and the torch-free ``finetune_onnx`` family both use.

    A token belongs to a mention when it is a real token (its end after its start: not a special
    or padding token) and overlaps the mention's characters; a mention whose tokens were all
    truncated away pools the whole sentence.

    Args:
        offsets: (sentences, tokens, 2) character offsets of each token (0, 0 for special tokens).
        spans: per mention, (sentence index, start, end).
        width: the tokens per sentence of the batch.
    """
    masks = np.zeros((len(spans), width), dtype=np.float32)
    for row, (i, start, end) in enumerate(spans):
        starts, ends = offsets[i, :, 0], offsets[i, :, 1]
        real = ends > starts
        inside = real & (starts < end) & (ends > start)
        masks[row] = inside if inside.any() else real
    return masks


class Collator:
    """Tokenises a batch of examples (:class:`framing.records.Example`) and builds, for every
    mention, the mask of its tokens; with ``labels`` (training), also the label tensors (a
    missing mode or reported label is ``MISSING``)."""

    def __init__(
        self,
        tokenizer: Any,
        max_length: int,
        modes: Sequence[str],
        stances: Sequence[str],
        *,
        labels: bool = False,
    ) -> None:
        self.tokenizer = tokenizer
        self.max_length = max_length
        self.modes = list(modes)
        self.stances = list(stances)
        self.labels = labels

    def __call__(self, examples: Sequence[Example]) -> dict[str, Any]:
        import torch

        enc = self.tokenizer(
            [ex.text for ex in examples],
            truncation=True,
            max_length=self.max_length,
            padding=True,
            return_offsets_mapping=True,
            return_tensors="pt",
        )
        offsets = enc.pop("offset_mapping")
        spans = [(i, m.start, m.end) for i, ex in enumerate(examples) for m in ex.mentions]
        if self.labels:
            stance = [self.stances.index(m.stance) for ex in examples for m in ex.mentions]
        batch = dict(enc)
        batch["mention_index"] = torch.tensor([i for i, _, _ in spans], dtype=torch.long)
        width = enc["input_ids"].shape[1]
        masks = mention_masks(offsets.numpy(), spans, width)
        batch["mention_mask"] = torch.from_numpy(masks).long()
        if self.labels:  # training: labels, MISSING where unknown
            batch["mode_labels"] = torch.tensor(
                [MISSING if ex.mode is None else self.modes.index(ex.mode) for ex in examples]
            )
            batch["reported_labels"] = torch.tensor(
                [MISSING if ex.reported is None else int(ex.reported) for ex in examples]
            )
            batch["stance_labels"] = torch.tensor(stance, dtype=torch.long)
        return batch


def length_grouped_trainer():
    from transformers import Trainer
    from transformers.trainer_pt_utils import LengthGroupedSampler

    class LengthGroupedTrainer(Trainer):
        """Batches of sentences of similar length (less padding), in random order: the
        ``group_by_length`` sampler, with lengths taken from the texts."""

        def _get_train_sampler(self, train_dataset=None):
            dataset = train_dataset if train_dataset is not None else self.train_dataset
            lengths = [len(ex.text) for ex in dataset]
            size = self.args.train_batch_size * self.args.gradient_accumulation_steps
            return LengthGroupedSampler(size, dataset=dataset, lengths=lengths)

    return LengthGroupedTrainer


def loss_logger(name: str) -> Any:
    """A Trainer callback that sends the Trainer's log lines (loss, learning rate, per epoch) to
    the logger ``name`` (so to a run's ``train.log``), instead of printing them between the lines
    of the run's progress bar."""
    import logging

    from transformers import TrainerCallback

    log = logging.getLogger(name)

    class LossLogger(TrainerCallback):
        def on_log(self, args: Any, state: Any, control: Any, logs: Any = None, **kwargs: Any):
            if logs:
                values = ", ".join(
                    f"{key} {value:.4g}" if isinstance(value, float) else f"{key} {value}"
                    for key, value in logs.items()
                    if key != "epoch"
                )
                log.info("epoch %.2f of %d: %s", logs.get("epoch", state.epoch or 0),
                         args.num_train_epochs, values)  # fmt: skip

    return LossLogger()


def epoch_callback(step: Any) -> Any:
    """A Trainer callback that calls ``step()`` at the end of every epoch (a run's progress bar
    counts the epochs of each fit)."""
    from transformers import TrainerCallback

    class EpochStep(TrainerCallback):
        def on_epoch_end(self, args: Any, state: Any, control: Any, **kwargs: Any):
            step()

    return EpochStep()
