"""What a webhook carries: the body (built from the outbox event), its signature and headers.

The body is serialised once per attempt and those exact bytes are signed (Standard Webhooks:
HMAC-SHA256 of `"{webhook-id}.{webhook-timestamp}.{body}"`, one `v1,<base64>` per secret).
A `GET` webhook carries no body: the envelope's scalar fields travel as query parameters and the
whole query string of the URL (the part after `?`) is what is signed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from pydantic_core import to_json, to_jsonable_python
from standardwebhooks import Webhook

from clarus import __version__
from clarus.core.json_types import JSONObject
from clarus.core.settings import Settings

USER_AGENT = f"Clarus-Webhooks/{__version__}"
GET_QUERY_FIELDS = ("id", "resource_name", "event", "record_id", "sequence", "occurred_at")
"""What a `GET` webhook says of the event; the receiver reads the record through the API."""
INTERNAL_FIELDS = frozenset({"tenant_id"})
"""Columns an event's payload may hold (the generic record events carry the whole row) that the
REST API never shows, so neither does a webhook: the tenant is the envelope's `subdomain`."""


@dataclass(frozen=True)
class EventEnvelope:
    """An outbox event as a webhook presents it."""

    event_id: int
    resource_name: str
    event: str
    record_id: int
    sequence: int
    occurred_at: dt.datetime
    subdomain: str
    data: JSONObject

    @property
    def public_id(self) -> str:
        return event_public_id(self.event_id)

    def body(self) -> JSONObject:
        """The JSON body: `{"id", "resource_name", "event", "occurred_at", "subdomain",
        "sequence", "data"}`; the directory's conditions read it too (`data.account_id`)."""
        jsonable: JSONObject = to_jsonable_python(
            {
                "id": self.public_id,
                "resource_name": self.resource_name,
                "event": self.event,
                "occurred_at": self.occurred_at,
                "subdomain": self.subdomain,
                "sequence": self.sequence,
                "data": shown_data(self.data),
            }
        )
        return jsonable

    def query(self) -> str:
        values = {
            "id": self.public_id,
            "resource_name": self.resource_name,
            "event": self.event,
            "record_id": self.record_id,
            "sequence": self.sequence,
            "occurred_at": to_jsonable_python(self.occurred_at),
        }
        return urlencode([(name, str(values[name])) for name in GET_QUERY_FIELDS])


def shown_data(data: JSONObject) -> JSONObject:
    """The record of an event as the REST API shows it: without `INTERNAL_FIELDS`."""
    return {name: value for name, value in data.items() if name not in INTERNAL_FIELDS}


def event_public_id(event_id: int) -> str:
    return f"evt_{event_id}"


def message_id(delivery_id: int) -> str:
    """`webhook-id`: one per delivery, the same on every retry, so receivers can deduplicate."""
    return f"msg_{delivery_id}"


def signature(secrets: tuple[str, ...], *, msg_id: str, timestamp: dt.datetime, data: str) -> str:
    """`webhook-signature`: a `v1,<sig>` per secret, space-separated, so a receiver holding
    either the old or the new secret verifies during a rotation."""
    return " ".join(
        Webhook(secret).sign(msg_id=msg_id, timestamp=timestamp, data=data) for secret in secrets
    )


def domain_headers(settings: Settings) -> dict[str, str]:
    """`X-ClarusWMS-Domain` is the host of `public_base_url` (where people reach Clarus);
    `X-ClarusWMS-API-Domain` the host of `public_api_base_url`, which defaults to it."""
    public_host = urlsplit(settings.public_base_url).netloc
    api_host = urlsplit(settings.public_api_base_url or settings.public_base_url).netloc
    return {"X-ClarusWMS-Domain": public_host, "X-ClarusWMS-API-Domain": api_host}


@dataclass(frozen=True)
class SignedRequest:
    method: str
    url: str
    headers: dict[str, str]
    content: bytes


def signed_request(
    envelope: EventEnvelope,
    *,
    delivery_id: int,
    url: str,
    method: str,
    automation_id: int,
    integration_id: int | None,
    secrets: tuple[str, ...],
    timestamp: dt.datetime,
    settings: Settings,
) -> SignedRequest:
    """The request of one attempt. `timestamp` is wall-clock time: receivers reject a
    signature more than five minutes from their own clock."""
    if method == "GET":
        separator = "&" if urlsplit(url).query else "?"
        url = f"{url}{separator}{envelope.query()}"
        signed_data, content = urlsplit(url).query, b""
    else:
        content = to_json(envelope.body())
        signed_data = content.decode()
    msg_id = message_id(delivery_id)
    headers = {
        **domain_headers(settings),
        "X-ClarusWMS-Subdomain": envelope.subdomain,
        "X-ClarusWMS-Automation-ID": str(automation_id),
        "User-Agent": USER_AGENT,
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(timestamp.timestamp())),
        "webhook-signature": signature(
            secrets, msg_id=msg_id, timestamp=timestamp, data=signed_data
        ),
    }
    if integration_id is not None:
        headers["X-ClarusWMS-Integration-ID"] = str(integration_id)
    if method != "GET":
        headers["Content-Type"] = "application/json"
    return SignedRequest(method=method, url=url, headers=headers, content=content)
