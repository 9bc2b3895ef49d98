"""Colleagues with profiles that show some parts and hide others."""

import pytest

from app.extensions import db
from app.network.models import Grade


@pytest.fixture
def make_grade(app):
    def make(key: str, position: int = 0, **names: str) -> Grade:
        grade = Grade(
            key=key, names={"en": key.replace("-", " ").title(), **names}, position=position
        )
        db.session.add(grade)
        db.session.commit()
        return grade

    return make


@pytest.fixture
def profile():
    """``profile(teacher, shown=[...], subjects=[...], interests=...)`` sets and commits."""

    def set_profile(teacher, *, shown=(), **fields):
        teacher.shown_on_profile = list(shown)
        for name, value in fields.items():
            setattr(teacher, name, value)
        db.session.commit()
        return teacher

    return set_profile
