"""Public benchmark files read in their own formats: the examples, the bad rows named by file
and line, the real files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from public_rows import CT_HEADER, target, write_jsonl, write_tsv

from framing.data.annotated import DataError, load_examples
from framing.labels import STANCES
from framing.public.benchmarks import Problem, load_benchmark, read_benchmark
from framing.records import Target


def test_newsmtsc_rows_of_one_sentence_are_one_example(tmp_path: Path) -> None:
    first = "Alpha praised Beta, and Beta thanked Alpha."
    second = "Gamma met Delta."
    rows = [
        target(first, "Alpha", 1, id="a1"),
        target(second, "Gamma", 0, id="g"),
        target(first, "Beta", -1.0, id="b1"),  # an integral float is accepted
        target(first, "Beta", 0.0, occurrence=1),  # no id: the line number stands in
        target(second, "Delta", -1),
    ]
    examples, problems = read_benchmark("newsmtsc", write_jsonl(tmp_path / "t.jsonl", rows))
    assert problems == []
    assert [ex.text for ex in examples] == [first, second]
    one, two = examples
    assert one.doc_id == "newsmtsc:1" and two.doc_id == "newsmtsc:2"
    assert one.mode is None and one.reported is None
    assert one.mentions == [
        Target(0, 5, actor=None, stance="supportive"),
        Target(14, 18, actor=None, stance="critical"),
        Target(24, 28, actor=None, stance="neutral"),
    ]
    assert one.ids == ["a1", "b1", "4"]
    assert [m.stance for m in two.mentions] == ["neutral", "critical"]
    assert [two.text[m.start : m.end] for m in two.mentions] == ["Gamma", "Delta"]


def test_newsmtsc_bad_rows_are_named_and_the_good_ones_kept(tmp_path: Path) -> None:
    good = target("Alpha praised Beta.", "Alpha", 1)
    rows = [
        good,  # 1
        '{"sentence": "Alpha left.", "mention": ',  # 2: truncated JSON
        [1, 2, 3],  # 3: not an object
        {k: v for k, v in good.items() if k != "polarity"},  # 4
        {**good, "to": 99},  # 5: past the end of the sentence
        {**good, "from": 3, "to": 3},  # 6: empty span
        {**good, "mention": "Beta"},  # 7: sentence[from:to] is Alpha
        {**good, "polarity": 2},  # 8
        {**good, "polarity": 2.0},  # 9
        {**good, "polarity": 0.5},  # 10
        {**good, "polarity": "1"},  # 11
        {**good, "polarity": True},  # 12
        {**good, "sentence": "   ", "from": 0, "to": 1, "mention": " "},  # 13
        "",  # 14: a blank line is no row and no problem
        target("Gamma met Delta.", "Delta", 0),  # 15
        {**good, "polarity": [1]},  # 16: unhashable
        {**good, "from": "0"},  # 17
    ]
    path = write_jsonl(tmp_path / "mixed.jsonl", rows)
    examples, problems = read_benchmark("newsmtsc", path)
    assert [ex.text for ex in examples] == ["Alpha praised Beta.", "Gamma met Delta."]
    assert [len(ex.mentions) for ex in examples] == [1, 1]
    expected = {
        2: "not valid JSON",
        3: "expected a JSON object",
        4: "missing key 'polarity'",
        5: "'from'/'to' (0, 99) outside the sentence",
        6: "'from'/'to' (3, 3) outside the sentence",
        7: "sentence[from:to] is 'Alpha', not the mention 'Beta'",
        8: "polarity 2 is not -1, 0 or 1",
        9: "polarity 2 is not -1, 0 or 1",
        10: "polarity 0.5 is not -1, 0 or 1",
        11: "polarity '1' is not -1, 0 or 1",
        12: "polarity True is not -1, 0 or 1",
        13: "empty or non-string 'sentence'",
        16: "polarity [1] is not -1, 0 or 1",
        17: "'from'/'to' ('0', 5) outside the sentence",  # the string "0" is not an offset
    }
    assert [p.line for p in problems] == list(expected)
    for problem in problems:
        assert problem.file == str(path)
        assert expected[problem.line] in problem.reason, problem
        assert str(problem) == f"{path}:{problem.line}: {problem.reason}"


def test_checkthat_labels_and_bad_rows(tmp_path: Path) -> None:
    rows = [
        CT_HEADER,
        ["s1", "  The minister is a disgrace.  ", "SUBJ", "False"],  # 2
        ["s2", "The minister spoke on Monday.", "OBJ", "True"],  # 3
        ["s3", "Lower case label.", "subj", "False"],  # 4
        ["s4", "   ", "OBJ", "False"],  # 5
        ["s5", "No label column at all."],  # 6
        ["", "An empty id.", "OBJ", "False"],  # 7
    ]
    path = write_tsv(tmp_path / "ct.tsv", rows)
    examples, problems = read_benchmark("checkthat", path)
    assert [(ex.text, ex.mode, ex.ids) for ex in examples] == [
        ("The minister is a disgrace.", "opinion", ["s1"]),
        ("The minister spoke on Monday.", "news", ["s2"]),
        ("An empty id.", "news", ["7"]),
    ]
    assert all(ex.reported is None and ex.mentions == [] for ex in examples)
    assert [ex.doc_id for ex in examples] == ["checkthat:2", "checkthat:3", "checkthat:7"]
    assert [(p.line, p.reason) for p in problems] == [
        (4, "label 'subj' is not SUBJ or OBJ"),
        (5, "empty 'sentence'"),
        (6, "label None is not SUBJ or OBJ"),
    ]
    assert all(p.file == str(path) for p in problems)


def test_checkthat_quotes_are_text_and_blank_lines_keep_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "ct.tsv"
    path.write_text(
        'sentence_id\tsentence\tlabel\n1\t"Never," he said.\tSUBJ\n\n3\tBad.\tNEUTRAL\n',
        encoding="utf-8",
    )
    examples, problems = read_benchmark("checkthat", path)
    assert [ex.text for ex in examples] == ['"Never," he said.']
    assert [(p.line, p.reason) for p in problems] == [(4, "label 'NEUTRAL' is not SUBJ or OBJ")]


def test_checkthat_missing_column(tmp_path: Path) -> None:
    path = write_tsv(tmp_path / "ct.tsv", [["sentence_id", "text", "label"], ["1", "Hi.", "OBJ"]])
    examples, problems = read_benchmark("checkthat", path)
    assert examples == []
    assert problems == [Problem(str(path), 1, "missing column(s) ['sentence']")]


def test_bytes_that_are_not_utf8_spoil_only_their_row(tmp_path: Path) -> None:
    rows = [json.dumps(target(t, "Alpha", 0)).encode() for t in ("Alpha one.", "Alpha two.")]
    bad = json.dumps(target("Alpha caf\u00e9.", "Alpha", 0)).encode().replace(b"\\u00e9", b"\xe9")
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(rows[0] + b"\n" + bad + b"\n" + rows[1] + b"\n")
    examples, problems = read_benchmark("newsmtsc", path)
    assert [ex.text for ex in examples] == ["Alpha one.", "Alpha two."]
    assert [p.line for p in problems] == [2]
    assert "not UTF-8" in problems[0].reason and problems[0].file == str(path)

    tsv = tmp_path / "latin1.tsv"
    tsv.write_bytes(
        b"sentence_id\tsentence\tlabel\n1\tGood.\tOBJ\n2\tCaf\xe9 talk.\tSUBJ\n3\tOk.\tOBJ\n"
    )
    examples, problems = read_benchmark("checkthat", tsv)
    assert [ex.text for ex in examples] == ["Good.", "Ok."]
    assert [p.line for p in problems] == [3]
    assert "not UTF-8" in problems[0].reason


def test_load_benchmark_raises_naming_the_rows(tmp_path: Path) -> None:
    good = target("Alpha praised Beta.", "Alpha", 1)
    path = write_jsonl(tmp_path / "n.jsonl", [good, {**good, "polarity": 5}, "nope"])
    with pytest.raises(
        DataError, match=r"2 bad row\(s\) in .*n\.jsonl: .*n\.jsonl:2: polarity 5"
    ) as e:
        load_benchmark("newsmtsc", path)
    assert f"{path}:3: not valid JSON" in str(e.value)
    many = write_jsonl(tmp_path / "many.jsonl", [good] + ["x"] * 12)
    with pytest.raises(DataError, match=r"12 bad row\(s\).*many\.jsonl:11: .*\(and 2 more\)$"):
        load_benchmark("newsmtsc", many)
    rows = [target(f"Alpha number {i}.", "Alpha", 0) for i in range(5)]
    clean = write_jsonl(tmp_path / "clean.jsonl", rows)
    assert len(load_benchmark("newsmtsc", clean)) == 5
    limited = load_benchmark("newsmtsc", clean, limit=2)
    assert [ex.text for ex in limited] == ["Alpha number 0.", "Alpha number 1."]


def test_unknown_benchmark_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(
        ValueError, match=r"unknown benchmark 'semeval'; known: newsmtsc, checkthat"
    ):
        read_benchmark("semeval", tmp_path / "x.jsonl")
    with pytest.raises(FileNotFoundError, match=r"no such checkthat file: .*absent\.tsv"):
        read_benchmark("checkthat", tmp_path / "absent.tsv")
    with pytest.raises(FileNotFoundError):
        load_benchmark("newsmtsc", tmp_path)  # a folder is not a file


def test_annotated_reader_reads_the_project_schema() -> None:
    from framing.data.annotated import annotated_dir

    examples, problems = read_benchmark("annotated", annotated_dir() / "sentences.jsonl")
    assert problems == []
    assert examples == load_examples()


def test_the_shared_public_files_read_cleanly(shared_dir: Path) -> None:
    data = shared_dir / "data"
    cases = [
        ("newsmtsc", "target-sentiment/newsmtsc/train.jsonl", 7739, 8739),
        ("newsmtsc", "target-sentiment/newsmtsc/dev_rw.jsonl", 320, 343),
        ("newsmtsc", "target-sentiment/newsmtsc/dev_mt.jsonl", 216, 442),
        ("checkthat", "subjectivity/checkthat-en/train.tsv", 830, 0),
        ("checkthat", "subjectivity/checkthat-en/dev.tsv", 462, 0),
    ]
    for name, path, sentences, mentions in cases:
        examples, problems = read_benchmark(name, data / path)
        assert problems == [], (path, problems[:3])
        assert len(examples) == sentences, path
        assert sum(len(ex.mentions) for ex in examples) == mentions, path
    train_ct, _ = read_benchmark("checkthat", data / "subjectivity/checkthat-en/train.tsv")
    assert sum(ex.mode == "opinion" for ex in train_ct) == 298  # SUBJ, per the data README
    train_nm, _ = read_benchmark("newsmtsc", data / "target-sentiment/newsmtsc/train.jsonl")
    stances = [m.stance for ex in train_nm for m in ex.mentions]
    counts = {s: stances.count(s) for s in STANCES}
    assert counts == {"neutral": 3028, "supportive": 2395, "critical": 3316}
