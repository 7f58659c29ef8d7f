from __future__ import annotations

from tests.support import ApiClientFactory


async def test_create_account_returns_the_record(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    response = await caller.post("/api/accounts", {"data": {"type": "accounts", "attributes": {
        "code": "ACME", "name": "Acme Corporation", "email": "warehouse@acme.com",
        "is_active": True}}})
    assert response.status_code == 200
    data = response.json()["data"]
    assert isinstance(data["id"], int)
    assert data["type"] == "accounts"
    assert data["attributes"]["code"] == "ACME"
    assert data["attributes"]["string1"] is None
