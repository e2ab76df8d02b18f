"""The model card: generated from a run's ``metrics.json`` and the model's ``framing.json``, never
written by hand, and readable by ``huggingface_hub.ModelCard``.

    >>> from framing.models.card import model_card
    >>> text = model_card("outputs/multisource", repo_id="me/framing")  # doctest: +SKIP

The card carries YAML metadata (library, licence, language, pipeline tag, tags, data sets, base
model and a ``model-index`` with one result per task and evaluation set) and the sections a
reader needs to decide whether to trust the model: details, intended and out-of-scope uses, how
to start, training data, procedure and hyperparameters, evaluation with intervals and
baselines, per-actor and per-article tables, public benchmarks, bias, risks and limitations,
compute, framework versions and citation.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from framing.labels import MODES, STANCES
from framing.models.errors import ModelError
from framing.models.files import read_json
from framing.models.folder import checked_file
from framing.models.loading import read_meta, resolve_model

__all__ = ["card_data", "model_card"]

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


def card_data(metrics: dict[str, Any], meta: dict[str, Any], repo_id: str) -> Any:
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
    if not entry or metric not in entry:
        return "–"
    m = entry[metric]
    if isinstance(m, dict):
        ci = m.get("ci")
        return f"{m['value']:.3f} [{ci[0]:.3f}, {ci[1]:.3f}]" if ci else f"{m['value']:.3f}"
    return f"{m:.3f}"


def _results_table(metrics: dict[str, Any]) -> list[str]:
    tasks = metrics.get("tasks")
    if not tasks:
        return ["No leave-one-article-out evaluation in this run (`evaluation.cv: none`)."]
    lines = [
        "| system | stance macro-F1 | stance F_avg | mode macro-F1 | reported macro-F1 |",
        "|---|---|---|---|---|",
    ]
    for system in metrics["systems"]:
        lines.append(
            f"| {system} | {_fmt(tasks['stance'][system])} | "
            f"{_fmt(tasks['stance'][system], 'f_avg')} | {_fmt(tasks['mode'][system])} | "
            f"{_fmt(tasks['reported'][system])} |"
        )
    return lines


def _breakdown(metrics: dict[str, Any], family: str, task: str, by: str) -> list[str]:
    entry = metrics.get("tasks", {}).get(task, {}).get(family)
    if not entry or by not in entry:
        return []
    lines = [f"| {by.replace('per_', '')} | macro-F1 | n |", "|---|---|---|"]
    for key, value in entry[by].items():
        f1 = (
            value["macro_f1"]["value"] if isinstance(value["macro_f1"], dict) else value["macro_f1"]
        )
        lines.append(f"| {key} | {f1:.3f} | {value['n']} |")
    return lines


def _benchmarks(metrics: dict[str, Any]) -> list[str]:
    rows = metrics.get("benchmarks") or {}
    if not rows:
        return ["This model was not scored on public benchmarks."]
    lines = ["| benchmark | file | n | official metric | accuracy |", "|---|---|---|---|---|"]
    for key, r in rows.items():
        if "error" in r:
            lines.append(f"| {key} | {r['path']} | – | failed: {r['error']} | – |")
            continue
        if r["benchmark"] == "newsmtsc":
            official = f"F1m {r['f1m']:.3f}"
        elif r["benchmark"] == "checkthat":
            official = f"macro-F1 {r['macro_f1']:.3f}, SUBJ F1 {r['subj_f1']:.3f}"
        else:
            official = f"stance {r['stance_macro_f1']:.3f}, mode {r['mode_macro_f1']:.3f}"
        n = r.get("n", r.get("stance", {}).get("n"))
        accuracy = f"{r['accuracy']:.3f}" if "accuracy" in r else "–"
        lines.append(f"| {key} | `{Path(r['path']).name}` | {n} | {official} | {accuracy} |")
    return lines


AGREEMENT = Path(__file__).resolve().parents[2] / "training" / "annotation" / "agreement.json"


def _agreement(source: str | None) -> list[str]:
    """Inter-annotator agreement of the bundled set (first round, all sentences), when the card
    is made from a checkout that has it."""
    if source != "annotated" or not AGREEMENT.is_file():
        return ["- Agreement: see the dataset card of the training data."]
    a = json.loads(AGREEMENT.read_text(encoding="utf-8"))
    return [
        f"- Agreement of the two first-round passes over {a['sentences']} sentences: mode "
        f"kappa {a['mode']['kappa']:.4f}, reported kappa {a['reported']['kappa']:.4f}, stance "
        f"kappa {a['stance']['kappa']:.4f}, mention F1 "
        f"{a['mentions']['exact_span_and_actor']['f1']:.4f} (the dataset card has the revision "
        "rounds)."
    ]


def _distribution(metrics: dict[str, Any]) -> list[str]:
    """Label shares of the evaluation data, from the confusion matrices' gold rows."""
    tasks = metrics.get("tasks") or {}
    lines = []
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
        lines.append(f"- {task} labels in evaluation: {shares} (n = {sum(totals)})")
    return lines


