"""Who may record and read lesson observations.

An observation is private feedback between colleagues: the observed teacher and the observer
read it, and so do the coordinators of the observed teacher's municipality and network admins.
It is in no search, list or public page of anyone else.
"""

from app.network.models import Teacher
from app.reviews.models import Observation

__all__ = ["can_follow_up", "can_observe", "can_record_observation", "can_view_observation"]


def can_record_observation(user) -> bool:
    """Every signed-in teacher observes colleagues' lessons."""
    return user.is_authenticated


def can_observe(user, teacher: Teacher) -> bool:
    """Any active teacher of the network but oneself, in any municipality."""
    return can_record_observation(user) and teacher.active and teacher.id != user.id


def can_view_observation(user, observation: Observation) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_admin or user.id in (observation.teacher_id, observation.observer_id):
        return True
    return user.is_coordinator and user.school.municipality_id == (
        observation.teacher.school.municipality_id
    )


def can_follow_up(user, observation: Observation) -> bool:
    """Observe the same teacher again: whoever may read the observation, but not its teacher."""
    return can_view_observation(user, observation) and can_observe(user, observation.teacher)
