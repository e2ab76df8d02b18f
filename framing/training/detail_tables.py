"""The tables of a task set's closer looks, as markdown: scores per slant group and per genre,
outlet-level validity (Spearman of the net stance per actor), calibration and the speaker task.

A task set is the cross-validation's ``tasks`` or a held-out set's (``heldout.<set>.tasks``);
everything is read from their records (:class:`framing.records.Tasks`).
"""

from __future__ import annotations

from collections.abc import Sequence

from framing.records import Estimate, Tasks

__all__ = ["detail_sections"]

GROUP_TITLES = {"slant_group": "slant group", "genre": "genre"}


def _estimate(score: Estimate | None) -> str:
    if score is None:
        return "–"
    ci = score.ci
    return f"{score.value:.3f} [{ci[0]:.3f}, {ci[1]:.3f}]" if ci else f"{score.value:.3f}"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|---" * len(header) + "|"]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def groups_tables(tasks: Tasks, systems: Sequence[str], heading: str) -> list[str]:
    """One table per group key: a row per group and system, macro-F1 of each task and counts."""
    lines: list[str] = []
    for key, groups in (tasks.groups or {}).items():
        rows = []
        for group, by_system in groups.items():
            for system in systems:
                g = by_system.get(system)
                if g is None:
                    continue
                rows.append(
                    [
                        group,
                        system,
                        _estimate(g.stance_macro_f1),
                        _estimate(g.mode_macro_f1),
                        _estimate(g.reported_macro_f1),
                        f"{g.articles} / {g.n} / {g.mentions}",
                    ]
                )
        header = [
            GROUP_TITLES.get(key, key),
            "system",
            "stance macro-F1",
            "mode macro-F1",
            "reported macro-F1",
            "articles / sentences / mentions",
        ]
        lines += ["", f"{heading} Per {GROUP_TITLES.get(key, key)}", "", *_table(header, rows)]
    return lines


def validity_table(tasks: Tasks, systems: Sequence[str], heading: str) -> list[str]:
    """Per actor, each system's Spearman correlation of gold and predicted net stance."""
    if not tasks.validity:
        return []
    rows = []
    for actor, by_system in tasks.validity.items():
        cells = []
        for system in systems:
            v = by_system.get(system)
            if v is None:
                cells.append("–")
            elif v.spearman is None:
                cells.append(f"– ({v.articles}; {v.note or 'undefined'})")
            else:
                cells.append(f"{_estimate(v.spearman)} ({v.articles})")
        rows.append([actor, *cells])
    return [
        "",
        f"{heading} Outlet-level validity (Spearman of net stance across articles, n articles)",
        "",
        "Net stance of an article toward an actor: the share of its sentence-actor pairs that "
        "are supportive minus the share that are critical.",
        "",
        *_table(["actor", *systems], rows),
    ]


def calibration_table(tasks: Tasks, systems: Sequence[str], heading: str) -> list[str]:
    """Each system's expected calibration error of stance, mode and reported."""
    if not tasks.calibration:
        return []
    rows = []
    for system in systems:
        c = tasks.calibration.get(system)
        if c is None:
            continue
        values = (c.stance_ece, c.mode_ece, c.reported_ece)
        rows.append([system, *("–" if v is None else f"{v:.3f}" for v in values)])
    header = ["system", "stance ECE", "mode ECE", "reported ECE"]
    return [
        "",
        f"{heading} Calibration (expected calibration error, 15 bins)",
        "",
        *_table(header, rows),
    ]


def speaker_table(tasks: Tasks, systems: Sequence[str], heading: str) -> list[str]:
    """Speaker accuracy and macro-F1 of the systems that predict one."""
    if not tasks.speaker:
        return []
    rows = [
        [
            s,
            _estimate(tasks.speaker[s].accuracy),
            _estimate(tasks.speaker[s].macro_f1),
            str(tasks.speaker[s].n),
        ]
        for s in systems
        if s in tasks.speaker
    ]
    return [
        "",
        f"{heading} Speaker (reported sentences with a gold speaker)",
        "",
        *_table(["system", "accuracy", "macro-F1", "n"], rows),
    ]


def detail_sections(tasks: Tasks, systems: Sequence[str], heading: str = "##") -> list[str]:
    """The markdown lines of a task set's groups, validity, calibration and speaker tables, each
    under a heading of level ``heading``."""
    return (
        groups_tables(tasks, systems, heading)
        + validity_table(tasks, systems, heading)
        + calibration_table(tasks, systems, heading)
        + speaker_table(tasks, systems, heading)
    )
