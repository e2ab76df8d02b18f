"""Inputs that are not plain UTF-8 text: PDFs are read through pypdf, files in other binary
formats are per-record errors naming the format (whatever their name), UTF-16 text is decoded by
its byte-order mark, a folder's other files are counted in one record, and none of it stops a
batch."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from framing.inference.cli import main
from framing.inference.readers import iter_records
from tests.documents import PNG_HEAD, pdf_with_text, pdf_without_text

REPORT = (
    "Iran and Iraq signed a security memorandum in Baghdad on Monday.\n"
    "Washington objected to the pact."
)


def docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder as a new user has one: text, a PDF with text, a scanned PDF, an image, a Word
    document, and hidden files a system leaves behind."""
    root = tmp_path / "mixed"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text("Tehran welcomed the pact with Baghdad.\n", encoding="utf-8")
    (root / "report.pdf").write_bytes(pdf_with_text(REPORT))
    (root / "sub" / "scan.PDF").write_bytes(pdf_without_text(1))
    (root / "sub" / "photo.png").write_bytes(PNG_HEAD)
    (root / "notes.docx").write_bytes(docx())
    (root / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    return root


def by_name(records: list) -> dict[str, tuple[str | None, str | None]]:
    return {Path(r.id).name: (r.text, r.error) for r in records}


def test_a_folder_reads_text_and_pdf_files_and_counts_the_others(folder: Path) -> None:
    records = list(iter_records([str(folder)]))
    assert [Path(r.id).name for r in records] == ["a.txt", "report.pdf", "scan.PDF", "mixed"]
    found = by_name(records)
    assert found["a.txt"] == ("Tehran welcomed the pact with Baghdad.\n", None)
    assert found["report.pdf"] == (REPORT, None)
    assert found["scan.PDF"][1].startswith("a PDF file without text (1 page(s)")
    assert found["mixed"] == (
        None,
        "2 other file(s) in this folder not read (1 .docx, 1 .png): "
        "a folder is searched for .txt, .pdf, .html or .htm files only",
    )


def test_a_folder_of_nothing_readable(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert by_name(iter_records([str(tmp_path / "empty")])) == {
        "empty": (None, "no .txt, .pdf, .html or .htm file in this folder")
    }


@pytest.mark.parametrize(
    ("name", "data", "error"),
    [
        ("page.html", PNG_HEAD, "this is a PNG image, not an HTML page"),
        ("notes.txt", docx(), "a Word document (.docx), not text: convert it to plain text"),
        ("report.txt", pdf_with_text(REPORT), None),  # a PDF by its bytes, whatever its name
        ("fake.pdf", REPORT.encode(), "not a PDF file: no '%PDF-' header in its first kilobyte"),
        ("bad.txt", b"Iran \xff met Iraq", "not UTF-8 text (byte 5)"),
        ("bad16.txt", "Iran".encode("utf-16") + b"\x00\xd8", "not UTF-16 text (byte 10)"),
        ("empty.pdf", b"", "not a PDF file: no '%PDF-' header in its first kilobyte"),
        ("blank.txt", "\ufeff \n".encode(), "empty text"),
    ],
)
def test_a_file_is_read_by_its_bytes(
    tmp_path: Path, name: str, data: bytes, error: str | None
) -> None:
    (tmp_path / name).write_bytes(data)
    (record,) = iter_records([str(tmp_path / name)])
    assert record.id == str(tmp_path / name)
    if error is None:
        assert (record.text, record.error) == (REPORT, None)
    else:
        assert record.text is None and record.error.startswith(error), record.error


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_utf16_and_utf32_files_are_decoded(tmp_path: Path, encoding: str) -> None:
    text = "Tehran said the talks in Vienna — with Irán's envoy — would go on.\n"
    (tmp_path / "a.txt").write_bytes(text.encode(encoding))
    (record,) = iter_records([str(tmp_path / "a.txt")])
    # the text as open(path, encoding=...) reads it, so offsets are offsets into that
    assert record.text == text == (tmp_path / "a.txt").read_text(encoding=encoding)


def test_without_pypdf_a_pdf_is_an_error_naming_the_extra(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pypdf", None)
    found = by_name(iter_records([str(folder)]))
    assert found["report.pdf"] == (
        None,
        "a PDF file: reading its text needs pypdf (pip install 'framing[pdf]')",
    )
    assert found["a.txt"][1] is None  # the rest is read as before


def test_standard_input_is_sniffed_too() -> None:
    (record,) = iter_records(["-"], stdin=io.BytesIO(pdf_with_text(REPORT)))
    assert (record.id, record.text) == ("<stdin>", REPORT)
    (record,) = iter_records(["-"], stdin=io.BytesIO(PNG_HEAD))
    assert record.error == "a PNG image, not text: convert it to plain text (UTF-8) first"


def test_the_cli_analyses_the_pdf_and_names_what_it_skipped(
    folder: Path, model_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    out = tmp_path / "x.jsonl"
    args = ["analyze", str(folder), "--model", str(model_dir), "--output", str(out), "--quiet"]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert f"skipped {folder / 'sub' / 'scan.PDF'}: a PDF file without text" in err
    assert f"skipped {folder}: 2 other file(s) in this folder not read (1 .docx, 1 .png)" in err
    assert "analysed 2 document(s), skipped 2" in err
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [Path(r["id"]).name for r in rows] == ["a.txt", "report.pdf"]
    pdf = rows[1]
    assert pdf["text_length"] == len(REPORT)
    # offsets are into the extracted text
    assert [REPORT[s["start"] : s["end"]] for s in pdf["sentences"]] == [
        "Iran and Iraq signed a security memorandum in Baghdad on Monday.",
        "Washington objected to the pact.",
    ]
    assert pdf["warnings"] == []
    # ... which the output carries, so they can be checked
    assert pdf["source"] == {"format": "pdf", "extractor": "pypdf", "text": REPORT}


def test_a_pdf_from_python(model_dir: Path) -> None:
    import framing

    analyzer = framing.load(model_dir)
    doc = analyzer.analyze(pdf_with_text(REPORT), format="pdf", outlet="Gulf Daily Example")
    assert doc.text == REPORT and doc.source_format == "pdf"
    assert doc.meta.outlet == "Gulf Daily Example"
    assert all(doc.text[s.start : s.end] == s.text for s in doc.sentences)
    with pytest.raises(framing.ExtractionError, match="document 0: a PDF file without text"):
        analyzer.analyze(pdf_without_text(), format="pdf")
    with pytest.raises(framing.ExtractionError, match="takes the bytes of a PDF file"):
        analyzer.analyze(REPORT, format="pdf")
    (empty,) = analyzer.analyze_many([pdf_without_text()], format="pdf", errors="warn")
    assert empty.sentences == [] and empty.warnings[0].startswith("no text analysed: a PDF")


@pytest.mark.slow  # a Python of its own, seconds to start
def test_python_dash_m_framing_on_a_mixed_folder(
    folder: Path, model_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "x.jsonl"
    command = [sys.executable, "-m", "framing", "analyze", str(folder), "--model", str(model_dir)]
    result = subprocess.run(
        [*command, "--output", str(out), "--quiet"],
        capture_output=True,
        text=True,
        check=False,
        env={"HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 1, result.stderr
    assert "scan.PDF: a PDF file without text" in result.stderr
    assert "(1 .docx, 1 .png)" in result.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2
