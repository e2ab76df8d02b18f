"""The actor lexicon (:class:`ActorLexicon`) and mention finding (:class:`Mention`, a
:class:`framing.records.Span` of the text searched).

Actors and their aliases live in ``configs/actors.yaml`` (shipped inside the package as well); the
annotated set is checked against the same file. Users extend it at run time::

    lexicon = ActorLexicon.load().with_actor("russia", "Russia", ["Russia", "Russian", "Moscow"])
    lexicon.find("Moscow and Tehran signed a deal.")

Besides names, the lexicon holds *labels*: words such as "the regime" or "the Resistance" that
stand for one of a few actors, whichever the context names. A label found in ``text[start:end]``
is resolved to the nearest name of an actor of its list that starts at most
:data:`LABEL_WINDOW` characters before it (inside the span or in the text before ``start``), else
to the first such name that starts at most :data:`LABEL_WINDOW` characters after it, inside the
span; with neither, it is no mention. Phrases listed as *not mentions* ("regime change", "the
sanctions regime", "National Council of Resistance") are read as a whole and give nothing.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from framing._files import packaged_file
from framing.records import Span

__all__ = ["Actor", "ActorLexicon", "Label", "Mention"]

DEFAULT_LEXICON = ("configs", "actors.yaml")
LABEL_WINDOW = 600  # how far from a label (in characters) the name that resolves it may start
_ID = re.compile(r"[a-z][a-z0-9_]*")


@dataclass(frozen=True)
class Label:
    """Words that stand for one of ``actors``, whichever the context names (see the module)."""

    aliases: tuple[str, ...]
    actors: tuple[str, ...]


@dataclass(frozen=True)
class Actor:
    """An actor: an id used in labels, a display name and the names that refer to it."""

    id: str
    name: str
    aliases: tuple[str, ...]
    description: str = ""


@dataclass(frozen=True)
class Mention(Span):
    """A mention of an actor: ``text[start:end]`` is the alias that was found; ``to_dict``
    gives start, end, actor and text."""

    actor: str
    text: str


@dataclass(frozen=True)
class ActorLexicon:
    """Actors and a matcher for their aliases (case-sensitive, whole words, longest first).

    Example:
        >>> lexicon = ActorLexicon.load()
        >>> [(m.text, m.actor) for m in lexicon.find("Tehran and Washington traded barbs.")]
        [('Tehran', 'iran'), ('Washington', 'united_states')]
    """

    actors: tuple[Actor, ...]
    source: str = "<memory>"
    labels: tuple[Label, ...] = ()
    not_mentions: tuple[str, ...] = ()
    _by_alias: dict[str, str] = field(init=False, repr=False, compare=False)
    _label_of: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)
    _longest: int = field(init=False, repr=False, compare=False)
    _ignored: frozenset[str] = field(init=False, repr=False, compare=False)
    _pattern: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_alias: dict[str, str] = {}
        seen_ids: set[str] = set()
        for actor in self.actors:
            if not _ID.fullmatch(actor.id):
                raise ValueError(
                    f"{self.source}: actor id {actor.id!r} must be lower case letters, digits, _"
                )
            if actor.id in seen_ids:
                raise ValueError(f"{self.source}: actor id {actor.id!r} appears twice")
            seen_ids.add(actor.id)
            for alias in actor.aliases:
                if not alias.strip():
                    raise ValueError(f"{self.source}: actor {actor.id!r} has an empty alias")
                owner = by_alias.get(alias)
                if owner is not None and owner != actor.id:
                    raise ValueError(
                        f"{self.source}: alias {alias!r} belongs to both {owner!r} and {actor.id!r}"
                    )
                by_alias[alias] = actor.id
        label_of: dict[str, tuple[str, ...]] = {}
        for number, label in enumerate(self.labels):
            where = f"{self.source}: labels[{number}]"
            unknown = [a for a in label.actors if a not in seen_ids]
            if unknown or not label.actors:
                raise ValueError(f"{where}: unknown or no actors {unknown}")
            for alias in label.aliases:
                if not alias.strip():
                    raise ValueError(f"{where}: an empty alias")
                if alias in by_alias or alias in label_of:
                    raise ValueError(f"{where}: {alias!r} is already a name or another label")
                label_of[alias] = label.actors
        for phrase in self.not_mentions:
            if phrase in by_alias or phrase in label_of or not phrase.strip():
                raise ValueError(f"{self.source}: not_mentions: {phrase!r} is a name or a label")
        aliases = sorted({*by_alias, *label_of, *self.not_mentions}, key=lambda a: (-len(a), a))
        pattern = (
            re.compile(r"(?<![\w])(?:" + "|".join(re.escape(a) for a in aliases) + r")(?![\w])")
            if aliases
            else None
        )
        object.__setattr__(self, "_by_alias", by_alias)
        object.__setattr__(self, "_label_of", label_of)
        object.__setattr__(self, "_longest", max(map(len, aliases), default=0))
        object.__setattr__(self, "_ignored", frozenset(self.not_mentions))
        object.__setattr__(self, "_pattern", pattern)

    @classmethod
    def load(cls, path: str | Path | None = None) -> ActorLexicon:
        """Read a lexicon YAML file; the bundled ``configs/actors.yaml`` by default.

        Raises:
            ValueError: a malformed file; the message names the file and the offending entry.
        """
        import yaml

        file = Path(path) if path is not None else packaged_file(*DEFAULT_LEXICON)
        with file.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
        return cls.from_dict(data, source=str(file))

    @classmethod
    def from_dict(cls, data: Any, *, source: str = "<memory>") -> ActorLexicon:
        if not isinstance(data, Mapping) or not isinstance(data.get("actors"), list):
            raise ValueError(f"{source}: expected a mapping with a list under 'actors'")
        unknown = set(data) - {"version", "actors", "labels", "not_mentions"}
        if unknown:
            raise ValueError(
                f"{source}: unknown key(s) {sorted(unknown)}; "
                "known: version, actors, labels, not_mentions"
            )
        ignored = data.get("not_mentions") or []
        if not isinstance(ignored, list) or not all(isinstance(x, str) for x in ignored):
            raise ValueError(f"{source}: 'not_mentions' must be a list of strings")
        actors = []
        for number, entry in enumerate(data["actors"]):
            where = f"{source}: actors[{number}]"
            if not isinstance(entry, Mapping):
                raise ValueError(f"{where}: expected a mapping")
            extra = set(entry) - {"id", "name", "aliases", "description"}
            if extra:
                raise ValueError(f"{where}: unknown key(s) {sorted(extra)}")
            for key in ("id", "name", "aliases"):
                if key not in entry:
                    raise ValueError(f"{where}: missing key '{key}'")
            aliases = entry["aliases"]
            if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
                raise ValueError(f"{where} ({entry['id']}): 'aliases' must be a list of strings")
            actors.append(
                Actor(
                    id=str(entry["id"]),
                    name=str(entry["name"]),
                    aliases=tuple(aliases),
                    description=" ".join(str(entry.get("description", "")).split()),
                )
            )
        labels = _labels(data.get("labels"), source)
        return cls(tuple(actors), source=source, labels=labels, not_mentions=tuple(ignored))

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": 1,
            "actors": [
                {
                    "id": a.id,
                    "name": a.name,
                    "description": a.description,
                    "aliases": list(a.aliases),
                }
                for a in self.actors
            ],
            **({"labels": [self._label_dict(b) for b in self.labels]} if self.labels else {}),
            **({"not_mentions": list(self.not_mentions)} if self.not_mentions else {}),
        }

    @staticmethod
    def _label_dict(label: Label) -> dict[str, list[str]]:
        return {"aliases": list(label.aliases), "actors": list(label.actors)}

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(a.id for a in self.actors)

    def actor(self, actor_id: str) -> Actor:
        for actor in self.actors:
            if actor.id == actor_id:
                return actor
        raise KeyError(f"unknown actor {actor_id!r}; known: {', '.join(self.ids)}")

    def actor_of(self, alias: str) -> str | None:
        """The actor id an alias refers to, or None."""
        return self._by_alias.get(alias)

    def with_actor(
        self, actor_id: str, name: str, aliases: Iterable[str], description: str = ""
    ) -> ActorLexicon:
        """A new lexicon with one more actor (or more aliases for an existing one)."""
        aliases = tuple(aliases)
        actors = []
        found = False
        for actor in self.actors:
            if actor.id == actor_id:
                found = True
                merged = actor.aliases + tuple(a for a in aliases if a not in actor.aliases)
                actor = Actor(actor.id, actor.name, merged, actor.description)
            actors.append(actor)
        if not found:
            actors.append(Actor(actor_id, name, aliases, description))
        return ActorLexicon(
            tuple(actors),
            source=f"{self.source} + {actor_id}",
            labels=self.labels,
            not_mentions=self.not_mentions,
        )

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Mentions of any actor in ``text[start:end]``, with offsets into ``text``; a label is
        resolved by the names around it (see the module), in ``text`` before ``start`` too."""
        if not isinstance(text, str):
            raise TypeError(f"find() expects str, got {type(text).__name__}")
        if self._pattern is None:
            return []
        end = len(text) if end is None else end
        hits = [
            (m.start(), m.end(), m.group())
            for m in self._pattern.finditer(text, start, end)
            if m.group() not in self._ignored
        ]
        names = [Mention(a, b, self._by_alias[t], t) for a, b, t in hits if t in self._by_alias]
        if len(names) == len(hits):
            return names
        # the names of the context before the span, read only when needed; the scan starts a
        # longest alias earlier so that a name cut by the window's edge is read whole
        lo = max(0, start - LABEL_WINDOW - self._longest)
        before = [
            Mention(m.start(), m.end(), self._by_alias[m.group()], m.group())
            for m in self._pattern.finditer(text, lo, start)
            if m.group() in self._by_alias and m.end() <= start
        ]
        last: dict[str, Mention] = {m.actor: m for m in before}  # the latest name of each actor
        following: dict[str, list[Mention]] = {}
        for m in names:
            following.setdefault(m.actor, []).append(m)
        starts = {x: [m.start for m in ms] for x, ms in following.items()}
        found = []
        for a, b, t in hits:
            if t in self._by_alias:
                mention = Mention(a, b, self._by_alias[t], t)
                last[mention.actor] = mention
                found.append(mention)
                continue
            allowed = self._label_of[t]
            back = max((last[x] for x in allowed if x in last), key=lambda m: m.start, default=None)
            if back is not None and a - back.start <= LABEL_WINDOW:
                found.append(Mention(a, b, back.actor, t))
                continue
            ahead = [
                later[i]
                for x in allowed
                if (later := following.get(x))
                and (i := bisect.bisect_left(starts[x], b)) < len(later)
            ]
            first = min(ahead, key=lambda m: m.start, default=None)
            if first is not None and first.start - b <= LABEL_WINDOW:
                found.append(Mention(a, b, first.actor, t))
        return found


def _labels(data: Any, source: str) -> tuple[Label, ...]:
    if data is None:
        return ()
    if not isinstance(data, list):
        raise ValueError(f"{source}: 'labels' must be a list")
    labels = []
    for number, entry in enumerate(data):
        where = f"{source}: labels[{number}]"
        if not isinstance(entry, Mapping) or set(entry) != {"aliases", "actors"}:
            raise ValueError(f"{where}: expected a mapping with exactly 'aliases' and 'actors'")
        for key in ("aliases", "actors"):
            value = entry[key]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError(f"{where}: '{key}' must be a list of strings")
        labels.append(Label(tuple(entry["aliases"]), tuple(entry["actors"])))
    return tuple(labels)
