"""Where Clarus may send a request it makes on a tenant's behalf (webhooks, HTTP carriers): the
SSRF rules. A URL is checked, and its host resolved once, to the one public address the request
then goes to."""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
import ssl
import time
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeAlias
from urllib.parse import urlsplit

import aiohttp
import certifi
from aiohttp.abc import AbstractResolver, ResolveResult
from yarl import URL


class UnsafeTarget(ValueError):
    """The URL is not one Clarus sends requests to; the message says why."""


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


async def public_address(url: str, *, allow_private: bool, field: str = "webhook_url") -> str:
    """The one address `url` is sent to, checked: a URL without control characters or spaces,
    https, no credentials in the URL, and every address the host resolves to public (an IPv4
    address carried inside an IPv6 one is judged as itself), unless `allow_private` (local
    development and tests), which also permits http. The caller connects to this address (not
    to the name again), so a DNS answer that changes between the check and the connection
    cannot reach a private network. A name that does not resolve and one that resolves to a
    private address are refused alike, so the answer tells nothing of the networks behind
    Clarus."""
    if URL_FORBIDDEN_CHARACTERS.search(url):
        raise UnsafeTarget(f"{field} must not contain spaces or control characters.")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise UnsafeTarget(f"{field} is not a valid URL ({error}).") from error
    allowed_schemes = {"https", "http"} if allow_private else {"https"}
    if parts.scheme not in allowed_schemes:
        raise UnsafeTarget(f"{field} must use {' or '.join(sorted(allowed_schemes))}.")
    if parts.username is not None or parts.password is not None:
        raise UnsafeTarget(f"{field} must not carry a user name or password.")
    if not parts.hostname:
        raise UnsafeTarget(f"{field} has no host.")
    not_public = UnsafeTarget(f"{field} host {parts.hostname!r} is not a public address.")
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


PinnedTarget: TypeAlias = tuple[str, str, int, str]
"""A URL's scheme, host and port, and the address its host was checked to resolve to."""


class RequestFailed(Exception):
    """A request to a tenant's URL got no answer. The message begins with the kind of failure
    (`ConnectError`, `ConnectTimeout`, `ReadTimeout`, `Timeout`, `RemoteProtocolError`,
    `NetworkError`), the words attempt logs have always used."""


@dataclass(frozen=True)
class PinnedAnswer:
    status_code: int
    headers: Mapping[str, str]
    """Case-insensitive."""
    body: bytes
    """At most the `limit` asked for."""


class _PinnedResolver(AbstractResolver):
    """Answers every lookup with the one address the host was checked to resolve to."""

    def __init__(self, address: str) -> None:
        self.address = address
        ip = ipaddress.ip_address(address.split("%")[0])
        self.family = socket.AF_INET6 if ip.version == 6 else socket.AF_INET

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        return [
            ResolveResult(
                hostname=host,
                host=self.address,
                port=port,
                family=self.family,
                proto=0,
                flags=socket.AI_NUMERICHOST,
            )
        ]

    async def close(self) -> None:
        return None


@dataclass
class _PinnedSession:
    session: aiohttp.ClientSession
    in_flight: int = 0
    last_used: float = 0.0


