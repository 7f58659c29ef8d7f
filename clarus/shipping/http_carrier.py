"""The HTTP carrier: Clarus POSTs the shipment to the URL the carrier is configured with
(`carrier_authentication: {"url", "secret"}`, a `whsec_` secret), signed as webhooks are
(Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature`), to the one
public address the URL was checked to resolve to (the webhooks' SSRF rules,
`clarus.core.public_urls`). Redirects are not followed.

The bridge answers a submit with 2xx and JSON `{"tracking_number", "tracking_numbers": [...],
"label_pdf_base64"}` (each optional but a tracking number); a 4xx is a refusal (the shipment
fails with the answer's `message` or `error`, else its body); a 5xx, a 429, a timeout or an
unreachable host is retried."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import ssl

from pydantic_core import to_json
from standardwebhooks import Webhook

from clarus import __version__
from clarus.core.json_types import JSONObject
from clarus.core.public_urls import (
    PinnedAnswer,
    PinnedClients,
    RequestFailed,
    UnsafeTarget,
    public_address,
)
from clarus.shipping.statuses import SubmissionAction
from clarus.shipping.submissions import CarrierAnswer, ShipmentRequest

USER_AGENT = f"Clarus-Carriers/{__version__}"
ANSWER_LIMIT = 5 * 1024 * 1024
MESSAGE_LIMIT = 500


class CarrierRefused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class CarrierUnreachable(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class HttpCarrier:
    def __init__(
        self,
        *,
        timeout_seconds: float = 10.0,
        allow_private: bool = False,
        verify: ssl.SSLContext | bool = True,
    ) -> None:
        self.allow_private = allow_private
        self.clients = PinnedClients(timeout_seconds=timeout_seconds, verify=verify)

    async def aclose(self) -> None:
        await self.clients.aclose()

    async def submit(self, request: ShipmentRequest) -> CarrierAnswer:
        answer = await self._post(request, SubmissionAction.SUBMIT)
        return _answer(answer, packages=len(request.packages))

    async def cancel(self, request: ShipmentRequest) -> JSONObject:
        return await self._post(request, SubmissionAction.CANCEL)

    async def _post(self, request: ShipmentRequest, action: SubmissionAction) -> JSONObject:
        url = str(request.credentials.get("url", ""))
        try:
            address = await public_address(
                url, allow_private=self.allow_private, field="carrier_authentication/url"
            )
        except (UnsafeTarget, ValueError) as error:
            raise CarrierRefused(str(error)) from error
        content = to_json(request.body(action))
        headers = {
            **_signature_headers(request, action, content),
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
        }
        try:
            answer = await self.clients.send(
                "POST", url, address, headers=headers, content=content, limit=ANSWER_LIMIT
            )
        except ValueError as error:
            raise CarrierRefused(str(error)) from error
        except RequestFailed as error:
            raise CarrierUnreachable(str(error)) from error
        return _read(answer)


def _signature_headers(
    request: ShipmentRequest, action: SubmissionAction, content: bytes
) -> dict[str, str]:
    msg_id = f"shp_{request.shipment_id}_{action.value}"
    timestamp = dt.datetime.now(dt.UTC)
    headers = {"webhook-id": msg_id, "webhook-timestamp": str(int(timestamp.timestamp()))}
    secret = request.credentials.get("secret")
    if isinstance(secret, str):
        headers["webhook-signature"] = Webhook(secret).sign(
            msg_id=msg_id, timestamp=timestamp, data=content.decode()
        )
    return headers


def _read(response: PinnedAnswer) -> JSONObject:
    body = response.body
    try:
        parsed = json.loads(body) if body else {}
    except ValueError:
        parsed = None
    answer: JSONObject = parsed if isinstance(parsed, dict) else {}
    if response.status_code >= 500 or response.status_code == 429:
        raise CarrierUnreachable(f"The carrier answered {response.status_code}.")
    if not 200 <= response.status_code < 300:
        message = answer.get("message") or answer.get("error")
        text = message if isinstance(message, str) else body.decode("utf-8", errors="replace")
        raise CarrierRefused(
            text.replace("\x00", "\ufffd")[:MESSAGE_LIMIT] or str(response.status_code)
        )
    return answer


def _answer(answer: JSONObject, *, packages: int) -> CarrierAnswer:
    numbers_sent = answer.get("tracking_numbers")
    numbers = (
        tuple(str(number) for number in numbers_sent) if isinstance(numbers_sent, list) else ()
    )
    first = answer.get("tracking_number")
    tracking = str(first) if isinstance(first, str | int) else (numbers[0] if numbers else None)
    if tracking is None:
        raise CarrierRefused("The carrier's answer has no tracking_number.")
    if not numbers:
        numbers = (tracking,) * packages
    label = None
    encoded = answer.get("label_pdf_base64")
    if isinstance(encoded, str):
        try:
            label = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError) as error:
            raise CarrierRefused("The carrier's label_pdf_base64 is not base64.") from error
    response = {name: value for name, value in answer.items() if name != "label_pdf_base64"}
    return CarrierAnswer(
        tracking_numbers=numbers, tracking_number=tracking, label=label, response=response
    )
