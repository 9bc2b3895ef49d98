"""The re-reviewer's side: the draft carried forward from their earlier review, passages marked
for a look, the changes beside the form, and round 2's results against round 1's."""

from datetime import timedelta
from html import unescape

import pytest

from app.extensions import db
from app.reviews import replies, rereading, rereview
from app.reviews.models import ACCEPTED
from app.reviews.requests import cancel_request, local_today
from tests.fixtures.network import PASSWORD
from tests.reviews.answered import revise, submit_both
from tests.reviews.cast import build_cast


@pytest.fixture
def make_round(make_municipality, make_school, make_teacher, make_lesson, make_rubric):
    """The cast's round answered and complete, the lesson revised (``body``), and a re-review
    asked of the same reviewers."""

    def make(body: str | None = None, anonymity: str = "reviewer_anonymous"):
        cast = build_cast(
            make_municipality,
            make_school,
            make_teacher,
            make_lesson,
            make_rubric,
            anonymity=anonymity,
        )
        submit_both(cast)
        revise(cast, **({"body": body} if body else {}))
        second = rereview.request_rereview(
            cast.request, requested_by=cast.author, due_on=local_today() + timedelta(days=9)
        )
        db.session.commit()
        return cast, second

    return make


def accept(web, teacher, assignment):
    web.logout()
    web.login(teacher.email, PASSWORD)
    response = web.post(f"/reviews/assignments/{assignment.id}/accept")
    assert response.status_code == 302
    return response


def scores_of(assignment) -> dict:
    return {score.criterion.position: score for score in assignment.review.scores}


def test_accepting_carries_the_earlier_review_forward(web, make_round):
    cast, second = make_round()
    mine, theirs = second.assignments
    accept(web, cast.reviewer, mine)
    review = mine.review
    assert review.submitted_at is None
    assert review.strengths == "A lively opening."
    assert review.recommendation is None  # chosen afresh
    scores = scores_of(mine)
    earlier = scores_of(cast.assignment)
    assert [s.level for s in scores.values()] == [s.level for s in earlier.values()]
    assert scores[0].comment == "Which glitter?"
    # "Show the glitter test." now reads "Show the glitter test with UV light.": changed.
    assert scores[0].needs_look
    assert scores[0].quote.startswith("Show the glitter test")
    assert scores[0].quote != earlier[0].quote
    assert not scores[1].needs_look  # no quote: not checked
    accept(web, cast.other_reviewer, theirs)
    kept = scores_of(theirs)[1]
    assert kept.quote == "wash their hands properly"
    assert not kept.needs_look


def test_a_passage_that_is_gone_is_marked_and_its_quote_left_out(make_round):
    _cast, second = make_round(body="## Opening (10 min)\n\nSing the washing song.")
    mine = second.assignments[0]
    mine.state = ACCEPTED
    review = rereading.carry_forward(mine)
    first = scores_of(mine)[0]
    assert review is mine.review
    assert first.needs_look
    assert first.quote == ""
    assert first.comment == "Which glitter?"
    assert rereading.carry_forward(mine) is None  # once only


def test_a_reviewer_without_an_earlier_review_starts_empty(make_round, make_teacher):
    _cast, second = make_round()
    fresh = second.assignments[0]
    fresh.reviewer = make_teacher()
    assert rereading.carry_forward(fresh) is None
    assert rereading.reading_of(fresh) is None


def form_page(web, assignment, query: str = "") -> str:
    response = web.client.get(f"/reviews/assignments/{assignment.id}/review{query}")
    assert response.status_code == 200
    return unescape(response.get_data(as_text=True))


def test_the_form_opens_on_the_changes_beside_the_earlier_review(web, make_round):
    cast, second = make_round()
    replies.send_replies(
        cast.request,
        [
            replies.Draft(
                cast.assignment.review,
                cast.rubric.current_version.criteria[0],
                "UV glitter it is.",
                cast.lesson.current_revision,
            )
        ],
        author=cast.author,
    )
    db.session.commit()
    mine = second.assignments[0]
    accept(web, cast.reviewer, mine)
    text = form_page(web, mine)
    assert "What changed since your review" in text
    assert 'Show the glitter test<ins><span class="visually-hidden">added: </span> with UV' in text
    assert "Then wash." in text
    assert "Your earlier review" in text
    assert "UV glitter it is." in text
    assert "Named the glitter" in text
    assert "You quoted a passage that has changed:" in text
    assert "1 criterion is marked for a look" in text
    assert "Only quoted passages are checked against the changes" in text
    assert 'name="criterion_' in text
    assert "Which glitter?" in text
    assert "Show the glitter test." in text  # the earlier quote, beside the form


def test_the_changes_can_be_shown_up_to_a_revision_a_reply_names(web, make_round):
    cast, second = make_round()
    named = cast.lesson.current_revision
    replies.send_replies(
        cast.request,
        [replies.Draft(cast.assignment.review, None, "See the opening.", named)],
        author=cast.author,
    )
    cancel_request(second, actor=cast.author)
    db.session.commit()
    revise(cast, body="## Opening (10 min)\n\nShow the glitter test with UV light.\n\nDry.")
    third = rereview.request_rereview(
        cast.request, requested_by=cast.author, due_on=local_today() + timedelta(days=9)
    )
    db.session.commit()
    mine = third.assignments[0]
    accept(web, cast.reviewer, mine)
    everything = form_page(web, mine)
    assert "Dry." in everything
    assert f"/reviews/assignments/{mine.id}/review?until={named.id}#changes" in everything
    up_to = form_page(web, mine, f"?until={named.id}")
    assert "changes up to a revision the authors named" in up_to
    assert "Then wash." in up_to
    assert "Dry." not in up_to
    not_named = form_page(web, mine, f"?until={cast.request.revision_id}")
    assert "Dry." in not_named


def submit(web, cast, assignment, levels: list[int]):
    criteria = cast.rubric.current_version.criteria
    data = {
        f"criterion_{criterion.id}-level": str(criterion.levels[level].id)
        for criterion, level in zip(criteria, levels, strict=True)
    }
    review = assignment.review
    for score in review.scores:
        data[f"criterion_{score.criterion_id}-comment"] = score.comment
        data[f"criterion_{score.criterion_id}-quote"] = score.quote
    response = web.post(
        f"/reviews/assignments/{assignment.id}/review",
        {**data, "recommendation": "ready", "submit": "1"},
    )
    assert response.status_code == 302, response.get_data(as_text=True)


def test_submitting_clears_the_marks_and_round_two_shows_the_change(web, make_round):
    cast, second = make_round()
    mine, theirs = second.assignments
    accept(web, cast.reviewer, mine)
    submit(web, cast, mine, [3, 3])
    assert not any(score.needs_look for score in mine.review.scores)
    accept(web, cast.other_reviewer, theirs)
    submit(web, cast, theirs, [3, 2])
    assert second.state == "complete"
    web.logout()
    web.login(cast.author.email, PASSWORD)
    text = unescape(web.client.get(f"/reviews/requests/{second.id}/results").get_data(as_text=True))
    assert "Mean in round 1 → now" in text
    # Clear objectives: levels 2 and 4 in round 1 (mean 3), 4 and 4 now.
    assert "3 → 4" in text
    # Activities: 3 and 1 (mean 2), then 4 and 3.
    assert "2 → 3.5" in text
    assert "Round 2" in text
