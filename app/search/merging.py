"""Merging the index's small segments without holding up saves
(``python -m app.search.merging <index folder>``).

Whoosh merges inside a writer, holding the writer lock the whole time: a save made meanwhile
waits for the merge before it is searchable. Here the merged segment is written beside the
index with no lock held, and the lock is taken only to swap it in: the table of contents is
read again, deletions made during the merge (a document saved again is deleted from its old
segment) are carried over to the merged segment, and the new table of contents is written.
"""

import logging
import os
import sys
import threading
from pathlib import Path

from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC, FileIndex, LockError, clean_files
from whoosh.reading import SegmentReader
from whoosh.util import fib
from whoosh.util.filelock import try_for
from whoosh.writing import SegmentWriter

log = logging.getLogger(__name__)

#: Where a merged segment is written before it joins the index (a subfolder of the index:
#: Whoosh deletes any segment file of the index's own folder that no commit lists).
SIDE = "merging"
#: Seconds the swap waits for a save that holds the writer lock.
SWAP_WAIT = 10.0

#: One merge at a time in this process (the file lock keeps other processes out).
_merging = threading.Lock()


def small_segments(segments: list) -> list:
    """The segments worth merging, by Whoosh's own MERGE_SMALL rule: the smallest ones, once
    at least five of them together hold fewer documents than a Fibonacci bound."""
    ordered = sorted(segments, key=lambda segment: segment.doc_count_all())
    total = 0
    for count, segment in enumerate(ordered, start=1):
        total += segment.doc_count_all()
        if count > 4 and total < fib(count + 4):
            return ordered[:count]
    return []


class SideIndex:
    """What a SegmentWriter needs of an index: it reads the index's table of contents and
    writes its new segment into ``storage``."""

    def __init__(self, index: FileIndex, storage: FileStorage):
        self.storage = storage
        self.indexname = index.indexname
        self._read_toc = index._read_toc


def merge_small_segments(index: FileIndex) -> bool:
    """Merge the small segments, if any; False if another merge is under way, or if saves
    kept the index locked so long that this merge gave up (a later drain starts another)."""
    if not _merging.acquire(blocking=False):
        return False
    merge_lock = index.lock("MERGELOCK")
    try:
        if not merge_lock.acquire():
            return False
        try:
            merge(index)
        except LockError as error:
            log.info("%s", error)
            return False
        finally:
            merge_lock.release()
        return True
    finally:
        _merging.release()


def merge(index: FileIndex) -> None:
    chosen = small_segments(index._read_toc().segments)
    if len(chosen) < 2:
        return
    side = FileStorage(str(Path(index.storage.folder) / SIDE)).create()
    try:
        swap(index, side, chosen, build(index, side, chosen))
    finally:
        for name in side.list():
            side.delete_file(name)


def build(index: FileIndex, side: FileStorage, chosen: list):
    """Write the documents of ``chosen`` that are not deleted into one segment in ``side``,
    with no lock held."""
    writer = SegmentWriter(SideIndex(index, side), _lk=False)
    for segment in chosen:
        reader = SegmentReader(index.storage, index.schema, segment)
        writer.add_reader(reader)
        reader.close()
    merged = writer._finalize_segment()
    writer._tempstorage.destroy()
    return merged


def swap(index: FileIndex, side: FileStorage, chosen: list, merged) -> None:
    """Put ``merged`` in the place of ``chosen``, under the writer lock."""
    lock = index.lock("WRITELOCK")
    if not try_for(lock.acquire, timeout=SWAP_WAIT, delay=0.01):
        raise LockError("the index stayed locked; the merge is dropped")
    try:
        toc = index._read_toc()
        current = {segment.segid: segment for segment in toc.segments}
        if any(segment.segid not in current for segment in chosen):
            return  # the index was rebuilt or merged meanwhile: this merge is out of date
        carry_deletions(chosen, [current[segment.segid] for segment in chosen], merged)
        ids = {segment.segid for segment in chosen}
        segments = [segment for segment in toc.segments if segment.segid not in ids]
        if merged.doc_count():
            for name in merged.list_files(side):
                os.replace(Path(side.folder) / name, Path(index.storage.folder) / name)
            segments.append(merged)
        generation = toc.generation + 1
        TOC(toc.schema, segments, generation).write(index.storage, index.indexname)
        clean_files(index.storage, index.indexname, generation, segments)
    finally:
        lock.release()


def carry_deletions(before: list, now: list, merged) -> None:
    """Delete from ``merged`` the documents deleted from its sources since they were read.

    The merge copied each source's documents that were not deleted, in order, one source
    after the other; the same walk finds each document's number in the merged segment."""
    base = 0
    for old, new in zip(before, now, strict=True):
        kept = [n for n in range(old.doc_count_all()) if not old.is_deleted(n)]
        for place, docnum in enumerate(kept):
            if new.is_deleted(docnum):
                merged.delete_document(base + place)
        base += len(kept)


def main(folder: str) -> None:
    logging.basicConfig(format="%(levelname)s %(name)s: %(message)s")
    merge_small_segments(FileStorage(folder, supports_mmap=False).open_index())


if __name__ == "__main__":
    main(sys.argv[1])
