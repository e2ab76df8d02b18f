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
    """The same matrix bit for bit: structure, order of terms and every float."""
    assert type(actual) is type(expected)
    assert actual.dtype == expected.dtype
    assert expected.shape == actual.shape
    np.testing.assert_array_equal(actual.indptr, expected.indptr)
    np.testing.assert_array_equal(actual.indices, expected.indices)
    np.testing.assert_array_equal(actual.data, expected.data)


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


@pytest.mark.parametrize("analyzer", ["char_wb", "word"])
def test_counts_of_a_count_vectorizer(analyzer: str) -> None:
    vectorizer = CountVectorizer(analyzer=analyzer, ngram_range=(2, 4)).fit(TRAIN)
    counts = CachedCounter(vectorizer).transform(UNSEEN)
    _assert_same(vectorizer.transform(UNSEEN), counts)
    if analyzer == "char_wb":  # a word repeated in a document is counted each time
        assert counts[[6]].max() > 1


def test_a_loaded_vocabulary_counts_the_same() -> None:
    """The models load vectorizers from a saved vocabulary and idf (never fitted again)."""
    fitted = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True).fit(TRAIN)
    loaded = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, vocabulary=fitted.vocabulary_
    )
    loaded.idf_ = fitted.idf_
    _assert_same(fitted.transform(UNSEEN), CachedCounter(loaded).transform(UNSEEN))


def test_the_word_cache_keeps_the_most_recently_used_words(monkeypatch) -> None:
    monkeypatch.setattr(counting, "MAX_CACHED_WORDS", 3)
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4)).fit(TRAIN)
    counter = CachedCounter(vectorizer)
    _assert_same(vectorizer.transform(UNSEEN), counter.transform(UNSEEN))
    assert counter.cached_ids.cache_info().currsize == 3  # bounded
    counter.cached_ids.cache_clear()
    counter.transform(["Iran Iraq border"])  # full
    counter.transform(["Iran"])  # used again: iraq is now the least recently used
    counter.transform(["security"])  # a fourth word: iraq goes
    before = counter.cached_ids.cache_info()
    _assert_same(vectorizer.transform(["iran border"]), counter.transform(["iran border"]))
    kept = counter.cached_ids.cache_info()
    assert (kept.hits - before.hits, kept.misses - before.misses) == (2, 0)
    counter.transform(["iraq"])
    assert counter.cached_ids.cache_info().misses == kept.misses + 1


def test_long_words_are_counted_but_not_kept() -> None:
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4)).fit(TRAIN)
    counter = CachedCounter(vectorizer)
    url = "https://example.org/" + "security-memorandum-" * 5
    docs = [f"Iran signed {url} today", url]
    _assert_same(vectorizer.transform(docs), counter.transform(docs))
    assert counter.cached_ids.cache_info().currsize == 3  # iran, signed, today; not the URL
    counting.clear_caches()
    assert counter.cached_ids.cache_info().currsize == 0


def test_the_models_features_equal_scikit_learns() -> None:
    """The bundled model's own vectorizers, on its own front end's sentences and targets."""
    import framing
    from framing.bench.infer import corpus
    from framing.models.base import marked

    analyzer = framing.load("tfidf")
    model = analyzer.model
    docs = [analyzer._prepare(text) for text in corpus(2)]
    sentences = [s[2] for doc in docs for s in doc.sentences]
    targets = [
        marked(s[2], m["start"], m["end"])
        for doc in docs
        for s, found in zip(doc.sentences, doc.mentions, strict=True)
        for m in found
    ]
    for features, texts in ((model.sentence_features, sentences),
                            (model.target_features, targets)):  # fmt: skip
        assert set(features.counters) == set(features.vectorizers)  # every view counted fast
        for name, counter in features.counters.items():
            _assert_same(features.vectorizers[name].transform(texts), counter.transform(texts))


def test_unsupported_vectorizers_and_inputs_are_refused() -> None:
    with pytest.raises(ValueError, match="no fast counts"):
        CachedCounter(TfidfVectorizer(analyzer="char", ngram_range=(2, 3)).fit(TRAIN))
    with pytest.raises(ValueError, match="no fast counts"):
        CachedCounter(TfidfVectorizer(stop_words="english").fit(TRAIN))
    with pytest.raises(ValueError, match="no fast counts"):
        CachedCounter(TfidfVectorizer(binary=True).fit(TRAIN))
    with pytest.raises(ValueError, match="no fast counts"):
        CachedCounter(TfidfVectorizer())  # not fitted
    with pytest.raises(ValueError, match="no fast counts"):
        CachedCounter(TfidfVectorizer(dtype=np.float32).fit(TRAIN))
    counter = CachedCounter(TfidfVectorizer().fit(TRAIN))
    with pytest.raises(ValueError, match="not one string"):
        counter.transform("Iran and Iraq")
    assert counter.transform([]).shape == (0, len(counter.vocabulary))


def test_scikit_learn_is_in_the_range_counting_was_tested_with() -> None:
    """counting.py calls private scikit-learn functions: an upgrade past the pin fails here
    first, naming what moved, instead of as a wrong or broken feature matrix."""
    import inspect
    from importlib.metadata import version
    from pathlib import Path

    import tomllib
    from packaging.requirements import Requirement
    from sklearn.utils import sparsefuncs_fast

    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    dependencies = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]
    pin = next(Requirement(d) for d in dependencies if Requirement(d).name == "scikit-learn")
    assert pin.specifier.contains(version("scikit-learn")), (pin, version("scikit-learn"))
    assert "<" in str(pin.specifier), f"no upper bound on private functions: {pin}"
    # the calls counting.py makes, bound to the signatures of the installed scikit-learn
    vectorizer = TfidfVectorizer(analyzer="char_wb").fit(TRAIN)
    inspect.signature(vectorizer._word_ngrams).bind(["iran", "iraq"])
    inspect.signature(vectorizer._char_wb_ngrams).bind("iran")
    for name in ("inplace_csr_row_normalize_l1", "inplace_csr_row_normalize_l2"):
        inspect.signature(getattr(sparsefuncs_fast, name)).bind(vectorizer.transform(TRAIN))
