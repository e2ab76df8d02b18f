"""Public benchmarks: readers, scoring, partial labels, config, the evaluate CLI, the harness."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import accuracy_score, f1_score

from framing.data.annotated import DataError, load_examples
from framing.inference.analyzer import resolve_model
from framing.labels import MODES, STANCES
from framing.models import load_model
from framing.models.baselines import KeywordBaseline, MajorityBaseline
from framing.models.linear import Heads, LinearHead
from framing.models.tfidf import TfidfModel
from framing.public.benchmarks import Problem, load_benchmark, read_benchmark, score_benchmark
from framing.public.evaluate import main as evaluate_main
from framing.training import train
from framing.training.config import BenchmarkFile, ConfigError, TrainConfig


# -- helpers -------------------------------------------------------------------------------------
def target(sentence: str, mention: str, polarity, *, occurrence: int = 0, **extra) -> dict:
    """A NewsMTSC row whose ``from``/``to`` point at ``mention`` in ``sentence``."""
    start = -1
    for _ in range(occurrence + 1):
        start = sentence.index(mention, start + 1)
    row = {"sentence": sentence, "mention": mention, "from": start, "to": start + len(mention)}
    return {**row, "polarity": polarity, **extra}


def write_jsonl(path: Path, rows: list) -> Path:
    """One line per row: a dict or list is dumped as JSON, a str is written as it is."""
    lines = [r if isinstance(r, str) else json.dumps(r) for r in rows]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def write_tsv(path: Path, rows: list[list[str]]) -> Path:
    path.write_text("".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    return path


CT_HEADER = ["sentence_id", "sentence", "label", "solved_conflict"]


def annotated(text: str, mode: str, reported: bool, *spans: tuple[str, str]) -> dict:
    """An example in the shape of :func:`framing.data.load_examples` (all labels present)."""
    mentions = []
    for actor_text, stance in spans:
        start = text.index(actor_text)
        mentions.append(
            {"start": start, "end": start + len(actor_text), "actor": "iran", "stance": stance}
        )
    return {"doc_id": "d", "text": text, "mode": mode, "reported": reported, "mentions": mentions}


def public_stance(text: str, *spans: tuple[str, str]) -> dict:
    """A NewsMTSC-style example: stance labels only."""
    example = annotated(text, "news", False, *spans)
    for m in example["mentions"]:
        m["actor"] = None
    return {**example, "doc_id": "newsmtsc:1", "mode": None, "reported": None}


def public_mode(text: str, mode: str) -> dict:
    """A CheckThat!-style example: a mode label only."""
    return {"doc_id": "checkthat:2", "text": text, "mode": mode, "reported": None, "mentions": []}


# a tiny NewsMTSC-like training set and a CheckThat!-like one, with words the annotated set lacks
NEWSMTSC_TRAIN = [
    target("Zorblax praised Quimby for the deal.", "Zorblax", 1),
    target("Zorblax praised Quimby for the deal.", "Quimby", 1),
    target("Voters condemned Quimby after the vote.", "Quimby", -1),
    target("Quimby met Zorblax on Monday.", "Quimby", 0),
    target("Quimby met Zorblax on Monday.", "Zorblax", 0),
    target("Critics attacked Zorblax over taxes.", "Zorblax", -1),
]
NEWSMTSC_DEV = [
    target("Quimby praised the new plan.", "Quimby", 1),
    target("Critics condemned Zorblax again.", "Zorblax", -1),
    target("Zorblax met reporters.", "Zorblax", 0),
]
CHECKTHAT_TRAIN = [
    CT_HEADER,
    ["c1", "This policy is a disgrace and must end.", "SUBJ", "False"],
    ["c2", "The ministry published figures on Tuesday.", "OBJ", "False"],
    ["c3", "Frankly, the plan seems doomed.", "SUBJ", "False"],
    ["c4", "The vote took place in the capital.", "OBJ", "False"],
]
CHECKTHAT_DEV = [
    CT_HEADER[:3],
    ["d1", "It should be scrapped at once.", "SUBJ"],
    ["d2", "The council met on Friday.", "OBJ"],
]


# -- 1. readers -----------------------------------------------------------------------------------
def test_newsmtsc_rows_of_one_sentence_are_one_example(tmp_path: Path) -> None:
    first = "Alpha praised Beta, and Beta thanked Alpha."
    second = "Gamma met Delta."
    rows = [
        target(first, "Alpha", 1, id="a1"),
        target(second, "Gamma", 0, id="g"),
        target(first, "Beta", -1.0, id="b1"),  # an integral float is accepted
        target(first, "Beta", 0.0, occurrence=1),  # no id: the line number stands in
        target(second, "Delta", -1),
    ]
    examples, problems = read_benchmark("newsmtsc", write_jsonl(tmp_path / "t.jsonl", rows))
    assert problems == []
    assert [ex["text"] for ex in examples] == [first, second]
    one, two = examples
    assert one["doc_id"] == "newsmtsc:1" and two["doc_id"] == "newsmtsc:2"
    assert one["mode"] is None and one["reported"] is None
    assert one["mentions"] == [
        {"start": 0, "end": 5, "actor": None, "stance": "supportive"},
        {"start": 14, "end": 18, "actor": None, "stance": "critical"},
        {"start": 24, "end": 28, "actor": None, "stance": "neutral"},
    ]
    assert one["ids"] == ["a1", "b1", "4"]
    assert [m["stance"] for m in two["mentions"]] == ["neutral", "critical"]
    assert [two["text"][m["start"] : m["end"]] for m in two["mentions"]] == ["Gamma", "Delta"]


def test_newsmtsc_bad_rows_are_named_and_the_good_ones_kept(tmp_path: Path) -> None:
    good = target("Alpha praised Beta.", "Alpha", 1)
    rows = [
        good,  # 1
        '{"sentence": "Alpha left.", "mention": ',  # 2: truncated JSON
        [1, 2, 3],  # 3: not an object
        {k: v for k, v in good.items() if k != "polarity"},  # 4
        {**good, "to": 99},  # 5: past the end of the sentence
        {**good, "from": 3, "to": 3},  # 6: empty span
        {**good, "mention": "Beta"},  # 7: sentence[from:to] is Alpha
        {**good, "polarity": 2},  # 8
        {**good, "polarity": 2.0},  # 9
        {**good, "polarity": 0.5},  # 10
        {**good, "polarity": "1"},  # 11
        {**good, "polarity": True},  # 12
        {**good, "sentence": "   ", "from": 0, "to": 1, "mention": " "},  # 13
        "",  # 14: a blank line is no row and no problem
        target("Gamma met Delta.", "Delta", 0),  # 15
        {**good, "polarity": [1]},  # 16: unhashable
        {**good, "from": "0"},  # 17
    ]
    path = write_jsonl(tmp_path / "mixed.jsonl", rows)
    examples, problems = read_benchmark("newsmtsc", path)
    assert [ex["text"] for ex in examples] == ["Alpha praised Beta.", "Gamma met Delta."]
    assert [len(ex["mentions"]) for ex in examples] == [1, 1]
    expected = {
        2: "not valid JSON",
        3: "expected a JSON object",
        4: "missing key 'polarity'",
        5: "'from'/'to' (0, 99) outside the sentence",
        6: "'from'/'to' (3, 3) outside the sentence",
        7: "sentence[from:to] is 'Alpha', not the mention 'Beta'",
        8: "polarity 2 is not -1, 0 or 1",
        9: "polarity 2 is not -1, 0 or 1",
        10: "polarity 0.5 is not -1, 0 or 1",
        11: "polarity '1' is not -1, 0 or 1",
        12: "polarity True is not -1, 0 or 1",
        13: "empty or non-string 'sentence'",
        16: "polarity [1] is not -1, 0 or 1",
        17: "'from'/'to' ('0', 5) outside the sentence",  # the string "0" is not an offset
    }
    assert [p.line for p in problems] == list(expected)
    for problem in problems:
        assert problem.file == str(path)
        assert expected[problem.line] in problem.reason, problem
        assert str(problem) == f"{path}:{problem.line}: {problem.reason}"


def test_checkthat_labels_and_bad_rows(tmp_path: Path) -> None:
    rows = [
        CT_HEADER,
        ["s1", "  The minister is a disgrace.  ", "SUBJ", "False"],  # 2
        ["s2", "The minister spoke on Monday.", "OBJ", "True"],  # 3
        ["s3", "Lower case label.", "subj", "False"],  # 4
        ["s4", "   ", "OBJ", "False"],  # 5
        ["s5", "No label column at all."],  # 6
        ["", "An empty id.", "OBJ", "False"],  # 7
    ]
    path = write_tsv(tmp_path / "ct.tsv", rows)
    examples, problems = read_benchmark("checkthat", path)
    assert [(ex["text"], ex["mode"], ex["ids"]) for ex in examples] == [
        ("The minister is a disgrace.", "opinion", ["s1"]),
        ("The minister spoke on Monday.", "news", ["s2"]),
        ("An empty id.", "news", ["7"]),
    ]
    assert all(ex["reported"] is None and ex["mentions"] == [] for ex in examples)
    assert [ex["doc_id"] for ex in examples] == ["checkthat:2", "checkthat:3", "checkthat:7"]
    assert [(p.line, p.reason) for p in problems] == [
        (4, "label 'subj' is not SUBJ or OBJ"),
        (5, "empty 'sentence'"),
        (6, "label None is not SUBJ or OBJ"),
    ]
    assert all(p.file == str(path) for p in problems)


def test_checkthat_quotes_are_text_and_blank_lines_keep_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "ct.tsv"
    path.write_text(
        'sentence_id\tsentence\tlabel\n1\t"Never," he said.\tSUBJ\n\n3\tBad.\tNEUTRAL\n',
        encoding="utf-8",
    )
    examples, problems = read_benchmark("checkthat", path)
    assert [ex["text"] for ex in examples] == ['"Never," he said.']
    assert [(p.line, p.reason) for p in problems] == [(4, "label 'NEUTRAL' is not SUBJ or OBJ")]


def test_checkthat_missing_column(tmp_path: Path) -> None:
    path = write_tsv(tmp_path / "ct.tsv", [["sentence_id", "text", "label"], ["1", "Hi.", "OBJ"]])
    examples, problems = read_benchmark("checkthat", path)
    assert examples == []
    assert problems == [Problem(str(path), 1, "missing column(s) ['sentence']")]


def test_bytes_that_are_not_utf8_spoil_only_their_row(tmp_path: Path) -> None:
    rows = [json.dumps(target(t, "Alpha", 0)).encode() for t in ("Alpha one.", "Alpha two.")]
    bad = json.dumps(target("Alpha caf\u00e9.", "Alpha", 0)).encode().replace(b"\\u00e9", b"\xe9")
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(rows[0] + b"\n" + bad + b"\n" + rows[1] + b"\n")
    examples, problems = read_benchmark("newsmtsc", path)
    assert [ex["text"] for ex in examples] == ["Alpha one.", "Alpha two."]
    assert [p.line for p in problems] == [2]
    assert "not UTF-8" in problems[0].reason and problems[0].file == str(path)

    tsv = tmp_path / "latin1.tsv"
    tsv.write_bytes(
        b"sentence_id\tsentence\tlabel\n1\tGood.\tOBJ\n2\tCaf\xe9 talk.\tSUBJ\n3\tOk.\tOBJ\n"
    )
    examples, problems = read_benchmark("checkthat", tsv)
    assert [ex["text"] for ex in examples] == ["Good.", "Ok."]
    assert [p.line for p in problems] == [3]
    assert "not UTF-8" in problems[0].reason


def test_load_benchmark_raises_naming_the_rows(tmp_path: Path) -> None:
    good = target("Alpha praised Beta.", "Alpha", 1)
    path = write_jsonl(tmp_path / "n.jsonl", [good, {**good, "polarity": 5}, "nope"])
    with pytest.raises(
        DataError, match=r"2 bad row\(s\) in .*n\.jsonl: .*n\.jsonl:2: polarity 5"
    ) as e:
        load_benchmark("newsmtsc", path)
    assert f"{path}:3: not valid JSON" in str(e.value)
    many = write_jsonl(tmp_path / "many.jsonl", [good] + ["x"] * 12)
    with pytest.raises(DataError, match=r"12 bad row\(s\).*many\.jsonl:11: .*\(and 2 more\)$"):
        load_benchmark("newsmtsc", many)
    rows = [target(f"Alpha number {i}.", "Alpha", 0) for i in range(5)]
    clean = write_jsonl(tmp_path / "clean.jsonl", rows)
    assert len(load_benchmark("newsmtsc", clean)) == 5
    limited = load_benchmark("newsmtsc", clean, limit=2)
    assert [ex["text"] for ex in limited] == ["Alpha number 0.", "Alpha number 1."]


def test_unknown_benchmark_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(
        ValueError, match=r"unknown benchmark 'semeval'; known: newsmtsc, checkthat"
    ):
        read_benchmark("semeval", tmp_path / "x.jsonl")
    with pytest.raises(FileNotFoundError, match=r"no such checkthat file: .*absent\.tsv"):
        read_benchmark("checkthat", tmp_path / "absent.tsv")
    with pytest.raises(FileNotFoundError):
        load_benchmark("newsmtsc", tmp_path)  # a folder is not a file


def test_annotated_reader_reads_the_project_schema() -> None:
    from framing.data.annotated import annotated_dir

    examples, problems = read_benchmark("annotated", annotated_dir() / "sentences.jsonl")
    assert problems == []
    assert examples == load_examples()


# -- 2. partial labels ----------------------------------------------------------------------------
ANNOTATED = [
    annotated("Tehran said the talks went well.", "news", True, ("Tehran", "neutral")),
    annotated("Tehran reported progress in talks.", "news", True, ("Tehran", "supportive")),
    annotated("Tehran should stop this folly now.", "opinion", False, ("Tehran", "critical")),
    annotated("Tehran must be praised for courage.", "opinion", False, ("Tehran", "supportive")),
    annotated("Tehran stated its position.", "news", True, ("Tehran", "neutral")),
    annotated("Tehran should resign in shame.", "opinion", False, ("Tehran", "critical")),
]
PUBLIC = [
    public_stance("Voters condemned Quimby harshly.", ("Quimby", "critical")),
    public_stance("Zorblax praised Quimby.", ("Zorblax", "supportive"), ("Quimby", "supportive")),
    public_stance("Quimby met Zorblax.", ("Quimby", "neutral"), ("Zorblax", "neutral")),
    public_stance("Critics attacked Zorblax.", ("Zorblax", "critical")),
    public_mode("This plan is a disgrace.", "opinion"),
    public_mode("The ministry published figures.", "news"),
]


def test_heads_fit_each_task_on_the_rows_that_have_its_label() -> None:
    examples = [*ANNOTATED, *PUBLIC]
    rng = np.random.default_rng(0)
    sentences = rng.normal(size=(len(examples), 5))
    n_mentions = sum(len(ex["mentions"]) for ex in examples)
    mentions = rng.normal(size=(n_mentions, 4))
    heads = Heads(MODES, STANCES, calibration_folds=0)
    heads.fit(sentences, mentions, examples)
    mode_rows = [i for i, ex in enumerate(examples) if ex["mode"] is not None]
    assert mode_rows == [0, 1, 2, 3, 4, 5, 10, 11]
    alone = LinearHead(MODES, calibration_folds=0).fit(
        sentences[mode_rows], [examples[i]["mode"] for i in mode_rows]
    )
    np.testing.assert_allclose(heads.mode.coef, alone.coef)
    reported = LinearHead(["false", "true"], calibration_folds=0).fit(
        sentences[:6], [str(ex["reported"]).lower() for ex in ANNOTATED]
    )
    np.testing.assert_allclose(heads.reported.coef, reported.coef)
    assert heads.stance.classes == ["critical", "neutral", "supportive"]


def check_predictions(model, examples: list[dict]) -> list[dict]:
    proba = model.predict_proba(examples)
    labels = model.predict(examples)
    for p, lab, ex in zip(proba, labels, examples, strict=True):
        assert sum(p["mode"].values()) == pytest.approx(1.0)
        assert lab["mode"] in MODES and isinstance(lab["reported"], bool)
        assert len(lab["stances"]) == len(p["stances"]) == len(ex["mentions"])
        assert set(lab["stances"]) <= set(STANCES)
    return proba


def flat(proba: list[dict]) -> list[float]:
    """Every probability of ``predict_proba``'s output, in order."""
    values = []
    for p in proba:
        values += [*p["mode"].values(), p["reported"]]
        values += [v for row in p["stances"] for v in row.values()]
    return values


