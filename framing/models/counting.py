"""Fast term counts for a fitted scikit-learn vectorizer, equal to its own ``transform``.

scikit-learn's ``CountVectorizer.transform`` builds every n-gram string of every document in
Python and counts them one by one; with character n-grams that is most of the time of the linear
families at inference. :class:`CachedCounter` gives the same matrix faster: character n-grams
(``analyzer="char_wb"``) are looked up per word, once per distinct word, and word n-grams keep
only their in-vocabulary ids; the counts are then summed by scipy. The n-grams themselves come
from the vectorizer's own analyzer parts, and the terms are weighted and normalised in
scikit-learn's order, so the matrix is the same bit for bit (tested:
``tests/models/test_counting.py``).

The n-grams come from private methods (``_word_ngrams``, ``_char_wb_ngrams``) and the rows are
normalised by ``sklearn.utils.sparsefuncs_fast``: ``pyproject.toml`` pins the scikit-learn
releases this was tested with, and a test binds these calls to the installed release's
signatures.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

# distinct words whose n-gram ids are kept, the most recently used ones: a bound on memory
MAX_CACHED_WORDS = 200_000
# longer "words" (URLs, base64) are counted each time, not kept
MAX_CACHED_WORD_CHARS = 40
_COUNTERS: weakref.WeakSet[CachedCounter] = weakref.WeakSet()


def clear_caches() -> None:
    """Empty the word caches of every counter (benchmarks time a cold start with it)."""
    for counter in list(_COUNTERS):
        counter.cached_ids.cache_clear()


class CachedCounter:
    """The count matrix of ``vectorizer.transform`` (before any TF-IDF weighting).

    Args:
        vectorizer: a fitted ``CountVectorizer`` or ``TfidfVectorizer`` whose analyzer is
            ``"word"`` or ``"char_wb"`` (see :meth:`supports`).
    """

    def __init__(self, vectorizer: Any) -> None:
        if not self.supports(vectorizer):
            raise ValueError(f"no fast counts for this vectorizer: {vectorizer!r}")
        self.vectorizer = vectorizer
        self.vocabulary: dict[str, int] = vectorizer.vocabulary_
        self.preprocess = vectorizer.build_preprocessor()
        self.tokenize = vectorizer.build_tokenizer()
        # the ids of the MAX_CACHED_WORDS most recently used words (functools' cache, in C); a
        # partial, not a bound method, so that it holds no reference back to the counter
        self.cached_ids: Callable[[str], np.ndarray] = functools.lru_cache(
            maxsize=MAX_CACHED_WORDS
        )(functools.partial(_char_ids, vectorizer._char_wb_ngrams, self.vocabulary.get))
        _COUNTERS.add(self)

    @staticmethod
    def supports(vectorizer: Any) -> bool:
        """Whether the vectorizer's n-grams are computed the way this class computes them: a
        ``word`` or ``char_wb`` analyzer, no stop words, no binary counts, an l1, l2 or no
        norm, and float64 TF-IDF weights (the precision this class computes them in)."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        tfidf = isinstance(vectorizer, TfidfVectorizer)
        return (
            vectorizer.analyzer in ("word", "char_wb")
            and (not tfidf or np.dtype(vectorizer.dtype) == np.float64)
            and getattr(vectorizer, "norm", None) in ("l1", "l2", None)
            and vectorizer.stop_words is None
            and not vectorizer.binary
            and vectorizer.input == "content"
            and hasattr(vectorizer, "vocabulary_")
        )

    def _word_ids(self, word: str) -> np.ndarray:
        """The vocabulary ids of one word's character n-grams (with repeats), not cached."""
        return _char_ids(self.vectorizer._char_wb_ngrams, self.vocabulary.get, word)

    def counts(self, documents: Iterable[str]) -> Any:
        """A CSR matrix of term counts, one row per document (float64, sorted indices)."""
        if isinstance(documents, str):
            raise ValueError("an iterable of documents is expected, not one string")
        if self.vectorizer.analyzer == "char_wb":
            return self._char_counts(documents)
        get = self.vocabulary.get
        indices: list[int] = []
        indptr = [0]
        for document in documents:
            grams = self.vectorizer._word_ngrams(self.tokenize(self.preprocess(document)))
            indices.extend([j for j in map(get, grams) if j is not None])
            indptr.append(len(indices))
        matrix = _csr(indices, indptr, len(self.vocabulary))
        matrix.sum_duplicates()  # repeated terms added up: counts, in sorted order
        return matrix

    def _char_counts(self, documents: Iterable[str]) -> Any:
        """(documents x distinct words) @ (distinct words x character n-grams): the sparse
        product adds the n-grams of every word of a document up, in C."""
        local: dict[str, int] = {}
        columns: list[int] = []
        indptr = [0]
        for document in documents:
            words = self.preprocess(document).split()
            columns.extend([local.setdefault(w, len(local)) for w in words])
            indptr.append(len(columns))
        cached, limit = self.cached_ids, MAX_CACHED_WORD_CHARS
        per_word = [cached(w) if len(w) <= limit else self._word_ids(w) for w in local]
        ends = np.cumsum([0, *map(len, per_word)])
        flat = np.concatenate(per_word) if per_word else np.zeros(0, dtype=np.int32)
        words_to_grams = _csr(flat, ends, len(self.vocabulary))
        matrix = _csr(columns, indptr, len(local)) @ words_to_grams
        # scikit-learn's order of terms, so that sums over a row (the norm, the scores) add up
        # in the same order and give the same floats
        matrix.sort_indices()
        return matrix

    def transform(self, documents: Iterable[str]) -> Any:
        """What ``vectorizer.transform(documents)`` returns: TF-IDF weighted (as scikit-learn's
        ``TfidfTransformer`` weighs) for a ``TfidfVectorizer``, counts for a ``CountVectorizer``."""
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.utils.sparsefuncs_fast import (
            inplace_csr_row_normalize_l1,
            inplace_csr_row_normalize_l2,
        )

        matrix = self.counts(documents)
        v = self.vectorizer
        if not isinstance(v, TfidfVectorizer):
            return matrix.astype(v.dtype)
        if v.sublinear_tf:
            np.log(matrix.data, out=matrix.data)
            matrix.data += 1.0
        if v.use_idf:
            matrix.data *= v.idf_[matrix.indices]
        if v.norm == "l2":
            inplace_csr_row_normalize_l2(matrix)
        elif v.norm == "l1":
            inplace_csr_row_normalize_l1(matrix)
        return matrix


def _char_ids(ngrams: Callable[[str], list[str]], get: Callable, word: str) -> np.ndarray:
    """The vocabulary ids (``get``) of a word's character n-grams (``ngrams``), with repeats. The
    arrays are shared by every document the word is in: read them, never write to them."""
    return np.array([j for j in map(get, ngrams(word)) if j is not None], dtype=np.int32)


def _csr(indices: Any, indptr: Any, width: int) -> Any:
    """A CSR matrix of ones (float64) with the given structure (``csr_matrix``, the type that
    scikit-learn's vectorizers return)."""
    from scipy.sparse import csr_matrix

    indices = np.asarray(indices, dtype=np.int64)
    indptr = np.asarray(indptr, dtype=np.int64)
    data = np.ones(len(indices), dtype=np.float64)
    return csr_matrix((data, indices, indptr), shape=(len(indptr) - 1, width))
