"""A public joint unit of Tornio teachers with one of each kind of activity, in a known order:
the unit and its lesson are written, the lesson revised, the unit discussed, the lesson
reviewed by Haparanda and Luleå (a passed round) and the unit adapted in Kemi."""

import re
from dataclasses import dataclass
from html import unescape

from app.comments.services import add_comment
from app.documents import services
from app.documents.adaptation import adapt_document
from app.documents.models import Document
from app.extensions import db
from app.network.models import Teacher
from app.reviews.models import ReviewRequest
from app.reviews.results import complete_if_done
from tests.fixtures.documents import lesson_content
from tests.fixtures.network import PASSWORD
from tests.reviews.rounds import review_round

#: The fixtures build_scene takes, by name.
FACTORIES = ("make_municipality", "make_school", "make_teacher", "make_unit", "make_lesson")


@dataclass
class Scene:
    unit: Document
    lesson: Document
    copy: Document
    request: ReviewRequest
    author: Teacher
    coauthor: Teacher
    reviewer: Teacher
    other_reviewer: Teacher
    adapter: Teacher
    coordinator: Teacher
    other_teacher: Teacher
    admin: Teacher


def build_scene(
    factories: dict, make_rubric, *, visibility="public", anonymity="reviewer_anonymous"
) -> Scene:
    municipality, teacher = factories["make_municipality"], factories["make_teacher"]
    tornio = municipality("Tornio")
    author = teacher("Aino Korhonen", municipality=tornio)
    coauthor = teacher("Eero Väisänen", municipality=tornio)
    unit = factories["make_unit"](
        "Food safety in catering",
        owner=author,
        visibility=visibility,
        status="published",
        collaborators={"editor": [coauthor]},
    )
    lesson = factories["make_lesson"]("Hand hygiene", unit=unit)
    services.save_revision(
        lesson,
        lesson_content(body="## Opening (15 min)\n\nShow the glitter test."),
        author=coauthor,
        summary="Longer opening",
    )
    add_comment(unit, author=coauthor, body="The allergen week needs a worksheet.")
    db.session.commit()
    reviewer = teacher("Rasmus Granberg", municipality=municipality("Haparanda", country="SE"))
    other_reviewer = teacher("Stina Lindqvist", municipality=municipality("Luleå", country="SE"))
    rubric = make_rubric("Lesson plan quality", criteria=("Objectives", "Activities"))
    request = review_round(
        lesson,
        rubric,
        {reviewer: [3, 3], other_reviewer: [2, 3]},
        requested_by=author,
        anonymity=anonymity,
    )
    assert complete_if_done(request).passed
    db.session.commit()
    kemi = municipality("Kemi")
    adapter = teacher("Olli Ojala", municipality=kemi)
    copy = adapt_document(unit, adapter=adapter)
    services.set_access(copy, visibility="public", status="published")
    db.session.commit()
    return Scene(
        unit=unit,
        lesson=lesson,
        copy=copy,
        request=request,
        author=author,
        coauthor=coauthor,
        reviewer=reviewer,
        other_reviewer=other_reviewer,
        adapter=adapter,
        coordinator=teacher("Kaisa Kivelä", municipality=tornio, coordinator=True),
        other_teacher=teacher("Pekka Outsider", municipality=kemi),
        admin=teacher("Ada Admin", admin=True),
    )


def page_text(response) -> str:
    """The page's words as a reader reads them: no tags, spaces collapsed."""
    assert response.status_code == 200, response.status_code
    html = response.get_data(as_text=True)
    main = html[html.index('<main id="main"') :]
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", main))).replace(" .", ".")


def sign_in(web, teacher) -> None:
    """Sign ``teacher`` in, or stay a visitor for None."""
    web.logout()
    if teacher is not None:
        web.login(teacher.email, PASSWORD)
