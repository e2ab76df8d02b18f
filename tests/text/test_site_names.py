"""Site-name lines: the names a page's own site goes by, derived from its outlet and URL, and
removed by the cleaner when a line is only one of them."""

from __future__ import annotations

import pytest

from framing import clean
from framing.text.clean import CleanConfig
from framing.text.site_names import name_key, name_keys, site_names

# a scraped page in the shape of a small outlet's article page (text written for this test)
PAGE = (
    "The Harbour Ledger\n\n"
    "Port authority approves a second container terminal\n\n"
    "12-03-2025 08:15\n\n"
    "THE HARBOUR LEDGER – The port authority approved on Tuesday a second container terminal "
    "after two years of talks with the city council.\n\n"
    "Officials said the Harbour Ledger had first reported the plan in 2023.\n\n"
    "Harbour Ledger\n"
)


def removed(text: str, kind: str, **kwargs: object) -> list[str]:
    return [r.text for r in clean(text, **kwargs).removals if r.kind == kind]


def test_an_outlet_written_abbreviation_first_gives_both_names() -> None:
    names = site_names("ABNA (AhlulBayt News Agency)", "https://en.abna24.com/news/1762745/x")
    assert {"ABNA", "AhlulBayt News Agency", "abna24"} <= set(names)


@pytest.mark.parametrize(
    ("url", "stem"),
    [
        ("https://www.timesofisrael.com/liveblog/", "timesofisrael"),
        ("https://staging.peregraf.com/en/news/9504", "peregraf"),
        ("https://thisisbeirut.com.lb/articles/1327163/x", "thisisbeirut"),
        ("http://english.example-news.co.uk/a?b=c", "example-news"),
    ],
)
def test_the_url_host_stem_is_a_name(url: str, stem: str) -> None:
    assert stem in site_names(url=url)


def test_nothing_known_gives_no_names() -> None:
    assert site_names() == () and site_names(" ", "") == () and site_names(url="not a url") == ()


def test_keys_ignore_case_punctuation_spaces_and_a_leading_the() -> None:
    assert name_key("The Times of Israel") == name_key("TIMES OF ISRAEL.") == "timesofisrael"
    assert name_key("timesofisrael") in name_keys(["The Times of Israel"])
    assert name_key("The") == "the"  # a lone "The" is not emptied


def test_a_name_of_three_capitalised_words_goes_by_its_initialism() -> None:
    keys = name_keys(["National Council of Resistance of Iran", "The Harbour Ledger"])
    assert "ncri" in keys
    assert "hl" not in keys  # two letters stand for too many things


def test_a_line_that_is_only_the_site_name_is_removed() -> None:
    names = site_names("The Harbour Ledger", "https://www.harbourledger.com/news/1")
    cleaned = clean(PAGE, site_names=names)
    assert [r.text for r in cleaned.removals if r.kind == "site_name"] == [
        "The Harbour Ledger",
        "Harbour Ledger",
    ]
    # the dateline that opens the article and the sentence naming the site stay
    assert "THE HARBOUR LEDGER – The port authority approved" in cleaned.text
    assert "Officials said the Harbour Ledger had first reported" in cleaned.text
    for r in cleaned.removals:
        assert PAGE[r.start : r.end] == r.text


def test_the_host_stem_and_the_initialism_match_lines() -> None:
    text = "NCRI\n\nThe regime arrested three students on Monday.\n\nncr-iran.org\n"
    names = site_names("National Council of Resistance of Iran", "https://www.ncr-iran.org/en/x")
    assert removed(text, "site_name", site_names=names) == ["NCRI", "ncr-iran.org"]
    toi = ["The Times of Israel"]
    assert removed("TimesOfIsrael\n\nTalks resumed.", "site_name", site_names=toi)


def test_a_name_ending_a_line_after_a_separator_is_cut_from_it() -> None:
    text = "Port authority approves a second terminal | The Harbour Ledger\n\nThe port grew."
    cleaned = clean(text, site_names=["Harbour Ledger"])
    assert cleaned.text == "Port authority approves a second terminal\n\nThe port grew."
    assert removed(text, "site_name", site_names=["Harbour Ledger"]) == [" | The Harbour Ledger"]


def test_without_names_or_with_the_kind_off_nothing_changes() -> None:
    assert clean(PAGE).text == clean(PAGE, site_names=()).text
    assert "The Harbour Ledger" in clean(PAGE).text
    off = CleanConfig(disabled=["site_name"])
    assert clean(PAGE, off, site_names=["Harbour Ledger"]).text == clean(PAGE, off).text


def test_a_single_name_given_as_a_string_is_one_name() -> None:
    assert removed("Peregraf\n\nTalks resumed in Erbil.", "site_name", site_names="Peregraf")
