from __future__ import annotations

import re

import pytest
from extras import EXTRAS, needs_extra
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import framing
from framing.text.clean import clean
from framing.text.segment import (
    Segmenter,
    get_segmenter,
    is_blank,
    register_segmenter,
    spans_from_starts,
)

# Importing spaCy or NLTK takes 4 to 7 s, paid by the first test that builds the segmenter: the
# tests of those two run with the slow ones (make test runs them all).
HEAVY = {"spacy", "punkt"}


def backends(names: list[str]) -> list:
    return [pytest.param(n, marks=pytest.mark.slow) if n in HEAVY else n for n in names]


ALL = backends(list(framing.available_segmenters()))
FAST = backends([n for n in framing.available_segmenters() if n != "pysbd"])  # pySBD ~100x slower


def texts(source: str, **kwargs) -> list[str]:
    return [s.text for s in framing.segment(source, clean=False, **kwargs)]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # abbreviations and titles
        (
            "Gen. Ali Akbar Ahmadi met Sen. Graham on Jan. 5. They talked.",
            ["Gen. Ali Akbar Ahmadi met Sen. Graham on Jan. 5.", "They talked."],
        ),
        (
            "Dr. Larijani arrived. Mr. Smith left.",
            ["Dr. Larijani arrived.", "Mr. Smith left."],
        ),
        (
            "The U.S. Army agreed. The talks moved to the U.S. The next day, talks ended.",
            ["The U.S. Army agreed.", "The talks moved to the U.S.", "The next day, talks ended."],
        ),
        ("It was 5 p.m. The meeting ended.", ["It was 5 p.m.", "The meeting ended."]),
        (
            "L. Ron Hubbard founded it. Dr. Smith disagreed.",
            ["L. Ron Hubbard founded it.", "Dr. Smith disagreed."],
        ),
        (
            "Scientology vs. the Internet. A new war.",
            ["Scientology vs. the Internet.", "A new war."],
        ),
        # decimals, numbers, domains
        (
            "The deal cost $3.5 billion. It was signed in 2023. 2024 saw more.",
            ["The deal cost $3.5 billion.", "It was signed in 2023.", "2024 saw more."],
        ),
        (
            "Visit www.example.com. Version 2.0.1 ships.",
            ["Visit www.example.com.", "Version 2.0.1 ships."],
        ),
        # ellipses
        ("He paused... Then he left.", ["He paused...", "Then he left."]),
        ("He paused … Then he left.", ["He paused …", "Then he left."]),
        ("the risk ... brain damage.", ["the risk ... brain damage."]),
        # quotes and nested quotes
        (
            'She said "I am done." He nodded.',
            ['She said "I am done."', "He nodded."],
        ),
        (
            '"Why?" he asked. “We support sovereignty,” Bruce stated.',
            ['"Why?" he asked.', "“We support sovereignty,” Bruce stated."],
        ),
        (
            "“He told me ‘stop.’ Then he left.” The end.",
            ["“He told me ‘stop.’", "Then he left.”", "The end."],
        ),
        # bracketed citations stay with their sentence
        (
            "Iran signed it [1][3]. Iraq agreed.[2] Done.",
            ["Iran signed it [1][3].", "Iraq agreed.[2]", "Done."],
        ),
        ("It bears down. [Wikipedia]\nNext line.", ["It bears down. [Wikipedia]", "Next line."]),
        # headlines, datelines, lines without final punctuation, list items
        (
            "Iran and Iraq sign pact\n\nFriday, May 8, 2009\n\nThe pact was signed.",
            ["Iran and Iraq sign pact", "Friday, May 8, 2009", "The pact was signed."],
        ),
        (
            "Iran and Iraq sign pact Friday, May 8, 2009 The pact was signed on Friday, May 8, "
            "2009 in Baghdad.",
            [
                "Iran and Iraq sign pact",
                "Friday, May 8, 2009",
                "The pact was signed on Friday, May 8, 2009 in Baghdad.",
            ],
        ),
        (
            "ERBIL, Kurdistan Region - Iran's official spoke.",
            ["ERBIL, Kurdistan Region -", "Iran's official spoke."],
        ),
        (
            "Evansville, Indiana, United States - This past week was busy.",
            ["Evansville, Indiana, United States -", "This past week was busy."],
        ),
        ("Iran - Iraq relations grew.", ["Iran - Iraq relations grew."]),
        (
            "Key points\n- first item\n- second item\n1. one\n2. two\na) sub item",
            ["Key points", "- first item", "- second item", "1. one", "2. two", "a) sub item"],
        ),
        (
            "Obama tweet to student Ahmed Image: Twitter / Barack Obama.",
            ["Obama tweet to student Ahmed", "Image: Twitter / Barack Obama."],
        ),
        # a sentence broken by layout is joined; a truncated line is not
        (
            "There is a will to follow through on\n\n\n\nthe practical implementation.",
            ["There is a will to follow through on\n\n\n\nthe practical implementation."],
        ),
        (
            "A meeting at the UN General Assembly in\n\nNotably, there is a will.",
            ["A meeting at the UN General Assembly in", "Notably, there is a will."],
        ),
        # run-in heading followed by a subject pronoun
        (
            "Security Agreement: A Regional Game Changer He said it was good.",
            ["Security Agreement: A Regional Game Changer", "He said it was good."],
        ),
        ("Why? Because. Wow! Really?! Yes.", ["Why?", "Because.", "Wow!", "Really?!", "Yes."]),
        ("ends without punctuation", ["ends without punctuation"]),
        # ordinary words that are also abbreviations end sentences where a number does not follow
        ("Iran said no. The U.S. responded.", ["Iran said no.", "The U.S. responded."]),
        ("Thieves stole the art. The police came.", ["Thieves stole the art.", "The police came."]),
        ("He lives on Elm St. The house is old.", ["He lives on Elm St.", "The house is old."]),
        ("See No. 5 and Art. 3 on Jan. 5 today.", ["See No. 5 and Art. 3 on Jan. 5 today."]),
        # every kind of line break; a headline before a lower-case paragraph opening
        (
            "Headline\rThe pact was signed.\rIt holds.",
            ["Headline", "The pact was signed.", "It holds."],
        ),
        (
            "Iraqi PM meets Larijani in Baghdad\n\nal-Sudani welcomed the pact.",
            ["Iraqi PM meets Larijani in Baghdad", "al-Sudani welcomed the pact."],
        ),
        ("Wait" + "." * 50 + "x", ["Wait" + "." * 50 + "x"]),
    ],
)
def test_news_segmenter(source: str, expected: list[str]) -> None:
    assert texts(source) == expected


