"""The user-facing analyzer: offsets, labels, summary, schema, batching, bad input, model folders.

The session's small TF-IDF model (``model_dir``, tests/inference/conftest.py) is loaded through
:func:`framing.load` like a user would; tests that change a folder work on ``model_copy``.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import framing
import framing.inference.results
from framing import DocumentAnalysis, ModelError
from framing.actors import ActorLexicon
from framing.inference.prepare import Prepared
from framing.inference.results import SCHEMA_VERSION, MentionAnalysis, SentenceAnalysis
from framing.inference.summary import summarise
from framing.labels import FRAMES, MODES, STANCES, actor_stances, frames

GERMAN = (
    "In einer Erklärung teilte das Ministerium mit, dass die Verhandlungen in Wien in der "
    "kommenden Woche fortgesetzt werden. In den vergangenen Monaten war es in der Region immer "
    "wieder zu Spannungen gekommen, die in mehreren Ländern zu Protesten führten. Beobachter "
    "sehen darin ein Zeichen der Entspannung."
)
GERMAN_SHORT = (
    "Die Bundesregierung hat am Montag neue Sanktionen gegen den Iran angekündigt. Der "
    "Außenminister sagte, man werde die Gespräche mit Teheran fortsetzen, aber der Druck müsse "
    "steigen. Kritiker in Berlin warnten vor einer weiteren Eskalation in der Region."
)
SPANISH = (
    "El gobierno de Irán anunció el lunes que continuará las negociaciones con Estados Unidos a "
    "pesar de las nuevas sanciones. El ministro de Asuntos Exteriores dijo a los periodistas que "
    "Teherán está dispuesto a dialogar, pero que no aceptará presiones. Los analistas advierten "
    "de una escalada en la región."
)
PERSIAN = (
    "دولت ایران روز دوشنبه اعلام کرد که مذاکرات با آمریکا ادامه خواهد یافت. وزیر امور خارجه "
    "گفت که تهران به تعهدات خود پایبند است و منتظر پاسخ واشنگتن می‌ماند."
)
ENGLISH = (
    "Tehran rejected the latest proposal from Washington on Monday, officials said. The Iranian "
    "foreign minister told reporters that the United States had failed to keep its promises and "
    "that Iran would continue talks with its neighbours in the region."
)


# -- fixtures ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def analyzer(model_dir: Path) -> framing.Analyzer:
    return framing.load(model_dir)


@pytest.fixture
def fresh(model_dir: Path) -> framing.Analyzer:
    """An analyzer of its own, for tests that change the lexicon."""
    return framing.load(model_dir)


@pytest.fixture(scope="module")
def seed_docs(analyzer: framing.Analyzer, seeds: dict[str, str]) -> dict[str, DocumentAnalysis]:
    return {name: analyzer.analyze(raw) for name, raw in seeds.items()}


# -- 1. offsets and labels on the real articles ---------------------------------------------------
def test_sentences_and_mentions_point_into_the_raw_text(
    seeds: dict[str, str], seed_docs: dict[str, DocumentAnalysis]
) -> None:
    total_mentions = total_removed = 0
    for name, raw in seeds.items():
        doc = seed_docs[name]
        assert len(doc) > 0, name
        assert doc.text_length == len(raw)
        previous_end = 0
        for i, s in enumerate(doc.sentences):
            where = f"{name} sentence {i}"
            assert s.index == i, where
            assert previous_end <= s.start < s.end <= len(raw), (where, s.start, s.end)
            previous_end = s.end
            assert s.text.strip(), where
            for m in s.mentions:
                assert raw[m.start : m.end] == m.text, (where, m)
                assert s.start <= m.start < m.end <= s.end, (where, m)
                assert m.text in s.text, (where, m.text)
                total_mentions += 1
        for r in doc.removed:
            assert raw[r["start"] : r["end"]] == r["text"], (name, r)
            assert r["text"] and r["kind"], (name, r)
            total_removed += 1
    # the checks above are not vacuous: the articles have actors and boilerplate
    assert total_mentions >= 20
    assert total_removed >= 5


def test_sentence_labels_follow_the_probabilities_and_the_rules(
    seed_docs: dict[str, DocumentAnalysis],
) -> None:
    for name, doc in seed_docs.items():
        for s in doc.sentences:
            where = f"{name} sentence {s.index}"
            assert set(s.mode_probabilities) == set(MODES), where
            assert math.isclose(sum(s.mode_probabilities.values()), 1.0, abs_tol=1e-6), where
            assert s.mode == max(MODES, key=s.mode_probabilities.__getitem__), where
            assert s.mode_probability == s.mode_probabilities[s.mode]
            assert 0.0 <= s.reported_probability <= 1.0, where
            assert s.reported is (s.reported_probability >= 0.5), where
            for m in s.mentions:
                assert set(m.probabilities) == set(STANCES), where
                assert math.isclose(sum(m.probabilities.values()), 1.0, abs_tol=1e-6), where
                assert m.stance == max(STANCES, key=m.probabilities.__getitem__), where
            # one stance per mentioned actor, by the rule of the annotated set
            assert set(s.stances) == {m.actor for m in s.mentions}, where
            expected = actor_stances(
                [m.actor for m in s.mentions],
                [[m.probabilities[label] for label in STANCES] for m in s.mentions],
            )
            assert s.stances == expected, where
            assert s.frames == frames(s.mode, s.reported, s.stances), where
            assert list(s.frames) == list(FRAMES), where


# -- 2. the document summary ---------------------------------------------------------------------
def check_summary(doc: DocumentAnalysis, lexicon: ActorLexicon) -> None:
    n = len(doc.sentences)
    recount: dict[str, dict] = {}
    for s in doc.sentences:
        for actor, stance in s.stances.items():
            entry = recount.setdefault(
                actor, {"mentions": 0, "sentences": 0, "counts": dict.fromkeys(STANCES, 0)}
            )
            entry["sentences"] += 1
            entry["counts"][stance] += 1
        for m in s.mentions:
            recount[m.actor]["mentions"] += 1
    assert set(doc.actors) == set(recount)
    for actor, entry in doc.actors.items():
        assert entry["name"] == lexicon.actor(actor).name
        for key in ("mentions", "sentences", "counts"):
            assert entry[key] == recount[actor][key], (actor, key)
        assert math.isclose(sum(entry["shares"].values()), 1.0, abs_tol=1e-9), actor
        for label in STANCES:
            assert entry["shares"][label] == entry["counts"][label] / entry["sentences"]
    # actors listed by mentions, most first
    order = [doc.actors[a]["mentions"] for a in doc.actors]
    assert order == sorted(order, reverse=True)

    opinion = sum(s.mode == "opinion" for s in doc.sentences)
    assert doc.genre_score == (opinion / n if n else 0.0)
    assert doc.genre == ("opinion" if opinion * 2 > n else "news")

    counts = {f: sum(s.frames[f] for s in doc.sentences) for f in FRAMES}
    assert list(doc.frames) == list(FRAMES)
    for f in FRAMES:
        assert doc.frames[f]["sentences"] == counts[f]
        assert doc.frames[f]["share"] == (counts[f] / n if n else 0.0)
    top = max(counts.values())
    assert doc.dominant_frames == ([f for f in FRAMES if counts[f] == top] if top else [])


def test_summary_recounts_the_sentences(
    analyzer: framing.Analyzer, seed_docs: dict[str, DocumentAnalysis]
) -> None:
    for doc in seed_docs.values():
        check_summary(doc, analyzer.lexicon)
    assert any(len(doc.actors) >= 3 for doc in seed_docs.values())
    assert all(doc.dominant_frames for doc in seed_docs.values())


def sentence(i: int, mode: str, stances: dict[str, str], reported: bool = False):
    mentions = [
        MentionAnalysis(actor, actor, 0, 1, stance, {s: float(s == stance) for s in STANCES})
        for actor, stance in stances.items()
    ]
    probabilities = {m: float(m == mode) for m in MODES}
    return SentenceAnalysis(
        i, 0, 1, "x", mode, probabilities, reported, float(reported), mentions, stances,
        frames(mode, reported, stances),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("modes", "genre"),
    [
        (["opinion", "opinion", "news", "news"], "news"),  # exactly half is not more than half
        (["opinion", "opinion", "news", "opinion", "news"], "opinion"),
        (["news"], "news"),
        (["opinion"], "opinion"),
    ],
)
def test_genre_is_opinion_when_most_sentences_are(modes: list[str], genre: str) -> None:
    sentences = [sentence(i, mode, {}) for i, mode in enumerate(modes)]
    doc = summarise(sentences, Prepared("x", [], [], [], []), ActorLexicon.load(), {})
    assert doc.genre == genre
    assert doc.genre_score == modes.count("opinion") / len(modes)


def test_dominant_frames_keep_ties_and_counts_are_per_sentence() -> None:
    sentences = [
        sentence(0, "opinion", {"iran": "supportive", "united_states": "critical"}),
        sentence(1, "opinion", {"iran": "supportive"}),
        sentence(2, "opinion", {"united_states": "critical", "iraq": "neutral"}),
        sentence(3, "news", {"iran": "neutral"}),
    ]
    lexicon = ActorLexicon.load()
    doc = summarise(sentences, Prepared("x" * 7, [], [], [], []), lexicon, {})
    check_summary(doc, lexicon)
    assert doc.dominant_frames == ["supportive_of_iran", "critical_of_us"]
    assert doc.frames["neutral_reporting"] == {"sentences": 1, "share": 0.25}
    assert doc.actors["iran"]["counts"] == {"neutral": 1, "supportive": 2, "critical": 0}
    assert doc.actors["iran"]["shares"]["supportive"] == pytest.approx(2 / 3)
    assert doc.text_length == 7


# -- 3. the schema -------------------------------------------------------------------------------
TOP_KEYS = {
    "schema_version", "model", "metadata", "source", "text_length", "dateline", "genre",
    "sentences", "actors", "frames", "dominant_frames", "removed", "warnings",
}  # fmt: skip
SENTENCE_KEYS = {
    "index", "start", "end", "text", "mode", "reported", "speaker", "mentions", "stances",
    "frames",
}  # fmt: skip
MENTION_KEYS = {"actor", "text", "start", "end", "sentence_start", "sentence_end", "stance"}
ACTOR_KEYS = {"name", "mentions", "sentences", "counts", "shares"}
REMOVED_KEYS = {"start", "end", "kind", "text"}


def richest(seed_docs: dict[str, DocumentAnalysis]) -> DocumentAnalysis:
    doc = max(seed_docs.values(), key=lambda d: sum(len(s.mentions) for s in d.sentences))
    assert doc.removed and any(s.mentions for s in doc.sentences)
    return doc


def test_to_dict_follows_the_documented_schema(seed_docs: dict[str, DocumentAnalysis]) -> None:
    schema = framing.inference.results.__doc__
    assert f"Schema, version {SCHEMA_VERSION}" in schema
    every_key = (
        TOP_KEYS | SENTENCE_KEYS | MENTION_KEYS | ACTOR_KEYS | REMOVED_KEYS
        | {"family", "source", "label", "score", "probability", "probabilities", "share"}
        | {"outlet", "date", "url", "title", "author", "extra", "format", "extractor"}
        | {"place", "agency"}  # the dateline's (its text, date, start and end are named above)
    )  # fmt: skip
    documented = set(re.findall(r'"(\w+)":', schema))
    assert every_key == documented

    data = richest(seed_docs).to_dict()
    assert data["schema_version"] == 2 == SCHEMA_VERSION
    assert data["metadata"] == dict.fromkeys(["outlet", "date", "url", "title", "author"])
    assert data["source"] == {"format": "text", "extractor": None, "text": None}
    assert set(data) == TOP_KEYS
    assert set(data["model"]) == {"family", "source"}
    assert data["model"]["family"] == "tfidf"
    assert set(data["genre"]) == {"label", "score"}
    assert data["genre"]["label"] in {"opinion", "news"}
    for s in data["sentences"]:
        assert set(s) == SENTENCE_KEYS
        assert set(s["mode"]) == {"label", "probability", "probabilities"}
        assert s["mode"]["probability"] == s["mode"]["probabilities"][s["mode"]["label"]]
        assert set(s["reported"]) == {"label", "probability"}
        assert isinstance(s["reported"]["label"], bool)
        assert s["speaker"] is None  # a model trained without speakers predicts none
        assert set(s["frames"]) == set(FRAMES)
        for m in s["mentions"]:
            assert set(m) == MENTION_KEYS
            assert set(m["stance"]) == {"label", "probabilities"}
            assert set(m["stance"]["probabilities"]) == set(STANCES)
    assert data["actors"]
    for entry in data["actors"].values():
        assert set(entry) == ACTOR_KEYS
        assert set(entry["counts"]) == set(entry["shares"]) == set(STANCES)
    assert set(data["frames"]) == set(FRAMES)
    for entry in data["frames"].values():
        assert set(entry) == {"sentences", "share"}
    assert data["removed"]
    for r in data["removed"]:
        assert set(r) == REMOVED_KEYS


def test_to_json_round_trips_and_keeps_non_ascii(
    analyzer: framing.Analyzer, seed_docs: dict[str, DocumentAnalysis]
) -> None:
    for doc in seed_docs.values():
        assert json.loads(doc.to_json()) == doc.to_dict()
    doc = analyzer.analyze("Türkiye’s president met Iran’s envoy in Ankara — “a good meeting”.")
    assert doc.actors and "turkey" in doc.actors
    text = doc.to_json()
    assert "Türkiye" in text and "—" in text and "\\u" not in text
    assert json.loads(text) == doc.to_dict()
    assert json.loads(doc.to_json(indent=2)) == doc.to_dict()
    # to_dict is a copy: changing it leaves the analysis alone
    data = doc.to_dict()
    data["actors"]["turkey"]["counts"]["neutral"] = -1
    data["frames"]["critical_of_us"]["sentences"] = -1
    data["sentences"][0]["stances"].clear()
    data["removed"].append({})
    assert doc.to_dict() == json.loads(text)


# -- 4. batching ---------------------------------------------------------------------------------
@pytest.mark.parametrize("batch_size", [1, 3, 64])
def test_analyze_many_matches_one_by_one_in_order(
    analyzer: framing.Analyzer,
    seeds: dict[str, str],
    seed_docs: dict[str, DocumentAnalysis],
    batch_size: int,
) -> None:
    names = list(seeds)[:3]
    assert len(names) == 3
    texts = [seeds[names[0]], "", seeds[names[1]], seeds[names[2]]]
    single = [seed_docs[names[0]], analyzer.analyze(""), seed_docs[names[1]], seed_docs[names[2]]]
    batched = analyzer.analyze_many(iter(texts), batch_size=batch_size)
    assert [d.text_length for d in batched] == [len(t) for t in texts]
    assert [d.to_dict() for d in batched] == [d.to_dict() for d in single]


# -- 5. bad input --------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["", "   \n", b"", b" \t\r\n"])
def test_empty_text_gives_an_empty_analysis(analyzer: framing.Analyzer, text: str | bytes) -> None:
    doc = analyzer.analyze(text)
    assert len(doc) == 0 and doc.sentences == []
    assert doc.actors == {} and doc.removed == [] and doc.warnings == []
    assert doc.dominant_frames == []
    assert doc.genre == "news" and doc.genre_score == 0.0
    assert all(entry == {"sentences": 0, "share": 0.0} for entry in doc.frames.values())
    assert doc.text_length == len(text)
    assert json.loads(doc.to_json())["sentences"] == []


def test_valid_utf8_bytes_read_like_the_string(
    analyzer: framing.Analyzer, seeds: dict[str, str], seed_docs: dict[str, DocumentAnalysis]
) -> None:
    name = next(n for n, raw in seeds.items() if not raw.isascii())
    doc = analyzer.analyze(seeds[name].encode("utf-8"))
    assert doc.to_dict() == seed_docs[name].to_dict()
    assert doc.warnings == []


def test_invalid_utf8_bytes_warn_and_still_analyse(analyzer: framing.Analyzer) -> None:
    raw = ENGLISH.encode("utf-8").replace(b"Monday", b"Mon\xff\xfeday")
    doc = analyzer.analyze(raw)
    assert any("UTF-8" in w for w in doc.warnings), doc.warnings
    assert len(doc) >= 2 and "iran" in doc.actors
    assert doc.text_length == len(raw.decode("utf-8", errors="replace"))


def test_english_text_gives_no_warning(
    analyzer: framing.Analyzer, seed_docs: dict[str, DocumentAnalysis]
) -> None:
    assert analyzer.analyze(ENGLISH).warnings == []
    for name, doc in seed_docs.items():
        assert doc.warnings == [], name


@pytest.mark.parametrize("text", [GERMAN, GERMAN_SHORT, SPANISH, PERSIAN])
def test_other_languages_warn(analyzer: framing.Analyzer, text: str) -> None:
    doc = analyzer.analyze(text)
    assert any("English" in w for w in doc.warnings), doc.warnings
    assert len(doc) >= 2  # still analysed


def test_binary_like_text_warns(analyzer: framing.Analyzer) -> None:
    # one control character in ten: no text has that many
    junk = "".join(f"{ch}abcdefghi" for ch in "\x00\x01\x02\x03\x1b\x7f\x10\x11" * 5)
    doc = analyzer.analyze(junk)
    assert any("binary" in w for w in doc.warnings), doc.warnings
    doc = analyzer.analyze(bytes(range(256)) * 2)
    assert any("binary" in w for w in doc.warnings), doc.warnings
    # a stray control character in real text is no reason to warn
    assert analyzer.analyze(ENGLISH.replace(" on ", " on\x0c", 1) + "\x00").warnings == []


@pytest.mark.parametrize("bad", [5, None, 1.5, ["Iran said."]])
def test_non_text_is_a_type_error(analyzer: framing.Analyzer, bad: object) -> None:
    with pytest.raises(TypeError, match=type(bad).__name__):
        analyzer.analyze(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        analyzer.analyze_many(["Iran said.", bad])  # type: ignore[list-item]


@pytest.mark.parametrize("batch_size", [0, -3])
def test_batch_size_must_be_positive(analyzer: framing.Analyzer, batch_size: int) -> None:
    with pytest.raises(ValueError, match="batch_size"):
        analyzer.analyze_many(["Iran said."], batch_size=batch_size)


# -- 6. actors added at run time -----------------------------------------------------------------
RUSSIA_TEXT = "Moscow condemned the strikes. Officials in Tehran welcomed the Kremlin statement."


def test_add_actor_gives_it_mentions_and_stances(fresh: framing.Analyzer) -> None:
    assert "russia" not in fresh.analyze(RUSSIA_TEXT).actors
    assert fresh.add_actor("russia", ["Russia", "Moscow", " ", "Kremlin"], name="Russia") is fresh
    doc = fresh.analyze(RUSSIA_TEXT)
    assert doc.actors["russia"]["name"] == "Russia"
    assert doc.actors["russia"]["mentions"] == 2
    assert doc.actors["russia"]["sentences"] == 2
    texts = [m.text for s in doc.sentences for m in s.mentions if m.actor == "russia"]
    assert texts == ["Moscow", "Kremlin"]
    for s in doc.sentences:
        assert s.stances["russia"] in STANCES
    assert "iran" in doc.actors  # the known actors stay


def test_add_actor_extends_a_known_actor(fresh: framing.Analyzer) -> None:
    fresh.add_actor("iran", ["Persia"])
    doc = fresh.analyze("Persia and Iraq signed a pact.")
    assert doc.actors["iran"]["name"] == "Iran"
    assert [m.text for m in doc.sentences[0].mentions if m.actor == "iran"] == ["Persia"]


def test_add_actor_refuses_an_alias_of_another_actor(fresh: framing.Analyzer) -> None:
    before = fresh.lexicon
    # "Saudi Arabia" and "Riyadh" belong to gulf_states in the bundled lexicon
    with pytest.raises(ValueError, match="gulf_states"):
        fresh.add_actor("saudi_arabia", ["Saudi Arabia", "Riyadh"], name="Saudi Arabia")
    with pytest.raises(ValueError, match="'iran'"):
        fresh.add_actor("persia", ["Persia", "Tehran"])
    assert fresh.lexicon is before


def test_add_actor_takes_one_alias_as_a_string(fresh: framing.Analyzer) -> None:
    fresh.add_actor("russia", "Kremlin")
    assert fresh.lexicon.actor("russia").aliases == ("Kremlin",)  # not one alias per letter
    doc = fresh.analyze("The Kremlin rejected a deal with a neighbour.")
    assert [m.text for s in doc.sentences for m in s.mentions] == ["Kremlin"]


@pytest.mark.parametrize("aliases", [[], [""], ["  ", "\n"], "   "])
def test_add_actor_needs_an_alias(fresh: framing.Analyzer, aliases: list[str] | str) -> None:
    with pytest.raises(ValueError, match="alias"):
        fresh.add_actor("russia", aliases)
    assert "russia" not in fresh.lexicon.ids


# -- 7. model folders ----------------------------------------------------------------------------
def test_a_model_folder_loads(model_dir: Path, analyzer: framing.Analyzer) -> None:
    assert isinstance(analyzer, framing.Analyzer)
    assert analyzer.model.family == "tfidf"
    assert analyzer.source == str(model_dir)
    assert analyzer.analyze(ENGLISH).model == {"family": "tfidf", "source": str(model_dir)}


def test_a_training_run_folder_loads_its_model(model_dir: Path, tmp_path: Path) -> None:
    run = tmp_path / "run"
    shutil.copytree(model_dir, run / "model")
    (run / "metrics.json").write_text("{}", encoding="utf-8")
    loaded = framing.load(run)
    assert Path(loaded.source) == run / "model"
    assert "iran" in loaded.analyze(ENGLISH).actors


def test_a_missing_folder_is_a_model_error(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(ModelError, match="no such model folder") as err:
        framing.load(missing)
    assert str(missing) in str(err.value)
    (tmp_path / "file.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ModelError, match="no such model folder"):
        framing.load(tmp_path / "file.json")


def test_a_folder_without_framing_json_is_a_model_error(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    with pytest.raises(ModelError, match=r"framing\.json is missing"):
        framing.load(tmp_path)


def rewrite_meta(folder: Path, **changes: object) -> None:
    meta_file = folder / "framing.json"
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    meta.update(changes)
    meta_file.write_text(json.dumps(meta), encoding="utf-8")


def test_another_format_version_is_a_model_error(model_copy: Path) -> None:
    folder = model_copy
    rewrite_meta(folder, format_version=99)
    with pytest.raises(ModelError, match="format_version 99"):
        framing.load(folder)


def test_an_unknown_family_is_a_model_error(model_copy: Path) -> None:
    folder = model_copy
    rewrite_meta(folder, family="crystal_ball")
    with pytest.raises(ModelError, match="unknown model family 'crystal_ball'"):
        framing.load(folder)


def test_broken_framing_json_is_a_model_error(model_copy: Path) -> None:
    folder = model_copy
    (folder / "framing.json").write_text('{"format_version": 1,', encoding="utf-8")
    with pytest.raises(ModelError, match="not valid JSON"):
        framing.load(folder)


@pytest.mark.parametrize("name", ["tfidf.npz", "vocabulary.json"])
def test_an_incomplete_folder_names_the_missing_file(model_copy: Path, name: str) -> None:
    folder = model_copy
    (folder / name).unlink()
    with pytest.raises(ModelError, match=rf"incomplete .*{re.escape(name)}"):
        framing.load(folder)


@pytest.mark.parametrize("pickle", ["weights.pkl", "sub/state.PT", "model.joblib"])
def test_pickle_files_are_refused(model_copy: Path, pickle: str) -> None:
    folder = model_copy
    (folder / pickle).parent.mkdir(exist_ok=True)
    (folder / pickle).write_bytes(b"\x80\x04K\x01.")
    with pytest.raises(ModelError, match="pickle") as err:
        framing.load(folder)
    assert Path(pickle).name in str(err.value)


def test_an_unreachable_hub_id_is_a_model_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import huggingface_hub.constants

    # offline whatever the environment says: the Hub client must answer from its cache, at once
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
    monkeypatch.chdir(tmp_path)  # "nobody/nothing" is no local folder here
    with pytest.raises(ModelError, match="no local folder 'nobody/nothing', and could not get"):
        framing.load("nobody/nothing")


def test_bundled_by_name() -> None:
    named = framing.load("bundled")
    assert named.source == "bundled" and named.directory == framing.load().directory


# -- 8. import weight ----------------------------------------------------------------------------
@pytest.mark.slow  # a Python of its own (a fresh sys.modules), seconds to start
def test_a_tfidf_analyzer_needs_no_deep_learning_libraries(model_dir: Path) -> None:
    # ``import framing`` alone is checked in test_package.py; loading and running a TF-IDF model
    # must not pull in torch, transformers or datasets either
    code = (
        "import sys, framing; a = framing.load(sys.argv[1]); a.analyze('Iran said no.'); "
        "print([m for m in ('torch', 'transformers', 'datasets') if m in sys.modules])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(model_dir)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stderr


# -- the bundled model ---------------------------------------------------------------------------
def test_the_bundled_model_loads_and_matches_its_build() -> None:
    """The default is the fine-tuned family of configs/corpus.yaml (make bundle), exported to
    ONNX; the tfidf model of configs/tfidf_bundled.yaml is bundled by name."""
    repo = Path(__file__).resolve().parents[2]
    for name, config_file, family in (
        (None, "corpus.yaml", "finetune_onnx"),
        ("tfidf", "tfidf_bundled.yaml", "tfidf"),
    ):
        analyzer = framing.load(name)
        assert analyzer.source == (name or "bundled")
        assert analyzer.model.family == family
        metrics = json.loads((analyzer.directory / "metrics.json").read_text(encoding="utf-8"))
        config = yaml.safe_load((repo / "configs" / config_file).read_text(encoding="utf-8"))
        assert metrics["model"]["family"] == config["model"]["family"]
        assert metrics["data"]["source"] == config["data"]["source"]
        assert [p["path"] for p in metrics["data"]["public"]] == [
            p["path"] for p in config["data"]["public"]
        ]
        doc = analyzer.analyze("Tehran praised the pact with Baghdad. Washington objected to it.")
        assert [sorted(s.stances) for s in doc.sentences] == [["iran", "iraq"], ["united_states"]]


def test_own_cleaning_rules_apply_to_every_document(model_dir: Path) -> None:
    text = "Iran and Iraq signed a security memorandum [3] in Baghdad on Monday."
    default = framing.load(model_dir)
    kept = framing.load(model_dir, clean_config=framing.CleanConfig(disabled=["citation"]))
    assert "[3]" not in default.analyze(text).sentences[0].text
    assert all("[3]" in d.sentences[0].text for d in kept.analyze_many([text, text]))


def test_reported_sentences_get_a_speaker_in_the_json(tmp_path: Path) -> None:
    from framing.data.annotated import load_examples
    from framing.models.tfidf import TfidfModel
    from framing.records import Example, Target

    def spoken(text: str, word: str, actor: str, speaker: str) -> Example:
        start = text.index(word)
        mentions = [Target(start, start + len(word), actor, "neutral")]
        return Example(text, mentions, doc_id="s", mode="news", reported=True, speaker=speaker)

    extra = [
        spoken("Iran said the talks failed.", "Iran", "iran", "iran"),
        spoken("An analyst said Iraq was weak.", "Iraq", "iraq", "other"),
        spoken("Israel said it would strike.", "Israel", "israel", "israel"),
    ]
    folder = tmp_path / "model"
    quick = {"word_ngrams": (1, 1), "char_ngrams": (3, 3), "max_features": 1000}
    TfidfModel(**quick, calibration_folds=2).fit([*load_examples(), *extra]).save_pretrained(folder)
    analyzer = framing.load(str(folder))
    text = "Iran said the talks failed. Iran and Iraq signed a pact in Baghdad last year."
    data = json.loads(analyzer.analyze(text).to_json())
    assert data["sentences"]
    previous: set[str] = set()
    for s in data["sentences"]:
        actors = {m["actor"] for m in s["mentions"]}
        if s["reported"]["label"]:  # an actor of the sentence or of the one before, or other
            assert s["speaker"] in actors | previous | {"other"}
        else:
            assert s["speaker"] is None
        previous = actors
    assert any(s["speaker"] for s in data["sentences"])
    # each sentence reads the one before it, whatever the batches
    one = analyzer.analyze_many([text], batch_size=1)[0].to_dict()
    assert [s["speaker"] for s in one["sentences"]] == [s["speaker"] for s in data["sentences"]]


def test_each_sentence_is_scored_with_the_previous_one_as_its_context() -> None:
    from framing.inference.analyzer import doc_examples
    from framing.inference.prepare import prepare
    from framing.text.segment import get_segmenter

    doc = prepare("Iran said no. He added that Iraq agreed.", framing.ActorLexicon.load(),
                  get_segmenter("default"), None)  # fmt: skip
    examples = doc_examples(doc)
    assert [ex.context for ex in examples] == [None, "Iran said no."]
    assert [m.actor for m in examples[1].mentions] == ["iraq"]
