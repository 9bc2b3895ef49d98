"""A public joint unit and its lesson with a history, comments and a snapshot, and a round of
review on the lesson or the unit; every page of the unit and lesson themselves, to search."""

import io
import json
import re
import zipfile
from dataclasses import dataclass
from html import unescape

from app.comments.services import add_comment, resolve_thread
from app.documents import services
from app.documents.models import Document
from app.extensions import db
from app.reviews.models import ReviewRequest
from app.reviews.results import complete_if_done
from app.revisions.snapshots import take_snapshot
from tests.fixtures.documents import lesson_content, unit_content
from tests.fixtures.network import PASSWORD
from tests.reviews.cast import People
from tests.reviews.rounds import review_round

#: The fixtures build_family takes, by name.
FACTORIES = (
    "make_municipality",
    "make_school",
    "make_teacher",
    "make_unit",
    "make_lesson",
    "make_rubric",
)
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@dataclass
class Family(People):
    """Aino (owner) and Eero (editor) of Tornio wrote the unit; Eero named Tornio its partner,
    revised the lesson, took a snapshot and commented, Aino resolved his thread. Reviewers from
    Haparanda and Luleå have submitted passing reviews of ``request``'s document."""

    unit: Document
    lesson: Document
    request: ReviewRequest
    snapshot_id: int

    def pages(self, role: str) -> dict[str, str]:
        """The unit's and the lesson's own pages ``role`` may open, by name: their address."""
        unit, lesson = self.unit.id, self.lesson.id
        pages = {
            "unit": f"/units/{unit}",
            "lesson": f"/lessons/{lesson}",
            "print view": f"/units/{unit}/print",
            "export": f"/units/{unit}/export",
            "unit history": f"/documents/{unit}/history",
            "lesson history": f"/documents/{lesson}/history",
            "timeline": f"/units/{unit}/timeline",
            "revision": f"/documents/{lesson}/revisions/{self.lesson.current_revision_id}",
            "diff": f"/documents/{lesson}/compare",
            "unit diff": f"/documents/{unit}/compare",
            "who wrote what": f"/documents/{lesson}/attribution",
            "snapshots": f"/units/{unit}/snapshots",
            "snapshot": f"/units/{unit}/snapshots/{self.snapshot_id}",
        }
        if role != "visitor":
            pages["people"] = f"/documents/{unit}/people"
        return pages


def build_family(factories: dict, *, anonymity: str, on: str = "lesson") -> Family:
    """``factories``: make_municipality, make_school, make_teacher, make_unit, make_lesson and
    make_rubric fixtures by name; ``on``: "lesson" or "unit", what the round reviews."""
    municipality, teacher = factories["make_municipality"], factories["make_teacher"]
    tornio = municipality("Tornio", slug="tornio")
    school = factories["make_school"]("Putaan koulu", municipality=tornio)
    author = teacher("Aino Korhonen", school=school)
    coauthor = teacher("Eero Väisänen", school=school)
    unit = factories["make_unit"](
        "Food safety in catering",
        owner=author,
        visibility="public",
        status="published",
        collaborators={"editor": [coauthor]},
    )
    lesson = factories["make_lesson"]("Hand hygiene", unit=unit)
    services.save_revision(unit, unit_content(partners=["tornio"]), author=coauthor)
    services.save_revision(
        lesson,
        lesson_content(body="## Opening (15 min)\n\nShow the glitter test."),
        author=coauthor,
        summary="Longer opening",
    )
    thread = add_comment(lesson, author=coauthor, body="Shall we time the hand washing?")
    resolve_thread(thread, actor=author)
    add_comment(unit, author=coauthor, body="The allergen week needs a worksheet.")
    snapshot = take_snapshot(unit, author=coauthor, label="As taught")
    reviewer = teacher("Rasmus Granberg", municipality=municipality("Haparanda", country="SE"))
    other_reviewer = teacher("Stina Lindqvist", municipality=municipality("Luleå", country="SE"))
    rubric = factories["make_rubric"]("Lesson plan quality", criteria=("Objectives", "Activities"))
    request = review_round(
        lesson if on == "lesson" else unit,
        rubric,
        {reviewer: [3, 3], other_reviewer: [2, 3]},
        requested_by=author,
        anonymity=anonymity,
    )
    assert complete_if_done(request).passed
    db.session.commit()
    return Family(
        unit=unit,
        lesson=lesson,
        request=request,
        author=author,
        coauthor=coauthor,
        reviewer=reviewer,
        other_reviewer=other_reviewer,
        authors_coordinator=teacher("Kaisa Kivelä", municipality=tornio, coordinator=True),
        other_teacher=teacher("Olli Ojala", municipality=municipality("Kemi")),
        admin=teacher("Ada Admin", admin=True),
        snapshot_id=snapshot.id,
    )


def sign_in(web, family: Family, role: str) -> None:
    web.logout()
    if role != "visitor":
        web.login(family[role].email, PASSWORD)


def read(web, url: str) -> str:
    """The page as its reader reads it (a zip: every file in it, one after the other)."""
    response = web.client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    if response.mimetype == "application/zip":
        with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
            return "\n".join(archive.read(name).decode() for name in archive.namelist())
    return unescape(response.get_data(as_text=True))


def json_ld(page: str) -> dict:
    match = JSON_LD.search(page)
    assert match, "the page has no JSON-LD"
    return json.loads(match.group(1))
