"""Grouping by any metadata field: the extra fields of ``--meta-fields`` (``slant_group``), a
field no document has (every document in ``(missing)``, with a warning naming the fields they
have), and ``genre`` (the predicted genre) beside a metadata field named ``genre``."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest

import framing
from framing.comparison import MISSING
from framing.comparison.cli import main
from framing.comparison.report import render_report
from tests.comparison.analyses import stance_doc, write


def docs() -> list[dict]:
    state, wire = {"slant_group": "state"}, {"slant_group": "wire", "genre": "report"}
    slanted = [
        stance_doc("Press TV", "iran", ["supportive"], extra={**state, "genre": "op"}),
        stance_doc("IRNA", "iran", ["supportive"], extra=state),
        stance_doc("Reuters", "iran", ["neutral"], extra=wire),
    ]
    return [*slanted, stance_doc("AP", "iran", ["neutral"])]  # a document without the fields


def test_an_extra_field_groups_and_a_document_without_it_is_missing() -> None:
    result = framing.compare(docs(), by="slant_group", resamples=200)
    assert result.groups == {"state": 2, "wire": 1, MISSING: 1}
    assert result.warnings == []
    assert framing.compare(docs(), by="meta:slant_group", resamples=200).groups == result.groups


def test_genre_is_the_predicted_genre_and_meta_genre_the_field() -> None:
    predicted = framing.compare(docs(), by="genre", resamples=200)
    assert predicted.groups == {"news": 4}
    assert predicted.warnings == [
        "--by genre groups by the genre the model predicts (news or opinion); the documents "
        "also carry a metadata field 'genre': --by meta:genre groups by it"
    ]
    field = framing.compare(docs(), by="meta:genre", resamples=200)
    assert field.groups == {"op": 1, "report": 1, MISSING: 2}


def test_a_field_no_document_has_is_a_warning_naming_the_fields(tmp_path: Path, capsys) -> None:
    result = framing.compare(docs(), by="colour", resamples=200)
    assert result.groups == {MISSING: 4}
    warning = (
        "no document has the field 'colour' (--by colour): all 4 are in the group (missing); "
        "the documents' fields: outlet, date, slant_group, genre"
    )
    assert result.warnings == [warning]
    assert f"Warning: {warning}" in result.to_markdown()
    path = write(tmp_path / "a.jsonl", docs())
    out = tmp_path / "out"
    # on the command line a field no document has is most likely misspelt: an error, no output
    assert main([str(path), "--by", "colour", "--output", str(out), "--resamples", "200"]) == 2
    assert f"error: {warning}" in capsys.readouterr().err
    assert not (out / "comparison.json").exists()
    page = lxml.html.fromstring(render_report(result))  # from Python: a report with the warning
    assert f"Warning: {warning}" in page.find_class("warn")[0].text_content()


def test_an_extra_field_survives_the_schema_round_trip() -> None:
    doc = framing.read_analysis(json.dumps(docs()[0]))
    assert doc.meta.extra == {"slant_group": "state", "genre": "op"}
    assert doc.to_dict()["metadata"]["extra"] == {"slant_group": "state", "genre": "op"}
    assert "extra" not in framing.read_analysis(json.dumps(docs()[3])).to_dict()["metadata"]
    # a line whose writer put a field beside the five is read, the field kept as an extra one
    loose = docs()[3]
    loose["metadata"]["slant_group"] = "wire"
    assert framing.read_analysis(json.dumps(loose)).meta.get("slant_group") == "wire"


@pytest.mark.parametrize("bad", [{"extra": "x"}, {"extra": {"bad name": "x"}}])
def test_a_bad_extra_object_is_a_named_skip(bad: dict) -> None:
    doc = docs()[3]
    doc["metadata"].update(bad)
    result = framing.compare([doc, docs()[0]], resamples=200)
    assert result.counts()["skipped"] == 1
    assert result.skipped[0].startswith("item 1: ") and "metadata" in result.skipped[0]
