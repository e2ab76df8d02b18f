"""Self-contained HTML reports of document analyses: one file per document, and an index.

The page shows the document's metadata (title, outlet, date, author, a link to its URL) where
known, then the article sentence by sentence, tinted by mode (opinion or news), with every
actor mention marked by the stance the sentence takes toward it; hovering (or focusing) a
sentence shows its probabilities. Beside it: the document genre with its score, a per-actor
stance bar chart (drawn by a small inline script from the embedded analysis, as SVG), a legend
and, on request, what cleaning removed. No external file, font or script is loaded.

The pages are Jinja templates beside this module (``templates/document.html`` and
``index.html``, with ``report.css`` and ``chart.js``), rendered with autoescaping on, so that no
text of an article can become markup; this module builds the data they show.

    >>> from framing.inference.report import render_document
    >>> html = render_document(doc, title="004")  # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from framing.inference.results import DocumentAnalysis, MentionAnalysis, SentenceAnalysis
from framing.text.metadata import DocumentMeta

if TYPE_CHECKING:
    import jinja2

__all__ = [
    "HTML_PAGE",
    "IndexEntry",
    "ReportWriter",
    "render_document",
    "render_index",
    "write_reports",
]

# the pages a ReportWriter writes into its folder: index.html and 00000.html, 00001.html, ...
HTML_PAGE = re.compile(r"index\.html|\d{5,}\.html")

COLORS = {"supportive": "#1a9850", "critical": "#d73027", "neutral": "#8c8c8c"}


@functools.cache
def _templates() -> jinja2.Environment:
    """The templates beside this module, autoescaped: article text never becomes markup."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("framing.inference", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # |tojson keeps the analysis's own order (actors by mentions: the chart's order) and text
    env.policies["json.dumps_kwargs"] = {"sort_keys": False, "ensure_ascii": False}
    return env


def _tip(s: SentenceAnalysis) -> list[str]:
    """The lines shown when hovering a sentence: its probabilities, speaker, mentions and
    frames."""
    mode = ", ".join(f"{k} {v:.2f}" for k, v in s.mode_probabilities.items())
    lines = [
        f"mode: {s.mode} ({mode})",
        f"reported: {'yes' if s.reported else 'no'} ({s.reported_probability:.2f})",
    ]
    if s.speaker is not None:
        lines.append(f"speaker: {s.speaker}")
    for m in s.mentions:
        probs = ", ".join(f"{k} {v:.2f}" for k, v in m.probabilities.items())
        lines.append(f"{m.text} → {m.actor}: {m.stance} ({probs})")
    frames = [f for f, on in s.frames.items() if on]
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
    doc: DocumentAnalysis, *, title: str = "framing report", show_removed: bool = False
) -> str:
    """One self-contained HTML page for a document analysis (``templates/document.html``)."""
    return (
        _templates()
        .get_template("document.html")
        .render(
            title=title,
            doc=doc,
            sentences=[
                {"sentence": s, "pieces": _pieces(s), "tip": _tip(s)} for s in doc.sentences
            ],
            dominant=", ".join(doc.dominant_frames) or "none",
            family=doc.model.get("family", ""),
            colors=COLORS,
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
        return cls(title, file, doc.genre, len(doc.sentences), tuple(doc.dominant_frames), doc.meta)


def render_index(entries: Sequence[IndexEntry]) -> str:
    """An index page: one row per document page (``templates/index.html``)."""
    return _templates().get_template("index.html").render(entries=entries)


class ReportWriter:
    """Pages written as documents come (``00000.html``, ...), and ``index.html``, rewritten at
    every :meth:`flush` so that an interrupted run still has an index of what was written.

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

    def write(self, title: str, doc: DocumentAnalysis) -> Path:
        name = f"{len(self.entries):05d}.html"
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
    """Write one page per (title, analysis) and ``index.html`` into ``directory``."""
    writer = ReportWriter(directory, show_removed=show_removed)
    written = [writer.write(title, doc) for title, doc in entries]
    writer.close()
    return written
