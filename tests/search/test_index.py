"""The index stays in step with the database: rolled-back edits never reach it, saved ones
are found by the next request even when another process holds the index, and a damaged or
missing index is rebuilt rather than failing a search."""

import shutil

import pytest
from sqlalchemy import func, select, update
from whoosh import reading

from app.documents import services
from app.documents.models import Document
from app.extensions import db, search_index
from app.search import consistency
from app.search.models import SearchOutbox
from app.search.postgres import ENTRY_LOCK
from tests.conftest import POSTGRES_SEARCH, Web
from tests.fixtures.documents import lesson_content
from tests.fixtures.network import PASSWORD
from tests.fixtures.search import Visitor, found


def outbox_rows() -> int:
    return db.session.scalar(select(func.count(SearchOutbox.id)))


def lesson_form(lesson: Document, body: str) -> dict:
    return {
        "title": lesson.title,
        "summary": "Food safety.",
        "language": "en",
        "licence": "CC-BY-SA-4.0",
        "body": body,
        "base_revision_id": str(lesson.current_revision_id),
    }


def signed_in_owner(app, lesson: Document) -> Web:
    web = Web(app.test_client())
    web.login(lesson.collaborators[0].teacher.email, PASSWORD)
    return web


def test_a_rolled_back_edit_leaves_no_outbox_row(public_lesson):
    lesson = public_lesson("Allergens", "Milk and eggs.")
    found(Visitor(), "milk")  # drains what the lesson's creation queued
    owner = lesson.collaborators[0].teacher
    services.save_revision(lesson, lesson_content("Allergens", body="Peanuts."), author=owner)
    db.session.flush()
    assert outbox_rows() == 1  # written by the edit's own flush, in its transaction
    db.session.rollback()
    assert outbox_rows() == 0
    assert found(Visitor(), "peanuts") == []


def test_an_edit_saved_through_the_web_is_found_by_the_next_request(app, public_lesson):
    lesson = public_lesson("Allergens", "Milk and eggs.")
    web = signed_in_owner(app, lesson)
    response = web.post(f"/lessons/{lesson.id}/edit", lesson_form(lesson, "Gluten too."))
    assert response.status_code == 302
    assert outbox_rows() == 0  # indexed after the request committed
    assert found(Visitor(), "gluten") == ["Allergens"]
    assert found(Visitor(), "eggs") == []


#: Tests of the Whoosh index's own files and lock.
whoosh = pytest.mark.backends("sqlite", "postgresql")


@whoosh
def test_a_save_succeeds_while_another_process_holds_the_index(app, public_lesson):
    lesson = public_lesson("Allergens", "Milk and eggs.")
    found(Visitor(), "milk")
    web = signed_in_owner(app, lesson)
    other_writer = search_index.index().writer()
    try:
        response = web.post(f"/lessons/{lesson.id}/edit", lesson_form(lesson, "Gluten too."))
        assert response.status_code == 302
        assert outbox_rows() >= 1  # kept for whoever holds the lock next
    finally:
        other_writer.cancel()
    assert found(Visitor(), "gluten") == ["Allergens"]
    assert outbox_rows() == 0


@pytest.mark.backends(POSTGRES_SEARCH)
def test_a_save_succeeds_while_another_node_indexes_the_outbox(app, public_lesson):
    lesson = public_lesson("Allergens", "Milk and eggs.")
    found(Visitor(), "milk")
    web = signed_in_owner(app, lesson)
    other_node = db.engine.connect()
    try:  # the other node is writing the lesson's entry
        other_node.execute(select(func.pg_advisory_xact_lock(ENTRY_LOCK, lesson.id)))
        response = web.post(f"/lessons/{lesson.id}/edit", lesson_form(lesson, "Gluten too."))
        assert response.status_code == 302
        assert outbox_rows() >= 1  # left for the next drain
    finally:
        other_node.rollback()
        other_node.close()
    assert found(Visitor(), "gluten") == ["Allergens"]
    assert outbox_rows() == 0


@whoosh
def test_a_search_meeting_segment_files_a_merge_just_removed_tries_again(
    public_lesson, monkeypatch
):
    public_lesson("Allergens", "Milk and eggs.")
    assert found(Visitor(), "milk") == ["Allergens"]
    public_lesson("Handwashing", "Soap and water, then milk.")
    search_index.drain()
    opened = reading.SegmentReader.__init__

    def gone_once(reader, *args, **kwargs):  # the first file opened was just merged away
        monkeypatch.setattr(reading.SegmentReader, "__init__", opened)
        raise FileNotFoundError("_MAIN_1.seg")

    monkeypatch.setattr(reading.SegmentReader, "__init__", gone_once)

    assert sorted(found(Visitor(), "milk")) == ["Allergens", "Handwashing"]


