"""Picking on the handheld: location then product scanned, the quantity typed; a short pick
needs a reason; every wrong scan a message."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI

from clarus.core.db import Database
from tests.api.app.handheld import Handheld, error_of, notice_of
from tests.api.app.support import browser, form_token, new_app_user, signed_in
from tests.api.app.test_handheld_receive import product_code
from tests.masterdata.test_reason_codes import create_reason_code
from tests.outbound.test_fulfilment import (
    PROCESS,
    new_order,
    order_state,
    order_tasks,
    stocked_warehouse,
)
from tests.support import ApiClientFactory, Caller


@pytest.fixture
async def http_browser(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with browser(app) as client:
        yield client


async def operator_handheld(
    http: httpx.AsyncClient, clients: ApiClientFactory, db: Database, caller: Caller
) -> Handheld:
    operator = await new_app_user(clients, db, permissions=("write",), caller=caller)
    await signed_in(http, operator)
    return Handheld(http, operator)


async def post_pick(handheld: Handheld, task_id: str, **fields: str) -> httpx.Response:
    screen = await handheld.http.get(handheld.url("pick"))
    assert f"/pick/{task_id}" in screen.text, screen.text
    return await handheld.http.post(
        handheld.url(f"pick/{task_id}"), data={"csrf_token": form_token(screen), **fields}
    )


async def test_a_short_pick_needs_a_reason_and_the_order_goes_on(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    caller, where = await stocked_warehouse(clients)
    reason = await create_reason_code(
        caller, code="DMG", name="Damaged", reason_type="short_order_lines"
    )
    order = await new_order(caller, where, 5)
    processed = await caller.post(PROCESS, {"ids": [order["id"]]})
    assert processed.status_code == 200, processed.text
    [pick] = await order_tasks(caller, order["id"], "PICK")
    handheld = await operator_handheld(http_browser, clients, db, caller)
    code = await product_code(caller, where.stock.product_id)
    screen = await http_browser.get(handheld.url("pick"))
    assert "<dd>SO-1</dd>" in screen.text
    assert "<dd>A-01-01</dd>" in screen.text
    wrong_place = await post_pick(handheld, pick["id"], location="GOODS-OUT", product=code)
    assert error_of(wrong_place) == "This is not A-01-01: go to A-01-01."
    wrong_product = await post_pick(handheld, pick["id"], location="A-01-01", product="NOPE")
    assert error_of(wrong_product) == f"This is not {code}: scan {code}."
    scans = {"location": "A-01-01", "product": code, "quantity": "3"}
    no_reason = await post_pick(handheld, pick["id"], **scans)
    assert no_reason.status_code == 422
    assert error_of(no_reason) == "You picked less than 5. Choose a reason."
    [still] = await order_tasks(caller, order["id"], "PICK")
    assert still["status"] == "AVAILABLE"
    done = await post_pick(handheld, pick["id"], **scans, reason=str(reason["id"]))
    assert notice_of(done) == f"Picked 3 of {code}.", done.text
    assert "/handheld/pick/" not in done.text
    [picked] = await order_tasks(caller, order["id"], "PICK")
    assert (picked["status"], picked["confirmed_quantity"]) == ("COMPLETED", 3)
    state = await order_state(caller, order["id"])
    assert state["lines"][0]["pick_quantity"] == 3


async def test_another_tenants_pick_answers_like_a_missing_one(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    owner, where = await stocked_warehouse(clients)
    order = await new_order(owner, where, 5)
    assert (await owner.post(PROCESS, {"ids": [order["id"]]})).status_code == 200
    [theirs] = await order_tasks(owner, order["id"], "PICK")
    caller = await clients.new()
    handheld = await operator_handheld(http_browser, clients, db, caller)
    screen = await http_browser.get(handheld.url("pick"))
    assert notice_of(screen) == "Nothing is waiting to be picked."
    token = form_token(await http_browser.get(f"{handheld.operator.root}/handheld"))
    answers = []
    for task_id in (theirs["id"], "999999999"):
        response = await http_browser.post(
            handheld.url(f"pick/{task_id}"),
            data={"csrf_token": token, "location": "A-01-01", "product": "X", "quantity": "5"},
        )
        answers.append((response.status_code, response.text))
    assert answers[0] == answers[1]
    assert answers[0][0] == 404
    unsigned = await http_browser.post(handheld.url(f"pick/{theirs['id']}"), data={"quantity": "5"})
    assert unsigned.status_code == 403
    [still] = await order_tasks(owner, order["id"], "PICK")
    assert still["status"] == "AVAILABLE"
