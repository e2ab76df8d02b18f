"""Properties of ``Analyzer.analyze`` on generated messy input, with a small model: offsets
point into the raw text, sentences come in order without overlapping, every mention lies inside
its sentence, probabilities are finite and sum to one, batches equal one-by-one runs; and the
work per mention does not grow with the sentence around it."""

from __future__ import annotations

import math
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import framing
from framing.labels import MODES, STANCES
from framing.models.base import CONTEXT_CHARS, marked, window
from framing.text.layout import ZERO_WIDTH

# pieces of scraped pages: actors, words, punctuation, chrome, citations, captions, odd Unicode
PIECES = st.sampled_from(
    [
        "Iran", "Iraq", "Tehran", "Baghdad", "Hezbollah", "the United States", "Washington",
        "Israel", "Larijani", "al-Sudani", "said", "praised", "condemned", "the", "pact", "border",
        "security", "so-called", "friendship", "on Monday", ".", ",", ";", "?", "!", '"', "“",
        "”", "'", "(", ")", " ", " ", "  ", "\n", "\n\n", "\r\n", "\t", "\u00a0", "\u200b",
        "\ufeff", "\u2028", "\x00", "[1]", "(IRNA +2)", "Photo: IRIB", "REUTERS/Ahmed Saad",
        "(L)", "- ", "> ", "Skip to content", "Read more", "Tags: Iran, Iraq", "Comments",
        "https://example.org/a", "BAGHDAD (AP) — ", "Mr.", "U.S.", "...", "😀", "لاریجانی",
        "عراق", "İran", "ﬁ", "e\u0301",
    ]
)  # fmt: skip


@pytest.fixture(scope="module")
def analyzer(model_dir: Path) -> framing.Analyzer:
    """The session's small model: the invariants are the front end's and the summary's, the
    same for every model, and a small vocabulary is quicker to read each example with."""
    return framing.load(model_dir)


def _visible(text: str) -> str:
    """Text compared across cleaning: whitespace runs as one space, zero-width characters out."""
    return " ".join("".join(ch for ch in text if ch not in ZERO_WIDTH).split())


def check_document(raw: str, doc: framing.DocumentAnalysis) -> None:
    assert doc.text_length == len(raw)
    previous_end = 0
    for i, s in enumerate(doc.sentences):
        assert s.index == i
        assert previous_end <= s.start < s.end <= len(raw), (s.start, s.end)
        previous_end = s.end
        assert s.text.strip()
        assert set(s.mode_probabilities) == set(MODES)
        assert all(math.isfinite(p) and 0 <= p <= 1 for p in s.mode_probabilities.values())
        assert math.isclose(sum(s.mode_probabilities.values()), 1.0, abs_tol=1e-6)
        assert math.isfinite(s.reported_probability) and 0 <= s.reported_probability <= 1
        assert s.mode == max(MODES, key=s.mode_probabilities.__getitem__)
        for m in s.mentions:
            assert s.start <= m.start < m.end <= s.end, (s, m)
            assert s.text[m.sentence_start : m.sentence_end] == m.text
            assert _visible(raw[m.start : m.end]) == _visible(m.text), (raw[m.start : m.end], m)
            assert set(m.probabilities) == set(STANCES)
            assert all(math.isfinite(p) and 0 <= p <= 1 for p in m.probabilities.values())
            assert math.isclose(sum(m.probabilities.values()), 1.0, abs_tol=1e-6)
        assert set(s.stances) == {m.actor for m in s.mentions}
    for r in doc.removed:
        assert 0 <= r["start"] < r["end"] <= len(raw)
        assert raw[r["start"] : r["end"]] == r["text"]
    for actor, entry in doc.actors.items():
        assert math.isclose(sum(entry["shares"].values()), 1.0, abs_tol=1e-9), actor


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(parts=st.lists(PIECES, max_size=60))
def test_generated_documents_keep_every_invariant(
    analyzer: framing.Analyzer, parts: list[str]
) -> None:
    raw = " ".join(parts) if len(parts) % 2 else "".join(parts)
    check_document(raw, analyzer.analyze(raw))


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(docs=st.lists(st.lists(PIECES, max_size=30).map(" ".join), min_size=1, max_size=6))
def test_batches_equal_one_by_one_in_order(analyzer: framing.Analyzer, docs: list[str]) -> None:
    single = [analyzer.analyze(d).to_dict() for d in docs]
    for batch_size in (1, 7, 1024):
        assert [d.to_dict() for d in analyzer.analyze_many(docs, batch_size=batch_size)] == single


@settings(max_examples=100, deadline=None)
@given(
    left=st.text(alphabet="ab \n", max_size=3000),
    target=st.text(alphabet="IRan", min_size=1, max_size=8),
    right=st.text(alphabet="cd \t", max_size=3000),
)
def test_target_views_are_bounded_and_keep_whole_words(left: str, target: str, right: str) -> None:
    text = left + target + right
    start, end = len(left), len(left) + len(target)
    view = marked(text, start, end)
    assert len(view) <= 2 * CONTEXT_CHARS + len(target) + len(" [T]  [/T] ")
    before, _, after = view.partition(f" [T] {target} [/T] ")
    assert left.endswith(before) and right.startswith(after)
    # what is kept starts and ends on a word boundary of the text
    cut_left = len(left) - len(before)
    assert cut_left == 0 or text[cut_left - 1].isspace() or before == ""
    if len(left) <= CONTEXT_CHARS and len(right) <= CONTEXT_CHARS:
        assert view == f"{left} [T] {target} [/T] {right}"  # sentences of news: untouched
    near = window(text, start, end)
    assert len(near) <= 2 * CONTEXT_CHARS + 3
    assert near.split() == [*left.split()[-6:], "[T]", *right.split()[:6]] or (
        len(left) > CONTEXT_CHARS or len(right) > CONTEXT_CHARS
    )


def _seconds_per_kb(analyzer: framing.Analyzer, text: str, repeats: int) -> float:
    best = math.inf
    for _ in range(repeats):
        started = time.perf_counter()
        analyzer.analyze(text)
        best = min(best, time.perf_counter() - started)
    return best / (len(text) / 1024)


@pytest.mark.slow
def test_a_run_on_sentence_of_mentions_takes_time_linear_in_its_length() -> None:
    """The issue's shape: ``"Iran and " * n``, one sentence with a mention every 9 characters
    (each mention used to copy the whole sentence: 42 s and 2.6 GB at 40 KB), with the bundled
    model."""
    analyzer = framing.load()
    analyzer.analyze("Iran and " * 2000)  # warm the caches of the feature extractors
    per_kb = {
        kb: _seconds_per_kb(analyzer, "Iran and " * (kb * 1024 // 9), 1) for kb in (50, 100, 200)
    }
    # quadratic work would give about 2 and 4
    assert per_kb[100] / per_kb[50] < 1.6 and per_kb[200] / per_kb[50] < 2.0, per_kb
