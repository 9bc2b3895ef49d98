"""The reference for the search benchmarks: the same search page on SQLite FTS5.

Same documents (their entries come from app.search.entries, like the Whoosh index's), same
reader, same visibility rule, same eight facet counts (each with the other facets' filters),
same relevance weights (title 3, objectives 2, text 1 in ``bm25``) and the same page of
documents loaded for display; snippets come from FTS5's ``snippet()``. FTS5's ``unicode61``
tokenizer does not stem, so "koulussa" finds only "koulussa", where Whoosh also finds "koulun".
"""

import json
import sqlite3
from pathlib import Path

from app.markdown import html_to_text
from app.search import entries
from app.search.facets import MULTI, SINGLE
from app.search.results import FILTERS

SCHEMA = """
CREATE TABLE doc (docid INTEGER PRIMARY KEY, kind TEXT, language TEXT, licence TEXT,
    duration TEXT, peer_reviewed TEXT, audience TEXT, updated REAL, summary TEXT);
CREATE INDEX doc_audience ON doc (audience, docid);
CREATE INDEX doc_updated ON doc (updated);
CREATE TABLE facet (facet TEXT, value TEXT, docid INTEGER);
CREATE INDEX facet_value ON facet (facet, value, docid);
CREATE INDEX facet_doc ON facet (docid, facet, value);
CREATE TABLE reader (teacher_id INTEGER, docid INTEGER, PRIMARY KEY (teacher_id, docid))
    WITHOUT ROWID;
CREATE VIRTUAL TABLE doc_fts USING fts5 (title, objectives, text, tokenize = 'unicode61');
CREATE VIRTUAL TABLE vocab USING fts5vocab (doc_fts, 'row');
"""
VISIBLE = (
    "(d.audience IN ('public', 'network') "
    "OR d.docid IN (SELECT docid FROM reader WHERE teacher_id = :reader))"
)
SNIPPET = "snippet(doc_fts, -1, '<mark>', '</mark>', ' … ', 32)"


