"""Searching units and lessons: results, snippets, facet counts, totals and suggestions.

``search`` asks the index the deployment keeps; this module searches Whoosh's, and
app.search.postgres_search PostgreSQL's. In each, the visibility filter is applied in one
place: every figure and word a reader is shown comes from the documents they may read
(``readable``), so a private unit never shows in a count, a snippet or a "did you mean".
"""

import numpy as np
from flask import current_app
from markupsafe import Markup
from whoosh.query import Every, Or, Query, Term

from app.documents.models import Document
from app.extensions import db, search_index
from app.reviews.anonymity import blind_documents
from app.search import postgres_search, snippets
from app.search.engines import catch_up
from app.search.entries import load_documents, reader_text
from app.search.facets import CACHE, VOCABULARY, Columns
from app.search.matching import Matcher
from app.search.query import QueryError, parse, plain_words
from app.search.results import FILTERS, PLACES, Hit, Results
from app.search.schema import field_suffix


def search(
    user, text: str, filters: dict[str, list[str]], *, sort: str, page: int, per_page: int
) -> Results:
    """One page of what ``user`` may read matching ``text`` and ``filters``, from the index
    the deployment keeps (app.search.engines)."""
    engine = whoosh_search
    if current_app.config["SEARCH_BACKEND"] == "postgres":
        engine = postgres_search.search
    return engine(user, text, filters, sort=sort, page=page, per_page=per_page)


def whoosh_search(
    user, text: str, filters: dict[str, list[str]], *, sort: str, page: int, per_page: int
) -> Results:
    """The search in Whoosh's index; a damaged or missing index is rebuilt from the
    database rather than failing the search."""
    try:
        return run_search(user, text, filters, sort=sort, page=page, per_page=per_page)
    except QueryError:
        raise
    except Exception:
        if not search_index.recover():
            raise
        db.session.rollback()
    return run_search(user, text, filters, sort=sort, page=page, per_page=per_page)


def run_search(
    user, text: str, filters: dict[str, list[str]], *, sort: str, page: int, per_page: int
) -> Results:
    catch_up()
    searcher = search_index.searcher()
    columns = CACHE.columns(searcher)
    matcher = Matcher(searcher, CACHE)
    languages = language_masks(columns)
    visible = readable(matcher, columns, user)
    query: Query = Every()
    found = matcher.everything()
    if text:
        found, query = match_text(matcher, text, languages)
    blind = kept_blind(columns, user)
    if blind is not None and text:
        unnamed, _ = match_text(matcher, text, languages, people=False)
        found.mask = np.where(blind, unnamed.mask, found.mask)
        found.scores = np.where(blind, unnamed.scores, found.scores)
    matched = visible & found.mask
    results = Results(text, filters, sort, page, per_page)
    chosen = {facet: columns.having(facet, values) for facet, values in filters.items()}
    if blind is not None and PLACES in chosen:
        chosen[PLACES] &= ~blind
    for facet in FILTERS:
        others = [mask for name, mask in chosen.items() if name != facet]
        if blind is not None and facet == PLACES:
            others.append(~blind)
        results.facets[facet] = columns.counts(facet, np.logical_and.reduce([matched, *others]))
    final = np.logical_and.reduce([matched, *chosen.values()])
    results.total = int(final.sum())
    relevance = found.scores if sort == "relevance" and text else None
    docnums = ordered(columns, final, sort, relevance, page * per_page)
    page_docnums = docnums[(page - 1) * per_page : page * per_page]
    results.hits = hits(searcher, columns, query, page_docnums)
    if text and results.total == 0:
        results.suggestion = suggestion(matcher, text, visible, languages)
    return results


def kept_blind(columns: Columns, user) -> np.ndarray | None:
    """Mask of the documents whose authors ``user`` may not learn (app.reviews.anonymity),
    or None: these are not found by their authors' names, nor counted or found under their
    authors' municipalities."""
    hidden = blind_documents(user) if user.is_authenticated else frozenset()
    if not hidden:
        return None
    return np.isin(columns.ids, np.fromiter(hidden, dtype=np.int64, count=len(hidden)))


