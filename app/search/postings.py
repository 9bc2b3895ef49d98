"""Reading one index segment's postings and field lengths into numpy arrays.

Whoosh reads a posting list block by block, each block's header by a pickle load on the file
(dozens of small reads through its compound file), and a column one document at a time.
Here a term's whole posting list and a column's whole run of bytes are read in one piece and
decoded from memory, in the layout Whoosh 2.7's ``whoosh3`` codec writes.
"""

import io
import zlib
from collections.abc import Iterator
from itertools import chain, compress
from pickle import Unpickler, loads

import numpy as np
from whoosh.codec.whoosh3 import _INT_SIZE, LENGTHS_COLUMN, WHOOSH3_HEADER_MAGIC, _lenfield
from whoosh.util.numeric import byte_to_length

#: Postings in a full block, as Whoosh writes them.
BLOCK = 128
#: A field length as Whoosh keeps it (one byte) → the length it stands for.
LENGTHS = np.array([byte_to_length(b) for b in range(256)], dtype=np.float32)


def term_blocks(reader, fieldname: str, text, *, within: np.ndarray | None = None) -> Iterator:
    """A term's postings in one segment a block (up to 128 documents) at a time, as
    (docnums, weights, values), deletions included; with ``within`` (sorted docnums), only
    the blocks that can hold one of them: the others are skipped undecoded."""
    info = reader._terms.term_info(fieldname, reader._text_to_bytes(fieldname, text))
    if info.is_inlined():
        ids, weights, kept = info.inlined_postings()
        yield np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float32), kept
        return
    start, length = info.extent()
    if isinstance(length, tuple):  # as Whoosh 2.7.4 reads it back
        (length,) = length
    raw = reader._terms._postfile.get(start, length)
    stream = io.BytesIO(raw)
    place, last, previous = len(WHOOSH3_HEADER_MAGIC), False, -1
    while not last:
        # A block: its length (negative for the last one), a pickled header, then its data:
        # the pickle of (docnum gaps, weights, values), compressed if the header says so.
        size = int.from_bytes(raw[place : place + _INT_SIZE], "big", signed=True)
        last, end = size < 0, place + _INT_SIZE + abs(size)
        stream.seek(place + _INT_SIZE)
        count, highest, _, compressed, _, _ = Unpickler(stream).load()  # noqa: S301 (our index)
        if within is None or holds_any(within, previous, highest):
            data = raw[stream.tell() : end]
            gaps, weights, kept = loads(zlib.decompress(data) if compressed else data)  # noqa: S301
            yield np.array(gaps, dtype=np.int64).cumsum(), block_weights(weights, count), kept
        place, previous = end, highest


def holds_any(within: np.ndarray, after: int, highest: int) -> bool:
    """Does sorted ``within`` hold a docnum above ``after`` and up to ``highest``?"""
    first = np.searchsorted(within, after, side="right")
    return first < len(within) and within[first] <= highest


def block_weights(weights, count: int) -> np.ndarray:
    """A block's weights as the codec minifies them: None when all are 1, one number when all
    are the same, else each."""
    if weights is None or isinstance(weights, float):
        return np.full(count, 1.0 if weights is None else weights, dtype=np.float32)
    return np.asarray(weights, dtype=np.float32)


def segment_postings(reader, fieldname: str, text) -> tuple[np.ndarray, np.ndarray]:
    """Docnums (the segment's own) and weights of one term in one segment, deletions included."""
    blocks = list(term_blocks(reader, fieldname, text))
    if not blocks:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    return np.concatenate([ids for ids, _, _ in blocks]), np.concatenate([w for _, w, _ in blocks])


def position_keys(reader, fieldname: str, word: str, within: np.ndarray | None = None):
    """``document << 32 | position`` for each place ``word`` occurs in one segment, in order
    (documents deleted since included); only in the documents ``within`` (sorted docnums),
    if given."""
    if (fieldname, word) not in reader:
        return np.zeros(0, dtype=np.int64)
    docnums, values = [], []
    for ids, _, block_values in term_blocks(reader, fieldname, word, within=within):
        if within is None:
            docnums.append(ids)
            values.extend(block_values)
            continue
        wanted = np.isin(ids, within, assume_unique=True)
        docnums.append(ids[wanted])
        values.extend(compress(block_values, wanted))
    counts, gaps = position_gaps(values)
    running = np.cumsum(gaps)
    starts = np.cumsum(counts) - counts
    before = np.repeat(running[starts] - gaps[starts], counts) if len(gaps) else gaps
    owners = np.repeat(np.concatenate(docnums) if docnums else gaps, counts)
    return (owners << 32) | (running - before)


#: Whoosh keeps a posting's positions as their count (4 bytes), then a pickle (protocol 2) of
#: the list of gaps between them: the list is made, then its items appended.
PICKLE_START, MAKE_LIST, PICKLE_STOP = b"\x80\x02", b"]q\x00", b"."


def position_gaps(values: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """How many positions each posting has, and all their gaps in a row.

    The postings' appends are joined after one list's making, into the pickle of a single list
    of every gap, so that tens of thousands of postings are read in one call, not one each.
    """
    counts = np.frombuffer(b"".join(value[:_INT_SIZE] for value in values), dtype=">u4")
    start = _INT_SIZE + len(PICKLE_START) + len(MAKE_LIST)
    appends = b"".join(value[start:-1] for value in values)
    try:
        gaps = loads(PICKLE_START + MAKE_LIST + appends + PICKLE_STOP)  # noqa: S301 (our index)
    except Exception:  # not the layout described above: read them one by one
        gaps = None
    if gaps is None or len(gaps) != counts.sum():
        gaps = list(chain.from_iterable(loads(value[_INT_SIZE:]) for value in values))  # noqa: S301
    return counts.astype(np.int64), np.array(gaps, dtype=np.int64)


def field_lengths(reader, fieldname: str) -> np.ndarray:
    """Every document's length in a field of one segment (Whoosh keeps it as one byte a
    document, in a column; documents after the column's end have none)."""
    columns, documents = reader._perdoc, reader.doc_count_all()
    if not columns.has_column(_lenfield(fieldname)):
        return np.ones(documents, dtype=np.float32)
    column = columns.column_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    stored = np.zeros(documents, dtype=np.uint8)
    count = min(column._count, documents)
    stored[:count] = np.frombuffer(column._dbfile.get(column._basepos, count), dtype=np.uint8)
    return LENGTHS[stored]
