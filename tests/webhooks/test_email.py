"""Email automations: made through the API on a Clarus with an SMTP server, sent by the worker
to a real local SMTP server (aiosmtpd), refused recipients retried on the webhook schedule, and
every attempt in the delivery log beside the webhooks'."""

from __future__ import annotations

import datetime as dt
import json
import ssl
from collections.abc import AsyncIterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import ValidationError

from clarus.api.application import create_app
from clarus.core.db import Database
from clarus.core.settings import Settings
from clarus.webhooks.directory import AutomationDirectory
from clarus.webhooks.mailer import NOT_CONFIGURED, EmailSender
from clarus.webhooks.policy import RetryPolicy
from tests.conftest import make_settings
from tests.inbound.receiving import dock
from tests.outbound.test_fulfilment import new_order
from tests.support import TEST_SECRET_BOX, ApiClientFactory, Caller, assert_refused
from tests.webhooks.conftest import WorkerFactory
from tests.webhooks.fakes import FakeClock
from tests.webhooks.helpers import attempts_of, deliveries_of, drain
from tests.webhooks.mailbox import Mailbox
from tests.webhooks.support import PUBLIC_URL, automation_body, condition
from tests.webhooks.test_tls import certificate

SENDER = "Clarus <clarus@warehouse.example>"
JSON_MARKER = "The event as JSON (the body a webhook receives):\n\n"
ACTIONS = "/data/attributes/actions_changes/0/attributes"
LOG_QUERY = """query($automation: ID!) {
  automations { all { edges { node { id actions { destination_type destination_code
    parameters { parameter_code value } } } } } }
  webhook_deliveries { all(filter: {automation_id: {eq: $automation}}) { edges { node {
    id url method status attempt_count last_status_code last_error } } } }
  webhook_attempts { all(filter: {automation_id: {eq: $automation}}) { edges { node {
    delivery_id status_code response_body error } } } } }"""


def email_action(*recipients: str, **parameters: str) -> dict[str, Any]:
    """An email action with an `email_recipient` parameter per value given, then the others
    (`email_subject=...`, `email_body=...`)."""
    values = [("email_recipient", recipient) for recipient in recipients]
    values += list(parameters.items())
    return {
        "type": "ADD",
        "attributes": {
            "destination_type": "email",
            "destination_code": "default",
            "parameters_changes": [
                {"type": "ADD", "attributes": {"parameter_code": code, "value": value}}
                for code, value in values
            ],
        },
    }


def scheduled(*actions: dict[str, Any]) -> dict[str, Any]:
    return automation_body(
        resource_name="daily_schedule",
        event="triggered",
        name="Morning mail",
        conditions_changes=[],
        actions_changes=list(actions),
    )


@pytest.fixture
async def mailbox() -> AsyncIterator[Mailbox]:
    server = Mailbox()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
def mail_settings(database_url: str, mailbox: Mailbox) -> Settings:
    return make_settings(
        database_url,
        smtp_host="127.0.0.1",
        smtp_port=mailbox.port,
        smtp_tls="none",
        smtp_from=SENDER,
        smtp_timeout_seconds=10.0,
    )


@pytest.fixture
async def mail_clients(mail_settings: Settings) -> AsyncIterator[ApiClientFactory]:
    """Callers of a Clarus with an SMTP server configured."""
    app = create_app(mail_settings)
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://clarus.test") as http:
            yield ApiClientFactory(http, app.state.db)
    finally:
        await app.state.db.dispose()


async def create(caller: Caller, body: dict[str, Any]) -> dict[str, Any]:
    response = await caller.post("/api/automations", body)
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


async def run(caller: Caller, automation: dict[str, Any]) -> None:
    response = await caller.post(f"/api/automations/{automation['id']}/run", None)
    assert response.status_code == 200, response.text
    assert response.json()["data"]["attributes"]["queued"] is True


def event_json(text: str) -> Any:
    assert JSON_MARKER in text, text
    return json.loads(text.split(JSON_MARKER, 1)[1])


