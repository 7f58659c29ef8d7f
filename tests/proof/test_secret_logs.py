"""Nothing secret reaches the logs: every logger at DEBUG while credentials go through every
place they travel (client secrets, passwords, codes, access and refresh tokens, webhook
secrets, and a database write that fails while a token is being stored)."""

from __future__ import annotations

import base64
import logging
import re
from pathlib import Path
from typing import Any

import httpx
import pytest

from clarus.auth import service as auth_service
from clarus.core.db import Database
from clarus.core.secret_box import KEY_FILE_NAME
from tests.auth.test_oauth import new_web_app, pkce_pair
from tests.cli.test_cli import wait_for_line
from tests.conformance.ours import our_document
from tests.serving import demo_server
from tests.support import ApiClientFactory
from tests.webhooks.support import automation_body


def logged(caplog: pytest.LogCaptureFixture) -> str:
    """Every message, traceback and attribute of every record."""
    return caplog.text + "".join(str(vars(record)) for record in caplog.records)


async def test_no_credential_is_ever_logged(
    app: object,
    clients: ApiClientFactory,
    db: Database,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    caplog.set_level(logging.DEBUG)
    web_app = await new_web_app(clients, db)
    caller = web_app.caller
    basic = base64.b64encode(f"{caller.client_id}:{caller.client_secret}".encode()).decode()
    secrets: list[str] = [caller.client_secret, basic, web_app.password]

    wrong = await web_app.sign_in(pkce_pair()[1], password="wrong " + web_app.password)
    assert wrong.status_code == 401
    verifier, challenge = pkce_pair()
    code = await web_app.code(challenge, scope="read write admin")
    exchanged = await web_app.exchange(code, verifier)
    assert exchanged.status_code == 200, exchanged.text
    tokens: dict[str, Any] = exchanged.json()
    refreshed = (await web_app.refresh(tokens["refresh_token"])).json()
    secrets += [code, verifier, tokens["access_token"], tokens["refresh_token"]]
    secrets += [refreshed["access_token"], refreshed["refresh_token"]]
    caller.token = refreshed["access_token"]

    created = await caller.post("/api/automations", automation_body())
    assert created.status_code == 200, created.text
    automation = created.json()["data"]
    [action] = automation["attributes"]["actions"]
    rotated = await caller.post(
        f"/api/automations/{automation['id']}/actions/{action['id']}/rotate_secret",
        {"data": {"attributes": {"overlap_seconds": 0}}},
    )
    secrets += [action["webhook_secret"], rotated.json()["data"]["attributes"]["webhook_secret"]]
    for response in (
        await caller.graphql_response("{ accounts { all { edges { node { id } } } } }"),
        await caller.post("/api/accounts", {"data": {"type": "accounts"}}),
        await caller.http.post(
            "/oauth/revoke", data={"token": tokens["access_token"]}, auth=(caller.client_id, "x")
        ),
    ):
        assert response.status_code in {200, 401, 422}, response.text

    monkeypatch.setattr(auth_service, "new_token", lambda prefix="": f"{prefix}same-every-time")
    await caller.fetch_token()
    secrets.append(caller.token)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://clarus.test") as http:
        failed = await http.post(
            "/oauth/token",
            data={"grant_type": "client_credentials"},
            auth=(caller.client_id, caller.client_secret),
        )
    assert failed.status_code == 500, failed.text
    assert any(record.exc_info for record in caplog.records)

    text = logged(caplog)
    assert [secret for secret in secrets if secret in text] == []


def test_no_operation_takes_a_credential_in_its_query() -> None:
    """The access log shows each request's path and query, so no credential may travel there:
    no documented operation has a query parameter that could be one, and the one endpoint that
    reads its query itself (`/oauth/authorize`) takes none (its code goes to the client)."""
    from clarus.api.oauth import AUTHORIZE_FIELDS

    credential = re.compile(r"token|secret|password|code$|key", re.IGNORECASE)
    names = {
        parameter["name"]
        for item in our_document()["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict)
        for parameter in operation.get("parameters", [])
        if parameter.get("in") == "query"
    }
    assert names
    assert [name for name in names | set(AUTHORIZE_FIELDS) if credential.search(name)] == []


def test_clarus_serve_logs_no_credential(tmp_path: Path) -> None:
    """The real server (`clarus serve --demo`, uvicorn's access log on): its log (standard
    error, and standard output after the demo's banner, which shows the demo client's secret
    once by design) holds the requests, and none of the client's secret, its token or a
    webhook secret."""
    with demo_server(tmp_path) as server:
        wait_for_line(server.output, "API docs:", timeout=30)
        port = int(server.base_url.rsplit(":", 1)[1])
        secrets = [
            server.client_secret,
            *served_secrets(port, server.client_id, server.client_secret),
        ]
    text = (tmp_path / "server.log").read_text() + "".join(iter(server.output.get_nowait, None))
    assert '"POST /oauth/token HTTP/1.1" 200' in text
    assert '"POST /api/automations HTTP/1.1" 200' in text
    assert "CLARUS_SECRET_KEYS is not set" in text
    assert (tmp_path / KEY_FILE_NAME).read_text().strip() not in text
    assert [secret for secret in secrets if secret in text] == []


def served_secrets(port: int, client_id: str, client_secret: str) -> list[str]:
    """Credentials sent to or shown by the server at `port`: a token, the basic auth header
    and a webhook secret."""
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", trust_env=False) as http:
        granted = http.post(
            "/oauth/token",
            data={"grant_type": "client_credentials"},
            auth=(client_id, client_secret),
        )
        assert granted.status_code == 200, granted.text
        token = granted.json()["access_token"]
        headers = {"Authorization": f"Bearer {token}", "X-Clarus-Subdomain": "demo"}
        queried = http.post(
            "/graphql",
            json={"query": "{ accounts { all { edges { node { id } } } } }"},
            headers=headers,
        )
        assert queried.status_code == 200, queried.text
        created = http.post("/api/automations", json=automation_body(), headers=headers)
        assert created.status_code == 200, created.text
        [action] = created.json()["data"]["attributes"]["actions"]
        basic = base64.b64encode(f"{client_id}:{client_secret}".encode()).decode()
        return [token, basic, action["webhook_secret"]]
