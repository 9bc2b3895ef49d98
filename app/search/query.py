"""What a teacher types into the search box, as a Whoosh query over every language's fields.

Words are ANDed; ``"a phrase"``, ``prefix*``, ``OR`` and ``-word`` (or ``NOT word``) work as
on any search site. Field names, ranges and boosts are not part of the syntax: a colon or a
caret is just text.
"""

import functools
import re
import unicodedata

from flask_babel import lazy_gettext as _l
from whoosh import qparser
from whoosh.analysis import LowercaseFilter, RegexTokenizer
from whoosh.fields import TEXT, Schema
from whoosh.query import Query

from app.search.schema import build_schema, text_field_names, words_analyzer

#: Longest query accepted, in characters.
MAX_LENGTH = 500
SCHEMA = build_schema()
WORDS_SCHEMA = Schema(words=TEXT(analyzer=RegexTokenizer() | LowercaseFilter()))
WORD = re.compile(r"\w", re.UNICODE)
#: A word of at least two letters before a ``*``: shorter prefixes match half the vocabulary.
SHORT_PREFIX = re.compile(r"(?:^|[\s\"(])-?\w?[*?]", re.UNICODE)
OPERATORS = re.compile(r"\b(?:AND|OR|NOT|ANDNOT|ANDMAYBE)\b")


class QueryError(ValueError):
    """A query that cannot be searched; the message says what to change."""

    def __init__(self, message):
        self.message = message
        super().__init__(message)


def clean(text: str) -> str:
    """NFC, without control characters, with whitespace collapsed."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch in "\t\n")
    return " ".join(text.split())


def check(text: str) -> None:
    if len(text) > MAX_LENGTH:
        raise QueryError(_l("Search for at most %(count)d characters.", count=MAX_LENGTH))
    if not WORD.search(OPERATORS.sub("", text)):
        raise QueryError(_l("Type at least one word to search for."))
    if SHORT_PREFIX.search(text):
        raise QueryError(_l("Put at least two letters before a *."))


def parser(fields: list[str], schema: Schema) -> qparser.QueryParser:
    parse = qparser.MultifieldParser(fields, schema, group=qparser.AndGroup)
    for plugin in (
        qparser.FieldsPlugin,
        qparser.RangePlugin,
        qparser.BoostPlugin,
        qparser.EveryPlugin,
    ):
        parse.remove_plugin_class(plugin)
    parse.add_plugin(qparser.PlusMinusPlugin())
    return parse


def parse(text: str, languages, *, people: bool = True) -> Query:
    """The query for ``text`` over the text fields of ``languages`` and, if ``people``, the
    authors' names and municipalities; QueryError if unusable."""
    fields = [*text_field_names(languages), *(["people"] if people else [])]
    suffixes = {field.removeprefix("text_") for field in text_field_names(languages)}
    schema = schema_for(suffixes.pop()) if len(suffixes) == 1 else SCHEMA
    return parsed(text, parser(fields, schema))


@functools.cache
def schema_for(suffix: str) -> Schema:
    """The schema a query in one language's fields is read with: the authors' names are
    looked for with the words that language keeps, so that a stop word ("in", "the") is left
    out of the whole query rather than required of the names."""
    schema = build_schema()
    schema.remove("people")
    schema.add("people", TEXT(analyzer=words_analyzer(suffix)))
    return schema


def parse_words(text: str) -> Query:
    """The query's words, phrases and prefixes as typed (lowercased, not stemmed), for an
    index that analyses them in each language itself (app.search.postgres_search)."""
    return parsed(text, parser(["words"], WORDS_SCHEMA))


def parsed(text: str, parse: qparser.QueryParser) -> Query:
    check(text)
    try:
        return parse.parse(text)
    except Exception as error:  # the parser's own errors are not a 500
        raise QueryError(_l("This search could not be understood. Try simpler words.")) from error


def plain_words(text: str) -> list[str]:
    """The query's words as typed (no operators, quotes or wildcards), for suggestions."""
    words = re.findall(r"[\w-]+\*?", OPERATORS.sub(" ", text))
    return [w for w in words if not w.endswith("*") and not w.startswith("-") and len(w) > 2]
