"""Handheld (HHD, internally RF) flows: their writes, and the steps a handheld operation asks
for.

An HHD implementation is a number (`implementation_id`) naming one set of flows; a tenant that
keeps one set uses 1 (`DEFAULT_IMPLEMENTATION_ID`), and a user's handheld profile (`rf_users`)
may name another. There is no implementations table: the contract has no resource for them.
A flow's `code` is unique in its implementation, and at most one flow of each `flow_type` is the
implementation's default: making a flow the default takes the mark from the one that had it.

Which flow a handheld screen follows: the operator's implementation's default flow of the
screen's flow type (`standard` for receiving and moving stock, `task` for put-away, picking,
replenishment and counting, `loading` for loading), else the built-in flow of that type
(`BUILT_IN_STEPS`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.auth.tables import users
from clarus.core import crud
from clarus.core.crud import RecordKind, UniqueKey
from clarus.core.errors import ErrorKind
from clarus.core.records import RowDict, fetch_record
from clarus.core.schemas import InputModel
from clarus.masterdata.tables import warehouses
from clarus.tasks.schemas import (
    RfFlowDefinition,
    RfFlowDuplicateAttributes,
    RfFlowStep,
    RfFlowType,
    RfStepInput,
    RfStepName,
)
from clarus.tasks.tables import rf_flows, rf_users

DEFAULT_IMPLEMENTATION_ID = 1

RF_FLOWS = RecordKind(
    rf_flows,
    event_name="rf_flow",
    unique_code=False,
    unique_keys=(UniqueKey(("implementation_id", "code"), ErrorKind.CODE_TAKEN, "code"),),
    flag_defaults={"is_default": False},
)
RF_USERS = RecordKind(
    rf_users,
    event_name="rf_user",
    unique_code=False,
    unique_keys=(UniqueKey(("user_id",), ErrorKind.RECORD_EXISTS, "user_id"),),
    references={"user_id": users, "warehouse_id": warehouses},
)


async def _take_default_mark(session: AsyncSession, *, tenant_id: int, flow: RowDict) -> None:
    """`flow` is now its implementation's default of its type: no other flow is."""
    if not flow["is_default"]:
        return
    await crud.change_records(
        session,
        RF_FLOWS,
        tenant_id=tenant_id,
        where=(rf_flows.c.implementation_id == flow["implementation_id"])
        & (rf_flows.c.flow_type == flow["flow_type"])
        & rf_flows.c.is_default
        & (rf_flows.c.id != flow["id"]),
        values={"is_default": False},
    )


async def create_rf_flow(
    session: AsyncSession, kind: RecordKind, /, *, tenant_id: int, attributes: InputModel
) -> RowDict:
    flow = await crud.create_record(session, kind, tenant_id=tenant_id, attributes=attributes)
    await _take_default_mark(session, tenant_id=tenant_id, flow=flow)
    return flow


async def update_rf_flow(
    session: AsyncSession,
    kind: RecordKind,
    /,
    *,
    tenant_id: int,
    record_id: int,
    attributes: InputModel,
) -> RowDict:
    flow = await crud.update_record(
        session, kind, tenant_id=tenant_id, record_id=record_id, attributes=attributes
    )
    await _take_default_mark(session, tenant_id=tenant_id, flow=flow)
    return flow


RF_FLOW_WRITES = crud.RecordWrites(create=create_rf_flow, update=update_rf_flow)


async def create_rf_user(
    session: AsyncSession,
    *,
    tenant_id: int,
    user_id: int,
    username: str,
    name: str,
    warehouse_id: int | None = None,
    default_rf_implementation_id: int | None = None,
) -> RowDict:
    """A user's handheld profile (the contract lists them only; the demo makes one for its
    operator)."""
    values = {
        "user_id": user_id,
        "username": username,
        "name": name,
        "warehouse_id": warehouse_id,
        "default_rf_implementation_id": default_rf_implementation_id,
    }
    return await crud.insert_record(session, RF_USERS, tenant_id=tenant_id, values=values)


async def duplicate_rf_flow(
    session: AsyncSession, *, tenant_id: int, flow_id: int, attributes: RfFlowDuplicateAttributes
) -> RowDict:
    """A copy of the flow under a new code: its name, type, implementation and definition; the
    copy is never the default (the source keeps that)."""
    source = await fetch_record(
        session, rf_flows, tenant_id=tenant_id, record_id=flow_id, resource="rf_flow"
    )
    copy = {name: source[name] for name in ("name", "flow_type", "implementation_id")}
    values = {**copy, "code": attributes.code, "is_default": False}
    if source["definition"] is not None:
        values["definition"] = source["definition"]
    return await crud.insert_record(session, RF_FLOWS, tenant_id=tenant_id, values=values)


def _steps(*steps: tuple[RfStepName, RfStepInput]) -> RfFlowDefinition:
    return RfFlowDefinition(steps=[RfFlowStep(step=step, input=kind) for step, kind in steps])


BUILT_IN_STEPS: dict[RfFlowType, RfFlowDefinition] = {
    "standard": _steps(
        ("receipt", "scan"),
        ("product", "scan"),
        ("quantity", "type"),
        ("batch", "type"),
        ("dates", "type"),
        ("location", "scan"),
        ("destination", "scan"),
    ),
    "task": _steps(
        ("location", "scan"), ("product", "scan"), ("quantity", "type"), ("destination", "scan")
    ),
    "loading": _steps(("destination", "scan"), ("receipt", "scan")),
}
"""The flows a tenant that defines none follows: every scan asked for, quantities typed."""


@dataclass(frozen=True)
class HandheldFlow:
    """The steps a handheld screen asks for, from the flow it follows."""

    code: str
    steps: tuple[RfFlowStep, ...]

    def asks_for(self, step: RfStepName) -> bool:
        return any(each.step == step for each in self.steps)

    def input_of(self, step: RfStepName) -> RfStepInput | None:
        """How the step is given (`scan` or `type`), None when the flow leaves it out."""
        return next((each.input for each in self.steps if each.step == step), None)


async def handheld_flow(
    session: AsyncSession, *, tenant_id: int, user_id: int, flow_type: RfFlowType
) -> HandheldFlow:
    """The flow a user's handheld follows for a screen of `flow_type`, in one statement."""
    implementation = (
        select(rf_users.c.default_rf_implementation_id)
        .where(rf_users.c.tenant_id == tenant_id, rf_users.c.user_id == user_id)
        .scalar_subquery()
    )
    statement = select(rf_flows.c.code, rf_flows.c.definition).where(
        rf_flows.c.tenant_id == tenant_id,
        rf_flows.c.flow_type == flow_type,
        rf_flows.c.is_default,
        rf_flows.c.implementation_id == func.coalesce(implementation, DEFAULT_IMPLEMENTATION_ID),
    )
    row = (await session.execute(statement)).first()
    if row is None:
        return HandheldFlow(f"built-in {flow_type}", tuple(BUILT_IN_STEPS[flow_type].steps))
    definition = RfFlowDefinition.model_validate(row.definition or {})
    return HandheldFlow(row.code, tuple(definition.steps))