TEST = [
    {"text": "Quimby should quit now.", "mentions": [{"start": 0, "end": 6, "actor": None}]},
    {"text": "Nothing here.", "mentions": []},
]


def test_tfidf_and_majority_on_annotated_and_public_examples(tmp_path: Path) -> None:
    model = TfidfModel(calibration_folds=0).fit([*ANNOTATED, *PUBLIC])
    check_predictions(model, TEST)
    assert model.heads.mode.classes == ["news", "opinion"]
    assert model.heads.reported.classes == ["false", "true"]
    assert model.heads.stance.classes == ["critical", "neutral", "supportive"]
    assert "quimby" in model.target_features.vectorizers["word"].vocabulary_
    assert model.predict([{"text": "Tehran should quit.", "mentions": []}])[0]["mode"] == "opinion"

    # modes: 4 news, 3 opinion; reported: 3 of 5; stances: 2 neutral, 2 supportive, 3 critical
    majority = MajorityBaseline().fit([*ANNOTATED[:5], PUBLIC[0], *PUBLIC[3:]])
    assert (majority.mode, majority.reported) == ("news", 1.0)
    assert majority.stance == "critical"
    assert check_predictions(majority, TEST)[0]["stances"] == [
        {"neutral": 0.0, "supportive": 0.0, "critical": 1.0}
    ]
    only_public = MajorityBaseline().fit([PUBLIC[0], PUBLIC[3]])  # no mode, no reported label
    assert (only_public.mode, only_public.reported, only_public.stance) == ("news", 0.0, "critical")


