"""The interface every model family implements, and what they share.

A model reads *examples* (:class:`framing.records.Example`): ``text`` and ``mentions``
(:class:`framing.records.Target`: ``start``, ``end`` offsets into ``text``, ``actor``); for
training also ``mode``, ``reported`` and each mention's ``stance``. A mapping in the record's
JSON form is accepted too, and read at the boundary by :func:`framing.records.as_examples`. It
predicts (:class:`framing.records.Prediction`), per example, the mode (opinion or news), whether
the content is reported, and the stance toward each mention's target (supportive, critical,
neutral). The stance is target-aware: the target is any span, not only a lexicon actor. A model
trained on examples with a ``speaker`` also predicts whose content a reported sentence reports
(:mod:`framing.models.speaker`, a component every family owns).
"""

from __future__ import annotations

import inspect
import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
from huggingface_hub import ModelHubMixin

from framing.labels import MODES, REPORTED_THRESHOLD, STANCES
from framing.models.files import read_json
from framing.models.folder import MODEL_FILE
from framing.models.loading import FORMAT_VERSION, load_checked, resolve_model
from framing.models.speaker import SPEAKER_FILE, SpeakerModel
from framing.records import Example, Prediction, Target, as_examples

if TYPE_CHECKING:
    from huggingface_hub import ModelCard

logger = logging.getLogger(__name__)


@dataclass
class Scores:
    """Probabilities for a batch of examples."""

    mode: np.ndarray  # (n, len(MODES))
    reported: np.ndarray  # (n,) probability that the content is reported
    stances: list[np.ndarray]  # per example, (mentions, len(STANCES))
    # per example, {candidate speaker: p} over the actors it mentions and "other", summing to 1;
    # None from a model without a speaker component
    speaker: list[dict[str, float]] | None = None


