"""Who an API request reads as: the teacher whose personal access token it presents, else the
browser's signed-in teacher, else a visitor.

A token speaks only for requests under /api/: it signs nobody into the HTML pages, sets no
cookie, and when one is presented the session is not consulted at all, so a bad token is
refused (401) rather than quietly read as whoever is signed in in the browser.
"""

from datetime import timedelta

from flask import Request, g
from sqlalchemy import or_, select, update
from sqlalchemy.exc import SQLAlchemyError

from app.api.models import ApiToken, token_digest
from app.db import utcnow, writing
from app.extensions import db
from app.network.models import Teacher

PREFIX = "/api/"
#: How stale ``last_used_at`` may get before a request records its use again.
USE_RESOLUTION = timedelta(minutes=1)


def is_api_request(request: Request) -> bool:
    return request.path.startswith(PREFIX) or request.path == PREFIX.rstrip("/")


def presents_token(request: Request) -> bool:
    """An API request that says who it is with an Authorization header (well-formed or not)."""
    return is_api_request(request) and "Authorization" in request.headers


def bearer_token(request: Request) -> str | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


def token_holder(request: Request) -> Teacher | None:
    """The active teacher whose unrevoked token the API request presents; None otherwise."""
    if not presents_token(request) or (token := bearer_token(request)) is None:
        return None
    found = db.session.scalar(
        select(ApiToken).where(
            ApiToken.digest == token_digest(token), ApiToken.revoked_at.is_(None)
        )
    )
    if found is None or not found.teacher.active:
        return None
    g.api_token = found
    return found.teacher


def record_use(token: ApiToken) -> None:
    """Note when the token was last used, at most once a minute; a busy database never fails
    the reading over it."""
    now, token_id = utcnow(), token.id
    if token.last_used_at is not None and now - token.last_used_at < USE_RESOLUTION:
        return
    db.session.commit()  # ends the read transaction: the write below takes the lock first
    try:
        with writing():
            db.session.execute(
                update(ApiToken)
                .where(
                    ApiToken.id == token_id,
                    or_(
                        ApiToken.last_used_at.is_(None),
                        ApiToken.last_used_at < now - USE_RESOLUTION,
                    ),
                )
                .values(last_used_at=now)
            )
            db.session.commit()
    except SQLAlchemyError:
        db.session.rollback()
