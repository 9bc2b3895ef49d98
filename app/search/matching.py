"""Which documents a parsed query matches, and how well, as numpy arrays over docnums.

Whoosh's own matchers walk postings one document at a time in Python, which takes hundreds
of milliseconds for a common word in 50,000 lessons. Here each term's postings are read a
block (up to 128 documents) at a time into arrays, and ``And``/``Or``/``Not`` become array
operations; ranking is Whoosh's BM25F computed over the same arrays. A phrase first narrows to the
documents holding all its words, then compares the words' positions there as arrays of
(document, position) keys.
"""

from collections.abc import Iterator
from itertools import pairwise

import numpy as np
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

from app.search.schema import PAIR, pairs_field

#: BM25F parameters, as Whoosh's default weighting.
B, K1 = 0.75, 1.2


class Match:
    """Documents a query matches (``mask``) and their scores (``scores``), by docnum."""

    def __init__(self, mask: np.ndarray, scores: np.ndarray):
        self.mask = mask
        self.scores = scores


class Matcher:
    """Evaluates queries over one searcher's index."""

    def __init__(self, searcher: Searcher, cache):
        self.searcher = searcher
        self.reader = searcher.reader()
        #: (segment searcher, its reader, its first docnum), empty segments left out.
        self.leaves = [
            (leaf, leaf.reader(), offset)
            for leaf, offset in searcher.leaf_searchers()
            if leaf.doc_count_all()
        ]
        self.size = searcher.doc_count_all()
        #: Per-segment arrays kept between searches (app.search.facets.SegmentCache).
        self.cache = cache
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
        for docnums, scores in self.postings(fieldname, text, boost):
            found.mask[docnums] = True
            if scores is not None:
                found.scores[docnums] = scores
        return found

    def postings(
        self, fieldname: str, text, boost: float, *, scored: bool = True
    ) -> Iterator[tuple[np.ndarray, np.ndarray | None]]:
        """Docnums holding a term, segment by segment, with their BM25F scores if ``scored``."""
        if (fieldname, text) not in self.reader:
            return
        scored = scored and self.searcher.schema[fieldname].scorable
        if scored:
            idf = self.searcher.idf(fieldname, text)
            average = self.searcher.avg_field_length(fieldname) or 1.0
        for _, reader, offset in self.leaves:
            if (fieldname, text) not in reader:
                continue
            docnums, weights = self.cache.postings(reader, fieldname, text)
            scores = None
            if scored:
                lengths = self.cache.lengths(reader, fieldname)[docnums]
                scores = boost * bm25(idf, weights, lengths, average, B, K1)
            yield docnums + offset, scores

    def phrase(self, query: Phrase) -> Match:
        """Documents with the phrase's words next to each other, in order (stop words, which
        are not indexed, do not count as a gap), scored as the phrase's word pairs.

        Each pair of neighbouring words is one term of the field's pairs twin
        (app.search.schema), so a two-word phrase is a single term; a longer one holds all its
        pairs, and only those few documents have their words' positions compared."""
        words = list(query.words)
        pairs = pairs_field(query.fieldname)
        if len(words) > 1 and pairs in self.searcher.schema:
            terms = [Term(pairs, PAIR.join(pair), query.boost) for pair in pairwise(words)]
            settled = len(words) == 2
        else:
            terms = [Term(query.fieldname, word, query.boost) for word in words]
            settled = len(words) == 1
        found = self.conjunction(terms)
        if not settled:
            found.mask &= self.adjacent(query.fieldname, words, found.mask & self.live)
            found.scores[~found.mask] = 0
        return found

    def adjacent(self, fieldname: str, words: list[str], candidates: np.ndarray) -> np.ndarray:
        """Mask of the ``candidates`` where ``words`` follow each other."""
        mask = np.zeros(self.size, dtype=bool)
        for _, reader, offset in self.leaves:
            local = candidates[offset : offset + reader.doc_count_all()]
            if not local.any():
                continue
            keys = None
            for place, word in enumerate(words):
                # A key is (document << 32 | position), shifted back to the phrase's start;
                # each word's keys come sorted and unique, in posting order.
                found = self.cache.positions(reader, fieldname, word, local) - place
                keys = found if keys is None else in_both(keys, found)
                local = np.zeros_like(local)
                local[keys >> 32] = True
            mask[offset : offset + len(local)] = local
        return mask

    def expanded(self, query: MultiTerm) -> Match:
        """A prefix, wildcard or fuzzy word: any of the indexed words it stands for (a prefix
        scores the same wherever it matches, as in Whoosh)."""
        found = self.empty()
        constant = query.constantscore
        for text in query._btexts(self.reader):
            for docnums, scores in self.postings(query.fieldname, text, 1.0, scored=not constant):
                found.mask[docnums] = True
                if scores is not None:
                    found.scores[docnums] += scores  # (a term's docnums are distinct)
        if constant:
            found.scores = found.mask * np.float32(query.boost)
        return found

    def fallback(self, query: Query) -> Match:
        """Any other query, matched by Whoosh itself (none of the search box's syntax)."""
        found = self.empty()
        docnums = np.fromiter(self.searcher.docs_for_query(query), dtype=np.int64)
        found.mask[docnums] = True
        return found


def in_both(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """The values of sorted ``first`` that sorted ``second`` holds too."""
    if not len(second):
        return second
    places = np.minimum(np.searchsorted(second, first), len(second) - 1)
    return first[second[places] == first]
