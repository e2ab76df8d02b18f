"""Inference for users: ``framing.load()`` and the Analyzer, the versioned results schema, the HTML
report and ``python -m framing analyze``.

Imports ``framing.text``, ``framing.actors``, ``framing.models``, ``framing.hub`` and the base
modules; nothing of training or the benchmarks.
"""
