"""CachedCounter gives scikit-learn's own TF-IDF matrices, only faster."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from framing.models import counting
from framing.models.counting import CachedCounter

TRAIN = [
    "Iran and Iraq signed a border security memorandum on Monday.",
    "Larijani said the agreement 'protects both nations' from [T] Washington [/T] pressure.",
    "The US State Department slammed Tehran's interference, a spokesman said.",
    "Kurdish groups near the border were told to disarm — or leave.",
]
UNSEEN = [
    *TRAIN,
    "",
    "   \n\t ",
    "aa aa aaa aaaa aaaa Iran IRAN iran's",
    "İstanbul ÇAĞRI naïve café — “quoted” words",
    "Washington\n\nand   Tehran\tsigned nothing new at all, officials said said said.",
    "x",
]


def _assert_same(expected, actual) -> None:
    assert expected.shape == actual.shape
    np.testing.assert_allclose(expected.toarray(), actual.toarray(), rtol=0, atol=1e-12)


@pytest.mark.parametrize(
    "spec",
    [
        {"analyzer": "word", "ngram_range": (1, 2), "token_pattern": r"(?u)\[/?T\]|\b\w+\b"},
        {"analyzer": "word", "ngram_range": (2, 3)},
        {"analyzer": "word", "ngram_range": (1, 1), "lowercase": False},
        {"analyzer": "char_wb", "ngram_range": (2, 5)},
        {"analyzer": "char_wb", "ngram_range": (1, 3), "lowercase": False},
        {"analyzer": "char_wb", "ngram_range": (3, 3), "strip_accents": "unicode", "norm": "l1"},
        {"analyzer": "word", "ngram_range": (1, 2), "norm": None, "use_idf": False},
    ],
)
@pytest.mark.parametrize("sublinear_tf", [True, False])
def test_same_matrix_as_scikit_learn(spec, sublinear_tf) -> None:
    vectorizer = TfidfVectorizer(**spec, sublinear_tf=sublinear_tf).fit(TRAIN)
    _assert_same(vectorizer.transform(UNSEEN), CachedCounter(vectorizer).transform(UNSEEN))


def test_counts_of_a_count_vectorizer() -> None:
    vectorizer = CountVectorizer(analyzer="char_wb", ngram_range=(2, 4)).fit(TRAIN)
    counts = CachedCounter(vectorizer).transform(UNSEEN)
    _assert_same(vectorizer.transform(UNSEEN), counts)
    assert counts[[6]].sum() > 0  # a word repeated in a document is counted each time


def test_a_loaded_vocabulary_counts_the_same() -> None:
    """The models load vectorizers from a saved vocabulary and idf (never fitted again)."""
    fitted = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True).fit(TRAIN)
    loaded = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, vocabulary=fitted.vocabulary_
    )
    loaded.idf_ = fitted.idf_
    _assert_same(fitted.transform(UNSEEN), CachedCounter(loaded).transform(UNSEEN))


def test_the_word_cache_starts_over_when_full(monkeypatch) -> None:
    monkeypatch.setattr(counting, "MAX_CACHED_WORDS", 3)
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4)).fit(TRAIN)
    counter = CachedCounter(vectorizer)
    _assert_same(vectorizer.transform(UNSEEN), counter.transform(UNSEEN))
    assert len(counter.words) <= 3


def test_unsupported_vectorizers_and_inputs_are_refused() -> None:
    with pytest.raises(ValueError, match="no fast counts"):
        CachedCounter(TfidfVectorizer(analyzer="char", ngram_range=(2, 3)).fit(TRAIN))
    with pytest.raises(ValueError, match="no fast counts"):
        CachedCounter(TfidfVectorizer(stop_words="english").fit(TRAIN))
    with pytest.raises(ValueError, match="no fast counts"):
        CachedCounter(TfidfVectorizer(binary=True).fit(TRAIN))
    with pytest.raises(ValueError, match="no fast counts"):
        CachedCounter(TfidfVectorizer())  # not fitted
    counter = CachedCounter(TfidfVectorizer().fit(TRAIN))
    with pytest.raises(ValueError, match="not one string"):
        counter.transform("Iran and Iraq")
    assert counter.transform([]).shape == (0, len(counter.vocabulary))
