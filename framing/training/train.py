"""``python -m framing.train``: config -> data -> cross-validation -> final model -> held-out sets.

    python -m framing.train [--config configs/default.yaml] [--output-dir DIR] [key=value ...]

The model family named in the config and every baseline are trained on all articles but one and
tested on that one, for each article in turn (or, with ``evaluation.cv: grouped_kfold``, on all
folds of articles but one); nothing of the test articles is seen in training, calibration or any
choice. The scores (macro-F1, per-class precision/recall/F1, F_avg, accuracy, confusion
matrices, 95% bootstrap intervals over articles, breakdowns per actor, per article and per
group of articles, outlet-level validity, calibration, speaker) are computed by
:mod:`framing.training.scoring`. Then the family is trained on all the data and saved, and it
and the baselines score each ``evaluation.heldout`` set once (:mod:`framing.training.heldout`).
The output directory receives: ``model/``, ``config.yaml`` (resolved), ``metrics.json``,
``predictions.jsonl`` (the pooled out-of-fold predictions, with their articles),
``predictions_<set>.jsonl`` (each held-out set's), ``report.md``, ``confusion_*.png``,
``train.log``, ``compute.json`` and ``manifest.json`` (the list of files the run wrote). It is
written to a temporary directory and renamed at the end, so an interrupted run leaves no
half-written output. A run replaces an earlier run in the same directory only when that
directory holds nothing the earlier run did not write (its ``manifest.json`` says what it
wrote): files a user added there are never deleted without ``--overwrite``
(:mod:`framing.training.runs`).
"""

from __future__ import annotations

import argparse
import logging
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from framing.public.benchmarks import load_benchmark
from framing.records import Example, Metrics, from_dict, to_dict
from framing.training.config import ConfigError, TrainConfig, load_config
from framing.training.groups import document_meta
from framing.training.heldout import read_heldout, score_heldout
from framing.training.metric import INTERVAL
from framing.training.progress import RunProgress
from framing.training.runs import (
    check_output_dir,
    compute_used,
    replace,
    write_json,
    write_jsonl,
    write_manifest,
    write_yaml,
)
from framing.training.scoring import (
    evaluate_benchmarks,
    evaluate_predictions,
    per_sentence,
    read_benchmark_files,
)
from framing.training.summary import summary
from framing.training.tables import benchmarks_table, results_table, write_report
from framing.training.trainer import Fitter, article_folds, cross_validate, seed_everything

__all__ = ["main", "run"]

logger = logging.getLogger("framing.training.train")

SCHEMA_VERSION = 1


def run(
    config: TrainConfig, output_dir: Path | None = None, *, overwrite: bool = False
) -> dict[str, Any]:
    """Train and evaluate as configured; returns the metrics (also written to disk).

    An earlier run in ``output_dir`` is replaced; files in it that it did not write, or a
    directory that is not a run, are kept aside (``.NAME.old-PID``) unless ``overwrite``."""
    output_dir = Path(output_dir or config.output_dir)
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{output_dir.name}.", dir=output_dir.parent))
    handler = logging.FileHandler(work / "train.log", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        metrics = _train(config, work)
    except BaseException:
        root.removeHandler(handler)
        handler.close()
        shutil.rmtree(work, ignore_errors=True)
        raise
    root.removeHandler(handler)
    handler.close()
    write_manifest(work)
    work.chmod(0o755)  # mkdtemp makes it private
    replace(work, output_dir, overwrite=overwrite)
    return metrics


def _train(config: TrainConfig, work: Path) -> dict[str, Any]:
    """The run itself, written into ``work``: data, cross-validation, scores, the final model."""
    from framing.actors import ActorLexicon

    started = time.perf_counter()
    seed_everything(config.seed)
    lexicon = ActorLexicon.load(config.data.lexicon or None)
    examples = _examples(config, lexicon)
    public, public_info = _public(config)
    fitter = Fitter(config, public)
    benchmark_sets = read_benchmark_files(config)
    heldout = read_heldout(config, lexicon, examples)  # before any training: overlaps stop it
    systems = [config.model.family, *config.evaluation.baselines]
    metrics: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "model": {"family": config.model.family, "path": "model"},
        "data": {
            "source": config.data.source,
            "sentences": len(examples),
            "mentions": sum(len(e.mentions) for e in examples),
            "documents": sorted({e.doc_id for e in examples}),
            "public": public_info,
        },
        "evaluation": {
            "cv": config.evaluation.cv,
            "bootstrap": config.evaluation.bootstrap,
            "confidence": config.evaluation.confidence,
            "interval": INTERVAL,
            "seed": config.seed,
            "folds": config.evaluation.folds if config.evaluation.cv == "grouped_kfold" else None,
            "heldout": list(config.evaluation.heldout) or None,
        },
        "systems": systems,
        "notes": [],
    }
    pngs: list[str] = []
    folds = article_folds(examples, config) if config.evaluation.cv != "none" else []
    fit_units, stage_units = fitter.units()
    phases = [("final model", fit_units)] + [(f"held-out {name}", 1) for name in heldout]
    progress = RunProgress(len(folds), fit_units, stage_units, phases)
    fitter.progress = progress
    try:
        final = _evaluate(config, work, metrics, examples, fitter, folds, progress, heldout, pngs)
    finally:
        progress.close()
    return _finish(config, work, metrics, final, pngs, lexicon, benchmark_sets, started)


