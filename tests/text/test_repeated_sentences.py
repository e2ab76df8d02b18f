"""Sentences repeated inside longer lines: a lede repeated in the body, a paragraph printed twice
and cut short differently. The first copy stays. (A line repeated whole, or inside a longer line,
is the older line rules': see test_repeats.py.)"""

from __future__ import annotations

from framing import clean
from framing.text.clean import CleanConfig

LEDE = "The port authority approved a second container terminal after two years of talks."
PAGE = (
    "Port authority approves a second terminal\n\n"
    f"{LEDE} Dock workers welcomed the decision on Tuesday.\n\n"
    f"{LEDE} The city council must still vote on the budget. The vote is due in May.\n\n"
    "The city council must still vote on the budget, the mayor said.\n"
)


def test_a_repeated_sentence_is_cut_and_the_first_copy_kept() -> None:
    cleaned = clean(PAGE)
    assert cleaned.text.count(LEDE) == 1
    assert cleaned.text.index(LEDE) < cleaned.text.index("Dock workers")
    dup = [r for r in cleaned.removals if r.kind == "duplicate"]
    assert [r.text for r in dup] == [LEDE + " "]  # with the space after it
    for r in cleaned.removals:
        assert PAGE[r.start : r.end] == r.text
    # the third paragraph now starts at its second sentence
    assert "\n\nThe city council must still vote on the budget. The vote" in cleaned.text
    for i, char in enumerate(cleaned.text):
        assert char.isspace() or PAGE[cleaned.offsets[i]] == char


def test_a_sentence_that_only_resembles_an_earlier_one_stays() -> None:
    # "..., the mayor said." is a longer sentence, and short sentences never count
    cleaned = clean(PAGE)
    assert "The city council must still vote on the budget, the mayor said." in cleaned.text
    short = "Talks resumed in Erbil. Iran said no.\n\nIraq agreed. Talks resumed in Erbil.\n"
    assert clean(short).text == short.strip()


def test_a_paragraph_printed_twice_and_cut_short_differently_is_removed() -> None:
    one = "Despite a hostile campaign, the minister held all his meetings in Beirut this week."
    two = "His main goal was to show that his country still has significant influence."
    text = f"{one} {two} Since the war began...\n\n{one}  {two} Since the...\n\nComments (0)\n"
    cleaned = clean(text)
    assert cleaned.text.count("Despite a hostile campaign") == 1
    assert cleaned.text.count("His main goal") == 1
    assert [r.kind for r in cleaned.removals].count("duplicate") == 2


def test_sentences_compare_by_words_and_citations_do_not_hide_a_repeat() -> None:
    sentence = "Israel appears to have struck inside Tehran, one of the most populous cities."
    text = (
        f"{sentence} Many were hurt.\n\n"
        "Israel appears to have struck inside Tehran , one of the most populous cities [2]. "
        "Reports continue to come in.\n"
    )
    cleaned = clean(text)
    assert cleaned.text.count("Israel appears") == 1
    assert cleaned.text.endswith("\n\nReports continue to come in.")


def test_a_line_of_repeated_sentences_only_goes_whole() -> None:
    one = "The port authority approved a second container terminal on Tuesday morning."
    two = "Dock workers and the city council both welcomed the decision of the authority."
    text = f"{one} Talks began in 2023. {two}\n\n{two} {one}\n\nThe vote is due in May.\n"
    cleaned = clean(text)
    assert cleaned.text == f"{one} Talks began in 2023. {two}\n\nThe vote is due in May."
    assert [r.text for r in cleaned.removals] == [f"{two} {one}"]
    assert cleaned.removals[0].kind == "duplicate"


def test_the_threshold_and_the_switch() -> None:
    assert clean(PAGE, CleanConfig(min_duplicate_sentence_words=50)).text.count(LEDE) == 2
    assert clean(PAGE, CleanConfig(disabled=["duplicate"])).text.count(LEDE) == 2
