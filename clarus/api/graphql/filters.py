"""The Clarus filter input types and how each operator becomes SQL."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Callable, Mapping, Sequence
from enum import Enum
from typing import Any, TypeAlias, TypeVar

import strawberry
from sqlalchemy import (
    BigInteger,
    BindParameter,
    ColumnElement,
    FromClause,
    Integer,
    Numeric,
    SmallInteger,
    Table,
    and_,
    literal,
    or_,
    select,
    true,
)

from clarus.api.graphql.enums import EnumInputType
from clarus.api.graphql.errors import PublicError
from clarus.api.graphql.scalars import ISO8601DateTime
from clarus.core.fields import DECIMAL_PRECISION, DECIMAL_SCALE

EnumT = TypeVar("EnumT", bound=Enum)

FilterColumn: TypeAlias = (
    ColumnElement[str]
    | ColumnElement[int]
    | ColumnElement[decimal.Decimal]
    | ColumnElement[dt.datetime]
    | ColumnElement[bool]
)
"""What a filter field compares: a table's column or a scalar subquery (`referenced_column`),
of one of the types the filter input types speak of."""


@strawberry.input(
    description="eq (exact), ilike (case-insensitive partial), like (case-sensitive"
    " partial), in (any of), between (inclusive range of two)"
)
class StringInputType:
    eq: str | None = None
    ilike: str | None = None
    like: str | None = None
    in_: list[str] | None = strawberry.field(name="in", default=None)
    between: list[str] | None = None


@strawberry.input(description="Record ids: eq, gt, gteq, lt, lteq, in, filled (not null)")
class IdInputType:
    eq: strawberry.ID | None = None
    gt: strawberry.ID | None = None
    gteq: strawberry.ID | None = None
    lt: strawberry.ID | None = None
    lteq: strawberry.ID | None = None
    in_: list[strawberry.ID] | None = strawberry.field(name="in", default=None)
    filled: bool | None = None


@strawberry.input
class IntegerInputType:
    eq: int | None = None
    gt: int | None = None
    gteq: int | None = None
    lt: int | None = None
    lteq: int | None = None
    between: list[int] | None = None


@strawberry.input
class DecimalInputType:
    eq: decimal.Decimal | None = None
    gt: decimal.Decimal | None = None
    gteq: decimal.Decimal | None = None
    lt: decimal.Decimal | None = None
    lteq: decimal.Decimal | None = None
    between: list[decimal.Decimal] | None = None


@strawberry.input(
    description="eq, from (inclusive), to (inclusive), between (inclusive range); gt and lt"
    " (exclusive, ours): `{from: a, lt: b}` then `{from: b, lt: c}` meet without overlap"
)
class DatetimeInputType:
    eq: ISO8601DateTime | None = None
    from_: ISO8601DateTime | None = strawberry.field(name="from", default=None)
    to: ISO8601DateTime | None = None
    between: list[ISO8601DateTime] | None = None
    gt: ISO8601DateTime | None = None
    lt: ISO8601DateTime | None = None


@strawberry.input
class BooleanInputType:
    eq: bool


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _range(column: FilterColumn, bounds: Sequence[object], field: str) -> ColumnElement[bool]:
    if len(bounds) != 2:
        raise PublicError(f"{field}.between takes exactly two values")
    condition: ColumnElement[bool] = column.between(bounds[0], bounds[1])
    return condition


def _record_id(value: object, field: str) -> int:
    try:
        number = int(str(value))
    except ValueError:
        raise PublicError(f"{field}: {value!r} is not an id") from None
    if not 0 <= number < 2**63:
        raise PublicError(f"{field}: {value!r} is not an id")
    return number


def string_condition(
    column: FilterColumn, spec: StringInputType, field: str
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if spec.eq is not None:
        conditions.append(column == spec.eq)
    if spec.ilike is not None:
        conditions.append(column.ilike(f"%{_escape_like(spec.ilike)}%", escape="\\"))
    if spec.like is not None:
        conditions.append(column.like(f"%{_escape_like(spec.like)}%", escape="\\"))
    if spec.in_ is not None:
        conditions.append(column.in_(spec.in_))
    if spec.between is not None:
        conditions.append(_range(column, spec.between, field))
    return conditions


def id_condition(column: FilterColumn, spec: IdInputType, field: str) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    for operator in ("eq", "gt", "gteq", "lt", "lteq"):
        value = getattr(spec, operator)
        if value is not None:
            conditions.append(_compare(column, operator, _record_id(value, field)))
    if spec.in_ is not None:
        conditions.append(column.in_([_record_id(value, field) for value in spec.in_]))
    if spec.filled is not None:
        conditions.append(column.is_not(None) if spec.filled else column.is_(None))
    return conditions


def number_condition(
    column: FilterColumn, spec: IntegerInputType | DecimalInputType, field: str
) -> list[ColumnElement[bool]]:
    conditions = [
        _compare(column, operator, _number(column, getattr(spec, operator), field))
        for operator in ("eq", "gt", "gteq", "lt", "lteq")
        if getattr(spec, operator) is not None
    ]
    if spec.between is not None:
        bounds = [_number(column, value, field) for value in spec.between]
        conditions.append(_range(column, bounds, field))
    return conditions


_INTEGER_BITS = ((SmallInteger, 16), (BigInteger, 64), (Integer, 32))


def _number_range(column: FilterColumn) -> tuple[decimal.Decimal, decimal.Decimal]:
    """The lowest and highest number a column holds; a column whose type does not say (an
    unconstrained numeric expression) is held to the range of a stored quantity."""
    column_type = column.type
    for integer_type, bits in _INTEGER_BITS:
        if isinstance(column_type, integer_type):
            return decimal.Decimal(-(2 ** (bits - 1))), decimal.Decimal(2 ** (bits - 1) - 1)
    precision, scale = DECIMAL_PRECISION, DECIMAL_SCALE
    if isinstance(column_type, Numeric) and column_type.precision is not None:
        precision, scale = column_type.precision, column_type.scale or 0
    highest = decimal.Decimal(10) ** (precision - scale) - decimal.Decimal(1).scaleb(-scale)
    return -highest, highest


def _number(
    column: FilterColumn, value: int | decimal.Decimal, field: str
) -> int | BindParameter[decimal.Decimal]:
    """`value` to compare `column` with; refused when the column cannot hold it (the database
    would fail on it), and bound as a plain numeric, so that a value finer than the column's
    scale is compared as given, not rounded to it."""
    lowest, highest = _number_range(column)
    is_finite = not isinstance(value, decimal.Decimal) or value.is_finite()
    if not is_finite or not lowest <= value <= highest:
        raise PublicError(f"{field}: a number between {lowest} and {highest}")
    return literal(value, Numeric()) if isinstance(value, decimal.Decimal) else value


def datetime_condition(
    column: FilterColumn, spec: DatetimeInputType, field: str
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if spec.eq is not None:
        conditions.append(column == spec.eq)
    if spec.from_ is not None:
        conditions.append(column >= spec.from_)
    if spec.to is not None:
        conditions.append(column <= spec.to)
    if spec.gt is not None:
        conditions.append(column > spec.gt)
    if spec.lt is not None:
        conditions.append(column < spec.lt)
    if spec.between is not None:
        conditions.append(_range(column, spec.between, field))
    return conditions


def boolean_condition(
    column: FilterColumn, spec: BooleanInputType, _field: str
) -> list[ColumnElement[bool]]:
    return [column.is_(spec.eq)]


def _compare(column: FilterColumn, operator: str, value: object) -> ColumnElement[bool]:
    comparisons = {
        "eq": column.__eq__,
        "gt": column.__gt__,
        "gteq": column.__ge__,
        "lt": column.__lt__,
        "lteq": column.__le__,
    }
    result: ColumnElement[bool] = comparisons[operator](value)
    return result


def enum_condition(
    column: FilterColumn, spec: EnumInputType[EnumT], _field: str
) -> list[ColumnElement[bool]]:
    """An enum input type (`eq`, `in`) of a string column holding the enum's values."""
    conditions: list[ColumnElement[bool]] = []
    if spec.eq is not None:
        conditions.append(column == spec.eq.value)
    if spec.in_ is not None:
        conditions.append(column.in_([value.value for value in spec.in_]))
    return conditions


