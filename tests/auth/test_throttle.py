"""Failed sign-ins and client authentications are throttled per account and per client address,
in the database, so every server process (and every app on one database) shares the count."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from clarus.api.application import create_app
from clarus.auth import throttle
from clarus.auth.models import AuthFailureCount, AuthorizationCode, User
from clarus.core.db import Database, utcnow
from tests.auth.test_oauth import WebApp, new_web_app, oauth_error, pkce_pair
from tests.conftest import make_settings
from tests.support import ApiClientFactory, Caller
from tests.webhooks.fakes import FakeClock

ACCOUNT_LIMIT = 3
ADDRESS_LIMIT = 5
CLIENT_AUTH_LIMIT = 4
TOO_MANY_SIGN_INS = "Too many failed sign-ins. Try again in 15 minutes."


def unique_address() -> str:
    """An address of the IPv6 documentation prefix no other test uses: the counts are rows in
    the database the whole run shares."""
    return f"2001:db8::{uuid.uuid4().hex[:4]}:{uuid.uuid4().hex[:4]}"


def throttled_settings(**overrides: object) -> dict[str, object]:
    return {
        "sign_in_max_failures_per_account": ACCOUNT_LIMIT,
        "sign_in_max_failures_per_address": ADDRESS_LIMIT,
        "client_auth_max_failures_per_address": CLIENT_AUTH_LIMIT,
        **overrides,
    }


@pytest.fixture
async def throttled_app(database_url: str) -> AsyncIterator[FastAPI]:
    app = create_app(make_settings(database_url, **throttled_settings()))
    yield app
    await app.state.db.dispose()


@pytest.fixture
async def second_throttled_app(database_url: str) -> AsyncIterator[FastAPI]:
    """Another server process on the same database."""
    app = create_app(make_settings(database_url, **throttled_settings()))
    yield app
    await app.state.db.dispose()


@pytest.fixture
async def open_clients() -> AsyncIterator[list[httpx.AsyncClient]]:
    opened: list[httpx.AsyncClient] = []
    yield opened
    for client in opened:
        await client.aclose()


@pytest.fixture
def browser(open_clients: list[httpx.AsyncClient]) -> BrowserFactory:
    return BrowserFactory(open_clients)


class BrowserFactory:
    """HTTP clients of an app, each from a client address of its own (or the one given)."""

    def __init__(self, opened: list[httpx.AsyncClient]) -> None:
        self.opened = opened

    def __call__(self, app: FastAPI, address: str | None = None) -> httpx.AsyncClient:
        transport = httpx.ASGITransport(app=app, client=(address or unique_address(), 50123))
        client = httpx.AsyncClient(transport=transport, base_url="http://clarus.test")
        self.opened.append(client)
        return client


def at(web_app: WebApp, http: httpx.AsyncClient) -> WebApp:
    return dataclasses.replace(web_app, caller=dataclasses.replace(web_app.caller, http=http))


async def codes_issued_to(db: Database, email: str) -> int:
    async with db.read_session() as session:
        count = await session.scalar(
            select(func.count())
            .select_from(AuthorizationCode)
            .join(User, User.id == AuthorizationCode.user_id)
            .where(User.email == email)
        )
    return int(count or 0)


def assert_sign_in_throttled(response: httpx.Response, *, window_seconds: int = 900) -> None:
    assert response.status_code == 429
    assert "Location" not in response.headers
    assert window_seconds - 10 <= int(response.headers["Retry-After"]) <= window_seconds
    assert f'<p class="error" role="alert">{TOO_MANY_SIGN_INS}</p>' in response.text


# Sign-in


async def test_wrong_passwords_lock_the_account_even_for_the_right_one(
    clients: ApiClientFactory,
    db: Database,
    throttled_app: FastAPI,
    second_throttled_app: FastAPI,
    browser: BrowserFactory,
) -> None:
    web_app = at(await new_web_app(clients, db), browser(throttled_app))
    wrong = [
        await web_app.sign_in(pkce_pair()[1], password=f"guess {n}") for n in range(ACCOUNT_LIMIT)
    ]
    assert [r.status_code for r in wrong] == [401] * ACCOUNT_LIMIT
    assert_sign_in_throttled(await web_app.sign_in(pkce_pair()[1], password="guess 4"))
    assert_sign_in_throttled(await web_app.sign_in(pkce_pair()[1]))
    elsewhere = at(web_app, browser(second_throttled_app))
    assert_sign_in_throttled(await elsewhere.sign_in(pkce_pair()[1]))
    assert await codes_issued_to(db, web_app.email) == 0


async def test_the_account_signs_in_again_once_the_window_ends(
    clients: ApiClientFactory, db: Database, database_url: str, browser: BrowserFactory
) -> None:
    clock = FakeClock()
    app = create_app(make_settings(database_url, **throttled_settings()), clock=clock)
    try:
        web_app = at(await new_web_app(clients, db), browser(app))
        for n in range(ACCOUNT_LIMIT):
            assert (await web_app.sign_in(pkce_pair()[1], password=f"guess {n}")).status_code == 401
        clock.advance(dt.timedelta(seconds=899))
        refused = await web_app.sign_in(pkce_pair()[1])
        assert refused.status_code == 429
        assert refused.headers["Retry-After"] == "1"
        assert "Too many failed sign-ins. Try again in 1 minute." in refused.text
        clock.advance(dt.timedelta(seconds=1))
        assert (await web_app.sign_in(pkce_pair()[1])).status_code == 302
    finally:
        await app.state.db.dispose()


async def test_a_successful_sign_in_clears_the_accounts_failures(
    clients: ApiClientFactory, db: Database, throttled_app: FastAPI, browser: BrowserFactory
) -> None:
    web_app = at(await new_web_app(clients, db), browser(throttled_app))
    for _ in range(2):
        for n in range(ACCOUNT_LIMIT - 1):
            assert (await web_app.sign_in(pkce_pair()[1], password=f"guess {n}")).status_code == 401
        assert (await web_app.sign_in(pkce_pair()[1])).status_code == 302
    assert await codes_issued_to(db, web_app.email) == 2


async def test_wrong_passwords_from_one_address_lock_that_address(
    clients: ApiClientFactory, db: Database, throttled_app: FastAPI, browser: BrowserFactory
) -> None:
    """Guessing across many accounts (known or not) from one address is stopped at the
    address's limit, and only for that address."""
    address = unique_address()
    web_app = at(await new_web_app(clients, db), browser(throttled_app, address))
    guesses = [
        await web_app.sign_in(pkce_pair()[1], email=f"{uuid.uuid4().hex[:8]}@example.com")
        for _ in range(ADDRESS_LIMIT)
    ]
    assert [r.status_code for r in guesses] == [401] * ADDRESS_LIMIT
    assert_sign_in_throttled(await web_app.sign_in(pkce_pair()[1]))
    same_address = at(web_app, browser(throttled_app, address))
    assert_sign_in_throttled(await same_address.sign_in(pkce_pair()[1]))
    assert await codes_issued_to(db, web_app.email) == 0
    other_address = at(web_app, browser(throttled_app))
    assert (await other_address.sign_in(pkce_pair()[1])).status_code == 302


