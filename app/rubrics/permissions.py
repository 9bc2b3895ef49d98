"""Who may do what with rubrics: everyone reads them; network admins write and revise them."""

from app.network.permissions import is_admin
from app.rubrics.models import Rubric

__all__ = ["can_create_rubric", "can_revise_rubric"]


def can_create_rubric(user) -> bool:
    return is_admin(user)


def can_revise_rubric(user, rubric: Rubric) -> bool:
    """A revision is a new version for the whole network's future reviews: admins only."""
    return is_admin(user)
