"""The scene the review pages are checked on: lessons out for review, reviewed, replied to
and re-reviewed, a practice example and observations, each made through the real services."""

from dataclasses import dataclass
from datetime import date

from app.documents import services as documents
from app.documents.models import Document
from app.extensions import db
from app.network.models import Teacher
from app.observations import services as observations
from app.reviews import assignments, replies, requests, rereview, reviewing
from app.reviews.models import Assignment, ConflictOfInterest, Observation, ReviewRequest
from app.rubrics.models import CalibrationAttempt, CalibrationExample, Rubric
from tests.fixtures.documents import lesson_content

REPLY = "Each phase has its timing now."
#: "Hand hygiene" after the first round: a shorter opening and a new practice phase.
REVISED = (
    "## Opening (5 min)\n\nShow the glitter test.\n\n"
    "## Practice (20 min)\n\nStudents wash their hands while a partner times them.\n"
)


@dataclass
class ReviewScene:
    """Aino's lessons (Tornio) reviewed by Rasmus (Haparanda) and Stina (Luleå).

    "Hand hygiene" has had its round: both reviews are in, Aino has replied to Rasmus and
    revised the lesson, and Rasmus has taken on the re-review. "Knife skills" is out for review:
    Stina has a draft, Rasmus has yet to answer. "Food allergies" has not been reviewed and is
    a practice example that Rasmus has practised on. Rasmus has observed Aino teaching twice.
    """

    author: Teacher
    coordinator: Teacher
    admin: Teacher
    reviewer: Teacher
    other_reviewer: Teacher
    rubric: Rubric
    reviewed: ReviewRequest
    reviewed_by_reviewer: Assignment
    rereview: Assignment
    open: ReviewRequest
    invitation: Assignment
    draft: Assignment
    unreviewed: Document
    example: CalibrationExample
    attempt: CalibrationAttempt
    #: A follow-up of Rasmus's first observation of Aino.
    follow_up: Observation

    def __getitem__(self, role: str) -> Teacher:
        return getattr(self, role)


def answers(version, positions, recommendation="minor_changes") -> reviewing.Answers:
    """A level position per criterion (None: not chosen yet), each with a comment."""
    chosen = zip(version.criteria, positions, strict=True)
    return reviewing.Answers(
        levels={c.id: None if p is None else c.levels[p].id for c, p in chosen},
        comments={c.id: f"What I saw for {c.title.lower()}." for c in version.criteria},
        strengths="The glitter test makes hygiene visible.",
        suggestions="Give each phase a timing.",
        recommendation=recommendation,
    )


def request_reviews(lesson: Document, rubric: Rubric, author: Teacher) -> ReviewRequest:
    """A request for two reviewers; allocation invites the two the network allows."""
    made = requests.request_review(
        lesson,
        rubric_version=rubric.current_version,
        requested_by=author,
        due_on=requests.default_due_on(),
        message="Is the glitter test clear enough?",
    )
    db.session.commit()
    return made


def accepted(request: ReviewRequest, reviewer: Teacher) -> Assignment:
    assignment = next(a for a in request.assignments if a.reviewer_id == reviewer.id)
    assignments.accept(assignment)
    return assignment


def revise_and_ask_again(reviewed: ReviewRequest, assignment: Assignment) -> Assignment:
    """The author revises the lesson, replies to the reviewer's point about activities naming
    the revision, and asks for a re-review, which the reviewer accepts."""
    lesson, author = reviewed.document, reviewed.requested_by
    documents.save_revision(lesson, lesson_content(body=REVISED), author=author)
    activities = reviewed.rubric_version.criteria[1]
    reply = replies.Draft(assignment.review, activities, REPLY, lesson.current_revision)
    replies.send_replies(reviewed, [reply], author=author)
    again = rereview.request_rereview(
        reviewed, requested_by=author, due_on=requests.default_due_on()
    )
    return accepted(again, assignment.reviewer)