async def test_the_documented_email_automation_mails_the_matching_order(
    mail_clients: ApiClientFactory,
    mail_settings: Settings,
    db: Database,
    mailbox: Mailbox,
    make_worker: WorkerFactory,
) -> None:
    caller = await mail_clients.new()
    watched = await dock(caller)
    other_account = await caller.create_account()
    automation = await create(
        caller,
        automation_body(
            event="created",
            name="Email on dispatch",
            conditions_changes=[condition("data.account_id", "eq", str(watched.stock.account_id))],
            actions_changes=[email_action("warehouse@acme.example")],
        ),
    )
    [action] = automation["attributes"]["actions"]
    assert "webhook_secret" not in action
    assert (action["destination_type"], action["destination_code"]) == ("email", "default")

    order = await new_order(caller, watched, 4, reference="SO-MAIL")
    await new_order(caller, watched, 1, reference="SO-OTHER", account_id=int(other_account["id"]))
    worker = make_worker(settings=mail_settings, directory=AutomationDirectory(TEST_SECRET_BOX))
    await drain(worker)

    [mail] = mailbox.received
    assert (mail.sender, mail.recipients) == (
        "clarus@warehouse.example",
        ["warehouse@acme.example"],
    )
    message = mail.message
    assert message["From"] == SENDER
    assert message["To"] == "warehouse@acme.example"
    assert message["Subject"] == f"Clarus: goods_out {order['id']} created ({caller.subdomain})"
    assert message["X-ClarusWMS-Subdomain"] == caller.subdomain
    assert message["X-ClarusWMS-Automation-ID"] == str(automation["id"])
    assert message["Auto-Submitted"] == "auto-generated"
    [delivery] = await deliveries_of(db, caller.tenant_id)
    assert message["Message-ID"] == (
        f"<msg_{delivery['id']}.evt_{delivery['event_id']}@warehouse.example>"
    )
    text = message.get_content()
    assert text.startswith(f"goods_out {order['id']}: created\nTenant: {caller.subdomain}\n")
    body = event_json(text)
    assert (body["id"], body["resource_name"], body["event"], body["subdomain"]) == (
        f"evt_{delivery['event_id']}",
        "goods_out",
        "created",
        caller.subdomain,
    )
    assert (body["data"]["id"], body["data"]["reference"]) == (order["id"], "SO-MAIL")
    assert (delivery["status"], delivery["attempt_count"]) == ("succeeded", 1)
    assert (delivery["url"], delivery["method"]) == ("mailto:warehouse@acme.example", "SMTP")


async def test_subject_text_and_recipients_are_the_actions_and_the_log_shows_the_attempt(
    mail_clients: ApiClientFactory,
    mail_settings: Settings,
    mailbox: Mailbox,
    make_worker: WorkerFactory,
) -> None:
    caller = await mail_clients.new()
    automation = await create(
        caller,
        scheduled(
            email_action(
                "ops@acme.example, night@acme.example",
                "boss@acme.example",
                email_subject="Daily stock check",
                email_body="Please count aisle 3 today.",
            )
        ),
    )
    await run(caller, automation)
    await drain(make_worker(settings=mail_settings, directory=AutomationDirectory(TEST_SECRET_BOX)))

    [mail] = mailbox.received
    everyone = ["ops@acme.example", "night@acme.example", "boss@acme.example"]
    assert mail.recipients == everyone
    assert mail.message["To"] == ", ".join(everyone)
    assert mail.message["Subject"] == "Daily stock check"
    text = mail.message.get_content()
    assert text.startswith(
        f"Please count aisle 3 today.\n\ndaily_schedule {automation['id']}: triggered\n"
    )
    assert event_json(text)["data"] == {"automation_id": automation["id"], "name": "Morning mail"}

    log = await caller.graphql(LOG_QUERY, {"automation": automation["id"]})
    assert "errors" not in log, log
    [shown] = [edge["node"] for edge in log["data"]["automations"]["all"]["edges"]]
    assert shown == {
        "id": str(automation["id"]),
        "actions": [
            {
                "destination_type": "email",
                "destination_code": "default",
                "parameters": [
                    {
                        "parameter_code": "email_recipient",
                        "value": "ops@acme.example, night@acme.example",
                    },
                    {"parameter_code": "email_recipient", "value": "boss@acme.example"},
                    {"parameter_code": "email_subject", "value": "Daily stock check"},
                    {"parameter_code": "email_body", "value": "Please count aisle 3 today."},
                ],
            }
        ],
    }
    [delivery] = [edge["node"] for edge in log["data"]["webhook_deliveries"]["all"]["edges"]]
    assert delivery == {
        "id": delivery["id"],
        "url": "mailto:" + ",".join(everyone),
        "method": "SMTP",
        "status": "succeeded",
        "attempt_count": 1,
        "last_status_code": 250,
        "last_error": None,
    }
    [attempt] = [edge["node"] for edge in log["data"]["webhook_attempts"]["all"]["edges"]]
    assert attempt == {
        "delivery_id": delivery["id"],
        "status_code": 250,
        "response_body": "250 2.0.0 Ok: queued as Q1",
        "error": None,
    }


