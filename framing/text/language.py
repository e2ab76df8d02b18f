"""Which language a text is in, by py3langid (a Naive Bayes model over byte n-grams that ships
inside the package: no download, no network).

The model is loaded once per process, on the first call (about 0.7 s); a call reads at most
:data:`SAMPLE_CHARS` characters, taken from the start, the middle and the end of the text, so
a long text costs no more than a short one. A text with fewer than :data:`MIN_LETTERS` letters
gets no verdict: a headline or a list of names says too little.

    >>> identify("Die Bundesregierung hat am Montag neue Sanktionen gegen den Iran angekündigt.")
    ('de', 0.99...)
"""

from __future__ import annotations

from typing import Any

__all__ = ["MIN_LETTERS", "SAMPLE_CHARS", "UNDETERMINED", "identify", "language_name", "rank"]

MIN_LETTERS = 40
SAMPLE_CHARS = 3000
UNDETERMINED = "und"  # ISO 639-2's code for "undetermined"

# names for messages; a code without one is shown as the code
_NAMES = {
    "af": "Afrikaans", "am": "Amharic", "ar": "Arabic", "ary": "Moroccan Arabic",
    "arz": "Egyptian Arabic", "az": "Azerbaijani", "be": "Belarusian", "bg": "Bulgarian",
    "bn": "Bengali", "bs": "Bosnian", "ca": "Catalan", "cs": "Czech", "cy": "Welsh",
    "da": "Danish", "de": "German", "el": "Greek", "en": "English", "eo": "Esperanto",
    "es": "Spanish", "et": "Estonian", "eu": "Basque", "fa": "Persian", "fi": "Finnish",
    "fr": "French", "ga": "Irish", "gl": "Galician", "gu": "Gujarati", "ha": "Hausa",
    "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "hy": "Armenian",
    "id": "Indonesian", "is": "Icelandic", "it": "Italian", "ja": "Japanese", "ka": "Georgian",
    "kk": "Kazakh", "km": "Khmer", "ko": "Korean", "ku": "Kurdish", "ky": "Kyrgyz",
    "la": "Latin", "lb": "Luxembourgish", "lt": "Lithuanian", "lv": "Latvian",
    "mk": "Macedonian", "ml": "Malayalam", "mn": "Mongolian", "mr": "Marathi", "ms": "Malay",
    "mt": "Maltese", "my": "Burmese", "ne": "Nepali", "nl": "Dutch", "nn": "Norwegian",
    "no": "Norwegian", "pa": "Punjabi", "pl": "Polish", "ps": "Pashto", "pt": "Portuguese",
    "ro": "Romanian", "ru": "Russian", "sdh": "Southern Kurdish", "sk": "Slovak",
    "sl": "Slovenian", "so": "Somali", "sq": "Albanian", "sr": "Serbian", "sv": "Swedish",
    "sw": "Swahili", "ta": "Tamil", "te": "Telugu", "tg": "Tajik", "th": "Thai",
    "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek",
    "vi": "Vietnamese", "yue": "Cantonese", "zh": "Chinese",
}  # fmt: skip

_identifier: Any = None


def _model() -> Any:
    global _identifier
    if _identifier is None:
        # imported here: numpy and the 4 MB model load only when a text is checked
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        # norm_probs: probabilities scaled by the text's length, so that they are calibrated
        _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier


def _sample(text: str) -> str:
    """At most SAMPLE_CHARS characters: the start, the middle and the end of the text, each
    cut at a space near its ends so that no word is split (where there is one: Chinese and
    Japanese have none)."""
    if len(text) <= SAMPLE_CHARS:
        return text
    width = SAMPLE_CHARS // 3
    pieces = []
    for start in (0, (len(text) - width) // 2, len(text) - width):
        piece = text[start : start + width]
        first, last = piece.find(" ", 0, 50), piece.rfind(" ", width - 50)
        if start > 0 and first >= 0:
            piece = piece[first + 1 :]
            last -= first + 1
        if start + width < len(text) and last > 0:
            piece = piece[:last]
        pieces.append(piece)
    return "\n".join(pieces)


def rank(text: str) -> list[tuple[str, float]]:
    """Every language of the model with its probability for ``text``, the likeliest first; an
    empty list when the text has fewer than :data:`MIN_LETTERS` letters.

    Related languages share the probability of a text (Arabic with its Egyptian and Moroccan
    forms, Persian with Dari and Tajik): the sum over several is surer than the first alone.

    Example:
        >>> rank("Le porte-parole a indiqué mercredi que les discussions reprendraient.")[0]
        ('fr', 0.99...)
    """
    sample = _sample(text)
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return []
    return [(str(code), float(p)) for code, p in _model().rank(sample)]


def identify(text: str) -> tuple[str, float]:
    """The language ``text`` is most likely in, and the model's probability for it.

    Args:
        text: any text; only :data:`SAMPLE_CHARS` characters of it are read.

    Returns:
        ``(code, probability)``: an ISO 639-1 code (``"de"``), or ISO 639-3 for a language
        without one (``"pcm"``, Nigerian Pidgin); ``("und", 0.0)`` when the text has fewer than
        :data:`MIN_LETTERS` letters.

    Example:
        >>> identify("Iran said.")
        ('und', 0.0)
    """
    ranked = rank(text)
    return ranked[0] if ranked else (UNDETERMINED, 0.0)


def language_name(code: str) -> str:
    """The English name of a language code, or the code itself when it has none here.

    Example:
        >>> language_name("fa")
        'Persian'
    """
    return _NAMES.get(code, code)
