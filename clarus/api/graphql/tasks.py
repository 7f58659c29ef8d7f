"""`tasks { all(filter) }` (ListTasks): warehouse work, filterable by status, type, document,
place and user."""

from __future__ import annotations

import strawberry

from clarus.api.graphql.filters import (
    DatetimeInputType,
    IdInputType,
    IntegerInputType,
    StringInputType,
)
from clarus.api.graphql.lists import list_field
from clarus.api.graphql.loaders import (
    LocationByIdLoader,
    ProductByIdLoader,
    WarehouseByIdLoader,
    loaded_field,
)
from clarus.api.graphql.locations import LocationNode
from clarus.api.graphql.nodes import CustomFieldsNode, TimestampsNode, derived_field
from clarus.api.graphql.products import ProductNode
from clarus.api.graphql.references import AccountReferenceNode
from clarus.api.graphql.scalars import ISO8601DateTime
from clarus.api.graphql.warehouses import WarehouseNode
from clarus.tasks.statuses import TaskStatus, TaskType
from clarus.tasks.tables import tasks

TASK_TYPE_IDS = {task_type.value: number for number, task_type in enumerate(TaskType, start=1)}
"""Task types are a fixed list, numbered in the contract's order (PICK 1 ... CONV 8)."""


@strawberry.type(name="TaskType")
class TaskTypeNode:
    id: strawberry.ID
    code: str

    @staticmethod
    def of_code(code: object) -> TaskTypeNode:
        """The type of a task's `task_type_code` column."""
        assert isinstance(code, str)
        return TaskTypeNode(id=strawberry.ID(str(TASK_TYPE_IDS[code])), code=code)


@strawberry.type(name="Task")
class TaskNode(AccountReferenceNode, CustomFieldsNode, TimestampsNode):
    id: strawberry.ID
    task_type_code: str
    subtype: str
    status: str
    priority: int | None
    notes: str | None
    warehouse_id: strawberry.ID
    product_id: strawberry.ID | None
    location_from_id: strawberry.ID | None
    location_to_id: strawberry.ID | None
    storage_unit_from_id: strawberry.ID | None
    storage_unit_to_id: strawberry.ID | None
    stock_id: strawberry.ID | None
    start_quantity: float | None
    confirmed_quantity: float | None
    stock_description: str | None
    serial_numbers: list[str] | None
    drop_sequence: int | None
    parent_task_id: strawberry.ID | None
    user_id: strawberry.ID | None
    user_created_by_id: strawberry.ID | None
    user_completed_by_id: strawberry.ID | None
    assigned_at: ISO8601DateTime | None
    start_at: ISO8601DateTime | None
    end_at: ISO8601DateTime | None
    completed_at: ISO8601DateTime | None
    last_accessed_at: ISO8601DateTime | None
    goods_in_receipt_id: strawberry.ID | None
    goods_in_receipt_line_id: strawberry.ID | None
    goods_out_id: strawberry.ID | None
    goods_out_line_id: strawberry.ID | None
    load_id: strawberry.ID | None
    load_drop_id: strawberry.ID | None

    task_type = derived_field(TaskTypeNode.of_code, "task_type_code", TaskTypeNode)

    warehouse = loaded_field(WarehouseByIdLoader, "warehouse_id", WarehouseNode)
    product = loaded_field(ProductByIdLoader, "product_id", ProductNode | None)
    location_from = loaded_field(LocationByIdLoader, "location_from_id", LocationNode | None)
    location_to = loaded_field(LocationByIdLoader, "location_to_id", LocationNode | None)


@strawberry.input
class TaskFilterType:
    id: IdInputType | None = None
    status: StringInputType | None = strawberry.field(
        default=None, description=f"One of {', '.join(TaskStatus)}"
    )
    subtype: StringInputType | None = None
    task_type_code: StringInputType | None = strawberry.field(
        default=None, description=f"One of {', '.join(TaskType)}"
    )
    account_id: IdInputType | None = None
    warehouse_id: IdInputType | None = None
    product_id: IdInputType | None = None
    location_from_id: IdInputType | None = None
    location_to_id: IdInputType | None = None
    user_id: IdInputType | None = None
    goods_out_id: IdInputType | None = None
    load_id: IdInputType | None = None
    load_drop_id: IdInputType | None = None
    goods_in_receipt_id: IdInputType | None = None
    goods_in_receipt_line_id: IdInputType | None = None
    storage_unit_from_id: IdInputType | None = None
    stock_id: IdInputType | None = None
    parent_task_id: IdInputType | None = None
    assigned_at: DatetimeInputType | None = None
    completed_at: DatetimeInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None
    priority: IntegerInputType | None = None
    drop_sequence: IntegerInputType | None = None


@strawberry.type
class TaskQueries:
    all = list_field(TaskNode, TaskFilterType, tasks)
