"""The warnings of the text front end (``text_warnings``): another language than English, named
with the identifier's code and probability, only when the identifier is sure; the bytes of a file
format given as text, named by the format; binary data. No English news article is flagged."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import framing
from framing.inference.prepare import text_warnings
from tests.documents import LIST_OF_NAMES, NAMES, OTHERS, PNG_HEAD, pdf_with_text

ARTICLES = Path(__file__).resolve().parents[2] / "training" / "corpus" / "articles"
NAMED = {"de": "German", "fr": "French", "es": "Spanish", "fa": "Persian", "ar": "Arabic"}


@pytest.mark.parametrize("code", sorted(OTHERS))
def test_another_language_is_named_with_its_code_and_probability(code: str) -> None:
    (warning,) = text_warnings(OTHERS[code])
    assert re.fullmatch(
        rf"the text looks like {NAMED[code]} \({code}, p=(0\.[5-9]|1\.0)\d\), not English; "
        "the model was trained on English news",
        warning,
    ), warning


def test_english_news_is_never_flagged(seeds: dict[str, str]) -> None:
    articles = {f.name: f.read_text(encoding="utf-8") for f in sorted(ARTICLES.glob("*.txt"))}
    assert len(articles) > 200
    texts = {**articles, **seeds, "names": NAMES, "list of names": LIST_OF_NAMES}
    assert {name: w for name, text in texts.items() if (w := text_warnings(text))} == {}


@pytest.mark.parametrize(
    "text",
    ["Guten Tag, Herr Minister.", "Irán y Teherán.", "Merci beaucoup!", "  \n", "1234 5678"],
)
def test_a_text_too_short_for_a_verdict_is_not_flagged(text: str) -> None:
    assert text_warnings(text) == []


def test_a_pdf_given_as_text_is_named() -> None:
    ascii_pdf = pdf_with_text("Iran and Iraq signed a pact.").decode("latin-1")
    (warning,) = text_warnings(ascii_pdf)
    assert warning.startswith("the input looks like a PDF file, not text: results are meaningless")
    assert "reads a PDF's text" in warning
    (warning,) = text_warnings(PNG_HEAD.decode("latin-1") + "\x00" * 100)
    assert warning == "the input looks like a PNG image, not text: results are meaningless"


def test_the_analyzer_carries_the_warnings(model_dir: Path) -> None:
    analyzer = framing.load(model_dir)
    ascii_pdf = pdf_with_text("Iran and Iraq signed a pact.").decode("latin-1")
    assert any("a PDF file" in w for w in analyzer.analyze(ascii_pdf).warnings)
    doc = analyzer.analyze(OTHERS["de"])
    assert doc.warnings == [text_warnings(OTHERS["de"])[0]]
    assert len(doc) >= 2  # still analysed
