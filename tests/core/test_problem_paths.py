"""A domain refusal names the field by its path inside the input the service was given; the REST
layer places it in the request body (`/data/attributes/...`)."""

from __future__ import annotations

import pytest

from clarus.core import crud
from clarus.core.db import Database
from clarus.core.errors import ClarusError
from clarus.masterdata.schemas import AccountAttributes
from clarus.masterdata.service import ACCOUNTS
from tests.support import ApiClientFactory


async def test_a_domain_refusal_names_the_field_inside_the_domain_input(
    clients: ApiClientFactory, db: Database
) -> None:
    client = await clients.new()
    taken = await client.create_account()
    with pytest.raises(ClarusError) as refused:
        async with db.write_session() as session:
            await crud.GENERIC_WRITES.create(
                session,
                ACCOUNTS,
                tenant_id=client.tenant_id,
                attributes=AccountAttributes(code=taken["attributes"]["code"], name="Other"),
            )
    assert [(p.kind.symbol, p.path) for p in refused.value.problems] == [("code_taken", "/code")]

    response = await client.post(
        "/api/accounts",
        {
            "data": {
                "type": "accounts",
                "attributes": {"code": taken["attributes"]["code"], "name": "Other"},
            }
        },
    )
    assert response.status_code == 422
    assert [error["context"]["pointer"] for error in response.json()["errors"]] == [
        "/data/attributes/code"
    ]
