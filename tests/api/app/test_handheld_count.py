"""Counting on the handheld, blind: the open COUNT task's location offered, a location scanned,
each product scanned with the quantity counted, the count finished; a count short of the stock
fails and resolves through the REST API into the ledger; every wrong scan a message."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select

from clarus.core.db import Database
from clarus.stockcontrol.tables import stock_check_records, stock_checks
from tests.api.app.handheld import Handheld, error_of, notice_of
from tests.api.app.support import browser, form_token
from tests.api.app.test_handheld_pick import operator_handheld
from tests.api.app.test_handheld_receive import product_code
from tests.inventory.test_stock_actions import assert_ledger_matches_stock
from tests.outbound.test_fulfilment import stocked_warehouse
from tests.stockcontrol.stock_checks import (
    create_check,
    ledger_total,
    resolve,
    stock_check_reason,
)
from tests.support import ApiClientFactory


@pytest.fixture
async def http_browser(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with browser(app) as client:
        yield client


async def post_count(handheld: Handheld, check_id: int, **fields: str) -> httpx.Response:
    screen = await handheld.http.get(handheld.url(f"count/{check_id}"))
    assert screen.status_code == 200, screen.text
    return await handheld.http.post(
        handheld.url(f"count/{check_id}"), data={"csrf_token": form_token(screen), **fields}
    )


async def check_records(db: Database, check_id: int) -> tuple[str, list[tuple[int, str]]]:
    """The check's status and each record's id and status."""
    async with db.read_session() as session:
        status = await session.scalar(
            select(stock_checks.c.status).where(stock_checks.c.id == check_id)
        )
        rows = await session.execute(
            select(stock_check_records.c.id, stock_check_records.c.status)
            .where(stock_check_records.c.stock_check_id == check_id)
            .order_by(stock_check_records.c.id)
        )
        return str(status), [(row.id, row.status) for row in rows]


async def test_a_count_short_of_the_stock_fails_and_resolves_into_the_ledger(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    caller, where = await stocked_warehouse(clients)
    handheld = await operator_handheld(http_browser, clients, db, caller)
    code = await product_code(caller, where.stock.product_id)
    idle = await http_browser.get(handheld.url("count"))
    assert notice_of(idle) == "No count is waiting: scan a location to count it."
    check_id = (await create_check(caller, where.shelf_id))["stock_check_id"]
    offered = await http_browser.get(handheld.url("count"))
    assert "<dd>A-01-01</dd>" in offered.text
    unknown = await handheld.scan("count", location="NOPE-9")
    assert unknown.status_code == 422
    assert error_of(unknown) == "No location has the code NOPE-9."
    counting = await handheld.scan("count", location="A-01-01")
    assert counting.status_code == 200, counting.text
    assert f"/handheld/count/{check_id}" in counting.text
    assert "<dd>10</dd>" not in counting.text
    assert 'value="10"' not in counting.text
    no_product = await post_count(handheld, check_id, product="NOPE", quantity="3")
    assert error_of(no_product) == "No product has the code NOPE."
    no_quantity = await post_count(handheld, check_id, product=code, quantity="lots")
    assert error_of(no_quantity) == "Type the quantity counted: 0 or more."
    nothing = await post_count(handheld, check_id)
    assert error_of(nothing) == "Scan a product, or choose to finish the count."
    counted = await post_count(handheld, check_id, product=code, quantity="7")
    assert notice_of(counted) == f"Counted 7 of {code}.", counted.text
    recounted = await post_count(handheld, check_id, product=code, quantity="7")
    assert notice_of(recounted) == f"Counted 7 of {code}."
    third = await post_count(handheld, check_id, product=code, quantity="10", then="finish")
    assert third.status_code == 422
    assert error_of(third) == (
        "This stock group has been counted twice; resolve it with a reason code instead."
    )
    finished = await post_count(handheld, check_id, then="finish")
    assert notice_of(finished) == (
        "The count of A-01-01 is finished: it differs from the stock, the office will resolve it."
    )
    status, records = await check_records(db, check_id)
    assert (status, [record_status for _, record_status in records]) == ("failed", ["failure"])
    gone = await http_browser.get(handheld.url(f"count/{check_id}"))
    assert gone.status_code == 404

    await resolve(caller, [record_id for record_id, _ in records], await stock_check_reason(caller))
    assert await ledger_total(db, caller.tenant_id, where.stock.product_id) == 7
    await assert_ledger_matches_stock(db, caller.tenant_id)


async def test_an_exact_count_of_a_scanned_location_passes(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    caller, where = await stocked_warehouse(clients)
    handheld = await operator_handheld(http_browser, clients, db, caller)
    code = await product_code(caller, where.stock.product_id)
    counting = await handheld.scan("count", location="A-01-01")
    assert counting.status_code == 200, counting.text
    async with db.read_session() as session:
        check_id = await session.scalar(
            select(stock_checks.c.id).where(stock_checks.c.tenant_id == caller.tenant_id)
        )
    assert check_id is not None
    finished = await post_count(handheld, check_id, product=code, quantity="10", then="finish")
    assert notice_of(finished) == "The count of A-01-01 is finished: it matches the stock."
    assert (await check_records(db, check_id))[0] == "passed"


async def test_another_tenants_location_and_check_answer_like_missing_ones(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    owner, where = await stocked_warehouse(clients)
    theirs = (await create_check(owner, where.shelf_id))["stock_check_id"]
    caller = await clients.new()
    handheld = await operator_handheld(http_browser, clients, db, caller)
    screen = await http_browser.get(handheld.url("count"))
    assert "<dd>A-01-01</dd>" not in screen.text
    scanned = []
    for location in ("A-01-01", "NOPE-9"):
        response = await handheld.scan("count", location=location)
        scanned.append((response.status_code, response.text.replace(location, "CODE")))
    assert scanned[0] == scanned[1]
    assert scanned[0][0] == 422
    token = form_token(await http_browser.get(f"{handheld.operator.root}/handheld"))
    answers = []
    for check_id in (theirs, 999999999):
        response = await http_browser.post(
            handheld.url(f"count/{check_id}"),
            data={"csrf_token": token, "product": "X", "quantity": "5", "then": "finish"},
        )
        answers.append((response.status_code, response.text))
    assert answers[0] == answers[1]
    assert answers[0][0] == 404
    unsigned = await http_browser.post(handheld.url(f"count/{theirs}"), data={"then": "finish"})
    assert unsigned.status_code == 403
    unsigned_scan = await http_browser.post(handheld.url("count"), data={"location": "A-01-01"})
    assert unsigned_scan.status_code == 403
    assert (await check_records(db, theirs))[0] == "pending"
