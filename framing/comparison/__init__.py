"""Corpus-level comparisons (``framing compare``): groups of analysed documents side by side.

Documents are grouped by a metadata field (:mod:`~framing.comparison.groups`), reduced to count
vectors (:mod:`~framing.comparison.measures`), and every share gets a 95% interval from a
bootstrap that resamples documents (:mod:`~framing.comparison.bootstrap`); every pair of groups a
difference with its interval. :func:`compare` runs it and returns a
:class:`~framing.comparison.result.Comparison` (tables, markdown summary, ``save``).

Sits above ``inference`` (it reads its analyses): may import ``inference`` and every layer
below it, never the top (``console``, ``bench``, ``framing`` itself).
"""

from __future__ import annotations

from framing.comparison.groups import BY_FIELDS, MISSING
from framing.comparison.result import Comparison
from framing.comparison.run import compare

__all__ = ["BY_FIELDS", "MISSING", "Comparison", "compare"]
