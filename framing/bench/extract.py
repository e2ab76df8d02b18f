"""``python -m framing.bench extract``: the HTML main-text extractors compared on news pages.

There are no stored pages (the corpus keeps the articles' text, and most pages' terms forbid
redistributing them), so the pages are built here, at run time and never saved: the text of each
corpus article, unit by annotated unit, wrapped in page templates of the shapes news sites use
(:data:`TEMPLATES`: a WordPress theme, a news CMS with JSON-LD and a sidebar, and a bare page of
``<div>`` and ``<br>``). A unit the annotation keeps (``keep=true``: the article's content) is a
paragraph (the first, when it is a headline, the ``<h1>``); a unit it drops is placed where it
was, in the element its kind calls for (a caption in a ``<figcaption>``, a byline in a byline
box, a related link in an ``<aside>``, ...); each template adds chrome of its own (navigation,
cookie banner, share buttons, newsletter box, related headlines, comments, footer) and metadata
(OpenGraph, JSON-LD or only ``<title>``).

Per extractor the table gives, over the pages: the recall of the kept units (share of their
characters whose unit is found whole in the output), the precision of the output (share of its
characters that are kept units), the share of dropped units (captions, bylines, credits,
related links, ...; repeated ``duplicate`` units left out) and of the template's chrome strings
found in it, pages with no text, each metadata field recovered, and pages per second. Only the
``train`` and ``dev`` articles are used: the test split is never used to choose anything.

    >>> result = run_extract(limit=10)         # doctest: +SKIP
    >>> print(format_extract(result))          # doctest: +SKIP
"""

from __future__ import annotations

import html
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from framing.text.html import (
    ExtractionError,
    Extractor,
    ReadabilityExtractor,
    TrafilaturaExtractor,
    extract,
)
from framing.text.metadata import META_FIELDS

__all__ = ["EXTRACTORS", "TEMPLATES", "Article", "articles", "format_extract", "run_extract"]

# the extractors compared, by the name shown in the table
EXTRACTORS: dict[str, Callable[[], Extractor]] = {
    "trafilatura": TrafilaturaExtractor,  # the package's default: favouring precision
    "trafilatura-balanced": lambda: TrafilaturaExtractor(favor=None),
    "trafilatura-recall": lambda: TrafilaturaExtractor(favor="recall"),
    "readability": ReadabilityExtractor,
}
# the byline every template writes (the corpus records no authors)
AUTHOR = "Dana Example"


@dataclass
class Article:
    """A corpus article as annotated units, with what its page's metadata should read."""

    doc_id: str
    units: list[tuple[str, bool, str | None]]  # text, kept, kind of a dropped unit
    outlet: str
    date: str  # YYYY-MM-DD
    url: str
    title: str


@dataclass
class Template:
    """A page shape: builds the page of an article, and names its own chrome strings."""

    name: str
    build: Callable[[Article], str]
    chrome: tuple[str, ...] = field(default=())
    meta: tuple[str, ...] = META_FIELDS  # the metadata fields the page holds


def articles(
    corpus: Path | None = None, splits: Iterable[str] = ("train", "dev"), limit: int | None = None
) -> list[Article]:
    """The corpus articles of ``splits`` (never ``test`` by default), with their units.

    Raises:
        ValueError: ``test`` among the splits (held out: it chooses nothing).
    """
    from framing.data.corpus import corpus_dir
    from framing.data.jsonl import read_jsonl

    splits = tuple(splits)
    if "test" in splits:
        raise ValueError("the test split is held out: compare extractors on train and dev")
    root = corpus or corpus_dir()
    split_of = json.loads((root / "splits.json").read_text(encoding="utf-8"))
    docs = {row["doc_id"]: row for row in read_jsonl(root / "documents.jsonl")}
    labels = {row["id"]: row for row in read_jsonl(root / "annotation" / "adjudicated.jsonl")}
    units: dict[str, list[tuple[str, bool, str | None]]] = {}
    for row in read_jsonl(root / "annotation" / "units.jsonl"):
        label = labels[row["id"]]
        units.setdefault(row["doc_id"], []).append((row["text"], label["keep"], label["kind"]))
    out = []
    for doc_id in sorted(units):
        if split_of.get(doc_id) not in splits:
            continue
        doc = docs[doc_id]
        first = units[doc_id][0][0]
        title = doc.get("title") or first
        date = doc.get("date") or "2025-01"
        date = date + "-15" if len(date) == 7 else date  # the corpus records months
        out.append(
            Article(doc_id, units[doc_id], doc["outlet"], date[:10], doc.get("url") or "", title)
        )
    return out[:limit] if limit else out


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _is_headline(text: str) -> bool:
    return len(text) < 200 and not text.rstrip().endswith((".", "?", "!", '"', "”"))


