"""One HTTP try of a webhook: to the one address the host was checked to resolve to.

The URL's host is resolved and checked once (`public_address`); the request then goes to that
address with the URL's host as `Host` header and, for https, as TLS server name, which is also
the name the server's certificate is checked against (`PinnedClients`). So a DNS answer that
changes between the check and the connection cannot steer a webhook into a private network.
Redirects are not followed: a 3xx is a failed attempt like any other non-2xx."""

from __future__ import annotations

import ssl
import time
from dataclasses import dataclass

from clarus.core.public_urls import PinnedClients, RequestFailed
from clarus.webhooks.payloads import SignedRequest
from clarus.webhooks.targets import UnsafeWebhookTarget, public_address

RESPONSE_BODY_LIMIT = 2048


@dataclass(frozen=True)
class AttemptOutcome:
    duration_ms: int
    status_code: int | None = None
    response_body: str | None = None
    retry_after: str | None = None
    error: str | None = None
    is_final: bool = False
    """Not worth another try: the URL is not one Clarus may send to, or the request could not
    be made at all. Given up at once, never retried."""

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def loggable(text: str) -> str:
    """What a receiver answered, as the attempt log can hold it: PostgreSQL refuses a NUL in
    text, so each reads as the replacement character, as undecodable bytes do."""
    return text.replace("\x00", "\ufffd")


class WebhookSender:
    def __init__(
        self,
        *,
        timeout_seconds: float,
        allow_private: bool,
        verify: ssl.SSLContext | bool = True,
        connections_per_target: int = 16,
    ) -> None:
        """`verify`: the TLS trust (the system's CAs by default); tests pass their own CA.
        Connections are kept alive per target (`PinnedClients`), at most
        `connections_per_target` to each."""
        self.allow_private = allow_private
        self.clients = PinnedClients(
            timeout_seconds=timeout_seconds,
            verify=verify,
            connections_per_target=connections_per_target,
        )

    async def aclose(self) -> None:
        await self.clients.aclose()

    async def close_idle(self) -> None:
        """Close the connections of targets not sent to for a while."""
        await self.clients.close_idle()

    async def send(self, request: SignedRequest) -> AttemptOutcome:
        started = time.perf_counter()

        def elapsed() -> int:
            return round((time.perf_counter() - started) * 1000)

        try:
            address = await public_address(request.url, allow_private=self.allow_private)
        except (UnsafeWebhookTarget, ValueError) as error:
            return AttemptOutcome(elapsed(), error=str(error), is_final=True)
        try:
            answer = await self.clients.send(
                request.method,
                request.url,
                address,
                headers=request.headers,
                content=request.content,
                limit=RESPONSE_BODY_LIMIT,
            )
        except ValueError as error:
            return AttemptOutcome(elapsed(), error=str(error), is_final=True)
        except RequestFailed as error:
            return AttemptOutcome(elapsed(), error=loggable(str(error)))
        return AttemptOutcome(
            elapsed(),
            status_code=answer.status_code,
            response_body=loggable(answer.body.decode("utf-8", errors="replace")),
            retry_after=answer.headers.get("Retry-After"),
        )
