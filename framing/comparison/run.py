"""``compare``: groups of analysed documents, their measures with intervals, and every pair's
differences (the steps are in :mod:`~framing.comparison.groups`,
:mod:`~framing.comparison.measures` and :mod:`~framing.comparison.bootstrap`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np

from framing.comparison.bootstrap import group_rng, interval, point, resample
from framing.comparison.groups import (
    DATE_CUTS,
    MISSING,
    check_by,
    group_of,
    missing_field_warning,
)
from framing.comparison.inputs import AnalyzeOptions, comparison_items
from framing.comparison.measures import (
    ALL,
    BASES,
    GROUP_MEASURES,
    SPEAKS,
    DocumentCounts,
    Key,
    count,
)
from framing.comparison.result import Comparison
from framing.labels import STANCES

__all__ = ["compare"]

# fewer resamples than this give intervals too rough to call anything significant by: a warning
MIN_RESAMPLES = 200
_MEASURE_ORDER = {m: i for i, m in enumerate((*STANCES, *GROUP_MEASURES, SPEAKS))}


def _settings(by: str, resamples: int, seed: int, min_documents: int, confidence: float) -> None:
    check_by(by)
    if resamples < 1:
        raise ValueError(f"resamples must be >= 1, got {resamples}")
    if seed < 0:
        raise ValueError(f"seed must be >= 0, got {seed}")
    if min_documents < 0:
        raise ValueError(f"min_documents must be >= 0, got {min_documents}")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence}")


def _columns(groups: dict[str, list[DocumentCounts]]) -> list[Key]:
    keys: set[Key] = set()
    speakers: set[str] = set()
    for docs in groups.values():
        for doc in docs:
            keys.update(doc.ratios)
            speakers.update(doc.speakers)
    keys.update((s, SPEAKS, basis) for s in speakers for basis in BASES)
    return sorted(keys, key=lambda k: (k[0] != ALL, k[0], _MEASURE_ORDER.get(k[1], 99), k[1], k[2]))


def _matrices(docs: list[DocumentCounts], columns: list[Key]) -> tuple[np.ndarray, np.ndarray]:
    index = {key: i for i, key in enumerate(columns)}
    speaking = [(i, key) for i, key in enumerate(columns) if key[1] == SPEAKS]
    num = np.zeros((len(docs), len(columns)))
    den = np.zeros((len(docs), len(columns)))
    for row, doc in enumerate(docs):
        for key, (n, d) in doc.ratios.items():
            num[row, index[key]], den[row, index[key]] = n, d
        if doc.spoken:
            for i, (speaker, _, basis) in speaking:
                num[row, i], den[row, i] = doc.speaker_ratio(speaker, basis)
    return num, den


def _order(groups: Iterable[str]) -> list[str]:
    return sorted(groups, key=lambda g: (g == MISSING, g))


def compare(
    analyses: Iterable[Any] | str | Path,
    by: str = "outlet",
    *,
    resamples: int = 1000,
    seed: int = 0,
    min_documents: int = 5,
    confidence: float = 0.95,
    progress: bool = False,
    analyze: bool | None = None,
    options: AnalyzeOptions | None = None,
    keep: str | Path | None = None,
    warn: Callable[[str], None] | None = None,
) -> Comparison:
    """Compare groups of analysed documents: each group's stance shares per actor, opinion and
    reported shares, frames' shares and who speaks, with bootstrap intervals over documents, and
    the difference of every pair of groups with its interval.

    Args:
        analyses: an analyses file (``framing analyze``'s JSONL, ``.jsonl.gz`` or Parquet) or a
            folder of them (partitioned output), or an iterable of such paths (``Path``),
            :class:`~framing.DocumentAnalysis` objects, schema dicts or JSON lines. A path that
            holds articles instead (text, HTML or PDF files, folders of them, a CSV or JSONL
            with a text column: :mod:`~framing.comparison.inputs`) is analysed first.
        by: the grouping: one of :data:`~framing.comparison.BY_FIELDS` (``outlet``, ``date``,
            ``date:month``, ``date:year``, ``genre``: the predicted genre, ``file``, ...), any
            other metadata field the documents carry (``slant_group``: an extra field of
            ``--meta-fields``), or ``meta:NAME`` (the metadata field, even one named ``genre``);
            a document without it goes in the group ``"(missing)"``, and a field no document
            has is a warning naming the fields they have (``Comparison.warnings``).
        resamples: bootstrap resamples of each group's documents.
        seed: the bootstrap's seed (the same seed, the same intervals).
        min_documents: groups with fewer documents are kept and flagged ``small``.
        confidence: the intervals' coverage.
        progress: show a progress bar of the documents read on standard error.
        analyze: None: each path is analysed first when it holds articles; True: every path
            is; False: every path is read as analyses.
        options: how articles are read and analysed (the model, text field, ``meta_fields``,
            ...: :class:`~framing.comparison.inputs.AnalyzeOptions`).
        keep: a JSONL file the analyses of the articles are written to (None: not written).
        warn: called with the warnings of the articles analysed (``ID: warning``), as
            ``framing analyze`` prints them (None: kept in the analyses only).

    Returns:
        A :class:`~framing.comparison.Comparison`; analyses that could not be read are named in
        its ``skipped`` (``FILE:LINE: reason``) and counted, never dropped silently.

    Raises:
        ValueError: a ``by`` that cannot be a field's name, or a setting out of range; a model
            that cannot be loaded; ``keep`` that would overwrite an input.
        FileNotFoundError: a path that does not exist.
        OSError: ``keep`` cannot be written.

    Example:
        >>> result = framing.compare("results.jsonl", by="outlet")  # doctest: +SKIP
        >>> print(result.to_markdown())                             # doctest: +SKIP
    """
    _settings(by, resamples, seed, min_documents, confidence)
    groups: dict[str, list[DocumentCounts]] = {}
    skipped: list[str] = []
    names: dict[str, str] = {}
    fields: dict[str, None] = {}  # the metadata fields the documents have, in order met
    undated: list[str] = []  # dates a date cut cannot read
    seen: dict[tuple[str, int, int], str] = {}  # (id, length, sentences) -> where first read
    models: Counter[str] = Counter()  # the models that made the analyses, with their documents
    read = 0
    items = comparison_items(analyses, analyze, options, keep, warn)
    for item in _shown(items, progress):
        read += 1
        if item.analysis is None:
            skipped.append(f"{item.where}: {item.error}")
            continue
        doc = item.analysis
        if item.ident is not None:  # the same document given twice would count twice
            key = (item.ident, doc.text_length, len(doc.sentences))
            if key in seen:
                skipped.append(
                    f"{item.where}: the same document as {seen[key]} (id {item.ident!r}): "
                    "counted once"
                )
                continue
            seen[key] = item.where
        try:  # a line that parses with a field of the wrong type or label: named, skipped
            counts = count(item.analysis)
            group = group_of(item, by)
            meta_names = item.analysis.meta.names()
        except (ValueError, TypeError, AttributeError, KeyError) as err:
            skipped.append(f"{item.where}: {err}")
            continue
        models[f"{doc.model.get('family', '?')} ({doc.model.get('source', '?')})"] += 1
        names.update(counts.names)
        fields.update(dict.fromkeys(meta_names))
        if group == MISSING and by in DATE_CUTS and item.analysis.meta.date:
            undated.append(item.analysis.meta.date)
        groups.setdefault(group, []).append(counts)
    warnings = _warnings(by, groups, list(fields), undated, models, resamples)
    columns = _columns(groups)
    rows: list[dict[str, Any]] = []
    samples: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = {}
    not_available: list[str] = []
    sizes: dict[str, int] = {}
    for group in _order(groups):
        docs = groups[group]
        sizes[group] = len(docs)
        small = len(docs) < min_documents
        num, den = _matrices(docs, columns)
        active = np.flatnonzero(den.sum(axis=0) > 0)
        values = point(num[:, active], den[:, active])
        boot = resample(num[:, active], den[:, active], resamples, group_rng(seed, group))
        low, high = interval(boot, confidence)
        # documents behind each measure: a share from fewer than min_documents of them is never
        # called significant (a bootstrap over one or two documents gives a zero-width interval)
        behind = (den[:, active] > 0).sum(axis=0)
        samples[group] = (active, values, boot, behind)
        pooled = {columns[i][:2]: int(den[:, i].sum()) for i in active if columns[i][2] == "pairs"}
        for j, i in enumerate(active):
            actor, measure, basis = columns[i]
            rows.append(
                _row(
                    group,
                    actor,
                    measure,
                    basis,
                    values[j],
                    low[j],
                    high[j],
                    int(behind[j]),
                    pooled.get((actor, measure), 0),
                    # a share from too few documents is flagged as a small group's is
                    bool(small or behind[j] < min_documents),
                )
            )
        if not any(doc.spoken for doc in docs):
            not_available.append(group)
            for basis in BASES:
                rows.append(_row(group, ALL, SPEAKS, basis, None, None, None, len(docs), 0, small))
    differences = _differences(samples, columns, confidence, min_documents)
    return Comparison(
        by=by,
        resamples=resamples,
        seed=seed,
        min_documents=min_documents,
        confidence=confidence,
        groups=sizes,
        rows=rows,
        difference_rows=differences,
        read=read,
        skipped=skipped,
        names=names,
        speakers_not_available=not_available,
        warnings=warnings,
        models=dict(models),
        fields=list(fields),
    )


def _shown(items: Iterable[Any], progress: bool) -> Iterable[Any]:
    """``items``, with a progress bar on standard error when ``progress``."""
    if not progress:
        return items
    import sys

    from tqdm.auto import tqdm

    return tqdm(items, desc="compare", unit="doc", file=sys.stderr)


def _warnings(
    by: str,
    groups: dict[str, list[DocumentCounts]],
    fields: list[str],
    undated: list[str],
    models: Counter[str],
    resamples: int,
) -> list[str]:
    """What a reader of the comparison must know: a grouping field no document has; ``genre``
    (the predicted genre) where the documents also carry a metadata field ``genre``; dates a
    date cut cannot read; analyses of several models; too few resamples."""
    out = []
    if list(groups) == [MISSING]:
        documents = len(groups[MISSING])
        if (warning := missing_field_warning(by, fields, documents)) is not None:
            out.append(warning)
    if by == "genre" and "genre" in fields:
        out.append(
            "--by genre groups by the genre the model predicts (news or opinion); the documents "
            "also carry a metadata field 'genre': --by meta:genre groups by it"
        )
    if undated:
        out.append(
            f"{len(undated)} document(s) have a date that is not ISO (YYYY-MM-DD), e.g. "
            f"{undated[0]!r}: --by {by} cannot cut it, so they are in the group {MISSING}"
        )
    if len(models) > 1:
        made = "; ".join(f"{m}: {n}" for m, n in models.items())
        out.append(
            f"the analyses were made by {len(models)} models ({made}): a difference between "
            "groups may be a difference between models"
        )
    if resamples < MIN_RESAMPLES:
        out.append(
            f"{resamples} bootstrap resamples: intervals from fewer than {MIN_RESAMPLES} are "
            "rough, and significance with them is not to be trusted"
        )
    return out


def _num(value: Any) -> float | None:
    return None if value is None or np.isnan(value) else round(float(value), 6)


def _row(
    group: str,
    actor: str,
    measure: str,
    basis: str,
    value: Any,
    low: Any,
    high: Any,
    n_documents: int,
    n_pairs: int,
    small: bool,
) -> dict[str, Any]:
    return {
        "group": group, "actor": actor, "measure": measure, "basis": basis,
        "value": _num(value), "low": _num(low), "high": _num(high),
        "n_documents": n_documents, "n_pairs": n_pairs, "small": small,
    }  # fmt: skip


def _differences(
    samples: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]],
    columns: list[Key],
    confidence: float,
    min_documents: int,
) -> list[dict[str, Any]]:
    """Every pair of groups (in the groups' order): the difference of each measure both have,
    with the interval of the differences of their independent resamples. It is significant when
    the interval excludes 0 and each side's share rests on at least ``min_documents``
    documents."""
    rows: list[dict[str, Any]] = []
    for a, b in combinations(samples, 2):
        active_a, values_a, boot_a, behind_a = samples[a]
        active_b, values_b, boot_b, behind_b = samples[b]
        common, in_a, in_b = np.intersect1d(active_a, active_b, return_indices=True)
        if not len(common):
            continue
        diff = values_a[in_a] - values_b[in_b]
        low, high = interval(boot_a[:, in_a] - boot_b[:, in_b], confidence)
        for j, i in enumerate(common):
            actor, measure, basis = columns[i]
            n_a, n_b = int(behind_a[in_a[j]]), int(behind_b[in_b[j]])
            enough = min(n_a, n_b) >= min_documents
            significant = enough and bool(low[j] > 0 or high[j] < 0)
            rows.append({
                "group_a": a, "group_b": b, "actor": actor, "measure": measure, "basis": basis,
                "difference": _num(diff[j]), "low": _num(low[j]), "high": _num(high[j]),
                "significant": significant,
                "value_a": _num(values_a[in_a[j]]), "value_b": _num(values_b[in_b[j]]),
                "n_documents_a": n_a, "n_documents_b": n_b,
            })  # fmt: skip
    return rows
