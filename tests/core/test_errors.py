"""Error pages: in the layout, in the reader's language, with no stack trace."""

import pytest

from app import create_app

LAYOUT_MARKERS = ('class="skip-link"', '<main id="main"', "</footer>")


def assert_in_layout(page: str) -> None:
    for marker in LAYOUT_MARKERS:
        assert marker in page
    assert "Traceback" not in page


def test_unknown_page_is_404_in_the_layout(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)
    assert_in_layout(response.get_data(as_text=True))


def test_wrong_method_is_405_in_the_layout(client):
    response = client.get("/logout")
    assert response.status_code == 405
    assert_in_layout(response.get_data(as_text=True))


def test_missing_csrf_token_is_400_with_a_plain_explanation(client):
    response = client.post("/login", data={"email": "a@b.example", "password": "x"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "This form has expired" in page
    assert_in_layout(page)


def test_oversized_request_is_413(app, web):
    token = web.csrf_token()
    body = {"csrf_token": token, "email": "x" * (app.config["MAX_CONTENT_LENGTH"] + 1)}
    response = web.client.post("/login", data=body)
    assert response.status_code == 413
    assert_in_layout(response.get_data(as_text=True))


def test_error_page_speaks_the_readers_language(client):
    response = client.get("/no/such/page", headers={"Accept-Language": "sv-SE,sv;q=0.9"})
    page = response.get_data(as_text=True)
    assert '<html lang="sv">' in page
    assert "Page not found" not in page


@pytest.fixture
def failing_app(scratch_dir):
    app = create_app(
        "testing",
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{scratch_dir / 'errors.sqlite3'}",
            "PROPAGATE_EXCEPTIONS": False,
        },
    )

    @app.get("/boom")
    def boom():
        raise RuntimeError("a secret detail from the stack")

    return app


def test_unexpected_error_is_a_500_page_without_details(failing_app):
    response = failing_app.test_client().get("/boom")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Something went wrong" in page
    assert "a secret detail" not in page
    assert_in_layout(page)
