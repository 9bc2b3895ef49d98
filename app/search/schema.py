"""What the Whoosh index holds for each unit and lesson, and how its text is analysed.

Text is analysed in the document's language: each language Whoosh can stem has its own
field (``text_fi``, ``text_sv`` ...), and languages it cannot stem share ``text_plain``. A
document fills only its language's field; a query is parsed once per language present in the
index, so "hygienia" finds "hygieniaa" and "washing" finds "wash". One field per language
keeps queries fast (a field per part would multiply every term by the parts); the title and
the objectives weigh more in ranking because the entry repeats them (app.search.entries).

Each language field has a twin of word pairs (``pairs_fi`` ...): the same analysis, then every
two neighbouring words as one term ("käsi pesu"), as Elasticsearch's ``index_phrases`` does. A
two-word phrase is then one term's postings, not two common words' positions compared.

What the search page filters, counts and sorts by is not looked up term by term: it is one
JSON column per document (``facets``), read once per index segment into arrays
(app.search.facets).
"""

import functools

from whoosh import columns
from whoosh.analysis import BiWordFilter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.fields import COLUMN, ID, KEYWORD, TEXT, Schema
from whoosh.lang import has_stemmer, has_stopwords, stemmer_for_language, stopwords_for_language

from app.languages import CONTENT_LANGUAGES

PLAIN = "plain"
#: The content languages Whoosh stems; the others are analysed as ``plain``.
STEMMED = tuple(code for code in CONTENT_LANGUAGES if has_stemmer(code))
ANALYSED = (*STEMMED, PLAIN)


@functools.cache
def stemmer(language: str):
    return stemmer_for_language(language)


@functools.lru_cache(maxsize=200_000)
def stem_to_fixed_point(language: str, word: str) -> str:
    """Stem until the word stops changing.

    Snowball stems some inflected forms one step short ("hygieniaa" → "hygienia", but
    "hygienia" → "hygien"); stemming to a fixed point gives every form the same stem.
    """
    stem = stemmer(language)
    for _ in range(4):
        shorter = stem(word)
        if shorter == word:
            break
        word = shorter
    return word


class FixedPointStemmer:
    """A language's ``stem_to_fixed_point``, as a value Whoosh can keep in the index's schema."""

    def __init__(self, language: str):
        self.language = language

    def __call__(self, word: str) -> str:
        return stem_to_fixed_point(self.language, word)


@functools.cache
def analyzer(language: str):
    """The analyzer of a language's field.

    Stems are cached by ``stem_to_fixed_point``, not by Whoosh: once full, Whoosh's stem cache
    scans all its entries for every new word, which made indexing and snippets crawl.
    """
    chain = words_analyzer(language)
    if language == PLAIN:
        return chain
    return chain | StemFilter(stemfn=FixedPointStemmer(language), cachesize=None)


def words_analyzer(language: str):
    """Words, lowercased, without ``language``'s stop words: not stemmed."""
    chain = RegexTokenizer() | LowercaseFilter()
    if language != PLAIN and has_stopwords(language):
        chain = chain | StopFilter(stoplist=stopwords_for_language(language), minsize=1)
    return chain


#: Between the two words of a pair term; the tokenizer never puts one inside a word.
PAIR = " "


@functools.cache
def pair_analyzer(language: str):
    """A language's analysis, then each two neighbouring words (stop words left out) as one."""
    return analyzer(language) | BiWordFilter(sep=PAIR)


def pairs_field(text_field: str) -> str:
    """The word-pair twin of a language's text field: ``text_fi`` → ``pairs_fi``."""
    return "pairs_" + text_field.removeprefix("text_")


def same_analysis(stored: Schema, wanted: Schema) -> bool:
    """Do both schemas have the same fields, each analysed by the same steps?"""
    return stored.names() == wanted.names() and all(
        analysis_steps(stored[name]) == analysis_steps(wanted[name]) for name in wanted.names()
    )


def analysis_steps(field) -> tuple:
    analyzer = getattr(field, "analyzer", None)
    steps = getattr(analyzer, "items", [analyzer]) if analyzer is not None else []
    return tuple((type(step).__name__, getattr(step, "cachesize", None)) for step in steps)


def field_suffix(language: str | None) -> str:
    """Which language's fields a document in ``language`` fills."""
    return language if language in STEMMED else PLAIN


def text_field_names(languages) -> list[str]:
    """The text fields of these languages' documents."""
    return sorted({f"text_{field_suffix(language)}" for language in languages})


def build_schema() -> Schema:
    fields = {
        "id": ID(stored=True, unique=True),
        #: Who may read: "public", "network" (signed-in teachers) or "none" (collaborators).
        "audience": ID(),
        #: Teacher ids of the collaborators of the document's unit (or of the document).
        "readers": KEYWORD(),
        #: Every word, unstemmed: the vocabulary "did you mean" suggests from.
        "words": TEXT(analyzer=RegexTokenizer() | LowercaseFilter(), phrase=False),
        #: The authors' names and municipalities: searched with the text, apart from it so
        #: that a reviewer kept blind to who wrote a document cannot find it by its authors.
        "people": TEXT(analyzer=RegexTokenizer() | LowercaseFilter()),
        "facets": COLUMN(columns.VarBytesColumn()),
    }
    for language in ANALYSED:
        fields[f"text_{language}"] = TEXT(analyzer=analyzer(language))
        fields[f"pairs_{language}"] = TEXT(analyzer=pair_analyzer(language), phrase=False)
    return Schema(**fields)
