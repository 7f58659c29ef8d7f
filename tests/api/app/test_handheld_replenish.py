"""Replenishing on the handheld: the reserve location, the product, the quantity and the pick
face scanned; every wrong scan a message and nothing moved."""

from __future__ import annotations

from collections.abc import AsyncIterator
from decimal import Decimal

import httpx
import pytest
from fastapi import FastAPI

from clarus.core.db import Database
from tests.api.app.handheld import Handheld, error_of, notice_of
from tests.api.app.support import browser, form_token
from tests.api.app.test_handheld_receive import operator_handheld, product_code
from tests.inventory.test_stock_actions import assert_ledger_matches_stock
from tests.stockcontrol.test_replenishment import (
    TRIGGER,
    Warehouse,
    free_at,
    replenishments,
    stock_at,
    warehouse,
)
from tests.support import ApiClientFactory, Caller


@pytest.fixture
async def http_browser(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with browser(app) as client:
        yield client


async def location_code(caller: Caller, location_id: int) -> str:
    result = await caller.graphql(
        "query($filter: LocationsFilterType) { locations { all(filter: $filter) {"
        " edges { node { code } } } } }",
        {"filter": {"id": {"eq": str(location_id)}}},
    )
    return str(result["data"]["locations"]["all"]["edges"][0]["node"]["code"])


async def face_to_fill(caller: Caller) -> tuple[Warehouse, int]:
    """A pick face (maximum 20) emptied, 30 in reserve, and the REPLEN task of 20 triggered."""
    where = await warehouse(caller)
    await stock_at(caller, where, where.reserve_ids[0], 30, month=1)
    triggered = await caller.post(TRIGGER, where.trigger())
    assert triggered.status_code == 200, triggered.text
    [task] = triggered.json()["data"]
    return where, int(task["id"])


async def post_replenish(handheld: Handheld, task_id: int, **fields: str) -> httpx.Response:
    screen = await handheld.http.get(handheld.url("replenish"))
    assert f"/replenish/{task_id}" in screen.text, screen.text
    return await handheld.http.post(
        handheld.url(f"replenish/{task_id}"), data={"csrf_token": form_token(screen), **fields}
    )


async def test_a_replenishment_is_scanned_from_reserve_to_the_pick_face(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where, task_id = await face_to_fill(caller)
    handheld = await operator_handheld(http_browser, clients, db, caller)
    code = await product_code(caller, where.product_id)
    reserve = await location_code(caller, where.reserve_ids[0])
    other_reserve = await location_code(caller, where.reserve_ids[1])
    face = await location_code(caller, where.pick_face_id)
    screen = await http_browser.get(handheld.url("replenish"))
    for fact in (code, "20", reserve, face):
        assert f"<dd>{fact}</dd>" in screen.text
    right = {"location": reserve, "product": code, "quantity": "12", "pick_face": face}
    wrong_scans = [
        ({**right, "location": face}, f"This is not {reserve}: go to {reserve}."),
        ({**right, "product": "NOPE"}, f"This is not {code}: scan {code}."),
        ({**right, "quantity": "0"}, "Type a quantity above 0."),
        (
            {**right, "pick_face": other_reserve},
            f"This is not {face}: take it to the pick face {face}.",
        ),
    ]
    for fields, message in wrong_scans:
        refused = await post_replenish(handheld, task_id, **fields)
        assert (refused.status_code, error_of(refused)) == (422, message)
    too_much = await post_replenish(handheld, task_id, **{**right, "quantity": "25"})
    assert too_much.status_code == 422
    assert f"replenishment task {task_id} brings" in (error_of(too_much) or ""), too_much.text
    [waiting] = await replenishments(db, caller.tenant_id)
    assert waiting["status"] == "AVAILABLE"
    assert await free_at(db, where.pick_face_id) == (Decimal(0), Decimal(0))
    done = await post_replenish(handheld, task_id, **right)
    assert done.status_code == 200, done.text
    assert notice_of(done) == f"Brought 12 of {code} from {reserve} to {face}."
    assert "/handheld/replenish/" not in done.text
    [completed] = await replenishments(db, caller.tenant_id)
    assert (completed["status"], completed["confirmed_quantity"]) == ("COMPLETED", Decimal(12))
    assert await free_at(db, where.pick_face_id) == (Decimal(12), Decimal(0))
    assert await free_at(db, where.reserve_ids[0]) == (Decimal(18), Decimal(0))
    await assert_ledger_matches_stock(db, caller.tenant_id)
    empty = await http_browser.get(handheld.url("replenish"))
    assert notice_of(empty) == "Nothing is waiting to be replenished."


async def test_another_tenants_replenishment_answers_like_a_missing_one(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    owner = await clients.new()
    where, theirs = await face_to_fill(owner)
    caller = await clients.new()
    handheld = await operator_handheld(http_browser, clients, db, caller)
    screen = await http_browser.get(handheld.url("replenish"))
    assert notice_of(screen) == "Nothing is waiting to be replenished."
    token = form_token(await http_browser.get(f"{handheld.operator.root}/handheld"))
    answers = []
    for task_id in (theirs, 999999999):
        for method in ("GET", "POST"):
            response = await http_browser.request(
                method,
                handheld.url(f"replenish/{task_id}"),
                data={"csrf_token": token, "quantity": "20"} if method == "POST" else None,
            )
            answers.append((method, response.status_code, response.text))
    assert answers[:2] == answers[2:]
    assert [status for _, status, _ in answers[:2]] == [404, 404]
    unsigned = await http_browser.post(handheld.url(f"replenish/{theirs}"), data={"quantity": "5"})
    assert unsigned.status_code == 403
    [still] = await replenishments(db, owner.tenant_id)
    assert still["status"] == "AVAILABLE"
    assert await free_at(db, where.pick_face_id) == (Decimal(0), Decimal(0))
