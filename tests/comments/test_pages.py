"""Comment threads on unit and lesson pages: writing, quoting, replying, resolving."""

import pytest
from sqlalchemy import select

from app.comments.models import Comment
from app.documents import services as documents
from app.extensions import db
from tests.fixtures.documents import unit_content
from tests.fixtures.network import PASSWORD


def page_of(web, url: str) -> str:
    response = web.client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.mark.parametrize("role", ["commenter", "editor", "owner"])
def test_commenters_and_above_comment_on_a_unit(web, cast, role):
    web.login(cast[role].email, PASSWORD)
    response = web.post(
        f"/documents/{cast.unit.id}/comments",
        {"body": "Add a **glove** rule?", "revision_id": cast.unit.current_revision_id},
    )
    assert response.status_code == 302
    comment = db.session.scalar(select(Comment))
    assert response.headers["Location"] == f"/units/{cast.unit.id}#comment-{comment.id}"
    assert comment.author == cast[role]
    assert comment.revision_id == cast.unit.current_revision_id
    page = page_of(web, f"/units/{cast.unit.id}")
    assert "Add a <strong>glove</strong> rule?" in page
    assert cast[role].name in page
    assert cast[role].municipality.name in page


def test_the_quoted_passage_is_shown_as_a_blockquote(web, cast):
    web.login(cast.commenter.email, PASSWORD)
    web.post(
        f"/documents/{cast.unit.id}/comments",
        {"body": "Is this true?", "quote": "Safe food is everyone's job."},
    )
    page = page_of(web, f"/units/{cast.unit.id}")
    assert (
        '<blockquote class="comment__quote">Safe food is everyone&#39;s job.</blockquote>' in page
    )


def test_raw_html_in_a_comment_or_quote_is_shown_as_text(web, make_cast):
    cast = make_cast(big_idea="Try <script>alert(2)</script> in the text.")
    web.login(cast.commenter.email, PASSWORD)
    web.post(
        f"/documents/{cast.unit.id}/comments",
        {"body": "<script>alert(1)</script>", "quote": "<script>alert(2)</script>"},
    )
    page = page_of(web, f"/units/{cast.unit.id}")
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page


def test_replies_are_shown_in_their_thread(web, cast, make_comment):
    root = make_comment(cast.unit, cast.commenter, "Glove rule?")
    web.login(cast.editor.email, PASSWORD)
    response = web.post(f"/comments/{root.id}/replies", {"body": "Added to week 2."})
    assert response.status_code == 302
    reply = db.session.scalar(select(Comment).where(Comment.parent_id == root.id))
    assert response.headers["Location"].endswith(f"#comment-{reply.id}")
    page = page_of(web, f"/units/{cast.unit.id}")
    thread = page[page.index(f'id="comment-{root.id}"') :]
    assert thread.index("Glove rule?") < thread.index('class="replies"')
    assert thread.index('class="replies"') < thread.index("Added to week 2.")


def test_a_resolved_thread_is_folded_away_with_who_resolved_it(web, cast, make_comment):
    root = make_comment(cast.unit, cast.commenter, "Glove rule?")
    web.login(cast.editor.email, PASSWORD)
    response = web.post(f"/comments/{root.id}/resolve")
    assert response.headers["Location"] == f"/units/{cast.unit.id}#thread-{root.id}"
    page = page_of(web, f"/units/{cast.unit.id}")
    assert "1 resolved thread" in page
    folded = page[page.index('class="threads threads--resolved"') :]
    assert "<details" in folded
    assert "Resolved by Erik Berg" in folded
    assert "Reopen thread" in folded
    assert web.post(f"/comments/{root.id}/reopen").status_code == 302
    db.session.expire_all()
    assert root.resolved_at is None
    assert "resolved thread" not in page_of(web, f"/units/{cast.unit.id}")


