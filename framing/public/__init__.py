"""Public benchmarks: a registry of each one's reader, scorer, official metrics, licence and
citation, and ``python -m framing.evaluate``.

- :mod:`framing.public.base`: what a benchmark entry is (:class:`Benchmark`), and the F1 its
  scorers share;
- :mod:`framing.public.newsmtsc`, :mod:`framing.public.checkthat`,
  :mod:`framing.public.annotated`: the built-in benchmarks, each its reader, scorer and entry;
- :mod:`framing.public.benchmarks`: the registry (``BENCHMARKS``) and reading, loading and
  scoring a benchmark file by name;
- :mod:`framing.public.evaluate`: ``python -m framing.evaluate``.

Imports ``framing.data``, ``framing.models`` and the base modules; nothing of training,
inference or the Hub.
"""
