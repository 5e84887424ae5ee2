"""Text analysis of the database backend: the same on indexing and on querying.

Polish words are stemmed with Stempel (pystempel ships the stemmer table of Elasticsearch's
analysis-stempel plugin, so both backends agree on stems), English ones with Snowball's English
stemmer, Ukrainian ones lemmatized with pymorphy3 and its Ukrainian dictionary ("волонтерів",
"волонтера" -> "волонтер"; Snowball has no Ukrainian stemmer).
Every token is folded to ASCII where the script allows it, so diacritics are optional:
"zrodla" finds "źródła".

A word is indexed as two tokens, its folded stem and its folded surface form: a query word
matches when either of its own two forms is among them. The surface form keeps words the stemmer
mangles findable; the stem joins inflected forms ("wolontariusza", "wolontariuszy").
"""

import functools
import re
import unicodedata

WORD_RE = re.compile(r"\w+", re.UNICODE)
MIN_WORD_LENGTH = 2
# Letters that Unicode does not decompose into a base letter and an accent.
EXTRA_FOLDING = str.maketrans({"ł": "l", "Ł": "L", "ß": "ss", "ø": "o", "đ": "d"})


def fold(text):
    """Lowercase and strip diacritics: "Źródła" -> "zrodla". Cyrillic letters stay Cyrillic."""
    text = text.lower().translate(EXTRA_FOLDING)
    decomposed = unicodedata.normalize("NFD", text)
    # Ukrainian й is a letter of its own, not и with an accent: its breve stays.
    folded = "".join(c for c in decomposed if unicodedata.category(c) != "Mn" or c == "\u0306")
    return unicodedata.normalize("NFC", folded)


def words(text):
    """The words of a text in their original case and spelling."""
    return WORD_RE.findall(text or "")


@functools.cache
def _polish_stemmer():
    import pystempel.streams
    from pystempel import Stemmer

    # Loading the table draws a progress bar on stderr: not in a web server's log.
    pystempel.streams.DISABLE_TQDM = True
    return Stemmer.default()


@functools.cache
def _english_stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@functools.cache
def _ukrainian_lemmatizer():
    try:
        import pymorphy3
    except ImportError:  # an installation without the dictionary: whole words still match
        return None
    return pymorphy3.MorphAnalyzer(lang="uk")


@functools.lru_cache(maxsize=50_000)
def stem(word, language):
    """The stem of one lowercased word in a language; the word itself where there is no stemmer."""
    if language == "pl":
        if len(word) <= 3 or word.isdigit():
            return word
        return _polish_stemmer()(word) or word
    if language == "en":
        return _english_stemmer().stemWord(word)
    if language == "uk" and not word.isdigit():
        lemmatizer = _ukrainian_lemmatizer()
        if lemmatizer is not None:
            parses = lemmatizer.parse(word)
            return parses[0].normal_form if parses else word
    return word


def word_forms(word, language):
    """The tokens of one word: its folded stem and its folded surface form."""
    lower = word.lower()
    return {fold(stem(lower, language)), fold(lower)}


def tokens(text, language):
    """Every token of a text, in order of first appearance, without repetition."""
    seen = {}
    for word in words(text):
        if len(word) < MIN_WORD_LENGTH:
            continue
        for token in sorted(word_forms(word, language)):
            seen.setdefault(token, None)
    return list(seen)


def query_words(query):
    """The words of a query long enough to search for."""
    return [word for word in words(query) if len(word) >= MIN_WORD_LENGTH]


def query_terms(query, language, spellings=None):
    """The words of a query, each as (surface word, the set of tokens it matches).

    A query word matches the forms of the word as typed, of its folded spelling, and of each
    spelling the index knows for that folded spelling (``spellings``: {"seniorow":
    {"seniorów"}}, from the vocabulary). The stemmer only joins inflected forms it sees with
    their diacritics ("seniorów" -> "senior", "seniorow" -> "seniorow"): the vocabulary puts
    them back, so "seniorow" finds what "seniorów" finds whenever a page spells it so.
    """
    spellings = spellings or {}
    terms = []
    for word in query_words(query):
        folded = fold(word)
        forms = word_forms(word, language) | word_forms(folded, language)
        for spelling in spellings.get(folded, ()):
            forms |= word_forms(spelling, language)
        terms.append((word, forms))
    return terms
