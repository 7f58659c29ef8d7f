"""Per-shipment and per-package prices (ours): charged from shipments made, packed and handed
to their carrier through HTTP and the shipping worker; each submitted shipment once per price,
to its order's account, whatever the engine replays."""

from __future__ import annotations

from collections import Counter
from typing import Any

from clarus.shipping.worker import ShippingWorker
from tests.billing.activity import charge_all_events
from tests.billing.factories import card, gbp, price
from tests.shipping.factories import (
    DELIVERY_ADDRESS,
    Shipping,
    fulfilled_order_id,
    shipment_body,
    shipping,
    two_boxes,
    with_address,
)
from tests.shipping.test_custom_carrier import new_shipment
from tests.support import ApiClientFactory, Caller

LINES = (
    "query($filter: ChargeLineFilterType) { charge_lines { all(first: 100, filter: $filter) {"
    " edges { node { code unit_of_measure quantity price total description } } } } }"
)
ORDER_ACCOUNT = (
    "query($f: GoodsOutsFilterType) { goods_outs { all(filter: $f) {"
    " edges { node { account_id } } } } }"
)


async def _lines_of(
    caller: Caller, account_id: int, filter_: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    result = await caller.graphql(
        LINES, {"filter": {"account_id": {"eq": str(account_id)}, **(filter_ or {})}}
    )
    assert "errors" not in result, result
    return [edge["node"] for edge in result["data"]["charge_lines"]["all"]["edges"]]


async def _account_of(caller: Caller, order_id: int) -> int:
    result = await caller.graphql(ORDER_ACCOUNT, {"f": {"id": {"eq": str(order_id)}}})
    assert "errors" not in result, result
    [edge] = result["data"]["goods_outs"]["all"]["edges"]
    return int(edge["node"]["account_id"])


async def _submitted(ship: Shipping, worker: ShippingWorker, *shipment_ids: int) -> None:
    for shipment_id in shipment_ids:
        response = await ship.caller.post(f"/api/shipments/{shipment_id}/submit", None)
        assert response.status_code == 200, response.text
    assert await worker.run_once() == Counter({"submitted": len(shipment_ids)})


async def test_submitted_shipments_and_their_packages_are_charged_once(
    clients: ApiClientFactory, shipping_worker: ShippingWorker
) -> None:
    ship = await shipping(clients)
    caller = ship.caller
    account_id = ship.where.stock.account_id
    await gbp(caller)
    card_id = await card(caller, account_id)
    other_carrier = await caller.create("carriers", code="DHL", name="DHL")
    for code, unit, amount, only in (
        ("SHIP", "shipment", 3.5, {}),
        ("PKG", "package", 0.8, {}),
        ("SHIP-DHL", "shipment", 9.99, {"carrier_id": int(other_carrier["data"]["id"])}),
    ):
        await price(
            caller,
            card_id,
            code=code,
            name=code,
            charge_type="PICK",
            unit_of_measure=unit,
            price=amount,
            **only,
        )
    other_order = await fulfilled_order_id(caller, "SO-OTHER")
    other_account = await _account_of(caller, other_order)
    other_card = await card(caller, other_account, code="OTHER")
    await price(
        caller, other_card, code="SHIP", charge_type="PICK", unit_of_measure="shipment", price=5
    )
    await charge_all_events(caller)
    assert await _lines_of(caller, account_id) == []

    first, second = await new_shipment(ship), await new_shipment(ship)
    await new_shipment(ship)
    theirs = await caller.post(
        "/api/shipments",
        with_address(
            shipment_body(
                goods_out_id=other_order,
                carrier_service_id=ship.service_id,
                packages_changes=two_boxes(ship.box_type_id),
            ),
            DELIVERY_ADDRESS,
        ),
    )
    assert theirs.status_code == 200, theirs.text
    await _submitted(ship, shipping_worker, first, second, int(theirs.json()["data"]["id"]))
    cancelled = await caller.post(f"/api/shipments/{first}/cancel", None)
    assert cancelled.status_code == 200, cancelled.text
    assert await shipping_worker.run_once() == Counter({"cancelled": 1})
    assert await charge_all_events(caller) == 5
    assert await charge_all_events(caller) == 0

    lines = await _lines_of(caller, account_id)
    assert sorted(
        (line["code"], line["unit_of_measure"], line["quantity"], line["total"]) for line in lines
    ) == [
        ("PKG", "package", 2.0, 1.6),
        ("PKG", "package", 2.0, 1.6),
        ("SHIP", "shipment", 1.0, 3.5),
        ("SHIP", "shipment", 1.0, 3.5),
    ]
    assert Counter(line["description"] for line in lines) == {
        f"shipment {first} submitted": 2,
        f"shipment {second} submitted": 2,
    }
    of_the_order = await _lines_of(
        caller, account_id, {"goods_out_order_id": {"eq": str(ship.order_id)}}
    )
    assert len(of_the_order) == 4
    [theirs_charged] = await _lines_of(caller, other_account)
    assert (theirs_charged["code"], theirs_charged["total"]) == ("SHIP", 5.0)
