"""The JSONL reader: records by line number; a bad line raises, or becomes a problem and the
reading goes on."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.data.jsonl import Problem, iter_jsonl, read_jsonl

LINES = [
    b'{"a": 1}',
    b"",  # 2: blank, neither a record nor a problem
    b'{"a": "caf\xe9"}',  # 3: Latin-1, not UTF-8
    b"{broken",  # 4
    b"[1, 2]",  # 5
    b'{"a": "\xc3\xa9"}\r',  # 6: UTF-8, a Windows line end
]


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join(LINES) + b"\n")
    return path


def test_bad_lines_become_problems_and_the_good_ones_are_read(mixed: Path) -> None:
    problems: list[Problem] = []
    assert list(iter_jsonl(mixed, problems)) == [(1, {"a": 1}), (6, {"a": "é"})]
    assert [(p.file, p.line) for p in problems] == [
        (str(mixed), 3),
        (str(mixed), 4),
        (str(mixed), 5),
    ]
    assert [str(p) for p in problems] == [
        f"{mixed}:3: not UTF-8 text (invalid continuation byte)",
        f"{mixed}:4: not valid JSON (Expecting property name enclosed in double quotes)",
        f"{mixed}:5: expected a JSON object",
    ]


def test_without_a_problem_list_the_first_bad_line_raises(mixed: Path) -> None:
    with pytest.raises(ValueError, match=r"mixed\.jsonl:3: not UTF-8 text") as err:
        read_jsonl(mixed)
    assert str(err.value) == str(
        Problem(str(mixed), 3, "not UTF-8 text (invalid continuation byte)")
    )
    good = mixed.with_name("good.jsonl")
    good.write_bytes(LINES[0] + b"\n\n" + LINES[5] + b"\n")
    assert read_jsonl(good) == [{"a": 1}, {"a": "é"}]
