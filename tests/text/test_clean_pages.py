"""Cleaning rules for what real scraped pages leave (issue 16): bylines, metadata lines, related
headlines, prompts, captions and credits. Each page below is written for the test in the shape
of a real page; the article's own sentences must all stay, with their offsets."""

from __future__ import annotations

import pytest

import framing
from framing.text.clean import CleanConfig, clean

BODY = "Iran and Iraq signed a border security pact in Baghdad on Monday."
LEDE = "The deal commits both sides to joint patrols along the frontier, officials said."


def kept_and_removed(raw: str) -> tuple[list[str], dict[str, str]]:
    """The sentences of ``raw`` (each the raw text at its offsets) and removed text -> kind."""
    sentences = framing.segment(raw)
    cleaned = clean(raw)
    for s in sentences:
        assert raw[s.start : s.end] == s.text
    return [s.text for s in sentences], {r.text.strip(): r.kind for r in cleaned.removals}


@pytest.mark.parametrize(
    ("noise", "kind"),
    [
        ("By Edward Gabriel, The Hill, Aug. 13, 2025", "byline"),
        ("L'OLJ / By Nadia KARAM, 03 September 2025 19:25", "byline"),
        ("By: Dr. Leila Hamdan", "byline"),
        ("By Tom Harding, international affairs editor", "byline"),
        ("Translated by Al-Manar Desk", "byline"),
        ("(Reporting by Sam Field and Lina Aziz; editing by Joe Bloggs)", "byline"),
        ("Reporting by Lina Haddad; Editing by Anna Cole", "byline"),
        ("Follow her on X @lina_h.", "chrome"),
        ("News ID: 148822", "metadata"),
        ("Publish Date : 06 January 2025 - 22:14", "metadata"),
        ("Last updated: 12 March 2025", "metadata"),
        ("Monday, August 11, 2025", "metadata"),
        ("2025-06-24 11:45 Last Updated At:11:50", "metadata"),
        ("Oct. 20, 2025 • 2 min read", "metadata"),
        ("Gulf Herald9 hours ago", "metadata"),
        ("Published date: 27 June 2025", "metadata"),
        ("Three-minute read", "metadata"),
        ("Read more: Baghdad opens a new border crossing with Iran", "related"),
        ("WATCH: Minister speaks after the talks", "related"),
        ("Sign up to receive our weekly briefing newsletter, straight to your inbox.", "prompt"),
        ("Already a subscriber? Log in", "prompt"),
        ("We use cookies to improve your experience on our site.", "prompt"),
        ("Getting your audio player ready...", "prompt"),
        ("To watch the full interview, click here.", "prompt"),
        ("FILE PHOTO: Smoke rises over the port after the strike", "caption"),
        ("(Graphic: Designed by Sara Amin)", "credit"),
        ("Photo by Karim Sahib/AFP via Getty Images.", "credit"),
        ("(Reuters File)", "credit"),
        ("Source: Getty", "credit"),
        ("The post Talks resume in Baghdad appeared first on www.example-news.com.", "chrome"),
        ("Reuters logo", "chrome"),
        ("HomeMiddle EastTalks resume in Baghdad", "chrome"),
        ("Analysis | Middle East", "label"),
    ],
)
def test_page_noise_line_is_removed_and_the_article_stays(noise: str, kind: str) -> None:
    raw = f"Border pact signed\n\n{BODY}\n\n{noise}\n\n{LEDE}\n"
    sentences, removed = kept_and_removed(raw)
    assert sentences == ["Border pact signed", BODY, LEDE]
    assert removed == {noise: kind}


@pytest.mark.parametrize(
    "content",
    [
        "By Land and Sea: How the Pact Changes the Border",  # a headline opening with "By"
        "Officials said the deal was reached by Iraq and Iran after months of talks.",
        "Reporting by the BBC found the deal was old; editors in Baghdad disagreed.",
        # news in the shape of a prompt or a logo's alt text (found by a review)
        "The EU's new cookie policy rules took effect on Monday, regulators in Brussels said.",
        "Register to vote by Friday, the election body said in an email to reporters.",
        "Iran unveils new airline logo",
        "Looking Ahead: Lebanon and Beyond",  # a subheading
        "“We will not accept interference,” the minister said on June 22, 2025.",
        "ERBIL, Kurdistan Region -",  # a dateline is content
        "Conclusion",
    ],
)
def test_content_in_the_shape_of_noise_stays(content: str) -> None:
    raw = f"Border pact signed\n\n{content}\n\n{BODY}\n"
    cleaned = clean(raw)
    assert content in cleaned.text
    assert cleaned.removals == []


