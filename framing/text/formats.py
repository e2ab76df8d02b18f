"""What a file's bytes are when they are not plain text: known formats by their signatures, the
byte-order marks of UTF-16 and UTF-32 text, and the text of a PDF.

A file is known by its leading bytes (its "magic number"), never by its name: :data:`SIGNATURES`
is the table, one pattern per format, matched at the start of the data. Text in UTF-16 or UTF-32
with a byte-order mark is text, and :func:`decode` reads it (:data:`BYTE_ORDER_MARKS`); text in
UTF-8 is left to the caller, which keeps a UTF-8 byte-order mark as the text's first character.
The text of a PDF is read with pypdf (``pip install 'framing[pdf]'``) by :func:`pdf_text`.

    >>> sniff(b"\\x89PNG\\r\\n\\x1a\\n...")
    'a PNG image'
    >>> sniff("Iran and Iraq signed a pact.".encode()) is None
    True
"""

from __future__ import annotations

import io
import logging
import re

__all__ = [
    "BYTE_ORDER_MARKS",
    "PDF",
    "SIGNATURES",
    "FormatError",
    "control_share",
    "decode",
    "pdf_text",
    "sniff",
    "sniff_text",
]

PDF = "a PDF file"
_ZIP = "a ZIP archive (docx, xlsx, pptx, epub, odt, ...)"

# (name, pattern matched at the start of the data), first match wins. Patterns are bytes
# regexes so that a signature can sit at an offset ("RIFF....WEBP") or be a choice of
# versions. Two-letter signatures that begin ordinary words ("BM", "MZ", "ID3") are made
# longer with what always follows them, so a text that starts "BMW said" is still text.
SIGNATURES: tuple[tuple[str, re.Pattern[bytes]], ...] = tuple(
    (name, re.compile(pattern, re.DOTALL))
    for name, pattern in [
        # a PDF reader looks for the header in the first 1024 bytes (some files carry a
        # mail or MacBinary header before it): after such a prefix it starts a line, so that
        # prose quoting "the header %PDF-1.7" is still text
        (PDF, rb"(?:.{0,1023}?[\r\n\x00])?%PDF-[12]\.\d"),
        (_ZIP, rb"PK(?:\x03\x04|\x05\x06|\x07\x08)"),
        (
            "a legacy Microsoft Office file (.doc, .xls, .ppt, .msg)",
            rb"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        ),
        ("a gzip archive", rb"\x1f\x8b\x08"),
        ("a bzip2 archive", rb"BZh[1-9]1AY&SY"),
        ("an xz archive", rb"\xfd7zXZ\x00"),
        ("a Zstandard archive", rb"\x28\xb5\x2f\xfd"),
        ("a 7-Zip archive", rb"7z\xbc\xaf\x27\x1c"),
        ("a RAR archive", rb"Rar!\x1a\x07(?:\x00|\x01\x00)"),
        ("a tar archive", rb".{257}ustar(?:\x00|  )"),
        ("a PNG image", rb"\x89PNG\r\n\x1a\n"),
        ("a JPEG image", rb"\xff\xd8\xff"),
        ("a GIF image", rb"GIF8[79]a"),
        ("a WebP image", rb"RIFF.{4}WEBP"),
        ("a TIFF image", rb"II\x2a\x00|MM\x00\x2a"),
        ("a BMP image", rb"BM.{4}\x00\x00\x00\x00"),
        ("an icon image (.ico)", rb"\x00\x00\x01\x00[\x01-\x20]\x00"),
        ("a WAV audio file", rb"RIFF.{4}WAVE"),
        ("an AVI video", rb"RIFF.{4}AVI "),
        ("an MP3 audio file", rb"ID3[\x02-\x04]\x00|\xff[\xfb\xf3\xf2\xe3]"),
        ("an MP4 or QuickTime media file (video, audio or HEIC image)", rb".{4}ftyp"),
        ("an Ogg media file", rb"OggS\x00"),
        ("a FLAC audio file", rb"fLaC"),
        ("a Matroska or WebM video", rb"\x1a\x45\xdf\xa3"),
        ("an ELF executable", rb"\x7fELF"),
        ("a Mach-O executable", rb"\xfe\xed\xfa[\xce\xcf]|[\xce\xcf]\xfa\xed\xfe"),
        ("a Mach-O universal binary or Java class file", rb"\xca\xfe\xba\xbe"),
        ("a Windows executable (.exe, .dll)", rb"MZ.{0,1022}PE\x00\x00"),
        ("a WebAssembly module", rb"\x00asm\x01\x00\x00\x00"),
        ("an SQLite database", rb"SQLite format 3\x00"),
        ("a Parquet file", rb"PAR1"),
        ("an Arrow/Feather file", rb"ARROW1\x00\x00"),
        ("a NumPy array file (.npy)", rb"\x93NUMPY"),
        ("a Python pickle", rb"\x80[\x02-\x05]"),
    ]
)

# the ZIP containers told apart by a member name (stored uncompressed in the local header
# of the first member and in the central directory at the end), first match wins
_ZIP_MEMBERS: tuple[tuple[bytes, str], ...] = (
    (b"mimetypeapplication/epub+zip", "an EPUB e-book (a ZIP archive)"),
    (b"mimetypeapplication/vnd.oasis.opendocument.", "an OpenDocument file (odt, ods, odp)"),
    (b"word/document", "a Word document (.docx)"),
    (b"xl/workbook", "an Excel workbook (.xlsx)"),
    (b"ppt/presentation", "a PowerPoint presentation (.pptx)"),
)

# UTF-32 before UTF-16: the UTF-32 little-endian mark begins with the UTF-16 one
BYTE_ORDER_MARKS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)

