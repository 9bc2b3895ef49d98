"""Search benchmarks: the real search service on a synthetic corpus, beside SQLite FTS5.

``python bench/search.py 10000 50000``: for each size, a deterministic corpus (bench/
search_corpus.py) in a fresh migrated SQLite database (and the same corpus in a PostgreSQL
database of a throwaway cluster, for the PostgreSQL search backend), then, each engine in its
own process on its own copy of the database (so peak RSS is the engine's): index build rate
(``search_index.rebuild()``), outbox drain rate, query latency over a varied query mix as a
signed-in teacher sees it (app.search.services.search: visibility, eight facet counts,
sorting, highlighted snippets, did-you-mean), save-to-searchable latency and peak RSS. The
figures are merged into docs/benchmarks.json (``search.<engine>.<size>.<figure>``) and the
search table in docs/benchmarks.md is written anew; other figures are left as they are.
"""

import json
import platform
import random
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

#: The search service on Whoosh, the reference (SQLite FTS5), and the search service on
#: PostgreSQL (``SEARCH_BACKEND = "postgres"``).
ENGINES = ("whoosh", "fts5", "postgres")
QUERIES, WARM_UP, SAVES, DRAINED = 200, 20, 20, 2000
#: Figures in the table: (key, what it measures).
FIGURES = (
    ("build_docs_per_s", "index build (reindex everything), documents/s"),
    ("drain_docs_per_s", f"reindex {DRAINED:,} changed documents (outbox), documents/s"),
    ("p50_ms", "search page p50, ms"),
    ("p95_ms", "search page p95, ms"),
    ("p99_ms", "search page p99, ms"),
    ("save_to_searchable_p50_ms", "save to searchable p50, ms"),
    ("save_to_searchable_p95_ms", "save to searchable p95, ms"),
    ("peak_rss_mb", "peak RSS of the process, MB"),
    ("index_mb", "index size on disk, MB"),
    ("database_mb", "database size on disk (with the corpus), MB"),
)
START, END = "<!-- search benchmarks -->", "<!-- /search benchmarks -->"


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return round(ordered[min(len(ordered) - 1, int(len(ordered) * share))], 1)


def make_app(folder: Path, database_url: str = ""):
    """The application on the folder's SQLite database, or searching with PostgreSQL on
    ``database_url``."""
    from app import create_app

    return create_app(
        "testing",
        {
            "SQLALCHEMY_DATABASE_URI": database_url or f"sqlite:///{folder}/bench.sqlite3",
            "SEARCH_BACKEND": "postgres" if database_url else "whoosh",
            "SEARCH_INDEX_DIR": str(folder / "search"),
            "SEARCH_BACKGROUND": True,  # as in production: merges happen in a process of their own
        },
    )


# The query mix: the same queries, in Whoosh's syntax and in FTS5's.


def query_mix(rng: random.Random, bodies: list[str], count: int) -> list[dict]:
    """Words, two-word AND, phrases, prefixes, OR, exclusions, typos and facet-only browsing,
    a third of them with facet filters, a quarter sorted by newest."""
    kinds = ["word"] * 4 + ["and"] * 3 + ["phrase"] * 3 + ["prefix", "prefix", "or", "or"]
    kinds += ["not", "not", "browse", "typo"]
    mix = []
    for _ in range(count):
        words = re.findall(r"[^\W\d_]{3,}", rng.choice(bodies).lower())
        start = rng.randrange(len(words) - 3)
        a, b, c = words[start : start + 3]
        kind = rng.choice(kinds)
        whoosh, fts5 = {
            "word": (a, f'"{a}"'),
            "and": (f"{a} {c}", f'"{a}" "{c}"'),
            "phrase": (f'"{a} {b}"', f'"{a} {b}"'),
            "prefix": (f"{a[:4]}*", f'"{a[:4]}"*'),
            "or": (f"{a} OR {c}", f'"{a}" OR "{c}"'),
            "not": (f"{a} -{c}", f'"{a}" NOT "{c}"'),
            "browse": ("", ""),
            "typo": (a[:2] + a[3:] + a[2], f'"{a[:2] + a[3:] + a[2]}"'),
        }[kind]
        filters = facet_filters(rng) if kind == "browse" or rng.random() < 0.33 else {}
        sort = "newest" if not whoosh or rng.random() < 0.25 else "relevance"
        mix.append({"kind": kind, "whoosh": whoosh, "fts5": fts5, "filters": filters, "sort": sort})
    return mix


