"""Where a webhook may be sent, and what the delivery side needs to know of an automation.

The automations side (conditions, actions, secrets) and the delivery side (outbox fan-out, the
worker, attempts) meet here: the worker asks a `WebhookDirectory` which webhook and email actions
an event reaches and how to sign for them, and never reads the automation tables itself."""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit

from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.json_types import JSONObject


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


class UnsafeWebhookTarget(ValueError):
    """The URL is not one Clarus sends webhooks to; the message says why."""


URL_FORBIDDEN_CHARACTERS = re.compile(r"[\x00-\x20\x7f-\x9f]")
"""Control characters and spaces: a raw CR or LF would split the request line; the standard
library's URL parser drops some of them silently, so they are refused before parsing."""
NAT64_PREFIXES = (
    ipaddress.IPv6Network("64:ff9b::/96"),
    ipaddress.IPv6Network("64:ff9b:1::/48"),
)
"""NAT64 (RFC 6052, RFC 8215): the last 32 bits are the IPv4 address a translator reaches."""
IPV4_TRANSLATED = ipaddress.IPv6Network("::ffff:0:0:0/96")
"""SIIT's IPv4-translated addresses (RFC 2765): the last 32 bits are an IPv4 address."""
IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")
"""The deprecated IPv4-compatible addresses (`::127.0.0.1`, RFC 4291)."""


async def public_address(url: str, *, allow_private: bool) -> str:
    """The one address `url` is sent to, checked: a URL without control characters or spaces,
    https, no credentials in the URL, and every address the host resolves to public (an IPv4
    address carried inside an IPv6 one is judged as itself), unless `allow_private` (local
    development and tests), which also permits http. The caller connects to this address (not
    to the name again), so a DNS answer that changes between the check and the connection
    cannot reach a private network. A name that does not resolve and one that resolves to a
    private address are refused alike, so the answer tells nothing of the networks behind
    Clarus."""
    if URL_FORBIDDEN_CHARACTERS.search(url):
        raise UnsafeWebhookTarget("webhook_url must not contain spaces or control characters.")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise UnsafeWebhookTarget(f"webhook_url is not a valid URL ({error}).") from error
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
    port = port or (443 if parts.scheme == "https" else 80)
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(
            parts.hostname, port, type=socket.SOCK_STREAM
        )
    except (OSError, UnicodeError) as error:
        raise not_public from error
    addresses = [str(info[4][0]) for info in infos]
    if not allow_private and not all(is_public(address) for address in addresses):
        raise not_public
    return addresses[0]


def ipv4_in_disguise(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv4-mapped, IPv4-compatible or IPv4-translated IPv6 address is
    (`::ffff:10.0.0.1`, `::127.0.0.1`, `::ffff:0:a9fe:a9fe`): a connection to it is one to the
    IPv4 address."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip in IPV4_COMPATIBLE or ip in IPV4_TRANSLATED:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def ipv4_routed_to(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses a packet to `ip` is translated or tunnelled to: NAT64
    (`64:ff9b::a9fe:a9fe`), 6to4 (`2002:a9fe:a9fe::`) and Teredo (server and client)."""
    found: list[ipaddress.IPv4Address] = []
    if any(ip in prefix for prefix in NAT64_PREFIXES):
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    if ip.sixtofour is not None:
        found.append(ip.sixtofour)
    if ip.teredo is not None:
        found.extend(ip.teredo)
    return found


def _is_public_ipv4(ip: ipaddress.IPv4Address) -> bool:
    return ip.is_global and not ip.is_multicast


def is_public(address: str) -> bool:
    """An IPv4 address global and not multicast. An IPv6 address that is an IPv4 one in
    disguise is judged as that IPv4 address; any other must be global, neither multicast nor
    site-local (`fec0::/10`), and every IPv4 address it is translated or tunnelled to public."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv4Address):
        return _is_public_ipv4(ip)
    disguised = ipv4_in_disguise(ip)
    if disguised is not None:
        return _is_public_ipv4(disguised)
    return (
        ip.is_global
        and not ip.is_multicast
        and not ip.is_site_local
        and all(_is_public_ipv4(routed) for routed in ipv4_routed_to(ip))
    )
