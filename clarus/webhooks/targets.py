"""Where a webhook may be sent, and what the delivery side needs to know of an automation.

The automations side (conditions, actions, secrets) and the delivery side (outbox fan-out, the
worker, attempts) meet here: the worker asks a `WebhookDirectory` which webhook and email actions
an event reaches and how to sign for them, and never reads the automation tables itself."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.json_types import JSONObject
from clarus.core.public_urls import UnsafeTarget, is_public, public_address


@dataclass(frozen=True)
class EmailDestination:
    """What an email action sends: to whom, and the subject and text it was given (None: the
    ones made from the event)."""

    recipients: tuple[str, ...]
    subject: str | None = None
    body: str | None = None


@dataclass(frozen=True)
class WebhookTarget:
    """One enabled webhook or email action of one enabled automation, as the worker sends to
    it. An email action's `url` is its `mailto:` URL and its `method` `SMTP`."""

    automation_id: int
    action_id: int
    url: str
    method: str
    """`POST` or `GET`."""
    integration_id: int | None
    secrets: tuple[str, ...]
    """`whsec_` secrets, newest first: during a rotation's overlap every one of them signs."""
    condition_error: str | None = None
    """Why the automation's conditions could not be judged for the event (a stored pattern RE2
    refuses): the event's delivery to this target is then recorded as failed, never sent."""
    email: EmailDestination | None = None
    """Set for an email action: the worker sends it through SMTP instead of HTTP."""


class WebhookDirectory(Protocol):
    async def targets_for(
        self,
        session: AsyncSession,
        *,
        tenant_id: int,
        resource_name: str,
        event: str,
        payload: JSONObject,
    ) -> list[WebhookTarget]:
        """The webhook and email actions of the tenant's enabled automations on this resource
        and event whose every condition holds for `payload` (the webhook body)."""
        ...

    async def target(
        self, session: AsyncSession, *, tenant_id: int, action_id: int
    ) -> WebhookTarget | None:
        """The action as it is now (a rotated secret, a changed URL), or None once the action
        or its automation is deleted or disabled."""
        ...

    async def disable(
        self, session: AsyncSession, *, tenant_id: int, automation_id: int, reason: str
    ) -> None:
        """Turn the automation off and record why (`410 Gone`, failing for five days)."""
        ...


UnsafeWebhookTarget = UnsafeTarget
"""The URL is not one Clarus sends webhooks to (the core SSRF rules, `clarus.core.public_urls`)."""

__all__ = [
    "EmailDestination",
    "UnsafeWebhookTarget",
    "WebhookDirectory",
    "WebhookTarget",
    "is_public",
    "public_address",
]
