"""The HTML report of a comparison (``report.html``): one self-contained page a person reads.

The page holds a header (grouping, groups, documents, resamples, seed, date of the run), then
the largest significant differences in words (as :meth:`~framing.comparison.Comparison.largest`
picks them) and drawn group against group (:func:`difference_chart`: each difference A − B as a
dot with its interval around a zero line, significant ones filled, the largest
:data:`DIFFERENCES_SHOWN` with the significant first, said so on the page); per actor its stance
shares per group with interval whiskers (pooled over sentence–actor pairs) and, beside it, a
table of the same shares per document; who speaks per group; the opinion, reported and frames'
shares per group; small groups flagged; and a footer counting the documents read, used and
skipped, with the settings.

Charts are inline SVG drawn here, so the page needs neither a network nor JavaScript; the
template (``templates/report.html``, with ``report.css``) is rendered with autoescaping on, so
no actor name or group taken from the analyses can become markup.

    >>> from framing.comparison.report import render_report
    >>> html = render_report(framing.compare("results.jsonl"))  # doctest: +SKIP
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from framing.comparison.measures import ALL, CAVEAT, SPEAKS
from framing.inference.report import template_environment
from framing.labels import FRAME_NAMES, FRAMES, STANCE_COLORS, STANCES

if TYPE_CHECKING:
    import jinja2

# a Comparison (framing.comparison.result), not imported: result.py's save imports this module
Comparison = Any

__all__ = [
    "DIFFERENCES_SHOWN",
    "Bar",
    "Chart",
    "DifferenceChart",
    "Whisker",
    "difference_chart",
    "render_report",
    "write_report",
]

# the stances in the order a reader scans them, and their colours (those of the document pages)
STANCE_ORDER = ("supportive", "critical", "neutral")
# a frame takes its stance's colour
COLORS = {
    **STANCE_COLORS,
    "opinion": "#e08214",
    "reported": "#5e3c99",
    "supportive_of_iran": STANCE_COLORS["supportive"],
    "critical_of_us": STANCE_COLORS["critical"],
    "neutral_reporting": STANCE_COLORS["neutral"],
}
MEASURE_NAMES = {
    "opinion": "opinion",
    "reported": "reported speech",
    **{frame: f"framed as {name}" for frame, name in FRAME_NAMES.items()},
}
SPEAKER_COLOR = "#4575b4"

# the chart's geometry in SVG units: a label column, the plot, a margin for the percentages
LABEL_WIDTH = 170
PLOT_WIDTH = 400
VALUE_WIDTH = 360
BAR_HEIGHT = 14
BAR_GAP = 4
GROUP_GAP = 12
AXIS_HEIGHT = 28
TICKS = (0.0, 0.25, 0.5, 0.75, 1.0)
# the group-against-group chart: how many differences it draws (a page of 20 rows reads; the
# rest are in differences.csv), its label column (group names and a measure in words), plot and
# the column of the difference in words
DIFFERENCES_SHOWN = 20
DIFF_LABEL_WIDTH = 360
DIFF_PLOT_WIDTH = 340
DIFF_VALUE_WIDTH = 170
DIFF_ROW = 20


@dataclass
class Bar:
    """One bar of a chart: a share and its interval, in SVG units (``x`` is the plot's left)."""

    label: str
    series: str
    color: str
    y: float
    width: float
    low: float | None
    high: float | None
    text: str
    title: str


@dataclass
class Chart:
    """A horizontal bar chart: groups as rows, one bar per series in each, a percentage axis."""

    title: str
    width: int
    height: int
    x: int
    plot: int
    bars: list[Bar] = field(default_factory=list)
    rows: list[tuple[str, float, bool]] = field(default_factory=list)  # label, y, small
    ticks: list[tuple[float, str]] = field(default_factory=list)
    axis_y: float = 0.0
    legend: list[tuple[str, str]] = field(default_factory=list)  # name, colour


@dataclass
class Whisker:
    """One difference of the group-against-group chart, in SVG units (``x`` the dot, ``low``
    and ``high`` the interval's ends, all from the plot's left; ``zero`` is at the middle)."""

    label: str
    y: float
    x: float
    low: float
    high: float
    significant: bool
    text: str
    title: str


@dataclass
class DifferenceChart:
    """Differences between pairs of groups as dots with interval lines around a zero line."""

    title: str
    width: int
    height: int
    x: int
    plot: int
    zero: float
    shown: int
    total: int
    rows: list[Whisker] = field(default_factory=list)
    ticks: list[tuple[float, str]] = field(default_factory=list)
    axis_y: float = 0.0


def points(value: float, sign: bool = True) -> str:
    """A difference of shares in percentage points: ``points(0.254) == '+25'``."""
    if round(value * 100) == 0:
        return "0"
    text = f"{value * 100:+.0f}" if sign else f"{value * 100:.0f}"
    return text.replace("-", "\u2212")  # a minus sign, not a hyphen


def _measure_words(result: Comparison, row: dict[str, Any]) -> str:
    measure, actor = row["measure"], row["actor"]
    if actor == ALL:
        return MEASURE_NAMES.get(measure, measure)
    if measure == SPEAKS:
        return f"{result._name(actor)} speaks"
    toward = "toward" if measure == "neutral" else "of"
    return f"{measure} {toward} {result._name(actor)}"


def _verdict(row: dict[str, Any], min_documents: int) -> str:
    """Why a difference is or is not significant, in words."""
    if row["significant"]:
        return "significant"
    fewest = min(row.get("n_documents_a", min_documents), row.get("n_documents_b", min_documents))
    if fewest < min_documents:
        return f"not significant: a side rests on {fewest} document(s), fewer than {min_documents}"
    return "not significant: the interval includes 0"


def _thin(row: dict[str, Any], min_documents: int) -> bool:
    return min(row.get("n_documents_a", 0), row.get("n_documents_b", 0)) < min_documents


def difference_chart(result: Comparison, limit: int = DIFFERENCES_SHOWN) -> DifferenceChart:
    """The group-against-group chart of ``result``: each pooled difference (group A − group B,
    on sentence–actor pairs or sentences) as a dot with its interval, labelled in words
    ("Press TV vs Reuters: critical of United States"); the ``limit`` largest are drawn: those
    between groups of at least ``min_documents`` documents first (as
    :meth:`~framing.comparison.Comparison.largest`), the significant ones (interval excluding 0)
    first, then by size.

    Example:
        >>> c = difference_chart(framing.compare("results.jsonl"))  # doctest: +SKIP
        >>> c.rows[0].label                                         # doctest: +SKIP
        'Press TV vs Reuters: critical of United States'
    """
    pooled = [r for r in result.difference_rows if r["basis"] == "pairs"]
    small = set(result.small_groups)
    least = result.min_documents
    pooled.sort(key=lambda r: (r["group_a"] in small or r["group_b"] in small,
                               not r["significant"], _thin(r, least), -abs(r["difference"]),
                               r["group_a"], r["group_b"], r["actor"], r["measure"]))  # fmt: skip
    chosen = pooled[:limit]
    reach = max(
        [abs(v) for r in chosen for v in (r["low"], r["high"], r["difference"]) if v is not None]
        or [0.0]
    )
    reach = min(1.0, max(0.25, -(-reach // 0.25) * 0.25))  # up to the next quarter
    half = DIFF_PLOT_WIDTH / 2

    def at(value: float) -> float:
        return round(half + value / reach * half, 2)

    out = DifferenceChart(
        f"Group against group: differences of shares, {len(chosen)} of {len(pooled)}",
        DIFF_LABEL_WIDTH + DIFF_PLOT_WIDTH + DIFF_VALUE_WIDTH,
        0,
        DIFF_LABEL_WIDTH,
        DIFF_PLOT_WIDTH,
        half,
        len(chosen),
        len(pooled),
    )
    y = float(AXIS_HEIGHT - 10)
    for row in chosen:
        label = f"{row['group_a']} vs {row['group_b']}: {_measure_words(result, row)}"
        # no interval (every resample undefined): the whisker shrinks to the dot
        low = row["difference"] if row["low"] is None else row["low"]
        high = row["difference"] if row["high"] is None else row["high"]
        text = f"{points(row['difference'])} [{points(low)}, {points(high)}]"
        verdict = _verdict(row, result.min_documents)
        out.rows.append(
            Whisker(
                label,
                y + DIFF_ROW / 2,
                at(row["difference"]),
                at(low),
                at(high),
                row["significant"],
                text,
                f"{label}: {percent(row['value_a'])} vs {percent(row['value_b'])}, difference "
                f"{text} percentage points ({verdict})",
            )
        )
        y += DIFF_ROW
    out.axis_y = y + 4
    out.ticks = [(at(t * reach), points(t * reach, sign=t != 0)) for t in (-1, -0.5, 0, 0.5, 1)]
    out.height = int(out.axis_y + AXIS_HEIGHT + 14)
    return out


def percent(value: float | None) -> str:
    """A share as a reader's percentage: ``percent(0.254) == '25%'``; None is "n/a"."""
    return "n/a" if value is None else f"{value * 100:.0f}%"


def interval_text(row: dict[str, Any] | None) -> str:
    """A row's share with its interval in words, e.g. ``'25% [10%–40%]'``."""
    if row is None or row.get("value") is None:
        return "not available"
    return f"{percent(row['value'])} [{percent(row['low'])}–{percent(row['high'])}]"


def chart(
    title: str,
    groups: list[str],
    series: list[tuple[str, str, str]],
    rows: dict[tuple[str, str], dict[str, Any]],
    small: set[str],
    min_documents: int = 0,
) -> Chart:
    """A chart of ``series`` (key, name, colour) per group from ``rows`` keyed (group, key); a
    group without a row for a series gets no bar (its row says "n/a"), and a share that rests on
    fewer than ``min_documents`` documents says how few."""
    x = LABEL_WIDTH
    out = Chart(title, LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH, 0, x, PLOT_WIDTH)
    out.legend = [(name, color) for _, name, color in series]
    y = float(AXIS_HEIGHT - 10)
    for group in groups:
        label = f"{group} (small)" if group in small else group
        out.rows.append((label, y + BAR_HEIGHT, group in small))
        for key, name, color in series:
            row = rows.get((group, key))
            value = None if row is None else row.get("value")
            if value is None:
                bar = Bar(name, key, color, y, 0.0, None, None, "n/a", f"{group}, {name}: n/a")
            else:
                words = interval_text(row)
                if row["n_documents"] < min_documents:
                    few = row["n_documents"]
                    words += f", {few} document{'s' if few != 1 else ''} only"
                bar = Bar(
                    name,
                    key,
                    color,
                    y,
                    round(value * PLOT_WIDTH, 2),
                    round((value if row["low"] is None else row["low"]) * PLOT_WIDTH, 2),
                    round((value if row["high"] is None else row["high"]) * PLOT_WIDTH, 2),
                    words,
                    f"{group}, {name}: {words} ({row['n_documents']} documents)",
                )
            out.bars.append(bar)
            y += BAR_HEIGHT + BAR_GAP
        y += GROUP_GAP
    out.axis_y = y
    out.ticks = [(round(t * PLOT_WIDTH, 2), percent(t)) for t in TICKS]
    out.height = int(y + AXIS_HEIGHT)
    return out


def _index(result: Comparison) -> dict[tuple[str, str, str, str], dict[str, Any]]:
    return {(r["group"], r["actor"], r["measure"], r["basis"]): r for r in result.rows}


def _context(result: Comparison, created: str | None) -> dict[str, Any]:
    rows = _index(result)
    groups = list(result.groups)
    small = set(result.small_groups)
    name = result._name
    # the actors most talked about first: their sentence-actor pairs over every group
    talked: dict[str, int] = {}
    for r in result.rows:
        if r["actor"] != ALL and r["measure"] == STANCES[0] and r["basis"] == "pairs":
            talked[r["actor"]] = talked.get(r["actor"], 0) + r["n_pairs"]
    actors = sorted(talked, key=lambda a: (-talked[a], name(a).lower()))
    stance_series = [(s, s, COLORS[s]) for s in STANCE_ORDER]
    per_actor = []
    for actor in actors:
        pairs = {(g, s): rows[g, actor, s, "pairs"] for g in groups for s in STANCES
                 if (g, actor, s, "pairs") in rows}  # fmt: skip
        table = [
            (g, g in small, [interval_text(rows.get((g, actor, s, "documents")))
                             for s in STANCE_ORDER])
            for g in groups
        ]  # fmt: skip
        per_actor.append({
            "name": name(actor),
            "chart": chart(f"Stance toward {name(actor)}, share of sentence–actor pairs",
                           groups, stance_series, pairs, small, result.min_documents),
            "documents": table,
        })  # fmt: skip
    group_series = [(m, MEASURE_NAMES[m], COLORS[m]) for m in ("opinion", "reported", *FRAMES)]
    group_rows = {(g, m): rows[g, ALL, m, "pairs"] for g in groups for m, _, _ in group_series
                  if (g, ALL, m, "pairs") in rows}  # fmt: skip
    speakers = sorted(
        {r["actor"] for r in result.rows if r["measure"] == SPEAKS and r["actor"] != ALL},
        key=lambda a: name(a).lower(),
    )
    speaks = [
        (g, g in small, g in result.speakers_not_available,
         [interval_text(rows.get((g, s, SPEAKS, "pairs"))) for s in speakers])
        for g in groups
    ]  # fmt: skip
    level = round(result.confidence * 100)
    return {
        "by": result.by,
        "groups": [(g, n, g in small) for g, n in result.groups.items()],
        "documents": sum(result.groups.values()),
        "settings": result.settings(),
        "counts": result.counts(),
        "skipped": result.skipped,
        "warnings": result.warnings,
        "models": list(result.models),
        "caveat": CAVEAT,
        "level": level,
        "created": created or datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "actors": per_actor,
        "stances": STANCE_ORDER,
        "group_chart": chart(
            "Opinion, reported speech and frames, share of sentences",
            groups,
            group_series,
            group_rows,
            small,
        ),
        "speakers": [name(s) for s in speakers],
        "speaks": speaks,
        "differences": [result.describe(r) for r in result.largest()],
        "difference_chart": difference_chart(result),
        "min_documents": result.min_documents,
        "small": [(g, result.groups[g]) for g in result.small_groups],
    }


@functools.cache
def _templates() -> jinja2.Environment:
    """The templates beside this module (:func:`~framing.inference.report.template_environment`)."""
    return template_environment("framing.comparison")


def render_report(result: Comparison, created: str | None = None) -> str:
    """The self-contained HTML page of ``result``.

    Args:
        result: a comparison (:func:`~framing.comparison.compare`).
        created: the date shown as the run's (default: now, ISO 8601 with the time zone).

    Example:
        >>> page = render_report(framing.compare("results.jsonl", by="outlet"))  # doctest: +SKIP
        >>> "<svg" in page                                                       # doctest: +SKIP
        True
    """
    return _templates().get_template("report.html").render(**_context(result, created))


def write_report(result: Comparison, path: str | Path, created: str | None = None) -> Path:
    """Write :func:`render_report` of ``result`` to ``path`` (UTF-8); the path.

    Raises:
        OSError: the file cannot be written.
    """
    out = Path(path)
    out.write_text(render_report(result, created), encoding="utf-8")
    return out
