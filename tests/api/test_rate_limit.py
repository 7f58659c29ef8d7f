from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI

from clarus.api.app import create_app
from clarus.api.rest.ratelimit import TokenBucketLimiter
from tests.conftest import make_settings
from tests.support import ApiClientFactory

QUERY = {"query": "{ accounts { all { total_count } } }"}


@pytest.fixture
async def limited_app(database_url: str) -> AsyncIterator[FastAPI]:
    app = create_app(make_settings(database_url, rate_limit_per_second=0.5, rate_limit_burst=3))
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
    assert int(refused.headers["RateLimit-Reset"]) >= 2
    [error] = refused.json()["errors"]
    assert error["symbol"] == "rate_limited"
    assert error["context"] == {"retry_after": 2}
    assert other_response.status_code == 200


def test_the_bucket_refills_at_its_rate() -> None:
    now = [0.0]
    limiter = TokenBucketLimiter(rate=2.0, burst=2, clock=lambda: now[0])
    assert [limiter.acquire("c").allowed for _ in range(3)] == [True, True, False]
    now[0] = 0.5
    decision = limiter.acquire("c")
    assert decision.allowed
    assert decision.remaining == 0
    assert not limiter.acquire("c").allowed
    now[0] = 10.0
    assert limiter.acquire("c").remaining == 1
