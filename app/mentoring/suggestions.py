"""Mentors a new teacher might ask, each with the reasons that put them where they are.

Mentors from partner municipalities (those that share a joint unit or a review with the new
teacher's) come first, then shared subjects and a common language, counting only what the
mentor shows on their profile.
"""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.mentoring.services import OPEN
from app.network.collaboration import municipality_links
from app.network.models import Mentorship, School, Teacher
from app.partners.search import elsewhere
from app.partners.suggestions import Reason, Suggestion, language_reason, subject_reason

#: Points for a mentor whose municipality already works with the new teacher's.
PARTNER_MUNICIPALITY = 2
#: How many mentors the page suggests.
MENTOR_SUGGESTIONS = 10


def partner_municipality_ids(teacher: Teacher) -> set[int]:
    """Municipalities with a joint unit or a review with the teacher's municipality."""
    home = teacher.municipality
    return {link.partner_of(home).id for link in municipality_links() if link.joins(home)}


def mentor_reasons(mentee: Teacher, mentor: Teacher, partners: set[int]) -> tuple[Reason, ...]:
    """Why ``mentor`` suits ``mentee``: a partner municipality, then what the mentor shows."""
    reasons = []
    if mentor.school.municipality_id in partners:
        place = (mentor.municipality.name,)
        reasons.append(Reason("partner_municipality", place, PARTNER_MUNICIPALITY))
    for reason in (subject_reason(mentee, mentor), language_reason(mentee, mentor)):
        if reason is not None:
            reasons.append(reason)
    return tuple(reasons)


def suggest_mentors(mentee: Teacher, limit: int = MENTOR_SUGGESTIONS) -> list[Suggestion]:
    """Active mentors of other municipalities not already paired with or asked by the mentee,
    best first; ties by name, then id."""
    asked = select(Mentorship.mentor_id).where(
        Mentorship.mentee_id == mentee.id, Mentorship.state.in_(OPEN)
    )
    mentors = db.session.scalars(
        select(Teacher)
        .where(elsewhere(mentee), Teacher.offers_mentoring, Teacher.id.not_in(asked))
        .options(
            selectinload(Teacher.subjects),
            selectinload(Teacher.school).selectinload(School.municipality),
        )
    )
    partners = partner_municipality_ids(mentee)
    suggestions = [Suggestion(m, mentor_reasons(mentee, m, partners)) for m in mentors]
    suggestions.sort(key=lambda s: (-s.score, s.teacher.name.casefold(), s.teacher.id))
    return suggestions[:limit]
