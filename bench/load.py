"""``make load``: a classroom hour against `make run`'s setup, on SQLite and on PostgreSQL.

For each database: a fresh deployment (migrations, the demo content), served by gunicorn with
2 workers as ``make run`` serves it, then for SECONDS seconds 100 readers (anonymous
visitors: the home page, search, units, lessons, histories and comparisons of revisions,
and a static file as the reference) and 10 writers (signed-in teachers: saving their lessons
from the revision they read, commenting, and submitting the review they were asked for), each
pausing between pages as a person does. Every response is timed by request type.

It fails (exit status 1) on any 5xx answer or any lost save: a save the server acknowledged
(a redirect to the lesson) that is not in the lesson's history afterwards. A save that meets
another's edit (409) is counted, not an error. Afterwards the peak RSS of each gunicorn
worker is read from /proc. The figures go to docs/benchmarks.json (``load``) and the "Under
load" section of docs/benchmarks.md.
"""

import json
import random
import re
import sys
import tempfile
import threading
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.deployment.live import (  # noqa: E402
    BASE_REVISION,
    Browser,
    Node,
    environment,
    lesson_form,
    set_up,
)
from tests.fixtures.postgres import Cluster  # noqa: E402

READERS, WRITERS, SECONDS = 100, 10, 60
#: Seconds a reader and a writer pause between pages, at least and at most.
READER_PAUSE, WRITER_PAUSE = (0.5, 2.0), (1.0, 3.0)
WORDS = ("hygiene", "energy", "water", "safety", "climate", "käsihygienia", "vatten", "design")
START, END = "<!-- load benchmarks -->", "<!-- /load benchmarks -->"


class Record:
    """Every timed request of the run, by type, and what went wrong."""

    def __init__(self):
        self.lock = threading.Lock()
        self.timings: dict[str, list[float]] = defaultdict(list)
        self.statuses: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        self.errors: list[str] = []
        #: (lesson path, the body of the save) of every save the server acknowledged.
        self.saves: list[tuple[str, str]] = []

    def timed(self, kind: str, action):
        """``action``'s answer (status, page), timed; a request that got no answer at all
        counts as a server error (status 599)."""
        start = time.perf_counter()
        try:
            status, page = action()
        except OSError as error:
            status, page = 599, str(error)
        elapsed = (time.perf_counter() - start) * 1000
        with self.lock:
            self.timings[kind].append(elapsed)
            self.statuses[kind][status] += 1
            if status >= 500:
                self.errors.append(f"{kind}: {status}")
        return status, page


class Site:
    """What the simulated people read and write: ids gathered once the content is loaded."""

    def __init__(self, address: str, units: list[int], lessons: list[int]):
        self.address = address
        self.units = units
        self.lessons = lessons
        self.written: list[str] = []  # the writers' lessons, public once started


def reader(site: Site, record: Record, until: float, rng: random.Random) -> None:
    browser = Browser()
    pages = {
        "home": lambda: "/",
        "search": lambda: f"/search?q={quote(rng.choice(WORDS))}",
        "unit": lambda: f"/units/{rng.choice(site.units)}",
        "lesson": lambda: f"/lessons/{rng.choice(site.lessons)}",
        "history": lambda: f"/documents/{rng.choice(site.lessons)}/history",
        "diff": lambda: (
            f"{rng.choice(site.written or ['/lessons/1'])}".replace("/lessons/", "/documents/")
            + "/compare"
        ),
        "static": lambda: "/static/favicon.svg",
    }
    weights = {"home": 1, "search": 3, "unit": 2, "lesson": 3, "history": 1, "diff": 1}
    weights["static"] = 1
    while time.monotonic() < until:
        kind = rng.choices(list(weights), list(weights.values()))[0]
        url = site.address + pages[kind]()
        record.timed(kind, lambda url=url: browser.get(url))
        time.sleep(rng.uniform(*READER_PAUSE))


