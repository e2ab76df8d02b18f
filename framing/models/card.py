"""The model card: generated from a run's ``metrics.json`` and the model's ``framing.json``, never
written by hand, and readable by ``huggingface_hub.ModelCard``.

    >>> from framing.models.card import model_card
    >>> text = model_card("outputs/multisource", repo_id="me/framing")  # doctest: +SKIP

This module computes the values (:func:`card_data`, the YAML metadata; :func:`variables`, every
number and table row); the prose and the tables' layout are the Jinja template
``templates/model_card.md``, rendered by ``huggingface_hub.ModelCard.from_template``. The card
carries YAML metadata (library, licence, language, pipeline tag, tags, data sets, base
model and a ``model-index`` with one result per task and evaluation set) and the sections a
reader needs to decide whether to trust the model: details, intended and out-of-scope uses, how
to start, training data, procedure and hyperparameters, evaluation with intervals and
baselines, per-actor and per-article tables, public benchmarks, bias, risks and limitations,
compute, framework versions and citation.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from framing.labels import MODES, STANCES
from framing.models.errors import ModelError
from framing.models.files import read_json
from framing.models.folder import checked_file
from framing.models.loading import read_meta, resolve_model

if TYPE_CHECKING:
    from huggingface_hub import ModelCard, ModelCardData

__all__ = ["card_data", "card_from", "model_card", "variables"]

# the card's prose and the layout of its tables; this module computes what fills them
TEMPLATE = Path(__file__).parent / "templates" / "model_card.md"

ANNOTATED = "framing annotated set (five articles, leave-one-article-out)"
PUBLIC = {
    "newsmtsc": ("fhamborg/news_sentiment_newsmtsc", "NewsMTSC"),
    "checkthat": ("clef-checkthat-subjectivity", "CheckThat! subjectivity (English)"),
}
LICENSE_NOTE = {
    "checkthat": "CheckThat! subjectivity data is CC BY-NC-SA 4.0: this model was trained on it, "
    "so treat the model as non-commercial.",
}


def _load(run_or_model: str | Path) -> tuple[dict[str, Any], dict[str, Any], Path]:
    """``metrics.json`` (with ``compute.json``), ``framing.json`` and the metrics file; each a
    regular file inside its folder (the model folder, or the run folder above it).

    Raises:
        ModelError: not a model folder, or a file that leaves its folder or cannot be read.
        FileNotFoundError: no ``metrics.json``.
    """
    directory, _ = resolve_model(run_or_model)
    if checked_file(directory, "framing.json") is None:
        raise ModelError(f"{directory}: not a model folder (framing.json is missing)")
    meta, _ = read_meta(directory)
    for folder in (directory, directory.parent):
        metrics_file = checked_file(folder, "metrics.json")
        if metrics_file is not None:
            metrics = read_json(metrics_file, finite=False)
            compute_file = checked_file(folder, "compute.json")
            if compute_file is not None:
                metrics["compute"] = read_json(compute_file, finite=False)
            return metrics, meta, metrics_file
    raise FileNotFoundError(
        f"{directory}: no metrics.json beside the model or in its run folder: a card is made "
        "from a run's measurements"
    )


def _value(entry: dict[str, Any] | None, metric: str = "macro_f1") -> float | None:
    if not entry or metric not in entry:
        return None
    return entry[metric]["value"] if isinstance(entry[metric], dict) else entry[metric]


def eval_results(metrics: dict[str, Any], family: str) -> list[Any]:
    """``huggingface_hub.EvalResult`` objects: leave-one-article-out scores per task, then each
    public benchmark's official metric."""
    from huggingface_hub import EvalResult

    results = []
    tasks = metrics.get("tasks", {})
    for task, name in (("stance", "Target stance"), ("mode", "Opinion or news")):
        value = _value(tasks.get(task, {}).get(family))
        if value is not None:
            results.append(
                EvalResult(
                    task_type="text-classification",
                    task_name=name,
                    dataset_type="framing-annotated",
                    dataset_name=ANNOTATED,
                    dataset_split="leave-one-article-out",
                    metric_type="f1",
                    metric_name=f"{task} macro-F1",
                    metric_value=round(value, 4),
                    metric_config="macro",
                )
            )
    for key, r in metrics.get("benchmarks", {}).items():
        if "error" in r or r["benchmark"] not in PUBLIC:
            continue
        dataset, pretty = PUBLIC[r["benchmark"]]
        metric, value = ("f1m", r["f1m"]) if r["benchmark"] == "newsmtsc" else ("f1", r["macro_f1"])
        results.append(
            EvalResult(
                task_type="text-classification",
                task_name=pretty,
                dataset_type=dataset,
                dataset_name=f"{pretty} ({key})",
                dataset_split=Path(r["path"]).stem,
                metric_type=metric,
                metric_name=f"{key} macro-F1",
                metric_value=round(value, 4),
                metric_config="macro",
            )
        )
    return results


