"""API test helpers: tokens for teachers, and reading the API as one of them."""

import pytest

from app.api.services import create_token
from app.extensions import db


@pytest.fixture
def make_token(app):
    """``make_token(teacher, "Intranet")``: a working token of the teacher (the token itself)."""

    def make(teacher, name: str = "Script") -> str:
        _row, token = create_token(teacher, name)
        db.session.commit()
        return token

    return make


@pytest.fixture
def api(client, make_token):
    """``api(url, as_=teacher)``: GET ``url`` with a token of ``teacher`` (none for a visitor)."""
    tokens = {}

    def get(url: str, *, as_=None, **kwargs):
        headers = {}
        if as_ is not None:
            if as_.id not in tokens:
                tokens[as_.id] = make_token(as_)
            headers["Authorization"] = f"Bearer {tokens[as_.id]}"
        return client.get(url, headers=headers, **kwargs)

    return get