def observe(
    teacher: Teacher,
    observer: Teacher,
    rubric: Rubric,
    lesson: Document,
    levels,
    *,
    taught_on: date,
    previous: Observation | None = None,
) -> Observation:
    """The observer's committed observation of the teacher's lesson, a level position per
    criterion; with ``previous``, a follow-up of it."""
    version = rubric.current_version
    observation = observations.record_observation(
        teacher,
        observer=observer,
        version=version,
        taught_on=taught_on,
        class_name="7B, 22 students",
        ratings={
            c.id: observations.Rating(c.levels[level].id, f"On {c.title.lower()}.")
            for c, level in zip(version.criteria, levels, strict=True)
        },
        notes="The glitter test got everyone talking.",
        next_steps="Try exit tickets at the end.",
        lesson=lesson,
        previous=previous,
    )
    db.session.commit()
    return observation


def build_scene(
    *,
    make_municipality,
    make_teacher,
    make_lesson,
    make_rubric,
    make_calibration_example,
    make_calibration_attempt,
) -> ReviewScene:
    """The scene, made with the test's factory fixtures, in an order that leaves allocation
    no choice: only Rasmus and Stina are eligible until Olli joins at the end."""
    tornio = make_municipality("Tornio")
    author = make_teacher("Aino Korhonen", municipality=tornio)
    author.ui_language = "en"
    people = {
        "author": author,
        "coordinator": make_teacher("Kaisa Kivelä", municipality=tornio, coordinator=True),
        "admin": make_teacher("Ada Admin", municipality=tornio, admin=True),
        "reviewer": make_teacher(
            "Rasmus Granberg", municipality=make_municipality("Haparanda", country="SE")
        ),
        "other_reviewer": make_teacher(
            "Stina Lindqvist", municipality=make_municipality("Luleå", country="SE")
        ),
    }
    reviewer, other_reviewer = people["reviewer"], people["other_reviewer"]
    rubric = make_rubric("Lesson plan quality")
    rubric.created_by = people["admin"]
    published = {"owner": author, "visibility": "network", "status": "published"}
    lesson = make_lesson("Hand hygiene", **published)

    reviewed = request_reviews(lesson, rubric, author)
    version = rubric.current_version
    for reviewer_, positions in ((reviewer, (2, 1, 3)), (other_reviewer, (2, 2, 0))):
        assignment = accepted(reviewed, reviewer_)
        reviewing.submit_review(assignment, answers(version, positions), reviewer=reviewer_)
    db.session.commit()
    assert reviewed.state == "complete"
    reviewed_by_reviewer = next(a for a in reviewed.assignments if a.reviewer == reviewer)
    taken_on_again = revise_and_ask_again(reviewed, reviewed_by_reviewer)

    still_open = request_reviews(make_lesson("Knife skills", **published), rubric, author)
    draft = accepted(still_open, other_reviewer)
    reviewing.save_draft(draft, answers(version, (1, None, None)), reviewer=other_reviewer)
    db.session.add(
        ConflictOfInterest(teacher=reviewer, other=people["coordinator"], reason="My sister")
    )
    db.session.commit()
    make_teacher("Olli Ojala", municipality=make_municipality("Kemi"))  # a candidate left over

    unreviewed = make_lesson("Food allergies", **published)
    example = make_calibration_example(rubric, unreviewed, (2, 1, 3), actor=people["admin"])
    observing = (
        author,
        reviewer,
        make_rubric(
            "Classroom observation", criteria=("Objectives", "Engagement"), purpose="observation"
        ),
        lesson,
    )
    first = observe(*observing, (1, 2), taught_on=date(2026, 3, 4))
    return ReviewScene(
        **people,
        rubric=rubric,
        reviewed=reviewed,
        reviewed_by_reviewer=reviewed_by_reviewer,
        rereview=taken_on_again,
        open=still_open,
        invitation=next(a for a in still_open.assignments if a.reviewer == reviewer),
        draft=draft,
        unreviewed=unreviewed,
        example=example,
        attempt=make_calibration_attempt(example, reviewer, (2, 2, 0)),
        follow_up=observe(*observing, (2, 3), taught_on=date(2026, 4, 8), previous=first),
    )
