"""The cast's round answered through the real services: both reviewers submit (with quoted
passages), and the authors revise the lesson afterwards."""

from app.documents import services
from app.documents.models import Revision
from app.extensions import db
from app.reviews.reviewing import Answers, submit_review
from tests.fixtures.documents import lesson_content
from tests.reviews.cast import Cast

#: The lesson's opening as the reviewers read it, and as the authors revise it.
OPENING = "## Opening (10 min)\n\nShow the glitter test."
REVISED = "## Opening (10 min)\n\nShow the glitter test with UV light.\n\nThen wash."


def submit_both(cast: Cast) -> None:
    """Reviewer 1 quotes the opening on the first criterion; Reviewer 2 quotes the objectives
    on the second. The round is complete afterwards."""
    first, second = cast.rubric.current_version.criteria
    submit_review(
        cast.assignment,
        Answers(
            levels={first.id: first.levels[1].id, second.id: second.levels[2].id},
            comments={first.id: "Which glitter?", second.id: "Good pacing."},
            quotes={first.id: "Show the glitter test."},
            strengths="A lively opening.",
            suggestions="Name the glitter.",
            recommendation="minor_changes",
        ),
        reviewer=cast.reviewer,
    )
    submit_review(
        cast.other_assignment,
        Answers(
            levels={first.id: first.levels[3].id, second.id: second.levels[0].id},
            comments={second.id: "Too short to practise."},
            quotes={second.id: "wash their hands properly"},
            strengths="Clear aim.",
            recommendation="major_changes",
        ),
        reviewer=cast.other_reviewer,
    )
    db.session.commit()


def revise(cast: Cast, body: str = REVISED, summary: str = "Named the glitter") -> Revision:
    """The owner saves a new revision of the lesson."""
    revision = services.save_revision(
        cast.lesson,
        lesson_content(body=body),
        author=cast.author,
        summary=summary,
        base_revision_id=cast.lesson.current_revision_id,
    )
    db.session.commit()
    return revision
