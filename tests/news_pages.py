"""A news page written for the tests: the shape of a news CMS's pages, text of our own."""

from __future__ import annotations

BODY = (
    "Iran and Oman resumed talks in Muscat on Monday, two officials said after the meeting.",
    "The delegations met for four hours and discussed sanctions relief and prisoner exchanges.",
    "Israel criticised the talks, saying they would only embolden the government in Tehran.",
    "Analysts expect a second round within weeks, although no date has been announced yet.",
)
CHROME = ("Subscribe to our newsletter", "Oil prices climb on supply fears", "Accept cookies")


def news_page(charset: str = "utf-8", body: tuple[str, ...] = BODY) -> str:
    """A page shaped like a news CMS's: head metadata, nav, byline, article, related, footer."""
    paragraphs = "\n".join(f"<p>{p}</p>" for p in body)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}">
<title>Talks resume in Muscat | Gulf Daily Example</title>
<meta property="og:site_name" content="Gulf Daily Example">
<meta property="og:title" content="Talks resume in Muscat">
<meta name="author" content="Sam Writer">
<meta property="article:published_time" content="2025-11-03T08:30:00+00:00">
<link rel="canonical" href="https://gulf.example.com/world/talks-resume">
<script>window.dataLayer = [];</script><style>body {{ font: 16px serif; }}</style>
</head><body>
<div class="cookie-banner">{CHROME[2]} <button>OK</button></div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<main><article><h1>Talks resume in Muscat</h1>
<div class="byline">By Sam Writer · 3 November 2025</div>
{paragraphs}
<figure><img src="/a.jpg"><figcaption>Delegates arrive in Muscat.</figcaption></figure>
</article>
<aside class="related"><h3>Related</h3><ul><li><a href="/oil">{CHROME[1]}</a></li></ul></aside>
</main>
<footer><p>{CHROME[0]}</p><p>© 2025 Gulf Daily Example</p></footer>
</body></html>"""
