"""Self-contained HTML reports of document analyses: one file per document, and an index.

The page shows the document's metadata (title, outlet, date, author, a link to its URL) where
known, then the article in its own layout (paragraphs, line breaks, the headline as a heading),
sentence by sentence, tinted by mode (opinion or news), with every actor mention marked by the
stance the sentence takes toward it; hovering (or focusing) a sentence shows its probabilities.
Beside it: the document genre with its score, a per-actor stance chart (inline SVG drawn here:
stacked shares on a 0-100% axis, each share and the sentence count labelled), a legend, on
request what cleaning removed, and a footer with the model's card: what it was trained on, its
held-out scores and its weakest class. No external file, font or script is loaded, and nothing
needs JavaScript.

The pages are Jinja templates beside this module (``templates/document.html`` and
``index.html``, with ``report.css``), rendered with autoescaping on, so that no text of an
article can become markup; this module builds the data they show. Pages are named from the
document's title (``iran-iraq-sign-border-pact.html``), unique within their folder.

    >>> from framing.inference.report import render_document, page_name
    >>> html = render_document(doc, title="004")  # doctest: +SKIP
    >>> page_name("Iran, Iraq sign border pact", taken=set())
    'iran-iraq-sign-border-pact.html'
"""

from __future__ import annotations

import contextlib
import functools
import json
import math
import os
import re
import secrets
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from framing.inference.results import DocumentAnalysis, MentionAnalysis, SentenceAnalysis
from framing.labels import FRAME_NAMES, STANCE_COLORS
from framing.text.metadata import DocumentMeta

if TYPE_CHECKING:
    import jinja2

__all__ = [
    "HTML_PAGE",
    "IndexEntry",
    "ReportWriter",
    "model_card",
    "page_name",
    "page_title",
    "render_document",
    "render_index",
    "write_reports",
]

# the pages a ReportWriter writes into its folder: index.html and slugs of the documents'
# titles (lower-case ASCII letters, digits and hyphens), e.g. iran-iraq-sign-border-pact.html;
# output_check refuses an input of this shape inside the output folder
HTML_PAGE = re.compile(r"[a-z0-9][a-z0-9-]*\.html")
# a page name's stem is cut to this many characters (before a -2, -3, ... suffix)
SLUG_LENGTH = 60

# the stances in the chart's order (left to right) and the axis's ticks, in percent
CHART_STANCES = ("supportive", "neutral", "critical")
CHART_TICKS = (0, 25, 50, 75, 100)
# the chart's geometry in pixels: label column, bar width, row height; a share's percentage is
# written inside its bar when the bar is at least LABEL_MIN wide (its <title> always has it)
CHART = {"left": 170, "width": 400, "right": 110, "row": 28, "bar": 18, "top": 8, "axis": 24}
LABEL_MIN = 30


def in_words(name: str) -> str:
    """An internal label for people: ``supportive_of_iran`` → ``supportive of Iran``.

    >>> in_words("critical_of_us")
    'critical of the US'
    """
    return FRAME_NAMES.get(name) or name.replace("_", " ")


def _paragraphs(doc: DocumentAnalysis, views: list[dict]) -> list[dict]:
    """The sentences laid out as the text was: a blank line starts a paragraph, a single line
    break is kept; the first sentence is the headline when a line break follows it. Each
    paragraph is ``{"headline": bool, "lines": [[view, ...], ...]}``."""
    text = doc.text
    paragraphs: list[dict] = []
    previous = None
    for view in views:
        s = view["sentence"]
        gap = "" if text is None or previous is None else text[previous.end : s.start]
        if not paragraphs or re.search(r"\n[^\S\n]*\n", gap):
            paragraphs.append({"headline": False, "lines": [[view]]})
        elif "\n" in gap:
            paragraphs[-1]["lines"].append([view])
        else:
            paragraphs[-1]["lines"][-1].append(view)
        previous = s
    if text is not None and len(views) > 1:
        first = views[0]["sentence"]
        lead = paragraphs[0]["lines"]
        if not text[: first.start].strip() and len(lead[0]) == 1:
            paragraphs[0] = {"headline": True, "lines": [lead[0]]}
            if len(lead) > 1:
                paragraphs.insert(1, {"headline": False, "lines": lead[1:]})
    return paragraphs


