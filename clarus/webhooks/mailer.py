"""One SMTP try of an email delivery, through the configured server (`CLARUS_SMTP_*`).

An attempt is written down like a webhook's: `status_code` is the SMTP reply code (250 when
the server took the message; 4xx and 5xx are refusals, and are tried again on the same
schedule as a webhook's non-2xx answer), `response_body` the server's reply, `error` why it
failed. A server that takes the message but refuses some of its recipients has delivered it:
the refused ones are named in `response_body`, since sending again would repeat the message
to the others."""

from __future__ import annotations

import ssl
import time
from collections.abc import Callable
from email.message import EmailMessage

import aiosmtplib

from clarus.core.settings import Settings
from clarus.webhooks.sender import RESPONSE_BODY_LIMIT, AttemptOutcome

NOT_CONFIGURED = "SMTP is not configured (CLARUS_SMTP_HOST is unset); the email was not sent."


class EmailSender:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.tls_context = (
            ssl.create_default_context(cafile=settings.smtp_ca_file)
            if settings.smtp_ca_file
            else None
        )
        """The certificate authorities the server is checked against: `CLARUS_SMTP_CA_FILE`'s,
        else (None) the system's."""

    async def send(self, message: EmailMessage, *, recipients: tuple[str, ...]) -> AttemptOutcome:
        started = time.perf_counter()

        def elapsed() -> int:
            return round((time.perf_counter() - started) * 1000)

        if not self.settings.sends_email:
            return AttemptOutcome(elapsed(), error=NOT_CONFIGURED)
        try:
            refused, reply = await self._send(message, recipients)
        except aiosmtplib.SMTPRecipientsRefused as error:
            return _all_refused(error, elapsed)
        except aiosmtplib.SMTPResponseException as error:
            return AttemptOutcome(
                elapsed(),
                status_code=error.code,
                response_body=_limited(f"{error.code} {error.message}"),
                error=f"The mail server answered {error.code}: {error.message}",
            )
        except (aiosmtplib.SMTPException, OSError) as error:
            return AttemptOutcome(elapsed(), error=f"{type(error).__name__}: {error}".rstrip(": "))
        answer = f"{aiosmtplib.SMTPStatus.completed.value} {reply}"
        if refused:
            answer += "\nRefused: " + "; ".join(
                f"{address} ({response.code} {response.message})"
                for address, response in refused.items()
            )
        return AttemptOutcome(
            elapsed(),
            status_code=aiosmtplib.SMTPStatus.completed.value,
            response_body=_limited(answer),
        )

    async def _send(
        self, message: EmailMessage, recipients: tuple[str, ...]
    ) -> tuple[dict[str, aiosmtplib.SMTPResponse], str]:
        settings = self.settings
        password = settings.smtp_password.get_secret_value() if settings.smtp_password else None
        client = aiosmtplib.SMTP(
            hostname=settings.smtp_host,
            port=settings.smtp_port_or_default,
            username=settings.smtp_username,
            password=password,
            use_tls=settings.smtp_tls == "implicit",
            start_tls=settings.smtp_tls == "starttls",
            timeout=settings.smtp_timeout_seconds,
            tls_context=self.tls_context,
        )
        async with client:
            return await client.send_message(message, recipients=list(recipients))


def _all_refused(
    error: aiosmtplib.SMTPRecipientsRefused, elapsed: Callable[[], int]
) -> AttemptOutcome:
    refusals = [f"{r.recipient} ({r.code} {r.message})" for r in error.recipients]
    code = error.recipients[0].code if error.recipients else None
    return AttemptOutcome(
        elapsed(),
        status_code=code,
        response_body=_limited("; ".join(refusals)),
        error="The mail server refused every recipient: " + "; ".join(refusals),
    )


def _limited(text: str) -> str:
    return text[:RESPONSE_BODY_LIMIT]
