"""Facet values of every indexed document as arrays, for filtering, counting and sorting.

Each document's ``facets`` column (app.search.entries) is read once per index segment and
kept as numpy arrays keyed by the segment's id; a new searcher only reads the segments that
are new since the last one. Counting the facets of 50,000 matches is then a few ``bincount``
calls, not a Python loop over documents. The lengths of each document's text fields, which
ranking needs, are kept the same way, and so are the postings (and word positions, for phrases)
of the terms searched most recently: reading a common word from Whoosh's blocks takes tens of
milliseconds, and the words people search for repeat.
"""

import json
import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
from whoosh.searching import Searcher

from app.search.postings import BLOCK, field_lengths, position_keys, segment_postings

#: Facets with one value per document, and with several (a lesson for grades 7 and 8).
#: ``audience`` is not shown: it is who may read the document (app.search.entries.audience).
SINGLE = ("kind", "language", "licence", "duration", "peer_reviewed", "audience")
MULTI = ("subjects", "grades", "municipalities", "rubric")
FACETS = (*SINGLE, *MULTI)


class Vocabulary:
    """Codes for facet values, shared by every segment of the process (codes never change)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.codes: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
        self.values: dict[str, list[str]] = {facet: [] for facet in FACETS}

    def code(self, facet: str, value) -> int:
        if value is None:
            return -1
        codes = self.codes[facet]
        if value not in codes:
            with self.lock:
                if value not in codes:
                    self.values[facet].append(value)
                    codes[value] = len(self.values[facet]) - 1
        return codes[value]

    def size(self, facet: str) -> int:
        return len(self.values[facet])


VOCABULARY = Vocabulary()


@dataclass
class MultiColumn:
    """A multi-valued facet: ``codes`` of all documents in a row, ``owner`` the docnum of each."""

    codes: np.ndarray
    owner: np.ndarray


class Columns:
    """One segment's (or, concatenated, one searcher's) documents as arrays, by docnum."""

    def __init__(self, ids, updated, reviews, single: dict, multi: dict):
        self.ids = ids
        self.updated = updated
        self.reviews = reviews
        self.single = single
        self.multi = multi

    @classmethod
    def of_segment(cls, reader) -> "Columns":
        return cls.of_records(
            [json.loads(raw) if raw else {} for raw in reader.column_reader("facets")]
        )

    @classmethod
    def of_records(cls, present: list[dict]) -> "Columns":
        single = {
            facet: np.array([VOCABULARY.code(facet, r.get(facet)) for r in present], dtype=np.int32)
            for facet in SINGLE
        }
        multi = {}
        for facet in MULTI:
            pairs = [
                (n, VOCABULARY.code(facet, v))
                for n, r in enumerate(present)
                for v in r.get(facet, [])
            ]
            multi[facet] = MultiColumn(
                np.array([code for _, code in pairs], dtype=np.int32),
                np.array([n for n, _ in pairs], dtype=np.int64),
            )
        return cls(
            np.array([r.get("id", -1) for r in present], dtype=np.int64),
            np.array([r.get("updated", 0.0) for r in present], dtype=np.float64),
            np.array([r.get("reviews", 0) for r in present], dtype=np.int64),
            single,
            multi,
        )

    @classmethod
    def joined(cls, parts: list[tuple["Columns", int]]) -> "Columns":
        """Segments' columns end to end, each multi-valued owner shifted by its offset."""
        if len(parts) == 1 and parts[0][1] == 0:
            return parts[0][0]
        return cls(
            np.concatenate([p.ids for p, _ in parts]),
            np.concatenate([p.updated for p, _ in parts]),
            np.concatenate([p.reviews for p, _ in parts]),
            {f: np.concatenate([p.single[f] for p, _ in parts]) for f in SINGLE},
            {
                f: MultiColumn(
                    np.concatenate([p.multi[f].codes for p, _ in parts]),
                    np.concatenate([p.multi[f].owner + offset for p, offset in parts]),
                )
                for f in MULTI
            },
        )

    # Filtering and counting, over a boolean mask of documents.

    def having(self, facet: str, values: list[str]) -> np.ndarray:
        """Mask of documents with any of ``values`` for ``facet``."""
        codes = [VOCABULARY.codes[facet][v] for v in values if v in VOCABULARY.codes[facet]]
        mask = np.zeros(len(self.ids), dtype=bool)
        if not codes:
            return mask
        if facet in self.single:
            return np.isin(self.single[facet], codes)
        column = self.multi[facet]
        mask[column.owner[np.isin(column.codes, codes)]] = True
        return mask

    def counts(self, facet: str, mask: np.ndarray) -> dict[str, int]:
        """How many of the masked documents have each value (a value per document of a
        multi-valued facet, so a lesson for grades 7 and 8 counts under both)."""
        if facet in self.single:
            codes = self.single[facet][mask]
        else:
            column = self.multi[facet]
            codes = column.codes[mask[column.owner]]
        codes = codes[codes >= 0]
        tally = np.bincount(codes, minlength=VOCABULARY.size(facet))
        values = VOCABULARY.values[facet]
        return {values[code]: int(n) for code, n in enumerate(tally) if n}


