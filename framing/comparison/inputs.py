"""What a comparison is given: analyses, or articles it analyses first.

``framing compare articles/ --by outlet --output DIR`` takes the inputs ``framing analyze``
takes (text, HTML and PDF files, folders of them, CSV or JSONL files with a text column), reads
them with the same reader (:func:`framing.inference.readers.iter_records`, with the same
options: :class:`AnalyzeOptions`), analyses them with the same analyzer, and keeps the analyses in
``DIR/analyses.jsonl`` so that ``framing compare DIR/analyses.jsonl ...`` compares them again
without analysing. A record that cannot be read (an empty file, a PNG named ``.txt``) is a
skipped document of the comparison, named and counted.

Which paths are analyses is decided per path by :func:`~framing.comparison.files.holds_analyses`
(a Parquet file; a JSONL file whose first line has ``schema_version``; a folder holding either),
or for all of them by ``analyze``: True analyses every path, False reads every one as analyses.
A path that does not exist is an analysis path, so that it is reported as missing before
anything is analysed. The analyses read come first, then those of the articles.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from framing.comparison.files import holds_analyses
from framing.comparison.groups import Item, iter_items
from framing.text.html import DEFAULT_EXTRACTOR

__all__ = [
    "ANALYSES_FILE",
    "AnalyzeOptions",
    "analyzed_items",
    "comparison_items",
    "holds_articles",
]

# the file in the output folder that keeps the analyses of the articles given
ANALYSES_FILE = "analyses.jsonl"


@dataclass(frozen=True)
class AnalyzeOptions:
    """How articles are read and analysed: ``framing analyze``'s options of the same names.

    Example:
        >>> AnalyzeOptions(meta_fields={"outlet": "source", "slant_group": "slant"}).text_field
        'text'
    """

    model: str | None = None
    text_field: str = "text"
    id_field: str = ""
    meta_fields: Mapping[str, str] = field(default_factory=dict)
    input_format: str = "auto"
    extractor: str = DEFAULT_EXTRACTOR
    batch_size: int = 1024
    docs_per_batch: int = 32

    def __post_init__(self) -> None:
        if self.batch_size < 1 or self.docs_per_batch < 1:
            raise ValueError(
                f"batch_size and docs_per_batch must be >= 1, got {self.batch_size} and "
                f"{self.docs_per_batch}"
            )


def holds_articles(path: Path, analyze: bool | None = None) -> bool:
    """Whether ``path`` is analysed first (``analyze`` None: decided by the path, as the module
    docstring says; True: every path is; False: none is).

    Raises:
        ValueError: ``framing analyze``'s per-sentence CSV output (not articles); a folder of
            analyses and articles both.

    Example:
        >>> [holds_articles(Path(p)) for p in ("results.jsonl", "articles/")]  # doctest: +SKIP
        [False, True]
    """
    if path.suffix.lower() == ".csv" and _is_sentence_table(path):
        raise ValueError(
            f"{path}: this is framing analyze's csv output (one row per sentence, not per "
            "article): give compare the jsonl or parquet output of analyze, or the articles"
        )
    if analyze is not None:
        return analyze
    return path.exists() and not holds_analyses(path)


def _is_sentence_table(path: Path) -> bool:
    """Whether a CSV file's header is that of ``framing analyze --format csv``."""
    import csv

    from framing.inference.writers import CSV_COLUMNS

    try:
        with open(path, encoding="utf-8", errors="replace", newline="") as handle:
            header = next(csv.reader(handle), [])
    except OSError:
        return False
    return {"sentence", "p_opinion", "p_reported"} <= set(header) and header[0] == CSV_COLUMNS[0]


