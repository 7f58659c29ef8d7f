"""Loading on the handheld: the storage unit and the load (or its trailer) scanned; a wrong
unit, an unknown or wrong load and a full trailer are messages, and nothing moves."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from clarus.core.db import Database
from tests.api.app.handheld import Handheld, error_of, notice_of
from tests.api.app.support import browser, form_token
from tests.api.app.test_handheld_receive import operator_handheld
from tests.api.test_path_isolation import tenant_rows
from tests.inventory.test_stock_actions import assert_ledger_matches_stock
from tests.outbound.test_fulfilment import stocked
from tests.shipping.load_loading import Loading, load_tasks, loading_warehouse, picked_for_loading
from tests.shipping.test_load_tasks import load_counts, post, stock_places, task_path, trailer
from tests.support import ApiClientFactory, Caller, resource_body


@pytest.fixture
async def http_browser(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with browser(app) as client:
        yield client


async def post_load(handheld: Handheld, task_id: str, **fields: str) -> httpx.Response:
    screen = await handheld.http.get(handheld.url("load"))
    assert f"/load/{task_id}" in screen.text, screen.text
    return await handheld.http.post(
        handheld.url(f"load/{task_id}"), data={"csrf_token": form_token(screen), **fields}
    )


@dataclass(frozen=True)
class ToLoad:
    loading: Loading
    load_id: int
    tasks: list[dict[str, Any]]
    pallets: list[str]
    """The tasks' pallets' references, in the tasks' order."""


async def three_pallets_to_load(caller: Caller) -> ToLoad:
    """Order SO-1 picked on three pallets, its three LOAD tasks; load L-1 on trailer SMALL (two
    units) with a drop for it, and load L-2."""
    loading = await loading_warehouse(caller, pallets=3)
    small = await trailer(caller, "SMALL", 2)
    created = await caller.create(
        "loads", warehouse_id=loading.where.stock.warehouse_id, reference="L-1", trailer_id=small
    )
    load_id = int(created["data"]["id"])
    order = await picked_for_loading(caller, loading, 6, "SO-1")
    await caller.create("load_drops", load_id=load_id, goods_out_id=order)
    await caller.create("loads", warehouse_id=loading.where.stock.warehouse_id, reference="L-2")
    tasks = await load_tasks(caller)
    pallet_numbers = {pallet_id: number for number, pallet_id in enumerate(loading.pallet_ids, 1)}
    pallets = [f"PAL-{pallet_numbers[int(task['storage_unit_from_id'])]:04d}" for task in tasks]
    return ToLoad(loading, load_id, tasks, pallets)


