"""The main text and metadata of an HTML page: what a saved news page holds besides its chrome.

:func:`extract` decodes the page (honouring a byte-order mark or the charset it declares), drops
what only weighs (scripts but JSON-LD, styles, inline SVG, ``data:`` URIs), refuses a page that
is still over the size limit, and hands it to an extractor chosen by name:

- ``"trafilatura"`` (the default): trafilatura's main-text extraction, comments left out;
- ``"readability"``: readability-lxml's main block (the ``readability`` extra), as text.

The metadata (title, outlet or site name, author, date, URL) is read by trafilatura's metadata
reader whichever extractor gives the text. Sentences and mentions of an HTML document keep their
offsets into the extracted text, which is :attr:`Extracted.text` and travels with the analysis.
``python -m framing.bench extract`` compares the extractors (:mod:`framing.bench.extract`).

    >>> page = extract(open("saved-page.html", "rb").read())  # doctest: +SKIP
    >>> page.meta.outlet, page.text[:40]                       # doctest: +SKIP
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from framing.text.formats import FormatError, control_share, pdf_text, sniff
from framing.text.metadata import DocumentMeta

__all__ = [
    "DEFAULT_EXTRACTOR",
    "MAX_PAGE_CHARS",
    "Extracted",
    "ExtractionError",
    "Extractor",
    "available_extractors",
    "decode_html",
    "extract",
    "get_extractor",
    "register_extractor",
]

DEFAULT_EXTRACTOR = "trafilatura"
# trafilatura takes about 1.3 s per MB of markup on one core (67 s for a 51 MB page): pages over
# this many characters of markup, once scripts, styles and data: URIs are dropped, are refused
MAX_PAGE_CHARS = 5_000_000


class ExtractionError(ValueError):
    """A page that gives no text: binary data, too large, or no main text found."""


@dataclass(frozen=True)
class Extracted:
    """A page's main text and metadata (or a PDF's text: :func:`extract_pdf`).

    Attributes:
        text: the extracted text (paragraphs on lines of their own); offsets point into it.
        meta: title, outlet (the site name, else the host name), author, date, URL.
        extractor: the extractor's name.
        warnings: what went wrong on the way without stopping it (an undecodable byte, ...).
        source_format: what the text was taken out of: ``"html"`` or ``"pdf"``.
    """

    text: str
    meta: DocumentMeta = field(default_factory=DocumentMeta)
    extractor: str = DEFAULT_EXTRACTOR
    warnings: tuple[str, ...] = ()
    source_format: str = "html"


def looks_like_html(data: str | bytes) -> bool:
    """Whether ``data`` opens as an HTML page (``<!DOCTYPE html`` or ``<html``, after a
    byte-order mark, blanks or an XML declaration): a saved page named ``.txt`` or piped in.

    Example:
        >>> looks_like_html(b"<!DOCTYPE html><html><body><p>Hi</p></body></html>")
        True
    """
    if not isinstance(data, str | bytes):
        return False
    head = data[:1024]
    if isinstance(head, bytes):
        head = head.decode("latin-1")
    head = head.lstrip("\ufeff\xef\xbb\xbf \t\r\n").lower()
    if head.startswith("<?xml"):
        head = head[head.find("?>") + 2 :].lstrip()
    return head.startswith(("<!doctype html", "<html"))


class Extractor:
    """Base class: the main text of a page, and its metadata when the extractor reads it."""

    name: str = ""

    def extract(self, html: str, url: str | None) -> tuple[str | None, dict[str, Any] | None]:
        """``(text, metadata)``: text None when none is found, metadata None when not read."""
        raise NotImplementedError


class TrafilaturaExtractor(Extractor):
    """trafilatura's ``bare_extraction`` with its metadata, without comments.

    Args:
        favor: ``"precision"`` (the default), ``"recall"`` or None (trafilatura's balance).
            Precision, because on the pages of ``python -m framing.bench extract`` (corpus
            train and dev articles in three page templates) it lets through fewer of the units
            the annotation drops (captions, bylines, credits, related links) than the balance,
            and loses none of the kept ones.
    """

    name = "trafilatura"

    def __init__(self, favor: str | None = "precision") -> None:
        if favor not in (None, "precision", "recall"):
            raise ValueError(f"favor must be 'precision', 'recall' or None, got {favor!r}")
        self.favor = favor

    def extract(self, html: str, url: str | None) -> tuple[str | None, dict[str, Any] | None]:
        import trafilatura

        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            favor_precision=self.favor == "precision",
            favor_recall=self.favor == "recall",
        )
        if doc is None:
            return None, None
        return doc.text, _trafilatura_meta(doc)


# block elements of readability's output: each starts a line of the text
_BLOCKS = frozenset(
    "p h1 h2 h3 h4 h5 h6 li blockquote pre figcaption caption td th dt dd div section br".split()
)


class ReadabilityExtractor(Extractor):
    """readability-lxml's main block, one line per paragraph (no metadata of its own)."""

    name = "readability"

    def extract(self, html: str, url: str | None) -> tuple[str | None, dict[str, Any] | None]:
        import lxml.html
        from readability import Document

        summary = Document(html, url=url).summary(html_partial=True)
        return _block_text(lxml.html.fromstring(summary)), None


def _block_text(root: Any) -> str | None:
    """The text of an lxml tree, one line per block element, spaces collapsed; None if empty."""
    for element in root.iter(*_BLOCKS):
        # a line break around every block, so that paragraphs do not run together
        element.tail = "\n" + (element.tail or "")
        if element.tag != "br":
            element.text = "\n" + (element.text or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line) or None


_EXTRACTORS: dict[str, Callable[[], Extractor]] = {
    "trafilatura": TrafilaturaExtractor,
    "readability": ReadabilityExtractor,
}


def register_extractor(name: str, factory: Callable[[], Extractor]) -> None:
    """Make an extractor available by name (for :func:`extract` and ``--extractor``)."""
    _EXTRACTORS[name] = factory


def available_extractors() -> list[str]:
    """The names :func:`get_extractor` knows."""
    return sorted(_EXTRACTORS)


def get_extractor(name: str | Extractor) -> Extractor:
    """The extractor of that name (an instance is returned as it is).

    Raises:
        ValueError: an unknown name (the known ones listed).
    """
    if isinstance(name, Extractor):
        return name
    if name not in _EXTRACTORS:
        raise ValueError(f"unknown extractor {name!r} (known: {', '.join(available_extractors())})")
    return _EXTRACTORS[name]()


def _whole_text(html: str) -> str | None:
    """The text of the whole page (scripts and styles already dropped), one line per block, or
    None."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (ValueError, TypeError, lxml.etree.ParserError):
        return None
    body = root.find(".//body")  # not the <title> and the rest of <head>
    return _block_text(body if body is not None else root)


def _trafilatura_meta(doc: Any) -> dict[str, Any]:
    host = (getattr(doc, "hostname", None) or "").removeprefix("www.") or None
    return {
        "title": getattr(doc, "title", None),
        "outlet": getattr(doc, "sitename", None) or host,
        "author": getattr(doc, "author", None),
        "date": getattr(doc, "date", None),
        "url": getattr(doc, "url", None),
    }


def _page_meta(html: str, url: str | None) -> dict[str, Any]:
    from trafilatura.metadata import extract_metadata

    return _trafilatura_meta(extract_metadata(html, default_url=url))


# -- decoding -------------------------------------------------------------------------------------
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# <meta charset="x">, <meta http-equiv="Content-Type" content="text/html; charset=x"> or
# <?xml ... encoding="x"?>, in the first bytes of the page (browsers look in the first 1024)
_DECLARED = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)|<\?xml[^>]*encoding=["']([A-Za-z0-9._-]+)""",
    re.IGNORECASE,
)
# what browsers read for a declared name (the WHATWG encoding standard): Latin-1 and ASCII pages
# are windows-1252, whose printable range is larger
_AS_BROWSERS_READ = {"iso8859-1": "cp1252", "ascii": "cp1252"}


