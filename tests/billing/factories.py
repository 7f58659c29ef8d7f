"""Billing records made through the REST API."""

from __future__ import annotations

from typing import Any

from tests.support import Caller, resource_body


async def created(caller: Caller, resource_type: str, **attributes: Any) -> dict[str, Any]:
    response = await caller.post(
        f"/api/{resource_type}", resource_body(resource_type, **attributes)
    )
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


async def gbp(caller: Caller) -> int:
    currency = await created(caller, "currencies", code="gbp", name="Pound", default=True)
    return int(currency["id"])


async def tax_type(caller: Caller, code: str, rate: float) -> int:
    made = await created(caller, "tax_types", code=code, description=f"VAT {rate}", rate=rate)
    return int(made["id"])


async def card(caller: Caller, *account_ids: int, code: str = "STANDARD") -> int:
    made = await created(
        caller, "charge_cards", code=code, name="Standard", account_ids=list(account_ids)
    )
    return int(made["id"])


async def price(caller: Caller, card_id: int, **attributes: Any) -> dict[str, Any]:
    return await created(
        caller,
        "charge_prices",
        charge_card_id=card_id,
        quantity=1,
        **{"code": "P", "name": "Price", **attributes},
    )
