"""Every protected operation of the OpenAPI document (REST and `POST /graphql`, found by reading
the document, so new ones are covered) refuses a caller it should not serve, before doing
anything and without showing anything: no token, a made-up token, a revoked one, a token of
another tenant, and a token whose scopes do not cover the operation."""

from __future__ import annotations

import datetime as dt
import re
import socket
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update

from clarus.api.graphql.schema import schema
from clarus.auth.models import OAuthToken
from clarus.auth.scopes import Scope
from clarus.auth.secrets import token_hash
from clarus.core.db import Database, utcnow
from clarus.webhooks.directory import AutomationDirectory
from clarus.webhooks.tables import webhook_secrets
from tests.support import TEST_SECRET_BOX, ApiClientFactory, Caller, row_counts
from tests.webhooks.support import automation_body, resolving, webhook_action

PUBLIC_PREFIXES = ("/oauth", "/healthz", "/readyz")
METHODS = frozenset({"get", "post", "put", "patch", "delete"})
UNAUTHENTICATED = {"error": "Invalid or expired access token, or unknown subdomain."}


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    scopes: frozenset[str]

    def request(self, http: httpx.AsyncClient, headers: dict[str, str]) -> Any:
        body = {} if self.method in {"POST", "PATCH", "PUT"} else None
        return http.request(self.method, self.path, json=body, headers=headers)


async def protected_operations(http: httpx.AsyncClient) -> list[Operation]:
    document = (await http.get("/openapi.json")).json()
    found = []
    for path, item in document["paths"].items():
        if path.startswith(PUBLIC_PREFIXES):
            continue
        for method, operation in item.items():
            requirements = operation.get("security") if method in METHODS else None
            if not requirements:
                continue
            scopes = frozenset(requirements[0].get("BearerAuth", []))
            found.append(Operation(method.upper(), re.sub(r"\{[^}]+\}", "1", path), scopes))
    assert len(found) > 100
    return found


async def refused_with(
    operations: list[Operation], http: httpx.AsyncClient, headers: dict[str, str]
) -> dict[str, list[str]]:
    """Per answer (status, its WWW-Authenticate and body), the operations that gave it."""
    answers: dict[str, list[str]] = {}
    for operation in operations:
        response = await operation.request(http, headers)
        answer = f"{response.status_code} {response.text}"
        if challenge := response.headers.get("WWW-Authenticate"):
            answer = f"{answer} WWW-Authenticate: {challenge}"
        answers.setdefault(answer, []).append(f"{operation.method} {operation.path}")
    return answers


UNAUTHENTICATED_ANSWER = (
    f'401 {httpx.Response(200, json=UNAUTHENTICATED).text} WWW-Authenticate: Bearer realm="clarus"'
)


def only_unauthenticated(answers: dict[str, list[str]]) -> None:
    assert list(answers) == [UNAUTHENTICATED_ANSWER], {
        answer: names[:3] for answer, names in answers.items()
    }


async def expired_token(caller: Caller, db: Database) -> str:
    """A new token of the caller, its lifetime over a second ago."""
    token = await caller.fetch_token()
    async with db.write_session() as session:
        await session.execute(
            update(OAuthToken)
            .where(OAuthToken.access_token_hash == token_hash(token))
            .values(expires_at=utcnow() - dt.timedelta(seconds=1))
        )
    return token


