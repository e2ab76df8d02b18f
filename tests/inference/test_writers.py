"""The csv output of ``python -m framing analyze``: one row per sentence, with its speaker."""

from __future__ import annotations

import csv
import io

from framing.inference.writers import CSV_COLUMNS, Writer
from framing.labels import FRAMES


def _sentence(index: int, text: str, reported: bool, speaker: str | None) -> dict:
    return {
        "index": index,
        "start": 0,
        "end": len(text),
        "text": text,
        "mode": {"label": "news", "probabilities": {"opinion": 0.2, "news": 0.8}},
        "reported": {"label": reported, "probability": 0.9 if reported else 0.1},
        "speaker": speaker,
        "stances": {},
        "frames": {f: False for f in FRAMES},
    }


def test_the_csv_has_a_speaker_column_empty_when_there_is_none() -> None:
    handle = io.StringIO()
    writer = Writer(handle, "csv")
    analysis = {
        "sentences": [
            _sentence(0, "Iran said the talks failed.", True, "iran"),
            _sentence(1, "Analysts disagree, one noted.", True, "other"),
            _sentence(2, "The talks failed.", False, None),
        ],
        "warnings": [],
    }
    handle.write(writer.render("doc", analysis))
    rows = list(csv.DictReader(io.StringIO(handle.getvalue())))
    assert list(rows[0]) == CSV_COLUMNS
    assert CSV_COLUMNS.index("speaker") == CSV_COLUMNS.index("p_reported") + 1
    assert [r["speaker"] for r in rows] == ["iran", "other", ""]
    assert [r["sentence"] for r in rows] == ["0", "1", "2"]
