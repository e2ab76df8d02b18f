"""The analysis of one partition of records, the same on every engine: a table of input rows in,
a table of output rows out, with the model loaded once per process.

Ray Data runs :class:`PartitionAnalyzer` in an actor pool (``map_batches``: its ``__init__`` loads
the model once per actor); Spark runs :func:`analyze_partitions` through ``mapInPandas``; the
local engine and ``--num-proc`` analyse the same records in one process. Each engine gets the same
output: the text of an output row's ``analysis`` is exactly the line ``framing analyze --format
jsonl`` writes for that document (without its newline).

Input rows (:data:`INPUT_COLUMNS`, built from reader records by :func:`record_rows`): ``id``;
``text``; ``page``, the JSON of an extracted page's extractor, metadata, warnings and format (or
null); ``meta``, the JSON of the metadata read from the record's columns; ``warnings``, the JSON
list of the record's own warnings; ``error``, why the record could not be read (or null). Output
rows (:data:`OUTPUT_COLUMNS`): ``id``; ``analysis`` (null for a record in error); ``error``;
``warnings``, the JSON list of the document's own analysis warnings, and ``record_warnings``, the
record's (a driver prints them: the record's once per message, as the local engine does); and
the document's metadata, one column per field, for pandas users. A record that fails to analyse
becomes an output row with its ``error``; the rest of its partition is analysed all the same.

    >>> analyze = PartitionAnalyzer("tfidf")                       # doctest: +SKIP
    >>> out = analyze(pd.DataFrame(record_rows(iter_records(["a.txt"]))))  # doctest: +SKIP
    >>> out.loc[0, "analysis"]                                      # doctest: +SKIP
    '{"id": "a.txt", "schema_version": 2, ...}'
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from framing.text.metadata import META_FIELDS

if TYPE_CHECKING:
    import pandas as pd

    from framing.inference.readers import Record
    from framing.text.html import Extracted

__all__ = [
    "INPUT_COLUMNS",
    "OUTPUT_COLUMNS",
    "OUTPUT_SCHEMA",
    "PartitionAnalyzer",
    "analysis_line",
    "analyze_partitions",
    "page_json",
    "page_of",
    "record_rows",
]

INPUT_COLUMNS = ("id", "text", "page", "meta", "warnings", "error")
OUTPUT_COLUMNS = ("id", "analysis", "error", "warnings", "record_warnings", *META_FIELDS)
# the output rows' schema as Spark's mapInPandas takes it (every column a string)
OUTPUT_SCHEMA = ", ".join(f"{name} string" for name in OUTPUT_COLUMNS)


def page_json(page: Extracted) -> str:
    """An extracted page without its text, as JSON (its text travels in the ``text`` column)."""
    return json.dumps(
        {
            "extractor": page.extractor,
            "meta": page.meta.to_dict(),
            "warnings": list(page.warnings),
            "format": page.source_format,
        }
    )


def page_of(text: str, page: str) -> Extracted:
    """The extracted page of ``text`` and its :func:`page_json`."""
    from framing.text.html import Extracted
    from framing.text.metadata import DocumentMeta

    info = json.loads(page)
    meta = DocumentMeta.from_dict(info["meta"])
    return Extracted(
        text, meta, info["extractor"], tuple(info["warnings"]), info.get("format", "html")
    )


def record_rows(records: Iterable[Record]) -> Iterator[dict[str, Any]]:
    """The input rows (:data:`INPUT_COLUMNS`) of reader records, in order."""
    for record in records:
        yield {
            "id": record.id,
            "text": record.text,
            "page": page_json(record.page) if record.page is not None else None,
            "meta": json.dumps(record.meta.to_dict()),
            "warnings": json.dumps(record.warnings),
            "error": record.error,
        }


def analysis_line(ident: str, analysis: Any) -> str:
    """The JSON object ``--format jsonl`` writes for one document (without the newline)."""
    data = analysis if isinstance(analysis, dict) else analysis.to_dict()
    return json.dumps({"id": ident, **data}, ensure_ascii=False)


def _output_row(ident: str, *, analysis: Any = None, error: str | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {"id": ident, "analysis": None, "error": error}
    row.update(warnings="[]", record_warnings="[]")
    row.update(dict.fromkeys(META_FIELDS))
    if analysis is not None:
        data = analysis.to_dict()
        row["analysis"] = analysis_line(ident, data)
        row.update({name: data["metadata"].get(name) for name in META_FIELDS})
    return row


class PartitionAnalyzer:
    """Analyses partitions of input rows with one model, loaded once (in ``__init__``).

    Args:
        model: a model folder, a training run, a Hub id or ``tfidf``; None for the bundled one.
        batch_size: sentences per model call.
        threads: intra-op threads of the model's runtime (torch; onnxruntime reads
            ``OMP_NUM_THREADS`` when it loads): an actor's CPUs, so that workers sharing a
            machine do not oversubscribe its cores. None leaves the runtime's default.

    Example:
        >>> import ray                                                    # doctest: +SKIP
        >>> ds.map_batches(PartitionAnalyzer, fn_constructor_args=("tfidf",),
        ...                batch_format="pandas", compute=ray.data.ActorPoolStrategy(size=2))
    """

    def __init__(
        self, model: str | None = None, batch_size: int = 1024, threads: int | None = None
    ) -> None:
        import os

        from framing.inference.analyzer import load

        if threads is not None:
            os.environ["OMP_NUM_THREADS"] = str(threads)  # read by onnxruntime's session below
            try:
                import torch

                torch.set_num_threads(threads)
            except ImportError:  # an ONNX model is served without torch
                pass
        self.analyzer = load(model)
        self.batch_size = batch_size

    def __call__(self, batch: pd.DataFrame | dict[str, Any]) -> pd.DataFrame:
        """The output rows of a partition's input rows, in order (a DataFrame or a dict of
        columns in)."""
        import pandas as pd

        frame = batch if isinstance(batch, pd.DataFrame) else pd.DataFrame(dict(batch))
        rows = frame.to_dict("records")
        return pd.DataFrame(self.rows(rows), columns=list(OUTPUT_COLUMNS), dtype=object)

    def rows(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The output rows of a list of input rows (dicts of :data:`INPUT_COLUMNS`)."""
        out: list[dict[str, Any] | None] = [None] * len(rows)
        todo = []
        for i, row in enumerate(rows):
            error = _missing(row.get("error"))
            if error is not None:
                out[i] = _output_row(str(row["id"]), error=error)
            else:
                todo.append(i)
        documents = [self._document(rows[i]) for i in todo]
        try:
            analyses = self.analyzer.analyze_many(
                [d for d, _ in documents],
                batch_size=self.batch_size,
                metadata=[m for _, m in documents],
            )
        except Exception:  # one record broke the batch: the others are analysed one by one
            analyses = [self._one(document, meta) for document, meta in documents]
        for i, analysis in zip(todo, analyses, strict=True):
            ident = str(rows[i]["id"])
            if isinstance(analysis, Exception):
                reason = f"analysis failed ({type(analysis).__name__}: {analysis})"
                out[i] = _output_row(ident, error=reason)
                continue
            own = json.dumps(analysis.warnings)  # the document's own, before the record's
            record = _missing(rows[i].get("warnings")) or "[]"
            analysis.warnings += json.loads(record)
            row = _output_row(ident, analysis=analysis)
            out[i] = {**row, "warnings": own, "record_warnings": record}
        return out  # type: ignore[return-value]

    @staticmethod
    def _document(row: dict[str, Any]) -> tuple[Any, Any]:
        from framing.text.metadata import DocumentMeta

        text = row["text"]
        page = _missing(row.get("page"))
        document = page_of(text, page) if page is not None else text
        meta = _missing(row.get("meta"))
        return document, DocumentMeta.from_dict(json.loads(meta)) if meta else None

    def _one(self, document: Any, meta: Any) -> Any:
        try:
            return self.analyzer.analyze_many([document], self.batch_size, metadata=[meta])[0]
        except Exception as err:
            return err


def _missing(value: Any) -> Any:
    """None for a missing cell (pandas gives NaN or None for a null string)."""
    return None if value is None or (isinstance(value, float) and value != value) else value


def analyze_partitions(
    frames: Iterable[pd.DataFrame], model: str | None = None, batch_size: int = 1024
) -> Iterator[pd.DataFrame]:
    """The output rows of each DataFrame of input rows, in order, with one model loaded once:
    the function Spark's ``mapInPandas`` takes.

    Example:
        >>> from functools import partial                               # doctest: +SKIP
        >>> spark_df.mapInPandas(partial(analyze_partitions, model="tfidf"),
        ...                      schema=OUTPUT_SCHEMA)
    """
    analyze = None
    for frame in frames:
        if analyze is None:
            analyze = PartitionAnalyzer(model, batch_size)
        yield analyze(frame)
