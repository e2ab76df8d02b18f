from __future__ import annotations

from pathlib import Path

import pytest

from framing.actors import ActorLexicon

REPO = Path(__file__).resolve().parents[1]


TWO = {
    "actors": [
        {"id": "a", "name": "A", "aliases": ["Alpha", "Athens"]},
        {"id": "b", "name": "B", "aliases": ["Beta"]},
        {"id": "c", "name": "C", "aliases": ["Gamma"]},
    ]
}
LABELLED = ActorLexicon.from_dict(
    {**TWO, "labels": [{"aliases": ["regime"], "actors": ["a", "b"]}]}
)


@pytest.fixture(scope="module")
def lexicon() -> ActorLexicon:
    return ActorLexicon.load()


def found(lexicon: ActorLexicon, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.actor) for m in lexicon.find(text)]


def test_loads_the_repository_file(lexicon: ActorLexicon) -> None:
    assert lexicon.source == str(REPO / "configs" / "actors.yaml")
    for actor in (
        "iran", "united_states", "iraq", "israel", "hezbollah", "lebanon",
        "kurdish_groups", "syria", "turkey", "gulf_states",
    ):  # fmt: skip
        assert actor in lexicon.ids


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tehran and Washington traded barbs.",
            [("Tehran", "iran"), ("Washington", "united_states")],
        ),
        ("Iran's embassy and Iran’s envoy", [("Iran", "iran"), ("Iran", "iran")]),
        ("the Iran-Iraq border", [("Iran", "iran"), ("Iraq", "iraq")]),
        ("anti-Iranian Kurdish groups", [("Iranian", "iran"), ("Kurdish", "kurdish_groups")]),
        ("the Islamic Republic of Iran said", [("Islamic Republic of Iran", "iran")]),
        ("in the U.S. and the US.", [("U.S.", "united_states"), ("US", "united_states")]),
        ("the Zionist regime's incursions", [("Zionist regime", "israel")]),
        (
            "Iraqi Prime Minister Mohammed Shia al-Sudani",
            [("Iraqi", "iraq"), ("Mohammed Shia al-Sudani", "iraq")],
        ),
        (
            "Kataib Hezbollah and Hezbollah",
            [("Kataib Hezbollah", "pmf"), ("Hezbollah", "hezbollah")],
        ),
        ("Iranians, Iraqis; Tehranis", [("Iranians", "iran"), ("Iraqis", "iraq")]),
        ("USAID and Bruceville", []),
    ],
)
def test_find_whole_words_longest_first(lexicon: ActorLexicon, text: str, expected: list) -> None:
    assert found(lexicon, text) == expected


def test_offsets_and_window(lexicon: ActorLexicon) -> None:
    text = "Baghdad met Tehran."
    mentions = lexicon.find(text, 5)
    assert [(m.start, m.end) for m in mentions] == [(12, 18)]
    assert text[mentions[0].start : mentions[0].end] == "Tehran"


