"""The handheld flows in a real Chromium against a real `clarus serve --demo`, as an operator's
scanner works them: the demo operator receives a receipt by typing barcodes and Enter, puts it
away in the offered location, and picks an order (made through the REST API) one short, with a
reason; and replenishes a pick face, one wrong scan first. Screenshots of each screen go to
test-artifacts/screens/."""

from __future__ import annotations

from pathlib import Path

from tests.api.app.browsing import SignedInPage, ready_to_scan
from tests.api.app.test_handheld_receive import product_code
from tests.api.app.test_handheld_replenish import face_to_fill, location_code
from tests.inbound.factories import stockholding
from tests.inbound.receiving import Dock, new_receipt
from tests.masterdata.test_reason_codes import create_reason_code
from tests.outbound.test_fulfilment import PROCESS, new_order, order_tasks
from tests.stockcontrol.rules import putaway_rule
from tests.support import Caller, resource_body


async def location_type_id(caller: Caller, code: str) -> int:
    """The demo's location type of `code` (the one a new one's code clashes with), made when
    it has none."""
    response = await caller.post(
        "/api/location_types", resource_body("location_types", code=code, name=code)
    )
    if response.status_code == 200:
        return int(response.json()["data"]["id"])
    [error] = response.json()["errors"]
    assert error["symbol"] == "code_taken", response.text
    return int(error["context"]["existing_id"])


async def demo_dock(caller: Caller) -> Dock:
    """A new account, warehouse and product in the demo tenant, with a goods in bay, a goods
    out bay and a shelf, A-01-01."""
    stock = await stockholding(caller)
    locations = {}
    for code, kind in (("GOODS-IN", "GIBAY"), ("GOODS-OUT", "GOBAY"), ("A-01-01", "SHELF")):
        type_id = await location_type_id(caller, kind)
        made = await caller.create_location(
            code, warehouse_id=stock.warehouse_id, location_type_id=type_id
        )
        locations[code] = int(made["id"])
    return Dock(stock, locations["GOODS-IN"], locations["A-01-01"])


async def test_receive_put_away_and_pick_by_scanning(
    operator_page: SignedInPage, demo_api: Caller, screens: Path
) -> None:
    page, console = operator_page.page, operator_page.console
    where = await demo_dock(demo_api)
    await putaway_rule(demo_api, where.stock.account_id, "code", "asc")
    code = await product_code(demo_api, where.stock.product_id)
    await new_receipt(demo_api, where, {"expected_quantity": 10}, reference="PO-BROWSER")

    await page.goto(operator_page.url("/handheld/receive"))
    await ready_to_scan(page, "reference")
    await page.keyboard.type("PO-BROWSER")
    await page.keyboard.press("Enter")
    await page.get_by_label("Scan the product").wait_for()
    await ready_to_scan(page, "scan")
    await page.screenshot(path=screens / "handheld-receive-product.png", full_page=True)
    await page.keyboard.type(code)
    await page.keyboard.press("Tab")
    await page.keyboard.type("10")
    await page.keyboard.press("Enter")
    notice = page.get_by_role("status")
    assert await notice.inner_text() == f"Received 10 of {code}."
    await page.screenshot(path=screens / "handheld-received.png", full_page=True)

    await page.goto(operator_page.url("/handheld/put-away"))
    assert await page.locator("dd").nth(3).inner_text() == "A-01-01"
    await ready_to_scan(page, "product")
    await page.screenshot(path=screens / "handheld-put-away.png", full_page=True)
    await page.keyboard.type("WRONG")
    await page.keyboard.press("Tab")
    await page.keyboard.type("A-01-01")
    await page.keyboard.press("Enter")
    assert await page.get_by_role("alert").inner_text() == f"This is not {code}: scan {code}."
    await page.screenshot(path=screens / "handheld-put-away-wrong-scan.png", full_page=True)
    await ready_to_scan(page, "product")
    await page.keyboard.type(code)
    await page.keyboard.press("Tab")
    await page.keyboard.type("A-01-01")
    await page.keyboard.press("Enter")
    assert await page.get_by_role("status").inner_text() == f"Put 10 of {code} away in A-01-01."

    reason = await create_reason_code(
        demo_api, code="BROWSER-DMG", name="Damaged", reason_type="short_order_lines"
    )
    order = await new_order(demo_api, where, 5, reference="SO-BROWSER")
    assert (await demo_api.post(PROCESS, {"ids": [order["id"]]})).status_code == 200
    await page.goto(operator_page.url("/handheld/pick"))
    await page.screenshot(path=screens / "handheld-pick.png", full_page=True)
    await ready_to_scan(page, "location")
    await page.keyboard.type("A-01-01")
    await page.keyboard.press("Tab")
    await page.keyboard.type(code)
    await page.get_by_label("Quantity").fill("4")
    await page.get_by_label("Reason, when picking less").select_option(str(reason["id"]))
    await page.get_by_role("button", name="OK").click()
    assert await page.get_by_role("status").inner_text() == f"Picked 4 of {code}."
    await page.screenshot(path=screens / "handheld-picked-short.png", full_page=True)
    [pick] = await order_tasks(demo_api, order["id"], "PICK")
    assert (pick["status"], pick["confirmed_quantity"]) == ("COMPLETED", 4)
    assert [text for text in console.errors() if "status of 422" not in text] == []


async def test_replenish_by_scanning(
    operator_page: SignedInPage, demo_api: Caller, screens: Path
) -> None:
    page, console = operator_page.page, operator_page.console
    where, task_id = await face_to_fill(demo_api)
    code = await product_code(demo_api, where.product_id)
    reserve = await location_code(demo_api, where.reserve_ids[0])
    face = await location_code(demo_api, where.pick_face_id)

    await page.goto(operator_page.url("/handheld/replenish"))
    assert await page.locator("dd").nth(3).inner_text() == face
    await ready_to_scan(page, "location")
    await page.screenshot(path=screens / "handheld-replenish.png", full_page=True)
    await page.keyboard.type(face)
    await page.keyboard.press("Tab")
    await page.keyboard.type(code)
    await page.get_by_label("Scan the pick face").fill(face)
    await page.get_by_label("Scan the pick face").press("Enter")
    assert (
        await page.get_by_role("alert").inner_text() == f"This is not {reserve}: go to {reserve}."
    )
    await page.screenshot(path=screens / "handheld-replenish-wrong-scan.png", full_page=True)
    await ready_to_scan(page, "location")
    await page.keyboard.type(reserve)
    await page.keyboard.press("Tab")
    await page.keyboard.type(code)
    await page.keyboard.press("Tab")
    await page.keyboard.press("Tab")
    await page.keyboard.type(face)
    await page.keyboard.press("Enter")
    notice = page.get_by_role("status")
    assert await notice.inner_text() == f"Brought 20 of {code} from {reserve} to {face}."
    await page.screenshot(path=screens / "handheld-replenished.png", full_page=True)
    assert await page.locator(f'form[action$="/replenish/{task_id}"]').count() == 0
    assert [text for text in console.errors() if "status of 422" not in text] == []
