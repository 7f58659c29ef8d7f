from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI

from clarus.api.application import create_app
from clarus.api.rest.ratelimit import SharedRateLimiter
from clarus.core.db import Database
from tests.conftest import make_settings
from tests.support import ApiClientFactory, statements_run
from tests.webhooks.fakes import FakeClock

QUERY = {"query": "{ accounts { all { total_count } } }"}


@pytest.fixture
async def limited_app(database_url: str) -> AsyncIterator[FastAPI]:
    app = create_app(
        make_settings(database_url, rate_limit_per_second=0.5, rate_limit_burst=3),
        clock=FakeClock(),
    )
    yield app
    await app.state.db.dispose()


async def test_a_client_over_its_limit_gets_429_with_headers(limited_app: FastAPI) -> None:
    transport = httpx.ASGITransport(app=limited_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://clarus.test") as http:
        caller = await ApiClientFactory(http, limited_app.state.db).new()
        responses = [
            await http.post("/graphql", json=QUERY, headers=caller.headers()) for _ in range(4)
        ]
        other = await ApiClientFactory(http, limited_app.state.db).new()
        other_response = await http.post("/graphql", json=QUERY, headers=other.headers())
    assert [r.status_code for r in responses] == [200, 200, 200, 429]
    assert [r.headers["RateLimit-Remaining"] for r in responses] == ["2", "1", "0", "0"]
    assert all(r.headers["RateLimit-Limit"] == "3" for r in responses)
    refused = responses[-1]
    assert refused.headers["Retry-After"] == "2"
    assert refused.headers["RateLimit-Reset"] == "6"
    [error] = refused.json()["errors"]
    assert error["symbol"] == "rate_limited"
    assert error["context"] == {"retry_after": 2}
    assert other_response.status_code == 200


async def test_two_server_processes_spend_one_budget(database_url: str) -> None:
    """Two apps on one database stand for two `--workers`: together they allow the burst once."""
    settings = make_settings(database_url, rate_limit_per_second=0.5, rate_limit_burst=3)
    clock = FakeClock()
    first, second = create_app(settings, clock=clock), create_app(settings, clock=clock)
    try:
        async with (
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=first), base_url="http://clarus.test"
            ) as http_first,
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=second), base_url="http://clarus.test"
            ) as http_second,
        ):
            caller = await ApiClientFactory(http_first, first.state.db).new()
            responses = [
                await http.post("/graphql", json=QUERY, headers=caller.headers())
                for http in (http_first, http_second, http_second, http_first, http_second)
            ]
    finally:
        await first.state.db.dispose()
        await second.state.db.dispose()
    assert [r.status_code for r in responses] == [200, 200, 200, 429, 429]
    assert [r.headers["RateLimit-Remaining"] for r in responses] == ["2", "1", "0", "0", "0"]
    assert [r.headers.get("Retry-After") for r in responses] == [None, None, None, "2", "2"]


async def test_the_bucket_refills_at_its_rate(db: Database) -> None:
    now = [1_000_000.0]
    limiter = SharedRateLimiter(db, rate=2.0, burst=2, clock=lambda: now[0])
    key = f"test:{uuid.uuid4().hex}"
    assert [(await limiter.acquire(key)).allowed for _ in range(3)] == [True, True, False]
    now[0] += 0.5
    decision = await limiter.acquire(key)
    assert decision.allowed
    assert decision.remaining == 0
    refused = await limiter.acquire(key)
    assert (refused.allowed, refused.retry_after_seconds) == (False, 1)
    now[0] += 10.0
    assert (await limiter.acquire(key)).remaining == 1


def takes_of(statements: list[str]) -> int:
    return len([s for s in statements if s.startswith("INSERT INTO rate_limit_buckets")])


async def test_two_processes_spend_the_burst_in_leases_of_a_twentieth(database_url: str) -> None:
    """A burst of 40 is taken two tokens at a time, by each process for its next request: the
    two allow the burst once, in half as many takes from the shared bucket as requests."""
    settings = make_settings(database_url, rate_limit_per_second=0.5, rate_limit_burst=40)
    clock = FakeClock()
    first, second = create_app(settings, clock=clock), create_app(settings, clock=clock)
    try:
        async with (
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=first), base_url="http://clarus.test"
            ) as http_first,
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=second), base_url="http://clarus.test"
            ) as http_second,
        ):
            caller = await ApiClientFactory(http_first, first.state.db).new()

            async def ask(count: int) -> tuple[list[int], int]:
                with (
                    statements_run(first.state.db, rate_limit_takes=True) as by_first,
                    statements_run(second.state.db, rate_limit_takes=True) as by_second,
                ):
                    answers = [
                        await http.post("/graphql", json=QUERY, headers=caller.headers())
                        for http in [http_first, http_second] * (count // 2)
                    ]
                return [r.status_code for r in answers], takes_of(by_first) + takes_of(by_second)

            allowed, allowed_takes = await ask(40)
            refused, _ = await ask(4)
    finally:
        await first.state.db.dispose()
        await second.state.db.dispose()
    assert allowed == [200] * 40
    assert allowed_takes == 20
    assert refused == [429] * 4


async def test_processes_at_once_stay_within_the_burst_and_their_leases(database_url: str) -> None:
    """Three processes answering 150 requests at once, the clock still: together they allow no
    more than the burst (100), and no fewer than the burst less what each may hold unspent
    (a lease of 5 less the token it spent at once)."""
    settings = make_settings(database_url, rate_limit_per_second=0.5, rate_limit_burst=100)
    clock = FakeClock()
    apps = [create_app(settings, clock=clock) for _ in range(3)]
    try:
        async with contextlib.AsyncExitStack() as stack:
            clients = [
                await stack.enter_async_context(
                    httpx.AsyncClient(
                        transport=httpx.ASGITransport(app=app), base_url="http://clarus.test"
                    )
                )
                for app in apps
            ]
            caller = await ApiClientFactory(clients[0], apps[0].state.db).new()
            answers = await asyncio.gather(
                *(
                    http.post("/graphql", json=QUERY, headers=caller.headers())
                    for http in clients * 50
                )
            )
    finally:
        for app in apps:
            await app.state.db.dispose()
    allowed = [r.status_code for r in answers].count(200)
    assert [r.status_code for r in answers].count(429) == 150 - allowed
    assert 100 - 3 * (5 - 1) <= allowed <= 100


async def test_a_lease_not_spent_within_a_second_is_dropped(db: Database) -> None:
    """A burst of 60 is taken three tokens at a time: the third of the first lease, not spent
    within a second, is gone, and the next request takes a new lease."""
    now = [1_000_000.0]
    limiter = SharedRateLimiter(db, rate=0.001, burst=60, clock=lambda: now[0])
    key = f"test:{uuid.uuid4().hex}"
    with statements_run(db, rate_limit_takes=True) as statements:
        first = await limiter.acquire(key)
        spent_from_the_lease = await limiter.acquire(key)
        now[0] += 1.0
        after_a_second = await limiter.acquire(key)
    assert [d.allowed for d in (first, spent_from_the_lease, after_a_second)] == [True] * 3
    assert [d.remaining for d in (first, spent_from_the_lease, after_a_second)] == [59, 58, 56]
    assert takes_of(statements) == 2