def analyzed_items(
    articles: list[str],
    options: AnalyzeOptions | None = None,
    keep: str | Path | None = None,
    analyzer: Any = None,
    warn: Callable[[str], None] | None = None,
) -> Iterator[Item]:
    """The analyses of the articles, as they are made (``options.docs_per_batch`` documents at a
    time); each written to ``keep`` (a JSONL file, as ``framing analyze`` writes it) when given.

    Args:
        articles: the inputs (what ``framing analyze`` takes, standard input aside).
        options: how they are read and analysed.
        keep: the JSONL file the analyses are written to, or None (kept in memory only).
        analyzer: an :class:`~framing.Analyzer` to use (default: ``options.model`` loaded).
        warn: called with each document's warnings (``ID: warning``; a record's own, such as a
            metadata column missing from the file, once per message), as ``framing analyze``
            prints them.

    Raises:
        ValueError: ``keep`` would overwrite an input, or its folder is missing; a model that
            cannot be loaded (:class:`~framing.ModelError`).
        OSError: ``keep`` cannot be written (:class:`~framing.inference.writers.OutputError`).
    """
    from framing.inference.analyzer import load
    from framing.inference.output_check import output_problem
    from framing.inference.readers import iter_records
    from framing.inference.writers import OutputError, open_writer

    options = options or AnalyzeOptions()
    if keep is not None and (problem := output_problem(str(keep), "jsonl", articles)):
        raise ValueError(problem)
    records = iter_records(
        articles,
        options.text_field,
        options.id_field,
        input_format=options.input_format,
        meta_fields=dict(options.meta_fields),
        extractor=options.extractor,
    )
    analyzer = analyzer or load(options.model)
    try:
        writer = open_writer(str(keep), "jsonl") if keep is not None else None
    except OutputError as err:
        raise OSError(str(err)) from err
    batch: list[Any] = []
    said: set[str] = set()

    def analysed() -> Iterator[Item]:
        docs = analyzer.analyze_many(
            [r.document for r in batch],
            batch_size=options.batch_size,
            metadata=[r.meta for r in batch],
        )
        for record, doc in zip(batch, docs, strict=True):
            if warn is not None:
                for warning in doc.warnings:
                    warn(f"{record.id}: {warning}")
                for warning in record.warnings:
                    if warning not in said:
                        said.add(warning)
                        warn(f"{record.id}: {warning}")
            doc.warnings += record.warnings  # a metadata column missing, ...: as analyze keeps it
            if writer is not None:
                writer.write(record.id, doc)
            yield Item(record.id, doc, file=None if keep is None else str(keep), ident=record.id)
        if writer is not None:
            writer.flush()
        batch.clear()

    try:
        for record in records:
            if record.error is not None:
                yield Item(record.id, error=record.error)
                continue
            batch.append(record)
            if len(batch) >= options.docs_per_batch:
                yield from analysed()
        if batch:
            yield from analysed()
    except OutputError as err:
        raise OSError(str(err)) from err
    finally:
        if writer is not None:
            writer.close()


def comparison_items(
    analyses: Iterable[Any] | str | Path,
    analyze: bool | None = None,
    options: AnalyzeOptions | None = None,
    keep: str | Path | None = None,
    warn: Callable[[str], None] | None = None,
) -> Iterator[Item]:
    """Every document of a comparison: the analyses read from ``analyses`` (a path, or an
    iterable of paths and Python objects: :func:`~framing.comparison.groups.iter_items`), then
    those made of the paths that hold articles (:func:`holds_articles`, :func:`analyzed_items`).
    """
    if isinstance(analyses, str | Path) and not str(analyses).lstrip().startswith("{"):
        analyses = [Path(analyses)]
    read: list[Any] = []
    articles: list[str] = []
    for entry in analyses:
        if isinstance(entry, str) and not entry.lstrip().startswith("{"):
            entry = Path(entry)  # a path given as a string, not a JSON line
        if isinstance(entry, Path) and holds_articles(entry, analyze):
            articles.append(str(entry))
        else:
            read.append(entry)
    yield from iter_items(read)
    if articles:
        yield from analyzed_items(articles, options, keep, warn=warn)
