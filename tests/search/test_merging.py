"""Small segments are merged beside the index and swapped in: saves made during a merge are
neither blocked nor lost, and nothing deleted meanwhile comes back."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from whoosh.filedb.filestore import FileStorage
from whoosh.query import Term

from app.documents import services
from app.extensions import db, search_index
from app.search import merging
from app.search.merging import SIDE, build, merge_small_segments, small_segments, swap
from app.search.schema import build_schema
from tests.fixtures.search import found

pytestmark = pytest.mark.backends("sqlite", "postgresql")  # Whoosh's own segments


@pytest.fixture
def index(tmp_path):
    """An index of six one-document segments, as six saves leave it."""
    index = FileStorage(str(tmp_path), supports_mmap=False).create().create_index(build_schema())
    for number in range(1, 7):
        write(index, number, f"lesson{number} hygiene")
    return index


def write(index, number: int, text: str) -> None:
    writer = index.writer()
    writer.update_document(id=str(number), text_en=text, words=text)
    writer.commit(merge=False)


def found_ids(index) -> dict[str, list[str]]:
    """Each word of the index and the ids of the documents it finds (deletions left out)."""
    with index.searcher() as searcher:
        words = {word.decode() for word in searcher.reader().lexicon("words")}
        hits = {
            w: [hit["id"] for hit in searcher.search(Term("words", w), limit=None)] for w in words
        }
    return {word: sorted(ids) for word, ids in hits.items() if ids}


def test_merging_leaves_every_document_as_it_was_in_fewer_segments(index):
    before = found_ids(index)

    merge_small_segments(index)

    assert len(index._segments()) < 6
    assert found_ids(index) == before


def test_a_save_during_a_merge_neither_waits_nor_is_lost(index):
    side = FileStorage(str(index.storage.folder) + "/" + SIDE).create()
    chosen = small_segments(index._segments())
    merged = build(index, side, chosen)

    write(index, 2, "lesson2 washing")  # takes the writer lock at once: the merge holds none
    writer = index.writer(timeout=0)
    writer.delete_by_term("id", "3")
    writer.commit(merge=False)
    swap(index, side, chosen, merged)

    assert found_ids(index) == {
        "hygiene": ["1", "4", "5", "6"],
        **{f"lesson{number}": [str(number)] for number in (1, 2, 4, 5, 6)},
        "washing": ["2"],
    }
    assert index.doc_count() == 5


def test_a_merge_overtaken_by_another_change_of_segments_is_dropped(index):
    side = FileStorage(str(index.storage.folder) + "/" + SIDE).create()
    chosen = small_segments(index._segments())
    merged = build(index, side, chosen)
    index.writer().commit(optimize=True)  # e.g. a reindex: the chosen segments are gone
    before = found_ids(index)

    swap(index, side, chosen, merged)

    assert found_ids(index) == before
    assert len(index._segments()) == 1


def test_a_merge_gives_up_when_saves_hold_the_index_and_leaves_it_as_it_was(index, monkeypatch):
    monkeypatch.setattr(merging, "SWAP_WAIT", 0.05)
    before, segments = found_ids(index), len(index._segments())
    writer = index.writer(timeout=0)  # a long save holds the writer lock throughout

    try:
        assert merge_small_segments(index) is False
    finally:
        writer.cancel()

    assert len(index._segments()) == segments
    assert found_ids(index) == before
    assert os.listdir(Path(index.storage.folder, SIDE)) == []  # the merged segment is gone
    assert merge_small_segments(index) is True


def test_many_saves_stay_searchable_while_segments_are_merged(app, public_lesson, make_teacher):
    app.extensions["search"].merge_segments = 3
    lesson = public_lesson("Handwashing", "Soap and water.")
    reader = make_teacher("Reader")
    for number in range(10):
        content = services.current_content(lesson)
        body = f"{content.body}\n\nrevision{number}word"
        changed = services.Content(content.title, content.fields, body)
        services.save_revision(lesson, changed, author=lesson.created_by)
        db.session.commit()
        search_index.drain()

    assert len(search_index.index()._segments()) < 10
    assert found(reader, "revision9word") == ["Handwashing"]
    assert found(reader, "revision0word") == ["Handwashing"]
    assert search_index.index().doc_count() == 1


def test_the_merging_process_merges_an_index_folder(index):
    before = found_ids(index)

    subprocess.run([sys.executable, "-m", "app.search.merging", index.storage.folder], check=True)

    assert len(index._segments()) < 6
    assert found_ids(index) == before
