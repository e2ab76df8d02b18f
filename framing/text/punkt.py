"""NLTK's Punkt segmenter with parameters the project trained on news text (``"punkt"``).

No Punkt data can be downloaded at run time, so the parameters ship inside the package as JSON
(``framing/resources/punkt_news.json``, made by ``python -m training.train_punkt``): abbreviation
types, collocations, frequent sentence starters and orthographic context. Needs the ``punkt``
extra (``pip install 'framing[punkt]'``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from framing.text.segmenter import Segmenter

__all__ = ["PunktSegmenter", "load_punkt_parameters", "save_punkt_parameters"]

PARAMETERS = "punkt_news.json"


def save_punkt_parameters(params: Any, path: str | Path, *, meta: dict | None = None) -> None:
    """Write NLTK ``PunktParameters`` as JSON (never pickle)."""
    data = {
        "format": "framing-punkt/1",
        "meta": meta or {},
        "abbrev_types": sorted(params.abbrev_types),
        "collocations": sorted([a, b] for a, b in params.collocations),
        "sent_starters": sorted(params.sent_starters),
        "ortho_context": dict(sorted(params.ortho_context.items())),
    }
    Path(path).write_text(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )


def load_punkt_parameters(path: str | Path | None = None) -> Any:
    """Read parameters written by :func:`save_punkt_parameters` (the shipped ones by default)."""
    from nltk.tokenize.punkt import PunktParameters

    if path is None:
        text = resources.files("framing").joinpath("resources", PARAMETERS).read_text("utf-8")
        source = f"framing/resources/{PARAMETERS}"
    else:
        text, source = Path(path).read_text("utf-8"), str(path)
    data = json.loads(text)
    if data.get("format") != "framing-punkt/1":
        raise ValueError(
            f"{source}: not a framing Punkt parameter file (format {data.get('format')!r})"
        )
    params = PunktParameters()
    params.abbrev_types = set(data["abbrev_types"])
    params.collocations = {tuple(pair) for pair in data["collocations"]}
    params.sent_starters = set(data["sent_starters"])
    for word, flags in data["ortho_context"].items():
        params.ortho_context[word] = int(flags)
    return params


class PunktSegmenter(Segmenter):
    """NLTK Punkt with the project's news parameters.

    Args:
        path: a parameter JSON file; the shipped one when None.
    """

    name = "punkt"

    def __init__(self, path: str | Path | None = None) -> None:
        from nltk.tokenize.punkt import PunktSentenceTokenizer

        self._tokenizer = PunktSentenceTokenizer(load_punkt_parameters(path))

    def starts(self, text: str) -> Iterable[int]:
        return [start for start, _ in self._tokenizer.span_tokenize(text)]


# the segmenters of this module, registered by framing.text.segment: (name, factory, options)
SEGMENTERS = [
    (
        "punkt",
        PunktSegmenter,
        {
            "requires": ("nltk",),
            "extra": "punkt",
            "description": "NLTK Punkt, parameters trained by framing on news text",
        },
    ),
]
