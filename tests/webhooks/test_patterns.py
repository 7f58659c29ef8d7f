"""`matches` conditions are RE2 patterns: refused at creation when RE2 cannot run them, judged off
the event loop, and a stored one RE2 refuses ends its event as a recorded failure (the run
endpoint answers why; the worker writes failed deliveries and goes on)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select, update

from clarus.core.db import Database
from clarus.webhooks import directory as directory_module
from clarus.webhooks import service as service_module
from clarus.webhooks.directory import AutomationDirectory
from clarus.webhooks.tables import automation_conditions
from tests.support import TEST_SECRET_BOX, ApiClientFactory, Caller, assert_refused, events_of
from tests.webhooks.conftest import WorkerFactory
from tests.webhooks.helpers import attempts_of, deliveries_of
from tests.webhooks.support import automation_body, condition

VALUE_POINTER = "/data/attributes/conditions_changes/{index}/attributes/value"
NOT_RE2 = [
    pytest.param(r"^(\w)\1$", "invalid escape sequence: \\1", id="backreference"),
    pytest.param(r"^(?=T)\w+", "invalid perl operator: (?=", id="lookahead"),
    pytest.param(r"(?<!x)T", "invalid perl operator: (?<!", id="lookbehind"),
    pytest.param("(unclosed", "missing ): (unclosed", id="unclosed"),
    pytest.param("a{1001}", "invalid repetition size: {1001}", id="repetition"),
]


async def created(caller: Caller, **attributes: Any) -> dict[str, Any]:
    response = await caller.post("/api/automations", automation_body(**attributes))
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


async def scheduled(caller: Caller, pattern: str = "^Tell") -> dict[str, Any]:
    """A daily schedule automation whose one condition is `data.name matches pattern`."""
    return await created(
        caller,
        resource_name="daily_schedule",
        event="triggered",
        conditions_changes=[condition("data.name", "matches", pattern)],
    )


async def store_pattern(db: Database, automation_id: int, pattern: str) -> None:
    """Write a pattern as an older Clarus (matching with Python's `re`) let it be stored."""
    async with db.write_session() as session:
        await session.execute(
            update(automation_conditions)
            .where(automation_conditions.c.automation_id == automation_id)
            .values(value=pattern)
        )


async def stored_patterns(db: Database, automation_id: int) -> list[Any]:
    async with db.read_session() as session:
        found = await session.execute(
            select(automation_conditions.c.value)
            .where(automation_conditions.c.automation_id == automation_id)
            .order_by(automation_conditions.c.id)
        )
        return list(found.scalars())


@pytest.mark.parametrize(("pattern", "reason"), NOT_RE2)
async def test_a_pattern_re2_cannot_run_is_refused_at_its_value(
    clients: ApiClientFactory, db: Database, pattern: str, reason: str
) -> None:
    caller = await clients.new()
    body = automation_body(
        conditions_changes=[condition(), condition("data.reference", "matches", pattern)]
    )
    errors = await assert_refused(
        caller,
        db,
        "POST",
        "/api/automations",
        body,
        symbol="invalid_value",
        pointer=VALUE_POINTER.format(index=1),
    )
    assert errors == [
        {
            "code": 1014,
            "symbol": "invalid_value",
            "details": f"value: {pattern!r} is not an RE2 pattern ({reason}).",
            "source": None,
            "context": {"pattern": pattern, "pointer": VALUE_POINTER.format(index=1)},
        }
    ]


async def test_an_update_to_a_pattern_re2_cannot_run_is_refused(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    automation = await scheduled(caller)
    [stored] = automation["attributes"]["conditions"]
    path = f"/api/automations/{automation['id']}"
    changes = [
        {"type": "UPDATE", "id": stored["id"], "attributes": {"value": r"(T)\1"}},
        condition("data.name", "matches", "(?=T)"),
    ]
    body = {"data": {"type": "automations", "id": automation["id"], "attributes": {}}}
    body["data"]["attributes"]["conditions_changes"] = changes
    errors = await assert_refused(
        caller,
        db,
        "PATCH",
        path,
        body,
        symbol="invalid_value",
        pointer=VALUE_POINTER.format(index=0),
    )
    assert [error["context"]["pointer"] for error in errors] == [
        VALUE_POINTER.format(index=0),
        VALUE_POINTER.format(index=1),
    ]
    assert await stored_patterns(db, automation["id"]) == ["^Tell"]


async def test_patterns_are_re2_syntax(clients: ApiClientFactory, db: Database) -> None:
    r"""`\p{Lu}` (a Unicode class) is RE2's and not Python's `re`; the run judges with it."""
    caller = await clients.new()
    automation = await scheduled(caller, r"^\p{Lu}\p{Ll}+ the \pL+$")
    response = await caller.post(f"/api/automations/{automation['id']}/run", None)
    assert response.status_code == 200, response.text
    assert response.json()["data"]["attributes"] == {"conditions_passed": True, "queued": True}


async def test_a_catastrophic_pattern_for_a_backtracking_engine_is_judged_by_re2(
    clients: ApiClientFactory, db: Database
) -> None:
    """`^(a|a)*$` takes a backtracking engine 2^n steps on n a's and a `!`; the automation's own
    name is such a text. RE2 answers at once (this test does not time it: a backtracking
    engine would stall it for minutes)."""
    caller = await clients.new()
    automation = await created(
        caller,
        name="a" * 27 + "!",
        resource_name="daily_schedule",
        event="triggered",
        conditions_changes=[condition("data.name", "matches", "^(a|a)*$")],
    )
    response = await caller.post(f"/api/automations/{automation['id']}/run", None)
    assert response.json()["data"]["attributes"] == {"conditions_passed": False, "queued": False}
    assert await events_of(db, caller.tenant_id) == []


@pytest.mark.parametrize(("pattern", "reason"), NOT_RE2)
async def test_running_with_a_stored_pattern_re2_refuses_says_so_and_queues_nothing(
    clients: ApiClientFactory, db: Database, pattern: str, reason: str
) -> None:
    caller = await clients.new()
    automation = await scheduled(caller)
    await store_pattern(db, automation["id"], pattern)
    errors = await assert_refused(
        caller,
        db,
        "POST",
        f"/api/automations/{automation['id']}/run",
        None,
        symbol="condition_not_evaluable",
        pointer=None,
    )
    assert errors[0]["details"] == (
        f"The condition on data.name (matches {pattern!r}) cannot be judged: {reason}"
    )
    assert errors[0]["context"] == {"id": automation["id"]}
    assert await events_of(db, caller.tenant_id) == []


@pytest.mark.parametrize(("pattern", "reason"), NOT_RE2)
async def test_an_event_whose_stored_pattern_re2_refuses_ends_as_a_failed_delivery(
    clients: ApiClientFactory,
    db: Database,
    make_worker: WorkerFactory,
    pattern: str,
    reason: str,
) -> None:
    """The event is fanned out once: its delivery is written failed with the reason, never
    sent nor retried, and the next event goes out as usual."""
    caller = await clients.new()
    broken = await scheduled(caller)
    healthy = await scheduled(caller)
    for automation in (broken, healthy):
        ran = await caller.post(f"/api/automations/{automation['id']}/run", None)
        assert ran.json()["data"]["attributes"]["queued"] is True
    await store_pattern(db, broken["id"], pattern)
    worker = make_worker(directory=AutomationDirectory(TEST_SECRET_BOX))

    step = await worker.fan_out()

    assert step == (2, 2)
    assert (await worker.fan_out()) == (0, 0)
    failed, pending = await deliveries_of(db, caller.tenant_id)
    assert (failed["automation_id"], failed["status"]) == (broken["id"], "failed")
    assert failed["last_error"] == (
        f"The condition on data.name (matches {pattern!r}) cannot be judged: {reason}"
    )
    assert failed["attempt_count"] == 0
    assert await attempts_of(db, failed["id"]) == []
    assert (pending["automation_id"], pending["status"]) == (healthy["id"], "pending")
    assert all(
        event["fanned_out_at"] is not None for event in await events_of(db, caller.tenant_id)
    )


async def test_conditions_are_judged_off_the_event_loop(
    clients: ApiClientFactory,
    db: Database,
    make_worker: WorkerFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Both where conditions are judged, the run endpoint and the worker's fan-out, judge them
    in a thread other than the event loop's."""
    loop_thread = threading.get_ident()
    judged_in: list[int] = []

    def spying(all_hold: Callable[..., bool]) -> Callable[..., bool]:
        def spy(*args: Any) -> bool:
            judged_in.append(threading.get_ident())
            return all_hold(*args)

        return spy

    monkeypatch.setattr(service_module, "all_hold", spying(service_module.all_hold))
    monkeypatch.setattr(directory_module, "all_hold", spying(directory_module.all_hold))
    caller = await clients.new()
    automation = await scheduled(caller)
    await caller.post(f"/api/automations/{automation['id']}/run", None)
    worker = make_worker(directory=AutomationDirectory(TEST_SECRET_BOX))
    assert (await worker.fan_out()) == (1, 1)

    assert len(judged_in) == 2
    assert loop_thread not in judged_in