def writer(site: Site, record: Record, until: float, rng: random.Random, who: dict) -> None:
    """A teacher saving their own lesson, commenting on it, and submitting one review."""
    browser = who["browser"]
    lesson = who["lesson"]
    edit_url = f"{site.address}{lesson}/edit"
    reviewed = False
    number = 0
    while time.monotonic() < until:
        roll = rng.random()
        if not reviewed and roll < 0.1:
            reviewed = submit_review(site, record, browser, who)
        elif roll < 0.25:
            status, page = record.timed("lesson", lambda: browser.get(f"{site.address}{lesson}"))
            form = {"body": f"Comment {number} on the timing.", "quote": ""}
            url = f"{site.address}{lesson.replace('/lessons/', '/documents/')}/comments"
            if status == 200:
                record.timed(
                    "comment",
                    lambda url=url, form=form, page=page: browser.post(url, form, page=page),
                )
        else:
            number += 1
            status, page = record.timed("edit_form", lambda: browser.get(edit_url))
            base = BASE_REVISION.search(page) if status == 200 else None
            body = f"{who['name']}: save {number}."
            if base:
                form = lesson_form(who["title"], body, base.group(1))
                status, _ = record.timed(
                    "save", lambda form=form, page=page: browser.post(edit_url, form, page=page)
                )
                if status == 302:
                    with record.lock:
                        record.saves.append((lesson, body))
        time.sleep(rng.uniform(*WRITER_PAUSE))


def submit_review(site: Site, record: Record, browser: Browser, who: dict) -> bool:
    url = f"{site.address}/reviews/assignments/{who['assignment']}/review"
    status, page = record.timed("review_form", lambda: browser.get(url))
    if status != 200:
        return False
    form = {**who["answers"], "submit": "1"}
    status, _ = record.timed("review", lambda: browser.post(url, form, page=page))
    return status in (302, 409)


# Setting up: the people, their lessons and the reviews they were asked for.


def ask_for_reviews(url: str, folder: Path) -> list[dict]:
    """Ask each writer (a demo teacher) to review a published lesson by teachers of other
    municipalities, as an accepted reviewer; returns each writer's e-mail, assignment and a
    complete set of answers to the rubric."""
    from datetime import timedelta

    from sqlalchemy import select

    from app import create_app
    from app.db import utcnow
    from app.documents.models import Document
    from app.extensions import db
    from app.network.models import Teacher
    from app.reviews.models import ACCEPTED, Assignment, ReviewRequest
    from app.rubrics.models import Rubric

    app = create_app(
        "testing", {"SQLALCHEMY_DATABASE_URI": url, "SEARCH_INDEX_DIR": str(folder / "search")}
    )
    writers = []
    with app.app_context():
        version = db.session.scalars(select(Rubric).where(Rubric.purpose == "lesson")).one()
        version = version.current_version
        lessons = list(
            db.session.scalars(
                select(Document).where(Document.kind == "lesson", Document.status == "published")
            )
        )
        teachers = db.session.scalars(
            select(Teacher).where(Teacher.is_admin.is_(False)).order_by(Teacher.id)
        )
        for teacher in list(teachers)[:WRITERS]:
            lesson = next(
                lesson
                for lesson in lessons
                if all(
                    c.teacher.school.municipality_id != teacher.school.municipality_id
                    for c in lesson.access_root.collaborators
                )
            )
            lessons.remove(lesson)
            request = ReviewRequest(
                document=lesson,
                revision_id=lesson.current_revision_id,
                rubric_version=version,
                requested_by=lesson.access_root.collaborators[0].teacher,
                reviewers_wanted=1,
                due_on=(utcnow() + timedelta(days=21)).date(),
            )
            assignment = Assignment(request=request, reviewer=teacher, number=1, state=ACCEPTED)
            db.session.add_all([request, assignment])
            db.session.flush()
            answers = {"strengths": "A clear plan.", "suggestions": "Add timings."}
            answers["recommendation"] = "minor_changes"
            for criterion in version.criteria:
                answers[f"criterion_{criterion.id}-level"] = str(criterion.levels[2].id)
                answers[f"criterion_{criterion.id}-comment"] = "Clear enough."
            writers.append(
                {"email": teacher.email, "name": teacher.name, "assignment": assignment.id}
                | {"answers": answers}
            )
        db.session.commit()
        db.engine.dispose()
    return writers


