"""Comment services without HTTP: rendering, threading, resolving."""

import pytest

from app.comments import services
from app.extensions import db
from app.markdown import RENDERER_VERSION


def test_a_comment_is_rendered_once_and_remembers_the_renderer(cast):
    comment = services.add_comment(cast.unit, author=cast.commenter, body="Add **gloves**")
    assert comment.html == "<p>Add <strong>gloves</strong></p>\n"
    assert comment.rendered_by == RENDERER_VERSION


def test_a_reply_to_a_reply_joins_the_thread_root(cast, make_comment):
    root = make_comment(cast.unit, cast.commenter)
    reply = make_comment(cast.unit, cast.editor, "Yes", parent=root)
    answer = make_comment(cast.unit, cast.owner, "Agreed", parent=reply)
    assert reply.parent_id == root.id
    assert answer.parent_id == root.id
    db.session.expire_all()
    assert [c.body for c in root.replies] == ["Yes", "Agreed"]


def test_a_reply_must_belong_to_the_same_document(cast, make_unit, make_comment):
    root = make_comment(cast.unit, cast.commenter)
    elsewhere = make_unit(owner=cast.commenter)
    with pytest.raises(ValueError, match="reply"):
        services.add_comment(elsewhere, author=cast.commenter, body="Hm", parent=root)


def test_a_comment_cannot_be_about_another_documents_revision(cast, make_unit):
    elsewhere = make_unit(owner=cast.commenter)
    with pytest.raises(ValueError, match="revision"):
        services.add_comment(
            cast.unit, author=cast.commenter, body="Hm", revision=elsewhere.current_revision
        )


def test_resolving_a_reply_resolves_its_thread_and_reopening_clears_it(cast, make_comment):
    root = make_comment(cast.unit, cast.commenter)
    reply = make_comment(cast.unit, cast.editor, "Done", parent=root)
    assert services.resolve_thread(reply, actor=cast.editor) is root
    assert root.resolved_by == cast.editor
    assert root.resolved_at is not None
    services.reopen_thread(root)
    assert root.resolved_at is None
    assert root.resolved_by is None


def test_threads_are_split_into_open_and_resolved(cast, make_comment):
    first = make_comment(cast.unit, cast.commenter, "First")
    second = make_comment(cast.unit, cast.commenter, "Second")
    services.resolve_thread(first, actor=cast.owner)
    threads = services.threads_of(cast.unit)
    assert threads.open == [second]
    assert threads.resolved == [first]
    assert len(threads) == 2
