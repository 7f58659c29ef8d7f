"""The office's stock checks page: a count short of the stock is listed with what was counted
against what the system held, and resolved with a reason, posting the difference to the stock;
without a reason nothing is posted; a reader sees no resolve; another tenant's record answers
like a missing one."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select

from clarus.core.db import Database
from clarus.stockcontrol.tables import stock_check_records
from tests.api.app.handheld import error_of, notice_of
from tests.api.app.support import AppUser, browser, form_token, new_app_user, signed_in
from tests.api.app.test_handheld_receive import product_code
from tests.inbound.receiving import Dock
from tests.inventory.test_stock_actions import assert_ledger_matches_stock
from tests.outbound.test_fulfilment import stocked_warehouse
from tests.stockcontrol.stock_checks import (
    complete,
    count,
    create_check,
    ledger_total,
    stock_check_reason,
)
from tests.support import ApiClientFactory, Caller

PAGE = "office/stock-checks"
CELL = re.compile(r"<td[^>]*>([^<]*)</td>")


@pytest.fixture
async def http_browser(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with browser(app) as client:
        yield client


async def failed_record(caller: Caller, where: Dock, counted: float) -> int:
    """A check of the shelf counted `counted` (the shelf holds 10) and completed: failed; its
    one record's id."""
    check_id = (await create_check(caller, where.shelf_id))["stock_check_id"]
    await count(caller, check_id, where.stock.product_id, counted)
    await complete(caller, check_id)
    return check_id


async def record_status(db: Database, check_id: int) -> tuple[int, str]:
    async with db.read_session() as session:
        [(record_id, status)] = (
            await session.execute(
                select(stock_check_records.c.id, stock_check_records.c.status).where(
                    stock_check_records.c.stock_check_id == check_id
                )
            )
        ).all()
    return record_id, status


async def supervisor(
    http: httpx.AsyncClient, clients: ApiClientFactory, db: Database, caller: Caller
) -> AppUser:
    user = await new_app_user(clients, db, permissions=("read", "write"), caller=caller)
    await signed_in(http, user)
    return user


async def test_a_short_count_is_listed_and_resolved_with_a_reason(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    caller, where = await stocked_warehouse(clients)
    user = await supervisor(http_browser, clients, db, caller)
    empty = await http_browser.get(f"{user.root}/{PAGE}")
    assert "No count waits to be resolved." in empty.text
    check_id = await failed_record(caller, where, 7)
    record_id, _ = await record_status(db, check_id)
    reason_id = await stock_check_reason(caller)
    code = await product_code(caller, where.stock.product_id)

    page = await http_browser.get(f"{user.root}/{PAGE}")
    assert page.status_code == 200
    assert CELL.findall(page.text)[:7] == [str(check_id), "A-01-01", code, "", "7", "10", "-3"]
    resolve_url = f"{user.root}/{PAGE}/{record_id}/resolve"
    token = form_token(page)
    for chosen in ("", "not a number", "999999999"):
        refused = await http_browser.post(resolve_url, data={"csrf_token": token, "reason": chosen})
        assert refused.status_code == 422
        assert error_of(refused) == "Choose a reason (of type stock_check) to resolve it."
    assert await record_status(db, check_id) == (record_id, "failure")
    assert await ledger_total(db, caller.tenant_id, where.stock.product_id) == 10

    resolved = await http_browser.post(
        resolve_url, data={"csrf_token": token, "reason": str(reason_id)}, follow_redirects=True
    )
    assert notice_of(resolved) == "Resolved: the difference is posted to the stock."
    assert "No count waits to be resolved." in resolved.text
    assert await record_status(db, check_id) == (record_id, "resolved")
    assert await ledger_total(db, caller.tenant_id, where.stock.product_id) == 7
    await assert_ledger_matches_stock(db, caller.tenant_id)


async def test_a_reader_sees_no_resolve_and_another_tenants_record_is_missing(
    app: FastAPI, http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    owner, where = await stocked_warehouse(clients)
    check_id = await failed_record(owner, where, 4)
    theirs, _ = await record_status(db, check_id)
    their_reason = await stock_check_reason(owner)

    reader = await new_app_user(clients, db, permissions=("read",), caller=owner)
    async with browser(app) as reading:
        await signed_in(reading, reader)
        listed = await reading.get(f"{reader.root}/{PAGE}")
        assert "A-01-01" in listed.text
        assert "/resolve" not in listed.text
        forbidden = await reading.post(
            f"{reader.root}/{PAGE}/{theirs}/resolve",
            data={"csrf_token": form_token(listed), "reason": str(their_reason)},
        )
        assert forbidden.status_code == 403

    caller = await clients.new()
    user = await supervisor(http_browser, clients, db, caller)
    own_reason = await stock_check_reason(caller)
    page = await http_browser.get(f"{user.root}/{PAGE}")
    assert "No count waits to be resolved." in page.text
    answers = []
    for record_id in (theirs, 999999999):
        response = await http_browser.post(
            f"{user.root}/{PAGE}/{record_id}/resolve",
            data={"csrf_token": form_token(page), "reason": str(own_reason)},
        )
        answers.append((response.status_code, response.text))
    assert answers[0] == answers[1]
    assert answers[0][0] == 404
    unsigned = await http_browser.post(
        f"{user.root}/{PAGE}/{theirs}/resolve", data={"reason": str(own_reason)}
    )
    assert unsigned.status_code == 403
    assert await record_status(db, check_id) == (theirs, "failure")
