"""OAuth 2.0 through HTTP: client credentials, authorization code with PKCE, refresh tokens,
revocation, expiry, and how the API refuses callers it cannot authenticate."""

from __future__ import annotations

import asyncio
import base64
import dataclasses
import hashlib
import secrets
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from clarus.api.application import create_app
from clarus.auth.service import create_api_client, create_user
from clarus.core.db import Database
from clarus.tenancy.service import create_tenant
from tests.conftest import make_settings
from tests.support import ApiClientFactory, Caller, unique_code, without_cost

REDIRECT_URI = "https://app.example.com/callback"
PASSWORD = "correct horse battery staple"
ACCOUNTS_QUERY = "{ accounts { all { edges { node { id } } } } }"
UNAUTHENTICATED = {"error": "Invalid or expired access token, or unknown subdomain."}
BEARER_CHALLENGE = 'Bearer realm="clarus"'
PKCE_REQUIRED = "PKCE is required: code_challenge with code_challenge_method=S256."
PKCE_SAMPLE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
"""The S256 challenge of RFC 7636 appendix B."""
CSRF_COOKIE = "clarus_csrf"


def oauth_error(error: str, description: str) -> dict[str, str]:
    return {"error": error, "error_description": description}


def insufficient_scope(scope: str) -> dict[str, Any]:
    return {
        "errors": [
            {
                "code": 1041,
                "symbol": "insufficient_scope",
                "details": f"This operation needs the scope {scope}.",
                "source": None,
                "context": {"required_scopes": [scope]},
            }
        ]
    }


def pkce_pair() -> tuple[str, str]:
    """A code verifier and its S256 challenge, computed as RFC 7636 appendix B does."""
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def account_body() -> dict[str, Any]:
    return {"data": {"type": "accounts", "attributes": {"code": unique_code(), "name": "Acme"}}}


def api_headers(token: str, subdomain: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", "X-Clarus-Subdomain": subdomain}


async def create_account(http: httpx.AsyncClient, token: str, subdomain: str) -> httpx.Response:
    return await http.post(
        "/api/accounts", json=account_body(), headers=api_headers(token, subdomain)
    )


async def list_accounts(http: httpx.AsyncClient, token: str, subdomain: str) -> httpx.Response:
    return await http.post(
        "/graphql", json={"query": ACCOUNTS_QUERY}, headers=api_headers(token, subdomain)
    )


async def request_token(caller: Caller, **form: str) -> httpx.Response:
    """A token request authenticated with client_secret_basic."""
    return await caller.http.post(
        "/oauth/token", data=form, auth=(caller.client_id, caller.client_secret)
    )


def assert_no_store(response: httpx.Response) -> None:
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Pragma"] == "no-cache"


def assert_unauthenticated(response: httpx.Response) -> None:
    assert response.status_code == 401
    assert response.json() == UNAUTHENTICATED
    assert response.headers["WWW-Authenticate"] == BEARER_CHALLENGE


@dataclass
class WebApp:
    """An API client with a registered redirect URI, and a person of its tenant who signs in."""

    caller: Caller
    email: str
    password: str = PASSWORD
    redirect_uri: str = REDIRECT_URI

    def params(self, challenge: str, **overrides: str) -> dict[str, str]:
        params = {
            "response_type": "code",
            "client_id": self.caller.client_id,
            "redirect_uri": self.redirect_uri,
            "scope": "read write",
            "state": "st-42",
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        }
        params.update(overrides)
        return params

    async def csrf_token(self) -> str:
        """The browser's CSRF token: set by the first consent page it was shown."""
        token = self.caller.http.cookies.get(CSRF_COOKIE)
        if token is None:
            page = await self.caller.http.get("/oauth/authorize", params=self.params(PKCE_SAMPLE))
            assert page.status_code == 200, page.text
            token = self.caller.http.cookies[CSRF_COOKIE]
        return token

    async def sign_in(self, challenge: str, **overrides: str) -> httpx.Response:
        form = {
            "email": self.email,
            "password": self.password,
            "decision": "allow",
            "csrf_token": await self.csrf_token(),
            **self.params(challenge),
        }
        form.update(overrides)
        return await self.caller.http.post("/oauth/authorize", data=form)

    async def code(self, challenge: str, **overrides: str) -> str:
        response = await self.sign_in(challenge, **overrides)
        assert response.status_code == 302, response.text
        return redirect_query(response, self.redirect_uri)["code"]

    async def exchange(
        self, code: str, verifier: str | None, *, caller: Caller | None = None, **overrides: str
    ) -> httpx.Response:
        form = {"grant_type": "authorization_code", "code": code, "redirect_uri": self.redirect_uri}
        if verifier is not None:
            form["code_verifier"] = verifier
        form.update(overrides)
        return await request_token(caller or self.caller, **form)

    async def tokens(self, scope: str = "read write") -> dict[str, Any]:
        verifier, challenge = pkce_pair()
        response = await self.exchange(await self.code(challenge, scope=scope), verifier)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    async def refresh(
        self, refresh_token: str, *, caller: Caller | None = None, **form: str
    ) -> httpx.Response:
        return await request_token(
            caller or self.caller, grant_type="refresh_token", refresh_token=refresh_token, **form
        )


def redirect_query(response: httpx.Response, redirect_uri: str = REDIRECT_URI) -> dict[str, str]:
    """The query of a redirect back to the client, after checking it goes where it should."""
    location = urlsplit(response.headers["Location"])
    expected = urlsplit(redirect_uri)
    assert (location.scheme, location.netloc, location.path) == (
        expected.scheme,
        expected.netloc,
        expected.path,
    )
    query = parse_qs(location.query, keep_blank_values=True, strict_parsing=True)
    assert all(len(values) == 1 for values in query.values()), query
    return {name: values[0] for name, values in query.items()}


async def add_user(db: Database, tenant_id: int, *, password: str = PASSWORD) -> str:
    email = f"user-{uuid.uuid4().hex[:8]}@example.com"
    async with db.write_session() as session:
        await create_user(
            session=session, tenant_id=tenant_id, email=email, name="Alice", password=password
        )
    return email


async def new_web_app(
    clients: ApiClientFactory,
    db: Database,
    *,
    redirect_uri: str = REDIRECT_URI,
    scopes: tuple[str, ...] = ("read", "write", "admin"),
) -> WebApp:
    caller = await clients.new(scopes=scopes, redirect_uris=(redirect_uri,), with_token=False)
    return WebApp(caller, await add_user(db, caller.tenant_id), redirect_uri=redirect_uri)


@pytest.fixture
async def web_app(clients: ApiClientFactory, db: Database) -> WebApp:
    return await new_web_app(clients, db)


@pytest.fixture
async def short_lived_http(database_url: str) -> AsyncIterator[httpx.AsyncClient]:
    """A second app on the same database whose tokens and codes live for one second."""
    app = create_app(
        make_settings(
            database_url, access_token_lifetime_seconds=1, authorization_code_lifetime_seconds=1
        )
    )
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://clarus.test") as client:
            yield client
    finally:
        await app.state.db.dispose()


# Client credentials


async def test_client_credentials_with_basic_auth(clients: ApiClientFactory) -> None:
    caller = await clients.new(with_token=False)
    response = await request_token(caller, grant_type="client_credentials")
    assert response.status_code == 200
    assert_no_store(response)
    body = response.json()
    assert set(body) == {"access_token", "token_type", "expires_in", "scope"}
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 3600
    assert body["scope"] == "read write admin"
    created = await create_account(caller.http, body["access_token"], caller.subdomain)
    assert created.status_code == 200, created.text
    listed = await list_accounts(caller.http, body["access_token"], caller.subdomain)
    assert without_cost(listed.json()) == {
        "data": {
            "accounts": {"all": {"edges": [{"node": {"id": str(created.json()["data"]["id"])}}]}}
        }
    }


async def test_client_credentials_with_post_auth(clients: ApiClientFactory) -> None:
    caller = await clients.new(with_token=False)
    response = await caller.http.post(
        "/oauth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": caller.client_id,
            "client_secret": caller.client_secret,
            "scope": "write",
        },
    )
    assert response.status_code == 200
    assert_no_store(response)
    body = response.json()
    assert (body["token_type"], body["expires_in"], body["scope"]) == ("Bearer", 3600, "write")
    created = await create_account(caller.http, body["access_token"], caller.subdomain)
    assert created.status_code == 200, created.text


