"""Tests of :mod:`framing.text.clean`: noise removal, joined sentences, offsets and the config."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.text.clean import CleanConfig, CleanedText, Cleaner, Removal, clean

REPO = Path(__file__).resolve().parents[2]
BODY = "Iran and Iraq signed a border security pact in Baghdad on Monday."


# -- helpers -------------------------------------------------------------------------------------
def check_exact(raw: str, cleaned: CleanedText) -> None:
    """The invariants every cleaning result must keep, whatever the input."""
    text, offsets = cleaned.text, list(cleaned.offsets)
    assert cleaned.raw == raw
    assert len(offsets) == len(text)
    for i, (char, at) in enumerate(zip(text, offsets, strict=True)):
        assert 0 <= at < len(raw), (i, at)
        assert char == raw[at] or (char.isspace() and raw[at].isspace()), (i, char, raw[at])
    assert all(a < b for a, b in pairwise(offsets)), "offsets not strictly increasing"
    end = 0
    removed: set[int] = set()
    for removal in cleaned.removals:
        assert removal.kind in CleanConfig.KINDS
        assert end <= removal.start < removal.end <= len(raw), (removal, end)
        assert raw[removal.start : removal.end] == removal.text
        removed.update(range(removal.start, removal.end))
        end = removal.end
    kept = set(offsets)
    assert not removed & kept, "a clean character comes from a removed span"
    # every visible raw character is either kept or recorded as removed
    unaccounted = [
        k
        for k, char in enumerate(raw)
        if not char.isspace()
        and char not in "\u200b\ufeff\u2060"
        and k not in removed
        and k not in kept
    ]
    assert not unaccounted, [raw[k] for k in unaccounted]


def clean_checked(raw: str, config: CleanConfig | None = None) -> CleanedText:
    cleaned = clean(raw, config)
    check_exact(raw, cleaned)
    return cleaned


def kinds(cleaned: CleanedText) -> list[tuple[str, str]]:
    return [(r.kind, r.text) for r in cleaned.removals]


def lines(cleaned: CleanedText) -> list[str]:
    return [line for line in cleaned.text.split("\n") if line]


@pytest.fixture(scope="module")
def cleaned_seeds(seeds: dict[str, str]) -> dict[str, tuple[str, CleanedText]]:
    """Seed number ("000".."004") -> (raw, cleaned)."""
    return {name[:3]: (raw, clean(raw)) for name, raw in seeds.items()}


def seed(cleaned_seeds: dict[str, tuple[str, CleanedText]], number: str) -> CleanedText:
    if number not in cleaned_seeds:
        pytest.skip(f"seed {number} not found")
    return cleaned_seeds[number][1]


# -- the real seeds ------------------------------------------------------------------------------
def test_seeds_keep_offsets_and_removals_exact(
    cleaned_seeds: dict[str, tuple[str, CleanedText]],
) -> None:
    assert len(cleaned_seeds) >= 5
    for raw, cleaned in cleaned_seeds.values():
        check_exact(raw, cleaned)
        assert cleaned.text.strip()
        assert cleaned.text == cleaned.text.strip()


@pytest.mark.parametrize(
    ("number", "noise"),
    [
        ("000", "Skip to content"),
        ("000", "Read also"),
        ("000", "[1]"),
        ("000", "[3]"),
        ("000", "]"),
        ("000", "https://"),
        ("000", "aljazeera.com"),
        ("002", "Photo: IRIB"),
        ("002", "(right)"),
        ("002", "Rudaw moderates"),
        ("002", "community guidelines"),
        ("002", "Comments are not edited"),
        ("002", "Post a comment"),
        ("003", "(IRNA English +1)"),
        ("003", "+12"),
        ("003", "+3"),
        ("003", "Caliber.az"),
        ("003", "[Wikipedia]"),
        ("003", "click on"),
        ("003", "For additional coverage"),
        ("004", "O P I N I O N"),
        ("004", "AZIZ TAHER/REUTERS"),
        ("004", "REUTERS"),
        ("004", "> "),
        ("004", "(c) arrives to"),
        ("004", "(R) sign a joint"),
        ("004", "Nabih Berri"),
        ("004", "first appeared in the Persian-language"),
    ],
)
def test_seed_noise_is_gone(
    cleaned_seeds: dict[str, tuple[str, CleanedText]], number: str, noise: str
) -> None:
    assert noise not in seed(cleaned_seeds, number).text


def test_seed_000_chrome_lines_are_gone(cleaned_seeds: dict[str, tuple[str, CleanedText]]) -> None:
    kept = lines(seed(cleaned_seeds, "000"))
    assert "Latest" not in kept
    assert not any(line.startswith(("Skip to", "Read also")) for line in kept)
    assert kept[-1].startswith("The developments in Iran-Iraq border security")


def test_seed_002_comment_block_is_gone(cleaned_seeds: dict[str, tuple[str, CleanedText]]) -> None:
    cleaned = seed(cleaned_seeds, "002")
    assert "Comments" not in lines(cleaned)
    assert lines(cleaned)[0].startswith("ERBIL, Kurdistan Region - Iran’s top security official")
    assert lines(cleaned)[-1].startswith("Iran and Iraq have shared a strong relationship")
    comments = [r.text for r in cleaned.removals if r.kind == "comments"]
    assert comments[0] == "Comments"
    assert comments[-1] == "Post a comment"
    assert len(comments) == 6


@pytest.mark.parametrize(
    ("number", "kind", "text"),
    [
        ("000", "chrome", "Skip to content"),
        ("000", "chrome", "Read also:"),
        ("000", "chrome", "Latest"),
        ("000", "citation", " [1][3][5]"),
        ("000", "citation", " [4]"),
        ("000", "duplicate", "Iranian security chief holds talks with Iraqi officials"),
        ("000", "references", "[1] https://www.aljazeera.com/"),
        ("001", "bullet", "- "),
        ("002", "caption", "Ali Larijani (right) and Iraqi President Abdul Latif Rashid (left)"),
        ("002", "comments", "Rudaw moderates all comments"),
        ("002", "comments", "Post a comment"),
        ("003", "citation", " (IRNA English +1)"),
        ("003", "citation", " (Caliber.az +12 IRNA English +12 Rudaw +12)"),
        ("003", "citation", " [Wikipedia]"),
        ("003", "chrome", " For additional coverage click on WANA or IRNA English"),
        ("004", "label", "O P I N I O N"),
        ("004", "credit", "AZIZ TAHER/REUTERS"),
        ("004", "caption", "Security Council Ali Larijani (c) arrives to"),
        ("004", "caption", "meet with Lebanese Parliament Speaker Nabih Berri"),
        ("004", "caption", "Qassem Al-Araji (R) sign a joint security memorandum"),
        ("004", "source_note", "The article first appeared in the Persian-language"),
        ("004", "pull_quote", "> breakthroughs was signing a security memorandum"),
    ],
)
def test_seed_removal_kinds(
    cleaned_seeds: dict[str, tuple[str, CleanedText]], number: str, kind: str, text: str
) -> None:
    removals = seed(cleaned_seeds, number).removals
    assert any(r.kind == kind and text in r.text for r in removals), [
        (r.kind, r.text[:60]) for r in removals
    ]


def test_seed_000_references_removed_as_one_block(
    cleaned_seeds: dict[str, tuple[str, CleanedText]],
) -> None:
    (references,) = [r for r in seed(cleaned_seeds, "000").removals if r.kind == "references"]
    assert references.text.startswith("[1] https://")
    assert references.text.endswith("disarm-hezbollah-2025-08-02/")
    assert references.text.count("https://") == 7


def test_seed_000_repeated_headlines_kept_once(
    cleaned_seeds: dict[str, tuple[str, CleanedText]],
) -> None:
    text = seed(cleaned_seeds, "000").text
    for headline in (
        "Iranian top security official conferences with Iraqi authorities before venturing to "
        "Lebanon",
        "Iranian security chief holds talks with Iraqi officials before departing for Lebanon",
        "Iran and Iraq Strengthen Border Security Cooperation",
    ):
        assert text.count(headline) == 1, headline
    duplicates = [r for r in seed(cleaned_seeds, "000").removals if r.kind == "duplicate"]
    assert len(duplicates) == 2
    # the first copy stays: the kept headline comes before every removed copy
    first = text.index("Iranian top security official")
    assert seed(cleaned_seeds, "000").offsets[first] < min(r.start for r in duplicates)


def test_seed_004_broken_sentences_are_joined(
    cleaned_seeds: dict[str, tuple[str, CleanedText]],
) -> None:
    text = seed(cleaned_seeds, "004").text
    for joined in (
        "to follow through on the practical implementation",
        "particularly as it occurred when opponents",
        "this trip reflects Iran's serious resolve to push forward security and cooperative "
        "policies at the regional level",
    ):
        assert joined in text


def test_seed_004_truncated_line_is_not_joined_to_a_new_sentence(
    cleaned_seeds: dict[str, tuple[str, CleanedText]],
) -> None:
    text = seed(cleaned_seeds, "004").text
    assert "UN General Assembly in\n" in text
    assert "Assembly in Notably" not in text
    assert "\nNotably, there is a strong political will" in text


def test_seed_004_pull_quotes_removed_body_kept_once(
    cleaned_seeds: dict[str, tuple[str, CleanedText]],
) -> None:
    cleaned = seed(cleaned_seeds, "004")
    sentence = (
        "One of the visit's key breakthroughs was signing a security memorandum of understanding "
        "between Iran and Iraq"
    )
    assert cleaned.text.count(sentence) == 1
    assert cleaned.text.count("key breakthroughs") == 1
    quotes = [r.text for r in cleaned.removals if r.kind == "pull_quote"]
    assert len(quotes) == 2
    assert quotes[0] == "One of the visit's key breakthroughs was signing a security memorandum of"
    assert quotes[1].startswith("> breakthroughs was signing")
    # the body copy is the one that stays: it sits before both pull-quotes in the raw text
    raw_start, _ = cleaned.to_raw(cleaned.text.index(sentence), cleaned.text.index(sentence) + 1)
    assert raw_start < min(r.start for r in cleaned.removals if r.kind == "pull_quote")


def test_seed_001_bullet_markers_removed_items_kept(
    cleaned_seeds: dict[str, tuple[str, CleanedText]],
) -> None:
    cleaned = seed(cleaned_seeds, "001")
    raw = cleaned_seeds["001"][0]
    bullets = [r for r in cleaned.removals if r.kind == "bullet"]
    assert [r.text for r in bullets] == ["- ", "- "]
    assert all(raw[r.end :].startswith(("In contrast", "As the world")) for r in bullets)
    kept = lines(cleaned)
    assert kept[-2].startswith("In contrast to the Bilateral security agreement")
    assert kept[-1].startswith("As the world watches the progression")
    assert not any(line.startswith("-") for line in kept)


def test_seed_content_that_looks_like_noise_is_kept(
    cleaned_seeds: dict[str, tuple[str, CleanedText]],
) -> None:
    text003 = seed(cleaned_seeds, "003").text
    assert "Wikipedia itself reported this agreement" in text003
    assert "according to IRNA English and Mehr News Agency." in text003
    assert "Why This Matters: Geopolitical Consequences and Regional Stability" in text003
    assert "\nConclusion\n" in text003
    assert "Popular Mobilization Forces (PMF)–bears down." in text003
    text002 = seed(cleaned_seeds, "002").text
    assert "(MoU) on Monday" in text002
    assert "Kurdistan Region - Iran’s" in text002
    assert "Larijani's visit inflection point" in seed(cleaned_seeds, "004").text


def test_seed_cleaning_is_idempotent(cleaned_seeds: dict[str, tuple[str, CleanedText]]) -> None:
    for _, cleaned in cleaned_seeds.values():
        again = clean(cleaned.text)
        assert again.text == cleaned.text
        assert not again.removals


def test_seed_to_raw_maps_words_back(cleaned_seeds: dict[str, tuple[str, CleanedText]]) -> None:
    for raw, cleaned in cleaned_seeds.values():
        for match in re.finditer(r"\w+", cleaned.text):
            a, b = cleaned.to_raw(match.start(), match.end())
            assert raw[a:b] == match.group()
    # a span across a joined gap maps to a raw span that holds both halves
    cleaned = seed(cleaned_seeds, "004")
    raw = cleaned_seeds["004"][0]
    start = cleaned.text.index("follow through on the practical")
    a, b = cleaned.to_raw(start, start + len("follow through on the practical"))
    assert raw[a:b].startswith("follow through on\n")
    assert raw[a:b].endswith("\nthe practical")
    assert re.sub(r"\s+", " ", raw[a:b]) == "follow through on the practical"


# -- variants: the rules are general -------------------------------------------------------------
@pytest.mark.parametrize(
    "chrome",
    [
        "Advertisement",
        "ADVERTISEMENT",
        "Share this article",
        "Related Articles:",
        "Subscribe to our newsletter for updates",
        "Most Read",
        "Tags: Iran, Iraq",
        "Skip to main content",
        "See more »",
        "You may also like",
        "Back to top",
        "© 2025 Example News. All rights reserved.",
    ],
)
def test_chrome_of_other_outlets(chrome: str) -> None:
    raw = f"{chrome}\n{BODY}\n\n{chrome}\nThe talks went on for two days."
    cleaned = clean_checked(raw)
    assert cleaned.text == f"{BODY}\n\nThe talks went on for two days."
    assert kinds(cleaned) == [("chrome", chrome), ("chrome", chrome)]


@pytest.mark.parametrize(
    "citation",
    [
        " [12]",
        " [3–5]",
        " [3-5]",
        " [2, 4]",
        " [1][2][3]",
        " 【4†source】",
        " (Reuters +2, AP +1)",
        " (Tasnim +4)",
        " [citation needed]",
        " [source]",
    ],
)
def test_citation_styles(citation: str) -> None:
    raw = f"Iran signed the pact in Baghdad{citation}. Iraq agreed{citation}, officials said."
    cleaned = clean_checked(raw)
    assert cleaned.text == "Iran signed the pact in Baghdad. Iraq agreed, officials said."
    assert kinds(cleaned) == [("citation", citation), ("citation", citation)]


def test_trailing_bracketed_source_after_a_sentence() -> None:
    cleaned = clean_checked("The militias came under pressure. [Al-Monitor]\nNext line here.")
    assert cleaned.text == "The militias came under pressure.\nNext line here."
    assert kinds(cleaned) == [("citation", " [Al-Monitor]")]


@pytest.mark.parametrize(
    "credit",
    [
        "Photo: AFP/Getty Images",
        "Photo credit: Iraqi Prime Minister's Office",
        "Image: IRNA",
        "Picture by: Hadi Mohammad",
        "JOHN SMITH/AFP",
        "ALI AL-SAADI/AFP via Getty Images",
        "REUTERS/Thaier al-Sudani",
        "Anadolu Agency",
        "(AFP)",
    ],
)
def test_credit_lines(credit: str) -> None:
    cleaned = clean_checked(f"{BODY}\n\n{credit}\n\nThe talks went on for two days.")
    assert cleaned.text == f"{BODY}\n\nThe talks went on for two days."
    assert kinds(cleaned) == [("credit", credit)]


@pytest.mark.parametrize(
    "caption",
    [
        "Iraqi Prime Minister Mohammed Shia al-Sudani (L) receives Ali Larijani in Baghdad.",
        "Officials (second from right) attend the signing ceremony in Baghdad on Monday.",
        "Foreign ministers pose for a photo (from left) in Tehran, Iran, on Sunday.",
        "Ali Larijani (centre) speaks to reporters in Beirut",
        "Ali Larijani speaks to reporters in Beirut on Wednesday. Photo: Tasnim",
    ],
)
def test_captions_of_other_photos(caption: str) -> None:
    cleaned = clean_checked(f"{caption}\n{BODY}")
    assert cleaned.text == BODY
    assert kinds(cleaned) == [("caption", caption)]


def test_caption_broken_around_a_credit_is_removed_whole() -> None:
    raw = (
        "Iraqi National Security Adviser\n\nJOHN SMITH/AFP\n\nQasim al-Araji (R) greets Ali "
        f"Larijani in\n\nthe Iraqi capital on Monday\n\n{BODY}"
    )
    cleaned = clean_checked(raw)
    assert cleaned.text == BODY
    assert [k for k, _ in kinds(cleaned)] == ["caption", "credit", "caption", "caption"]


def test_pull_quote_before_the_body_paragraph_it_repeats() -> None:
    quote = "neither side will allow its territory to be used against the other"
    body = f"The memorandum says that {quote}. Both governments welcomed the text."
    for marker in ("> ", "", "“"):
        raw = f"Iran and Iraq sign a pact\n\n{marker}{quote}\n\n{body}\n\nTalks went on."
        cleaned = clean_checked(raw)
        assert cleaned.text == f"Iran and Iraq sign a pact\n\n{body}\n\nTalks went on.", marker
        assert kinds(cleaned) == [("pull_quote", f"{marker}{quote}")]


def test_pull_quote_shorter_than_the_minimum_is_kept() -> None:
    body = "The deal was signed on Monday in Baghdad by both sides."
    cleaned = clean_checked(f"signed on Monday\n\n{body}")
    assert cleaned.text == f"signed on Monday\n\n{body}"


def test_sentence_broken_around_a_credit_line_is_joined() -> None:
    raw = (
        "The minister said that the agreement would be implemented\n\nJOHN SMITH/AFP\n\n"
        "within the next three months by both sides.\n\nTalks went on."
    )
    cleaned = clean_checked(raw)
    assert cleaned.text == (
        "The minister said that the agreement would be implemented within the next three months "
        "by both sides.\n\nTalks went on."
    )
    assert kinds(cleaned) == [("credit", "JOHN SMITH/AFP")]
    # the joining space stands for the raw line break after "implemented"
    gap = cleaned.text.index(" within")
    assert raw[cleaned.offsets[gap]] == "\n"
    assert cleaned.offsets[gap] == raw.index("implemented") + len("implemented")


def test_sentence_broken_in_three_around_a_credit_is_joined() -> None:
    raw = (
        "The minister said that the agreement\n\nPhoto: IRNA\n\nwould be implemented within\n\n"
        "three months."
    )
    cleaned = clean_checked(raw)
    assert (
        cleaned.text
        == "The minister said that the agreement would be implemented within three months."
    )
    assert kinds(cleaned) == [("credit", "Photo: IRNA")]


def test_unterminated_line_before_an_upper_case_line_is_not_joined() -> None:
    raw = "Talks were held at the UN General Assembly in\n\nNotably, the deal holds.\n"
    cleaned = clean_checked(raw)
    assert (
        cleaned.text == "Talks were held at the UN General Assembly in\n\nNotably, the deal holds."
    )


def test_headline_repeated_three_times_is_kept_once() -> None:
    headline = "Iran and Iraq sign border security pact"
    raw = f"{headline}\n{headline}\n\n{headline}\n\n{BODY}\n\nRead also:\n{headline}"
    cleaned = clean_checked(raw)
    assert cleaned.text == f"{headline}\n\n{BODY}"
    assert cleaned.text.count(headline) == 1
    assert [k for k, _ in kinds(cleaned)] == ["duplicate", "duplicate", "chrome", "duplicate"]
    assert cleaned.offsets[0] == 0  # the first copy stays


def test_comments_block_of_another_site() -> None:
    raw = (
        f"{BODY}\nThe talks went on for two days.\n"
        "3 Comments\n"
        "Please keep the discussion respectful and on-topic.\n"
        "Comments are moderated and may take some time to appear.\n"
        "Abusive posts will be rejected.\n"
        "Leave a reply"
    )
    cleaned = clean_checked(raw)
    assert cleaned.text == f"{BODY}\nThe talks went on for two days."
    assert [k for k, _ in kinds(cleaned)] == ["comments"] * 5


def test_crlf_line_endings() -> None:
    raw = (
        "Skip to content\r\n\r\nIran and Iraq sign border security pact\r\n"
        "Iran and Iraq sign border security pact\r\n\r\n"
        "Iran and Iraq signed a pact [1].\r\nThe minister said that it\r\n\r\n"
        "would hold.\r\n- A bullet item.\r\n"
    )
    cleaned = clean_checked(raw)
    assert "\r" not in cleaned.text
    assert cleaned.text == (
        "Iran and Iraq sign border security pact\n\nIran and Iraq signed a pact.\n"
        "The minister said that it would hold.\nA bullet item."
    )
    assert [k for k, _ in kinds(cleaned)] == ["chrome", "duplicate", "citation", "bullet"]


def test_other_line_separators() -> None:
    for sep, gap in (("\r", "\n"), ("\u2028", "\n"), ("\r\r", "\n\n"), ("\n\u2029", "\n\n")):
        raw = f"Skip to content{sep}{BODY}{sep}The talks went on [2].{sep}"
        cleaned = clean_checked(raw)
        assert cleaned.text == f"{BODY}{gap}The talks went on.", repr(sep)


@pytest.mark.parametrize(
    "content",
    [
        "Iraq's parliament debated the agreement for three hours on Tuesday.",
        "The minister read the comments of his Iraqi counterpart carefully.",
        "Comments by the minister drew criticism from Washington.",
        "Many readers left comments on the ministry website, officials said.",
        "Iran - Iraq relations",
        "Iran Iraq Border Pact Signed",
        "US/Iran Talks Resume",
        "Latest figures show that trade rose by five percent last year.",
        "Opinion polls show support for the deal in both countries.",
        "Related talks will follow in Tehran next month.",
        "The photo showed the two ministers shaking hands.",
        "Home Minister Ali Hassan met the envoy.",
        "Share prices rose in Tehran after the signing.",
        "Rates rose (to +5 percent) after the signing.",
        "Baghdad, Iraq (AP) — The deal was signed.",
        "Larijani (left Tehran on Sunday) arrived in Baghdad.",
        "1. The first clause bans cross-border attacks.",
        "Iran wants the deal, Iraq needs it",
        "Topics: the talks covered trade and border security.",
        "The agreement covers (a) trade, (b) border security and (c) energy.",
        "Sen. Lindsey Graham (R) said Iran must never get a bomb.",
        "The map (top) shows the border crossings used by pilgrims.",
        "The exhibition, called Image: Iran Today, opens in Paris on Monday.",
        "Copyright disputes have dogged the broadcaster for years, officials said.",
        "Users who click on the link are redirected to a phishing site.",
        "The talks begin at 10:00 (GMT +3) on Monday.",
        "Video: the minister said the deal would hold.",
        "IRAN AND IRAQ/Border Pact Signed",
        "Join us in condemning the attack on the embassy",
        "Topics: border security dominated the talks between the two delegations",
        "🇮🇷🤝🇮🇶",
        "Follow us on the border, the militants told the convoy.",
        "ایران و عراق توافق‌نامه امنیتی امضا کردند.",
    ],
)
def test_ordinary_content_is_kept(content: str) -> None:
    raw = f"{content}\n\n{BODY}"
    cleaned = clean_checked(raw)
    removals = [r for r in cleaned.removals if r.kind != "bullet"]
    assert not removals, kinds(cleaned)
    expected = content[3:] if content.startswith("1. ") else content
    assert cleaned.text == f"{expected}\n\n{BODY}"


def test_a_long_paragraph_closed_by_a_credit_keeps_its_sentences() -> None:
    paragraph = (
        "Iran and Iraq signed a pact on Monday. The deal covers trade. Officials praised the "
        "accord as historic."
    )
    cleaned = clean_checked(f"{paragraph} Photo: IRNA\n\n{BODY}")
    assert cleaned.text == f"{paragraph}\n\n{BODY}"
    assert kinds(cleaned) == [("credit", " Photo: IRNA")]


def test_comment_block_does_not_swallow_the_article() -> None:
    raw = (
        "Headline\n\n12 Comments\n\nThe cabinet approved the agreement on Monday.\n\n"
        "The community welcomed the discussion."
    )
    cleaned = clean_checked(raw)
    assert cleaned.text == (
        "Headline\n\nThe cabinet approved the agreement on Monday.\n\n"
        "The community welcomed the discussion."
    )


def test_headline_repeated_by_the_lede_stays() -> None:
    raw = (
        "Iran and Iraq sign border security pact\n\n"
        "Iran and Iraq sign border security pact in Baghdad, officials said."
    )
    assert clean_checked(raw).text == raw


def test_click_here_and_separators_are_removed() -> None:
    cleaned = clean_checked(
        f"{BODY} Click here to read the full statement.\n\n***\n\nTalks went on."
    )
    assert cleaned.text == f"{BODY}\n\nTalks went on."
    assert [k for k, _ in kinds(cleaned)] == ["chrome", "chrome"]


def test_short_repeated_lines_are_not_duplicates() -> None:
    raw = "Baghdad talks\nThe first day went well.\nBaghdad talks\nThe second day went well."
    assert clean_checked(raw).text == raw
    # six short words, under min_duplicate_chars: not a pull-quote of itself either
    raw = "We go to Iraq at 6\nThe first day went well.\nWe go to Iraq at 6"
    assert clean_checked(raw).text == raw


def test_inline_citation_inside_a_sentence_keeps_the_rest() -> None:
    cleaned = clean_checked("Larijani [2] met Sudani [3, 4] and Araji [5–7] in Baghdad [1].")
    assert cleaned.text == "Larijani met Sudani and Araji in Baghdad."
    assert [r.kind for r in cleaned.removals] == ["citation"] * 4


def test_a_line_of_only_citations_is_removed() -> None:
    cleaned = clean_checked(f"{BODY}\n\n[1][2]\n\nThe talks went on.")
    assert cleaned.text == f"{BODY}\n\nThe talks went on."
    assert kinds(cleaned) == [("citation", "[1][2]")]


# -- configuration -------------------------------------------------------------------------------
def test_unknown_key_is_named() -> None:
    with pytest.raises(ValueError, match="unknown key 'dedupe'"):
        CleanConfig.from_dict({"dedupe": True})


@pytest.mark.parametrize(
    ("data", "key"),
    [
        ({"deduplicate": "yes"}, "'deduplicate'"),
        ({"join_broken_sentences": 1}, "'join_broken_sentences'"),
        ({"min_duplicate_chars": True}, "'min_duplicate_chars'"),
        ({"min_pull_quote_words": "6"}, "'min_pull_quote_words'"),
        ({"disabled": "caption"}, "'disabled'"),
        ({"comment_start": 3}, "'comment_start'"),
        ({"patterns": ["(?i)newsletter"]}, "'patterns'"),
        ({"patterns": {"chrome": [1]}}, "'patterns.chrome'"),
        ({"inline": {"citation": {"a": "b"}}}, "'inline.citation'"),
    ],
)
def test_wrong_type_names_the_key(data: dict, key: str) -> None:
    with pytest.raises(ValueError, match=re.escape(key)):
        CleanConfig.from_dict(data)


def test_not_a_mapping_is_rejected() -> None:
    with pytest.raises(ValueError, match="expected a mapping, got list"):
        CleanConfig.from_dict(["chrome"])  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("data", "where", "pattern"),
    [
        ({"patterns": {"chrome": ["(unclosed"]}}, "patterns.chrome", "(unclosed"),
        ({"inline": {"citation": ["[1-"]}}, "inline.citation", "[1-"),
        ({"comment_start": "a{2,1}"}, "comment_start", "a{2,1}"),
        ({"caption_markers": ["(?<=a+)x"]}, "caption_markers", "(?<=a+)x"),
    ],
)
def test_invalid_regex_names_the_pattern(data: dict, where: str, pattern: str) -> None:
    with pytest.raises(ValueError, match=re.escape(f"invalid regex in {where}: {pattern!r}")):
        CleanConfig.from_dict(data)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"disabled": ["captions"]}, "unknown kind 'captions' in disabled"),
        ({"patterns": {"navigation": ["Menu"]}}, "unknown kind 'navigation' in patterns"),
        ({"inline": {"footnote": [r"\*"]}}, "unknown kind 'footnote' in inline"),
    ],
)
def test_unknown_kind_is_named(data: dict, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        CleanConfig.from_dict(data)
    # the dataclass checks itself too, not only from_dict
    direct = {"disabled": "disabled", "patterns": "line_patterns", "inline": "inline_patterns"}
    with pytest.raises(ValueError, match=re.escape(message)):
        CleanConfig(**{direct[key]: value for key, value in data.items()})


def test_disabled_caption_keeps_captions() -> None:
    caption = "Ali Larijani (R) and Qasim al-Araji sign the memorandum in Baghdad."
    raw = f"{caption}\n{BODY}"
    assert clean_checked(raw).text == BODY
    config = CleanConfig.from_dict({"disabled": ["caption"]})
    cleaned = clean_checked(raw, config)
    assert cleaned.text == raw
    assert not cleaned.removals


@pytest.mark.parametrize(
    ("kind", "raw"),
    [
        ("chrome", f"Skip to content\n{BODY}"),
        ("citation", f"{BODY[:-1]} [1]."),
        ("credit", f"JOHN SMITH/AFP\n{BODY}"),
        ("label", f"Analysis\n{BODY}"),
        ("bullet", f"- {BODY}"),
        ("references", f"{BODY}\nhttps://example.com/a https://example.com/b"),
        ("duplicate", f"Iran, Iraq sign border pact\n{BODY}\nIran, Iraq sign border pact"),
        # the first line of a document is its headline, never a pull-quote
        ("pull_quote", f"{BODY}\nsigned a border security pact in Baghdad on Monday"),
    ],
)
def test_disabled_kind_is_kept(kind: str, raw: str) -> None:
    assert kind in {r.kind for r in clean_checked(raw).removals}
    cleaned = clean_checked(raw, CleanConfig.from_dict({"disabled": [kind]}))
    assert kind not in {r.kind for r in cleaned.removals}
    assert cleaned.text == raw


def test_disabled_duplicate_keeps_exact_repeats_of_long_lines() -> None:
    """Repeats are not taken as pull-quotes of each other when "duplicate" is switched off."""
    headline = "Iran and Iraq sign a border security pact in Baghdad"
    raw = f"{headline}\n\n{BODY}\n\n{headline}"
    assert clean_checked(raw).text == f"{headline}\n\n{BODY}"
    cleaned = clean_checked(raw, CleanConfig.from_dict({"disabled": ["duplicate"]}))
    assert cleaned.text == raw
    assert not cleaned.removals


def test_patterns_add_a_line_rule() -> None:
    raw = f"Get our daily briefing\n{BODY}"
    assert clean_checked(raw).text == raw
    config = CleanConfig.from_dict({"patterns": {"chrome": "(?i)get our daily briefing"}})
    cleaned = clean_checked(raw, config)
    assert cleaned.text == BODY
    assert kinds(cleaned) == [("chrome", "Get our daily briefing")]
    # the defaults stay: the new rule is added, not substituted
    assert clean_checked(f"Skip to content\n{raw}", config).text == BODY


def test_patterns_flags_stay_local_to_their_rule() -> None:
    config = CleanConfig.from_dict({"patterns": {"label": ["(?i)world news", "BRIEF"]}})
    cleaned = clean_checked(f"World News\n\nbrief\n\nBRIEF\n\n{BODY}", config)
    assert cleaned.text == f"brief\n\n{BODY}"


def test_inline_adds_an_inline_rule() -> None:
    config = CleanConfig.from_dict({"inline": {"citation": [r"[ \t]*\(Source: [^()\n]{1,60}\)"]}})
    cleaned = clean_checked("Iran signed the pact (Source: IRNA).", config)
    assert cleaned.text == "Iran signed the pact."
    assert kinds(cleaned) == [("citation", " (Source: IRNA)")]


def test_join_and_deduplicate_switches() -> None:
    headline = "Iran and Iraq sign border pact"
    raw = f"{headline}\n\n{headline}\n\nThe deal, which\n\nwill hold."
    assert clean_checked(raw).text == f"{headline}\n\nThe deal, which will hold."
    config = CleanConfig.from_dict({"join_broken_sentences": False, "deduplicate": False})
    assert clean_checked(raw, config).text == raw


@pytest.mark.parametrize(
    "key", ["min_duplicate_chars", "min_pull_quote_words", "max_caption_fragment_chars"]
)
def test_thresholds_must_be_positive(key: str) -> None:
    with pytest.raises(ValueError, match=f"'{key}' must be at least 1"):
        CleanConfig.from_dict({key: 0})


def test_min_duplicate_chars() -> None:
    raw = "Baghdad talks\nThe first day went well.\nBaghdad talks"
    config = CleanConfig.from_dict({"min_duplicate_chars": 5})
    cleaned = clean_checked(raw, config)
    assert cleaned.text == "Baghdad talks\nThe first day went well."
    assert kinds(cleaned) == [("duplicate", "Baghdad talks")]


def test_repo_cleaning_yaml_loads_and_applies() -> None:
    path = REPO / "configs" / "cleaning.yaml"
    config = CleanConfig.from_yaml(path)
    assert config.deduplicate and config.join_broken_sentences
    assert config.min_duplicate_chars == 20
    assert "(?i)newsletter sign-?up" in config.line_patterns["chrome"]
    assert (
        "(?i)skip to (?:main |primary )?(?:content|navigation|search)"
        in (config.line_patterns["chrome"])
    )
    raw = f"Listen to this article 5 min\nNewsletter signup\n{BODY[:-1]} (Source: IRNA)."
    assert clean_checked(raw).text != BODY
    cleaned = clean_checked(raw, config)
    assert cleaned.text == BODY
    assert [k for k, _ in kinds(cleaned)] == ["chrome", "chrome", "citation"]
    assert CleanConfig.from_yaml(str(path)) == config


def test_yaml_bad_key_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("deduplicate: true\nmin_duplicat_chars: 10\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown key 'min_duplicat_chars'") as info:
        CleanConfig.from_yaml(path)
    assert str(path) in str(info.value)


def test_yaml_bad_regex_names_the_file_and_pattern(tmp_path: Path) -> None:
    path = tmp_path / "bad_regex.yaml"
    path.write_text('patterns:\n  chrome: ["(?P<x"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape("(?P<x")) as info:
        CleanConfig.from_yaml(path)
    assert str(path) in str(info.value)


def test_empty_yaml_gives_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("# nothing\n", encoding="utf-8")
    assert CleanConfig.from_yaml(path) == CleanConfig()


def test_cleaner_matches_clean_and_is_reusable() -> None:
    config = CleanConfig.from_dict({"disabled": ["citation"]})
    cleaner = Cleaner(config)
    for raw in (f"Skip to content\n{BODY[:-1]} [1].", "Menu\nThe talks went on.", ""):
        first, second = cleaner(raw), cleaner(raw)
        assert first.text == second.text == clean(raw, config).text
        assert first.removals == second.removals


def test_removal_helpers() -> None:
    raw = f"Skip to content\n{BODY[:-1]} [1]."
    cleaned = clean_checked(raw)
    citation = cleaned.removals[-1]
    assert citation == Removal(citation.start, citation.end, "citation", " [1]")
    assert citation.to_dict() == {
        "start": citation.start,
        "end": citation.end,
        "kind": "citation",
        "text": " [1]",
    }
    assert cleaned.removals_within(0, 15) == [cleaned.removals[0]]
    assert cleaned.removals_within(16, len(raw)) == [citation]
    assert cleaned.removals_within(0, len(raw)) == cleaned.removals


def test_to_raw_rejects_spans_outside_the_text() -> None:
    cleaned = clean_checked(BODY)
    assert cleaned.to_raw(0, len(BODY)) == (0, len(BODY))
    for start, end in ((0, 0), (-1, 3), (5, 4), (0, len(BODY) + 1)):
        with pytest.raises(IndexError):
            cleaned.to_raw(start, end)


# -- bad and unusual input -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "name"), [(None, "NoneType"), (b"bytes", "bytes"), (3, "int"), (["a"], "list")]
)
def test_non_string_input_names_the_type(value: object, name: str) -> None:
    with pytest.raises(TypeError, match=rf"expects str, got {name}"):
        clean(value)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=name):
        Cleaner()(value)  # type: ignore[arg-type]


@pytest.mark.parametrize("raw", ["", " ", "\n", "\n\n\t \r\n", "\u00a0\u3000", "\u200b\ufeff"])
def test_empty_and_blank_input(raw: str) -> None:
    cleaned = clean_checked(raw)
    assert cleaned.text == ""
    assert len(cleaned.offsets) == 0


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Iran\tand\tIraq signed the pact.", "Iran and Iraq signed the pact."),
        ("Iran\u00a0and\u202fIraq signed\u3000the pact.", "Iran and Iraq signed the pact."),
        (
            "Iran\u200b and Iraq\u2060 signed the\u00ad pact.\ufeff",
            "Iran and Iraq signed the pact.",
        ),
        (
            "\ufeffIran and Iraq signed the pact 🤝🇮🇷🇮🇶 [1].",
            "Iran and Iraq signed the pact 🤝🇮🇷🇮🇶.",
        ),
        ("Families 👨‍👩‍👧 crossed the border.", "Families 👨‍👩‍👧 crossed the border."),
        ("وقّع العراق وإيران اتفاقية أمنية [2].", "وقّع العراق وإيران اتفاقية أمنية."),
        ("ایران و عراق توافق‌نامه امنیتی امضا کردند.", "ایران و عراق توافق‌نامه امنیتی امضا کردند."),
        (
            "\u200fلاریجانی\u200f در بغداد\n\n- با عراقچی",
            "\u200fلاریجانی\u200f در بغداد\n\nبا عراقچی",
        ),
        (
            "Larijani (لاریجانی) met al-Araji (الأعرجي).",
            "Larijani (لاریجانی) met al-Araji (الأعرجي).",
        ),
    ],
)
def test_unusual_characters_keep_offsets_exact(raw: str, expected: str) -> None:
    cleaned = clean_checked(raw)
    assert cleaned.text == expected


def test_surrogate_and_control_characters_do_not_crash() -> None:
    raw = "Iran\x00 and \x07Iraq \x0bsigned\x0c the pact.\x85Next line \udcff here."
    cleaned = clean_checked(raw)
    assert "Iraq" in cleaned.text


def test_long_line_without_breaks() -> None:
    raw = (BODY + " ") * 2000 + "[1]"
    keep_repeats = CleanConfig(min_duplicate_sentence_words=10_000)
    assert clean_checked(raw, keep_repeats).text == ((BODY + " ") * 2000).rstrip()
    # by default the sentence repeated in the line is kept once
    assert clean_checked(raw).text == BODY


# -- property ------------------------------------------------------------------------------------
TOKENS = st.sampled_from(
    [
        "Iran",
        "iraq",
        "signed",
        "the",
        "pact",
        "A",
        "b",
        ".",
        ",",
        "\n",
        "\n\n",
        "\r\n",
        " ",
        " ",
        "\t",
        "[1]",
        "[2, 4]",
        "(AP +1)",
        "Photo: X",
        "JOHN SMITH/AFP",
        "(L)",
        "- ",
        "> ",
        "Skip to content",
        "Comments",
        "https://x.io/a",
        "\u00a0",
        "\u200b",
        "\ufeff",
        "\u2028",
        "😀",
        "🇮🇷",
        "لاریجانی",
        "عراق",
        "توافق‌نامه",
    ]
)


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(TOKENS, max_size=40))
def test_property_offsets_exact(parts: list[str]) -> None:
    raw = "".join(parts)
    check_exact(raw, clean(raw))


@settings(max_examples=50, deadline=None)
@given(parts=st.lists(TOKENS, min_size=1, max_size=12))
def test_property_offsets_exact_with_repeats(parts: list[str]) -> None:
    """Repeated paragraphs exercise the duplicate and pull-quote rules."""
    paragraph = " ".join(parts)
    raw = f"{paragraph}\n\n{paragraph} and more words here today\n\n{paragraph}"
    check_exact(raw, clean(raw))
