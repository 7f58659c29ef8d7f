"""The security sweep of the operator app's forms: every POST route of the app's routers (read
from `router.PAGE_ROUTERS`, so a new form is swept as soon as it is routed)

- refuses a post without its CSRF token, doing nothing;
- answers garbage, oversized and wrong-type values in every field it shows (on a real record),
  or in its path (an action without a form), with a 4xx page, never a 500, writing nothing;
- answers another tenant's id in its path, or in a field that names a record, exactly as it
  answers an id no record has.

A route whose path takes an id this file does not know fails `test_every_path_id_is_known`:
add where its records live to `PATH_IDS`."""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from sqlalchemy import Column, select

from clarus.api.app.router import PAGE_ROUTERS
from clarus.auth.tables import api_clients, roles, users
from clarus.catalog.tables import products, stock_unit_types
from clarus.core.db import Database
from clarus.inbound.tables import goods_in_receipts
from clarus.masterdata.tables import accounts, warehouses
from clarus.outbound.tables import goods_outs
from clarus.stockcontrol.tables import stock_check_records, stock_checks
from clarus.tasks.tables import tasks
from clarus.webhooks.tables import automations, webhook_deliveries
from tests.api.app.support import (
    SESSION_COOKIE,
    AppUser,
    browser,
    form_token,
    new_app_user,
    signed_in,
)
from tests.api.app.test_dashboard import failed_delivery, order
from tests.api.app.test_edit_forms import DUE, field_values
from tests.inbound.receiving import dock, new_receipt, received_receipt
from tests.stockcontrol.stock_checks import count, create_check
from tests.support import ApiClientFactory, row_counts
from tests.webhooks.support import automation_body

ADMIN = ("read", "write", "admin")
SIGN_IN = "/app/{subdomain}/sign-in"
SIGN_OUT = "/app/{subdomain}/sign-out"
PARAMETER = re.compile(r"\{(\w+)\}")
PATH_IDS: dict[str, Column[object]] = {
    "order_id": goods_outs.c.id,
    "receipt_id": goods_in_receipts.c.id,
    "product_id": products.c.id,
    "user_id": users.c.id,
    "client_id": api_clients.c.client_id,
    "delivery_id": webhook_deliveries.c.id,
    "automation_id": automations.c.id,
    "task_id": tasks.c.id,
    "stock_check_id": stock_checks.c.id,
    "stock_check_record_id": stock_check_records.c.id,
}
"""Where the records a path's id names live."""
FIELD_IDS: dict[str, Column[object]] = {
    "account": accounts.c.id,
    "warehouse": warehouses.c.id,
    "role": roles.c.id,
    "stock_unit_type": stock_unit_types.c.id,
}
"""The form fields that name a record by its id."""
MISSING = "987654321"
MISSING_TEXT = "cl_no_such_client_987654321"
OVERSIZED = "9" * 11_000
"""Longer than any text field takes (10,000), every field of a form at once under the body
limit."""
GARBAGE = {
    "oversized": OVERSIZED,
    "nul": "1\x00' OR '1'='1",
    "not a number": "ten",
    "out of range": "-99999999999999999999999",
    "not finite": "NaN",
    "exponent": "1e999",
    "markup": '<script>alert("x")</script>',
    "another script's digits": "\u00b2\u0663",
}
PATH_GARBAGE = ("x1", "-1", "0", "99999999999999999999999", "%00", "%C2%B2", "9" * 5000)
FIELD_NAME = re.compile(r'<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"')
ALERT = re.compile(r'<p class="(?:message message-error|field-error)"[^>]*>([^<]*)</p>')


def form_routes() -> list[str]:
    paths = {
        route.path
        for router in PAGE_ROUTERS
        for route in router.routes
        if isinstance(route, APIRoute) and "POST" in route.methods
    }
    assert len(paths) > 20
    return sorted(paths)


def parameters(path: str) -> list[str]:
    return [name for name in PARAMETER.findall(path) if name != "subdomain"]


def filled(path: str, subdomain: str, values: dict[str, str]) -> str:
    return PARAMETER.sub(lambda match: values.get(match.group(1), subdomain), path)


@dataclass(frozen=True)
class Tenant:
    user: AppUser
    path_ids: dict[str, str]
    """A record of the tenant for each path id, where it has one."""
    field_ids: dict[str, str]


