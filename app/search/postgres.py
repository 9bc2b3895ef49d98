"""The PostgreSQL search index: one row per unit or lesson in ``search_entry``, searched with
PostgreSQL's own full-text search (app.search.postgres_search).

Where Whoosh keeps its index in files on one machine, this index lives in the database every
web node shares, so any number of nodes search the same entries. Changes reach it through the
same outbox as Whoosh's (app.search.models): after a request that committed outbox rows, the
node rewrites those documents' rows. Two nodes draining at once never take the same outbox row
(``FOR UPDATE SKIP LOCKED``) and never write the same document's row at once (an advisory lock
per document, taken in id order), so the last change always wins.

Each row is analysed in its document's language: ``config`` is the PostgreSQL text search
configuration (``finnish``, ``swedish``, ``english`` ...; ``simple`` for the languages
PostgreSQL cannot stem), and the ``document`` and ``named`` vectors are generated from the
text by that configuration. ``named`` adds the authors' names and municipalities, which a
reviewer kept blind to the authors must not find a document by. ``named`` has a GIN index
per configuration (a language added to CONFIGS needs a migration adding its index); the few
documents searched without their authors are found by id first.

The tables exist only on PostgreSQL (their migration does nothing on SQLite) and are not part
of the models' metadata: ``flask db check`` leaves them aside (migrations/env.py).
"""

import logging
from collections.abc import Callable

from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    MetaData,
    Table,
    Text,
    bindparam,
    delete,
    func,
    literal,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, REGCONFIG, TSVECTOR, insert
from sqlalchemy.exc import OperationalError

from app.documents.models import Document
from app.extensions import db
from app.reviews.badges import NOT_REVIEWED, search_facts
from app.search import entries
from app.search.entries import BATCH, Stamp
from app.search.models import SearchOutbox

log = logging.getLogger(__name__)

#: Content languages PostgreSQL stems, by the text search configuration that does it; the
#: others are analysed by ``simple`` (lowercased words, no stemming, no stop words).
CONFIGS = {
    "fi": "finnish",
    "sv": "swedish",
    "en": "english",
    "no": "norwegian",
    "da": "danish",
    "de": "german",
    "fr": "french",
    "es": "spanish",
    "ru": "russian",
    "ar": "arabic",
}
SIMPLE = "simple"
#: Tables of their own, outside the models' metadata (see the module's docstring).
metadata = MetaData()

search_entry = Table(
    "search_entry",
    metadata,
    Column("document_id", Integer, primary_key=True),
    Column("revision_id", Integer, nullable=False),
    Column("config", REGCONFIG, nullable=False),
    #: Who may read: "public", "network" (signed-in teachers) or "none" (collaborators).
    Column("audience", Text, nullable=False),
    #: Teacher ids of the collaborators of the document's unit (or of the document).
    Column("readers", ARRAY(Integer), nullable=False),
    Column("kind", Text, nullable=False),
    Column("language", Text),
    Column("licence", Text),
    Column("duration", Text),
    Column("peer_reviewed", Text, nullable=False),
    Column("subjects", ARRAY(Text), nullable=False),
    Column("grades", ARRAY(Text), nullable=False),
    Column("municipalities", ARRAY(Text), nullable=False),
    Column("rubric", ARRAY(Text), nullable=False),
    Column("reviews", Integer, nullable=False),
    Column("updated", DateTime(timezone=True), nullable=False),
    Column("title", Text, nullable=False),
    Column("objectives", Text, nullable=False),
    #: What a reader of the page reads, as text: snippets are cut from it.
    Column("body", Text, nullable=False),
    Column("people", Text, nullable=False),
    #: Generated: the title weighs most (A), then the objectives (B), then the rest (C).
    Column("document", TSVECTOR),
    #: Generated: ``document`` and the authors' names and municipalities (D).
    Column("named", TSVECTOR),
)

#: Every word of every entry, unstemmed, for "did you mean" (never shown unless a readable
#: document has it: app.search.postgres_search.suggestion).
search_word = Table("search_word", metadata, Column("word", Text, primary_key=True))

#: Around the marked words of a snippet (app.search.postgres_search): characters taken out
#: of the text stored, so that none of its own can pass for one.
START, STOP, BETWEEN = "\ue000", "\ue001", "\ue002"
#: The SQLSTATE of a lock not taken within ``lock_timeout``.
LOCK_NOT_AVAILABLE = "55P03"
#: The advisory lock namespace of "writing a document's search entry".
ENTRY_LOCK = 7_201_311


def config_of(language: str | None) -> str:
    return CONFIGS.get(language or "", SIMPLE)


def row(document: Document, reviews) -> dict:
    """The ``search_entry`` row of a document that is not deleted."""
    facts = entries.facts(document, reviews)
    texts = entries.texts(document)
    return {
        "document_id": document.id,
        "revision_id": facts["revision"],
        "config": config_of(facts["language"]),
        "audience": facts["audience"],
        "readers": sorted(c.teacher_id for c in document.access_root.collaborators),
        "kind": facts["kind"],
        "language": facts["language"],
        "licence": facts["licence"],
        "duration": facts["duration"],
        "peer_reviewed": facts["peer_reviewed"],
        "subjects": facts["subjects"],
        "grades": facts["grades"],
        "municipalities": facts["municipalities"],
        "rubric": facts["rubric"],
        "reviews": facts["reviews"],
        "updated": document.updated_at,
        **texts,
        "body": texts["body"].translate(dict.fromkeys(map(ord, START + STOP + BETWEEN))),
    }


