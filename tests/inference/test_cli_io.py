"""Regression tests for ``python -m framing analyze``: what it reads and what it writes.

Most tests are cases that once went wrong: byte-order marks, CSV files with broken quoting or
ragged rows, an ``--output`` that is (or lies inside, or links to) an input, outputs that cannot
be written, and interrupted runs; a few pin down a decision (a stray quote in an unquoted CSV
field is text, a symbolic link as output is refused, ``--num-proc`` still runs cleanly). Real
files, the bundled model, no network, no timing; an interrupted output is checked for whole
documents only.
"""

from __future__ import annotations

import codecs
import csv
import errno
import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from framing.inference import readers, writers
from framing.inference.analyzer import Analyzer
from framing.inference.cli import iter_records, main

REPO = Path(__file__).resolve().parents[2]
BOM = codecs.BOM_UTF8.decode("utf-8")
ARTICLES = {
    "a.txt": "Iran welcomed the pact with Iraq. Washington objected.\n",
    "b.txt": "Tehran and Baghdad signed a memorandum. Israel warned Lebanon. Critics were loud.\n",
    "c.txt": "Hezbollah praised the visit on Monday.\n",
}


def run(args: list[str], capsys: pytest.CaptureFixture) -> tuple[int | str, list[str]]:
    """The exit code of ``main(args)`` (bundled model, no progress bar) and its stderr lines;
    an exception escaping ``main`` is returned by name (a KeyboardInterrupt would otherwise stop
    the whole test session)."""
    try:
        code: int | str = main(["analyze", *args, "--quiet"])
    except BaseException as err:  # the old code let these out
        code = type(err).__name__
    err_lines = capsys.readouterr().err.splitlines()
    assert not any("Traceback" in line for line in err_lines)
    return code, err_lines


