"""Invoice numbers: per tenant, consecutive, never shared or skipped, even when invoices are
generated at the same moment (on PostgreSQL two transactions really race for the counter)."""

from __future__ import annotations

import asyncio

from tests.billing.factories import card, created, gbp
from tests.support import ApiClientFactory, Caller, resource_body


async def _closed_basket_with_a_line(caller: Caller) -> int:
    account_id = int((await caller.create_account())["id"])
    card_id = await card(caller, account_id, code=f"CARD-{account_id}")
    basket = await created(
        caller,
        "charge_baskets",
        account_id=account_id,
        charge_card_id=card_id,
        start_at="2026-03-01T00:00:00Z",
    )
    await created(
        caller,
        "charge_lines",
        charge_basket_id=int(basket["id"]),
        code="ADMIN",
        name="Admin fee",
        charge_type="SUNDRY",
        price=10,
    )
    closing = await caller.patch(
        f"/api/charge_baskets/{basket['id']}", resource_body("charge_baskets", status="CLOSED")
    )
    assert closing.status_code == 200, closing.text
    return int(basket["id"])


async def test_concurrent_generations_get_consecutive_numbers(clients: ApiClientFactory) -> None:
    caller, other = await clients.new(), await clients.new()
    await gbp(caller)
    await gbp(other)
    baskets = [await _closed_basket_with_a_line(caller) for _ in range(4)]
    theirs = await _closed_basket_with_a_line(other)
    responses = await asyncio.gather(
        *(
            caller.http.post(
                "/api/charge_baskets/generate_invoice",
                json={"ids": [basket_id]},
                headers=caller.headers(),
            )
            for basket_id in baskets
        )
    )
    assert [response.status_code for response in responses] == [200] * 4
    numbers = sorted(
        response.json()["data"][0]["attributes"]["document_number"] for response in responses
    )
    assert numbers == ["INV-000001", "INV-000002", "INV-000003", "INV-000004"]
    first_of_other = await other.http.post(
        "/api/charge_baskets/generate_invoice", json={"ids": [theirs]}, headers=other.headers()
    )
    assert first_of_other.json()["data"][0]["attributes"]["document_number"] == "INV-000001"
