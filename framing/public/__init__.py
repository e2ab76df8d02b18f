"""Public benchmarks (NewsMTSC, CheckThat!): a registry of each one's reader, scorer, official
metrics and licence note, and ``python -m framing.evaluate``.

Imports ``framing.data``, ``framing.models`` and the base modules; nothing of training,
inference or the Hub.
"""
