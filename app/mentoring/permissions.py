"""Who may ask for, answer, end and arrange a mentoring pairing; pure predicates."""

from app.network.models import Mentorship, Municipality
from app.network.permissions import can_manage_municipality

__all__ = ["can_answer_mentoring", "can_ask_mentor", "can_end_mentoring", "can_pair_mentors"]


def can_ask_mentor(user) -> bool:
    """Teachers who marked themselves new to the exchange may ask for a mentor."""
    return user.is_authenticated and user.new_to_exchange


def can_answer_mentoring(user, mentorship: Mentorship) -> bool:
    """Only the mentor asked accepts or declines."""
    return user.is_authenticated and user.id == mentorship.mentor_id


def can_end_mentoring(user, mentorship: Mentorship) -> bool:
    """Either of the two ends a pairing; the mentee may also withdraw a request."""
    return user.is_authenticated and user.id in (mentorship.mentee_id, mentorship.mentor_id)


def can_pair_mentors(user, municipality: Municipality) -> bool:
    """Coordinators of the new teacher's municipality (and admins) pair them directly."""
    return can_manage_municipality(user, municipality)
