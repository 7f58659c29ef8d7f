"""The documentation pages (Swagger UI at `/docs`, ReDoc at `/redoc`, GraphiQL at `/graphql`)
load every script, style and icon from this server, so they work on a network with no way out:
checked on the pages' HTML, and in a real headless Chromium with every request that is not to
the loopback address blocked."""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

import httpx
import pytest
from playwright.async_api import Browser, Page, Route, async_playwright

from clarus import __version__
from tests.serving import DemoServer, demo_server

PAGES = ("/docs", "/redoc", "/graphql?headers=%7B%7D")
ASSET = re.compile(r"""\b(?:src|href)\s*=\s*["']([^"']+)["']""")
LOOPBACK = frozenset({"127.0.0.1", "localhost"})


def assets_of(html: str) -> list[str]:
    """The URLs a page's tags load (scripts, styles, icons); not data: URLs."""
    return [url for url in ASSET.findall(html) if not url.startswith("data:")]


@pytest.mark.parametrize("page", PAGES)
async def test_a_docs_page_loads_its_assets_from_this_server(
    http: httpx.AsyncClient, page: str
) -> None:
    response = await http.get(page)
    assert response.status_code == 200
    assets = assets_of(response.text)
    assert assets
    assert [url for url in assets if not url.startswith("/")] == []
    for url in assets:
        served = await http.get(url)
        assert served.status_code == 200, url
        assert served.content, url


def chromium_path() -> str:
    """The system's Chromium; a skip where it is not installed, but a failure in CI
    (`CI=true`), whose `.ci/run` installs it."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        reason = "Chromium is not installed (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return found


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    with demo_server(tmp_path_factory.mktemp("server")) as running:
        yield running


@pytest.fixture(scope="module")
def screenshots() -> Path:
    """Where the browser tests leave their screenshots: `$CLARUS_TEST_OUTPUT/browser`, by
    default under the system's temporary directory (pytest's own is pruned to its last three
    runs, which other runs on the machine share)."""
    root = os.environ.get("CLARUS_TEST_OUTPUT", Path(tempfile.gettempdir()) / "clarus-test-output")
    directory = Path(root) / "browser"
    directory.mkdir(parents=True, exist_ok=True)
    return directory


@dataclass
class Offline:
    """Requests a page made that were not to the loopback address, and were refused."""

    blocked: list[tuple[str, str]] = field(default_factory=list)

    async def route(self, route: Route) -> None:
        request = route.request
        if urlsplit(request.url).hostname in LOOPBACK:
            await route.continue_()
            return
        self.blocked.append((request.resource_type, request.url))
        await route.abort()

    def blocked_but_images(self) -> list[tuple[str, str]]:
        """ReDoc shows its maker's logo from their CDN, and hides it when that fails."""
        return [(kind, url) for kind, url in self.blocked if kind != "image"]


@pytest.fixture(scope="module")
async def browser() -> AsyncIterator[Browser]:
    executable = chromium_path()
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=executable, headless=True)
        yield launched
        await launched.close()


async def offline_page(browser: Browser) -> tuple[Page, Offline]:
    context = await browser.new_context()
    offline = Offline()
    await context.route("**/*", offline.route)
    return await context.new_page(), offline


async def authorize(page: Page, server: DemoServer) -> None:
    """Swagger UI's Authorize dialog: the demo client by client credentials, the demo
    subdomain in its header."""
    await page.click("button.authorize")
    dialog = page.locator(".modal-ux")
    await dialog.wait_for()
    assert "BearerAuth (OAuth2, clientCredentials)" in await dialog.inner_text()
    assert "X-Clarus-Subdomain" in await dialog.inner_text()
    await page.fill("#client_id_clientCredentials", server.client_id)
    await page.fill("#client_secret_clientCredentials", server.client_secret)
    await dialog.get_by_role("button", name="Apply given OAuth2 credentials").first.click()
    await dialog.get_by_role("button", name="Remove authorization").first.wait_for()
    await page.fill("#api_key_value", "demo")
    await dialog.get_by_role("button", name="Apply credentials").click()
    await dialog.get_by_role("button", name="Remove authorization").nth(1).wait_for()
    await dialog.locator(".btn-done").first.click()