async def first_of(db: Database, column: Column[object], tenant_id: int) -> str | None:
    table = column.table
    statement = select(column).where(table.c.tenant_id == tenant_id).order_by(table.c.id).limit(1)
    async with db.read_session() as session:
        found = (await session.execute(statement)).scalar_one_or_none()
    return None if found is None else str(found)


async def seeded_tenant(clients: ApiClientFactory, db: Database) -> Tenant:
    """An administrator's tenant with a record behind each path id the app takes."""
    user = await new_app_user(clients, db, permissions=ADMIN)
    caller = user.caller
    where = await dock(caller)
    await order(caller, where, DUE)
    await new_receipt(caller, where, {"expected_quantity": 2})
    await received_receipt(caller, where, {"expected_quantity": 1})
    check = await create_check(caller, where.shelf_id)
    await count(caller, check["stock_check_id"], where.stock.product_id, 1)
    await failed_delivery(db, caller.tenant_id)
    automation = await caller.post("/api/automations", automation_body())
    assert automation.status_code == 200, automation.text
    tenant_id = caller.tenant_id
    path_ids = {
        name: value
        for name, column in PATH_IDS.items()
        if (value := await first_of(db, column, tenant_id)) is not None
    }
    field_ids = {
        name: value
        for name, column in FIELD_IDS.items()
        if (value := await first_of(db, column, tenant_id)) is not None
    }
    return Tenant(user, path_ids, field_ids)


