from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError

from clarus.core.db import Database, table_of
from clarus.core.errors import ClarusError
from clarus.core.fields import CountryCode
from clarus.core.references import Reference, ensure_references_exist
from clarus.masterdata.models import Account
from tests.support import ApiClientFactory

accounts = table_of(Account)


async def test_references_must_exist_in_the_callers_tenant(
    clients: ApiClientFactory, db: Database
) -> None:
    mine, theirs = await clients.new(), await clients.new()
    own = await mine.create_account()
    foreign = await theirs.create_account()
    async with db.read_session() as session:
        await ensure_references_exist(
            session,
            tenant_id=mine.tenant_id,
            references=[
                Reference(accounts, own["id"], "/data/attributes/account_id"),
                Reference(accounts, None, "/data/attributes/other_id"),
            ],
        )
        with pytest.raises(ClarusError) as refused:
            await ensure_references_exist(
                session,
                tenant_id=mine.tenant_id,
                references=[
                    Reference(accounts, own["id"], "/a"),
                    Reference(accounts, foreign["id"], "/b"),
                    Reference(accounts, 10**12, "/c"),
                ],
            )
    assert [(p.kind.symbol, p.pointer, p.kind.status) for p in refused.value.problems] == [
        ("reference_not_found", "/b", 422),
        ("reference_not_found", "/c", 422),
    ]


@pytest.mark.parametrize(("value", "expected"), [("GB", "GB"), ("nl", "NL"), ("US", "US")])
def test_iso_country_codes_are_accepted(value: str, expected: str) -> None:
    assert TypeAdapter(CountryCode).validate_python(value) == expected


@pytest.mark.parametrize("value", ["UK", "XX", "GBR", "G", ""])
def test_other_country_codes_are_refused(value: str) -> None:
    with pytest.raises(ValidationError):
        TypeAdapter(CountryCode).validate_python(value)
