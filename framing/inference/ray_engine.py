"""``framing analyze --engine ray``: the same analysis through Ray Data, on this machine or a
cluster (``pip install 'framing[ray]'``).

The inputs are read in Ray read tasks (:class:`RecordsDatasource`: the readers of the local
engine, one task per input path or run of paths, so a cluster reads them from shared storage) or,
with ``--ray-read``, by Ray Data's own ``read_json`` (JSONL files or
URIs; ``--id-field`` names the documents). Each block of records is analysed by
:class:`~framing.inference.partition.PartitionAnalyzer` in a pool of actors (``map_batches``: the
model is loaded once per actor, its runtime given the actor's CPUs as threads), and the results
come back to the driver in input order (``preserve_order``), streamed a block at a time, so memory
stays flat however long the input is. The driver writes them with the local engine's writers:
the same bytes in the same order.

    framing analyze articles/ --engine ray --workers 2 --output out.jsonl
    framing analyze s3://bucket/news/ --engine ray --ray-address auto --ray-read \\
        --id-field id --format parquet --output /shared/out/
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import ray
import ray.data
from ray.data.block import BlockMetadata
from ray.data.datasource import Datasource, ReadTask
from ray.exceptions import RayError

from framing.inference.partition import INPUT_COLUMNS, PartitionAnalyzer, record_rows
from framing.inference.readers import iter_records, row_record

__all__ = [
    "RayError",
    "RayRun",
    "RecordsDatasource",
    "analyzed_batches",
    "native_dataset",
    "root_cause",
    "start_ray",
]

# read tasks of the local engine's readers, at most, and at most this many at a time: they take
# no CPU from the actors, so without a bound Ray would start a process for each at once
MAX_READ_TASKS = 200
READ_CONCURRENCY = 2


@dataclass(frozen=True)
class RayRun:
    """How a run uses Ray.

    Attributes:
        address: the cluster to join (``auto``: the one ``ray start`` began here), or None to
            start a local instance for the run.
        workers: actors analysing (None: one per CPU Ray reports).
        threads: intra-op threads (and CPUs) of each actor (None: the CPUs over the workers).
        native_read: JSONL/Parquet inputs read by Ray Data's own readers.
        docs_per_block: documents per block read and per ``map_batches`` call.
    """

    address: str | None = None
    workers: int | None = None
    threads: int | None = None
    native_read: bool = False
    docs_per_block: int = 32


def start_ray(address: str | None) -> bool:
    """Connect to Ray (a running instance in this process, the cluster at ``address``, or a new
    local one); whether this call started it (and so must shut it down). Progress bars and log
    lines of Ray Data are ours to show: the driver's bar counts documents."""
    started = False
    logging.getLogger("ray.data").setLevel(logging.ERROR)  # our bar and messages only
    if not ray.is_initialized():
        ray.init(
            address=address,
            include_dashboard=False,
            logging_level=logging.WARNING,
            log_to_driver=False,
        )
        started = True
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True  # output in input order
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    return started


