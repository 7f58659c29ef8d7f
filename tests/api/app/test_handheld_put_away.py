"""Putting away on the handheld: the offered location (the account's put-away rules), scanned
to confirm, or another one with a reason; every wrong scan a message."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI

from clarus.core.db import Database
from tests.api.app.handheld import Handheld, error_of, notice_of
from tests.api.app.support import browser, form_token, new_app_user, signed_in
from tests.api.app.test_handheld_receive import product_code
from tests.inbound.receiving import Dock, awaiting_putaway, dock
from tests.masterdata.test_reason_codes import create_reason_code
from tests.stockcontrol.rules import putaway_rule
from tests.support import ApiClientFactory, Caller


@pytest.fixture
async def http_browser(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with browser(app) as client:
        yield client


async def shelved_dock(caller: Caller) -> Dock:
    """A dock whose account's rule offers its shelf A-01-01, and a second shelf B-01-01."""
    where = await dock(caller)
    await putaway_rule(caller, where.stock.account_id, "code", "asc")
    shelf = await caller.graphql(
        "query($filter: LocationsFilterType) { locations { all(filter: $filter) {"
        " edges { node { location_type_id } } } } }",
        {"filter": {"id": {"eq": str(where.shelf_id)}}},
    )
    shelf_type = shelf["data"]["locations"]["all"]["edges"][0]["node"]["location_type_id"]
    await caller.create_location(
        "B-01-01", warehouse_id=where.stock.warehouse_id, location_type_id=shelf_type
    )
    return where


async def operator_handheld(
    http: httpx.AsyncClient, clients: ApiClientFactory, db: Database, caller: Caller
) -> Handheld:
    operator = await new_app_user(clients, db, permissions=("write",), caller=caller)
    await signed_in(http, operator)
    return Handheld(http, operator)


async def post_scans(handheld: Handheld, task_id: str, **fields: str) -> httpx.Response:
    screen = await handheld.http.get(handheld.url("put-away"))
    assert f"/put-away/{task_id}" in screen.text, screen.text
    return await handheld.http.post(
        handheld.url(f"put-away/{task_id}"), data={"csrf_token": form_token(screen), **fields}
    )


async def task_of(caller: Caller, task_id: str) -> dict[str, object]:
    result = await caller.graphql(
        "query($filter: TaskFilterType) { tasks { all(filter: $filter) { edges { node {"
        " status confirmed_quantity location_to_id notes } } } } }",
        {"filter": {"id": {"eq": task_id}}},
    )
    node: dict[str, object] = result["data"]["tasks"]["all"]["edges"][0]["node"]
    return node