def test_tfidf_on_checkthat_only_predicts_uniform_stance(tmp_path: Path) -> None:
    examples = [
        public_mode(r[1], {"SUBJ": "opinion", "OBJ": "news"}[r[2]]) for r in CHECKTHAT_TRAIN[1:]
    ]
    model = TfidfModel().fit(examples)
    proba = check_predictions(model, TEST)
    assert proba[0]["stances"] == [pytest.approx({s: 1 / 3 for s in STANCES})]
    assert proba[0]["reported"] == pytest.approx(0.5)
    assert any("no reported labels" in n for n in model.notes)
    assert any("no mentions in training" in n for n in model.notes)
    again = load_model(model.save_pretrained(tmp_path / "ct"))
    assert flat(again.predict_proba(TEST)) == pytest.approx(flat(proba))


def test_tfidf_on_newsmtsc_only_predicts_uniform_mode(tmp_path: Path) -> None:
    model = TfidfModel().fit(PUBLIC[:4])
    proba = check_predictions(model, TEST)
    assert proba[0]["mode"] == pytest.approx({"news": 0.5, "opinion": 0.5})
    assert proba[1]["reported"] == pytest.approx(0.5)
    assert sum(proba[0]["stances"][0].values()) == pytest.approx(1.0)
    assert any("no mode labels in training" in n for n in model.notes)
    again = load_model(model.save_pretrained(tmp_path / "nm"))
    assert flat(again.predict_proba(TEST)) == pytest.approx(flat(proba))