async def test_a_refused_recipient_is_logged_and_retried_on_the_webhook_schedule(
    mail_clients: ApiClientFactory,
    mail_settings: Settings,
    db: Database,
    mailbox: Mailbox,
    clock: FakeClock,
    make_worker: WorkerFactory,
) -> None:
    caller = await mail_clients.new()
    automation = await create(caller, scheduled(email_action("ops@acme.example")))
    await run(caller, automation)
    worker = make_worker(settings=mail_settings, directory=AutomationDirectory(TEST_SECRET_BOX))
    mailbox.refuse_next("550 5.1.1 Mailbox unavailable")
    start = clock.now()

    assert (await worker.run_once()).outcomes == {"pending": 1}
    assert mailbox.received == []
    [delivery] = await deliveries_of(db, caller.tenant_id)
    refusal = "ops@acme.example (550 5.1.1 Mailbox unavailable)"
    assert (delivery["status"], delivery["last_status_code"], delivery["last_error"]) == (
        "pending",
        550,
        f"The mail server refused every recipient: {refusal}",
    )
    assert delivery["next_attempt_at"] == start + dt.timedelta(seconds=5)
    clock.advance(dt.timedelta(seconds=4))
    assert (await worker.run_once()).is_idle
    clock.advance(dt.timedelta(seconds=1))
    assert (await worker.run_once()).outcomes == {"succeeded": 1}

    assert [mail.recipients for mail in mailbox.received] == [["ops@acme.example"]]
    attempts = await attempts_of(db, delivery["id"])
    assert [(a["status_code"], a["response_body"], a["error"]) for a in attempts] == [
        (550, refusal, f"The mail server refused every recipient: {refusal}"),
        (250, "250 2.0.0 Ok: queued as Q1", None),
    ]
    assert [a["started_at"] - start for a in attempts] == [dt.timedelta(0), dt.timedelta(seconds=5)]


async def test_a_recipient_refused_at_every_attempt_fails_the_delivery(
    mail_clients: ApiClientFactory,
    mail_settings: Settings,
    db: Database,
    mailbox: Mailbox,
    clock: FakeClock,
    make_worker: WorkerFactory,
) -> None:
    caller = await mail_clients.new()
    automation = await create(caller, scheduled(email_action("gone@acme.example")))
    await run(caller, automation)
    policy = RetryPolicy(delays=(dt.timedelta(minutes=1),), jitter=0)
    worker = make_worker(
        settings=mail_settings, directory=AutomationDirectory(TEST_SECRET_BOX), policy=policy
    )
    mailbox.refuse_next("550 5.1.1 No such user", "550 5.1.1 No such user")

    assert (await worker.run_once()).outcomes == {"pending": 1}
    clock.advance(dt.timedelta(minutes=1))
    assert (await worker.run_once()).outcomes == {"failed": 1}

    assert mailbox.received == []
    [delivery] = await deliveries_of(db, caller.tenant_id)
    assert (delivery["status"], delivery["attempt_count"]) == ("failed", 2)
    attempts = await attempts_of(db, delivery["id"])
    assert [a["status_code"] for a in attempts] == [550, 550]


