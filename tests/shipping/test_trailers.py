from __future__ import annotations

from typing import Any

from clarus.core.db import Database
from tests.graphql.lists import documented_example, listed
from tests.support import ApiClientFactory, Caller, assert_refused, events_of, resource_body


async def trailer_type(caller: Caller, **attributes: Any) -> dict[str, Any]:
    return await caller.create(
        "trailer_types", **{"code": "CURT", "name": "Curtainsider", **attributes}
    )


async def test_trailer_type_and_trailer_answer_bare_records(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    kind = await trailer_type(caller, description="44 t artic", storage_unit_capacity=26)
    assert {k: kind[k] for k in ("code", "name", "description", "storage_unit_capacity")} == {
        "code": "CURT",
        "name": "Curtainsider",
        "description": "44 t artic",
        "storage_unit_capacity": 26,
    }
    trailer = await caller.create(
        "trailers",
        code="TRL-001",
        name="Curtainsider 13.6m",
        trailer_type_id=kind["id"],
        active=True,
    )
    assert (trailer["code"], trailer["trailer_type_id"], trailer["active"]) == (
        "TRL-001",
        kind["id"],
        True,
    )
    updated = await caller.patch(
        f"/api/trailers/{trailer['id']}", resource_body("trailers", active=False)
    )
    assert updated.status_code == 200
    assert (updated.json()["active"], updated.json()["name"]) == (False, "Curtainsider 13.6m")
    names = [(e["resource_name"], e["event"]) for e in await events_of(db, caller.tenant_id)]
    assert names == [
        ("trailer_type", "created"),
        ("trailer", "created"),
        ("trailer", "updated"),
    ]


async def test_refusals_change_nothing(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    kind = await trailer_type(caller)
    await assert_refused(
        caller,
        db,
        "POST",
        "/api/trailer_types",
        resource_body("trailer_types", code="CURT", name="Again"),
        symbol="code_taken",
        pointer="/data/attributes/code",
    )
    await assert_refused(
        caller,
        db,
        "POST",
        "/api/trailer_types",
        resource_body("trailer_types", code="BOX", name="Box", storage_unit_capacity=-1),
        symbol="out_of_range",
        pointer="/data/attributes/storage_unit_capacity",
    )
    await assert_refused(
        caller,
        db,
        "POST",
        "/api/trailers",
        resource_body(
            "trailers", code="T1", name="T1", trailer_type_id=kind["id"] + 999, active=True
        ),
        symbol="reference_not_found",
        pointer="/data/attributes/trailer_type_id",
    )
    await caller.create("trailers", code="T1", name="T1", trailer_type_id=kind["id"], active=True)
    await assert_refused(
        caller,
        db,
        "DELETE",
        f"/api/trailer_types/{kind['id']}",
        symbol="record_in_use",
        pointer=None,
        body=None,
    )


async def test_other_tenants_trailer_type_is_missing(clients: ApiClientFactory) -> None:
    caller, other = await clients.new(), await clients.new()
    kind = await trailer_type(other)
    response = await caller.delete(f"/api/trailer_types/{kind['id']}")
    assert response.status_code == 404


async def test_graphql_lists_in_the_documented_shape(clients: ApiClientFactory) -> None:
    caller, other = await clients.new(), await clients.new()
    curtain = await trailer_type(caller)
    box = await trailer_type(caller, code="BOX", name="Box van")
    await trailer_type(other)
    await caller.create(
        "trailers", code="T1", name="One", trailer_type_id=curtain["id"], active=True
    )
    await caller.create("trailers", code="T2", name="Two", trailer_type_id=box["id"], active=False)
    example = documented_example("ListTrailerTypes")
    result = await caller.graphql(example["query"], {"filter": {"code": {"ilike": "cur"}}})
    nodes = [edge["node"] for edge in result["data"]["trailer_types"]["all"]["edges"]]
    assert nodes == [
        {"id": str(curtain["id"]), "code": "CURT", "name": "Curtainsider", "description": None}
    ]
    example = documented_example("ListTrailers")
    result = await caller.graphql(
        example["query"], {"filter": {"trailer_type_code": {"eq": "BOX"}}}
    )
    nodes = [edge["node"] for edge in result["data"]["trailers"]["all"]["edges"]]
    assert nodes == [
        {
            "id": nodes[0]["id"],
            "code": "T2",
            "name": "Two",
            "description": None,
            "active": False,
            "trailer_type": {"id": str(box["id"]), "code": "BOX"},
        }
    ]
    assert await listed(
        caller, "trailers", "TrailerFilterType", {"active": {"eq": True}}, "code"
    ) == ["T1"]
