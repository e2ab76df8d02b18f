"""Scores per group of articles: per slant group of the outlets and per genre (opinion or news).

The groups come from the documents' metadata (:func:`document_meta`): the framing corpus's
``load_corpus_documents()`` (slant group, genre, outlet), and the bundled set's
``load_documents()`` (genre) for the seed set and the annotated set. Within a group every system
gets stance, mode and reported macro-F1 with percentile-bootstrap intervals over the group's
articles (null with fewer than two articles) and the group's counts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from framing.labels import BOOLEAN, MODES, STANCES

__all__ = ["GROUP_KEYS", "document_meta", "group_scores"]

GROUP_KEYS = ("slant_group", "genre")


def document_meta(source: str) -> dict[str, dict[str, str]]:
    """``{doc_id: {"slant_group", "genre", "outlet"}}`` (what is known) for the articles of a
    data source or held-out set: ``corpus``, ``dev``, ``test`` (the framing corpus), ``seed`` or
    ``annotated``; empty for any other source."""
    if source in ("corpus", "dev", "test", "train"):
        from framing.data.corpus import load_corpus_documents

        return {
            row["doc_id"]: {k: row[k] for k in ("slant_group", "genre", "outlet") if row.get(k)}
            for row in load_corpus_documents()
        }
    if source in ("seed", "annotated"):
        from framing.data.annotated import load_documents

        return {d["doc_id"]: {"genre": d["genre"]} for d in load_documents() if d.get("genre")}
    return {}


def group_scores(
    predictions: dict[str, list[dict[str, Any]]],
    meta: dict[str, dict[str, str]],
    score: Callable[..., dict[str, Any] | None],
) -> dict[str, dict[str, dict[str, Any]]] | None:
    """Per group key (:data:`GROUP_KEYS`), group and system: ``stance_macro_f1`` (None without
    mentions), ``mode_macro_f1``, ``reported_macro_f1`` (each ``{"value", "ci"}``; ``ci`` null
    for a group of one article), ``n`` (sentences), ``mentions`` and ``articles``.

    Args:
        predictions: per system, the prediction rows with their decoded labels (``decoded``).
        meta: the documents' metadata (:func:`document_meta`).
        score: the run's scorer, ``score(pred, gold, labels, docs=..., ci=...)``
            (:func:`framing.training.scoring.evaluate_predictions`).

    Returns:
        None when no article of the predictions has metadata.
    """
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for key in GROUP_KEYS:
        by_group: dict[str, dict[str, Any]] = {}
        for system, rows in predictions.items():
            members: dict[str, list[dict[str, Any]]] = {}
            for row in rows:
                group = meta.get(row["example"].doc_id, {}).get(key)
                if group is not None:
                    members.setdefault(group, []).append(row)
            for group in sorted(members):
                by_group.setdefault(group, {})[system] = _scores(members[group], score)
        if by_group:
            out[key] = by_group
    return out or None


def _scores(rows: list[dict[str, Any]], score) -> dict[str, Any]:
    docs = [row["example"].doc_id for row in rows]
    ci = len(set(docs)) >= 2
    stance_pred, stance_gold, mention_docs = [], [], []
    for row, doc in zip(rows, docs, strict=True):
        for mention, stance in zip(row["example"].mentions, row["decoded"]["stances"], strict=True):
            stance_gold.append(mention.stance)
            stance_pred.append(stance)
            mention_docs.append(doc)
    mode = score(
        [r["decoded"]["mode"] for r in rows],
        [r["example"].mode for r in rows],
        MODES,
        docs=docs,
        ci=ci,
    )
    reported = score(
        [str(r["decoded"]["reported"]).lower() for r in rows],
        [str(r["example"].reported).lower() for r in rows],
        BOOLEAN,
        docs=docs,
        ci=ci,
    )
    stance = score(stance_pred, stance_gold, STANCES, docs=mention_docs, ci=ci)
    return {
        "stance_macro_f1": stance["macro_f1"] if stance else None,
        "mode_macro_f1": mode["macro_f1"],
        "reported_macro_f1": reported["macro_f1"],
        "n": len(rows),
        "mentions": len(stance_gold),
        "articles": len(set(docs)),
    }
