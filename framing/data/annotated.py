"""The annotated set as ``datasets`` objects, and leave-one-article-out folds.

The set (``training/data`` in a checkout, ``framing/annotated`` in an installed package) holds
the five seed articles, one record per sentence (``sentences.jsonl``), the boilerplate spans
(``boilerplate.jsonl``) and one record per article (``documents.jsonl``). Two views:

- :func:`load_sentences`: one row per sentence, with mode, reported, mentions, stances and frames;
- :func:`load_pairs`: one row per (sentence, actor mention), carrying the mention's span in the
  sentence text, the actor and the stance toward it.

:func:`loao_folds` splits either view by article: an article is never split between train and test.

Example:
    >>> from framing.data import load_sentences, loao_folds
    >>> sentences = load_sentences()
    >>> [len(test) for _, test in loao_folds(sentences)]  # doctest: +SKIP
    [20, 20, 14, 22, 27]
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from framing._files import packaged_file
from framing.data.jsonl import iter_jsonl, read_jsonl
from framing.data.schema import features
from framing.records import OTHER_SPEAKER, Example, Target

if TYPE_CHECKING:
    import datasets

__all__ = [
    "DataError",
    "annotated_dir",
    "clean_span",
    "features",
    "iter_jsonl",
    "load_boilerplate",
    "load_documents",
    "load_examples",
    "load_pairs",
    "load_sentences",
    "loao_folds",
    "looks_local",
    "read_jsonl",
    "with_context",
]

DATA_FOLDER = "training/data"
_CLOSING = frozenset(".,;:!?)]”’\"'")


def annotated_dir() -> Path:
    """The folder of the annotated set (checkout or installed package)."""
    return packaged_file(DATA_FOLDER, "documents.jsonl").parent


def clean_span(
    raw: str, start: int, end: int, holes: Sequence[tuple[int, int]] = ()
) -> tuple[str, list[int]]:
    """The text of ``raw[start:end]`` without the ``holes`` (boilerplate inside the sentence),
    every run of whitespace collapsed to one space; and the raw offset of each character.

    This is how a sentence's ``text`` is derived from its offsets in the annotated set.
    """
    chars: list[str] = []
    offsets: list[int] = []
    holes = sorted(holes)
    h = 0
    pending_space = -1
    after_hole = False
    i = start
    while i < end:
        if h < len(holes) and holes[h][0] <= i:
            i = max(i, holes[h][1])
            h += 1
            after_hole = True
            continue
        ch = raw[i]
        if ch.isspace() or ch in "\u200b\ufeff":
            if pending_space < 0:
                pending_space = i
        else:
            # no space before closing punctuation left behind by a removed citation
            if pending_space >= 0 and chars and not (after_hole and ch in _CLOSING):
                chars.append(" ")
                offsets.append(pending_space)
            after_hole = False
            pending_space = -1
            chars.append(ch)
            offsets.append(i)
        i += 1
    return "".join(chars), offsets


def _records(name: str, folder: str | Path | None) -> list[dict[str, Any]]:
    base = Path(folder) if folder is not None else annotated_dir()
    return read_jsonl(base / name)


def load_documents(folder: str | Path | None = None) -> datasets.Dataset:
    """One row per article: doc_id, file, outlet, genre, description."""
    import datasets

    return datasets.Dataset.from_list(
        _records("documents.jsonl", folder), features=features("documents")
    )


def load_boilerplate(folder: str | Path | None = None) -> datasets.Dataset:
    """One row per boilerplate span: doc_id, start, end, kind, text."""
    import datasets

    return datasets.Dataset.from_list(
        _records("boilerplate.jsonl", folder), features=features("boilerplate")
    )


def load_sentences(
    folder: str | Path | None = None, *, config: str = "annotated", split: str | None = None
) -> datasets.Dataset:
    """The sentence view: one row per sentence, of the annotated set (``config="annotated"``, from
    ``folder`` or the bundled one), the framing corpus (``"corpus"``, its ``split``: train, dev,
    test or None for all) or the seed set re-labelled with it (``"seed"``); the last two add the
    speaker and each mention's type (:mod:`framing.data.corpus`).

    Columns: id, doc_id, start, end (offsets into the raw article), text (the sentence without
    boilerplate), mode, reported, mentions (start/end in the article, text_start/text_end in
    ``text``, actor, text), stances (actor, stance: one per mentioned actor) and frames
    (supportive_of_iran, critical_of_us, neutral_reporting, computed by
    :func:`framing.labels.frames`).
    """
    if _corpus_config(config, folder):
        from framing.data.corpus import load_corpus_sentences

        return load_corpus_sentences(config, split)
    import datasets

    return datasets.Dataset.from_list(
        _records("sentences.jsonl", folder), features=features("sentences")
    )


def load_pairs(
    folder: str | Path | None = None, *, config: str = "annotated", split: str | None = None
) -> datasets.Dataset:
    """The mention view: one row per (sentence, mention), of ``config`` as for
    :func:`load_sentences`.

    Columns: id (the sentence's), doc_id, text (the sentence), mention_start and mention_end
    (offsets in ``text``), mention (its text), actor, stance (toward that actor in this
    sentence), start and end (the mention in the raw article), mode and reported of the sentence.
    """
    if _corpus_config(config, folder):
        from framing.data.corpus import load_corpus_pairs

        return load_corpus_pairs(config, split)
    import datasets

    return datasets.Dataset.from_list(
        _records("mentions.jsonl", folder), features=features("mentions")
    )


def _corpus_config(config: str, folder: str | Path | None) -> bool:
    """Whether ``config`` names the corpus or the seed set (checked against ``folder``)."""
    if config not in ("annotated", "corpus", "seed"):
        raise ValueError(f"unknown config {config!r}; expected annotated, corpus or seed")
    if config != "annotated" and folder is not None:
        raise ValueError(f"a folder is read only for the annotated set, not for {config!r}")
    return config != "annotated"


def loao_folds(
    dataset: datasets.Dataset, *, by: str = "doc_id"
) -> Iterator[tuple[datasets.Dataset, datasets.Dataset]]:
    """Leave-one-article-out folds: for each article, (all other articles, that article)."""
    column = dataset[by][:]  # a list: a datasets Column is iterated row by row, slowly
    for doc in sorted(set(column)):
        test = [i for i, value in enumerate(column) if value == doc]
        train = [i for i, value in enumerate(column) if value != doc]
        yield dataset.select(train), dataset.select(test)


# -- training examples ---------------------------------------------------------------------------
# The schema users bring their own annotations in (JSONL, CSV or Parquet; in CSV the list columns
# hold JSON): one row per sentence with ``doc_id``, ``text``, ``mode``, ``reported``, ``mentions``
# (``text_start``/``text_end`` offsets into ``text``, ``actor``) and ``stances`` (``actor``,
# ``stance``, one per mentioned actor) — the ``sentences`` view of the bundled set; optionally
# ``speaker`` (an actor id, "other" or null: whose content a reported sentence reports).


LOCAL_SUFFIXES = (".jsonl", ".json", ".csv", ".parquet")


def looks_local(source: str) -> bool:
    """A local path rather than a Hub id ("user/name", which may contain dots)."""
    return (
        source.startswith((".", "/", "~"))
        or source.endswith(LOCAL_SUFFIXES)
        or Path(source).exists()
    )


class DataError(ValueError):
    """A training row is invalid; the message names the file and row."""


def load_examples(source: str = "annotated", *, lexicon=None, split: str = "train",
                  revision: str = "") -> list[Example]:  # fmt: skip
    """Training examples from the bundled set, the corpus (``"corpus"``, the split named by
    ``split``: train, dev, test or all) or its re-labelled seed set (``"seed"``), a local file or
    folder, or a Hub dataset id.

    Each example is a :class:`framing.records.Example`: ``doc_id``, ``text``, ``mode``,
    ``reported``, ``speaker`` (when the row has one), ``mentions``
    (:class:`framing.records.Target`: ``start``, ``end`` in ``text``, ``actor``, ``stance``) and
    ``context`` (the previous row of the same article: rows are read in file order, which is an
    article's order in every bundled set; see :func:`with_context`).

    Raises:
        DataError: a row with an unknown label, offsets outside its text, an actor missing from
            the lexicon, or a speaker that is not null, "other" or a lexicon actor (or is given
            for a sentence that is not reported); the message names the file and row.
        FileNotFoundError: a local source that does not exist.
    """
    from framing.actors import ActorLexicon

    lexicon = lexicon or ActorLexicon.load()
    rows, where = _source_rows(source, split, revision)
    examples = [
        _example(row, number if isinstance(number, str) else f"{where} row {number}", lexicon)
        for number, row in rows
    ]
    return with_context(examples)


def with_context(examples: list[Example]) -> list[Example]:
    """The examples with ``context`` set: the text of the previous example of the same article
    (``doc_id``), in the order given (sentence views list an article's sentences in order); None
    for an article's first sentence. Examples whose ``context`` is already set keep it.

    Example:
        >>> from framing.records import Example
        >>> out = with_context([Example("A.", doc_id="d"), Example("B.", doc_id="d")])
        >>> [ex.context for ex in out]
        [None, 'A.']
    """
    previous: dict[str, str] = {}
    for ex in examples:
        if ex.doc_id is None:
            continue
        if ex.context is None:
            ex.context = previous.get(ex.doc_id)
        previous[ex.doc_id] = ex.text
    return examples


def _source_rows(
    source: str, split: str, revision: str
) -> tuple[list[tuple[int | str, dict]], str]:
    """(row number, or the row's whole location, and the row) of a source, and where it is."""
    if source == "annotated":
        path = annotated_dir() / "sentences.jsonl"
        return list(iter_jsonl(path)), str(path)
    if source in ("corpus", "seed"):
        from framing.data.corpus import corpus_rows

        return corpus_rows(source, split)
    path = Path(source).expanduser()
    if path.is_dir():  # a folder with sentences.jsonl, or a dataset folder with data/ inside
        direct, nested = path / "sentences.jsonl", path / "data" / "sentences.jsonl"
        path = nested if nested.is_file() and not direct.is_file() else direct
    # line readers, not datasets.load_dataset("json"|"csv"): its errors name no line, and pandas
    # reads a CSV's "NA" or "null" as missing and "001" as a number
    if path.suffix in (".jsonl", ".json"):
        return list(iter_jsonl(path)), str(path)
    if path.suffix == ".csv":
        import csv

        with path.open(encoding="utf-8", newline="") as handle:
            rows = []
            for number, row in enumerate(csv.DictReader(handle), 2):
                for key in ("mentions", "stances"):
                    try:
                        row[key] = json.loads(row.get(key) or "[]")
                    except json.JSONDecodeError:
                        raise DataError(f"{path} row {number}: '{key}' is not JSON") from None
                row["reported"] = str(row.get("reported", "")).strip().lower() in (
                    "true",
                    "1",
                    "yes",
                )
                row["speaker"] = (row.get("speaker") or "").strip() or None  # empty: none
                rows.append((number, row))
        return rows, str(path)
    if path.suffix == ".parquet":
        import datasets

        table = datasets.Dataset.from_parquet(str(path))
        return [(i + 1, row) for i, row in enumerate(table)], str(path)
    if path.exists() or looks_local(source):
        raise DataError(
            f"{source}: not a JSONL, CSV or Parquet file, nor a folder with sentences.jsonl"
        )
    import datasets

    try:
        table = datasets.load_dataset(source, "sentences", split=split, revision=revision or None)
    except Exception as err:  # the Hub client raises many kinds; name the source either way
        raise DataError(
            f"could not load the Hub dataset '{source}' (split {split}): {err}"
        ) from err
    return [(i + 1, row) for i, row in enumerate(table)], f"hub:{source}"


def _example(row: dict[str, Any], where: str, lexicon) -> Example:
    try:
        return _checked_example(row, where, lexicon)
    except (KeyError, TypeError, AttributeError) as err:  # a malformed nested value
        raise DataError(f"{where}: malformed row ({type(err).__name__}: {err})") from None


def _checked_example(row: dict[str, Any], where: str, lexicon) -> Example:
    from framing.labels import MODES, STANCES

    for key in ("doc_id", "text", "mode", "reported", "mentions", "stances"):
        if key not in row:
            raise DataError(f"{where}: missing key '{key}'")
    if not isinstance(row["doc_id"], str) or not row["doc_id"].strip():
        raise DataError(f"{where}: 'doc_id' must be a non-empty string, got {row['doc_id']!r}")
    text = row["text"]
    if not isinstance(text, str) or not text.strip():
        raise DataError(f"{where}: empty or non-string 'text'")
    if row["mode"] not in MODES:
        raise DataError(f"{where}: unknown mode {row['mode']!r}; expected one of {MODES}")
    if not isinstance(row["reported"], bool):
        raise DataError(f"{where}: 'reported' must be true or false, got {row['reported']!r}")
    for key in ("mentions", "stances"):
        value = row[key]
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise DataError(f"{where}: '{key}' must be a list of objects, got {value!r}")
    stances = {}
    for entry in row["stances"]:
        actor, stance = entry.get("actor"), entry.get("stance")
        if actor not in lexicon.ids:
            raise DataError(f"{where}: actor {actor!r} is not in the lexicon ({lexicon.source})")
        if stance not in STANCES:
            raise DataError(
                f"{where}: unknown stance {stance!r} toward {actor!r}; expected one of {STANCES}"
            )
        stances[actor] = stance
    mentions = []
    for m in row["mentions"]:
        start = m.get("text_start", m.get("start"))
        end = m.get("text_end", m.get("end"))
        actor = m.get("actor")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            raise DataError(f"{where}: mention offsets ({start}, {end}) outside its text")
        if actor not in lexicon.ids:
            raise DataError(f"{where}: actor {actor!r} is not in the lexicon ({lexicon.source})")
        stance = m.get("stance", stances.get(actor))
        if stance not in STANCES:
            raise DataError(
                f"{where}: no valid stance toward {actor!r} (got {stance!r}); "
                f"expected one of {STANCES}"
            )
        mentions.append(Target(start, end, actor=actor, stance=stance))
    unmentioned = sorted(set(stances) - {m.actor for m in mentions})
    if unmentioned:
        raise DataError(f"{where}: stances for actors with no mention: {unmentioned}")
    speaker = _speaker(row, where, lexicon)
    return Example(text, mentions, doc_id=row["doc_id"], mode=row["mode"],
                   reported=row["reported"], speaker=speaker)  # fmt: skip


def _speaker(row: dict[str, Any], where: str, lexicon) -> str | None:
    """The row's ``speaker`` (the corpus's; absent from the annotated set): null, ``"other"``
    or a lexicon actor id, and only on a sentence whose content is reported.

    Raises:
        DataError: another value, or a speaker of a sentence that is not reported.
    """
    speaker = row.get("speaker")
    if speaker is None:
        return None
    if speaker != OTHER_SPEAKER and speaker not in lexicon.ids:
        raise DataError(
            f"{where}: speaker {speaker!r} is neither null, {OTHER_SPEAKER!r} nor an actor of "
            f"the lexicon ({lexicon.source})"
        )
    if not row["reported"]:
        raise DataError(f"{where}: speaker {speaker!r} on a sentence that is not reported")
    return speaker
