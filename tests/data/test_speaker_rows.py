"""A training row's ``speaker``: read into ``Example.speaker`` and checked (null, "other" or a
lexicon actor, and only on a reported sentence), each error naming the row."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from framing.data.annotated import DataError, load_examples

ROW = {"doc_id": "a", "text": "Iran said it would talk.", "mode": "news", "reported": True,
       "mentions": [{"text_start": 0, "text_end": 4, "actor": "iran"}],
       "stances": [{"actor": "iran", "stance": "neutral"}]}  # fmt: skip


def write(tmp_path: Path, *rows: dict) -> Path:
    path = tmp_path / "rows.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize("speaker", ["iran", "other", None, "hezbollah"])
def test_a_speaker_is_read(tmp_path: Path, speaker: str | None) -> None:
    (example,) = load_examples(str(write(tmp_path, {**ROW, "speaker": speaker})))
    assert example.speaker == speaker


def test_rows_without_a_speaker_key_have_none(tmp_path: Path) -> None:
    assert load_examples(str(write(tmp_path, ROW)))[0].speaker is None
    assert all(ex.speaker is None for ex in load_examples())  # the annotated set has none


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"speaker": "narnia"}, r"row 2: speaker 'narnia' is neither null, 'other' nor an actor"),
        ({"speaker": 3}, r"row 2: speaker 3 is neither"),
        (
            {"speaker": "iran", "reported": False},
            r"row 2: speaker 'iran' on a sentence that is not",
        ),
    ],
)
def test_a_wrong_speaker_names_the_row(tmp_path: Path, change: dict, message: str) -> None:
    path = write(tmp_path, ROW, {**ROW, **change})
    with pytest.raises(DataError, match=message) as err:
        load_examples(str(path))
    assert str(path) in str(err.value)


def test_a_csv_reads_an_empty_speaker_as_none(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    head = "doc_id,text,mode,reported,mentions,stances,speaker\n"
    mentions = json.dumps(ROW["mentions"]).replace('"', '""')
    stances = json.dumps(ROW["stances"]).replace('"', '""')
    line = f'a,Iran said it would talk.,news,true,"{mentions}","{stances}",'
    path.write_text(head + line + "\n" + line + "other\n", encoding="utf-8")
    assert [ex.speaker for ex in load_examples(str(path))] == [None, "other"]


def test_context_is_the_previous_row_of_the_same_article(tmp_path: Path) -> None:
    rows = [
        {**ROW, "doc_id": "a", "text": "Iran said it would talk."},
        {**ROW, "doc_id": "b", "text": "Iran said it would wait."},
        {**ROW, "doc_id": "a", "text": "Iran added that it would not."},
    ]
    examples = load_examples(str(write(tmp_path, *rows)))
    assert [ex.context for ex in examples] == [None, None, "Iran said it would talk."]


def test_the_corpus_sentences_carry_their_previous_sentence() -> None:
    examples = load_examples("seed")
    assert examples[0].context is None
    for before, ex in itertools.pairwise(examples):
        assert ex.context == (before.text if before.doc_id == ex.doc_id else None)
