"""Which parts of a teacher's profile a reader sees: only what the teacher chose to show.

The teacher themself, the coordinators of their municipality and network admins see every
part; anyone else sees the parts in ``Teacher.shown_on_profile``, and only those are searched.
"""

from app.network.models import PROFILE_PARTS, Teacher
from app.network.permissions import can_manage_municipality

__all__ = ["can_see_part", "shown_parts"]


def sees_whole_profile(user, teacher: Teacher) -> bool:
    return user.is_authenticated and (
        user.id == teacher.id or can_manage_municipality(user, teacher.municipality)
    )


def can_see_part(user, teacher: Teacher, part: str) -> bool:
    """``part`` is one of PROFILE_PARTS: "subjects", "grades", "languages", "interests"."""
    if part not in PROFILE_PARTS:
        raise ValueError(f"unknown profile part {part!r}")
    if sees_whole_profile(user, teacher):
        return True
    return user.is_authenticated and part in (teacher.shown_on_profile or [])


def shown_parts(teacher: Teacher) -> frozenset[str]:
    """The parts every colleague may see and search."""
    return frozenset(part for part in teacher.shown_on_profile or [] if part in PROFILE_PARTS)
