"""An id of another tenant's record in the path of any operation of our OpenAPI document is
answered exactly as an id that exists nowhere, and the other tenant's rows are untouched. The
other tenant is seeded through our own API (`tests.graphql.seeding`), so this needs nothing
beside the checkout (`tests/proof/test_tenant_isolation.py` goes further, with the documented
examples as bodies, where the reference spec is at hand)."""

from __future__ import annotations

import re
from typing import Any

import httpx
from sqlalchemy import select

from clarus.api.application import graphql_roots
from clarus.core.db import Database
from clarus.registry import Base
from tests.conformance.ours import our_document
from tests.graphql.seeding import tenant_with_every_root
from tests.support import ApiClientFactory, Caller

MISSING_ID = "999999999"
METHODS = frozenset({"get", "post", "put", "patch", "delete"})
PARAMETER = re.compile(r"\{([^}]+)\}")
COLLECTION_OF = {
    "receive_tasks": "tasks",
    "addresses": "delivery_addresses",
    "goods_out_pick_lists": "goods_out_pick_lists",
    "materials": "product_materials",
    "load_tasks": "tasks",
    "flows": "rf_flows",
}
"""Paths whose records are read through another collection's root."""


async def first_ids(caller: Caller) -> dict[str, str]:
    """Per REST collection with a GraphQL root, the id of the tenant's first record of it
    (roots whose records have no id, such as stock balances, are left out)."""
    ids: dict[str, str] = {}
    for collection, root in graphql_roots().items():
        result = await caller.graphql(
            f"{{ {root} {{ all(first: 1) {{ edges {{ node {{ id }} }} }} }} }}"
        )
        if "errors" in result:
            continue
        edges = result["data"][root]["all"]["edges"]
        if edges:
            ids[collection] = str(edges[0]["node"]["id"])
    return ids


async def automation_ids(caller: Caller) -> dict[str, str]:
    result = await caller.graphql(
        "{ automations { all(first: 1) { edges { node {"
        " id actions { id parameters { id } } } } } } }"
    )
    [edge] = result["data"]["automations"]["all"]["edges"]
    action = edge["node"]["actions"][0]
    return {
        "automations": str(edge["node"]["id"]),
        "action_id": str(action["id"]),
        "automation_action_parameter_id": str(action["parameters"][0]["id"]),
    }


async def their_ids(caller: Caller) -> dict[str, str]:
    """Ids of the seeded tenant's records, by collection (and by path parameter for those
    with no collection of their own)."""
    ids = await first_ids(caller)
    ids.update(await automation_ids(caller))
    ids["subdomains"] = str(caller.tenant_id)
    ids["product_id"] = ids["products"]
    ids["group_id"] = ids["groups"]
    ids["location_types"] = str((await caller.create_location_type())["id"])
    created = await caller.create("sites", code="SITE", name="Site")
    ids["sites"] = str(created["data"]["id"])
    address = await caller.create("delivery_addresses", code="HOME", name="Home")
    ids["delivery_addresses"] = str(address["data"]["id"])
    return ids


def filled(path: str, ids: dict[str, str]) -> str | None:
    """`path` with the other tenant's ids in it; None when one of its records is unknown."""
    segments = path.removeprefix("/api/").removeprefix("simulations/").split("/")
    values: dict[str, str] = {}
    for position, segment in enumerate(segments):
        found = PARAMETER.fullmatch(segment)
        if found is None:
            continue
        name = found[1]
        collection = segments[position - 1]
        key = name if name != "id" else COLLECTION_OF.get(collection, collection)
        if key not in ids:
            return None
        values[name] = ids[key]
    return PARAMETER.sub(lambda match: values[match[1]], path)


def answer(response: httpx.Response, record_ids: list[str]) -> str:
    text = response.text
    for record_id in record_ids:
        text = re.sub(rf"\b{re.escape(record_id)}\b", "<id>", text)
    return f"{response.status_code} {text}"


async def tenant_rows(db: Database, tenant_id: int) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = {}
    async with db.read_session() as session:
        for table in Base.metadata.sorted_tables:
            if "tenant_id" in table.c:
                statement = select(table).where(table.c.tenant_id == tenant_id)
                result = await session.execute(statement.order_by(*table.primary_key.columns))
                rows[table.name] = [dict(row) for row in result.mappings()]
    return rows


