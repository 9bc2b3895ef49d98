"""Search never leaks: results, totals, facet counts, snippets and suggestions come only from
documents the reader may read (app.documents.permissions.can_read), for every role and for
random documents, visibilities and readers."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.documents import services
from app.documents.deletion import delete_document
from app.documents.models import LESSON, UNIT, Collaborator
from app.documents.permissions import can_read
from app.extensions import db, search_index
from app.search.entries import is_gone
from app.search.services import search
from tests.conftest import empty_tables
from tests.fixtures.documents import lesson_content, unit_content
from tests.fixtures.search import Visitor

#: One distinctive word per document; every document also says "kitchen".
WORDS = ("quokka", "narwhal", "axolotl", "pangolin", "okapi", "tapir", "wombat", "gecko")
SHARED = "kitchen"


def content(kind: str, word: str):
    make = unit_content if kind == UNIT else lesson_content
    return make(
        f"Kitchen {word}", body=f"The {word} visits the {SHARED}.", language="en", summary=word
    )


def readable(user, documents) -> set[int]:
    return {d.id for d in documents if not is_gone(d) and can_read(user, d)}


def assert_nothing_unreadable(user, documents, words: dict[int, str]) -> None:
    """Every query's hits, total, facets, snippets and suggestion for ``user``."""
    visible = readable(user, documents)
    hidden_words = {words[d.id] for d in documents if d.id not in visible}
    queries = {"": set(visible), SHARED: set(visible)}
    for document in documents:
        word = words[document.id]
        queries[word] = {document.id} & visible
        queries[word + "a"] = set()  # a misspelling: no match, maybe a suggestion
    for text, expected in queries.items():
        results = search(user, text, {}, sort="relevance", page=1, per_page=100)
        assert {hit.document.id for hit in results.hits} == expected, text
        assert results.total == len(expected), text
        for facet in ("kind", "language", "licence"):
            assert sum(results.facets[facet].values()) == len(expected), (text, facet)
        shown = " ".join(
            [*(str(hit.snippet).lower() for hit in results.hits), results.suggestion or ""]
        )
        assert not {word for word in hidden_words if word in shown}, text


@pytest.fixture
def documents(make_shared_unit, make_lesson, role_actors):
    """A unit with a lesson for each sharing, and a deleted public unit with its lesson."""
    made, words = [], {}
    sharings = [("private", "draft"), ("network", "published"), ("public", "published")]
    for n, (visibility, status) in enumerate([*sharings, ("public", "published")]):
        unit = make_shared_unit(visibility, status)
        lesson = make_lesson(unit=unit)
        for m, document in enumerate((unit, lesson)):
            words[document.id] = WORDS[2 * n + m]
            services.save_revision(
                document, content(document.kind, words[document.id]), author=role_actors["owner"]
            )
        made += [unit, lesson]
    delete_document(made[-2], author=role_actors["owner"])
    db.session.commit()
    return made, words


@pytest.mark.parametrize(
    "role", ["owner", "editor", "commenter", "viewer", "other_teacher", "visitor", "admin"]
)
def test_each_role_sees_only_what_it_may_read(role, documents, role_actors, make_teacher):
    user = {"visitor": Visitor(), "admin": make_teacher(admin=True)}.get(role) or role_actors[role]
    made, words = documents
    expected = {
        "owner": 6, "editor": 6, "commenter": 6, "viewer": 6,
        "other_teacher": 4, "visitor": 2, "admin": 6,
    }  # fmt: skip
    assert len(readable(user, made)) == expected[role]
    assert_nothing_unreadable(user, made, words)


document_specs = st.lists(
    st.fixed_dictionaries(
        {
            "kind": st.sampled_from([UNIT, LESSON]),
            "visibility": st.sampled_from(["private", "network", "public"]),
            "status": st.sampled_from(["draft", "in_review", "published", "archived"]),
            "deleted": st.booleans(),
            "owner": st.integers(0, 2),
            "collaborators": st.dictionaries(
                st.integers(0, 2), st.sampled_from(["editor", "commenter", "viewer"]), max_size=2
            ),
        }
    ),
    min_size=1,
    max_size=len(WORDS),
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(specs=document_specs, reader=st.sampled_from(["visitor", 0, 1, 2, 3, "admin"]))
def test_no_unreadable_document_contributes_to_anything_a_reader_sees(
    app, make_teacher, specs, reader
):
    db.session.rollback()
    empty_tables()
    search_index.clear()
    teachers = [make_teacher() for _ in range(4)]
    made, words = [], {}
    for word, spec in zip(WORDS, specs, strict=False):
        owner = teachers[spec["owner"]]
        document = services.create_document(spec["kind"], content(spec["kind"], word), author=owner)
        services.set_access(document, visibility=spec["visibility"], status=spec["status"])
        for number, role in spec["collaborators"].items():
            if number != spec["owner"]:
                document.collaborators.append(Collaborator(teacher=teachers[number], role=role))
        if spec["deleted"]:
            delete_document(document, author=owner)
        made.append(document)
        words[document.id] = word
    db.session.commit()
    user = {"visitor": Visitor(), "admin": make_teacher(admin=True)}.get(reader)
    assert_nothing_unreadable(user or teachers[reader], made, words)
