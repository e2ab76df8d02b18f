"""Held-out sets (``evaluation.heldout``): read before any training, refused when they share an
article with the training data, and scored once, after the final model is trained, by the
final model and by every baseline trained on all the training data, exactly as the
cross-validation's predictions are scored (:func:`framing.training.scoring.evaluate_predictions`).

The sets are the framing corpus's ``dev`` and ``test`` splits (test for final scores only: a run
that experiments scores dev), its ``seed`` config and the bundled ``annotated`` set.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from framing.records import Example
from framing.training.config import TrainConfig
from framing.training.groups import document_meta
from framing.training.runs import write_jsonl
from framing.training.scoring import evaluate_predictions, per_sentence
from framing.training.trainer import predict_rows

__all__ = ["read_heldout", "score_heldout"]

logger = logging.getLogger("framing.training.train")  # the run's log, one name for all its parts


def read_heldout(config: TrainConfig, lexicon, training: list[Example]) -> dict[str, list[Example]]:
    """The sentences of each ``evaluation.heldout`` set, in the configured order.

    Raises:
        ValueError: a set that shares an article (a ``doc_id``) with the training data (the
            articles are named), or an empty set.
    """
    from framing.data.annotated import load_examples

    seen = {ex.doc_id for ex in training}
    sets: dict[str, list[Example]] = {}
    for name in config.evaluation.heldout:
        if name in ("dev", "test"):
            examples = load_examples("corpus", lexicon=lexicon, split=name)
        else:
            examples = load_examples(name, lexicon=lexicon)
        if not examples:
            raise ValueError(f"held-out set '{name}' (evaluation.heldout) has no sentences")
        shared = sorted({ex.doc_id for ex in examples} & seen)
        if shared:
            listed = ", ".join(shared[:5]) + (
                f" and {len(shared) - 5} more" if len(shared) > 5 else ""
            )
            raise ValueError(
                f"held-out set '{name}' (evaluation.heldout) shares {len(shared)} articles with "
                f"the training data ({config.data.source}, split {config.data.split}): {listed}"
            )
        sets[name] = examples
    return sets


def score_heldout(
    name: str,
    examples: list[Example],
    models: dict[str, Any],
    config: TrainConfig,
    work: Path,
) -> dict[str, Any]:
    """Every system's scores on one held-out set (``metrics.json``'s ``heldout.<name>``); its
    predictions are written to ``predictions_<name>.jsonl`` in ``work``.

    Args:
        name: the set (``dev``, ``test``, ``seed`` or ``annotated``).
        examples: its sentences (:func:`read_heldout`).
        models: per system, the model trained on all the training data (the final model first).
    """
    if name == "test":
        logger.info("scoring the corpus's test split: final scores only, not for choices")
    logger.info("held-out set %s: %d sentences", name, len(examples))
    predictions = {system: predict_rows(model, examples) for system, model in models.items()}
    meta = document_meta(name)
    genres = {doc: m["genre"] for doc, m in meta.items() if "genre" in m}
    tasks = evaluate_predictions(predictions, config, genres, meta)
    write_jsonl(work / f"predictions_{name}.jsonl", per_sentence(predictions))
    return {
        "source": "corpus" if name in ("dev", "test") else name,
        "sentences": len(examples),
        "mentions": sum(len(ex.mentions) for ex in examples),
        "documents": sorted({ex.doc_id for ex in examples}),
        "tasks": tasks,
    }
