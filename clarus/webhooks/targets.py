"""Where a webhook may be sent, and what the delivery side needs to know of an automation.

The automations side (conditions, actions, secrets) and the delivery side (outbox fan-out, the
worker, attempts) meet here: the worker asks a `WebhookDirectory` which webhook and email actions
an event reaches and how to sign for them, and never reads the automation tables itself."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlsplit

from sqlalchemy.ext.asyncio import AsyncSession


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
        payload: Mapping[str, Any],
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


class UnsafeWebhookTarget(ValueError):
    """The URL is not one Clarus sends webhooks to; the message says why."""


async def public_address(url: str, *, allow_private: bool) -> str:
    """The one address `url` is sent to, checked: https, no credentials in the URL, and every
    address the host resolves to public, unless `allow_private` (local development and tests),
    which also permits http. The caller connects to this address (not to the name again), so a
    DNS answer that changes between the check and the connection cannot reach a private
    network. A name that does not resolve and one that resolves to a private address are
    refused alike, so the answer tells nothing of the networks behind Clarus."""
    parts = urlsplit(url)
    allowed_schemes = {"https", "http"} if allow_private else {"https"}
    if parts.scheme not in allowed_schemes:
        raise UnsafeWebhookTarget(f"webhook_url must use {' or '.join(sorted(allowed_schemes))}.")
    if parts.username is not None or parts.password is not None:
        raise UnsafeWebhookTarget("webhook_url must not carry a user name or password.")
    if not parts.hostname:
        raise UnsafeWebhookTarget("webhook_url has no host.")
    not_public = UnsafeWebhookTarget(
        f"webhook_url host {parts.hostname!r} is not a public address."
    )
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(
            parts.hostname, port, type=socket.SOCK_STREAM
        )
    except OSError as error:
        raise not_public from error
    addresses = [str(info[4][0]) for info in infos]
    if not allow_private and not all(_is_public(address) for address in addresses):
        raise not_public
    return addresses[0]


def _is_public(address: str) -> bool:
    """Global, and not an IPv4 address in IPv6 clothing (`::ffff:10.0.0.1`) that is private."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global
