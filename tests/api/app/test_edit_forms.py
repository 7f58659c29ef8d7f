"""The office forms that change an order (its header, line quantities, lines added and removed:
the `lines_changes` of `PATCH /api/goods_outs/{id}`) and a product, reached from their record
pages: what REST refuses is shown beside the field, nothing written then; an order that can no
longer change says so; another tenant's record is answered exactly like a missing one."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select

from clarus.catalog.tables import products
from clarus.core.db import Database
from clarus.outbound.tables import goods_out_lines, goods_outs
from tests.api.app.support import browser, form_token, new_app_user, signed_in
from tests.api.app.test_dashboard import order
from tests.api.app.test_order_form import field_error
from tests.api.app.test_order_record import act, stocked
from tests.catalog.factories import product
from tests.inbound.factories import added
from tests.inbound.receiving import dock
from tests.support import ApiClientFactory

DUE = dt.datetime(2026, 12, 9, 10, 0, tzinfo=dt.UTC)
ALERT = re.compile(r'<p class="message message-error" role="alert">([^<]*)</p>')
INPUT = re.compile(r'<input id="[^"]+" name="([^"]+)"[^>]*? value="([^"]*)"')
TEXTAREA = re.compile(r'<textarea id="[^"]+" name="([^"]+)"[^>]*>([^<]*)</textarea>')
SELECT = re.compile(r'<select id="[^"]+" name="([^"]+)".*?>(.*?)</select>', re.S)
SELECTED = re.compile(r'<option value="([^"]*)" selected>')


@pytest.fixture
async def http_browser(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with browser(app) as client:
        yield client


def alerts(page: httpx.Response) -> list[str]:
    return [html.unescape(message) for message in ALERT.findall(page.text)]


def field_values(page: httpx.Response) -> dict[str, str]:
    """The form's text fields as the page fills them in (what a browser would post back)."""
    values = dict(re.findall(r'<input id="[^"]+" name="([^"]+)"[^>]*? value="([^"]*)"', page.text))
    values.update(
        re.findall(r'<textarea id="[^"]+" name="([^"]+)"[^>]*>([^<]*)</textarea>', page.text)
    )
    for name, options in re.findall(
        r'<select id="[^"]+" name="([^"]+)".*?>(.*?)</select>', page.text, re.S
    ):
        chosen = re.search(r'<option value="([^"]*)" selected>', options)
        values[name] = chosen.group(1) if chosen else ""
    return {name: html.unescape(value) for name, value in values.items()}


async def post_edit(
    http: httpx.AsyncClient, url: str, changes: dict[str, str], *, token: bool = True
) -> httpx.Response:
    """The edit form at `url` posted back with `changes` over what it showed."""
    page = await http.get(url)
    assert page.status_code == 200, page.text
    data = {**field_values(page), **changes}
    data.pop("csrf_token", None)
    if token:
        data["csrf_token"] = form_token(page)
    return await http.post(url, data=data)


async def order_lines(db: Database, order_id: int) -> list[tuple[int, float]]:
    async with db.read_session() as session:
        statement = (
            select(goods_out_lines.c.product_id, goods_out_lines.c.order_quantity)
            .where(goods_out_lines.c.goods_out_id == order_id)
            .order_by(goods_out_lines.c.id)
        )
        return [
            (product_id, float(quantity))
            for product_id, quantity in await session.execute(statement)
        ]


async def order_header(db: Database, order_id: int) -> tuple[str, str | None, dt.datetime]:
    async with db.read_session() as session:
        statement = select(
            goods_outs.c.reference, goods_outs.c.order_notes, goods_outs.c.expected_date_of_dispatch
        ).where(goods_outs.c.id == order_id)
        reference, notes, due = (await session.execute(statement)).one()
        return reference, notes, due.replace(tzinfo=dt.UTC) if due.tzinfo is None else due


