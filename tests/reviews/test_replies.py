"""The authors' replies to a round's reviews: who may reply, what a reply may name, who is told,
and the replies page and results page that show them."""

from html import unescape

import pytest
from flask_login import AnonymousUserMixin
from sqlalchemy import select

from app.documents.models import Collaborator
from app.extensions import db
from app.notifications.models import Notification
from app.reviews import replies
from app.reviews.models import Reply
from tests.fixtures.network import PASSWORD
from tests.reviews.answered import revise, submit_both
from tests.reviews.cast import build_cast


@pytest.fixture
def make_cast(make_municipality, make_school, make_teacher, make_lesson, make_rubric):
    """The cast's round answered by both reviewers and complete."""

    def make(anonymity: str = "reviewer_anonymous"):
        cast = build_cast(
            make_municipality,
            make_school,
            make_teacher,
            make_lesson,
            make_rubric,
            anonymity=anonymity,
        )
        submit_both(cast)
        return cast

    return make


@pytest.fixture
def cast(make_cast):
    return make_cast()


def criteria(cast):
    return cast.rubric.current_version.criteria


def field(cast, assignment, part: str, criterion=None) -> str:
    key = criterion.id if criterion is not None else "all"
    return f"reply_{assignment.review.id}_{key}-{part}"


def sent_replies() -> list[Reply]:
    return list(db.session.scalars(select(Reply).order_by(Reply.id)))


def told(teacher) -> list[Notification]:
    return list(
        db.session.scalars(
            select(Notification).where(
                Notification.teacher_id == teacher.id, Notification.kind == "review_reply"
            )
        )
    )


@pytest.mark.parametrize(
    ("role", "replies_"),
    [
        ("author", True),
        ("reviewer", False),
        ("other_reviewer", False),
        ("authors_coordinator", False),
        ("reviewers_coordinator", False),
        ("other_teacher", False),
        ("admin", False),
        ("visitor", False),
    ],
)
def test_only_the_authors_reply(cast, role, replies_):
    user = cast[role] or AnonymousUserMixin()
    assert replies.can_reply(user, cast.request) is replies_


def test_an_editor_is_an_author_and_a_commenter_is_not(cast, make_teacher):
    commenter = make_teacher()
    cast.lesson.collaborators.append(Collaborator(teacher=commenter, role="commenter"))
    assert replies.can_reply(cast.coauthor, cast.request)
    assert not replies.can_reply(commenter, cast.request)


def test_a_reply_per_criterion_and_on_the_whole_and_each_reviewer_is_told_once(cast):
    first, second = criteria(cast)
    review, other = cast.assignment.review, cast.other_assignment.review
    sent = replies.send_replies(
        cast.request,
        [
            replies.Draft(review, first, "We named the glitter."),
            replies.Draft(review, second, "Kept as it is."),
            replies.Draft(review, None, "Thank you!"),
            replies.Draft(other, second, "  Longer now.  "),
        ],
        author=cast.coauthor,
    )
    db.session.commit()
    assert [(r.review, r.criterion, r.body) for r in sent_replies()] == [
        (review, first, "We named the glitter."),
        (review, second, "Kept as it is."),
        (review, None, "Thank you!"),
        (other, second, "Longer now."),
    ]
    assert all(reply.author == cast.coauthor for reply in sent)
    assert len(told(cast.reviewer)) == 1
    assert len(told(cast.other_reviewer)) == 1
    assert told(cast.reviewer)[0].link == f"/reviews/requests/{cast.request.id}/results"
    assert told(cast.author) == []


def test_a_reply_names_only_a_later_revision_of_the_same_document(cast, make_lesson):
    later = revise(cast)
    elsewhere = make_lesson("Another lesson").current_revision
    review, first = cast.assignment.review, criteria(cast)[0]
    assert replies.later_revisions(cast.request) == [later]
    for wrong in (cast.request.revision, elsewhere):
        with pytest.raises(replies.UnsuitableRevision):
            replies.send_replies(
                cast.request, [replies.Draft(review, first, "See", wrong)], author=cast.author
            )
    replies.send_replies(
        cast.request, [replies.Draft(review, first, "See", later)], author=cast.author
    )
    assert sent_replies()[0].addressed_in == later


@pytest.mark.parametrize("body", ["", "   \n "])
def test_an_empty_reply_is_refused(cast, body):
    draft = replies.Draft(cast.assignment.review, None, body)
    with pytest.raises(replies.EmptyReply):
        replies.send_replies(cast.request, [draft], author=cast.author)
    with pytest.raises(replies.EmptyReply):
        replies.send_replies(cast.request, [], author=cast.author)


def test_a_coordinator_cannot_send_a_reply_through_the_service(cast):
    draft = replies.Draft(cast.assignment.review, None, "On their behalf")
    with pytest.raises(ValueError, match="not an author"):
        replies.send_replies(cast.request, [draft], author=cast.authors_coordinator)