@pytest.fixture
async def http_browser(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with browser(app) as client:
        yield client


def test_every_path_id_is_known() -> None:
    unknown = {name for path in form_routes() for name in parameters(path)} - set(PATH_IDS)
    assert unknown == set(), "add where these records live to PATH_IDS"


def messages(page: httpx.Response) -> list[str]:
    return [html.unescape(message) for message in ALERT.findall(page.text)]


async def test_a_form_posted_without_its_token_is_refused_and_does_nothing(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    tenant = await seeded_tenant(clients, db)
    user = tenant.user
    await signed_in(http_browser, user)
    before = await row_counts(db, user.caller.tenant_id)
    answers: dict[int, list[str]] = {}
    for path in form_routes():
        url = filled(path, user.subdomain, tenant.path_ids)
        response = await http_browser.post(
            url, data={"email": user.email, "password": user.password, "quantity": "1"}
        )
        answers.setdefault(response.status_code, []).append(path)
        if path != SIGN_IN:
            assert "This form expired or was sent from another site." in response.text, path
    assert set(answers) == {403}, answers
    assert await row_counts(db, user.caller.tenant_id) == before
    assert (await http_browser.get(f"{user.root}/office")).status_code == 200, "still signed in"


async def field_names(http: httpx.AsyncClient, urls: list[str]) -> set[str]:
    """Every field of every form the app shows at these addresses."""
    names: set[str] = set()
    for url in urls:
        page = await http.get(url)
        if page.status_code == 200:
            names.update(FIELD_NAME.findall(page.text))
    return names - {"csrf_token"}


async def test_garbage_in_any_field_or_path_is_a_4xx_and_writes_nothing(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    """A route that shows a form (a page at its address) is sent garbage in every field of
    every form on a real record; an action without a form is sent garbage in its path."""
    tenant = await seeded_tenant(clients, db)
    user = tenant.user
    await signed_in(http_browser, user)
    token = form_token(await http_browser.get(f"{user.root}/office"))
    routes = [path for path in form_routes() if path != SIGN_OUT]
    real_urls = {path: filled(path, user.subdomain, tenant.path_ids) for path in routes}
    names = await field_names(http_browser, list(real_urls.values()))
    assert {"reference", "account", "line-0-quantity", "description", "email"} <= names
    before = await row_counts(db, user.caller.tenant_id)
    answers: dict[int, set[str]] = {}
    for path in routes:
        with_form = (await http_browser.get(real_urls[path])).status_code == 200
        if with_form or not parameters(path):
            urls = [real_urls[path]]
        else:
            urls = [
                filled(path, user.subdomain, dict.fromkeys(parameters(path), bad))
                for bad in PATH_GARBAGE
            ]
        for url in urls:
            for kind, value in GARBAGE.items():
                data = {name: value for name in names} | {"csrf_token": token}
                response = await http_browser.post(url, data=data)
                answers.setdefault(response.status_code, set()).add(f"{path} ({kind})")
    assert set(answers) <= set(range(400, 500)), {
        status: sorted(paths)[:5] for status, paths in answers.items()
    }
    assert await row_counts(db, user.caller.tenant_id) == before
    assert (await http_browser.get(f"{user.root}/office")).status_code == 200, "still signed in"


def _normalised(text: str, value: str) -> str:
    return text.replace(value, "ID")


async def test_another_tenants_ids_are_answered_like_missing_ones(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    """In a path (the fields naming the user's own records): the same missing page. In a
    field that names a record (on each form that has it, the rest of the form as it was
    shown): the same status and messages."""
    tenant = await seeded_tenant(clients, db)
    stranger = await seeded_tenant(clients, db)
    user = tenant.user
    await signed_in(http_browser, user)
    token = form_token(await http_browser.get(f"{user.root}/office"))
    theirs_before = await row_counts(db, stranger.user.caller.tenant_id)
    for path in form_routes():
        names = parameters(path)
        if not names:
            continue
        foreign = filled(path, user.subdomain, {name: stranger.path_ids[name] for name in names})
        missing_ids = {
            name: MISSING if stranger.path_ids[name].isdigit() else MISSING_TEXT for name in names
        }
        missing = filled(path, user.subdomain, missing_ids)
        answers = []
        for url in (foreign, missing):
            data = {**tenant.field_ids, "csrf_token": token}
            response = await http_browser.post(url, data=data)
            text = re.sub(r'name="csrf_token" value="[^"]+"', "", response.text)
            answers.append((response.status_code, response.headers.get("location"), text))
        assert answers[0] == answers[1], path
        assert answers[0][0] == 404, path

    checked = set()
    for path in form_routes():
        url = filled(path, user.subdomain, tenant.path_ids)
        page = await http_browser.get(url)
        if page.status_code != 200:
            continue
        shown = field_values(page)
        for name in set(FIELD_IDS) & set(FIELD_NAME.findall(page.text)):
            answers = []
            for value in (stranger.field_ids[name], MISSING):
                data = {**shown, name: value, "csrf_token": token}
                response = await http_browser.post(url, data=data)
                normalised = [_normalised(message, value) for message in messages(response)]
                answers.append((response.status_code, normalised))
            assert answers[0] == answers[1], (path, name)
            assert answers[0][0] == 422, (path, name, answers[0])
            checked.add(name)
    assert checked == set(FIELD_IDS)
    assert await row_counts(db, stranger.user.caller.tenant_id) == theirs_before


async def test_garbage_sign_ins_are_refused_without_a_session(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    """The one form posted before anyone is signed in (its token a cookie's): garbage as the
    email or the password is a refused sign-in, never a 500, and starts no session."""
    user = await new_app_user(clients, db)
    url = f"{user.root}/sign-in"
    token = form_token(await http_browser.get(url))
    statuses = set()
    for value in GARBAGE.values():
        for data in ({"email": value, "password": "x"}, {"email": user.email, "password": value}):
            response = await http_browser.post(url, data={**data, "csrf_token": token})
            statuses.add(response.status_code)
            assert SESSION_COOKIE not in http_browser.cookies
    assert statuses <= set(range(400, 500)), statuses


async def test_a_nul_in_a_pages_query_is_never_a_500(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    """Every page of the app that takes no id, with a NUL in its filters (a list's search and
    status, a CSV export's): the page with the field marked, or a 4xx; never a 500."""
    tenant = await seeded_tenant(clients, db)
    user = tenant.user
    await signed_in(http_browser, user)
    paths = {
        route.path
        for router in PAGE_ROUTERS
        for route in router.routes
        if isinstance(route, APIRoute) and "GET" in route.methods and not parameters(route.path)
    }
    statuses: dict[int, list[str]] = {}
    for path in sorted(paths - {SIGN_IN}):
        url = filled(path, user.subdomain, {})
        response = await http_browser.get(url, params={"q": "a\x00b", "status": "a\x00b"})
        statuses.setdefault(response.status_code, []).append(path)
    assert set(statuses) <= {200, 303, 422}, statuses
    orders = await http_browser.get(f"{user.root}/office/orders", params={"q": "a\x00b"})
    assert "Remove the NUL character: no record holds one." in orders.text
