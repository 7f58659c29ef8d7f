"""What task requests carry, as `clarus-api.json` documents them (receive actions,
`TaskUpdateAttributes`, the bulk task actions)."""

from __future__ import annotations

from typing import Annotated, Literal

from annotated_types import Ge, MaxLen
from pydantic import Field

from clarus.core.fields import DecimalNumber, Integer, LongText, RecordId, Text, Timestamp
from clarus.core.schemas import CustomFieldAttributes, InputModel, Omittable

MAX_SERIAL_NUMBERS = 10_000
MAX_TASK_IDS = 1000
TaskQuantity = Annotated[DecimalNumber, Ge(0)]
SerialNumbers = Annotated[list[Text], Field(max_length=MAX_SERIAL_NUMBERS)]
TaskTypeCode = Literal["PICK", "DISP", "RCV", "PWAY", "TRAN", "REPLEN", "LOAD", "CONV"]


class ReceiveAttributes(InputModel):
    """`POST /api/receive_tasks/{id}/receive`: where the stock lands (the warehouse's goods in
    bay when left out) and how much arrived (the task's start quantity when left out)."""

    location_to_id: RecordId | None = None
    storage_unit_to_id: RecordId | None = None
    confirmed_quantity: TaskQuantity | None = None
    serial_numbers: SerialNumbers | None = None
    base_storage_unit_type_id: RecordId | None = None
    """Checked to name a storage unit type; stock records carry no type of their own yet."""


class ReceiveToPutawayAttributes(InputModel):
    """`POST /api/receive_tasks/{id}/receive_to_putaway_location`: the stock goes straight to
    its final location, so no put-away task follows."""

    location_to_id: RecordId
    storage_unit_to_id: RecordId | None = None
    confirmed_quantity: TaskQuantity | None = None
    serial_numbers: SerialNumbers | None = None


TaskStatusName = Annotated[Text, Field(max_length=16)]


class TaskUpdateAttributes(CustomFieldAttributes):
    """`PATCH /api/tasks/{id}`. What says what the task is (its account, warehouse, product,
    stock, documents, start quantity, who made it) is fixed; `status: completed` completes
    it with `confirmed_quantity`, `location_to_id` and `storage_unit_to_id`."""

    account_id: RecordId | None = None
    warehouse_id: RecordId | None = None
    product_id: RecordId | None = None
    stock_id: RecordId | None = None
    start_quantity: TaskQuantity | None = None
    user_id: RecordId | None = None
    user_created_by_id: RecordId | None = None
    user_completed_by_id: RecordId | None = None
    completed_at: Timestamp | None = None
    assigned_at: Timestamp | None = None
    device_id: RecordId | None = None
    device_type_id: RecordId | None = None
    dispatch_container_id: RecordId | None = None
    load_id: RecordId | None = None
    load_drop_id: RecordId | None = None
    parent_task_id: RecordId | None = None
    transaction_number_id: RecordId | None = None
    transaction_line_id: RecordId | None = None
    location_from_id: RecordId | None = None
    storage_unit_from_id: RecordId | None = None
    status: TaskStatusName | None = None
    priority: Integer | None = None
    notes: LongText | None = None
    location_to_id: RecordId | None = None
    storage_unit_to_id: RecordId | None = None
    confirmed_quantity: TaskQuantity | None = None
    start_at: Timestamp | None = None
    end_at: Timestamp | None = None
    stock_description: Text | None = None
    drop_sequence: Annotated[int, Field(ge=1, le=9_999_999_999)] | None = None
    serial_numbers: SerialNumbers | None = None


FIXED_ATTRIBUTES = frozenset(
    {
        "account_id",
        "warehouse_id",
        "product_id",
        "stock_id",
        "start_quantity",
        "user_id",
        "user_created_by_id",
        "user_completed_by_id",
        "completed_at",
        "assigned_at",
        "device_id",
        "device_type_id",
        "dispatch_container_id",
        "load_id",
        "load_drop_id",
        "parent_task_id",
        "transaction_number_id",
        "transaction_line_id",
        "location_from_id",
        "storage_unit_from_id",
    }
)
"""Documented, but not changed through a PATCH: they say what the task is, or who holds it
(`/allocate`), or where it is loaded (`/api/load_tasks/{id}/...`), or name resources Clarus
does not have (devices)."""


class TaskFilters(InputModel):
    location_from_id: RecordId | None = None
    product_id: RecordId | None = None
    storage_unit_from_id: RecordId | None = None


class CompleteCollectionRequest(InputModel):
    """`POST /api/tasks/complete_collection`, a bare body."""

    warehouse_id: RecordId
    task_type_code: TaskTypeCode
    filters: TaskFilters
    attributes: TaskUpdateAttributes | None = None


class TaskAllocation(InputModel):
    user_id: RecordId | None = None


class TaskIds(InputModel):
    ids: Annotated[list[RecordId], Field(max_length=MAX_TASK_IDS)]


class TasksAllocation(TaskIds):
    user_id: RecordId | None = None


RfFlowType = Literal["standard", "task", "loading"]
RfStepName = Literal["receipt", "location", "product", "quantity", "batch", "dates", "destination"]
RfStepInput = Literal["scan", "type"]
MAX_RF_STEPS = 50


class RfFlowStep(InputModel):
    """One step of a handheld flow: what the operator gives (`step`) and how (`input`: scanned,
    or typed). A step a flow leaves out is not asked for; `quantity` left out confirms the
    task's whole quantity."""

    step: RfStepName
    input: RfStepInput = "scan"


class RfFlowDefinition(InputModel):
    """A flow's `definition`: its steps in the order the handheld asks for them."""

    steps: Annotated[list[RfFlowStep], Field(max_length=MAX_RF_STEPS)] = []


class RfFlowUpdateAttributes(InputModel):
    """`PATCH /api/rf/flows/{id}`: `code` is not among them (immutable; duplicate instead)."""

    name: Omittable[Annotated[Text, MaxLen(255)]] = None
    flow_type: Omittable[RfFlowType] = None
    implementation_id: Omittable[RecordId] = None
    is_default: bool | None = None
    definition: RfFlowDefinition | None = None


class RfFlowAttributes(RfFlowUpdateAttributes):
    """`POST /api/rf/flows`."""

    code: Annotated[Text, MaxLen(50)]
    name: Annotated[Text, MaxLen(255)]
    flow_type: RfFlowType
    implementation_id: RecordId


class RfFlowDuplicateAttributes(InputModel):
    """`POST /api/rf/flows/{id}/duplicate`: the copy's code."""

    code: Annotated[Text, MaxLen(50)]
