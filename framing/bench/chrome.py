"""The scraped-pages regression count: chrome left by cleaning, real sentences removed.

The corpus (``training/corpus``) holds raw scraped pages (``articles/*.txt``), their split
(``splits.json``) and adjudicated gold units (``annotation/units.jsonl``: a unit's text and its
``pieces`` ``[[text_start, raw_start, length], ...]`` into the raw page;
``annotation/adjudicated.jsonl``: per unit, ``keep`` true for the article's own content, or false
with a ``kind``: chrome, metadata, byline, caption, credit, related, duplicate, label, other).

The current cleaner and segmenter are run on every raw page, and each gold unit is read by its
non-space raw characters:

- a kept unit is **removed** when more than half of them are no longer in any output sentence
  (cleaning cut a real sentence: the target is 0);
- a non-kept unit is **chrome left** when more than half of them are still in an output sentence
  (the target is at most one per 20 articles).

:func:`run_chrome` counts both per split and overall, and lists each unit for inspection;
:func:`format_chrome` prints a small table. Without a corpus (an installed package has none)
the result says so and the table is one line.

Example:
    >>> result = run_chrome(splits=("dev",))  # doctest: +SKIP
    >>> print(format_chrome(result))  # doctest: +SKIP
    split | articles | chrome left | per 20 articles | real removed
    ...
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from framing.text.clean import CleanConfig, clean
from framing.text.segment import get_segmenter
from framing.text.site_names import site_names as names_of_site

__all__ = ["CORPUS", "format_chrome", "page_sentences", "run_chrome", "unit_raw_positions"]

CORPUS = Path(__file__).resolve().parents[2] / "training" / "corpus"
SPLITS = ("train", "dev", "test")
PER_ARTICLES = 20  # the target is stated per 20 articles


def unit_raw_positions(unit: dict[str, Any], raw: str) -> list[int]:
    """Raw offsets of the unit's non-space characters, read from its ``pieces``.

    Raises:
        ValueError: a piece lies outside the raw page or its text differs from the page there;
            the message names the unit.
    """
    positions = []
    text = unit["text"]
    for text_start, raw_start, length in unit["pieces"]:
        if raw_start < 0 or raw_start + length > len(raw):
            raise ValueError(f"unit {unit['id']}: piece at raw {raw_start} outside the page")
        for k in range(length):
            char = raw[raw_start + k]
            if char.isspace():
                continue
            if text[text_start + k] != char:
                raise ValueError(
                    f"unit {unit['id']}: text differs from the page at raw {raw_start + k}"
                )
            positions.append(raw_start + k)
    return positions


def page_sentences(
    raw: str,
    config: CleanConfig | None = None,
    segmenter: str = "default",
    *,
    site_names: Sequence[str] = (),
) -> list[tuple[tuple[int, int, str], list[int]]]:
    """The pipeline's sentences of a raw page and the raw characters each one holds
    (``site_names``: the names of the page's site, for :func:`framing.text.clean.clean`).

    Returns:
        Per output sentence of :func:`framing.text.clean.clean` then the segmenter: its
        ``(raw_start, raw_end, clean_text)`` (as :func:`framing.text.segment.segment` gives it)
        and the raw offsets of its non-space characters.
    """
    cleaned = clean(raw, config, site_names=site_names)
    offsets = cleaned.offsets
    result = []
    for a, b in get_segmenter(segmenter).spans(cleaned.text):
        start, end = cleaned.to_raw(a, b)
        positions = [p for p in offsets[a:b] if not raw[p].isspace()]
        result.append(((start, end, cleaned.text[a:b]), positions))
    return result


def _kept_positions(
    raw: str,
    config: CleanConfig | None,
    segmenter: str,
    site_names: Sequence[str] = (),
) -> set[int]:
    """Raw offsets of the characters inside the output sentences of the page."""
    kept: set[int] = set()
    for _, positions in page_sentences(raw, config, segmenter, site_names=site_names):
        kept.update(positions)
    return kept


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    from framing.data.jsonl import read_jsonl

    return list(read_jsonl(path))


def _empty() -> dict[str, Any]:
    return {
        "articles": 0,
        "units": 0,
        "content_units": 0,
        "noise_units": 0,
        "chrome_left": 0,
        "chrome_left_by_kind": {},
        "chrome_left_per_20_articles": 0.0,
        "real_removed": 0,
        "removed_units": [],
        "left_units": [],
    }


def run_chrome(
    corpus: Path | None = None,
    splits: Sequence[str] = SPLITS,
    *,
    config: CleanConfig | None = None,
    segmenter: str = "default",
) -> dict[str, Any]:
    """Chrome units left and real units removed by cleaning the corpus pages, per split.

    Args:
        corpus: the corpus folder; ``training/corpus`` of the checkout when None.
        splits: the splits to read (the test split only to report, never to tune).
        config: cleaning rules; the defaults when None.
        segmenter: the segmenter whose sentences count as output.

    Returns:
        ``{"corpus", "skipped", "splits": {split: counts}, "overall": counts, "problems"}``;
        counts hold ``articles``, ``units``, ``chrome_left`` (with ``chrome_left_by_kind`` and
        ``chrome_left_per_20_articles``), ``real_removed`` and the units behind them
        (``removed_units``, ``left_units``: id, doc_id, kind, text). ``skipped`` says why
        nothing was counted (no corpus), else None; ``problems`` names the articles and units
        that could not be read (the count goes on without them).

    Raises:
        ValueError: an unknown split name.
    """
    unknown = [s for s in splits if s not in SPLITS]
    if unknown:
        raise ValueError(f"unknown split(s) {unknown}; known: {', '.join(SPLITS)}")
    corpus = Path(corpus) if corpus is not None else CORPUS
    result: dict[str, Any] = {
        "corpus": str(corpus),
        "skipped": None,
        "splits": {},
        "overall": _empty(),
        "problems": [],
    }
    needed = [
        corpus / "splits.json",
        corpus / "documents.jsonl",
        corpus / "annotation" / "units.jsonl",
        corpus / "annotation" / "adjudicated.jsonl",
    ]
    missing = [str(p) for p in needed if not p.is_file()]
    if missing:
        result["skipped"] = (
            f"no scraped-pages corpus (missing {missing[0]}); it ships with the repository "
            "checkout, not with an installed package"
        )
        return result
    split_of = json.loads((corpus / "splits.json").read_text("utf-8"))
    documents = {d["doc_id"]: d for d in _read_jsonl(corpus / "documents.jsonl")}
    gold = {r["id"]: r for r in _read_jsonl(corpus / "annotation" / "adjudicated.jsonl")}
    units: dict[str, list[dict[str, Any]]] = {}
    for unit in _read_jsonl(corpus / "annotation" / "units.jsonl"):
        units.setdefault(unit["doc_id"], []).append(unit)
    problems: list[str] = result["problems"]
    totals = {split: _empty() for split in splits}
    for doc_id in sorted(units):
        split = split_of.get(doc_id)
        if split not in splits:
            continue  # another split, or an article outside the split (the seed set)
        document = documents.get(doc_id, {})
        path = corpus / document.get("file", f"articles/{doc_id}.txt")
        # the names of the page's own site, from its outlet and URL, as the analyzer has them
        names = names_of_site(document.get("outlet"), document.get("url"))
        try:
            raw = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as err:
            problems.append(f"{path}: cannot read article {doc_id} ({err})")
            continue
        kept = _kept_positions(raw, config, segmenter, names)
        _count_units(totals[split], units[doc_id], gold, raw, kept, path, problems)
    _sum_splits(totals, result)
    return result


def _count_units(
    counts: dict[str, Any],
    units: list[dict[str, Any]],
    gold: dict[str, dict[str, Any]],
    raw: str,
    kept: set[int],
    path: Path,
    problems: list[str],
) -> None:
    """Add one article's units to its split's counts, given the raw characters kept."""
    counts["articles"] += 1
    for unit in units:
        label = gold.get(unit["id"])
        if label is None:
            problems.append(f"unit {unit['id']}: no adjudicated label")
            continue
        try:
            positions = unit_raw_positions(unit, raw)
        except (ValueError, IndexError, KeyError) as err:
            problems.append(f"{path}: {err}")
            continue
        if not positions:
            continue
        inside = sum(p in kept for p in positions)
        counts["units"] += 1
        entry = {"id": unit["id"], "doc_id": unit["doc_id"], "kind": label.get("kind")}
        entry["text"] = unit["text"]
        if label["keep"]:
            counts["content_units"] += 1
            if 2 * inside < len(positions):
                counts["real_removed"] += 1
                counts["removed_units"].append(entry)
        else:
            counts["noise_units"] += 1
            if 2 * inside > len(positions):
                counts["chrome_left"] += 1
                counts["left_units"].append(entry)


def _sum_splits(totals: dict[str, dict[str, Any]], result: dict[str, Any]) -> None:
    """Fill ``result["splits"]`` and ``result["overall"]`` from the per-split counts."""
    overall = result["overall"]
    for split, counts in totals.items():
        by_kind = Counter(u["kind"] for u in counts["left_units"])
        counts["chrome_left_by_kind"] = dict(sorted(by_kind.items()))
        result["splits"][split] = counts
        for key in ("articles", "units", "content_units", "noise_units"):
            overall[key] += counts[key]
        for key in ("chrome_left", "real_removed"):
            overall[key] += counts[key]
        overall["removed_units"] += counts["removed_units"]
        overall["left_units"] += counts["left_units"]
    overall["chrome_left_by_kind"] = dict(
        sorted(Counter(u["kind"] for u in overall["left_units"]).items())
    )
    for counts in (*totals.values(), overall):
        if counts["articles"]:
            rate = PER_ARTICLES * counts["chrome_left"] / counts["articles"]
            counts["chrome_left_per_20_articles"] = round(rate, 2)


def format_chrome(result: dict[str, Any], *, list_units: bool = False) -> str:
    """A table of :func:`run_chrome`'s counts, one row per split and one overall; with
    ``list_units``, the removed real units and the chrome left, one per line."""
    if result.get("skipped"):
        return f"chrome count skipped: {result['skipped']}"
    header = ["split", "articles", "chrome left", "per 20 articles", "real removed", "by kind"]
    rows = [header]
    named = [*result["splits"].items(), ("overall", result["overall"])]
    for name, c in named:
        kinds = ", ".join(f"{k} {n}" for k, n in c["chrome_left_by_kind"].items()) or "-"
        rows.append(
            [
                name,
                str(c["articles"]),
                f"{c['chrome_left']} of {c['noise_units']}",
                f"{c['chrome_left_per_20_articles']:.2f}",
                f"{c['real_removed']} of {c['content_units']}",
                kinds,
            ]
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = [" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    if list_units:
        overall = result["overall"]
        for unit in overall["removed_units"]:
            lines.append(f"removed {unit['id']}: {unit['text'][:120]!r}")
        for unit in overall["left_units"]:
            lines.append(f"left {unit['kind']} {unit['id']}: {unit['text'][:120]!r}")
    for problem in result.get("problems", []):
        lines.append(f"problem: {problem}")
    return "\n".join(lines)