def test_finetune_loss_ignores_missing_labels() -> None:
    torch = pytest.importorskip("torch")
    from framing.models.finetune import MISSING, _loss

    logits = torch.tensor([[2.0, -1.0, 0.5], [0.1, 0.2, 0.3], [-1.0, 1.0, 0.0]], requires_grad=True)
    none = _loss(logits, torch.tensor([MISSING, MISSING, MISSING]))
    assert none.item() == 0.0 and none.requires_grad
    none.backward()
    assert torch.equal(logits.grad, torch.zeros_like(logits))

    weight = torch.tensor([1.0, 2.0, 0.5])
    some = _loss(logits, torch.tensor([0, MISSING, 2]), weight)
    expected = torch.nn.functional.cross_entropy(
        logits[[0, 2]], torch.tensor([0, 2]), weight=weight
    )
    assert some.item() == pytest.approx(expected.item())
    full = _loss(logits, torch.tensor([0, 1, 2]))
    assert full.item() == pytest.approx(
        torch.nn.functional.cross_entropy(logits, torch.tensor([0, 1, 2])).item()
    )
    assert _loss(logits[:0], torch.tensor([], dtype=torch.long)).item() == 0.0


# -- 3. scores ------------------------------------------------------------------------------------
def test_newsmtsc_score_is_macro_f1_over_the_three_classes(tmp_path: Path) -> None:
    rows = [  # KeywordBaseline: a cue word within 8 words of the target decides
        target("Leaders praised Alpha warmly.", "Alpha", 1),  # supportive -> supportive
        target("Critics condemned Beta.", "Beta", -1),  # critical -> critical
        target("Gamma visited the town.", "Gamma", 1),  # supportive -> neutral
        target("Delta met officials.", "Delta", 0),  # neutral -> neutral
        target("Epsilon praised Zeta.", "Epsilon", 0),  # neutral -> supportive
        target("Epsilon praised Zeta.", "Zeta", 1),  # supportive -> supportive
    ]
    examples, _ = read_benchmark("newsmtsc", write_jsonl(tmp_path / "n.jsonl", rows))
    model = KeywordBaseline()
    assert [s for p in model.predict(examples) for s in p["stances"]] == [
        "supportive", "critical", "neutral", "neutral", "supportive", "supportive",
    ]  # fmt: skip
    gold = ["supportive", "critical", "supportive", "neutral", "neutral", "supportive"]
    pred = ["supportive", "critical", "neutral", "neutral", "supportive", "supportive"]
    result = score_benchmark(model, "newsmtsc", examples, batch_size=2)
    assert result["n"] == 6
    assert result["f1m"] == pytest.approx(f1_score(gold, pred, average="macro"))
    assert result["f1m"] == pytest.approx((2 / 3 + 1 + 0.5) / 3)
    assert result["accuracy"] == pytest.approx(accuracy_score(gold, pred)) == pytest.approx(4 / 6)
    assert result["per_class_f1"] == pytest.approx(
        {"neutral": 0.5, "supportive": 2 / 3, "critical": 1.0}
    )
    # a class absent from gold and predictions counts as 0 in F1m (three classes, always)
    only_two = score_benchmark(model, "newsmtsc", examples[:2])
    assert only_two["f1m"] == pytest.approx(2 / 3) and only_two["accuracy"] == 1.0