async def test_the_offered_location_is_scanned_to_confirm(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await shelved_dock(caller)
    _, pway = await awaiting_putaway(caller, where, 5)
    assert pway["location_to_id"] == str(where.shelf_id)
    handheld = await operator_handheld(http_browser, clients, db, caller)
    code = await product_code(caller, where.stock.product_id)
    screen = await http_browser.get(handheld.url("put-away"))
    assert "<dd>A-01-01</dd>" in screen.text
    assert f"<dd>{code}</dd>" in screen.text
    done = await post_scans(handheld, pway["id"], product=code, location="A-01-01", quantity="5")
    assert notice_of(done) == f"Put 5 of {code} away in A-01-01.", done.text
    task = await task_of(caller, pway["id"])
    assert (task["status"], task["location_to_id"]) == ("COMPLETED", str(where.shelf_id))


async def test_another_location_needs_a_reason_which_the_task_keeps(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await shelved_dock(caller)
    reason = await create_reason_code(
        caller, code="FULL", name="Shelf full", reason_type="transfer"
    )
    _, pway = await awaiting_putaway(caller, where, 5)
    handheld = await operator_handheld(http_browser, clients, db, caller)
    code = await product_code(caller, where.stock.product_id)
    scans = {"product": code, "location": "B-01-01", "quantity": "5"}
    refused = await post_scans(handheld, pway["id"], **scans)
    assert refused.status_code == 422
    assert error_of(refused) == "This is not A-01-01. Choose a reason to put it elsewhere."
    assert (await task_of(caller, pway["id"]))["status"] == "AVAILABLE"
    done = await post_scans(handheld, pway["id"], **scans, reason=str(reason["id"]))
    assert notice_of(done) == f"Put 5 of {code} away in B-01-01.", done.text
    task = await task_of(caller, pway["id"])
    assert task["status"] == "COMPLETED"
    assert task["notes"] == "Put away in B-01-01 instead of A-01-01: FULL Shelf full"


async def test_wrong_scans_are_messages_and_change_nothing(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await shelved_dock(caller)
    _, pway = await awaiting_putaway(caller, where, 5)
    handheld = await operator_handheld(http_browser, clients, db, caller)
    code = await product_code(caller, where.stock.product_id)
    wrong_product = await post_scans(
        handheld, pway["id"], product="OTHER", location="A-01-01", quantity="5"
    )
    assert error_of(wrong_product) == f"This is not {code}: scan {code}."
    no_location = await post_scans(handheld, pway["id"], product=code, location="Z-9", quantity="5")
    assert error_of(no_location) == "No location of this warehouse has the code Z-9."
    too_much = await post_scans(
        handheld, pway["id"], product=code, location="A-01-01", quantity="9"
    )
    assert too_much.status_code == 422
    assert error_of(too_much)
    assert (await task_of(caller, pway["id"]))["status"] == "AVAILABLE"


async def test_another_tenants_task_answers_like_a_missing_one(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    owner, caller = await clients.new(), await clients.new()
    where = await shelved_dock(owner)
    _, theirs = await awaiting_putaway(owner, where, 5)
    handheld = await operator_handheld(http_browser, clients, db, caller)
    screen = await http_browser.get(handheld.url("put-away"))
    assert notice_of(screen) == "Nothing is waiting to be put away."
    token = form_token(await http_browser.get(f"{handheld.operator.root}/handheld"))
    answers = []
    for task_id in (theirs["id"], "999999999"):
        response = await http_browser.post(
            handheld.url(f"put-away/{task_id}"),
            data={"csrf_token": token, "location": "A-01-01", "product": "X", "quantity": "5"},
        )
        answers.append((response.status_code, response.text))
    assert answers[0] == answers[1]
    assert answers[0][0] == 404
    assert (await task_of(owner, theirs["id"]))["status"] == "AVAILABLE"
    unsigned = await http_browser.post(
        handheld.url(f"put-away/{theirs['id']}"), data={"location": "A-01-01"}
    )
    assert unsigned.status_code == 403


async def test_the_tenants_default_task_flow_decides_the_scans(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    """A default `task` flow of location and destination alone: no product scan, and the task's
    whole quantity confirmed without a quantity field."""
    caller = await clients.new()
    where = await shelved_dock(caller)
    steps = [{"step": "location", "input": "scan"}, {"step": "destination", "input": "scan"}]
    flow = await caller.post(
        "/api/rf/flows",
        {
            "data": {
                "type": "rf_flows",
                "attributes": {
                    "code": "PWAY_FAST",
                    "name": "Fast put-away",
                    "flow_type": "task",
                    "implementation_id": 1,
                    "is_default": True,
                    "definition": {"steps": steps},
                },
            }
        },
    )
    assert flow.status_code == 200, flow.text
    _, pway = await awaiting_putaway(caller, where, 5)
    handheld = await operator_handheld(http_browser, clients, db, caller)
    screen = await http_browser.get(handheld.url("put-away"))
    assert 'name="product"' not in screen.text
    assert 'name="quantity"' not in screen.text
    done = await post_scans(handheld, pway["id"], location="A-01-01")
    assert notice_of(done) is not None, done.text
    task = await task_of(caller, pway["id"])
    assert (task["status"], task["confirmed_quantity"]) == ("COMPLETED", 5)
