from tests.fixtures.network import PASSWORD


def test_municipality_page_shows_schools_languages_and_licence(
    client, make_school, make_municipality
):
    haparanda = make_municipality(
        "Haparanda", slug="haparanda", country="SE", languages=("sv", "fi")
    )
    make_school("Tornedalsskolan", municipality=haparanda)
    page = client.get("/municipalities/haparanda").get_data(as_text=True)
    assert "Tornedalsskolan" in page
    assert "Swedish, Finnish" in page
    assert "Sweden" in page
    assert "CC BY 4.0" in page


def test_visitors_do_not_see_teachers_of_a_school(web, make_teacher):
    teacher = make_teacher("Erik Berg")
    page = web.client.get(f"/schools/{teacher.school_id}").get_data(as_text=True)
    assert "Erik Berg" not in page
    web.login(make_teacher().email, PASSWORD)
    page = web.client.get(f"/schools/{teacher.school_id}").get_data(as_text=True)
    assert "Erik Berg" in page


def test_unknown_municipality_school_or_teacher_is_404(web, make_teacher):
    web.login(make_teacher().email, PASSWORD)
    for url in ("/municipalities/atlantis", "/schools/9999", "/teachers/9999"):
        assert web.client.get(url).status_code == 404


def test_teacher_list_is_paginated(app, web, make_teacher, make_school):
    school = make_school()
    app.config["PAGE_SIZE"] = 2
    try:
        for number in range(5):
            make_teacher(f"Teacher {number:02}", school=school)
        web.login(make_teacher(school=school).email, PASSWORD)
        url = f"/municipalities/{school.municipality.slug}/teachers"
        first = web.client.get(url).get_data(as_text=True)
        third = web.client.get(url + "?page=3").get_data(as_text=True)
    finally:
        app.config["PAGE_SIZE"] = 25
    assert "Teacher 00" in first
    assert "Teacher 02" not in first
    assert 'rel="next"' in first
    assert "Teacher 04" in third
    assert web.client.get(url + "?page=99").status_code == 404


def test_deactivated_profile_is_hidden_from_colleagues_but_not_coordinators(
    web, make_teacher, make_school
):
    school = make_school()
    gone = make_teacher(school=school, active=False)
    web.login(make_teacher(school=school).email, PASSWORD)
    assert web.client.get(f"/teachers/{gone.id}").status_code == 404
    web.logout()
    web.login(make_teacher(school=school, coordinator=True).email, PASSWORD)
    assert web.client.get(f"/teachers/{gone.id}").status_code == 200