async def test_without_an_smtp_server_at_send_time_the_attempt_says_so_and_is_retried(
    mail_clients: ApiClientFactory,
    worker_settings: Settings,
    db: Database,
    mailbox: Mailbox,
    clock: FakeClock,
    make_worker: WorkerFactory,
) -> None:
    """The automation was made while an SMTP server was configured; the worker runs without."""
    caller = await mail_clients.new()
    automation = await create(caller, scheduled(email_action("ops@acme.example")))
    await run(caller, automation)
    assert not worker_settings.sends_email
    worker = make_worker(settings=worker_settings, directory=AutomationDirectory(TEST_SECRET_BOX))

    assert (await worker.run_once()).outcomes == {"pending": 1}

    assert mailbox.received == []
    [delivery] = await deliveries_of(db, caller.tenant_id)
    [attempt] = await attempts_of(db, delivery["id"])
    assert (attempt["status_code"], attempt["error"]) == (None, NOT_CONFIGURED)
    assert delivery["next_attempt_at"] == clock.now() + dt.timedelta(seconds=5)


async def test_an_email_action_changed_into_a_webhook_gets_its_secret_then(
    mail_clients: ApiClientFactory,
) -> None:
    caller = await mail_clients.new()
    automation = await create(caller, scheduled(email_action("ops@acme.example")))
    [action] = automation["attributes"]["actions"]
    change = {
        "type": "UPDATE",
        "id": action["id"],
        "attributes": {
            "destination_type": "webhook",
            "parameters_changes": [
                {"type": "DESTROY", "id": action["parameters"][0]["id"]},
                {
                    "type": "ADD",
                    "attributes": {"parameter_code": "webhook_url", "value": PUBLIC_URL},
                },
            ],
        },
    }
    response = await caller.patch(
        f"/api/automations/{automation['id']}",
        {"data": {"type": "automations", "attributes": {"actions_changes": [change]}}},
    )
    assert response.status_code == 200, response.text
    [webhook] = response.json()["data"]["attributes"]["actions"]
    assert webhook["destination_type"] == "webhook"
    assert webhook["webhook_secret"].startswith("whsec_")


async def test_an_email_text_may_be_as_long_as_a_webhook_url(
    mail_clients: ApiClientFactory,
) -> None:
    caller = await mail_clients.new()
    text = "Count aisle 3. " * 136 + "Thanks"
    assert len(text) == 2046
    automation = await create(caller, scheduled(email_action("ops@acme.example", email_body=text)))
    [action] = automation["attributes"]["actions"]
    assert [p["value"] for p in action["parameters"]] == ["ops@acme.example", text]
    too_long = scheduled(email_action("ops@acme.example", email_body=text + "!!!"))
    await assert_refused(
        caller,
        mail_clients.db,
        "POST",
        "/api/automations",
        too_long,
        symbol="too_long",
        pointer=f"{ACTIONS}/parameters_changes/1/attributes/value",
    )


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"smtp_host": "smtp.acme.example"}, "smtp_from is required when smtp_host is set"),
        ({"smtp_from": "Clarus"}, "smtp_from must be an address"),
        ({"smtp_tls": "sometimes"}, "'starttls', 'implicit' or 'none'"),
    ],
)
def test_smtp_settings_are_checked_at_start(values: dict[str, str], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Settings(**values)  # type: ignore[arg-type]


def test_the_smtp_port_follows_the_tls_mode_unless_given() -> None:
    ports = [
        Settings(smtp_tls=tls).smtp_port_or_default for tls in ("starttls", "implicit", "none")
    ]
    assert ports == [587, 465, 25]
    assert Settings(smtp_tls="implicit", smtp_port=2465).smtp_port_or_default == 2465


async def test_starttls_and_login_are_used_when_configured(
    tmp_path: Path,
    mail_clients: ApiClientFactory,
    database_url: str,
    make_worker: WorkerFactory,
) -> None:
    cert_path, key_path = certificate(tmp_path, "localhost")
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert_path, key_path)
    secure = Mailbox()
    await secure.start(tls=server_tls, credentials=("clarus", "s3cret"))
    try:
        settings = make_settings(
            database_url,
            smtp_host="localhost",
            smtp_port=secure.port,
            smtp_tls="starttls",
            smtp_username="clarus",
            smtp_password="s3cret",
            smtp_from=SENDER,
            smtp_ca_file=cert_path,
        )
        caller = await mail_clients.new()
        automation = await create(caller, scheduled(email_action("ops@acme.example")))
        await run(caller, automation)
        worker = make_worker(settings=settings, directory=AutomationDirectory(TEST_SECRET_BOX))
        assert (await worker.run_once()).outcomes == {"succeeded": 1}
    finally:
        await secure.stop()
    assert secure.logins == [("clarus", "s3cret")]
    assert [mail.recipients for mail in secure.received] == [["ops@acme.example"]]


