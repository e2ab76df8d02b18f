"""The document's outlet and URL reach the cleaner: a line that only names the site is removed
from what the Analyzer reads, whether the metadata comes from keyword arguments or a page."""

from __future__ import annotations

from pathlib import Path

import pytest

import framing
from framing.actors import ActorLexicon
from framing.inference.prepare import prepare
from framing.text.clean import clean
from framing.text.segment import get_segmenter

TEXT = (
    "Harbour Ledger\n\n"
    "Iran and Iraq signed a security pact in Baghdad on Monday.\n\n"
    "The Harbour Ledger first reported the talks in March.\n\n"
    "harbourledger.com\n"
)


@pytest.fixture(scope="module")
def analyzer(model_dir: Path) -> framing.Analyzer:
    return framing.load(model_dir)


def site_lines(doc: framing.DocumentAnalysis) -> list[str]:
    return [r["text"] for r in doc.removed if r["kind"] == "site_name"]


def test_the_outlet_and_url_given_remove_the_site_name_lines(analyzer: framing.Analyzer) -> None:
    doc = analyzer.analyze(TEXT, outlet="The Harbour Ledger")
    assert site_lines(doc) == ["Harbour Ledger"]
    assert [s.text for s in doc.sentences][-1] == "harbourledger.com"
    doc = analyzer.analyze(TEXT, outlet="The Harbour Ledger", url="https://harbourledger.com/a/1")
    assert site_lines(doc) == ["Harbour Ledger", "harbourledger.com"]
    # the sentence that names the site stays, with its offsets into the text
    sentence = next(s for s in doc.sentences if "first reported" in s.text)
    assert TEXT[sentence.start : sentence.end] == sentence.text
    assert site_lines(analyzer.analyze(TEXT)) == []


def test_a_batch_passes_each_document_its_own_metadata(analyzer: framing.Analyzer) -> None:
    docs = analyzer.analyze_many(
        [TEXT, TEXT], metadata=[{"outlet": "Harbour Ledger"}, {"outlet": "Another Outlet"}]
    )
    assert [site_lines(d) for d in docs] == [["Harbour Ledger"], []]


def test_prepare_leaves_a_cleaner_without_site_names_as_it_was() -> None:
    lexicon, segmenter = ActorLexicon.load(), get_segmenter("default")
    doc = prepare(TEXT, lexicon, segmenter, lambda text: clean(text))  # takes the text only
    assert doc.removed == []
    doc = prepare(TEXT, lexicon, segmenter, clean, site_names=["Harbour Ledger"])
    assert [r["kind"] for r in doc.removed] == ["site_name"]
