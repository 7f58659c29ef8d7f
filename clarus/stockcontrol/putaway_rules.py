"""Put-away rules: the ordered sort keys of an account's put-away (`putaway_choice` applies
them). Each account's rules form one list (`positions`); the account cannot change. Services
never commit."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core import crud
from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.records import Record
from clarus.core.schemas import InputModel
from clarus.masterdata.tables import accounts
from clarus.stockcontrol import positions
from clarus.stockcontrol.tables import putaway_rules


async def create_putaway_rule(
    session: AsyncSession, kind: crud.RecordKind, /, *, tenant_id: int, attributes: InputModel
) -> Record:
    """The rule at its `position` of the account's rules (last when left out)."""
    values = attributes.model_dump(exclude_none=True)
    position = values.pop("position", None)
    await crud.check_record(session, kind, tenant_id=tenant_id, values=values)
    return await positions.insert_at(
        session, PUTAWAY_RULE_LIST, tenant_id=tenant_id, values=values, position=position
    )


async def update_putaway_rule(
    session: AsyncSession,
    kind: crud.RecordKind,
    /,
    *,
    tenant_id: int,
    record_id: int,
    attributes: InputModel,
) -> Record:
    """Change `rule` and `direction`; a `position` moves the rule as the position endpoint
    does. `account_id` only as it is (`read_only_attribute`)."""
    changes = kind.changes_of(attributes)
    record = await positions.locked_member(
        session, PUTAWAY_RULE_LIST, tenant_id=tenant_id, record_id=record_id
    )
    sent_account = changes.pop("account_id", None)
    if sent_account is not None and sent_account != record["account_id"]:
        raise ClarusError.of(
            ErrorKind.READ_ONLY_ATTRIBUTE,
            f"A put-away rule stays with account {record['account_id']}.",
            path="/account_id",
        )
    position = changes.pop("position", None)
    if changes:
        record = await crud.change_record(
            session, kind, tenant_id=tenant_id, record_id=record_id, changes=changes
        )
    if position is None:
        return record
    return await positions.move(
        session, PUTAWAY_RULE_LIST, tenant_id=tenant_id, record_id=record_id, position=position
    )


async def delete_putaway_rule(
    session: AsyncSession, kind: crud.RecordKind, /, *, tenant_id: int, record_id: int
) -> None:
    """The rules after it move up."""
    await positions.delete_member(
        session, PUTAWAY_RULE_LIST, tenant_id=tenant_id, record_id=record_id
    )


PUTAWAY_RULES = crud.RecordKind(
    putaway_rules,
    event_name="putaway_rule",
    unique_code=False,
    references={"account_id": accounts},
)
PUTAWAY_RULE_LIST = positions.OrderedKind(PUTAWAY_RULES, list_column="account_id", owner=accounts)
PUTAWAY_RULE_WRITES = crud.RecordWrites(
    create=create_putaway_rule, update=update_putaway_rule, delete=delete_putaway_rule
)
