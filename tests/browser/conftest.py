"""Browser tests: the app served from a thread, driven through Debian's Chromium (see
../shared/TESTING.md), with axe-core checking every page the tests visit."""

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page
from werkzeug.serving import make_server

from webapp import create_app
from webapp.db import Base

REPO = Path(__file__).resolve().parents[2]
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# Every wait in these tests is for a local server; a broken page should fail fast, not in 30 s.
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        pytest.skip(
            f"{CHROMIUM} is missing: the browser tests need Debian's Chromium "
            "(apt-get install chromium; `make test` installs it)"
        )
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def live_app(migrated):
    app = create_app({"ENV_NAME": "testing", "DATABASE_URL": migrated})
    yield app
    app.extensions["db_engine"].dispose()


@pytest.fixture(scope="session")
def base_url(live_app) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}"
    # Links in emails are built from PUBLIC_BASE_URL (F1): here, the live server's address.
    live_app.config["PUBLIC_BASE_URL"] = url
    yield url
    server.shutdown()
    thread.join()
    server.server_close()


@pytest.fixture(autouse=True)
def _empty_tables(live_app):
    # One server serves the whole session; without this, a second journey with the same CNP
    # would be refused as a duplicate open request.
    yield
    with live_app.extensions["db_engine"].begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `npm install` (axe-core is a devDependency)")
    return AXE_JS.read_text(encoding="utf-8")


class Browsing:
    """Opens pages with JavaScript on or off, and checks any of them with axe-core."""

    def __init__(self, new_context: Callable[..., BrowserContext], axe_source: str):
        self._new_context = new_context
        self._axe_source = axe_source
        self._scriptless: set[Page] = set()
        self._auditor: Page | None = None

    def open(self, *, javascript: bool = True) -> Page:
        context = self._new_context(java_script_enabled=javascript)
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        if not javascript:
            self._scriptless.add(page)
        return page

    def assert_accessible(self, page: Page, state: str = "") -> None:
        """Zero axe violations for the page as it is now; `state` names it in the failure."""
        violations = self._audit_copy(page) if page in self._scriptless else self._run_axe(page)
        assert not violations, describe(violations, f"{page.url} {state}".strip())

    def _run_axe(self, page: Page) -> list[dict]:
        # evaluate, not add_script_tag: the site's CSP rightly refuses inline scripts, and
        # DevTools evaluation is not subject to it.
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.evaluate(f"{self._axe_source}\n;void 0")
        return page.evaluate(
            """async (tags) => {
                const results = await axe.run(document, {
                    runOnly: {type: "tag", values: tags},
                    resultTypes: ["violations"],
                });
                return results.violations;
            }""",
            AXE_TAGS,
        )

    def _audit_copy(self, page: Page) -> list[dict]:
        # With JavaScript off Chromium runs no timers, so axe.run never settles. Audit the same
        # document at the same address in a page whose own scripts are blocked, which is what a
        # browser without JavaScript shows.
        html, url = page.content(), page.url
        if self._auditor is None:
            self._auditor = self.open(javascript=True)
        auditor = self._auditor
        auditor.unroute_all()
        auditor.route("**/*.js", lambda route: route.abort())
        auditor.route(
            lambda address: address == url,
            lambda route: route.fulfill(
                status=200, content_type="text/html; charset=utf-8", body=html
            ),
        )
        auditor.goto(url)
        return self._run_axe(auditor)


def describe(violations: list[dict], where: str) -> str:
    lines = [f"axe-core found {len(violations)} kind(s) of violation on {where}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact')}): {violation['help']}"
            f"\n  {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            lines.append(f"    at {' > '.join(map(str, node['target']))}")
            lines.append(f"      {node['html'][:300]}")
            for summary_line in (node.get("failureSummary") or "").splitlines():
                lines.append(f"      {summary_line}")
    return "\n".join(lines)


@pytest.fixture
def browsing(new_context, axe_source) -> Browsing:
    return Browsing(new_context, axe_source)
