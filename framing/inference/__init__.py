"""Inference for users: ``framing.load()`` and the Analyzer, the versioned results schema, the HTML
report and ``python -m framing analyze``.

- ``analyzer``: :func:`load` and :class:`Analyzer`, raw text to a ``DocumentAnalysis``;
- ``prepare``: the text front end (decoding, warnings, cleaning, sentences, mentions), by default
  as the model's ``framing.json`` records it; ``summary``: the document summary;
- ``results``: ``DocumentAnalysis`` and its versioned schema;
- ``report``: the HTML report, rendered from the Jinja templates in ``templates/``;
- ``cli``: ``python -m framing analyze``, with ``readers`` (its inputs), ``writers`` (its
  outputs), ``output_check`` (an ``--output`` refused) and ``parallel`` (``--num-proc``, SIGTERM).

Imports ``framing.text``, ``framing.actors``, ``framing.labels``, ``framing.models`` and
``framing.hub`` (to publish a loaded model); nothing of training or the benchmarks.
"""