class PostgresIndex:
    """The search index in the database (``SEARCH_BACKEND = "postgres"``)."""

    def drain(self, *, wait: float = 0.0, batches: int | None = None) -> bool:
        """Rewrite the entries of the documents in the outbox, ``batches`` of them at most.

        Rows another node is writing are skipped, unless ``wait`` (seconds) is given: then
        they are waited for as long, so that a search sees every save committed before it
        began. False if that wait ran out."""
        done = 0
        while batches is None or done < batches:
            try:
                rows = write_batch(wait)
            except OperationalError as error:
                if getattr(error.orig, "sqlstate", None) != LOCK_NOT_AVAILABLE:
                    raise
                db.session.rollback()
                return False
            if rows is None:
                return False
            if not rows:
                break
            done += 1
        return True

    def rebuild(self, progress: Callable[[int], None] | None = None) -> int:
        """Write every document's entry anew, in one transaction: searches see the old
        entries until it commits."""
        db.session.rollback()
        queued = db.session.scalar(select(func.max(SearchOutbox.id)))
        db.session.execute(delete(search_entry))
        ids = list(db.session.scalars(select(Document.id).order_by(Document.id)))
        indexed = 0
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            indexed += write_entries(entries.load_documents(chunk), set(chunk))
            if progress:
                progress(len(chunk))
        db.session.execute(delete(SearchOutbox).where(SearchOutbox.id <= (queued or 0)))
        db.session.commit()
        return indexed

    def clear(self) -> None:
        """Forget every entry (tests start each case with an empty index)."""
        db.session.rollback()
        db.session.execute(delete(search_entry))
        db.session.execute(delete(search_word))
        db.session.commit()

    def indexed_stamps(self) -> dict[int, list[Stamp]]:
        rows = db.session.execute(
            select(
                search_entry.c.document_id,
                search_entry.c.revision_id,
                search_entry.c.audience,
                search_entry.c.readers,
            )
        )
        return {
            document_id: [Stamp(revision, audience, frozenset(map(str, readers)))]
            for document_id, revision, audience, readers in rows
        }

    def remove(self, document_ids, *, wait: float = 10.0) -> bool:
        """Delete the entries of documents the database no longer has at all."""
        db.session.execute(
            delete(search_entry).where(search_entry.c.document_id.in_(list(document_ids)))
        )
        db.session.commit()
        return True


def write_batch(wait: float) -> list[tuple[int, int]] | None:
    """Index one batch of the outbox in one transaction; returns its rows (id, document id),
    or None if another node is writing one of their documents' entries and ``wait`` is 0."""
    db.session.rollback()
    if wait:
        timeout = f"{max(1, int(wait * 1000))}ms"
        db.session.execute(text("SELECT set_config('lock_timeout', :ms, true)"), {"ms": timeout})
    claimed = (
        select(SearchOutbox.id, SearchOutbox.document_id)
        .order_by(SearchOutbox.id)
        .limit(BATCH)
        .with_for_update(skip_locked=not wait)
    )
    rows = db.session.execute(claimed).all()
    if not rows:
        db.session.rollback()
        return []
    ids = entries.with_dependants({document_id for _, document_id in rows})
    if not lock_entries(ids, wait):
        db.session.rollback()
        return None
    write_entries(entries.load_documents(ids), ids)
    db.session.execute(delete(SearchOutbox).where(SearchOutbox.id.in_([r[0] for r in rows])))
    db.session.commit()
    return rows


def lock_entries(document_ids: set[int], wait: float) -> bool:
    """Keep other transactions from writing these documents' entries until this one ends;
    False if another holds one of them and ``wait`` is 0 (else wait, up to ``lock_timeout``).
    Taken in id order, so two drains never wait for each other in a circle."""
    lock = func.pg_advisory_xact_lock if wait else func.pg_try_advisory_xact_lock
    taking = select(lock(literal(ENTRY_LOCK), bindparam("id")))
    for document_id in sorted(document_ids):
        if db.session.execute(taking, {"id": document_id}).scalar() is False:
            return False
    return True


def write_entries(documents: list[Document], document_ids: set[int]) -> int:
    """Upsert the entries of the live ``documents``; delete those of the other ids (deleted or
    vanished documents). Returns how many entries were written."""
    reviews = search_facts(document.id for document in documents)
    rows = [
        row(document, reviews.get(document.id, NOT_REVIEWED))
        for document in documents
        if document.current_revision is not None and not entries.is_gone(document)
    ]
    written = {r["document_id"] for r in rows}
    gone = document_ids - written
    if gone:
        db.session.execute(delete(search_entry).where(search_entry.c.document_id.in_(gone)))
    if not rows:
        return 0
    upsert = insert(search_entry)
    kept = {"document_id", "document", "named"}
    db.session.execute(
        upsert.on_conflict_do_update(
            index_elements=[search_entry.c.document_id],
            set_={c.name: upsert.excluded[c.name] for c in search_entry.c if c.name not in kept},
        ),
        rows,
    )
    remember_words(written)
    return len(rows)


def remember_words(document_ids: set[int]) -> None:
    """Add the words of these entries to the vocabulary "did you mean" draws on."""
    words = (
        select(
            func.unnest(
                func.tsvector_to_array(
                    func.to_tsvector(
                        literal(SIMPLE, REGCONFIG), search_entry.c.title + " " + search_entry.c.body
                    )
                )
            ).label("word")
        )
        .where(search_entry.c.document_id.in_(document_ids))
        .subquery()
    )
    db.session.execute(
        insert(search_word)
        .from_select(["word"], select(words.c.word).distinct().where(func.length(words.c.word) > 2))
        .on_conflict_do_nothing()
    )
