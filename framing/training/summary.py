"""The few lines a run ends with: where the report and the model are, the model's headline scores
beside the baselines', and a flag for every score where the model is below a baseline (the
document-level ones included, which the tables leave for the reader to compare): for the
cross-validation, and for each held-out set (test first).

Read from ``metrics.json``'s contents (:class:`framing.records.Metrics`).
"""

from __future__ import annotations

from pathlib import Path

from framing.records import Metrics, Tasks, TaskScores

__all__ = ["below_baselines", "summary"]

TASKS = ("stance", "mode", "reported")


def _score(entry: TaskScores | None) -> str:
    if entry is None:
        return "–"
    value = f"{entry.macro_f1.value:.3f}"
    ci = entry.macro_f1.ci
    return value + (f" [{ci[0]:.3f}, {ci[1]:.3f}]" if ci else "")


def below_baselines(metrics: Metrics) -> list[str]:
    """One line per score where the model (the first system) is worse than a baseline: macro-F1
    of each task, and the document-level genre accuracy and stance-share error (lower is
    better)."""
    if metrics.tasks is None or not metrics.systems:
        return []
    return _flags(metrics.tasks, metrics.systems)


def _flags(tasks: Tasks, systems: list[str]) -> list[str]:
    model, *baselines = systems
    flags = []
    for task in TASKS:
        mine = getattr(tasks, task).get(model)
        for baseline in baselines:
            theirs = getattr(tasks, task).get(baseline)
            if (
                mine is not None
                and theirs is not None
                and mine.macro_f1.value < theirs.macro_f1.value
            ):
                flags.append(
                    f"{task} macro-F1 {mine.macro_f1.value:.3f} is below {baseline}'s "
                    f"{theirs.macro_f1.value:.3f}"
                )
    docs = tasks.documents
    mine = docs.get(model)
    for baseline in baselines:
        theirs = docs.get(baseline)
        if mine is None or theirs is None:
            continue
        if (
            mine.genre_accuracy is not None
            and theirs.genre_accuracy is not None
            and mine.genre_accuracy < theirs.genre_accuracy
        ):
            flags.append(
                f"document genre accuracy {mine.genre_accuracy:.2f} is below {baseline}'s "
                f"{theirs.genre_accuracy:.2f}"
            )
        if (
            mine.stance_share_mae is not None
            and theirs.stance_share_mae is not None
            and mine.stance_share_mae > theirs.stance_share_mae
        ):
            flags.append(
                f"document stance-share error {mine.stance_share_mae:.3f} is above {baseline}'s "
                f"{theirs.stance_share_mae:.3f} (lower is better)"
            )
    return flags


def summary(metrics: Metrics, output_dir: Path) -> str:
    """The run's closing lines, in words."""
    lines = [
        f"Run written to {output_dir}: report.md has every table, model/ the trained "
        f"{metrics.model.family} model (framing.load({str(output_dir)!r}))."
    ]
    heldout = _heldout_lines(metrics)
    if metrics.tasks is None or not metrics.systems:
        if not heldout:
            lines.append(
                "No cross-validation was run (evaluation.cv: none), so there are no scores."
            )
        return "\n".join(lines + heldout)
    lines += _headline(metrics.tasks, metrics.systems, metrics.evaluation.cv)
    return "\n".join(lines + heldout)


def _headline(tasks: Tasks, systems: list[str], label: str) -> list[str]:
    """The model's and each baseline's macro-F1 on a task set, and the below-baseline flags."""
    model, *baselines = systems
    scores = ", ".join(f"{task} {_score(getattr(tasks, task).get(model))}" for task in TASKS)
    lines = [f"{model} ({label}, macro-F1): {scores}."]
    for baseline in baselines:
        scores = ", ".join(f"{task} {_score(getattr(tasks, task).get(baseline))}" for task in TASKS)
        lines.append(f"baseline {baseline}: {scores}.")
    flags = _flags(tasks, systems)
    if flags:
        lines.append(f"Below a baseline ({len(flags)}):")
        lines += [f"  - {flag}" for flag in flags]
    elif baselines:
        lines.append("Above every baseline on every task and document score.")
    return lines


def _heldout_lines(metrics: Metrics) -> list[str]:
    """The headline of each held-out set, test first."""
    held = metrics.heldout or {}
    lines = []
    for name in sorted(held, key=lambda n: (n != "test", list(held).index(n))):
        label = f"held-out {name}" + (", final scores" if name == "test" else "")
        lines += _headline(held[name].tasks, metrics.systems, label)
    return lines
