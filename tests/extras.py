"""Optional extras in tests: skip, naming the extra to install, when a segmenter's library is
missing. A module with a name of its own (not conftest.py), so that test files in every folder
import the same one: ``from extras import EXTRAS, needs_extra``."""

from __future__ import annotations

import pytest

EXTRAS = {"punkt": "nltk", "pysbd": "pysbd", "blingfire": "blingfire", "syntok": "syntok",
          "spacy": "spacy"}  # fmt: skip


def needs_extra(*segmenters: str) -> None:
    """Skip the calling test, naming the extra to install, when a segmenter's library is missing."""
    import importlib.util

    for name in segmenters:
        module = EXTRAS[name]
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"segmenter {name!r} needs {module}: pip install 'framing[{name}]'")


# the settings of the session's tiny training run (conftest.py's tiny_run)
TINY_RUN = [
    "model.family=tfidf",
    "model.tfidf.char_ngrams=[3, 3]",
    "model.tfidf.max_features=2000",
    "evaluation.bootstrap=20",
]
