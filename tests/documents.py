"""Documents the tests of formats and languages share: small files in formats other than plain
text, built in the tests (a PDF with a text layer written byte by byte, since pypdf reads PDFs
with text but cannot write text without reportlab; a PDF without text written by pypdf itself;
the leading bytes of other formats), and paragraphs in other languages than English, and in
English full of foreign names. ``from tests.documents import pdf_with_text``."""

from __future__ import annotations

import io
import zlib


def _escaped(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf_with_text(*pages: str, compress: bool = False) -> bytes:
    """A valid PDF 1.4 file: one page per argument, each line of it drawn in Helvetica (ASCII
    text only), with a correct cross-reference table."""
    fonts = 3 + 2 * len(pages)  # the font's object number, after the pages and their contents
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(len(pages)))
        + b"] /Count %d >>" % len(pages),
    ]
    for i, page in enumerate(pages):
        drawn = "BT /F1 12 Tf 14 TL 72 720 Td " + " ".join(
            f"({_escaped(line)}) Tj T*" for line in page.splitlines()
        )
        stream = drawn.encode("ascii") + b" ET"
        extra = b""
        if compress:
            stream, extra = zlib.compress(stream), b" /Filter /FlateDecode"
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (4 + 2 * i, fonts)
        )
        objects.append(b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(stream), extra, stream))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def pdf_without_text(pages: int = 2) -> bytes:
    """A PDF of blank pages, as a scanned document looks to a text extractor, written by pypdf."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=612, height=792)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted_pdf(text: str, password: str = "s3cret") -> bytes:
    """A PDF with text, encrypted by pypdf with a user password (RC4, no extra library)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_with_text(text))))
    writer.encrypt(user_password=password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# the first bytes of a PNG image: the signature and the start of its header chunk
PNG_HEAD = (
    b"\x89PNG\r\n\x1a\n"  # the signature
    b"\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"  # 16 x 16 RGBA
)


# paragraphs in the shape of wire copy, written for these tests
OTHERS = {
    "de": "Das Außenministerium in Berlin teilte am Dienstag mit, die Gespräche über das "
    "Atomprogramm würden in der kommenden Woche in Genf fortgesetzt. Ein Sprecher sagte, man "
    "erwarte von allen Seiten Zurückhaltung, nachdem es an der Grenze zu neuen Zwischenfällen "
    "gekommen sei.",
    "fr": "Le porte-parole du gouvernement a indiqué mercredi que les discussions sur le "
    "programme nucléaire reprendraient la semaine prochaine à Genève. Selon lui, toutes les "
    "parties doivent faire preuve de retenue après les incidents survenus près de la frontière.",
    "es": "El portavoz del ministerio afirmó el jueves que las conversaciones sobre el programa "
    "nuclear se reanudarán la próxima semana en Ginebra. Según dijo, todas las partes deben "
    "mostrar moderación tras los incidentes ocurridos cerca de la frontera.",
    "fa": "سخنگوی وزارت امور خارجه روز سه‌شنبه گفت که گفت‌وگوها درباره برنامه هسته‌ای هفته آینده "
    "در ژنو ادامه خواهد یافت.",
    "ar": "قال المتحدث باسم وزارة الخارجية يوم الثلاثاء إن المحادثات بشأن البرنامج النووي ستستأنف "
    "الأسبوع المقبل في جنيف.",
}

# English whose words are mostly names and transliterated quotes: the hard case for a
# character n-gram model
NAMES = (
    "Hojatoleslam Mohammad-Javad Bahonar, Ayatollah Ahmad Khatami and Hossein Amir-Abdollahian "
    "met Sheikh Naim Qassem, Nabih Berri and Najib Mikati in Beirut, while Abdul-Malik "
    'al-Houthi and Mohammed Abdulsalam spoke from Sanaa. "Marg bar Amrika," the crowd in '
    "Enghelab Square chanted, Tasnim and Fars reported."
)
LIST_OF_NAMES = (
    "Ali Khamenei, Masoud Pezeshkian, Mohammad Bagher Ghalibaf, Esmail Qaani, Abbas Araghchi, "
    "Ali Larijani, Mohammad Eslami."
)
