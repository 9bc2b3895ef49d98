"""Which documents a parsed query matches, and how well, as numpy arrays over docnums.

Whoosh's own matchers walk postings one document at a time in Python, which takes hundreds
of milliseconds for a common word in 50,000 lessons. Here each term's postings are read a
block (up to 128 documents) at a time into arrays, and ``And``/``Or``/``Not`` become array
operations; ranking is Whoosh's BM25F computed over the same arrays. A phrase is looked up in
the field of adjacent word pairs (``pairs_<language>``), so it costs no more than two words;
phrases of three or more words are then confirmed with Whoosh's positional matcher on the
few documents left.
"""

from collections.abc import Iterator
from itertools import pairwise

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.query import (
    And,
    AndMaybe,
    AndNot,
    DisjunctionMax,
    Every,
    MultiTerm,
    Not,
    NullQuery,
    Or,
    Phrase,
    Query,
    Require,
    Term,
    WrappingQuery,
)
from whoosh.scoring import bm25
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

from app.search.schema import pair_field, pair_term

#: BM25F parameters, as Whoosh's default weighting.
B, K1 = 0.75, 1.2
LENGTHS = np.array([byte_to_length(b) for b in range(256)], dtype=np.float32)


class Match:
    """Documents a query matches (``mask``) and their scores (``scores``), by docnum."""

    def __init__(self, mask: np.ndarray, scores: np.ndarray):
        self.mask = mask
        self.scores = scores


