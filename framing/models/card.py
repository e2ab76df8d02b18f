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
from framing.records import (
    ArticleScores,
    Estimate,
    Metrics,
    RecordError,
    TaskScores,
    from_dict,
)

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


def _load(
    run_or_model: str | Path,
) -> tuple[Metrics, dict[str, Any] | None, dict[str, Any], Path]:
    """``metrics.json`` (as its record), ``compute.json`` (None when there is none),
    ``framing.json`` and the metrics file; each a regular file inside its folder (the model
    folder, or the run folder above it).

    Raises:
        ModelError: not a model folder, a file that leaves its folder or cannot be read, or a
            ``metrics.json`` that does not fit its record (the file and the dotted key named).
        FileNotFoundError: no ``metrics.json``.
    """
    directory, _ = resolve_model(run_or_model)
    if checked_file(directory, "framing.json") is None:
        raise ModelError(f"{directory}: not a model folder (framing.json is missing)")
    meta, _ = read_meta(directory)
    for folder in (directory, directory.parent):
        metrics_file = checked_file(folder, "metrics.json")
        if metrics_file is not None:
            metrics = _record(read_json(metrics_file, finite=False), metrics_file)
            compute_file = checked_file(folder, "compute.json")
            compute = None
            if compute_file is not None:
                compute = read_json(compute_file, finite=False)
            return metrics, compute, meta, metrics_file
    raise FileNotFoundError(
        f"{directory}: no metrics.json beside the model or in its run folder: a card is made "
        "from a run's measurements"
    )


def _record(metrics: Metrics | dict[str, Any], source: Any) -> Metrics:
    """``metrics`` as its record.

    Raises:
        ModelError: a mapping that does not fit the record (``source`` and the key named).
    """
    if isinstance(metrics, Metrics):
        return metrics
    try:
        return from_dict(Metrics, metrics)
    except RecordError as err:
        raise ModelError(
            f"{source}: a missing or malformed entry, no card can be made from it ({err})"
        ) from None


def _value(entry: TaskScores | ArticleScores | None, metric: str = "macro_f1") -> float | None:
    score = getattr(entry, metric, None) if entry is not None else None
    return score.value if isinstance(score, Estimate) else score


def eval_results(metrics: Metrics, family: str) -> list[Any]:
    """``huggingface_hub.EvalResult`` objects: leave-one-article-out scores per task, then each
    public benchmark's official metric."""
    from huggingface_hub import EvalResult

    results = []
    tasks = metrics.tasks
    for task, name in (("stance", "Target stance"), ("mode", "Opinion or news")):
        value = _value(getattr(tasks, task).get(family)) if tasks is not None else None
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
    for name, held in (metrics.heldout or {}).items():
        for task, pretty in (("stance", "Target stance"), ("mode", "Opinion or news"),
                             ("reported", "Reported content")):  # fmt: skip
            value = _value(getattr(held.tasks, task).get(family))
            if value is not None:
                results.append(
                    EvalResult(
                        task_type="text-classification",
                        task_name=pretty,
                        dataset_type="framing-corpus" if name in ("dev", "test") else ANNOTATED,
                        dataset_name=f"framing {held.source}",
                        dataset_split=name,
                        metric_type="f1",
                        metric_name=f"{task} macro-F1 ({name})",
                        metric_value=round(value, 4),
                        metric_config="macro",
                    )
                )
    for key, r in (metrics.benchmarks or {}).items():
        if r.error is not None or r.benchmark not in PUBLIC:
            continue
        dataset, pretty = PUBLIC[r.benchmark]
        metric, value = ("f1m", r.f1m) if r.benchmark == "newsmtsc" else ("f1", r.macro_f1)
        results.append(
            EvalResult(
                task_type="text-classification",
                task_name=pretty,
                dataset_type=dataset,
                dataset_name=f"{pretty} ({key})",
                dataset_split=Path(r.path).stem,
                metric_type=metric,
                metric_name=f"{key} macro-F1",
                metric_value=round(value, 4),
                metric_config="macro",
            )
        )
    return results