async def test_denying_is_never_throttled(
    clients: ApiClientFactory, db: Database, throttled_app: FastAPI, browser: BrowserFactory
) -> None:
    web_app = at(await new_web_app(clients, db), browser(throttled_app))
    for n in range(ACCOUNT_LIMIT + 1):
        await web_app.sign_in(pkce_pair()[1], password=f"guess {n}")
    denied = await web_app.sign_in(pkce_pair()[1], decision="deny", password="")
    assert denied.status_code == 302
    assert "error=access_denied" in denied.headers["Location"]


# Client authentication at /oauth/token and /oauth/revoke


async def request_token(caller: Caller, secret: str) -> httpx.Response:
    return await caller.http.post(
        "/oauth/token", data={"grant_type": "client_credentials"}, auth=(caller.client_id, secret)
    )


async def test_wrong_client_secrets_get_429_after_the_addresss_budget(
    clients: ApiClientFactory,
    throttled_app: FastAPI,
    second_throttled_app: FastAPI,
    browser: BrowserFactory,
) -> None:
    address = unique_address()
    caller = dataclasses.replace(
        await clients.new(with_token=False), http=browser(throttled_app, address)
    )
    wrong = [await request_token(caller, f"cs_wrong{n}") for n in range(CLIENT_AUTH_LIMIT)]
    assert [r.status_code for r in wrong] == [401] * CLIENT_AUTH_LIMIT
    refused = await request_token(caller, "cs_wrong")
    assert refused.status_code == 429
    assert 50 <= int(refused.headers["Retry-After"]) <= 60
    assert refused.headers["Cache-Control"] == "no-store"
    retry_after = refused.headers["Retry-After"]
    assert refused.json() == oauth_error(
        "temporarily_unavailable",
        f"Too many failed requests from this address; retry after {retry_after} seconds.",
    )
    assert (await request_token(caller, caller.client_secret)).status_code == 429
    revoking = await caller.http.post(
        "/oauth/revoke", data={"token": "at_x"}, auth=(caller.client_id, caller.client_secret)
    )
    assert revoking.status_code == 429
    same_address_elsewhere = dataclasses.replace(
        caller, http=browser(second_throttled_app, address)
    )
    assert (await request_token(same_address_elsewhere, caller.client_secret)).status_code == 429
    other_address = dataclasses.replace(caller, http=browser(throttled_app))
    assert (await request_token(other_address, caller.client_secret)).status_code == 200


