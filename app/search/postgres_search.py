"""Searching the PostgreSQL index (app.search.postgres): the same results, facet counts,
snippets and suggestions as Whoosh's, from ``search_entry``.

The search box's syntax is read once, as the Whoosh index reads it (app.search.query), and
each word, phrase and prefix is handed to PostgreSQL to analyse in every language
configuration: ``websearch_to_tsquery`` for words and phrases, ``to_tsquery(... ':*')`` for
prefixes. Configurations that analyse the query alike share one condition, so a common word is
looked up in the GIN index once or twice, not once per language.

As in app.search.services, the visibility filter is one condition (``readable``) under every
figure: the total, each facet's counts, the page, the snippets and the suggestions.
"""

import functools
import re
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape
from sqlalchemy import (
    ColumnElement,
    Text,
    and_,
    case,
    cast,
    exists,
    false,
    func,
    literal,
    literal_column,
    not_,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.dialects.postgresql import ARRAY, REGCONFIG, TSQUERY, array
from whoosh.query import (
    And,
    AndMaybe,
    AndNot,
    Every,
    Not,
    NullQuery,
    Or,
    Phrase,
    Prefix,
    Query,
    Require,
    Term,
    Wildcard,
    WrappingQuery,
)

from app.extensions import db
from app.reviews.anonymity import blind_documents
from app.search.engines import catch_up
from app.search.entries import load_documents
from app.search.facets import MULTI
from app.search.postgres import (
    BETWEEN,
    CONFIGS,
    SIMPLE,
    START,
    STOP,
    search_entry,
    search_word,
)
from app.search.query import QueryError, parse_words, plain_words
from app.search.results import FILTERS, PLACES, Hit, Results

ENTRY = search_entry.c
#: Every configuration a document may be analysed by.
ALL_CONFIGS = tuple(sorted({*CONFIGS.values(), SIMPLE}))
#: Around the marked words of a ``ts_headline`` (replaced by <mark> once the rest is escaped).
HEADLINE = (
    f"StartSel={START}, StopSel={STOP}, FragmentDelimiter={BETWEEN}, "
    "MaxFragments=2, MaxWords=30, MinWords=12, ShortWord=2"
)
LEADING_WORD = re.compile(r"\w+")
NOTHING = cast("", TSQUERY)


@dataclass(frozen=True)
class Analysed:
    """A query as PostgreSQL analysed it: per distinct tsquery, the configurations giving it.
    Configurations for which it is empty (stop words only) match nothing."""

    groups: dict[str, list[str]]

    def matching(self, vector) -> ColumnElement:
        """Rows whose ``vector`` the query matches as their configuration analyses it: one
        condition per configuration, as each has its own partial GIN index."""
        if not self.groups:
            return false()
        return or_(
            *(
                and_(ENTRY.config == regconfig(config), vector.op("@@")(cast(query, TSQUERY)))
                for query, configs in self.groups.items()
                for config in configs
            )
        )

    def of_row(self) -> ColumnElement:
        """Each row's query, by its configuration."""
        whens = {
            config: cast(q, TSQUERY) for q, configs in self.groups.items() for config in configs
        }
        return case(
            {regconfig(c): q for c, q in whens.items()},
            value=ENTRY.config,
            else_=NOTHING,
        )


def regconfig(name: str) -> ColumnElement:
    """A configuration by name, written into the statement: a constant the planner matches
    with the partial indexes' conditions (a bound parameter it would not)."""
    if name not in ALL_CONFIGS:
        raise ValueError(f"no text search configuration {name!r}")
    return literal_column(f"'{name}'::regconfig", REGCONFIG)


def tsquery(query: Query, config) -> ColumnElement:
    """The query as a tsquery in ``config``. A part with no words in it (stop words only) is
    the empty tsquery, which PostgreSQL leaves out of ``&&`` and ``||`` and which matches
    nothing alone, as Whoosh leaves out stop words."""
    if isinstance(query, Term):
        return word_forms(query.text, config)
    if isinstance(query, Phrase):
        return func.websearch_to_tsquery(config, '"' + " ".join(query.words) + '"')
    if isinstance(query, Prefix | Wildcard):
        # A wildcard inside a word (``wa*ing``) is searched as the prefix before it.
        word = LEADING_WORD.match(query.text)
        return func.to_tsquery(config, word.group().lower() + ":*") if word else NOTHING
    if isinstance(query, Not):
        return func.tsquery_not(tsquery(query.query, config))
    if isinstance(query, AndNot | Require):
        second = Not(query.b) if isinstance(query, AndNot) else query.b
        return func.tsquery_and(tsquery(query.a, config), tsquery(second, config))
    if isinstance(query, AndMaybe):  # the maybe part only changes Whoosh's scores
        return tsquery(query.a, config)
    if isinstance(query, And | Or):
        combine = func.tsquery_and if isinstance(query, And) else func.tsquery_or
        parts = [tsquery(subquery, config) for subquery in query.subqueries]
        return functools.reduce(combine, parts) if parts else NOTHING
    if isinstance(query, WrappingQuery):
        return tsquery(query.child, config)
    if query is NullQuery or isinstance(query, Every):
        return NOTHING
    raise QueryError(_l("This search could not be understood. Try simpler words."))


def word_forms(word: str, config) -> ColumnElement:
    """A word as ``config`` stems it, or as typed, or its stem stemmed again.

    Snowball stems some inflected forms one step short of their base form's stem: Finnish
    "hygieniaa" becomes "hygienia", but "hygienia" becomes "hygien". The Whoosh index stems
    to a fixed point; here the query carries the forms either side could have been left at.
    A stop word stays the empty query."""
    once = func.websearch_to_tsquery(config, word)
    forms = functools.reduce(
        func.tsquery_or,
        [
            once,
            func.to_tsquery(regconfig(SIMPLE), quoted(word)),
            func.websearch_to_tsquery(config, cast(once, Text)),
        ],
    )
    return case((func.numnode(once) == 0, once), else_=forms)


def quoted(word: str) -> str:
    """A word as a tsquery lexeme: quoted, so that no character in it is an operator."""
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


@functools.lru_cache(maxsize=1024)
def analyse(text: str) -> Analysed:
    """Analyse the query in every configuration at once, in one round trip. A text is always
    analysed alike, so the analysis of the texts searched most recently is kept."""
    query = parse_words(text)
    configs = (
        func.unnest(cast(array(ALL_CONFIGS), ARRAY(REGCONFIG)))
        .table_valued("config")
        .render_derived("configs")
    )
    analysed = select(cast(configs.c.config, Text), cast(tsquery(query, configs.c.config), Text))
    groups: dict[str, list[str]] = defaultdict(list)
    for config, text_query in db.session.execute(analysed):
        if text_query:
            groups[text_query].append(config)
    return Analysed(dict(groups))


def search(
    user, text: str, filters: dict[str, list[str]], *, sort: str, page: int, per_page: int
) -> Results:
    """One page of what ``user`` may read matching ``text`` and ``filters``."""
    catch_up()
    analysed = analyse(text) if text else None
    blind = kept_blind(user)
    visible = readable(user)
    found = and_(visible, matches(analysed, blind)) if analysed else visible
    chosen = chosen_on(ENTRY, filters, blind)
    results = Results(text, filters, sort, page, per_page)
    relevance = rank(analysed, blind) if analysed and sort == "relevance" else None
    page_query = (
        select(ENTRY.document_id)
        .where(found, *chosen.values())
        .order_by(*ordering(sort, relevance))
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    with index_scans(bool(analysed)):
        results.total, results.facets = counts(found, filters, blind)
        ids = list(db.session.scalars(page_query))
    results.hits = hits(ids, analysed)
    if analysed and results.total == 0:
        results.suggestion = suggestion(text, visible, blind)
    return results


@contextmanager
def index_scans(wanted: bool):
    """Have PostgreSQL find the matching entries through their GIN indexes, even where it
    would rather read the whole table and test each entry: its estimate leaves out that
    testing an entry means decompressing its whole vector, which at 5,000 lessons made a
    common word's counts take 20 ms where the index takes 3."""
    if not wanted:
        yield
        return
    before, _ = db.session.execute(
        select(
            func.current_setting("enable_seqscan"), func.set_config("enable_seqscan", "off", True)
        )
    ).one()
    try:
        yield
    finally:
        db.session.execute(select(func.set_config("enable_seqscan", before, True)))


def readable(user) -> ColumnElement:
    """The entries ``user`` may read: shared with their audience, or theirs."""
    if user.is_authenticated and user.is_admin:
        return true()
    if not user.is_authenticated:
        return ENTRY.audience == "public"
    return or_(ENTRY.audience.in_(["public", "network"]), ENTRY.readers.contains([user.id]))


def kept_blind(user) -> ColumnElement | None:
    """The entries whose authors ``user`` may not learn (app.reviews.anonymity), or None:
    these are not found by their authors' names, nor counted or found under their authors'
    municipalities."""
    hidden = blind_documents(user) if user.is_authenticated else frozenset()
    return ENTRY.document_id.in_(sorted(hidden)) if hidden else None


def matches(analysed: Analysed, blind: ColumnElement | None) -> ColumnElement:
    """The entries the query matches: by their text and authors, or, kept blind, by their
    text alone."""
    named = analysed.matching(ENTRY.named)
    if blind is None:
        return named
    return or_(and_(not_(blind), named), and_(blind, analysed.matching(ENTRY.document)))


def rank(analysed: Analysed, blind: ColumnElement | None) -> ColumnElement:
    """How well an entry matches: the title weighs most, then the objectives, then the rest
    (the vectors' weights), and a word found more often weighs more."""
    vector = ENTRY.named if blind is None else case((blind, ENTRY.document), else_=ENTRY.named)
    return func.ts_rank(vector, analysed.of_row())


def chosen_on(columns, filters: dict[str, list[str]], blind) -> dict[str, ColumnElement]:
    """Per facet filtered by, its condition on ``columns`` (the entries' or a selection's)."""
    return {facet: having(columns, facet, values, blind) for facet, values in filters.items()}


def having(columns, facet: str, values: list[str], blind) -> ColumnElement:
    """The entries with any of ``values`` for ``facet``."""
    column = columns[facet]
    if facet not in MULTI:
        return column.in_(values)
    condition = column.overlap(cast(values, column.type))
    if facet == PLACES and blind is not None:
        condition = and_(condition, not_(blind))
    return condition


def counts(found, filters: dict, blind) -> tuple[int, dict[str, dict[str, int]]]:
    """The number of results and, per facet, how many found entries have each value, each
    counted with the other facets' filters applied (a value per entry of a multi-valued
    facet, so a lesson for grades 7 and 8 counts under both). One statement."""
    columns = [ENTRY.document_id, *(ENTRY[facet] for facet in FILTERS)]
    if blind is not None:
        columns.append(blind.label("blind"))
    matched = select(*columns).where(found).cte("matched")
    chosen = chosen_on(matched.c, filters, matched.c.blind if blind is not None else None)
    parts = [
        select(literal(""), literal(""), func.count()).select_from(matched).where(*chosen.values())
    ]
    for facet in FILTERS:
        others = [condition for name, condition in chosen.items() if name != facet]
        if blind is not None and facet == PLACES:
            others.append(not_(matched.c.blind))
        if facet in MULTI:
            value = (
                func.unnest(matched.c[facet]).table_valued("value").render_derived(f"{facet}_value")
            )
            part = select(literal(facet), value.c.value, func.count()).select_from(
                matched.join(value, true())
            )
        else:
            value = matched.c[facet]
            part = select(literal(facet), value, func.count()).where(value.is_not(None))
        parts.append(part.where(*others).group_by(literal_column("2")))
    facets: dict[str, dict[str, int]] = {facet: {} for facet in FILTERS}
    total = 0
    for facet, value, count in db.session.execute(union_all(*parts)):
        if facet:
            facets[facet][value] = count
        else:
            total = count
    return total, facets


def ordering(sort: str, relevance) -> list:
    if relevance is not None:
        return [relevance.desc(), ENTRY.updated.desc(), ENTRY.document_id]
    if sort == "reviewed":
        return [ENTRY.reviews.desc(), ENTRY.updated.desc(), ENTRY.document_id]
    return [ENTRY.updated.desc(), ENTRY.document_id]


def hits(ids: list[int], analysed: Analysed | None) -> list[Hit]:
    documents = {document.id: document for document in load_documents(ids)}
    headlines = {}
    if analysed and ids:
        headline = func.ts_headline(ENTRY.config, ENTRY.body, analysed.of_row(), HEADLINE)
        rows = db.session.execute(
            select(ENTRY.document_id, headline).where(ENTRY.document_id.in_(ids))
        )
        headlines = dict(rows.all())
    return [
        Hit(documents[i], snippet(headlines.get(i)) or summary(documents[i]))
        for i in ids
        if i in documents
    ]


def snippet(headline: str | None) -> Markup | None:
    """The headline escaped, with its marked words in <mark>; None if it marks none."""
    if not headline or START not in headline:
        return None
    marked = escape(headline).replace(START, Markup("<mark>")).replace(STOP, Markup("</mark>"))
    return marked.replace(BETWEEN, " … ").replace("\n", " ").strip()


def summary(document) -> Markup:
    return Markup.escape(document.current_revision.fields.get("summary") or "")


def suggestion(text: str, visible, blind) -> str | None:
    """The query with misspelt words replaced by words that readable documents contain."""
    corrected = text
    for word in plain_words(text):
        lowered = word.lower()
        if any_readable(lowered, visible, blind):
            continue
        for candidate in similar_words(lowered):
            if any_readable(candidate, visible, blind):
                corrected = corrected.replace(word, candidate)
                break
    if corrected == text or not any_readable(corrected, visible, blind):
        return None
    return corrected


def similar_words(word: str) -> list[str]:
    """Known words that begin with the same letter and are at most two edits away, the
    closest first."""
    distance = func.levenshtein_less_equal(search_word.c.word, word, 2)
    query = (
        select(search_word.c.word)
        .where(
            search_word.c.word.startswith(word[0], autoescape=True),
            search_word.c.word != word,
            distance <= 2,
        )
        .order_by(distance, search_word.c.word)
        .limit(10)
    )
    return list(db.session.scalars(query))


def any_readable(text: str, visible, blind) -> bool:
    return bool(db.session.scalar(select(exists().where(visible, matches(analyse(text), blind)))))