BODIES: dict[str, Any] = {
    "POST /api/products/{product_id}/account_products": {
        "data": {"type": "account_products", "attributes": {"account_id": 1}}
    },
    "POST /api/products/{product_id}/materials": {
        "data": {"type": "product_materials", "attributes": {"child_product_id": 1, "quantity": 1}}
    },
    "PATCH /api/products/{product_id}/materials/{id}": {
        "data": {"type": "product_materials", "attributes": {}}
    },
    "POST /api/receive_tasks/{id}/receive": {"data": {"type": "tasks", "attributes": {}}},
    "POST /api/receive_tasks/{id}/receive_to_putaway_location": {
        "data": {"type": "tasks", "attributes": {"location_to_id": 1}}
    },
    "POST /api/tasks/{id}/allocate": {},
    "POST /api/stocks/{id}/negative_adjustment": {
        "data": {"type": "stocks", "attributes": {"quantity": 1}}
    },
    "POST /api/automations/{id}/actions/{action_id}/rotate_secret": {
        "data": {"attributes": {"overlap_seconds": 0}}
    },
    "POST /api/automations/{id}/recover": {
        "data": {"attributes": {"since": "2026-01-01T00:00:00Z"}}
    },
    "POST /api/groups/{group_id}/product_groups": {
        "data": {"type": "product_groups", "attributes": {"group_id": 1, "product_id": 1}}
    },
    "POST /api/stock_checks/{id}/record_attempt": {
        "data": {"attributes": {"product_id": 1, "physical_count": 1}}
    },
    "POST /api/groups/{group_id}/location_groups": {
        "data": {"type": "location_groups", "attributes": {"group_id": 1, "location_id": 1}}
    },
    "POST /api/load_tasks/{id}/assign_storage_unit": {"load_id": 1},
    "POST /api/load_tasks/{id}/load_storage_unit": {"load_id": 1},
    "PATCH /api/tax_rates/{id}": {"data": {"type": "tax_rates", "attributes": {"name": "VAT"}}},
    "PATCH /api/rf/flows/{id}": {"data": {"type": "rf_flows", "attributes": {"name": "x"}}},
    "POST /api/rf/flows/{id}/duplicate": {
        "data": {"type": "rf_flows", "attributes": {"code": "COPY"}}
    },
}
"""Bodies that pass validation, so that the record is looked up (an empty one is refused
first)."""
VALIDATED_FIRST = {
    "PATCH /api/account_warehouses/{id}": "takes the whole pair, records of the caller's",
    "PATCH /api/product_storage_units/{id}/priority": "takes a bare priority",
    "POST /api/stocks/{id}/move": "names the caller's destination",
    "POST /api/stocks/{id}/transfer": "names the caller's account",
    "DELETE /api/groups/{group_id}/product_group": "takes the product as a required query"
    " parameter (tests/stockcontrol/test_groups.py removes another tenant's: 404)",
    "DELETE /api/groups/{group_id}/location_group": "takes the location as a required query"
    " parameter (tests/stockcontrol/test_groups.py removes another tenant's: 404)",
}
"""Operations refused for their empty body before the record is looked up (the same answer for
both ids, which is what is asserted, but not a lookup)."""


def body_for(method: str, path: str) -> Any:
    if method in ("GET", "DELETE"):
        return None
    if f"{method} {path}" in BODIES:
        return BODIES[f"{method} {path}"]
    resource_type = path.removeprefix("/api/").split("/", 1)[0]
    return {"data": {"type": resource_type, "attributes": {}}}


async def test_no_path_reaches_another_tenants_record(
    clients: ApiClientFactory, db: Database
) -> None:
    caller, other = await clients.new(), await clients.new()
    await tenant_with_every_root(other, db)
    ids = await their_ids(other)
    operations = [
        (method.upper(), path)
        for path, item in our_document()["paths"].items()
        for method in item
        if method in METHODS and PARAMETER.search(path)
    ]
    unfilled = sorted({path for _, path in operations if filled(path, ids) is None})
    assert unfilled == []
    before = await tenant_rows(db, other.tenant_id)
    revealing: dict[str, tuple[str, str]] = {}
    not_found: set[str] = set()
    for method, path in operations:
        theirs = filled(path, ids)
        assert theirs is not None
        missing = PARAMETER.sub(MISSING_ID, path)
        answers = []
        for sent_path in (theirs, missing):
            sent_ids = [part for part in sent_path.split("/") if part.isdigit()]
            response = await caller.http.request(
                method, sent_path, json=body_for(method, path), headers=caller.headers()
            )
            answers.append(answer(response, sent_ids))
        if answers[0] != answers[1] or not answers[0].startswith("4"):
            revealing[f"{method} {path}"] = (answers[0][:300], answers[1][:300])
        if answers[0].startswith("404"):
            not_found.add(f"{method} {path}")
    assert revealing == {}
    assert {f"{method} {path}" for method, path in operations} - not_found == set(VALIDATED_FIRST)
    assert await tenant_rows(db, other.tenant_id) == before