async def test_a_server_certificate_no_trusted_authority_signed_is_refused(
    tmp_path: Path, database_url: str
) -> None:
    """Without `CLARUS_SMTP_CA_FILE` naming its authority, a self-signed server is not trusted:
    the attempt fails on the certificate, and nothing is logged in or sent."""
    cert_path, key_path = certificate(tmp_path, "localhost")
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert_path, key_path)
    secure = Mailbox()
    await secure.start(tls=server_tls, credentials=("clarus", "s3cret"))
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = SENDER, "ops@acme.example", "Hi"
    try:
        settings = make_settings(
            database_url,
            smtp_host="localhost",
            smtp_port=secure.port,
            smtp_username="clarus",
            smtp_password="s3cret",
            smtp_from=SENDER,
        )
        outcome = await EmailSender(settings).send(message, recipients=("ops@acme.example",))
    finally:
        await secure.stop()
    assert outcome.status_code is None
    assert "CERTIFICATE_VERIFY_FAILED" in (outcome.error or "")
    assert (secure.logins, secure.received) == ([], [])


def test_an_smtp_ca_file_that_does_not_exist_is_refused_at_start(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="smtp_ca_file"):
        Settings(smtp_ca_file=tmp_path / "missing.pem")


REFUSED_EMAIL_ACTIONS = [
    (
        email_action("warehouse.acme.example"),
        "invalid_value",
        f"{ACTIONS}/parameters_changes/0/attributes/value",
    ),
    (
        email_action("ops@acme.example", "a@acme.example, Boss <boss@acme.example>"),
        "invalid_value",
        f"{ACTIONS}/parameters_changes/1/attributes/value",
    ),
    (email_action(" , "), "invalid_value", f"{ACTIONS}/parameters_changes/0/attributes/value"),
    (
        email_action("zoë@acme.example"),
        "invalid_value",
        f"{ACTIONS}/parameters_changes/0/attributes/value",
    ),
    (email_action(), "missing_field", f"{ACTIONS}/parameters_changes"),
    (
        email_action("ops@acme.example", email_subject="Stock\r\nBcc: thief@evil.example"),
        "invalid_value",
        f"{ACTIONS}/parameters_changes/1/attributes/value",
    ),
    (
        {
            **email_action("ops@acme.example"),
            "attributes": {
                **email_action("ops@acme.example")["attributes"],
                "parameters_changes": [
                    {
                        "type": "ADD",
                        "attributes": {"parameter_code": "email_recipient", "value": "a@b.example"},
                    },
                    {"type": "ADD", "attributes": {"parameter_code": "email_body", "value": "One"}},
                    {"type": "ADD", "attributes": {"parameter_code": "email_body", "value": "Two"}},
                ],
            },
        },
        "invalid_value",
        f"{ACTIONS}/parameters_changes",
    ),
    (
        email_action(", ".join(f"user{n}@acme.example" for n in range(51))),
        "invalid_value",
        f"{ACTIONS}/parameters_changes",
    ),
    (
        {"type": "ADD", "attributes": {"destination_type": "ftp"}},
        "destination_not_supported",
        f"{ACTIONS}/destination_type",
    ),
]


@pytest.mark.parametrize(("action", "symbol", "pointer"), REFUSED_EMAIL_ACTIONS)
async def test_refused_email_actions_write_nothing(
    mail_clients: ApiClientFactory,
    action: dict[str, Any],
    symbol: str,
    pointer: str,
) -> None:
    caller = await mail_clients.new()
    await assert_refused(
        caller,
        mail_clients.db,
        "POST",
        "/api/automations",
        scheduled(action),
        symbol=symbol,
        pointer=pointer,
    )
