"""Barcode formats through REST (flat objects) and their GraphQL list; exactly one default."""

from __future__ import annotations

import asyncio
from typing import Any

from clarus.core.db import Database
from tests.catalog.codes import barcode_format
from tests.catalog.factories import body
from tests.support import ApiClientFactory, Caller, assert_refused, events_of

FORMATS = "/api/barcode_formats"
QUERY = (
    "query($filter: BarcodeFormatFilterType) { barcode_formats { all(filter: $filter) {"
    " total_count edges { node { id code name is_default } } } } }"
)


async def defaults(caller: Caller) -> list[tuple[str, bool]]:
    result = await caller.graphql(QUERY, {})
    assert "errors" not in result, result
    edges = result["data"]["barcode_formats"]["all"]["edges"]
    return [(edge["node"]["code"], edge["node"]["is_default"]) for edge in edges]


async def test_the_first_format_is_the_default_and_answers_flat(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    created = await barcode_format(caller, code="EAN13", name="EAN-13 Retail", is_default=False)
    assert created == {
        "id": created["id"],
        "code": "EAN13",
        "name": "EAN-13 Retail",
        "is_default": True,
        "created_at": created["created_at"],
        "updated_at": created["updated_at"],
    }
    await barcode_format(caller, code="CUSTOM", name="Custom")
    assert await defaults(caller) == [("EAN13", True), ("CUSTOM", False)]
    events = [(e["resource_name"], e["event"]) for e in await events_of(db, caller.tenant_id)]
    assert events[-2:] == [("barcode_format", "created"), ("barcode_format", "created")]


async def test_a_new_default_takes_the_flag_from_the_old_one(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    first = await barcode_format(caller, code="EAN13")
    second = await barcode_format(caller, code="GS1-128", is_default=True)
    assert second["is_default"] is True
    assert await defaults(caller) == [("EAN13", False), ("GS1-128", True)]
    changed = await caller.patch(
        f"{FORMATS}/{first['id']}", body("barcode_formats", is_default=True, name="EAN")
    )
    assert changed.status_code == 200, changed.text
    assert (changed.json()["is_default"], changed.json()["name"]) == (True, "EAN")
    assert await defaults(caller) == [("EAN13", True), ("GS1-128", False)]
    unchanged = await caller.patch(
        f"{FORMATS}/{second['id']}", body("barcode_formats", is_default=False)
    )
    assert unchanged.status_code == 200
    assert await defaults(caller) == [("EAN13", True), ("GS1-128", False)]


async def test_the_default_is_neither_unset_nor_deleted_while_others_remain(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    first = await barcode_format(caller, code="EAN13")
    second = await barcode_format(caller, code="CUSTOM")
    for is_default in (False, None):
        errors = await assert_refused(
            caller,
            db,
            "PATCH",
            f"{FORMATS}/{first['id']}",
            body("barcode_formats", is_default=is_default, name="Renamed"),
            symbol="default_barcode_format_required",
            pointer="/data/attributes/is_default",
        )
        assert errors[0]["code"] == 1254
    await assert_refused(
        caller,
        db,
        "DELETE",
        f"{FORMATS}/{first['id']}",
        None,
        symbol="default_barcode_format_required",
        pointer=None,
    )
    assert await defaults(caller) == [("EAN13", True), ("CUSTOM", False)]
    assert (await caller.delete(f"{FORMATS}/{second['id']}")).status_code == 204
    assert (await caller.delete(f"{FORMATS}/{first['id']}")).status_code == 204
    assert await defaults(caller) == []


async def test_codes_are_unique_and_input_is_checked(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    await barcode_format(caller, code="EAN13")
    cases: list[tuple[dict[str, Any], str, str]] = [
        ({"code": "EAN13", "name": "Again"}, "code_taken", "code"),
        ({"name": "No code"}, "missing_field", "code"),
        ({"code": "X", "name": "N", "is_default": "yes"}, "invalid_type", "is_default"),
        ({"code": "X" * 51, "name": "N"}, "too_long", "code"),
    ]
    for attributes, symbol, pointer in cases:
        await assert_refused(
            caller,
            db,
            "POST",
            FORMATS,
            body("barcode_formats", **attributes),
            symbol=symbol,
            pointer=f"/data/attributes/{pointer}",
        )


async def test_the_list_filters_and_another_tenant_sees_nothing(
    clients: ApiClientFactory,
) -> None:
    caller, stranger = await clients.new(), await clients.new()
    first = await barcode_format(caller, code="EAN13", name="EAN-13 Retail Barcode")
    await barcode_format(caller, code="CUSTOM", name="Custom")
    result = await caller.graphql(QUERY, {"filter": {"is_default": {"eq": True}}})
    assert result["data"]["barcode_formats"]["all"] == {
        "total_count": 1,
        "edges": [
            {
                "node": {
                    "id": str(first["id"]),
                    "code": "EAN13",
                    "name": "EAN-13 Retail Barcode",
                    "is_default": True,
                }
            }
        ],
    }
    by_code = await caller.graphql(QUERY, {"filter": {"code": {"ilike": "ean"}}})
    assert by_code["data"]["barcode_formats"]["all"]["total_count"] == 1
    assert await defaults(stranger) == []
    assert (await stranger.delete(f"{FORMATS}/{first['id']}")).status_code == 404
    patched = await stranger.patch(f"{FORMATS}/{first['id']}", body("barcode_formats", name="X"))
    assert patched.status_code == 404


async def test_formats_made_at_once_leave_exactly_one_default(clients: ApiClientFactory) -> None:
    """Two writers that both take the default (or both find no format yet): the second to
    commit conflicts (409) rather than leave two defaults."""
    caller = await clients.new()
    bodies = [
        body("barcode_formats", code=f"F{number}", name="Format", is_default=True)
        for number in range(4)
    ]
    responses = await asyncio.gather(*(caller.post(FORMATS, each) for each in bodies))
    assert {response.status_code for response in responses} <= {200, 409}
    assert 200 in {response.status_code for response in responses}
    assert [is_default for _code, is_default in await defaults(caller)].count(True) == 1
