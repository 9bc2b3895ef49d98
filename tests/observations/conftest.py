"""An observed teacher and everyone around her, an observation rubric, observation factories."""

from dataclasses import dataclass
from datetime import date

import pytest

from app.extensions import db
from app.network.models import Teacher
from app.observations import services
from app.reviews.models import Observation
from app.rubrics.models import Criterion, Level, Rubric, RubricVersion
from tests.fixtures.reviews import LEVELS

CRITERIA = ("Learning objectives", "Student engagement", "Checking understanding")


@dataclass
class Cast:
    """Aino is observed by Erik (of another municipality); Liisa coordinates Aino's
    municipality, Maja coordinates Erik's; Olli is a colleague of Aino's with no part in it."""

    teacher: Teacher
    observer: Teacher
    coordinator: Teacher
    other_coordinator: Teacher
    other_teacher: Teacher
    admin: Teacher
    rubric: Rubric

    def __getitem__(self, role: str) -> Teacher | None:
        return None if role == "visitor" else getattr(self, role)

    @property
    def version(self) -> RubricVersion:
        return self.rubric.current_version


@pytest.fixture
def cast(make_municipality, make_teacher, make_rubric) -> Cast:
    tornio = make_municipality("Tornio")
    haparanda = make_municipality("Haparanda", country="SE", languages=("sv", "fi"))
    return Cast(
        teacher=make_teacher("Aino Korhonen", municipality=tornio),
        observer=make_teacher("Erik Berg", municipality=haparanda),
        coordinator=make_teacher("Liisa Niemi", municipality=tornio, coordinator=True),
        other_coordinator=make_teacher("Maja Lind", municipality=haparanda, coordinator=True),
        other_teacher=make_teacher("Olli Outsider", municipality=tornio),
        admin=make_teacher("Ada Admin", admin=True),
        rubric=make_rubric("Classroom observation", criteria=CRITERIA, purpose="observation"),
    )


def ratings(version: RubricVersion, levels) -> dict[int, services.Rating]:
    """``levels`` gives each criterion's level, counting from 1, in the rubric's order."""
    return {
        criterion.id: services.Rating(criterion.levels[level - 1].id, f"On {criterion.title}")
        for criterion, level in zip(version.criteria, levels, strict=True)
    }


@pytest.fixture
def make_observation(cast):
    """``make_observation(levels=(2, 3, 1), previous=o)``: Erik's committed observation of
    Aino's lesson (or a follow-up of ``previous``)."""

    def make(
        levels=(2, 2, 2),
        *,
        observer=None,
        version=None,
        previous: Observation | None = None,
        taught_on=date(2026, 3, 4),
        **fields,
    ) -> Observation:
        version = version or cast.version
        observation = services.record_observation(
            cast.teacher,
            observer=observer or cast.observer,
            version=version,
            taught_on=taught_on,
            class_name=fields.pop("class_name", "7B, 22 students"),
            ratings=ratings(version, levels),
            previous=previous,
            **fields,
        )
        db.session.commit()
        return observation

    return make


def revise(rubric: Rubric, criteria) -> RubricVersion:
    """Publish the rubric's next version with these criteria (each with the factory's levels)."""
    version = RubricVersion(
        rubric=rubric,
        number=rubric.current_version.number + 1,
        name=rubric.current_version.name,
        threshold=rubric.current_version.threshold,
    )
    for position, title in enumerate(criteria):
        criterion = Criterion(version=version, position=position, title=title)
        for level_position, (score, descriptor) in enumerate(LEVELS):
            criterion.levels.append(
                Level(position=level_position, score=score, descriptor=descriptor)
            )
    db.session.add(version)
    db.session.flush()
    rubric.current_version = version
    db.session.commit()
    return version


def form_data(cast: Cast, levels=(2, 3, 1), *, version=None, **fields) -> dict:
    """What the browser sends for an observation of Aino's lesson."""
    version = version or cast.version
    data = {
        "teacher": cast.teacher.id,
        "rubric_version": version.id,
        "lesson": "",
        "taught_on": "2026-03-04",
        "class_name": "7B, 22 students",
        "notes": "The glitter test got everyone talking.",
        "next_steps": "Try exit tickets at the end.",
    }
    for criterion, level in zip(version.criteria, levels, strict=True):
        if level is not None:
            data[f"level_{criterion.id}"] = criterion.levels[level - 1].id
        data[f"comment_{criterion.id}"] = f"About {criterion.title.lower()}"
    return {**data, **fields}
