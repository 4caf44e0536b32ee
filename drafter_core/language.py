"""Which language a text is in: the customer's email (parse) and each part of a draft (guardrails: wrong_language).

py3langid restricted to the languages customers write in, with a shortcut for plain English and a count of
common words for a line or two.
"""

from __future__ import annotations

import re
from array import array
from functools import lru_cache
from typing import Any

# The languages' names, for prompts and messages ("Write the reply in German").
LANGUAGE_NAMES = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian", "nl": "Dutch",
    "pt": "Portuguese", "sv": "Swedish", "da": "Danish", "no": "Norwegian", "pl": "Polish", "ja": "Japanese",
}

# Languages customers write to us in, plus neighbours a short text could be mistaken for.
_LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pt", "sv", "da", "no", "fi", "pl", "cs", "tr", "ru", "ja",
              "zh", "ko", "ar", "el")
_MIN_CONFIDENCE = 0.8
_LANGUAGE_SAMPLE = 300  # characters: plenty for a confident guess, and the cost is linear in it
_STOPWORDS = {
    "en": "the and is my you not to of it for have was please thanks thank order hi hello this that with your our "
          "are be been has had would",
    "de": "der die das und ist nicht ich mein meine sie danke bitte hallo mit für habe",
    "fr": "le la les et est pas je mon ma vous merci bonjour avec pour une ai",
    "es": "el la los y es no mi usted gracias hola con para una por pedido he",
    "it": "il la non sono mio grazie ciao con per una ho",
    "nl": "de het een niet ik mijn u dank bedankt hallo met voor",
    "pt": "o os não meu minha obrigado obrigada olá com para uma",  # not "a": every English text has it
}
_STOPWORD_SETS = {lang: frozenset(words.split()) for lang, words in _STOPWORDS.items()}
_WORD = re.compile(r"\w+")
_EXPECTED_LEAST = 4  # common words that settle a text's language when it is the one expected


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """py3langid's model, loaded once (~0.7 s) and restricted to the languages above."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    full = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    full.set_languages(list(_LANGUAGES))
    # Built again from the restricted tables alone, so the full model's (97 languages, ~20 MB) is let go; the
    # feature of each of its 104,583 states as one array of C ints, not a list of Python ints (3.7 -> 0.4 MB,
    # about 4 µs more per classification of 300 characters, of 80).
    return LanguageIdentifier(full.nb_ptc, full.nb_pc, full.nb_classes, full.tk_nextmove, array("i", full.tk_output),
                              norm_probs=True, tk_row=full.tk_row)


def detect_language(text: str, default: str = "en") -> str:
    """ISO 639-1 code of `text`; `default` only when the text is too short or mixed to tell."""
    sample = text[:_LANGUAGE_SAMPLE]
    if not any(ch.isalpha() for ch in sample):
        return default
    if _plainly_english(sample):
        return "en"  # most mail: skip the statistical model (about 0.3 ms) when the common words settle it
    language, confidence = _identifier().classify(sample)
    if confidence >= _MIN_CONFIDENCE:
        return str(language)
    return _stopword_language(sample) or (str(language) if confidence >= 0.5 else default)


def _plainly_english(text: str) -> bool:
    return _plainly(text, "en", 8)


def _plainly(text: str, language: str, least: int) -> bool:
    """At least `least` of the language's common words and next to none of any other language's."""
    ours, other = _common_words(text, language)
    return ours >= least and ours >= 4 * max(other, 1)


def _settled(text: str, expected: str) -> bool:
    """The expected language's common words settle it: four times as many as any other's, or two and none."""
    ours, other = _common_words(text, expected)
    return ours >= 2 and (other == 0 or (ours >= _EXPECTED_LEAST and ours >= 4 * other))


def _common_words(text: str, language: str) -> tuple[int, int]:
    """How many of `language`'s common words `text` has, and the most any other language's has."""
    words = [w.lower() for w in _WORD.findall(text)]
    ours = sum(w in _STOPWORD_SETS[language] for w in words)
    other = max(sum(w in stop for w in words) for lang, stop in _STOPWORD_SETS.items() if lang != language)
    return ours, other


def _stopword_language(text: str) -> str | None:
    """For a line or two ("Danke!", "Merci beaucoup"): the language whose common words appear most."""
    words = [w.lower() for w in _WORD.findall(text)]
    scores = {lang: sum(w in stop for w in words) for lang, stop in _STOPWORD_SETS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] > 0 and list(scores.values()).count(scores[best]) == 1 else None


def confident_language(text: str, expected: str | None = None) -> str | None:
    """The language of `text` when the model is sure of it (a paragraph, not a greeting), else None.

    `expected` is the language the text should be in (a section of a reply): when its common words settle it
    (four of them, four times as many as any other language's), the statistical model is not asked."""
    sample = text[:_LANGUAGE_SAMPLE]
    if not any(ch.isalpha() for ch in sample):
        return None
    if expected in _STOPWORD_SETS and _settled(sample, expected):
        return expected
    if _plainly_english(sample):
        return "en"
    language, confidence = _identifier().classify(sample)
    return str(language) if confidence >= _MIN_CONFIDENCE else None
