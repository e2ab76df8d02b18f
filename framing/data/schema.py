"""The ``datasets`` schemas of the annotated set's and the framing corpus's views (the dataset
card declares the same)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import datasets

__all__ = ["corpus_features", "features"]


def features(view: str) -> datasets.Features:
    """The schema of a view of the annotated set: ``sentences``, ``mentions``, ``documents`` or
    ``boilerplate`` (the dataset card declares the same)."""
    from datasets import Features, Value

    string, integer, flag = Value("string"), Value("int64"), Value("bool")
    schemas = {
        "sentences": {
            "id": string,
            "doc_id": string,
            "start": integer,
            "end": integer,
            "text": string,
            "mode": string,
            "reported": flag,
            "mentions": [
                {
                    "start": integer,
                    "end": integer,
                    "actor": string,
                    "text": string,
                    "text_start": integer,
                    "text_end": integer,
                }
            ],
            "stances": [{"actor": string, "stance": string}],
            "frames": {
                "supportive_of_iran": flag,
                "critical_of_us": flag,
                "neutral_reporting": flag,
            },
        },
        "mentions": {
            "id": string,
            "doc_id": string,
            "text": string,
            "mention_start": integer,
            "mention_end": integer,
            "mention": string,
            "actor": string,
            "stance": string,
            "start": integer,
            "end": integer,
            "mode": string,
            "reported": flag,
        },
        "documents": {
            "doc_id": string,
            "file": string,
            "outlet": string,
            "genre": string,
            "description": string,
        },
        "boilerplate": {
            "doc_id": string,
            "start": integer,
            "end": integer,
            "kind": string,
            "text": string,
        },
    }
    if view not in schemas:
        raise ValueError(f"unknown view {view!r}; expected one of {sorted(schemas)}")
    return Features(schemas[view])


def corpus_features(view: str) -> datasets.Features:
    """The schema of a view of the corpus: ``sentences``, ``mentions`` or ``documents``.

    The annotated set's (:func:`framing.data.features`) plus the speaker of reported content and
    each mention's type; the documents carry their provenance, terms of use and split."""
    from datasets import Features, List, Value

    string, flag = Value("string"), Value("bool")

    def extended(view: str, after: str, extra: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in features(view).items():
            out[key] = value
            if key == after:
                out.update(extra)
        return out

    if view == "sentences":
        schema = extended("sentences", "reported", {"speaker": string})
        schema["mentions"] = List({**schema["mentions"].feature, "type": string})
    elif view == "mentions":
        schema = extended("mentions", "mention", {"mention_type": string})
        schema["speaker"] = string
    elif view == "documents":
        schema = {"doc_id": string, "file": string, "url": string, "outlet": string,
                  "slant_group": string, "date": string, "genre": string, "title": string,
                  "topic": string, "query": string, "terms": string, "redistributable": flag,
                  "split": string}  # fmt: skip
    else:
        raise ValueError(f"unknown view {view!r}; expected sentences, mentions or documents")
    return Features(schema)
