import pytest

from tests.fixtures.network import PASSWORD

WRONG = "The e-mail address or the password is not right."


def test_teacher_signs_in_with_email_in_any_case(web, make_teacher):
    teacher = make_teacher("Karin Lindqvist")
    response = web.login(teacher.email.upper(), PASSWORD)
    assert response.status_code == 302
    assert "Karin Lindqvist" in web.client.get("/").get_data(as_text=True)


@pytest.mark.parametrize("email_kind", ["unknown", "known"])
def test_wrong_credentials_get_one_message_that_reveals_no_account(web, make_teacher, email_kind):
    teacher = make_teacher()
    email = teacher.email if email_kind == "known" else "nobody@nowhere.example"
    response = web.login(email, "not the password")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert WRONG in page
    assert f'value="{email}"' in page


def test_deactivated_teacher_cannot_sign_in(web, make_teacher):
    teacher = make_teacher(active=False)
    response = web.login(teacher.email, PASSWORD)
    assert response.status_code == 422
    assert WRONG in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [
        ("/municipalities", "/municipalities"),
        ("/teachers/1?tab=profile", "/teachers/1?tab=profile"),
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
        ("", "/"),
    ],
)
def test_next_redirects_only_within_this_site(web, make_teacher, next_url, expected):
    teacher = make_teacher()
    response = web.post("/login", {"email": teacher.email, "password": PASSWORD, "next": next_url})
    assert response.status_code == 302
    assert response.headers["Location"] == expected


def test_protected_page_sends_visitor_to_sign_in_and_back(web, make_teacher):
    teacher = make_teacher()
    response = web.client.get("/account/profile")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")
    login_page = web.client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'name="next" type="hidden" value="/account/profile"' in login_page
    response = web.post(
        "/login", {"email": teacher.email, "password": PASSWORD, "next": "/account/profile"}
    )
    assert response.headers["Location"] == "/account/profile"


def test_sign_in_is_rate_limited_with_a_clear_429_page(app, web, make_teacher):
    teacher = make_teacher()
    limit = int(app.config["LOGIN_RATE_LIMIT"].split()[0])
    for _ in range(limit):
        assert web.login(teacher.email, "wrong password").status_code == 422
    response = web.login(teacher.email, PASSWORD)
    assert response.status_code == 429
    page = response.get_data(as_text=True)
    assert "Too many attempts" in page
    assert "Retry-After" in response.headers or "wait" in page