class SegmentCache:
    """Columns per segment id, dropped once no searcher uses the segment."""

    #: Searchers (segment sets) whose joined columns are kept.
    KEPT = 4
    #: Bytes of term postings kept, the least recently used dropped first.
    POSTINGS_BYTES = 64 * 2**20

    def __init__(self):
        self.lock = threading.Lock()
        self.segments: dict[str, Columns] = {}
        self.joined: dict[tuple, Columns] = {}
        self.field_lengths: dict[tuple[str, str], np.ndarray] = {}
        self.term_postings: OrderedDict[tuple, tuple[np.ndarray, ...]] = OrderedDict()
        self.postings_bytes = 0

    def forget(self) -> None:
        """Drop every segment's columns (the index was created anew)."""
        with self.lock:
            self.segments = {}
            self.joined = {}
            self.field_lengths = {}
            self.term_postings = OrderedDict()
            self.postings_bytes = 0

    def columns(self, searcher: Searcher) -> Columns:
        leaves = [
            (leaf, offset) for leaf, offset in searcher.leaf_searchers() if leaf.doc_count_all()
        ]
        key = tuple(leaf.reader().segment().segment_id() for leaf, _ in leaves)
        if not leaves:
            return Columns.of_records([])
        if key in self.joined:
            return self.joined[key]
        parts = []
        for (leaf, offset), segment_id in zip(leaves, key, strict=True):
            if segment_id not in self.segments:
                self.segments[segment_id] = Columns.of_segment(leaf.reader())
            parts.append((self.segments[segment_id], offset))
        columns = Columns.joined(parts)
        with self.lock:
            self.joined[key] = columns
            while len(self.joined) > self.KEPT:
                del self.joined[next(iter(self.joined))]
            used = {segment_id for kept in self.joined for segment_id in kept}
            for stale in set(self.segments) - used:
                del self.segments[stale]
            for key in [key for key in self.field_lengths if key[0] not in used]:
                del self.field_lengths[key]
            for key in [key for key in self.term_postings if key[0] not in used]:
                self.postings_bytes -= nbytes(self.term_postings.pop(key))
        return columns

    def lengths(self, reader, fieldname: str) -> np.ndarray:
        """Each document's length in ``fieldname`` in the segment ``reader`` reads."""
        key = (reader.segment().segment_id(), fieldname)
        if key not in self.field_lengths:
            self.field_lengths[key] = field_lengths(reader, fieldname)
        return self.field_lengths[key]

    def postings(self, reader, fieldname: str, text) -> tuple[np.ndarray, np.ndarray]:
        """Docnums and weights of a term in the segment ``reader`` reads (never modify them)."""
        word = text.decode() if isinstance(text, bytes) else text
        key = (reader.segment().segment_id(), "postings", fieldname, word)
        return self.remembered(key, lambda: segment_postings(reader, fieldname, text))

    def positions(self, reader, fieldname: str, word: str, candidates: np.ndarray) -> np.ndarray:
        """Where a word is in the ``candidates`` (a mask of the segment's documents), as
        app.search.postings.position_keys. A word's places in every document are read once and
        kept; but when the candidates are fewer than the blocks of the word's postings, and
        the word is not kept already, only the blocks that hold a candidate are read."""
        key = (reader.segment().segment_id(), "positions", fieldname, word)
        with self.lock:
            kept = key in self.term_postings
        within = np.flatnonzero(candidates)
        if not kept and len(within) * BLOCK < reader.doc_frequency(fieldname, word):
            return position_keys(reader, fieldname, word, within)
        (every,) = self.remembered(key, lambda: (position_keys(reader, fieldname, word),))
        return every[candidates[every >> 32]]

    def remembered(self, key: tuple, compute) -> tuple[np.ndarray, ...]:
        """Arrays kept under ``key``, computed the first time; the least recently used ones
        are dropped once they take more than POSTINGS_BYTES."""
        with self.lock:
            if key in self.term_postings:
                self.term_postings.move_to_end(key)
                return self.term_postings[key]
        found = compute()
        with self.lock:
            if key not in self.term_postings:
                self.term_postings[key] = found
                self.postings_bytes += nbytes(found)
            while self.postings_bytes > self.POSTINGS_BYTES:
                self.postings_bytes -= nbytes(self.term_postings.popitem(last=False)[1])
        return found


def nbytes(arrays) -> int:
    return sum(array.nbytes for array in arrays)


CACHE = SegmentCache()
