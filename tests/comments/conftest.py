"""A unit with one teacher in every collaborator role, and a comment factory."""

from dataclasses import dataclass

import pytest

from app.comments import services
from app.documents.models import Document
from app.extensions import db
from app.network.models import Teacher


@dataclass
class Cast:
    """A unit and who is who around it; ``other`` and ``admin`` are not collaborators."""

    unit: Document
    owner: Teacher
    editor: Teacher
    commenter: Teacher
    viewer: Teacher
    other: Teacher
    admin: Teacher

    def __getitem__(self, role: str) -> Teacher | None:
        return None if role == "visitor" else getattr(self, role)


@pytest.fixture
def make_cast(make_unit, make_teacher, make_municipality):
    """``make_cast(visibility="network", status="published")``: a unit and its people."""

    def make(**access) -> Cast:
        tornio = make_municipality("Tornio")
        haparanda = make_municipality("Haparanda", country="SE")
        owner = make_teacher("Aino Korhonen", municipality=tornio)
        editor = make_teacher("Erik Berg", municipality=haparanda)
        commenter = make_teacher("Liisa Niemi", municipality=tornio)
        viewer = make_teacher("Maja Lind", municipality=haparanda)
        unit = make_unit(
            owner=owner,
            collaborators={"editor": [editor], "commenter": [commenter], "viewer": [viewer]},
            **access,
        )
        return Cast(
            unit=unit,
            owner=owner,
            editor=editor,
            commenter=commenter,
            viewer=viewer,
            other=make_teacher("Olli Outsider", municipality=tornio),
            admin=make_teacher("Ada Admin", admin=True),
        )

    return make


@pytest.fixture
def cast(make_cast) -> Cast:
    return make_cast()


@pytest.fixture
def make_comment(app):
    """``make_comment(document, author, "text", parent=c)``: a committed comment."""

    def make(document, author, body="Should we add a glove rule?", **kwargs):
        comment = services.add_comment(document, author=author, body=body, **kwargs)
        db.session.commit()
        return comment

    return make
