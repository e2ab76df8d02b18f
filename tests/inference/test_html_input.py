"""HTML pages and document metadata through the Analyzer and the results schema (version 2)."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import framing
from framing.inference.results import SCHEMA_VERSION, read_analysis
from framing.text.html import ExtractionError, extract
from framing.text.metadata import DocumentMeta
from tests.news_pages import BODY, news_page


@pytest.fixture(scope="module")
def analyzer(model_dir: Path) -> framing.Analyzer:
    return framing.load(model_dir)


def check_offsets(doc: framing.DocumentAnalysis) -> None:
    """Every sentence and mention points into the text the analysis carries."""
    assert doc.text is not None and doc.text_length == len(doc.text)
    for s in doc.sentences:
        assert doc.text[s.start : s.end] == s.text
        for m in s.mentions:
            assert doc.text[m.start : m.end] == m.text == s.text[m.sentence_start : m.sentence_end]


def test_an_html_page_is_analysed_with_offsets_into_its_extracted_text(
    analyzer: framing.Analyzer,
) -> None:
    doc = analyzer.analyze(news_page().encode("utf-8"), format="html")
    check_offsets(doc)
    assert doc.text == extract(news_page()).text
    assert {"iran", "israel"} <= set(doc.actors)
    assert (doc.source_format, doc.extractor) == ("html", "trafilatura")
    assert doc.meta.outlet == "Gulf Daily Example" and doc.meta.date == "2025-11-03"
    assert not any("Subscribe" in s.text for s in doc.sentences)


def test_keyword_metadata_wins_over_the_page(analyzer: framing.Analyzer) -> None:
    doc = analyzer.analyze(news_page(), format="html", outlet="GDE", date="4 November 2025")
    assert doc.meta.outlet == "GDE" and doc.meta.date == "2025-11-04"
    assert doc.meta.author == "Sam Writer"  # not given: the page's
    text = analyzer.analyze(BODY[0], title="Talks", url="https://x.example/1")
    assert text.meta == DocumentMeta(title="Talks", url="https://x.example/1")
    assert text.source_format == "text" and text.text == BODY[0]


def test_readability_and_an_extracted_page_are_accepted(analyzer: framing.Analyzer) -> None:
    doc = analyzer.analyze(news_page(), format="html", extractor="readability")
    check_offsets(doc)
    assert doc.extractor == "readability"
    page = extract(news_page())
    many = analyzer.analyze_many([page, BODY[1]], metadata=[None, {"outlet": "Wire"}])
    assert many[0].text == page.text and many[0].meta == page.meta
    assert many[1].meta.outlet == "Wire" and many[1].source_format == "text"


def test_a_page_without_text_names_the_document_or_warns(analyzer: framing.Analyzer) -> None:
    pages = [news_page(), b"%PDF-1.7\n", "<html><body></body></html>"]
    with pytest.raises(ExtractionError, match="document 1: this is a PDF"):
        analyzer.analyze_many(pages, format="html")
    docs = analyzer.analyze_many(pages, format="html", errors="warn")
    assert docs[0].sentences and not docs[1].sentences and not docs[2].sentences
    assert docs[1].warnings == ["no text analysed: this is a PDF file, not an HTML page"]
    assert docs[2].warnings[0] == "no text analysed: no extractable text in the page"


def test_extraction_warnings_reach_the_analysis(analyzer: framing.Analyzer) -> None:
    data = news_page().replace('<meta charset="utf-8">', "").replace("Monday", "lundi é")
    doc = analyzer.analyze(data.encode("cp1252"), format="html")
    assert "read as windows-1252" in doc.warnings[0]
    check_offsets(doc)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"format": "docx"}, "format must be one of text, html, pdf"),
        ({"errors": "ignore"}, "errors must be 'raise' or 'warn'"),
        ({"metadata": [None, None]}, r"2 metadata record\(s\) for 1 document\(s\)"),
        # a key other than the five is an extra field, so long as it is a name
        ({"metadata": [{"site x": "x"}]}, r"metadata of document 0: metadata field name 'site x'"),
    ],
)
def test_bad_arguments_are_named(analyzer: framing.Analyzer, kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        analyzer.analyze_many([BODY[0]], **kwargs)


def test_schema_version_2_round_trips_metadata_and_the_extracted_text(
    analyzer: framing.Analyzer,
) -> None:
    doc = analyzer.analyze(news_page(), format="html")
    data = doc.to_dict()
    assert data["schema_version"] == SCHEMA_VERSION == 2
    assert data["metadata"]["title"] == "Talks resume in Muscat"
    assert data["source"] == {"format": "html", "extractor": "trafilatura", "text": doc.text}
    line = json.dumps({"id": "page.html", **data})  # as the CLI writes it
    back = read_analysis(line)
    assert back.to_dict() == data
    check_offsets(back)
    assert framing.DocumentAnalysis.from_dict(data).meta == doc.meta


def test_a_version_1_line_reads_with_empty_metadata(analyzer: framing.Analyzer) -> None:
    data = analyzer.analyze(BODY[0]).to_dict()
    old = {k: v for k, v in data.items() if k not in ("metadata", "source")}
    old["schema_version"] = 1
    doc = read_analysis(json.dumps(old))
    assert doc.meta == DocumentMeta() and doc.source_format == "text" and doc.text is None
    assert doc.to_dict() == data  # written again, it is version 2
    assert [s.text for s in doc.sentences] == [BODY[0]]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"schema_version": 3}', "schema_version 3 is not one this version of framing reads"),
        ("{}", "schema_version None"),
        ("[1]", "expected a JSON object, got list"),
        ("{oops", "not a JSON line"),
        ('{"schema_version": 2, "genre": {"label": "news", "score": 0}}', "no field 'sentences'"),
    ],
)
def test_unreadable_lines_say_why(line: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        read_analysis(line)


def test_html_given_as_text_is_analysed_as_text_with_a_warning(
    analyzer: framing.Analyzer,
) -> None:
    doc = analyzer.analyze(news_page())
    assert doc.source_format == "text" and doc.text == news_page()
    assert "looks like an HTML page" in doc.warnings[0]
    assert not any("HTML" in w for w in analyzer.analyze(BODY[0]).warnings)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.text(
            st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(" .,;\n&<>\"'"),
            min_size=1,
            max_size=80,
        ),
        min_size=1,
        max_size=6,
    )
)
def test_offsets_are_exact_for_any_page_text(analyzer: framing.Analyzer, extra: list[str]) -> None:
    paragraphs = (BODY[0], *(f"{t} Iran said." for t in extra), BODY[1])
    page = news_page(body=tuple(html.escape(p) for p in paragraphs))
    doc = analyzer.analyze_many([page], format="html", errors="warn")[0]
    check_offsets(doc)


@pytest.mark.slow  # trafilatura reads about a million characters of markup a second
def test_a_page_near_the_size_limit_is_analysed(analyzer: framing.Analyzer) -> None:
    filler = tuple(f"{BODY[i % 4]} Paragraph {i}." for i in range(20_000))  # ~2 MB
    doc = analyzer.analyze(news_page(body=filler), format="html")
    check_offsets(doc)
    assert len(doc.sentences) > 20_000


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        (
            "date 2025-08-15 CAIRO – Dr. Ali Larijani's visit to Beirut ended. Iran said so.",
            {"text": "CAIRO –", "place": "CAIRO", "agency": None, "date": None},
        ),
        (
            "Iran and Iraq sign pact\n\nBAGHDAD (Dispatches) -- Iraq and Iran signed a pact.",
            {"text": "BAGHDAD (Dispatches) --", "place": "BAGHDAD", "agency": "Dispatches"},
        ),
        ("Iran and Iraq signed a pact. The US objected.", None),
        (  # a dateline in what cleaning removed is not the story's
            "Read more: BEIRUT (AP) — Lebanon talks fail\n\nTEHRAN – Iran and Oman resumed "
            "talks on Monday in Muscat, officials said.",
            {"text": "TEHRAN –", "place": "TEHRAN", "agency": None},
        ),
    ],
)
def test_the_opening_dateline_is_its_own_sentence_and_recorded(
    analyzer: framing.Analyzer, text: str, dateline: dict | None
) -> None:
    doc = analyzer.analyze(text)
    if dateline is None:
        assert doc.dateline is None
        return
    found = doc.dateline
    assert found is not None and {k: found[k] for k in dateline} == dateline
    assert text[found["start"] : found["end"]] == dateline["text"]
    assert dateline["text"] in [s.text for s in doc.sentences]  # a unit of its own
    again = framing.read_analysis(doc.to_json())
    assert again.dateline == found


@pytest.mark.parametrize(
    ("given", "stored", "warned"),
    [
        ("12 Aug 2025", "2025-08-12", False),
        ("2025-08", "2025-08", False),
        ("11/03/2025", "11/03/2025", True),  # day or month first: not guessed
        ("2025-13-45", "2025-13-45", True),
        ("yesterday", "yesterday", True),
    ],
)
def test_a_date_that_cannot_be_read_is_kept_as_given_and_said_so(
    analyzer: framing.Analyzer, given: str, stored: str, warned: bool
) -> None:
    doc = analyzer.analyze(BODY[0], date=given)
    assert doc.meta.date == stored
    assert any(w.startswith(f"date {given!r} is kept as given") for w in doc.warnings) == warned