class RecordsDatasource(Datasource):
    """The local engine's inputs (files, folders, ``.jsonl``, ``.csv``, standard input given as
    bytes) read in Ray read tasks, one task per path, as blocks of input rows
    (:data:`~framing.inference.partition.INPUT_COLUMNS`) in order."""

    def __init__(
        self,
        paths: list[str],
        reading: dict[str, Any],
        docs_per_block: int = 32,
        stdin: bytes | None = None,
    ) -> None:
        self.paths = list(paths)
        self.reading = dict(reading)
        # relative paths are the driver's: a worker (on another node, or started elsewhere)
        # reads them from the driver's folder, as shared storage mounts it there
        self.folder = os.getcwd()
        self.docs_per_block = docs_per_block
        self.stdin = stdin

    def estimate_inmemory_data_size(self) -> int | None:
        return None

    def get_read_tasks(self, parallelism: int, **_: Any) -> list[ReadTask]:
        # consecutive paths share a task when there are many (thousands of files named one by
        # one): a task per path would cost more to schedule than to read
        step = max(1, -(-len(self.paths) // MAX_READ_TASKS))
        return [
            ReadTask(
                self._reader(self.paths[i : i + step]),
                BlockMetadata(None, None, None, None, None),
            )
            for i in range(0, len(self.paths), step)
        ]

    def _reader(self, paths: list[str]) -> Any:
        reading, size, stdin, folder = self.reading, self.docs_per_block, self.stdin, self.folder

        def read() -> Iterator[Any]:
            import io

            import pandas as pd

            with contextlib.suppress(OSError):  # a node without the folder: paths as given
                os.chdir(folder)
            source = io.BytesIO(stdin) if "-" in paths and stdin is not None else None
            rows = []
            for row in record_rows(iter_records(paths, stdin=source, **reading)):
                rows.append(row)
                if len(rows) >= size:
                    yield pd.DataFrame(rows, columns=list(INPUT_COLUMNS))
                    rows = []
            if rows:
                yield pd.DataFrame(rows, columns=list(INPUT_COLUMNS))

        return read


def _native_rows(batch: Any, reading: dict[str, Any]) -> Any:
    """Input rows of a batch read by Ray Data (an Arrow table with a ``path`` column)."""
    import pandas as pd

    records = (
        row_record({k: v for k, v in row.items() if k != "path"}, row["path"], **reading)
        for row in batch.to_pylist()
    )
    return pd.DataFrame(list(record_rows(records)), columns=list(INPUT_COLUMNS))


def native_dataset(paths: list[str], reading: dict[str, Any]) -> ray.data.Dataset:
    """JSONL files (or folders, or URIs of them) read by Ray Data itself, as input rows. A line
    Ray cannot parse stops the run (Ray's reader has no per-line errors): framing's readers,
    without ``--ray-read``, name it and go on.

    Raises:
        ValueError: a Parquet path (read without ``--ray-read``), or no ``id_field`` (a row read
            by Ray has no line number to be named by).
    """
    if not reading.get("id_field"):
        raise ValueError("--ray-read needs --id-field: rows read by Ray Data have no line numbers")
    if any(p.rstrip("/").lower().endswith(".parquet") for p in paths):
        # Ray Data lists Parquet files in a task that needs a whole CPU, which the actors hold:
        # the run would wait forever. framing's readers read Parquet in read tasks that need none
        raise ValueError(
            "--ray-read reads JSONL (files, folders, URIs): leave it out for Parquet inputs, "
            "which framing's readers then read in Ray read tasks"
        )
    ds = ray.data.read_json(paths, lines=True, include_paths=True, num_cpus=0)
    return ds.map_batches(_native_rows, fn_kwargs={"reading": reading}, batch_format="pyarrow")


def analyzed_batches(
    ds: ray.data.Dataset, model: str | None, batch_size: int, run: RayRun
) -> Iterator[Any]:
    """The output rows of ``ds``'s input rows, DataFrames in input order, analysed by a pool of
    ``run.workers`` actors each loading ``model`` once."""
    cpus = int(ray.cluster_resources().get("CPU", 1))
    # an actor runs on one node: its threads cannot be more than the largest node's CPUs
    node_cpus = max(
        (int(n.get("Resources", {}).get("CPU", 0)) for n in ray.nodes() if n.get("Alive")),
        default=cpus,
    )
    workers = run.workers or max(1, cpus)
    threads = run.threads or max(1, min(node_cpus, cpus // workers))
    if threads > node_cpus:
        raise ValueError(
            f"--threads-per-worker {threads}: no node has that many CPUs (the largest has "
            f"{node_cpus}); an actor would wait for one forever"
        )
    out = ds.map_batches(
        PartitionAnalyzer,
        fn_constructor_kwargs={"model": model, "batch_size": batch_size, "threads": threads},
        batch_size=run.docs_per_block,
        batch_format="pandas",
        compute=ray.data.ActorPoolStrategy(size=workers),
        num_cpus=threads,
    )
    yield from out.iter_batches(batch_size=None, batch_format="pandas", prefetch_batches=1)


def input_dataset(
    paths: list[str], reading: dict[str, Any], run: RayRun, stdin: bytes | None = None
) -> ray.data.Dataset:
    """The input rows of a run: read by Ray Data (``run.native_read``) or by the local engine's
    readers in Ray read tasks (light: they leave the CPUs to the actors)."""
    if run.native_read:
        return native_dataset(paths, reading)
    source = RecordsDatasource(paths, reading, run.docs_per_block, stdin)
    # no CPU reserved: the actors hold them all, and a read task mostly waits on files
    return ray.data.read_datasource(source, num_cpus=0, concurrency=READ_CONCURRENCY)


def root_cause(err: BaseException) -> str:
    """The first line of what made a Ray task or actor fail (a model that cannot be loaded,
    ...), without Ray's wrapping."""
    cause = getattr(err, "cause", None) or err.__cause__ or err
    if cause is not err and isinstance(cause, BaseException):
        return root_cause(cause) if isinstance(cause, RayError) else _first_line(cause)
    return _first_line(err)


def _first_line(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    last = [line for line in text if line.strip()][-1:] or [type(err).__name__]
    return f"{type(err).__name__}: {last[0].strip()}"


def decode_list(value: Any) -> list[str]:
    """A JSON list column's value (null: empty)."""
    return json.loads(value) if isinstance(value, str) else []