async def test_successful_token_requests_spend_no_failure_budget(
    clients: ApiClientFactory, throttled_app: FastAPI, browser: BrowserFactory
) -> None:
    caller = dataclasses.replace(await clients.new(with_token=False), http=browser(throttled_app))
    responses = [
        await request_token(caller, caller.client_secret) for _ in range(CLIENT_AUTH_LIMIT * 2)
    ]
    assert [r.status_code for r in responses] == [200] * (CLIENT_AUTH_LIMIT * 2)
    wrong = [await request_token(caller, "cs_wrong") for _ in range(CLIENT_AUTH_LIMIT)]
    assert [r.status_code for r in wrong] == [401] * CLIENT_AUTH_LIMIT


# The counts themselves


async def test_ended_windows_are_dropped_when_another_starts(db: Database) -> None:
    """Keys seen once (an address, a mistyped email) do not pile up. The times lie a day back,
    before any other test's windows end."""
    start = utcnow() - dt.timedelta(days=1)
    once, later = (throttle.AttemptLimit(f"test:{uuid.uuid4().hex}", 3, 10) for _ in range(2))
    async with db.write_session() as session:
        assert await throttle.count_attempt(session, limit=once, now=start) is None
    async with db.write_session() as session:
        assert (
            await throttle.count_attempt(session, limit=later, now=start + dt.timedelta(seconds=9))
            is None
        )
    assert await stored_keys(db, once, later) == {once.key, later.key}
    async with db.write_session() as session:
        assert (
            await throttle.count_attempt(session, limit=later, now=start + dt.timedelta(seconds=30))
            is None
        )
    assert await stored_keys(db, once, later) == {later.key}


async def stored_keys(db: Database, *limits: throttle.AttemptLimit) -> set[str]:
    async with db.read_session() as session:
        keys = await session.scalars(
            select(AuthFailureCount.key).where(
                AuthFailureCount.key.in_([limit.key for limit in limits])
            )
        )
    return set(keys)