def test_offsets_point_into_the_callers_text_with_cleaning() -> None:
    raw = (
        "Skip to content\n\nIran and Iraq signed a pact [1][3]. Larijani praised it.\n\n"
        "There is a will to follow through on\n\nPhoto: IRIB\n\nthe agreements.\n\nRead also:"
    )
    sentences = framing.segment(raw)
    assert [s.text for s in sentences] == [
        "Iran and Iraq signed a pact.",
        "Larijani praised it.",
        "There is a will to follow through on the agreements.",
    ]
    first, _, broken = sentences
    assert raw[first.start : first.end] == "Iran and Iraq signed a pact [1][3]."
    # the removed credit lies inside the joined sentence's span
    assert "Photo: IRIB" in raw[broken.start : broken.end]
    assert raw[broken.end - 1] == "."


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Key points\n- first item\n- second item", ["Key points", "first item", "second item"]),
        (
            "Key demands\n\n1. withdrawal of troops\n2. release of prisoners",
            ["Key demands", "withdrawal of troops", "release of prisoners"],
        ),
    ],
)
def test_list_items_stay_apart_with_cleaning(raw: str, expected: list[str]) -> None:
    assert [s.text for s in framing.segment(raw)] == expected


def test_clean_config_without_cleaning_is_an_error() -> None:
    with pytest.raises(ValueError, match="clean=False"):
        framing.segment("A b.", clean=False, clean_config=framing.CleanConfig())


def test_pysbd_alignment_never_lands_inside_the_previous_piece() -> None:
    from framing.text.external import align

    text = "According to the report, Iran left. Iran left."
    assert align(text, ["According to the report, Iran left. ", "Iran left."]) == [0, 36]
    assert align(text, ["nowhere to be found", "Iran left."]) == [25]