def test_checkthat_and_annotated_scores(tmp_path: Path) -> None:
    rows = [
        CT_HEADER[:3],
        ["1", "Leaders should resign.", "SUBJ"],  # -> opinion
        ["2", "The vote was held.", "OBJ"],  # -> news
        ["3", "It is clear they lied.", "OBJ"],  # -> opinion
        ["4", "They lied again.", "SUBJ"],  # -> news
        ["5", "Markets closed lower.", "OBJ"],  # -> news
    ]
    examples, _ = read_benchmark("checkthat", write_tsv(tmp_path / "ct.tsv", rows))
    gold = ["opinion", "news", "news", "opinion", "news"]
    pred = ["opinion", "news", "opinion", "news", "news"]
    model = KeywordBaseline()
    assert [p["mode"] for p in model.predict(examples)] == pred
    result = score_benchmark(model, "checkthat", examples)
    assert result["n"] == 5
    assert result["macro_f1"] == pytest.approx(f1_score(gold, pred, average="macro"))
    assert result["macro_f1"] == pytest.approx((0.5 + 2 / 3) / 2)
    assert result["subj_f1"] == pytest.approx(f1_score(gold, pred, pos_label="opinion"))
    assert result["subj_f1"] == pytest.approx(0.5)
    assert result["accuracy"] == pytest.approx(0.6)

    both = score_benchmark(model, "annotated", ANNOTATED)
    stance_pred = [s for p in model.predict(ANNOTATED) for s in p["stances"]]
    stance_gold = [m["stance"] for ex in ANNOTATED for m in ex["mentions"]]
    assert stance_pred == ["neutral", "supportive", "neutral", "supportive", "neutral", "neutral"]
    expected = f1_score(stance_gold, stance_pred, labels=list(STANCES), average="macro")
    assert both["stance_macro_f1"] == pytest.approx(expected)
    mode_gold = [ex["mode"] for ex in ANNOTATED]
    mode_pred = [p["mode"] for p in model.predict(ANNOTATED)]
    assert both["mode_macro_f1"] == pytest.approx(f1_score(mode_gold, mode_pred, average="macro"))
    assert both["stance"]["n"] == 6 and both["mode"]["n"] == 6
    with pytest.raises(ValueError, match="unknown benchmark 'semeval'"):
        score_benchmark(model, "semeval", examples)


# -- 4. config ------------------------------------------------------------------------------------
@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    return {
        "train": write_jsonl(tmp_path / "train.jsonl", NEWSMTSC_TRAIN),
        "dev": write_jsonl(tmp_path / "dev.jsonl", NEWSMTSC_DEV),
        "ct_train": write_tsv(tmp_path / "ct_train.tsv", CHECKTHAT_TRAIN),
        "ct_dev": write_tsv(tmp_path / "ct_dev.tsv", CHECKTHAT_DEV),
    }


def test_public_files_and_benchmarks_in_a_config(files: dict[str, Path]) -> None:
    config = TrainConfig.from_dict(
        {
            "model": {"family": "tfidf"},
            "data": {
                "public": [
                    {"benchmark": "newsmtsc", "path": str(files["train"]), "limit": 2},
                    {"benchmark": "checkthat", "path": str(files["ct_train"])},
                ],
                "public_epochs": "5e-1",
            },
            "evaluation": {
                "benchmarks": [
                    {"benchmark": "checkthat", "path": str(files["ct_dev"]), "name": "ct"}
                ]
            },
        }
    )
    assert config.data.public == [
        BenchmarkFile("newsmtsc", str(files["train"]), "", 2),
        BenchmarkFile("checkthat", str(files["ct_train"]), "", 0),
    ]
    assert config.data.public_epochs == 0.5
    assert [f.key for f in config.data.public] == ["newsmtsc/train", "checkthat/ct_train"]
    assert config.evaluation.benchmarks[0].key == "ct"
    assert TrainConfig.from_dict(config.to_dict()) == config


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"data": {"public": [{"benchmark": "newsmtsc", "path": "nowhere.jsonl"}]}},
         r"no such newsmtsc file 'nowhere.jsonl' \(key 'data.public\[0\].path'\)"),
        ({"data": {"public": [{"benchmark": "newsmtsc"}]}}, r"key 'data.public\[0\].path'"),
        ({"evaluation": {"benchmarks": ["TRAIN", {"benchmark": "checkthat", "path": "x.tsv"}]}},
         r"no such checkthat file 'x.tsv' \(key 'evaluation.benchmarks\[1\].path'\)"),
        ({"data": {"public": ["TRAIN_LIMIT"]}}, r"'data.public\[0\].limit' must be >= 0"),
        ({"data": {"source": "none", "public": ["TRAIN"]}}, "set 'evaluation.cv' to none"),
        ({"data": {"source": "none"}, "evaluation": {"cv": "none"}}, "'data.public' is empty"),
        ({"data": {"public": [{"benchmark": "semeval", "path": "x"}]}},
         r"'data.public\[0\].benchmark' must be one of newsmtsc, checkthat, annotated"),
        ({"data": {"public": [{"benchmark": "newsmtsc", "split": "dev"}]}},
         r"unknown key 'data.public\[0\].split'"),
        ({"data": {"public": {"benchmark": "newsmtsc"}}}, "'data.public' must be a list"),
        ({"data": {"public_epochs": 0}}, "'data.public_epochs' must be > 0"),
    ],
)  # fmt: skip
def test_invalid_public_settings_name_the_key(
    data: dict, message: str, files: dict[str, Path]
) -> None:
    def fill(value):
        if value == "TRAIN":
            return {"benchmark": "newsmtsc", "path": str(files["train"])}
        if value == "TRAIN_LIMIT":
            return {"benchmark": "newsmtsc", "path": str(files["train"]), "limit": -1}
        if isinstance(value, dict):
            return {k: fill(v) for k, v in value.items()}
        if isinstance(value, list):
            return [fill(v) for v in value]
        return value

    with pytest.raises(ConfigError, match=message):
        TrainConfig.from_dict({"model": {"family": "tfidf"}, **fill(data)}, source="mine.yaml")


