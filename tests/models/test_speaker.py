"""The speaker component (:mod:`framing.models.speaker`): the keyword rule, a tiny fit, saving
and loading with a family's folder, and the checks of ``speaker.npz``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from framing.data.annotated import load_examples
from framing.models.baselines import KeywordBaseline, MajorityBaseline
from framing.models.errors import ModelError
from framing.models.loading import load_model
from framing.models.speaker import (
    SPEAKER_FILE,
    SpeakerModel,
    candidates,
    context_speaker,
    keyword_speaker,
    previous_examples,
)
from framing.models.tfidf import TfidfModel
from framing.records import Example, Target

QUICK = {"word_ngrams": (1, 1), "char_ngrams": (3, 3), "max_features": 500, "calibration_folds": 2}


def example(text: str, actors: dict[str, str], speaker: str | None = None) -> Example:
    """A reported sentence whose mentions are the first occurrence of each key of ``actors``."""
    mentions = [Target(text.index(word), text.index(word) + len(word), actor, "neutral")
                for word, actor in actors.items()]  # fmt: skip
    return Example(text, mentions, doc_id="d", mode="news", reported=True, speaker=speaker)


# hand-made: the speaker is the subject of "said"/"told" or after "according to"; "other" when a
# person who is none of the actors speaks
US, IRAN, IRAQ, ISRAEL = "united_states", "iran", "iraq", "israel"
SPOKEN = [
    example("Iran said the United States lied.", {"Iran": IRAN, "United States": US}, IRAN),
    example("Washington told Tehran to stop.", {"Washington": US, "Tehran": IRAN}, US),
    example("Iraqi officials said Israel attacked.", {"Iraqi": IRAQ, "Israel": ISRAEL}, IRAQ),
    example("According to Israel, Iran fired first.", {"Israel": ISRAEL, "Iran": IRAN}, ISRAEL),
    example("An analyst said Iran was weak.", {"Iran": IRAN}, "other"),
    example("Smith wrote that Iraq would suffer.", {"Iraq": IRAQ}, "other"),
    example("Hezbollah said Israel would pay.", {"Hezbollah": "hezbollah", "Israel": ISRAEL},
            "hezbollah"),
    example("The professor argued that the US erred.", {"US": US}, "other"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "actors", "expected"),
    [
        ("Iran said the US lied.", {"Iran": "iran", "US": "united_states"}, "iran"),
        (
            "The US envoy met Iran, which said no.",
            {"US": "united_states", "Iran": "iran"},
            "iran",
        ),
        ("According to Iraq's ministry, it ended.", {"Iraq": "iraq"}, "iraq"),
        ("An analyst said Iran was weak.", {"Iran": "iran"}, "other"),
        ("Iran and Iraq signed a pact.", {"Iran": "iran", "Iraq": "iraq"}, "other"),
        ("Nothing was said.", {}, "other"),
    ],
)
def test_the_keyword_rule(text: str, actors: dict[str, str], expected: str) -> None:
    assert keyword_speaker(example(text, actors)) == expected


def test_candidates_are_the_mentioned_actors_once_and_other() -> None:
    ex = example("Iran and Iraq met; Iran spoke.", {"Iran": "iran", "Iraq": "iraq"})
    ex.mentions.append(Target(19, 23, "iran"))
    ex.mentions.append(Target(5, 8))  # a span of no actor is no candidate
    assert candidates(ex) == ["iran", "iraq", "other"]
    assert candidates(Example("No one.")) == ["other"]


def test_a_tiny_fit_gives_a_distribution_over_the_candidates() -> None:
    model = SpeakerModel(C=1.0).fit(SPOKEN)
    probabilities = model.proba([*SPOKEN, Example("No actor here.")])
    for ex, p in zip([*SPOKEN, Example("No actor here.")], probabilities, strict=True):
        assert list(p) == candidates(ex)
        assert sum(p.values()) == pytest.approx(1.0)
        assert all(0.0 <= v <= 1.0 for v in p.values())
    learned = [max(p, key=p.get) for p in probabilities[: len(SPOKEN)]]
    assert learned == [ex.speaker for ex in SPOKEN]  # the training sentences are learned
    assert probabilities[-1] == {"other": 1.0}


def test_fitting_needs_a_speaker_and_checks_its_settings() -> None:
    with pytest.raises(ValueError, match="no reported example with a speaker"):
        SpeakerModel().fit([example("Iran said so.", {"Iran": "iran"})])
    with pytest.raises(ValueError, match=r"'hash_bits' must be an integer in 4\.\.24"):
        SpeakerModel(hash_bits=40)


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny TF-IDF model trained on the annotated set and the hand-made speakers, saved."""
    directory = tmp_path_factory.mktemp("speaker") / "model"
    TfidfModel(**QUICK).fit([*load_examples(), *SPOKEN]).save_pretrained(directory)
    return directory


