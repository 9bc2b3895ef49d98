"""Security headers on every response, whatever its kind."""

import re

import pytest

from app.security import CONTENT_SECURITY_POLICY

REQUIRED = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)


@pytest.mark.parametrize("url", ["/", "/login", "/no-such-page", "/static/css/tandem.css"])
def test_every_response_carries_strict_security_headers(client, url):
    with client.get(url) as response:
        headers = response.headers
    assert headers["Content-Security-Policy"].startswith(REQUIRED)
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Frame-Options"] == "DENY"


def test_policy_allows_no_inline_script_or_style():
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY
    assert "unsafe-eval" not in CONTENT_SECURITY_POLICY


def test_pages_contain_no_inline_scripts_or_styles(client):
    page = client.get("/signup").get_data(as_text=True)
    assert "<script>" not in page
    assert "<style" not in page
    assert " style=" not in page
    assert "<script src=" in page


def test_session_cookie_is_http_only_and_same_site(web, make_teacher):
    web.login(make_teacher().email, "correct horse battery")
    cookie = web.client.get_cookie("session")
    assert cookie.http_only
    assert cookie.same_site == "Lax"


def test_every_form_that_posts_carries_a_csrf_token(client):
    for url in ("/", "/login", "/signup"):
        page = client.get(url).get_data(as_text=True)
        posting = len(re.findall(r'<form[^>]*method="post"', page))
        assert posting
        assert posting == page.count('name="csrf_token"'), url
