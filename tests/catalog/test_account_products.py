from __future__ import annotations

from typing import Any

import pytest

from clarus.core.db import Database
from tests.catalog import factories
from tests.catalog.factories import assert_refused_without_writes, body
from tests.support import ApiClientFactory, events_of, row_counts


def assignment(**attributes: Any) -> dict[str, Any]:
    return body("account_products", **attributes)


def path_of(product_id: int) -> str:
    return f"/api/products/{product_id}/account_products"


async def test_create_answers_the_documented_flat_object(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    account = await caller.create_account()
    product_id = (await factories.product(caller))["id"]
    response = await caller.post(path_of(product_id), assignment(account_id=account["id"]))
    assert response.status_code == 200
    created = response.json()
    assert isinstance(created["id"], int)
    assert created == {
        "id": created["id"],
        "account_id": account["id"],
        "product_id": product_id,
        "created_at": created["created_at"],
        "updated_at": created["updated_at"],
    }
    events = await events_of(db, caller.tenant_id)
    assert (events[-1]["resource_name"], events[-1]["event"]) == ("account_product", "created")


async def test_the_same_assignment_twice_is_refused(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    account = await caller.create_account()
    product_id = (await factories.product(caller))["id"]
    first = (await caller.post(path_of(product_id), assignment(account_id=account["id"]))).json()
    again = await caller.post(path_of(product_id), assignment(account_id=account["id"]))
    assert again.status_code == 422
    [error] = again.json()["errors"]
    assert (error["code"], error["symbol"]) == (1023, "record_exists")
    assert error["context"] == {
        "existing_id": first["id"],
        "pointer": "/data/attributes/account_id",
    }


async def test_delete_then_it_is_gone(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    account = await caller.create_account()
    product_id = (await factories.product(caller))["id"]
    created = (await caller.post(path_of(product_id), assignment(account_id=account["id"]))).json()
    other_product = (await factories.product(caller))["id"]
    wrong_parent = await caller.delete(f"{path_of(other_product)}/{created['id']}")
    assert wrong_parent.status_code == 404
    assert (await caller.delete(f"{path_of(product_id)}/{created['id']}")).status_code == 204
    assert (await caller.delete(f"{path_of(product_id)}/{created['id']}")).status_code == 404


async def test_deleting_the_account_removes_its_assignments(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    account = await caller.create_account()
    product_id = (await factories.product(caller))["id"]
    await caller.post(path_of(product_id), assignment(account_id=account["id"]))
    assert (await caller.delete(f"/api/accounts/{account['id']}")).status_code == 204
    assert (await row_counts(db, caller.tenant_id))["account_products"] == 0


async def test_another_tenants_records_are_not_found_or_refused(
    clients: ApiClientFactory, db: Database
) -> None:
    owner, stranger = await clients.new(), await clients.new()
    account = await owner.create_account()
    product_id = (await factories.product(owner))["id"]
    created = (await owner.post(path_of(product_id), assignment(account_id=account["id"]))).json()
    own_account = await stranger.create_account()
    on_foreign_product = await stranger.post(
        path_of(product_id), assignment(account_id=own_account["id"])
    )
    assert on_foreign_product.status_code == 404
    assert (await stranger.delete(f"{path_of(product_id)}/{created['id']}")).status_code == 404
    own_product = (await factories.product(stranger))["id"]
    before = await row_counts(db, stranger.tenant_id)
    foreign_account = await stranger.post(
        path_of(own_product), assignment(account_id=account["id"])
    )
    assert foreign_account.status_code == 422
    [error] = foreign_account.json()["errors"]
    assert (error["symbol"], error["context"]["pointer"]) == (
        "reference_not_found",
        "/data/attributes/account_id",
    )
    assert await row_counts(db, stranger.tenant_id) == before


@pytest.mark.parametrize(
    ("payload", "symbol", "pointer"),
    [
        (assignment(), "missing_field", "/data/attributes/account_id"),
        (assignment(account_id="3"), "invalid_type", "/data/attributes/account_id"),
        (
            assignment(account_id=1, product_id=2),
            "unknown_attribute",
            "/data/attributes/product_id",
        ),
        (body("accounts", account_id=1), "invalid_resource_type", "/data/type"),
    ],
)
async def test_invalid_input_is_refused_and_writes_nothing(
    clients: ApiClientFactory, db: Database, payload: dict[str, Any], symbol: str, pointer: str
) -> None:
    caller = await clients.new()
    product_id = (await factories.product(caller))["id"]
    await assert_refused_without_writes(caller, db, path_of(product_id), payload, symbol, pointer)


async def test_a_bad_product_id_in_the_path_is_404(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    for product_id in ("abc", "0", "999999999"):
        response = await caller.post(
            f"/api/products/{product_id}/account_products", assignment(account_id=1)
        )
        assert response.status_code == 404, product_id
        assert response.json()["errors"][0]["symbol"] == "record_not_found"
