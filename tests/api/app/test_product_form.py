"""The office form that creates a product: made by the service REST calls, a refusal shown
beside its field with nothing written, another tenant's stock unit type refused like a missing
one, and a post without its token refused."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI

from clarus.core.db import Database
from tests.api.app.support import AppUser, browser, form_token, new_app_user, signed_in
from tests.catalog.factories import stock_unit_type
from tests.support import ApiClientFactory


@pytest.fixture
async def http_browser(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with browser(app) as client:
        yield client


async def post_form(
    http: httpx.AsyncClient, user: AppUser, fields: dict[str, str], *, token: bool = True
) -> httpx.Response:
    page = await http.get(f"{user.root}/office/products/new")
    assert page.status_code == 200, page.text
    data = {**fields, **({"csrf_token": form_token(page)} if token else {})}
    return await http.post(f"{user.root}/office/products/new", data=data)


async def product_rows(http: httpx.AsyncClient, user: AppUser) -> int:
    listed = await http.get(f"{user.root}/office/products")
    return listed.text.count('<td class="number"><a href=')


async def test_the_form_creates_a_product_and_refuses_mistakes(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    user = await new_app_user(clients, db)
    unit = await stock_unit_type(user.caller)
    other = await new_app_user(clients, db)
    foreign_unit = await stock_unit_type(other.caller)
    await signed_in(http_browser, user)
    listed = await http_browser.get(f"{user.root}/office/products")
    assert f'href="{user.root}/office/products/new">New product</a>' in listed.text
    missing = await post_form(http_browser, user, {"code": "MUG"})
    assert missing.status_code == 422
    assert '<p class="field-error" id="description-error">description:' in missing.text
    assert '<p class="field-error" id="stock_unit_type-error">' in missing.text
    foreign = await post_form(
        http_browser,
        user,
        {"code": "MUG", "description": "Mug", "stock_unit_type": str(foreign_unit["id"])},
    )
    absent = await post_form(
        http_browser,
        user,
        {"code": "MUG", "description": "Mug", "stock_unit_type": "99999999999"},
    )
    assert foreign.status_code == absent.status_code == 422
    assert '<p class="field-error" id="stock_unit_type-error">' in foreign.text
    forged = await post_form(
        http_browser,
        user,
        {"code": "MUG", "description": "Mug", "stock_unit_type": str(unit["id"])},
        token=False,
    )
    assert forged.status_code == 403
    assert await product_rows(http_browser, user) == 0
    made = await post_form(
        http_browser,
        user,
        {"code": "MUG", "description": "Mug", "stock_unit_type": str(unit["id"])},
    )
    assert made.status_code == 303, made.text
    page = await http_browser.get(made.headers["location"])
    assert "<h1>Product MUG</h1>" in page.text
    duplicate = await post_form(
        http_browser,
        user,
        {"code": "MUG", "description": "Mug", "stock_unit_type": str(unit["id"])},
    )
    assert duplicate.status_code == 422
    assert '<p class="field-error" id="code-error">' in duplicate.text
    assert await product_rows(http_browser, user) == 1
