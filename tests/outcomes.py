"""What a route-by-role permission table expects of a response, and how it asks."""

from tests.fixtures.network import PASSWORD

#: Sent to sign in; done (a redirect anywhere but the sign-in page).
LOGIN, DONE = "login", "done"
OK, FORBIDDEN, MISSING = 200, 403, 404

#: The rows of a permission table: a teacher per collaborator role, one who is none, a visitor.
ROLES = ["owner", "editor", "commenter", "viewer", "other_teacher", "visitor"]
COLLABORATORS = ROLES[:4]

#: (visibility, status) -> may a signed-in non-collaborator read? may a visitor?
SHARING = {
    ("private", "draft"): (False, False),
    ("network", "published"): (True, False),
    ("public", "published"): (True, True),
}


def may_read(role: str, sharing, table=SHARING) -> bool:
    """Collaborators always read; anyone else as the sharing allows a teacher or a visitor."""
    teacher_reads, visitor_reads = table[sharing]
    if role in COLLABORATORS:
        return True
    return visitor_reads if role == "visitor" else teacher_reads


def route_outcome(role: str, who, sharing, table=SHARING) -> object:
    """``who`` may act: a role set, or "read" for anyone who may read. A visitor is sent to
    sign in for anything but reading; a teacher who may not read finds nothing there."""
    reads = may_read(role, sharing, table)
    if role == "visitor":
        return OK if who == "read" and reads else LOGIN
    if not reads:
        return MISSING
    if who == "read":
        return OK
    return DONE if role in who else FORBIDDEN


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


def by_role(roles: list[str], **expected) -> list:
    """A table row: the outcome for each of ``roles`` in order, ``default`` for those not named."""
    return [expected.get(role, expected.get("default")) for role in roles]


def request_as(web, actor, method: str, url: str, data: dict | None = None):
    """``actor`` (None for a visitor) signs in and GETs or POSTs ``url``."""
    if actor is not None:
        web.login(actor.email, PASSWORD)
    return web.client.get(url) if method == "GET" else web.post(url, data)