def test_public_files_on_the_command_line(files: dict[str, Path]) -> None:
    base = TrainConfig.from_dict({"model": {"family": "tfidf"}})
    changed = base.override(
        [
            f"data.public=[{{benchmark: checkthat, path: {files['ct_train']}}}, "
            f"{{benchmark: newsmtsc, path: {files['train']}, limit: 3, name: nm}}]",
            "data.source=none",
            "evaluation.cv=none",
        ]
    )
    assert changed.data.public == [
        BenchmarkFile("checkthat", str(files["ct_train"])),
        BenchmarkFile("newsmtsc", str(files["train"]), "nm", 3),
    ]
    assert changed.data.source == "none" and base.data.public == []
    with pytest.raises(
        ConfigError, match=r"command line: no such newsmtsc file .*data.public\[0\]"
    ):
        base.override([f"data.public=[{{benchmark: newsmtsc, path: {files['train']}.gone}}]"])
    with pytest.raises(ConfigError, match=r"set 'evaluation\.cv' to none"):
        changed.override(["evaluation.cv=leave_one_article_out"])


# -- 5. the evaluate command ----------------------------------------------------------------------
@pytest.fixture
def saved_model(tmp_path: Path) -> Path:
    return (
        TfidfModel(calibration_folds=0)
        .fit([*ANNOTATED, *PUBLIC])
        .save_pretrained(tmp_path / "run" / "model")
    )


