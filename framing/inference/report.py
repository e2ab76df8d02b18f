"""Self-contained HTML reports of document analyses: one file per document, and an index.

The page shows the article sentence by sentence, tinted by mode (opinion or news), with every
actor mention marked by the stance the sentence takes toward it; hovering (or focusing) a
sentence shows its probabilities. Beside it: the document genre with its score, a per-actor
stance bar chart (drawn by a small inline script from the embedded analysis, as SVG), a legend
and, on request, what cleaning removed. No external file, font or script is loaded.

    >>> from framing.inference.report import render_document
    >>> html = render_document(doc, title="004")  # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from framing.inference.results import DocumentAnalysis

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

STYLE = """
body{font:16px/1.6 Georgia,serif;margin:0;color:#222;background:#fafafa}
header,main,aside,footer{max-width:60rem;margin:0 auto;padding:0 1rem}
h1{font-size:1.4rem;margin:1rem 0 .3rem}
.genre{display:inline-block;padding:.1rem .5rem;border-radius:.3rem;background:#eee;
 font:14px sans-serif}
.genre.opinion{background:#fde0c5}
.legend{font:13px sans-serif;margin:.6rem 0;display:flex;flex-wrap:wrap;gap:.8rem}
.legend span{display:inline-flex;align-items:center;gap:.3rem}
.sw{width:1rem;height:1rem;display:inline-block;border-radius:.2rem}
article{background:#fff;padding:1rem 1.2rem;border:1px solid #ddd;border-radius:.4rem}
.s{position:relative;padding:.05rem 0;border-radius:.2rem;outline:none}
.s.opinion{background:#fde0c5}
.s.reported{text-decoration:underline dotted #777}
.s:hover,.s:focus{background:#dbe9f6}
.m{border-bottom:3px solid;padding:0 .05rem;background:transparent}
.m.supportive{border-color:#1a9850}.m.critical{border-color:#d73027}.m.neutral{border-color:#8c8c8c}
.tip{display:none;position:absolute;left:0;top:1.6em;z-index:5;min-width:16rem;background:#222;
 color:#fff;font:12px/1.4 sans-serif;padding:.4rem .6rem;border-radius:.3rem;white-space:normal}
.s:hover>.tip,.s:focus>.tip{display:block}
#chart svg{font:12px sans-serif}
.removed{font:13px sans-serif;color:#555}
.removed li{margin:.2rem 0}.kind{display:inline-block;min-width:7rem;color:#999}
.warn{background:#fff3cd;border:1px solid #e0c36a;padding:.4rem .8rem;border-radius:.3rem}
"""

# draws the per-actor bar chart from the embedded analysis; reports success (or the error) on
# <body data-rendered=...> so a headless browser can check it
SCRIPT = """
(function(){
 try{
  var data=JSON.parse(document.getElementById('analysis').textContent);
  var colors=%(colors)s, labels=['supportive','neutral','critical'];
  var actors=Object.keys(data.actors), ns='http://www.w3.org/2000/svg';
  var row=26, left=230, width=420, svg=document.createElementNS(ns,'svg');
  svg.setAttribute('width',left+width+60); svg.setAttribute('height',row*actors.length+10);
  svg.setAttribute('role','img'); svg.setAttribute('aria-label','stance toward each actor');
  actors.forEach(function(a,i){
   var entry=data.actors[a], x=left, y=i*row+4;
   var t=document.createElementNS(ns,'text'); t.setAttribute('x',0); t.setAttribute('y',y+14);
   t.textContent=entry.name+' ('+entry.sentences+')'; svg.appendChild(t);
   labels.forEach(function(l){
    var w=entry.shares[l]*width; if(!w){return;}
    var r=document.createElementNS(ns,'rect'); r.setAttribute('x',x); r.setAttribute('y',y);
    r.setAttribute('width',w); r.setAttribute('height',row-8); r.setAttribute('fill',colors[l]);
    r.setAttribute('class','bar '+l);
    var title=document.createElementNS(ns,'title');
    title.textContent=entry.name+': '+l+' '+entry.counts[l]+' of '+entry.sentences;
    r.appendChild(title); svg.appendChild(r); x+=w;
   });
  });
  var chart=document.getElementById('chart');
  if(!actors.length){chart.textContent='No actor of the lexicon is mentioned.';}
  else{chart.appendChild(svg);}
  document.body.setAttribute('data-rendered','ok');
 }catch(e){document.body.setAttribute('data-rendered','error: '+e.message);}
})();
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _tip(s) -> str:
    mode = ", ".join(f"{k} {v:.2f}" for k, v in s.mode_probabilities.items())
    lines = [
        f"mode: {s.mode} ({mode})",
        f"reported: {'yes' if s.reported else 'no'} ({s.reported_probability:.2f})",
    ]
    for m in s.mentions:
        probs = ", ".join(f"{k} {v:.2f}" for k, v in m.probabilities.items())
        lines.append(f"{m.text} → {m.actor}: {m.stance} ({probs})")
    frames = [f for f, on in s.frames.items() if on]
    lines.append("frames: " + (", ".join(frames) if frames else "none"))
    return "<br>".join(_e(line) for line in lines)


def _sentence_html(s) -> str:
    """The sentence text with its mentions marked at their offsets in the clean sentence."""
    parts, pos = [], 0
    for m in sorted(s.mentions, key=lambda m: m.sentence_start):
        if m.sentence_start < pos:  # overlapping spans: the first one is marked
            continue
        parts.append(_e(s.text[pos : m.sentence_start]))
        parts.append(
            f'<mark class="m {m.stance}" data-actor="{_e(m.actor)}" '
            f'title="{_e(m.actor)}: {m.stance}">{_e(s.text[m.sentence_start : m.sentence_end])}'
            "</mark>"
        )
        pos = m.sentence_end
    parts.append(_e(s.text[pos:]))
    classes = " ".join(["s", s.mode, "reported" if s.reported else ""]).strip()
    return (
        f'<span class="{classes}" tabindex="0" data-index="{s.index}" data-start="{s.start}" '
        f'data-end="{s.end}">{"".join(parts)}<span class="tip" role="tooltip">{_tip(s)}</span>'
        "</span>"
    )


def _legend() -> str:
    items = [
        '<span><i class="sw" style="background:#fde0c5"></i>opinion sentence</span>',
        '<span><i class="sw" style="background:#fff;border:1px solid #ccc"></i>'
        "news sentence</span>",
        '<span style="text-decoration:underline dotted #777">reported</span>',
    ]
    items += [
        f'<span><i class="sw" style="background:{c}"></i>{label} toward the marked actor</span>'
        for label, c in COLORS.items()
    ]
    return '<div class="legend" id="legend">' + "".join(items) + "</div>"


def render_document(
    doc: DocumentAnalysis, *, title: str = "framing report", show_removed: bool = False
) -> str:
    """One self-contained HTML page for a document analysis."""
    paragraphs = " ".join(_sentence_html(s) for s in doc.sentences)
    warnings = "".join(f'<p class="warn">{_e(w)}</p>' for w in doc.warnings)
    dominant = ", ".join(doc.dominant_frames) or "none"
    removed = ""
    if show_removed:
        items = "".join(
            f'<li><span class="kind">{_e(r["kind"])}</span>{_e(r.get("text", ""))}</li>'
            for r in doc.removed
        )
        removed = (
            f'<aside class="removed"><h2>Removed by cleaning ({len(doc.removed)})</h2>'
            f"<ul>{items}</ul></aside>"
        )
    # inside <script>, "<", ">" and "&" as JSON escapes: no text can end or comment out the block
    data = (
        json.dumps(doc.to_dict(), ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )
    script = SCRIPT % {"colors": json.dumps(COLORS)}
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(title)}</title><style>{STYLE}</style></head>
<body data-rendered="no">
<header><h1>{_e(title)}</h1>
<p><span class="genre {doc.genre}" id="genre">{doc.genre}
 (opinion share {doc.genre_score:.2f})</span>
 &middot; {len(doc.sentences)} sentences &middot; dominant frames: {_e(dominant)}
 &middot; model: {_e(doc.model.get("family", ""))}</p>
{_legend()}{warnings}</header>
<main><article id="article">{paragraphs or "<p>(no sentences)</p>"}</article>
<h2>Stance toward each actor</h2><div id="chart"></div></main>
{removed}
<footer><p class="removed">Made by framing: labels are a model's reading of the text, not
judgements about people.</p></footer>
<script type="application/json" id="analysis">{data}</script>
<script>{script}</script>
</body></html>
"""


@dataclass(frozen=True)
class IndexEntry:
    """A row of the index: the page's title and file, and what the index shows of it."""

    title: str
    file: str
    genre: str
    sentences: int
    dominant_frames: tuple[str, ...]

    @classmethod
    def of(cls, title: str, file: str, doc: DocumentAnalysis) -> IndexEntry:
        return cls(title, file, doc.genre, len(doc.sentences), tuple(doc.dominant_frames))


def render_index(entries: Sequence[IndexEntry]) -> str:
    """An index page: one row per document page."""
    rows = "".join(
        f'<tr><td><a href="{_e(e.file)}">{_e(e.title)}</a></td><td>{e.genre}</td>'
        f"<td>{e.sentences}</td><td>{_e(', '.join(e.dominant_frames) or '–')}</td></tr>"
        for e in entries
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>framing reports</title>
<style>{STYLE} table{{border-collapse:collapse;font:14px sans-serif}}
td,th{{border-bottom:1px solid #ddd;padding:.3rem .6rem;text-align:left}}</style></head>
<body><main><h1>framing reports ({len(entries)})</h1>
<table><tr><th>document</th><th>genre</th><th>sentences</th><th>dominant frames</th></tr>
{rows}</table></main></body></html>
"""


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