async def test_no_token_a_made_up_an_expired_and_a_revoked_one_are_refused_alike(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    operations = await protected_operations(caller.http)
    expired = await expired_token(caller, db)
    revoked = await caller.fetch_token()
    response = await caller.http.post(
        "/oauth/revoke", data={"token": revoked}, auth=(caller.client_id, caller.client_secret)
    )
    assert response.status_code == 200
    for authorization in (
        {},
        {"Authorization": "Bearer at_made_up"},
        bearer(expired),
        bearer(revoked),
    ):
        headers = {"X-Clarus-Subdomain": caller.subdomain, **authorization}
        only_unauthenticated(await refused_with(operations, caller.http, headers))


async def test_a_token_of_one_tenant_is_refused_with_another_tenants_subdomain(
    clients: ApiClientFactory,
) -> None:
    owner, other = await clients.new(), await clients.new()
    operations = await protected_operations(owner.http)
    headers = {**bearer(owner.token), "X-Clarus-Subdomain": other.subdomain}
    only_unauthenticated(await refused_with(operations, owner.http, headers))


async def test_a_token_never_does_more_than_its_scopes(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    operations = await protected_operations(caller.http)
    for scope in Scope:
        token = await caller.fetch_token(scope.value)
        beyond = [operation for operation in operations if scope.value not in operation.scopes]
        assert beyond
        headers = {**bearer(token), "X-Clarus-Subdomain": caller.subdomain}
        answers = await refused_with(beyond, caller.http, headers)
        assert {answer.split(" ", 1)[0] for answer in answers} == {"403"}, {
            answer: names[:3] for answer, names in answers.items()
        }
        for answer in answers:
            [error] = httpx.Response(403, text=answer.split(" ", 1)[1]).json()["errors"]
            assert error["symbol"] == "insufficient_scope"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_hostile_bodies_are_refused_cleanly_by_every_operation_with_a_body(
    clients: ApiClientFactory,
) -> None:
    """A body over the limit is 413 before any route runs; JSON nested past any sane depth, or
    not JSON at all, is a 4xx in the error format, never a 500 (with a token of every scope,
    so the body is what is refused; an action that takes no body answers for its record)."""
    caller = await clients.new()
    operations = [
        operation
        for operation in await protected_operations(caller.http)
        if operation.method in {"POST", "PATCH", "PUT"}
    ]
    headers = {**caller.headers(), "Content-Type": "application/json"}
    oversized = b'{"data": "' + b"x" * 1_100_000 + b'"}'
    nested = b'{"data": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    refusals = set(range(400, 500))
    for body, allowed in ((oversized, {413}), (nested, refusals), (b"{not json", refusals)):
        statuses: dict[int, list[str]] = {}
        for operation in operations:
            response = await caller.http.request(
                operation.method, operation.path, content=body, headers=headers
            )
            statuses.setdefault(response.status_code, []).append(
                f"{operation.method} {operation.path}"
            )
            assert "errors" in response.json() or "error" in response.json()
        assert set(statuses) <= allowed, {status: names[:3] for status, names in statuses.items()}


ADMIN_ROOTS = frozenset(
    {"automations", "webhook_deliveries", "webhook_attempts", "assistant_writes"}
)
"""GraphQL roots that show webhook URLs (which may carry a receiver's credentials): like the
REST operations on automations, they need the admin scope; every other root needs read."""


def graphql_roots() -> list[str]:
    roots = list(schema._schema.query_type.fields)
    assert len(roots) > 25
    return roots


def root_query(root: str, filter_: str = "") -> str:
    arguments = f"first: 1{filter_}"
    return f"{{ {root} {{ all({arguments}) {{ edges {{ node {{ __typename }} }} }} }} }}"


async def graphql_answers(
    caller: Caller, headers: dict[str, str], roots: list[str]
) -> dict[str, list[str]]:
    """Per answer (status, WWW-Authenticate and body), the GraphQL roots that gave it."""
    answers: dict[str, list[str]] = {}
    for root in roots:
        response = await caller.http.post(
            "/graphql", json={"query": root_query(root)}, headers=headers
        )
        answer = f"{response.status_code} {response.text}"
        if challenge := response.headers.get("WWW-Authenticate"):
            answer = f"{answer} WWW-Authenticate: {challenge}"
        answers.setdefault(answer, []).append(root)
    return answers


async def test_every_graphql_root_refuses_a_caller_without_a_valid_token_alike(
    clients: ApiClientFactory, db: Database
) -> None:
    caller, other = await clients.new(), await clients.new()
    roots = graphql_roots()
    expired = await expired_token(caller, db)
    revoked = await caller.fetch_token()
    response = await caller.http.post(
        "/oauth/revoke", data={"token": revoked}, auth=(caller.client_id, caller.client_secret)
    )
    assert response.status_code == 200
    for headers in (
        {"X-Clarus-Subdomain": caller.subdomain},
        {"X-Clarus-Subdomain": caller.subdomain, "Authorization": "Bearer at_made_up"},
        {"X-Clarus-Subdomain": caller.subdomain, **bearer(expired)},
        {"X-Clarus-Subdomain": caller.subdomain, **bearer(revoked)},
        {"X-Clarus-Subdomain": caller.subdomain, **bearer(other.token)},
    ):
        only_unauthenticated(await graphql_answers(caller, headers, roots))


async def test_every_graphql_root_needs_its_scope(clients: ApiClientFactory) -> None:
    """A token without read is refused (403) before any root runs; a read token without admin
    gets no data from an admin root, only an error naming the scope."""
    caller = await clients.new()
    roots = graphql_roots()
    for scope in (Scope.WRITE.value, Scope.ADMIN.value):
        headers = {
            **bearer(await caller.fetch_token(scope)),
            "X-Clarus-Subdomain": caller.subdomain,
        }
        answers = await graphql_answers(caller, headers, roots)
        assert {answer.split(" ", 1)[0] for answer in answers} == {"403"}, answers
    await caller.fetch_token(Scope.READ.value)
    served, refused = [], []
    for root in roots:
        result = (await caller.graphql_response(root_query(root))).json()
        (served if result["data"] is not None and "errors" not in result else refused).append(root)
        if root in ADMIN_ROOTS and root in refused:
            assert result["data"] is None, result
            assert "admin scope" in result["errors"][0]["message"], result
    assert sorted(refused) == sorted(ADMIN_ROOTS), refused


LOOPBACK_NAME = "loopback.clarus.test"
"""A name the test's resolver answers with 127.0.0.1, as an attacker's DNS would."""
SSRF_TARGETS = (
    "http://example.com/hook",
    "https://127.0.0.1/hook",
    "https://localhost/hook",
    "https://[::1]/hook",
    "https://10.0.0.1/hook",
    "https://192.168.1.1/hook",
    "https://172.16.0.1/hook",
    "https://169.254.169.254/latest/meta-data",
    "https://[::ffff:127.0.0.1]/hook",
    "https://[::127.0.0.1]/hook",
    "https://[64:ff9b::a9fe:a9fe]/hook",
    "https://[2002:a9fe:a9fe::]/hook",
    "https://[::ffff:0:a9fe:a9fe]/hook",
    "https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/hook",
    "https://[fec0::1]/hook",
    "https://[ff0e::1]/hook",
    "https://224.0.0.1/hook",
    "https://0.0.0.0/hook",
    "https://2130706433/hook",
    "https://0x7f.0.0.1/hook",
    "https://user:pass@93.184.215.14/hook",
    f"https://{LOOPBACK_NAME}/hook",
    "https://unresolvable.clarus.test/hook",
    "https://93.184.215.14/hook\r\nX-Injected: 1",
    "https://93.184.215.14/ho\nok",
    "https://93.184.215.14/hook\t",
    "https://93.184.215.14:99999/hook",
    "https://[93.184.215.14/hook",
)
URL_POINTER = "/data/attributes/actions_changes/0/attributes/parameters_changes/0/attributes/value"


async def test_webhooks_to_anything_but_a_public_https_address_are_refused(
    clients: ApiClientFactory, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With private targets not allowed (the production setting), each is a 422 at the URL's
    value that says why without telling what the name resolved to."""
    monkeypatch.setattr(socket, "getaddrinfo", resolving({LOOPBACK_NAME: "127.0.0.1"}))
    caller = await clients.new()
    before = await row_counts(db, caller.tenant_id)
    accepted, answers = [], {}
    for url in SSRF_TARGETS:
        body = automation_body(actions_changes=[webhook_action(url)])
        response = await caller.post("/api/automations", body)
        if response.status_code != 422:
            accepted.append(f"{url}: {response.status_code}")
            continue
        [error] = response.json()["errors"]
        answers[url] = (error["symbol"], error["context"]["pointer"], error["details"])
    assert accepted == [], answers
    assert await row_counts(db, caller.tenant_id) == before
    revealing = {
        url: answer
        for url, answer in answers.items()
        if answer[:2] != ("unsafe_webhook_target", URL_POINTER)
        or re.search(r"\d+\.\d+\.\d+\.\d+|::|resolves to", answer[2].split("'")[-1])
    }
    assert revealing == {}


async def test_webhook_secrets_are_sealed_at_rest_and_shown_only_when_issued(
    clients: ApiClientFactory, db: Database
) -> None:
    """The table holds each secret sealed (never the secret, nor a part of it), the directory
    opens it to sign, and no answer but the create's and the rotation's shows it."""
    caller = await clients.new()
    response = await caller.post("/api/automations", automation_body())
    assert response.status_code == 200, response.text
    automation = response.json()["data"]
    [action] = automation["attributes"]["actions"]
    first = action["webhook_secret"]
    path = f"/api/automations/{automation['id']}/actions/{action['id']}/rotate_secret"
    rotated = await caller.post(path, {"data": {"attributes": {"overlap_seconds": 3600}}})
    second = rotated.json()["data"]["attributes"]["webhook_secret"]

    async with db.read_session() as session:
        stored = (
            (
                await session.execute(
                    select(webhook_secrets.c.secret)
                    .where(webhook_secrets.c.automation_action_id == action["id"])
                    .order_by(webhook_secrets.c.id)
                )
            )
            .scalars()
            .all()
        )
        target = await AutomationDirectory(TEST_SECRET_BOX).target(
            session, tenant_id=caller.tenant_id, action_id=action["id"]
        )
    assert [TEST_SECRET_BOX.open(value) for value in stored] == [first, second]
    for value in stored:
        for secret in (first, second):
            assert secret not in value
            assert secret.removeprefix("whsec_")[:16] not in value
    assert target is not None
    assert target.secrets == (second, first)

    shown = [
        await caller.patch(
            f"/api/automations/{automation['id']}",
            {"data": {"type": "automations", "id": automation["id"], "attributes": {}}},
        ),
        await caller.post(f"/api/automations/{automation['id']}/run", {}),
        await caller.graphql_response(
            "{ automations { all { edges { node { id name actions { id parameters {"
            " parameter_code value } } } } } } }"
        ),
    ]
    for answer in shown:
        assert first not in answer.text, answer.text
        assert second not in answer.text, answer.text