def _unit(text: str, kept: bool, kind: str | None, paragraph: str = "<p>{}</p>") -> str:
    """A unit in the element its role calls for."""
    t = _e(text)
    if kept:
        return paragraph.format(t)
    return {
        "caption": '<figure><img src="/img/photo.jpg" alt="">'
        f"<figcaption>{t}</figcaption></figure>",
        "credit": f'<p class="credit"><small>{t}</small></p>',
        "byline": f'<div class="author-box">{t}</div>',
        "related": f'<aside class="inline-related"><a href="/more">{t}</a></aside>',
        "metadata": f'<div class="article-meta">{t}</div>',
        "label": f'<span class="kicker">{t}</span>',
        "duplicate": f'<blockquote class="pullquote">{t}</blockquote>',
    }.get(kind or "", f'<div class="widget">{t}</div>')


def _body(
    article: Article,
    paragraph: str = "<p>{}</p>",
    heading: str = "<h1>{}</h1>",
    inline: str = "",
) -> str:
    """The article's units in order; ``inline`` (an ad slot, a newsletter box) after the third
    paragraph, where news sites put it."""
    parts = []
    for i, (text, kept, kind) in enumerate(article.units):
        if i == 0 and kept and _is_headline(text):
            parts.append(heading.format(_e(text)))
        else:
            parts.append(_unit(text, kept, kind, paragraph))
        if i == 3 and inline:
            parts.append(inline)
    return "\n".join(parts)


WP_CHROME = (
    "Skip to content",
    "Leave a Reply Cancel reply",
    "This comment is spam, it should not appear in the text.",
    "Share this: Click to share on X",
    "Related Posts from the same category",
    "Proudly powered by a content management system",
    "Recent Comments Archives Categories",
)


def _wordpress(a: Article) -> str:
    """A WordPress theme: OpenGraph metadata, entry header with byline, share buttons, related
    posts, comments and footer widgets."""
    c = WP_CHROME
    return f"""<!DOCTYPE html><html lang="en-US"><head><meta charset="UTF-8">
<title>{_e(a.title)} &#8211; {_e(a.outlet)}</title>
<meta property="og:type" content="article"><meta property="og:title" content="{_e(a.title)}">
<meta property="og:site_name" content="{_e(a.outlet)}">
<meta property="og:url" content="{_e(a.url)}">
<meta property="article:published_time" content="{a.date}T07:12:00+00:00">
<meta name="author" content="{AUTHOR}"><link rel="canonical" href="{_e(a.url)}">
<link rel="stylesheet" href="/wp-content/themes/x/style.css">
<script src="/wp-includes/js/jquery.js"></script>
</head><body class="post-template-default single single-post">
<a class="skip-link screen-reader-text" href="#content">{c[0]}</a>
<header id="masthead" class="site-header"><p class="site-title"><a href="/">{_e(a.outlet)}</a></p>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu"><li>
<a href="/">Home</a></li><li><a href="/category/politics">Politics</a></li><li>
<a href="/category/world">World</a></li><li><a href="/about">About</a></li></ul></nav></header>
<div id="content" class="site-content"><div id="primary" class="content-area">
<main id="main" class="site-main">
<article id="post-1" class="post-1 post type-post status-publish">
<header class="entry-header"><div class="entry-meta"><span class="posted-on">
<time class="entry-date published" datetime="{a.date}T07:12:00+00:00">{a.date}</time>
</span> <span class="byline">by <span class="author vcard">
<a class="url fn n" href="/author/x">{AUTHOR}</a></span></span></div></header>
<div class="entry-content">
{_body(a, heading='<h1 class="entry-title">{}</h1>')}
</div>
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">{c[3]}</h3><ul><li>
<a href="#">Facebook</a></li><li><a href="#">WhatsApp</a></li></ul></div>
<div class="jp-relatedposts"><h3>{c[4]}</h3><ul><li>
<a href="/p/2">Markets steady as talks drag on</a></li><li>
<a href="/p/3">Weekend weather outlook</a></li></ul></div>
</article>
<div id="comments" class="comments-area"><ol class="comment-list"><li class="comment">
<div class="comment-content"><p>{c[2]}</p></div></li></ol>
<div id="respond" class="comment-respond">
<h3 id="reply-title" class="comment-reply-title">{c[1]}</h3><form><textarea name="comment">
</textarea></form></div></div>
</main></div>
<aside id="secondary" class="widget-area"><section class="widget">
<h2 class="widget-title">{c[6]}</h2></section></aside></div>
<footer id="colophon" class="site-footer"><div class="site-info">{c[5]}</div></footer>
</body></html>"""


