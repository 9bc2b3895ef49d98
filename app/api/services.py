"""Making and revoking personal access tokens; a token is shown once and stored as a digest."""

from sqlalchemy import select

from app.api.models import ApiToken, new_token, token_digest
from app.db import utcnow
from app.extensions import db
from app.network.models import Teacher


def create_token(teacher: Teacher, name: str) -> tuple[ApiToken, str]:
    """A new token for ``teacher``: the row, and the token itself, which is not kept."""
    token = new_token()
    row = ApiToken(teacher=teacher, name=name, digest=token_digest(token))
    db.session.add(row)
    db.session.flush()
    return row, token


def revoke_token(token: ApiToken) -> None:
    """The token stops working at once; the row stays, to show when it was used."""
    if token.revoked_at is None:
        token.revoked_at = utcnow()
    db.session.flush()


def tokens_of(teacher: Teacher) -> list[ApiToken]:
    """The teacher's tokens, working ones first, newest first."""
    return list(
        db.session.scalars(
            select(ApiToken)
            .where(ApiToken.teacher_id == teacher.id)
            .order_by(ApiToken.revoked_at.is_not(None), ApiToken.created_at.desc(), ApiToken.id)
        )
    )
