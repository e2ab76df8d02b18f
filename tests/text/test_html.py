"""HTML extraction: main text, metadata, charsets, and pages that give no text."""

from __future__ import annotations

import re

import pytest
from deadlines import deadline

from framing.text.html import (
    ExtractionError,
    Extractor,
    _light,
    available_extractors,
    decode_html,
    extract,
    get_extractor,
)
from framing.text.metadata import DocumentMeta, normalise_date
from tests.news_pages import BODY, CHROME, news_page


@pytest.mark.parametrize("name", ["trafilatura", "readability"])
def test_extracts_the_article_and_leaves_the_chrome(name: str) -> None:
    page = extract(news_page(), extractor=name)
    assert page.extractor == name
    for paragraph in BODY:
        assert paragraph in page.text
    assert not any(chrome in page.text for chrome in CHROME)
    assert page.meta == DocumentMeta(
        outlet="Gulf Daily Example",
        date="2025-11-03",
        url="https://gulf.example.com/world/talks-resume",
        title="Talks resume in Muscat",
        author="Sam Writer",
    )
    assert page.warnings == ()


def test_a_url_given_wins_and_the_host_stands_in_for_a_missing_site_name() -> None:
    page = f"<html><head><title>T</title></head><body><article>{BODY[0]}{BODY[1]}</article>"
    got = extract(page.replace(BODY[0], f"<p>{BODY[0]}</p>"), url="https://www.news.example/a")
    assert got.meta.url == "https://www.news.example/a"
    assert got.meta.outlet == "news.example"


def test_the_declared_charset_is_honoured() -> None:
    arabic = (
        "قالت إيران إن المحادثات مع سلطنة عمان ستستأنف يوم الاثنين في مسقط بحضور الوفدين.",
        "وأضافت وزارة الخارجية أن الجولة المقبلة ستعقد خلال الأسابيع القليلة المقبلة.",
    )
    data = news_page("windows-1256", arabic).replace("©", "").encode("cp1256")
    page = extract(data)
    assert arabic[0] in page.text and page.warnings == ()

    latin = news_page("iso-8859-1").replace("Muscat on", "Muscat’s port on").encode("cp1252")
    # pages that declare Latin-1 are read as windows-1252, as browsers read them (’ is 0x92)
    assert "Muscat’s port" in extract(latin).text


def test_undeclared_bytes_that_are_not_utf8_are_read_with_a_warning() -> None:
    data = news_page().replace('<meta charset="utf-8">', "").replace("Monday", "Montag é")
    text, warnings = decode_html(data.encode("cp1252"))
    assert "Montag é" in text
    assert warnings == ["the page is not UTF-8 and declares no charset: read as windows-1252"]
    _, warnings = decode_html(b'<meta charset="utf-8"><p>caf\xe9</p>')
    assert warnings == ["the page has bytes that are not utf-8 (byte 28): replaced"]
    _, warnings = decode_html(b'<meta charset="klingon"><p>hi</p>')
    assert "unknown charset 'klingon'" in warnings[0]


def test_a_utf16_page_with_its_byte_order_mark() -> None:
    page = extract("\ufeff".encode("utf-16-le") + news_page().encode("utf-16-le"))
    assert BODY[0] in page.text


def test_malformed_html_still_gives_its_text() -> None:
    broken = news_page().replace("</p>", "").replace("</article>", "</div></span>")
    broken = broken.replace("</body></html>", "<div><p>unclosed <b>bold")
    text = extract(broken).text
    for paragraph in BODY:
        assert paragraph in text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty page"),
        (b"   \n", "empty page"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "this is a PDF file, not an HTML page"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "this is a PNG image, not an HTML page"),
        (bytes(range(256)) * 4, "binary data (NUL bytes), not an HTML page"),
        ("\x01\x02\x03\x04" * 100, "binary data (control characters)"),
        (b"<html><head><title>x</title></head><body></body></html>", "no extractable text"),
    ],
)
def test_pages_without_text_are_errors_that_say_why(data: bytes | str, reason: str) -> None:
    with pytest.raises(ExtractionError, match=re.escape(reason)):
        extract(data, url="https://x.example/p")
    with pytest.raises(ExtractionError, match=re.escape("https://x.example/p")):
        extract(data, url="https://x.example/p")


def test_a_large_page_is_refused_quickly_naming_its_size() -> None:
    filler = "".join(f"<p>Paragraph {i} of filler words.</p>" for i in range(200_000))
    with pytest.raises(ExtractionError, match=r"7\.\d million characters .* limit of 5\.0"):
        extract(news_page().replace("<figure>", filler + "<figure>"))
    with pytest.raises(ExtractionError, match=r"limit of 0\.0 million"):
        extract(news_page(), max_chars=10)