def language_masks(columns: Columns) -> dict[str, np.ndarray]:
    """Per language field suffix present ("fi", "plain" ...), the mask of its documents."""
    codes = columns.single["language"]
    values = VOCABULARY.values["language"]
    suffixes: dict[str, list[int]] = {}
    for code in np.unique(codes):
        suffixes.setdefault(field_suffix(values[code] if code >= 0 else None), []).append(code)
    return {suffix: np.isin(codes, kept) for suffix, kept in sorted(suffixes.items())}


def match_text(matcher: Matcher, text: str, languages: dict[str, np.ndarray], *, people=True):
    """The documents ``text`` matches, each as the query reads in the document's own
    language, and the query of every language (Or). A word that is a stop word in a
    document's language is left out for that document, not looked for in another
    language's field (where an English document would never have "the")."""
    found = matcher.empty()
    queries = []
    for suffix, in_language in languages.items():
        query = parse(text, [suffix], people=people)
        queries.append(query)
        match = matcher.match(query)
        found.mask |= match.mask & in_language
        found.scores = np.where(in_language, match.scores, found.scores)
    return found, Or(queries) if queries else parse(text, ["en"], people=people)


def readable(matcher: Matcher, columns: Columns, user) -> np.ndarray:
    """Mask of the documents ``user`` may read: shared with their audience, or theirs."""
    if user.is_authenticated and user.is_admin:
        return matcher.live.copy()
    audiences = ["public", "network"] if user.is_authenticated else ["public"]
    mask = columns.having("audience", audiences)
    if user.is_authenticated:
        mask |= matcher.mask(Term("readers", str(user.id)))
    return mask & matcher.live


def ordered(columns, final: np.ndarray, sort: str, scores, limit: int) -> list[int]:
    """Docnums of the final set in the chosen order, the first ``limit`` of them: by
    ``scores`` (best first) when given, else newest or most reviewed first."""
    docnums = np.flatnonzero(final)
    if scores is not None:
        keys = (docnums, -scores[docnums])
    elif sort == "reviewed":
        keys = (docnums, -columns.updated[docnums], -columns.reviews[docnums])
    else:
        keys = (docnums, -columns.updated[docnums])
    if len(docnums) > limit:
        best = np.argpartition(keys[-1], limit - 1)[:limit]
        docnums, keys = docnums[best], tuple(key[best] for key in keys)
    return docnums[np.lexsort(keys)][:limit].tolist()


def hits(searcher, columns: Columns, query: Query, docnums: list[int]) -> list[Hit]:
    ids = [int(columns.ids[n]) for n in docnums]
    documents = {d.id: d for d in load_documents(ids)}
    stems = snippets.found_stems(searcher.reader(), query)
    return [Hit(documents[i], snippet(documents[i], stems)) for i in ids if i in documents]


def snippet(document: Document, stems: dict[str, set[str]]) -> Markup:
    """A passage or two with the matched words marked; the summary when nothing matched.
    Its text is escaped: the only markup in it is the <mark> elements."""
    revision = document.current_revision
    summary = revision.fields.get("summary") or ""
    suffix = field_suffix(revision.fields.get("language"))
    words = stems.get(suffix)
    marked = words and snippets.snippet(reader_text(document), words, suffix)
    return marked or Markup.escape(summary)


def suggestion(matcher: Matcher, text: str, visible, languages) -> str | None:
    """The query with misspelt words replaced by words that readable documents contain."""
    reader = matcher.reader
    corrected = text
    for word in plain_words(text):
        lowered = word.lower()
        if reader.doc_frequency("words", lowered) and visible_count(matcher, lowered, visible):
            continue
        candidates = sorted(
            reader.terms_within("words", lowered, 2, prefix=1),
            key=lambda term: -reader.doc_frequency("words", term),
        )
        for candidate in candidates[:10]:
            if candidate != lowered and visible_count(matcher, candidate, visible):
                corrected = corrected.replace(word, candidate)
                break
    if corrected == text:
        return None
    if not (visible & match_text(matcher, corrected, languages)[0].mask).any():
        return None
    return corrected


def visible_count(matcher: Matcher, word: str, visible) -> int:
    return int((visible & matcher.mask(Term("words", word))).sum())