# Whoosh 2.7.4 leaves a garbage table of contents open when it fails to read it.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@whoosh
def test_a_corrupt_index_is_rebuilt_on_the_next_search(public_lesson):
    lesson = public_lesson("Allergens", "Milk and eggs.")
    assert found(Visitor(), "milk") == ["Allergens"]
    for path in search_index.state.path.iterdir():
        if not path.name.endswith("LOCK"):
            path.write_bytes(b"not an index" * 20)
    owner = lesson.collaborators[0].teacher
    services.save_revision(lesson, lesson_content("Allergens", body="Gluten."), author=owner)
    db.session.commit()
    assert found(Visitor(), "gluten") == ["Allergens"]
    assert found(Visitor(), "milk") == []
    assert consistency.compare().problems == []


@whoosh
def test_a_missing_index_is_rebuilt_on_the_next_search(public_lesson):
    public_lesson("Allergens", "Milk and eggs.")
    assert found(Visitor(), "milk") == ["Allergens"]
    shutil.rmtree(search_index.state.path)
    assert found(Visitor(), "milk") == ["Allergens"]
    assert consistency.compare().problems == []


def test_reindex_rebuilds_from_the_database_and_leaves_deleted_documents_out(runner, public_lesson):
    public_lesson("Allergens", "Milk and eggs.")
    gone = public_lesson("Knife skills", "Claw grip.")
    db.session.execute(update(Document).where(Document.id == gone.id).values(deleted_at=func.now()))
    db.session.commit()
    result = runner.invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert "Indexed 1 documents in" in result.output
    assert "1 deleted ones left out." in result.output
    assert outbox_rows() == 0
    assert found(Visitor(), "milk") == ["Allergens"]
    assert found(Visitor(), "claw") == []


def test_check_passes_when_the_index_matches_the_database(runner, public_lesson):
    public_lesson("Allergens", "Milk and eggs.")
    found(Visitor(), "milk")
    result = runner.invoke(args=["search", "check"])
    assert result.exit_code == 0, result.output
    assert "0 missing, 0 stale, 0 of deleted documents" in result.output


def test_check_reports_a_missing_document_and_repair_indexes_it(runner, public_lesson):
    lesson = public_lesson("Allergens", "Milk and eggs.")
    found(Visitor(), "milk")
    search_index.remove([lesson.id])

    result = runner.invoke(args=["search", "check"])
    assert result.exit_code == 1
    assert f"document {lesson.id}: missing" in result.output

    repaired = runner.invoke(args=["search", "check", "--repair"])
    assert repaired.exit_code == 0, repaired.output
    assert found(Visitor(), "milk") == ["Allergens"]
    assert consistency.compare().problems == []


def test_check_reports_stale_and_deleted_entries(public_lesson):
    private = public_lesson("Allergens", "Milk and eggs.")
    deleted = public_lesson("Knife skills", "Claw grip.")
    found(Visitor(), "milk")
    # Changed behind the outbox's back, as a manual SQL fix would.
    db.session.execute(update(Document).where(Document.id == private.id).values(status="draft"))
    db.session.execute(
        update(Document).where(Document.id == deleted.id).values(deleted_at=func.now())
    )
    db.session.commit()

    problems = {(p.document_id, p.kind) for p in consistency.compare().problems}
    assert problems == {(private.id, "stale"), (deleted.id, "gone")}
    assert found(Visitor(), "milk") == ["Allergens"]  # the stale entry is still searched

    assert consistency.repair(consistency.compare().problems)
    assert consistency.compare().problems == []
    assert found(Visitor(), "milk") == []
    assert found(Visitor(), "claw") == []


def test_changes_waiting_in_the_outbox_are_not_problems(public_lesson):
    lesson = public_lesson("Allergens", "Milk and eggs.")
    found(Visitor(), "milk")
    owner = lesson.collaborators[0].teacher
    services.save_revision(lesson, lesson_content("Allergens", body="Gluten."), author=owner)
    db.session.commit()
    report = consistency.compare()
    assert report.problems == []
    assert report.waiting == 1


def test_loading_content_leaves_the_index_up_to_date(runner):
    result = runner.invoke(args=["content", "load"])
    assert result.exit_code == 0, result.output
    assert outbox_rows() == 0
    report = consistency.compare()
    assert report.documents > 0
    assert report.problems == []
