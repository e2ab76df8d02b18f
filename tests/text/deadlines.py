"""A time limit for one call in the growth and rule-shape tests (a helper module, not tests)."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager


class TooSlow(AssertionError):
    """A run took longer than its deadline."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Stop the code inside after ``seconds`` with :class:`TooSlow` (SIGALRM: the regex engine
    checks signals, so a runaway match stops too; no limit where SIGALRM is missing)."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise TooSlow(f"still running after {seconds:.2f} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
