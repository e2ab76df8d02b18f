"""Training and evaluation runs: typed configs, the trainer, scoring, run folders and
``python -m framing.train``.

Imports ``framing.text``, ``framing.actors``, ``framing.data``, ``framing.models``,
``framing.public`` and the base modules; nothing of inference or the Hub.
"""