def card_data(metrics: dict[str, Any], meta: dict[str, Any], repo_id: str) -> ModelCardData:
    """The card's YAML metadata as ``huggingface_hub.ModelCardData``."""
    from huggingface_hub import ModelCardData

    family = meta["family"]
    public = [p["benchmark"] for p in metrics.get("data", {}).get("public", [])]
    encoder = meta.get("params", {}).get("encoder")
    return ModelCardData(
        model_name=repo_id.split("/")[-1],
        library_name="framing",
        license="other" if "checkthat" in public else "apache-2.0",
        language="en",
        pipeline_tag="text-classification",
        tags=["stance-detection", "subjectivity", "framing", "news", family],
        datasets=[PUBLIC[p][0] for p in public if p in PUBLIC] or None,
        base_model=encoder if family in ("frozen", "finetune") else None,
        eval_results=eval_results(metrics, family),
    )


def _fmt(entry: dict[str, Any] | None, metric: str = "macro_f1") -> str:
    """A score as the card prints it: the value with its interval when there is one."""
    if not entry or metric not in entry:
        return "–"
    m = entry[metric]
    if isinstance(m, dict):
        ci = m.get("ci")
        return f"{m['value']:.3f} [{ci[0]:.3f}, {ci[1]:.3f}]" if ci else f"{m['value']:.3f}"
    return f"{m:.3f}"


def _results(metrics: dict[str, Any]) -> list[list[str]]:
    """Per system (the model and each baseline): its scores on the three tasks."""
    tasks = metrics.get("tasks")
    if not tasks:
        return []
    return [
        [
            system,
            _fmt(tasks["stance"][system]),
            _fmt(tasks["stance"][system], "f_avg"),
            _fmt(tasks["mode"][system]),
            _fmt(tasks["reported"][system]),
        ]
        for system in metrics["systems"]
    ]


def _breakdown(metrics: dict[str, Any], family: str, task: str, by: str) -> list[list[Any]]:
    """Per actor or article (``by``): the model's macro-F1 on ``task`` and the count."""
    entry = metrics.get("tasks", {}).get(task, {}).get(family)
    if not entry or by not in entry:
        return []
    return [[key, f"{_value(value):.3f}", value["n"]] for key, value in entry[by].items()]


def _benchmarks(metrics: dict[str, Any]) -> list[list[Any]]:
    """Per public benchmark: its file, size, official metric and accuracy (or why it failed)."""
    rows = []
    for key, r in (metrics.get("benchmarks") or {}).items():
        if "error" in r:
            rows.append([key, r["path"], "–", f"failed: {r['error']}", "–"])
            continue
        if r["benchmark"] == "newsmtsc":
            official = f"F1m {r['f1m']:.3f}"
        elif r["benchmark"] == "checkthat":
            official = f"macro-F1 {r['macro_f1']:.3f}, SUBJ F1 {r['subj_f1']:.3f}"
        else:
            official = f"stance {r['stance_macro_f1']:.3f}, mode {r['mode_macro_f1']:.3f}"
        n = r.get("n", r.get("stance", {}).get("n"))
        accuracy = f"{r['accuracy']:.3f}" if "accuracy" in r else "–"
        rows.append([key, f"`{Path(r['path']).name}`", n, official, accuracy])
    return rows


AGREEMENT = Path(__file__).resolve().parents[2] / "training" / "annotation" / "agreement.json"
VERSIONED = ("framing", "torch", "transformers", "scikit-learn", "datasets", "evaluate",
             "huggingface_hub")  # fmt: skip


def _agreement(source: str | None) -> dict[str, Any] | None:
    """Inter-annotator agreement of the bundled set (first round, all sentences), when the card
    is made from a checkout that has it."""
    if source != "annotated" or not AGREEMENT.is_file():
        return None
    a = json.loads(AGREEMENT.read_text(encoding="utf-8"))
    return {
        "sentences": a["sentences"],
        "mode": f"{a['mode']['kappa']:.4f}",
        "reported": f"{a['reported']['kappa']:.4f}",
        "stance": f"{a['stance']['kappa']:.4f}",
        "mentions": f"{a['mentions']['exact_span_and_actor']['f1']:.4f}",
    }