def python(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    env = {"HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, *args], cwd=REPO, env=env, capture_output=True, text=True, **kwargs
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def jsonl_ids(path: Path) -> list[str]:
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]


def csv_documents(path: Path) -> list[tuple[str, list[str]]]:
    """(id, sentence numbers) per document of a csv output, in order."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    docs: list[tuple[str, list[str]]] = []
    for row in rows:
        if not docs or docs[-1][0] != row["id"]:
            docs.append((row["id"], []))
        docs[-1][1].append(row["sentence"])
    return docs


# -- byte-order marks ---------------------------------------------------------------------------
def test_a_csv_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(codecs.BOM_UTF8 + b'id,body\nc1,"Iran thanked Iraq."\nc2,Israel warned.\n')
    records = list(iter_records([str(path)], text_field="body", id_field="id"))
    assert [(r.id, r.text, r.error) for r in records] == [
        ("c1", "Iran thanked Iraq.", None),
        ("c2", "Israel warned.", None),
    ]


def test_a_jsonl_with_a_byte_order_mark_keeps_its_first_record(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(
        codecs.BOM_UTF8
        + b'{"id": "r1", "text": "Iran thanked Iraq."}\n{"id": "r2", "text": "Ok."}\n'
    )
    records = list(iter_records([str(path)], id_field="id"))
    assert [(r.id, r.error) for r in records] == [("r1", None), ("r2", None)]
    # only the first line may carry one: a mark further on is an error in that record
    path.write_bytes(b'{"text": "a"}\n' + codecs.BOM_UTF8 + b'{"text": "b"}\n')
    errors = [(r.id, r.error) for r in iter_records([str(path)]) if r.error]
    assert errors == [
        (f"{path}:2", "not valid JSON (Unexpected UTF-8 BOM (decode using utf-8-sig))")
    ]


def test_a_text_file_or_stdin_keeps_its_byte_order_mark_as_an_invisible_character(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    text = "Iran welcomed the pact with Iraq. Washington objected.\n"
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    out = tmp_path / "out.jsonl"
    assert run([str(path), "--output", str(out)], capsys)[0] == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    # offsets are into the text as Python reads it (BOM included); no sentence contains the BOM
    decoded = path.read_text(encoding="utf-8")
    assert doc["text_length"] == len(decoded) == len(text) + 1
    assert [s["text"] for s in doc["sentences"]] == [
        "Iran welcomed the pact with Iraq.",
        "Washington objected.",
    ]
    first = doc["sentences"][0]
    assert decoded[first["start"] : first["end"]] == first["text"]
    stdin = codecs.BOM_UTF8 + text.encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    assert run(["-", "--output", str(out)], capsys)[0] == 0
    assert json.loads(out.read_text(encoding="utf-8"))["sentences"][0]["start"] == 1
    # a file holding only a byte-order mark (and blanks) is empty
    (tmp_path / "only.txt").write_bytes(codecs.BOM_UTF8 + b" \n")
    code, err = run([str(tmp_path / "only.txt"), "--output", str(out)], capsys)
    assert code == 1
    assert f"skipped {tmp_path / 'only.txt'}: empty text" in err


# -- malformed CSV ------------------------------------------------------------------------------
def analyse_csv(tmp_path: Path, content: str, capsys) -> tuple[int | str, list[str], list[dict]]:
    path = tmp_path / "in.csv"
    path.write_text(content, encoding="utf-8", newline="")
    out = tmp_path / "out.jsonl"
    code, err = run([str(path), "--id-field", "id", "--output", str(out)], capsys)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return code, [line for line in err if line.startswith("skipped")], rows


def test_an_unterminated_quote_is_skipped_not_merged_into_the_rest_of_the_file(
    tmp_path: Path, capsys
) -> None:
    content = (
        "id,text\n"
        'c1,"Iran welcomed the pact with Iraq.\n'  # the closing quote is missing
        "c2,Israel warned Lebanon.\n"
        "c3,Hezbollah praised the visit.\n"
    )
    code, skipped, rows = analyse_csv(tmp_path, content, capsys)
    assert code == 1
    assert skipped == [
        f"skipped {tmp_path / 'in.csv'}:2: not valid CSV "
        "(a quoted field opened on this line is never closed)"
    ]
    assert [(r["id"], r["text_length"]) for r in rows] == [("c2", 22), ("c3", 28)]


def test_a_broken_quote_further_on_is_reported_at_the_line_the_record_starts(
    tmp_path: Path, capsys
) -> None:
    content = (
        "id,text\n"
        'c1,"Iran welcomed the pact.\n'  # opened here, broken by the quote of line 4
        "c2,Israel warned Lebanon.\n"
        'c3,"Hezbollah praised the visit."\n'
        'c4,"He said ""no"" to Iraq."\n'
    )
    code, skipped, rows = analyse_csv(tmp_path, content, capsys)
    assert code == 1
    assert len(skipped) == 1
    assert skipped[0].startswith(f"skipped {tmp_path / 'in.csv'}:2: not valid CSV")
    assert "breaks on line 4" in skipped[0]
    assert [r["id"] for r in rows] == ["c2", "c3", "c4"]
    assert rows[2]["sentences"][0]["text"] == 'He said "no" to Iraq.'


def test_a_quote_closed_in_the_middle_of_a_field_is_skipped(tmp_path: Path, capsys) -> None:
    content = 'id,text\nc1,"Iran welcomed" the pact.\nc2,Israel warned Lebanon.\n'
    code, skipped, rows = analyse_csv(tmp_path, content, capsys)
    assert code == 1
    assert skipped == [f"skipped {tmp_path / 'in.csv'}:2: not valid CSV (',' expected after '\"')"]
    assert [r["id"] for r in rows] == ["c2"]


def test_rows_with_another_number_of_fields_than_the_header_are_skipped(
    tmp_path: Path, capsys
) -> None:
    content = (
        "id,text,url\n"
        "c1,Iran welcomed the pact, said Tehran.,http://a\n"  # an unquoted comma: 4 fields
        "c2,Israel warned Lebanon.\n"  # 2 fields
        "c3,Hezbollah praised the visit.,http://c\n"
    )
    code, skipped, rows = analyse_csv(tmp_path, content, capsys)
    assert code == 1
    assert skipped == [
        f"skipped {tmp_path / 'in.csv'}:2: has 4 field(s), the header has 3",
        f"skipped {tmp_path / 'in.csv'}:3: has 2 field(s), the header has 3",
    ]
    assert [r["id"] for r in rows] == ["c3"]


def test_a_stray_quote_inside_an_unquoted_field_is_text(tmp_path: Path, capsys) -> None:
    content = 'id,text\nc1,The 12" gun fired.\nc2,Israel warned Lebanon.\n'
    code, skipped, rows = analyse_csv(tmp_path, content, capsys)
    assert (code, skipped) == (0, [])
    assert rows[0]["sentences"][0]["text"] == 'The 12" gun fired.'


def test_multi_line_cells_crlf_and_blank_lines_still_work(tmp_path: Path, capsys) -> None:
    content = (
        "id,text\r\n"
        'c1,"Iran welcomed the pact.\r\n\r\nWashington objected, loudly."\r\n'
        "\r\n"
        "c2,Israel warned Lebanon.\r\n"
    )
    code, skipped, rows = analyse_csv(tmp_path, content, capsys)
    assert (code, skipped) == (0, [])
    assert [r["id"] for r in rows] == ["c1", "c2"]
    assert [s["text"] for s in rows[0]["sentences"]] == [
        "Iran welcomed the pact.",
        "Washington objected, loudly.",
    ]
    # without an id column, a record is named by the line it starts on
    path = tmp_path / "in.csv"
    ids = [r.id for r in iter_records([str(path)])]
    assert ids == [f"{path}:2", f"{path}:6"]


def test_many_lines_opening_quotes_are_each_reported_in_linear_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    n = 3000
    # 'x","': a stray quote, then a quote opened; read from inside a quoted field the line
    # closes that field and opens another, so every record runs to the end of the file
    lines = ['x","\n', 'c,"unclosed\n', "ok,Iran welcomed the pact.\n"]
    path = tmp_path / "quotes.csv"
    path.write_text("id,text\n" + "".join(lines[i % 3] for i in range(n)), encoding="utf-8")
    steps = 0
    step = readers._csv_step

    def counting(line: str, quoted: bool):
        nonlocal steps
        steps += 1
        return step(line, quoted)

    monkeypatch.setattr(readers, "_csv_step", counting)
    records = list(iter_records([str(path)], id_field="id"))
    assert len(records) == n  # one per line: nothing merged
    assert [r.error is None for r in records] == [i % 3 == 2 for i in range(n)]
    assert all(r.text == "Iran welcomed the pact." for r in records if r.error is None)
    assert steps <= 2 * (n + 1)  # each line parsed at most once per state


# -- --output that is, links to, or lies inside an input -----------------------------------------
@pytest.mark.parametrize("kind", ["hard link", "symlink", "dangling symlink into the folder"])
def test_an_output_linked_to_an_input_is_refused(
    folder: Path, tmp_path: Path, capsys, kind: str
) -> None:
    a = folder / "a.txt"
    out = tmp_path / "out.jsonl"
    if kind == "hard link":
        os.link(a, out)
        inputs = [str(a)]
    elif kind == "symlink":
        out.symlink_to(a)
        inputs = [str(a)]
    else:
        out.symlink_to(folder / "new.txt")
        inputs = [str(folder)]
    code, err = run([*inputs, "--output", str(out)], capsys)
    assert code == 2
    assert len(err) == 1 and err[0].startswith(f"error: --output {out} ")
    assert a.read_text(encoding="utf-8") == ARTICLES["a.txt"]
    assert not (folder / "new.txt").exists()


@pytest.mark.parametrize("through_symlink", [False, True])
def test_an_output_inside_an_input_folder_is_refused(
    folder: Path, tmp_path: Path, capsys, through_symlink: bool
) -> None:
    (folder / "sub").mkdir()
    base = folder
    if through_symlink:
        base = tmp_path / "link"
        base.symlink_to(folder, target_is_directory=True)
    for out in (base / "results.txt", base / "sub" / "out.jsonl"):
        code, err = run([str(folder), "--output", str(out)], capsys)
        assert code == 2
        assert err == [f"error: --output {out} lies inside the input folder {folder}"]
        assert not out.exists()
    # the input given through the link and the output by the real path: the same
    given = tmp_path / "link" if through_symlink else folder
    code, err = run([str(given), "--output", str(folder / "o.jsonl")], capsys)
    assert code == 2 and "lies inside the input folder" in err[0]


def test_html_output_never_overwrites_an_input(folder: Path, tmp_path: Path, capsys) -> None:
    html = ["--format", "html", "--output"]
    # the output folder is an input folder, or inside one
    for out in (folder, folder / "report"):
        code, err = run([str(folder), *html, str(out)], capsys)
        assert code == 2 and len(err) == 1 and err[0].startswith("error: --output")
    assert not (folder / "report").exists()
    # an input that is one of the folder's pages: by name, or a page that is a link to it
    report = tmp_path / "report"
    report.mkdir()
    (report / "index.html").write_text(ARTICLES["c.txt"], encoding="utf-8")
    os.link(folder / "a.txt", report / "a-txt.html")
    (report / "b-txt.html").symlink_to(folder / "b.txt")
    (tmp_path / "via.txt").symlink_to(report / "index.html")
    for given, page in [
        (report / "index.html", "index.html"),
        (folder / "a.txt", "a-txt.html"),
        (folder / "b.txt", "b-txt.html"),
        (tmp_path / "via.txt", "index.html"),
    ]:
        code, err = run([str(folder / "c.txt"), str(given), *html, str(report)], capsys)
        assert code == 2
        assert err == [
            f"error: --output {report} would overwrite the input {given} with its page {page}"
        ]
    assert (report / "index.html").read_text(encoding="utf-8") == ARTICLES["c.txt"]
    # files found in an input folder are not checked one by one: the pages linking to them are
    # replaced (a new file renamed over the name), never written through
    code, _ = run([str(folder), *html, str(report)], capsys)
    assert code == 0
    for name, text in ARTICLES.items():
        assert (folder / name).read_text(encoding="utf-8") == text
    assert not (report / "b-txt.html").is_symlink()
    assert "<!DOCTYPE html>" in (report / "a-txt.html").read_text(encoding="utf-8")
    pages = ["a-txt.html", "b-txt.html", "c-txt.html", "index.html"]
    assert sorted(p.name for p in report.iterdir()) == pages


# -- outputs that cannot be written ---------------------------------------------------------------
@pytest.fixture
def unwritable(tmp_path: Path) -> Path:
    """A folder no file can be created in (a read-only folder; /sys when running as root)."""
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    for candidate in (folder, Path("/sys")):
        try:
            (candidate / "probe").open("w").close()
        except OSError:
            return candidate
        (candidate / "probe").unlink()
    pytest.skip("no unwritable folder here")


def test_an_unwritable_output_is_a_one_line_error(folder: Path, unwritable: Path, capsys) -> None:
    out = unwritable / "out.jsonl"
    code, err = run([str(folder / "a.txt"), "--output", str(out)], capsys)
    assert code == 2
    assert err == [f"error: cannot write {out}: Permission denied"]
    code, err = run([str(folder / "a.txt"), "--format", "html", "--output", str(out)], capsys)
    assert code == 2
    assert len(err) == 1 and err[0].startswith(f"error: cannot write {out}: ")


def test_an_output_that_is_a_folder_or_missing_is_a_one_line_error(
    folder: Path, tmp_path: Path, capsys
) -> None:
    for fmt in ("jsonl", "csv"):
        code, err = run([str(folder / "a.txt"), "--format", fmt, "--output", str(tmp_path)], capsys)
        assert code == 2
        assert err == [f"error: cannot write {tmp_path}: Is a directory"]
    taken = tmp_path / "file"
    taken.write_text("not a folder", encoding="utf-8")
    code, err = run([str(folder / "a.txt"), "--format", "html", "--output", str(taken)], capsys)
    assert code == 2
    assert err == [f"error: cannot write {taken}: File exists"]
    assert taken.read_text(encoding="utf-8") == "not a folder"
    missing = tmp_path / "no" / "such" / "out.jsonl"
    code, err = run([str(folder / "a.txt"), "--output", str(missing)], capsys)
    assert (code, err) == (2, [f"error: cannot write {missing}: no such folder {missing.parent}"])


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_a_full_device_is_a_one_line_error(folder: Path, capsys) -> None:
    for fmt in ("jsonl", "csv"):
        code, err = run([str(folder), "--format", fmt, "--output", "/dev/full"], capsys)
        assert code == 2
        assert err == ["error: cannot write /dev/full: No space left on device"]


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_a_write_failing_mid_document_leaves_whole_documents_only(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, fmt: str
) -> None:
    out = tmp_path / f"out.{fmt}"
    args = [str(folder), "--format", fmt, "--output", str(out), "--docs-per-batch", "1"]
    assert run(args, capsys)[0] == 0
    whole = out.read_bytes()
    writes = 0
    write_some = writers.OutputFile._write_some

    def full_device(self, data):  # the second document: half of it gets out, then ENOSPC
        nonlocal writes
        writes += 1
        if writes == (3 if fmt == "csv" else 2):  # the csv header is a write of its own
            write_some(self, data[: len(data) // 2])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return write_some(self, data)

    monkeypatch.setattr(writers.OutputFile, "_write_some", full_device)
    code, err = run(args, capsys)
    assert code == 2
    assert err == [f"error: cannot write {out}: No space left on device"]
    if fmt == "jsonl":
        assert jsonl_ids(out) == [str(folder / "a.txt")]
        assert whole.startswith(out.read_bytes())
    else:
        assert csv_documents(out) == [(str(folder / "a.txt"), ["0", "1"])]


def test_a_closed_pipe_on_stdout_is_a_one_line_error(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # like `| head` that has stopped reading
    stdout = open(write_end, "w", encoding="utf-8")  # noqa: SIM115
    monkeypatch.setattr(sys, "stdout", stdout)
    code, err = run([str(folder)], capsys)
    assert (code, err) == (2, ["error: cannot write <stdout>: Broken pipe"])
    stdout.close()  # the rest goes to /dev/null: no second error when it is flushed


@pytest.mark.slow  # a Python of its own, seconds to start
def test_a_closed_pipe_on_the_stdout_of_python_dash_m_framing(folder: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "framing", "analyze", str(folder), "--quiet"],
        cwd=REPO,
        env={"HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    process.stdout.close()  # like `| head` that has stopped reading
    err = process.stderr.read()
    assert process.wait(timeout=120) == 2
    assert err.splitlines() == ["error: cannot write <stdout>: Broken pipe"]


# -- interrupted runs ------------------------------------------------------------------------------
def test_an_interrupted_csv_run_ends_with_whole_documents(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    out = tmp_path / "out.csv"
    args = [str(folder), "--format", "csv", "--output", str(out)]
    assert run(args, capsys)[0] == 0
    full = csv_documents(out)
    assert [len(sentences) for _, sentences in full] == [2, 3, 1]
    calls = 0

    def interrupting_round(value, digits=None):  # round() is called twice per csv row
        nonlocal calls
        calls += 1
        if calls == 2 * 2 + 3:  # while making the second row of the second document
            raise KeyboardInterrupt
        return round(value, digits)

    monkeypatch.setattr(writers, "round", interrupting_round, raising=False)
    handler = signal.getsignal(signal.SIGTERM)
    code, err = run([*args, "--docs-per-batch", "1"], capsys)
    assert signal.getsignal(signal.SIGTERM) is handler  # main() puts the handler back
    assert code == 130
    assert err == ["interrupted: analysed 1 document(s), skipped 0"]
    assert csv_documents(out) == full[:1]


def test_an_interrupted_write_is_cut_back_to_the_last_whole_document(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    out = tmp_path / "out.jsonl"
    writes = 0
    write_some = writers.OutputFile._write_some

    def interrupted(self, data):
        nonlocal writes
        writes += 1
        if writes == 3:
            write_some(self, data[:10])
            raise KeyboardInterrupt
        return write_some(self, data)

    monkeypatch.setattr(writers.OutputFile, "_write_some", interrupted)
    code, err = run([str(folder), "--output", str(out)], capsys)
    assert (code, err) == (130, ["interrupted: analysed 2 document(s), skipped 0"])
    assert jsonl_ids(out) == [str(folder / "a.txt"), str(folder / "b.txt")]
    assert out.read_bytes().endswith(b"}\n")


SIGTERM_ON_SECOND_BATCH = """
import os, signal, sys
from framing.inference.analyzer import Analyzer
analyze_many, calls = Analyzer.analyze_many, []
def terminated_on_second_batch(self, *args, **kwargs):
    calls.append(1)
    if len(calls) == 2:
        os.kill(os.getpid(), signal.SIGTERM)
    return analyze_many(self, *args, **kwargs)
Analyzer.analyze_many = terminated_on_second_batch
from framing.inference.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_sigterm_stops_the_run_with_whole_documents_and_exit_143(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    before = signal.getsignal(signal.SIGTERM)
    analyze_many, calls = Analyzer.analyze_many, []

    def terminated_on_second_batch(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            # without main()'s handler SIGTERM would end the whole test session: check it first
            assert signal.getsignal(signal.SIGTERM) not in (before, signal.SIG_DFL, None)
            os.kill(os.getpid(), signal.SIGTERM)
        return analyze_many(self, *args, **kwargs)

    monkeypatch.setattr(Analyzer, "analyze_many", terminated_on_second_batch)
    out = tmp_path / "out.csv"
    args = [str(folder), "--format", "csv", "--output", str(out), "--docs-per-batch", "1"]
    code, err = run(args, capsys)
    assert signal.getsignal(signal.SIGTERM) is before  # main() puts the handler back
    assert (code, err) == (143, ["terminated: analysed 1 document(s), skipped 0"])
    assert csv_documents(out) == [(str(folder / "a.txt"), ["0", "1"])]


@pytest.mark.slow  # a Python of its own, seconds to start
def test_sigterm_stops_python_dash_m_framing_with_exit_143(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    args = [str(folder), "--format", "csv", "--output", str(out), "--docs-per-batch", "1"]
    result = python(["-c", SIGTERM_ON_SECOND_BATCH, "analyze", *args, "--quiet"], timeout=120)
    assert result.returncode == 143, result.stderr
    assert result.stderr.splitlines() == ["terminated: analysed 1 document(s), skipped 0"]
    assert csv_documents(out) == [(str(folder / "a.txt"), ["0", "1"])]


@pytest.mark.slow  # a Python of its own and two workers, seconds to start
def test_num_proc_runs_cleanly_with_the_sigterm_handler(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    args = ["-m", "framing", "analyze", str(folder), "--output", str(out), "--quiet"]
    result = python([*args, "--num-proc", "2", "--docs-per-batch", "1"], timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == ["analysed 3 document(s), skipped 0"]
    assert jsonl_ids(out) == [str(folder / n) for n in ARTICLES]