def _chart(actors: dict[str, dict]) -> dict:
    """The per-actor stance chart's geometry: one row per actor (in the analysis's order), a
    stacked bar per share (width = share of the axis), the axis's ticks and the SVG's size."""
    c = CHART
    rows = []
    for i, entry in enumerate(actors.values()):
        y = c["top"] + i * c["row"]
        x = float(c["left"])
        bars = []
        for stance in CHART_STANCES:
            share = float(entry["shares"].get(stance, 0.0))
            width = share * c["width"]
            if width > 0:
                percent = f"{round(100 * share)}%"
                bars.append(
                    {
                        "stance": stance,
                        "x": round(x, 2),
                        "width": round(width, 2),
                        "percent": percent,
                        "label": width >= LABEL_MIN,
                        "title": f"{entry['name']}: {stance} {percent} "
                        f"({entry['counts'].get(stance, 0)} of {entry['sentences']} sentences)",
                    }
                )
            x += width
        n = entry["sentences"]
        rows.append(
            {"name": entry["name"], "y": y, "bars": bars,
             "count": f"{n} sentence{'' if n == 1 else 's'}"}
        )  # fmt: skip
    axis_y = c["top"] + len(rows) * c["row"]
    ticks = [{"x": c["left"] + t / 100 * c["width"], "label": f"{t}%"} for t in CHART_TICKS]
    return {
        "rows": rows,
        "ticks": ticks,
        "axis_y": axis_y,
        "height": axis_y + c["axis"],
        "width": c["left"] + c["width"] + c["right"],
        "geometry": c,
    }


def _score(entry: dict | None) -> str | None:
    if not entry:
        return None
    value, ci = entry.get("value"), entry.get("ci")
    if not isinstance(value, int | float) or not math.isfinite(value):
        return None
    if isinstance(ci, list) and len(ci) == 2:
        return f"{value:.2f} (95% CI {ci[0]:.2f}–{ci[1]:.2f})"
    return f"{value:.2f}"


@functools.cache
def _card_of(folder: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(line) for line in _card_lines(Path(folder)))


