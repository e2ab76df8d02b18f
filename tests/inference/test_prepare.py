"""The Analyzer's text front end: the segmenter and cleaning rules the model's ``framing.json``
records (``preprocessing``) are used unless the user gives others; a record that cannot be used
is a ModelError naming the file and the value; a folder saved before the record behaves as it
always did."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

import framing
from framing import ModelError
from framing.inference.cli import main
from framing.text.segment import get_segmenter

# a text each segmenter splits otherwise than the default one does
SPLIT_OTHERWISE = {
    "punkt": "He met Mr. Araghchi in Tehran. Iraq agreed.",  # Punkt splits after "Mr."
    "pysbd": "The talks ended at 5 p.m. Iran left.",  # pySBD splits after "p.m."
}
LIBRARY = {"punkt": "nltk", "pysbd": "pysbd"}
TITLED = SPLIT_OTHERWISE["punkt"]
CITED = "Iran and Iraq signed a security memorandum [3] in Baghdad on Monday."


def needs(segmenter: str) -> None:
    """Skip, naming the extra to install, when the segmenter's library is missing."""
    if importlib.util.find_spec(LIBRARY[segmenter]) is None:
        pytest.skip(
            f"segmenter {segmenter!r} needs {LIBRARY[segmenter]}: "
            f"pip install 'framing[{segmenter}]'"
        )


def saved_with(model_dir: Path, folder: Path, preprocessing: dict[str, Any] | None) -> Path:
    """The session's model saved again into ``folder`` with this text front end recorded."""
    model = framing.load(model_dir).model
    model.preprocessing = preprocessing
    model.save_pretrained(folder)
    return folder


def texts(analyzer: framing.Analyzer, text: str) -> list[str]:
    return [s.text for s in analyzer.analyze(text).sentences]


@pytest.mark.parametrize(
    "name",
    [pytest.param("punkt", marks=pytest.mark.slow), "pysbd"],  # NLTK takes seconds to import
)
def test_a_recorded_segmenter_is_used_unless_another_is_given(
    model_dir: Path, tmp_path: Path, name: str
) -> None:
    needs(name)
    text = SPLIT_OTHERWISE[name]
    folder = saved_with(model_dir, tmp_path / "m", {"segmenter": name, "cleaning": None})
    assert json.loads((folder / "framing.json").read_text(encoding="utf-8"))["preprocessing"] == {
        "segmenter": name,
        "cleaning": None,
    }
    recorded = framing.load(folder)
    assert recorded.segmenter is get_segmenter(name)
    theirs = [s.text for s in framing.segment(text, segmenter=name)]
    default = [s.text for s in framing.segment(text)]
    assert theirs != default  # the check below can tell them apart
    assert texts(recorded, text) == theirs
    # an explicit argument wins, by name or as an instance
    assert texts(framing.load(folder, segmenter="default"), text) == default
    given = framing.load(folder, segmenter=get_segmenter("default"))
    assert given.segmenter is get_segmenter("default")


def test_recorded_cleaning_rules_are_used_unless_others_are_given(
    model_dir: Path, tmp_path: Path
) -> None:
    cleaning = {"disabled": ["citation"]}
    folder = saved_with(model_dir, tmp_path / "m", {"segmenter": "default", "cleaning": cleaning})
    recorded = framing.load(folder)
    assert recorded.clean_config == framing.CleanConfig.from_dict(cleaning)
    assert all("[3]" in d.sentences[0].text for d in recorded.analyze_many([CITED, CITED]))
    explicit = framing.load(folder, clean_config=framing.CleanConfig())
    assert "[3]" not in explicit.analyze(CITED).sentences[0].text
    # without cleaning, the recorded rules are not read at all
    assert framing.load(folder, clean=False).clean_config is None


def test_a_folder_without_the_record_behaves_as_before(model_dir: Path) -> None:
    meta = json.loads((model_dir / "framing.json").read_text(encoding="utf-8"))
    assert "preprocessing" not in meta
    analyzer = framing.load(model_dir)
    assert analyzer.model.preprocessing is None
    assert analyzer.segmenter is get_segmenter("default") and analyzer.clean_config is None
    assert texts(analyzer, TITLED) == [s.text for s in framing.segment(TITLED)]
    assert "[3]" not in analyzer.analyze(CITED).sentences[0].text


def test_an_analyzer_built_from_a_model_uses_its_record(model_dir: Path) -> None:
    model = framing.load(model_dir).model
    model.preprocessing = {"segmenter": "default", "cleaning": {"disabled": ["citation"]}}
    assert "[3]" in framing.Analyzer(model).analyze(CITED).sentences[0].text
    model.preprocessing = {"segmenter": "default", "cleaning": {"disabled": ["nonsense"]}}
    with pytest.raises(ModelError, match=r"^the model's framing\.json: preprocessing\.cleaning"):
        framing.Analyzer(model)


@pytest.mark.parametrize(
    ("preprocessing", "message"),
    [
        (
            {"segmenter": "crystal_ball", "cleaning": None},
            r"preprocessing\.segmenter: unknown segmenter 'crystal_ball'; available: .*default",
        ),
        (
            {"segmenter": "default", "cleaning": {"disabled": ["nonsense"]}},
            r"preprocessing\.cleaning: unknown kind 'nonsense' in disabled",
        ),
        (
            {"segmenter": "default", "cleaning": {"min_duplicate_chars": "many"}},
            r"preprocessing\.cleaning: 'min_duplicate_chars' must be int, got 'many'",
        ),
        (
            {"segmenter": "default", "cleaning": {"patterns": {"chrome": ["(unclosed"]}}},
            r"preprocessing\.cleaning: invalid regex in patterns\.chrome: '\(unclosed'",
        ),
    ],
    ids=["unknown segmenter", "unknown kind", "wrong type", "invalid regex"],
)
def test_a_record_that_cannot_be_used_is_a_model_error(
    model_dir: Path, tmp_path: Path, preprocessing: dict[str, Any], message: str
) -> None:
    folder = saved_with(model_dir, tmp_path / "m", preprocessing)
    with pytest.raises(ModelError, match=message) as err:
        framing.load(folder)
    assert str(err.value).startswith(f"{folder / 'framing.json'}: ")
    # the user's own choice does not read the record it replaces
    if preprocessing["cleaning"] is None:
        assert framing.load(folder, segmenter="default").segmenter is get_segmenter("default")
    else:
        assert framing.load(folder, clean_config=framing.CleanConfig()).clean_config is not None


def test_the_cli_reports_a_record_that_cannot_be_used(
    model_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    folder = saved_with(model_dir, tmp_path / "m", {"segmenter": "crystal_ball", "cleaning": None})
    (tmp_path / "a.txt").write_text(CITED, encoding="utf-8")
    assert main(["analyze", str(tmp_path / "a.txt"), "--model", str(folder), "--quiet"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1
    assert err[0].startswith(f"error: {folder / 'framing.json'}: preprocessing.segmenter: ")
    assert "'crystal_ball'" in err[0]
