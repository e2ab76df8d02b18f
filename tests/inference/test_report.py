"""The HTML report: the page as an HTML parser reads it (fast), and as a real browser renders it
(headless Chromium, Debian package ``chromium``; slow), SVG chart included.

Without a browser the browser tests skip, unless ``FRAMING_REQUIRE_BROWSER=1`` (set by
``.ci/run``, which installs Chromium) makes a missing browser a failure.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import framing
from framing.inference.cli import main
from framing.inference.report import in_words, model_card, page_name, render_document, write_reports


def headless(browser: str, page: Path, *flags: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
            *flags,
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def rendered_dom(browser: str, text: str, page: Path) -> str:
    """The DOM of the report of ``text`` after the browser ran its script."""
    page.write_text(render_document(framing.load().analyze(text)), encoding="utf-8")
    return headless(browser, page, "--dump-dom").stdout


class Page(HTMLParser):
    """A page as an HTML parser tokenises it (the content of <script> is raw text to its end
    tag, as in a browser): its elements, the text of its scripts, its comments."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, Any]]] = []
        self.scripts: list[str] = []
        self.comments: list[str] = []
        self.text: list[str] = []
        self._script: list[str] | None = None
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag == "script":
            self._script = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None

    def handle_data(self, data: str) -> None:
        (self._script if self._script is not None else self.text).append(data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    def count(self, tag: str, cls: str) -> int:
        """Elements ``tag`` whose class list starts with ``cls``."""
        return sum(t == tag and (a.get("class") or "").startswith(cls) for t, a in self.elements)


@pytest.fixture(scope="module")
def seed_doc(seeds: dict[str, str]) -> framing.DocumentAnalysis:
    return framing.load().analyze(seeds["004_752f75b7abd63032.txt"])


def test_the_page_holds_every_sentence_mention_and_the_analysis(
    seed_doc: framing.DocumentAnalysis,
) -> None:
    page = Page(render_document(seed_doc, title="004", show_removed=True))
    assert page.count("span", "s ") == len(seed_doc.sentences)
    assert page.count("span", "tip") == len(seed_doc.sentences)
    marked = [m for s in seed_doc.sentences for m in s.mentions]
    assert page.count("mark", "m ") == len(marked) > 0
    text = "".join(page.text)
    assert f"mode: {seed_doc.sentences[0].mode}" in text
    assert f"Removed by cleaning ({len(seed_doc.removed)})" in text
    assert ("div", {"class": "legend", "id": "legend"}) in page.elements
    # the analysis embedded whole and in its own order; the chart is SVG, no script draws it
    (data,) = page.scripts
    assert json.loads(data) == seed_doc.to_dict()
    assert list(json.loads(data)["actors"]) == list(seed_doc.actors)
    assert page.count("svg", "") == 1 and not page.comments


@pytest.mark.parametrize(
    "evil",
    [
        "Iran said \"<script>document.body.dataset.rendered='pwned'</script>\" </script> ok.",
        "Iran said <!--<script> and </script><!-- would not stop the talks with Iraq.",
        "Iraq's <b onmouseover=\"alert(1)\">envoy</b> & Iran's <img src=x onerror=alert(1)>.",
    ],
)
def test_text_cannot_inject_markup_into_the_page(evil: str) -> None:
    doc = framing.load().analyze(evil)
    page = Page(render_document(doc, title=evil, show_removed=True))
    tags = {tag for tag, _ in page.elements}
    assert tags <= {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "p",
                    "span", "i", "div", "main", "article", "mark", "aside", "ul", "li", "footer",
                    "script", "br", "svg", "line", "text", "g", "rect"}  # fmt: skip
    assert page.count("script", "") == 1 and not page.comments
    assert all(not any(k.startswith("on") for k in attrs) for _, attrs in page.elements)
    # the text is shown as text, and the embedded analysis reads back whole
    text = "".join(page.text)
    assert text.count(evil) >= 2  # the title and the heading
    assert doc.sentences and all(s.text in text for s in doc.sentences)
    assert json.loads(page.scripts[0]) == doc.to_dict()


@pytest.mark.slow  # a browser of its own per page
def test_the_browser_renders_the_report(
    browser: str, seed_doc: framing.DocumentAnalysis, tmp_path: Path
) -> None:
    page = tmp_path / "004.html"
    page.write_text(render_document(seed_doc, title="004", show_removed=True), encoding="utf-8")
    shot = tmp_path / "004.png"
    result = headless(browser, page, "--window-size=1100,1600", f"--screenshot={shot}")
    assert shot.stat().st_size > 20_000  # a real picture, not a blank page
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "Uncaught" not in result.stderr, result.stderr  # no script error in the console
    rendered = headless(browser, page, "--dump-dom")
    assert "Uncaught" not in rendered.stderr, rendered.stderr
    dom = rendered.stdout
    assert "<svg" in dom  # the chart, drawn without a script
    # every sentence and every mention is on the page, with its probabilities to hover
    assert len(re.findall(r'<span class="s (?:news|opinion)', dom)) == len(seed_doc.sentences)
    marked = [m for s in seed_doc.sentences for m in s.mentions]
    assert len(re.findall(r'<mark class="m ', dom)) == len(marked)
    assert dom.count('class="tip"') == len(seed_doc.sentences)
    first = seed_doc.sentences[0]
    assert f"mode: {first.mode}" in html.unescape(dom)
    # the chart: one bar per actor and stance with a non-zero share
    bars = sum(1 for a in seed_doc.actors.values() for share in a["shares"].values() if share)
    assert len(re.findall(r'<rect[^>]*class="bar ', dom)) == bars > 0
    assert f'id="genre">{seed_doc.genre}' in dom
    assert f"Removed by cleaning ({len(seed_doc.removed)})" in dom
    assert 'id="legend"' in dom


@pytest.mark.slow  # a browser of its own per page
def test_an_empty_document_still_renders(browser: str, tmp_path: Path) -> None:
    dom = rendered_dom(browser, "", tmp_path / "empty.html")
    assert "<svg" not in dom and "(no sentences)" in dom
    assert "No actor of the lexicon is mentioned." in dom


@pytest.mark.slow  # a browser of its own per page
def test_text_cannot_inject_markup(browser: str, tmp_path: Path) -> None:
    evil = "Iran said \"<script>document.body.dataset.rendered='pwned'</script>\" </script> ok."
    dom = rendered_dom(browser, evil, tmp_path / "evil.html")
    assert "<svg" in dom and re.search(r"<body[^>]*>", dom).group(0) == "<body>"  # no script ran


def test_batch_reports_have_an_index(seeds: dict[str, str], tmp_path: Path) -> None:
    analyzer = framing.load()
    entries = [(name, analyzer.analyze(text)) for name, text in sorted(seeds.items())]
    pages = write_reports(entries, tmp_path / "out")
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert [p.name for p in pages] == [page_name(n, set()) for n, _ in entries]
    for (name, _), page in zip(entries, pages, strict=True):
        assert f'href="{page.name}">{name}<' in index


def test_cli_writes_html_pages(tmp_path: Path, capsys) -> None:
    (tmp_path / "a.txt").write_text("Iran welcomed the pact. Israel objected.", encoding="utf-8")
    out = tmp_path / "html"
    assert (
        main(
            [
                "analyze",
                str(tmp_path / "a.txt"),
                "--format",
                "html",
                "--output",
                str(out),
                "--quiet",
            ]
        )
        == 0
    )
    assert sorted(p.name for p in out.iterdir()) == ["a-txt.html", "index.html"]
    page = (out / "a-txt.html").read_text(encoding="utf-8")
    assert "Israel" in page and "<title>a.txt</title>" in page
    assert main(["analyze", str(tmp_path / "a.txt"), "--format", "html"]) == 2
    assert "--output" in capsys.readouterr().err


def test_mentions_are_marked_at_their_offsets(tmp_path: Path) -> None:
    doc = framing.load().analyze("The USAID office said the US would help Iran.")
    page = render_document(doc)
    assert "The USAID office said the <mark" in page  # not the "US" inside "USAID"
    assert re.search(r'<mark class="m \w+" data-actor="united_states"[^>]*>US</mark> would', page)


@pytest.mark.slow  # a browser of its own per page
def test_comment_openers_in_text_do_not_break_the_chart(browser: str, tmp_path: Path) -> None:
    text = "Iran said <!--<script> and </script><!-- would not stop the talks with Iraq."
    dom = rendered_dom(browser, text, tmp_path / "comment.html")
    assert "<svg" in dom
    assert len(re.findall(r'<rect[^>]*class="bar ', dom)) == 2  # Iran and Iraq


@pytest.fixture(scope="module")
def page_doc() -> framing.DocumentAnalysis:
    from tests.news_pages import news_page

    return framing.load().analyze(news_page(), format="html")


def test_metadata_is_in_the_header_and_the_index(
    page_doc: framing.DocumentAnalysis, tmp_path: Path
) -> None:
    page = Page(render_document(page_doc, title="a.html"))
    meta = [attrs for tag, attrs in page.elements if attrs.get("id") == "meta"]
    assert len(meta) == 1
    text = " ".join("".join(page.text).split())
    for shown in (
        "Talks resume in Muscat",
        "outlet: Gulf Daily Example",
        "date: 2025-11-03",
        "author: Sam Writer",
    ):
        assert shown in text
    links = [a["href"] for tag, a in page.elements if tag == "a" and a.get("class") == "url"]
    assert links == ["https://gulf.example.com/world/talks-resume"]
    write_reports([("a.html", page_doc)], tmp_path / "out")
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "<td>Gulf Daily Example</td><td>2025-11-03</td>" in index
    assert "<th>outlet</th><th>date</th>" in index


def test_a_page_without_metadata_has_no_meta_line(seed_doc: framing.DocumentAnalysis) -> None:
    page = Page(render_document(seed_doc))
    assert not [a for _, a in page.elements if a.get("id") == "meta"]


def test_metadata_cannot_inject_markup_or_script_links(seed_doc: framing.DocumentAnalysis) -> None:
    import dataclasses

    from framing.text.metadata import DocumentMeta

    evil = DocumentMeta(
        title="<script>alert(1)</script>", outlet="<b>x</b>", url="javascript:alert(1)"
    )
    page = Page(render_document(dataclasses.replace(seed_doc, meta=evil)))
    assert [t for t, _ in page.elements].count("script") == 1  # the analysis
    assert not [a for t, a in page.elements if t == "a"]  # a javascript: URL is not a link
    assert "javascript:alert(1)" in "".join(page.text)


@pytest.mark.slow  # a browser of its own per page
def test_the_browser_shows_the_metadata(
    browser: str, page_doc: framing.DocumentAnalysis, tmp_path: Path
) -> None:
    page = tmp_path / "a.html"
    page.write_text(render_document(page_doc, title="a.html"), encoding="utf-8")
    rendered = headless(browser, page, "--dump-dom")
    assert "Uncaught" not in rendered.stderr, rendered.stderr
    dom = rendered.stdout
    assert "<svg" in dom
    assert '<p class="meta" id="meta">' in dom and "outlet: Gulf Daily Example" in dom


def test_paragraphs_and_the_headline_are_kept() -> None:
    text = (
        "Iran and Iraq sign border pact\n\nIran welcomed the pact. Israel objected.\n"
        "The US said nothing.\n\nTalks go on."
    )
    doc = framing.load().analyze(text)
    page = render_document(doc)
    article = page[page.index('<article id="article">') : page.index("</article>")]
    assert article.count('<h2 class="headline">') == 1
    assert article.count("<p>") == 2  # two paragraphs after the headline
    assert article.count("<br>\n") == 1  # the single line break inside the first one
    assert re.search(r'<h2 class="headline"><span class="s [^>]*data-start="0"', article)


def test_the_svg_chart_has_an_axis_and_widths_that_follow_the_shares() -> None:
    doc = framing.load().analyze(
        "Iran welcomed the pact. Israel objected. Iran said it would help."
    )
    page = Page(render_document(doc))
    assert not any(
        tag == "script" and a.get("type") != "application/json" for tag, a in page.elements
    )
    rects = [a for tag, a in page.elements if tag == "rect"]
    for actor in doc.actors.values():
        for stance, share in actor["shares"].items():
            widths = [float(r["width"]) for r in rects if r["class"] == f"bar {stance}"]
            if share:
                assert round(share * 400, 2) in widths
    text = "".join(page.text)
    assert all(f"{t}%" in text for t in (0, 25, 50, 75, 100))
    assert "2 sentences" in text and "100%" in text
    assert page.count("title", "") > len(rects)  # the page's, the chart's, each bar's


def test_frames_and_actors_are_named_in_words(seed_doc: framing.DocumentAnalysis) -> None:
    assert in_words("supportive_of_iran") == "supportive of Iran"
    assert in_words("critical_of_us") == "critical of the US"
    page = render_document(seed_doc)
    shown = page[: page.index('<script type="application/json"')]
    assert "supportive_of_iran" not in shown and "neutral_reporting" not in shown
    assert "United States" in page


def test_pages_are_named_from_titles_and_unique(
    seed_doc: framing.DocumentAnalysis, tmp_path: Path
) -> None:
    titled = framing.load().analyze("Iran welcomed the pact.", title="Iran, Iraq sign border pact!")
    untitled = framing.load().analyze("Israel objected.")
    pages = write_reports(
        [("x/a.txt", titled), ("y/b.txt", titled), ("c/Ünïcode doc.txt", untitled), ("", untitled)],
        tmp_path / "out",
    )
    assert [p.name for p in pages] == [
        "iran-iraq-sign-border-pact.html",
        "iran-iraq-sign-border-pact-2.html",
        "unicode-doc-txt.html",
        "document-4.html",
    ]
    assert "<title>Iran, Iraq sign border pact!</title>" in pages[0].read_text(encoding="utf-8")
    assert "<title>Document 4</title>" in pages[3].read_text(encoding="utf-8")
    assert page_name("index", set()) == "index-2.html"
    assert page_name("../../etc/passwd", set()) == "etc-passwd.html"
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{p.name}"' in index for p in pages)


def test_the_footer_summarises_the_model_card(
    seed_doc: framing.DocumentAnalysis, tmp_path: Path
) -> None:
    page = render_document(seed_doc)
    footer = html.unescape(page[page.index('<footer id="footer">') : page.index("</footer>")])
    assert "trained on" in footer and "held-out test split" in footer
    assert re.search(r"stance macro-F1 0\.\d\d \(95% CI", footer)
    assert "supportive stance is the weakest class" in footer  # from metrics.json's per-class F1
    # a model folder without metrics says that nothing is known
    (tmp_path / "bare").mkdir()
    assert "Nothing is known" in model_card({"source": str(tmp_path / "bare")})[0]
    assert "Nothing is known" in render_document(seed_doc, model_folder=tmp_path / "bare")
