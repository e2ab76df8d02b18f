"""The labelled data: the annotated set of the five seed articles, the framing corpus, their
``datasets`` schemas and the JSONL reader they share.

- :mod:`framing.data.annotated`: the annotated set's views and folds, and training examples
  from any source (:func:`load_examples`, the schema users bring their own data in);
- :mod:`framing.data.corpus`: the framing corpus and its re-labelled seed set, splits and folds;
- :mod:`framing.data.schema`: the ``datasets`` features of every view;
- :mod:`framing.data.jsonl`: JSONL line by line; a bad line raises, or becomes a
  :class:`~framing.data.jsonl.Problem` and the reading goes on (the public benchmarks' readers).

Imports ``framing.actors``, ``framing.labels``, ``framing.records`` and ``framing._files``;
nothing of models, training or inference. The annotated set's loaders are re-exported here
(``framing.data.load_sentences``, ``load_pairs``, ``load_examples``, ...).
"""

from __future__ import annotations

from framing.data.annotated import *  # noqa: F403
from framing.data.annotated import __all__ as _annotated

__all__ = list(_annotated)