def field_conditions(column: FilterColumn, spec: object, field: str) -> list[ColumnElement[bool]]:
    """The conditions one filter field's input type (`spec`) puts on its column."""
    if isinstance(spec, StringInputType):
        return string_condition(column, spec, field)
    if isinstance(spec, IdInputType):
        return id_condition(column, spec, field)
    if isinstance(spec, IntegerInputType | DecimalInputType):
        return number_condition(column, spec, field)
    if isinstance(spec, DatetimeInputType):
        return datetime_condition(column, spec, field)
    if isinstance(spec, BooleanInputType):
        return boolean_condition(column, spec, field)
    if isinstance(spec, EnumInputType):
        return enum_condition(column, spec, field)
    raise TypeError(f"{field}: no conditions for {type(spec).__name__}")


FilterCondition = Callable[[Any], ColumnElement[bool]]
"""How one filter field becomes SQL when it is not a plain column: `spec -> condition`."""


def filter_clause(
    filter_input: object | None,
    table: FromClause,
    columns: Mapping[str, FilterColumn] | None = None,
    conditions: Mapping[str, FilterCondition] | None = None,
) -> ColumnElement[bool]:
    """AND of every operator given in a `<Resource>FilterType`. A filter field reads the column
    of the same name (of `table`, or of a subquery) unless `columns` maps it elsewhere (a column
    or a scalar subquery), or `conditions` builds its whole condition."""
    if filter_input is None:
        return true()
    clauses: list[ColumnElement[bool]] = []
    for field in vars(filter_input):
        spec = getattr(filter_input, field)
        if spec is None:
            continue
        _ensure_without_nul(spec, field)
        if conditions and field in conditions:
            clauses.append(conditions[field](spec))
            continue
        column = columns[field] if columns and field in columns else table.c[field]
        clauses.extend(field_conditions(column, spec, field))
    return and_(true(), *clauses)


def _ensure_without_nul(spec: object, field: str) -> None:
    """A NUL in a filter's text is the caller's mistake: PostgreSQL refuses it in any text it is
    sent, so it would otherwise fail the query as an internal error."""
    for operator, value in vars(spec).items():
        texts = value if isinstance(value, list) else [value]
        if any(isinstance(text, str) and "\x00" in text for text in texts):
            name = operator.rstrip("_")
            raise PublicError(f"{field}.{name} must not contain NUL characters")


def any_column_condition(
    columns: Sequence[FilterColumn], spec: StringInputType, field: str
) -> ColumnElement[bool]:
    """A string filter met by any one of `columns` (each with every operator given)."""
    return or_(*(and_(true(), *string_condition(column, spec, field)) for column in columns))


def referenced_column(table: Table, column: str, reference: ColumnElement[int]) -> FilterColumn:
    """`table.column` of the row that `reference` (a `*_id` column) points at, as a scalar
    subquery: the column behind a filter such as `product_code`."""
    return select(table.c[column]).where(table.c.id == reference).scalar_subquery()