def documents(url: str, kind: str) -> list[int]:
    """Ids of the public, published documents of a kind."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as connection:
        ids = connection.scalars(
            text(
                "SELECT id FROM document WHERE kind = :kind AND visibility = 'public' "
                "AND status = 'published' AND deleted_at IS NULL"
            ),
            {"kind": kind},
        ).all()
    engine.dispose()
    return list(ids)


def start_writing(site: Site, who: dict, password: str) -> None:
    """Sign in, start a lesson and share it with everyone."""
    browser = Browser()
    status, _ = browser.post(f"{site.address}/login", {"email": who["email"], "password": password})
    assert status == 302, f"{who['email']} signs in"
    who["browser"] = browser
    who["title"] = f"Timing the experiment by {who['name']}"
    who["lesson"] = browser.new_lesson(site.address, who["title"], f"{who['name']}: save 0.")
    page = browser.get(f"{site.address}{who['lesson']}")[1]
    access = f"{site.address}{who['lesson'].replace('/lessons/', '/documents/')}/access"
    status, _ = browser.post(access, {"visibility": "public", "status": "published"}, page=page)
    assert status == 302, "the lesson is shared"
    site.written.append(who["lesson"])


# Running and checking.


def worker_peak_rss(node: Node) -> list[float]:
    """Peak resident memory (VmHWM) of each gunicorn worker, MB."""
    pid = node.process.pid
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    peaks = []
    for child in children:
        status = Path(f"/proc/{child}/status").read_text()
        peaks.append(round(int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024, 1))
    return peaks


def lost_saves(url: str, saves: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The acknowledged saves whose text is in no revision of their lesson."""
    from sqlalchemy import bindparam, create_engine, text

    lessons = sorted({int(path.rsplit("/", 1)[1]) for path, _ in saves})
    query = text("SELECT document_id, body FROM revision WHERE document_id IN :ids")
    engine = create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(
            query.bindparams(bindparam("ids", expanding=True)), {"ids": lessons or [0]}
        )
        kept = {(document_id, body) for document_id, body in rows}
    engine.dispose()
    return [(path, body) for path, body in saves if (int(path.rsplit("/", 1)[1]), body) not in kept]


def percentiles(samples: list[float]) -> dict:
    ordered = sorted(samples)

    def at(share: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(len(ordered) * share))], 1)

    return {"count": len(ordered), "p50_ms": at(0.5), "p95_ms": at(0.95), "p99_ms": at(0.99)}


