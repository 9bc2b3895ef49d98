"""Browser journeys: headless Chromium against the app served on a local port.

The app is the ``app`` fixture of tests/conftest.py, so every journey runs once per database
backend. One Chromium serves the whole session; each test gets a fresh context (no cookies).
Set ``TANDEM_CHROMIUM`` to use another Chromium than the one on the PATH.
"""

import os
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import ConsoleMessage, Error, Locator, Page, Response, expect
from werkzeug.serving import make_server

from app.network.models import Teacher
from tests.fixtures.network import PASSWORD

#: Without these, Chromium (running as root here) refuses to start, or keeps trying to reach
#: Google's servers, which fails noisily on a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

#: Generous waits: CI machines are small and run both databases' suites back to back.
expect.set_options(timeout=15_000)

#: The WCAG 2.1 A and AA rules; axe's best-practice rules are advice, not the bar we hold.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    browser_dir = Path(__file__).parent
    for item in items:
        if browser_dir in item.path.parents:
            item.add_marker(pytest.mark.browser)


def chromium_path() -> str:
    path = os.environ.get("TANDEM_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).is_file() or not os.access(path, os.X_OK):
        pytest.fail(
            f"Chromium not found at {path}: install it (apt-get install chromium) or point "
            "TANDEM_CHROMIUM at its executable. `playwright install` is not needed.",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": chromium_path(), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    """A British-English browser, whatever the machine's locale: pages come in English."""
    return {**browser_context_args, "locale": "en-GB"}


@pytest.fixture(scope="session")
def base_url() -> None:
    """No fixed base URL: each test's server has its own port, so journeys use ``live_server``.

    This also replaces pytest-playwright's fallback ``base_url`` fixture, an instance method
    on a plugin object, which pytest 9 deprecates with a warning (an error under our filters).
    """
    return None


@pytest.fixture
def live_server(app) -> Iterator[str]:
    """The test's app on a free local port; yields its base URL, e.g. http://127.0.0.1:41234."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


#: How Chromium reports an HTTP error status on its console.
FAILED_LOAD = "Failed to load resource:"


class PageWatch:
    """What a page reported on its console (CSP violations among it) and its uncaught errors.

    Chromium also logs a document's own 4xx status as a console error. A 422 form or a 404 page
    is the app answering as designed (tests check the status they expect), so only failures of
    what a page loads (styles, scripts, images) count as problems.
    """

    def __init__(self, page: Page):
        self.documents: set[str] = set()
        self.errors: list[tuple[str, str]] = []
        page.on("response", self.on_response)
        page.on("console", self.on_console)
        page.on("pageerror", self.on_page_error)

    def on_response(self, response: Response) -> None:
        if response.request.is_navigation_request():
            self.documents.add(response.url)

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append((message.location["url"], message.text))

    def on_page_error(self, error: Error) -> None:
        self.errors.append(("", f"uncaught {error.name}: {error.message}"))

    def problems(self) -> list[str]:
        return [
            f"console error at {url or '(no address)'}: {text}"
            for url, text in self.errors
            if not (text.startswith(FAILED_LOAD) and url in self.documents)
        ]


@pytest.fixture
def page_watches() -> dict[Page, PageWatch]:
    return {}


@pytest.fixture
def page(page: Page, page_watches: dict[Page, PageWatch]) -> Page:
    """pytest-playwright's page, watched for console errors and uncaught exceptions."""
    page_watches[page] = PageWatch(page)
    return page


@pytest.fixture(scope="session")
def axe() -> Axe:
    return Axe()


@pytest.fixture
def assert_page_ok(axe: Axe, page_watches: dict[Page, PageWatch]) -> Callable[[Page], None]:
    """Check the page as it stands: no WCAG 2.1 A/AA violation, no console error so far.

    After a click that navigates, first expect something of the new page: axe run while
    the old document is being replaced finds no document to check."""

    def check(page: Page) -> None:
        assert page in page_watches, "only the `page` fixture's page is watched"
        page.wait_for_load_state()
        violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
        assert not violations, f"axe on {page.url}:\n" + "\n".join(map(describe, violations))
        problems = page_watches[page].problems()
        assert not problems, f"on {page.url}:\n" + "\n".join(problems)

    return check


def describe(violation: dict) -> str:
    nodes = "\n".join(
        f"    {', '.join(map(str, node['target']))}: {node['html']}\n"
        f"      {node.get('failureSummary', '')}".rstrip()
        for node in violation["nodes"]
    )
    return f"- {violation['id']} ({violation['impact']}): {violation['help']}\n{nodes}"


@pytest.fixture
def sign_in(live_server: str) -> Callable[..., None]:
    """``sign_in(page, teacher)``: sign in through the form, as the teacher would."""

    def sign_in(page: Page, teacher: Teacher, password: str = PASSWORD) -> None:
        page.goto(f"{live_server}/login")
        page.get_by_label("E-mail address").fill(teacher.email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        expect(account_nav(page).get_by_role("link", name=teacher.name)).to_be_visible()

    return sign_in


def account_nav(page: Page) -> Locator:
    return page.get_by_role("navigation", name="Your account")