def test_a_comment_over_the_limit_is_refused_with_the_text_kept(web, cast):
    web.login(cast.commenter.email, PASSWORD)
    too_long = "Keep me " + "x" * 10_000
    response = web.post(
        f"/documents/{cast.unit.id}/comments", {"body": too_long, "quote": "My quote"}
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert too_long in page
    assert "My quote" in page
    assert 'href="#comment-body"' in page
    assert db.session.scalar(select(Comment)) is None


def test_an_empty_comment_or_an_overlong_quote_is_refused(web, make_cast):
    cast = make_cast(big_idea="q" * 2001)
    web.login(cast.commenter.email, PASSWORD)
    url = f"/documents/{cast.unit.id}/comments"
    assert web.post(url, {"body": "   "}).status_code == 422
    assert web.post(url, {"body": "Fine", "quote": "q" * 2001}).status_code == 422
    assert web.post(url, {"body": "x" * 10_000, "quote": "q" * 2000}).status_code == 302


def test_a_rejected_reply_opens_its_thread_again_with_the_text_kept(web, cast, make_comment):
    first = make_comment(cast.unit, cast.commenter, "First")
    second = make_comment(cast.unit, cast.commenter, "Second")
    web.login(cast.editor.email, PASSWORD)
    too_long = "My long reply " + "y" * 10_000
    response = web.post(f"/comments/{second.id}/replies", {"body": too_long})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert page.count(too_long) == 1
    assert f'id="reply-{second.id}"' in page
    assert f'id="reply-{first.id}"' in page
    assert '<details class="reply-box" open>' in page
    assert page.index(f'id="comment-{second.id}"') < page.index(too_long)


def test_a_comment_on_an_earlier_version_says_so(web, cast, make_comment):
    make_comment(cast.unit, cast.commenter, revision=cast.unit.current_revision)
    web.login(cast.commenter.email, PASSWORD)
    assert "on an earlier version" not in page_of(web, f"/units/{cast.unit.id}")
    documents.save_revision(cast.unit, unit_content("Food safety, revised"), author=cast.owner)
    db.session.commit()
    assert "on an earlier version" in page_of(web, f"/units/{cast.unit.id}")


def test_a_revision_of_another_document_is_not_recorded(web, cast, make_unit):
    elsewhere = make_unit(owner=cast.commenter)
    web.login(cast.commenter.email, PASSWORD)
    web.post(
        f"/documents/{cast.unit.id}/comments",
        {"body": "Hm", "revision_id": elsewhere.current_revision_id},
    )
    assert db.session.scalar(select(Comment)).revision_id == cast.unit.current_revision_id


def test_a_lesson_in_a_unit_takes_its_commenters_from_the_unit(web, cast, make_lesson):
    lesson = make_lesson(unit=cast.unit)
    web.login(cast.commenter.email, PASSWORD)
    response = web.post(f"/documents/{lesson.id}/comments", {"body": "Ten minutes is short."})
    assert response.headers["Location"].startswith(f"/lessons/{lesson.id}#comment-")
    assert "Ten minutes is short." in page_of(web, f"/lessons/{lesson.id}")
    assert "Ten minutes is short." not in page_of(web, f"/units/{cast.unit.id}")


def test_teachers_who_only_read_a_network_unit_follow_but_do_not_join(web, make_cast, make_comment):
    """PRODUCT: commenters and above comment. Reading a network unit is not an invitation."""
    cast = make_cast(visibility="network", status="published")
    make_comment(cast.unit, cast.commenter, "Glove rule?")
    web.login(cast.other.email, PASSWORD)
    page = page_of(web, f"/units/{cast.unit.id}")
    assert "Glove rule?" in page
    assert 'action="/documents/' not in page.split('id="comments"')[1].split("</section>")[0]
    assert "ask an owner to add you as a commenter" in page
    assert web.post(f"/documents/{cast.unit.id}/comments", {"body": "Me too"}).status_code == 403


def test_visitors_do_not_see_the_discussion_of_a_public_unit(client, make_cast, make_comment):
    cast = make_cast(visibility="public", status="published")
    make_comment(cast.unit, cast.commenter, "Glove rule?")
    page = client.get(f"/units/{cast.unit.id}").get_data(as_text=True)
    assert "Glove rule?" not in page
    assert 'id="comments"' not in page


def test_only_authors_see_the_resolve_button(web, cast, make_comment):
    make_comment(cast.unit, cast.commenter, "Glove rule?")
    for role, sees in [("owner", True), ("editor", True), ("commenter", False), ("viewer", False)]:
        web.login(cast[role].email, PASSWORD)
        assert ("Resolve thread" in page_of(web, f"/units/{cast.unit.id}")) is sees, role
        web.logout()
