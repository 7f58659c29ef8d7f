"""Every string the operator app shows, in one catalogue per language.

Templates and handlers name a message by its key (`t("sign_in.title")`); a translation is one
more catalogue in `CATALOGUES` with the same keys (`tests/api/app/test_messages.py` checks that
every key a template uses exists). A missing key in a translation falls back to English.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

DEFAULT_LANGUAGE = "en"

ENGLISH: Final[Mapping[str, str]] = {
    "app.name": "Clarus",
    "app.skip_to_content": "Skip to content",
    "app.signed_in_as": "Signed in as {name}",
    "app.sign_out": "Sign out",
    "app.main_navigation": "Main",
    "sign_in.title": "Sign in",
    "sign_in.heading": "Sign in to {subdomain}",
    "sign_in.email": "Email",
    "sign_in.password": "Password",
    "sign_in.submit": "Sign in",
    "sign_in.wrong_credentials": "Wrong email or password.",
    "sign_in.throttled": "Too many failed sign-ins. Try again in {minutes} minutes.",
    "sign_in.signed_out": "You are signed out.",
    "sign_in.form_expired": "This form expired or was sent from another site. Sign in again.",
    "problem.title": "Something is wrong",
    "problem.not_found": "There is no such page.",
    "problem.forbidden": "Your role does not allow this page. Ask a supervisor or an "
    "administrator.",
    "problem.form_expired": "This form expired or was sent from another site. Go back, reload "
    "the page and try again.",
    "problem.no_pages": "Your role gives you no page of the app. Ask an administrator.",
    "problem.home": "Back to the start",
    "page.handheld": "Menu",
    "page.receive": "Receive",
    "page.put_away": "Put away",
    "page.pick": "Pick",
    "page.move": "Move",
    "page.count": "Count",
    "page.replenish": "Replenish",
    "page.load": "Load",
    "page.dashboard": "Dashboard",
    "handheld.menu_heading": "What are you doing?",
    "dashboard.heading": "Dashboard",
    "dashboard.orders": "Open orders by due date",
    "dashboard.status": "Status",
    "dashboard.overdue": "Overdue",
    "dashboard.today": "Today",
    "dashboard.tomorrow": "Tomorrow",
    "dashboard.later": "Later",
    "dashboard.total": "Total",
    "dashboard.no_orders": "No open orders.",
    "dashboard.receipts_due": "Receipts due today: {count}",
    "dashboard.receipt": "Receipt",
    "dashboard.receipt_number": "Receipt {id}",
    "dashboard.expected": "Expected (UTC)",
    "dashboard.no_receipts": "No receipt is due today.",
    "dashboard.more": "And {count} more.",
    "dashboard.tasks": "Open tasks",
    "dashboard.task_type": "Task",
    "dashboard.waiting": "Waiting",
    "dashboard.taken": "Taken",
    "dashboard.no_tasks": "No open tasks.",
    "dashboard.holds": "Stock on hold: {count}",
    "dashboard.product": "Product",
    "dashboard.product_number": "Product {id}",
    "dashboard.location": "Location",
    "dashboard.quantity": "Quantity",
    "dashboard.reason": "Reason",
    "dashboard.no_holds": "No stock is on hold.",
    "dashboard.failed_deliveries": "Failed webhook deliveries: {count}",
    "dashboard.event": "Event",
    "dashboard.event_of": "{resource} {event} ({id})",
    "dashboard.attempts": "Attempts",
    "dashboard.last_error": "Last error",
    "dashboard.failed_at": "Failed at (UTC)",
    "dashboard.no_failed_deliveries": "No failed deliveries.",
    "order_status.DRAFT": "Draft",
    "order_status.PENDING": "Pending",
    "order_status.PICK": "Picking",
    "order_status.PART": "Part",
    "order_status.ALLOCATED": "Allocated",
    "order_status.COMPLETED": "Completed",
    "order_status.PART_ALLOCATED": "Part allocated",
    "order_status.CANCELLED": "Cancelled",
    "receipt_status.draft": "Draft",
    "receipt_status.pending": "Pending",
    "receipt_status.receiving": "Receiving",
    "receipt_status.received": "Received",
    "receipt_status.completed": "Completed",
    "receipt_status.cancelled": "Cancelled",
    "task_type.PICK": "Pick",
    "task_type.DISP": "Dispatch",
    "task_type.RCV": "Receive",
    "task_type.PWAY": "Put away",
    "task_type.TRAN": "Transfer",
    "task_type.REPLEN": "Replenish",
    "task_type.LOAD": "Load",
    "task_type.CONV": "Conversion",
    "task_type.COUNT": "Count",
    "handheld.done": "Done",
    "handheld.scan_receipt": "Scan the receipt reference",
    "handheld.scan_product": "Scan the product",
    "handheld.quantity": "Quantity",
    "handheld.scan_quantity": "Scan or type the quantity",
    "handheld.next": "OK",
    "handheld.receipt": "Receipt",
    "handheld.status": "Status",
    "handheld.no_receipt": "No receipt awaited has the reference {reference}.",
    "handheld.several_receipts": "Several receipts have the reference {reference}: ask the "
    "office which one.",
    "handheld.no_product": "No product has the code {code}.",
    "handheld.nothing_to_receive": "Nothing is left to receive of {product} on this receipt.",
    "handheld.bad_quantity": "Type a quantity above 0.",
    "handheld.received": "Received {quantity} of {product}.",
    "handheld.product": "Product",
    "handheld.from": "From",
    "handheld.offered": "Put it in",
    "handheld.anywhere": "Any location",
    "handheld.scan_location": "Scan the location",
    "handheld.override_reason": "Reason, when not the offered location",
    "handheld.no_override": "None: the offered location",
    "handheld.nothing_to_put_away": "Nothing is waiting to be put away.",
    "handheld.wrong_product": "This is not {product}: scan {product}.",
    "handheld.no_location": "No location of this warehouse has the code {code}.",
    "handheld.not_offered": "This is not {location}. Choose a reason to put it elsewhere.",
    "handheld.put_away": "Put {quantity} of {product} away in {location}.",
    "handheld.override_note": "Put away in {location} instead of {offered}: {reason}",
    "handheld.order": "Order",
    "handheld.pick_from": "Pick from",
    "handheld.short_reason": "Reason, when picking less",
    "handheld.no_short": "None: all of it",
    "handheld.nothing_to_pick": "Nothing is waiting to be picked.",
    "handheld.wrong_location": "This is not {location}: go to {location}.",
    "handheld.short_needs_reason": "You picked less than {quantity}. Choose a reason.",
    "handheld.picked": "Picked {quantity} of {product}.",
    "handheld.short_note": "Picked short: {reason}",
}

CATALOGUES: Final[Mapping[str, Mapping[str, str]]] = {DEFAULT_LANGUAGE: ENGLISH}


@dataclass(frozen=True, slots=True)
class Translator:
    """`t(key, **values)`: the message of `key` in one language, its `{placeholders}` filled."""

    language: str
    catalogue: Mapping[str, str]

    def __call__(self, key: str, **values: object) -> str:
        message = self.catalogue.get(key) or ENGLISH[key]
        return message.format(**values) if values else message


def translator(language: str | None = None) -> Translator:
    """The translator of `language` when there is a catalogue for it, else English."""
    chosen = language if language is not None and language in CATALOGUES else DEFAULT_LANGUAGE
    return Translator(chosen, CATALOGUES[chosen])
