"""What an email action sends: its recipients as written in its parameters, and the message an
event becomes (a subject naming the event and record, a readable text, and the event's JSON,
the very body a webhook of the event receives)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from urllib.parse import quote

from clarus.core.fields import has_email_shape
from clarus.core.settings import Settings
from clarus.webhooks.payloads import EventEnvelope, domain_headers, message_id
from clarus.webhooks.targets import EmailDestination

SMTP_METHOD = "SMTP"
"""The `method` of an email delivery, beside its `mailto:` URL."""
MAX_RECIPIENTS = 50


def recipients_in(values: Iterable[str]) -> list[str]:
    """The addresses of `email_recipient` values: each one address or several, comma-separated."""
    return [address.strip() for value in values for address in value.split(",") if address.strip()]


def is_plain_address(value: str) -> bool:
    """One plain address (`name@example.com`) that SMTP and a `To` header carry as it is: the
    shape Clarus asks of every email address, readable by the standard library's address
    parser, ASCII, with no display name and no line break."""
    if not value.isascii() or not has_email_shape(value):
        return False
    try:
        Address(addr_spec=value)
    except (ValueError, IndexError):
        return False
    return True


def mailto_url(recipients: Iterable[str]) -> str:
    """RFC 6068: `mailto:a@example.com,b@example.com`, what the delivery log shows as the URL."""
    return "mailto:" + ",".join(quote(address, safe="@.+-_") for address in recipients)


def default_subject(envelope: EventEnvelope) -> str:
    return (
        f"Clarus: {envelope.resource_name} {envelope.record_id} {envelope.event} "
        f"({envelope.subdomain})"
    )


def sender_address(settings: Settings) -> str:
    """The bare address of `smtp_from` (which may carry a display name)."""
    return parseaddr(settings.smtp_from or "")[1]


def email_message(
    envelope: EventEnvelope,
    *,
    delivery_id: int,
    destination: EmailDestination,
    automation_id: int,
    integration_id: int | None,
    now: dt.datetime,
    settings: Settings,
) -> EmailMessage:
    """The message of one attempt. Its `Message-ID` is the delivery's, the same on every retry
    (as `webhook-id` is), so a mailbox or a filter can drop a duplicate."""
    message = EmailMessage()
    message["From"] = settings.smtp_from or ""
    message["To"] = ", ".join(destination.recipients)
    message["Subject"] = destination.subject or default_subject(envelope)
    message["Date"] = format_datetime(now)
    domain = sender_address(settings).rpartition("@")[2] or "clarus.invalid"
    message["Message-ID"] = f"<{message_id(delivery_id)}.{envelope.public_id}@{domain}>"
    message["Auto-Submitted"] = "auto-generated"
    for name, value in domain_headers(settings).items():
        message[name] = value
    message["X-ClarusWMS-Subdomain"] = envelope.subdomain
    message["X-ClarusWMS-Automation-ID"] = str(automation_id)
    if integration_id is not None:
        message["X-ClarusWMS-Integration-ID"] = str(integration_id)
    message.set_content(_text(envelope, destination, automation_id))
    return message


def _text(envelope: EventEnvelope, destination: EmailDestination, automation_id: int) -> str:
    body = envelope.body()
    summary = [
        f"{envelope.resource_name} {envelope.record_id}: {envelope.event}",
        f"Tenant: {envelope.subdomain}",
        f"Event: {body['id']} (event {envelope.sequence} of the record), {body['occurred_at']}",
        f"Automation: {automation_id}",
    ]
    parts = [destination.body] if destination.body else []
    parts += [
        "\n".join(summary),
        "The event as JSON (the body a webhook receives):\n\n"
        + json.dumps(body, indent=2, ensure_ascii=False),
    ]
    return "\n\n".join(parts) + "\n"