def _card_lines(folder: Path) -> list[list[str]]:
    try:
        metrics = json.loads((folder / "metrics.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(metrics, dict):
        return []
    try:
        settings = json.loads((folder / "framing.json").read_text(encoding="utf-8"))
        encoder = settings.get("params", {}).get("encoder")
    except (OSError, ValueError, AttributeError):
        encoder = None
    lines: list[list[str]] = []
    family = str(metrics.get("model", {}).get("family", ""))
    data = metrics.get("data", {})
    trained = f"{data.get('sentences', '?')} sentences ({data.get('mentions', '?')} actor "
    trained += f"mentions) of {len(data.get('documents', []))} articles of the framing "
    trained += f"{data.get('source', 'corpus')}"
    public = [
        f"{p.get('sentences', '?')} sentences of {p.get('benchmark', '?')}"
        for p in data.get("public", [])
        if isinstance(p, dict)
    ]
    if public:
        trained += ", and " + ", ".join(public)
    model = f"Model: {family}" + (f" on {encoder}" if encoder else "")
    lines.append(["model", model + f"; trained on {trained}."])
    test = metrics.get("heldout", {}).get("test", {})
    tasks = test.get("tasks", {}) if isinstance(test, dict) else {}
    scores = []
    for task in ("stance", "mode", "reported"):
        result = tasks.get(task, {}).get(family, {})
        macro = _score(result.get("macro_f1"))
        if macro:
            scores.append(f"{task} macro-F1 {macro}")
    if scores:
        where = f"the framing {test.get('source', 'corpus')}'s held-out test split "
        where += f"({test.get('sentences', '?')} sentences, {len(test.get('documents', []))} "
        where += "articles never used in training or tuning)"
        lines.append(["scores", "Held-out scores: " + "; ".join(scores) + f", on {where}."])
    per_class = tasks.get("stance", {}).get(family, {}).get("per_class", {})
    f1 = {k: v["f1"] for k, v in per_class.items() if isinstance(v, dict) and "f1" in v}
    if f1:
        weakest = min(f1, key=f1.__getitem__)
        lines.append(
            ["weakness", f"Known weakness: {weakest} stance is the weakest class "
             f"(held-out F1 {f1[weakest]:.2f}); read its labels with the most care."]
        )  # fmt: skip
    return lines


def model_card(model: dict[str, str] | None, folder: str | Path | None = None) -> list[str]:
    """The model's card in a few sentences for a page's footer: what it was trained on, its
    held-out scores and its weakest stance class, read from the model folder's ``metrics.json``
    (and ``framing.json``); a line saying nothing is known when the folder has none.

    Args:
        model: the analysis's ``model`` (``{"family": ..., "source": ...}``); its source names
            the folder when ``folder`` is not given (``bundled``, or a local folder).
        folder: the model folder, when known.

    >>> model_card({"family": "finetune_onnx", "source": "bundled"})[1][:16]
    'Held-out scores:'
    """
    if folder is None:
        from framing.models.loading import BUNDLED_NAMES

        source = (model or {}).get("source") or ""
        folder = BUNDLED_NAMES.get(source) or (Path(source) if source else None)
    lines = [text for _, text in _card_of(str(folder))] if folder else []
    if folder and not Path(folder).is_dir():
        lines = []
    return lines or [
        "Nothing is known of this model's training data or held-out scores (no metrics.json "
        "in its folder): treat its labels as unvalidated."
    ]


def page_title(doc: DocumentAnalysis, ident: str | None, number: int) -> str:
    """A page's title: the document's title, else the file name of its id, else
    ``Document N`` (N from 1).

    >>> page_title(doc, "corpus/004.txt", 0)  # doctest: +SKIP
    '004.txt'
    """
    if doc.meta.title and doc.meta.title.strip():
        return doc.meta.title.strip()
    name = Path(ident).name if ident and ident != "-" else ""
    return name or f"Document {number + 1}"


def page_name(title: str, taken: set[str]) -> str:
    """A safe, unique file name for a page from its title: lower-case ASCII letters, digits and
    hyphens, at most SLUG_LENGTH characters, ``-2``, ``-3``, ... on a collision with ``taken``
    (which should hold ``index.html``); ``document`` when nothing of the title is left.

    >>> page_name("Iran & Iraq: sign border pact!", {"iran-iraq-sign-border-pact.html"})
    'iran-iraq-sign-border-pact-2.html'
    """
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:SLUG_LENGTH].strip("-")
    stem = stem or "document"
    name, n = f"{stem}.html", 1
    while name in taken or name == "index.html":
        n += 1
        name = f"{stem}-{n}.html"
    return name


def template_environment(package: str) -> jinja2.Environment:
    """The Jinja templates of ``package``'s ``templates`` folder, autoescaped (no text of an
    analysis ever becomes markup), strict about undefined names; every HTML report's settings."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader(package, "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@functools.cache
def _templates() -> jinja2.Environment:
    """The templates beside this module."""
    env = template_environment("framing.inference")
    # |tojson keeps the analysis's own order (actors by mentions: the chart's order) and text
    env.policies["json.dumps_kwargs"] = {"sort_keys": False, "ensure_ascii": False}
    return env


def _tip(s: SentenceAnalysis, names: dict[str, str]) -> list[str]:
    """The lines shown when hovering a sentence: its probabilities, speaker, mentions (actors by
    their lexicon name) and frames (in words)."""
    mode = ", ".join(f"{k} {v:.2f}" for k, v in s.mode_probabilities.items())
    lines = [
        f"mode: {s.mode} ({mode})",
        f"reported: {'yes' if s.reported else 'no'} ({s.reported_probability:.2f})",
    ]
    if s.speaker is not None:
        lines.append(f"speaker: {s.speaker}")
    for m in s.mentions:
        probs = ", ".join(f"{k} {v:.2f}" for k, v in m.probabilities.items())
        lines.append(f"{m.text} → {names.get(m.actor, m.actor)}: {m.stance} ({probs})")
    frames = [in_words(f) for f, on in s.frames.items() if on]
    lines.append("frames: " + (", ".join(frames) if frames else "none"))
    return lines


def _pieces(s: SentenceAnalysis) -> list[tuple[str, MentionAnalysis | None]]:
    """The sentence text cut at its mentions (offsets in the clean sentence): (text, mention)
    pairs, the mention None between mentions; of overlapping mentions the first is marked."""
    pieces: list[tuple[str, MentionAnalysis | None]] = []
    pos = 0
    for m in sorted(s.mentions, key=lambda m: m.sentence_start):
        if m.sentence_start < pos:
            continue
        pieces.append((s.text[pos : m.sentence_start], None))
        pieces.append((s.text[m.sentence_start : m.sentence_end], m))
        pos = m.sentence_end
    pieces.append((s.text[pos:], None))
    return pieces


def _link(url: str | None) -> str | None:
    """A URL the page may link to: http(s) only, so that a ``javascript:`` URL from a page's
    metadata never becomes a link."""
    return url if url and re.match(r"https?://", url, re.IGNORECASE) else None


def render_document(
    doc: DocumentAnalysis,
    *,
    title: str = "framing report",
    show_removed: bool = False,
    model_folder: str | Path | None = None,
) -> str:
    """One self-contained HTML page for a document analysis (``templates/document.html``).

    Args:
        doc: the analysis.
        title: the page's title and heading (:func:`page_title` gives the usual one).
        show_removed: list what cleaning removed.
        model_folder: the model's folder, for the footer's card; by default the one the
            analysis's ``model["source"]`` names (see :func:`model_card`).

    >>> page = render_document(framing.load().analyze("Iran welcomed the pact."))  # doctest: +SKIP
    """
    names = {a: str(e.get("name", a)) for a, e in doc.actors.items()}
    views = [{"sentence": s, "pieces": _pieces(s), "tip": _tip(s, names)} for s in doc.sentences]
    return (
        _templates()
        .get_template("document.html")
        .render(
            title=title,
            doc=doc,
            sentences=views,
            paragraphs=_paragraphs(doc, views),
            names=names,
            chart=_chart(doc.actors),
            card=model_card(doc.model, model_folder),
            dominant=", ".join(map(in_words, doc.dominant_frames)) or "none",
            family=doc.model.get("family", ""),
            colors=STANCE_COLORS,
            removed=doc.removed if show_removed else None,
            meta=doc.meta,
            link=_link(doc.meta.url),
            data=doc.to_dict(),
        )
    )


@dataclass(frozen=True)
class IndexEntry:
    """A row of the index: the page's title and file, and what the index shows of it."""

    title: str
    file: str
    genre: str
    sentences: int
    dominant_frames: tuple[str, ...]
    meta: DocumentMeta = field(default_factory=DocumentMeta)

    @classmethod
    def of(cls, title: str, file: str, doc: DocumentAnalysis) -> IndexEntry:
        frames = tuple(map(in_words, doc.dominant_frames))
        return cls(title, file, doc.genre, len(doc.sentences), frames, doc.meta)


def render_index(entries: Sequence[IndexEntry]) -> str:
    """An index page: one row per document page (``templates/index.html``)."""
    return _templates().get_template("index.html").render(entries=entries)


class ReportWriter:
    """Pages written as documents come, each named from its title (:func:`page_name`, unique in
    this run), and ``index.html``, rewritten at every :meth:`flush` so that an interrupted run
    still has an index of what was written.

    Each page is written to a new temporary file in the folder, then renamed over its name: a
    page is whole or absent, and a file or link already at its name is replaced, never written
    through (a hard or symbolic link to another file leaves that file as it was)."""

    def __init__(self, directory: str | Path, *, show_removed: bool = False) -> None:
        self.directory = Path(directory)
        self.show_removed = show_removed
        self.entries: list[IndexEntry] = []
        self.directory.mkdir(parents=True, exist_ok=True)

    def _put(self, name: str, text: str) -> Path:
        path = self.directory / name
        data = text.encode("utf-8")
        while True:
            temporary = self.directory / f".{name}.{secrets.token_hex(4)}.tmp"
            try:
                fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            except FileExistsError:
                continue
            break
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
        return path

    def write(self, ident: str | None, doc: DocumentAnalysis) -> Path:
        """Write the page of one document; ``ident`` (its input's path or id) titles it when
        the document has no title of its own (:func:`page_title`)."""
        title = page_title(doc, ident, len(self.entries))
        name = page_name(title, {e.file for e in self.entries})
        page = render_document(doc, title=title, show_removed=self.show_removed)
        path = self._put(name, page)
        self.entries.append(IndexEntry.of(title, name, doc))
        return path

    def flush(self) -> None:
        self._put("index.html", render_index(self.entries))

    def close(self) -> None:
        self.flush()


def write_reports(
    entries: Sequence[tuple[str, DocumentAnalysis]],
    directory: str | Path,
    *,
    show_removed: bool = False,
) -> list[Path]:
    """Write one page per (id, analysis) and ``index.html`` into ``directory``; a page is titled
    by the document's title, else the file name of its id (:func:`page_title`)."""
    writer = ReportWriter(directory, show_removed=show_removed)
    written = [writer.write(title, doc) for title, doc in entries]
    writer.close()
    return written
