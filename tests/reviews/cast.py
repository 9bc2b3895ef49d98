"""Everyone around one review request, with names distinct enough to search pages for."""

from dataclasses import dataclass
from datetime import timedelta

from app.db import utcnow
from app.documents.models import Collaborator, Document
from app.extensions import db
from app.network.models import Teacher
from app.reviews.models import ACCEPTED, Assignment, ReviewRequest
from app.rubrics.models import Rubric

#: The rows of a review permission table.
ROLES = [
    "author",
    "reviewer",
    "other_reviewer",
    "authors_coordinator",
    "reviewers_coordinator",
    "other_teacher",
    "admin",
    "visitor",
]


@dataclass
class People:
    """The teachers around a review request, by role (a visitor is None)."""

    author: Teacher
    coauthor: Teacher
    reviewer: Teacher
    other_reviewer: Teacher
    authors_coordinator: Teacher
    other_teacher: Teacher
    admin: Teacher

    def __getitem__(self, role: str) -> Teacher | None:
        return None if role == "visitor" else getattr(self, role)

    @property
    def author_words(self) -> list[str]:
        """What must not reach a reviewer of a double-blind request."""
        return [
            self.author.name,
            self.coauthor.name,
            self.author.school.name,
            self.coauthor.school.name,
            self.author.municipality.name,
            self.author.municipality.slug,
        ]


@dataclass
class Cast(People):
    """A private draft lesson by Tornio teachers, out for review with two accepted reviewers
    from Haparanda and Luleå; coordinators on both sides, an outsider and an admin."""

    lesson: Document
    rubric: Rubric
    request: ReviewRequest
    reviewers_coordinator: Teacher
    assignment: Assignment
    other_assignment: Assignment

    @property
    def reviewer_names(self) -> list[str]:
        return [self.reviewer.name, self.other_reviewer.name]


def build_cast(
    make_municipality, make_school, make_teacher, make_lesson, make_rubric, *, anonymity: str
) -> Cast:
    tornio = make_municipality("Tornio")
    haparanda = make_municipality("Haparanda", country="SE")
    lulea = make_municipality("Luleå", country="SE")
    kemi = make_municipality("Kemi")
    author = make_teacher("Aino Korhonen", school=make_school("Putaan koulu", municipality=tornio))
    author.ui_language = "en"  # the language of what she is told ("Reviewer 1 submitted ...")
    coauthor = make_teacher("Eero Väisänen", municipality=tornio)
    reviewer = make_teacher("Rasmus Granberg", municipality=haparanda)
    other_reviewer = make_teacher("Stina Lindqvist", municipality=lulea)
    lesson = make_lesson("Hand hygiene", owner=author)
    lesson.collaborators.append(Collaborator(teacher=coauthor, role="editor"))
    rubric = make_rubric("Lesson plan quality", criteria=("Clear objectives", "Activities"))
    request = ReviewRequest(
        document=lesson,
        revision_id=lesson.current_revision_id,
        rubric_version=rubric.current_version,
        requested_by=author,
        reviewers_wanted=2,
        due_on=(utcnow() + timedelta(days=21)).date(),
        anonymity=anonymity,
        message="Is the glitter test clear enough?",
    )
    assignment = Assignment(request=request, reviewer=reviewer, number=1, state=ACCEPTED)
    other_assignment = Assignment(
        request=request, reviewer=other_reviewer, number=2, state=ACCEPTED
    )
    db.session.add_all([request, assignment, other_assignment])
    db.session.commit()
    return Cast(
        lesson=lesson,
        rubric=rubric,
        request=request,
        author=author,
        coauthor=coauthor,
        reviewer=reviewer,
        other_reviewer=other_reviewer,
        authors_coordinator=make_teacher("Kaisa Kivelä", municipality=tornio, coordinator=True),
        reviewers_coordinator=make_teacher(
            "Henrik Sundberg", municipality=haparanda, coordinator=True
        ),
        other_teacher=make_teacher("Olli Ojala", municipality=kemi),
        admin=make_teacher("Ada Admin", admin=True),
        assignment=assignment,
        other_assignment=other_assignment,
    )