class PinnedClients:
    """Keep-alive connections for requests to tenants' URLs (aiohttp), a session (and its pool)
    per pinned target. The session's resolver answers with the checked address only, so the
    connection goes there while the Host header and, over https, the TLS server name and the
    name the certificate is checked against stay the URL's host. A connection is reused only
    for the host name it was opened for and only to the checked address: one shared pool would
    hand a connection opened for one host to another that has the same address, unchecked.
    Redirects are not followed (one could lead past the address check) and nothing is taken
    from the environment (proxies, .netrc).

    At most `max_targets` sessions are kept: making one more closes the least recently used
    idle one. Each holds at most `connections_per_target` connections, closed after
    `idle_seconds` unused; `close_idle` closes whole sessions that long unused (a worker calls
    it when it finds nothing to do). The TLS context is made once, for all of them."""

    def __init__(
        self,
        *,
        timeout_seconds: float,
        verify: ssl.SSLContext | bool,
        max_targets: int = 64,
        connections_per_target: int = 16,
        idle_seconds: float = 30.0,
    ) -> None:
        self.timeout = aiohttp.ClientTimeout(
            total=None, connect=timeout_seconds, sock_read=timeout_seconds
        )
        self.tls: ssl.SSLContext | bool = (
            ssl.create_default_context(cafile=certifi.where()) if verify is True else verify
        )
        self.max_targets = max_targets
        self.connections_per_target = connections_per_target
        self.idle_seconds = idle_seconds
        self.sessions: OrderedDict[PinnedTarget, _PinnedSession] = OrderedDict()

    async def send(
        self,
        method: str,
        url: str,
        address: str,
        *,
        headers: Mapping[str, str],
        content: bytes,
        limit: int,
    ) -> PinnedAnswer:
        """`url` sent to `address`, the public address its host was checked to have: the answer
        with at most `limit` bytes of its body, so a tenant's server cannot make Clarus hold
        more. Raises `ValueError` for a URL that cannot be sent and `RequestFailed` when no
        answer came."""
        target = wire_url(url)
        if target.host is None or target.port is None:
            raise ValueError(f"{url!r} has no host.")
        pinned, evicted = self._checkout((target.scheme, target.host, target.port, address))
        for session in evicted:
            await session.close()
        pinned.in_flight += 1
        try:
            async with pinned.session.request(
                method, target, data=content or None, headers=headers, allow_redirects=False
            ) as response:
                body = await _read_bounded(response.content, limit)
                return PinnedAnswer(response.status, response.headers, body)
        except (aiohttp.ClientError, TimeoutError) as error:
            raise _failure(error) from error
        finally:
            pinned.in_flight -= 1
            pinned.last_used = time.monotonic()

    async def close_idle(self) -> None:
        """Close the sessions unused for `idle_seconds`."""
        since = time.monotonic() - self.idle_seconds
        idle = [
            target
            for target, pinned in self.sessions.items()
            if pinned.in_flight == 0 and pinned.last_used <= since
        ]
        for target in idle:
            await self.sessions.pop(target).session.close()

    async def aclose(self) -> None:
        sessions, self.sessions = self.sessions, OrderedDict()
        for pinned in sessions.values():
            await pinned.session.close()

    def _checkout(self, target: PinnedTarget) -> tuple[_PinnedSession, list[aiohttp.ClientSession]]:
        """The target's session (made if need be) and the sessions evicted to make room for
        it, for the caller to close. Nothing here awaits, so two sends to a new target share
        one session."""
        pinned = self.sessions.get(target)
        if pinned is not None:
            self.sessions.move_to_end(target)
            return pinned, []
        pinned = _PinnedSession(self._session(address=target[3]), last_used=time.monotonic())
        evicted: list[aiohttp.ClientSession] = []
        for other, held in list(self.sessions.items()):
            if len(self.sessions) < self.max_targets:
                break
            if held.in_flight == 0:
                evicted.append(self.sessions.pop(other).session)
        self.sessions[target] = pinned
        return pinned, evicted

    def _session(self, *, address: str) -> aiohttp.ClientSession:
        connector = aiohttp.TCPConnector(
            resolver=_PinnedResolver(address),
            use_dns_cache=False,
            limit=self.connections_per_target,
            keepalive_timeout=self.idle_seconds,
            ssl=self.tls,
        )
        return aiohttp.ClientSession(
            connector=connector,
            timeout=self.timeout,
            trust_env=False,
            skip_auto_headers=("Accept-Encoding",),
        )


def wire_url(url: str) -> URL:
    """The URL as sent. An ASCII URL goes on the wire exactly as written (a GET webhook's
    signature covers its query, which re-quoting would change); one with other characters gets
    its host IDNA-encoded and the rest percent-encoded."""
    return URL(url, encoded=url.isascii())


async def _read_bounded(stream: aiohttp.StreamReader, limit: int) -> bytes:
    body = bytearray()
    while len(body) < limit:
        chunk = await stream.read(limit - len(body))
        if not chunk:
            break
        body += chunk
    return bytes(body)


def _failure(error: aiohttp.ClientError | TimeoutError) -> RequestFailed:
    kind = "NetworkError"
    if isinstance(error, aiohttp.ConnectionTimeoutError):
        kind = "ConnectTimeout"
    elif isinstance(error, aiohttp.SocketTimeoutError):
        kind = "ReadTimeout"
    elif isinstance(error, TimeoutError):
        kind = "Timeout"
    elif isinstance(error, aiohttp.ClientConnectorError):
        kind = "ConnectError"
    elif isinstance(
        error,
        aiohttp.ServerDisconnectedError | aiohttp.ClientPayloadError | aiohttp.ClientResponseError,
    ):
        kind = "RemoteProtocolError"
    detail = str(error)
    return RequestFailed(f"{kind}: {detail}" if detail else kind)
