"""The extraction comparison on pages built from the corpus's train and dev articles."""

from __future__ import annotations

import json

import pytest

from framing.bench.cli import main
from framing.bench.extract import TEMPLATES, articles, format_extract, run_extract
from framing.text.html import extract


@pytest.fixture(scope="module")
def few() -> list:
    return articles(limit=3)


def test_pages_hold_the_article_and_the_template_chrome(few: list) -> None:
    assert len(few) == 3 and all(a.units for a in few)
    for template in TEMPLATES:
        page = template.build(few[0])
        kept = [t for t, k, _ in few[0].units if k]
        assert all(" ".join(t.split())[:40] in " ".join(page.split()) for t in kept[:3])
        assert all(c in page for c in template.chrome)


def test_the_test_split_is_held_out() -> None:
    with pytest.raises(ValueError, match="held out"):
        articles(splits=("dev", "test"))


def test_run_extract_scores_every_extractor_and_template() -> None:
    result = run_extract(["trafilatura", "readability"], limit=3)
    assert result["pages"] == 3 * len(TEMPLATES) and result["splits"] == ["train", "dev"]
    for name, r in result["results"].items():
        assert set(r["templates"]) == {t.name for t in TEMPLATES}
        assert r["recall"] > 0.9, name
        assert 0 <= r["dropped_leaked"] <= 1 and 0 <= r["chrome_leaked"] <= 1
        assert r["pages_per_second"] > 0
        assert r["templates"]["bare"]["author"] is None  # the bare page has no author
        assert r["templates"]["wordpress"]["outlet"] == 1.0
    # the default extractor lets through fewer dropped units (captions, bylines) than readability
    ours, theirs = result["results"]["trafilatura"], result["results"]["readability"]
    assert ours["dropped_leaked"] < theirs["dropped_leaked"]
    table = format_extract(result)
    assert "| trafilatura | all |" in table and "| readability | bare |" in table and "–" in table


def test_unknown_names_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown extractor or template"):
        run_extract(["boilerpipe"], limit=1)


def test_a_built_page_extracts_with_its_metadata(few: list) -> None:
    article = few[0]
    page = extract(TEMPLATES[0].build(article))
    assert page.meta.outlet == article.outlet and page.meta.date == article.date


def test_the_bench_command_compares_extractors(
    tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "extract.json"
    args = ["extract", "--limit", "2", "--templates", TEMPLATES[0].name, "--output", str(out)]
    assert main([*args, "--extractors", "trafilatura", "readability"]) == 0
    result = json.loads(out.read_text())
    assert set(result["results"]) == {"trafilatura", "readability"}
    assert result["splits"] == ["train", "dev"]
    assert "| readability | all |" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_:
        main(["extract", "--splits", "test"])
    assert exit_.value.code == 2
