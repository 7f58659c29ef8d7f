"""The operator app's whole walk in a real Chromium against a real `clarus serve --demo`, whose
own webhook worker sends to a receiver this test starts: the supervisor creates an order in the
office app, allocates it and releases it to picking; the operator picks it on the handheld one
short, with a reason, and dispatches it by scanning the goods out bay; the supervisor sees it
COMPLETED on its record page with the webhook delivery of its completion listed. Then the
operator counts the shelf short on the handheld and the supervisor resolves the difference in
the office app. Screenshots of each screen go to `test-artifacts/screens/`."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.async_api import Page

from tests.api.app.browsing import SignedInPage, ready_to_scan
from tests.api.app.test_browser_handheld import location_type_id
from tests.api.app.test_handheld_receive import product_code
from tests.inbound.factories import stockholding
from tests.inbound.receiving import Dock
from tests.masterdata.test_reason_codes import create_reason_code
from tests.outbound.test_fulfilment import order_state, stocked
from tests.serving import DemoServer, demo_server
from tests.support import Caller
from tests.webhooks.receiver import Receiver
from tests.webhooks.support import automation_body, condition, webhook_action

SHELF = "WALK-01-01"
GOODS_OUT = "WALK-OUT"
REFERENCE = "WALK-1"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    """A demo server whose webhook worker may send to this machine (the receiver)."""
    allowed = {"CLARUS_WEBHOOK_ALLOW_PRIVATE_TARGETS": "true"}
    with demo_server(tmp_path_factory.mktemp("walk-server"), allowed) as running:
        yield running


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    started = Receiver()
    started.start()
    yield started
    started.stop()


@pytest.fixture
async def walk_dock(demo_api: Caller) -> Dock:
    """A new account (dispatched by hand: `manual`) and warehouse of the demo tenant with 10 of
    a product on a shelf, a goods in and a goods out bay."""
    stock = await stockholding(demo_api)
    manual = await demo_api.patch(
        f"/api/accounts/{stock.account_id}",
        {"data": {"type": "accounts", "attributes": {"dispatch_strategy": "manual"}}},
    )
    assert manual.status_code == 200, manual.text
    places = {}
    for code, kind in (("WALK-IN", "GIBAY"), (GOODS_OUT, "GOBAY"), (SHELF, "SHELF")):
        made = await demo_api.create_location(
            code,
            warehouse_id=stock.warehouse_id,
            location_type_id=await location_type_id(demo_api, kind),
        )
        places[code] = int(made["id"])
    where = Dock(stock, places["WALK-IN"], places[SHELF])
    await stocked(demo_api, where, 10)
    return where


async def shot(page: Page, screens: Path, name: str) -> None:
    await page.screenshot(path=screens / f"walk-{name}.png", full_page=True)


async def create_order_in_the_office(
    office: SignedInPage, where: Dock, code: str, screens: Path
) -> int:
    page = office.page
    await page.goto(office.url("/office/orders/new"))
    await page.get_by_role("heading", name="New order").wait_for()
    await page.get_by_label("Account").select_option(str(where.stock.account_id))
    await page.get_by_label("Warehouse").select_option(str(where.stock.warehouse_id))
    await page.get_by_label("Reference").fill(REFERENCE)
    await page.get_by_label("Due to dispatch (UTC)").fill("2026-12-09T10:00")
    await page.get_by_label("Product code 1").fill(code)
    await page.get_by_label("Quantity 1").fill("5")
    await shot(page, screens, "01-office-new-order")
    await page.get_by_role("button", name="Save").click()
    await page.get_by_role("heading", name=f"Order {REFERENCE}").wait_for()
    await page.get_by_role("button", name="Allocate stock").click()
    await page.get_by_text("Allocation ran; the status shows what it reserved.").wait_for()
    assert await page.locator(".facts dd").first.inner_text() == "Allocated"
    await shot(page, screens, "02-office-order-allocated")
    await page.get_by_role("button", name="Release to picking").click()
    await page.get_by_text("Released to picking: its pick tasks wait on the handhelds.").wait_for()
    assert await page.locator(".facts dd").first.inner_text() == "Picking"
    return int(page.url.split("/office/orders/")[1].split("?")[0])


async def pick_one_short(operator: SignedInPage, code: str, reason_id: int, screens: Path) -> None:
    page = operator.page
    await page.goto(operator.url("/handheld/pick"))
    assert await page.locator(".facts dd").all_inner_texts() == [REFERENCE, SHELF, code, "5"]
    await ready_to_scan(page, "location")
    await shot(page, screens, "03-handheld-pick")
    await page.keyboard.type(SHELF)
    await page.keyboard.press("Tab")
    await page.keyboard.type(code)
    await page.get_by_label("Quantity").fill("4")
    await page.get_by_label("Reason, when picking less").select_option(str(reason_id))
    await page.get_by_role("button", name="OK").click()
    assert await page.get_by_role("status").inner_text() == f"Picked 4 of {code}."
    await shot(page, screens, "04-handheld-picked-short")


async def dispatch_by_scanning(operator: SignedInPage, code: str, screens: Path) -> None:
    page = operator.page
    await page.goto(operator.url("/handheld"))
    await page.get_by_role("link", name="Dispatch").click()
    assert await page.locator(".facts dd").all_inner_texts() == [REFERENCE, GOODS_OUT, code, "4"]
    await ready_to_scan(page, "location")
    await shot(page, screens, "05-handheld-dispatch")
    await page.keyboard.type(SHELF)
    await page.keyboard.press("Enter")
    wrong = f"This is not {GOODS_OUT}: go to {GOODS_OUT}."
    assert await page.get_by_role("alert").inner_text() == wrong
    await ready_to_scan(page, "location")
    await page.keyboard.type(GOODS_OUT)
    await page.keyboard.press("Enter")
    done = f"Dispatched 4 of {code} for {REFERENCE}."
    assert await page.get_by_role("status").inner_text() == done
    await shot(page, screens, "06-handheld-dispatched")


async def delivery_rows(office: SignedInPage, order_id: int) -> list[str]:
    """The webhook deliveries the order's record page lists, each row's cells tab-joined, once
    one is listed as sent (the server's worker polls every second), or after 30 seconds."""
    page = office.page
    rows = page.get_by_role("region", name="Webhook deliveries").locator("tbody tr")
    for _ in range(60):
        await page.goto(office.url(f"/office/orders/{order_id}"))
        texts = ["\t".join(await row.locator("td").all_inner_texts()) for row in await rows.all()]
        if any("succeeded" in text for text in texts):
            return texts
        await asyncio.sleep(0.5)
    return texts


async def count_short(operator: SignedInPage, code: str, screens: Path) -> None:
    page = operator.page
    await page.goto(operator.url("/handheld/count"))
    await ready_to_scan(page, "location")
    await page.keyboard.type(SHELF)
    await page.keyboard.press("Enter")
    await page.get_by_label("Scan the product").wait_for()
    await ready_to_scan(page, "product")
    await shot(page, screens, "08-handheld-count")
    await page.keyboard.type(code)
    await page.keyboard.press("Tab")
    await page.keyboard.type("5")
    await page.keyboard.press("Enter")
    assert await page.get_by_role("status").inner_text() == f"Counted 5 of {code}."
    await page.get_by_label("Then").select_option("finish")
    await page.get_by_role("button", name="OK").click()
    finished = (
        f"The count of {SHELF} is finished: it differs from the stock, the office will resolve it."
    )
    assert await page.get_by_role("status").inner_text() == finished
    await shot(page, screens, "09-handheld-counted-short")


async def resolve_in_the_office(
    office: SignedInPage, code: str, reason_id: int, screens: Path
) -> None:
    page = office.page
    await (
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Stock checks").click()
    )
    await page.get_by_role("heading", name="Stock checks").wait_for()
    [row] = await page.locator("tbody tr").all()
    cells = await row.locator("td").all_inner_texts()
    assert cells[1:7] == [SHELF, code, "", "5", "6", "-1"]
    await shot(page, screens, "10-office-stock-checks")
    await page.get_by_role("button", name=f"Resolve {code} in {SHELF}").click()
    alert = page.get_by_role("alert")
    assert await alert.inner_text() == "Choose a reason (of type stock_check) to resolve it."
    await page.get_by_label(f"Reason for {code} in {SHELF}").select_option(str(reason_id))
    await page.get_by_role("button", name=f"Resolve {code} in {SHELF}").click()
    await page.get_by_text("Resolved: the difference is posted to the stock.").wait_for()
    assert await page.get_by_text("No count waits to be resolved.").is_visible()
    await shot(page, screens, "11-office-stock-check-resolved")


async def test_an_order_from_the_office_to_dispatch_and_a_short_count_resolved(
    operator_page: SignedInPage,
    supervisor_page: SignedInPage,
    demo_api: Caller,
    walk_dock: Dock,
    receiver: Receiver,
    screens: Path,
) -> None:
    code = await product_code(demo_api, walk_dock.stock.product_id)
    short = await create_reason_code(
        demo_api, code="WALK-SHORT", name="Not found", reason_type="short_order_lines"
    )
    miscount = await create_reason_code(
        demo_api, code="WALK-COUNT", name="Miscount", reason_type="stock_check"
    )
    tell_the_shop = automation_body(
        conditions_changes=[condition(value=str(walk_dock.stock.account_id))],
        actions_changes=[webhook_action(receiver.url)],
    )
    automation = await demo_api.post("/api/automations", tell_the_shop)
    assert automation.status_code == 200, automation.text

    order_id = await create_order_in_the_office(supervisor_page, walk_dock, code, screens)
    await pick_one_short(operator_page, code, short["id"], screens)
    assert (await order_state(demo_api, order_id))["goods_out_status"] == {"code": "PICK"}
    await dispatch_by_scanning(operator_page, code, screens)

    deliveries = await delivery_rows(supervisor_page, order_id)
    office = supervisor_page.page
    assert await office.locator(".facts dd").first.inner_text() == "Completed"
    assert deliveries == ["completed\tsucceeded\t1\t200"]
    await shot(office, screens, "07-office-order-completed")
    assert await asyncio.to_thread(receiver.wait_for, 1, 5)
    [sent] = [json.loads(body) for body in receiver.bodies()]
    assert (sent["data"]["id"], sent["data"]["reference"]) == (order_id, REFERENCE)

    await count_short(operator_page, code, screens)
    await resolve_in_the_office(supervisor_page, code, miscount["id"], screens)
    stock = await demo_api.graphql(
        "query($f: StockFilterType) { stocks { all(filter: $f) { edges { node { quantity } } } } }",
        {"f": {"location_id": {"eq": str(walk_dock.shelf_id)}}},
    )
    assert [edge["node"]["quantity"] for edge in stock["data"]["stocks"]["all"]["edges"]] == [5.0]
    for watched in (operator_page, supervisor_page):
        assert [text for text in watched.console.errors() if "status of 422" not in text] == []
