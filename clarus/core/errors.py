"""The one error hierarchy: every refusal Clarus makes, with a stable code and symbol.

`ErrorKind` is the published table (docs/errors.md is generated from it); `api/rest/errors.py` is
the only place that turns a `ClarusError` into an HTTP response.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import Enum


class ErrorKind(Enum):
    """(code, symbol, HTTP status, default message). Codes below 1000 are Clarus's own."""

    EMPTY_IDS_PROVIDED = (36, "empty_ids_provided", 422, "No ids were provided.")
    INVALID_IDS_PROVIDED = (37, "invalid_ids_provided", 422, "Some ids do not exist.")
    NOT_ENOUGH_STOCKS_FOR_PICKING = (
        39,
        "not_enough_stocks_for_picking",
        422,
        "There is not enough stock to pick what the order asks for.",
    )
    GOODS_OUT_ALREADY_ALLOCATED = (
        59,
        "goods_out_already_allocated",
        422,
        "The order has stock allocated; release it before changing what it orders.",
    )
    GOODS_OUTS_WITH_DIFFERENT_PICK_TYPES_CANNOT_BE_CONSOLIDATED = (
        318,
        "goods_outs_with_different_pick_types_cannot_be_consolidated",
        422,
        "Orders of different pick types cannot share one pick list.",
    )
    MALFORMED_JSON = (1001, "malformed_json", 400, "The request body is not valid JSON.")
    MISSING_FIELD = (1002, "missing_field", 422, "This field is required.")
    BLANK_VALUE = (1003, "blank_value", 422, "Must not be blank; omit the field instead.")
    UNKNOWN_ATTRIBUTE = (1004, "unknown_attribute", 422, "This attribute is not known.")
    INVALID_TYPE = (1005, "invalid_type", 422, "The value has the wrong type.")
    INVALID_ENUM_VALUE = (
        1006,
        "invalid_enum_value",
        422,
        "The value is not one of the allowed values.",
    )
    TOO_LONG = (1007, "too_long", 422, "The value is longer than allowed.")
    TIMEZONE_REQUIRED = (1008, "timezone_required", 422, "Datetimes must carry a timezone.")
    INVALID_DATETIME = (1009, "invalid_datetime", 422, "The value is not an ISO 8601 datetime.")
    INVALID_COUNTRY_CODE = (
        1010,
        "invalid_country_code",
        422,
        "Not an ISO 3166-1 alpha-2 country code.",
    )
    REFERENCE_NOT_FOUND = (
        1011,
        "reference_not_found",
        422,
        "The referenced record does not exist.",
    )
    INVALID_RESOURCE_TYPE = (
        1012,
        "invalid_resource_type",
        422,
        "The resource type does not match.",
    )
    OUT_OF_RANGE = (1013, "out_of_range", 422, "The value is out of range.")
    INVALID_VALUE = (1014, "invalid_value", 422, "The value is not valid.")
    LINE_NOT_FOUND = (1015, "line_not_found", 422, "No line with this id belongs to the record.")
    DUPLICATE_LINE_CHANGE = (
        1016,
        "duplicate_line_change",
        422,
        "The same line is changed twice in one request.",
    )
    READ_ONLY_ATTRIBUTE = (
        1017,
        "read_only_attribute",
        422,
        "This attribute cannot be changed through this endpoint.",
    )
    CLOUD_PRINT_UNAVAILABLE = (
        1018,
        "cloud_print_unavailable",
        422,
        "Printing to a cloud printer is not available; omit cloud_print to receive a PDF.",
    )
    CODE_TAKEN = (1020, "code_taken", 422, "This code is already used by another record.")
    REFERENCE_TAKEN = (1021, "reference_taken", 422, "This reference is already used.")
    CONFLICT = (
        1022,
        "conflict",
        409,
        "The record was changed at the same time; retry the request.",
    )
    RECORD_EXISTS = (1023, "record_exists", 422, "A record with these values already exists.")
    RECORD_NOT_FOUND = (1030, "record_not_found", 404, "The record does not exist.")
    RECORD_IN_USE = (1031, "record_in_use", 422, "The record is in use and cannot be deleted.")
    ROUTE_NOT_FOUND = (1032, "route_not_found", 404, "No such endpoint.")
    METHOD_NOT_ALLOWED = (1033, "method_not_allowed", 405, "This method is not allowed here.")
    MISSING_HEADER = (1040, "missing_header", 400, "A required header is missing.")
    INSUFFICIENT_SCOPE = (1041, "insufficient_scope", 403, "The token's scopes do not allow this.")
    IDEMPOTENCY_KEY_REUSED = (
        1050,
        "idempotency_key_reused",
        422,
        "This Idempotency-Key was used with a different request.",
    )
    IDEMPOTENT_REQUEST_IN_PROGRESS = (
        1051,
        "idempotent_request_in_progress",
        409,
        "A request with this Idempotency-Key is still being processed.",
    )
    INVALID_IDEMPOTENCY_KEY = (
        1052,
        "invalid_idempotency_key",
        400,
        "The Idempotency-Key must be 1 to 255 characters.",
    )
    RATE_LIMITED = (1060, "rate_limited", 429, "Too many requests; retry after the given time.")
    PAYLOAD_TOO_LARGE = (1070, "payload_too_large", 413, "The request body is too large.")
    STATUS_FORBIDS_CHANGE = (
        1080,
        "status_forbids_change",
        422,
        "The record's status does not allow this change.",
    )
    GOODS_OUT_BEING_PICKED = (
        1081,
        "goods_out_being_picked",
        422,
        "The order is being picked; what it orders can no longer change. Cancel it instead.",
    )
    RECEIPT_RECEIVING_STARTED = (
        1082,
        "receipt_receiving_started",
        422,
        "Goods have been received against this receipt; its lines can no longer change.",
    )
    INSUFFICIENT_STOCK = (
        1090,
        "insufficient_stock",
        422,
        "There is not that much unallocated stock in the record.",
    )
    STOCK_ALLOCATED = (
        1091,
        "stock_allocated",
        422,
        "Stock allocated to an order cannot be held; deallocate it first.",
    )
    NO_RECEIVING_LOCATION = (
        1100,
        "no_receiving_location",
        422,
        "The warehouse has no goods in bay (an active location of type GIBAY); name the"
        " location to receive into.",
    )
    RECEIPT_HAS_NO_LINES = (
        1101,
        "receipt_has_no_lines",
        422,
        "The receipt has no lines to receive.",
    )
    RECEIPT_TASKS_COMPLETED = (
        1102,
        "receipt_tasks_completed",
        422,
        "Goods have been received against this receipt; it can no longer be reverted.",
    )
    TASK_ALLOCATED_TO_ANOTHER_USER = (
        1103,
        "task_allocated_to_another_user",
        422,
        "The task is allocated to another user.",
    )
    TASK_NOT_COMPLETABLE_HERE = (
        1104,
        "task_not_completable_here",
        422,
        "Tasks of this type are not completed through this endpoint.",
    )
    NO_MATCHING_TASKS = (1105, "no_matching_tasks", 422, "No open task matches the filters.")
    RECEIPT_NOTHING_RECEIVED = (
        1106,
        "receipt_nothing_received",
        422,
        "Nothing has been received against this receipt.",
    )
    RECEIPT_NOTHING_MISSING = (
        1107,
        "receipt_nothing_missing",
        422,
        "The receipt has received everything it expected; there is no rest to move.",
    )
    ACCOUNT_NOT_SHORT_PICKABLE = (
        1120,
        "account_not_short_pickable",
        422,
        "The order's account does not allow shipping orders short (is_short_pickable).",
    )
    NO_DISPATCH_LOCATION = (
        1121,
        "no_dispatch_location",
        422,
        "Neither the order nor its warehouse has a goods out bay (a location of type GOBAY);"
        " name the location to pick to.",
    )
    SANDBOX_ONLY = (
        1122,
        "sandbox_only",
        403,
        "Simulations run on sandbox tenants only (a subdomain not set live).",
    )
    NO_STORAGE_LOCATION = (
        1123,
        "no_storage_location",
        422,
        "The warehouse has locations but none to store stock in (not a GIBAY or GOBAY bay).",
    )
    NO_RESERVE_STOCK = (
        1220,
        "no_reserve_stock",
        422,
        "The pick face is below its maximum, nothing is on its way to it, and no reserve stock"
        " of the product and account in the warehouse can replenish it.",
    )
    NOT_A_PICKFACE_OF_PRODUCT = (
        1221,
        "not_a_pickface_of_product",
        422,
        "The location is not a pick face of this product; assign it (pickface products) first.",
    )
    PICKFACE_WITHOUT_MAXIMUM = (
        1222,
        "pickface_without_maximum",
        422,
        "The pick face has no trigger_max to replenish up to; set it on the pickface product.",
    )
    DESTINATION_NOT_SUPPORTED = (
        1140,
        "destination_not_supported",
        422,
        "Automations send to webhooks and email only for now; this destination is not supported.",
    )
    UNSAFE_WEBHOOK_TARGET = (
        1141,
        "unsafe_webhook_target",
        422,
        "Webhooks go to https URLs on public addresses only.",
    )
    AUTOMATION_NOT_SCHEDULED = (
        1142,
        "automation_not_scheduled",
        422,
        "Only a schedule automation runs on demand; an event-driven one runs when its event"
        " happens.",
    )
    CONDITION_NOT_EVALUABLE = (
        1143,
        "condition_not_evaluable",
        422,
        "A condition of the automation cannot be evaluated (a pattern RE2 refuses); change or"
        " remove it.",
    )
    EMAIL_NOT_CONFIGURED = (
        1150,
        "email_not_configured",
        422,
        "This Clarus has no SMTP server to send email through (CLARUS_SMTP_HOST); ask its"
        " operator, or use a webhook.",
    )
    WEBHOOK_DELIVERY_IN_PROGRESS = (
        1160,
        "webhook_delivery_in_progress",
        422,
        "A worker is sending this delivery now; retry it once that attempt has finished.",
    )
    GROUP_NOT_FOR_PRODUCTS = (
        1230,
        "group_not_for_products",
        422,
        "The group is not used for products; set its use_for_products first.",
    )
    GROUP_NOT_FOR_LOCATIONS = (
        1231,
        "group_not_for_locations",
        422,
        "The group is not used for locations; set its use_for_locations first.",
    )
    STOCK_CHECK_ATTEMPTS_EXHAUSTED = (
        1200,
        "stock_check_attempts_exhausted",
        422,
        "This stock group has been counted twice; resolve it with a reason code instead.",
    )
    STOCK_CHECK_VARIANCE_ALLOCATED = (
        1201,
        "stock_check_variance_allocated",
        422,
        "The stock the count found missing is allocated to orders; deallocate them first.",
    )
    STOCK_CHECK_RECORD_NOT_FAILED = (
        1202,
        "stock_check_record_not_failed",
        422,
        "Only a failed, unresolved record of a failed stock check can be resolved.",
    )
    REASON_CODE_INACTIVE = (1203, "reason_code_inactive", 422, "The reason code is not active.")
    STOCK_CHECK_NO_ACCOUNT = (
        1204,
        "stock_check_no_account",
        422,
        "No account holds stock in the location or operates in its warehouse, so its count"
        " task has no account.",
    )
    SYSTEM_RECORD = (
        1250,
        "system_record",
        422,
        "A system record (system_type: true) cannot be changed or deleted.",
    )
    MALFORMED_BARCODE = (
        1251,
        "malformed_barcode",
        422,
        "The scan cannot be read in its barcode format; context.position is the character"
        " (from 0) where reading failed.",
    )
    AMBIGUOUS_PRODUCT_CODE = (
        1252,
        "ambiguous_product_code",
        422,
        "The code belongs to more than one product; name the account that owns it.",
    )
    NOT_BILL_OF_MATERIALS = (
        1253,
        "not_bill_of_materials",
        422,
        "Only a product whose product_type is bill_of_materials has materials.",
    )
    DEFAULT_BARCODE_FORMAT_REQUIRED = (
        1254,
        "default_barcode_format_required",
        422,
        "Exactly one barcode format is the default: make another one the default instead.",
    )
    MATERIAL_CYCLE = (
        1255,
        "material_cycle",
        422,
        "A product cannot be a material of itself, directly or through other materials.",
    )
    LOAD_DISPATCHED = (
        1320,
        "load_dispatched",
        422,
        "The load has been dispatched; it can no longer be changed or deleted.",
    )
    LOAD_NOT_OPEN = (
        1321,
        "load_not_open",
        422,
        "The load is not pending or open; drops can only be added to a pending or open load.",
    )
    TRAILER_INACTIVE = (1322, "trailer_inactive", 422, "The trailer is not active.")
    TRAILER_FULL = (
        1323,
        "trailer_full",
        422,
        "The trailer's type takes no more storage units than its storage_unit_capacity.",
    )
    LOAD_ORDER_NOT_PICKED = (
        1324,
        "load_order_not_picked",
        422,
        "An order on the load is not picked and waiting for dispatch.",
    )
    LOAD_EMPTY = (1325, "load_empty", 422, "The load has no orders on its drops to dispatch.")
    SHIPMENT_ORDER_NOT_PACKING = (
        1300,
        "shipment_order_not_packing",
        422,
        "Only an order being picked and packed, or dispatched, can be shipped.",
    )
    SHIPMENT_STATUS_FORBIDS = (
        1301,
        "shipment_status_forbids",
        422,
        "The shipment's status does not allow this.",
    )
    SHIPMENT_NOT_READY = (
        1302,
        "shipment_not_ready",
        422,
        "The shipment cannot be submitted yet: it needs a carrier and packages with a weight.",
    )
    CARRIER_NOT_CONFIGURED = (
        1303,
        "carrier_not_configured",
        422,
        "The carrier has no integration: give it a custom carrier type or an HTTP endpoint.",
    )
    SHIPMENT_LABEL_MISSING = (
        1304,
        "shipment_label_missing",
        404,
        "The shipment has no label (it is not submitted, or its label was voided).",
    )
    INVALID_TRACKING_PATTERN = (
        1305,
        "invalid_tracking_pattern",
        422,
        "A tracking number pattern may hold only printable ASCII, {carrier_code} and {sequence} or"
        " {sequence:0Nd}.",
    )
    CARRIER_SERVICE_MISMATCH = (
        1306,
        "carrier_service_mismatch",
        422,
        "The carrier service belongs to another carrier.",
    )
    SERVICE_UNAVAILABLE = (
        1098,
        "service_unavailable",
        503,
        "The database cannot be reached just now; retry after the given time (a write with"
        " the same Idempotency-Key).",
    )
    OVERLAPPING_BOOKINGS = (
        296,
        "overlapping_bookings",
        422,
        "There are overlapping bookings for the selected time slot.",
    )
    BOOKING_STATUS_NOT_ALLOWED = (
        298,
        "booking_status_transition_not_allowed",
        422,
        "A booking cannot move to this status from its current one (never back to pending).",
    )
    LOCATION_NOT_IN_BOOKING_DIARY = (
        1340,
        "location_not_in_booking_diary",
        422,
        "The location is not available in the booking diary (available_in_booking_diary).",
    )
    BOOKING_LINK_WRONG_DIRECTION = (
        1341,
        "booking_link_wrong_direction",
        422,
        "Goods in receipts link to inbound bookings and goods outs to outbound ones.",
    )
    NO_LOADING_LOCATION = (
        1326,
        "no_loading_location",
        422,
        "The warehouse has no loading location (an active location of location type LOADBAY).",
    )
    LOAD_TASK_NOT_LOADED = (
        1327,
        "load_task_not_loaded",
        422,
        "The load task's storage unit is not loaded; only a loaded one can be unloaded.",
    )
    LOAD_UNITS_NOT_LOADED = (
        1328,
        "load_units_not_loaded",
        422,
        "Storage units of an order on the load are not loaded onto it.",
    )
    LOAD_VALIDATION_FAILED = (
        1329,
        "load_validation_failed",
        422,
        "The storage unit does not belong on this load or drop.",
    )
    LOAD_NOT_EMPTY = (
        1330,
        "load_not_empty",
        422,
        "The load has storage units loaded; unload them before deleting it.",
    )
    ORDER_UNITS_LOADED = (
        1331,
        "order_units_loaded",
        422,
        "Storage units of the order are loaded onto a load; unload them before cancelling it.",
    )
    UNKNOWN_CURRENCY = (
        1500,
        "unknown_currency",
        422,
        "The currency is not an ISO 4217 code, or not one of the tenant's currencies.",
    )
    CHARGE_BASKET_OPEN = (
        1501,
        "charge_basket_open",
        422,
        "An invoice is generated from a closed charge basket only.",
    )
    CHARGE_LINE_INVOICED = (
        1502,
        "charge_line_invoiced",
        422,
        "A charge line on an invoice cannot be changed or deleted.",
    )
    CHARGE_BASKET_CLOSED = (
        1503,
        "charge_basket_closed",
        422,
        "A closed charge basket is frozen: its lines and period cannot change.",
    )
    CHARGE_BASKET_INVOICED = (
        1504,
        "charge_basket_invoiced",
        422,
        "The charge basket has been invoiced already.",
    )
    MIXED_CURRENCIES = (
        1505,
        "mixed_currencies",
        422,
        "One invoice is in one currency: the account's lines are in several.",
    )
    INTERNAL_ERROR = (1099, "internal_error", 500, "An unexpected error occurred.")

    def __init__(self, code: int, symbol: str, status: int, message: str) -> None:
        self.code = code
        self.symbol = symbol
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Problem:
    """One refusal. `path` is the JSON pointer of the field at fault inside the input the raising
    code was given (`/code`, `/lines_changes/0/attributes/quantity`; "" for the input as a whole);
    a transport places it in its request with `placed`."""

    kind: ErrorKind
    details: str | None = None
    path: str | None = None
    context: dict[str, object] = field(default_factory=dict)
    source: str | None = None

    def placed(self, place: Callable[[str], str]) -> Problem:
        """This problem with its path mapped by `place` (into the request the input came in)."""
        return self if self.path is None else replace(self, path=place(self.path))


