from app.extensions import db
from tests.fixtures.network import PASSWORD


def test_teacher_edits_name_subjects_languages_and_site_language(web, make_teacher, make_subject):
    biology = make_subject("biology", fi="Biologia")
    teacher = make_teacher()
    web.login(teacher.email, PASSWORD)
    response = web.post(
        "/account/profile",
        {
            "name": "Elina Niemi",
            "subjects": [str(biology.id)],
            "languages": ["sv"],
            "ui_language": "fi",
        },
        follow_redirects=True,
    )
    assert response.status_code == 200
    db.session.refresh(teacher)
    assert (teacher.name, teacher.languages, teacher.ui_language) == ("Elina Niemi", ["sv"], "fi")
    assert [subject.key for subject in teacher.subjects] == ["biology"]
    assert 'lang="fi"' in response.get_data(as_text=True)


def test_profile_without_a_language_is_refused_and_keeps_the_name(web, make_teacher):
    teacher = make_teacher()
    web.login(teacher.email, PASSWORD)
    response = web.post("/account/profile", {"name": "New Name", "ui_language": ""})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Choose at least one language." in page
    assert 'value="New Name"' in page