def _evaluate(config, work, metrics, examples, fitter, folds, progress, heldout, pngs):
    """Cross-validation, the final model and the held-out sets (their scores into ``metrics``,
    the confusion matrices' files into ``pngs``); returns the final model."""
    started = time.perf_counter()
    systems = metrics["systems"]
    meta = document_meta(config.data.source)
    genres = {doc: m["genre"] for doc, m in meta.items() if "genre" in m}
    if folds:
        from framing.training.plots import write_confusion_pngs

        predictions, notes = cross_validate(examples, config, systems, fitter, folds, progress)
        logger.info("cross-validation done in %.1f s", time.perf_counter() - started)
        tasks = evaluate_predictions(predictions, config, genres, meta)
        metrics["tasks"] = tasks
        metrics["notes"] = notes
        write_jsonl(work / "predictions.jsonl", per_sentence(predictions))
        pngs += write_confusion_pngs(tasks, work)
    progress.phase("final model")
    logger.info(
        "final model: %s on all %d sentences of %s",
        config.model.family,
        len(examples),
        config.data.source,
    )
    final = fitter.fit(config.model.family, examples)
    progress.phase_done("final model")
    if fitter.trained_stage is not None:  # for data.public_stage in later runs
        fitter.trained_stage.save_pretrained(work / "public_stage")
    if heldout:
        models = {config.model.family: final}
        for baseline in config.evaluation.baselines:
            logger.info("baseline %s on all %d sentences", baseline, len(examples))
            models[baseline] = fitter.fit(baseline, examples)
        metrics["heldout"] = {}
        for name, sentences in heldout.items():
            progress.phase(f"held-out {name}")
            metrics["heldout"][name] = score_heldout(name, sentences, models, config, work)
            progress.phase_done(f"held-out {name}")
    return final


def _finish(config, work, metrics, final, pngs, lexicon, benchmark_sets, started) -> dict[str, Any]:
    """The benchmarks, the saved model, config, metrics.json, report.md and compute.json."""
    if config.evaluation.benchmarks:
        metrics["benchmarks"] = evaluate_benchmarks(final, config, benchmark_sets)
    final.preprocessing = config.preprocessing()
    final.save_pretrained(work / "model")
    write_yaml(work / "model" / "actors.yaml", lexicon.to_dict())
    write_yaml(work / "config.yaml", config.to_dict())
    # through its record: a run never writes a metrics.json that its readers refuse
    record = from_dict(Metrics, metrics, where="metrics.json")
    metrics = to_dict(record)
    write_json(work / "metrics.json", metrics)
    if record.tasks is not None or record.benchmarks or record.heldout:
        write_report(record, pngs, work / "report.md")
    # apart from metrics.json, which stays identical from run to run
    write_json(work / "compute.json", compute_used(time.perf_counter() - started))
    logger.info("total %.1f s", time.perf_counter() - started)
    return metrics


def _examples(config: TrainConfig, lexicon) -> list[Example]:
    """The sentences of ``data.source`` (none for ``none``).

    Raises:
        ValueError: a source without one example.
    """
    from framing.data.annotated import load_examples

    if config.data.source == "none":
        return []
    examples = load_examples(
        config.data.source, lexicon=lexicon, split=config.data.split, revision=config.data.revision
    )
    if not examples:
        raise ValueError(f"no training examples in {config.data.source}")
    logger.info(
        "%d sentences, %d mentions from %s",
        len(examples),
        sum(len(e.mentions) for e in examples),
        config.data.source,
    )
    return examples


def _public(config: TrainConfig) -> tuple[list[Example], list[dict[str, Any]]]:
    """The examples of ``data.public`` (each file repeated as configured), and what was read."""
    public, info = [], []
    for file in config.data.public:
        part = load_benchmark(file.benchmark, file.path, file.limit)
        logger.info("%d public examples from %s (%s)", len(part), file.path, file.benchmark)
        public += part * file.repeat
        info.append(
            {
                "benchmark": file.benchmark,
                "path": file.path,
                "sentences": len(part),
                "mentions": sum(len(e.mentions) for e in part),
                "repeat": file.repeat,
            }
        )
    return public, info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m framing.train", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--config", type=Path, help="a YAML config (default: configs/default.yaml)")
    parser.add_argument(
        "--output-dir", type=Path, help="where the run is written (default: the config's)"
    )
    parser.add_argument(
        "--overwrite",
        action="store_true",
        help="replace an existing output directory even if it is not an earlier run, or holds "
        "files the earlier run did not write (they are deleted)",
    )
    parser.add_argument("overrides", nargs="*", help="key=value settings, e.g. model.family=frozen")
    args = parser.parse_args(argv)
    # a terminated run cleans up like an interrupted one
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        config = load_config(args.config, args.overrides)
    except ConfigError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    output_dir = args.output_dir or Path(config.output_dir)
    try:
        output_dir = check_output_dir(output_dir, overwrite=args.overwrite)
        config.output_dir = str(output_dir)
        metrics = run(config, output_dir, overwrite=args.overwrite)
    except (ValueError, FileNotFoundError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    record = from_dict(Metrics, metrics, where="metrics.json")
    if record.tasks is not None:
        print(results_table(record.tasks, record.systems))
    if record.benchmarks:
        print(benchmarks_table(record))
    print(f"wrote {output_dir}")
    print(summary(record, output_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