async def test_token_request_may_be_a_json_body(clients: ApiClientFactory) -> None:
    caller = await clients.new(with_token=False)
    response = await caller.http.post(
        "/oauth/token",
        json={
            "grant_type": "client_credentials",
            "client_id": caller.client_id,
            "client_secret": caller.client_secret,
            "scope": "read",
        },
    )
    assert response.status_code == 200
    assert response.json()["scope"] == "read"


async def chunks(body: bytes, size: int = 4096) -> AsyncIterator[bytes]:
    for start in range(0, len(body), size):
        yield body[start : start + size]


@pytest.mark.parametrize("chunked", [False, True])
@pytest.mark.parametrize("nesting", ["[" * 100_000, '{"a":' * 50_000])
async def test_deeply_nested_json_is_invalid_request(
    http: httpx.AsyncClient, chunked: bool, nesting: str
) -> None:
    body = nesting.encode()
    response = await http.post(
        "/oauth/token",
        content=chunks(body) if chunked else body,
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json() == oauth_error("invalid_request", "The body is not valid JSON.")
    assert_no_store(response)


async def test_a_json_parameter_that_is_no_string_is_invalid_request(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new(with_token=False)
    response = await caller.http.post(
        "/oauth/token",
        json={
            "grant_type": "client_credentials",
            "client_id": caller.client_id,
            "client_secret": caller.client_secret,
            "scope": [[["read"]]],
        },
    )
    assert response.status_code == 400
    assert response.json() == oauth_error("invalid_request", "scope must be a string.")


async def test_a_multipart_token_request_reads_its_fields_and_ignores_files(
    clients: ApiClientFactory,
) -> None:
    """A file part is never an OAuth value; its spooled file is closed with the request (an
    unclosed one is a `ResourceWarning`, an error here)."""
    caller = await clients.new(with_token=False)
    response = await caller.http.post(
        "/oauth/token",
        data={"grant_type": "client_credentials", "scope": "read"},
        files={"client_id": ("id.txt", caller.client_id.encode()), "extra": ("x", b"x" * 10)},
        auth=(caller.client_id, caller.client_secret),
    )
    assert response.status_code == 200, response.text
    assert response.json()["scope"] == "read"


async def test_a_multipart_sign_in_reads_its_fields_and_ignores_files(web_app: WebApp) -> None:
    _verifier, challenge = pkce_pair()
    form = {
        "email": web_app.email,
        "password": web_app.password,
        "decision": "allow",
        "csrf_token": await web_app.csrf_token(),
        **web_app.params(challenge),
    }
    decision = await web_app.caller.http.post(
        "/oauth/authorize", data=form, files={"attachment": ("a.txt", b"x")}
    )
    assert decision.status_code == 302, decision.text
    assert set(redirect_query(decision)) == {"code", "state"}


async def test_every_token_is_new_and_each_works(clients: ApiClientFactory) -> None:
    caller = await clients.new(with_token=False)
    first, second = await caller.fetch_token(), await caller.fetch_token()
    assert first != second
    for token in (first, second):
        response = await create_account(caller.http, token, caller.subdomain)
        assert response.status_code == 200


async def test_a_wrong_secret_is_invalid_client_with_a_basic_challenge(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new(with_token=False)
    response = await caller.http.post(
        "/oauth/token",
        data={"grant_type": "client_credentials"},
        auth=(caller.client_id, caller.client_secret + "x"),
    )
    assert response.status_code == 401
    assert response.json() == oauth_error("invalid_client", "Client authentication failed.")
    assert response.headers["WWW-Authenticate"] == 'Basic realm="clarus"'
    assert_no_store(response)


async def test_an_unknown_client_is_invalid_client(http: httpx.AsyncClient) -> None:
    basic = await http.post(
        "/oauth/token",
        data={"grant_type": "client_credentials"},
        auth=("cl_unknown", "cs_whatever"),
    )
    posted = await http.post(
        "/oauth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": "cl_unknown",
            "client_secret": "cs_whatever",
        },
    )
    assert basic.status_code == posted.status_code == 401
    assert (
        basic.json()
        == posted.json()
        == oauth_error("invalid_client", "Client authentication failed.")
    )
    assert basic.headers["WWW-Authenticate"] == 'Basic realm="clarus"'
    assert "WWW-Authenticate" not in posted.headers


async def test_a_wrong_secret_posted_is_invalid_client(clients: ApiClientFactory) -> None:
    caller = await clients.new(with_token=False)
    response = await caller.http.post(
        "/oauth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": caller.client_id,
            "client_secret": "cs_wrong",
        },
    )
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"
    assert "WWW-Authenticate" not in response.headers


async def test_no_client_authentication_is_invalid_client(http: httpx.AsyncClient) -> None:
    response = await http.post("/oauth/token", data={"grant_type": "client_credentials"})
    assert response.status_code == 401
    assert response.json() == oauth_error("invalid_client", "Client authentication failed.")


@pytest.mark.parametrize("client_id", ["cl_\x00", "x" * 500])
async def test_an_impossible_client_id_is_invalid_client(
    http: httpx.AsyncClient, client_id: str
) -> None:
    basic = await http.post(
        "/oauth/token",
        data={"grant_type": "client_credentials"},
        headers={
            "Authorization": "Basic " + base64.b64encode(f"{client_id}:cs_x".encode()).decode()
        },
    )
    posted = await http.post(
        "/oauth/token",
        data={"grant_type": "client_credentials", "client_id": client_id, "client_secret": "cs_x"},
    )
    revoked = await http.post(
        "/oauth/revoke", data={"token": "at_x", "client_id": client_id, "client_secret": "cs_x"}
    )
    for response in (basic, posted, revoked):
        assert response.status_code == 401
        assert response.json() == oauth_error("invalid_client", "Client authentication failed.")


NO_COLON = base64.b64encode(b"no-colon").decode()


@pytest.mark.parametrize("credentials", ["!!!not base64!!!", NO_COLON])
async def test_a_malformed_basic_header_is_invalid_client(
    http: httpx.AsyncClient, credentials: str
) -> None:
    response = await http.post(
        "/oauth/token",
        data={"grant_type": "client_credentials"},
        headers={"Authorization": f"Basic {credentials}"},
    )
    assert response.status_code == 401
    assert response.json() == oauth_error("invalid_client", "Client authentication failed.")
    assert response.headers["WWW-Authenticate"] == 'Basic realm="clarus"'


async def test_basic_and_post_authentication_at_once_is_invalid_request(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new(with_token=False)
    response = await request_token(
        caller,
        grant_type="client_credentials",
        client_id=caller.client_id,
        client_secret=caller.client_secret,
    )
    assert response.status_code == 400
    assert response.json() == oauth_error(
        "invalid_request", "Use one client authentication method, not two."
    )


async def test_a_missing_grant_type_is_invalid_request(clients: ApiClientFactory) -> None:
    caller = await clients.new(with_token=False)
    response = await request_token(caller, scope="read")
    assert response.status_code == 400
    assert response.json() == oauth_error("invalid_request", "grant_type is required.")
    assert_no_store(response)


async def test_the_password_grant_is_unsupported(clients: ApiClientFactory) -> None:
    caller = await clients.new(with_token=False)
    response = await request_token(caller, grant_type="password", username="a", password="b")
    assert response.status_code == 400
    assert response.json() == oauth_error(
        "unsupported_grant_type", "The grant type 'password' is not supported."
    )


async def test_an_unknown_scope_is_invalid_scope(clients: ApiClientFactory) -> None:
    caller = await clients.new(with_token=False)
    response = await request_token(caller, grant_type="client_credentials", scope="read bogus")
    assert response.status_code == 400
    assert response.json() == oauth_error("invalid_scope", "Unknown scopes: bogus.")


async def test_a_scope_beyond_the_clients_is_invalid_scope(clients: ApiClientFactory) -> None:
    caller = await clients.new(scopes=("read",), with_token=False)
    response = await request_token(caller, grant_type="client_credentials", scope="write")
    assert response.status_code == 400
    assert response.json() == oauth_error(
        "invalid_scope", "The requested scopes exceed those granted to the client."
    )


async def test_a_limited_client_gets_its_own_scopes_by_default(clients: ApiClientFactory) -> None:
    caller = await clients.new(scopes=("read",), with_token=False)
    response = await request_token(caller, grant_type="client_credentials")
    assert response.status_code == 200
    assert response.json()["scope"] == "read"


async def test_a_read_token_reads_graphql_but_cannot_write(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    account = await caller.create_account()
    read_token = (
        await request_token(caller, grant_type="client_credentials", scope="read")
    ).json()["access_token"]
    refused = await create_account(caller.http, read_token, caller.subdomain)
    assert refused.status_code == 403
    assert refused.json() == insufficient_scope("write")
    listed = await list_accounts(caller.http, read_token, caller.subdomain)
    assert listed.status_code == 200
    assert without_cost(listed.json()) == {
        "data": {"accounts": {"all": {"edges": [{"node": {"id": str(account["id"])}}]}}}
    }


async def test_a_write_token_cannot_read_graphql(clients: ApiClientFactory) -> None:
    caller = await clients.new(with_token=False)
    write_token = await caller.fetch_token(scope="write")
    refused = await list_accounts(caller.http, write_token, caller.subdomain)
    assert refused.status_code == 403
    assert refused.json() == insufficient_scope("read")


# Authorization code with PKCE


async def test_authorization_code_flow_end_to_end(web_app: WebApp) -> None:
    http = web_app.caller.http
    verifier, challenge = pkce_pair()
    page = await http.get("/oauth/authorize", params=web_app.params(challenge))
    assert page.status_code == 200
    assert page.headers["Content-Type"].startswith("text/html")
    assert page.headers["Cache-Control"] == "no-store"
    assert page.headers["X-Frame-Options"] == "DENY"
    assert "tests wants to use your Clarus account" in page.text
    assert f"<strong>{web_app.caller.subdomain}</strong>" in page.text
    assert "<li>Read records through GraphQL</li>" in page.text
    assert "Manage users" not in page.text
    assert f'name="code_challenge" value="{challenge}"' in page.text

    decision = await web_app.sign_in(challenge)
    assert decision.status_code == 302
    query = redirect_query(decision)
    assert set(query) == {"code", "state"}
    assert query["state"] == "st-42"

    exchanged = await web_app.exchange(query["code"], verifier)
    assert exchanged.status_code == 200, exchanged.text
    assert_no_store(exchanged)
    tokens = exchanged.json()
    assert set(tokens) == {"access_token", "token_type", "expires_in", "scope", "refresh_token"}
    assert (tokens["token_type"], tokens["expires_in"], tokens["scope"]) == (
        "Bearer",
        3600,
        "read write",
    )
    assert tokens["access_token"] != tokens["refresh_token"]
    created = await create_account(http, tokens["access_token"], web_app.caller.subdomain)
    assert created.status_code == 200, created.text
    listed = await list_accounts(http, tokens["access_token"], web_app.caller.subdomain)
    assert listed.status_code == 200


async def test_the_consent_page_escapes_the_client_name(
    http: httpx.AsyncClient, db: Database
) -> None:
    async with db.write_session() as session:
        tenant = await create_tenant(
            session=session, subdomain=f"t-{uuid.uuid4().hex[:12]}", company_name="Escapes"
        )
        issued = await create_api_client(
            session=session, tenant=tenant, name="<b>Acme & Co</b>", redirect_uris=(REDIRECT_URI,)
        )
    _, challenge = pkce_pair()
    page = await http.get(
        "/oauth/authorize",
        params={
            "response_type": "code",
            "client_id": issued.client.client_id,
            "redirect_uri": REDIRECT_URI,
            "code_challenge": challenge,
            "code_challenge_method": "S256",
            "state": '"><script>x</script>',
        },
    )
    assert page.status_code == 200
    assert "&lt;b&gt;Acme &amp; Co&lt;/b&gt; wants to use" in page.text
    assert "<script>x" not in page.text
    assert "<li>Manage users, roles, API clients, automations and tenant settings</li>" in page.text


async def test_a_code_for_the_read_scope_gives_a_read_token(web_app: WebApp) -> None:
    tokens = await web_app.tokens(scope="read")
    assert tokens["scope"] == "read"
    subdomain = web_app.caller.subdomain
    refused = await create_account(web_app.caller.http, tokens["access_token"], subdomain)
    assert refused.status_code == 403
    listed = await list_accounts(web_app.caller.http, tokens["access_token"], subdomain)
    assert listed.status_code == 200


async def test_a_wrong_code_verifier_fails_and_burns_the_code(web_app: WebApp) -> None:
    verifier, challenge = pkce_pair()
    code = await web_app.code(challenge)
    wrong = await web_app.exchange(code, pkce_pair()[0])
    assert wrong.status_code == 400
    assert wrong.json() == oauth_error(
        "invalid_grant", "The PKCE code_verifier does not match the code_challenge."
    )
    assert_no_store(wrong)
    retried = await web_app.exchange(code, verifier)
    assert retried.status_code == 400
    assert retried.json() == oauth_error(
        "invalid_grant", "The authorization code was already used."
    )


@pytest.mark.parametrize(
    "verifier",
    [
        pytest.param("é" * 50, id="not-ascii"),
        pytest.param("short-but-its-own-challenge", id="too-short"),
        pytest.param("a" * 129, id="too-long"),
        pytest.param("a" * 42 + "+/", id="reserved-characters"),
    ],
)
async def test_a_malformed_code_verifier_is_invalid_grant(web_app: WebApp, verifier: str) -> None:
    """A verifier is 43 to 128 unreserved characters, even one whose S256 is the challenge."""
    digest = hashlib.sha256(verifier.encode()).digest()
    challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    code = await web_app.code(challenge)
    response = await web_app.exchange(code, verifier)
    assert response.status_code == 400
    assert response.json() == oauth_error(
        "invalid_grant", "The PKCE code_verifier does not match the code_challenge."
    )
    assert (await web_app.exchange(code, verifier)).json()["error_description"] == (
        "The authorization code was already used."
    )


async def test_a_code_is_single_use_and_its_reuse_revokes_its_tokens(web_app: WebApp) -> None:
    verifier, challenge = pkce_pair()
    code = await web_app.code(challenge)
    first = await web_app.exchange(code, verifier)
    assert first.status_code == 200
    again = await web_app.exchange(code, verifier)
    assert again.status_code == 400
    assert again.json() == oauth_error("invalid_grant", "The authorization code was already used.")
    tokens = first.json()
    assert_unauthenticated(
        await create_account(web_app.caller.http, tokens["access_token"], web_app.caller.subdomain)
    )
    refreshed = await web_app.refresh(tokens["refresh_token"])
    assert refreshed.status_code == 400
    assert refreshed.json()["error"] == "invalid_grant"


async def test_a_code_exchanged_twice_at_once_gives_one_token(web_app: WebApp) -> None:
    verifier, challenge = pkce_pair()
    code = await web_app.code(challenge)
    responses = await asyncio.gather(*(web_app.exchange(code, verifier) for _ in range(2)))
    assert sorted(response.status_code for response in responses) == [200, 400]


async def test_a_different_redirect_uri_at_exchange_is_invalid_grant(web_app: WebApp) -> None:
    verifier, challenge = pkce_pair()
    code = await web_app.code(challenge)
    response = await web_app.exchange(code, verifier, redirect_uri="https://app.example.com/other")
    assert response.status_code == 400
    assert response.json() == oauth_error(
        "invalid_grant", "redirect_uri does not match the authorization request."
    )
    assert (await web_app.exchange(code, verifier)).status_code == 400


async def test_an_exchange_without_code_verifier_is_invalid_request(web_app: WebApp) -> None:
    code = await web_app.code(pkce_pair()[1])
    response = await web_app.exchange(code, None)
    assert response.status_code == 400
    assert response.json() == oauth_error(
        "invalid_request", "code_verifier is required (PKCE S256)."
    )


async def test_an_unknown_code_is_invalid_grant(web_app: WebApp) -> None:
    response = await web_app.exchange("ac_unknown", pkce_pair()[0])
    assert response.status_code == 400
    assert response.json() == oauth_error("invalid_grant", "The authorization code is invalid.")


async def test_another_clients_code_is_invalid_grant(
    web_app: WebApp, clients: ApiClientFactory
) -> None:
    other = await clients.new(redirect_uris=(REDIRECT_URI,), with_token=False)
    verifier, challenge = pkce_pair()
    code = await web_app.code(challenge)
    response = await web_app.exchange(code, verifier, caller=other)
    assert response.status_code == 400
    assert response.json() == oauth_error("invalid_grant", "The authorization code is invalid.")


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize(
    "pkce",
    [
        pytest.param({"code_challenge": ""}, id="no-challenge"),
        pytest.param({"code_challenge_method": "plain"}, id="plain"),
        pytest.param({"code_challenge_method": ""}, id="no-method"),
    ],
)
async def test_authorize_requires_pkce_s256(
    web_app: WebApp, method: str, pkce: dict[str, str]
) -> None:
    params = web_app.params(pkce_pair()[1], **pkce)
    params = {name: value for name, value in params.items() if value}
    response = await send_authorize(web_app, method, params)
    assert response.status_code == 302
    assert redirect_query(response) == {
        "error": "invalid_request",
        "error_description": PKCE_REQUIRED,
        "state": "st-42",
    }


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize(
    "challenge",
    [
        pytest.param("x" * 200, id="too-long"),
        pytest.param("x" * 42, id="too-short"),
        pytest.param("x" * 42 + "=", id="padded"),
        pytest.param("x" * 42 + "+", id="not-base64url"),
        pytest.param("x" * 42 + "\x00", id="nul"),
    ],
)
async def test_authorize_refuses_a_malformed_code_challenge(
    web_app: WebApp, method: str, challenge: str
) -> None:
    response = await send_authorize(web_app, method, web_app.params(challenge))
    assert response.status_code == 302
    assert redirect_query(response) == {
        "error": "invalid_request",
        "error_description": "code_challenge must be the base64url SHA-256 of the code_verifier.",
        "state": "st-42",
    }


async def send_authorize(web_app: WebApp, method: str, params: dict[str, str]) -> httpx.Response:
    if method == "GET":
        return await web_app.caller.http.get("/oauth/authorize", params=params)
    form = {
        "email": web_app.email,
        "password": web_app.password,
        "decision": "allow",
        "csrf_token": await web_app.csrf_token(),
        **params,
    }
    return await web_app.caller.http.post("/oauth/authorize", data=form)


@pytest.mark.parametrize("method", ["GET", "POST"])
async def test_authorize_refuses_other_response_types(web_app: WebApp, method: str) -> None:
    params = web_app.params(pkce_pair()[1], response_type="token")
    response = await send_authorize(web_app, method, params)
    assert response.status_code == 302
    assert redirect_query(response) == {"error": "unsupported_response_type", "state": "st-42"}


@pytest.mark.parametrize("scope", ["read bogus", "admin"])
async def test_authorize_refuses_scopes_beyond_the_clients(
    clients: ApiClientFactory, db: Database, scope: str
) -> None:
    web_app = await new_web_app(clients, db, scopes=("read", "write"))
    response = await send_authorize(web_app, "GET", web_app.params(pkce_pair()[1], scope=scope))
    assert response.status_code == 302
    assert redirect_query(response) == {"error": "invalid_scope", "state": "st-42"}


@pytest.mark.parametrize("method", ["GET", "POST"])
async def test_an_unregistered_redirect_uri_gets_a_page_and_no_redirect(
    web_app: WebApp, method: str
) -> None:
    params = web_app.params(pkce_pair()[1], redirect_uri="https://evil.example.com/callback")
    response = await send_authorize(web_app, method, params)
    assert response.status_code == 400
    assert "Location" not in response.headers
    assert "The redirect_uri is not registered for this client." in response.text
    assert "evil.example.com" not in response.text


@pytest.mark.parametrize("client_id", ["cl_unknown", "", "cl_\x00"])
async def test_an_unknown_client_gets_a_page_and_no_redirect(
    web_app: WebApp, client_id: str
) -> None:
    params = web_app.params(pkce_pair()[1], client_id=client_id)
    response = await send_authorize(web_app, "GET", params)
    assert response.status_code == 400
    assert "Location" not in response.headers
    assert "Unknown client." in response.text


async def test_a_wrong_password_shows_the_page_again(web_app: WebApp) -> None:
    response = await web_app.sign_in(pkce_pair()[1], password="wrong password")
    assert response.status_code == 401
    assert "Location" not in response.headers
    assert '<p class="error" role="alert">Wrong email or password.</p>' in response.text
    assert f'value="{web_app.email}"' in response.text
    assert "wrong password" not in response.text


@pytest.mark.parametrize("email", ["nobody@example.com", "user\x00@example.com", ""])
async def test_an_unknown_email_shows_the_page_again(web_app: WebApp, email: str) -> None:
    response = await web_app.sign_in(pkce_pair()[1], email=email)
    assert response.status_code == 401
    assert "Location" not in response.headers
    assert "Wrong email or password." in response.text


async def test_a_person_of_another_tenant_cannot_sign_in(
    web_app: WebApp, clients: ApiClientFactory, db: Database
) -> None:
    other = await new_web_app(clients, db)
    response = await web_app.sign_in(pkce_pair()[1], email=other.email)
    assert response.status_code == 401
    assert "Wrong email or password." in response.text


async def test_an_api_user_cannot_sign_in(web_app: WebApp) -> None:
    api_user_email = f"{web_app.caller.client_id}@api.clarus.invalid"
    response = await web_app.sign_in(pkce_pair()[1], email=api_user_email, password="")
    assert response.status_code == 401


async def test_denying_redirects_with_access_denied(web_app: WebApp) -> None:
    response = await web_app.sign_in(pkce_pair()[1], decision="deny", password="")
    assert response.status_code == 302
    assert redirect_query(response) == {"error": "access_denied", "state": "st-42"}


async def test_the_state_comes_back_verbatim(web_app: WebApp) -> None:
    state = "a b&c=d/é?"
    response = await web_app.sign_in(pkce_pair()[1], state=state)
    assert response.status_code == 302
    assert redirect_query(response)["state"] == state


async def test_without_a_state_none_comes_back(web_app: WebApp) -> None:
    allowed = await web_app.sign_in(pkce_pair()[1], state="")
    denied = await web_app.sign_in(pkce_pair()[1], state="", decision="deny")
    assert set(redirect_query(allowed)) == {"code"}
    assert redirect_query(denied) == {"error": "access_denied"}


async def test_a_redirect_uri_with_a_query_keeps_it(
    clients: ApiClientFactory, db: Database
) -> None:
    redirect_uri = "https://app.example.com/callback?tenant=7"
    web_app = await new_web_app(clients, db, redirect_uri=redirect_uri)
    verifier, challenge = pkce_pair()
    response = await web_app.sign_in(challenge)
    assert response.status_code == 302
    query = redirect_query(response, redirect_uri)
    assert query["tenant"] == "7"
    assert (await web_app.exchange(query["code"], verifier)).status_code == 200


# Refresh tokens


async def test_a_refresh_rotates_both_tokens(web_app: WebApp) -> None:
    http, subdomain = web_app.caller.http, web_app.caller.subdomain
    first = await web_app.tokens()
    refreshed = await web_app.refresh(first["refresh_token"])
    assert refreshed.status_code == 200, refreshed.text
    assert_no_store(refreshed)
    second = refreshed.json()
    assert set(second) == {"access_token", "token_type", "expires_in", "scope", "refresh_token"}
    assert second["scope"] == "read write"
    assert second["access_token"] != first["access_token"]
    assert second["refresh_token"] != first["refresh_token"]

    assert (await create_account(http, second["access_token"], subdomain)).status_code == 200
    third = await web_app.refresh(second["refresh_token"])
    assert third.status_code == 200


async def test_replaying_a_rotated_refresh_token_revokes_what_it_led_to(
    web_app: WebApp,
) -> None:
    """A used refresh token coming back means it leaked: the grants it led to are revoked."""
    http, subdomain = web_app.caller.http, web_app.caller.subdomain
    first = await web_app.tokens()
    second = (await web_app.refresh(first["refresh_token"])).json()
    replayed = await web_app.refresh(first["refresh_token"])
    assert replayed.status_code == 400
    assert replayed.json() == oauth_error(
        "invalid_grant", "The refresh token was revoked or already used."
    )
    assert (await create_account(http, second["access_token"], subdomain)).status_code == 401
    assert (await web_app.refresh(second["refresh_token"])).status_code == 400


async def test_a_refresh_may_narrow_the_scopes(web_app: WebApp) -> None:
    http, subdomain = web_app.caller.http, web_app.caller.subdomain
    tokens = await web_app.tokens()
    refreshed = await web_app.refresh(tokens["refresh_token"], scope="read")
    assert refreshed.status_code == 200
    narrow = refreshed.json()
    assert narrow["scope"] == "read"
    assert (await create_account(http, narrow["access_token"], subdomain)).status_code == 403
    assert (await list_accounts(http, narrow["access_token"], subdomain)).status_code == 200
    widened = await web_app.refresh(narrow["refresh_token"], scope="read write")
    assert widened.status_code == 400
    assert widened.json()["error"] == "invalid_scope"


async def test_a_refresh_may_not_widen_the_scopes(web_app: WebApp) -> None:
    tokens = await web_app.tokens(scope="read")
    widened = await web_app.refresh(tokens["refresh_token"], scope="read write")
    assert widened.status_code == 400
    assert widened.json() == oauth_error(
        "invalid_scope", "The requested scopes exceed those granted to the client."
    )
    unchanged = await web_app.refresh(tokens["refresh_token"])
    assert unchanged.status_code == 200
    assert unchanged.json()["scope"] == "read"


async def test_a_refresh_token_of_another_client_is_invalid_grant(
    web_app: WebApp, clients: ApiClientFactory
) -> None:
    tokens = await web_app.tokens()
    other = await clients.new(with_token=False)
    response = await web_app.refresh(tokens["refresh_token"], caller=other)
    assert response.status_code == 400
    assert response.json() == oauth_error("invalid_grant", "The refresh token is invalid.")
    assert (await web_app.refresh(tokens["refresh_token"])).status_code == 200


async def test_an_access_token_is_no_refresh_token(web_app: WebApp) -> None:
    tokens = await web_app.tokens()
    response = await web_app.refresh(tokens["access_token"])
    assert response.status_code == 400
    assert response.json() == oauth_error("invalid_grant", "The refresh token is invalid.")


async def test_a_refresh_token_used_twice_at_once_gives_one_token(web_app: WebApp) -> None:
    tokens = await web_app.tokens()
    responses = await asyncio.gather(*(web_app.refresh(tokens["refresh_token"]) for _ in range(2)))
    assert sorted(response.status_code for response in responses) == [200, 400]


# Revocation (RFC 7009)


async def revoke(caller: Caller, token: str) -> httpx.Response:
    return await caller.http.post(
        "/oauth/revoke", data={"token": token}, auth=(caller.client_id, caller.client_secret)
    )


async def test_a_revoked_access_token_is_refused(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    assert (await create_account(caller.http, caller.token, caller.subdomain)).status_code == 200
    response = await revoke(caller, caller.token)
    assert response.status_code == 200
    assert response.content == b""
    assert_no_store(response)
    refused = await create_account(caller.http, caller.token, caller.subdomain)
    assert refused.status_code == 401
    assert refused.json() == {"error": "Invalid or expired access token, or unknown subdomain."}
    assert_unauthenticated(await list_accounts(caller.http, caller.token, caller.subdomain))
    assert (await revoke(caller, caller.token)).status_code == 200


async def test_revoking_an_unknown_token_succeeds(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    response = await revoke(caller, "at_never_issued")
    assert response.status_code == 200
    assert (await create_account(caller.http, caller.token, caller.subdomain)).status_code == 200


async def test_a_revoked_refresh_token_cannot_refresh(web_app: WebApp) -> None:
    tokens = await web_app.tokens()
    assert (await revoke(web_app.caller, tokens["refresh_token"])).status_code == 200
    response = await web_app.refresh(tokens["refresh_token"])
    assert response.status_code == 400
    assert response.json() == oauth_error(
        "invalid_grant", "The refresh token was revoked or already used."
    )
    assert_unauthenticated(
        await create_account(web_app.caller.http, tokens["access_token"], web_app.caller.subdomain)
    )


async def test_a_client_cannot_revoke_another_clients_token(clients: ApiClientFactory) -> None:
    owner, other = await clients.new(), await clients.new()
    assert (await revoke(other, owner.token)).status_code == 200
    assert (await create_account(owner.http, owner.token, owner.subdomain)).status_code == 200


async def test_revoking_needs_client_authentication(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    response = await caller.http.post(
        "/oauth/revoke", data={"token": caller.token}, auth=(caller.client_id, "cs_wrong")
    )
    assert response.status_code == 401
    assert response.json() == oauth_error("invalid_client", "Client authentication failed.")
    assert response.headers["WWW-Authenticate"] == 'Basic realm="clarus"'
    anonymous = await caller.http.post("/oauth/revoke", data={"token": caller.token})
    assert anonymous.status_code == 401
    assert (await create_account(caller.http, caller.token, caller.subdomain)).status_code == 200


async def test_revoking_needs_a_token(clients: ApiClientFactory) -> None:
    caller = await clients.new(with_token=False)
    response = await caller.http.post(
        "/oauth/revoke", data={}, auth=(caller.client_id, caller.client_secret)
    )
    assert response.status_code == 400
    assert response.json() == oauth_error("invalid_request", "token is required.")


# Expiry


async def test_an_expired_access_token_is_refused(
    clients: ApiClientFactory, short_lived_http: httpx.AsyncClient
) -> None:
    caller = dataclasses.replace(await clients.new(with_token=False), http=short_lived_http)
    response = await request_token(caller, grant_type="client_credentials")
    assert response.status_code == 200
    assert response.json()["expires_in"] == 1
    token = response.json()["access_token"]
    assert (await create_account(short_lived_http, token, caller.subdomain)).status_code == 200
    await asyncio.sleep(1.2)
    assert_unauthenticated(await create_account(short_lived_http, token, caller.subdomain))
    assert_unauthenticated(await list_accounts(short_lived_http, token, caller.subdomain))


async def test_expired_codes_are_refused_and_refresh_outlives_its_access_token(
    web_app: WebApp, short_lived_http: httpx.AsyncClient
) -> None:
    short = dataclasses.replace(
        web_app, caller=dataclasses.replace(web_app.caller, http=short_lived_http)
    )
    tokens = await short.tokens()
    verifier, challenge = pkce_pair()
    code = await short.code(challenge)
    await asyncio.sleep(1.2)
    subdomain = short.caller.subdomain
    assert_unauthenticated(
        await create_account(short_lived_http, tokens["access_token"], subdomain)
    )
    expired = await short.exchange(code, verifier)
    assert expired.status_code == 400
    assert expired.json() == oauth_error("invalid_grant", "The authorization code has expired.")
    refreshed = await short.refresh(tokens["refresh_token"])
    assert refreshed.status_code == 200
    renewed = refreshed.json()["access_token"]
    assert (await create_account(short_lived_http, renewed, subdomain)).status_code == 200


# Refusals of the API


async def test_every_unauthenticated_request_gets_the_same_401(
    clients: ApiClientFactory, short_lived_http: httpx.AsyncClient
) -> None:
    tenant_a, tenant_b = await clients.new(), await clients.new()
    expiring = dataclasses.replace(tenant_a, http=short_lived_http)
    expired_token = await expiring.fetch_token()
    await asyncio.sleep(1.2)
    http = tenant_a.http
    attempts = {
        "unknown subdomain": api_headers(tenant_a.token, f"t-{uuid.uuid4().hex[:12]}"),
        "impossible subdomain": api_headers(tenant_a.token, "no_such.tenant!"),
        "subdomain with a NUL": api_headers(tenant_a.token, f"{tenant_a.subdomain}\x00"),
        "another tenant's subdomain": api_headers(tenant_a.token, tenant_b.subdomain),
        "garbage token": api_headers("at_garbage", tenant_a.subdomain),
        "expired token": api_headers(expired_token, tenant_a.subdomain),
        "no authorization": {"X-Clarus-Subdomain": tenant_a.subdomain},
        "empty bearer": {"Authorization": "Bearer ", "X-Clarus-Subdomain": tenant_a.subdomain},
        "basic scheme": {
            "Authorization": f"Basic {tenant_a.token}",
            "X-Clarus-Subdomain": tenant_a.subdomain,
        },
    }
    for case, headers in attempts.items():
        for path, body in (
            ("/api/accounts", account_body()),
            ("/graphql", {"query": ACCOUNTS_QUERY}),
        ):
            response = await http.post(path, json=body, headers=headers)
            assert response.status_code == 401, (case, path)
            assert response.content == b'{"error":"' + UNAUTHENTICATED["error"].encode() + b'"}'
            assert response.headers["WWW-Authenticate"] == BEARER_CHALLENGE, (case, path)


async def test_the_subdomain_header_ignores_case_and_spaces(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    subdomain = f"  {caller.subdomain.upper()} "
    assert (await create_account(caller.http, caller.token, subdomain)).status_code == 200


@pytest.mark.parametrize("path", ["/api/accounts", "/graphql"])
@pytest.mark.parametrize("subdomain", [None, "", "  "])
async def test_a_missing_subdomain_header_is_named(
    clients: ApiClientFactory, path: str, subdomain: str | None
) -> None:
    caller = await clients.new()
    headers = {"Authorization": f"Bearer {caller.token}"}
    if subdomain is not None:
        headers["X-Clarus-Subdomain"] = subdomain
    response = await caller.http.post(path, json={"query": ACCOUNTS_QUERY}, headers=headers)
    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {
                "code": 1040,
                "symbol": "missing_header",
                "details": "The X-Clarus-Subdomain header is required.",
                "source": None,
                "context": {
                    "header": "X-Clarus-Subdomain",
                    "pointer": "/headers/X-Clarus-Subdomain",
                },
            }
        ]
    }