@pytest.fixture
def folder(saved: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(saved, tmp_path / "model"))


def test_the_speaker_round_trips_through_a_folder(saved: Path) -> None:
    meta = json.loads((saved / "framing.json").read_text(encoding="utf-8"))
    assert set(meta["speaker"]) == {"C", "hash_bits", "window_words", "seed", "cues"}
    with np.load(saved / SPEAKER_FILE, allow_pickle=False) as arrays:
        # numbers only: no word of the (non-redistributable) training texts is kept
        assert sorted(arrays.files) == ["coef", "intercept"]
        assert all(arrays[key].dtype.kind == "f" for key in arrays.files)
    model = TfidfModel(**QUICK).fit([*load_examples(), *SPOKEN])
    loaded = load_model(saved)
    assert loaded.speaker is not None
    expected = model.predict_proba(SPOKEN)
    got = loaded.predict_proba(SPOKEN)
    for e, g in zip(expected, got, strict=True):
        assert g.speaker == pytest.approx(e.speaker)
    labels = loaded.predict(SPOKEN)
    assert all(
        p.speaker in candidates(ex) or not p.reported for p, ex in zip(labels, SPOKEN, strict=True)
    )


def test_a_folder_without_a_speaker_loads_without_one(folder: Path) -> None:
    (folder / SPEAKER_FILE).unlink()
    meta = json.loads((folder / "framing.json").read_text(encoding="utf-8"))
    del meta["speaker"]
    (folder / "framing.json").write_text(json.dumps(meta), encoding="utf-8")
    model = load_model(folder)
    assert model.speaker is None and model.scores(SPOKEN[:2]).speaker is None
    assert model.predict(SPOKEN[:1])[0].speaker is None


def test_a_model_trained_without_speakers_saves_none(tmp_path: Path) -> None:
    model = TfidfModel(**QUICK).fit(load_examples())
    assert model.speaker is None
    model.save_pretrained(tmp_path / "m")
    assert not (tmp_path / "m" / SPEAKER_FILE).exists()
    assert "speaker" not in json.loads((tmp_path / "m" / "framing.json").read_text("utf-8"))


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda f: (f / SPEAKER_FILE).write_bytes(b"PK\x03\x04junk"), "speaker.npz: a corrupt"),
        (lambda f: (f / SPEAKER_FILE).write_bytes(b""), "speaker.npz: not a readable npz"),
        (lambda f: np.savez(f / SPEAKER_FILE, coef=np.zeros(3), intercept=np.zeros(1)),
         r"speaker.npz: 'coef' must be \d+ floats"),
        (lambda f: np.savez(f / SPEAKER_FILE, coef=np.full(65_557, np.nan), intercept=np.zeros(1)),
         "speaker.npz: array 'coef' holds non-finite"),
        (lambda f: (f / SPEAKER_FILE).unlink(), "a 'speaker' section, but speaker.npz is missing"),
    ],
)  # fmt: skip
def test_a_bad_speaker_file_is_named(folder: Path, damage, message: str) -> None:
    damage(folder)
    with pytest.raises(ModelError, match=message):
        load_model(folder)