CMS_CHROME = (
    "We use cookies to improve your experience. Accept all",
    "Most read this week",
    "Sign up for our morning briefing newsletter",
    "Share on Facebook Share on X Copy link",
    "Follow us on our social channels",
    "Terms of use Privacy policy Contact the newsroom",
    "Oil exporters meet as prices slide again",
    "Breaking: markets open lower across the region",
    "Advertisement - scroll to continue with the story",
    "Get the daily briefing in your inbox every morning",
)


def _news_cms(a: Article) -> str:
    """A news CMS: JSON-LD NewsArticle metadata only, cookie banner, breaking-news ticker,
    breadcrumb, byline box, share bar, sidebar of most-read headlines, newsletter box, footer."""
    c = CMS_CHROME
    ld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": a.title,
            "datePublished": f"{a.date}T10:30:00Z",
            "author": [{"@type": "Person", "name": AUTHOR}],
            "publisher": {"@type": "Organization", "name": a.outlet},
            "mainEntityOfPage": a.url,
        },
        ensure_ascii=False,
    ).replace("</", "<\\/")
    inline = (
        f'<div class="ad-slot"><span>{c[8]}</span></div>'
        f'<div class="inline-newsletter"><p>{c[9]}</p><button>Sign up</button></div>'
    )
    return f"""<!doctype html><html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width"><title>{_e(a.title)} | {_e(a.outlet)}</title>
<script type="application/ld+json">{ld}</script>
<script>var analytics = {{"section": "world"}};</script><style>.hidden{{display:none}}</style>
</head><body>
<div id="cookie-consent" class="consent-banner"><p>{c[0]}</p><button>OK</button></div>
<div class="ticker">{c[7]}</div>
<header class="site-header"><a class="logo" href="/">{_e(a.outlet)}</a>
<nav class="nav-primary">
<a href="/news">News</a> <a href="/region">Region</a>
<a href="/opinion">Opinion</a> <a href="/video">Video</a></nav></header>
<ol class="breadcrumb"><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ol>
<div class="layout"><div class="col-main"><article class="story">
<div class="story-body">
{_body(a, heading='<h1 class="story-headline">{}</h1>', inline=inline)}
</div>
<div class="byline-box"><img src="/a.png" alt=""><span class="name">{AUTHOR}</span>
<span class="role">Correspondent</span></div>
<div class="share-bar">{c[3]}</div>
</article></div>
<aside class="col-side"><h3>{c[1]}</h3><ol><li><a href="/1">{c[6]}</a></li><li>
<a href="/2">Ministers gather for summit</a></li></ol>
<div class="newsletter"><p>{c[2]}</p><input type="email"></div></aside></div>
<footer><p>{c[4]}</p><p>{c[5]}</p><p>&copy; {a.date[:4]} {_e(a.outlet)}</p></footer>
</body></html>"""


BARE_CHROME = (
    "Home | Archive | Contact",
    "Print this page Email this page",
    "Copyright notice: all material on this site",
)


