"""A real SMTP server for the email tests: aiosmtpd on 127.0.0.1 at a free port, in the tests'
event loop, keeping every message it takes and refusing recipients as a test scripts."""

from __future__ import annotations

import asyncio
import functools
import ssl
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session


@dataclass(frozen=True)
class Delivered:
    sender: str
    recipients: list[str]
    message: EmailMessage


@dataclass
class Mailbox:
    received: list[Delivered] = field(default_factory=list)
    rcpt_replies: list[str] = field(default_factory=list)
    """Replies to the next RCPT commands, in order; once used up, every recipient is taken."""
    logins: list[tuple[str, str]] = field(default_factory=list)
    server: asyncio.Server | None = None

    async def start(
        self, *, tls: ssl.SSLContext | None = None, credentials: tuple[str, str] | None = None
    ) -> None:
        """`tls`: offer STARTTLS and require it; `credentials`: require this login (after
        STARTTLS)."""
        loop = asyncio.get_running_loop()
        options: dict[str, Any] = {"hostname": "mail.clarus.test"}
        if tls is not None:
            options.update(tls_context=tls, require_starttls=True)
        if credentials is not None:
            options.update(
                authenticator=functools.partial(self._authenticate, credentials),
                auth_required=True,
                auth_require_tls=True,
            )
        factory = functools.partial(SMTP, self, **options)
        self.server = await loop.create_server(factory, "127.0.0.1", 0)

    def _authenticate(
        self,
        credentials: tuple[str, str],
        server: SMTP,
        session: Session,
        envelope: Envelope,
        mechanism: str,
        auth_data: Any,
    ) -> AuthResult:
        assert isinstance(auth_data, LoginPassword)
        login = (auth_data.login.decode(), auth_data.password.decode())
        self.logins.append(login)
        return AuthResult(success=login == credentials)

    async def stop(self) -> None:
        if self.server is not None:
            self.server.close()
            await self.server.wait_closed()

    @property
    def port(self) -> int:
        assert self.server is not None
        port: int = self.server.sockets[0].getsockname()[1]
        return port

    def refuse_next(self, *replies: str) -> None:
        self.rcpt_replies.extend(replies)

    async def handle_RCPT(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        if self.rcpt_replies:
            return self.rcpt_replies.pop(0)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content: Any = envelope.content
        message = message_from_bytes(content.replace(b"\r\n", b"\n"), policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.received.append(Delivered(str(envelope.mail_from), list(envelope.rcpt_tos), message))
        return f"250 2.0.0 Ok: queued as Q{len(self.received)}"
