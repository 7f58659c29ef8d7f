"""Dispatching on the handheld: an order picked under the `manual` dispatch strategy waits for
its DISP tasks; scanning where the picked stock waits completes each, the last one completes
the order; a wrong scan is a message and dispatches nothing; another tenant's task answers like
a missing one."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI

from clarus.core.db import Database
from tests.api.app.handheld import error_of, notice_of
from tests.api.app.support import browser, form_token
from tests.api.app.test_handheld_pick import operator_handheld
from tests.api.app.test_handheld_receive import product_code
from tests.inbound.receiving import complete_task
from tests.inventory.test_stock_actions import assert_ledger_matches_stock
from tests.outbound.test_fulfilment import (
    PROCESS,
    new_order,
    order_state,
    order_tasks,
    stocked_warehouse,
)
from tests.support import ApiClientFactory


@pytest.fixture
async def http_browser(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with browser(app) as client:
        yield client


async def test_a_manual_order_is_dispatched_by_scanning_where_it_waits(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    caller, where = await stocked_warehouse(clients)
    handheld = await operator_handheld(http_browser, clients, db, caller)
    idle = await http_browser.get(handheld.url("dispatch"))
    assert notice_of(idle) == "Nothing is waiting to be dispatched."
    order = await new_order(caller, where, 4, dispatch_strategy="manual", reference="SO-DISP")
    assert (await caller.post(PROCESS, {"ids": [order["id"]]})).status_code == 200
    [pick] = await order_tasks(caller, order["id"], "PICK")
    await complete_task(caller, pick["id"], confirmed_quantity=3)
    [waiting] = await order_tasks(caller, order["id"], "DISP")
    code = await product_code(caller, where.stock.product_id)

    screen = await http_browser.get(handheld.url("dispatch"))
    assert f"/handheld/dispatch/{waiting['id']}" in screen.text
    for fact in ("SO-DISP", "GOODS-OUT", code, "3"):
        assert f"<dd>{fact}</dd>" in screen.text
    wrong = await http_browser.post(
        handheld.url(f"dispatch/{waiting['id']}"),
        data={"csrf_token": form_token(screen), "location": "A-01-01"},
    )
    assert wrong.status_code == 422
    assert error_of(wrong) == "This is not GOODS-OUT: go to GOODS-OUT."
    assert (await order_state(caller, order["id"]))["goods_out_status"] == {"code": "PICK"}

    done = await http_browser.post(
        handheld.url(f"dispatch/{waiting['id']}"),
        data={"csrf_token": form_token(screen), "location": "GOODS-OUT"},
    )
    assert done.status_code == 200, done.text
    assert notice_of(done) == f"Dispatched 3 of {code} for SO-DISP."
    state = await order_state(caller, order["id"])
    assert state["goods_out_status"] == {"code": "COMPLETED"}
    assert [line["dispatch_quantity"] for line in state["lines"]] == [3.0]
    [dispatched] = await order_tasks(caller, order["id"], "DISP")
    assert dispatched["status"] == "COMPLETED"
    await assert_ledger_matches_stock(db, caller.tenant_id)


async def test_another_tenants_dispatch_task_answers_like_a_missing_one(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    owner, where = await stocked_warehouse(clients)
    order = await new_order(owner, where, 2, dispatch_strategy="manual")
    assert (await owner.post(PROCESS, {"ids": [order["id"]]})).status_code == 200
    [pick] = await order_tasks(owner, order["id"], "PICK")
    await complete_task(owner, pick["id"])
    [theirs] = await order_tasks(owner, order["id"], "DISP")
    caller = await clients.new()
    handheld = await operator_handheld(http_browser, clients, db, caller)
    screen = await http_browser.get(handheld.url("dispatch"))
    assert notice_of(screen) == "Nothing is waiting to be dispatched."
    token = form_token(await http_browser.get(f"{handheld.operator.root}/handheld"))
    answers = []
    for task_id in (theirs["id"], "999999999"):
        response = await http_browser.post(
            handheld.url(f"dispatch/{task_id}"),
            data={"csrf_token": token, "location": "GOODS-OUT"},
        )
        answers.append((response.status_code, response.text))
    assert answers[0] == answers[1]
    assert answers[0][0] == 404
    unsigned = await http_browser.post(
        handheld.url(f"dispatch/{theirs['id']}"), data={"location": "GOODS-OUT"}
    )
    assert unsigned.status_code == 403
    [still] = await order_tasks(owner, order["id"], "DISP")
    assert still["status"] == "AVAILABLE"
    assert (await order_state(owner, order["id"]))["goods_out_status"] == {"code": "PICK"}
