"""`PATCH` and `DELETE /api/goods_out_pick_lists/{id}` on pick lists the test helpers write in
place of processing picks (`tests.outbound.pick_lists`)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from clarus.core.db import Database
from clarus.outbound.statuses import PickListStatus
from clarus.outbound.tables import goods_out_pick_lists, goods_outs
from tests.outbound.pick_lists import Place, order, pick_list, place
from tests.support import ApiClientFactory, assert_refused, events_of, resource_body, row_counts

ATTRIBUTES = "/data/attributes"


def path(pick_list_id: int) -> str:
    return f"/api/goods_out_pick_lists/{pick_list_id}"


def patch_body(**attributes: Any) -> dict[str, Any]:
    return resource_body("goods_out_pick_lists", **attributes)


async def two_orders_on_a_list(
    where: Place, status: PickListStatus = PickListStatus.PENDING
) -> tuple[int, list[int]]:
    orders = [await order(where, "SO-1"), await order(where, "SO-2")]
    return await pick_list(where, orders, status=status, reference="PL-1"), orders


async def pick_list_ids_of_orders(db: Database, order_ids: list[int]) -> list[int | None]:
    async with db.read_session() as session:
        statement = (
            select(goods_outs.c.goods_out_pick_list_id)
            .where(goods_outs.c.id.in_(order_ids))
            .order_by(goods_outs.c.id)
        )
        return list((await session.execute(statement)).scalars())


async def pick_list_exists(db: Database, pick_list_id: int) -> bool:
    async with db.read_session() as session:
        statement = select(goods_out_pick_lists.c.id).where(
            goods_out_pick_lists.c.id == pick_list_id
        )
        return (await session.execute(statement)).scalar_one_or_none() is not None


async def test_patch_relabels_the_list_and_answers_with_its_orders(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await place(caller, db)
    pick_list_id, orders = await two_orders_on_a_list(where)

    response = await caller.patch(
        path(pick_list_id), patch_body(reference="PL-2024-001-REV", string1="dock 4", string5=None)
    )

    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert (data["id"], data["type"]) == (pick_list_id, "goods_out_pick_lists")
    attributes = data["attributes"]
    assert {name: attributes[name] for name in ("reference", "string1", "string5")} == {
        "reference": "PL-2024-001-REV",
        "string1": "dock 4",
        "string5": None,
    }
    assert attributes["goods_out_ids"] == orders
    assert attributes["warehouse_id"] == where.warehouse_id
    assert (attributes["status"], attributes["pick_type"]) == ("pending", "single")
    [event] = [
        e
        for e in await events_of(db, caller.tenant_id)
        if e["resource_name"] == ("goods_out_pick_list")
    ]
    assert (event["event"], event["record_id"]) == ("updated", pick_list_id)
    assert event["payload"]["reference"] == "PL-2024-001-REV"


async def test_the_warehouse_and_orders_are_accepted_only_unchanged(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await place(caller, db)
    pick_list_id, orders = await two_orders_on_a_list(where)
    other_warehouse = await caller.create_warehouse(code="WH2", name="Overflow")

    unchanged = patch_body(
        reference="PL-1B", warehouse_id=where.warehouse_id, goods_out_ids=orders[::-1]
    )
    response = await caller.patch(path(pick_list_id), unchanged)
    assert response.status_code == 200, response.text

    for name, value in (
        ("warehouse_id", other_warehouse["id"]),
        ("warehouse_id", None),
        ("goods_out_ids", orders[:1]),
        ("goods_out_ids", [*orders, await order(where, "SO-3")]),
        ("goods_out_ids", None),
    ):
        await assert_refused(
            caller,
            db,
            "PATCH",
            path(pick_list_id),
            patch_body(reference="PL-X", **{name: value}),
            symbol="read_only_attribute",
            pointer=f"{ATTRIBUTES}/{name}",
        )
    assert await pick_list_ids_of_orders(db, orders) == [pick_list_id, pick_list_id]


async def test_patch_refuses_what_it_does_not_change(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await place(caller, db)
    pick_list_id, _ = await two_orders_on_a_list(where)
    for name, value in (("status", "completed"), ("pick_type", "tote")):
        await assert_refused(
            caller,
            db,
            "PATCH",
            path(pick_list_id),
            patch_body(**{name: value}),
            symbol="unknown_attribute",
            pointer=f"{ATTRIBUTES}/{name}",
        )
    await assert_refused(
        caller,
        db,
        "PATCH",
        path(pick_list_id),
        patch_body(reference="x" * 256),
        symbol="too_long",
        pointer=f"{ATTRIBUTES}/reference",
    )


@pytest.mark.parametrize(
    "status", [PickListStatus.PENDING, PickListStatus.PICKING, PickListStatus.PICKED]
)
async def test_a_list_in_progress_is_not_deleted(
    clients: ApiClientFactory, db: Database, status: PickListStatus
) -> None:
    caller = await clients.new()
    where = await place(caller, db)
    pick_list_id, orders = await two_orders_on_a_list(where, status)

    [error] = await assert_refused(
        caller, db, "DELETE", path(pick_list_id), None, symbol="status_forbids_change", pointer=None
    )

    assert error["context"]["status"] == status.value
    assert await pick_list_exists(db, pick_list_id)
    assert await pick_list_ids_of_orders(db, orders) == [pick_list_id, pick_list_id]


@pytest.mark.parametrize("status", [PickListStatus.COMPLETED, PickListStatus.CANCELLED])
async def test_deleting_a_finished_list_keeps_its_orders_off_any_list(
    clients: ApiClientFactory, db: Database, status: PickListStatus
) -> None:
    caller = await clients.new()
    where = await place(caller, db)
    pick_list_id, orders = await two_orders_on_a_list(where, status)
    before = await row_counts(db, caller.tenant_id)

    response = await caller.delete(path(pick_list_id))

    assert response.status_code == 204, response.text
    assert response.content == b""
    assert not await pick_list_exists(db, pick_list_id)
    assert await pick_list_ids_of_orders(db, orders) == [None, None]
    after = await row_counts(db, caller.tenant_id)
    assert after["goods_out_pick_lists"] == before["goods_out_pick_lists"] - 1
    assert after["goods_outs"] == before["goods_outs"]
    events = [
        (e["resource_name"], e["event"], e["record_id"], e["payload"].get("goods_out_pick_list_id"))
        for e in await events_of(db, caller.tenant_id)
        if e["resource_name"] in ("goods_out", "goods_out_pick_list") and e["event"] != "created"
    ]
    assert events == [
        ("goods_out", "updated", orders[0], None),
        ("goods_out", "updated", orders[1], None),
        ("goods_out_pick_list", "deleted", pick_list_id, None),
    ]
    goods_out_event = next(
        e for e in await events_of(db, caller.tenant_id) if e["event"] == "updated"
    )
    assert goods_out_event["payload"]["lines"] == []


async def test_another_tenants_list_is_not_found(clients: ApiClientFactory, db: Database) -> None:
    owner, stranger = await clients.new(), await clients.new()
    where = await place(owner, db)
    pick_list_id, orders = await two_orders_on_a_list(where, PickListStatus.COMPLETED)

    patched = await stranger.patch(path(pick_list_id), patch_body(reference="MINE"))
    deleted = await stranger.delete(path(pick_list_id))

    assert (patched.status_code, deleted.status_code) == (404, 404)
    assert patched.json()["errors"][0]["symbol"] == "record_not_found"
    assert await pick_list_exists(db, pick_list_id)
    assert await pick_list_ids_of_orders(db, orders) == [pick_list_id, pick_list_id]
    assert await events_of(db, stranger.tenant_id) == []
