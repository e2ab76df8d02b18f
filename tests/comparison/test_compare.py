"""``framing.compare``: groups, the two bases of a share, intervals, differences, who speaks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import framing
from framing.comparison import MISSING
from tests.comparison.analyses import analysis, sentence, stance_doc, write


def rows_of(result: framing.Comparison, **match: object) -> list[dict]:
    return [r for r in result.rows if all(r[k] == v for k, v in match.items())]


def one(result: framing.Comparison, **match: object) -> dict:
    (row,) = rows_of(result, **match)
    return row


def test_pairs_pool_sentences_and_documents_weigh_each_document_the_same() -> None:
    # a long document critical of Iran in 8 of 8 sentences, a short one supportive in 2 of 2:
    # pooled, 8 of 10 pairs are critical; per document, the mean of 1.0 and 0.0
    docs = [
        stance_doc("Reuters", "iran", ["critical"] * 8),
        stance_doc("Reuters", "iran", ["supportive"] * 2),
    ]
    result = framing.compare(docs, by="outlet", resamples=200)
    pairs = one(result, actor="iran", measure="critical", basis="pairs")
    documents = one(result, actor="iran", measure="critical", basis="documents")
    assert pairs["value"] == pytest.approx(0.8)
    assert documents["value"] == pytest.approx(0.5)
    assert pairs["n_pairs"] == documents["n_pairs"] == 10
    assert pairs["n_documents"] == 2
    assert one(result, actor="iran", measure="neutral", basis="pairs")["value"] == 0.0
    assert one(result, actor="(all)", measure="opinion", basis="pairs")["value"] == 0.0
    # two documents, under min_documents: shown and flagged
    assert all(r["small"] for r in result.rows)
    assert result.small_groups == ["Reuters"]


def test_group_measures_opinion_reported_frames() -> None:
    sentences = [
        sentence(0, {"united_states": "critical"}, mode="opinion"),
        sentence(1, {"iran": "supportive"}, reported=True, speaker="iran"),
        sentence(2),
        sentence(3),
    ]
    result = framing.compare([analysis(sentences)], resamples=50)
    value = {r["measure"]: r["value"] for r in rows_of(result, actor="(all)", basis="pairs")}
    assert value["opinion"] == 0.25 and value["reported"] == 0.25
    assert value["critical_of_us"] == 0.25 and value["supportive_of_iran"] == 0.25
    assert value["neutral_reporting"] == 0.75  # the news sentences, one of them reported


@pytest.mark.parametrize(
    ("by", "groups"),
    [
        ("outlet", {"AP": 1, "Reuters": 2, MISSING: 1}),
        ("date", {"2025-01-31": 1, "2025-11-03": 2, "last week": 1}),  # as written
        ("date:month", {"2025-01": 1, "2025-11": 2, MISSING: 1}),
        ("date:year", {"2025": 3, MISSING: 1}),
        ("genre", {"news": 3, "opinion": 1}),
        ("title", {"Talks": 1, MISSING: 3}),
    ],
)
def test_grouping_by_each_kind_of_field(by: str, groups: dict[str, int]) -> None:
    docs = [
        stance_doc("Reuters", "iran", ["critical"], title="Talks"),
        stance_doc("Reuters", "iran", ["neutral"], genre="opinion"),
        stance_doc("AP", "iran", ["neutral"], date="2025-01-31"),
        stance_doc(None, "iran", ["neutral"], date="last week"),
    ]
    result = framing.compare(docs, by=by, resamples=20)
    assert result.groups == groups
    assert list(result.groups)[-1] == MISSING or MISSING not in groups  # (missing) comes last


def test_grouping_by_file_names_each_analyses_file(tmp_path: Path) -> None:
    first = write(tmp_path / "a.jsonl", [stance_doc("X", "iran", ["critical"])] * 2)
    folder = tmp_path / "parts"
    folder.mkdir()
    second = write(folder / "part-0.jsonl", [stance_doc("X", "iran", ["neutral"])] * 3)
    result = framing.compare([first, folder], by="file", resamples=20)
    assert result.groups == {str(first): 2, str(second): 3}
    objects = framing.compare([stance_doc("X", "iran", ["neutral"])], by="file", resamples=20)
    assert objects.groups == {MISSING: 1}


def test_a_name_that_cannot_be_a_field_is_named() -> None:
    with pytest.raises(ValueError, match="cannot group by 'col our'"):
        framing.compare([], by="col our")


def test_the_interval_holds_the_estimate_and_shrinks_with_more_documents() -> None:
    mix = [
        stance_doc("R", "iran", ["critical", "neutral"]),
        stance_doc("R", "iran", ["critical", "critical", "supportive"]),
        stance_doc("R", "iran", ["neutral"]),
        stance_doc("R", "iran", ["critical", "neutral", "neutral", "supportive"]),
    ]
    widths = []
    for copies in (2, 20):
        result = framing.compare(mix * copies, resamples=500, seed=1)
        for row in result.rows:
            if row["value"] is not None:
                assert row["low"] <= row["value"] <= row["high"], row
        row = one(result, actor="iran", measure="critical", basis="pairs")
        widths.append(row["high"] - row["low"])
    assert widths[1] < widths[0] / 2  # ten times the documents: about a third of the width


def test_a_difference_that_is_significant_and_one_that_is_not() -> None:
    docs = [stance_doc("Press TV", "united_states", ["critical"] * 3) for _ in range(10)]
    docs += [stance_doc("Reuters", "united_states", ["neutral", "critical", "neutral"])] * 10
    docs += [stance_doc(o, "iran", ["critical", "neutral"]) for o in ("Press TV", "Reuters")] * 6
    result = framing.compare(docs, resamples=500)
    diffs = {
        (r["actor"], r["measure"], r["basis"]): r
        for r in result.difference_rows
        if (r["group_a"], r["group_b"]) == ("Press TV", "Reuters")
    }
    us = diffs["united_states", "critical", "pairs"]
    assert us["difference"] == pytest.approx(1 - 1 / 3, abs=1e-6)
    assert us["significant"] and us["low"] > 0
    iran = diffs["iran", "critical", "pairs"]
    assert iran["difference"] == 0.0 and not iran["significant"]
    summary = result.to_markdown()
    assert (
        "Press TV is more critical of United States than Reuters: 1.00 vs 0.33 of pairs, "
        "difference 0.67 [" in summary
    )
    assert "20 documents" not in summary and "32 read, 32 used, 0 skipped" in summary


def test_who_speaks_and_when_it_is_not_available() -> None:
    speaking = [
        analysis(
            [
                sentence(0, reported=True, speaker="iran"),
                sentence(1, reported=True, speaker="other"),
                sentence(2, reported=True, speaker="iran"),
                sentence(3),
            ],
            outlet="A",
        )
    ]
    silent = [analysis([sentence(0, reported=True), sentence(1)], outlet="B")]  # no speaker model
    result = framing.compare(speaking + silent, resamples=50)
    assert one(result, group="A", actor="iran", measure="speaks", basis="pairs")["value"] == (
        pytest.approx(2 / 3, abs=1e-6)
    )
    assert one(result, group="A", actor="other", measure="speaks", basis="pairs")["n_pairs"] == 3
    absent = one(result, group="B", measure="speaks", basis="pairs")
    assert absent["actor"] == "(all)" and absent["value"] is None and absent["low"] is None
    assert result.speakers_not_available == ["B"]
    assert "Who speaks is not available for: B" in result.to_markdown()
    assert not [r for r in result.difference_rows if r["measure"] == "speaks"]


def test_bad_lines_are_named_with_file_and_line_and_counted(tmp_path: Path) -> None:
    good = stance_doc("R", "iran", ["critical"])
    future = {**good, "schema_version": 9}
    path = write(tmp_path / "a.jsonl", [good, "{not json", json.dumps(future), "", good, "[1]"])
    result = framing.compare(path, resamples=20)
    assert result.counts() == {"read": 5, "used": 2, "skipped": 3}
    assert result.skipped[0].startswith(f"{path}:2: not a JSON line")
    assert result.skipped[1].startswith(f"{path}:3: schema_version 9 is not one")
    assert result.skipped[2].startswith(f"{path}:6: expected a JSON object")
    assert f"skipped {path}:2: not a JSON line" in result.to_markdown()


def test_python_objects_of_each_kind() -> None:
    line = json.dumps(stance_doc("R", "iran", ["critical"]))
    docs = [framing.read_analysis(line), json.loads(line), line, 42]
    result = framing.compare(docs, resamples=20)
    assert result.groups == {"R": 3}
    assert result.skipped == ["item 4: not an analysis: int"]


def test_the_same_seed_gives_the_same_intervals() -> None:
    docs = [stance_doc("R", "iran", ["critical", "neutral"][: 1 + i % 2]) for i in range(9)]
    docs += [stance_doc("A", "iran", ["neutral", "supportive"][: 1 + i % 2]) for i in range(7)]
    first, again = (framing.compare(docs, resamples=300, seed=7) for _ in range(2))
    assert first.rows == again.rows and first.difference_rows == again.difference_rows
    other = framing.compare(docs, resamples=300, seed=8)
    assert [r["value"] for r in other.rows] == [r["value"] for r in first.rows]
    assert [r["low"] for r in other.rows] != [r["low"] for r in first.rows]
    # a group's resamples do not depend on the other groups compared with it
    alone = framing.compare(docs[:9], resamples=300, seed=7)
    assert alone.rows == [r for r in first.rows if r["group"] == "R"]


def test_a_share_from_too_few_documents_is_never_significant() -> None:
    # one document on each side mentions Israel: every resample that has it gives the same share,
    # so the interval has no width, and it says nothing about the outlets
    docs = [stance_doc("A", "iran", ["neutral"]) for _ in range(6)]
    docs += [stance_doc("B", "iran", ["neutral"]) for _ in range(6)]
    docs += [stance_doc("A", "israel", ["critical"] * 4)]
    docs += [stance_doc("B", "israel", ["neutral"] * 4)]
    for min_documents, expected in ((5, False), (1, True)):
        result = framing.compare(docs, resamples=200, min_documents=min_documents)
        row = next(
            r
            for r in result.difference_rows
            if (r["actor"], r["measure"], r["basis"]) == ("israel", "critical", "pairs")
        )
        assert (row["n_documents_a"], row["n_documents_b"]) == (1, 1)
        assert row["low"] == row["high"] == 1.0
        assert row["significant"] is expected


def test_the_summary_says_one_stance_difference_per_pair_and_actor() -> None:
    docs = [stance_doc("Press TV", "united_states", ["critical"] * 3) for _ in range(10)]
    docs += [stance_doc("Reuters", "united_states", ["neutral", "critical", "neutral"])] * 10
    result = framing.compare(docs, resamples=300)
    stance_rows = [
        r
        for r in result.difference_rows
        if r["actor"] == "united_states" and r["basis"] == "pairs" and r["significant"]
    ]
    assert {r["measure"] for r in stance_rows} == {"critical", "neutral"}  # both in the table
    listed = [r for r in result.largest() if r["actor"] == "united_states"]
    assert len(listed) == 1 and listed[0]["measure"] in ("critical", "neutral")
