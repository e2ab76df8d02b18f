"""The comparison's HTML report: what the page holds (parsed with lxml, fast), that names from the
analyses cannot become markup, that the SVG bars follow the shares, and (slow) that headless
Chromium renders it. Without a browser the browser test skips, unless
``FRAMING_REQUIRE_BROWSER=1`` makes a missing browser a failure (as tests/inference/test_report.py).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import lxml.html
import pytest

import framing
from framing.comparison.cli import main
from framing.comparison.report import DIFF_PLOT_WIDTH, PLOT_WIDTH, difference_chart, render_report
from tests.comparison.analyses import analysis, sentence, stance_doc, write


def corpus() -> list[dict]:
    """Press TV mostly critical of the United States, Reuters mostly neutral, one AP document (a
    small group) in which Iran speaks, and a document without an outlet."""
    docs = [stance_doc("Press TV", "united_states", ["critical"] * 3 + ["neutral"])] * 6
    docs += [stance_doc("Reuters", "united_states", ["neutral"] * 3 + ["supportive"])] * 6
    docs.append(
        analysis([sentence(0, {"iran": "supportive"}, reported=True, speaker="iran")], "AP")
    )
    docs.append(stance_doc(None, "israel", ["critical"]))
    return docs


@pytest.fixture(scope="module")
def result() -> framing.Comparison:
    return framing.compare(corpus(), by="outlet", resamples=200, seed=3)


@pytest.fixture(scope="module")
def page(result: framing.Comparison) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(render_report(result, created="2025-11-04T10:00:00+00:00"))


def test_the_page_holds_every_group_actor_and_count(page: lxml.html.HtmlElement) -> None:
    text = page.text_content()
    for group in ("Press TV (6)", "Reuters (6)", "AP (1)", "(missing) (1)"):
        assert group in text
    for actor in ("Iran", "United States", "Israel"):
        assert actor in [h.text_content() for h in page.iter("h3")]
    assert "united_states" not in text and "supportive_of_iran" not in text  # names for people
    assert "framed as supportive of Iran" in text
    assert "200 bootstrap resamples" in text and "seed 3" in text and "2025-11-04" in text
    assert "14 documents" in text
    footer = page.find(".//footer").text_content()
    assert "14 read, 14 used, 0 skipped" in footer
    assert "Press TV is more critical of United States than Reuters" in text
    warn = page.find_class("warn")[0].text_content()
    assert "AP (1)" in warn and "(missing) (1)" in warn and "Press TV" not in warn
    speaks = page.get_element_by_id("speakers").text_content()
    assert "100% [100%–100%]" in speaks and "not available" in speaks
    assert not page.xpath("//script") and not page.xpath("//link")  # self-contained


def test_the_bars_follow_the_shares(page: lxml.html.HtmlElement) -> None:
    actor = next(s for s in page.find_class("actor") if s.find("h3").text == "United States")
    svg = actor.find(".//svg")  # the HTML parser reads inline SVG without its namespace
    assert svg.find("title").text.startswith("Stance toward United States")
    widths = {}
    for bar in svg.find_class("bar"):
        label = bar.find("title").text
        widths[label.split(":")[0]] = float(bar.find("rect").get("width"))
        assert "%" in bar.findall("text")[-1].text or "n/a" in bar.findall("text")[-1].text
    assert widths["Press TV, critical"] == pytest.approx(0.75 * PLOT_WIDTH)
    assert widths["Press TV, neutral"] == pytest.approx(0.25 * PLOT_WIDTH)
    assert widths["Reuters, supportive"] == pytest.approx(0.25 * PLOT_WIDTH)
    assert widths["Reuters, critical"] == 0
    assert widths["AP, critical"] == 0  # AP does not mention the United States: no bar, "n/a"
    ticks = [t.text for t in svg.iter("text") if t.text and t.text.endswith("%")]
    assert {"0%", "50%", "100%"} <= set(ticks)


def test_the_group_against_group_chart_draws_differences_around_zero(
    result: framing.Comparison, page: lxml.html.HtmlElement
) -> None:
    section = page.get_element_by_id("group-against-group")
    svg = section.find(".//svg")
    rows = {g.find("title").text.split(":")[0] + ":" + g.find("title").text.split(":")[1]: g
            for g in svg.find_class("difference")}  # fmt: skip
    assert len(rows) == 20  # the limit, said on the page
    assert "The 20 largest of 33 differences are drawn" in section.text_content()
    labels = [t.text for t in svg.iter("text")]
    assert labels[0] == "Press TV vs Reuters: framed as critical of the US"  # not small, first
    critical = rows["Press TV vs Reuters: critical of United States"]
    zero = DIFF_PLOT_WIDTH / 2
    # +75 points on an axis reaching 100 either side: three quarters of the half to the right
    assert float(critical.find("circle").get("cx")) == pytest.approx(zero + 0.75 * zero)
    assert "significant" in critical.get("class") and critical.find("circle").get("fill") == "#222"
    assert critical.findall("text")[-1].text == "+75 [+75, +75]"
    neutral = rows["Press TV vs Reuters: neutral toward United States"]
    assert float(neutral.find("circle").get("cx")) == pytest.approx(zero - 0.5 * zero)
    opinion = rows["Press TV vs Reuters: opinion"]
    assert (
        "significant" not in opinion.get("class") and opinion.find("circle").get("fill") == "#fff"
    )
    assert float(svg.find_class("zero")[0].get("x1")) == zero
    chart = difference_chart(result, limit=3)
    assert (chart.shown, chart.total, len(chart.rows)) == (3, 33, 3)


def test_without_two_groups_there_is_no_difference_to_draw() -> None:
    one_group = framing.compare([stance_doc("R", "iran", ["critical"])] * 2, resamples=20)
    page = lxml.html.fromstring(render_report(one_group))
    section = page.get_element_by_id("group-against-group")
    assert section.find(".//svg") is None
    assert "No two groups share a measure to compare." in section.text_content()


@pytest.mark.parametrize("evil", ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>'])
def test_names_from_analyses_cannot_inject_markup(evil: str) -> None:
    doc = stance_doc(evil, "iran", ["critical"])
    doc["actors"]["iran"]["name"] = evil
    html = render_report(framing.compare([doc, stance_doc("R", "iran", ["neutral"])], by="outlet"))
    page = lxml.html.fromstring(html)
    assert not page.xpath("//script") and not page.xpath("//img")
    assert evil in page.text_content()
    chart = page.get_element_by_id("group-against-group").find(".//svg")
    assert any(evil in (t.text or "") for t in chart.iter("text"))  # a label, as text


def test_compare_writes_the_report_unless_told_not_to(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", corpus())
    assert main([str(path), "--output", str(tmp_path / "on"), "--resamples", "50", "--quiet"]) == 0
    assert "Press TV" in (tmp_path / "on" / "report.html").read_text(encoding="utf-8")
    off = tmp_path / "off"
    assert (
        main([str(path), "--output", str(off), "--resamples", "50", "--quiet", "--no-report"]) == 0
    )
    assert not (off / "report.html").exists() and (off / "summary.md").exists()


def test_skipped_lines_are_counted_in_the_footer(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", [stance_doc("R", "iran", ["critical"]), "{oops"])
    page = lxml.html.fromstring(render_report(framing.compare(path, resamples=20)))
    footer = page.find(".//footer").text_content()
    assert "2 read, 1 used, 1 skipped" in footer and "a.jsonl:2" in footer


@pytest.mark.slow  # a browser of its own
def test_the_browser_renders_the_report(
    browser: str, result: framing.Comparison, tmp_path: Path
) -> None:
    page = tmp_path / "report.html"
    page.write_text(render_report(result), encoding="utf-8")
    shot, pdf = tmp_path / "shot.png", tmp_path / "report.pdf"
    base = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    for flag in ("--window-size=1000,2000", f"--screenshot={shot}"), (f"--print-to-pdf={pdf}",):
        subprocess.run([*base, *flag, page.as_uri()], capture_output=True, timeout=120, check=True)
    assert shot.stat().st_size > 10_000 and pdf.read_bytes().startswith(b"%PDF")
    dom = subprocess.run(
        [*base, "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert "Press TV" in dom and "<svg" in dom
    assert 'class="chart differences"' in dom and "Press TV vs Reuters" in dom