async def run_graphql_operation(page: Page, query: str) -> tuple[str, str]:
    """`POST /graphql` through Swagger UI's Try it out; the status and body it shows."""
    operation = page.locator(".opblock-post", has=page.locator('[data-path="/graphql"]'))
    await operation.locator(".opblock-summary").click()
    await operation.locator("button.try-out__btn").click()
    await operation.locator("textarea.body-param__text").fill(json.dumps({"query": query}))
    await operation.locator("button.execute").click()
    live = operation.locator(".live-responses-table .response")
    await live.wait_for()
    status = await live.locator(".response-col_status").inner_text()
    body = await live.locator(".response-col_description pre").first.inner_text()
    return status.strip(), body


async def test_swagger_ui_works_offline_and_authorizes_with_the_demo_client(
    browser: Browser, server: DemoServer, screenshots: Path
) -> None:
    page, offline = await offline_page(browser)
    await page.goto(f"{server.base_url}/docs")
    await page.locator(".opblock").first.wait_for()
    assert await page.locator(".opblock").count() > 50
    await authorize(page, server)
    status, body = await run_graphql_operation(
        page, "{ accounts { all { edges { node { code } } } } }"
    )
    await page.screenshot(path=screenshots / "docs.png", full_page=True)
    assert status == "200"
    assert json.loads(body)["data"] == {
        "accounts": {"all": {"edges": [{"node": {"code": "DEMO"}}]}}
    }
    assert offline.blocked == []


async def test_redoc_renders_offline(
    browser: Browser, server: DemoServer, screenshots: Path
) -> None:
    page, offline = await offline_page(browser)
    await page.goto(f"{server.base_url}/redoc")
    await page.locator(".api-content h1").first.wait_for()
    await page.screenshot(path=screenshots / "redoc.png")
    assert (
        await page.locator(".api-content h1").first.inner_text()
        == f"Clarus WMS API ({__version__})"
    )
    assert await page.locator(".menu-content li").count() > 50
    assert offline.blocked_but_images() == []


async def test_graphiql_renders_offline(
    browser: Browser, server: DemoServer, screenshots: Path
) -> None:
    page, offline = await offline_page(browser)
    await page.goto(f"{server.base_url}/graphql")
    await page.locator(".graphiql-query-editor .CodeMirror").wait_for()
    await page.screenshot(path=screenshots / "graphiql.png")
    assert await page.locator(".graphiql-execute-button").count() == 1
    headers = await page.locator(".graphiql-editor-tool .CodeMirror").last.inner_text()
    assert '"Authorization": "Bearer <access token>",' in headers
    assert '"X-Clarus-Subdomain": "<your subdomain>"' in headers
    assert offline.blocked == []


async def test_graphiql_runs_a_query_offline(
    browser: Browser, server: DemoServer, screenshots: Path
) -> None:
    """With the demo client's token in its headers, GraphiQL's run button answers the query."""
    async with httpx.AsyncClient(base_url=server.base_url, trust_env=False) as http:
        granted = await http.post(
            "/oauth/token",
            data={"grant_type": "client_credentials"},
            auth=(server.client_id, server.client_secret),
        )
    assert granted.status_code == 200, granted.text
    headers = {
        "Authorization": f"Bearer {granted.json()['access_token']}",
        "X-Clarus-Subdomain": "demo",
    }
    query = {
        "q": "{ accounts { all { edges { node { code } } } } }",
        "headers": json.dumps(headers),
    }
    page, offline = await offline_page(browser)
    await page.goto(f"{server.base_url}/graphql?{urlencode(query, quote_via=quote)}")
    await page.locator(".graphiql-execute-button").click()
    result = page.locator(".graphiql-response .CodeMirror")
    await result.get_by_text('"DEMO"').wait_for()
    await page.screenshot(path=screenshots / "graphiql-query.png")
    assert offline.blocked == []