def run(database: str, url: str, folder: Path, seconds: int) -> dict:
    env = environment(url, folder)
    env["FLASK_LOGIN_RATE_LIMIT"] = "1000 per minute"  # every simulated person is 127.0.0.1
    set_up(env)
    writers = ask_for_reviews(url, folder)
    node = Node(env, workers=2)
    try:
        site = Site(node.address, documents(url, "unit"), documents(url, "lesson"))
        for who in writers:
            start_writing(site, who, "tandem-demo")
        record = Record()
        until = time.monotonic() + seconds
        # Seeded: every run simulates the same people (not for anything secret).
        threads = [
            threading.Thread(target=reader, args=(site, record, until, random.Random(n)))  # noqa: S311
            for n in range(READERS)
        ]
        threads += [
            threading.Thread(target=writer, args=(site, record, until, random.Random(-n), who))  # noqa: S311
            for n, who in enumerate(writers, start=1)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        rss = worker_peak_rss(node)
    finally:
        node.stop()
    lost = lost_saves(url, record.saves)
    requests = {kind: percentiles(times) for kind, times in sorted(record.timings.items())}
    for kind, statuses in record.statuses.items():
        requests[kind]["statuses"] = {str(code): n for code, n in sorted(statuses.items())}
    return {
        "database": database,
        "seconds": seconds,
        "readers": READERS,
        "writers": WRITERS,
        "requests": requests,
        "requests_per_s": round(sum(map(len, record.timings.values())) / seconds, 1),
        "server_errors": len(record.errors),
        "acknowledged_saves": len(record.saves),
        "lost_saves": len(lost),
        "conflicts": record.statuses["save"].get(409, 0),
        "worker_peak_rss_mb": rss,
    }


# Writing down.

#: What each request type is, for the table.
KINDS = {
    "static": "a static file (the reference)",
    "home": "home page",
    "search": "search page",
    "unit": "joint unit page",
    "lesson": "lesson page",
    "history": "a lesson's history",
    "diff": "comparison of two revisions",
    "edit_form": "open a lesson's edit form",
    "save": "save a lesson",
    "comment": "comment on a lesson",
    "review_form": "open a review form",
    "review": "submit a review",
}


def write(results: list[dict]) -> None:
    measured_at = datetime.now(UTC).isoformat(timespec="seconds")
    path = ROOT / "docs" / "benchmarks.json"
    data = json.loads(path.read_text()) if path.exists() else {}
    data["load"] = {"measured_at": measured_at, "runs": results}
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    markdown = ROOT / "docs" / "benchmarks.md"
    text = markdown.read_text() if markdown.exists() else "# Benchmarks\n"
    section = table(measured_at, results)
    if START in text:
        text = text[: text.index(START)] + section + text[text.index(END) + len(END) + 1 :]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    markdown.write_text(text)


def table(measured_at: str, results: list[dict]) -> str:
    rows = []
    for result in results:
        reference = result["requests"]["static"]["p50_ms"]
        for kind, what in KINDS.items():
            figures = result["requests"].get(kind)
            if figures:
                ratio = round(figures["p50_ms"] / reference, 1) if reference else "-"
                rows.append(
                    f"| {result['database']} | {what} | {figures['count']} | {figures['p50_ms']} "
                    f"| {figures['p95_ms']} | {figures['p99_ms']} | {ratio}x |"
                )
    summaries = [
        f"- {r['database']}: {r['requests_per_s']} requests/s; {r['server_errors']} server "
        f"errors; {r['acknowledged_saves']} "
        f"saves acknowledged, {r['lost_saves']} lost, {r['conflicts']} conflicts; peak RSS per "
        f"worker {', '.join(f'{mb} MB' for mb in r['worker_peak_rss_mb'])}."
        for r in results
    ]
    first = results[0]
    return "\n".join(
        [
            START,
            "## Under load",
            "",
            f"Measured by `make load` on {measured_at}: `make run`'s setup (gunicorn, 2 workers, "
            "the demo content) on each database, with "
            f"{first['readers']} readers and {first['writers']} writers for "
            f"{first['seconds']} s. Readers are visitors who pause "
            f"{READER_PAUSE[0]} to {READER_PAUSE[1]} s between pages; writers are signed-in "
            f"teachers who pause {WRITER_PAUSE[0]} to {WRITER_PAUSE[1]} s and save their lessons "
            "(each save from the revision it read), comment and submit a review. The simulated "
            "people run as threads of one Python process on the same two cores as the server. "
            "The reference is a static file served under the same load; the last column is "
            "each p50 over the reference's. At this load the two workers are busy all the time: "
            "a request waits in gunicorn's queue for most of its time, whatever it asks for, so "
            "every p50 is close to the static file's. Each page's own time is in the page "
            "benchmarks above; more workers (one or two per core) or more nodes "
            "(docs/deployment.md) raise the number of requests per second.",
            "",
            *summaries,
            "",
            "| Database | Request | Count | p50 (ms) | p95 (ms) | p99 (ms) | p50 / reference |",
            "|---|---|---|---|---|---|---|",
            *rows,
            END,
            "",
        ]
    )


def main(argv: list[str]) -> int:
    seconds = int(argv[0]) if argv else SECONDS
    results = []
    with tempfile.TemporaryDirectory(prefix="tandem-load-") as tmp:
        folder = Path(tmp) / "sqlite"
        folder.mkdir()
        results.append(run("SQLite", f"sqlite:///{folder}/tandem.sqlite3", folder, seconds))
        print(json.dumps(results[-1]), flush=True)
        cluster = Cluster()
        cluster.start()
        try:
            folder = Path(tmp) / "postgresql"
            folder.mkdir()
            url = cluster.create_database("tandem_load")
            results.append(run("PostgreSQL", url, folder, seconds))
            print(json.dumps(results[-1]), flush=True)
        finally:
            cluster.stop()
    write(results)
    failed = [r for r in results if r["server_errors"] or r["lost_saves"]]
    for result in failed:
        print(
            f"{result['database']}: {result['server_errors']} server errors, "
            f"{result['lost_saves']} lost saves",
            file=sys.stderr,
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
