"""``python -m framing.bench infer``: the timed corpus, the measurements, the command."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import pytest

import framing
from framing.bench.cli import _models, main
from framing.bench.infer import corpus, format_infer, measure, measure_big, measure_peer
from framing.data.annotated import annotated_dir


def test_corpus_copies_are_distinct_in_every_sentence() -> None:
    texts = corpus(3)
    assert len(texts) == 15
    assert len(set(texts)) == 15
    gold = len((annotated_dir() / "sentences.jsonl").read_text(encoding="utf-8").splitlines())
    for i in (1, 2):  # every gold sentence of copy i carries its marker word once
        assert sum(t.count(f" n{i}") for t in texts[5 * i : 5 * (i + 1)]) == gold
    assert not any(" n1" in t for t in texts[:5])  # copy 0: the articles as they are
    front = framing.load()
    sentences = [s[2] for t in texts for s in front._prepare(t).sentences]
    assert len(set(sentences)) >= 0.95 * len(sentences)  # (nearly) nothing encoded once for two


def test_measure_times_the_bundled_model() -> None:
    row = measure(None, copies=1, repeat=2, batch_size=16, quantize=None)
    assert row["family"] == "finetune_onnx"
    assert row["documents"] == 5
    assert row["sentences"] > 90 and row["mentions"] > 250
    assert len(row["seconds"]) == 2
    # the rate is the sentences over the median time of the repeats (seconds rounded to 0.1 ms)
    rate = row["sentences"] / statistics.median(row["seconds"])
    assert row["sentences_per_second"] == pytest.approx(rate, rel=0.01)
    assert 50 < row["peak_rss_mb"] < 20_000  # a whole Python process with the model, in MB
    table = format_infer({"rows": [{**row, "name": "bundled"}]}).splitlines()
    assert table[0].startswith("| model | family | quantize | sentences | sentences/s |")
    assert table[2] == (
        f"| bundled | finetune_onnx | none | {row['sentences']} | "
        f"{row['sentences_per_second']:,} | – | {row['cold_start_seconds']} | "
        f"{row['peak_rss_mb']} |"
    )


def test_a_big_document_keeps_its_sentences() -> None:
    row = measure_big(None, 0.05)
    assert row["sentences"] > 300  # the copies are not removed as repeats


@pytest.mark.slow  # a fresh Python process loads and times the bundled model
def test_bench_infer_command_writes_json(tmp_path: Path) -> None:
    out = tmp_path / "infer.json"
    assert main(["infer", "--copies", "1", "--repeat", "1", "--output", str(out)]) == 0
    results = json.loads(out.read_text(encoding="utf-8"))
    assert [r["name"] for r in results["rows"]] == ["bundled"]
    row = results["rows"][0]
    assert 0 < row["cold_start_seconds"] < 120  # loading the bundled model, measured, not zero
    assert row["sentences_per_second"] == pytest.approx(
        row["sentences"] / statistics.median(row["seconds"]), rel=0.01
    )


@pytest.mark.slow
def test_finetuned_model_quantized_and_its_peer(tmp_path: Path) -> None:
    from framing.data.annotated import load_examples
    from framing.models.finetune import FinetunedModel

    FinetunedModel(epochs=1, batch_size=8).fit(load_examples()[:16]).save_pretrained(tmp_path)
    plain = measure(str(tmp_path), copies=1, repeat=1, batch_size=32, quantize=None)
    int8 = measure(str(tmp_path), copies=1, repeat=1, batch_size=32, quantize="int8")
    assert plain["family"] == int8["family"] == "finetune"
    assert plain["sentences"] == int8["sentences"]
    peer = measure_peer(str(tmp_path), copies=1, repeat=1)
    assert peer["sentences"] == plain["sentences"]
    assert peer["inputs"] == plain["sentences"] + plain["mentions"]


def test_model_arguments_name_or_path() -> None:
    assert _models(["bundled"]) == {"bundled": None}
    assert _models(["runs/x", "b=bundled", "c=some/hub-id"]) == {
        "runs/x": "runs/x",
        "b": None,
        "c": "some/hub-id",
    }
    with pytest.raises(ValueError, match="given twice"):
        _models(["a=x", "a=y"])
    with pytest.raises(ValueError, match="NAME before"):
        _models(["=x"])


@pytest.mark.parametrize(
    "args", [["--repeat", "0"], ["--copies", "0"], ["--document-sizes", "0"], ["--model", "=x"]]
)
def test_bad_bench_arguments_are_usage_errors(args: list[str], capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["infer", *args])
    assert exit_info.value.code == 2
    assert "error:" in capsys.readouterr().err


def test_a_model_that_cannot_load_is_one_line_of_error(tmp_path: Path, capsys) -> None:
    (tmp_path / "framing.json").write_text("{}", encoding="utf-8")
    assert main(["infer", "--model", str(tmp_path), "--copies", "1", "--repeat", "1"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: measure of ") and "format_version" in err
    assert "Traceback" not in err
