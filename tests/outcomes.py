"""What a route-by-role permission table expects of a response."""

#: Sent to sign in; done (a redirect anywhere but the sign-in page).
LOGIN, DONE = "login", "done"


def assert_outcome(response, outcome) -> None:
    """``outcome`` is LOGIN, DONE or an exact status code."""
    if outcome == LOGIN:
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login")
    elif outcome == DONE:
        assert response.status_code == 302, response.status_code
        assert not response.headers["Location"].startswith("/login")
    else:
        assert response.status_code == outcome