class Matcher:
    """Evaluates queries over one searcher's index."""

    def __init__(self, searcher: Searcher, lengths):
        self.searcher = searcher
        self.reader = searcher.reader()
        #: (segment searcher, its reader, its first docnum), empty segments left out.
        self.leaves = [
            (leaf, leaf.reader(), offset)
            for leaf, offset in searcher.leaf_searchers()
            if leaf.doc_count_all()
        ]
        self.size = searcher.doc_count_all()
        self.lengths = lengths
        self.live = np.ones(self.size, dtype=bool)
        for _, reader, offset in self.leaves:
            deleted = np.fromiter(reader._perdoc.deleted_docs(), dtype=np.int64)
            self.live[deleted + offset] = False

    def empty(self) -> Match:
        return Match(np.zeros(self.size, dtype=bool), np.zeros(self.size, dtype=np.float32))

    def everything(self) -> Match:
        return Match(self.live.copy(), np.zeros(self.size, dtype=np.float32))

    def match(self, query: Query) -> Match:
        """The live documents ``query`` matches, with their BM25F scores."""
        found = self.evaluate(query)
        found.mask &= self.live
        return found

    def mask(self, query: Query) -> np.ndarray:
        return self.match(query).mask

    def evaluate(self, query: Query) -> Match:
        boost = getattr(query, "boost", 1.0)
        if isinstance(query, Term):
            return self.term(query.fieldname, query.text, boost)
        if isinstance(query, Phrase):
            return self.phrase(query)
        if isinstance(query, MultiTerm):
            return self.expanded(query)
        if isinstance(query, Every):
            return self.everything()
        if query is NullQuery:
            return self.empty()
        if isinstance(query, And):
            return self.conjunction(query.subqueries)
        if isinstance(query, DisjunctionMax):
            return self.disjunction(query.subqueries, combine=np.maximum)
        if isinstance(query, Or):
            return self.disjunction(query.subqueries, combine=np.add)
        if isinstance(query, Not):
            return Match(~self.evaluate(query.query).mask, np.zeros(self.size, dtype=np.float32))
        if isinstance(query, AndNot):
            found = self.evaluate(query.a)
            found.mask &= ~self.evaluate(query.b).mask
            return found
        if isinstance(query, AndMaybe):
            found, maybe = self.evaluate(query.a), self.evaluate(query.b)
            found.scores += np.where(maybe.mask, maybe.scores, 0)
            return found
        if isinstance(query, Require):
            found = self.evaluate(query.a)
            found.mask &= self.evaluate(query.b).mask
            return found
        if isinstance(query, WrappingQuery):
            return self.evaluate(query.child)
        return self.fallback(query)

    def conjunction(self, subqueries) -> Match:
        wanted = [q for q in subqueries if not isinstance(q, Not)]
        unwanted = [q.query for q in subqueries if isinstance(q, Not)]
        found = self.evaluate(wanted[0]) if wanted else self.everything()
        for query in wanted[1:]:
            other = self.evaluate(query)
            found.mask &= other.mask
            found.scores += other.scores
        for query in unwanted:
            found.mask &= ~self.evaluate(query).mask
        found.scores[~found.mask] = 0
        return found

    def disjunction(self, subqueries, *, combine) -> Match:
        found = self.empty()
        for query in subqueries:
            other = self.evaluate(query)
            found.mask |= other.mask
            found.scores = combine(found.scores, other.scores)
        return found

    def term(self, fieldname: str, text, boost: float = 1.0) -> Match:
        found = self.empty()
        if (fieldname, text) not in self.reader:
            return found
        scorable = self.searcher.schema[fieldname].scorable
        idf = self.searcher.idf(fieldname, text) if scorable else 0.0
        average = self.searcher.avg_field_length(fieldname) or 1.0
        for _, reader, offset in self.leaves:
            if (fieldname, text) not in reader:
                continue
            docnums, weights = postings(reader, fieldname, text)
            found.mask[docnums + offset] = True
            if scorable:
                lengths = self.lengths(reader, fieldname)[docnums]
                found.scores[docnums + offset] = boost * bm25(idf, weights, lengths, average, B, K1)
        return found

    def phrase(self, query: Phrase) -> Match:
        words = list(query.words)
        if len(words) < 2:
            return self.term(query.fieldname, words[0], query.boost) if words else self.empty()
        pairs = pair_field(query.fieldname)
        found = self.conjunction(
            [Term(pairs, pair_term(a, b), query.boost) for a, b in pairwise(words)]
        )
        if len(words) > 2:
            found.mask &= self.confirmed(query, np.flatnonzero(found.mask))
            found.scores[~found.mask] = 0
        return found

    def confirmed(self, query: Phrase, docnums: np.ndarray) -> np.ndarray:
        """Mask of ``docnums`` holding the phrase word by word (the pairs might be apart)."""
        mask = np.zeros(self.size, dtype=bool)
        for leaf, reader, offset in self.leaves:
            local = docnums[(docnums >= offset) & (docnums < offset + reader.doc_count_all())]
            if not len(local):
                continue
            matcher = query.matcher(leaf)
            for docnum in (local - offset).tolist():
                if not matcher.is_active():
                    break
                matcher.skip_to(docnum)
                if matcher.is_active() and matcher.id() == docnum:
                    mask[docnum + offset] = True
        return mask

    def expanded(self, query: MultiTerm) -> Match:
        """A prefix, wildcard or fuzzy word: any of the indexed words it stands for."""
        terms = [Term(query.fieldname, text) for text in query._btexts(self.reader)]
        found = self.disjunction(terms, combine=np.add)
        if query.constantscore:
            found.scores = found.mask.astype(np.float32) * query.boost
        return found

    def fallback(self, query: Query) -> Match:
        """Any other query, matched by Whoosh itself (none of the search box's syntax)."""
        found = self.empty()
        docnums = np.fromiter(self.searcher.docs_for_query(query), dtype=np.int64)
        found.mask[docnums] = True
        return found


def postings(reader, fieldname: str, text) -> tuple[np.ndarray, np.ndarray]:
    """Docnums (segment's own) and weights of one term in one segment, deletions included."""
    # The codec's own matcher: the reader's would filter deletions one posting at a time.
    matcher = reader._terms.matcher(
        fieldname, reader._text_to_bytes(fieldname, text), reader.schema[fieldname].format
    )
    ids, weights = [], []
    for block_ids, block_weights in blocks(matcher):
        ids.append(np.asarray(block_ids, dtype=np.int64))
        weights.append(np.asarray(block_weights, dtype=np.float32))
    if not ids:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    return np.concatenate(ids), np.concatenate(weights)


def blocks(matcher) -> Iterator[tuple]:
    """A matcher's postings a block at a time (one posting at a time if they are inlined)."""
    if isinstance(matcher, W3LeafMatcher):
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            yield matcher._ids, matcher._weights
            matcher._next_block()
        return
    ids, weights = [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    yield ids, weights


def field_lengths(reader, fieldname: str) -> np.ndarray:
    """Every document's length in a field of one segment (Whoosh keeps it as one byte)."""
    columns = reader._perdoc
    if not columns.has_column(_lenfield(fieldname)):
        return np.ones(reader.doc_count_all(), dtype=np.float32)
    column = columns.column_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    return LENGTHS[np.fromiter(column, dtype=np.uint8, count=reader.doc_count_all())]
