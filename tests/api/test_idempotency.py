from __future__ import annotations

from typing import Any

from clarus.core import idempotency
from clarus.core.db import Database
from clarus.core.settings import Settings
from tests.support import ApiClientFactory, row_counts


def body(code: str, name: str = "Idempotent") -> dict[str, Any]:
    return {"data": {"type": "accounts", "attributes": {"code": code, "name": name}}}


async def test_a_retry_with_the_same_key_replays_the_first_response(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    first = await caller.post("/api/accounts", body("IDEM"), **{"Idempotency-Key": "k-1"})
    counts = await row_counts(db, caller.tenant_id)
    retry = await caller.post("/api/accounts", body("IDEM"), **{"Idempotency-Key": "k-1"})
    assert first.status_code == retry.status_code == 200
    assert retry.content == first.content
    assert retry.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert await row_counts(db, caller.tenant_id) == counts


async def test_the_same_key_with_another_body_is_422(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    await caller.post("/api/accounts", body("ONE"), **{"Idempotency-Key": "k-2"})
    response = await caller.post("/api/accounts", body("TWO"), **{"Idempotency-Key": "k-2"})
    assert response.status_code == 422
    assert [(error["symbol"], error["context"]) for error in response.json()["errors"]] == [
        ("idempotency_key_reused", {"pointer": "/headers/Idempotency-Key"})
    ]


async def test_a_key_still_in_flight_is_409(
    clients: ApiClientFactory, db: Database, settings: Settings
) -> None:
    caller = await clients.new()
    payload = body("BUSY")
    response = await caller.post("/api/accounts", body("FIRST"))
    client_pk = await _api_client_pk(db, caller.client_id)
    claimed = await idempotency.claim(
        db,
        settings,
        tenant_id=caller.tenant_id,
        api_client_id=client_pk,
        key="k-3",
        request_fingerprint=idempotency.fingerprint(
            "POST", "/api/accounts", response.request.content.replace(b"FIRST", b"BUSY")
        ),
    )
    assert isinstance(claimed, idempotency.Claim)
    busy = await caller.post("/api/accounts", payload, **{"Idempotency-Key": "k-3"})
    assert busy.status_code == 409
    assert busy.json()["errors"][0]["symbol"] == "idempotent_request_in_progress"


async def test_a_refused_request_releases_its_key(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    await caller.create_account(code="TAKEN")
    refused = await caller.post("/api/accounts", body("TAKEN"), **{"Idempotency-Key": "k-4"})
    assert refused.status_code == 422
    retried = await caller.post("/api/accounts", body("TAKEN"), **{"Idempotency-Key": "k-4"})
    assert retried.status_code == 422
    assert "Idempotent-Replayed" not in retried.headers


async def test_keys_belong_to_one_tenant_and_client(clients: ApiClientFactory) -> None:
    tenant_a, tenant_b = await clients.new(), await clients.new()
    first = await tenant_a.post("/api/accounts", body("SAME"), **{"Idempotency-Key": "shared"})
    second = await tenant_b.post("/api/accounts", body("SAME"), **{"Idempotency-Key": "shared"})
    assert first.status_code == second.status_code == 200
    assert "Idempotent-Replayed" not in second.headers
    assert first.json()["data"]["id"] != second.json()["data"]["id"]


async def test_deletes_replay_too(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    account = await caller.create_account()
    path = f"/api/accounts/{account['id']}"
    first = await caller.delete(path, **{"Idempotency-Key": "del-1"})
    retry = await caller.delete(path, **{"Idempotency-Key": "del-1"})
    assert first.status_code == retry.status_code == 204
    assert retry.headers["Idempotent-Replayed"] == "true"


async def test_an_overlong_key_is_400(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    response = await caller.post("/api/accounts", body("LONG"), **{"Idempotency-Key": "k" * 256})
    assert response.status_code == 400
    assert [(error["symbol"], error["context"]) for error in response.json()["errors"]] == [
        ("invalid_idempotency_key", {"pointer": "/headers/Idempotency-Key"})
    ]


async def _api_client_pk(db: Database, client_id: str) -> int:
    from clarus.auth.service import find_client

    async with db.read_session() as session:
        client = await find_client(session, client_id)
        assert client is not None
        return client.id
