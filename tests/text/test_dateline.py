"""Datelines (:mod:`framing.text.dateline`) and the default segmenter making each a sentence."""

from __future__ import annotations

import pytest

import framing
from framing.text.dateline import Dateline, find_dateline, iter_datelines


@pytest.mark.parametrize(
    ("text", "place", "agency", "date", "dateline"),
    [
        ("CAIRO – Egypt said it would act.", "CAIRO", None, None, "CAIRO –"),
        ("TEHRAN — Iran said.", "TEHRAN", None, None, "TEHRAN —"),
        ("BEIRUT (AP) — Israel said.", "BEIRUT", "AP", None, "BEIRUT (AP) —"),
        ("ERBIL (Kurdistan24) – The KRG said.", "ERBIL", "Kurdistan24", None, None),
        ("BAGHDAD (Dispatches) -- Iraq said.", "BAGHDAD", "Dispatches", None, None),
        (
            "DUBAI, United Arab Emirates (AP) — Iran said.",
            "DUBAI, United Arab Emirates",
            "AP",
            None,
            None,
        ),
        ("WASHINGTON, Aug 12 (Reuters) - The U.S. said.", "WASHINGTON", "Reuters", "Aug 12", None),
        ("TEHRAN, Aug. 25 (MNA) ― Analysts met.", "TEHRAN", "MNA", "Aug. 25", None),
        ("Baghdad, Aug 12 (NationPress) Iraq said.", "Baghdad", "NationPress", "Aug 12", None),
        (
            "ERBIL, Kurdistan Region - Iran's official spoke.",
            "ERBIL, Kurdistan Region",
            None,
            None,
            None,
        ),
        ("SAN FRANCISCO – The city said.", "SAN FRANCISCO", None, None, None),
    ],
)
def test_dateline_forms(
    text: str, place: str, agency: str | None, date: str | None, dateline: str | None
) -> None:
    found = find_dateline(text)
    assert found is not None
    assert (found.place, found.agency, found.date) == (place, agency, date)
    assert found.start == 0 and text[found.start : found.end] == found.text
    if dateline is not None:
        assert found.text == dateline
    # the rest of the text is the story, opening with a capital
    assert text[found.end :].lstrip()[0].isupper()


@pytest.mark.parametrize(
    "text",
    [
        "Iran - Iraq relations grew.",  # a capitalised word and a dash: a headline
        "The Islamic Revolution Guards Corps (IRGC) Commander said so.",  # a bracket, no place
        "He said it - The end came.",
        "Iran rejects UN – Araghchi says more.",  # capitals mid-line, after a word
        "The talks - and the deal - failed.",  # lower case after the dash
        "",
    ],
)
def test_not_datelines(text: str) -> None:
    assert find_dateline(text) is None


def test_datelines_after_a_line_break_a_sentence_or_a_time_stamp() -> None:
    text = (
        "Iran warns\n  CAIRO – Talks began. BEIRUT (AP) — Talks ended.\n"
        " date 2025-07-21 TEHRAN – Araghchi spoke."
    )
    found = list(iter_datelines(text))
    assert [d.text for d in found] == ["CAIRO –", "BEIRUT (AP) —", "TEHRAN –"]
    assert all(text[d.start : d.end] == d.text for d in found)
    assert find_dateline(text, start=found[0].end) == found[1]
    assert isinstance(found[0], Dateline)


def test_a_dateline_is_read_back_over_a_bounded_reach() -> None:
    text = "A" * 500 + " – The story."  # one capitalised run too long for a place
    assert find_dateline(text) is None


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "BAGHDAD (Dispatches) -- The prime minister spoke.",
            ["BAGHDAD (Dispatches) --", "The prime minister spoke."],
        ),
        (
            " date 2025-07-21 TEHRAN – Iranian Foreign Minister Abbas Araghchi spoke.",
            ["date 2025-07-21", "TEHRAN –", "Iranian Foreign Minister Abbas Araghchi spoke."],
        ),
        (
            "Talks resume\nWASHINGTON, Aug 12 (Reuters) - The U.S. said no.",
            ["Talks resume", "WASHINGTON, Aug 12 (Reuters) -", "The U.S. said no."],
        ),
        (
            "It was late. Baghdad, Aug 12 (NationPress) Iraq said so.",
            ["It was late.", "Baghdad, Aug 12 (NationPress)", "Iraq said so."],
        ),
        ("Iran - Iraq relations grew.", ["Iran - Iraq relations grew."]),
    ],
)
def test_the_segmenter_makes_a_dateline_its_own_sentence(source: str, expected: list[str]) -> None:
    sentences = framing.segment(source, clean=False)
    assert [s.text for s in sentences] == expected
    assert all(source[s.start : s.end] == s.text for s in sentences)


def test_a_dateline_is_content_kept_by_cleaning() -> None:
    raw = "Iraq and Iran sign a pact\n\nCAIRO – Egypt welcomed the pact on Monday."
    sentences = framing.segment(raw)
    assert "CAIRO –" in [s.text for s in sentences]
    assert all(raw[s.start : s.end] == s.text for s in sentences if s.text == "CAIRO –")


@pytest.mark.parametrize(
    "text",
    [
        "223 HUB - Robeson Center",  # a number, not a date or time, before capitals
        "PS -- There is a happy hour tonight.",  # two capitals: a postscript, not a place
    ],
)
def test_not_datelines_in_addresses_and_letters(text: str) -> None:
    assert find_dateline(text) is None
