"""Export a unit as a zip of Markdown files; import it back; refuse dangerous zips."""

import io
import zipfile

import pytest
from sqlalchemy import func, select

from app.documents.models import Document
from app.extensions import db
from tests.attachments.samples import png
from tests.fixtures.network import PASSWORD


def files_of(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name).decode() for name in archive.namelist()}


def make_zip(files: dict[str, bytes | str], *, symlink: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = 0o120777 << 16
            archive.writestr(info, "/etc/passwd")
    return buffer.getvalue()


@pytest.fixture
def exported(client, make_unit, make_lesson):
    unit = make_unit(visibility="public", status="published")
    make_lesson("Hand hygiene", unit=unit)
    make_lesson("Allergens", unit=unit)
    response = client.get(f"/units/{unit.id}/export")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    return response.data


def import_zip(web, data: bytes, name: str = "unit.zip"):
    return web.post(
        "/units/import", {"archive": (io.BytesIO(data), name)}, content_type="multipart/form-data"
    )


def test_export_holds_unit_and_lessons_in_order_as_front_matter_files(exported):
    files = files_of(exported)
    assert sorted(files) == [
        "food-safety-in-catering/lessons/01-hand-hygiene.md",
        "food-safety-in-catering/lessons/02-allergens.md",
        "food-safety-in-catering/unit.md",
    ]
    unit_md = files["food-safety-in-catering/unit.md"]
    assert unit_md.startswith("---\ntitle: Food safety in catering\n")
    assert "big_idea: Safe food is *everyone's* job." in unit_md
    assert unit_md.endswith("## Weeks\n\nFour weeks of shared work.")


def test_import_then_export_gives_the_same_files(web, exported, make_teacher):
    importer = make_teacher()
    web.login(importer.email, PASSWORD)
    response = import_zip(web, exported)
    assert response.status_code == 302
    unit_id = int(response.headers["Location"].rsplit("/", 1)[1])
    unit = db.session.get(Document, unit_id)
    assert unit.visibility == "private"
    assert [(c.teacher_id, c.role) for c in unit.collaborators] == [(importer.id, "owner")]
    assert files_of(web.client.get(f"/units/{unit_id}/export").data) == files_of(exported)


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"../unit.md": "x"}, "may not leave"),
        ({"/abs/unit.md": "x"}, "may not leave"),
        ({"u/unit.md": "no front matter"}, "u/unit.md: the file must start with a front matter"),
        ({"u/unit.md": "---\ntitle: T\n---\nbody"}, "u/unit.md: summary"),
        ({"u/unit.md": "---\ntitle: T\nsummary: S\nlanguage: xx\n---\n"}, "unknown language"),
        ({"u/lessons/01.md": "---\ntitle: T\n---\n"}, "no unit.md"),
        (
            {"u/unit.md": "---\ntitle: T\nsummary: S\nlanguage: fi\n---\n", "u/run.sh": "rm -rf"},
            "u/run.sh",
        ),
        ({"u/unit.md": "A" * (20 * 1024 * 1024)}, "too large"),
        ({"u/unit.md": "\n" * (5 * 1024 * 1024)}, "compressed suspiciously well"),
    ],
)
def test_dangerous_or_malformed_zips_are_refused_naming_the_file(web, make_teacher, files, message):
    web.login(make_teacher().email, PASSWORD)
    response = import_zip(web, make_zip(files))
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Document.id))) == 0


def test_symlinks_and_non_zips_are_refused(web, make_teacher):
    web.login(make_teacher().email, PASSWORD)
    unit = {"u/unit.md": "---\ntitle: T\nsummary: S\nlanguage: fi\n---\n"}
    response = import_zip(web, make_zip(unit, symlink="u/lessons/01-link.md"))
    assert "symbolic links" in response.get_data(as_text=True)
    assert "not a zip" in import_zip(web, b"plain text").get_data(as_text=True)


def test_an_unknown_subject_refuses_the_whole_import(web, make_teacher):
    web.login(make_teacher().email, PASSWORD)
    unit = "---\ntitle: T\nsummary: S\nlanguage: fi\nsubjects: [alchemy]\n---\n"
    response = import_zip(web, make_zip({"u/unit.md": unit}))
    assert response.status_code == 422
    assert "unknown subject" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Document.id))) == 0


def test_visitors_may_export_public_units_but_not_import(client, exported):
    assert client.get("/units/import").status_code == 302


def test_attachments_travel_with_the_unit_and_keep_their_checks(
    web, make_unit, make_lesson, make_teacher, make_attachment
):
    unit = make_unit(visibility="public", status="published")
    lesson = make_lesson("Hand hygiene", unit=unit)
    make_attachment(lesson, "poster.png", png())
    exported = web.client.get(f"/units/{unit.id}/export").data
    files = files_of_bytes(exported)
    assert files["food-safety-in-catering/attachments/01-hand-hygiene/poster.png"] == png()
    web.login(make_teacher().email, PASSWORD)
    response = import_zip(web, exported)
    assert response.status_code == 302
    copy = db.session.get(Document, int(response.headers["Location"].rsplit("/", 1)[1]))
    assert files_of_bytes(web.client.get(f"/units/{copy.id}/export").data) == files


def test_an_attachment_that_is_not_what_its_name_says_refuses_the_import(
    web, make_teacher, attachment_dir
):
    web.login(make_teacher().email, PASSWORD)
    unit = "---\ntitle: T\nsummary: S\nlanguage: fi\n---\n"
    archive = make_zip({"u/unit.md": unit, "u/attachments/evil.png": "<script>alert(1)</script>"})
    response = import_zip(web, archive)
    assert response.status_code == 422
    assert "attachments/evil.png" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Document.id))) == 0


def files_of_bytes(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}
