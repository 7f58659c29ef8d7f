"""The office app in a real Chromium against a real `clarus serve --demo`, signed in as the
demo's supervisor: create an order through the form, find it in the list, open its record page,
hold it; a form with a mistake shows the message beside its field; the keyboard reaches every
filter of a list; no page breaks its content security policy. Screenshots go to
`test-artifacts/screens/`."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.api.app.browsing import SignedInPage
from tests.serving import DemoServer

PRODUCT_CODE = "OFFICE-MUG"


async def demo_product(server: DemoServer) -> None:
    """A product of the demo tenant, made over the REST API with the demo's client."""
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
        unit = await http.post(
            "/api/stock_unit_types",
            json={
                "data": {"type": "stock_unit_types", "attributes": {"code": "EA", "name": "Each"}}
            },
            headers=headers,
        )
        assert unit.status_code == 200, unit.text
        made = await http.post(
            "/api/products",
            json={
                "data": {
                    "type": "products",
                    "attributes": {
                        "code": PRODUCT_CODE,
                        "description": "Mug",
                        "stock_unit_type_id": int(unit.json()["data"]["id"]),
                    },
                }
            },
            headers=headers,
        )
        assert made.status_code == 200, made.text


async def test_the_supervisor_creates_an_order_finds_it_and_opens_it(
    supervisor_page: SignedInPage, screens: Path
) -> None:
    page, console, server = supervisor_page.page, supervisor_page.console, supervisor_page.server
    await demo_product(server)
    await page.get_by_role("navigation", name="Main").get_by_role("link", name="Orders").click()
    await page.get_by_role("heading", name="Orders").wait_for()
    await page.get_by_role("link", name="New order").click()
    await page.get_by_role("heading", name="New order").wait_for()
    await page.get_by_label("Account").select_option(index=1)
    await page.get_by_label("Warehouse").select_option(index=1)
    await page.get_by_label("Reference").fill("BROWSER-1")
    await page.get_by_label("Product code 1").fill("NO-SUCH")
    await page.get_by_label("Quantity 1").fill("2")
    await page.get_by_role("button", name="Save").click()
    await page.get_by_text("No product has the code NO-SUCH.").wait_for()
    assert await page.get_by_label("Product code 1").get_attribute("aria-invalid") == "true"
    assert "required" in await page.locator("#due-error").inner_text()
    await page.screenshot(path=screens / "office-order-form-errors.png", full_page=True)
    await page.get_by_label("Due to dispatch (UTC)").fill("2026-12-09T10:00")
    await page.get_by_label("Product code 1").fill(PRODUCT_CODE)
    await page.get_by_role("button", name="Save").click()
    await page.get_by_role("heading", name="Order BROWSER-1").wait_for()
    await page.screenshot(path=screens / "office-order-record.png", full_page=True)

    await page.goto(supervisor_page.url("/office/orders"))
    await page.get_by_label("Search").fill("browser")
    await page.get_by_label("Search").press("Enter")
    link = page.get_by_role("link", name="BROWSER-1")
    await link.wait_for()
    await page.screenshot(path=screens / "office-order-list.png", full_page=True)
    await link.click()
    await page.get_by_role("heading", name="Order BROWSER-1").wait_for()
    await page.get_by_role("button", name="Hold (back to draft)").click()
    await page.get_by_text("The order is held as a draft.").wait_for()
    assert await page.locator(".facts dd").first.inner_text() == "Draft"
    assert [text for text in console.errors() if "422" not in text] == []


async def test_the_keyboard_reaches_every_filter_of_a_list_in_order(
    supervisor_page: SignedInPage, screens: Path
) -> None:
    page, console = supervisor_page.page, supervisor_page.console
    await page.goto(supervisor_page.url("/office/orders"))
    await page.get_by_label("Search").focus()
    reached: list[str] = []
    while "rows" not in reached and len(reached) < 30:
        focused = await page.evaluate("document.activeElement.id")
        if not reached or reached[-1] != focused:
            reached.append(focused)
        await page.keyboard.press("Tab")
    assert reached == ["q", "status", "account", "warehouse", "from", "to", "rows"]
    await page.goto(supervisor_page.url("/office/stock/locations"))
    await page.get_by_role("heading", name="Stock by location").wait_for()
    await page.screenshot(path=screens / "office-stock-by-location.png", full_page=True)
    assert console.errors() == []
