"""Double-blind on the document's own pages: whoever was asked to review a unit or one of its
lessons double-blind reads "The authors" there, never an author's name, school or
municipality; in the other modes, and to everyone else, the authors are named."""

import pytest
from sqlalchemy import select

from app.comments.services import add_comment
from app.documents import services
from app.documents.models import Collaborator
from app.extensions import db
from app.notifications.kinds import message
from app.notifications.models import Notification
from app.reviews.anonymity import hides_authors_of
from app.reviews.models import DECLINED, INVITED, WITHDRAWN
from tests.fixtures.documents import lesson_content
from tests.queries import queries_for
from tests.reviews.family import FACTORIES, build_family, json_ld, read, sign_in


@pytest.fixture
def make_family(request):
    factories = {name: request.getfixturevalue(name) for name in FACTORIES}
    return lambda anonymity, on="lesson": build_family(factories, anonymity=anonymity, on=on)


def pages_read(web, family, role: str) -> dict[str, str]:
    sign_in(web, family, role)
    return {page: read(web, url) for page, url in family.pages(role).items()}


@pytest.mark.parametrize("on", ["lesson", "unit"])
def test_a_double_blind_reviewer_reads_no_author_on_any_page(web, make_family, on):
    family = make_family("double_blind", on=on)
    for page, text in pages_read(web, family, "reviewer").items():
        for word in family.author_words:
            assert word not in text, (page, word)
        assert page == "export" or "The authors" in text, page


@pytest.mark.parametrize("anonymity", ["open", "reviewer_anonymous"])
def test_in_the_other_modes_the_reviewer_reads_the_authors_names(web, make_family, anonymity):
    family = make_family(anonymity)
    for page, text in pages_read(web, family, "reviewer").items():
        if page != "export":
            assert family.author.name in text or family.coauthor.name in text, page
        assert "The authors" not in text, page


@pytest.mark.parametrize("role", ["other_teacher", "admin", "visitor"])
def test_in_double_blind_everyone_else_reads_the_authors_names(web, make_family, role):
    family = make_family("double_blind")
    for page, text in pages_read(web, family, role).items():
        if page != "export":
            assert family.author.name in text or family.coauthor.name in text, page
        assert "The authors" not in text, page


def test_the_json_ld_names_the_authors_except_to_a_double_blind_reviewer(web, make_family):
    family = make_family("double_blind")
    sign_in(web, family, "other_teacher")
    named = json_ld(read(web, family.pages("other_teacher")["unit"]))
    assert [a["name"] for a in named["author"]] == [family.author.name, family.coauthor.name]
    assert named["author"][0]["affiliation"]["name"] == "Putaan koulu"
    sign_in(web, family, "reviewer")
    hidden = json_ld(read(web, family.pages("reviewer")["unit"]))
    assert "author" not in hidden
    assert hidden["name"] == "Food safety in catering"


def test_hiding_the_authors_costs_one_query_however_long_the_history(web, make_family):
    family = make_family("double_blind")
    sign_in(web, family, "reviewer")
    urls = [family.pages("reviewer")[page] for page in ("lesson", "lesson history", "timeline")]
    few = [queries_for(web.client, url) for url in urls]
    for number in range(4):
        services.save_revision(
            family.lesson, lesson_content(body=f"Round {number}."), author=family.coauthor
        )
        add_comment(family.lesson, author=family.author, body=f"Comment {number}.")
    db.session.commit()
    many = [queries_for(web.client, url) for url in urls]
    assert many == few
    assert read(web, urls[1]).count("The authors") >= 6


@pytest.fixture
def fresh_request(app):
    """Each question in a web request of its own, as a page asks it."""

    def ask(viewer, document) -> bool:
        with app.test_request_context():
            return hides_authors_of(viewer, document)

    return ask


@pytest.mark.parametrize("state", [INVITED, DECLINED, WITHDRAWN])
def test_a_reviewer_is_kept_blind_whatever_became_of_the_invitation(
    make_family, fresh_request, state
):
    family = make_family("double_blind")
    family.request.assignments[0].state = state
    db.session.commit()
    assert fresh_request(family.reviewer, family.lesson)
    assert fresh_request(family.reviewer, family.unit)


def test_a_review_of_one_lesson_hides_the_authors_of_the_whole_unit(
    make_family, make_lesson, fresh_request
):
    family = make_family("double_blind")
    sibling = make_lesson("Knife skills", unit=family.unit)
    assert fresh_request(family.reviewer, sibling)


@pytest.mark.parametrize("anonymity", ["open", "reviewer_anonymous"])
def test_a_review_in_the_other_modes_hides_no_author(make_family, fresh_request, anonymity):
    family = make_family(anonymity)
    assert not fresh_request(family.reviewer, family.lesson)


def test_a_double_blind_review_hides_the_authors_of_its_unit_only(
    make_family, make_lesson, fresh_request
):
    family = make_family("double_blind")
    elsewhere = make_lesson("Knife skills", owner=family.author)
    assert not fresh_request(family.reviewer, elsewhere)
    assert not fresh_request(family.other_teacher, family.lesson)


def test_a_collaborator_always_sees_who_they_work_with(make_family, fresh_request):
    family = make_family("double_blind")
    family.unit.collaborators.append(Collaborator(teacher=family.reviewer, role="viewer"))
    db.session.commit()
    assert not fresh_request(family.reviewer, family.lesson)


@pytest.mark.parametrize(("anonymity", "named"), [("double_blind", False), ("open", True)])
def test_a_reply_notification_names_the_author_only_to_a_reviewer_who_may_know_them(
    app, make_family, anonymity, named
):
    family = make_family(anonymity)
    question = add_comment(family.lesson, author=family.reviewer, body="Why glitter?")
    add_comment(family.lesson, author=family.author, body="It shows the germs.", parent=question)
    db.session.commit()

    notification = db.session.scalars(
        select(Notification).where(
            Notification.teacher_id == family.reviewer.id, Notification.kind == "comment_reply"
        )
    ).one()
    with app.test_request_context():
        text = message(notification.kind, notification.params)
    assert (family.author.name in text) is named
    assert text.startswith("The authors replied") is not named
