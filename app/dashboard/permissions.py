"""Who may see a municipality's dashboard, its CSV exports and its annual report."""

from app.network.models import Municipality

__all__ = ["can_see_dashboard"]


def can_see_dashboard(user, municipality: Municipality) -> bool:
    """The municipality's coordinators and network admins."""
    if not user.is_authenticated:
        return False
    return user.is_admin or (user.is_coordinator and user.school.municipality_id == municipality.id)
