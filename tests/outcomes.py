"""What a route-by-role permission table expects of a response."""

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