async def test_an_order_is_edited_from_its_page_header_and_lines(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    user = await new_app_user(clients, db)
    where = await dock(user.caller)
    second = await product(user.caller)
    third = await product(user.caller)
    order_id = await order(
        user.caller,
        where,
        DUE,
        lines_changes=[
            added(product_id=where.stock.product_id, order_quantity=1),
            added(product_id=second["id"], order_quantity=2),
        ],
    )
    [first_line, second_line] = await line_ids(db, order_id)
    await signed_in(http_browser, user)
    record_url = f"{user.root}/office/orders/{order_id}"
    page = await http_browser.get(record_url)
    assert f'href="{record_url}/edit">Edit</a>' in page.text

    edited = await post_edit(
        http_browser,
        f"{record_url}/edit",
        {
            "reference": "EDITED-1",
            "due": "2026-12-10T08:30",
            "notes": "Call before delivery",
            f"current-{first_line}-quantity": "5",
            f"current-{second_line}-remove": "on",
            "line-0-product": str(third["attributes"]["code"]),
            "line-0-quantity": "7",
        },
    )
    assert (edited.status_code, edited.headers["location"]) == (303, f"{record_url}?done=saved")
    assert await order_header(db, order_id) == (
        "EDITED-1",
        "Call before delivery",
        dt.datetime(2026, 12, 10, 8, 30, tzinfo=dt.UTC),
    )
    assert await order_lines(db, order_id) == [
        (where.stock.product_id, 5.0),
        (int(third["id"]), 7.0),
    ]
    shown = await http_browser.get(edited.headers["location"])
    assert "<h1>Order EDITED-1</h1>" in shown.text
    assert '<p class="message message-notice" role="status">Saved.</p>' in shown.text

    cleared = await post_edit(http_browser, f"{record_url}/edit", {"notes": ""})
    assert cleared.status_code == 303
    assert (await order_header(db, order_id))[1] is None


async def line_ids(db: Database, order_id: int) -> list[int]:
    async with db.read_session() as session:
        statement = (
            select(goods_out_lines.c.id)
            .where(goods_out_lines.c.goods_out_id == order_id)
            .order_by(goods_out_lines.c.id)
        )
        return list((await session.execute(statement)).scalars())


async def test_an_order_edit_shows_the_apis_messages_beside_its_fields_and_writes_nothing(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    user = await new_app_user(clients, db)
    where = await dock(user.caller)
    order_id = await order(user.caller, where, DUE)
    [line] = await line_ids(db, order_id)
    before = (await order_header(db, order_id), await order_lines(db, order_id))
    await signed_in(http_browser, user)
    url = f"{user.root}/office/orders/{order_id}/edit"
    refused = await post_edit(
        http_browser,
        url,
        {
            "reference": "",
            "due": "soon",
            f"current-{line}-quantity": "-2",
            "line-2-product": "NO-SUCH",
            "line-2-quantity": "1",
        },
    )
    assert refused.status_code == 422
    assert alerts(refused) == ["Nothing was saved. Correct the fields marked below."]
    assert field_error(refused.text, "reference").startswith("reference:")
    assert field_error(refused.text, "due").startswith("expected_date_of_dispatch:")
    assert "order_quantity" in field_error(refused.text, f"current-{line}-quantity")
    assert field_error(refused.text, "line-2-product") == "No product has the code NO-SUCH."
    assert f'name="current-{line}-quantity" inputmode="decimal" value="-2" aria-invalid="true"' in (
        refused.text
    )
    emptied = await post_edit(http_browser, url, {f"current-{line}-quantity": ""})
    assert emptied.status_code == 422
    assert "order_quantity" in field_error(emptied.text, f"current-{line}-quantity")
    assert (await order_header(db, order_id), await order_lines(db, order_id)) == before


async def test_an_order_that_can_no_longer_change_says_so(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    """Allocated: its lines are refused with the domain's message (its notes still change);
    cancelled: nothing changes, and its page offers no edit."""
    user = await new_app_user(clients, db)
    where = await dock(user.caller)
    await stocked(user, where, 5)
    order_id = await order(user.caller, where, DUE)
    [line] = await line_ids(db, order_id)
    await signed_in(http_browser, user)
    assert (await act(http_browser, user, order_id, "allocate")).status_code == 303
    url = f"{user.root}/office/orders/{order_id}/edit"
    more = await post_edit(http_browser, url, {f"current-{line}-quantity": "2"})
    assert more.status_code == 422
    assert "The order has stock allocated; release it before changing what it orders." in alerts(
        more
    )
    assert await order_lines(db, order_id) == [(where.stock.product_id, 1.0)]
    noted = await post_edit(http_browser, url, {"notes": "Fragile"})
    assert noted.status_code == 303
    assert (await act(http_browser, user, order_id, "cancel")).status_code == 303
    page = await http_browser.get(f"{user.root}/office/orders/{order_id}")
    assert f'{url}">Edit</a>' not in page.text
    cancelled = await post_edit(http_browser, url, {"notes": "Too late"})
    assert cancelled.status_code == 422
    assert "A CANCELLED order cannot be changed." in alerts(cancelled)
    assert (await order_header(db, order_id))[1] == "Fragile"


async def product_row(db: Database, product_id: int) -> tuple[str, str | None, str | None]:
    async with db.read_session() as session:
        statement = select(products.c.code, products.c.description, products.c.barcode).where(
            products.c.id == product_id
        )
        code, description, barcode = (await session.execute(statement)).one()
        return code, description, barcode


async def test_a_product_is_edited_from_its_page(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    user = await new_app_user(clients, db)
    created = await product(user.caller, code="EDIT-ME")
    taken = await product(user.caller, code="TAKEN")
    product_id = int(created["id"])
    await signed_in(http_browser, user)
    record_url = f"{user.root}/office/products/{product_id}"
    page = await http_browser.get(record_url)
    assert f'href="{record_url}/edit">Edit</a>' in page.text
    url = f"{record_url}/edit"
    edited = await post_edit(
        http_browser, url, {"description": "Blue widget", "barcode": "5012345678900"}
    )
    assert (edited.status_code, edited.headers["location"]) == (303, f"{record_url}?done=saved")
    assert await product_row(db, product_id) == ("EDIT-ME", "Blue widget", "5012345678900")

    refused = await post_edit(
        http_browser, url, {"code": str(taken["attributes"]["code"]), "description": ""}
    )
    assert refused.status_code == 422
    assert field_error(refused.text, "description").startswith("description:")
    too_long = await post_edit(http_browser, url, {"description": "x" * 151})
    assert too_long.status_code == 422
    assert "150" in field_error(too_long.text, "description")
    duplicate = await post_edit(http_browser, url, {"code": str(taken["attributes"]["code"])})
    assert duplicate.status_code == 422
    assert "TAKEN" in field_error(duplicate.text, "code")
    assert await product_row(db, product_id) == ("EDIT-ME", "Blue widget", "5012345678900")


async def test_another_tenants_record_is_edited_like_a_missing_one(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    user = await new_app_user(clients, db)
    other = await new_app_user(clients, db)
    other_where = await dock(other.caller)
    foreign_order = await order(other.caller, other_where, DUE)
    await signed_in(http_browser, user)
    own_page = await http_browser.get(f"{user.root}/office/products/new")
    token = form_token(own_page)
    for kind, foreign_id in (
        ("orders", foreign_order),
        ("products", other_where.stock.product_id),
    ):
        answers = []
        for record_id in (foreign_id, 999_999_999, "x1"):
            url = f"{user.root}/office/{kind}/{record_id}/edit"
            shown = await http_browser.get(url)
            posted = await http_browser.post(
                url, data={"csrf_token": token, "reference": "MINE", "description": "Mine"}
            )
            answers.append((shown.status_code, shown.text, posted.status_code, posted.text))
        assert answers[0] == answers[1] == answers[2]
        assert answers[0][0] == answers[0][2] == 404
    assert (await order_header(db, foreign_order))[0] != "MINE"


async def test_a_reader_sees_no_edit_and_may_not_post_one(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    writer = await new_app_user(clients, db)
    reader = await new_app_user(clients, db, permissions=("read",), caller=writer.caller)
    where = await dock(writer.caller)
    order_id = await order(writer.caller, where, DUE)
    await signed_in(http_browser, reader)
    record_url = f"{reader.root}/office/orders/{order_id}"
    assert "/edit" not in (await http_browser.get(record_url)).text
    assert (await http_browser.get(f"{record_url}/edit")).status_code == 403
    refused = await http_browser.post(f"{record_url}/edit", data={"reference": "R"})
    assert refused.status_code == 403
