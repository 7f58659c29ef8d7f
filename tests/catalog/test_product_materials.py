"""Product materials: the component lines of a bill-of-materials product, through REST and the
GraphQL list."""

from __future__ import annotations

from typing import Any

import pytest

from clarus.core.db import Database
from tests.catalog import factories
from tests.catalog.factories import body
from tests.support import ApiClientFactory, Caller, assert_refused, events_of, row_counts

QUERY = (
    "query($filter: ProductMaterialFilterType) { product_materials { all(filter: $filter) {"
    " total_count edges { node { id quantity parent_product { id code } child_product { id code"
    " } } } } } }"
)


def path_of(product_id: int) -> str:
    return f"/api/products/{product_id}/materials"


def material(**attributes: Any) -> dict[str, Any]:
    return body("product_materials", **attributes)


async def kit(caller: Caller, **attributes: Any) -> int:
    return int(
        (await factories.product(caller, product_type="bill_of_materials", **attributes))["id"]
    )


async def add(caller: Caller, parent_id: int, child_id: int, quantity: Any = 4) -> Any:
    response = await caller.post(
        path_of(parent_id), material(child_product_id=child_id, quantity=quantity)
    )
    assert response.status_code == 200, response.text
    return response.json()["data"]


async def test_a_material_is_created_changed_and_deleted(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    parent_id = await kit(caller, code="KIT-A")
    screw = int((await factories.product(caller, code="SCREW-M4"))["id"])
    nut = int((await factories.product(caller, code="NUT-M4"))["id"])
    data = await add(caller, parent_id, screw, 4)
    assert data == {
        "id": data["id"],
        "type": "product_materials",
        "attributes": {
            "quantity": 4.0,
            "parent_product_id": parent_id,
            "child_product_id": screw,
            "created_at": data["attributes"]["created_at"],
            "updated_at": data["attributes"]["updated_at"],
        },
    }
    assert isinstance(data["id"], str)
    changed = await caller.patch(
        f"{path_of(parent_id)}/{data['id']}", material(quantity=2.5, child_product_id=nut)
    )
    assert changed.status_code == 200, changed.text
    attributes = changed.json()["data"]["attributes"]
    assert (attributes["quantity"], attributes["child_product_id"]) == (2.5, nut)
    result = await caller.graphql(QUERY, {"filter": {"parent_product_code": {"ilike": "KIT"}}})
    assert result["data"]["product_materials"]["all"] == {
        "total_count": 1,
        "edges": [
            {
                "node": {
                    "id": data["id"],
                    "quantity": 2.5,
                    "parent_product": {"id": str(parent_id), "code": "KIT-A"},
                    "child_product": {"id": str(nut), "code": "NUT-M4"},
                }
            }
        ],
    }
    assert (await caller.delete(f"{path_of(parent_id)}/{data['id']}")).status_code == 204
    assert (await caller.delete(f"{path_of(parent_id)}/{data['id']}")).status_code == 404
    events = [(e["resource_name"], e["event"]) for e in await events_of(db, caller.tenant_id)]
    assert events[-3:] == [
        ("product_material", "created"),
        ("product_material", "updated"),
        ("product_material", "deleted"),
    ]


async def test_only_a_bill_of_materials_has_materials(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    single = int((await factories.product(caller))["id"])
    child = int((await factories.product(caller))["id"])
    errors = await assert_refused(
        caller,
        db,
        "POST",
        path_of(single),
        material(child_product_id=child, quantity=1),
        symbol="not_bill_of_materials",
        pointer=None,
    )
    assert errors[0]["code"] == 1253


async def test_no_product_is_a_material_of_itself(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    outer, inner = await kit(caller), await kit(caller)
    await add(caller, outer, inner)
    for parent, child in ((outer, outer), (inner, outer)):
        errors = await assert_refused(
            caller,
            db,
            "POST",
            path_of(parent),
            material(child_product_id=child, quantity=1),
            symbol="material_cycle",
            pointer="/data/attributes/child_product_id",
        )
        assert errors[0]["code"] == 1255


async def test_a_component_appears_once_per_parent(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    parent = await kit(caller)
    first = int((await factories.product(caller))["id"])
    second = int((await factories.product(caller))["id"])
    existing = await add(caller, parent, first)
    other = await add(caller, parent, second)
    errors = await assert_refused(
        caller,
        db,
        "POST",
        path_of(parent),
        material(child_product_id=first, quantity=1),
        symbol="record_exists",
        pointer="/data/attributes/child_product_id",
    )
    assert errors[0]["context"]["existing_id"] == int(existing["id"])
    await assert_refused(
        caller,
        db,
        "PATCH",
        f"{path_of(parent)}/{other['id']}",
        material(child_product_id=first),
        symbol="record_exists",
        pointer="/data/attributes/child_product_id",
    )


async def test_a_component_stays_while_used_and_lines_go_with_their_parent(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    parent = await kit(caller)
    child = int((await factories.product(caller))["id"])
    await add(caller, parent, child)
    response = await caller.delete(f"/api/products/{child}")
    assert response.status_code == 422
    assert response.json()["errors"][0]["symbol"] == "record_in_use"
    assert (await caller.delete(f"/api/products/{parent}")).status_code == 204
    assert (await row_counts(db, caller.tenant_id))["product_materials"] == 0
    assert (await caller.delete(f"/api/products/{child}")).status_code == 204


@pytest.mark.parametrize(
    ("attributes", "symbol", "pointer"),
    [
        ({"quantity": 1}, "missing_field", "child_product_id"),
        (
            {"child_product_id": 999_999_999, "quantity": 1},
            "reference_not_found",
            "child_product_id",
        ),
        ({"child_product_id": 1, "quantity": 0}, "out_of_range", "quantity"),
        ({"child_product_id": 1, "quantity": "4"}, "invalid_type", "quantity"),
        (
            {"child_product_id": 1, "quantity": 1, "parent_product_id": 2},
            "unknown_attribute",
            "parent_product_id",
        ),
    ],
)
async def test_invalid_input_is_refused_and_writes_nothing(
    clients: ApiClientFactory, db: Database, attributes: dict[str, Any], symbol: str, pointer: str
) -> None:
    caller = await clients.new()
    parent = await kit(caller)
    await assert_refused(
        caller,
        db,
        "POST",
        path_of(parent),
        material(**attributes),
        symbol=symbol,
        pointer=f"/data/attributes/{pointer}",
    )


async def test_another_tenants_and_another_parents_lines_are_missing(
    clients: ApiClientFactory, db: Database
) -> None:
    owner, stranger = await clients.new(), await clients.new()
    parent, other_parent = await kit(owner), await kit(owner)
    child = int((await factories.product(owner))["id"])
    line = await add(owner, parent, child)
    line_path = f"{path_of(parent)}/{line['id']}"
    assert (await stranger.delete(line_path)).status_code == 404
    assert (await stranger.patch(line_path, material(quantity=1))).status_code == 404
    assert (await owner.delete(f"{path_of(other_parent)}/{line['id']}")).status_code == 404
    response = await stranger.post(path_of(parent), material(child_product_id=child, quantity=1))
    assert response.status_code == 404
    own_parent = await kit(stranger)
    await assert_refused(
        stranger,
        db,
        "POST",
        path_of(own_parent),
        material(child_product_id=child, quantity=1),
        symbol="reference_not_found",
        pointer="/data/attributes/child_product_id",
    )
    result = await stranger.graphql(QUERY, {})
    assert result["data"]["product_materials"]["all"]["total_count"] == 0
