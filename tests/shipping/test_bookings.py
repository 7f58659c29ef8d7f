from __future__ import annotations

import asyncio
from typing import Any

from clarus.core.db import Database
from tests.support import (
    ApiClientFactory,
    Caller,
    assert_refused,
    events_of,
    refused,
    resource_body,
    row_counts,
    statements_run,
)

DAY = "2026-03-10"


def at(hour_minute: str) -> str:
    return f"{DAY}T{hour_minute}:00Z"


def body(**attributes: Any) -> dict[str, Any]:
    return resource_body("bookings", **attributes)


async def dock(caller: Caller, *, slots: int = 1, in_diary: bool = True) -> dict[str, Any]:
    return await caller.create_location(available_in_booking_diary=in_diary, booking_slots=slots)


def booking_attributes(
    account_id: int, location_id: int, start: str, end: str, **attributes: Any
) -> dict[str, Any]:
    return {
        "account_id": account_id,
        "location_id": location_id,
        "consignment_reference": "CONS-1",
        "direction": "inbound",
        "hazardous": False,
        "start_time": at(start),
        "end_time": at(end),
        **attributes,
    }


async def book(
    caller: Caller, account_id: int, location_id: int, start: str, end: str, **attributes: Any
) -> dict[str, Any]:
    created = await caller.create(
        "bookings", **booking_attributes(account_id, location_id, start, end, **attributes)
    )
    data: dict[str, Any] = created["data"]
    return data


