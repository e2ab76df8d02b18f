"""The cues of the speaker of reported content (training/GUIDELINES.md, section 4.1): the words
and rules that the speaker component (:mod:`framing.models.speaker`) reads a sentence with.

It holds a sentence's *candidates* (:func:`candidates`: the distinct lexicon actors it mentions,
those of its previous sentence that it does not mention, and
:data:`~framing.records.OTHER_SPEAKER`), its previous sentence (:func:`previous_examples`) and
whom that one reports (:func:`context_speaker`), the cue words (:data:`REPORTING_VERBS`,
:data:`SOURCE_NOUNS`, :data:`PRONOUNS`: code, not data), the names of the hand-written cues of a
candidate's row (:data:`ACTOR_CUES`, :data:`OTHER_CUES`) and the rule features they are computed
with.

:func:`keyword_speaker` is the rule that the ``keyword`` baseline predicts with: the actor of the
mention right before a reporting verb, or right after "according to"; else ``other``.

Example:
    >>> from framing.records import Example, Target
    >>> ex = Example("Iran said the US lied.", [Target(0, 4, "iran"),
    ...                                          Target(14, 16, "united_states")])
    >>> candidates(ex), keyword_speaker(ex)
    (['iran', 'united_states', 'other'], 'iran')
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import NamedTuple

from framing.records import OTHER_SPEAKER, Example, Target

__all__ = [
    "ACTOR_CUES",
    "CONTEXT_WEIGHT",
    "OTHER_CUES",
    "PRONOUNS",
    "REPORTING_VERBS",
    "SOURCE_NOUNS",
    "candidates",
    "context_speaker",
    "keyword_speaker",
    "previous_examples",
]

# Verbs and nouns that attribute content to a source ("said", "told", "according to"), written
# from the guidelines' definition of reported speech, not picked from the corpus.
REPORTING_VERBS = frozenset(
    """
    said say says saying told tell tells stated states state stating added adds noted notes
    stressed stresses emphasized emphasised emphasizes emphasises warned warns warning announced
    announces declared declares asserted asserts affirmed affirms confirmed confirms claimed claims
    insisted insists explained explains argued argues wrote writes reported reports accused
    accuses denied denies vowed vows pledged pledges urged urges called calls criticized
    criticised condemned condemns demanded demands rejected rejects described describes
    underscored underlined reiterated reiterates highlighted highlights acknowledged
    acknowledges admitted admits maintained maintains believes believed suggested suggests
    indicated indicates revealed reveals threatened threatens promised promises praised praises
    welcomed welcomes expressed expresses statement remarks tweeted posted replied responded
    commented mentioned pointed announcement quoted
    """.split()
)
# Words naming a source that is none of the actors: analysts, the press, researchers.
SOURCE_NOUNS = frozenset(
    """
    analyst analysts expert experts observer observers commentator commentators scholar scholars
    researcher researchers professor journalist journalists newspaper newspapers daily agency
    outlet report reports study studies survey poll institute think tank columnist editorial
    """.split()
)
PRONOUNS = frozenset("he she they we it i his her their its our them us him".split())
_TOKEN = re.compile(r"\w+|[^\w\s]")
_OPENING, _CLOSING = "“‘", "”’"
# names of the hand-written cues, in the order of their columns (an actor's, then other's)
ACTOR_CUES = (
    "verb_right_after", "verb_soon_after", "verb_right_before", "after_according_to",
    "inside_quotes", "first_mention", "sentence_start", "colon_after", "possessive",
    "pronoun", "position", "mentions_of_actor", "quotes_in_sentence", "subject_of_verb",
    "after_quote", "bias",
    # from the previous sentence (Example.context)
    "in_context", "context_only", "context_speaker", "context_speaker_pronoun",
    "context_speaker_quote_only", "context_speaker_no_verb", "context_only_pronoun",
)  # fmt: skip
OTHER_CUES = (
    "according_to", "quotes_in_sentence", "no_mention", "no_mention_before_verb",
    "unmentioned_subject", "source_noun", "bias",
    # from the previous sentence
    "no_context", "context_speaker_other", "context_other_pronoun", "context_other_quote_only",
    "pronoun_verb", "quote_only",
)  # fmt: skip
# the value of a cue of the previous sentence when it holds: larger than 1, so that the penalty
# holds their weights back less than the many hashed words' (chosen by 5-fold cross-validation by
# article on the corpus's train split, with C)
CONTEXT_WEIGHT = 3.0


def candidates(example: Example, previous: Example | None = None) -> list[str]:
    """The speakers a sentence may have: the actors of its mentions (each once, in the order of
    their first mention; a mention of no actor is left out), then those of the ``previous``
    sentence that it does not mention ("He added ..."), and ``other``, last."""
    found = [m.actor for m in example.mentions]
    if previous is not None:
        found += [m.actor for m in previous.mentions]
    actors = dict.fromkeys(a for a in found if a is not None)
    actors.pop(OTHER_SPEAKER, None)
    return [*actors, OTHER_SPEAKER]


def previous_examples(examples: Sequence[Example]) -> list[Example | None]:
    """Per example, its previous sentence as an :class:`Example` (with mentions) when known: the
    example before it in the list when that one's text is its ``context`` (and the article is
    the same); else, when it has a ``context``, that text with the mentions it holds of the
    surface forms of the example's own mentions; else None."""
    out: list[Example | None] = []
    for i, ex in enumerate(examples):
        if ex.context is None:
            out.append(None)
            continue
        before = examples[i - 1] if i else None
        if before is not None and before.text == ex.context and before.doc_id == ex.doc_id:
            out.append(before)
            continue
        lowered, found = ex.context.lower(), []
        for m in ex.mentions:
            form = ex.text[m.start : m.end].lower()
            at = lowered.find(form) if m.actor is not None and form else -1
            if at >= 0:
                found.append(Target(at, at + len(form), m.actor))
        out.append(Example(ex.context, sorted(found, key=lambda t: t.start)))
    return out


