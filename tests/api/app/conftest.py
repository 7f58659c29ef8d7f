"""The browser test harness of the operator app: a real `clarus serve --demo` process per test
module, the system's Chromium driven by Playwright, and where screenshots go:
`test-artifacts/screens/` (not committed)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Browser, async_playwright

from tests.api.app.browsing import SignedInPage, signed_in_page
from tests.api.test_docs_offline import chromium_path
from tests.serving import DemoServer, demo_server
from tests.support import Caller

SCREENS = Path(__file__).parents[3] / "test-artifacts" / "screens"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    with demo_server(tmp_path_factory.mktemp("app-server")) as running:
        yield running


@pytest.fixture(scope="module")
async def chromium() -> AsyncIterator[Browser]:
    executable = chromium_path()
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=executable, headless=True)
        yield launched
        await launched.close()


@pytest.fixture(scope="module")
def screens() -> Path:
    SCREENS.mkdir(parents=True, exist_ok=True)
    return SCREENS


@pytest.fixture
async def operator_page(chromium: Browser, server: DemoServer) -> SignedInPage:
    """A handheld's page signed in as the demo's operator, on the handheld menu."""
    page, console = await signed_in_page(chromium, server, "operator")
    return SignedInPage(page, console, server)


@pytest.fixture
async def supervisor_page(chromium: Browser, server: DemoServer) -> SignedInPage:
    """A desk's page signed in as the demo's supervisor, on the office dashboard."""
    page, console = await signed_in_page(chromium, server, "supervisor")
    return SignedInPage(page, console, server)


@pytest.fixture
async def demo_api(server: DemoServer) -> AsyncIterator[Caller]:
    """The demo tenant's API client, calling the running server."""
    async with httpx.AsyncClient(base_url=server.base_url, timeout=30) as http:
        caller = Caller(http, "demo", 0, server.client_id, server.client_secret)
        await caller.fetch_token()
        yield caller
