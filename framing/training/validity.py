"""Outlet-level validity: does a system's net stance of an article toward an actor rank the
articles as the gold labels do?

For each article and actor, the net stance is the share of the article's sentence-actor pairs
that are supportive minus the share that are critical (a number in [-1, 1]). The gold pairs are
the stances of each sentence's mentions by actor, the predicted ones what
:func:`framing.labels.decode` gives per sentence (its ``actors``). For each actor of
:data:`VALIDITY_ACTORS`, the Spearman correlation of gold against predicted net stance across the
articles with at least one pair toward it, with a percentile-bootstrap interval that resamples
articles (resamples in which either side is constant, where the correlation is undefined, are
skipped).

Example:
    >>> round(spearman_interval([0.1, 0.5, -0.2, 0.3], [0.0, 0.4, -0.1, 0.6], 0)["value"], 3)
    0.8
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["VALIDITY_ACTORS", "net_stance", "spearman_interval", "validity_scores"]

VALIDITY_ACTORS = ("iran", "united_states", "israel")
MIN_ARTICLES = 3  # fewer cannot rank anything


def net_stance(stances: Sequence[str]) -> float:
    """The share of supportive minus the share of critical stances (0 for none).

    Example:
        >>> net_stance(["supportive", "critical", "critical", "neutral"])
        -0.25
    """
    if not stances:
        return 0.0
    return (stances.count("supportive") - stances.count("critical")) / len(stances)


def spearman_interval(
    gold: Sequence[float],
    pred: Sequence[float],
    bootstrap: int,
    confidence: float = 0.95,
    seed: int = 0,
) -> dict[str, Any]:
    """Spearman's correlation of ``pred`` against ``gold`` (scipy), and a percentile-bootstrap
    interval resampling the pairs (articles) ``bootstrap`` times.

    Returns:
        ``value`` (None when undefined: fewer than three articles, or a constant side), ``ci``
        ([low, high], or None without resamples or when fewer than half of them are defined)
        and ``note`` (why the value or interval is missing, else None).
    """
    from scipy.stats import rankdata, spearmanr

    x, y = np.asarray(gold, dtype=float), np.asarray(pred, dtype=float)
    n = len(x)
    if n < MIN_ARTICLES:
        return {"value": None, "ci": None, "note": f"{n} articles: too few to correlate"}
    if np.ptp(x) == 0 or np.ptp(y) == 0:
        side = "gold" if np.ptp(x) == 0 else "predicted"
        return {"value": None, "ci": None, "note": f"the {side} net stance is constant"}
    value = float(spearmanr(x, y).statistic)
    if not bootstrap:
        return {"value": value, "ci": None, "note": None}
    rng = np.random.default_rng(seed)
    drawn = rng.integers(0, n, size=(bootstrap, n))
    rx, ry = rankdata(x[drawn], axis=1), rankdata(y[drawn], axis=1)
    rx -= rx.mean(axis=1, keepdims=True)
    ry -= ry.mean(axis=1, keepdims=True)
    norm = np.sqrt((rx**2).sum(axis=1) * (ry**2).sum(axis=1))
    defined = norm > 0  # a resample with a constant side has no correlation: skipped
    rho = (rx * ry).sum(axis=1)[defined] / norm[defined]
    if len(rho) < bootstrap / 2:
        return {"value": value, "ci": None, "note": "most resamples have a constant side"}
    alpha = (1 - confidence) / 2
    low, high = np.quantile(rho, [alpha, 1 - alpha])
    return {"value": value, "ci": [float(low), float(high)], "note": None}


def validity_scores(
    predictions: dict[str, list[dict[str, Any]]],
    bootstrap: int,
    confidence: float,
    seed: int,
) -> dict[str, dict[str, Any]]:
    """Per actor of :data:`VALIDITY_ACTORS` and system, the correlation of gold and predicted net
    stance across articles.

    Args:
        predictions: per system, prediction rows with their ``example`` and the decoded labels
            under ``decoded`` (:func:`framing.training.scoring.decoded`).

    Returns:
        ``{actor: {system: {"spearman": {"value", "ci"} or None, "articles": n, "note"}}}``.
    """
    out: dict[str, dict[str, Any]] = {actor: {} for actor in VALIDITY_ACTORS}
    for system, rows in predictions.items():
        pairs: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(
            lambda: {"gold": [], "pred": []}
        )
        for row in rows:
            ex, got = row["example"], row["decoded"]
            for actor, stance in {m.actor: m.stance for m in ex.mentions}.items():
                pairs[(ex.doc_id, actor)]["gold"].append(stance)
                pairs[(ex.doc_id, actor)]["pred"].append(got["actors"][actor])
        for actor in VALIDITY_ACTORS:
            docs = sorted(doc for doc, a in pairs if a == actor)
            gold = [net_stance(pairs[(d, actor)]["gold"]) for d in docs]
            pred = [net_stance(pairs[(d, actor)]["pred"]) for d in docs]
            result = spearman_interval(gold, pred, bootstrap, confidence, seed)
            entry: dict[str, Any] = {
                "spearman": (
                    None
                    if result["value"] is None
                    else {"value": result["value"], "ci": result["ci"]}
                ),
                "articles": len(docs),
            }
            if result["note"]:
                entry["note"] = result["note"]
            out[actor][system] = entry
    return out