def decode_html(data: bytes) -> tuple[str, list[str]]:
    """The page's text and warnings: decoded by its byte-order mark, else the charset it declares,
    else UTF-8, else windows-1252 (what browsers assume); undecodable bytes are replaced.

    Raises:
        ExtractionError: the bytes are binary data (a PDF, an image, ... or NUL bytes), not HTML.

    Example:
        >>> decode_html('<meta charset="windows-1256"><p>إيران</p>'.encode("cp1256"))[0][-10:]
        '<p>إيران</p>'
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace"), _replaced(data, encoding)
    found = sniff(data)  # binary formats are often saved with a wrong suffix
    if found is not None:
        raise ExtractionError(f"this is {found}, not an HTML page")
    head = data[:2048]
    if b"\x00" in head:
        raise ExtractionError("binary data (NUL bytes), not an HTML page")
    declared = _DECLARED.search(data[:4096])
    if declared is not None:
        name = (declared.group(1) or declared.group(2)).decode("ascii").lower()
        try:
            info = codecs.lookup(name)
        except LookupError:
            info = None
        # Python also knows codecs that are not text encodings ("hex", "base64", "rot13"): a
        # page cannot declare those
        if info is None or not getattr(info, "_is_text_encoding", True) or info.name == "idna":
            text = data.decode("utf-8", errors="replace")
            return text, [f"the page declares an unknown charset {name!r}: read as UTF-8"]
        encoding = _AS_BROWSERS_READ.get(info.name, info.name)
        if encoding.startswith(("utf-16", "utf-32")):  # such a declaration in ASCII bytes is
            encoding = "utf-8"  # wrong (the bytes were read to find it): browsers read UTF-8
        return data.decode(encoding, errors="replace"), _replaced(data, encoding)
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        notes = ["the page is not UTF-8 and declares no charset: read as windows-1252"]
        return text, notes + _replaced(data, "cp1252")


def _replaced(data: bytes, encoding: str) -> list[str]:
    try:
        data.decode(encoding)
    except UnicodeDecodeError as err:
        return [f"the page has bytes that are not {encoding} (byte {err.start}): replaced"]
    return []


# -- weight that is not text ----------------------------------------------------------------------
# the tag ends before the next "<": an unclosed "<script " is not read to the end of the page
_HEAVY_OPEN = re.compile(r"<(script|style|svg|noscript)\b[^<>]*>", re.IGNORECASE)
_DATA_URI = re.compile(r"data:[^\s\"')>]{256,}")


def _light(html: str) -> str:
    """The page without script (JSON-LD kept: it holds metadata), style, SVG and noscript
    elements, and with long ``data:`` URIs cut: what makes a saved page large without holding
    text. Linear: each element's end is found once, from its start (an unclosed one runs to the
    end of the page, as in a browser)."""
    out, pos = [], 0
    for m in _HEAVY_OPEN.finditer(html):
        if m.start() < pos:
            continue
        if m.group(1).lower() == "script" and "ld+json" in m.group(0).lower():
            continue
        out.append(html[pos : m.start()])
        close = _find_close(html, m.group(1), m.end())
        pos = len(html) if close < 0 else close
    out.append(html[pos:])
    return _DATA_URI.sub("data:", "".join(out))


def _find_close(html: str, tag: str, start: int) -> int:
    """The offset after ``</tag ...>`` from ``start`` on, or -1."""
    m = re.compile(rf"</{tag}\s*>", re.IGNORECASE).search(html, start)
    return -1 if m is None else m.end()


def extract(
    html: str | bytes,
    url: str | None = None,
    *,
    extractor: str | Extractor = DEFAULT_EXTRACTOR,
    max_chars: int = MAX_PAGE_CHARS,
) -> Extracted:
    """The main text and metadata of an HTML page.

    Args:
        html: the page, as text or as the bytes of the file (decoded by :func:`decode_html`).
        url: where the page comes from, when known (metadata; helps the extractor).
        extractor: an extractor name (:func:`available_extractors`) or instance.
        max_chars: the largest page, in characters of markup without scripts and styles.

    Returns:
        The text, the metadata (a URL given here wins over the page's), the extractor's name and
        warnings.

    Raises:
        ExtractionError: binary data, a page over ``max_chars``, or no text found (the message
            names the URL when there is one).
        ValueError: an unknown extractor name.

    Example:
        >>> page = extract("<html><head><title>Talks</title></head><body><article>"
        ...                "<p>Iran and Oman resumed talks on Monday, officials said.</p>"
        ...                "</article></body></html>")
        >>> page.text, page.meta.title
        ('Iran and Oman resumed talks on Monday, officials said.', 'Talks')
    """
    chosen = get_extractor(extractor)
    where = f" ({url})" if url else ""
    warnings: list[str] = []
    if isinstance(html, bytes):
        try:
            html, warnings = decode_html(html)
        except ExtractionError as err:
            raise ExtractionError(f"{err}{where}") from None
    if not isinstance(html, str):
        raise TypeError(f"extract() expects str or bytes, got {type(html).__name__}")
    if control_share(html[:4096]) > 0.05:
        raise ExtractionError(f"binary data (control characters), not an HTML page{where}")
    light = _light(html)
    if len(light) > max_chars:
        raise ExtractionError(
            f"the page is {len(light) / 1e6:.1f} million characters of markup without scripts "
            f"and styles, over the limit of {max_chars / 1e6:.1f} million (max_chars){where}"
        )
    if not light.strip():
        raise ExtractionError(f"empty page{where}")
    try:
        text, meta = chosen.extract(light, url)
    except (ValueError, TypeError, AttributeError, LookupError) as err:
        # lxml and the extractors raise these on markup they cannot parse at all
        raise ExtractionError(f"cannot be parsed as HTML ({err}){where}") from None
    if not text or not text.strip():
        # a snippet or a page too short for an article (a scraped body cell, "<p>One line.</p>"):
        # the page's whole text, said so, rather than a lost record
        text = _whole_text(light)
        if not text:
            raise ExtractionError(f"no extractable text in the page{where}")
        warnings.append(
            f"{chosen.name} found no main text in the page: its whole text was analysed "
            "(any page chrome in it too)"
        )
    if meta is None:
        meta = _page_meta(light, url)
    if url:
        meta["url"] = url
    return Extracted(
        text,
        DocumentMeta.from_dict({k: v for k, v in meta.items() if v}),
        chosen.name,
        tuple(warnings),
    )


def extract_pdf(data: bytes) -> Extracted:
    """A PDF's text (:func:`framing.text.formats.pdf_text`: pages joined by a blank line) as an
    :class:`Extracted` record, so that it is analysed and carried like a page's text.

    Raises:
        ExtractionError: pypdf missing, not a PDF, encrypted, broken or without a text layer
            (the message says which).
    """
    try:
        text = pdf_text(data)
    except FormatError as err:
        raise ExtractionError(str(err)) from None
    return Extracted(text, DocumentMeta(), "pypdf", (), "pdf")
