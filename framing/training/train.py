"""``python -m framing.train``: config -> data -> leave-one-article-out evaluation -> final model.

    python -m framing.train [--config configs/default.yaml] [--output-dir DIR] [key=value ...]

The model family named in the config and every baseline are trained on all articles but one and
tested on that one, for each article in turn; nothing of the test article is seen in training,
calibration or any choice. The scores (macro-F1, per-class precision/recall/F1, F_avg,
accuracy, confusion matrices, 95% bootstrap intervals, breakdowns per actor and per article) are
computed with the project's ``evaluate`` metric. Then the family is trained on all the data and
saved. The output directory receives: ``model/``, ``config.yaml`` (resolved), ``metrics.json``,
``report.md``, ``confusion_*.png``, ``train.log``, ``compute.json`` and ``manifest.json`` (the
list of files the run wrote). It is written to a temporary directory and renamed at the end, so
an interrupted run leaves no half-written output. A run replaces an earlier run in the same
directory only when that directory holds nothing the earlier run did not write (its
``manifest.json`` says what it wrote): files a user added there are never deleted without
``--overwrite``.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import logging
import os
import random
import shutil
import signal
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from framing.labels import BOOLEAN, FRAMES, MODES, STANCES, actor_stances, frames, genre
from framing.public.benchmarks import headline, load_benchmark
from framing.training.config import ConfigError, TrainConfig, load_config

logger = logging.getLogger("framing.training.train")

SCHEMA_VERSION = 1
MANIFEST = "manifest.json"
# what a run writes at the top of its directory (runs older than manifest.json are known by these)
RUN_OUTPUTS = ("model", "config.yaml", "metrics.json", "report.md", "train.log", "compute.json",
               "confusion_*.png", MANIFEST)  # fmt: skip
MAX_LISTED = 5  # names shown in an error before "and N more"
METRIC_PATH = Path(__file__).resolve().parents[1] / "metrics" / "classification"


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    if "torch" in sys.modules:
        import torch

        torch.manual_seed(seed)


def build_model(config: TrainConfig, family: str | None = None):
    """The model (or baseline) named ``family`` with its parameters from ``config``."""
    from framing.models import model_class

    family = family or config.model.family
    cls = model_class(family)
    settings = getattr(config.model, family, None)  # the families have a config section
    return cls(**vars(settings), seed=config.seed) if settings is not None else cls()


class Fitter:
    """Fits the systems of a run, with the public data (``data.public``) in every fit.

    The configured family sees the public examples in every fit: a family that continues
    training (``warm_start``, the fine-tuned one) is trained on them once, and each fit continues
    from a copy of that model; the linear families train on the public and the fold's examples
    together. The baselines see only the fold's examples of ``data.source``.
    """

    def __init__(self, config: TrainConfig, public: list[dict[str, Any]]) -> None:
        self.config = config
        self.public = public
        self._stage: Any = None

    def stage(self):
        """The family trained on the public data alone (trained on first use)."""
        if self._stage is None:
            model = build_model(self.config)
            model.epochs = self.config.data.public_epochs
            seed_everything(self.config.seed)
            logger.info("first stage: %d public examples", len(self.public))
            self._stage = model.fit(self.public)
        return self._stage

    def fit(self, system: str, examples: list[dict[str, Any]]):
        import copy

        config = self.config
        seed_everything(config.seed)
        if system != config.model.family or not self.public:
            return build_model(config, system).fit(examples)
        probe = build_model(config)
        if not hasattr(probe, "warm_start"):
            return probe.fit(self.public + examples)
        if not examples:
            return self.stage()
        model = copy.deepcopy(self.stage())
        model.warm_start = True
        model.epochs = getattr(config.model, system).epochs
        seed_everything(config.seed)
        model.fit(examples)
        model.warm_start = False  # saved as a model that a later fit() trains afresh
        return model


def sentence_stances(example: dict[str, Any], rows: np.ndarray) -> dict[str, str]:
    """One stance per actor: the argmax of the mean probabilities of its mentions."""
    return actor_stances([m["actor"] for m in example["mentions"]], rows)


def gold_stances(example: dict[str, Any]) -> dict[str, str]:
    return {m["actor"]: m["stance"] for m in example["mentions"]}


def cross_validate(
    examples: list[dict[str, Any]],
    config: TrainConfig,
    systems: Sequence[str],
    fitter: Fitter | None = None,
) -> tuple[dict[str, list[dict[str, Any]]], list[str]]:
    """Leave-one-article-out predictions of every system, and notes on degenerate folds."""
    from tqdm.auto import tqdm

    fitter = fitter or Fitter(config, [])
    docs = sorted({ex["doc_id"] for ex in examples})
    if len(docs) < 2:
        raise ValueError(f"leave-one-article-out needs at least 2 articles, got {len(docs)}")
    predictions: dict[str, list[dict[str, Any]]] = {s: [] for s in systems}
    notes: list[str] = []
    bar = tqdm(total=len(docs) * len(systems), desc="cross-validation", unit="fit", file=sys.stderr)
    for doc in docs:
        train = [ex for ex in examples if ex["doc_id"] != doc]
        test = [ex for ex in examples if ex["doc_id"] == doc]
        for task, labels in (("mode", MODES), ("stance", STANCES)):
            seen = (
                {ex["mode"] for ex in train}
                if task == "mode"
                else {m["stance"] for ex in train for m in ex["mentions"]}
            )
            missing = [label for label in labels if label not in seen]
            if missing:
                notes.append(f"fold {doc}: no training example of {task} {missing}")
        for system in systems:
            bar.set_postfix_str(f"{system}, test {doc}")
            model = fitter.fit(system, train)
            notes += [f"fold {doc}, {system}: {n}" for n in getattr(model, "notes", [])]
            scores = model.scores(test)
            for i, ex in enumerate(test):
                predictions[system].append(
                    {
                        "example": ex,
                        "mode": scores.mode[i],
                        "reported": float(scores.reported[i]),
                        "stances": scores.stances[i],
                    }
                )
            bar.update()
    bar.close()
    for note in notes:
        logger.warning(note)
    return predictions, notes


def evaluate_predictions(
    predictions: dict[str, list[dict[str, Any]]], config: TrainConfig, genres: dict[str, str]
) -> dict[str, Any]:
    """Every task's scores for every system (see the module docstring for the schema)."""
    import evaluate

    metric = evaluate.load(str(METRIC_PATH))
    ev = config.evaluation

    def score(pred: list[str], gold: list[str], labels: Sequence[str], f_avg=None, ci=True):
        if not gold:
            return None
        result = metric.compute(
            predictions=pred,
            references=gold,
            labels=list(labels),
            f_avg_labels=f_avg,
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
        stance_gold, stance_pred, actors, docs_of_mentions = [], [], [], []  # per mention
        mode_gold, mode_pred, rep_gold, rep_pred, sentence_docs = [], [], [], [], []
        frame_gold: dict[str, list[str]] = {f: [] for f in FRAMES}
        frame_pred: dict[str, list[str]] = {f: [] for f in FRAMES}
        doc_shares: dict[str, dict[str, list]] = defaultdict(lambda: {"gold": [], "pred": []})
        for row in rows:
            ex = row["example"]
            mode = MODES[int(np.argmax(row["mode"]))]
            reported = row["reported"] >= 0.5
            mode_gold.append(ex["mode"])
            mode_pred.append(mode)
            rep_gold.append(str(ex["reported"]).lower())
            rep_pred.append(str(reported).lower())
            sentence_docs.append(ex["doc_id"])
            for mention, probs in zip(ex["mentions"], row["stances"], strict=True):
                stance_gold.append(mention["stance"])
                stance_pred.append(STANCES[int(np.argmax(probs))])
                actors.append(mention["actor"])
                docs_of_mentions.append(ex["doc_id"])
            gold_by_actor = gold_stances(ex)
            pred_by_actor = sentence_stances(ex, row["stances"])
            fg = frames(ex["mode"], ex["reported"], gold_by_actor)
            fp = frames(mode, reported, pred_by_actor)
            for f in FRAMES:
                frame_gold[f].append(str(fg[f]).lower())
                frame_pred[f].append(str(fp[f]).lower())
            for actor in gold_by_actor:
                doc_shares[(ex["doc_id"], actor)]["gold"].append(gold_by_actor[actor])
                doc_shares[(ex["doc_id"], actor)]["pred"].append(pred_by_actor[actor])
        stance = score(stance_pred, stance_gold, STANCES, ["supportive", "critical"])
        if stance is not None:  # None when the data has no mentions at all
            stance["per_actor"] = {}
            for actor in sorted(set(actors)):
                idx = [i for i, a in enumerate(actors) if a == actor]
                stance["per_actor"][actor] = score(
                    [stance_pred[i] for i in idx],
                    [stance_gold[i] for i in idx],
                    STANCES,
                    ["supportive", "critical"],
                    ci=False,
                )
            stance["per_article"] = _per_article(
                score, stance_pred, stance_gold, docs_of_mentions, STANCES
            )
        tasks["stance"][system] = stance
        mode_scores = score(mode_pred, mode_gold, MODES)
        mode_scores["per_article"] = _per_article(score, mode_pred, mode_gold, sentence_docs, MODES)
        tasks["mode"][system] = mode_scores
        tasks["reported"][system] = score(rep_pred, rep_gold, BOOLEAN)
        for f in FRAMES:
            tasks["frames"][f][system] = score(frame_pred[f], frame_gold[f], BOOLEAN)
        tasks["documents"][system] = _document_scores(rows, doc_shares, genres)
    return tasks


def _per_article(score, pred, gold, docs, labels) -> dict[str, Any]:
    out = {}
    for doc in sorted(set(docs)):
        idx = [i for i, d in enumerate(docs) if d == doc]
        result = score([pred[i] for i in idx], [gold[i] for i in idx], labels, ci=False)
        out[doc] = {
            "macro_f1": result["macro_f1"]["value"],
            "accuracy": result["accuracy"]["value"],
            "n": result["n"],
        }
    return out


def _document_scores(rows, doc_shares, genres: dict[str, str]) -> dict[str, Any]:
    """Document summaries: genre from the share of opinion sentences (> 0.5: opinion), and the
    mean absolute error of each actor's predicted stance shares in each document."""
    opinion: dict[str, list[bool]] = defaultdict(list)
    for row in rows:
        opinion[row["example"]["doc_id"]].append(MODES[int(np.argmax(row["mode"]))] == "opinion")
    predicted_genre = {doc: genre(float(np.mean(v))) for doc, v in opinion.items()}
    errors = []
    for shares in doc_shares.values():
        gold = np.array([[s == label for label in STANCES] for s in shares["gold"]], float).mean(0)
        pred = np.array([[s == label for label in STANCES] for s in shares["pred"]], float).mean(0)
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


def write_confusion_pngs(tasks: dict[str, Any], directory: Path) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    written = []
    for task in ("stance", "mode", "reported"):
        systems = list(tasks[task])
        fig, axes = plt.subplots(1, len(systems), figsize=(3.4 * len(systems), 3.2), squeeze=False)
        for ax, system in zip(axes[0], systems, strict=True):
            if tasks[task][system] is None:
                ax.set_axis_off()
                continue
            cm = tasks[task][system]["confusion_matrix"]
            matrix = np.array(cm["matrix"])
            ax.imshow(matrix, cmap="Blues")
            ax.set_xticks(range(len(cm["labels"])), cm["labels"], rotation=30, fontsize=8)
            ax.set_yticks(range(len(cm["labels"])), cm["labels"], fontsize=8)
            for (r, c), v in np.ndenumerate(matrix):
                ax.text(
                    c,
                    r,
                    str(v),
                    ha="center",
                    va="center",
                    fontsize=9,
                    color="white" if v > matrix.max() / 2 else "black",
                )
            ax.set_title(system, fontsize=9)
            ax.set_xlabel("predicted", fontsize=8)
            ax.set_ylabel("gold", fontsize=8)
        fig.suptitle(f"{task}: leave-one-article-out confusion matrices", fontsize=10)
        fig.tight_layout()
        name = f"confusion_{task}.png"
        fig.savefig(directory / name, dpi=110)
        plt.close(fig)
        written.append(name)
    return written


def _cell(entry: dict[str, Any] | None, metric: str = "macro_f1") -> str:
    if not entry or metric not in entry:
        return "–"
    value, ci = entry[metric]["value"], entry[metric]["ci"]
    return f"{value:.3f} [{ci[0]:.3f}, {ci[1]:.3f}]" if ci else f"{value:.3f}"


def results_table(tasks: dict[str, Any], systems: Sequence[str]) -> str:
    header = ["system", "stance macro-F1", "stance F_avg", "mode macro-F1", "reported macro-F1"]
    header += [f"{f} F1" for f in FRAMES]
    rows = [header, ["---"] * len(header)]
    for s in systems:
        row = [
            s,
            _cell(tasks["stance"][s]),
            _cell(tasks["stance"][s], "f_avg"),
            _cell(tasks["mode"][s]),
            _cell(tasks["reported"][s]),
        ]
        row += [f"{tasks['frames'][f][s]['per_class']['true']['f1']:.3f}" for f in FRAMES]
        rows.append(row)
    return "\n".join("| " + " | ".join(r) + " |" for r in rows)


def write_report(
    tasks: dict[str, Any] | None,
    systems: Sequence[str],
    metrics: dict[str, Any],
    pngs: list[str],
    path: Path,
) -> None:
    ev = metrics["evaluation"]
    data = metrics["data"]
    public = "".join(
        f" Public data in every fold: {p['benchmark']} {p['path']} ({p['sentences']} sentences, "
        f"{p['mentions']} mentions)."
        for p in data.get("public", [])
    )
    lines = [
        f"# framing training report: {metrics['model']['family']}",
        "",
        f"Data: {data['source']} ({data['sentences']} sentences, "
        f"{data['mentions']} mentions, {len(data['documents'])} articles).{public}",
        "",
    ]
    if tasks is None:  # no cross-validation: the public benchmarks only
        lines += ["## Public benchmarks (the final model)", "", benchmarks_table(metrics)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return
    lines += [
        f"Evaluation: {ev['cv']}; {int(ev['confidence'] * 100)}% percentile-bootstrap intervals "
        f"over {ev['bootstrap']} resamples of the pooled out-of-fold predictions. Frames are "
        "derived from the predicted mode, reported flag and per-actor stance by "
        "`framing.labels.frames`.",
        "",
        "## Results",
        "",
        results_table(tasks, systems),
        "",
        "## Stance per article (macro-F1, n mentions)",
        "",
    ]
    docs = metrics["data"]["documents"]
    lines += _breakdown(tasks, systems, "stance", "per_article", docs)
    lines += ["", "## Mode per article (macro-F1, n sentences)", ""]
    lines += _breakdown(tasks, systems, "mode", "per_article", docs)
    stance = tasks["stance"][systems[0]]
    actors = sorted(stance["per_actor"]) if stance else []
    lines += ["", "## Stance per actor (macro-F1, n mentions)", ""]
    lines += _breakdown(tasks, systems, "stance", "per_actor", actors)
    lines += ["", "## Documents", ""]
    for s in systems:
        d = tasks["documents"][s]
        acc = "–" if d["genre_accuracy"] is None else f"{d['genre_accuracy']:.2f}"
        mae = "–" if d["stance_share_mae"] is None else f"{d['stance_share_mae']:.3f}"
        lines.append(f"- {s}: genre accuracy {acc}; per-document actor stance-share MAE {mae}")
    if metrics.get("benchmarks"):
        lines += ["", "## Public benchmarks (the final model)", "", benchmarks_table(metrics)]
    if metrics["notes"]:
        lines += ["", "## Notes", ""] + [f"- {n}" for n in metrics["notes"]]
    lines += ["", "## Confusion matrices", ""] + [f"![{p}]({p})" for p in pngs]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def benchmarks_table(metrics: dict[str, Any]) -> str:
    """A markdown table of the final model's scores on the ``evaluation.benchmarks`` files."""
    rows = ["| benchmark | file | n | official metric | accuracy |", "|---|---|---|---|---|"]
    for key, r in metrics["benchmarks"].items():
        if "error" in r:
            rows.append(f"| {key} | {r['path']} | – | failed: {r['error']} | – |")
            continue
        n = r.get("n", r.get("stance", {}).get("n"))
        official = headline(r["benchmark"], r, accuracy=False)
        accuracy = f"{r['accuracy']:.3f}" if "accuracy" in r else "–"
        rows.append(f"| {key} | {r['path']} | {n} | {official} | {accuracy} |")
    return "\n".join(rows)


def _breakdown(tasks, systems, task: str, by: str, keys: Sequence[str]) -> list[str]:
    """A markdown table: one row per system, one column per article or actor."""
    lines = ["| system | " + " | ".join(keys) + " |", "|---" * (len(keys) + 1) + "|"]
    for system in systems:
        if tasks[task][system] is None:
            continue
        cells = []
        for key in keys:
            entry = tasks[task][system][by].get(key)
            if entry is None:
                cells.append("–")
                continue
            value = entry["macro_f1"]
            value = value["value"] if isinstance(value, dict) else value
            cells.append(f"{value:.3f} ({entry['n']})")
        lines.append(f"| {system} | " + " | ".join(cells) + " |")
    return lines


def run(
    config: TrainConfig, output_dir: Path | None = None, *, overwrite: bool = False
) -> dict[str, Any]:
    """Train and evaluate as configured; returns the metrics (also written to disk).

    An earlier run in ``output_dir`` is replaced; files in it that it did not write, or a
    directory that is not a run, are kept aside (``.NAME.old-PID``) unless ``overwrite``."""
    from framing.actors import ActorLexicon
    from framing.data.annotated import load_documents, load_examples

    output_dir = Path(output_dir or config.output_dir)
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{output_dir.name}.", dir=output_dir.parent))
    handler = logging.FileHandler(work / "train.log", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        started = time.perf_counter()
        seed_everything(config.seed)
        lexicon = ActorLexicon.load(config.data.lexicon or None)
        examples = []
        if config.data.source != "none":
            examples = load_examples(
                config.data.source,
                lexicon=lexicon,
                split=config.data.split,
                revision=config.data.revision,
            )
            if not examples:
                raise ValueError(f"no training examples in {config.data.source}")
            logger.info(
                "%d sentences, %d mentions from %s",
                len(examples),
                sum(len(e["mentions"]) for e in examples),
                config.data.source,
            )
        public, public_info = [], []
        for file in config.data.public:
            part = load_benchmark(file.benchmark, file.path, file.limit)
            logger.info("%d public examples from %s (%s)", len(part), file.path, file.benchmark)
            public += part * file.repeat
            mentions = sum(len(e["mentions"]) for e in part)
            public_info.append(
                {
                    "benchmark": file.benchmark,
                    "path": file.path,
                    "sentences": len(part),
                    "mentions": mentions,
                    "repeat": file.repeat,
                }
            )
        fitter = Fitter(config, public)
        benchmark_sets = read_benchmark_files(config)
        genres = {}
        if config.data.source == "annotated":
            genres = {d["doc_id"]: d["genre"] for d in load_documents()}
        systems = [config.model.family, *config.evaluation.baselines]
        metrics: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "model": {"family": config.model.family, "path": "model"},
            "data": {
                "source": config.data.source,
                "sentences": len(examples),
                "mentions": sum(len(e["mentions"]) for e in examples),
                "documents": sorted({e["doc_id"] for e in examples}),
                "public": public_info,
            },
            "evaluation": {
                "cv": config.evaluation.cv,
                "bootstrap": config.evaluation.bootstrap,
                "confidence": config.evaluation.confidence,
                "seed": config.seed,
            },
            "systems": systems,
            "notes": [],
        }
        pngs: list[str] = []
        if config.evaluation.cv == "leave_one_article_out":
            predictions, notes = cross_validate(examples, config, systems, fitter)
            cv_seconds = time.perf_counter() - started
            logger.info("cross-validation done in %.1f s", cv_seconds)
            tasks = evaluate_predictions(predictions, config, genres)
            metrics["tasks"] = tasks
            metrics["notes"] = notes
            pngs = write_confusion_pngs(tasks, work)
        final = fitter.fit(config.model.family, examples)
        if config.evaluation.benchmarks:
            metrics["benchmarks"] = evaluate_benchmarks(final, config, benchmark_sets)
        final.save_pretrained(work / "model")
        _write_yaml(work / "model" / "actors.yaml", lexicon.to_dict())
        _write_yaml(work / "config.yaml", config.to_dict())
        (work / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
        if "tasks" in metrics or metrics.get("benchmarks"):
            write_report(metrics.get("tasks"), systems, metrics, pngs, work / "report.md")
        # apart from metrics.json, which stays identical from run to run
        compute = compute_used(time.perf_counter() - started)
        (work / "compute.json").write_text(json.dumps(compute, indent=2) + "\n", encoding="utf-8")
        logger.info("total %.1f s", time.perf_counter() - started)
    except BaseException:
        root.removeHandler(handler)
        handler.close()
        shutil.rmtree(work, ignore_errors=True)
        raise
    root.removeHandler(handler)
    handler.close()
    write_manifest(work)
    work.chmod(0o755)  # mkdtemp makes it private
    _replace(work, output_dir, overwrite=overwrite)
    return metrics


def write_manifest(directory: Path) -> None:
    """``manifest.json``: every file of the finished run, so that a later run into the same
    directory can tell them from files a user added."""
    files = sorted(p.relative_to(directory).as_posix() for p in _files(directory))
    data = {"written_by": "framing.training.train", "files": files}
    (directory / MANIFEST).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def _files(directory: Path) -> list[Path]:
    """The files under ``directory`` (symbolic links are listed, never followed)."""
    found = []
    for root, dirs, names in os.walk(directory):
        base = Path(root)
        found += [base / name for name in names]
        found += [base / name for name in dirs if (base / name).is_symlink()]
    return found


def foreign_files(directory: Path) -> list[str]:
    """Files in an earlier run's directory that the run did not write (a user's), as relative
    paths. The run's ``manifest.json`` says what it wrote; for a run older than the manifest,
    whatever is not one of :data:`RUN_OUTPUTS` is foreign."""
    written: set[str] | None = None
    try:
        data = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
        if isinstance(data, dict) and isinstance(data.get("files"), list):
            written = {str(name) for name in data["files"]}
    except (OSError, ValueError):
        written = None
    foreign = []
    for path in _files(directory):
        rel = path.relative_to(directory).as_posix()
        if rel == MANIFEST:
            continue
        if written is not None:
            if rel not in written:
                foreign.append(rel)
        elif not any(fnmatch.fnmatchcase(rel.split("/")[0], name) for name in RUN_OUTPUTS):
            foreign.append(rel)
    return sorted(foreign)


def _listed(names: Sequence[str]) -> str:
    shown = ", ".join(names[:MAX_LISTED])
    return shown + (f" and {len(names) - MAX_LISTED} more" if len(names) > MAX_LISTED else "")


def compute_used(seconds: float) -> dict[str, Any]:
    """What the run ran on and how long it took (for the model card)."""
    import platform

    threads, device = 0, "cpu"
    if "torch" in sys.modules:
        import torch

        threads = torch.get_num_threads()
        device = "cuda" if torch.cuda.is_available() else "cpu"
    return {
        "seconds": round(seconds, 1),
        "device": device,
        "cpu_count": os.cpu_count(),
        "torch_threads": threads,
        "platform": platform.platform(terse=True),
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


def check_output_dir(output_dir: Path, *, overwrite: bool = False) -> Path:
    """The resolved output directory, refused when writing there could destroy other files.

    Raises:
        ValueError: the directory is the current directory, one of its parents, the home or root
            directory, an existing non-empty directory that is not an earlier run, or an earlier
            run holding files it did not write (the last two unless ``overwrite``).
    """
    resolved = output_dir.expanduser().resolve()
    cwd = Path.cwd().resolve()
    if resolved in (Path(resolved.anchor), Path.home().resolve()) or resolved in (
        cwd,
        *cwd.parents,
    ):
        raise ValueError(f"refusing to write a run into {resolved}: choose a new directory")
    if resolved.exists() and not resolved.is_dir():
        raise ValueError(f"{resolved} exists and is not a directory")
    if resolved.is_dir() and any(resolved.iterdir()) and not overwrite:
        if not is_run(resolved):
            raise ValueError(
                f"{resolved} holds files that are not an earlier run of framing.train; choose a "
                "new directory or pass --overwrite"
            )
        foreign = foreign_files(resolved)
        if foreign:
            raise ValueError(
                f"{resolved} is an earlier run, but holds files the run did not write "
                f"({_listed(foreign)}): move them away, choose a new directory, or pass "
                "--overwrite to replace the directory with them"
            )
    return resolved


def is_run(directory: Path) -> bool:
    """An earlier output of this command: a saved model and its resolved config."""
    return (directory / "model" / "framing.json").is_file() and (
        directory / "config.yaml"
    ).is_file()


def _replace(work: Path, output_dir: Path, *, overwrite: bool = False) -> None:
    """Move the finished run into place; an earlier run there is set aside first and deleted
    only after the new one is in, and only when it holds nothing but what it wrote (files added
    while this run trained are checked again here): otherwise it is kept aside, and logged."""
    old = None
    if output_dir.exists():
        old = output_dir.with_name(f".{output_dir.name}.old-{os.getpid()}")
        os.replace(output_dir, old)
    os.replace(work, output_dir)
    if old is None:
        return
    if overwrite:
        foreign = []
    elif is_run(old):
        foreign = foreign_files(old)
    else:  # not a run at all (run() called directly on a folder of other files)
        foreign = sorted(p.relative_to(old).as_posix() for p in _files(old))
    if foreign:
        logger.warning(
            "the earlier run held files it did not write (%s): it is kept in %s",
            _listed(foreign),
            old,
        )
        return
    shutil.rmtree(old, ignore_errors=True)


def _write_yaml(path: Path, data: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m framing.train", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--config", type=Path, help="a YAML config (default: configs/default.yaml)")
    parser.add_argument(
        "--output-dir", type=Path, help="where the run is written (default: the config's)"
    )
    parser.add_argument(
        "--overwrite",
        action="store_true",
        help="replace an existing output directory even if it is not an earlier run, or holds "
        "files the earlier run did not write (they are deleted)",
    )
    parser.add_argument("overrides", nargs="*", help="key=value settings, e.g. model.family=frozen")
    args = parser.parse_args(argv)
    # a terminated run cleans up like an interrupted one
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        config = load_config(args.config, args.overrides)
    except ConfigError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    output_dir = args.output_dir or Path(config.output_dir)
    try:
        output_dir = check_output_dir(output_dir, overwrite=args.overwrite)
        config.output_dir = str(output_dir)
        metrics = run(config, output_dir, overwrite=args.overwrite)
    except (ValueError, FileNotFoundError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    if "tasks" in metrics:
        print(results_table(metrics["tasks"], metrics["systems"]))
    if metrics.get("benchmarks"):
        print(benchmarks_table(metrics))
    print(f"wrote {output_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