def facet_filters(rng: random.Random) -> dict:
    from bench.search_corpus import GRADES, SUBJECTS

    choices = {
        "language": lambda: [rng.choice(["fi", "sv", "en"])],
        "subjects": lambda: rng.sample(SUBJECTS, rng.choice((1, 2))),
        "grades": lambda: [rng.choice(GRADES)],
        "duration": lambda: [rng.choice(["45", "90", "long"])],
        "kind": lambda: ["lesson"],
        "municipalities": lambda: [rng.choice(["tornio", "haparanda", "kalix", "oulu"])],
    }
    return {facet: choices[facet]() for facet in rng.sample(sorted(choices), rng.choice((1, 2)))}


def load_mix(size: int) -> list[dict]:
    """The query mix, drawn from the text of documents picked with a fixed seed."""
    from sqlalchemy import select

    from app.documents.models import Revision
    from app.extensions import db

    rng = random.Random(size)  # noqa: S311 (seeded: the same queries every run)
    ids = [rng.randint(1, size) for _ in range(WARM_UP + QUERIES)]
    rows = db.session.execute(select(Revision.id, Revision.body).where(Revision.id.in_(ids)))
    bodies = dict(rows.all())
    return query_mix(rng, [bodies[i] for i in ids], WARM_UP + QUERIES)


# Measuring one engine (in its own process).


