"""Who may see and manage what in the network; pure predicates, shared by views and templates."""

from app.network.models import Municipality, Teacher

__all__ = [
    "can_create_municipality",
    "can_edit_municipality",
    "can_manage_municipality",
    "can_manage_teacher",
    "can_see_teachers",
    "is_admin",
]


def is_admin(user) -> bool:
    return user.is_authenticated and user.is_admin


def can_see_teachers(user) -> bool:
    """Teachers' names and profiles are for signed-in members of the network only."""
    return user.is_authenticated


def can_create_municipality(user) -> bool:
    return is_admin(user)


def can_edit_municipality(user, municipality: Municipality) -> bool:
    return is_admin(user)


def can_manage_municipality(user, municipality: Municipality) -> bool:
    """Add and rename its schools, and manage its teachers: its coordinators and admins."""
    if not user.is_authenticated:
        return False
    return user.is_admin or (user.is_coordinator and user.school.municipality_id == municipality.id)


def can_manage_teacher(user, teacher: Teacher) -> bool:
    """Grant or revoke coordinator, deactivate or reactivate; never one's own account."""
    return (
        user.is_authenticated
        and user.id != teacher.id
        and can_manage_municipality(user, teacher.municipality)
    )
