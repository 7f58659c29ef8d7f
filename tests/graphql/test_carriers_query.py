from __future__ import annotations

from typing import Any

import pytest

from clarus.core.db import Database
from tests.support import ApiClientFactory, Caller, statements_run

CARRIERS_DOCUMENTED = (
    "query($filter: CarrierFilterType) { carriers { all(filter: $filter) { edges { node {"
    " id code name description active carrier_type carrier_externally_registered } } } } }"
)
SERVICES_DOCUMENTED = (
    "query($filter: CarrierServiceFilterType) { carrier_services { all(filter: $filter) {"
    " edges { node { id code name active is_default carrier { id code } } } } } }"
)


async def seeded(clients: ApiClientFactory) -> tuple[Caller, int, int]:
    caller = await clients.new()
    dhl = await caller.create(
        "carriers",
        code="DHL",
        name="DHL Express",
        description="DHL international courier",
        carrier_type="custom",
        external_system_reference1="EXT-DHL",
        carrier_authentication={"api_key": "secret"},
    )
    royal_mail = await caller.create("carriers", code="ROYALMAIL", name="Royal Mail", active=False)
    dhl_id, royal_mail_id = int(dhl["data"]["id"]), int(royal_mail["data"]["id"])
    for code, carrier_id, is_default, preset in (
        ("RM1CLS", royal_mail_id, True, 11),
        ("RM2CLS", royal_mail_id, False, None),
        ("DHLEXP", dhl_id, False, None),
    ):
        await caller.create(
            "carrier_services",
            code=code,
            name=f"Service {code}",
            carrier_id=carrier_id,
            is_default=is_default,
            active=code != "RM2CLS",
            external_preset_id=preset,
        )
    return caller, dhl_id, royal_mail_id


async def carrier_codes(caller: Caller, filter_: dict[str, Any]) -> list[str]:
    result = await caller.graphql(
        "query($filter: CarrierFilterType) { carriers { all(filter: $filter) {"
        " edges { node { code } } } } }",
        {"filter": filter_},
    )
    assert "errors" not in result, result
    return [edge["node"]["code"] for edge in result["data"]["carriers"]["all"]["edges"]]


async def service_codes(caller: Caller, filter_: dict[str, Any]) -> list[str]:
    result = await caller.graphql(
        "query($filter: CarrierServiceFilterType) { carrier_services { all(filter: $filter) {"
        " edges { node { code } } } } }",
        {"filter": filter_},
    )
    assert "errors" not in result, result
    return [edge["node"]["code"] for edge in result["data"]["carrier_services"]["all"]["edges"]]


async def test_the_documented_carriers_query_runs(clients: ApiClientFactory) -> None:
    caller, dhl_id, _ = await seeded(clients)
    result = await caller.graphql(CARRIERS_DOCUMENTED, {"filter": {"code": {"ilike": "DHL"}}})
    assert "errors" not in result
    assert result["data"]["carriers"]["all"]["edges"] == [
        {
            "node": {
                "id": str(dhl_id),
                "code": "DHL",
                "name": "DHL Express",
                "description": "DHL international courier",
                "active": True,
                "carrier_type": "custom",
                "carrier_externally_registered": False,
            }
        }
    ]


async def test_credentials_cannot_be_read(clients: ApiClientFactory) -> None:
    caller, _, _ = await seeded(clients)
    result = await caller.graphql(
        "{ carriers { all { edges { node { carrier_authentication } } } } }"
    )
    assert "carrier_authentication" in result["errors"][0]["message"]


@pytest.mark.parametrize(
    ("filter_", "expected"),
    [
        ({"code": {"eq": "ROYALMAIL"}}, ["ROYALMAIL"]),
        ({"name": {"ilike": "express"}}, ["DHL"]),
        ({"active": {"eq": False}}, ["ROYALMAIL"]),
        ({"carrier_type": {"eq": "custom"}}, ["DHL"]),
        ({"carrier_externally_registered": {"eq": False}}, ["DHL", "ROYALMAIL"]),
        ({"external_system_reference1": {"eq": "EXT-DHL"}}, ["DHL"]),
        ({"created_at": {"to": "2000-01-01T00:00:00Z"}}, []),
    ],
    ids=str,
)
async def test_carrier_filters(
    clients: ApiClientFactory, filter_: dict[str, Any], expected: list[str]
) -> None:
    caller, _, _ = await seeded(clients)
    assert await carrier_codes(caller, filter_) == expected


async def test_the_documented_carrier_services_query_runs(clients: ApiClientFactory) -> None:
    caller, _, royal_mail_id = await seeded(clients)
    result = await caller.graphql(SERVICES_DOCUMENTED, {"filter": {"code": {"ilike": "RM1"}}})
    assert "errors" not in result
    [edge] = result["data"]["carrier_services"]["all"]["edges"]
    assert edge["node"] == {
        "id": edge["node"]["id"],
        "code": "RM1CLS",
        "name": "Service RM1CLS",
        "active": True,
        "is_default": True,
        "carrier": {"id": str(royal_mail_id), "code": "ROYALMAIL"},
    }


async def test_carrier_service_filters(clients: ApiClientFactory) -> None:
    caller, dhl_id, royal_mail_id = await seeded(clients)
    cases: list[tuple[dict[str, Any], list[str]]] = [
        ({"code": {"like": "RM"}}, ["RM1CLS", "RM2CLS"]),
        ({"name": {"eq": "Service DHLEXP"}}, ["DHLEXP"]),
        ({"active": {"eq": False}}, ["RM2CLS"]),
        ({"is_default": {"eq": True}}, ["RM1CLS"]),
        ({"carrier_id": {"eq": str(dhl_id)}}, ["DHLEXP"]),
        ({"carrier_id": {"in": [str(royal_mail_id)]}}, ["RM1CLS", "RM2CLS"]),
        ({"carrier_code": {"eq": "DHL"}}, ["DHLEXP"]),
        ({"carrier_code": {"ilike": "royal"}}, ["RM1CLS", "RM2CLS"]),
        ({"external_preset_id": {"eq": "11"}}, ["RM1CLS"]),
        ({"external_preset_id": {"filled": False}}, ["RM2CLS", "DHLEXP"]),
    ]
    for filter_, expected in cases:
        assert await service_codes(caller, filter_) == expected, filter_


async def test_carriers_of_a_page_load_in_one_query(
    clients: ApiClientFactory, db: Database
) -> None:
    caller, _, _ = await seeded(clients)
    with statements_run(db) as statements:
        result = await caller.graphql(
            "{ carrier_services { all { edges { node { carrier { code } } } } } }"
        )
    assert [
        e["node"]["carrier"]["code"] for e in result["data"]["carrier_services"]["all"]["edges"]
    ] == [
        "ROYALMAIL",
        "ROYALMAIL",
        "DHL",
    ]
    assert len([s for s in statements if "FROM carriers" in s]) == 1


async def test_another_tenants_carriers_are_invisible(clients: ApiClientFactory) -> None:
    await seeded(clients)
    other = await clients.new()
    assert await carrier_codes(other, {}) == []
    assert await service_codes(other, {}) == []