async def test_create_echoes_the_booking_and_emits_its_event(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    account = await caller.create_account()
    location = await dock(caller)
    booking = await book(
        caller,
        account["id"],
        location["id"],
        "08:00",
        "09:00",
        haulier="DHL Express",
        intake_type="full_load",
        container_number="MSKU1234567",
        storage_unit_quantity=20,
        notes="Fragile",
        account_reference="PO-12345",
    )
    assert isinstance(booking["id"], int)
    assert booking["type"] == "bookings"
    attributes = booking["attributes"]
    assert attributes["status"] == "pending"
    assert attributes["booking_reference"] == f"BK-{booking['id']:06d}"
    assert (attributes["start_time"], attributes["end_time"]) == (
        "2026-03-10T08:00:00Z",
        "2026-03-10T09:00:00Z",
    )
    assert (attributes["haulier"], attributes["intake_type"]) == ("DHL Express", "full_load")
    assert (attributes["storage_unit_quantity"], attributes["hazardous"]) == (20, False)
    assert attributes["goods_in_receipt_id"] is None
    events = [
        (event["resource_name"], event["event"], event["record_id"])
        for event in await events_of(db, caller.tenant_id)
        if event["resource_name"] == "booking"
    ]
    assert events == [("booking", "created", booking["id"])]


async def test_an_overlapping_booking_on_a_one_slot_dock_is_refused_naming_the_first(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    account = await caller.create_account()
    location = await dock(caller)
    first = await book(
        caller, account["id"], location["id"], "09:00", "10:00", booking_reference="BK-FIRST"
    )
    errors = await assert_refused(
        caller,
        db,
        "POST",
        "/api/bookings",
        body(**booking_attributes(account["id"], location["id"], "09:30", "10:30")),
        symbol="overlapping_bookings",
        pointer="/data/attributes/start_time",
    )
    assert errors[0]["code"] == 296
    assert errors[0]["context"]["booking_id"] == first["id"]
    assert errors[0]["context"]["booking_reference"] == "BK-FIRST"
    assert "BK-FIRST" in errors[0]["details"]


async def test_adjacent_bookings_are_accepted(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    account = await caller.create_account()
    location = await dock(caller)
    await book(caller, account["id"], location["id"], "09:00", "10:00")
    before = await book(caller, account["id"], location["id"], "08:00", "09:00")
    after = await book(caller, account["id"], location["id"], "10:00", "11:00")
    assert before["attributes"]["end_time"] == "2026-03-10T09:00:00Z"
    assert after["attributes"]["start_time"] == "2026-03-10T10:00:00Z"


async def test_a_two_slot_dock_takes_two_and_refuses_a_third(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    account = await caller.create_account()
    location = await dock(caller, slots=2)
    first = await book(caller, account["id"], location["id"], "09:00", "10:00")
    await book(caller, account["id"], location["id"], "09:30", "10:30")
    errors = await refused(
        caller,
        db,
        "POST",
        "/api/bookings",
        body(**booking_attributes(account["id"], location["id"], "09:45", "10:15")),
    )
    assert errors == [("overlapping_bookings", "/data/attributes/start_time")]
    # Two bookings that never meet each other leave room for a third across both.
    other = await dock(caller, slots=2)
    await book(caller, account["id"], other["id"], "09:00", "10:00")
    await book(caller, account["id"], other["id"], "10:00", "11:00")
    across = await book(caller, account["id"], other["id"], "09:30", "10:30")
    assert across["attributes"]["location_id"] == other["id"]
    assert first["attributes"]["location_id"] == location["id"]


async def test_a_cancelled_booking_frees_its_slot(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    account = await caller.create_account()
    location = await dock(caller)
    first = await book(caller, account["id"], location["id"], "09:00", "10:00")
    response = await caller.patch(
        f"/api/bookings/{first['id']}", body(status="cancelled", notes="Haulier cancelled")
    )
    assert response.status_code == 200, response.text
    assert response.json()["data"]["attributes"]["status"] == "cancelled"
    second = await book(caller, account["id"], location["id"], "09:00", "10:00")
    assert second["attributes"]["status"] == "pending"
    events = [
        (event["event"], event["record_id"])
        for event in await events_of(db, caller.tenant_id)
        if event["resource_name"] == "booking"
    ]
    assert events == [
        ("created", first["id"]),
        ("updated", first["id"]),
        ("created", second["id"]),
    ]


async def test_moving_a_booking_onto_a_taken_slot_is_refused(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    account = await caller.create_account()
    location = await dock(caller)
    first = await book(caller, account["id"], location["id"], "09:00", "10:00")
    second = await book(caller, account["id"], location["id"], "11:00", "12:00")
    errors = await assert_refused(
        caller,
        db,
        "PATCH",
        f"/api/bookings/{second['id']}",
        body(start_time=at("09:59")),
        symbol="overlapping_bookings",
        pointer="/data/attributes/start_time",
    )
    assert errors[0]["context"]["booking_id"] == first["id"]
    moved = await caller.patch(f"/api/bookings/{first['id']}", body(end_time=at("10:30")))
    assert moved.status_code == 200, moved.text


async def test_refusals_name_the_field_and_change_nothing(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    account = await caller.create_account()
    location = await dock(caller)
    not_a_dock = await dock(caller, in_diary=False)
    cases = [
        (
            booking_attributes(account["id"], not_a_dock["id"], "09:00", "10:00"),
            ("location_not_in_booking_diary", "/data/attributes/location_id"),
        ),
        (
            booking_attributes(account["id"], location["id"], "10:00", "09:00"),
            ("invalid_value", "/data/attributes/end_time"),
        ),
        (
            booking_attributes(account["id"], location["id"], "10:00", "10:00"),
            ("invalid_value", "/data/attributes/end_time"),
        ),
        (
            booking_attributes(account["id"], 999_999, "09:00", "10:00"),
            ("reference_not_found", "/data/attributes/location_id"),
        ),
        (
            booking_attributes(account["id"], location["id"], "09:00", "10:00", direction="up"),
            ("invalid_enum_value", "/data/attributes/direction"),
        ),
    ]
    for attributes, expected in cases:
        errors = await refused(caller, db, "POST", "/api/bookings", body(**attributes))
        assert expected in errors, (attributes, errors)
    missing = booking_attributes(account["id"], location["id"], "09:00", "10:00")
    del missing["consignment_reference"]
    errors = await refused(caller, db, "POST", "/api/bookings", body(**missing))
    assert errors == [("missing_field", "/data/attributes/consignment_reference")]


async def test_status_moves_only_forward(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    account = await caller.create_account()
    location = await dock(caller)
    booking = await book(caller, account["id"], location["id"], "09:00", "10:00")
    path = f"/api/bookings/{booking['id']}"
    assert (await caller.patch(path, body(status="arrived"))).status_code == 200
    errors = await assert_refused(
        caller,
        db,
        "PATCH",
        path,
        body(status="pending"),
        symbol="booking_status_transition_not_allowed",
        pointer="/data/attributes/status",
    )
    assert errors[0]["code"] == 298
    assert (await caller.patch(path, body(status="departed"))).status_code == 200
    await assert_refused(
        caller,
        db,
        "PATCH",
        path,
        body(status="cancelled"),
        symbol="booking_status_transition_not_allowed",
        pointer="/data/attributes/status",
    )


async def test_a_booking_links_to_a_receipt_of_its_direction(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    account = await caller.create_account()
    location = await dock(caller)
    receipt = await caller.create(
        "goods_in_receipts",
        account_id=account["id"],
        warehouse_id=location["attributes"]["warehouse_id"],
        reference="PO-1",
    )
    receipt_id = int(receipt["data"]["id"])
    linked = await book(
        caller, account["id"], location["id"], "09:00", "10:00", goods_in_receipt_id=receipt_id
    )
    assert linked["attributes"]["goods_in_receipt_id"] == receipt_id
    await assert_refused(
        caller,
        db,
        "PATCH",
        f"/api/bookings/{linked['id']}",
        body(direction="outbound"),
        symbol="booking_link_wrong_direction",
        pointer="/data/attributes/goods_in_receipt_id",
    )


async def test_delete_removes_the_booking_and_another_tenant_sees_none(
    clients: ApiClientFactory, db: Database
) -> None:
    owner = await clients.new()
    other = await clients.new()
    account = await owner.create_account()
    location = await dock(owner)
    booking = await book(owner, account["id"], location["id"], "09:00", "10:00")
    path = f"/api/bookings/{booking['id']}"
    before = await row_counts(db, owner.tenant_id)
    assert (await other.patch(path, body(notes="x"))).status_code == 404
    assert (await other.delete(path)).status_code == 404
    assert await row_counts(db, owner.tenant_id) == before
    assert (await owner.delete(path)).status_code == 204
    assert (await row_counts(db, owner.tenant_id))["bookings"] == 0
    assert (await owner.delete(path)).status_code == 404


async def test_graphql_lists_bookings_in_the_documented_shape(clients: ApiClientFactory) -> None:
    owner = await clients.new()
    other = await clients.new()
    account = await owner.create_account(code="ACME", name="Acme Corporation")
    location = await dock(owner)
    await book(
        owner,
        account["id"],
        location["id"],
        "09:00",
        "10:00",
        booking_reference="BK-001",
        account_reference="PO-12345",
        haulier="Express Logistics",
    )
    cancelled = await book(owner, account["id"], location["id"], "11:00", "12:00")
    await owner.patch(f"/api/bookings/{cancelled['id']}", body(status="cancelled"))
    other_account = await other.create_account()
    await book(other, other_account["id"], (await dock(other))["id"], "09:00", "10:00")
    result = await owner.graphql(
        "query($filter: BookingFilterType) { bookings { all(filter: $filter) { edges { node {"
        " booking_reference account_reference status direction start_time end_time haulier"
        " notes account { code name } location { code } } } } } }",
        {"filter": {"status": {"eq": "pending"}}},
    )
    assert result["data"]["bookings"]["all"]["edges"] == [
        {
            "node": {
                "booking_reference": "BK-001",
                "account_reference": "PO-12345",
                "status": "pending",
                "direction": "inbound",
                "start_time": "2026-03-10T09:00:00Z",
                "end_time": "2026-03-10T10:00:00Z",
                "haulier": "Express Logistics",
                "notes": None,
                "account": {"code": "ACME", "name": "Acme Corporation"},
                "location": {"code": location["attributes"]["code"]},
            }
        }
    ]


async def test_concurrent_requests_for_one_slot_leave_one_booking(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    account = await caller.create_account()
    location = await dock(caller)
    requests = [
        caller.post(
            "/api/bookings",
            body(**booking_attributes(account["id"], location["id"], "09:00", "10:00")),
        )
        for _ in range(4)
    ]
    responses = await asyncio.gather(*requests)
    assert sorted(response.status_code for response in responses) == [200, 422, 422, 422]
    assert (await row_counts(db, caller.tenant_id))["bookings"] == 1
    for response in responses:
        if response.status_code == 422:
            assert response.json()["errors"][0]["symbol"] == "overlapping_bookings"


async def test_the_bookings_list_loads_accounts_and_docks_once(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    for hour in ("08", "10", "12"):
        account = await caller.create_account()
        location = await dock(caller)
        await book(caller, account["id"], location["id"], f"{hour}:00", f"{hour}:30")
    with statements_run(db) as statements:
        result = await caller.graphql(
            "{ bookings { all { edges { node { start_time account { code } location { code } }"
            " } } } }"
        )
    assert len(result["data"]["bookings"]["all"]["edges"]) == 3
    assert len([s for s in statements if "FROM accounts" in s]) == 1
    assert len([s for s in statements if "FROM locations" in s]) == 1


async def test_a_linked_receipt_must_be_the_accounts_and_in_the_docks_warehouse(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    account = await caller.create_account()
    stranger = await caller.create_account()
    location = await dock(caller)
    elsewhere = await caller.create_warehouse()
    theirs = await caller.create(
        "goods_in_receipts",
        account_id=stranger["id"],
        warehouse_id=location["attributes"]["warehouse_id"],
        reference="PO-THEIRS",
    )
    far = await caller.create(
        "goods_in_receipts",
        account_id=account["id"],
        warehouse_id=elsewhere["id"],
        reference="PO-FAR",
    )
    for receipt in (theirs, far):
        attributes = booking_attributes(
            account["id"],
            location["id"],
            "09:00",
            "10:00",
            goods_in_receipt_id=int(receipt["data"]["id"]),
        )
        errors = await refused(caller, db, "POST", "/api/bookings", body(**attributes))
        assert errors == [("invalid_value", "/data/attributes/goods_in_receipt_id")]


async def test_deleting_a_linked_receipt_unlinks_its_booking(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    account = await caller.create_account()
    location = await dock(caller)
    receipt = await caller.create(
        "goods_in_receipts",
        account_id=account["id"],
        warehouse_id=location["attributes"]["warehouse_id"],
        reference="PO-1",
    )
    receipt_id = int(receipt["data"]["id"])
    booking = await book(
        caller, account["id"], location["id"], "09:00", "10:00", goods_in_receipt_id=receipt_id
    )
    assert (await caller.delete(f"/api/goods_in_receipts/{receipt_id}")).status_code == 204
    result = await caller.graphql(
        "{ bookings { all { edges { node { id goods_in_receipt_id } } } } }"
    )
    assert result["data"]["bookings"]["all"]["edges"] == [
        {"node": {"id": str(booking["id"]), "goods_in_receipt_id": None}}
    ]


async def test_a_location_becomes_a_dock_with_its_slots(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    location = await caller.create_location()
    assert (
        location["attributes"]["available_in_booking_diary"],
        location["attributes"]["booking_slots"],
    ) == (False, 1)
    path = f"/api/locations/{location['id']}"
    response = await caller.patch(
        path,
        resource_body("locations", available_in_booking_diary=True, booking_slots=3),
    )
    assert response.status_code == 200, response.text
    attributes = response.json()["data"]["attributes"]
    assert (attributes["available_in_booking_diary"], attributes["booking_slots"]) == (True, 3)
    errors = await refused(caller, db, "PATCH", path, resource_body("locations", booking_slots=0))
    assert errors == [("out_of_range", "/data/attributes/booking_slots")]
    reset = await caller.patch(path, resource_body("locations", booking_slots=None))
    assert reset.json()["data"]["attributes"]["booking_slots"] == 1
    result = await caller.graphql(
        "{ locations { all(filter: {available_in_booking_diary: {eq: true}}) { edges { node {"
        " id booking_slots } } } } }"
    )
    assert result["data"]["locations"]["all"]["edges"] == [
        {"node": {"id": str(location["id"]), "booking_slots": 1}}
    ]


async def test_an_outbound_booking_links_to_a_load_of_its_warehouse(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    account = await caller.create_account()
    location = await dock(caller)
    warehouse_id = location["attributes"]["warehouse_id"]
    load = await caller.create("loads", warehouse_id=warehouse_id, reference="L-1")
    load_id = int(load["data"]["id"])
    booking = await book(
        caller,
        account["id"],
        location["id"],
        "09:00",
        "10:00",
        direction="outbound",
        load_id=load_id,
    )
    assert booking["attributes"]["load_id"] == load_id
    [created] = [
        e for e in await events_of(db, caller.tenant_id) if e["resource_name"] == "booking"
    ]
    assert created["payload"]["load_id"] == load_id
    assert created["payload"]["booking_reference"] == f"BK-{booking['id']:06d}"
    result = await caller.graphql(
        "query($f: BookingFilterType) { bookings { all(filter: $f) { edges { node { id load_id"
        " } } } } }",
        {"f": {"load_id": {"eq": str(load_id)}}},
    )
    assert result["data"]["bookings"]["all"]["edges"] == [
        {"node": {"id": str(booking["id"]), "load_id": str(load_id)}}
    ]
    assert (await caller.delete(f"/api/loads/{load_id}")).status_code == 204
    result = await caller.graphql("{ bookings { all { edges { node { id load_id } } } } }")
    assert result["data"]["bookings"]["all"]["edges"] == [
        {"node": {"id": str(booking["id"]), "load_id": None}}
    ]


async def test_a_load_link_is_refused_unless_outbound_here_and_the_tenants(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    other = await clients.new()
    account = await caller.create_account()
    location = await dock(caller)
    here = location["attributes"]["warehouse_id"]
    elsewhere = await caller.create_warehouse()
    load = await caller.create("loads", warehouse_id=here, reference="L-1")
    far = await caller.create("loads", warehouse_id=elsewhere["id"], reference="L-FAR")
    theirs = await other.create("loads", warehouse_id=(await other.create_warehouse())["id"])
    pointer = "/data/attributes/load_id"
    cases = [
        ("inbound", load, ("booking_link_wrong_direction", pointer)),
        ("outbound", far, ("invalid_value", pointer)),
        ("outbound", theirs, ("reference_not_found", pointer)),
    ]
    for direction, linked, expected in cases:
        attributes = booking_attributes(
            account["id"],
            location["id"],
            "09:00",
            "10:00",
            direction=direction,
            load_id=int(linked["data"]["id"]),
        )
        errors = await refused(caller, db, "POST", "/api/bookings", body(**attributes))
        assert errors == [expected], (direction, errors)
    missing = booking_attributes(
        account["id"], location["id"], "09:00", "10:00", direction="outbound", load_id=999_999
    )
    assert await refused(caller, db, "POST", "/api/bookings", body(**missing)) == [
        ("reference_not_found", pointer)
    ]
    booking = await book(caller, account["id"], location["id"], "09:00", "10:00")
    await assert_refused(
        caller,
        db,
        "PATCH",
        f"/api/bookings/{booking['id']}",
        body(load_id=int(load["data"]["id"])),
        symbol="booking_link_wrong_direction",
        pointer=pointer,
    )