class Fts5:
    def __init__(self, path: Path):
        self.path = path
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = NORMAL")
        self.conn.execute("CREATE TEMP TABLE matched (docid INTEGER PRIMARY KEY)")

    # Writing

    def create(self) -> None:
        self.conn.executescript(SCHEMA)

    def write(self, documents, *, replace: bool = False) -> int:
        """One transaction writing the entries of these (loaded) documents."""
        conn, written = self.conn, 0
        conn.execute("BEGIN")
        for document in documents:
            if replace:
                self.delete(document.id)
            if document.current_revision is None or entries.is_gone(document):
                continue
            self.add(entries.entry(document), document)
            written += 1
        conn.execute("COMMIT")
        return written

    def delete(self, docid: int) -> None:
        for table in ("doc", "facet", "reader"):
            self.conn.execute(f"DELETE FROM {table} WHERE docid = ?", (docid,))  # noqa: S608
        self.conn.execute("DELETE FROM doc_fts WHERE rowid = ?", (docid,))

    def add(self, entry: dict, document) -> None:
        facets = json.loads(entry["facets"])
        docid = facets["id"]
        conn = self.conn
        revision = document.current_revision
        summary = revision.fields.get("summary") or ""
        conn.execute(
            "INSERT INTO doc VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (docid, *(facets[f] for f in SINGLE), facets["updated"], summary),
        )
        conn.executemany(
            "INSERT INTO facet VALUES (?, ?, ?)",
            [(f, v, docid) for f in MULTI for v in facets[f]],
        )
        conn.executemany(
            "INSERT INTO reader VALUES (?, ?)", [(int(t), docid) for t in entry["readers"].split()]
        )
        conn.execute(
            "INSERT INTO doc_fts (rowid, title, objectives, text) VALUES (?, ?, ?, ?)",
            (
                docid,
                revision.title,
                html_to_text(revision.rendered.get("objectives", "")),
                entries.reader_text(document),
            ),
        )

    # Searching

    def search(self, reader_id: int, match: str, filters: dict, *, sort: str, per_page: int):
        """(total, facet counts, hits) for one results page, like app.search.services.search."""
        conn = self.conn
        params = {"reader": reader_id, "match": match, "limit": per_page}
        conn.execute("BEGIN")
        conn.execute("DELETE FROM matched")
        if match:
            conn.execute(
                "INSERT INTO matched SELECT rowid FROM doc_fts WHERE doc_fts MATCH :match", params
            )
        source = "doc d JOIN matched m ON m.docid = d.docid" if match else "doc d"
        chosen = {facet: condition(facet, values, params) for facet, values in filters.items()}
        facets = {}
        for facet in FILTERS:
            where = " AND ".join([VISIBLE, *(c for name, c in chosen.items() if name != facet)])
            if facet in SINGLE:
                sql = f"SELECT d.{facet}, count(*) FROM {source} WHERE {where} GROUP BY 1"  # noqa: S608
            else:
                sql = (
                    f"SELECT f.value, count(*) FROM {source} JOIN facet f ON f.docid = d.docid "  # noqa: S608
                    f"AND f.facet = '{facet}' WHERE {where} GROUP BY 1"
                )
            facets[facet] = {v: n for v, n in conn.execute(sql, params) if v is not None}
        where = " AND ".join([VISIBLE, *chosen.values()])
        total = conn.execute(f"SELECT count(*) FROM {source} WHERE {where}", params).fetchone()[0]  # noqa: S608
        rows = conn.execute(page_sql(match, sort, where), params).fetchall()
        conn.execute("COMMIT")
        documents = {d.id: d for d in entries.load_documents([docid for docid, _ in rows])}
        hits = [(documents[docid], snippet) for docid, snippet in rows]
        suggestion = self.suggestion(reader_id, match) if match and not total else None
        return total, facets, hits, suggestion

    def suggestion(self, reader_id: int, match: str) -> str | None:
        """Did you mean: each unknown word replaced by the most frequent readable word within
        two edits that starts with the same letter (as Whoosh's ``terms_within``)."""
        corrected = match
        for word in {w.strip('"*') for w in match.split() if w not in ("OR", "NOT")}:
            if len(word) < 3 or self.readable_count(reader_id, word):
                continue
            candidates = self.conn.execute(
                "SELECT term FROM vocab WHERE term >= ? AND term < ? ORDER BY doc DESC",
                (word[0], chr(ord(word[0]) + 1)),
            ).fetchall()
            near = [
                t for (t,) in candidates if abs(len(t) - len(word)) <= 2 and edits(t, word) <= 2
            ]
            for candidate in near[:10]:
                if self.readable_count(reader_id, candidate):
                    corrected = corrected.replace(word, candidate)
                    break
        return None if corrected == match else corrected

    def readable_count(self, reader_id: int, word: str) -> int:
        sql = (
            f"SELECT count(*) FROM doc_fts JOIN doc d ON d.docid = doc_fts.rowid "  # noqa: S608
            f"WHERE doc_fts MATCH :match AND {VISIBLE}"
        )
        return self.conn.execute(sql, {"match": f'"{word}"', "reader": reader_id}).fetchone()[0]


def condition(facet: str, values: list[str], params: dict) -> str:
    names = []
    for number, value in enumerate(values):
        params[f"{facet}_{number}"] = value
        names.append(f":{facet}_{number}")
    if facet in SINGLE:
        return f"d.{facet} IN ({', '.join(names)})"
    return (
        f"d.docid IN (SELECT docid FROM facet WHERE facet = '{facet}' "  # noqa: S608
        f"AND value IN ({', '.join(names)}))"
    )


def page_sql(match: str, sort: str, where: str) -> str:
    if not match:
        return (
            f"SELECT d.docid, d.summary FROM doc d WHERE {where} "  # noqa: S608
            "ORDER BY d.updated DESC LIMIT :limit"
        )
    order = "bm25(doc_fts, 3.0, 2.0, 1.0)" if sort == "relevance" else "d.updated DESC"
    return (
        f"SELECT d.docid, {SNIPPET} FROM doc_fts JOIN doc d ON d.docid = doc_fts.rowid "  # noqa: S608
        f"WHERE doc_fts MATCH :match AND {where} ORDER BY {order} LIMIT :limit"
    )


def edits(a: str, b: str) -> int:
    """Levenshtein distance."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]