def _compute(metrics: dict[str, Any]) -> list[str]:
    compute = metrics.get("compute")
    if not compute:
        return ["Not recorded in this run's `metrics.json`."]
    return [
        f"Training and cross-validation took {compute['seconds']:.1f} s on {compute['device']} "
        f"({compute['cpu_count']} CPU cores, {compute['torch_threads']} torch threads; "
        f"{compute['platform']})."
    ]


def _versions() -> list[str]:
    from importlib.metadata import PackageNotFoundError, version

    lines = []
    for package in (
        "framing",
        "torch",
        "transformers",
        "scikit-learn",
        "datasets",
        "evaluate",
        "huggingface_hub",
    ):
        try:
            lines.append(f"- {package} {version(package)}")
        except PackageNotFoundError:
            continue
    return lines


def model_card(run_or_model: str | Path, *, repo_id: str) -> str:
    """The card (README.md) of the model in a training run or model folder.

    Raises:
        FileNotFoundError: no ``metrics.json`` beside the model or in its run folder.
        framing.ModelError: not a model folder, a file that leaves its folder or cannot be read,
            or a ``metrics.json`` without the entries a card needs.
    """
    metrics, meta, metrics_file = _load(run_or_model)
    return card_from(metrics, meta, repo_id, source=metrics_file)


def card_from(
    metrics: dict[str, Any], meta: dict[str, Any], repo_id: str, *, source: Any = "metrics"
) -> str:
    """The card from a run's measurements and a model's ``framing.json`` contents.

    Raises:
        framing.ModelError: ``metrics`` lacks an entry a card needs (named with ``source``).
    """
    try:
        return _card(metrics, meta, repo_id)
    except (KeyError, TypeError, IndexError, AttributeError, ValueError) as err:
        if isinstance(err, ModelError):
            raise
        raise ModelError(
            f"{source}: a missing or malformed entry, no card can be made from it "
            f"({type(err).__name__}: {err})"
        ) from None