def _distribution(metrics: dict[str, Any]) -> list[dict[str, Any]]:
    """Label shares of the evaluation data, from the confusion matrices' gold rows."""
    tasks = metrics.get("tasks") or {}
    found = []
    for task in ("stance", "mode"):
        entry = next((e for e in tasks.get(task, {}).values() if e), None)
        if not entry:
            continue
        matrix = entry["confusion_matrix"]
        totals = [sum(row) for row in matrix["matrix"]]
        shares = ", ".join(
            f"{label} {count / sum(totals):.1%}"
            for label, count in zip(matrix["labels"], totals, strict=True)
        )
        found.append({"name": task, "shares": shares, "n": sum(totals)})
    return found


def _compute(metrics: dict[str, Any]) -> dict[str, Any] | None:
    """What the run ran on and how long it took (``compute.json``), when recorded."""
    compute = metrics.get("compute")
    if not compute:
        return None
    keys = ("device", "cpu_count", "torch_threads", "platform")
    return {"seconds": f"{compute['seconds']:.1f}", **{k: compute[k] for k in keys}}


def _versions() -> list[tuple[str, str]]:
    """(package, installed version) of the libraries the model was made with."""
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for package in VERSIONED:
        try:
            found.append((package, version(package)))
        except PackageNotFoundError:
            continue
    return found


def variables(metrics: dict[str, Any], meta: dict[str, Any], repo_id: str) -> dict[str, Any]:
    """What the template (``templates/model_card.md``) fills in, computed from a run's
    measurements and a model's ``framing.json`` contents: every number formatted, every table a
    list of rows."""
    family = meta["family"]
    params = meta.get("params", {})
    data = metrics.get("data", {})
    public = data.get("public", [])
    evaluation = metrics["evaluation"]
    return {
        "model_name": repo_id.split("/")[-1],
        "repo_id": repo_id,
        "family": family,
        "encoder": params.get("encoder"),
        "modes": list(MODES),
        "stances": list(STANCES),
        "params": params,
        "data": {
            "source": data.get("source", "none"),
            "sentences": data.get("sentences", 0),
            "mentions": data.get("mentions", 0),
            "documents": len(data.get("documents", [])),
        },
        "agreement": _agreement(data.get("source")),
        "distribution": _distribution(metrics),
        "public": [
            {
                "benchmark": p["benchmark"],
                "file": Path(p["path"]).name,
                "sentences": p["sentences"],
                "mentions": p["mentions"],
                "repeat": p.get("repeat", 1),
            }
            for p in public
        ],
        "licence_notes": [
            LICENSE_NOTE[p["benchmark"]] for p in public if p["benchmark"] in LICENSE_NOTE
        ],
        "evaluation": {
            "cv": evaluation["cv"],
            "confidence": int(evaluation["confidence"] * 100),
            "bootstrap": evaluation["bootstrap"],
            "interval": evaluation.get("interval"),
        },
        "results": _results(metrics),
        "per_actor": _breakdown(metrics, family, "stance", "per_actor"),
        "per_article": _breakdown(metrics, family, "stance", "per_article"),
        "benchmarks": _benchmarks(metrics),
        "compute": _compute(metrics),
        "versions": _versions(),
    }


def model_card(run_or_model: str | Path, *, repo_id: str) -> str:
    """The card (README.md) of the model in a training run or model folder.

    Raises:
        FileNotFoundError: no ``metrics.json`` beside the model or in its run folder.
        framing.ModelError: not a model folder, a file that leaves its folder or cannot be read,
            or a ``metrics.json`` without the entries a card needs.
    """
    metrics, meta, metrics_file = _load(run_or_model)
    return str(card_from(metrics, meta, repo_id, source=metrics_file))


def card_from(
    metrics: dict[str, Any], meta: dict[str, Any], repo_id: str, *, source: Any = "metrics"
) -> ModelCard:
    """The card from a run's measurements and a model's ``framing.json`` contents: the
    metadata (:func:`card_data`) and :func:`variables` rendered through
    ``templates/model_card.md`` by ``huggingface_hub.ModelCard.from_template``.

    Raises:
        framing.ModelError: ``metrics`` lacks an entry a card needs (named with ``source``).
    """
    from huggingface_hub import ModelCard

    try:
        data = card_data(metrics, meta, repo_id)
        values = variables(metrics, meta, repo_id)
    except (KeyError, TypeError, IndexError, AttributeError, ValueError) as err:
        raise ModelError(
            f"{source}: a missing or malformed entry, no card can be made from it "
            f"({type(err).__name__}: {err})"
        ) from None
    return ModelCard.from_template(data, template_path=str(TEMPLATE), **values)
