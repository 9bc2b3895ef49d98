"""Closing a review round: the weighted score, the outcome, who is told, and search."""

import pytest
from sqlalchemy import func, select

from app.documents import services
from app.documents.models import Collaborator
from app.extensions import db
from app.notifications.models import Notification
from app.reviews.models import DECLINED, Outcome
from app.reviews.results import complete_if_done
from app.search.services import search
from tests.fixtures.documents import lesson_content
from tests.fixtures.search import Visitor, found
from tests.reviews.rounds import review_round

# Level positions 0..3 score 1..4 (tests.fixtures.reviews.LEVELS).
GOOD, WEAK = [3, 1, 2], [1, 1, 2]  # scores 4, 2, 3 and 2, 2, 3


@pytest.fixture
def scene(make_municipality, make_teacher, make_rubric, public_lesson):
    """A public lesson by a Tornio teacher with a Haparanda editor, reviewers from Luleå and
    Kemi, and a rubric whose first criterion weighs double (threshold 2.5)."""
    lesson = public_lesson("Hand hygiene", "Wash, rinse, dry.")
    editor = make_teacher("Erik Editor", municipality=make_municipality("Haparanda"))
    lesson.collaborators.append(Collaborator(teacher=editor, role="editor"))
    db.session.commit()
    return {
        "lesson": lesson,
        "owner": lesson.collaborators[0].teacher,
        "editor": editor,
        "lulea": make_teacher("Lena Luleå", municipality=make_municipality("Luleå", slug="lulea")),
        "kemi": make_teacher("Kalle Kemi", municipality=make_municipality("Kemi", slug="kemi")),
        "rubric": make_rubric("Lesson plan quality", weights=(2, 1, 1), threshold=2.5),
    }


def round_of(scene, levels, **kwargs):
    return review_round(
        scene["lesson"], scene["rubric"], levels, requested_by=scene["owner"], **kwargs
    )


def test_the_last_review_closes_the_round_with_the_weighted_score(scene):
    request = round_of(scene, {scene["lulea"]: GOOD, scene["kemi"]: WEAK})
    outcome = complete_if_done(request)
    db.session.commit()
    # Criterion means 3 (weight 2), 2 and 3: (2 * 3 + 2 + 3) / 4.
    assert outcome.score == pytest.approx(2.75)
    assert outcome.passed
    assert outcome.revision_id == scene["lesson"].current_revision_id
    assert outcome.rubric_version_id == scene["rubric"].current_version_id
    assert outcome.municipalities == ["kemi", "lulea"]
    assert request.state == "complete"
    assert request.completed_at == outcome.decided_at


def test_a_score_below_the_threshold_does_not_pass(scene):
    request = round_of(scene, {scene["lulea"]: WEAK, scene["kemi"]: [0, 1, 1]})
    outcome = complete_if_done(request)
    assert outcome.score == pytest.approx((2 * 1.5 + 2 + 2.5) / 4)
    assert not outcome.passed


def test_the_round_waits_for_a_reviewer_still_invited(scene, make_teacher):
    late = make_teacher("Lotta Late")
    request = round_of(scene, {scene["lulea"]: GOOD}, waiting=[late])
    assert complete_if_done(request) is None
    assert request.state == "open"
    request.assignments[-1].state = DECLINED
    outcome = complete_if_done(request)
    assert outcome is not None
    assert outcome.municipalities == ["lulea"]


def test_a_round_nobody_submitted_is_not_complete(scene, make_teacher):
    request = round_of(scene, {}, waiting=[make_teacher()])
    request.assignments[0].state = DECLINED
    assert complete_if_done(request) is None
    assert request.state == "open"


def test_a_round_is_closed_once(scene):
    request = round_of(scene, {scene["lulea"]: GOOD})
    complete_if_done(request)
    assert complete_if_done(request) is None
    assert db.session.scalar(select(func.count(Outcome.id))) == 1


def test_the_requester_and_the_authors_are_told_once_each(scene):
    request = round_of(scene, {scene["lulea"]: GOOD})
    complete_if_done(request)
    db.session.commit()
    notes = db.session.scalars(select(Notification).order_by(Notification.teacher_id)).all()
    assert sorted(n.teacher_id for n in notes) == sorted([scene["owner"].id, scene["editor"].id])
    assert {n.kind for n in notes} == {"review_completed"}
    assert notes[0].params["title"] == "Hand hygiene"
    assert notes[0].link == f"/reviews/requests/{request.id}/results"


@pytest.mark.search
def test_a_passed_round_is_found_by_the_peer_reviewed_filter_at_once(scene):
    assert found(Visitor(), peer_reviewed=["yes"]) == []
    complete_if_done(round_of(scene, {scene["lulea"]: GOOD}))
    db.session.commit()
    assert found(Visitor(), peer_reviewed=["yes"]) == ["Hand hygiene"]
    assert found(Visitor(), rubric=[scene["rubric"].slug]) == ["Hand hygiene"]
    assert found(Visitor(), peer_reviewed=["no"]) == []


@pytest.mark.search
def test_a_round_that_did_not_pass_leaves_the_document_not_peer_reviewed(scene):
    complete_if_done(round_of(scene, {scene["lulea"]: WEAK, scene["kemi"]: WEAK}))
    db.session.commit()
    assert found(Visitor(), peer_reviewed=["yes"]) == []
    assert found(Visitor(), peer_reviewed=["no"]) == ["Hand hygiene"]


@pytest.mark.search
def test_an_edit_after_the_review_keeps_the_document_peer_reviewed(scene):
    complete_if_done(round_of(scene, {scene["lulea"]: GOOD}))
    db.session.commit()
    lesson = scene["lesson"]
    services.save_revision(
        lesson, lesson_content("Hand hygiene", body="Dry."), author=scene["owner"]
    )
    db.session.commit()
    assert found(Visitor(), "dry", peer_reviewed=["yes"]) == ["Hand hygiene"]


@pytest.mark.search
def test_most_reviewed_comes_first_when_sorting_by_reviews(scene, make_teacher, public_lesson):
    once = public_lesson("Reviewed once", "Soap.")
    public_lesson("Never reviewed", "Soap.")
    reviewers = {make_teacher(): GOOD for _ in range(3)}
    complete_if_done(round_of(scene, reviewers))
    complete_if_done(
        review_round(once, scene["rubric"], {scene["kemi"]: WEAK}, requested_by=scene["owner"])
    )
    db.session.commit()
    results = search(Visitor(), "", {}, sort="reviewed", page=1, per_page=10)
    assert [hit.document.title for hit in results.hits] == [
        "Hand hygiene",
        "Reviewed once",
        "Never reviewed",
    ]


@pytest.mark.search
def test_the_search_page_offers_the_rubric_as_a_facet(client, scene):
    complete_if_done(round_of(scene, {scene["lulea"]: GOOD}))
    db.session.commit()
    page = client.get("/search?peer_reviewed=yes").get_data(as_text=True)
    assert "<legend>Rubric</legend>" in page
    assert f'name="rubric" value="{scene["rubric"].slug}"' in page
    assert 'Lesson plan quality <span class="facet__count">(1)</span>' in page
