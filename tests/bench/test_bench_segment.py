"""``python -m framing.bench segment``: boundary scoring, the boundary file reader, the command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from extras import needs_extra

from framing.bench import segment as bench
from framing.bench.cli import main
from framing.bench.golden import CASES, score_golden


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_flatten_shifts_spans() -> None:
    text = "Head line\n\nFriday\n\nA b. C d."
    spans = [[0, 9], [11, 17], [19, 23], [24, 28]]
    flat, shifted = bench.flatten(text, spans)
    assert flat == "Head line Friday A b. C d."
    assert [flat[s:e] for s, e in shifted] == ["Head line", "Friday", "A b.", "C d."]


def test_boundaries_skip_the_first_sentence_and_leading_space() -> None:
    assert bench.boundaries("A. B. C.", [[0, 2], [2, 5], [6, 8]]) == {3, 6}


def test_score_counts_micro_averaged() -> None:
    score = bench.BoundaryScore()
    score.add({3, 6}, {3, 9})
    score.add({5}, {5})
    assert (score.tp, score.fp, score.fn) == (2, 1, 1)
    assert score.precision == pytest.approx(2 / 3)
    assert score.recall == pytest.approx(2 / 3)
    assert score.f1 == pytest.approx(2 / 3)


def test_load_boundary_file_names_file_and_line(tmp_path: Path) -> None:
    good = {"doc_id": "a", "text": "A b.", "sentences": [[0, 4]]}
    path = write_jsonl(tmp_path / "x.jsonl", [good, {"doc_id": "b", "text": "x"}])
    with pytest.raises(ValueError, match=r"x\.jsonl:2: missing key 'sentences'"):
        bench.load_boundary_file(path)
    path.write_text(json.dumps(good) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"x\.jsonl:2: not valid JSON"):
        bench.load_boundary_file(path)
    bad_span = {"doc_id": "c", "text": "abc", "sentences": [[0, 9]]}
    write_jsonl(path, [bad_span])
    with pytest.raises(ValueError, match=r"x\.jsonl:1: sentence span \[0, 9\]"):
        bench.load_boundary_file(path)


@pytest.mark.slow
def test_cli_on_a_file_of_the_same_shape(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    needs_extra("punkt")
    text = "Iran and Iraq sign pact\n\nMonday, August 11, 2025\n\nThe U.S. objected. Iraq did not."
    starts = [0, 25, 50, 69]
    ends = [23, 48, 68, 82]
    doc = {
        "doc_id": "d1",
        "text": text,
        "sentences": [list(p) for p in zip(starts, ends, strict=True)],
    }
    data = write_jsonl(tmp_path / "mine.jsonl", [doc])
    out = tmp_path / "result.json"
    code = main(
        [
            "segment",
            "--data",
            str(data),
            "--segmenters",
            "default",
            "punkt",
            "--repeat",
            "1",
            "--scaling",
            "0.01",
            "--output",
            str(out),
        ]
    )
    assert code == 0
    result = json.loads(out.read_text())
    default = result["segmenters"]["default"]
    assert default["all"]["para"]["f1"] == 1.0
    assert default["all"]["flat"]["f1"] == 1.0
    speed = default["speed"]  # the file's 4 gold sentences over the median time of the runs
    assert speed["runs"] >= 1 and speed["seconds_median"] > 0
    assert speed["sentences_per_second"] == pytest.approx(4 / speed["seconds_median"], rel=0.05)
    assert result["segmenters"]["punkt"]["all"]["para"]["fn"] > 0  # Punkt ignores line breaks
    assert result["scaling"][0]["sentences"] > 0
    # the scraped-pages count of the checkout's corpus, every split, in the same run
    counts = result["chrome"]["splits"]
    assert set(counts) >= {"train", "dev", "test"} and counts["train"]["articles"] > 100
    printed = capsys.readouterr().out
    assert "default" in printed and "punkt" in printed and "sentences/s" in printed
    assert "chrome left" in printed and "real removed" in printed


def test_missing_data_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="no such file"):
        main(["segment", "--data", str(tmp_path / "absent.jsonl"), "--scaling"])


def gum_news(shared_dir: Path) -> list[dict]:
    """The GUM news documents of train and dev."""
    gum = shared_dir / "data" / "segmentation" / "gum-news"
    return [
        d for split in ("train", "dev") for d in bench.load_boundary_file(gum / f"{split}.jsonl")
    ]


def ud_dev(shared_dir: Path, name: str) -> list[dict]:
    """A dev file of ud-dev/: every GUM genre (gum_dev) or the English Web Treebank (ewt_dev)."""
    return bench.load_boundary_file(
        shared_dir / "data" / "segmentation" / "ud-dev" / f"{name}.jsonl"
    )


def test_default_segmenter_meets_its_gum_targets(shared_dir: Path) -> None:
    """Quality regression guard on the public GUM news documents. Not a held-out score: the
    default's rules were written while reading GUM train and dev (the Punkt parameters never saw
    GUM)."""
    docs = gum_news(shared_dir)
    assert bench.score_boundaries("default", docs).f1 >= 0.97
    assert bench.score_boundaries("default", docs, flat=True).f1 >= 0.95


@pytest.mark.parametrize(
    ("name", "para", "flat"),
    [
        ("gum_dev", 0.975, 0.95),  # every GUM genre: the target is 0.95 in both modes
        ("ewt_dev", 0.91, 0.84),  # web text: pySBD gets 0.893 and 0.815 (slow test below)
    ],
)
def test_default_segmenter_meets_its_dev_targets(
    shared_dir: Path, name: str, para: float, flat: float
) -> None:
    """Regression guard on the dev files of every GUM genre and of EWT. Development scores: the
    rules of framing.text.news were written while reading these files (their test splits were
    never used)."""
    docs = ud_dev(shared_dir, name)
    assert bench.score_boundaries("default", docs).f1 >= para
    assert bench.score_boundaries("default", docs, flat=True).f1 >= flat


@pytest.mark.slow  # pySBD takes seconds on EWT dev
def test_default_segmenter_beats_pysbd_on_web_text(shared_dir: Path) -> None:
    needs_extra("pysbd")
    docs = ud_dev(shared_dir, "ewt_dev")
    for flat in (False, True):
        default = bench.score_boundaries("default", docs, flat=flat).f1
        assert default >= bench.score_boundaries("pysbd", docs, flat=flat).f1


def test_golden_cases_are_well_formed() -> None:
    """Each case names one pattern, and its sentences are its text in order, only blanks left
    out, so that a perfect segmenter can pass every case."""
    assert len({case.kind for case in CASES}) == len(CASES) >= 40
    for case in CASES:
        cursor = 0
        for sentence in case.sentences:
            found = case.text.find(sentence, cursor)
            assert found >= 0 and not case.text[cursor:found].strip(), case.kind
            cursor = found + len(sentence)
        assert not case.text[cursor:].strip(), case.kind


def test_golden_rules_of_the_default_segmenter() -> None:
    result = score_golden("default")
    assert result["total"] == len(CASES)
    assert result["passed"] == result["total"] - len(result["failed"])
    # development figure: the cases were written beside the segmenter (46 of 48 pass; the two
    # misses, coordinates and a period without a space, are rules the dev data argues against)
    assert set(result["failed"]) <= {"geo coordinates", "no space after period"}


def test_quick_run_scores_every_default_data_set(
    shared_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    out = tmp_path / "quick.json"
    args = ["segment", "--quick", "--segmenters", "default", "--shared", str(shared_dir)]
    assert main([*args, "--output", str(out)]) == 0
    result = json.loads(out.read_text())
    labels = ["gum-news/train", "gum-news/dev", "ud-dev/gum_dev", "ud-dev/ewt_dev", "all"]
    assert list(result["data"]) == labels
    row = result["segmenters"]["default"]
    assert all(row[label]["flat"]["tp"] > 0 for label in labels)
    assert row["golden"]["total"] == len(CASES) == result["golden_cases"]
    assert row["speed"]["runs"] == 1
    assert "scaling" not in result and result["annotated_documents"] == 0
    printed = capsys.readouterr().out
    assert "ud-dev/ewt_dev flat F1" in printed and "golden rules" in printed


@pytest.mark.slow  # Punkt and pySBD take seconds on GUM news
def test_default_segmenter_beats_punkt_and_pysbd_on_gum(shared_dir: Path) -> None:
    needs_extra("punkt", "pysbd")
    docs = gum_news(shared_dir)
    for mode in ("para", "flat"):
        default = bench.score_boundaries("default", docs, flat=mode == "flat").f1
        for other in ("punkt", "pysbd"):
            assert default >= bench.score_boundaries(other, docs, flat=mode == "flat").f1
