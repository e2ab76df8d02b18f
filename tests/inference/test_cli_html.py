"""``python -m framing analyze`` on HTML pages and with ``--meta-fields``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from framing.inference.cli import CSV_COLUMNS, iter_records, main
from framing.inference.readers import parse_meta_fields
from tests.news_pages import BODY, news_page


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.html").write_text(news_page(), encoding="utf-8")
    arabic = news_page("windows-1256").replace("©", "").replace("Monday", "الاثنين")
    (folder / "sub" / "b.htm").write_bytes(arabic.encode("cp1256"))
    (folder / "c.txt").write_text("Iraq thanked Iran, the minister said.\n", encoding="utf-8")
    (folder / "scan.html").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")  # a PDF named .html
    (folder / "empty.html").write_text("<html><body><nav>Home</nav></body></html>")
    (folder / "notes.md").write_text("not read")
    return folder


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["analyze", *args, "--quiet"])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_a_folder_of_pages_and_text_goes_on_past_bad_pages(
    pages: Path, model_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run([str(pages), "--model", str(model_dir)], capsys)
    assert code == 1  # some records skipped
    docs = {Path(d["id"]).name: d for d in map(json.loads, out.splitlines())}
    assert set(docs) == {"a.html", "b.htm", "c.txt", "empty.html"}
    page = docs["a.html"]
    assert page["metadata"]["outlet"] == "Gulf Daily Example"
    assert page["source"]["format"] == "html" and page["source"]["extractor"] == "trafilatura"
    text = page["source"]["text"]
    for s in page["sentences"]:
        assert text[s["start"] : s["end"]] == s["text"]
    assert "الاثنين" in docs["b.htm"]["source"]["text"]
    assert docs["c.txt"]["source"] == {"format": "text", "extractor": None, "text": None}
    assert f"skipped {pages / 'scan.html'}: this is a PDF file, not an HTML page" in err
    # the folder's notes.md is neither text nor a page: named in one record, not skipped unsaid
    assert f"skipped {pages}: 1 other file(s) in this folder not read (1 .md)" in err
    assert "analysed 4 document(s), skipped 2" in err


def test_input_format_text_reads_html_files_as_text(
    pages: Path, model_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        [str(pages / "a.html"), "--model", str(model_dir), "--input-format", "text"], capsys
    )
    assert code == 0
    doc = json.loads(out)
    assert doc["source"]["format"] == "text" and doc["text_length"] == len(news_page())
    records = list(iter_records([str(pages)], input_format="html"))
    assert sorted(Path(r.id).name for r in records if r.id != str(pages)) == [
        "a.html",
        "b.htm",
        "empty.html",
        "scan.html",
    ]
    assert records[-1].error == (  # the text file is not read as a page: named, not dropped
        "2 other file(s) in this folder not read (1 .md, 1 .txt): a folder is searched for "
        ".html or .htm files only"
    )


def test_csv_with_an_html_column_and_meta_fields(
    tmp_path: Path, model_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        {"id": "p1", "html": news_page(), "source_name": "GDE", "published": "Nov 4, 2025"},
        {"id": "p2", "html": "<html><body></body></html>", "source_name": "X", "published": ""},
    ]
    path = tmp_path / "pages.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    args = [str(path), "--model", str(model_dir), "--text-field", "html", "--id-field", "id"]
    args += ["--input-format", "html", "--meta-fields", "outlet=source_name,date=published,author"]
    code, out, err = run([*args, "--format", "csv"], capsys)
    assert code == 1
    assert "skipped p2: no extractable text in the page" in err
    # the column 'author' is missing: one warning, and in each document's warnings
    assert err.count("no column 'author' for the author (--meta-fields)") == 1
    table = list(csv.DictReader(io.StringIO(out)))
    assert list(table[0]) == CSV_COLUMNS
    assert {(r["id"], r["outlet"], r["date"], r["author"]) for r in table} == {
        ("p1", "GDE", "2025-11-04", "Sam Writer")  # the page's author: no column gave one
    }
    assert {r["title"] for r in table} == {"Talks resume in Muscat"}
    assert "no column 'author'" in table[0]["warnings"]
    assert any(BODY[0] == r["text"] for r in table)


def test_jsonl_meta_fields_on_text(
    tmp_path: Path, model_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text(
        json.dumps({"text": BODY[0], "outlet": "Wire", "date": 20251105, "url": ["x"]}) + "\n",
        encoding="utf-8",
    )
    code, out, err = run(
        [str(path), "--model", str(model_dir), "--meta-fields", "outlet,date,url"], capsys
    )
    assert code == 0
    doc = json.loads(out)
    assert doc["metadata"] == {
        "outlet": "Wire",
        "date": "2025-11-05",
        "url": None,
        "title": None,
        "author": None,
    }
    assert "column 'url' (url) is not a string: left out" in err


def test_html_on_standard_input(model_dir: Path, capsys, monkeypatch) -> None:
    stdin = io.BytesIO(news_page().encode("utf-8"))
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(stdin))
    code, out, _ = run(["-", "--model", str(model_dir), "--input-format", "html"], capsys)
    assert code == 0
    assert json.loads(out)["metadata"]["title"] == "Talks resume in Muscat"


def test_num_proc_carries_pages_and_metadata(pages: Path, model_dir: Path, tmp_path: Path) -> None:
    outs = []
    for procs in ("1", "2"):
        out = tmp_path / f"out{procs}.jsonl"
        args = ["analyze", str(pages / "a.html"), str(pages / "c.txt"), "--model", str(model_dir)]
        assert main([*args, "--quiet", "--num-proc", procs, "--output", str(out)]) == 0
        outs.append(out.read_text(encoding="utf-8"))
    assert outs[0] == outs[1]
    assert json.loads(outs[1].splitlines()[0])["metadata"]["author"] == "Sam Writer"


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("slant group", "metadata field name 'slant group' is not a name"),
        ("extra", "metadata field name 'extra' is reserved"),
        ("outlet=", "metadata field 'outlet': empty column name"),
        ("date,date=published", "metadata field 'date' given twice"),
    ],
)
def test_bad_meta_fields_are_usage_errors(spec: str, message: str, capsys) -> None:
    with pytest.raises(ValueError, match=message):
        parse_meta_fields(spec)
    with pytest.raises(SystemExit) as stop:
        main(["analyze", "x.txt", "--meta-fields", spec])
    assert stop.value.code == 2
    assert f"--meta-fields: {message}" in capsys.readouterr().err


def test_a_saved_page_named_txt_or_piped_in_is_read_as_a_page(
    tmp_path: Path, model_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "saved_page.txt"
    saved.write_text(news_page(), encoding="utf-8")
    code, out, err = run([str(saved), "--model", str(model_dir)], capsys)
    assert code == 0
    doc = json.loads(out)
    assert doc["source"]["format"] == "html"
    assert doc["metadata"]["outlet"] == "Gulf Daily Example"
    assert f"warning {saved}: read as an HTML page (it opens as one)" in err
    # --input-format text keeps the markup as text, and says what it looks like
    code, out, err = run([str(saved), "--model", str(model_dir), "--input-format", "text"], capsys)
    assert json.loads(out)["source"]["format"] == "text"
    assert f"warning {saved}: the text looks like an HTML page" in err
    records = list(iter_records(["-"], stdin=io.BytesIO(news_page().encode())))
    assert records[0].page is not None and records[0].error is None


def test_the_documents_own_warnings_reach_stderr(
    tmp_path: Path, model_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    german = tmp_path / "de.txt"
    german.write_text(
        "Die Regierung in Bagdad hat am Montag ein Abkommen mit dem Iran unterzeichnet. "
        "Kritiker sagen, dass die Vereinbarung die Grenze nicht sicherer machen wird, "
        "und die Opposition fordert eine Debatte im Parlament über die Folgen.",
        encoding="utf-8",
    )
    code, _, err = run([str(german), "--model", str(model_dir)], capsys)
    assert code == 0
    assert f"warning {german}: the text looks like German (de" in err


def test_a_metadata_cell_that_is_not_utf8_is_left_out_with_a_warning(
    tmp_path: Path, model_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "rows.csv"
    data.write_bytes(b"text,outlet\nIran and Iraq signed a pact on Monday.,Bad\xff Outlet\n")
    out = tmp_path / "out.jsonl"
    code, _, err = run([str(data), "--model", str(model_dir), "--meta-fields", "outlet",
                        "--output", str(out)], capsys)  # fmt: skip
    assert code == 0
    doc = json.loads(out.read_bytes().decode("utf-8"))  # the output stays UTF-8
    assert doc["metadata"]["outlet"] is None
    assert "column 'outlet' (outlet) is not UTF-8 text: left out" in err


def test_extra_metadata_fields_are_columns_of_the_csv_and_parquet(
    tmp_path: Path, model_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "rows.jsonl"
    rows = [
        {"text": BODY[0], "outlet": "Wire", "slant": "western", "kind": "news"},
        {"text": BODY[1], "outlet": "Daily", "kind": "opinion"},  # no slant column
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    fields = ["--meta-fields", "outlet,slant_group=slant,genre=kind"]
    out_csv = tmp_path / "s.csv"
    args = [str(path), "--model", str(model_dir), *fields, "--format", "csv"]
    code, _, _ = run([*args, "--output", str(out_csv)], capsys)
    assert code == 0
    table = list(csv.DictReader(out_csv.open(encoding="utf-8")))
    header = next(csv.reader(out_csv.open(encoding="utf-8")))
    at = CSV_COLUMNS.index("sentence")
    assert header == [*CSV_COLUMNS[:at], "slant_group", "genre", *CSV_COLUMNS[at:]]
    assert {(r["id"].rsplit(":", 1)[-1], r["slant_group"], r["genre"]) for r in table} == {
        ("1", "western", "news"),
        ("2", "", "opinion"),
    }
    out_pq = tmp_path / "s.parquet"
    code, _, _ = run([*args[:-2], "--format", "parquet", "--output", str(out_pq)], capsys)
    assert code == 0
    got = pq.read_table(out_pq).to_pylist()
    assert [(r["outlet"], r["slant_group"], r["genre"]) for r in got] == [
        ("Wire", "western", "news"),
        ("Daily", None, "opinion"),
    ]
    assert json.loads(got[0]["analysis"])["metadata"]["extra"] == {
        "slant_group": "western",
        "genre": "news",
    }


def test_a_row_whose_id_is_null_is_named_by_its_place(
    tmp_path: Path, model_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "rows.jsonl"
    rows = [{"id": "a", "text": BODY[0]}, {"id": None, "text": BODY[1]}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    code, out, _ = run([str(path), "--model", str(model_dir), "--id-field", "id"], capsys)
    assert code == 0
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["a", f"{path}:2"]
