"""The rules a condition must keep beyond its field types, checked on its values as they will be
once a change is applied (an UPDATE may send the operator without the value, or the reverse)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.changes import DestroyLine, LineChange, UpdateLine
from clarus.core.errors import ClarusError, ErrorKind, Problem
from clarus.core.json_types import JSONValue
from clarus.webhooks.conditions import PatternError, as_text, compiled_pattern
from clarus.webhooks.tables import automation_conditions

CONDITIONS_PATH = "/conditions_changes"
LIST_OPERATORS = frozenset({"in", "notin"})


async def check_conditions(
    session: AsyncSession, *, tenant_id: int, automation_id: int, changes: Sequence[LineChange]
) -> None:
    stored = await _stored_conditions(session, tenant_id, automation_id, changes)
    problems: list[Problem] = []
    for index, change in enumerate(changes):
        if isinstance(change, DestroyLine):
            continue
        sent = change.attributes.changes()
        current: Mapping[str, JSONValue] = {}
        if isinstance(change, UpdateLine):
            current = stored.get(change.id, {})
            if not current:
                continue
        effective = {**current, **sent}
        problem = condition_problem(
            effective["operator"], effective["value"], f"{CONDITIONS_PATH}/{index}/attributes"
        )
        if problem is not None:
            problems.append(problem)
    if problems:
        raise ClarusError(*problems)


def condition_problem(operator: str, value: JSONValue, path: str) -> Problem | None:
    """`in`/`notin` take a non-empty list and every other operator one value; `matches` a
    pattern RE2 compiles (RE2 syntax: no backreferences nor lookaround)."""
    value_path = f"{path}/value"
    if operator in LIST_OPERATORS:
        if not isinstance(value, list) or not value:
            return Problem(
                ErrorKind.INVALID_TYPE,
                f"value: {operator} takes a non-empty list of values.",
                value_path,
            )
        return None
    if isinstance(value, list):
        return Problem(
            ErrorKind.INVALID_TYPE, f"value: {operator} takes one value, not a list.", value_path
        )
    if operator == "matches":
        try:
            compiled_pattern(as_text(value))
        except PatternError as error:
            return Problem(
                ErrorKind.INVALID_VALUE,
                f"value: {as_text(value)!r} is not an RE2 pattern ({error}).",
                value_path,
                {"pattern": as_text(value)},
            )
    return None


async def _stored_conditions(
    session: AsyncSession, tenant_id: int, automation_id: int, changes: Sequence[LineChange]
) -> Mapping[int, dict[str, JSONValue]]:
    ids = [change.id for change in changes if isinstance(change, UpdateLine)]
    if not ids:
        return {}
    table = automation_conditions
    statement = select(table.c.id, table.c.operator, table.c.value).where(
        table.c.tenant_id == tenant_id,
        table.c.automation_id == automation_id,
        table.c.id.in_(ids),
    )
    return {
        row.id: {"operator": row.operator, "value": row.value}
        for row in (await session.execute(statement)).all()
    }
