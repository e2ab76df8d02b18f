"""The summary of a document from its analysed sentences: genre, stance toward each actor, frames.

The rules are those of the annotated set (:mod:`framing.labels`): the genre is opinion when more
than half of the sentences are (:func:`~framing.labels.genre`); each sentence counts once per
actor, with the stance :func:`~framing.labels.actor_stances` gives it; frames are counted per
sentence.
"""

from __future__ import annotations

from typing import Any

from framing.actors import ActorLexicon
from framing.inference.prepare import Prepared
from framing.inference.results import DocumentAnalysis, SentenceAnalysis
from framing.labels import FRAMES, STANCES, genre, opinion_share, stance_shares
from framing.text.dateline import REACH, iter_datelines

__all__ = ["lead_dateline", "summarise"]

# a story's dateline opens it: looked for up to the end of its first few sentences (a page's
# headline, standfirst and byline may come first)
_LEAD_SENTENCES = 5


def summarise(
    sentences: list[SentenceAnalysis], doc: Prepared, lexicon: ActorLexicon, model: dict[str, str]
) -> DocumentAnalysis:
    """The document's analysis: its sentences and their summary.

    Args:
        sentences: the analysed sentences, in order.
        doc: the prepared document (its raw text, what cleaning removed, warnings).
        lexicon: names the actors.
        model: the model's family and source, shown in the results.

    Returns:
        The genre (with the share of opinion sentences), per-actor stance counts and shares (one
        stance per actor per sentence), frame counts and shares, and the dominant frames (ties
        kept).
    """
    n = len(sentences)
    share = opinion_share([s.mode for s in sentences])
    actors: dict[str, dict[str, Any]] = {}
    seen: dict[str, list[str]] = {}  # actor -> its stance in each sentence that mentions it
    for s in sentences:
        for actor, stance in s.stances.items():
            entry = actors.setdefault(
                actor,
                {
                    "name": _name(lexicon, actor),
                    "mentions": 0,
                    "sentences": 0,
                    "counts": dict.fromkeys(STANCES, 0),
                    "shares": {},
                },
            )
            entry["sentences"] += 1
            entry["counts"][stance] += 1
            seen.setdefault(actor, []).append(stance)
        for m in s.mentions:
            actors[m.actor]["mentions"] += 1
    for actor, entry in actors.items():
        entry["shares"] = stance_shares(seen[actor])
    counts = {f: sum(s.frames[f] for s in sentences) for f in FRAMES}
    top = max(counts.values(), default=0)
    return DocumentAnalysis(
        sentences=sentences,
        genre=genre(share),
        genre_score=share,
        actors=dict(sorted(actors.items(), key=lambda kv: (-kv[1]["mentions"], kv[0]))),
        frames={f: {"sentences": c, "share": c / n if n else 0.0} for f, c in counts.items()},
        dominant_frames=[f for f, c in counts.items() if top and c == top],
        removed=doc.removed,
        text_length=len(doc.raw),
        model=model,
        warnings=doc.warnings,
        text=doc.raw,
        dateline=lead_dateline(doc.raw, [(s.start, s.end) for s in sentences]),
    )


def lead_dateline(text: str, spans: list[tuple[int, int]]) -> dict[str, Any] | None:
    """The dateline that opens the story (:mod:`framing.text.dateline`): one that is the start
    of one of the first few sentences (``spans``: their offsets into ``text``), so never one in
    what cleaning removed; as the schema's ``dateline``, or None when there is none.

    Example:
        >>> lead_dateline("CAIRO – Talks began.", [(0, 7), (8, 20)])["place"]
        'CAIRO'
    """
    lead = spans[:_LEAD_SENTENCES]
    if not lead:
        return None
    starts = {a for a, _ in lead}
    # the story after a dateline is read to tell it from a headline's dash
    window = text[: lead[-1][1] + REACH]
    found = next((d for d in iter_datelines(window) if d.start in starts), None)
    if found is None:
        return None
    return {
        "text": found.text,
        "place": found.place,
        "agency": found.agency,
        "date": found.date,
        "start": found.start,
        "end": found.end,
    }


def _name(lexicon: ActorLexicon, actor: str) -> str:
    try:
        return lexicon.actor(actor).name
    except KeyError:
        return actor
