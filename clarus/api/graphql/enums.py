"""The filter input of an enum field: `eq` one value, `in` any of several."""

from __future__ import annotations

from enum import Enum
from typing import Generic, TypeVar

import strawberry

EnumT = TypeVar("EnumT", bound=Enum)


@strawberry.input
class EnumInputType(Generic[EnumT]):
    """A resource's enum filter subclasses it with its enum, its own name and description, and
    `filters.enum_condition` compares the column with the members' values."""

    eq: EnumT | None = None
    in_: list[EnumT] | None = strawberry.field(name="in", default=None)
