"""The receipt and product record pages: what they show, linked from their lists, and another
tenant's record answered exactly like a missing one."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI

from clarus.core.db import Database
from tests.api.app.support import browser, new_app_user, signed_in
from tests.api.app.test_dashboard import held_stock
from tests.inbound.receiving import dock, new_receipt
from tests.support import ApiClientFactory


@pytest.fixture
async def http_browser(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with browser(app) as client:
        yield client


async def test_a_receipt_and_a_product_have_their_pages(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    user = await new_app_user(clients, db)
    where = await dock(user.caller)
    receipt = await new_receipt(user.caller, where, {"expected_quantity": 4}, reference="PO-9")
    await held_stock(user.caller, where, 3)
    other = await new_app_user(clients, db)
    other_where = await dock(other.caller)
    foreign_receipt = await new_receipt(other.caller, other_where, {"expected_quantity": 1})
    await signed_in(http_browser, user)

    listed = await http_browser.get(f"{user.root}/office/receipts")
    assert f'href="{user.root}/office/receipts/{receipt["id"]}">PO-9</a>' in listed.text
    page = await http_browser.get(f"{user.root}/office/receipts/{receipt['id']}")
    assert page.status_code == 200
    assert "<h1>Receipt PO-9</h1>" in page.text
    assert '<td class="number">4</td><td class="number">0</td>' in page.text

    products = await http_browser.get(f"{user.root}/office/products")
    assert f'href="{user.root}/office/products/{where.stock.product_id}"' in products.text
    product = await http_browser.get(f"{user.root}/office/products/{where.stock.product_id}")
    assert product.status_code == 200
    assert '<tr><td>A-01-01</td><td class="number">3</td><td class="number">0</td></tr>' in (
        product.text
    )

    for kind, foreign_id in (
        ("receipts", foreign_receipt["id"]),
        ("products", other_where.stock.product_id),
    ):
        foreign = await http_browser.get(f"{user.root}/office/{kind}/{foreign_id}")
        missing = await http_browser.get(f"{user.root}/office/{kind}/99999999999")
        garbage = await http_browser.get(f"{user.root}/office/{kind}/x1")
        assert foreign.status_code == missing.status_code == garbage.status_code == 404
        assert foreign.text == missing.text == garbage.text
