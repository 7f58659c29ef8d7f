"""The operator app in a real Chromium against a real `clarus serve --demo`: signing in and
out, a wrong password's message, the handheld menu on a 360px screen, and no page breaking its
content security policy."""

from __future__ import annotations

from pathlib import Path

from playwright.async_api import Browser

from tests.api.app.browsing import (
    DEMO_ROOT,
    SignedInPage,
    new_page,
    ready_to_scan,
    sign_in_through_the_form,
)
from tests.serving import DemoServer


async def test_the_supervisor_signs_in_to_the_dashboard_and_out(
    supervisor_page: SignedInPage, screens: Path
) -> None:
    page, console, server = supervisor_page.page, supervisor_page.console, supervisor_page.server
    assert page.url == f"{server.base_url}{DEMO_ROOT}/office"
    await page.get_by_role("heading", name="Dashboard").wait_for()
    assert await page.get_by_text("Signed in as Demo supervisor").is_visible()
    await page.screenshot(path=screens / "office-dashboard.png", full_page=True)
    await page.get_by_role("button", name="Sign out").click()
    await page.get_by_text("You are signed out.").wait_for()
    assert page.url == f"{server.base_url}{DEMO_ROOT}/sign-in?signed_out=true"
    await page.goto(f"{server.base_url}{DEMO_ROOT}/office")
    assert page.url == f"{server.base_url}{DEMO_ROOT}/sign-in"
    assert console.errors() == []


async def test_the_operator_gets_the_handheld_menu_on_a_small_screen(
    operator_page: SignedInPage, screens: Path
) -> None:
    page, console = operator_page.page, operator_page.console
    assert page.url == operator_page.url("/handheld")
    buttons = page.locator(".menu-item")
    assert await buttons.all_inner_texts() == [
        "Receive",
        "Put away",
        "Pick",
        "Dispatch",
        "Move",
        "Count",
        "Replenish",
        "Load",
    ]
    for index in range(await buttons.count()):
        box = await buttons.nth(index).bounding_box()
        assert box is not None
        assert box["height"] >= 48
        assert box["x"] + box["width"] <= 360
    width = await page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    await page.screenshot(path=screens / "handheld-menu.png", full_page=True)
    assert console.errors() == []


async def test_a_wrong_password_shows_a_clear_message(
    chromium: Browser, server: DemoServer, screens: Path
) -> None:
    page, console = await new_page(chromium)
    await sign_in_through_the_form(page, server, "operator@demo.example.com", "wrong password")
    alert = page.get_by_role("alert")
    assert await alert.inner_text() == "Wrong email or password."
    assert await page.get_by_label("Email").input_value() == "operator@demo.example.com"
    await ready_to_scan(page, "password")
    await page.screenshot(path=screens / "sign-in-wrong-password.png", full_page=True)
    assert [text for text in console.errors() if "401" not in text] == []


async def test_the_sign_in_page_focuses_the_email_and_is_keyboard_usable(
    chromium: Browser, server: DemoServer, screens: Path
) -> None:
    page, console = await new_page(chromium)
    await page.goto(f"{server.base_url}{DEMO_ROOT}/sign-in")
    await ready_to_scan(page, "email")
    email, password = server.app_users["operator"]
    await page.keyboard.type(email)
    await page.keyboard.press("Tab")
    await page.keyboard.type(password)
    await page.keyboard.press("Enter")
    await page.locator(".menu").wait_for()
    await page.screenshot(path=screens / "sign-in.png")
    assert page.url == f"{server.base_url}{DEMO_ROOT}/handheld"
    assert console.errors() == []
