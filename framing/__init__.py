"""framing: how news articles frame the actors in them.

The public surface. Heavy libraries (torch, transformers, datasets) are imported only by the
modules that use them, so ``import framing`` stays fast.

Example:
    >>> import framing
    >>> [s.text for s in framing.segment("Skip to content\\n\\nIran and Iraq signed a pact [1].")]
    ['Iran and Iraq signed a pact.']
"""

from __future__ import annotations

from framing.actors import ActorLexicon, Mention
from framing.comparison import Comparison, compare
from framing.inference.analyzer import Analyzer, ModelError, load
from framing.inference.results import (
    DocumentAnalysis,
    MentionAnalysis,
    SentenceAnalysis,
    read_analysis,
)
from framing.text.clean import CleanConfig, CleanedText, Cleaner, Removal, clean
from framing.text.html import ExtractionError
from framing.text.html import extract as extract_html
from framing.text.metadata import DocumentMeta
from framing.text.segment import (
    Segmenter,
    Sentence,
    available_segmenters,
    get_segmenter,
    register_segmenter,
    segment,
)

__version__ = "0.1.0"

__all__ = [
    "ActorLexicon",
    "Analyzer",
    "CleanConfig",
    "CleanedText",
    "Cleaner",
    "Comparison",
    "DocumentAnalysis",
    "DocumentMeta",
    "ExtractionError",
    "Mention",
    "MentionAnalysis",
    "ModelError",
    "Removal",
    "Segmenter",
    "Sentence",
    "SentenceAnalysis",
    "__version__",
    "available_segmenters",
    "clean",
    "compare",
    "extract_html",
    "get_segmenter",
    "load",
    "read_analysis",
    "register_segmenter",
    "segment",
]