class FramingModel(
    ModelHubMixin,
    library_name="framing",
    tags=["framing", "stance-detection", "news"],
    repo_url="https://github.com/framing-nlp/framing",
):
    """Base class: ``fit``, ``predict``, ``predict_proba``; ``save_pretrained``,
    ``from_pretrained`` and ``push_to_hub`` through ``huggingface_hub.ModelHubMixin``, with
    ``framing.json`` (not the mixin's ``config.json``) as the model's configuration and the card
    of :mod:`framing.models.card` (:meth:`generate_model_card`).

        >>> from framing.data.annotated import load_examples
        >>> from framing.records import Example
        >>> from framing.models.baselines import MajorityBaseline
        >>> model = MajorityBaseline().fit(load_examples())
        >>> model.predict([Example("Tehran welcomed the pact.")])[0].mode
        'news'
        >>> folder = model.save_pretrained("majority", metrics="run/metrics.json")  # doctest: +SKIP
        >>> MajorityBaseline.from_pretrained("majority")  # doctest: +SKIP

    The methods that read examples take :class:`framing.records.Example` records, or mappings
    in their JSON form (read by :func:`framing.records.as_examples`: one that does not fit is a
    :class:`framing.records.RecordError` naming the example and the key).

    Subclasses implement :meth:`fit`, :meth:`scores`, :meth:`_save` and :meth:`_load`; their
    ``fit`` calls :meth:`fit_speaker` and their ``scores`` fills ``speaker`` with
    :meth:`speaker_scores` (the speaker component is saved and loaded here, not by them).
    """

    family: ClassVar[str] = ""
    files: ClassVar[tuple[str, ...]] = ()  # what a saved folder needs besides framing.json
    modes: tuple[str, ...] = MODES
    stance_labels: tuple[str, ...] = STANCES
    # the text front end the model was trained with, recorded in framing.json and used by the
    # Analyzer: {"segmenter": name, "cleaning": CleanConfig.from_dict mapping or None (built-in)}
    preprocessing: dict[str, Any] | None = None
    # whose content a reported sentence reports (framing.models.speaker); None: not predicted
    speaker: SpeakerModel | None = None

    def fit(self, examples: Sequence[Example | Mapping[str, Any]]) -> FramingModel:
        """Train on labelled examples (a family reads them with
        :func:`framing.records.as_examples`); the model itself."""
        raise NotImplementedError

    def scores(self, examples: Sequence[Example | Mapping[str, Any]]) -> Scores:
        """The probabilities for the examples (read with :func:`framing.records.as_examples`)."""
        raise NotImplementedError

    def fit_speaker(self, examples: Sequence[Example]) -> None:
        """Train the speaker component on the examples that are reported and have a speaker; no
        component (None) when none has (the annotated set has no speakers)."""
        labelled = [ex for ex in examples if ex.speaker is not None and ex.reported is not False]
        self.speaker = None
        if labelled:
            # all the examples: the speaker model reads each one's previous sentence
            self.speaker = SpeakerModel(seed=getattr(self, "seed", 0)).fit(examples)

    def speaker_scores(self, examples: Sequence[Example]) -> list[dict[str, float]] | None:
        """``Scores.speaker`` for the examples: per example {candidate: p}; None without a
        speaker component."""
        return None if self.speaker is None else self.speaker.proba(examples)

    def predict_proba(self, examples: Sequence[Example | Mapping[str, Any]]) -> list[Prediction]:
        """Per example: ``mode`` ({label: p}), ``reported`` (p), ``stances`` (one {label: p}
        per mention) and, from a model with a speaker component, ``speaker`` ({candidate: p},
        the speaker it would have if it is reported)."""
        examples = as_examples(examples)
        s = self.scores(examples)
        return [
            Prediction(
                mode=dict(zip(self.modes, map(float, s.mode[i]), strict=True)),
                reported=float(s.reported[i]),
                stances=[
                    dict(zip(self.stance_labels, map(float, row), strict=True))
                    for row in s.stances[i]
                ],
                speaker=dict(s.speaker[i]) if s.speaker is not None else None,
            )
            for i in range(len(examples))
        ]

    def predict(self, examples: Sequence[Example | Mapping[str, Any]]) -> list[Prediction]:
        """Per example: ``mode``, ``reported`` (bool), ``stances`` (a label per mention) and,
        from a model with a speaker component, ``speaker``: the most probable candidate when the
        sentence is predicted reported, else None."""
        examples = as_examples(examples)
        s = self.scores(examples)
        out = []
        for i in range(len(examples)):
            reported = bool(s.reported[i] >= REPORTED_THRESHOLD)
            speaker = None
            if reported and s.speaker is not None and s.speaker[i]:
                speaker = max(s.speaker[i], key=s.speaker[i].get)
            out.append(
                Prediction(
                    mode=self.modes[int(np.argmax(s.mode[i]))],
                    reported=reported,
                    stances=[self.stance_labels[int(np.argmax(row))] for row in s.stances[i]],
                    speaker=speaker,
                )
            )
        return out

    # -- persistence: JSON, npz and safetensors only ------------------------------------------
    def params(self) -> dict[str, Any]:
        """Constructor arguments, JSON-serialisable: every family keeps each argument of its
        ``__init__`` in an attribute of the same name."""
        names = list(inspect.signature(type(self).__init__).parameters)[1:]
        return {name: getattr(self, name) for name in names}

    def config(self) -> dict[str, Any]:
        """What ``framing.json`` holds: format version, family, parameters, labels and (when
        known) the text front end the model was trained with and the settings of its speaker
        component."""
        meta = {
            "format_version": FORMAT_VERSION,
            "family": self.family,
            "params": self.params(),
            "labels": {"mode": list(self.modes), "stance": list(self.stance_labels)},
        }
        if self.preprocessing is not None:
            meta["preprocessing"] = self.preprocessing
        if isinstance(self.speaker, SpeakerModel):
            meta["speaker"] = self.speaker.config()
        return meta

    def save_pretrained(
        self,
        save_directory: str | Path,
        *,
        metrics: str | Path | dict[str, Any] | None = None,
        repo_id: str | None = None,
        push_to_hub: bool = False,
        model_card_kwargs: dict[str, Any] | None = None,
        **push_to_hub_kwargs: Any,
    ) -> Path:
        """Write the model folder: ``framing.json`` and the family's files (JSON, npz,
        safetensors; never a pickle). With ``metrics`` (a run's ``metrics.json`` or its
        contents), also ``metrics.json`` and the card as ``README.md``, its snippet loading
        ``repo_id`` (by default the folder's name); a card that cannot be made is logged, never
        a reason to lose the saved model. With ``push_to_hub``, upload it too
        (:meth:`push_to_hub`). ``model_card_kwargs`` may give ``metrics`` and ``repo_id`` instead
        (how the mixin's ``push_to_hub`` passes them).

        Returns:
            The folder, which :meth:`from_pretrained` reads.

        Raises:
            TypeError: ``model_card_kwargs`` holds another key.
            framing.ModelError: ``metrics`` names a file that cannot be read as JSON.
        """
        card_kwargs = dict(model_card_kwargs or {})
        unknown = sorted(set(card_kwargs) - {"metrics", "repo_id"})
        if unknown:
            raise TypeError(
                f"model_card_kwargs: unknown {unknown}; the card takes metrics, repo_id"
            )
        metrics = card_kwargs.get("metrics", metrics)
        repo_id = card_kwargs.get("repo_id", repo_id)
        directory = Path(save_directory)
        self._save_pretrained(directory)
        if metrics is not None:
            data = _metrics(metrics)
            (directory / "metrics.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
            try:
                card = self.generate_model_card(metrics=data, repo_id=repo_id or directory.name)
                card.save(directory / "README.md")
            except Exception as err:  # as setfit does: the model is saved, the card is extra
                logger.warning(
                    "%s: saved without a model card (%s: %s)", directory, type(err).__name__, err
                )
        if push_to_hub:
            self.push_to_hub(repo_id or directory.name, metrics=metrics, **push_to_hub_kwargs)
        return directory

    def _save_pretrained(self, save_directory: Path) -> None:
        directory = Path(save_directory)
        directory.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self.config(), indent=2) + "\n"
        (directory / MODEL_FILE).write_text(text, encoding="utf-8")
        self._save(directory)
        (directory / SPEAKER_FILE).unlink(missing_ok=True)  # one left by an earlier save
        if isinstance(self.speaker, SpeakerModel):
            self.speaker.save(directory)

    def generate_model_card(self, *, metrics: dict[str, Any], repo_id: str) -> ModelCard:
        """The model card: the measurements in ``metrics`` (a run's ``metrics.json`` contents)
        and this model's ``framing.json``, rendered by :func:`framing.models.card.card_from`.

        Raises:
            framing.ModelError: ``metrics`` lacks an entry the card needs.
        """
        from framing.models.card import card_from

        return card_from(metrics, self.config(), repo_id)

    def push_to_hub(
        self,
        repo_id: str,
        *,
        metrics: str | Path | dict[str, Any] | None = None,
        model_card_kwargs: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> str:
        """Save to a temporary folder with the card generated from ``metrics`` (a run's
        ``metrics.json`` or its contents: a card is made from measurements, so they are
        required), then upload it (``huggingface_hub.ModelHubMixin.push_to_hub``: ``private``,
        ``token``, ``commit_message``, ``branch``, ``create_pr``, ...); the commit URL.

        Raises:
            ValueError: no ``metrics``.
            framing.ModelError: no card can be made from ``metrics``: nothing is uploaded.
        """
        metrics = (model_card_kwargs or {}).get("metrics", metrics)
        if metrics is None:
            raise ValueError("push_to_hub needs metrics= (a run's metrics.json or its contents)")
        data = _metrics(metrics)
        # made here first so that a failing card stops the upload (saving only logs it)
        self.generate_model_card(metrics=data, repo_id=repo_id)
        kwargs.setdefault("commit_message", "Upload framing model")
        card = {"metrics": data, "repo_id": repo_id}
        return str(super().push_to_hub(repo_id, model_card_kwargs=card, **kwargs))

    @classmethod
    def from_pretrained(
        cls,
        pretrained_model_name_or_path: str | Path,
        *,
        revision: str | None = None,
        **kwargs: Any,
    ) -> FramingModel:
        """Load a saved model of this family, from a folder, a training run or a Hub id, with
        every check of :func:`framing.load` (a Hub download fetches only JSON, npz,
        safetensors and text files, never a pickle).

        ``token``, ``cache_dir``, ``force_download`` and ``local_files_only`` go to the Hub
        download; any other keyword is a ``TypeError``.

        Raises:
            framing.ModelError: another family, or a folder that fails a check (named).
        """
        # unset options (None, False: the mixin's defaults) are left to snapshot_download
        hub = {
            key: value for key, value in kwargs.items() if value is not None and value is not False
        }
        directory, _ = resolve_model(pretrained_model_name_or_path, revision=revision, **hub)
        return load_checked(directory, expect=cls)

    @classmethod
    def _from_pretrained(cls, *, model_id: str, revision: str | None = None, **kwargs: Any):
        return cls.from_pretrained(model_id, revision=revision, **kwargs)

    def _save(self, directory: Path) -> None:
        raise NotImplementedError

    def _load(self, directory: Path) -> None:
        raise NotImplementedError


def stance_targets(examples: Sequence[Example]) -> list[tuple[int, Target]]:
    """(example index, mention) for every mention, in order."""
    return [(i, m) for i, ex in enumerate(examples) for m in ex.mentions]


def split_by_example(rows: np.ndarray, examples: Sequence[Example]) -> list[np.ndarray]:
    """Cut per-mention rows back into one array per example."""
    out, k = [], 0
    for ex in examples:
        n = len(ex.mentions)
        out.append(rows[k : k + n])
        k += n
    return out


# How far the target-aware views reach on each side of a target, in characters. Bounded so that
# the work per mention does not grow with the sentence: a run-on "sentence" of 40 KB with
# thousands of mentions would otherwise be copied once per mention. No sentence of the annotated
# set comes near it (the longest is 351 characters); 12 of NewsMTSC's 8,739 targets have more
# context than this on one side.
CONTEXT_CHARS = 500


def _left(text: str, start: int, limit: int) -> str:
    """Up to ``limit`` characters before ``start``, from a word boundary when cut."""
    begin = max(0, start - limit)
    left = text[begin:start]
    if begin > 0 and not text[begin - 1].isspace():
        cut = _first_space(left)
        left = left[cut:] if cut >= 0 else ""
    return left


def _right(text: str, end: int, limit: int) -> str:
    """Up to ``limit`` characters after ``end``, to a word boundary when cut."""
    stop = min(len(text), end + limit)
    right = text[end:stop]
    if stop < len(text) and not text[stop].isspace():
        cut = _last_space(right)
        right = right[: cut + 1] if cut >= 0 else ""
    return right


def _first_space(text: str) -> int:
    return next((i for i, ch in enumerate(text) if ch.isspace()), -1)


def _last_space(text: str) -> int:
    return next((i for i in range(len(text) - 1, -1, -1) if text[i].isspace()), -1)


def marked(text: str, start: int, end: int, context: int = CONTEXT_CHARS) -> str:
    """The text with its target marked: ``... [T] Tehran [/T] ...``, with at most ``context``
    characters (whole words) kept on each side of the target."""
    left, right = _left(text, start, context), _right(text, end, context)
    return f"{left} [T] {text[start:end]} [/T] {right}"


def window(text: str, start: int, end: int, words: int = 6, context: int = CONTEXT_CHARS) -> str:
    """The target and up to ``words`` words on each side (found within ``context``
    characters)."""
    left = _left(text, start, context).split()[-words:] if words else []
    right = _right(text, end, context).split()[:words]
    return " ".join([*left, "[T]", *right])


def _metrics(metrics: str | Path | dict[str, Any]) -> dict[str, Any]:
    """A run's measurements: the dict itself, or the contents of its ``metrics.json``.

    Raises:
        framing.ModelError: the file is missing or not a JSON object (named).
    """
    if isinstance(metrics, dict):
        return metrics
    return read_json(Path(metrics), finite=False)