def test_extend_at_load_time(lexicon: ActorLexicon) -> None:
    extended = lexicon.with_actor("russia", "Russia", ["Russia", "Moscow"])
    assert found(extended, "Moscow and Tehran") == [("Moscow", "russia"), ("Tehran", "iran")]
    assert "russia" not in lexicon.ids
    more = extended.with_actor("iran", "Iran", ["Persia"])
    assert found(more, "Persia") == [("Persia", "iran")]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"actors": "x"}, "list under 'actors'"),
        ({"actors": [], "extra": 1}, "unknown key"),
        ({"actors": [{"id": "a", "name": "A"}]}, r"actors\[0\]: missing key 'aliases'"),
        ({"actors": [{"id": "a", "name": "A", "aliases": "A"}]}, "must be a list of strings"),
        ({"actors": [{"id": "A b", "name": "A", "aliases": ["A"]}]}, "actor id 'A b'"),
        (
            {
                "actors": [
                    {"id": "a", "name": "A", "aliases": ["X"]},
                    {"id": "b", "name": "B", "aliases": ["X"]},
                ]
            },
            "alias 'X' belongs to both 'a' and 'b'",
        ),
        ({"actors": [{"id": "a", "name": "A", "aliases": ["A"], "colour": 1}]}, "unknown key"),
        ({**TWO, "labels": {"aliases": ["x"]}}, "'labels' must be a list"),
        ({**TWO, "labels": [{"aliases": ["x"]}]}, r"labels\[0\]: expected a mapping with exactly"),
        ({**TWO, "labels": [{"aliases": "x", "actors": ["a"]}]}, "'aliases' must be a list"),
        (
            {**TWO, "labels": [{"aliases": ["x"], "actors": ["zz"]}]},
            r"unknown or no actors \['zz'\]",
        ),
        ({**TWO, "labels": [{"aliases": ["Alpha"], "actors": ["a"]}]}, "'Alpha' is already a name"),
    ],
)
def test_bad_lexicon_names_the_entry(data: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ActorLexicon.from_dict(data, source="mine.yaml")


def test_bad_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "actors.yaml"
    path.write_text("actors:\n  - {id: a, name: A}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=str(path)):
        ActorLexicon.load(path)


def test_round_trip(lexicon: ActorLexicon) -> None:
    again = ActorLexicon.from_dict(lexicon.to_dict())
    assert again.actors == lexicon.actors
    assert again.labels == lexicon.labels and lexicon.labels


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [
        ("Alpha and Beta met. The regime said no.", 20, [("regime", "b")]),  # the nearest before
        ("Beta met Alpha. The regime said no.", 16, [("regime", "a")]),
        ("Alpha met Beta. The regime said no.", 16, [("regime", "b")]),
        ("Gamma spoke. The regime said no.", 13, []),  # c is not among the label's actors
        (
            "The regime, said Beta, and Alpha agreed.",
            0,
            [("regime", "b"), ("Beta", "b"), ("Alpha", "a")],
        ),
        ("Alpha" + " x" * 400 + ". The regime said no.", 806, []),  # beyond the window
        ("The regime said no.", 0, []),
        (
            "Alpha said the regime and the regime",
            0,
            [("Alpha", "a"), ("regime", "a"), ("regime", "a")],
        ),
    ],
)
def test_a_label_is_the_actor_the_context_names(text: str, start: int, expected: list) -> None:
    assert [(m.text, m.actor) for m in LABELLED.find(text, start)] == expected


def test_a_label_reads_600_characters_each_way() -> None:
    def before(gap: int) -> str:  # the name starts ``gap`` characters before the label
        return "Alpha" + " " * (gap - 5) + "regime"

    def after(gap: int) -> str:  # the name starts ``gap`` characters after the label's end
        return "The regime" + " " * gap + "Beta"

    assert found(LABELLED, before(600)) == [("Alpha", "a"), ("regime", "a")]
    assert found(LABELLED, before(601)) == [("Alpha", "a")]
    assert found(LABELLED, after(600)) == [("regime", "b"), ("Beta", "b")]
    assert found(LABELLED, after(601)) == [("Beta", "b")]
    # a name cut by the window's edge is read whole: "Alpha Beta" is one name, of c
    text = "Alpha Beta" + " " * 592 + "The regime spoke."  # "Beta" starts 598 before the label
    at = text.index("The regime")
    whole = LABELLED.with_actor("c", "C", ["Alpha Beta"])
    assert [(m.text, m.actor) for m in whole.find(text, at)] == []  # not "Beta" (b)
    assert [(m.text, m.actor) for m in LABELLED.find(text, at)] == [("regime", "b")]


def test_phrases_that_are_no_mention_give_nothing(lexicon: ActorLexicon) -> None:
    text = "Tehran fears regime change; the National Council of Resistance of Iran met in the "
    text += "West Bank."
    assert found(lexicon, text) == [("Tehran", "iran"), ("Iran", "iran")]
    with pytest.raises(ValueError, match="not_mentions: 'Alpha' is a name or a label"):
        ActorLexicon.from_dict({**TWO, "not_mentions": ["Alpha"]})
    with pytest.raises(ValueError, match="'not_mentions' must be a list of strings"):
        ActorLexicon.from_dict({**TWO, "not_mentions": "Alpha"})
    again = ActorLexicon.from_dict(lexicon.to_dict())
    assert again.not_mentions == lexicon.not_mentions and "regime change" in again.not_mentions


def test_labels_resolve_in_the_bundled_lexicon(lexicon: ActorLexicon) -> None:
    text = "Tehran rejected it. The regime also accused Israel; the Zionist regime denied it."
    assert found(lexicon, text) == [
        ("Tehran", "iran"), ("regime", "iran"), ("Israel", "israel"), ("Zionist regime", "israel"),
    ]  # fmt: skip
    beirut = "In Beirut, Hezbollah said the Resistance would keep its arms."
    assert ("Resistance", "hezbollah") in found(lexicon, beirut)
    assert lexicon.with_actor("russia", "Russia", ["Moscow"]).labels == lexicon.labels
