"""The labelled data: the annotated set of the five seed articles, the framing corpus, their
``datasets`` schemas and the JSONL reader they share.

Imports ``framing.actors``, ``framing.labels``, ``framing.records`` and ``framing._files``;
nothing of models, training or inference. The annotated set's loaders are re-exported here
(``framing.data.load_sentences``, ``load_pairs``, ``load_examples``, ...).
"""

from __future__ import annotations

from framing.data.annotated import *  # noqa: F403
from framing.data.annotated import __all__ as _annotated

__all__ = list(_annotated)
