"""The sign-in and consent form refuses posts another site forged: each needs the CSRF token of
the page the browser was shown (the same as its cookie), and a browser's Origin must be ours."""

from __future__ import annotations

import httpx
import pytest

from clarus.api.application import create_app
from clarus.core.db import Database
from tests.auth.test_oauth import (
    CSRF_COOKIE,
    PKCE_SAMPLE,
    WebApp,
    new_web_app,
    pkce_pair,
    redirect_query,
)
from tests.auth.test_throttle import at, codes_issued_to
from tests.conftest import make_settings
from tests.support import ApiClientFactory

FORGED = "This form expired or was sent from another site. Go back, reload the page and try again."


@pytest.fixture
async def web_app(clients: ApiClientFactory, db: Database) -> WebApp:
    return await new_web_app(clients, db)


def assert_refused_as_forged(response: httpx.Response) -> None:
    assert response.status_code == 403
    assert "Location" not in response.headers
    assert f'<p class="error" role="alert">{FORGED}</p>' in response.text
    assert "<form" not in response.text


async def test_the_page_sets_a_cookie_and_carries_its_token(web_app: WebApp) -> None:
    http = web_app.caller.http
    page = await http.get("/oauth/authorize", params=web_app.params(PKCE_SAMPLE))
    token = http.cookies[CSRF_COOKIE]
    assert f'<input type="hidden" name="csrf_token" value="{token}">' in page.text
    cookie = page.headers["Set-Cookie"]
    assert cookie.startswith(f"{CSRF_COOKIE}={token};")
    assert "HttpOnly" in cookie
    assert "Path=/oauth/authorize" in cookie
    assert "SameSite=lax" in cookie
    again = await http.get("/oauth/authorize", params=web_app.params(PKCE_SAMPLE))
    assert f'name="csrf_token" value="{token}"' in again.text


async def test_a_post_without_the_token_is_refused(web_app: WebApp, db: Database) -> None:
    await web_app.csrf_token()
    response = await web_app.caller.http.post(
        "/oauth/authorize",
        data={
            "email": web_app.email,
            "password": web_app.password,
            "decision": "allow",
            **web_app.params(pkce_pair()[1]),
        },
    )
    assert_refused_as_forged(response)
    assert await codes_issued_to(db, web_app.email) == 0


async def test_a_wrong_token_is_refused(web_app: WebApp, db: Database) -> None:
    await web_app.csrf_token()
    wrong = "A" * 43
    assert_refused_as_forged(await web_app.sign_in(pkce_pair()[1], csrf_token=wrong))
    assert await codes_issued_to(db, web_app.email) == 0


async def test_a_token_without_its_cookie_is_refused(web_app: WebApp, db: Database) -> None:
    token = await web_app.csrf_token()
    web_app.caller.http.cookies.clear()
    assert_refused_as_forged(await web_app.sign_in(pkce_pair()[1], csrf_token=token))
    assert await codes_issued_to(db, web_app.email) == 0


async def test_denying_needs_the_token_too(web_app: WebApp) -> None:
    await web_app.csrf_token()
    response = await web_app.sign_in(pkce_pair()[1], decision="deny", csrf_token="")
    assert_refused_as_forged(response)


@pytest.mark.parametrize(
    "origin", ["https://evil.example", "http://clarus.test.evil.example", "null"]
)
async def test_a_foreign_origin_is_refused_even_with_the_token(
    web_app: WebApp, db: Database, origin: str
) -> None:
    response = await sign_in_from(web_app, origin)
    assert_refused_as_forged(response)
    assert await codes_issued_to(db, web_app.email) == 0


async def sign_in_from(web_app: WebApp, origin: str) -> httpx.Response:
    form = {
        "email": web_app.email,
        "password": web_app.password,
        "decision": "allow",
        "csrf_token": await web_app.csrf_token(),
        **web_app.params(PKCE_SAMPLE),
    }
    return await web_app.caller.http.post("/oauth/authorize", data=form, headers={"Origin": origin})


async def test_the_origin_we_were_addressed_at_signs_in(web_app: WebApp) -> None:
    response = await sign_in_from(web_app, "http://clarus.test")
    assert response.status_code == 302, response.text
    assert set(redirect_query(response)) == {"code", "state"}


async def test_the_public_base_url_is_our_origin_too(web_app: WebApp, database_url: str) -> None:
    """Behind a proxy that ends TLS, browsers send the public origin; the cookie is Secure."""
    app = create_app(make_settings(database_url, public_base_url="https://wms.example.com/"))
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="https://clarus.test") as http:
            response = await sign_in_from(at(web_app, http), "https://wms.example.com")
            assert (
                "Secure"
                in (await http.get("/oauth/authorize", params=web_app.params(PKCE_SAMPLE))).headers[
                    "Set-Cookie"
                ]
            )
    finally:
        await app.state.db.dispose()
    assert response.status_code == 302, response.text
    assert set(redirect_query(response)) == {"code", "state"}
