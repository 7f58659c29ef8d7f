"""The office forms that create a receipt and change one, through the inbound services
`POST` and `PATCH /api/goods_in_receipts` call: linked from the list and the record page, the
API's messages beside the fields, nothing written on a refusal, a receipt being received
refuses new lines, and another tenant's receipt is answered exactly like a missing one."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from clarus.core.db import Database
from clarus.inbound.tables import goods_in_receipt_lines, goods_in_receipts
from tests.api.app.support import browser, form_token, new_app_user, signed_in
from tests.api.app.test_edit_forms import alerts, post_edit
from tests.api.app.test_order_form import field_error
from tests.catalog.factories import product
from tests.inbound.receiving import dock, new_receipt, received_receipt
from tests.support import ApiClientFactory


@pytest.fixture
async def http_browser(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with browser(app) as client:
        yield client


async def receipts_of(db: Database, tenant_id: int) -> int:
    async with db.read_session() as session:
        statement = select(func.count()).where(goods_in_receipts.c.tenant_id == tenant_id)
        return int((await session.execute(statement)).scalar_one())


async def receipt_lines(db: Database, receipt_id: int) -> list[tuple[int, float]]:
    async with db.read_session() as session:
        lines = goods_in_receipt_lines
        statement = (
            select(lines.c.product_id, lines.c.expected_quantity)
            .where(lines.c.goods_in_receipt_id == receipt_id)
            .order_by(lines.c.id)
        )
        rows = await session.execute(statement)
        return [(product_id, float(quantity)) for product_id, quantity in rows]


async def test_a_receipt_is_created_then_edited_from_its_page(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    user = await new_app_user(clients, db)
    where = await dock(user.caller)
    code = (await product(user.caller))["attributes"]["code"]
    await signed_in(http_browser, user)
    listed = await http_browser.get(f"{user.root}/office/receipts")
    assert f'href="{user.root}/office/receipts/new">New receipt</a>' in listed.text
    form = await http_browser.get(f"{user.root}/office/receipts/new")
    created = await http_browser.post(
        f"{user.root}/office/receipts/new",
        data={
            "csrf_token": form_token(form),
            "account": str(where.stock.account_id),
            "warehouse": str(where.stock.warehouse_id),
            "reference": "PO-77",
            "expected": "2026-12-11T07:00",
            "line-0-product": str(code),
            "line-0-quantity": "12",
        },
    )
    assert created.status_code == 303, created.text
    record_url, _, done = created.headers["location"].partition("?")
    assert done == "done=saved"
    page = await http_browser.get(created.headers["location"])
    assert '<p class="message message-notice" role="status">Saved.</p>' in page.text
    assert "<h1>Receipt PO-77</h1>" in page.text
    assert "2026-12-11 07:00" in page.text
    assert f'href="{record_url}/edit">Edit</a>' in page.text
    receipt_id = int(record_url.rsplit("/", 1)[1])
    [(product_id, _)] = await receipt_lines(db, receipt_id)

    [line_id] = await line_ids(db, receipt_id)
    edited = await post_edit(
        http_browser,
        f"{record_url}/edit",
        {
            "reference": "PO-78",
            f"current-{line_id}-remove": "on",
            "line-0-product": str(code),
            "line-0-quantity": "3.5",
        },
    )
    assert (edited.status_code, edited.headers["location"]) == (303, f"{record_url}?done=saved")
    assert "<h1>Receipt PO-78</h1>" in (await http_browser.get(record_url)).text
    assert await receipt_lines(db, receipt_id) == [(product_id, 3.5)]


async def line_ids(db: Database, receipt_id: int) -> list[int]:
    async with db.read_session() as session:
        statement = select(goods_in_receipt_lines.c.id).where(
            goods_in_receipt_lines.c.goods_in_receipt_id == receipt_id
        )
        return list((await session.execute(statement)).scalars())


async def test_bad_input_is_shown_beside_its_field_and_nothing_is_written(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    user = await new_app_user(clients, db)
    where = await dock(user.caller)
    other = await new_app_user(clients, db)
    other_where = await dock(other.caller)
    await signed_in(http_browser, user)
    form = await http_browser.get(f"{user.root}/office/receipts/new")
    refused = await http_browser.post(
        f"{user.root}/office/receipts/new",
        data={
            "csrf_token": form_token(form),
            "account": str(other_where.stock.account_id),
            "expected": "next week",
            "line-3-product": "NO-SUCH",
            "line-3-quantity": "0",
        },
    )
    assert refused.status_code == 422
    assert alerts(refused) == ["Nothing was saved. Correct the fields marked below."]
    assert "required" in field_error(refused.text, "warehouse")
    assert field_error(refused.text, "expected").startswith("expected_date_of_arrival:")
    assert field_error(refused.text, "line-3-product") == "No product has the code NO-SUCH."
    assert "expected_quantity" in field_error(refused.text, "line-3-quantity")
    foreign = await http_browser.post(
        f"{user.root}/office/receipts/new",
        data={
            "csrf_token": form_token(form),
            "account": str(other_where.stock.account_id),
            "warehouse": str(where.stock.warehouse_id),
        },
    )
    missing = await http_browser.post(
        f"{user.root}/office/receipts/new",
        data={
            "csrf_token": form_token(form),
            "account": "987654321",
            "warehouse": str(where.stock.warehouse_id),
        },
    )
    assert foreign.status_code == missing.status_code == 422
    assert field_error(foreign.text, "account").replace(
        str(other_where.stock.account_id), "N"
    ) == field_error(missing.text, "account").replace("987654321", "N")
    assert await receipts_of(db, user.caller.tenant_id) == 0


async def test_a_receipt_being_received_refuses_new_lines(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    user = await new_app_user(clients, db)
    where = await dock(user.caller)
    receipt = await received_receipt(user.caller, where, {"expected_quantity": 4})
    receipt_id = int(receipt["id"])
    before = await receipt_lines(db, receipt_id)
    code = (await product(user.caller))["attributes"]["code"]
    await signed_in(http_browser, user)
    refused = await post_edit(
        http_browser,
        f"{user.root}/office/receipts/{receipt_id}/edit",
        {"line-0-product": str(code), "line-0-quantity": "1"},
    )
    assert refused.status_code == 422
    assert (
        "Goods have been received against this receipt; its lines can no longer change."
        in alerts(refused)
    )
    assert await receipt_lines(db, receipt_id) == before


async def test_another_tenants_receipt_is_edited_like_a_missing_one(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    user = await new_app_user(clients, db)
    other = await new_app_user(clients, db)
    foreign = await new_receipt(other.caller, await dock(other.caller), {"expected_quantity": 1})
    await signed_in(http_browser, user)
    token = form_token(await http_browser.get(f"{user.root}/office/receipts/new"))
    answers = []
    for receipt_id in (foreign["id"], 999_999_999):
        url = f"{user.root}/office/receipts/{receipt_id}/edit"
        shown = await http_browser.get(url)
        posted = await http_browser.post(url, data={"csrf_token": token, "reference": "MINE"})
        answers.append((shown.status_code, shown.text, posted.status_code, posted.text))
    assert answers[0] == answers[1]
    assert answers[0][0] == answers[0][2] == 404
