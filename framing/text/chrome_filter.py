"""A learned filter for the page chrome that cleaning rules leave: site names, author boxes,
navigation lists, section labels, captions without a marker, repeated paragraphs.

It runs after cleaning and segmentation, on the sentences the pipeline produced, and scores each
one with a linear model over two kinds of features:

- **shape features** of the sentence in its document (:data:`SHAPE_FEATURES`): its length and
  punctuation, its position (before the first long sentence, after the last), its neighbours'
  lengths and punctuation, whether its text repeats elsewhere in the page, and how it sits on its
  raw line (alone on the line, blank lines around it);
- **hashed n-grams** of its words and characters: each n-gram is hashed with CRC-32 (a fixed
  seed prefix) into :data:`N_HASHED` buckets, as scikit-learn's ``HashingVectorizer`` does, so
  the weights hold coefficients only and no text of the pages they were trained on.

A sentence is chrome when its score passes the threshold stored with the weights; the threshold
was chosen so that no real sentence was removed on the development split and in cross-validation
(see ``training/train_chrome_filter.py``). Weights are an ``.npz`` file read with
``allow_pickle=False``; the bundled ones are loaded once per process by :meth:`ChromeFilter.load`.

Example:
    >>> from framing.text.segment import segment
    >>> raw = "Peregraf\\n\\nOfficials from both sides met on Monday to discuss the crossing.\\n"
    >>> sentences = segment(raw)
    >>> ChromeFilter.load().chrome_indices(raw, sentences)  # doctest: +SKIP
    [0]
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from framing.text.clean import Removal

__all__ = [
    "BUNDLED_WEIGHTS",
    "N_HASHED",
    "SHAPE_FEATURES",
    "ChromeFilter",
    "document_features",
    "drop_chrome",
]

BUNDLED_WEIGHTS = Path(__file__).resolve().parents[1] / "resources" / "chrome_filter.npz"
FORMAT = "framing.chrome_filter.v1"
N_HASHED = 2**16  # hash buckets for the n-grams
_SEED = b"chrome1:"  # the hash seed: a prefix, so that another seed gives other buckets
_LONG_WORDS = 12  # a "long" sentence: at least this many words and closed by punctuation
_MIN_REPEAT = 20  # shorter texts repeat by chance ("Iran", "Reuters")

SHAPE_FEATURES: tuple[str, ...] = (
    "log_chars",
    "log_words",
    "closed",  # ends with . ! ? … (and closing quotes)
    "starts_upper",
    "upper_share",
    "digit_share",
    "non_ascii_share",
    "title_share",  # words starting with a capital: names, navigation, labels
    "web_marks",  # a URL, @handle, #tag or pic.twitter
    "short_open",  # at most four words and not closed
    "position",
    "first",
    "last",
    "before_first_long",
    "after_last_long",
    "prev_log_words",
    "next_log_words",
    "prev_closed",
    "next_closed",
    "repeats_before",  # its text also occurs earlier in the page
    "repeats_after",
    "alone_on_line",
    "line_log_chars",
    "line_sentences",
    "blank_before",
    "blank_after",
    "log_sentences",
    "commas",
    "quotes",
    "bias",
)

_WORD = re.compile(r"\w+")
_CLOSED = re.compile(r"[.!?…][\"”’')\]]*$")
_WEB = re.compile(r"https?://|www\.|pic\.twitter|@\w|#\w|\.com\b")
_SPACE = re.compile(r"\s+")
_QUOTES = frozenset('"“”‘’«»')


def _bucket(gram: str) -> int:
    return zlib.crc32(_SEED + gram.encode("utf-8")) % N_HASHED


def hashed_grams(text: str) -> list[int]:
    """The distinct hash buckets of a sentence's n-grams: lower-cased words, word pairs (with
    start and end marks) and character 3-grams inside words, each hashed into
    :data:`N_HASHED` buckets."""
    words = [w.lower() for w in _WORD.findall(text)]
    grams = [f"w:{w}" for w in words]
    padded = ["<s>", *words, "</s>"]
    grams += [f"b:{a} {b}" for a, b in itertools.pairwise(padded)]
    for w in words:
        marked = f" {w} "
        grams += [f"c:{marked[i : i + 3]}" for i in range(len(marked) - 2)]
    return sorted({_bucket(g) for g in grams})


def _line_bounds(raw: str, start: int, end: int) -> tuple[int, int]:
    a = raw.rfind("\n", 0, start) + 1
    b = raw.find("\n", end)
    return a, len(raw) if b < 0 else b


def _blank_around(raw: str, a: int, b: int) -> tuple[bool, bool]:
    before = raw[max(0, a - 2) : a]
    after = raw[b : b + 2]
    return (a == 0 or before.count("\n") == 2 or not raw[:a].strip()), (
        b >= len(raw) or after.count("\n") == 2 or not raw[b:].strip()
    )


def document_features(raw: str, sentences: Sequence[Any]) -> tuple[np.ndarray, list[list[int]]]:
    """Shape features and hashed n-gram buckets of each sentence of one document.

    Args:
        raw: the text the user gave (the raw page).
        sentences: the document's sentences in text order, each a
            :class:`framing.records.Sentence` or a ``(start, end, text)`` triple with raw offsets.

    Returns:
        A float array of shape ``(len(sentences), len(SHAPE_FEATURES))`` and, per sentence, its
        bucket indices (see :func:`hashed_grams`).

    Example:
        >>> shape, grams = document_features("Home\\nIran and Iraq signed.", [(0, 4, "Home")])
        >>> shape.shape, len(grams)
        ((1, 30), 1)
    """
    triples = [_triple(s) for s in sentences]
    n = len(triples)
    shape = np.zeros((n, len(SHAPE_FEATURES)), dtype=np.float64)
    if not n:
        return shape, []
    flat_raw = _SPACE.sub(" ", raw)
    # where each whitespace run ends in the raw text, and the characters squeezed out up to it:
    # maps a raw offset to its offset in flat_raw without flattening each prefix again
    run_ends, squeezed, total = [], [], 0
    for run in _SPACE.finditer(raw):
        total += len(run.group()) - 1
        run_ends.append(run.end())
        squeezed.append(total)
    words = [len(_WORD.findall(t)) for _, _, t in triples]
    closed = [bool(_CLOSED.search(t.rstrip())) for _, _, t in triples]
    long = [w >= _LONG_WORDS and c for w, c in zip(words, closed, strict=True)]
    first_long = long.index(True) if any(long) else n
    last_long = n - 1 - long[::-1].index(True) if any(long) else -1
    line_count: dict[tuple[int, int], int] = {}
    lines = [_line_bounds(raw, a, b) for a, b, _ in triples]
    for bounds in lines:
        line_count[bounds] = line_count.get(bounds, 0) + 1
    grams = []
    for i, (start, end, text) in enumerate(triples):
        letters = [c for c in text if c.isalpha()]
        n_letters = max(1, len(letters))
        tokens = _WORD.findall(text)
        flat = _SPACE.sub(" ", text).strip()
        repeats_before = repeats_after = False
        if len(flat) >= _MIN_REPEAT:
            k = bisect.bisect_right(run_ends, start)
            here = start - (squeezed[k - 1] if k else 0)
            first = flat_raw.find(flat)
            repeats_before = 0 <= first < here - 1
            repeats_after = flat_raw.find(flat, here + 1) >= 0
        la, lb = lines[i]
        line = raw[la:lb]
        blank_before, blank_after = _blank_around(raw, la, lb)
        row = {
            "log_chars": math.log1p(len(text)),
            "log_words": math.log1p(words[i]),
            "closed": closed[i],
            "starts_upper": text[:1].isupper(),
            "upper_share": sum(c.isupper() for c in letters) / n_letters,
            "digit_share": sum(c.isdigit() for c in text) / max(1, len(text)),
            "non_ascii_share": sum(not c.isascii() for c in letters) / n_letters,
            "title_share": sum(t[:1].isupper() for t in tokens) / max(1, len(tokens)),
            "web_marks": bool(_WEB.search(text)),
            "short_open": words[i] <= 4 and not closed[i],
            "position": i / max(1, n - 1),
            "first": i == 0,
            "last": i == n - 1,
            "before_first_long": i < first_long,
            "after_last_long": i > last_long,
            "prev_log_words": math.log1p(words[i - 1]) if i else 0.0,
            "next_log_words": math.log1p(words[i + 1]) if i + 1 < n else 0.0,
            "prev_closed": closed[i - 1] if i else True,
            "next_closed": closed[i + 1] if i + 1 < n else True,
            "repeats_before": repeats_before,
            "repeats_after": repeats_after,
            "alone_on_line": line.strip() == raw[start:end].strip(),
            "line_log_chars": math.log1p(len(line.strip())),
            "line_sentences": math.log1p(line_count[lines[i]]),
            "blank_before": blank_before,
            "blank_after": blank_after,
            "log_sentences": math.log1p(n),
            "commas": min(text.count(","), 5) / 5,
            "quotes": any(c in _QUOTES for c in text),
            "bias": 1.0,
        }
        shape[i] = [float(row[name]) for name in SHAPE_FEATURES]
        grams.append(hashed_grams(text))
    return shape, grams


def _triple(sentence: Any) -> tuple[int, int, str]:
    if isinstance(sentence, tuple):
        start, end, text = sentence
        return int(start), int(end), str(text)
    return int(sentence.start), int(sentence.end), str(sentence.text)


@dataclass
class ChromeFilter:
    """A linear chrome scorer: shape weights, hashed n-gram weights, a threshold.

    Attributes:
        shape_weights: one weight per name in :data:`SHAPE_FEATURES` (``bias`` included).
        hashed_weights: one weight per bucket (:data:`N_HASHED`); a sentence's buckets add up
            and are divided by the square root of their number.
        threshold: a sentence is chrome when its score is above this.
        meta: how the weights were trained (kept in the file as JSON text).

    Example:
        >>> f = ChromeFilter.load()  # doctest: +SKIP
        >>> f.chrome_indices("Home\\nNews\\n", [(0, 4, "Home"), (5, 9, "News")])  # doctest: +SKIP
        [0, 1]
    """

    shape_weights: np.ndarray
    hashed_weights: np.ndarray
    threshold: float
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.shape_weights = np.asarray(self.shape_weights, dtype=np.float64)
        self.hashed_weights = np.asarray(self.hashed_weights, dtype=np.float64)
        if self.shape_weights.shape != (len(SHAPE_FEATURES),):
            raise ValueError(
                f"shape_weights has shape {self.shape_weights.shape}, "
                f"expected ({len(SHAPE_FEATURES)},)"
            )
        if self.hashed_weights.shape != (N_HASHED,):
            raise ValueError(
                f"hashed_weights has shape {self.hashed_weights.shape}, expected ({N_HASHED},)"
            )

    @classmethod
    def load(cls, path: str | Path | None = None) -> ChromeFilter:
        """The filter saved at ``path``; the bundled weights (read once per process) when None.

        Raises:
            FileNotFoundError: no file at ``path``.
            ValueError: the file is not a chrome-filter npz (a pickled array, another format,
                a missing array or one of the wrong shape); the message names the file.
        """
        if path is None:
            return _bundled()
        return _read(Path(path))

    def save(self, path: str | Path) -> Path:
        """Write the weights as a compressed ``.npz`` of plain arrays (no pickle)."""
        import json

        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        nonzero = np.flatnonzero(self.hashed_weights).astype(np.int32)
        np.savez_compressed(
            path,
            format=np.array(FORMAT),
            shape_names=np.array(SHAPE_FEATURES),
            shape_weights=self.shape_weights.astype(np.float32),
            hashed_index=nonzero,
            hashed_value=self.hashed_weights[nonzero].astype(np.float32),
            n_hashed=np.array(N_HASHED, dtype=np.int64),
            threshold=np.array(self.threshold, dtype=np.float64),
            meta=np.array(json.dumps(self.meta, sort_keys=True)),
        )
        return path

    def scores(self, raw: str, sentences: Sequence[Any]) -> np.ndarray:
        """The chrome score of each sentence (higher is more chrome-like).

        Args:
            raw: the raw text the sentences' offsets point into.
            sentences: :class:`framing.records.Sentence` objects or ``(start, end, text)``.
        """
        shape, grams = document_features(raw, sentences)
        if not grams:
            return np.zeros(0)
        hashed = np.array(
            [self.hashed_weights[g].sum() / math.sqrt(len(g)) if g else 0.0 for g in grams]
        )
        return shape @ self.shape_weights + hashed

    def chrome_indices(self, raw: str, sentences: Sequence[Any]) -> list[int]:
        """Indices of the sentences judged chrome, in order."""
        return [int(i) for i in np.flatnonzero(self.scores(raw, sentences) > self.threshold)]


def _read(path: Path) -> ChromeFilter:
    import json

    if not path.is_file():
        raise FileNotFoundError(f"no chrome-filter weights at {path}")
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {k: data[k] for k in data.files}
    except ValueError as err:  # numpy refuses object (pickled) arrays
        raise ValueError(f"{path}: not a plain-array npz file ({err})") from err
    except OSError as err:
        raise ValueError(f"{path}: not an npz file ({err})") from err
    needed = ("format", "shape_names", "shape_weights", "hashed_index", "hashed_value")
    missing = [k for k in (*needed, "n_hashed", "threshold") if k not in arrays]
    if missing:
        raise ValueError(f"{path}: missing array(s) {missing}")
    if str(arrays["format"]) != FORMAT:
        raise ValueError(f"{path}: format {str(arrays['format'])!r}, expected {FORMAT!r}")
    names = tuple(str(n) for n in arrays["shape_names"])
    if names != SHAPE_FEATURES:
        raise ValueError(f"{path}: shape features {names} differ from {SHAPE_FEATURES}")
    if int(arrays["n_hashed"]) != N_HASHED:
        raise ValueError(f"{path}: n_hashed {int(arrays['n_hashed'])}, expected {N_HASHED}")
    index, value = arrays["hashed_index"], arrays["hashed_value"]
    if index.shape != value.shape or index.ndim != 1:
        raise ValueError(
            f"{path}: hashed_index {index.shape} and hashed_value {value.shape} differ"
        )
    if index.size and (index.min() < 0 or index.max() >= N_HASHED):
        raise ValueError(f"{path}: hashed_index outside [0, {N_HASHED})")
    hashed = np.zeros(N_HASHED)
    hashed[index] = value
    meta = json.loads(str(arrays["meta"])) if "meta" in arrays else {}
    try:
        return ChromeFilter(arrays["shape_weights"], hashed, float(arrays["threshold"]), meta)
    except ValueError as err:
        raise ValueError(f"{path}: {err}") from err


@functools.lru_cache(maxsize=1)
def _bundled() -> ChromeFilter:
    return _read(BUNDLED_WEIGHTS)


def drop_chrome(
    raw: str, sentences: Sequence[Any], chrome_filter: ChromeFilter | None = None
) -> tuple[list[Any], list[Removal]]:
    """Drop the sentences the filter judges chrome, recording each as a removal.

    Args:
        raw: the raw text the sentences' offsets point into.
        sentences: the segmenter's output after cleaning (``Sentence`` or ``(start, end, text)``
            with raw offsets).
        chrome_filter: the filter; the bundled one when None.

    Returns:
        The sentences kept (the same objects, in order) and one
        :class:`framing.text.clean.Removal` of kind ``"chrome"`` per sentence dropped, with its
        raw span and raw text.

    Example:
        >>> from framing.text.segment import segment
        >>> raw = "Iran and Iraq signed the pact on Monday after weeks of talks in Baghdad."
        >>> kept, removed = drop_chrome(raw, segment(raw))  # doctest: +SKIP
        >>> len(kept), removed  # doctest: +SKIP
        (1, [])
    """
    chrome_filter = chrome_filter or ChromeFilter.load()
    flagged = set(chrome_filter.chrome_indices(raw, sentences))
    kept, removals = [], []
    for i, sentence in enumerate(sentences):
        if i not in flagged:
            kept.append(sentence)
            continue
        start, end, _ = _triple(sentence)
        removals.append(Removal(start, end, "chrome", raw[start:end]))
    return kept, removals
