"""Language identification with py3langid's shipped model: other languages are told apart from
English with a high probability, English news full of foreign names is English (or gets no sure
verdict), short texts get none, and long texts are read from a bounded sample."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.text import language
from framing.text.language import (
    MIN_LETTERS,
    SAMPLE_CHARS,
    UNDETERMINED,
    identify,
    language_name,
    rank,
)
from tests.documents import LIST_OF_NAMES, NAMES, OTHERS

ARTICLES = Path(__file__).resolve().parents[2] / "training" / "corpus" / "articles"


@pytest.mark.parametrize("code", sorted(OTHERS))
def test_other_languages_are_identified_surely(code: str) -> None:
    found, probability = identify(OTHERS[code])
    assert found == code
    assert probability > 0.8  # Arabic shares the rest with its Moroccan and Egyptian forms
    assert sum(p for c, p in rank(OTHERS[code]) if c == "en") < 0.001


def test_english_news_full_of_names_is_not_another_language_surely() -> None:
    code, probability = identify(NAMES)
    assert code == "en" or probability < 0.5, (code, probability)
    code, probability = identify(LIST_OF_NAMES)
    assert code == "en" or probability < 0.5, (code, probability)


def test_corpus_articles_are_english() -> None:
    files = sorted(ARTICLES.glob("*.txt"))
    assert len(files) > 100
    verdicts = {f.name: identify(f.read_text(encoding="utf-8")) for f in files}
    assert {name: v for name, v in verdicts.items() if v[0] != "en" or v[1] < 0.99} == {}


@pytest.mark.parametrize(
    "text", ["", "Iran said.", "IRAN WARNS ISRAEL", "12 345 678 -- 9.5%", "x" * 39]
)
def test_too_few_letters_give_no_verdict(text: str) -> None:
    assert identify(text) == (UNDETERMINED, 0.0)
    assert identify("Iran " * (MIN_LETTERS // 4 + 1))[0] != UNDETERMINED


class Spy:
    """The real identifier, recording what it is given."""

    def __init__(self, real: object) -> None:
        self.real, self.seen = real, []

    def rank(self, text: str) -> list[tuple[str, float]]:
        self.seen.append(text)
        return self.real.rank(text)


def test_a_long_text_is_read_from_its_start_middle_and_end(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spy = Spy(language._model())
    monkeypatch.setattr(language, "_model", lambda: spy)
    english = "Officials in Tehran said the talks would resume next week. " * 400
    german = OTHERS["de"] + " "
    # German at the start, the middle and the end of a long text: found in all three places
    text = german * 5 + english + german * 10 + english + german * 5
    code, _ = identify(text)
    (sample,) = spy.seen
    assert len(sample) <= SAMPLE_CHARS + 2  # the pieces' separators
    assert code == "de"
    assert sample.split("\n")[0].startswith("Das Außenministerium")
    assert all(piece[:1].isalpha() for piece in sample.split("\n"))  # no word cut in two
    # a long text with no spaces (Chinese) is sampled too, without losing its pieces
    identify("中国外交部发言人表示谈判将于下周在日内瓦恢复。" * 500)
    assert all(len(piece) > 900 for piece in spy.seen[-1].split("\n"))


def test_the_model_is_loaded_once() -> None:
    identify(OTHERS["fr"])
    assert language._model() is language._model()


def test_language_names() -> None:
    assert [language_name(c) for c in ("de", "fa", "pcm")] == ["German", "Persian", "pcm"]
