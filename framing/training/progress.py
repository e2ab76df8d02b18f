"""The one progress bar of a run: a step per fold (the linear families) or per epoch of each fit
(the fine-tuned family, counted by a Trainer callback), then the final model and each held-out
set as named phases.

Steps that a fit does not report (a family without epochs, the baselines) are made up when its
fold or phase ends, so the bar always ends full.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

__all__ = ["RunProgress"]


class RunProgress:
    """A tqdm bar over ``folds`` folds of ``fit_units`` steps each, ``stage_units`` for the first
    stage on the public data (trained during the first fold, or the final model without
    cross-validation), then ``phases`` ((name, steps), in order).

    Example:
        >>> bar = RunProgress(2, fit_units=3, phases=[("final model", 3)], disable=True)
        >>> bar.step(); bar.fold_done(1); bar.done
        3
    """

    def __init__(
        self,
        folds: int,
        fit_units: int = 1,
        stage_units: int = 0,
        phases: Sequence[tuple[str, int]] = (),
        *,
        disable: bool | None = False,
    ) -> None:
        from tqdm.auto import tqdm

        self.folds, self.fit_units, self.stage_units = folds, fit_units, stage_units
        self.phases = dict(phases)
        total = folds * fit_units + stage_units + sum(self.phases.values())
        unit = "epoch" if fit_units > 1 else "fold"
        desc = "cross-validation" if folds else "training"
        self.bar = tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, disable=disable)
        self.total = total
        self.done = 0  # steps shown (a disabled bar counts none of its own)
        self._end = folds * fit_units + stage_units  # where the phases start

    def step(self) -> None:
        """One epoch of a fit done (the Trainer callback's hook)."""
        if self.done < self.total:
            self.done += 1
            self.bar.update(1)

    def show(self, text: str) -> None:
        """What is being fitted now, beside the bar."""
        self.bar.set_postfix_str(text)

    def fold_done(self, k: int) -> None:
        """The ``k``-th fold (from 1) is done: the bar is at least where it should be."""
        self._reach(k * self.fit_units + self.stage_units)

    def phase(self, name: str) -> None:
        """A named phase (one of ``phases``) starts."""
        self.bar.set_description(name)
        self.bar.set_postfix_str("")

    def phase_done(self, name: str) -> None:
        self._end += self.phases.get(name, 0)
        self._reach(self._end)

    def close(self) -> None:
        self.bar.close()

    def _reach(self, n: int) -> None:
        n = min(n, self.total)
        if n > self.done:
            self.bar.update(n - self.done)
            self.done = n