def log(engine: str, message: str) -> None:
    print(f"  {engine}: {message}", file=sys.stderr, flush=True)


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def measure(engine: str, size: int, folder: Path, database_url: str = "") -> dict:
    app = make_app(folder, database_url)
    with app.app_context():
        from app.extensions import db
        from app.network.models import Teacher
        from app.search import entries

        reader = db.session.get(Teacher, 1)
        runner = Fts5Runner(reader, folder) if engine == "fts5" else ServiceRunner(reader)
        documents = runner.count()
        figures = {"documents": documents}
        seconds = timed(runner.build) / 1000
        figures["build_s"] = round(seconds, 1)
        figures["build_docs_per_s"] = round(documents / seconds)
        log(engine, f"built in {seconds:.1f} s")
        mix = load_mix(size)
        latencies = [timed(lambda q=q: runner.search(q)) for q in mix]
        log(engine, f"{len(mix)} queries in {sum(latencies) / 1000:.1f} s")
        figures |= latency_figures(latencies[WARM_UP:], mix[WARM_UP:])
        saves = [runner.save_and_find(number) for number in range(SAVES)]
        figures["save_to_searchable_p50_ms"] = percentile(saves, 0.5)
        figures["save_to_searchable_p95_ms"] = percentile(saves, 0.95)
        ids = changed_ids(documents)
        rewritten = len(entries.with_dependants(set(ids)))
        figures["drain_docs_per_s"] = round(rewritten / (timed(lambda: runner.reindex(ids)) / 1000))
        figures |= runner.sizes()
        db.engine.dispose()
    figures["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return figures


def latency_figures(latencies: list[float], mix: list[dict]) -> dict:
    figures = {
        "queries": len(latencies),
        "p50_ms": percentile(latencies, 0.5),
        "p95_ms": percentile(latencies, 0.95),
        "p99_ms": percentile(latencies, 0.99),
    }
    for kind in sorted({q["kind"] for q in mix}):
        own = [ms for ms, q in zip(latencies, mix, strict=True) if q["kind"] == kind]
        figures[f"{kind}_p95_ms"] = percentile(own, 0.95)
    return figures


class ServiceRunner:
    """The application's own search service and index (Whoosh's, or PostgreSQL's)."""

    def __init__(self, reader):
        self.reader = reader

    def count(self) -> int:
        from sqlalchemy import func, select

        from app.documents.models import Document
        from app.extensions import db

        return db.session.scalar(select(func.count(Document.id)))

    def build(self) -> None:
        from app.extensions import search_index

        search_index.rebuild()

    def search(self, query: dict, text: str | None = None):
        from app.search.services import search

        text = query["whoosh"] if text is None else text
        return search(self.reader, text, query["filters"], sort=query["sort"], page=1, per_page=20)

    def save_and_find(self, number: int) -> float:
        """ms from the start of a save to the first search that finds its new word."""
        from app.documents import services
        from app.extensions import db

        lesson = saved_lesson()
        content = services.current_content(lesson)
        word = f"tallennus{number}x"
        changed = services.Content(content.title, content.fields, f"{content.body}\n\n{word}")
        start = time.perf_counter()
        services.save_revision(lesson, changed, author=lesson.created_by)
        db.session.commit()
        until_found(lambda: self.search({"filters": {}, "sort": "relevance"}, word).total)
        return (time.perf_counter() - start) * 1000

    def reindex(self, ids: list[int]) -> None:
        from sqlalchemy import insert

        from app.extensions import db, search_index
        from app.search.models import SearchOutbox

        db.session.execute(insert(SearchOutbox), [{"document_id": i} for i in ids])
        db.session.commit()
        search_index.drain()

    def sizes(self) -> dict:
        """Sizes on disk, MB: the index (Whoosh's folder, or PostgreSQL's search tables with
        their indexes) and the whole database (the search tables included on PostgreSQL)."""
        from flask import current_app
        from sqlalchemy import func, select

        from app.extensions import db

        if current_app.config["SEARCH_BACKEND"] == "postgres":
            tables = [func.pg_total_relation_size(name) for name in ("search_entry", "search_word")]
            whole = func.pg_database_size(func.current_database())
            index, database = db.session.execute(select(sum(tables[1:], tables[0]), whole)).one()
            return {"index_mb": megabytes(index), "database_mb": megabytes(database)}
        folder = Path(current_app.config["SEARCH_INDEX_DIR"])
        return {
            "index_mb": megabytes(sum(f.stat().st_size for f in folder.iterdir())),
            "database_mb": sqlite_megabytes(),
        }


class Fts5Runner(ServiceRunner):
    """The same steps on SQLite FTS5 (bench/search_fts5.py), written in the save's wake."""

    def __init__(self, reader, folder: Path):
        from bench.search_fts5 import Fts5

        super().__init__(reader)
        self.fts = Fts5(folder / "fts5.sqlite3")

    def build(self) -> None:
        from sqlalchemy import select

        from app.documents.models import Document
        from app.extensions import db
        from app.search import entries

        self.fts.create()
        ids = list(db.session.scalars(select(Document.id).order_by(Document.id)))
        for start in range(0, len(ids), 200):
            self.fts.write(entries.load_documents(ids[start : start + 200]))
            db.session.rollback()

    def search(self, query: dict, text: str | None = None):
        text = query["fts5"] if text is None else text
        return self.fts.search(
            self.reader.id, text, query["filters"], sort=query["sort"], per_page=20
        )

    def save_and_find(self, number: int) -> float:
        from app.documents import services
        from app.extensions import db
        from app.search import entries

        lesson = saved_lesson()
        content = services.current_content(lesson)
        word = f"tallennus{number}x"
        changed = services.Content(content.title, content.fields, f"{content.body}\n\n{word}")
        start = time.perf_counter()
        services.save_revision(lesson, changed, author=lesson.created_by)
        db.session.commit()
        self.fts.write(entries.load_documents([lesson.id]), replace=True)
        until_found(lambda: self.search({"filters": {}, "sort": "relevance"}, f'"{word}"')[0])
        return (time.perf_counter() - start) * 1000

    def sizes(self) -> dict:
        index = megabytes(self.fts.path.stat().st_size)
        return {"index_mb": index, "database_mb": sqlite_megabytes()}

    def reindex(self, ids: list[int]) -> None:
        from app.extensions import db
        from app.search import entries

        ids = sorted(entries.with_dependants(set(ids)))
        for start in range(0, len(ids), 200):
            self.fts.write(entries.load_documents(ids[start : start + 200]), replace=True)
            db.session.rollback()


def megabytes(size: int) -> float:
    return round(size / 2**20, 1)


def sqlite_megabytes() -> float:
    """The SQLite database's size, its write-ahead log checkpointed first."""
    from app.extensions import db

    db.session.commit()
    db.session.execute(db.text("PRAGMA wal_checkpoint(TRUNCATE)"))
    return megabytes(Path(db.engine.url.database).stat().st_size)


def until_found(found, limit: float = 30.0) -> None:
    deadline = time.perf_counter() + limit
    while not found():
        if time.perf_counter() > deadline:
            raise RuntimeError("the saved word never became searchable")


def saved_lesson():
    """The first public, published standalone lesson: the one the save benchmark edits."""
    from sqlalchemy import select

    from app.documents.models import Document
    from app.extensions import db

    query = select(Document).where(
        Document.kind == "lesson",
        Document.unit_id.is_(None),
        Document.visibility == "public",
        Document.status == "published",
    )
    return db.session.scalars(query.order_by(Document.id).limit(1)).one()


def changed_ids(documents: int) -> list[int]:
    """Up to DRAINED documents spread over the corpus, queued as if just changed."""
    return list(range(1, documents + 1, max(1, documents // DRAINED)))[:DRAINED]


# Orchestration: one process to generate, one per engine.


def generate(size: int, folder: Path, database_url: str = "") -> None:
    from flask_migrate import upgrade

    from app.extensions import db
    from bench.search_corpus import generate as fill

    app = make_app(folder, database_url)
    with app.app_context():
        upgrade()
        fill(size)
        if database_url:  # the corpus chose its ids: new rows continue after them
            for table in db.metadata.sorted_tables:
                if "id" in table.c and table.c.id.autoincrement:
                    db.session.execute(
                        db.text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "  # noqa: S608
                            f'coalesce((SELECT max(id) FROM "{table.name}"), 0) + 1, false)'
                        )
                    )
            db.session.commit()
        else:
            db.session.execute(db.text("PRAGMA wal_checkpoint(TRUNCATE)"))
        db.engine.dispose()


def child(*args: str) -> dict | None:
    done = subprocess.run(  # noqa: S603 (this script, with our own arguments)
        [sys.executable, __file__, *args], check=True, stdout=subprocess.PIPE, text=True
    )
    lines = done.stdout.strip().splitlines()
    return json.loads(lines[-1]) if lines and lines[-1].startswith("{") else None


def run_size(size: int, cluster) -> dict:
    figures = {}
    with tempfile.TemporaryDirectory(prefix="tandem-search-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        start = time.perf_counter()
        child("--generate", str(size), str(corpus))
        print(f"{size:,} lessons generated in {time.perf_counter() - start:.0f} s", flush=True)
        postgres = cluster.create_database(f"bench_{size}")
        child("--generate", str(size), str(corpus), postgres)
        print(f"... and in PostgreSQL in {time.perf_counter() - start:.0f} s", flush=True)
        for engine in ENGINES:
            folder = Path(tmp) / engine
            shutil.copytree(corpus, folder)
            url = [postgres] if engine == "postgres" else []
            result = child("--engine", engine, str(size), str(folder), *url)
            print(f"{engine} {size:,}: {result}", flush=True)
            figures |= {f"search.{engine}.{size}.{key}": value for key, value in result.items()}
    return figures


def versions() -> dict:
    from importlib.metadata import version

    return {
        "python": platform.python_version(),
        "whoosh": version("Whoosh"),
        "sqlite": sqlite3.sqlite_version,
        "postgresql": postgresql_version(),
        "machine": f"{platform.machine()}, {platform.processor() or 'cpu'}",
        "cpus": __import__("os").cpu_count(),
    }


def postgresql_version() -> str:
    from tests.fixtures.postgres import find_bindir

    done = subprocess.run(  # noqa: S603 (the server's own binary)
        [str(find_bindir() / "postgres"), "--version"], capture_output=True, text=True
    )
    return done.stdout.split()[-1] if done.returncode == 0 else ""


def write(figures: dict) -> None:
    path = ROOT / "docs" / "benchmarks.json"
    data = json.loads(path.read_text()) if path.exists() else {}
    search = data.setdefault("search", {"meta": {}, "figures": {}})
    search["meta"] = {"measured_at": datetime.now(UTC).isoformat(timespec="seconds"), **versions()}
    search["figures"] = dict(sorted((search["figures"] | figures).items()))
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    markdown = ROOT / "docs" / "benchmarks.md"
    text = markdown.read_text() if markdown.exists() else "# Benchmarks\n"
    section = table(search)
    if START in text:
        text = text[: text.index(START)] + section + text[text.index(END) + len(END) + 1 :]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    markdown.write_text(text)


def table(search: dict) -> str:
    meta, figures = search["meta"], search["figures"]
    sizes = sorted({int(key.split(".")[2]) for key in figures})
    rows = []
    for size in sizes:
        for key, what in FIGURES:
            whoosh, fts5, postgres = (
                figures.get(f"search.{engine}.{size}.{key}") for engine in ENGINES
            )
            ratio = f"{whoosh / fts5:.1f}x" if whoosh and fts5 else "-"
            shown = ["-" if value is None else value for value in (whoosh, fts5, postgres)]
            rows.append(f"| {what} | {size:,} | {shown[0]} | {shown[1]} | {ratio} | {shown[2]} |")
    return "\n".join(
        [
            START,
            "## Search",
            "",
            f"Measured by `make bench` (`make bench-quick`: 10,000 only) on "
            f"{meta['measured_at']}: Python {meta['python']}, Whoosh {meta['whoosh']}, "
            f"SQLite {meta['sqlite']}, {meta['machine']}, {meta['cpus']} CPUs. Every figure is "
            "in `benchmarks.json` under `search`.",
            "",
            "A synthetic corpus (bench/search_corpus.py: Finnish, Swedish, English and four other "
            "languages, 30 % of lessons in units, mostly shared and published) searched by a "
            "signed-in teacher through `app.search.services.search`, 20 results a page with "
            "eight facet counts and highlighted snippets, after 20 warm-up queries. The "
            "reference is SQLite FTS5 (bench/search_fts5.py) doing the same page: same entries, "
            "visibility rule, facet counts, weights and documents loaded; its tokenizer does not "
            "stem. Ratio = Whoosh / FTS5 (for rates in documents/s, below 1x means Whoosh is "
            "slower). Goal at 50,000 lessons: p95 under 100 ms and within "
            "2x of FTS5; save to searchable under 250 ms.",
            "",
            'The last column is the same search service with `SEARCH_BACKEND = "postgres"` '
            "(app.search.postgres_search) on the same corpus in PostgreSQL "
            f"{meta.get('postgresql', '')}, on the same machine; its peak RSS is the Python "
            "process's alone, the database server's memory is apart.",
            "",
            "| Figure | Lessons | Whoosh | FTS5 | Whoosh / FTS5 | PostgreSQL |",
            "|---|---|---|---|---|---|",
            *rows,
            END,
            "",
        ]
    )


def main(argv: list[str]) -> None:
    if argv[:1] == ["--generate"]:
        generate(int(argv[1]), Path(argv[2]), *argv[3:])
    elif argv[:1] == ["--engine"]:
        print(json.dumps(measure(argv[1], int(argv[2]), Path(argv[3]), *argv[4:])))
    else:
        from tests.fixtures.postgres import Cluster

        cluster = Cluster()
        cluster.start()
        figures = {}
        try:
            for size in [int(a) for a in argv] or [10_000]:
                figures |= run_size(size, cluster)
        finally:
            cluster.stop()
        write(figures)


if __name__ == "__main__":
    main(sys.argv[1:])
