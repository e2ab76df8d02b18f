from __future__ import annotations

import pytest

from framing.text.layout import continues, ends_sentence, is_blank, starts_lower


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("Notably, there is a strong political will to follow through on", "the practical", True),
        ("The minister said that the agreement", "would be implemented", True),
        (
            "This visit was a major success for Iranian diplomacy, particularly as it occurred",
            "when",
            True,
        ),
        ("Talks at the UN General Assembly in", "Notably, there is", False),
        ("Key points", "first item", False),
        ("Iraqi PM meets Larijani in Baghdad", "al-Sudani welcomed the pact.", False),
        ("The pact was signed.", "then it held", False),
        ("Key demands", "- withdrawal of troops", False),
        ("a cut line", "continues here", False),
        ("a cut line", "continues here", True),  # joined=True below
    ],
)
def test_continues(before: str, after: str, expected: bool) -> None:
    joined = before == "a cut line" and expected
    assert continues(before, after, joined=joined) is expected


def test_small_predicates() -> None:
    assert ends_sentence("It held.\u200b ") and ends_sentence('He said "no."')
    assert not ends_sentence("It held") and not ends_sentence("")
    assert (
        starts_lower(" “the deal") and not starts_lower("The deal") and not starts_lower("2 deals")
    )
    assert is_blank("\u200b") and is_blank("\u00a0") and not is_blank("a")