def test_clean_false_segments_the_text_as_it_is() -> None:
    raw = "Skip to content\n\nIran and Iraq signed a pact [1]. Done."
    sentences = framing.segment(raw, clean=False)
    assert sentences[0].text == "Skip to content"
    assert all(raw[s.start : s.end] == s.text for s in sentences)


@pytest.mark.parametrize("bad", [None, 3, b"bytes", ["a list"]])
def test_non_string_is_a_type_error_naming_the_type(bad: object) -> None:
    with pytest.raises(TypeError, match=type(bad).__name__):
        framing.segment(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ALL)
@pytest.mark.parametrize("source", ["", "   ", "\n\n\t\u00a0\u200b\n"])
@pytest.mark.parametrize("cleaning", [True, False])
def test_empty_and_whitespace_give_no_sentences(name: str, source: str, cleaning: bool) -> None:
    assert framing.segment(source, segmenter=name, clean=cleaning) == []


def test_unknown_segmenter_names_the_value_and_lists_the_known() -> None:
    with pytest.raises(ValueError, match=r"'nope'.*default"):
        framing.segment("A sentence.", segmenter="nope")


def test_missing_optional_dependency_names_the_extra() -> None:
    register_segmenter(
        "needs-missing",
        Segmenter,
        requires=("framing_module_that_does_not_exist",),
        extra="imaginary",
    )
    assert "needs-missing" not in framing.available_segmenters()
    assert "needs-missing" in framing.available_segmenters(installed_only=False)
    with pytest.raises(ImportError, match=r"framing\[imaginary\]"):
        framing.segment("A sentence.", segmenter="needs-missing")


def test_custom_segmenter_instance() -> None:
    class EveryLine(Segmenter):
        def starts(self, text: str) -> list[int]:
            return [m.end() for m in re.finditer("\n", text)]

    raw = "One [1]\nTwo\nThree"
    assert [s.text for s in framing.segment(raw, segmenter=EveryLine())] == ["One", "Two", "Three"]


def test_available_segmenters_lists_the_installed_backends() -> None:
    import importlib.util

    from framing.text.external import SEGMENTERS as EXTERNAL
    from framing.text.news import SEGMENTERS as NEWS
    from framing.text.punkt import SEGMENTERS as PUNKT

    available = framing.available_segmenters()
    assert "default" in available  # built in, always there
    everything = framing.available_segmenters(installed_only=False)
    # every built-in one is registered, in order, with the description its module gives
    builtins = {name: options["description"] for name, _, options in (*NEWS, *PUNKT, *EXTERNAL)}
    assert list(everything)[: len(builtins)] == list(builtins)
    assert {name: everything[name] for name in builtins} == builtins
    assert set(builtins) == {"default", *EXTRAS}
    for name, module in EXTRAS.items():
        assert (name in available) == (importlib.util.find_spec(module) is not None), name


def test_spans_from_starts_trims_and_covers() -> None:
    text = "  a b. \n c d.  "
    assert spans_from_starts(text, [7, 0, 7, 99, -1]) == [(2, 6), (9, 13)]


# -- every segmenter on hard input -------------------------------------------------------------
HARD = [
    "x",
    "\r\nLine one.\r\nLine two.\r\n",
    "Tabs\there.\tAnd\u00a0non-breaking\u00a0spaces. Zero\u200bwidth\u200b. End",
    "Emoji 🇮🇷🤝🇮🇶 deal. Next 👍🏽 sentence!",
    "وقّع العراق وإيران مذكرة تفاهم أمنية. وقال لاريجاني إن الاتفاق مهم.",
    "ایران و عراق توافق امنیتی امضا کردند. لاریجانی به بغداد رفت.",
    "Mixed: Larijani (لاریجانی) met al-Sudani. Then left.",
]