def test_inline_images_and_scripts_do_not_count_toward_the_limit() -> None:
    heavy = (
        f'<img src="data:image/png;base64,{"A" * 6_000_000}">'
        f"<script>{'var x = 1;' * 600_000}</script><style>{'p{}' * 10}"  # unclosed: to the end
    )
    page = news_page().replace("<figure>", heavy + "</style><figure>")
    assert BODY[3] in extract(page).text


def test_extractors_by_name() -> None:
    assert {"trafilatura", "readability"} <= set(available_extractors())
    with pytest.raises(ValueError, match=r"unknown extractor 'nope'.*readability"):
        extract(news_page(), extractor="nope")

    class Fixed(Extractor):
        name = "fixed"

        def extract(self, html: str, url: str | None) -> tuple[str | None, dict | None]:
            return "Iran said so.", {"title": "Mine"}

    assert get_extractor(Fixed()).name == "fixed"
    page = extract(news_page(), extractor=Fixed())
    assert (page.text, page.meta.title, page.meta.outlet) == ("Iran said so.", "Mine", None)


@pytest.mark.parametrize(
    ("given", "iso"),
    [
        ("2025-11-03T08:30:00+00:00", "2025-11-03"),
        ("2025-11-03", "2025-11-03"),
        ("Mon, 03 Nov 2025 08:30:00 GMT", "2025-11-03"),
        ("3 November 2025", "2025-11-03"),
        ("Nov 3, 2025", "2025-11-03"),
        ("2025/11/03", "2025-11-03"),
        ("2025-11", "2025-11"),  # partial ISO dates stay as they are
        ("03/11/2025", "03/11/2025"),  # day or month first: ambiguous, kept
        ("  last   week ", "last week"),
    ],
)
def test_dates_are_normalised_when_readable(given: str, iso: str) -> None:
    assert normalise_date(given) == iso
    assert DocumentMeta(date=given).date == iso


def test_metadata_records() -> None:
    meta = DocumentMeta.from_dict({"outlet": " AP ", "date": 20251103, "title": ""})
    assert meta.to_dict() == {
        "outlet": "AP",
        "date": "2025-11-03",
        "url": None,
        "title": None,
        "author": None,
    }
    assert DocumentMeta(title="A", outlet="B").merged(DocumentMeta(outlet="C")) == DocumentMeta(
        title="A", outlet="C"
    )
    assert not DocumentMeta() and meta
    with pytest.raises(ValueError, match=r"row 3: unknown metadata field\(s\) \['source'\]"):
        DocumentMeta.from_dict({"source": "x"}, source="row 3")
    with pytest.raises(TypeError, match="'author' must be a string, got"):
        DocumentMeta.from_dict({"author": ["a", "b"]})


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"<p>Hezbollah rejected the plan.</p>", "Hezbollah rejected the plan."),
        ("<ul><li>Iran</li><li>Iraq</li></ul>", "Iran\nIraq"),
        (b"A scraped body cell without markup.", "A scraped body cell without markup."),
    ],
)
def test_a_snippet_without_an_article_is_analysed_whole_and_said_so(
    data: bytes | str, text: str
) -> None:
    # too short for a main-text extractor: the text is kept (a scraped CSV cell), with a warning
    page = extract(data)
    assert page.text == text
    assert any("found no main text" in w for w in page.warnings)


@pytest.mark.parametrize("charset", ["hex", "base64", "rot13", "idna", "no-such-charset"])
def test_a_charset_that_is_not_a_text_encoding_is_read_as_utf8(charset: str) -> None:
    page = f'<html><head><meta charset="{charset}"></head><body><p>Iran.</p></body></html>'
    text, notes = decode_html(page.encode())
    assert "<p>Iran.</p>" in text
    assert notes == [f"the page declares an unknown charset {charset!r}: read as UTF-8"]


def test_unclosed_script_tags_are_read_in_linear_time() -> None:
    # each "<script " without ">" was read to the end of the page: quadratic (68 s on 640 KB)
    with deadline(5):
        assert _light("<html><body>" + "<script " * 100_000).startswith("<html><body>")


@pytest.mark.parametrize(
    "value",
    ["Mon, 03 Nov 2025 10:00:00 +99999999999999999999", "Mon, 03 Nov 99999999999999999999 10:00"],
)
def test_a_date_too_large_to_read_is_kept_as_given(value: str) -> None:
    assert normalise_date(value) == value