# the longest head any signature looks at (the PDF header's 1024 bytes of leeway), and the
# tail where a ZIP archive keeps its central directory
_HEAD = 1100
_ZIP_TAIL = 65_536


class FormatError(ValueError):
    """Data that is in a known format but whose text cannot be read; the message says why."""


def sniff(data: bytes) -> str | None:
    """The known non-text format ``data`` is in, recognised by its leading bytes, or None.

    UTF-16 and UTF-32 text with a byte-order mark is text, not a format: see :func:`decode`.

    Args:
        data: the file's bytes (only the first kilobyte, and a ZIP archive's last 64 KB, are
            looked at).

    Returns:
        A name for messages, with its article (``"a PDF file"``, ``"a PNG image"``; the
        constant :data:`PDF` for a PDF), or None when the data is not a known format.

    Example:
        >>> sniff(b"%PDF-1.7\\n1 0 obj")
        'a PDF file'
    """
    if _encoding(data) is not None:
        return None
    head = bytes(data[:_HEAD])
    for name, pattern in SIGNATURES:
        if pattern.match(head):
            return _zip_kind(data) if name == _ZIP else name
    return None


# control characters (but tab and line breaks), surrogates and private-use characters: what a
# binary file decoded as text is full of, and text is not
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff"
    "\U000f0000-\U000ffffd\U00100000-\U0010fffd]"
)


def control_share(sample: str) -> float:
    """The share of ``sample``'s characters that text does not hold (control, surrogate and
    private-use characters); 0.0 for an empty sample. Callers pass a bounded sample.

    Example:
        >>> control_share("ab\x00\x01")
        0.5
    """
    return len(_CONTROL.findall(sample)) / len(sample) if sample else 0.0


def sniff_text(text: str) -> str | None:
    """:func:`sniff` for a string, for bytes that were decoded before anyone looked at them.

    Each character up to U+00FF stands for the byte of the same value (how Latin-1 decodes
    bytes); a byte that UTF-8 decoding replaced matches no signature byte above 0x7F, so only
    formats with ASCII signatures (PDF, ZIP, SQLite) are found in text decoded that way.

    Example:
        >>> sniff_text("%PDF-1.4\\n1 0 obj << /Type /Catalog >> endobj")
        'a PDF file'
    """
    return sniff(text[:_HEAD].encode("latin-1", errors="replace"))


def _zip_kind(data: bytes) -> str:
    # the first member's name and the central directory's names; the middle is not read
    ends = bytes(data[:_HEAD]) + bytes(data[-_ZIP_TAIL:])
    for member, name in _ZIP_MEMBERS:
        if member in ends:
            return name
    return _ZIP


def _encoding(data: bytes) -> str | None:
    for mark, encoding in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return encoding
    return None


def decode(data: bytes) -> str:
    """The text of ``data``: UTF-16 or UTF-32 by its byte-order mark (which is dropped, as
    ``open(path, encoding="utf-16")`` drops it), else UTF-8 (a UTF-8 byte-order mark is kept as
    the text's first character, as ``open(path, encoding="utf-8")`` keeps it).

    Raises:
        UnicodeDecodeError: the data is not valid text in its encoding (``err.encoding`` names
            it, ``err.start`` the first bad byte).

    Example:
        >>> decode("Iran".encode("utf-16"))
        'Iran'
    """
    return data.decode(_encoding(data) or "utf-8")


def pdf_text(data: bytes) -> str:
    """The text of a PDF: every page's text, pages joined by a blank line.

    Args:
        data: the PDF file's bytes.

    Returns:
        The text as pypdf extracts it. Offsets into it are offsets into this text, not into
        the PDF.

    Raises:
        FormatError: pypdf is not installed (the message names ``pip install 'framing[pdf]'``);
            the data is not a PDF; the PDF is encrypted with a password, or broken; or no page
            has a text layer (a scanned document).

    Example:
        >>> pdf_text(open("report.pdf", "rb").read())  # doctest: +SKIP
        'Iran and Iraq signed a security memorandum ...'
    """
    if sniff(data) != PDF:
        raise FormatError("not a PDF file: no '%PDF-' header in its first kilobyte")
    try:
        import pypdf
        from pypdf.errors import DependencyError
    except ImportError:
        raise FormatError(
            "a PDF file: reading its text needs pypdf (pip install 'framing[pdf]')"
        ) from None
    # pypdf logs what it repairs ("EOF marker not found") to stderr, one line per file, in the
    # middle of a batch's report: the error below says what matters
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise FormatError("an encrypted PDF file: its text needs a password")
        pages = [(page.extract_text() or "").rstrip() for page in reader.pages]
    except FormatError:
        raise
    except DependencyError as err:  # AES encryption needs the cryptography package
        raise FormatError(f"an encrypted PDF file that pypdf cannot decrypt ({err})") from None
    except Exception as err:  # a broken file fails in many ways inside pypdf
        raise FormatError(f"a broken PDF file ({type(err).__name__}: {err})") from None
    finally:
        log.setLevel(level)
    if not any(page.strip() for page in pages):
        raise FormatError(
            f"a PDF file without text ({len(pages)} page(s), none with a text layer: a scanned "
            "document needs OCR first)"
        )
    return "\n\n".join(pages)
