"""Baskets and manual lines: refusals that change nothing, bulk delete, another tenant's ids."""

from __future__ import annotations

from typing import Any

from clarus.core.db import Database
from tests.billing.factories import card, created, gbp
from tests.support import ApiClientFactory, Caller, resource_body, row_counts


async def _open_basket(caller: Caller) -> tuple[int, str]:
    account_id = int((await caller.create_account())["id"])
    await gbp(caller)
    card_id = await card(caller, account_id)
    basket = await created(
        caller,
        "charge_baskets",
        account_id=account_id,
        charge_card_id=card_id,
        start_at="2026-03-01T00:00:00Z",
    )
    return account_id, basket["id"]


async def _manual_line(caller: Caller, basket_id: str, **attributes: Any) -> dict[str, Any]:
    return await created(
        caller,
        "charge_lines",
        charge_basket_id=int(basket_id),
        charge_type="SUNDRY",
        **{"code": "ADMIN", "name": "Admin fee", "quantity": 3, "price": 8.335, **attributes},
    )


async def _generate(caller: Caller, *ids: int) -> Any:
    return await caller.http.post(
        "/api/charge_baskets/generate_invoice", json={"ids": list(ids)}, headers=caller.headers()
    )


async def test_manual_line_total_is_rounded_half_up(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    account_id, basket_id = await _open_basket(caller)
    line = await _manual_line(caller, basket_id)
    attributes = line["attributes"]
    assert (attributes["account_id"], attributes["total"]) == (account_id, 25.01)
    changed = await caller.patch(
        f"/api/charge_lines/{line['id']}", resource_body("charge_lines", quantity=1)
    )
    assert changed.json()["data"]["attributes"]["total"] == 8.34


async def test_generating_from_an_open_basket_is_refused(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    _, basket_id = await _open_basket(caller)
    await _manual_line(caller, basket_id)
    before = await row_counts(db, caller.tenant_id)
    response = await _generate(caller, int(basket_id))
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert (error["symbol"], error["context"]["pointer"]) == ("charge_basket_open", "/ids/0")
    assert await row_counts(db, caller.tenant_id) == before


async def test_invoiced_lines_are_frozen(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    _, basket_id = await _open_basket(caller)
    kept = await _manual_line(caller, basket_id)
    spare = await _manual_line(caller, basket_id, code="SPARE")
    other = await _manual_line(caller, basket_id, code="OTHER")
    gone = await caller.delete(f"/api/charge_lines?ids={spare['id']},{other['id']}")
    assert gone.status_code == 204
    closing = await caller.patch(
        f"/api/charge_baskets/{basket_id}", resource_body("charge_baskets", status="CLOSED")
    )
    assert closing.status_code == 200
    frozen = await caller.patch(
        f"/api/charge_baskets/{basket_id}", resource_body("charge_baskets", status="OPEN")
    )
    assert frozen.json()["errors"][0]["symbol"] == "charge_basket_closed"
    assert (await _generate(caller, int(basket_id))).status_code == 200
    before = await row_counts(db, caller.tenant_id)
    for response in (
        await caller.delete(f"/api/charge_lines?ids={kept['id']}"),
        await caller.delete(f"/api/charge_lines/{kept['id']}"),
        await caller.patch(
            f"/api/charge_lines/{kept['id']}", resource_body("charge_lines", price=1)
        ),
        await _generate(caller, int(basket_id)),
        await caller.delete(f"/api/charge_baskets/{basket_id}"),
    ):
        assert response.status_code == 422, response.text
        assert response.json()["errors"][0]["symbol"] in {
            "charge_line_invoiced",
            "charge_basket_invoiced",
        }
    assert await row_counts(db, caller.tenant_id) == before


async def test_another_tenants_basket_is_missing(clients: ApiClientFactory, db: Database) -> None:
    owner, other = await clients.new(), await clients.new()
    _, basket_id = await _open_basket(owner)
    line = await _manual_line(owner, basket_id)
    await gbp(other)
    before = await row_counts(db, owner.tenant_id)
    theirs = await other.post(
        "/api/charge_lines",
        resource_body(
            "charge_lines", charge_basket_id=int(basket_id), code="X", name="X", charge_type="PICK"
        ),
    )
    missing = await other.post(
        "/api/charge_lines",
        resource_body(
            "charge_lines", charge_basket_id=999999, code="X", name="X", charge_type="PICK"
        ),
    )
    assert theirs.status_code == missing.status_code == 422
    assert theirs.json()["errors"][0]["symbol"] == missing.json()["errors"][0]["symbol"]
    bulk = await other.delete(f"/api/charge_lines?ids={line['id']}")
    assert bulk.status_code == 422
    assert bulk.json()["errors"][0]["symbol"] == "invalid_ids_provided"
    assert (await _generate(other, int(basket_id))).status_code == 422
    assert await row_counts(db, owner.tenant_id) == before
    listed = await other.graphql("{ charge_lines { all { edges { node { id } } } } }")
    assert listed["data"]["charge_lines"]["all"]["edges"] == []