def card_data(metrics: Metrics, meta: dict[str, Any], repo_id: str) -> ModelCardData:
    """The card's YAML metadata as ``huggingface_hub.ModelCardData``."""
    from huggingface_hub import ModelCardData

    family = meta["family"]
    public = [p.benchmark for p in metrics.data.public]
    encoder = meta.get("params", {}).get("encoder")
    return ModelCardData(
        model_name=repo_id.split("/")[-1],
        library_name="framing",
        license="other" if "checkthat" in public else "apache-2.0",
        language="en",
        pipeline_tag="text-classification",
        tags=["stance-detection", "subjectivity", "framing", "news", family],
        datasets=[PUBLIC[p][0] for p in public if p in PUBLIC] or None,
        base_model=encoder if family in ("frozen", "finetune", "finetune_onnx") else None,
        eval_results=eval_results(metrics, family),
    )


def _fmt(entry: TaskScores | None, metric: str = "macro_f1") -> str:
    """A score as the card prints it: the value with its interval when there is one."""
    m = getattr(entry, metric, None) if entry is not None else None
    if m is None:
        return "–"
    if isinstance(m, Estimate):
        ci = m.ci
        return f"{m.value:.3f} [{ci[0]:.3f}, {ci[1]:.3f}]" if ci else f"{m.value:.3f}"
    return f"{m:.3f}"


def _results(metrics: Metrics, tasks: Any = None) -> list[list[str]]:
    """Per system (the model and each baseline): its scores on the three tasks (of ``tasks``, by
    default the cross-validation's)."""
    tasks = metrics.tasks if tasks is None else tasks
    if tasks is None:
        return []
    return [
        [
            system,
            _fmt(tasks.stance[system]),
            _fmt(tasks.stance[system], "f_avg"),
            _fmt(tasks.mode[system]),
            _fmt(tasks.reported[system]),
        ]
        for system in metrics.systems
    ]


def _heldout(metrics: Metrics) -> list[dict[str, Any]]:
    """Each held-out set the final model was scored on once: its size and, per system, the three
    tasks and the speaker accuracy."""
    found = []
    for name, held in (metrics.heldout or {}).items():
        speaker = held.tasks.speaker or {}
        rows = [
            [*row, _fmt(speaker.get(row[0]), "accuracy")] for row in _results(metrics, held.tasks)
        ]
        found.append({"name": name, "source": held.source, "sentences": held.sentences,
                      "documents": len(held.documents), "rows": rows})  # fmt: skip
    return found


def _breakdown(metrics: Metrics, family: str, task: str, by: str) -> list[list[Any]]:
    """Per actor or article (``by``): the model's macro-F1 on ``task`` and the count."""
    entry = getattr(metrics.tasks, task).get(family) if metrics.tasks is not None else None
    found = getattr(entry, by) if entry is not None else None
    if not found:
        return []
    return [[key, f"{_value(value):.3f}", value.n] for key, value in found.items()]


def _benchmarks(metrics: Metrics) -> list[list[Any]]:
    """Per public benchmark: its file, size, official metric and accuracy (or why it failed)."""
    rows = []
    for key, r in (metrics.benchmarks or {}).items():
        if r.error is not None:
            rows.append([key, r.path, "–", f"failed: {r.error}", "–"])
            continue
        if r.benchmark == "newsmtsc":
            official = f"F1m {r.f1m:.3f}"
        elif r.benchmark == "checkthat":
            official = f"macro-F1 {r.macro_f1:.3f}, SUBJ F1 {r.subj_f1:.3f}"
        else:
            official = f"stance {r.stance_macro_f1:.3f}, mode {r.mode_macro_f1:.3f}"
        n = r.n if r.n is not None else (r.stance.n if r.stance is not None else None)
        accuracy = f"{r.accuracy:.3f}" if r.accuracy is not None else "–"
        rows.append([key, f"`{Path(r.path).name}`", n, official, accuracy])
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


