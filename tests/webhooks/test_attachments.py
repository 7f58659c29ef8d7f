"""An automation action parameter's attachment: uploaded as the raw body, replaced, removed,
gone with its automation, and never another tenant's."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from clarus.core.db import Database
from clarus.webhooks.tables import automation_action_parameter_attachments
from tests.support import ApiClientFactory, Caller, row_counts
from tests.webhooks.test_automations import created

TEMPLATE = b"<p>Order {{ reference }} is on its way.</p>"


def attachment_path(parameter_id: int) -> str:
    return f"/api/automation_action_parameters/{parameter_id}/attachment"


async def upload(caller: Caller, parameter_id: int, content: bytes, **headers: str) -> Any:
    return await caller.http.post(
        attachment_path(parameter_id),
        content=content,
        headers=caller.headers(
            **{
                "Content-Disposition": 'attachment; filename="body.html"',
                "Content-Type": "text/html",
                **headers,
            }
        ),
    )


async def a_parameter(caller: Caller) -> int:
    automation = await created(caller)
    [action] = automation["attributes"]["actions"]
    return int(action["parameters"][0]["id"])


async def stored(db: Database, parameter_id: int) -> list[tuple[str, str, bytes]]:
    async with db.read_session() as session:
        rows = await session.execute(
            select(
                automation_action_parameter_attachments.c.filename,
                automation_action_parameter_attachments.c.content_type,
                automation_action_parameter_attachments.c.content,
            ).where(
                automation_action_parameter_attachments.c.automation_action_parameter_id
                == parameter_id
            )
        )
        return [tuple(row) for row in rows.all()]


async def test_an_upload_is_stored_and_replaces_the_one_before(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    parameter_id = await a_parameter(caller)
    first = await upload(caller, parameter_id, b"first")
    assert first.status_code == 200, first.text
    response = await upload(caller, parameter_id, TEMPLATE)
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert (data["id"], data["type"]) == (parameter_id, "automation_action_parameters")
    attachment = data["attributes"]["attachment"]
    assert (attachment["filename"], attachment["content_type"], attachment["byte_size"]) == (
        "body.html",
        "text/html",
        len(TEMPLATE),
    )
    assert await stored(db, parameter_id) == [("body.html", "text/html", TEMPLATE)]


async def test_delete_removes_it_and_a_second_delete_is_404(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    parameter_id = await a_parameter(caller)
    assert (await upload(caller, parameter_id, TEMPLATE)).status_code == 200
    removed = await caller.delete(attachment_path(parameter_id))
    assert removed.status_code == 204, removed.text
    assert await stored(db, parameter_id) == []
    again = await caller.delete(attachment_path(parameter_id))
    assert again.status_code == 404
    assert again.json()["errors"][0]["symbol"] == "record_not_found"


async def test_an_attachment_goes_with_its_automation(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    before = await row_counts(db, caller.tenant_id)
    automation = await created(caller)
    parameter_id = int(automation["attributes"]["actions"][0]["parameters"][0]["id"])
    assert (await upload(caller, parameter_id, TEMPLATE)).status_code == 200
    assert (await caller.delete(f"/api/automations/{automation['id']}")).status_code == 204
    assert await stored(db, parameter_id) == []
    assert await row_counts(db, caller.tenant_id) == before


async def test_refusals_store_nothing(clients: ApiClientFactory, db: Database) -> None:
    owner, other = await clients.new(), await clients.new()
    parameter_id = await a_parameter(owner)
    unnamed = await owner.http.post(
        attachment_path(parameter_id), content=TEMPLATE, headers=owner.headers()
    )
    assert unnamed.status_code == 400
    assert unnamed.json()["errors"][0]["context"]["pointer"] == "/headers/Content-Disposition"
    empty = await upload(owner, parameter_id, b"")
    assert empty.status_code == 422
    assert empty.json()["errors"][0]["context"]["pointer"] == "/body"
    assert (await upload(other, parameter_id, TEMPLATE)).status_code == 404
    assert (await other.delete(attachment_path(parameter_id))).status_code == 404
    assert (await upload(owner, 999_999, TEMPLATE)).status_code == 404
    assert await stored(db, parameter_id) == []


@pytest.mark.parametrize(
    ("headers", "symbol", "pointer"),
    [
        (
            {"Content-Disposition": "attachment; filename*=UTF-8''body%00.html"},
            "invalid_value",
            "/headers/Content-Disposition",
        ),
        (
            {"Content-Disposition": "attachment; filename*=unicode_escape''%5Cud800.html"},
            "invalid_value",
            "/headers/Content-Disposition",
        ),
        (
            {"Content-Disposition": "attachment; filename*=idna''%FF.html"},
            "invalid_value",
            "/headers/Content-Disposition",
        ),
        (
            {"Content-Disposition": f'attachment; filename="{"b" * 252}.html"'},
            "too_long",
            "/headers/Content-Disposition",
        ),
        ({"Content-Type": f"text/{'h' * 251}"}, "too_long", "/headers/Content-Type"),
    ],
    ids=["nul", "surrogate", "undecodable", "long-filename", "long-content-type"],
)
async def test_a_name_or_type_a_text_column_cannot_hold_is_refused(
    clients: ApiClientFactory, db: Database, headers: dict[str, str], symbol: str, pointer: str
) -> None:
    caller = await clients.new()
    parameter_id = await a_parameter(caller)
    response = await upload(caller, parameter_id, TEMPLATE, **headers)
    assert response.status_code == 422, response.text
    [error] = response.json()["errors"]
    assert (error["symbol"], error["context"]["pointer"]) == (symbol, pointer)
    assert await stored(db, parameter_id) == []


async def test_a_name_and_type_of_255_characters_are_kept(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    parameter_id = await a_parameter(caller)
    filename, content_type = f"{'b' * 250}.html", f"text/{'h' * 250}"
    response = await upload(
        caller,
        parameter_id,
        TEMPLATE,
        **{
            "Content-Disposition": f"attachment; filename*=UTF-8''{filename}",
            "Content-Type": content_type,
        },
    )
    assert response.status_code == 200, response.text
    assert await stored(db, parameter_id) == [(filename, content_type, TEMPLATE)]