def test_date_prefix_is_cut_and_the_sentence_stays() -> None:
    raw = f"date 2025-08-15 CAIRO – {BODY}\n"
    cleaned = clean(raw)
    assert cleaned.text == f"CAIRO – {BODY}"
    assert [(r.kind, r.text) for r in cleaned.removals] == [("metadata", "date 2025-08-15 ")]
    assert cleaned.to_raw(0, 5) == (16, 21)


def test_a_date_prefix_before_a_section_label_takes_the_whole_line() -> None:
    cleaned = clean(f"date 2025-09-03 COMMENTARY\n{BODY}\n")
    assert cleaned.text == BODY
    assert [r.kind for r in cleaned.removals] == ["label"]


def test_prompt_sentence_run_into_a_paragraph_is_cut_alone() -> None:
    raw = f"{BODY} Sign up to receive weekly analysis of the region, direct to your inbox. {LEDE}\n"
    cleaned = clean(raw)
    assert cleaned.text == f"{BODY} {LEDE}"
    assert [r.kind for r in cleaned.removals] == ["prompt"]


def test_a_byline_broken_over_lines_is_removed_whole() -> None:
    raw = f"Border pact signed\nby\nNoor Hassan\nPublished June 13, 2025\n{BODY}\n"
    cleaned = clean(raw)
    assert [s.text for s in framing.segment(raw)] == ["Border pact signed", BODY]
    assert [r.kind for r in cleaned.removals] == ["byline", "byline", "metadata"]


def test_a_name_after_a_headline_is_not_a_byline() -> None:
    raw = f"Noor Hassan\n\nPublished June 13, 2025\n\n{BODY}\n"
    assert clean(raw).text == f"Noor Hassan\n\n{BODY}"


def test_headlines_under_a_related_heading_are_removed() -> None:
    raw = (
        f"{BODY}\n\nAlso in Opinions\nThe psychology of a long border dispute\n"
        "A decade of salary crisis: a deeper look\n\nA+ A-\n"
        f"{LEDE}\n"
    )
    cleaned = clean(raw)
    assert cleaned.text == f"{BODY}\n\n{LEDE}"
    assert [r.kind for r in cleaned.removals] == ["related", "related", "related", "chrome"]


def test_teasers_in_a_row_are_related_headlines_and_one_alone_stays() -> None:
    teasers = (
        "A senior adviser to the minister said in an interview with…\n"
        "The two presidents will meet on the sidelines of…\n"
    )
    assert clean(f"{BODY}\n{teasers}").text == BODY
    single = f"{BODY}\nThe minister paused and said that he would wait and see...\n"
    assert clean(single).text == single.strip()


def test_a_caption_repeated_on_the_next_line_is_removed_both_times() -> None:
    caption = "Mourners march in Najaf, Iraq, Oct. 14, 2024. Photo by Ali Karim/AFP."
    cleaned = clean(f"Border pact signed\n\n{caption}\n{caption}\n\n{BODY}\n")
    assert cleaned.text == f"Border pact signed\n\n{BODY}"
    assert [r.kind for r in cleaned.removals] == ["caption", "caption"]


def test_caption_closed_by_a_copyright_credit() -> None:
    raw = f"The Treasury building in Washington, DC on Jan. 18, 2023. ©Jane Roe / AFP\n\n{BODY}\n"
    cleaned = clean(raw)
    assert cleaned.text == BODY
    assert [r.kind for r in cleaned.removals] == ["caption"]


def test_caption_markers_in_running_caption_text() -> None:
    raw = (
        "Iraqi Prime Minister Ali Karim and Foreign Minister Omar Said, right, sit in the "
        f"cabinet room\n\nIn this image provided by the ministry, the two men talk.\n\n{BODY}\n"
    )
    assert clean(raw).text == BODY


def test_new_kinds_can_be_switched_off() -> None:
    raw = f"By Noor Hassan\n\nNews ID: 148822\n\n{BODY}\n"
    config = CleanConfig.from_dict({"disabled": ["byline", "metadata"]})
    assert clean(raw, config).text == f"By Noor Hassan\n\nNews ID: 148822\n\n{BODY}"
    with pytest.raises(ValueError, match="sentence_kinds"):
        CleanConfig.from_dict({"sentence_kinds": ["nonsense"]})