def test_a_speaker_file_without_its_section_is_refused(folder: Path) -> None:
    meta = json.loads((folder / "framing.json").read_text(encoding="utf-8"))
    del meta["speaker"]
    (folder / "framing.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelError, match=r"speaker\.npz: a speaker model, but framing\.json"):
        load_model(folder)
    meta["speaker"] = {"C": 1.0}
    (folder / "framing.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelError, match=r"framing\.json: 'speaker' must hold"):
        load_model(folder)


def test_the_baselines_predict_a_speaker(tmp_path: Path) -> None:
    keyword = KeywordBaseline().fit(SPOKEN)
    assert [p.speaker for p in keyword.predict(SPOKEN[:5])] == [
        "iran", "united_states", "iraq", "israel", "other"
    ]  # fmt: skip
    majority = MajorityBaseline().fit([*SPOKEN, *SPOKEN[4:6]])
    assert majority.majority_speaker == "other"
    majority.save_pretrained(tmp_path / "majority")
    loaded = load_model(tmp_path / "majority")
    assert [p.speaker for p in loaded.predict_proba(SPOKEN[:2])] == [{"other": 1.0}] * 2
    assert MajorityBaseline().fit(load_examples()).scores(SPOKEN[:1]).speaker is None


def test_the_previous_sentence_is_the_one_before_in_the_list_or_its_context() -> None:
    first = example("Iran said the talks failed.", {"Iran": IRAN}, IRAN)
    second = example("He added that Iraq agreed.", {"Iraq": IRAQ}, IRAN)
    second.context = first.text
    assert previous_examples([first, second]) == [None, first]
    # alone, the context is read as text: its mentions are those of the sentence's own forms
    alone = example("Iran added that it agreed.", {"Iran": IRAN}, IRAN)
    alone.context = "Iran said the talks failed."
    (previous,) = previous_examples([alone])
    assert previous.text == alone.context and [m.actor for m in previous.mentions] == [IRAN]
    assert candidates(second, first) == [IRAQ, IRAN, "other"]
    assert context_speaker(first) == IRAN and context_speaker(None) is None
    assert context_speaker(example("Iraq agreed.", {"Iraq": IRAQ})) is None


def test_a_pronoun_or_a_bare_quotation_leans_to_the_previous_speaker() -> None:
    train = []
    for i, (word, actor) in enumerate(
        [("Iran", IRAN), ("Iraq", IRAQ), ("Israel", ISRAEL), ("Washington", US)] * 3
    ):
        said = example(f"{word} said the talks failed {i}.", {word: actor}, actor)
        said.doc_id = f"d{i}"
        on = example(f"He added that they lost {i}.", {}, actor)
        on.doc_id, on.context = said.doc_id, said.text
        quote = example(f"“We will not return {i}.”", {}, actor)
        quote.doc_id, quote.context = said.doc_id, on.text
        train += [said, on, quote]
    train += SPOKEN
    model = SpeakerModel(C=1.0).fit(train)
    said = example("Iraq said the war was over.", {"Iraq": IRAQ}, IRAQ)
    on = example("He added that Israel lost.", {"Israel": ISRAEL}, IRAQ)
    on.context = said.text
    p_said, p_on = model.proba([said, on])
    assert set(p_said) == {IRAQ, "other"}
    assert set(p_on) == {ISRAEL, IRAQ, "other"}
    assert max(p_on, key=p_on.get) == IRAQ
    assert abs(sum(p_on.values()) - 1) < 1e-9


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iran said the talks failed.", "cueverb"),
        ("According to analysts, it ended.", "cueaccording cuesource"),
        ("“We will not return.”", "cuequote cuequoteonly"),
        ("He added that Iraq agreed.", "cueverb cuepronounverb"),
        ("Iran met Iraq.", "cuenone"),
    ],
)
def test_the_cue_words_of_the_tfidf_sentence_view(text: str, expected: str) -> None:
    from framing.models.tfidf import cue_text

    assert cue_text(text) == expected


def test_the_tfidf_cue_view_is_saved_as_cue_words_only(saved: Path) -> None:
    vocabulary = json.loads((saved / "vocabulary.json").read_text(encoding="utf-8"))
    assert set(vocabulary["sentence"]) == {"word", "char", "cue"}
    assert all(term.startswith("cue") for term in vocabulary["sentence"]["cue"])
    assert load_model(saved).cues


def test_a_tfidf_folder_saved_before_the_cues_loads_without_them() -> None:
    from framing.models.loading import BUNDLED_NAMES

    BUNDLED = BUNDLED_NAMES["tfidf"]

    vocabulary = json.loads((Path(BUNDLED) / "vocabulary.json").read_text(encoding="utf-8"))
    assert "cue" not in vocabulary["sentence"]  # the bundled model predates the cue view
    loaded = load_model(BUNDLED)
    assert not loaded.cues
    assert len(loaded.predict_proba(SPOKEN)) == len(SPOKEN)
