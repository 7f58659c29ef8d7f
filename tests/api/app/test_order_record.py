"""An order's record page and its actions: what it shows, hold, release, allocate, release to
picking and cancel through the services the REST API calls, a refusal shown with the domain's
message, a form without its token refused, and another tenant's order answered exactly like a
missing one."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI

from clarus.core.db import Database
from tests.api.app.support import AppUser, browser, form_token, new_app_user, signed_in
from tests.api.app.test_dashboard import order
from tests.inbound.receiving import Dock, dock
from tests.outbound.test_fulfilment import order_tasks
from tests.support import ApiClientFactory

DUE = dt.datetime(2026, 12, 9, 10, 0, tzinfo=dt.UTC)
STATUS = re.compile(r"<dt>Status</dt><dd>([^<]*)</dd>")


@pytest.fixture
async def http_browser(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with browser(app) as client:
        yield client


async def stocked(user: AppUser, where: Dock, quantity: int) -> None:
    body = {
        "data": {
            "type": "stocks",
            "attributes": {
                "product_id": where.stock.product_id,
                "account_id": where.stock.account_id,
                "location_id": where.shelf_id,
                "quantity": quantity,
            },
        }
    }
    response = await user.caller.post("/api/stocks/positive_adjustment", body)
    assert response.status_code == 200, response.text


async def record(http: httpx.AsyncClient, user: AppUser, order_id: int | str) -> httpx.Response:
    return await http.get(f"{user.root}/office/orders/{order_id}")


def status_of(page: httpx.Response) -> str:
    found = STATUS.search(page.text)
    assert found is not None, page.text
    return found.group(1)


async def act(
    http: httpx.AsyncClient, user: AppUser, order_id: int, action: str, *, token: bool = True
) -> httpx.Response:
    page = await record(http, user, order_id)
    data = {"csrf_token": form_token(page)} if token else {}
    return await http.post(f"{user.root}/office/orders/{order_id}/{action}", data=data)


async def test_the_record_page_shows_the_order_and_what_happened_to_it(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    user = await new_app_user(clients, db)
    where = await dock(user.caller)
    order_id = await order(user.caller, where, DUE)
    await signed_in(http_browser, user)
    page = await record(http_browser, user, order_id)
    assert page.status_code == 200, page.text
    assert status_of(page) == "Pending"
    assert '<h2 id="lines-heading">Lines</h2>' in page.text
    assert re.search(r"<td class=\"number\">1</td>", page.text)
    assert re.search(
        r'<ol class="timeline">\s*<li><time datetime="[^"]+">[^<]+</time> created</li>', page.text
    )
    assert "No stock is allocated to this order." in page.text
    listed = await http_browser.get(f"{user.root}/office/orders")
    assert f'href="{user.root}/office/orders/{order_id}"' in listed.text


async def test_another_tenants_order_is_answered_like_a_missing_one(
    app: FastAPI, http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    user = await new_app_user(clients, db)
    other = await new_app_user(clients, db)
    foreign_id = await order(other.caller, await dock(other.caller), DUE)
    await signed_in(http_browser, user)
    foreign = await record(http_browser, user, foreign_id)
    missing = await record(http_browser, user, 10**12)
    not_a_number = await record(http_browser, user, "abc")
    assert foreign.status_code == missing.status_code == not_a_number.status_code == 404
    assert foreign.text == missing.text == not_a_number.text
    token = form_token(await http_browser.get(f"{user.root}/office/orders"))
    for action in ("cancel", "hold", "allocate", "process"):
        posted = await http_browser.post(
            f"{user.root}/office/orders/{foreign_id}/{action}", data={"csrf_token": token}
        )
        missing_post = await http_browser.post(
            f"{user.root}/office/orders/{10**12}/{action}", data={"csrf_token": token}
        )
        assert posted.status_code == missing_post.status_code == 404
        assert posted.text == missing_post.text
    async with browser(app) as other_browser:
        await signed_in(other_browser, other)
        assert status_of(await record(other_browser, other, foreign_id)) == "Pending"


async def test_hold_release_and_allocate_change_the_order(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    user = await new_app_user(clients, db)
    where = await dock(user.caller)
    await stocked(user, where, 5)
    order_id = await order(user.caller, where, DUE)
    await signed_in(http_browser, user)
    held = await act(http_browser, user, order_id, "hold")
    assert held.status_code == 303
    after_hold = await http_browser.get(held.headers["location"])
    assert status_of(after_hold) == "Draft"
    assert "The order is held as a draft." in after_hold.text
    refused = await act(http_browser, user, order_id, "allocate")
    assert refused.status_code == 422
    assert 'class="message message-error" role="alert"' in refused.text
    assert status_of(refused) == "Draft"
    released = await act(http_browser, user, order_id, "release")
    assert status_of(await http_browser.get(released.headers["location"])) == "Pending"
    allocated = await act(http_browser, user, order_id, "allocate")
    page = await http_browser.get(allocated.headers["location"])
    assert status_of(page) == "Allocated"
    assert "A-01-01" in page.text


async def test_an_action_without_its_form_token_is_refused_and_changes_nothing(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    user = await new_app_user(clients, db)
    order_id = await order(user.caller, await dock(user.caller), DUE)
    await signed_in(http_browser, user)
    for action in ("hold", "cancel"):
        refused = await act(http_browser, user, order_id, action, token=False)
        assert refused.status_code == 403
    assert status_of(await record(http_browser, user, order_id)) == "Pending"


async def test_cancelling_a_pending_order_removes_it_and_lands_on_the_list(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    user = await new_app_user(clients, db)
    order_id = await order(user.caller, await dock(user.caller), DUE)
    await signed_in(http_browser, user)
    cancelled = await act(http_browser, user, order_id, "cancel")
    assert (cancelled.status_code, cancelled.headers["location"]) == (
        303,
        f"{user.root}/office/orders",
    )
    assert (await record(http_browser, user, order_id)).status_code == 404


async def test_a_reader_sees_no_actions_and_may_not_post_them(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    writer = await new_app_user(clients, db)
    reader = await new_app_user(clients, db, permissions=("read",), caller=writer.caller)
    order_id = await order(writer.caller, await dock(writer.caller), DUE)
    await signed_in(http_browser, reader)
    page = await record(http_browser, reader, order_id)
    assert page.status_code == 200
    assert "/hold" not in page.text
    token = form_token(page)
    refused = await http_browser.post(
        f"{reader.root}/office/orders/{order_id}/hold", data={"csrf_token": token}
    )
    assert refused.status_code == 403


async def test_releasing_to_picking_makes_the_pick_tasks_the_handheld_picks(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    user = await new_app_user(clients, db)
    where = await dock(user.caller)
    short = await order(user.caller, where, DUE)
    await signed_in(http_browser, user)
    refused = await act(http_browser, user, short, "process")
    assert refused.status_code == 422
    assert 'class="message message-error" role="alert"' in refused.text
    assert status_of(refused) == "Pending"
    assert await order_tasks(user.caller, short, "PICK") == []
    await stocked(user, where, 5)
    processed = await act(http_browser, user, short, "process")
    assert processed.status_code == 303
    page = await http_browser.get(processed.headers["location"])
    assert "Released to picking: its pick tasks wait on the handhelds." in page.text
    assert status_of(page) == "Picking"
    [pick] = await order_tasks(user.caller, short, "PICK")
    assert pick["status"] == "AVAILABLE"
