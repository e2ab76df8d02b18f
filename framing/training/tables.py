"""The results of a run as markdown: the results table, the breakdowns per article and per actor,
the public benchmarks, the sentence that says how the intervals were computed, and ``report.md``.

Everything is read from ``metrics.json``'s contents (the :class:`framing.records.Metrics`
record), so the same tables can be made for any finished run.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from framing.labels import FRAMES
from framing.public.benchmarks import headline
from framing.records import (
    ArticleScores,
    BenchmarkScores,
    Estimate,
    Metrics,
    RunEvaluation,
    Tasks,
    TaskScores,
    to_dict,
)
from framing.training.detail_tables import detail_sections
from framing.training.metric import INTERVAL

__all__ = [
    "benchmark_n",
    "benchmarks_table",
    "cell",
    "heldout_sections",
    "interval_text",
    "results_table",
    "write_report",
]


def cell(entry: TaskScores | ArticleScores | None, metric: str = "macro_f1") -> str:
    """One score with its interval, ``0.301 [0.270, 0.315]``; ``–`` when there is none.

    ``entry``'s ``metric`` is an :class:`~framing.records.Estimate` (a pooled score) or a number
    (a breakdown's)."""
    score = getattr(entry, metric, None) if entry is not None else None
    if score is None:
        return "–"
    if not isinstance(score, Estimate):
        return f"{score:.3f}"
    value, ci = score.value, score.ci
    return f"{value:.3f} [{ci[0]:.3f}, {ci[1]:.3f}]" if ci else f"{value:.3f}"


def interval_text(evaluation: RunEvaluation) -> str:
    """How the intervals of ``metrics.json``'s ``evaluation`` were computed, in words.

    Example:
        >>> run = RunEvaluation("leave_one_article_out", 1000, 0.95, INTERVAL, seed=13)
        >>> interval_text(run)[:54]
        '95% percentile-bootstrap intervals over 1000 resamples'
    """
    head = (
        f"{int(evaluation.confidence * 100)}% percentile-bootstrap intervals over "
        f"{evaluation.bootstrap} resamples"
    )
    if evaluation.interval == INTERVAL:
        return (
            f"{head} of the articles (whole articles drawn with replacement, all their "
            "out-of-fold predictions scored together)"
        )
    return f"{head} of the pooled out-of-fold predictions"  # a run from before articles


def results_table(tasks: Tasks, systems: Sequence[str], *, frames: bool = True) -> str:
    """One row per system: stance macro-F1 and F_avg, mode and reported macro-F1 with their
    intervals, and (with ``frames``) the F1 of each frame."""
    header = ["system", "stance macro-F1", "stance F_avg", "mode macro-F1", "reported macro-F1"]
    header += [f"{f} F1" for f in FRAMES] if frames else []
    rows = [header, ["---"] * len(header)]
    for s in systems:
        row = [
            s,
            cell(tasks.stance[s]),
            cell(tasks.stance[s], "f_avg"),
            cell(tasks.mode[s]),
            cell(tasks.reported[s]),
        ]
        if frames:
            row += [f"{tasks.frames[f][s].per_class['true'].f1:.3f}" for f in FRAMES]
        rows.append(row)
    return "\n".join("| " + " | ".join(r) + " |" for r in rows)


def benchmark_n(r: BenchmarkScores) -> int | None:
    """How many items a benchmark's scores count (the stance mentions of one scored on several
    tasks)."""
    if r.n is not None:
        return r.n
    return r.stance.n if r.stance is not None else None


def benchmarks_table(metrics: Metrics) -> str:
    """A markdown table of the final model's scores on the ``evaluation.benchmarks`` files."""
    rows = ["| benchmark | file | n | official metric | accuracy |", "|---|---|---|---|---|"]
    for key, r in (metrics.benchmarks or {}).items():
        if r.error is not None:
            rows.append(f"| {key} | {r.path} | – | failed: {r.error} | – |")
            continue
        official = headline(r.benchmark, to_dict(r), accuracy=False)
        accuracy = f"{r.accuracy:.3f}" if r.accuracy is not None else "–"
        rows.append(f"| {key} | {r.path} | {benchmark_n(r)} | {official} | {accuracy} |")
    return "\n".join(rows)


def breakdown(
    tasks: Tasks, systems: Sequence[str], task: str, by: str, keys: Sequence[str]
) -> list[str]:
    """A markdown table: one row per system, one column per article or actor (macro-F1, n)."""
    lines = ["| system | " + " | ".join(keys) + " |", "|---" * (len(keys) + 1) + "|"]
    for system in systems:
        scores = getattr(tasks, task)[system]
        if scores is None:
            continue
        cells = []
        for key in keys:
            entry = (getattr(scores, by) or {}).get(key)
            if entry is None:
                cells.append("–")
                continue
            value = entry.macro_f1  # an Estimate per actor, a number per article
            value = value.value if isinstance(value, Estimate) else value
            cells.append(f"{value:.3f} ({entry.n})")
        lines.append(f"| {system} | " + " | ".join(cells) + " |")
    return lines


def write_report(metrics: Metrics, pngs: list[str], path: Path) -> None:
    """``report.md``: the data, how the run was evaluated, every table and the confusion
    matrices (``pngs``, beside it)."""
    data, tasks, systems = metrics.data, metrics.tasks, metrics.systems
    public = "".join(
        f" Public data in every fold: {p.benchmark} {p.path} ({p.sentences} sentences, "
        f"{p.mentions} mentions)."
        for p in data.public
    )
    lines = [
        f"# framing training report: {metrics.model.family}",
        "",
        f"Data: {data.source} ({data.sentences} sentences, "
        f"{data.mentions} mentions, {len(data.documents)} articles).{public}",
        "",
    ]
    if tasks is None:  # no cross-validation: the held-out sets and public benchmarks only
        lines += heldout_sections(metrics)
        if metrics.benchmarks:
            lines += ["## Public benchmarks (the final model)", "", benchmarks_table(metrics)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return
    lines += [
        f"Evaluation: {metrics.evaluation.cv}"
        + (f" ({metrics.evaluation.folds} folds)" if metrics.evaluation.folds else "")
        + f"; {interval_text(metrics.evaluation)}. "
        "Frames are derived from the predicted mode, reported flag and per-actor stance by "
        "`framing.labels.frames`.",
        "",
        "## Results",
        "",
        results_table(tasks, systems),
        "",
        "## Stance per article (macro-F1, n mentions)",
        "",
    ]
    docs = data.documents
    lines += breakdown(tasks, systems, "stance", "per_article", docs)
    lines += ["", "## Mode per article (macro-F1, n sentences)", ""]
    lines += breakdown(tasks, systems, "mode", "per_article", docs)
    stance = tasks.stance[systems[0]]
    actors = sorted(stance.per_actor or {}) if stance else []
    lines += ["", "## Stance per actor (macro-F1, n mentions)", ""]
    lines += breakdown(tasks, systems, "stance", "per_actor", actors)
    lines += ["", "## Documents", "", *_documents(tasks, systems)]
    lines += [*detail_sections(tasks, systems), ""]
    lines += heldout_sections(metrics)
    if metrics.benchmarks:
        lines += ["## Public benchmarks (the final model)", "", benchmarks_table(metrics), ""]
    if metrics.notes:
        lines += ["## Notes", "", *(f"- {n}" for n in metrics.notes), ""]
    lines += ["## Confusion matrices", ""] + [f"![{p}]({p})" for p in pngs]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _documents(tasks: Tasks, systems: Sequence[str]) -> list[str]:
    lines = []
    for s in systems:
        d = tasks.documents[s]
        acc = "–" if d.genre_accuracy is None else f"{d.genre_accuracy:.2f}"
        mae = "–" if d.stance_share_mae is None else f"{d.stance_share_mae:.3f}"
        lines.append(f"- {s}: genre accuracy {acc}; per-document actor stance-share MAE {mae}")
    return lines


def heldout_sections(metrics: Metrics) -> list[str]:
    """A section per held-out set: its results table, documents and closer looks (the final
    model and the baselines trained on all the training data, scored once)."""
    lines: list[str] = []
    for name, held in (metrics.heldout or {}).items():
        final = " Final scores only: never used for a choice." if name == "test" else ""
        lines += [
            f"## Held-out set: {name}",
            "",
            f"{held.source} {name}: {held.sentences} sentences, {held.mentions} mentions, "
            f"{len(held.documents)} articles, scored once by the final model and by the "
            f"baselines trained on all the training data.{final}",
            "",
            results_table(held.tasks, metrics.systems),
            "",
            "### Documents",
            "",
            *_documents(held.tasks, metrics.systems),
            *detail_sections(held.tasks, metrics.systems, "###"),
            "",
        ]
    return lines
