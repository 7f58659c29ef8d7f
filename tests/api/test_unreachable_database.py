"""While the database is down or restarting, every entry point answers a 503 the client can
retry on the same connection, never a 500 that drops it."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.api.application import create_app
from clarus.core.settings import Settings
from tests.support import ApiClientFactory

TENANT_HEADERS = {"Authorization": "Bearer any-token", "X-Clarus-Subdomain": "demo"}


def closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.fixture
async def unreachable() -> AsyncIterator[httpx.AsyncClient]:
    url = f"postgresql://postgres@127.0.0.1:{closed_port()}/nowhere"
    app = create_app(Settings(database_url=url, webhook_worker_in_process=False))
    # Exceptions the app lets escape fail the test here: a 503 must be answered, not raised.
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=True)
    async with httpx.AsyncClient(transport=transport, base_url="http://clarus") as client:
        yield client


@pytest.mark.parametrize(
    ("method", "path", "request_options"),
    [
        ("POST", "/api/accounts", {"json": {"data": {"type": "accounts", "attributes": {}}}}),
        (
            "PATCH",
            "/api/accounts/1",
            {"json": {"data": {"type": "accounts", "attributes": {"name": "Renamed"}}}},
        ),
        ("POST", "/graphql", {"json": {"query": "{ accounts { all { edges { cursor } } } }"}}),
        (
            "POST",
            "/oauth/token",
            {"data": {"grant_type": "client_credentials", "client_id": "a", "client_secret": "b"}},
        ),
    ],
)
async def test_an_unreachable_database_is_a_503_to_retry(
    unreachable: httpx.AsyncClient, method: str, path: str, request_options: dict[str, object]
) -> None:
    response = await unreachable.request(
        method, path, headers={**TENANT_HEADERS, "X-Request-Id": "req-503"}, **request_options
    )  # type: ignore[arg-type]

    assert response.status_code == 503, response.text
    assert response.headers["Retry-After"] == "2"
    assert response.headers["X-Request-Id"] == "req-503"
    [error] = response.json()["errors"]
    assert error["symbol"] == "service_unavailable"
    assert "Connect" not in response.text
    assert "127.0.0.1" not in response.text


async def test_a_resolver_losing_the_database_fails_the_whole_query_with_a_503(
    clients: ApiClientFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    caller = await clients.new()
    execute = AsyncSession.execute

    async def losing_the_connection_on_accounts(
        session: AsyncSession, statement: Any, *args: Any, **kwargs: Any
    ) -> Any:
        if "FROM accounts" in str(statement):
            raise ConnectionResetError(104, "Connection reset by peer")
        return await execute(session, statement, *args, **kwargs)

    monkeypatch.setattr(AsyncSession, "execute", losing_the_connection_on_accounts)
    response = await caller.post(
        "/graphql",
        {"query": "{ accounts { all { edges { node { code } } } } }"},
        **{"X-Request-Id": "req-503"},
    )

    assert response.status_code == 503, response.text
    assert response.headers["X-Request-Id"] == "req-503"
    assert response.json()["errors"][0]["symbol"] == "service_unavailable"
