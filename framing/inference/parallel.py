"""How ``python -m framing analyze`` runs: across processes (``--num-proc``, through
``datasets.map``), and stopped by SIGTERM the way Ctrl-C stops it.

A terminated run raises :class:`Terminated` (a ``KeyboardInterrupt``) in the main process, so the
output is cut back to whole documents and the run exits 143; a ``--num-proc`` worker, forked from
it, dies of SIGTERM as it would by default.

    >>> analyze_rows({"text": ["Iran said no."]}, None, batch_size=1024)  # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
from collections.abc import Iterator
from typing import Any

__all__ = [
    "Terminated",
    "analyze_in_processes",
    "analyze_rows",
    "interruption",
    "share_analyzer",
    "sigterm_interrupts",
]

# the analyzer of each process of a --num-proc run, by model; filled in the parent before the
# workers fork, so they share its memory instead of loading the model again
_ANALYZERS: dict[str, Any] = {}


def share_analyzer(model: str | None, analyzer: Any) -> None:
    """Use ``analyzer`` for ``model`` in this process and in the workers it forks."""
    _ANALYZERS[model or ""] = analyzer


def analyze_rows(rows: dict[str, list], model: str | None, batch_size: int) -> dict[str, list]:
    """``datasets.map`` function: the analyses of a batch of texts, as JSON. Optional columns:
    ``meta`` (a JSON object of metadata per text) and ``page`` (a JSON object of an extracted
    HTML page's extractor, metadata and warnings, or null: its text is ``text``)."""
    from framing.inference.partition import page_of

    key = model or ""
    if key not in _ANALYZERS:
        from framing.inference.analyzer import load

        _ANALYZERS[key] = load(model)
    texts: list[Any] = list(rows["text"])
    for i, page in enumerate(rows.get("page") or []):
        if page is not None:
            texts[i] = page_of(texts[i], page)
    metas = [json.loads(m) for m in rows["meta"]] if "meta" in rows else None
    docs = _ANALYZERS[key].analyze_many(texts, batch_size=batch_size, metadata=metas)
    return {"analysis": [d.to_json() for d in docs]}


def analyze_in_processes(
    texts: list[Any],
    model: str | None,
    batch_size: int,
    num_proc: int,
    metadata: list[Any] | None = None,
) -> list[dict[str, Any]]:
    """Analyses of ``texts`` in ``num_proc`` processes through ``datasets.map``, in input order.

    ``texts`` are strings or extracted HTML pages (:class:`~framing.text.html.Extracted`);
    ``metadata`` one :class:`~framing.text.metadata.DocumentMeta` (or None) per text. A cluster
    engine (Ray Data, Spark) runs :mod:`framing.inference.partition` instead.
    """
    import datasets

    from framing.inference.partition import page_json
    from framing.text.html import Extracted

    datasets.disable_progress_bars()
    columns: dict[str, list[Any]] = {"text": [getattr(t, "text", t) for t in texts]}
    if any(isinstance(t, Extracted) for t in texts):
        columns["page"] = [page_json(t) if isinstance(t, Extracted) else None for t in texts]
    if metadata is not None:
        columns["meta"] = [json.dumps(m.to_dict() if m else {}) for m in metadata]
    table = datasets.Dataset.from_dict(columns)
    out = table.map(
        analyze_rows,
        batched=True,
        batch_size=max(1, -(-len(texts) // num_proc)),
        num_proc=min(num_proc, len(texts)),
        fn_kwargs={"model": model, "batch_size": batch_size},
        remove_columns=list(columns),
        load_from_cache_file=False,
        keep_in_memory=True,
    )
    return [json.loads(a) for a in out["analysis"]]


class Terminated(KeyboardInterrupt):
    """Raised by the SIGTERM handler: a terminated run stops like an interrupted one."""


def interruption(err: KeyboardInterrupt) -> tuple[str, int]:
    """How a stopped run is reported: ``terminated`` and 143 (SIGTERM) or ``interrupted`` and
    130 (Ctrl-C)."""
    return ("terminated", 143) if isinstance(err, Terminated) else ("interrupted", 130)


def _on_sigterm(pid: int) -> Any:
    """A SIGTERM handler raising :class:`Terminated` in process ``pid``; in a process forked
    from it (a ``--num-proc`` worker) SIGTERM does what it does by default."""

    def handler(signum: int, frame: Any) -> None:
        if os.getpid() != pid:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        raise Terminated

    return handler


@contextlib.contextmanager
def sigterm_interrupts() -> Iterator[None]:
    """Within the block, SIGTERM raises :class:`Terminated` in this process (the main thread's);
    the previous handler is put back after it."""
    previous = signal.getsignal(signal.SIGTERM)
    signal.signal(signal.SIGTERM, _on_sigterm(os.getpid()))
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)
