"""The result of a comparison: the tidy tables, a markdown summary in words, and ``save``.

Files :meth:`Comparison.save` writes into a folder:

- ``comparison.csv`` (and ``.parquet`` when pyarrow is installed): one row per group, actor,
  measure and basis, columns :data:`TABLE_COLUMNS`;
- ``differences.csv`` (and ``.parquet``): one row per pair of groups, actor, measure and basis,
  columns :data:`DIFFERENCE_COLUMNS`;
- ``summary.md``: the largest significant differences in words, the counts, the small groups;
- ``comparison.json``: everything, with the settings;
- ``report.html``: the self-contained page a person reads (:mod:`~framing.comparison.report`),
  unless ``save(..., report=False)``.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from framing.comparison.measures import ALL, CAVEAT, SPEAKS
from framing.labels import FRAME_NAMES, STANCES

__all__ = ["DIFFERENCE_COLUMNS", "OUTPUT_FILES", "TABLE_COLUMNS", "Comparison"]

# the files save writes: a folder holding comparison.json is a comparison's output, and these
# files in it are never read as analyses or articles
OUTPUT_FILES = (
    "comparison.csv", "comparison.parquet", "differences.csv", "differences.parquet",
    "summary.md", "comparison.json", "report.html",
)  # fmt: skip

TABLE_COLUMNS = (
    "group", "actor", "measure", "basis", "value", "low", "high", "n_documents", "n_pairs", "small",
)  # fmt: skip
DIFFERENCE_COLUMNS = (
    "group_a", "group_b", "actor", "measure", "basis", "difference", "low", "high", "significant",
    "value_a", "value_b", "n_documents_a", "n_documents_b",
)  # fmt: skip


@dataclass
class Comparison:
    """Groups of documents compared (see :func:`~framing.comparison.compare`).

    ``rows`` and ``difference_rows`` are lists of dicts (:data:`TABLE_COLUMNS`,
    :data:`DIFFERENCE_COLUMNS`); :attr:`table` and :attr:`differences` give them as pandas
    DataFrames when pandas is installed. A value is None where it is not available (who speaks,
    for a group none of whose documents names a speaker).

    Example:
        >>> result = framing.compare("results.jsonl", by="outlet")  # doctest: +SKIP
        >>> result.save("comparison/")                              # doctest: +SKIP
    """

    by: str
    resamples: int
    seed: int
    min_documents: int
    confidence: float
    groups: dict[str, int]
    rows: list[dict[str, Any]]
    difference_rows: list[dict[str, Any]]
    read: int
    skipped: list[str] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    speakers_not_available: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    models: dict[str, int] = field(default_factory=dict)  # "family (source)" -> documents
    fields: list[str] = field(default_factory=list)  # the metadata fields the documents have

    @property
    def used(self) -> int:
        return self.read - len(self.skipped)

    @property
    def small_groups(self) -> list[str]:
        return [g for g, n in self.groups.items() if n < self.min_documents]

    @property
    def table(self) -> Any:
        """The measures: a pandas DataFrame when pandas is installed, else :attr:`rows`."""
        return _frame(self.rows, TABLE_COLUMNS)

    @property
    def differences(self) -> Any:
        """The differences: a pandas DataFrame when pandas is installed, else the row dicts."""
        return _frame(self.difference_rows, DIFFERENCE_COLUMNS)

    def settings(self) -> dict[str, Any]:
        keys = ("by", "resamples", "seed", "min_documents", "confidence")
        return {key: getattr(self, key) for key in keys}

    def counts(self) -> dict[str, int]:
        return {"read": self.read, "used": self.used, "skipped": len(self.skipped)}

    def to_dict(self) -> dict[str, Any]:
        return {
            "settings": self.settings(),
            "counts": self.counts(),
            "groups": [
                {"group": g, "documents": n, "small": n < self.min_documents}
                for g, n in self.groups.items()
            ],
            "skipped": list(self.skipped),
            "warnings": list(self.warnings),
            "speakers_not_available": list(self.speakers_not_available),
            "models": dict(self.models),
            "actors": dict(self.names),
            "table": self.rows,
            "differences": self.difference_rows,
        }

    def _name(self, actor: str) -> str:
        return self.names.get(actor, actor.replace("_", " "))

    def describe(self, row: dict[str, Any]) -> str:
        """A significant difference in words, the larger group first."""
        a, b, va, vb = row["group_a"], row["group_b"], row["value_a"], row["value_b"]
        diff, low, high = row["difference"], row["low"], row["high"]
        if diff < 0:
            a, b, va, vb, diff, low, high = b, a, vb, va, -diff, -high, -low
        measure, actor = row["measure"], row["actor"]
        if actor == ALL:
            unit = "of sentences" if row["basis"] == "pairs" else "per document"
            what = (
                f"sentences framed as {FRAME_NAMES[measure]}"
                if measure in FRAME_NAMES
                else (f"{measure} sentences")
            )
            claim = f"{a} has a larger share of {what} than {b}"
        elif measure == SPEAKS:
            unit = "of reported sentences" if row["basis"] == "pairs" else "per document"
            claim = f"{self._name(actor)} speaks more in {a} than in {b}"
        else:
            unit = "of pairs" if row["basis"] == "pairs" else "per document"
            toward = "toward" if measure == "neutral" else "of"
            claim = f"{a} is more {measure} {toward} {self._name(actor)} than {b}"
        small = [g for g in (a, b) if g in self.small_groups]
        note = f" (small: {' and '.join(small)})" if small else ""
        return (
            f"{claim}: {va:.2f} vs {vb:.2f} {unit}, difference {diff:.2f} "
            f"[{low:.2f}, {high:.2f}]{note}"
        )

    def largest(self, top: int = 10) -> list[dict[str, Any]]:
        """The ``top`` largest significant differences, one per pair of groups and measure (the
        pooled basis where it is significant, else the per-document one) and, of the stance
        shares toward an actor, the largest only; those between groups of at least
        ``min_documents`` documents first."""
        chosen: dict[tuple[str, ...], dict[str, Any]] = {}
        for row in self.difference_rows:
            if row["significant"]:
                key = (row["group_a"], row["group_b"], row["actor"], row["measure"])
                if key not in chosen or row["basis"] == "pairs":
                    chosen[key] = row
        small = set(self.small_groups)
        ranked = sorted(
            chosen.values(),
            key=lambda r: (
                r["group_a"] in small or r["group_b"] in small,
                -abs(r["difference"]),
                r["group_a"],
                r["group_b"],
                r["actor"],
                r["measure"],
            ),
        )
        # the three stance shares toward an actor add up to one: "A is more neutral toward Iran"
        # is mostly "B is more supportive of it" said again, so one per pair and actor is listed
        told: set[tuple[str, str, str]] = set()
        out = []
        for row in ranked:
            if row["actor"] != ALL and row["measure"] in STANCES:
                pair = (row["group_a"], row["group_b"], row["actor"])
                if pair in told:
                    continue
                told.add(pair)
            out.append(row)
        return out[:top]

    def to_markdown(self, top: int = 10) -> str:
        """A short summary: the ``top`` largest significant differences in words, the counts of
        documents read, used and skipped, and the small groups."""
        level = round(self.confidence * 100)
        lines = [f"# Comparison by {self.by}", ""]
        groups = ", ".join(f"{g} ({n})" for g, n in self.groups.items())
        lines += [f"Groups (documents): {groups or 'none'}.", ""]
        if self.models:
            lines += [f"Analysed by: {', '.join(self.models)}. {CAVEAT}", ""]
        if self.warnings:
            lines += [*(f"Warning: {w}" for w in self.warnings), ""]
        significant = self.largest(top)
        lines += [f"## Largest significant differences ({level}% intervals)", ""]
        if significant:
            lines += [f"- {self.describe(r)}" for r in significant]
        elif len(self.groups) < 2:
            only = ", ".join(self.groups) or "none"
            lines.append(f"Only one group ({only}): nothing to compare.")
        else:
            lines.append(
                "No difference between groups is significant (an interval that excludes 0, each "
                f"side's share from at least {self.min_documents} documents)."
            )
        counts = self.counts()
        lines += ["", "## Documents", ""]
        lines.append(
            f"{counts['read']} read, {counts['used']} used, {counts['skipped']} skipped "
            f"({self.resamples} bootstrap resamples of documents, seed {self.seed})."
        )
        lines += [f"- skipped {where}" for where in self.skipped[:20]]
        if len(self.skipped) > 20:
            lines.append(f"- ... and {len(self.skipped) - 20} more (comparison.json lists all)")
        if self.small_groups:
            small = ", ".join(f"{g} ({self.groups[g]})" for g in self.small_groups)
            lines += ["", f"Small groups (fewer than {self.min_documents} documents): {small}."]
        if self.speakers_not_available:
            gone = ", ".join(self.speakers_not_available)
            lines += ["", f"Who speaks is not available for: {gone} (no speaker predicted)."]
        return "\n".join(lines) + "\n"

    def save(self, directory: str | Path, report: bool = True) -> list[Path]:
        """Write the tables, the summary, the JSON and (``report``) the HTML report into
        ``directory`` (made if missing); the paths written. Parquet is written only when pyarrow
        is installed; without ``report``, an earlier run's ``report.html`` there is removed.

        Raises:
            OSError: the folder or a file cannot be written.
        """
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        written = [
            _write_csv(out / "comparison.csv", self.rows, TABLE_COLUMNS),
            _write_csv(out / "differences.csv", self.difference_rows, DIFFERENCE_COLUMNS),
        ]
        for name, rows, columns in (
            ("comparison", self.rows, TABLE_COLUMNS),
            ("differences", self.difference_rows, DIFFERENCE_COLUMNS),
        ):
            path = _write_parquet(out / f"{name}.parquet", rows, columns)
            if path:
                written.append(path)
        summary = out / "summary.md"
        summary.write_text(self.to_markdown(), encoding="utf-8")
        data = out / "comparison.json"
        data.write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=1) + "\n", "utf-8")
        written += [summary, data]
        if report:
            from framing.comparison.report import write_report  # the report imports this module

            written.append(write_report(self, out / "report.html"))
        elif (out / "report.html").is_file():  # an earlier run's page would contradict this one
            (out / "report.html").unlink()
        return written


def _frame(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> Any:
    try:
        import pandas as pd
    except ImportError:
        return rows
    return pd.DataFrame(rows, columns=list(columns))


def _write_csv(path: Path, rows: list[dict[str, Any]], columns: tuple[str, ...]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns))
        writer.writeheader()
        writer.writerows(rows)
    return path


def _write_parquet(path: Path, rows: list[dict[str, Any]], columns: tuple[str, ...]) -> Path | None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:  # an optional format: the CSV holds the same table
        return None
    table = pa.Table.from_pylist(rows, schema=_schema(pa, columns))
    pq.write_table(table, path)
    return path


def _schema(pa: Any, columns: tuple[str, ...]) -> Any:
    types = {
        "value": pa.float64(), "low": pa.float64(), "high": pa.float64(),
        "difference": pa.float64(), "value_a": pa.float64(), "value_b": pa.float64(),
        "n_documents": pa.int64(), "n_pairs": pa.int64(),
        "n_documents_a": pa.int64(), "n_documents_b": pa.int64(),
        "small": pa.bool_(), "significant": pa.bool_(),
    }  # fmt: skip
    return pa.schema([(name, types.get(name, pa.string())) for name in columns])
