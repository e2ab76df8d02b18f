"""Check one annotation pass over a batch of units and put its mentions on raw offsets.

    python -m training.corpus_labels PASS_FILE [--batch bNN] [--output FILE]
    python -m training.corpus_labels PASS_DIR [--output FILE] [--partial]

A folder (``annotation/pass_a``) holds one file per batch (``bNN.jsonl``); every batch is
checked and ``--output`` receives the records of the whole pass in the order of ``units.jsonl``
(with ``--partial``, of the batches that are complete, for agreement while a pass is going on).

An annotator writes one JSON object per unit (see ``training/GUIDELINES.md``, section 9):

    {"id": "<unit id>", "keep": true, "kind": null, "mode": "news", "reported": true,
     "speaker": "iraq", "mentions": [{"text": "Iraq", "occurrence": 1, "actor": "iraq",
     "type": "name"}], "stances": {"iraq": "neutral"}, "note": ""}

``occurrence`` counts the places where ``text`` stands in the unit's text as a whole word (1 is
the first). A
unit that is not the article's own content has ``"keep": false`` and a ``kind``, and no labels.
Every problem is reported with the unit id and the field; with none, ``--output`` receives the
records with each mention's offsets in the unit's text (``text_start``, ``text_end``) and in the
raw article (``start``, ``end``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from framing.actors import ActorLexicon
from framing.data.annotated import iter_jsonl, read_jsonl
from framing.labels import MODES, STANCES
from training.corpus_units import CORPUS, raw_offset

DROP_KINDS = (
    "chrome", "byline", "metadata", "caption", "credit", "related", "label", "duplicate", "other",
)  # fmt: skip
MENTION_TYPES = ("name", "loaded", "reference")
OTHER_SPEAKER = "other"


def _occurrence(text: str, needle: str, k: int) -> int | None:
    """Offset of the ``k``-th (1-based) occurrence of ``needle`` in ``text`` as a whole word (no
    word character right before or after it), or None."""
    found = 0
    start = text.find(needle)
    while start >= 0:
        end = start + len(needle)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not (_word(before) and _word(needle[0])) and not (_word(after) and _word(needle[-1])):
            found += 1
            if found == k:
                return start
        start = text.find(needle, start + 1)
    return None


def _word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def check_record(
    record: dict[str, Any], unit: dict[str, Any], actors: set[str]
) -> tuple[dict[str, Any] | None, list[str]]:
    """The converted record, or None and the problems (each naming the unit and field)."""
    uid = unit["id"]
    problems: list[str] = []

    def bad(field: str, message: str) -> None:
        problems.append(f"{uid}: {field}: {message}")

    keep = record.get("keep")
    if not isinstance(keep, bool):
        bad("keep", f"must be true or false, got {keep!r}")
        return None, problems
    note = record.get("note") or ""
    if not isinstance(note, str):
        bad("note", "must be a string")
    base = {"id": uid, "doc_id": unit["doc_id"], "keep": keep, "note": note}
    if not keep:
        if record.get("kind") not in DROP_KINDS:
            bad(
                "kind",
                f"must be one of {DROP_KINDS} when keep is false, got {record.get('kind')!r}",
            )
        if record.get("mentions") or record.get("stances"):
            bad("mentions", "a unit that is not kept has no labels")
        return ({**base, "kind": record.get("kind")} if not problems else None), problems
    mode, reported, speaker = record.get("mode"), record.get("reported"), record.get("speaker")
    if mode not in MODES:
        bad("mode", f"must be one of {MODES}, got {mode!r}")
    if not isinstance(reported, bool):
        bad("reported", f"must be true or false, got {reported!r}")
    if speaker is not None and speaker not in actors and speaker != OTHER_SPEAKER:
        bad("speaker", f"must be an actor id, {OTHER_SPEAKER!r} or null, got {speaker!r}")
    if reported is False and speaker is not None:
        bad("speaker", "must be null when reported is false")
    text = unit["text"]
    mentions = []
    raw_mentions = record.get("mentions")
    if not isinstance(raw_mentions, list):
        bad("mentions", "must be a list")
        raw_mentions = []
    for n, m in enumerate(raw_mentions):
        where = f"mentions[{n}]"
        if not isinstance(m, dict):
            bad(where, "must be an object")
            continue
        needle, k, actor, kind = (
            m.get("text"),
            m.get("occurrence", 1),
            m.get("actor"),
            m.get("type"),
        )
        if actor not in actors:
            bad(where, f"unknown actor {actor!r}")
        if kind not in MENTION_TYPES:
            bad(where, f"type must be one of {MENTION_TYPES}, got {kind!r}")
        if not isinstance(needle, str) or not needle.strip() or needle != needle.strip():
            bad(
                where, f"text must be a non-empty string without surrounding spaces, got {needle!r}"
            )
            continue
        if not isinstance(k, int) or isinstance(k, bool) or k < 1:
            bad(where, f"occurrence must be a positive integer, got {k!r}")
            continue
        at = _occurrence(text, needle, k)
        if at is None:
            bad(where, f"{needle!r} does not occur {k} time(s) in the unit's text")
            continue
        end = at + len(needle)
        mentions.append(
            {
                "text": needle,
                "actor": actor,
                "type": kind,
                "text_start": at,
                "text_end": end,
                "start": raw_offset(unit, at),
                "end": raw_offset(unit, end - 1) + 1,
            }
        )
    stances = record.get("stances")
    if not isinstance(stances, dict):
        bad("stances", "must be an object mapping actor ids to stances")
        stances = {}
    mentioned = {m["actor"] for m in mentions}
    if set(stances) != mentioned and not problems:
        bad(
            "stances",
            f"must have one entry per mentioned actor {sorted(mentioned)}, got {sorted(stances)}",
        )
    for actor, stance in stances.items():
        if stance not in STANCES:
            bad("stances", f"stance toward {actor!r} must be one of {STANCES}, got {stance!r}")
    if len({(m["text_start"], m["actor"]) for m in mentions}) != len(mentions):
        bad("mentions", "the same span and actor twice")
    if problems:
        return None, problems
    mentions.sort(key=lambda m: (m["text_start"], m["actor"]))
    return {
        **base,
        "kind": None,
        "mode": mode,
        "reported": reported,
        "speaker": speaker,
        "mentions": mentions,
        "stances": dict(sorted(stances.items())),
    }, problems


def check_pass(path: Path, units: list[dict[str, Any]], actors: set[str]):
    """(converted records in unit order, problems) of a pass file over ``units``."""
    expected = {u["id"]: u for u in units}
    problems: list[str] = []
    seen: dict[str, dict[str, Any]] = {}
    for number, record in iter_jsonl(path):
        uid = record.get("id")
        if uid not in expected:
            problems.append(f"{path}:{number}: unknown unit id {uid!r}")
            continue
        if uid in seen:
            problems.append(f"{path}:{number}: unit {uid} labelled twice")
            continue
        converted, found = check_record(record, expected[uid], actors)
        problems += [f"{path}:{number}: {p}" for p in found]
        if converted is not None:
            seen[uid] = converted
    missing = [uid for uid in expected if uid not in seen and not any(uid in p for p in problems)]
    problems += [f"{path}: no record for unit {uid}" for uid in missing]
    return [seen[u["id"]] for u in units if u["id"] in seen], problems


def batch_units(batch: str, corpus: Path = CORPUS) -> list[dict[str, Any]]:
    annotation = corpus / "annotation"
    docs = json.loads((annotation / "batches" / "index.json").read_text("utf-8"))[batch]
    wanted = set(docs)
    return [u for u in read_jsonl(annotation / "units.jsonl") if u["doc_id"] in wanted]


def batch_names(corpus: Path = CORPUS) -> list[str]:
    index = corpus / "annotation" / "batches" / "index.json"
    return sorted(json.loads(index.read_text("utf-8")))


def check_folder(
    folder: Path, corpus: Path, actors: set[str]
) -> tuple[dict[str, list[dict]], dict[str, list[str]]]:
    """(records of each complete and valid batch, problems of each other batch) of a pass."""
    done: dict[str, list[dict]] = {}
    bad: dict[str, list[str]] = {}
    for batch in batch_names(corpus):
        path = folder / f"{batch}.jsonl"
        if not path.is_file():
            bad[batch] = [f"{path}: missing"]
            continue
        records, problems = check_pass(path, batch_units(batch, corpus), actors)
        if problems:
            bad[batch] = problems
        else:
            done[batch] = records
    return done, bad


def _write(path: Path, records: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for r in records:
            handle.write(json.dumps(r, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pass_file", type=Path, help="a batch's pass file, or a pass folder")
    parser.add_argument("--batch", help="the batch (bNN); default: the pass file's stem")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--output", type=Path)
    parser.add_argument("--partial", action="store_true", help="a folder: keep complete batches")
    args = parser.parse_args(argv)
    actors = set(ActorLexicon.load().ids)
    if args.pass_file.is_dir():
        done, bad = check_folder(args.pass_file, args.corpus, actors)
        for batch, problems in bad.items():
            print(f"{batch}: {len(problems)} problem(s), first: {problems[0]}")
        if bad and not args.partial:
            return 1
        if args.output:
            order = {
                u["id"]: n
                for n, u in enumerate(read_jsonl(args.corpus / "annotation" / "units.jsonl"))
            }
            records = sorted((r for rs in done.values() for r in rs), key=lambda r: order[r["id"]])
            _write(args.output, records)
        print(f"{len(done)} batch(es) complete and valid: {' '.join(sorted(done))}")
        return 0
    units = batch_units(args.batch or args.pass_file.stem, args.corpus)
    records, problems = check_pass(args.pass_file, units, actors)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s); {len(records)} of {len(units)} units fine")
        return 1
    if args.output:
        _write(args.output, records)
    print(f"all {len(units)} units labelled and valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
