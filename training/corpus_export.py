"""The framing corpus's articles as input for ``framing analyze``, or its gold labels as analyses
for ``framing compare``: the data of README's worked example.

- Input rows (default): one JSON object per article of the split, with ``id``, ``text`` (the page's
  raw text, as stored) and the article's metadata: ``outlet``, ``date``, ``url``, ``title``,
  ``slant_group``, ``genre`` and ``terms`` (the page's terms of use).
- ``--gold``: one analysis line per article (the schema ``framing analyze`` writes), built from
  the adjudicated labels instead of a model: its sentences are the annotated ones, each with its
  mode, reported flag, speaker, mentions and one gold stance per actor. ``framing compare`` over
  these gives the annotators' comparison, to set beside the model's.

The texts stay in the checkout: most pages may not be redistributed (``terms``), so write the
files outside the repository, for your own analysis only.

Usage::

    python -m training.corpus_export --split test --output heldout.jsonl
    python -m training.corpus_export --split test --gold --output heldout-gold.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from framing.actors import ActorLexicon
from framing.data.corpus import SPLITS, corpus_dir
from framing.data.jsonl import read_jsonl
from framing.inference.results import DocumentAnalysis, MentionAnalysis, SentenceAnalysis
from framing.inference.summary import summarise
from framing.labels import MODES, STANCES
from framing.text.metadata import DocumentMeta

__all__ = ["gold_analyses", "input_rows", "main"]

# the corpus's metadata fields carried into the analyses (beyond the five of DocumentMeta)
META_FIELDS = ("outlet", "date", "url", "title", "slant_group", "genre")
GOLD_MODEL = {"family": "gold", "source": "training/corpus adjudicated labels"}


def _documents(corpus: Path, split: str) -> list[dict[str, Any]]:
    rows = read_jsonl(corpus / "data" / "documents.jsonl")
    return [r for r in rows if r.get("split") == split]


def _text(corpus: Path, document: dict[str, Any]) -> str:
    path = corpus / document["file"]
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise ValueError(f"{path}: cannot read article {document['doc_id']} ({err})") from err


def input_rows(split: str, corpus: Path | None = None) -> Iterator[dict[str, Any]]:
    """The split's articles as ``framing analyze`` input rows, in the corpus's order."""
    corpus = corpus or corpus_dir()
    for document in _documents(corpus, split):
        row = {"id": document["doc_id"], "text": _text(corpus, document)}
        row.update({key: document.get(key) for key in META_FIELDS})
        row["terms"] = document.get("terms")
        yield row


def _sentence(index: int, row: dict[str, Any]) -> SentenceAnalysis:
    stances = {s["actor"]: s["stance"] for s in row["stances"]}
    mentions = [
        MentionAnalysis(
            actor=m["actor"],
            text=m["text"],
            start=m["start"],
            end=m["end"],
            sentence_start=m["text_start"],
            sentence_end=m["text_end"],
            stance=stances.get(m["actor"], "neutral"),
            probabilities={label: float(label == stances.get(m["actor"])) for label in STANCES},
        )
        for m in row["mentions"]
    ]
    return SentenceAnalysis(
        index=index,
        start=row["start"],
        end=row["end"],
        text=row["text"],
        mode=row["mode"],
        mode_probabilities={label: float(label == row["mode"]) for label in MODES},
        reported=bool(row["reported"]),
        reported_probability=float(bool(row["reported"])),
        mentions=mentions,
        stances=stances,
        frames=dict(row["frames"]),
        speaker=row.get("speaker") if row["reported"] else None,
    )


def gold_analyses(split: str, corpus: Path | None = None) -> Iterator[DocumentAnalysis]:
    """The split's articles as analyses of their adjudicated labels, in the corpus's order."""
    from framing.inference.prepare import Prepared

    corpus = corpus or corpus_dir()
    lexicon = ActorLexicon.load()
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for row in read_jsonl(corpus / "data" / split / "sentences.jsonl"):
        by_doc.setdefault(row["doc_id"], []).append(row)
    for document in _documents(corpus, split):
        raw = _text(corpus, document)
        rows = sorted(by_doc.get(document["doc_id"], []), key=lambda r: r["start"])
        sentences = [_sentence(i, row) for i, row in enumerate(rows)]
        prepared = Prepared(raw=raw, sentences=[], mentions=[], removed=[], warnings=[])
        analysis = summarise(sentences, prepared, lexicon, GOLD_MODEL)
        analysis.meta = DocumentMeta.from_dict(
            {key: document.get(key) for key in META_FIELDS},
            source=str(document["file"]),
            loose=True,
        )
        yield analysis


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m training.corpus_export", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--split", choices=SPLITS, default="test")
    parser.add_argument("--gold", action="store_true", help="analyses of the gold labels")
    parser.add_argument("--corpus", type=Path, default=None, help="default: training/corpus")
    parser.add_argument("--output", type=Path, default=None, help="default: standard output")
    args = parser.parse_args(argv)
    out = args.output.open("w", encoding="utf-8") if args.output else sys.stdout
    n = 0
    try:
        if args.gold:
            for analysis in gold_analyses(args.split, args.corpus):
                out.write(analysis.to_json() + "\n")
                n += 1
        else:
            for row in input_rows(args.split, args.corpus):
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
                n += 1
    finally:
        if args.output:
            out.close()
    what = "gold analyses" if args.gold else "articles"
    print(f"{n} {what} of the {args.split} split", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
