"""``make bench``: Tandem's speed, each figure beside a reference measured in the same run.

Runs on a fresh SQLite database in a temporary folder and writes docs/benchmarks.json (every
figure) and docs/benchmarks.md (the table). References: a hello-world Flask request through the
same test client, and the raw size of the text stored.
"""

import json
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from diff_match_patch import diff_match_patch
from flask import Flask

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app import create_app  # noqa: E402
from app.documents import services  # noqa: E402
from app.documents.models import LESSON  # noqa: E402
from app.extensions import db  # noqa: E402
from app.markdown import render_markdown  # noqa: E402
from app.network.models import Municipality, School, Teacher  # noqa: E402
from app.revisions.diff import diff_text  # noqa: E402
from bench.pages import bench_pages, page  # noqa: E402

#: Where bench/search.py's table starts in docs/benchmarks.md.
SEARCH_SECTION = "<!-- search benchmarks -->"
PARAGRAPH = (
    "Students wash their hands for twenty seconds, rinse under running water and dry them with "
    "a clean paper towel; the teacher checks the glitter test under UV light and records who "
    "needs another round, then the pairs swap roles and repeat the routine"
)


def lesson_text(words: int) -> str:
    """Markdown of about ``words`` words: headings, paragraphs and a list, like a real lesson."""
    per_paragraph = len(PARAGRAPH.split())
    paragraphs = []
    for number in range(max(1, words // per_paragraph)):
        if number % 5 == 0:
            paragraphs.append(f"## Phase {number // 5 + 1} (15 min)")
        paragraphs.append(f"{PARAGRAPH} ({number}).")
    return "\n\n".join(paragraphs)


def timings(action: Callable[[], object], repeat: int) -> list[float]:
    results = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        results.append((time.perf_counter() - start) * 1000)
    return results


def summary(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {
        "p50_ms": round(statistics.median(ordered), 3),
        "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1], 3),
        "runs": len(ordered),
    }


def hello_world_reference(repeat: int) -> dict:
    hello = Flask("hello")
    hello.add_url_rule("/", "index", lambda: "Hello, world!")
    client = hello.test_client()
    return summary(timings(lambda: client.get("/"), repeat))


def make_author() -> Teacher:
    municipality = Municipality(slug="bench", name="Bench", country="FI", languages=["fi"])
    school = School(slug="bench-school", name="Bench school", municipality=municipality)
    teacher = Teacher(
        name="Bench Teacher", email="bench@bench.example", school=school, languages=["fi"]
    )
    teacher.set_password("bench password")
    db.session.add(teacher)
    db.session.commit()
    return teacher


def lesson_content(body: str) -> services.Content:
    fields = {"summary": "Bench.", "language": "en", "licence": "CC-BY-4.0", "duration": 90}
    return services.Content("Hand hygiene", fields, body)


def bench_saves(author: Teacher, repeat: int) -> dict:
    """One save of a 600-word lesson: a new revision, rendered and committed."""
    lesson = services.create_document(LESSON, lesson_content(lesson_text(600)), author=author)
    db.session.commit()
    base = lesson_text(600)

    counter = iter(range(10**6))

    def save() -> None:
        services.save_revision(
            lesson, lesson_content(f"{base}\n\nEdit {next(counter)}."), author=author
        )
        db.session.commit()

    return summary(timings(save, repeat))


def one_word_per_paragraph_changed(text: str) -> str:
    return "\n\n".join(p.replace("twenty", "thirty", 1) for p in text.split("\n\n"))


def bench_diff(words: int, repeat: int) -> dict:
    """Paragraph alignment, then word-level diff inside each changed paragraph (difflib)."""
    old = lesson_text(words)
    new = one_word_per_paragraph_changed(old)
    return summary(timings(lambda: diff_text(old, new), repeat))


def bench_diff_match_patch(words: int, repeat: int) -> dict:
    """The same texts through diff-match-patch: a character diff, then its semantic cleanup."""
    old = lesson_text(words)
    new = one_word_per_paragraph_changed(old)
    differ = diff_match_patch()

    def diff() -> None:
        differ.diff_cleanupSemantic(differ.diff_main(old, new))

    return summary(timings(diff, repeat))


def bench_history_page(app, author: Teacher, revisions: int, repeat: int) -> dict:
    """The first page of a public lesson's history when it has ``revisions`` revisions."""
    lesson = services.create_document(
        LESSON,
        lesson_content(lesson_text(100)),
        author=author,
        visibility="public",
        status="published",
    )
    for number in range(revisions - 1):
        services.save_revision(lesson, lesson_content(f"Edit {number}."), author=author)
    db.session.commit()
    client = app.test_client()
    url = f"/documents/{lesson.id}/history"
    return page(client, url, repeat, summary, timings)


def bench_storage(app, author: Teacher, revisions: int) -> dict:
    """Database growth for ``revisions`` small edits of one 600-word lesson."""
    path = Path(app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///"))
    db.session.commit()
    db.session.execute(db.text("PRAGMA wal_checkpoint(TRUNCATE)"))
    before = path.stat().st_size
    lesson = services.create_document(LESSON, lesson_content(lesson_text(600)), author=author)
    body = lesson_text(600)
    for number in range(revisions):
        services.save_revision(lesson, lesson_content(f"{body}\n\nEdit {number}."), author=author)
        if number % 100 == 0:
            db.session.commit()
    db.session.commit()
    db.session.execute(db.text("PRAGMA wal_checkpoint(TRUNCATE)"))
    grown = path.stat().st_size - before
    text_bytes = len(body.encode()) * revisions
    return {
        "revisions": revisions,
        "database_growth_bytes": grown,
        "bytes_per_revision": round(grown / revisions),
        "reference_markdown_bytes": text_bytes,
        "ratio_to_markdown": round(grown / text_bytes, 2),
    }


def run() -> dict:
    with tempfile.TemporaryDirectory(prefix="tandem-bench-") as folder:
        app = create_app(
            "testing", {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite3"}
        )
        with app.app_context():
            from flask_migrate import upgrade

            upgrade()
            author = make_author()
            reference = hello_world_reference(200)
            results = {
                "reference_hello_world_request": reference,
                "save_revision_600_words": bench_saves(author, 50),
                "render_markdown_600_words": summary(
                    timings(lambda: render_markdown(lesson_text(600)), 30)
                ),
                "render_markdown_6000_words": summary(
                    timings(lambda: render_markdown(lesson_text(6000)), 10)
                ),
                "diff_600_words": bench_diff(600, 30),
                "diff_6000_words": bench_diff(6000, 10),
                "diff_match_patch_600_words": bench_diff_match_patch(600, 30),
                "diff_match_patch_6000_words": bench_diff_match_patch(6000, 10),
                "storage_1000_revisions": bench_storage(app, author, 1000),
                "history_page_1000_revisions": bench_history_page(app, author, 1000, 30),
                **bench_pages(app, author, lesson_text(600), 30, summary, timings),
            }
            timed = [name for name, result in results.items() if "p50_ms" in result]
            for name in timed[1:]:
                results[name]["ratio_to_reference_p50"] = round(
                    results[name]["p50_ms"] / reference["p50_ms"], 1
                )
            db.engine.dispose()
    return results


def diff_ms(results: dict, name: str, words: int) -> float:
    return round(results[f"{name}_{words}_words"]["p50_ms"], 1)


def write(results: dict) -> None:
    meta = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "database": "SQLite (WAL), temporary file",
    }
    docs = ROOT / "docs"
    # Keep what other benchmarks (bench/search.py) wrote into the same files.
    earlier = docs / "benchmarks.json"
    kept = json.loads(earlier.read_text()) if earlier.exists() else {}
    kept = {key: value for key, value in kept.items() if key not in ("meta", "results")}
    earlier.write_text(json.dumps({"meta": meta, "results": results, **kept}, indent=2) + "\n")
    previous = (docs / "benchmarks.md").read_text() if (docs / "benchmarks.md").exists() else ""
    search_section = previous[previous.find(SEARCH_SECTION) :] if SEARCH_SECTION in previous else ""
    reference = results["reference_hello_world_request"]
    rows = [
        f"| {name.replace('_', ' ')} | {r['p50_ms']} | {r['p95_ms']} "
        f"| {r['ratio_to_reference_p50']}x | {r.get('queries', '')} |"
        for name, r in results.items()
        if "ratio_to_reference_p50" in r
    ]
    storage = results["storage_1000_revisions"]
    text = "\n".join(
        [
            "# Benchmarks",
            "",
            f"Measured by `make bench` on {meta['measured_at']} (Python {meta['python']}, "
            f"{meta['machine']}, {meta['database']}). Every figure is in `benchmarks.json`.",
            "",
            f"Reference in the same run: a hello-world Flask request through the test client, "
            f"p50 {reference['p50_ms']} ms, p95 {reference['p95_ms']} ms.",
            "",
            "| Measure | p50 (ms) | p95 (ms) | p50 / reference | SQL statements |",
            "|---|---|---|---|---|",
            *rows,
            "",
            "Pages are served through the test client, as the reference is: a page's time is "
            "Tandem's own (routing, permission checks, queries, templates), without a network. "
            "The unit and lesson pages are the demo content's largest unit (content/) and its "
            "first lesson; the search page finds two words among 300 lessons; the review "
            "results page is a round three reviewers of other municipalities have finished, "
            "read by an author. A page's SQL statements do not grow with the number of "
            "lessons, revisions, reviewers or hits: tests guard that (tests/queries.py).",
            "",
            "Comparisons use difflib (paragraphs aligned, then words compared inside each "
            "changed paragraph) rather than diff-match-patch: on the same texts it takes "
            f"{diff_ms(results, 'diff', 600)} and {diff_ms(results, 'diff', 6000)} ms at 600 and "
            "6,000 words against diff-match-patch's "
            f"{diff_ms(results, 'diff_match_patch', 600)} and "
            f"{diff_ms(results, 'diff_match_patch', 6000)} ms with semantic cleanup, and it marks "
            "whole words in aligned paragraphs, where diff-match-patch marks runs of characters "
            "that cut words in two (twenty → thirty comes out as t, wen→hir, ty), which is "
            "harder to read.",
            "",
            "## Page speed fixes",
            "",
            "The page guards (tests/queries.py) found two pages whose statements grew with "
            "their content. The search page loaded each hit's authors one hit at a time, four "
            "statements per hit (85 for a page of 20 hits), and now loads them with the hits "
            "(5 in all). A round's results page loaded each review's replies and reviewer, "
            "three statements per reviewer, and now loads them with the reviews. Building the "
            "condition that leaves out lessons of deleted units made an alias of the document "
            "table each time (1.5 ms, against 0.13 ms now that the alias is made once); page "
            "timings on this machine vary by more than that from run to run, so no page figure "
            "is claimed for it.",
            "",
            "## Storage growth",
            "",
            f"{storage['revisions']} small edits of one 600-word lesson grew the database by "
            f"{storage['database_growth_bytes']:,} bytes, "
            f"{storage['bytes_per_revision']:,} bytes a revision: "
            f"{storage['ratio_to_markdown']}x the raw Markdown stored "
            f"({storage['reference_markdown_bytes']:,} bytes; each revision also keeps its "
            "rendered HTML).",
            "",
            "Full-text storage is fine at this scale: a lesson edited a thousand times costs a few "
            "megabytes, and every revision stays readable without replaying deltas. A delta "
            "scheme would only pay off for documents edited tens of thousands of times.",
            "",
        ]
    )
    (docs / "benchmarks.md").write_text(text + ("\n" + search_section if search_section else ""))


if __name__ == "__main__":
    write(run())
    print((ROOT / "docs" / "benchmarks.md").read_text())