class ClarusError(Exception):
    """A refusal carrying one or more problems; its HTTP status is the first problem's."""

    def __init__(self, *problems: Problem, headers: dict[str, str] | None = None) -> None:
        if not problems:
            raise ValueError("a ClarusError needs at least one problem")
        super().__init__("; ".join(p.details or p.kind.message for p in problems))
        self.problems = problems
        self.headers = headers or {}

    @classmethod
    def of(
        cls,
        kind: ErrorKind,
        details: str | None = None,
        *,
        path: str | None = None,
        headers: dict[str, str] | None = None,
        **context: object,
    ) -> ClarusError:
        return cls(Problem(kind, details, path, context), headers=headers)

    def placed(self, place: Callable[[str], str]) -> ClarusError:
        """The same refusal with every problem's path mapped by `place`."""
        if all(problem.path is None for problem in self.problems):
            return self
        problems = (problem.placed(place) for problem in self.problems)
        return ClarusError(*problems, headers=self.headers)

    @property
    def status(self) -> int:
        return self.problems[0].kind.status


class NotFound(ClarusError):
    def __init__(self, resource: str, record_id: int | str) -> None:
        super().__init__(
            Problem(
                ErrorKind.RECORD_NOT_FOUND,
                f"{resource} {record_id} does not exist.",
                context={"resource": resource, "id": record_id},
            )
        )


class Unauthenticated(Exception):
    """A 401. Deliberately carries one fixed message so that it reveals nothing."""

    message = "Invalid or expired access token, or unknown subdomain."


def error_table_markdown() -> str:
    """The published table of error codes (docs/errors.md)."""
    lines = [
        "# Error codes",
        "",
        'Every 4xx body but a 401 is `{"errors": [{"code", "symbol", "details", "source",'
        ' "context"}]}`, one entry per problem; `context.pointer` is the JSON pointer of the'
        ' field at fault. A 401 is `{"error": "..."}`. Codes below 1000 are Clarus\'s own;'
        " 1000 and up are ours. Generated from `clarus.core.errors.ErrorKind`"
        " (`scripts/errors-doc`).",
        "",
        "| code | symbol | HTTP | meaning |",
        "| ---: | --- | ---: | --- |",
    ]
    lines += [
        f"| {kind.code} | `{kind.symbol}` | {kind.status} | {kind.message} |" for kind in ErrorKind
    ]
    return "\n".join(lines) + "\n"
