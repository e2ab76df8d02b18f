"""Scoring a run: every task of every system from the pooled out-of-fold predictions, or from a
held-out set's (with intervals over articles, breakdowns per actor, per article and per group of
articles, document summaries, outlet-level validity, calibration, and the speaker of reported
sentences), and the final model on the public benchmark files.

Sentences are decoded by :func:`framing.labels.decode` and documents summarised by
:func:`framing.labels.genre` and :func:`framing.labels.stance_shares`, the rules inference
applies; the numbers come from :func:`framing.training.metric.classification_scores`.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import Any

import numpy as np

from framing.labels import (
    BOOLEAN,
    FRAMES,
    MODES,
    STANCES,
    decode,
    frames,
    genre,
    opinion_share,
    stance_shares,
)
from framing.public.benchmarks import headline
from framing.training.config import TrainConfig
from framing.training.groups import group_scores
from framing.training.metric import (
    calibration_error,
    classification_scores,
    expected_calibration_error,
)
from framing.training.validity import validity_scores

__all__ = ["evaluate_benchmarks", "evaluate_predictions", "read_benchmark_files"]

logger = logging.getLogger("framing.training.train")  # the run's log, one name for all its parts

F_AVG = ["supportive", "critical"]  # SemEval-2016 Task 6: the mean F1 of the non-neutral stances


def decoded(row: dict[str, Any]) -> dict[str, Any]:
    """An out-of-fold prediction row (:func:`~framing.training.trainer.cross_validate`) decoded
    into labels (:func:`framing.labels.decode`)."""
    actors = [m.actor for m in row["example"].mentions]
    return decode(row["mode"], row["reported"], actors, row["stances"])


def evaluate_predictions(
    predictions: dict[str, list[dict[str, Any]]],
    config: TrainConfig,
    genres: dict[str, str],
    meta: dict[str, dict[str, str]] | None = None,
) -> dict[str, Any]:
    """Every task's scores for every system.

    Args:
        predictions: per system, prediction rows (:func:`framing.training.trainer.predict_rows`).
        config: the run's config (bootstrap, confidence, seed).
        genres: the gold genre of each article (for the document summaries).
        meta: each article's slant group and genre (:func:`framing.training.groups.document_meta`),
            for the scores per group.

    Returns:
        ``{"stance", "mode", "reported": {system: scores}, "frames": {frame: {system: scores}},
        "documents": {system: summary}}``, then ``speaker`` ({system: scores}, only for systems
        that predict the speaker, and only when a sentence has a gold speaker), ``groups``
        (:func:`~framing.training.groups.group_scores`, with ``meta``), ``validity``
        (:func:`~framing.training.validity.validity_scores`) and ``calibration`` ({system:
        {stance_ece, mode_ece, reported_ece}}); scores hold ``macro_f1``, ``accuracy`` (and for
        stance ``f_avg``) as ``{"value", "ci"}``, ``per_class``, ``confusion_matrix``, ``n``,
        and for stance and mode ``per_article`` (stance also ``per_actor``); a task without a
        gold row (stance on data without mentions) is None.
    """
    ev = config.evaluation
    predictions = {
        system: [{**row, "decoded": decoded(row)} for row in rows]
        for system, rows in predictions.items()
    }

    def score(pred, gold, labels, f_avg=None, docs=None, ci=True):
        if not gold:
            return None
        result = classification_scores(
            pred,
            gold,
            labels=list(labels),
            f_avg_labels=f_avg,
            groups=docs,
            bootstrap=ev.bootstrap if ci else 0,
            confidence=ev.confidence,
            seed=config.seed,
        )
        out = {
            name: {"value": result[name], "ci": result.get("ci", {}).get(name)}
            for name in ("macro_f1", "accuracy", "f_avg")
            if name in result
        }
        out["per_class"] = result["per_class"]
        out["confusion_matrix"] = {"labels": result["labels"], "matrix": result["confusion_matrix"]}
        out["n"] = result["n"]
        return out

    tasks: dict[str, dict[str, Any]] = {
        "stance": {},
        "mode": {},
        "reported": {},
        "frames": {f: {} for f in FRAMES},
        "documents": {},
    }
    for system, rows in predictions.items():
        stance_gold, stance_pred, actors, mention_docs = [], [], [], []  # per mention
        mode_gold, mode_pred, rep_gold, rep_pred, sentence_docs = [], [], [], [], []
        frame_gold: dict[str, list[str]] = {f: [] for f in FRAMES}
        frame_pred: dict[str, list[str]] = {f: [] for f in FRAMES}
        shares: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(
            lambda: {"gold": [], "pred": []}
        )
        opinion: dict[str, list[str]] = defaultdict(list)
        for row in rows:
            ex, got = row["example"], row["decoded"]
            doc = ex.doc_id
            mode_gold.append(ex.mode)
            mode_pred.append(got["mode"])
            rep_gold.append(str(ex.reported).lower())
            rep_pred.append(str(got["reported"]).lower())
            sentence_docs.append(doc)
            opinion[doc].append(got["mode"])
            for mention, stance in zip(ex.mentions, got["stances"], strict=True):
                stance_gold.append(mention.stance)
                stance_pred.append(stance)
                actors.append(mention.actor)
                mention_docs.append(doc)
            gold_by_actor = {m.actor: m.stance for m in ex.mentions}
            fg = frames(ex.mode, ex.reported, gold_by_actor)
            for f in FRAMES:
                frame_gold[f].append(str(fg[f]).lower())
                frame_pred[f].append(str(got["frames"][f]).lower())
            for actor, stance in gold_by_actor.items():
                shares[(doc, actor)]["gold"].append(stance)
                shares[(doc, actor)]["pred"].append(got["actors"][actor])
        stance = score(stance_pred, stance_gold, STANCES, F_AVG, mention_docs)
        if stance is not None:  # None when the data has no mentions at all
            stance["per_actor"] = {}
            for actor in sorted(set(actors)):
                pred, gold = _subset(stance_pred, stance_gold, actors, actor)
                stance["per_actor"][actor] = score(pred, gold, STANCES, F_AVG, ci=False)
            stance["per_article"] = _per_article(
                score, stance_pred, stance_gold, mention_docs, STANCES
            )
        tasks["stance"][system] = stance
        mode_scores = score(mode_pred, mode_gold, MODES, docs=sentence_docs)
        mode_scores["per_article"] = _per_article(score, mode_pred, mode_gold, sentence_docs, MODES)
        tasks["mode"][system] = mode_scores
        tasks["reported"][system] = score(rep_pred, rep_gold, BOOLEAN, docs=sentence_docs)
        for f in FRAMES:
            tasks["frames"][f][system] = score(
                frame_pred[f], frame_gold[f], BOOLEAN, docs=sentence_docs
            )
        tasks["documents"][system] = _document_scores(opinion, shares, genres)
        speaker = _speaker_scores(rows, score)
        if speaker is not None:
            tasks.setdefault("speaker", {})[system] = speaker
    groups = group_scores(predictions, meta or {}, score)
    if groups is not None:
        tasks["groups"] = groups
    tasks["validity"] = validity_scores(predictions, ev.bootstrap, ev.confidence, config.seed)
    tasks["calibration"] = {system: _calibration(rows) for system, rows in predictions.items()}
    return tasks


def predicted_speaker(probs: dict[str, float] | None) -> str | None:
    """The most probable speaker of a {label: probability} mapping (None for none)."""
    return max(probs, key=probs.__getitem__) if probs else None


def _speaker_scores(rows: list[dict[str, Any]], score) -> dict[str, Any] | None:
    """Speaker accuracy and macro-F1 over the sentences whose gold content is reported and whose
    gold speaker is known; None when there is none, or the system predicts no speaker."""
    scored = [
        row
        for row in rows
        if row["example"].reported and getattr(row["example"], "speaker", None) is not None
    ]
    if not scored or any(row.get("speaker") is None for row in scored):
        return None
    gold = [str(row["example"].speaker) for row in scored]
    pred = [str(predicted_speaker(row["speaker"])) for row in scored]
    docs = [row["example"].doc_id for row in scored]
    return score(pred, gold, sorted(set(gold) | set(pred)), docs=docs)


def _calibration(rows: list[dict[str, Any]]) -> dict[str, float | None]:
    """The expected calibration error (15 bins) of the stance, mode and reported probabilities:
    the top-class probability for stance and mode, the probability of the decoded label for
    reported."""
    mode = np.array([row["mode"] for row in rows], dtype=float)
    mode_gold = [MODES.index(row["example"].mode) for row in rows]
    stances = [probs for row in rows for probs in row["stances"]]
    stance_gold = [STANCES.index(m.stance) for row in rows for m in row["example"].mentions]
    reported = np.array([row["reported"] for row in rows], dtype=float)
    said = np.array([row["decoded"]["reported"] for row in rows])
    gold = np.array([bool(row["example"].reported) for row in rows])
    return {
        "stance_ece": expected_calibration_error(stances, stance_gold) if stances else None,
        "mode_ece": expected_calibration_error(mode, mode_gold),
        "reported_ece": calibration_error(np.where(said, reported, 1 - reported), said == gold),
    }


def _subset(pred: list[str], gold: list[str], keys: list[str], key: str):
    """The predictions and gold labels of the rows whose key is ``key``."""
    idx = [i for i, k in enumerate(keys) if k == key]
    return [pred[i] for i in idx], [gold[i] for i in idx]


def _per_article(score, pred, gold, docs, labels) -> dict[str, Any]:
    out = {}
    for doc in sorted(set(docs)):
        result = score(*_subset(pred, gold, docs, doc), labels, ci=False)
        out[doc] = {
            "macro_f1": result["macro_f1"]["value"],
            "accuracy": result["accuracy"]["value"],
            "n": result["n"],
        }
    return out


def _document_scores(
    opinion: dict[str, list[str]],
    shares: dict[tuple[str, str], dict[str, list[str]]],
    genres: dict[str, str],
) -> dict[str, Any]:
    """Document summaries: the genre of each document from its predicted modes, its accuracy
    against the gold genres, and the mean absolute error of each actor's predicted stance shares
    in each document."""
    predicted_genre = {doc: genre(opinion_share(modes)) for doc, modes in opinion.items()}
    errors = []
    for pair in shares.values():
        gold = np.array(list(stance_shares(pair["gold"]).values()))
        pred = np.array(list(stance_shares(pair["pred"]).values()))
        errors.append(np.abs(gold - pred).mean())
    known = [doc for doc in predicted_genre if doc in genres]
    return {
        "genre": {
            doc: {"predicted": predicted_genre[doc], "gold": genres.get(doc)}
            for doc in predicted_genre
        },
        "genre_accuracy": (
            float(np.mean([predicted_genre[d] == genres[d] for d in known])) if known else None
        ),
        "stance_share_mae": float(np.mean(errors)) if errors else None,
    }


def read_benchmark_files(config: TrainConfig) -> dict[str, tuple[list, list]]:
    """The examples and unreadable rows of each ``evaluation.benchmarks`` file, read before any
    training so that a file with nothing to score stops the run at once.

    Raises:
        DataError: a file without one readable example (its first problems are named).
    """
    from framing.public.benchmarks import read_scorable

    return {
        file.key: read_scorable(file.benchmark, file.path, file.limit)
        for file in config.evaluation.benchmarks
    }


def evaluate_benchmarks(
    model, config: TrainConfig, sets: dict[str, tuple[list, list]]
) -> dict[str, Any]:
    """The final model on each ``evaluation.benchmarks`` file, with that benchmark's metrics."""
    from framing.public.benchmarks import score_benchmark

    results = {}
    for file in config.evaluation.benchmarks:
        examples, problems = sets[file.key]
        for problem in problems:
            logger.warning("skipped %s", problem)
        try:
            result = score_benchmark(model, file.benchmark, examples)
        except Exception as err:  # a failed score must not cost the trained model and its CV
            logger.error("%s: scoring failed: %s", file.key, err)
            results[file.key] = {"benchmark": file.benchmark, "path": file.path, "error": str(err)}
            continue
        result.update(benchmark=file.benchmark, path=file.path, skipped=len(problems))
        results[file.key] = result
        logger.info("%s: %s", file.key, headline(file.benchmark, result))
    return results


def per_sentence(predictions: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The pooled out-of-fold predictions as JSON rows (``predictions.jsonl``): per system and
    sentence, the article, the gold labels and the predicted probabilities, enough to score the
    run again (intervals included) without training."""
    out = []
    for system, rows in predictions.items():
        for row in rows:
            ex = row["example"]
            out.append(
                {
                    "system": system,
                    "doc_id": ex.doc_id,
                    "text": ex.text,
                    "mode": ex.mode,
                    "reported": bool(ex.reported),
                    "mentions": [
                        {"start": m.start, "end": m.end, "actor": m.actor, "stance": m.stance}
                        for m in ex.mentions
                    ],
                    "predicted": {
                        "mode": dict(zip(MODES, map(float, row["mode"]), strict=True)),
                        "reported": float(row["reported"]),
                        "stances": [
                            dict(zip(STANCES, map(float, probs), strict=True))
                            for probs in row["stances"]
                        ],
                        "speaker": (
                            {k: float(v) for k, v in row["speaker"].items()}
                            if row.get("speaker") is not None
                            else None
                        ),
                    },
                    "speaker": getattr(ex, "speaker", None),
                }
            )
    return out