def check_invariants(source: str, sentences: list[framing.Sentence], cleaning: bool) -> None:
    previous_end = 0
    for s in sentences:
        assert 0 <= previous_end <= s.start < s.end <= len(source)
        assert s.text and not is_blank(s.text[0]) and not is_blank(s.text[-1])
        if not cleaning:
            assert source[s.start : s.end] == s.text
        else:
            # every character of the clean sentence stands, in order, in the raw span
            span = source[s.start : s.end]
            assert span[0] == s.text[0] and span[-1] == s.text[-1]
            it = iter(span)
            for ch in s.text:
                assert any(ch == r or (is_blank(ch) and is_blank(r)) for r in it), (ch, span)
        previous_end = s.end
    # every non-space character that cleaning keeps lies in exactly one sentence
    if cleaning:
        cleaned = clean(source)
        kept = {cleaned.offsets[i] for i, ch in enumerate(cleaned.text) if not is_blank(ch)}
    else:
        kept = {i for i, ch in enumerate(source) if not is_blank(ch)}
    covered = [i for s in sentences for i in range(s.start, s.end) if i in kept]
    assert len(covered) == len(set(covered)) == len(kept)


@pytest.mark.parametrize("name", ALL)
@pytest.mark.parametrize("source", HARD)
@pytest.mark.parametrize("cleaning", [True, False])
def test_every_segmenter_keeps_offsets_exact(name: str, source: str, cleaning: bool) -> None:
    sentences = framing.segment(source, segmenter=name, clean=cleaning)
    assert sentences
    check_invariants(source, sentences, cleaning)


@pytest.mark.parametrize("name", ALL)
def test_every_segmenter_on_the_seeds(name: str, seeds: dict[str, str]) -> None:
    for raw in seeds.values():
        check_invariants(raw, framing.segment(raw, segmenter=name), cleaning=True)


ALPHABET = st.sampled_from(
    [
        "Iran",
        "signed",
        "the",
        "U.S.",
        "Dr.",
        "3.5",
        ".",
        "!",
        "?",
        "...",
        "…",
        '"',
        "“",
        "”",
        "'",
        "(",
        ")",
        "[1]",
        " ",
        " ",
        "\n",
        "\n\n",
        "\r\n",
        "\t",
        "\u00a0",
        "\u200b",
        "- ",
        "Photo: X",
        "Skip to content",
        "Friday, May 8, 2009",
        "ERBIL, Kurdistan -",
        "He said",
        "🇮🇷",
        "لاریجانی",
        "a",
        "B",
    ]
)
SOURCES = st.lists(ALPHABET, max_size=40).map("".join)


@pytest.mark.parametrize("name", FAST)
@pytest.mark.parametrize("cleaning", [True, False])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=SOURCES)
def test_property_spans_are_exact(name: str, cleaning: bool, source: str) -> None:
    check_invariants(source, framing.segment(source, segmenter=name, clean=cleaning), cleaning)


@settings(max_examples=25, deadline=None)
@given(source=SOURCES)
def test_property_spans_are_exact_pysbd(source: str) -> None:
    needs_extra("pysbd")
    for cleaning in (True, False):
        check_invariants(
            source, framing.segment(source, segmenter="pysbd", clean=cleaning), cleaning
        )


@pytest.mark.slow
def test_adversarial_megabyte_documents() -> None:
    """Inputs that once took minutes (a quadratic rule) go through; the benchmark times them."""
    from framing.bench.segment import adversarial_documents

    for name, doc in adversarial_documents(1_000_000).items():
        for cleaning in (True, False):
            sentences = framing.segment(doc, clean=cleaning)
            assert all(0 <= s.start < s.end <= len(doc) for s in sentences), name


@pytest.mark.slow
def test_five_megabyte_document(seeds: dict[str, str]) -> None:
    """5 MB of scraped text: no crash, exact offsets, one sentence per content sentence."""
    raw = "\n\n".join(seeds.values())
    big = (raw + "\n\n") * (5_000_000 // (len(raw) + 2) + 1)
    one = framing.segment(raw)
    sentences = framing.segment(big)
    # the first copy segments the same as the document alone; repeats are not content
    assert [s.text for s in sentences[: len(one)]] == [s.text for s in one]
    assert all(s.end <= len(big) for s in sentences)
    # without cleaning, every copy is segmented as the document alone, at its own offset
    alone = get_segmenter("default").spans(raw + "\n\n")
    width = len(raw) + 2
    plain = get_segmenter("default").spans(big)
    copies = len(big) // width
    assert plain == [(a + i * width, b + i * width) for i in range(copies) for a, b in alone]