def _bare(a: Article) -> str:
    """An old-style page: tables and ``<div>``s, paragraphs as ``<br><br>`` runs, no article
    element; metadata only in ``<title>`` and a ``date`` meta tag."""
    c = BARE_CHROME
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{_e(a.title)} - {_e(a.outlet)}</title><meta name="date" content="{a.date}"></head>
<body><table width="100%"><tr><td class="top">{c[0]}</td></tr></table>
<div id="main"><div class="text">
{_body(a, paragraph="{}<br><br>", heading="<b>{}</b><br><br>")}
</div><div class="tools">{c[1]}</div></div>
<div class="foot">{c[2]}</div></body></html>"""


TEMPLATES = (
    Template("wordpress", _wordpress, WP_CHROME),
    Template("news-cms", _news_cms, CMS_CHROME),
    Template("bare", _bare, BARE_CHROME, ("outlet", "date", "title")),
)


def _norm(text: str) -> str:
    return " ".join(text.split())


def _score(article: Article, template: Template, output: str | None) -> dict[str, float]:
    """Characters of kept units found, of output, dropped units and chrome strings found."""
    out = _norm(output or "")
    kept = [_norm(t) for t, k, _ in article.units if k]
    dropped = [_norm(t) for t, k, kind in article.units if not k and kind != "duplicate"]
    found = sum(len(t) for t in kept if t and t in out)
    return {
        "kept_chars": sum(map(len, kept)),
        "kept_found": found,
        "output_chars": len(out),
        "dropped": len(dropped),
        "dropped_found": sum(1 for t in dropped if t and t in out),
        "chrome": len(template.chrome),
        "chrome_found": sum(1 for t in template.chrome if t in out),
    }


def run_extract(
    extractors: Iterable[str] | None = None,
    templates: Iterable[str] | None = None,
    *,
    corpus: Path | None = None,
    splits: Iterable[str] = ("train", "dev"),
    limit: int | None = None,
) -> dict[str, Any]:
    """Extract every page of every template with every extractor, and score it.

    Args:
        extractors: names of :data:`EXTRACTORS` (default: all).
        templates: names of :data:`TEMPLATES` (default: all).
        corpus: the corpus folder (default: the checkout's ``training/corpus``).
        splits: the splits of the articles (``test`` refused).
        limit: the first articles only.

    Returns:
        ``{"pages": n, "articles": n, "splits": [...], "results": {extractor: {metric: value,
        "templates": {template: {metric: value}}}}}``.

    Raises:
        ValueError: an unknown extractor or template name, or the test split.
    """
    names = list(extractors or EXTRACTORS)
    shapes = [t for t in TEMPLATES if templates is None or t.name in set(templates)]
    unknown = set(names) - set(EXTRACTORS) | set(templates or ()) - {t.name for t in TEMPLATES}
    if unknown:
        raise ValueError(f"unknown extractor or template {sorted(unknown)}")
    chosen = articles(corpus, splits, limit)
    pages = [(a, t, t.build(a)) for t in shapes for a in chosen]
    results: dict[str, Any] = {}
    for name in names:
        extractor = EXTRACTORS[name]()
        per_template: dict[str, dict[str, float]] = {}
        if pages:  # imports and first-call set-up are not timed
            extract(pages[0][2], extractor=extractor)
        started = time.perf_counter()
        for article, template, page in pages:
            try:
                got = extract(page, extractor=extractor)
                text, meta, failed = got.text, got.meta.to_dict(), 0
            except ExtractionError:
                text, meta, failed = None, {}, 1
            row = _score(article, template, text)
            row["failed"] = failed
            gold = {
                "outlet": article.outlet,
                "date": article.date,
                "url": article.url or None,
                "title": article.title,
                "author": AUTHOR,
            }
            for f in template.meta:
                if gold[f] is not None:
                    row[f"{f}_total"] = 1
                    row[f"{f}_found"] = int(_norm(meta.get(f) or "") == _norm(gold[f]))
            sums = per_template.setdefault(template.name, {})
            for key, value in row.items():
                sums[key] = sums.get(key, 0) + value
            sums["pages"] = sums.get("pages", 0) + 1
        seconds = time.perf_counter() - started
        total: dict[str, float] = {}
        for sums in per_template.values():
            for key, value in sums.items():
                total[key] = total.get(key, 0) + value
        results[name] = {
            **_rates(total),
            "pages_per_second": len(pages) / seconds if seconds else 0.0,
            "templates": {t: _rates(s) for t, s in per_template.items()},
        }
    return {
        "pages": len(pages),
        "articles": len(chosen),
        "splits": list(splits),
        "templates": [t.name for t in shapes],
        "results": results,
    }


def _rates(s: dict[str, float]) -> dict[str, float | None]:
    out: dict[str, float | None] = {
        "recall": s["kept_found"] / s["kept_chars"] if s["kept_chars"] else 0.0,
        "precision": s["kept_found"] / s["output_chars"] if s["output_chars"] else 0.0,
        "dropped_leaked": s["dropped_found"] / s["dropped"] if s["dropped"] else 0.0,
        "chrome_leaked": s["chrome_found"] / s["chrome"] if s["chrome"] else 0.0,
        "failed": s["failed"] / s["pages"],
    }
    for f in META_FIELDS:  # None: no page of the template holds the field
        total = s.get(f"{f}_total", 0)
        out[f] = s.get(f"{f}_found", 0) / total if total else None
    return out


def format_extract(result: dict[str, Any]) -> str:
    """The comparison as a Markdown table: one row per extractor, then per template. The
    metadata columns are the same for every extractor: one reader (trafilatura's) gives them."""
    head = (
        "| extractor | template | recall | precision | dropped leaked | chrome leaked | no text "
        "| " + " | ".join(META_FIELDS) + " | pages/s |"
    )
    lines = [
        f"{result['pages']} pages: {result['articles']} corpus articles "
        f"({', '.join(result['splits'])}) x {len(result['templates'])} templates",
        "",
        head,
        "|" + "---|" * (head.count("|") - 1),
    ]

    def row(name: str, template: str, r: dict[str, Any], speed: str) -> str:
        cells = [r["recall"], r["precision"], r["dropped_leaked"], r["chrome_leaked"], r["failed"]]
        cells += [r[f] for f in META_FIELDS]
        shown = ["–" if c is None else f"{c:.3f}" for c in cells]
        return f"| {name} | {template} | " + " | ".join(shown) + f" | {speed} |"

    for name, r in result["results"].items():
        lines.append(row(name, "all", r, f"{r['pages_per_second']:.1f}"))
    for name, r in result["results"].items():
        for template, t in r["templates"].items():
            lines.append(row(name, template, t, ""))
    return "\n".join(lines)
