"""Which events each resource has, as the create operation of `clarus-api.json` lists them, and
ours: `shipment`, `booking` and `load` (issue 16's events for each shipping state change), and
billing's (issue 18): `charge_basket` `closed` and `invoice` `generated`."""

from __future__ import annotations

from typing import Literal, get_args

ResourceName = Literal[
    "goods_out",
    "goods_in",
    "goods_out_pick_list",
    "invoice",
    "load_drop",
    "stock_balance",
    "stock",
    "putaway_task",
    "failure_event_log",
    "ftp_file",
    "ftp_import",
    "daily_schedule",
    "weekly_schedule",
    "monthly_schedule",
    "one_time_schedule",
    "shipment",
    "booking",
    "load",
    "charge_basket",
]

SCHEDULE_EVENT = "triggered"
EVENTS_BY_RESOURCE: dict[str, tuple[str, ...]] = {
    "goods_out": ("created", "completed", "updated", "processed", "cancelled"),
    "goods_in": ("completed", "created", "cancelled", "moved_to_part"),
    "goods_out_pick_list": ("completed", "created", "cancelled", "picked"),
    "invoice": ("submitted", "authorised", "paid", "generated"),
    "load_drop": ("dispatched",),
    "stock_balance": ("updated",),
    "stock": (
        "positively_adjusted",
        "negatively_adjusted",
        "placed_on_hold",
        "released_from_hold",
        "received",
        "unreceived",
        "dispatched",
        "undispatched",
        "account_transferred",
        "picked",
    ),
    "putaway_task": ("completed",),
    "failure_event_log": ("created",),
    "ftp_file": ("uploaded",),
    "ftp_import": ("failed",),
    "daily_schedule": (SCHEDULE_EVENT,),
    "weekly_schedule": (SCHEDULE_EVENT,),
    "monthly_schedule": (SCHEDULE_EVENT,),
    "one_time_schedule": (SCHEDULE_EVENT,),
    "shipment": ("created", "updated", "submitted", "failed", "cancelled"),
    "booking": ("created", "updated", "deleted"),
    "load": ("created", "updated", "dispatched", "deleted"),
    "charge_basket": ("closed",),
}
SCHEDULES = frozenset(
    {"daily_schedule", "weekly_schedule", "monthly_schedule", "one_time_schedule"}
)

ConditionOperator = Literal[
    "eq",
    "neq",
    "in",
    "notin",
    "matches",
    "greater_than",
    "greater_than_eq",
    "less_than",
    "less_than_eq",
    "starts_with",
]
ConditionCode = Literal[
    "account_id",
    "product_group_id",
    "warehouse_id",
    "customer_id",
    "integration_id",
    "category",
    "sub_category",
    "order_status",
    "filename",
    "time_of_the_day",
    "days_of_the_week",
    "days_of_the_month",
    "date",
    "order_type_id",
    "carrier_id",
    "target_account_id",
    "source_account_id",
    "goods_in_receipt_kind_id",
    "import_configuration_id",
    "original_delivery_address_id",
    "country_code",
    "total_value",
    "postcode",
    "total_weight_in_grams",
    "lines_total_count",
    "lines_total_items_ordered",
    "lines_total_unit_weight_ordered",
]
DestinationType = Literal[
    "api",
    "ftp",
    "email",
    "webhook",
    "maxoptra",
    "brightpearl",
    "file_import",
    "ai",
    "process_picks",
]
ParameterCode = Literal[
    "hold_notes",
    "webhook_method",
    "webhook_url",
    "reason_code_id",
    "template",
    "document_category",
    "file_name",
    "ftp_user_id",
    "integration_id",
    "mapping_group_id",
    "import_configuration_id",
    "report_query_id",
    "query_variables",
    "printer_id",
    "pick_type",
    "pack_strategy",
    "dispatch_strategy",
    "carrier_id",
    "carrier_service_id",
    "email_recipient",
    "email_subject",
    "email_body",
    "prompt",
    "dispatch_note_template_id",
    "invoice_template_id",
    "load_drop_manifest_template_id",
    "picking_note_template_id",
    "pre_receipt_template_id",
    "putaway_note_template_id",
    "account_id",
    "customer_id",
    "order_type_id",
    "warehouse_id",
    "expected_date_of_dispatch",
]
ParameterOperator = Literal[
    "eq", "neq", "greater_than", "greater_than_eq", "less_than", "less_than_eq"
]
WebhookMethod = Literal["POST", "GET"]

WEBHOOK = "webhook"
WEBHOOK_URL = "webhook_url"
WEBHOOK_METHOD = "webhook_method"
DEFAULT_WEBHOOK_METHOD = "POST"
WEBHOOK_METHODS: tuple[str, ...] = get_args(WebhookMethod)
RESOURCE_NAMES: tuple[str, ...] = get_args(ResourceName)

EMAIL = "email"
EMAIL_RECIPIENT = "email_recipient"
EMAIL_SUBJECT = "email_subject"
EMAIL_BODY = "email_body"
SENDING_DESTINATIONS = (WEBHOOK, EMAIL)
"""The destination types Clarus sends to; any other is refused."""
