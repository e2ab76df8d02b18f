"""``python -m framing.bench infer``: end-to-end inference speed and memory, beside a peer.

For each model (``--model NAME=PATH``, the bundled one by default) a fresh process loads it and
times ``analyze_many`` over a corpus of raw articles (the five annotated articles, repeated:
cleaning, segmentation, mention finding and scoring all count), reporting sentences per second
(the median of ``--repeat`` runs, each with empty word caches), the process's peak RSS and its
cold start (import, load and one short analysis). For a fine-tuned model, the peer baseline
runs the same fine-tuned encoder through transformers' ``pipeline("text-classification")``, one
(sentence, mention) pair per mention plus one input per sentence for the mode, over the same,
already segmented sentences, in forward batches of the same size (32) in input order; the
report gives our speed over the peer's.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import time
from typing import Any


def corpus(copies: int) -> list[str]:
    """The annotated set's raw articles, ``copies`` times each. Every gold sentence of copy
    ``i > 0`` carries the word ``n<i>`` before its final punctuation, so that almost no
    sentence repeats across copies (two sentences that our segmenter cuts differently from the
    gold one do) and the neural families encode (nearly) every sentence; the frozen family's
    cache of token vectors is switched off when timing as well."""
    from framing.data.annotated import annotated_dir
    from framing.data.jsonl import read_jsonl

    root = annotated_dir()
    ends: dict[str, list[int]] = {}
    for row in read_jsonl(root / "sentences.jsonl"):
        ends.setdefault(row["doc_id"], []).append(row["end"])
    files = sorted((root / "articles").glob("*.txt"))
    articles = [(p.read_text(encoding="utf-8"), sorted(ends.get(p.stem, []))) for p in files]
    out = []
    for i in range(copies):
        for text, sentence_ends in articles:
            for end in reversed(sentence_ends if i else []):
                at = end - 1 if text[end - 1] in ".!?" else end
                text = f"{text[:at]} n{i}{text[at:]}"
            out.append(text)
    return out


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(
    path: str | None, copies: int, repeat: int, batch_size: int, quantize: str | None
) -> dict[str, Any]:
    """Timings of one model, in this process (call it in a fresh one)."""
    started = time.perf_counter()
    import framing
    from framing.models import frozen
    from framing.models.counting import clear_caches

    frozen.CACHE = False  # every sentence is encoded, as in a corpus without repeats

    analyzer = framing.load(path)
    if quantize:
        analyzer.model.quantize(quantize)
    analyzer.analyze("Iran and Iraq signed a border security memorandum on Monday.")
    cold = time.perf_counter() - started
    texts = corpus(copies)
    docs = analyzer.analyze_many(texts[:5], batch_size=batch_size)  # warm-up
    times = []
    for _ in range(repeat):
        clear_caches()  # every run starts with empty word caches, as on text never seen
        t = time.perf_counter()
        docs = analyzer.analyze_many(texts, batch_size=batch_size)
        times.append(time.perf_counter() - t)
    sentences = sum(len(d.sentences) for d in docs)
    mentions = sum(len(s.mentions) for d in docs for s in d.sentences)
    median = statistics.median(times)
    return {
        "family": analyzer.model.family,
        "model": path or "bundled",
        "quantize": quantize or "none",
        "documents": len(texts),
        "sentences": sentences,
        "mentions": mentions,
        "seconds": [round(t, 4) for t in times],
        "sentences_per_second": round(sentences / median, 1),
        "cold_start_seconds": round(cold, 3),
        "peak_rss_mb": round(_peak_mb(), 1),
    }


def measure_peer(path: str, copies: int, repeat: int) -> dict[str, Any]:
    """The fine-tuned encoder of ``path`` through ``pipeline("text-classification")``, one input
    per (sentence, mention) and one per sentence, over the same segmented sentences, in forward
    batches of the size ours uses (:data:`framing.models.finetune.FORWARD_BATCH`)."""
    import torch
    from transformers import AutoConfig, AutoModelForSequenceClassification, AutoTokenizer, pipeline

    import framing
    from framing.models.errors import ModelError
    from framing.models.files import read_safetensors
    from framing.models.finetune import FORWARD_BATCH
    from framing.models.folder import check_folder
    from framing.models.loading import read_meta

    directory, _ = framing.inference.analyzer.resolve_model(path)
    check_folder(directory)  # the checks of framing.load: its own regular files, no pickle
    meta, _ = read_meta(directory)
    if meta["family"] != "finetune":
        raise ModelError(
            f"{directory}: the peer baseline needs a finetune model, not {meta['family']}"
        )
    # the same front end (cleaning, segmentation, mentions) without our model in memory
    actors = directory / "actors.yaml"
    front = framing.Analyzer(None, framing.ActorLexicon.load(actors if actors.is_file() else None))
    prepared = [front._prepare(text) for text in corpus(copies)]
    inputs: list[Any] = []
    sentences = 0
    for doc in prepared:
        for (_, _, text), mentions in zip(doc.sentences, doc.mentions, strict=True):
            sentences += 1
            inputs.append(text)  # mode
            inputs += [{"text": text, "text_pair": m["text"]} for m in mentions]  # stance
    config = AutoConfig.from_pretrained(directory / "encoder_config.json", num_labels=3)
    classifier = AutoModelForSequenceClassification.from_config(config)
    state = read_safetensors(directory / "model.safetensors")
    encoder = {k.removeprefix("encoder."): v for k, v in state.items() if k.startswith("encoder.")}
    base = getattr(classifier, classifier.base_model_prefix)
    base.load_state_dict(encoder, strict=False)  # the same fine-tuned encoder weights
    classifier.eval()
    tokenizer = AutoTokenizer.from_pretrained(directory)
    classify = pipeline(
        "text-classification",
        model=classifier,
        tokenizer=tokenizer,
        device=-1,
        batch_size=FORWARD_BATCH,
        truncation=True,
        max_length=128,
    )
    classify(inputs[:8])
    times = []
    with torch.inference_mode():
        for _ in range(repeat):
            t = time.perf_counter()
            classify(inputs)
            times.append(time.perf_counter() - t)
    median = statistics.median(times)
    return {
        "family": "pipeline(text-classification)",
        "model": path,
        "inputs": len(inputs),
        "sentences": sentences,
        "seconds": [round(t, 4) for t in times],
        "sentences_per_second": round(sentences / median, 1),
        "peak_rss_mb": round(_peak_mb(), 1),
    }


def in_fresh_process(kind: str, **options: Any) -> dict[str, Any]:
    """Run :func:`measure` or :func:`measure_peer` in a new interpreter; its result."""
    code = (
        "import json, sys; from framing.bench import infer as b; "
        f"print(json.dumps(b.{kind}(**json.loads(sys.argv[1]))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, json.dumps(options)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:  # the exception's own line, without the child's traceback
        lines = result.stderr.strip().splitlines() or [f"exit status {result.returncode}"]
        model = options.get("path") or "the bundled model"
        raise RuntimeError(f"{kind} of {model} failed: {lines[-1]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def run_infer(
    models: dict[str, str | None], copies: int, repeat: int, batch_size: int, quantize: list[str]
) -> dict[str, Any]:
    rows = []
    for name, path in models.items():
        options = {"path": path, "copies": copies, "repeat": repeat, "batch_size": batch_size}
        row = in_fresh_process("measure", quantize=None, **options)
        rows.append({**row, "name": name})
        if row["family"] != "finetune":
            continue
        peer = in_fresh_process("measure_peer", path=path, copies=copies, repeat=repeat)
        rows.append({**peer, "name": f"{name}: peer baseline"})
        for q in quantize:
            rows.append({**in_fresh_process("measure", quantize=q, **options), "name": name})
    for row in rows:
        peers = [r for r in rows if r["name"] == f"{row['name'].split(':')[0]}: peer baseline"]
        if peers and row["family"] == "finetune":
            row["speedup_over_peer"] = round(
                row["sentences_per_second"] / peers[0]["sentences_per_second"], 2
            )
    return {"batch_size": batch_size, "repeat": repeat, "rows": rows}


def format_infer(results: dict[str, Any]) -> str:
    lines = [
        "| model | family | quantize | sentences | sentences/s | vs peer | cold start s "
        "| peak RSS MB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results["rows"]:
        lines.append(
            f"| {r['name']} | {r['family']} | {r.get('quantize', '–')} | {r['sentences']} | "
            f"{r['sentences_per_second']:,} | {r.get('speedup_over_peer', '–')} | "
            f"{r.get('cold_start_seconds', '–')} | {r['peak_rss_mb']} |"
        )
    return "\n".join(lines)


def document_scaling(path: str | None, sizes_mb: list[float]) -> list[dict[str, Any]]:
    """Time and peak RSS of one ``analyze`` call on documents of growing size (fresh process
    each)."""
    rows = []
    for size in sizes_mb:
        rows.append(in_fresh_process("measure_big", path=path, size_mb=size))
    return rows


def measure_big(path: str | None, size_mb: float) -> dict[str, Any]:
    import framing

    analyzer = framing.load(path)
    # copies of the articles in one document, every line marked with its copy's number so that
    # cleaning's removal of repeated lines keeps them
    base = "\n\n".join(corpus(1)).splitlines()
    lines: list[str] = []
    size, copy = 0, 0
    while size < size_mb * 1_000_000:
        lines += [f"({copy}) {line}" if line.strip() else line for line in base]
        size = sum(len(line) + 1 for line in lines)
        copy += 1
    text = "\n".join(lines)
    t = time.perf_counter()
    doc = analyzer.analyze(text)
    return {
        "size_mb": size_mb,
        "sentences": len(doc.sentences),
        "seconds": round(time.perf_counter() - t, 3),
        "peak_rss_mb": round(_peak_mb(), 1),
    }
