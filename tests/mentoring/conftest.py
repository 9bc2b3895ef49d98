"""A teacher new to the exchange in Tornio, a mentor in Haparanda, and everyone around them."""

from dataclasses import dataclass

import pytest
from sqlalchemy import select

from app.extensions import db
from app.network.models import Mentorship, Teacher
from app.notifications.models import Notification


@dataclass
class Cast:
    mentee: Teacher
    mentor: Teacher
    teacher: Teacher
    coordinator: Teacher
    other_coordinator: Teacher
    admin: Teacher
    home_mentor: Teacher

    def __getitem__(self, role: str) -> Teacher | None:
        return None if role == "visitor" else getattr(self, role)


@pytest.fixture
def cast(make_municipality, make_teacher):
    tornio = make_municipality("Tornio", slug="tornio")
    haparanda = make_municipality("Haparanda", slug="haparanda", country="SE")
    kemi = make_municipality("Kemi", slug="kemi")
    people = Cast(
        mentee=make_teacher("Minna Mentee", municipality=tornio),
        mentor=make_teacher("Maria Mentor", municipality=haparanda),
        teacher=make_teacher("Tero Teacher", municipality=tornio),
        coordinator=make_teacher("Kaisa Coordinator", municipality=tornio, coordinator=True),
        other_coordinator=make_teacher("Otto Coordinator", municipality=kemi, coordinator=True),
        admin=make_teacher("Anna Admin", municipality=kemi, admin=True),
        home_mentor=make_teacher("Heikki Home", municipality=tornio),
    )
    people.mentee.new_to_exchange = True
    people.mentor.offers_mentoring = True
    people.home_mentor.offers_mentoring = True
    db.session.commit()
    return people


def mentorships() -> list[Mentorship]:
    return db.session.scalars(select(Mentorship).order_by(Mentorship.id)).all()


def kinds_for(teacher: Teacher) -> list[str]:
    return db.session.scalars(
        select(Notification.kind).where(Notification.teacher_id == teacher.id)
    ).all()
