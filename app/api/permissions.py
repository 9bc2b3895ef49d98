"""Who may see and revoke a personal access token: only the teacher who made it."""

from app.api.models import ApiToken

__all__ = ["can_revoke_token"]


def can_revoke_token(user, token: ApiToken) -> bool:
    return user.is_authenticated and token.teacher_id == user.id