def _distribution(metrics: Metrics) -> list[dict[str, Any]]:
    """Label shares of the evaluation data, from the confusion matrices' gold rows."""
    found = []
    for task in ("stance", "mode"):
        scores = getattr(metrics.tasks, task) if metrics.tasks is not None else {}
        entry = next((e for e in scores.values() if e), None)
        if not entry:
            continue
        matrix = entry.confusion_matrix
        totals = [sum(row) for row in matrix.matrix]
        shares = ", ".join(
            f"{label} {count / sum(totals):.1%}"
            for label, count in zip(matrix.labels, totals, strict=True)
        )
        found.append({"name": task, "shares": shares, "n": sum(totals)})
    return found


def _compute(compute: dict[str, Any] | None) -> dict[str, Any] | None:
    """What the run ran on and how long it took (``compute.json``), when recorded."""
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


def variables(
    metrics: Metrics,
    meta: dict[str, Any],
    repo_id: str,
    compute: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """What the template (``templates/model_card.md``) fills in, computed from a run's
    measurements, a model's ``framing.json`` contents and (when recorded) the run's
    ``compute.json`` contents: every number formatted, every table a list of rows."""
    family = meta["family"]
    params = meta.get("params", {})
    data = metrics.data
    public = data.public
    evaluation = metrics.evaluation
    return {
        "model_name": repo_id.split("/")[-1],
        "repo_id": repo_id,
        "family": family,
        "encoder": params.get("encoder"),
        "modes": list(MODES),
        "stances": list(STANCES),
        "params": params,
        "data": {
            "source": data.source,
            "sentences": data.sentences,
            "mentions": data.mentions,
            "documents": len(data.documents),
        },
        "agreement": _agreement(data.source),
        "distribution": _distribution(metrics),
        "public": [
            {
                "benchmark": p.benchmark,
                "file": Path(p.path).name,
                "sentences": p.sentences,
                "mentions": p.mentions,
                "repeat": p.repeat,
            }
            for p in public
        ],
        "licence_notes": [LICENSE_NOTE[p.benchmark] for p in public if p.benchmark in LICENSE_NOTE],
        "evaluation": {
            "cv": evaluation.cv,
            "confidence": int(evaluation.confidence * 100),
            "bootstrap": evaluation.bootstrap,
            "interval": evaluation.interval,
        },
        "results": _results(metrics),
        "heldout": _heldout(metrics),
        "per_actor": _breakdown(metrics, family, "stance", "per_actor"),
        "per_article": _breakdown(metrics, family, "stance", "per_article"),
        "benchmarks": _benchmarks(metrics),
        "compute": _compute(compute),
        "versions": _versions(),
    }


def model_card(run_or_model: str | Path, *, repo_id: str) -> str:
    """The card (README.md) of the model in a training run or model folder.

    Raises:
        FileNotFoundError: no ``metrics.json`` beside the model or in its run folder.
        framing.ModelError: not a model folder, a file that leaves its folder or cannot be read,
            or a ``metrics.json`` without the entries a card needs.
    """
    metrics, compute, meta, metrics_file = _load(run_or_model)
    return str(card_from(metrics, meta, repo_id, source=metrics_file, compute=compute))


def card_from(
    metrics: Metrics | dict[str, Any],
    meta: dict[str, Any],
    repo_id: str,
    *,
    source: Any = "metrics",
    compute: dict[str, Any] | None = None,
) -> ModelCard:
    """The card from a run's measurements (the :class:`framing.records.Metrics` record, or
    ``metrics.json``'s contents, read as that record), a model's ``framing.json`` contents and
    (when recorded) the run's ``compute.json`` contents: the metadata (:func:`card_data`) and
    :func:`variables` rendered through ``templates/model_card.md`` by
    ``huggingface_hub.ModelCard.from_template``.

    Raises:
        framing.ModelError: ``metrics`` does not fit its record, or lacks an entry a card needs
            (named with ``source``, and the dotted key).
    """
    from huggingface_hub import ModelCard

    metrics = _record(metrics, source)
    try:
        data = card_data(metrics, meta, repo_id)
        values = variables(metrics, meta, repo_id, compute)
    except (KeyError, TypeError, IndexError, AttributeError, ValueError) as err:
        raise ModelError(
            f"{source}: a missing or malformed entry, no card can be made from it "
            f"({type(err).__name__}: {err})"
        ) from None
    return ModelCard.from_template(data, template_path=str(TEMPLATE), **values)