def _card(metrics: dict[str, Any], meta: dict[str, Any], repo_id: str) -> str:
    from huggingface_hub import ModelCard

    family = meta["family"]
    params = meta.get("params", {})
    data = metrics.get("data", {})
    public = data.get("public", [])
    notes = [LICENSE_NOTE[p["benchmark"]] for p in public if p["benchmark"] in LICENSE_NOTE]
    header = card_data(metrics, meta, repo_id).to_yaml()
    public_lines = [
        f"  - {p['benchmark']}: `{Path(p['path']).name}`, {p['sentences']} sentences, "
        f"{p['mentions']} target mentions, seen {p.get('repeat', 1)}x per epoch"
        for p in public
    ] or ["  - none: the annotated set only"]
    body = [
        f"# {repo_id.split('/')[-1]}",
        "",
        "Reads English news sentences and says how they frame the actors in them: the **mode** "
        "of each sentence (opinion or news), whether it is **reported**, and the **stance** "
        "(supportive, critical, neutral) toward each actor mention. Frames (supportive of Iran, "
        "critical of the US, neutral reporting) and document summaries follow by fixed rules. "
        "Made with the `framing` package; this card is generated from the run's `metrics.json`.",
        "",
        "## Model details",
        "",
        f"- Family: `{family}`"
        + (f", encoder `{params['encoder']}`" if "encoder" in params else ""),
        f"- Labels: mode {list(MODES)}, stance {list(STANCES)}",
        "- Target-aware: the stance is toward a marked span, so actors can be added at load time.",
        "- Saved without pickle (JSON, npz, safetensors).",
        "",
        "## Intended uses and out-of-scope uses",
        "",
        "For media researchers and newsrooms describing how coverage frames state and political "
        "actors, at scale and with the sentence-level evidence on view. Stance in state-media and "
        "partisan coverage is politically sensitive: the model describes text, it does not judge "
        "the people or outlets in it. It is **not** for moderation, ranking or any decision "
        "about people, nor for labelling outlets or authors as biased without human reading.",
        "",
        "## How to get started",
        "",
        "```python",
        "import framing",
        "",
        f'analyzer = framing.load("{repo_id}")',
        'doc = analyzer.analyze("Tehran welcomed the pact. Washington criticised it.")',
        "print(doc.genre, {a: s['shares'] for a, s in doc.actors.items()})",
        "```",
        "",
        "## Training data",
        "",
        f"- Annotated set ({data.get('source', 'none')}): {data.get('sentences', 0)} sentences, "
        f"{data.get('mentions', 0)} actor mentions from {len(data.get('documents', []))} "
        "articles. The bundled set covers the August 2025 Iran-Iraq border-security memorandum "
        "and Ali Larijani's visit to Baghdad and Beirut (Iranian state media, Kurdish media, "
        "rewritten wire copy, an opinion column), labelled by two independent passes and "
        "adjudicated (the annotators were LLM agents).",
        *_agreement(data.get("source")),
        *_distribution(metrics),
        "- Public data, in training in every fold:",
        *public_lines,
        *([""] + [f"Licence: {n}" for n in notes] if notes else []),
        "",
        "## Training procedure",
        "",
        "Hyperparameters (`framing.json`):",
        "",
        *[f"- {k}: {v}" for k, v in params.items()],
        "",
        "## Evaluation",
        "",
        f"Leave-one-article-out over the annotated articles ({metrics['evaluation']['cv']}): "
        "no sentence of the test article is seen in training, calibration or any choice; "
        f"{int(metrics['evaluation']['confidence'] * 100)}% percentile-bootstrap intervals over "
        f"{metrics['evaluation']['bootstrap']} resamples of the pooled out-of-fold predictions. "
        "The baselines stand beside the model.",
        "",
        *_results_table(metrics),
        "",
        "### Stance per actor",
        "",
        *_breakdown(metrics, family, "stance", "per_actor"),
        "",
        "### Stance per article",
        "",
        *_breakdown(metrics, family, "stance", "per_article"),
        "",
        "### Public benchmarks (dev splits; the final model)",
        "",
        *_benchmarks(metrics),
        "",
        "## Bias, risks and limitations",
        "",
        "- Five articles about one event: the annotated scores are small-sample estimates with "
        "wide intervals, and the model has seen one story's actors, vocabulary and outlets.",
        "- English only; translated or non-English text gets a warning, not a reliable label.",
        "- The label scheme has a perspective built in: its frames (supportive of Iran, critical "
        "of the US) were chosen for this story and are not a neutral map of all framing.",
        "- Public data (if any) labels related but different tasks: sentiment toward people "
        "(NewsMTSC), subjectivity (CheckThat!).",
        "- Scores on dev splits of public data are development scores when settings were chosen "
        "on them.",
        "",
        "## Compute",
        "",
        *_compute(metrics),
        "",
        "## Framework versions",
        "",
        *_versions(),
        "",
        "## Citation",
        "",
        "```bibtex",
        "@software{framing,",
        "  title = {framing: stance and framing of actors in news},",
        "  year = {2026}",
        "}",
        "```",
        "",
    ]
    content = f"---\n{header}\n---\n\n" + "\n".join(body)
    return str(ModelCard(content))
