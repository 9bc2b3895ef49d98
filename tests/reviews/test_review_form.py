"""The review form: the revision under review beside the rubric, drafts, submission, locking."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.notifications.models import Notification
from app.reviews import reviewing
from app.reviews.models import ACCEPTED, SUBMITTED, Assignment, Outcome, Review
from tests.fixtures.network import PASSWORD
from tests.reviews.cast import build_cast


@pytest.fixture
def cast(make_municipality, make_school, make_teacher, make_lesson, make_rubric):
    return build_cast(
        make_municipality,
        make_school,
        make_teacher,
        make_lesson,
        make_rubric,
        anonymity="reviewer_anonymous",
    )


@pytest.fixture
def form(web, cast):
    """The reviewer, signed in; ``form.post(**answers)`` with answers by criterion index:
    ``level_0=2`` (level position), ``comment_0="..."``, ``quote_0="..."``, or plain fields."""
    web.login(cast.reviewer.email, PASSWORD)
    criteria = cast.rubric.current_version.criteria

    class Form:
        url = f"/reviews/assignments/{cast.assignment.id}/review"

        def data(self, **answers) -> dict:
            data = {}
            for key, value in answers.items():
                part, _, index = key.rpartition("_")
                if part in ("level", "comment", "quote"):
                    criterion = criteria[int(index)]
                    value = criterion.levels[value].id if part == "level" else value
                    data[f"criterion_{criterion.id}-{part}"] = value
                else:
                    data[key] = value
            return data

        def post(self, **answers):
            return web.post(self.url, self.data(**answers))

        def page(self) -> str:
            response = web.client.get(self.url)
            assert response.status_code == 200
            return response.get_data(as_text=True)

    return Form()


COMPLETE = {
    "level_0": 2,
    "level_1": 3,
    "strengths": "A lively opening.",
    "suggestions": "Add a timing for the test.",
    "recommendation": "minor_changes",
}


def saved_review(cast) -> Review | None:
    return db.session.scalar(select(Review).where(Review.assignment_id == cast.assignment.id))


def test_the_form_shows_the_revision_and_each_criterion_as_a_group_of_levels(form, cast):
    page = form.page()
    assert "Show the glitter test." in page
    first = cast.rubric.current_version.criteria[0]
    assert "<legend" in page
    assert "Level for “Clear objectives”" in page
    for level in first.levels:
        assert f'value="{level.id}"' in page
        assert level.descriptor in page
    assert first.description in page
    assert "Is the glitter test clear enough?" in page  # the authors' message


def test_a_draft_keeps_whatever_is_filled_in(form, cast):
    response = form.post(save="1", level_0=1, comment_1="Half done", strengths="Good start")
    assert response.status_code == 302
    review = saved_review(cast)
    assert review.submitted_at is None
    assert review.strengths == "Good start"
    scores = {score.criterion.position: score for score in review.scores}
    assert scores[0].level == cast.rubric.current_version.criteria[0].levels[1]
    assert scores[1].level is None
    assert scores[1].comment == "Half done"
    page = form.page()
    assert "Good start" in page
    assert "Half done" in page
    assert f'checked id="criterion_{scores[0].criterion_id}-level-1"' in page


def test_an_incomplete_submission_says_what_is_missing_and_keeps_the_text(form, cast):
    response = form.post(submit="1", level_0=0, strengths="Words I typed", suggestions="More")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Say why you chose the lowest level" in page
    assert "Choose a level." in page
    assert "Choose an overall recommendation." in page
    assert "Words I typed" in page
    review = saved_review(cast)
    assert review.submitted_at is None
    assert review.strengths == "Words I typed"
    assert cast.assignment.state != SUBMITTED


def test_the_lowest_level_needs_a_comment_and_with_one_the_review_goes_in(form, cast):
    bare = form.post(submit="1", **{**COMPLETE, "level_1": 0})
    assert bare.status_code == 422
    explained = form.post(submit="1", **{**COMPLETE, "level_1": 0, "comment_1": "No steps."})
    assert explained.status_code == 302
    assert saved_review(cast).submitted_at is not None


def test_submitting_locks_the_review_and_tells_the_requester(form, cast):
    response = form.post(submit="1", **COMPLETE)
    assert response.status_code == 302
    db.session.refresh(cast.assignment)
    assert cast.assignment.state == SUBMITTED
    notification = db.session.scalar(
        select(Notification).where(
            Notification.teacher_id == cast.author.id, Notification.kind == "review_submitted"
        )
    )
    assert notification.params == {"title": "Hand hygiene", "reviewer": "Reviewer 1"}
    assert notification.link == f"/reviews/requests/{cast.request.id}"
    page = form.page()
    assert "can no longer be changed" in page
    assert "A lively opening." in page
    assert 'name="submit"' not in page


def test_a_submitted_review_cannot_be_changed(form, cast):
    form.post(submit="1", **COMPLETE)
    again = form.post(submit="1", **{**COMPLETE, "strengths": "Changed my mind"})
    assert again.status_code == 409
    assert "can no longer be changed" in again.get_data(as_text=True)
    assert saved_review(cast).strengths == "A lively opening."


def test_the_last_review_completes_the_round(web, form, cast):
    form.post(submit="1", **COMPLETE)
    assert db.session.scalar(select(Outcome)) is None  # the other reviewer is still at work
    web.logout()
    web.login(cast.other_reviewer.email, PASSWORD)
    url = f"/reviews/assignments/{cast.other_assignment.id}/review"
    web.post(url, form.data(submit="1", **{**COMPLETE, "level_0": 3}))
    outcome = db.session.scalar(select(Outcome))
    assert outcome.request_id == cast.request.id
    assert outcome.score == pytest.approx((3.5 + 4) / 2)  # both reviewers' levels count
    db.session.refresh(cast.request)
    assert cast.request.state == "complete"


def test_a_quoted_passage_is_kept_with_the_text_around_it(form, cast):
    response = form.post(save="1", comment_0="Which test?", quote_0="the glitter  test")
    assert response.status_code == 302
    score = next(s for s in saved_review(cast).scores if s.comment == "Which test?")
    assert score.quote == "the glitter test"
    assert score.quote_before.endswith("Show ")
    assert score.quote_after.startswith(".")


def test_a_quote_that_is_not_in_the_text_is_refused_with_everything_kept(form, cast):
    response = form.post(save="1", comment_0="My comment", quote_0="words nobody wrote")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "This passage is not in the version under review" in page
    assert "words nobody wrote" in page
    assert "My comment" in page
    assert saved_review(cast) is None


def test_raw_html_typed_into_the_review_is_shown_as_text(form, cast):
    form.post(save="1", strengths="<script>alert(1)</script>")
    page = form.page()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_tampered_level_is_refused(form, cast):
    other_criterion_level = cast.rubric.current_version.criteria[1].levels[0].id
    first = cast.rubric.current_version.criteria[0]
    response = form.post(save="1", **{f"criterion_{first.id}-level": str(other_criterion_level)})
    assert response.status_code == 422
    assert "Choose one of the levels." in response.get_data(as_text=True)


def test_nobody_reviews_their_own_work_even_when_assigned(web, cast):
    own = Assignment(request=cast.request, reviewer=cast.coauthor, number=3, state=ACCEPTED)
    db.session.add(own)
    db.session.commit()
    with pytest.raises(reviewing.OwnWork):
        reviewing.save_draft(own, reviewing.Answers(strengths="Mine!"), reviewer=cast.coauthor)
    db.session.rollback()
    web.login(cast.coauthor.email, PASSWORD)
    response = web.client.get(f"/reviews/assignments/{own.id}/review")
    assert response.status_code == 403
    assert "collaborator" in response.get_data(as_text=True)


def test_only_the_assigned_reviewer_saves_the_review(cast):
    with pytest.raises(ValueError, match="is not"):
        reviewing.save_draft(cast.assignment, reviewing.Answers(), reviewer=cast.other_reviewer)


@pytest.mark.parametrize(
    ("ui_language", "municipality_languages", "expected"),
    [("sv", ["fi"], "sv"), (None, ["fi", "en"], "fi"), (None, ["de"], "en")],
)
def test_the_requester_is_told_in_their_language(
    cast, ui_language, municipality_languages, expected
):
    cast.author.ui_language = ui_language
    cast.author.municipality.languages = municipality_languages
    assert reviewing.language_of(cast.author) == expected