def _quote_only(text: str) -> bool:
    """Whether a sentence is a quotation with no attribution outside it: it opens with a
    quotation mark, and no reporting verb follows its last closing one."""
    stripped = text.strip()
    if not stripped or stripped[0] not in "\"“‘'":
        return False
    last = max(stripped.rfind(q) for q in '"”’')
    tail = _words(stripped[last + 1 :]) if last > 0 else []
    return not any(w in REPORTING_VERBS for w in tail)


def _pronoun_verb(words: Sequence[str]) -> bool:
    """Whether a pronoun is followed, within two words, by a reporting verb ("he added", "she
    also noted")."""
    subjects = ("he", "she", "they", "we", "i")
    return any(
        w in subjects and any(v in REPORTING_VERBS for v in words[i + 1 : i + 3])
        for i, w in enumerate(words)
    )


def context_speaker(previous: Example | None) -> str | None:
    """Whom the previous sentence reports, by rule: the subject of its first reporting verb
    (:func:`keyword_speaker`'s actor, or the nearest mention before the verb), ``other`` when it
    has a reporting verb or "according to" but neither; None when it has none (or is unknown)."""
    if previous is None:
        return None
    rule = keyword_speaker(previous)
    if rule != OTHER_SPEAKER:
        return rule
    subject = _subject(previous)
    if subject is not None and subject[0] is not None:
        return subject[0].actor
    if subject is not None or "according" in _words(previous.text):
        return OTHER_SPEAKER
    return None


def _words(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def _verb_within(words: Sequence[str], n: int) -> bool:
    return any(w in REPORTING_VERBS for w in words[:n])


def _according_to(words: Sequence[str]) -> bool:
    """Whether the words (those before a mention, nearest last) end with "according to" and at
    most four words more ("according to Iraq's foreign minister")."""
    tail = list(words[-6:])
    return any(a == "according" and b == "to" for a, b in itertools.pairwise(tail))


def _quotes(text: str) -> tuple[list[int], list[int], list[int]]:
    """The offsets of the opening curly, closing curly and straight double quotes of a text,
    found once per sentence (:func:`_inside_quotes` looks them up per mention)."""
    found: tuple[list[int], list[int], list[int]] = ([], [], [])
    for i, c in enumerate(text):
        if c in '“”"':
            found['“”"'.index(c)].append(i)
    return found


def _inside_quotes(text: str, start: int, quotes: tuple | None = None) -> bool:
    """Whether ``start`` is inside a quotation: after an opening curly quote that is not closed
    yet, or after an odd number of straight double quotes (``quotes``: :func:`_quotes` of the
    text, so that a sentence's mentions do not each scan it)."""
    import bisect

    opening, closing, straight = quotes if quotes is not None else _quotes(text)
    last_open = (
        opening[bisect.bisect_left(opening, start) - 1] if opening and opening[0] < start else -1
    )
    last_close = (
        closing[bisect.bisect_left(closing, start) - 1] if closing and closing[0] < start else -1
    )
    return last_open > last_close or bisect.bisect_left(straight, start) % 2 == 1


def _has_quotes(text: str) -> bool:
    return any(q in text for q in '"“”')


def _subject(example: Example) -> tuple[Target | None, int, bool] | None:
    """Who the sentence's first reporting verb is said of: (the nearest actor mention before it,
    within eight words, or None; the verb's word index; whether the two words right before the
    verb are a capitalised word or a pronoun that no mention covers, "Morady says", "he
    added"); None when the sentence has no reporting verb."""
    text = example.text
    spans = [(m.start, m.end, m) for m in example.mentions if m.actor is not None]
    verb, index, word_spans = None, 0, []
    for match in _TOKEN.finditer(text):
        word_spans.append((match.start(), match.end()))
        if verb is None and match.group().lower() in REPORTING_VERBS:
            verb, index = match.start(), len(word_spans) - 1
    if verb is None:
        return None
    window_start = word_spans[max(0, index - 8)][0]
    before = [m for start, end, m in spans if window_start <= start and end <= verb]
    nearest = max(before, key=lambda m: m.end) if before else None
    unmentioned = False
    for start, end in word_spans[max(0, index - 2) : index]:
        word = text[start:end]
        covered = any(s <= start and end <= e for s, e, _ in spans)
        if not covered and (word[:1].isupper() or word.lower() in PRONOUNS):
            unmentioned = True
    return nearest, index, unmentioned


def keyword_speaker(example: Example, *, words: int = 3) -> str:
    """The rule: the actor of the first mention followed within ``words`` words by a reporting
    verb ("Iran said", "Iraqi officials told"), or preceded by "according to"; ``other`` when no
    mention is.

    Example:
        >>> from framing.records import Example, Target
        >>> keyword_speaker(Example("According to Iraq, it ended.", [Target(13, 17, "iraq")]))
        'iraq'
    """
    text = example.text
    for m in example.mentions:
        if m.actor is None:
            continue
        if _verb_within(_words(text[m.end :]), words) or _according_to(_words(text[: m.start])):
            return m.actor
    return OTHER_SPEAKER


_ACTOR_CONTEXT = 7  # the last cues of ACTOR_CUES, from the previous sentence


class _Context(NamedTuple):
    """What a sentence's previous one says of its speaker, and how the sentence reads on."""

    previous: Example | None  # the previous sentence, when known
    said: str | None  # whom it reports, by rule (context_speaker)
    pronoun: bool  # this sentence has "he said"
    quote_only: bool  # this sentence is a bare quotation
    verb_here: bool  # this sentence has a reporting verb of its own
