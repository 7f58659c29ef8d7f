"""A pure ASGI middleware: request ids, the body size limit, rate-limit headers on responses, and
clients that hang up mid-request."""

from __future__ import annotations

import logging
import re
import uuid

from starlette.datastructures import MutableHeaders
from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from clarus.api.rest.errors import REQUEST_ID_HEADER, error_response
from clarus.core.errors import ClarusError, ErrorKind

_ACCEPTABLE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
logger = logging.getLogger("clarus.api")


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return str(value.decode("latin-1"))
    return None


def _declares_more_than(content_length: str | None, limit: int) -> bool:
    """Whether a `Content-Length` of ASCII digits (of any length) says more than `limit` bytes;
    any other value declares nothing, and the body is counted as it arrives."""
    if content_length is None or not (content_length.isascii() and content_length.isdigit()):
        return False
    digits = content_length.lstrip("0")
    return len(digits) > len(str(limit)) or int(digits or "0") > limit


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp, *, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = _header(scope, b"x-request-id")
        request_id = (
            incoming if incoming and _ACCEPTABLE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        )
        state: dict[str, object] = scope.setdefault("state", {})
        state["request_id"] = request_id

        if _declares_more_than(_header(scope, b"content-length"), self.max_body_bytes):
            response = error_response(
                ClarusError.of(ErrorKind.PAYLOAD_TOO_LARGE, max_bytes=self.max_body_bytes)
            )
            response.headers[REQUEST_ID_HEADER] = request_id
            await response(scope, receive, send)
            return

        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    raise ClarusError.of(ErrorKind.PAYLOAD_TOO_LARGE, max_bytes=self.max_body_bytes)
            return message

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers[REQUEST_ID_HEADER] = request_id
                rate_limit_headers = state.get("rate_limit_headers")
                if isinstance(rate_limit_headers, dict):
                    for name, value in rate_limit_headers.items():
                        if name not in headers:
                            headers[name] = value
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except ClientDisconnect:
            _hung_up(scope, request_id)


def _hung_up(scope: Scope, request_id: str) -> None:
    """A client that hung up before its answer (a load generator closing its connections at
    the end of a run does it to every request in flight) is no server error: one line at info,
    no traceback, and the request's transaction was rolled back on the way out. Only
    `ClientDisconnect` is taken: Starlette raises it for a disconnect and nothing else."""
    logger.info(
        "client hung up before the answer: %s %s (request %s)",
        scope.get("method"),
        scope.get("path"),
        request_id,
    )