async def test_units_are_loaded_by_load_and_by_trailer_until_the_trailer_is_full(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    to_load = await three_pallets_to_load(caller)
    load_id, tasks, pallets = to_load.load_id, to_load.tasks, to_load.pallets
    first, second, third = (task["id"] for task in tasks)
    handheld = await operator_handheld(http_browser, clients, db, caller)
    screen = await http_browser.get(handheld.url("load"))
    for fact in ("SO-1", pallets[0], "2", "GOODS-OUT", "None yet: scan the load"):
        assert f"<dd>{fact}</dd>" in screen.text, screen.text
    rows = await tenant_rows(db, caller.tenant_id)
    wrong_scans = [
        ({"unit": pallets[1], "load": "L-1"}, f"This is not {pallets[0]}: scan {pallets[0]}."),
        ({"unit": "GOODS-OUT", "load": "L-1"}, f"This is not {pallets[0]}: scan {pallets[0]}."),
        (
            {"unit": pallets[0], "load": "NOPE"},
            "No load of this warehouse has the reference or trailer NOPE.",
        ),
    ]
    for fields, message in wrong_scans:
        refused = await post_load(handheld, first, **fields)
        assert (refused.status_code, error_of(refused)) == (422, message)
    assert await tenant_rows(db, caller.tenant_id) == rows

    done = await post_load(handheld, first, unit=pallets[0], load="L-1")
    assert notice_of(done) == f"Loaded {pallets[0]} onto L-1.", done.text
    assert f"<dd>{pallets[1]}</dd>" in done.text

    await post(caller, task_path(tasks[1], "assign_storage_unit"), {"load_id": load_id})
    assigned = await http_browser.get(handheld.url("load"))
    assert "<dd>L-1</dd>" in assigned.text
    assert "<dd>SMALL</dd>" in assigned.text
    wrong_load = await post_load(handheld, second, unit=pallets[1], load="L-2")
    assert error_of(wrong_load) == "This unit goes on load L-1: scan L-1."
    by_trailer = await post_load(handheld, second, unit=pallets[1], load="SMALL")
    assert notice_of(by_trailer) == f"Loaded {pallets[1]} onto SMALL."

    rows = await tenant_rows(db, caller.tenant_id)
    full = await post_load(handheld, third, unit=pallets[2], load="L-1")
    assert full.status_code == 422
    assert error_of(full) == (
        "The trailer is full: it takes 2 storage units. Ask the office for another load."
    )
    assert await tenant_rows(db, caller.tenant_id) == rows
    statuses = [task["status"] for task in await load_tasks(caller)]
    assert statuses == ["COMPLETED", "COMPLETED", "AVAILABLE"]
    load, counts = await load_counts(caller, load_id)
    assert (load, counts) == ({"status": "open", "number_of_storage_units_loaded": 2}, [2])
    places = await stock_places(caller, to_load.loading)
    assert places == [("DOOR-1", 2.0, 2.0)] * 2 + [("GOODS-OUT", 2.0, 2.0)]
    await assert_ledger_matches_stock(db, caller.tenant_id)


async def test_another_tenants_load_task_answers_like_a_missing_one(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    owner = await clients.new()
    to_load = await three_pallets_to_load(owner)
    theirs, pallets = to_load.tasks[0], to_load.pallets
    caller = await clients.new()
    handheld = await operator_handheld(http_browser, clients, db, caller)
    screen = await http_browser.get(handheld.url("load"))
    assert notice_of(screen) == "No load tasks: nothing is waiting to be loaded."
    token = form_token(await http_browser.get(f"{handheld.operator.root}/handheld"))
    answers = []
    for task_id in (theirs["id"], "999999999"):
        response = await http_browser.post(
            handheld.url(f"load/{task_id}"),
            data={"csrf_token": token, "unit": pallets[0], "load": "L-1"},
        )
        answers.append((response.status_code, response.text))
    assert answers[0] == answers[1]
    assert answers[0][0] == 404
    unsigned = await http_browser.post(
        handheld.url(f"load/{theirs['id']}"), data={"unit": pallets[0], "load": "L-1"}
    )
    assert unsigned.status_code == 403
    assert [task["status"] for task in await load_tasks(owner)] == ["AVAILABLE"] * 3


async def test_loose_stock_is_loaded_by_its_place_and_a_flow_without_destination_trusts_the_load(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    loading = await loading_warehouse(caller, pallets=0)
    await stocked(caller, loading.where, 4)
    order = await picked_for_loading(caller, loading, 4, "SO-L")
    created = await caller.create(
        "loads", warehouse_id=loading.where.stock.warehouse_id, reference="L-9"
    )
    load_id = int(created["data"]["id"])
    await caller.create("load_drops", load_id=load_id, goods_out_id=order)
    [task] = await load_tasks(caller)
    assert task["storage_unit_from_id"] is None
    await post(caller, task_path(task, "assign_storage_unit"), {"load_id": load_id})
    steps = [{"step": "receipt", "input": "scan"}]
    flow = await caller.post(
        "/api/rf/flows",
        resource_body(
            "rf_flows",
            code="LOAD_FAST",
            name="Load what is assigned",
            flow_type="loading",
            implementation_id=1,
            is_default=True,
            definition={"steps": steps},
        ),
    )
    assert flow.status_code == 200, flow.text
    handheld = await operator_handheld(http_browser, clients, db, caller)
    screen = await http_browser.get(handheld.url("load"))
    assert "<dd>Loose stock, on no storage unit</dd>" in screen.text
    assert "<dd>L-9</dd>" in screen.text
    assert 'id="load"' not in screen.text
    assert "Scan the location" in screen.text
    wrong = await post_load(handheld, task["id"], unit="DOOR-1")
    assert error_of(wrong) == "This is not GOODS-OUT: the stock to load is in GOODS-OUT."
    assert [each["status"] for each in await load_tasks(caller)] == ["AVAILABLE"]
    done = await post_load(handheld, task["id"], unit="GOODS-OUT")
    assert notice_of(done) == "Loaded the stock from GOODS-OUT onto L-9.", done.text
    [loaded] = await load_tasks(caller)
    assert (loaded["status"], loaded["load_id"]) == ("COMPLETED", str(load_id))
    assert await stock_places(caller, loading) == [("DOOR-1", 4.0, 4.0)]