def test_evaluate_skips_bad_rows_and_exits_1(
    saved_model: Path, files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    data = write_jsonl(tmp_path / "dev.jsonl", [*NEWSMTSC_DEV[:2], "{broken", NEWSMTSC_DEV[2]])
    out = tmp_path / "out" / "scores.json"
    code = evaluate_main(
        ["--model", str(saved_model), "--benchmark", "newsmtsc", "--data", str(data),
         "--output", str(out)]
    )  # fmt: skip
    assert code == 1
    captured = capsys.readouterr()
    assert f"skipped {data}:3: not valid JSON" in captured.err
    assert f"newsmtsc {data} (n=3): f1m " in captured.out
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["n"] == 3 and result["family"] == "tfidf" and result["benchmark"] == "newsmtsc"
    assert result["model"] == str(saved_model)
    assert result["skipped"] == [f"{data}:3: not valid JSON (Expecting property name enclosed in "
                                 "double quotes)"]  # fmt: skip
    expected = score_benchmark(
        load_model(saved_model), "newsmtsc", read_benchmark("newsmtsc", data)[0]
    )
    assert result["f1m"] == pytest.approx(expected["f1m"])
    assert 0.0 <= result["f1m"] <= 1.0 and 0.0 <= result["accuracy"] <= 1.0
    # a clean file: exit 0; a training run folder is found through its model/
    run_dir = saved_model.parent
    assert resolve_model(run_dir)[0] == saved_model
    code = evaluate_main(
        ["--model", str(run_dir), "--benchmark", "checkthat", "--data", str(files["ct_dev"])]
    )
    assert code == 0
    assert "checkthat" in capsys.readouterr().out


def test_evaluate_errors_exit_2(
    saved_model: Path, files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    missing = tmp_path / "nothing"
    args = ["--benchmark", "newsmtsc", "--data", str(files["dev"])]
    assert evaluate_main(["--model", str(missing), *args]) == 2
    assert f"error: {missing}: no such model folder" in capsys.readouterr().err
    empty = tmp_path / "empty_folder"
    empty.mkdir()
    assert evaluate_main(["--model", str(empty), *args]) == 2
    assert "framing.json is missing" in capsys.readouterr().err
    assert evaluate_main(["--model", str(saved_model), "--benchmark", "newsmtsc"]) == 2
    assert "--data is needed for the newsmtsc benchmark" in capsys.readouterr().err
    gone = tmp_path / "gone.jsonl"
    assert (
        evaluate_main(["--model", str(saved_model), "--benchmark", "newsmtsc", "--data", str(gone)])
        == 2
    )
    assert "no such newsmtsc file" in capsys.readouterr().err
    bad = write_jsonl(tmp_path / "bad.jsonl", ["nope", {"sentence": "x"}])
    assert (
        evaluate_main(["--model", str(saved_model), "--benchmark", "newsmtsc", "--data", str(bad)])
        == 2
    )
    err = capsys.readouterr().err
    assert "no readable newsmtsc example" in err
    assert f"{bad}:1: not valid JSON" in err  # the reasons are named
    with pytest.raises(SystemExit):
        evaluate_main(["--model", str(saved_model), "--benchmark", "semeval"])


def test_evaluate_annotated_uses_the_bundled_set(
    saved_model: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    out = tmp_path / "annotated.json"
    code = evaluate_main(
        ["--model", str(saved_model), "--benchmark", "annotated", "--output", str(out)]
    )
    assert code == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    bundled = load_examples()
    assert result["data"].endswith("sentences.jsonl") and result["skipped"] == []
    assert result["mode"]["n"] == len(bundled) == 103
    assert result["stance"]["n"] == sum(len(ex["mentions"]) for ex in bundled) == 370
    assert result["stance_macro_f1"] == pytest.approx(
        score_benchmark(load_model(saved_model), "annotated", bundled)["stance_macro_f1"]
    )
    assert "annotated" in capsys.readouterr().out


# -- 6. the training harness ----------------------------------------------------------------------
def harness_config(tmp_path: Path, files: dict[str, Path], **data) -> TrainConfig:
    settings = {
        "model": {"family": "tfidf", "tfidf": {"calibration_folds": 0}},
        "data": {
            "source": "annotated",
            "public": [
                {"benchmark": "newsmtsc", "path": str(files["train"])},
                {"benchmark": "checkthat", "path": str(files["ct_train"]), "limit": 3},
            ],
            **data,
        },
        "evaluation": {
            "bootstrap": 20,
            "benchmarks": [
                {"benchmark": "newsmtsc", "path": str(files["dev"])},
                {"benchmark": "checkthat", "path": str(files["ct_dev"]), "name": "ct/dev"},
            ],
        },
        "output_dir": str(tmp_path / "run"),
    }
    if data.get("source") == "none":
        settings["evaluation"]["cv"] = "none"
    return TrainConfig.from_dict(settings)


def tiny_source(tmp_path: Path) -> Path:
    """Three articles of four sentences in the project's schema (a fast stand-in for the set)."""
    rows = []
    for doc, mode, stance, word in (("a", "news", "neutral", "said"),
                                    ("b", "opinion", "critical", "should"),
                                    ("c", "news", "supportive", "praised")):  # fmt: skip
        for i in range(4):
            rows.append(
                {"doc_id": doc, "text": f"Tehran {word} item {doc}{i}.", "mode": mode,
                 "reported": mode == "news",
                 "mentions": [{"text_start": 0, "text_end": 6, "actor": "iran"}],
                 "stances": [{"actor": "iran", "stance": stance}]}
            )  # fmt: skip
    return write_jsonl(tmp_path / "tiny.jsonl", rows)


@pytest.mark.parametrize(
    ("source", "sentences"), [("tiny", 12), pytest.param("annotated", 103, marks=pytest.mark.slow)]
)
def test_a_run_with_public_data_scores_the_benchmarks(
    tmp_path: Path, files, source: str, sentences: int
) -> None:
    source = str(tiny_source(tmp_path)) if source == "tiny" else source
    metrics = train.run(harness_config(tmp_path, files, source=source))
    run = tmp_path / "run"
    assert metrics["data"]["public"] == [
        {
            "benchmark": "newsmtsc",
            "path": str(files["train"]),
            "sentences": 4,
            "mentions": 6,
            "repeat": 1,
        },
        {
            "benchmark": "checkthat",
            "path": str(files["ct_train"]),
            "sentences": 3,
            "mentions": 0,
            "repeat": 1,
        },
    ]
    assert metrics["data"]["sentences"] == sentences  # the public data is not counted here
    assert len(metrics["data"]["documents"]) == (3 if sentences == 12 else 5)
    assert set(metrics["benchmarks"]) == {"newsmtsc/dev", "ct/dev"}
    nm, ct = metrics["benchmarks"]["newsmtsc/dev"], metrics["benchmarks"]["ct/dev"]
    assert nm["n"] == 3 and nm["skipped"] == 0 and nm["path"] == str(files["dev"])
    assert ct["n"] == 2 and ct["benchmark"] == "checkthat"
    model = load_model(run / "model")
    dev, _ = read_benchmark("newsmtsc", files["dev"])
    assert nm["f1m"] == pytest.approx(score_benchmark(model, "newsmtsc", dev)["f1m"])
    # the tfidf family saw the public sentences; the cross-validation rotated only the articles
    assert "zorblax" in model.sentence_features.vectorizers["word"].vocabulary_
    assert set(metrics["tasks"]["stance"]["tfidf"]["per_article"]) == set(
        metrics["data"]["documents"]
    )
    on_disk = json.loads((run / "metrics.json").read_text(encoding="utf-8"))
    assert on_disk["benchmarks"]["ct/dev"]["macro_f1"] == pytest.approx(ct["macro_f1"])
    report = (run / "report.md").read_text(encoding="utf-8")
    assert "## Public benchmarks (the final model)" in report
    assert (
        f"Public data in every fold: newsmtsc {files['train']} (4 sentences, 6 mentions)" in report
    )
    assert f"| newsmtsc/dev | {files['dev']} | 3 | f1m " in report
    assert f"| ct/dev | {files['ct_dev']} | 2 | macro_f1 " in report
    assert "| tfidf |" in report and "## Confusion matrices" in report


def test_a_run_on_public_data_only(tmp_path: Path, files) -> None:
    metrics = train.run(harness_config(tmp_path, files, source="none"))
    run = tmp_path / "run"
    assert "tasks" not in metrics
    assert metrics["data"]["sentences"] == 0 and metrics["data"]["documents"] == []
    assert set(metrics["benchmarks"]) == {"newsmtsc/dev", "ct/dev"}
    assert {p.name for p in run.iterdir()} >= {"model", "config.yaml", "metrics.json", "report.md"}
    assert not list(run.glob("confusion_*.png"))
    report = (run / "report.md").read_text(encoding="utf-8")
    assert "Data: none (0 sentences, 0 mentions, 0 articles)." in report
    assert "## Public benchmarks (the final model)" in report and "| ct/dev |" in report
    assert "Confusion" not in report and "| tfidf |" not in report
    model = load_model(run / "model")
    assert model.heads.reported.classes == []  # no public set has the reported label
    assert model.heads.mode.classes == ["news", "opinion"]
    assert model.predict(TEST)[0]["reported"] in (True, False)


def test_fitter_gives_the_public_data_to_the_family_only(tmp_path: Path, files) -> None:
    config = harness_config(tmp_path, files)
    public = [*load_benchmark("newsmtsc", files["train"]), *[PUBLIC[3]] * 5]  # mostly critical
    assert MajorityBaseline().fit(public + ANNOTATED).stance == "critical"
    fitter = train.Fitter(config, public)
    assert fitter.fit("majority", ANNOTATED).stance == "neutral"  # the annotated fold's only
    tfidf = fitter.fit("tfidf", ANNOTATED)
    assert "zorblax" in tfidf.sentence_features.vectorizers["word"].vocabulary_
    plain = train.Fitter(config, []).fit("tfidf", ANNOTATED)
    assert "zorblax" not in plain.sentence_features.vectorizers["word"].vocabulary_


class Recorder:
    """A model that continues training (``warm_start``) and records what it was fitted on."""

    def __init__(self, epochs: float = 8.0) -> None:
        self.epochs = epochs
        self.warm_start = False
        self.fits: list[tuple[int, float, bool]] = []

    def fit(self, examples):
        self.fits.append((len(examples), self.epochs, self.warm_start))
        return self


def test_fitter_trains_a_warm_start_family_on_public_data_once(
    tmp_path: Path, files, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = harness_config(tmp_path, files, public_epochs=1.5)
    config.model.family = "finetune"
    config.model.finetune.epochs = 3.0
    built: list[Recorder] = []

    def build(config, family=None):
        built.append(Recorder())
        return built[-1]

    monkeypatch.setattr(train, "build_model", build)
    fitter = train.Fitter(config, [{}] * 7)
    first = fitter.fit("finetune", [{}] * 2)
    second = fitter.fit("finetune", [{}] * 4)
    assert fitter.stage().fits == [(7, 1.5, False)]  # trained once, on the public data alone
    assert first.fits == [(7, 1.5, False), (2, 3.0, True)]
    assert second.fits == [(7, 1.5, False), (4, 3.0, True)]
    assert first is not second and fitter.stage() not in (first, second)
    assert fitter.fit("finetune", []) is fitter.stage()  # data.source none: the first stage


# -- 7. the real public files ---------------------------------------------------------------------
def test_the_shared_public_files_read_cleanly(shared_dir: Path) -> None:
    data = shared_dir / "data"
    cases = [
        ("newsmtsc", "target-sentiment/newsmtsc/train.jsonl", 7739, 8739),
        ("newsmtsc", "target-sentiment/newsmtsc/dev_rw.jsonl", 320, 343),
        ("newsmtsc", "target-sentiment/newsmtsc/dev_mt.jsonl", 216, 442),
        ("checkthat", "subjectivity/checkthat-en/train.tsv", 830, 0),
        ("checkthat", "subjectivity/checkthat-en/dev.tsv", 462, 0),
    ]
    for name, path, sentences, mentions in cases:
        examples, problems = read_benchmark(name, data / path)
        assert problems == [], (path, problems[:3])
        assert len(examples) == sentences, path
        assert sum(len(ex["mentions"]) for ex in examples) == mentions, path
    train_ct, _ = read_benchmark("checkthat", data / "subjectivity/checkthat-en/train.tsv")
    assert sum(ex["mode"] == "opinion" for ex in train_ct) == 298  # SUBJ, per the data README
    train_nm, _ = read_benchmark("newsmtsc", data / "target-sentiment/newsmtsc/train.jsonl")
    stances = [m["stance"] for ex in train_nm for m in ex["mentions"]]
    counts = {s: stances.count(s) for s in STANCES}
    assert counts == {"neutral": 3028, "supportive": 2395, "critical": 3316}


def test_a_benchmark_file_with_nothing_to_score_stops_the_run_before_training(
    tmp_path: Path, files
) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text('{"sentence_normalized": "official nested format", "targets": []}\n')
    config = harness_config(tmp_path, files, source=str(tiny_source(tmp_path)))
    config.evaluation.benchmarks[0].path = str(empty)
    with pytest.raises(DataError, match=r"no readable newsmtsc example.*missing key"):
        train.run(config)
    assert not (tmp_path / "run").exists()


def test_benchmark_names_must_differ_and_repeat_is_for_training(files) -> None:
    dev = {"benchmark": "newsmtsc", "path": str(files["dev"])}
    with pytest.raises(ConfigError, match="more than once"):
        TrainConfig.from_dict({"evaluation": {"benchmarks": [dev, dev]}})
    with pytest.raises(ConfigError, match=r"only applies to data\.public"):
        TrainConfig.from_dict({"evaluation": {"benchmarks": [{**dev, "repeat": 2}]}})
