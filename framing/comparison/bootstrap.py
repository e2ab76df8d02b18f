"""The bootstrap over documents, vectorised: every measure of every resample in matrix products.

A group's documents are rows of two matrices, numerators and denominators (one column per
measure, :mod:`~framing.comparison.measures`). A resample of its ``n`` documents drawn with
replacement is a row of multinomial weights (how often each document was drawn); the measures of
``B`` resamples are then ``(W @ numerators) / (W @ denominators)`` for the ``B × n`` weight matrix
``W``: no Python loop over resamples or measures. ``W`` is drawn in blocks so that memory stays
bounded for large groups.
"""

from __future__ import annotations

import warnings
import zlib

import numpy as np

__all__ = ["group_rng", "interval", "point", "resample"]

# weights drawn per block: at most this many cells (8 bytes each) of W at once
_BLOCK_CELLS = 4_000_000


def group_rng(seed: int, group: str) -> np.random.Generator:
    """The generator of a group's resamples: from the seed and the group's name, so that a group
    gets the same resamples whatever other groups are compared with it."""
    return np.random.default_rng([seed, zlib.crc32(group.encode("utf-8"))])


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)


def point(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """Each column's estimate, ``sum(num) / sum(den)`` (NaN where the denominator is 0)."""
    return _ratio(num.sum(axis=0), den.sum(axis=0))


def resample(
    num: np.ndarray, den: np.ndarray, resamples: int, rng: np.random.Generator
) -> np.ndarray:
    """The ``resamples × columns`` values of the measures over documents drawn with replacement
    (NaN where a resample holds no document with a denominator).

    Example:
        >>> num, den = np.array([[1.0], [0.0]]), np.array([[1.0], [1.0]])
        >>> values = resample(num, den, 1000, np.random.default_rng(0))
        >>> values.shape, 0.4 < float(values.mean()) < 0.6
        ((1000, 1), True)
    """
    n = num.shape[0]
    both = np.concatenate([num, den], axis=1)
    columns = num.shape[1]
    out = np.empty((resamples, columns))
    block = max(1, _BLOCK_CELLS // max(n, 1))
    uniform = np.full(n, 1.0 / n)
    for start in range(0, resamples, block):
        stop = min(resamples, start + block)
        weights = rng.multinomial(n, uniform, size=stop - start).astype(np.float64)
        sums = weights @ both
        out[start:stop] = _ratio(sums[:, :columns], sums[:, columns:])
    return out


def interval(values: np.ndarray, confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """The percentile interval of each column (NaN resamples left out; NaN for a column with
    none)."""
    tail = (1 - confidence) / 2 * 100
    if values.shape[-1] == 0:  # a group none of whose documents has a measure (no sentences)
        empty = np.empty(0)
        return empty, empty.copy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # an all-NaN column: NaN, as documented
        low, high = np.nanpercentile(values, [tail, 100 - tail], axis=0)
    return low, high
