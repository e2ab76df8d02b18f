"""Inference for users: a saved model, the actor lexicon and the text front end in one object.

    >>> import framing
    >>> analyzer = framing.load()                      # doctest: +SKIP
    >>> doc = analyzer.analyze(open("article.txt").read())  # doctest: +SKIP
    >>> doc.genre, doc.actors["iran"]["shares"]        # doctest: +SKIP
    >>> page = analyzer.analyze(open("page.html", "rb").read(), format="html")  # doctest: +SKIP
    >>> s = page.sentences[0]                          # doctest: +SKIP
    >>> page.meta.outlet, page.text[s.start : s.end]   # doctest: +SKIP

An HTML page (``format="html"``) is reduced to its main text and metadata first
(:func:`framing.text.html.extract`); offsets then point into that text, which the analysis carries
(``DocumentAnalysis.text``). Metadata given as keyword arguments wins over the page's.

Raw text goes through the text front end (:mod:`framing.inference.prepare`: cleaning with offsets
kept back to the raw text, sentence segmentation, the lexicon's mention finder), by default as the
model's ``framing.json`` records it; the model scores every sentence once (mode, reported, and the
stance toward each mention); frames and the document summary
(:mod:`framing.inference.summary`) follow by the rules of the annotated set
(:func:`framing.labels.frames`, :func:`framing.labels.actor_stances`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from framing.actors import ActorLexicon
from framing.inference.prepare import Prepared, prepare, recorded_front_end
from framing.inference.results import DocumentAnalysis, MentionAnalysis, SentenceAnalysis
from framing.inference.summary import summarise
from framing.labels import MODES, STANCES, decode
from framing.models.errors import ModelError as ModelError
from framing.models.folder import MODEL_FILE, checked_file

# the model-folder functions live in framing.models.loading; their names stay importable here
from framing.models.loading import BUNDLED as BUNDLED
from framing.models.loading import DOWNLOAD_PATTERNS as DOWNLOAD_PATTERNS
from framing.models.loading import _download as _download
from framing.models.loading import load_checked
from framing.models.loading import resolve_model as resolve_model
from framing.models.pickles import PICKLE_SUFFIXES as PICKLE_SUFFIXES
from framing.records import Example, Prediction, Target
from framing.text.clean import CleanConfig, Cleaner
from framing.text.clean import clean as clean_text
from framing.text.html import (
    DEFAULT_EXTRACTOR,
    Extracted,
    ExtractionError,
    Extractor,
    extract,
    extract_pdf,
    looks_like_html,
)
from framing.text.metadata import DocumentMeta, date_note
from framing.text.segment import Segmenter
from framing.text.site_names import site_names

__all__ = ["INPUT_FORMATS", "Analyzer", "ModelError", "load"]

# what analyze() reads: raw text, or an HTML page reduced to its main text first
INPUT_FORMATS = ("text", "html", "pdf")


@dataclass
class _Input:
    """A document ready for the text front end: the text offsets point into, and about it."""

    text: str | bytes
    meta: DocumentMeta
    source_format: str = "text"
    extractor: str | None = None
    warnings: tuple[str, ...] = ()


class Analyzer:
    """A model with its actor lexicon and text front end.

    The text front end is the one the model was trained with when its ``framing.json`` records
    it (``preprocessing``: segmenter and cleaning rules); a ``segmenter`` or ``clean_config``
    given here wins, and a model that records none gets the default segmenter and the built-in
    cleaning rules.

    Args:
        model: a trained :class:`framing.models.FramingModel`.
        lexicon: the actors to find; the model folder's ``actors.yaml`` or the bundled one.
        segmenter: a segmenter name or instance (default: the model's, else ``"default"``).
        clean: clean the raw text first (offsets still point into it).
        clean_config: cleaning rules (default: the model's, else the built-in ones).
        source: where the model came from (shown in results).
        directory: the model folder, when loaded from one (errors name its ``framing.json``).

    Raises:
        ModelError: the model records a segmenter that is unknown or not installed, or cleaning
            rules that are not valid (the message names ``framing.json`` and the value).

    Example:
        >>> analyzer = framing.load("outputs/run/model", segmenter="punkt")  # doctest: +SKIP
        >>> doc = analyzer.analyze("Iran said no. Iraq agreed.")  # doctest: +SKIP
    """

    def __init__(
        self,
        model: Any,
        lexicon: ActorLexicon | None = None,
        *,
        segmenter: str | Segmenter | None = None,
        clean: bool = True,
        clean_config: CleanConfig | None = None,
        source: str = "",
        directory: Path | None = None,
    ) -> None:
        self.model = model
        self.lexicon = lexicon or ActorLexicon.load()
        self.directory = directory  # the model folder, when loaded from one
        where = f"the model's {MODEL_FILE}" if directory is None else str(directory / MODEL_FILE)
        self.segmenter, self.clean_config = recorded_front_end(
            getattr(model, "preprocessing", None),
            where,
            segmenter=segmenter,
            clean=clean,
            clean_config=clean_config,
        )
        self.clean = clean
        # rules of one's own are compiled once here, not per document (the defaults are shared)
        self._cleaner = Cleaner(self.clean_config) if self.clean_config is not None else clean_text
        self.source = source

    # -- loading ----------------------------------------------------------------------------------
    @classmethod
    def from_pretrained(
        cls, path_or_id: str | Path | None = None, *, revision: str | None = None, **kwargs: Any
    ) -> Analyzer:
        """Load a saved model: the bundled default (no argument, or ``"bundled"``), a model folder,
        a training run folder (its ``model/``), or a Hub repository id (``user/name``).

        Raises:
            ModelError: the folder is missing, incomplete, from an incompatible version, holds
                pickle files, links or files that leave it, or a file that cannot be read, is
                truncated, mis-shaped or holds non-finite numbers, or its ``framing.json``
                records a text front end that cannot be used (the message names what).
        """
        directory, source = resolve_model(path_or_id, revision=revision)
        model = load_checked(directory)
        lexicon_file = checked_file(directory, "actors.yaml")
        if "lexicon" not in kwargs and lexicon_file is not None:
            kwargs["lexicon"] = _lexicon(lexicon_file)
        return cls(model, source=source, directory=directory, **kwargs)

    def push_to_hub(
        self,
        repo_id: str,
        *,
        private: bool = False,
        token: str | None = None,
        commit_message: str = "Upload framing model",
    ) -> str:
        """Upload the model folder this analyzer was loaded from, with its generated card (see
        :func:`framing.hub.publish.push_to_hub`); the commit URL."""
        from framing.hub.publish import push_to_hub

        if self.directory is None:
            raise ValueError("this analyzer was not loaded from a folder: save the model first")
        return push_to_hub(
            self.directory, repo_id, private=private, token=token, commit_message=commit_message
        )

    def add_actor(
        self,
        actor_id: str,
        aliases: str | Iterable[str],
        name: str | None = None,
        description: str = "",
    ) -> Analyzer:
        """Add an actor (or aliases to a known one); the stance model is target-aware, so the
        new actor gets stances like any other. Returns the analyzer."""
        names = [aliases] if isinstance(aliases, str) else list(aliases)  # one alias or several
        aliases = [a for a in names if a.strip()]
        if not aliases:
            raise ValueError(f"actor {actor_id!r}: give at least one alias")
        self.lexicon = self.lexicon.with_actor(actor_id, name or actor_id, aliases, description)
        return self

    # -- analysis ---------------------------------------------------------------------------------
    def analyze(
        self,
        text: str | bytes | Extracted,
        format: str = "text",
        *,
        outlet: str | None = None,
        date: str | None = None,
        url: str | None = None,
        title: str | None = None,
        author: str | None = None,
        metadata: DocumentMeta | Mapping[str, Any] | None = None,
        extractor: str | Extractor = DEFAULT_EXTRACTOR,
    ) -> DocumentAnalysis:
        """The analysis of one document (empty text gives an empty analysis).

        Args:
            text: the raw text, UTF-8 bytes, an HTML page (text or bytes of the file), or a page
                already extracted (:func:`framing.text.html.extract`).
            format: ``"text"``, ``"html"`` (the page's main text is extracted first) or
                ``"pdf"`` (the bytes of a PDF file, read with pypdf: ``framing[pdf]``).
            outlet, date, url, title, author: the document's metadata; each one given wins over
                what the page says (a date is normalised to ``YYYY-MM-DD`` when readable).
            metadata: more of it as one mapping (or a
                :class:`~framing.text.metadata.DocumentMeta`): the five fields and any other
                (``{"outlet": "AP", "slant_group": "left"}``: an extra field, kept in
                ``doc.meta.extra`` and grouped by with ``framing.compare(..., by="slant_group")``);
                a keyword argument above wins over it.
            extractor: the HTML extractor's name (``"trafilatura"`` or ``"readability"``).

        Raises:
            ExtractionError: an HTML page that gives no text (binary data, over the size limit,
                no main text found), or a PDF without text (or without pypdf).
            ValueError: an extra field's name that cannot be one (named).

        Example:
            >>> doc = analyzer.analyze(page_bytes, format="html", outlet="AP")  # doctest: +SKIP
            >>> doc.meta.outlet, doc.meta.title                                # doctest: +SKIP
        """
        meta = _meta(metadata, 0).merged(
            DocumentMeta(outlet=outlet, date=date, url=url, title=title, author=author)
        )
        return self.analyze_many([text], format=format, metadata=[meta], extractor=extractor)[0]

    def analyze_many(
        self,
        texts: Iterable[str | bytes | Extracted],
        batch_size: int = 1024,
        *,
        format: str = "text",
        metadata: Sequence[DocumentMeta | Mapping[str, Any] | None] | None = None,
        extractor: str | Extractor = DEFAULT_EXTRACTOR,
        errors: str = "raise",
    ) -> list[DocumentAnalysis]:
        """Analyses of many documents, in input order.

        The model gets ``batch_size`` sentences at a time, across documents; the neural families
        sort each call's sentences by length and encode them in forward batches of 32, so a
        larger call means less padding (and a linear family fewer, larger matrix products).

        Args:
            texts: raw texts, UTF-8 bytes, HTML pages or extracted pages (see :meth:`analyze`).
            batch_size: sentences per model call.
            format: ``"text"``, ``"html"`` or ``"pdf"``, for every document.
            metadata: one record (a :class:`~framing.text.metadata.DocumentMeta`, a mapping of
                its fields, or None) per document; it wins over what a page says. A mapping's
                keys other than the five are extra fields (``{"slant_group": "left"}``).
            extractor: the HTML extractor's name.
            errors: a page that gives no text: ``"raise"`` an :class:`ExtractionError` naming the
                document, or ``"warn"``: an empty analysis with the reason in its warnings.

        Raises:
            ExtractionError: with ``errors="raise"``, a page that gives no text.
            ValueError: an unknown format, ``errors`` value or extractor, or as many metadata
                records as documents not given.
        """
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        if format not in INPUT_FORMATS:
            raise ValueError(f"format must be one of {', '.join(INPUT_FORMATS)}, got {format!r}")
        if errors not in ("raise", "warn"):
            raise ValueError(f"errors must be 'raise' or 'warn', got {errors!r}")
        texts = list(texts)
        if metadata is None:
            metadata = [None] * len(texts)
        elif len(metadata) != len(texts):
            raise ValueError(f"{len(metadata)} metadata record(s) for {len(texts)} document(s)")
        inputs = [
            _read_input(text, format, _meta(meta, i), extractor, i, errors)
            for i, (text, meta) in enumerate(zip(texts, metadata, strict=True))
        ]
        for item in inputs:
            if (note := date_note(item.meta.date)) is not None:
                item.warnings = (*item.warnings, note)
        prepared = [self._prepare(item.text, item.meta) for item in inputs]
        examples = [example for doc in prepared for example in doc_examples(doc)]
        scored = self._score(examples, batch_size)
        results, k = [], 0
        for doc, item in zip(prepared, inputs, strict=True):
            n = len(doc.sentences)
            result = self._assemble(doc, scored[k : k + n])
            result.warnings[:0] = item.warnings
            result.meta = item.meta
            result.source_format, result.extractor = item.source_format, item.extractor
            results.append(result)
            k += n
        return results

    def _score(self, examples: Sequence[Example], batch_size: int) -> list[Prediction]:
        """The predictions of the examples, ``batch_size`` at a time; a batch that starts inside a
        document also reads the sentence before it (its prediction dropped), so that the speaker
        component sees every sentence's previous one with its mentions."""
        out: list[Prediction] = []
        for i in range(0, len(examples), batch_size):
            batch = examples[i : i + batch_size]
            extra = int(i > 0 and batch[0].context is not None)
            out += self.model.predict_proba(examples[i - extra : i + batch_size])[extra:]
        return out

    def _prepare(self, text: str | bytes, meta: DocumentMeta | None = None) -> Prepared:
        """One document through the text front end (``python -m framing.bench infer`` times it
        on its own); the cleaner removes the lines that only name the site of ``meta``'s outlet
        or URL."""
        names = site_names(meta.outlet, meta.url) if meta is not None else ()
        cleaner = self._cleaner if self.clean else None
        return prepare(text, self.lexicon, self.segmenter, cleaner, site_names=names)

    def _assemble(self, doc: Prepared, scored: Sequence[Prediction]) -> DocumentAnalysis:
        sentences = []
        for i, ((start, end, text), found, p) in enumerate(
            zip(doc.sentences, doc.mentions, scored, strict=True)
        ):
            labels = decode(
                [p.mode[label] for label in MODES],
                p.reported,
                [m["actor"] for m in found],
                [[probs[s] for s in STANCES] for probs in p.stances],
            )
            mentions = [
                MentionAnalysis(
                    actor=m["actor"],
                    text=m["text"],
                    start=m["raw"][0],
                    end=m["raw"][1],
                    stance=stance,
                    probabilities=probs,
                    sentence_start=m["start"],
                    sentence_end=m["end"],
                )
                for m, probs, stance in zip(found, p.stances, labels["stances"], strict=True)
            ]
            sentences.append(
                SentenceAnalysis(
                    index=i,
                    start=start,
                    end=end,
                    text=text,
                    mode=labels["mode"],
                    mode_probabilities=dict(p.mode),
                    reported=labels["reported"],
                    reported_probability=float(p.reported),
                    mentions=mentions,
                    stances=labels["actors"],
                    frames=labels["frames"],
                    speaker=_speaker(p.speaker) if labels["reported"] else None,
                )
            )
        return summarise(sentences, doc, self.lexicon, self.model_info())

    def model_info(self) -> dict[str, str]:
        return {"family": self.model.family, "source": self.source}

    def __repr__(self) -> str:
        return (
            f"Analyzer(family={self.model.family!r}, source={self.source!r}, "
            f"actors={len(self.lexicon.ids)})"
        )


def _meta(meta: DocumentMeta | Mapping[str, Any] | None, index: int) -> DocumentMeta:
    if meta is None or isinstance(meta, DocumentMeta):
        return meta or DocumentMeta()
    return DocumentMeta.from_dict(meta, source=f"metadata of document {index}", loose=True)


def _read_input(
    text: str | bytes | Extracted,
    format: str,
    meta: DocumentMeta,
    extractor: str | Extractor,
    index: int,
    errors: str,
) -> _Input:
    """A document as the text front end takes it: an HTML page reduced to its main text and
    metadata (the given metadata winning), raw text as it is."""
    if isinstance(text, Extracted):
        page = text
    elif format in ("html", "pdf"):
        try:
            if format == "html":
                page = extract(text, meta.url, extractor=extractor)
            elif isinstance(text, bytes):
                page = extract_pdf(text)
            else:
                raise ExtractionError("format='pdf' takes the bytes of a PDF file")
        except ExtractionError as err:
            if errors == "raise":
                raise ExtractionError(f"document {index}: {err}") from None
            name = "pypdf" if format == "pdf" else getattr(extractor, "name", extractor)
            return _Input("", meta, format, name, (f"no text analysed: {err}",))
    else:
        notes = (_LOOKS_HTML,) if looks_like_html(text) else ()
        return _Input(text, meta, warnings=notes)
    return _Input(
        page.text, page.meta.merged(meta), page.source_format, page.extractor, page.warnings
    )


_LOOKS_HTML = (
    "the text looks like an HTML page: markup is analysed as text; give format='html' "
    "(--input-format html) to analyse its main text"
)


def doc_examples(doc: Prepared) -> list[Example]:
    """A prepared document's sentences as examples, in order: each with its mentions and, but
    the first, its ``context`` (the previous sentence's text); ``doc_id`` ties them together."""
    out: list[Example] = []
    for (_, _, text), found in zip(doc.sentences, doc.mentions, strict=True):
        out.append(
            Example(
                text,
                [Target(m["start"], m["end"], m["actor"]) for m in found],
                context=out[-1].text if out else None,
            )
        )
    return out


def _speaker(probabilities: dict[str, float] | None) -> str | None:
    """The most probable speaker (the first on a tie); None from a model without a speaker
    component."""
    if not probabilities:
        return None
    return max(probabilities, key=probabilities.__getitem__)


def _lexicon(file: Path) -> ActorLexicon:
    """The actor lexicon of a model folder.

    Raises:
        ModelError: not UTF-8, not valid YAML, or not a lexicon (the file named).
    """
    import yaml

    try:
        return ActorLexicon.load(file)
    except UnicodeDecodeError as err:
        raise ModelError(f"{file}: not UTF-8 text ({err})") from None
    except yaml.YAMLError as err:
        raise ModelError(f"{file}: not valid YAML ({err})") from None
    except (OSError, ValueError, TypeError, KeyError) as err:
        message = str(err)
        raise ModelError(
            message if message.startswith(str(file)) else f"{file}: {message}"
        ) from None


def load(path_or_id: str | Path | None = None, **kwargs: Any) -> Analyzer:
    """An :class:`Analyzer` for the bundled default model, a saved model folder, a training run
    folder or a Hub repository id. Keyword arguments go to :meth:`Analyzer.from_pretrained`."""
    return Analyzer.from_pretrained(path_or_id, **kwargs)
