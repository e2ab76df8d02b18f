"""Formats that are not plain text: known by their leading bytes (real files made here with the
standard library where it can write them), UTF-16/32 text decoded by its byte-order mark, and
the text of PDFs read with pypdf."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import sqlite3
import sys
import tarfile
import wave
import zipfile
from pathlib import Path

import pytest

from framing.text.formats import PDF, FormatError, decode, pdf_text, sniff, sniff_text
from tests.documents import PNG_HEAD, encrypted_pdf, pdf_with_text, pdf_without_text

ARTICLES = Path(__file__).resolve().parents[2] / "training" / "corpus" / "articles"
ENGLISH = "Iran and Iraq signed a security memorandum in Baghdad on Monday, officials said."


def zipped(*members: tuple[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members:
            # an EPUB's or ODF's mimetype is its first member, stored uncompressed
            kind = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(name, content, compress_type=kind)
    return out.getvalue()


def sqlite_file(tmp_path: Path) -> bytes:
    path = tmp_path / "db.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("create table t (x)")
    db.close()
    return path.read_bytes()


def tar_file() -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w") as archive:
        info = tarfile.TarInfo("a.txt")
        info.size = len(ENGLISH)
        archive.addfile(info, io.BytesIO(ENGLISH.encode()))
    return out.getvalue()


def wav_file() -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as sound:
        sound.setnchannels(1), sound.setsampwidth(2), sound.setframerate(8000)
        sound.writeframes(b"\x00\x00" * 100)
    return out.getvalue()


# files written by the libraries that write them
MADE = {
    "a PDF file": lambda _: pdf_with_text(ENGLISH),
    "a ZIP archive (docx, xlsx, pptx, epub, odt, ...)": lambda _: zipped(("a.txt", ENGLISH)),
    "a Word document (.docx)": lambda _: zipped(
        ("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>")
    ),
    "an Excel workbook (.xlsx)": lambda _: zipped(
        ("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook/>")
    ),
    "an EPUB e-book (a ZIP archive)": lambda _: zipped(
        ("mimetype", "application/epub+zip"), ("OEBPS/a.xhtml", "<html/>")
    ),
    "an OpenDocument file (odt, ods, odp)": lambda _: zipped(
        ("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<office/>")
    ),
    "a gzip archive": lambda _: gzip.compress(ENGLISH.encode()),
    "a bzip2 archive": lambda _: bz2.compress(ENGLISH.encode()),
    "an xz archive": lambda _: lzma.compress(ENGLISH.encode()),
    "a tar archive": lambda _: tar_file(),
    "an SQLite database": sqlite_file,
    "a WAV audio file": lambda _: wav_file(),
    "an ELF executable": lambda _: Path(sys.executable).resolve().read_bytes()[:4096],
    "a PNG image": lambda _: PNG_HEAD,
}

# the leading bytes of formats no standard library writes, as their specifications give them
HEADS = {
    "a legacy Microsoft Office file (.doc, .xls, .ppt, .msg)": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    + b"\x00" * 16,
    "a 7-Zip archive": b"7z\xbc\xaf\x27\x1c\x00\x04",
    "a RAR archive": b"Rar!\x1a\x07\x01\x00",
    "a Zstandard archive": b"\x28\xb5\x2f\xfd\x24\x00",
    "a JPEG image": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
    "a GIF image": b"GIF89a\x10\x00\x10\x00",
    "a WebP image": b"RIFF\x24\x00\x00\x00WEBPVP8 ",
    "a TIFF image": b"II*\x00\x08\x00\x00\x00",
    "a BMP image": b"BM\x36\x03\x00\x00\x00\x00\x00\x00\x36\x00",
    "an MP3 audio file": b"ID3\x04\x00\x00\x00\x00\x00\x00",
    "an MP4 or QuickTime media file (video, audio or HEIC image)": b"\x00\x00\x00\x18ftypmp42",
    "an Ogg media file": b"OggS\x00\x02\x00\x00",
    "a Matroska or WebM video": b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81",
    "a Windows executable (.exe, .dll)": b"MZ\x90\x00"
    + b"\x00" * 56
    + b"\x80\x00\x00\x00"
    + b"\x00" * 64
    + b"PE\x00\x00",
    "a Mach-O executable": b"\xcf\xfa\xed\xfe\x07\x00\x00\x01",
    "a Parquet file": b"PAR1\x15\x04\x15",
}


@pytest.mark.parametrize("name", sorted(MADE))
def test_files_written_by_their_libraries_are_recognised(name: str, tmp_path: Path) -> None:
    data = MADE[name](tmp_path)
    assert sniff(data) == name


@pytest.mark.parametrize("name", sorted(HEADS))
def test_formats_are_recognised_by_their_leading_bytes(name: str) -> None:
    assert sniff(HEADS[name] + b"\x00\x01" * 50) == name


def test_a_pdf_header_after_a_few_leading_bytes_is_a_pdf() -> None:
    assert sniff(b"\r\n\x00junk before the header\n" + pdf_with_text(ENGLISH)) == PDF
    assert sniff(b"x" * 2000 + pdf_with_text(ENGLISH)) is None  # past the first kilobyte


@pytest.mark.parametrize(
    "text",
    [
        ENGLISH,
        "BMW said on Monday that it would build a plant in Iraq.",
        "MZ Capital, a fund based in Dubai, bought the PE stake.",
        "ID3 tags are the metadata of MP3 files, the engineer explained.",
        "PK Sharma met Iranian officials in New Delhi.",
        "GIF animations spread on Iranian social media after the vote.",
        "PAR is the party's acronym. %PDF- appears in prose without a version.",
        "Rar is a village near the Iraqi border.",
        "7z compression was used for the leaked documents, the report said.",
        "\ufeffIran welcomed the pact.",  # a UTF-8 byte-order mark: text
        "",
    ],
)
def test_text_is_no_format(text: str) -> None:
    assert sniff(text.encode("utf-8")) is None
    assert sniff_text(text) is None


def test_no_corpus_article_is_taken_for_a_format() -> None:
    files = sorted(ARTICLES.glob("*.txt"))
    assert len(files) > 100
    assert [f.name for f in files if sniff(f.read_bytes()) is not None] == []


def test_pdf_syntax_given_as_text_is_recognised() -> None:
    ascii_pdf = pdf_with_text(ENGLISH).decode("latin-1")
    assert sniff_text(ascii_pdf) == PDF
    # and a PNG whose bytes were decoded as Latin-1
    assert sniff_text(PNG_HEAD.decode("latin-1")) == "a PNG image"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_utf16_and_utf32_text_is_decoded_by_its_byte_order_mark(encoding: str) -> None:
    text = "Tehran said the talks in Vienna would go on. Der Iran — Irán."
    data = ("\ufeff" + text).encode(encoding) if encoding.endswith("be") else text.encode(encoding)
    assert sniff(data) is None
    assert decode(data) == text  # the mark dropped, as open(path, encoding=...) drops it


def test_utf8_keeps_its_byte_order_mark_and_bad_bytes_are_an_error() -> None:
    assert decode("\ufeffIran".encode()) == "\ufeffIran"
    with pytest.raises(UnicodeDecodeError) as err:
        decode(b"Iran \xff met Iraq")
    assert err.value.start == 5
    with pytest.raises(UnicodeDecodeError) as err:
        decode("Iran".encode("utf-16") + b"\x00\xd8")  # a lone surrogate
    assert err.value.encoding.startswith("utf-16")


# -- the text of a PDF ---------------------------------------------------------------------------
def test_the_text_of_every_page_joined_by_blank_lines() -> None:
    data = pdf_with_text(
        "Iran and Iraq signed a pact (a security memorandum).\nWashington objected.",
        "Tehran said the talks would go on.",
    )
    assert pdf_text(data) == (
        "Iran and Iraq signed a pact (a security memorandum).\nWashington objected.\n\n"
        "Tehran said the talks would go on."
    )
    assert pdf_text(pdf_with_text(ENGLISH, compress=True)) == ENGLISH


def test_a_pdf_encrypted_without_a_user_password_is_read() -> None:
    assert pdf_text(encrypted_pdf(ENGLISH, password="")) == ENGLISH


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (pdf_without_text(3), r"^a PDF file without text \(3 page\(s\), .*scanned.*OCR"),
        (encrypted_pdf(ENGLISH), r"^an encrypted PDF file: its text needs a password$"),
        (pdf_with_text(ENGLISH)[:200], r"^a broken PDF file \(\w+: .+\)$"),
        (b"%PDF-1.7\n" + bytes(range(256)) * 4, r"^a broken PDF file \("),
        (ENGLISH.encode(), r"^not a PDF file: no '%PDF-' header"),
    ],
    ids=["scanned", "encrypted", "truncated", "garbage", "not a PDF"],
)
def test_a_pdf_without_readable_text_is_an_error_saying_why(data: bytes, message: str) -> None:
    with pytest.raises(FormatError, match=message):
        pdf_text(data)


def test_without_pypdf_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pypdf", None)  # import pypdf raises ImportError
    with pytest.raises(FormatError, match=r"needs pypdf \(pip install 'framing\[pdf\]'\)"):
        pdf_text(pdf_with_text(ENGLISH))


def test_pypdf_logs_nothing_for_a_broken_file(capfd: pytest.CaptureFixture) -> None:
    with pytest.raises(FormatError):
        pdf_text(pdf_with_text(ENGLISH)[:-40])
    assert capfd.readouterr().err == ""


def test_prose_that_quotes_a_pdf_header_is_text() -> None:
    assert (
        sniff(b"Investigators said the file began with the header %PDF-1.7 and was signed.") is None
    )
    assert sniff(b"From: desk@example.org\r\nSubject: file\r\n\r\n%PDF-1.4\n%") == PDF
