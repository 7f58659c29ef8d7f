"""Currencies, tax types and rates, charge cards, prices and windows through REST and their
GraphQL lists."""

from __future__ import annotations

from typing import Any

from clarus.core.db import Database
from tests.billing.factories import card, created, gbp, price, tax_type
from tests.support import ApiClientFactory, events_of, resource_body, row_counts


async def test_currency_is_iso_4217_lowercase_with_its_minor_unit(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    yen = await created(caller, "currencies", code="JPY", name="Yen")
    assert yen["attributes"]["code"] == "jpy"
    assert yen["attributes"]["minor_unit"] == 0
    assert yen["attributes"]["default"] is False
    response = await caller.post(
        "/api/currencies", resource_body("currencies", code="xyz", name="X")
    )
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert (error["symbol"], error["context"]["pointer"]) == (
        "unknown_currency",
        "/data/attributes/code",
    )


async def test_a_new_default_currency_takes_the_flag(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    first = await gbp(caller)
    euro = await created(caller, "currencies", code="eur", name="Euro", default=True)
    result = await caller.graphql(
        "{ currencies { all { edges { node { id code default minor_unit } } } } }"
    )
    nodes = [edge["node"] for edge in result["data"]["currencies"]["all"]["edges"]]
    assert nodes == [
        {"id": str(first), "code": "gbp", "default": False, "minor_unit": 2},
        {"id": euro["id"], "code": "eur", "default": True, "minor_unit": 2},
    ]
    filtered = await caller.graphql(
        '{ currencies { all(filter: {code: {eq: "GBP"}}) { edges { node { id } } } } }'
    )
    assert filtered["data"]["currencies"]["all"]["edges"] == [{"node": {"id": str(first)}}]


async def test_tax_types_and_rates(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    standard = await tax_type(caller, "VAT20", 20)
    rate = await created(caller, "tax_rates", name="Standard VAT", component_rate=20)
    assert rate["attributes"]["tax_type"] == "sales"
    renamed = await caller.patch(
        f"/api/tax_rates/{rate['id']}", resource_body("tax_rates", name="Standard")
    )
    assert renamed.status_code == 200
    fixed = await caller.patch(
        f"/api/tax_rates/{rate['id']}", resource_body("tax_rates", component_rate=5)
    )
    assert fixed.status_code == 422
    assert fixed.json()["errors"][0]["symbol"] == "unknown_attribute"
    result = await caller.graphql(
        "{ tax_types { all { edges { node { id code rate } } } }"
        " tax_rates { all(filter: {tax_type: {eq: sales}}) { edges { node { name"
        " component_rate } } } } }"
    )
    assert result["data"]["tax_types"]["all"]["edges"] == [
        {"node": {"id": str(standard), "code": "VAT20", "rate": 20.0}}
    ]
    assert result["data"]["tax_rates"]["all"]["edges"] == [
        {"node": {"name": "Standard", "component_rate": 20.0}}
    ]


async def test_card_with_accounts_and_prices(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    account = int((await caller.create_account())["id"])
    await gbp(caller)
    vat = await tax_type(caller, "VAT20", 20)
    card_id = await card(caller, account)
    made = await price(
        caller,
        card_id,
        charge_type="PICK",
        unit_of_measure="item",
        price=0.45,
        tax_type_id=vat,
        subtype="FULL",
    )
    attributes = made["attributes"]
    assert (attributes["currency_id"], attributes["price"], attributes["tax_type_id"]) == (
        None,
        0.45,
        vat,
    )
    moved = await card(caller, account, code="SECOND")
    result = await caller.graphql(
        "{ charge_cards { all { edges { node { code active } } } }"
        ' charge_prices { all(filter: {charge_type: {eq: "PICK"}}) { edges { node {'
        " code price charge_card_id } } } } }"
    )
    assert [edge["node"]["code"] for edge in result["data"]["charge_cards"]["all"]["edges"]] == [
        "STANDARD",
        "SECOND",
    ]
    assert result["data"]["charge_prices"]["all"]["edges"] == [
        {"node": {"code": "P", "price": 0.45, "charge_card_id": str(card_id)}}
    ]
    first = await caller.patch(
        f"/api/charge_cards/{card_id}", resource_body("charge_cards", name="Renamed")
    )
    assert first.json()["data"]["attributes"]["account_ids"] == []
    second = await caller.patch(
        f"/api/charge_cards/{moved}", resource_body("charge_cards", active=False)
    )
    assert second.json()["data"]["attributes"]["account_ids"] == [account]
    names = [(e["resource_name"], e["event"]) for e in await events_of(db, caller.tenant_id)]
    assert ("charge_price", "created") in names


async def test_a_price_in_an_unknown_currency_writes_nothing(
    clients: ApiClientFactory, db: Database
) -> None:
    caller, other = await clients.new(), await clients.new()
    theirs = await gbp(other)
    card_id = await card(caller)
    body: dict[str, Any] = {
        "charge_card_id": card_id,
        "code": "RCV",
        "name": "Receipt",
        "charge_type": "RECEIPT",
        "unit_of_measure": "goods_in_receipt_completed",
        "quantity": 1,
        "price": 2,
    }
    before = await row_counts(db, caller.tenant_id)
    answers = [
        await caller.post(
            "/api/charge_prices", resource_body("charge_prices", **body, currency_id=currency_id)
        )
        for currency_id in (theirs, 999999)
    ]
    assert [answer.status_code for answer in answers] == [422, 422]
    errors = [answer.json()["errors"] for answer in answers]
    assert errors[0][0]["symbol"] == errors[1][0]["symbol"]
    assert (errors[0][0]["symbol"], errors[0][0]["context"]["pointer"]) == (
        "reference_not_found",
        "/data/attributes/currency_id",
    )
    assert await row_counts(db, caller.tenant_id) == before
    in_default = await caller.post("/api/charge_prices", resource_body("charge_prices", **body))
    assert in_default.status_code == 200
    assert in_default.json()["data"]["attributes"]["currency_id"] is None


async def test_charge_windows_check_their_numbers(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    window = await created(caller, "charge_windows", frequency="Day", name="Mondays", numbers=[1])
    to_month = await caller.patch(
        f"/api/charge_windows/{window['id']}",
        resource_body("charge_windows", frequency="Month", numbers=[31]),
    )
    assert to_month.status_code == 200
    bad = await caller.patch(
        f"/api/charge_windows/{window['id']}",
        resource_body("charge_windows", frequency="Day"),
    )
    assert bad.status_code == 422
    [error] = bad.json()["errors"]
    assert (error["symbol"], error["context"]["pointer"]) == (
        "out_of_range",
        "/data/attributes/numbers/0",
    )
    result = await caller.graphql(
        "{ charge_windows { all { edges { node { name frequency numbers } } } } }"
    )
    assert result["data"]["charge_windows"]["all"]["edges"] == [
        {"node": {"name": "Mondays", "frequency": "Month", "numbers": [31]}}
    ]
    assert (await caller.delete(f"/api/charge_windows/{window['id']}")).status_code == 204
