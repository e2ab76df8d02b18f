"""The confusion matrices of a run as PNG images (``confusion_<task>.png``), one panel per
system."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["write_confusion_pngs"]

TASKS = ("stance", "mode", "reported")


def write_confusion_pngs(tasks: dict[str, Any], directory: Path) -> list[str]:
    """Write ``confusion_stance.png``, ``confusion_mode.png`` and ``confusion_reported.png``
    into ``directory``; their names."""
    import matplotlib

    matplotlib.use("Agg")  # no display: a training run may be on a server
    import matplotlib.pyplot as plt

    written = []
    for task in TASKS:
        systems = list(tasks[task])
        fig, axes = plt.subplots(1, len(systems), figsize=(3.4 * len(systems), 3.2), squeeze=False)
        for ax, system in zip(axes[0], systems, strict=True):
            if tasks[task][system] is None:
                ax.set_axis_off()
                continue
            _panel(ax, tasks[task][system]["confusion_matrix"], system)
        fig.suptitle(f"{task}: leave-one-article-out confusion matrices", fontsize=10)
        fig.tight_layout()
        name = f"confusion_{task}.png"
        fig.savefig(directory / name, dpi=110)
        plt.close(fig)
        written.append(name)
    return written


def _panel(ax, cm: dict[str, Any], system: str) -> None:
    """One system's confusion matrix, counts written in the cells."""
    matrix = np.array(cm["matrix"])
    ax.imshow(matrix, cmap="Blues")
    ax.set_xticks(range(len(cm["labels"])), cm["labels"], rotation=30, fontsize=8)
    ax.set_yticks(range(len(cm["labels"])), cm["labels"], fontsize=8)
    for (r, c), v in np.ndenumerate(matrix):
        color = "white" if v > matrix.max() / 2 else "black"
        ax.text(c, r, str(v), ha="center", va="center", fontsize=9, color=color)
    ax.set_title(system, fontsize=9)
    ax.set_xlabel("predicted", fontsize=8)
    ax.set_ylabel("gold", fontsize=8)