def test_a_draft_review_cannot_be_replied_to(cast):
    cast.assignment.review.submitted_at = None
    draft = replies.Draft(cast.assignment.review, None, "Too early")
    with pytest.raises(ValueError, match="not a submitted review"):
        replies.send_replies(cast.request, [draft], author=cast.author)


def page(web, teacher, url) -> str:
    web.logout()
    web.login(teacher.email, PASSWORD)
    response = web.client.get(url)
    assert response.status_code == 200
    return unescape(response.get_data(as_text=True))


def replies_url(cast) -> str:
    return f"/reviews/requests/{cast.request.id}/replies"


def test_the_authors_reply_on_the_page_and_the_results_show_it_under_the_comment(web, cast):
    later = revise(cast)
    first = criteria(cast)[0]
    text = page(web, cast.author, replies_url(cast))
    assert "Which glitter?" in text
    assert "Your reply to Reviewer 1 on “Clear objectives”" in text
    assert "Named the glitter" in text  # the later revision is offered
    response = web.post(
        replies_url(cast),
        {
            field(cast, cast.assignment, "body", first): "We use UV glitter now.",
            field(cast, cast.assignment, "addressed_in", first): str(later.id),
            field(cast, cast.other_assignment, "body"): "Thanks for the clear aim.",
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"] == replies_url(cast)
    assert [r.body for r in sent_replies()] == [
        "We use UV glitter now.",
        "Thanks for the clear aim.",
    ]
    results = page(web, cast.author, f"/reviews/requests/{cast.request.id}/results")
    assert "We use UV glitter now." in results
    assert "Dealt with in the revision of" in results
    compare = f"/documents/{cast.lesson.id}/compare?a={cast.request.revision_id}&b={later.id}"
    assert compare in results
    assert "Thanks for the clear aim." in results


def test_a_revision_without_a_reply_is_refused_and_every_text_is_kept(web, cast):
    later = revise(cast)
    first, second = criteria(cast)
    web.login(cast.author.email, PASSWORD)
    response = web.post(
        replies_url(cast),
        {
            field(cast, cast.assignment, "addressed_in", first): str(later.id),
            field(cast, cast.assignment, "body", second): "Words I typed",
        },
    )
    assert response.status_code == 422
    text = unescape(response.get_data(as_text=True))
    assert "Write the reply that goes with this revision." in text
    assert "Words I typed" in text
    assert f'<option selected value="{later.id}">' in text
    assert sent_replies() == []


def test_sending_nothing_is_refused(web, cast):
    web.login(cast.author.email, PASSWORD)
    response = web.post(replies_url(cast), {field(cast, cast.assignment, "body"): "  "})
    assert response.status_code == 422
    assert "Write a reply before you send." in response.get_data(as_text=True)


def test_a_revision_that_is_not_offered_is_refused_with_the_text_kept(web, cast):
    revise(cast)
    web.login(cast.author.email, PASSWORD)
    response = web.post(
        replies_url(cast),
        {
            field(cast, cast.assignment, "body"): "See the reviewed one",
            field(cast, cast.assignment, "addressed_in"): str(cast.request.revision_id),
        },
    )
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "Choose one of the revisions saved after the review." in text
    assert "See the reviewed one" in text
    assert sent_replies() == []


def test_coordinators_and_reviewers_read_the_replies_without_a_form(web, cast):
    replies.send_replies(
        cast.request,
        [replies.Draft(cast.assignment.review, None, "Thank you, Rasmus!")],
        author=cast.author,
    )
    db.session.commit()
    for reader in (cast.authors_coordinator, cast.admin, cast.reviewer, cast.other_reviewer):
        text = page(web, reader, replies_url(cast))
        assert "Thank you, Rasmus!" in text
        assert "Send replies" not in text
        assert "Your reply to" not in text


def test_an_editor_replies_too(web, cast):
    web.login(cast.coauthor.email, PASSWORD)
    response = web.post(replies_url(cast), {field(cast, cast.assignment, "body"): "From Eero"})
    assert response.status_code == 302
    assert sent_replies()[0].author == cast.coauthor


def test_in_a_double_blind_review_the_reviewer_is_answered_by_the_authors(web, make_cast):
    cast = make_cast("double_blind")
    later = revise(cast)
    replies.send_replies(
        cast.request,
        [replies.Draft(cast.assignment.review, criteria(cast)[0], "UV glitter now.", later)],
        author=cast.author,
    )
    db.session.commit()
    for url in (replies_url(cast), f"/reviews/requests/{cast.request.id}/results"):
        text = page(web, cast.reviewer, url)
        assert "UV glitter now." in text
        assert "The authors" in text
        assert "Named the glitter" in text
        for word in cast.author_words:
            assert word not in text
    assert cast.author.name in page(web, cast.authors_coordinator, replies_url(cast))
