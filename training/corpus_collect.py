"""Merge the collectors' pages into the corpus: one verbatim text file per article, and
``documents.jsonl`` with each article's metadata.

    python -m training.corpus_collect [--staging training/corpus/staging] [--corpus training/corpus]

Each staging file holds one JSON object per page as a collector kept it from a stored copy of a
public news page (``url``, ``outlet``, ``slant_group``, ``date``, ``genre``, ``title``,
``terms``, ``topic``, ``query``, ``text``). Pages are added to the articles already in the
corpus, in file order; a page whose URL or text repeats one already there or an earlier one is
dropped and reported, and so is a page with less than :data:`MIN_CHARS` characters. The text is
written byte for byte as collected (UTF-8, no newline translation); ``doc_id`` is the outlet's
slug and the first 8 hex digits of the URL's SHA-1.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from pathlib import Path
from typing import Any

from framing.data.annotated import iter_jsonl

ROOT = Path(__file__).resolve().parent
CORPUS = ROOT / "corpus"
SLANT_GROUPS = (
    "iranian_state", "iranian_opposition", "arab_gulf", "iraqi_kurdish", "israeli", "western",
    "government", "think_tank",
)  # fmt: skip
GENRES = ("news", "opinion")
MIN_CHARS = 600
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
# terms that allow redistribution, as the collectors recorded them
_FREE = re.compile(r"public domain|CC BY(?!-N)|CC0|Open Government Licence", re.IGNORECASE)


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40] or "outlet"


def doc_id(record: dict[str, Any]) -> str:
    digest = hashlib.sha1(record["url"].encode("utf-8")).hexdigest()[:8]
    return f"{slug(record['outlet'])}-{digest}"


def check(record: dict[str, Any], where: str) -> None:
    """Raise ValueError naming ``where`` and the field when a record is malformed."""
    for key in ("url", "outlet", "slant_group", "genre", "terms", "text"):
        if not isinstance(record.get(key), str) or not record[key].strip():
            raise ValueError(f"{where}: '{key}' must be a non-empty string")
    if record["slant_group"] not in SLANT_GROUPS:
        raise ValueError(f"{where}: unknown slant_group {record['slant_group']!r}")
    if record["genre"] not in GENRES:
        raise ValueError(f"{where}: genre must be one of {GENRES}, got {record['genre']!r}")
    date = record.get("date")
    if date is not None and not (isinstance(date, str) and _DATE.fullmatch(date)):
        raise ValueError(f"{where}: date must be YYYY, YYYY-MM or YYYY-MM-DD, got {date!r}")


def merge(staging: Path, corpus: Path) -> dict[str, Any]:
    kept: list[dict[str, Any]] = []
    dropped: list[str] = []
    listed = corpus / "documents.jsonl"
    existing = [r for _, r in iter_jsonl(listed)] if listed.is_file() else []
    urls = {d["url"] for d in existing}
    texts = {" ".join((corpus / d["file"]).read_bytes().decode("utf-8").split()) for d in existing}
    for path in sorted(staging.glob("*.jsonl")):
        for number, record in iter_jsonl(path):
            where = f"{path}:{number}"
            check(record, where)
            text = record["text"]
            key = " ".join(text.split())
            if record["url"] in urls or key in texts:
                dropped.append(f"{where}: repeats an earlier page ({record['url']})")
                continue
            if len(text) < MIN_CHARS:
                dropped.append(f"{where}: {len(text)} characters, fewer than {MIN_CHARS}")
                continue
            urls.add(record["url"])
            texts.add(key)
            kept.append(record)
    articles = corpus / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    documents = list(existing)
    for record in kept:
        ident = doc_id(record)
        (articles / f"{ident}.txt").write_bytes(record["text"].encode("utf-8"))
        documents.append(
            {
                "doc_id": ident,
                "file": f"articles/{ident}.txt",
                "url": record["url"],
                "outlet": record["outlet"],
                "slant_group": record["slant_group"],
                "date": record.get("date"),
                "genre": record["genre"],
                "title": record.get("title"),
                "topic": record.get("topic") or "",
                "query": record.get("query") or "",
                "terms": record["terms"],
                "redistributable": bool(_FREE.search(record["terms"])),
            }
        )
    documents.sort(key=lambda d: d["doc_id"])
    with (corpus / "documents.jsonl").open("w", encoding="utf-8") as handle:
        for d in documents:
            handle.write(json.dumps(d, ensure_ascii=False) + "\n")
    return {"kept": len(documents), "added": len(kept), "dropped": dropped}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staging", type=Path, default=CORPUS / "staging")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    result = merge(args.staging, args.corpus)
    for line in result["dropped"]:
        print(f"dropped {line}")
    print(f"added {result['added']} articles: {result['kept']} in {args.corpus}")


if __name__ == "__main__":
    main()
