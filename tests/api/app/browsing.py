"""Driving the operator app in a real browser: pages of their own cookies, a handheld's or a
desk's screen, signed in as the demo's operator or supervisor (the fixtures are in
`conftest.py`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from playwright.async_api import Browser, ConsoleMessage, Page

from tests.serving import DemoServer

HANDHELD_VIEWPORT = {"width": 360, "height": 740}
OFFICE_VIEWPORT = {"width": 1280, "height": 800}
DEMO_ROOT = "/app/demo"


@dataclass
class ConsoleWatch:
    """What a page wrote to the console: a CSP violation shows here."""

    messages: list[str] = field(default_factory=list)

    def record(self, message: ConsoleMessage) -> None:
        self.messages.append(f"{message.type}: {message.text}")

    def errors(self) -> list[str]:
        return [text for text in self.messages if text.startswith("error")]


async def new_page(chromium: Browser, *, handheld: bool = True) -> tuple[Page, ConsoleWatch]:
    """A page in a fresh browser context (its own cookies), a handheld's screen or a desk's."""
    context = await chromium.new_context(
        viewport=HANDHELD_VIEWPORT if handheld else OFFICE_VIEWPORT
    )
    page = await context.new_page()
    watch = ConsoleWatch()
    page.on("console", watch.record)
    return page, watch


async def ready_to_scan(page: Page, field_id: str) -> None:
    """Wait until the screen has put the cursor in `field_id`, as a scanner needs before it
    types: autofocus lands after the page loads, later than `goto` returns on a busy machine."""
    await page.wait_for_function(
        "id => document.activeElement !== null && document.activeElement.id === id", arg=field_id
    )


async def sign_in_through_the_form(
    page: Page, server: DemoServer, email: str, password: str
) -> None:
    await page.goto(f"{server.base_url}{DEMO_ROOT}/sign-in")
    await page.get_by_label("Email").fill(email)
    await page.get_by_label("Password").fill(password)
    await page.get_by_role("button", name="Sign in").click()
    await page.wait_for_load_state()


async def signed_in_page(
    chromium: Browser, server: DemoServer, role: str
) -> tuple[Page, ConsoleWatch]:
    """A page signed in as the demo's `operator` (a handheld) or `supervisor` (a desk)."""
    page, watch = await new_page(chromium, handheld=role == "operator")
    email, password = server.app_users[role]
    await sign_in_through_the_form(page, server, email, password)
    return page, watch


@dataclass(frozen=True)
class SignedInPage:
    page: Page
    console: ConsoleWatch
    server: DemoServer

    def url(self, path: str) -> str:
        """The absolute URL of a path below the demo tenant's app (`/handheld/receive`)."""
        return f"{self.server.base_url}{DEMO_ROOT}{path}"
