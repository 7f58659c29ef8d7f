"""Ids of another tenant's records, wherever an id goes: in the path of every operation of the
OpenAPI document, in every id-typed attribute of every body (nested ones too), in bulk `ids`,
and as a GraphQL `id` filter. Each answer is exactly the answer for an id that exists nowhere
(nothing tells that the record exists), and the other tenant's rows are untouched."""

from __future__ import annotations

import copy
import re
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from clarus.api.graphql.schema import schema
from clarus.core.db import Database
from clarus.registry import Base
from tests.conformance.examples import (
    REFERENCED_WITH,
    REST,
    ExamplePreparer,
    required_attributes,
)
from tests.conformance.ours import our_document
from tests.conformance.spec import Operation, path_parameters, spec_path
from tests.inbound.receiving import dock, received_receipt, tasks_of
from tests.proof.id_fields import IdField, RowMaker, id_fields, table_of_field, table_of_record
from tests.support import ApiClientFactory, Caller

needs_spec = pytest.mark.skipif(
    not spec_path().exists(), reason=f"reference spec not found at {spec_path()}"
)
"""The sweeps that send the contract's documented examples; the sweep of id-typed attributes
builds its bodies from our own document."""

MISSING_ID = "999999999"
METHODS = frozenset({"get", "post", "put", "patch", "delete"})
WITH_BODY = frozenset({"POST", "PATCH", "PUT"})
SEEDED_ELSEWHERE = {
    "/api/webhook_deliveries/{id}/retry": "a delivery needs an event fanned out to a webhook:"
    " tests/webhooks/test_delivery_log.py retries another tenant's delivery (404)",
    **dict.fromkeys(
        [
            "/api/load_tasks/{id}/assign_storage_unit",
            "/api/load_tasks/{id}/load_storage_unit",
            "/api/load_tasks/{id}/unload_storage_unit",
        ],
        "a LOAD task needs an order of dispatch strategy load picked:"
        " tests/shipping/test_load_tasks.py sends another tenant's load task, load and drop (404"
        " and 422 exactly as for missing ones)",
    ),
    "/api/ar_documents/{id}/pdf": "an invoice is generated from a closed basket of charged"
    " activity: tests/billing/test_charging.py asks for another tenant's invoice PDF (404 as for"
    " a missing one)",
}
"""Paths whose records the example preparer cannot make, and where their isolation is tested."""
OURS_BODIES = {
    "/api/automations/{id}/actions/{action_id}/rotate_secret": {
        "data": {"attributes": {"overlap_seconds": 0}}
    },
    "/api/automations/{id}/recover": {"data": {"attributes": {"since": "2026-01-01T00:00:00Z"}}},
}
"""Valid bodies of our own operations that take one (the contract has no example for them)."""
BULK_IDS_OF = {
    "DELETE /api/delivery_addresses": "/api/delivery_addresses",
    "DELETE /api/products": "/api/products",
    "POST /api/goods_out_processes/process_and_consolidate_picks": "/api/goods_outs",
    "POST /api/goods_out_processes/process_picks_async": "/api/goods_outs",
    "POST /api/goods_out_processes/short_order_lines": "/api/goods_outs",
    "POST /api/stocks/hold": "/api/stocks",
    "POST /api/stocks/offhold": "/api/stocks",
    "POST /api/tasks/allocate": "/api/tasks",
    "PATCH /api/tasks/unallocate": "/api/tasks",
}
"""Operations on several records named by `ids` (in the body, or the query of a DELETE), and
the collection of those records."""
SIMULATIONS = "/api/simulations/"
"""The sandbox's actions on a record of the collection after it."""


def operations_with_ids() -> list[Operation]:
    """Every operation of our document with a path parameter."""
    found = []
    for path, item in our_document()["paths"].items():
        for method, raw in item.items():
            if method in METHODS and path_parameters(path):
                found.append(Operation(f"{method.upper()} {path}", method.upper(), path, "", raw))
    assert len(found) > 50
    return found


def documented(operation: Operation) -> Operation | None:
    return next(
        (op for op in REST if (op.method, op.path) == (operation.method, operation.path)), None
    )


async def tenant_rows(db: Database, tenant_id: int) -> dict[str, list[dict[str, Any]]]:
    """Every row the tenant owns, whole: to prove nothing of it changed."""
    rows: dict[str, list[dict[str, Any]]] = {}
    async with db.read_session() as session:
        for table in Base.metadata.sorted_tables:
            if "tenant_id" in table.c:
                statement = select(table).where(table.c.tenant_id == tenant_id)
                result = await session.execute(statement.order_by(*table.primary_key.columns))
                rows[table.name] = [dict(row) for row in result.mappings()]
    return rows


def answer(response: httpx.Response, ids: list[str]) -> str:
    """Status and body, each of the ids compared written `<id>`: both answers hide both ids, so
    that a number of the answer that happens to equal the other tenant's id (another table's
    id, say) does not read as a difference."""
    text = response.text
    for record_id in ids:
        text = re.sub(rf"\b{re.escape(record_id)}\b", "<id>", text)
    return f"{response.status_code} {text}"


class Seeder:
    """Records of one tenant for every path parameter, made through the API."""

    def __init__(self, caller: Caller, db: Database) -> None:
        self.caller = caller
        self.preparer = ExamplePreparer(caller, db=db)
        self.filled: dict[str, str] = {}

    async def fill(self, path: str) -> str:
        if path not in self.filled:
            given = await self._automation_ids(path)
            if path.startswith(SIMULATIONS):
                collection = path.removeprefix(SIMULATIONS).split("/{", 1)[0]
                given["id"] = await self.preparer.create(f"/api/{collection}")
            self.filled[path] = await self.preparer._fill(path, given)
        return self.filled[path]

    async def _automation_ids(self, path: str) -> dict[str, int]:
        """An automation's action and parameter ids: they have no collection of their own."""
        names = set(path_parameters(path))
        if not names & {"action_id", "automation_action_parameter_id"}:
            return {}
        automation_id = await self.preparer.create("/api/automations")
        result = await self.caller.graphql(
            "query($id: ID!) { automations { all(filter: {id: {eq: $id}}) { edges { node {"
            " actions { id parameters { id } } } } } } }",
            {"id": str(automation_id)},
        )
        [edge] = result["data"]["automations"]["all"]["edges"]
        action = edge["node"]["actions"][0]
        ids = {"action_id": int(action["id"])}
        ids["automation_action_parameter_id"] = int(action["parameters"][0]["id"])
        if "id" in names:
            ids["id"] = automation_id
        return ids


async def example_body(preparer: ExamplePreparer, operation: Operation) -> Any:
    """The documented example, its references made in the preparer's tenant; else `{}`."""
    spec_operation = documented(operation)
    preparer.referenced_with = REFERENCED_WITH.get(operation.operation_id, {})
    if operation.method not in WITH_BODY:
        return None
    if spec_operation is None or spec_operation.example_body() is None:
        return copy.deepcopy(OURS_BODIES.get(operation.path, {}))
    collection = operation.path.split("/{", 1)[0]
    return await preparer.prepare(
        spec_operation.example_body(), collection, required_attributes(spec_operation)
    )


@needs_spec
async def test_no_operation_reaches_another_tenants_record_by_its_id(
    clients: ApiClientFactory, db: Database
) -> None:
    caller, other = await clients.new(), await clients.new()
    seeder = Seeder(other, db)
    preparer = ExamplePreparer(caller, db=db)
    operations = [op for op in operations_with_ids() if op.path not in SEEDED_ELSEWHERE]
    paths = {op.path: await seeder.fill(op.path) for op in operations}
    bodies = {op.operation_id: await example_body(preparer, op) for op in operations}
    before = await tenant_rows(db, other.tenant_id)
    revealing: dict[str, tuple[str, str]] = {}
    for operation in operations:
        theirs = paths[operation.path]
        missing = re.sub(r"\{[^}]+\}", MISSING_ID, operation.path)
        their_ids = [part for part in theirs.split("/") if part.isdigit()]
        answers = []
        for path in (theirs, missing):
            response = await caller.http.request(
                operation.method,
                path,
                json=bodies[operation.operation_id],
                headers=caller.headers(),
            )
            answers.append(answer(response, [*their_ids, MISSING_ID]))
        if answers[0] != answers[1] or not answers[0].startswith("4"):
            revealing[operation.operation_id] = (answers[0][:300], answers[1][:300])
    assert revealing == {}
    assert await tenant_rows(db, other.tenant_id) == before


async def bulk_body(preparer: ExamplePreparer, operation: Operation) -> Any:
    """The documented example less its `ids` (given by the test), references made."""
    example = operation.example_body()
    if not isinstance(example, dict):
        return None
    del example["ids"]
    preparer.referenced_with = REFERENCED_WITH.get(operation.operation_id, {})
    prepared = await preparer.prepare(example, operation.path, required_attributes(operation))
    return {"ids": [], **prepared}


@needs_spec
async def test_no_bulk_operation_reaches_another_tenants_records_by_their_ids(
    clients: ApiClientFactory, db: Database
) -> None:
    """`ids` naming a record of the other tenant are answered as ids that exist nowhere."""
    caller, other = await clients.new(), await clients.new()
    theirs, preparer = ExamplePreparer(other, db=db), ExamplePreparer(caller, db=db)
    bulk = [op for op in REST if f"{op.method} {op.path}" in BULK_IDS_OF]
    assert len(bulk) == len(BULK_IDS_OF)
    their_ids = {name: str(await theirs.create(path)) for name, path in BULK_IDS_OF.items()}
    bodies = {op.operation_id: await bulk_body(preparer, op) for op in bulk}
    before = await tenant_rows(db, other.tenant_id)
    revealing: dict[str, tuple[str, str]] = {}
    for operation in bulk:
        answers = []
        sent_ids = [their_ids[f"{operation.method} {operation.path}"], MISSING_ID]
        for sent in sent_ids:
            body, path = bodies[operation.operation_id], operation.path
            if isinstance(body, dict) and "ids" in body:
                body["ids"] = [int(sent)]
            else:
                path = f"{path}?ids={sent}"
            response = await caller.http.request(
                operation.method, path, json=body, headers=caller.headers()
            )
            answers.append(answer(response, sent_ids))
        if answers[0] != answers[1] or not answers[0].startswith("4"):
            revealing[operation.operation_id] = (answers[0][:300], answers[1][:300])
    assert revealing == {}
    assert await tenant_rows(db, other.tenant_id) == before


def graphql_roots_with_id_filter() -> list[str]:
    roots = []
    for name, field in schema._schema.query_type.fields.items():
        connection = field.type.of_type if hasattr(field.type, "of_type") else field.type
        filter_type = connection.fields["all"].args["filter"].type
        if "id" in filter_type.fields:
            roots.append(name)
    return roots


def by_id(root: str) -> str:
    return (
        f"query($id: ID!) {{ {root} {{ all(filter: {{id: {{eq: $id}}}}) {{"
        " edges { node { __typename } } total_count } } }"
    )


@needs_spec
async def test_no_graphql_root_finds_another_tenants_record_by_its_id(
    clients: ApiClientFactory, db: Database
) -> None:
    """The other tenant's first record of every root (seeded through the REST examples) is as
    absent for the caller as an id that exists nowhere."""
    caller, other = await clients.new(), await clients.new()
    seeder = Seeder(other, db)
    for operation in operations_with_ids():
        if operation.path not in SEEDED_ELSEWHERE:
            await seeder.fill(operation.path)
    revealing, tried = {}, []
    for root in graphql_roots_with_id_filter():
        first = await other.graphql(
            f"{{ {root} {{ all(first: 1) {{ edges {{ node {{ id }} }} }} }} }}"
        )
        edges = first["data"][root]["all"]["edges"]
        if not edges:
            continue
        tried.append(root)
        compared = [edges[0]["node"]["id"], MISSING_ID]
        answers = [
            answer(await caller.graphql_response(by_id(root), {"id": record_id}), compared)
            for record_id in compared
        ]
        if answers[0] != answers[1] or '"edges":[]' not in answers[0]:
            revealing[root] = answers
    assert len(tried) > 20, tried
    assert revealing == {}


NOT_STORED = {
    "POST /api/storage_units/{id}/pick_label /data/attributes/task_id": "printed on the label as"
    " sent (a PDF): no task is read or stored",
    "POST /api/tasks/complete_collection": "ids in `filters` choose among the caller's own tasks"
    " (another tenant's id matches none: no_matching_tasks, as a missing one); its `attributes`"
    " are those of PATCH /api/tasks/{id}, swept there",
}
"""Id-typed attributes that do not refer to a record to keep, and why."""
MADE_THROUGH_RECEIVING = "/api/receive_tasks/"
MADE_AS_LOAD_TASK = "/api/load_tasks/"
"""A load task is a task row of type LOAD (the first state's row is a receive task)."""
"""A receive task must belong to a receipt's line: made by receiving a receipt."""


async def filled_path(field: IdField, rows: RowMaker, caller: Caller) -> str:
    """The operation's path, each parameter naming a record of the caller's."""
    if field.path.startswith(MADE_THROUGH_RECEIVING):
        if "receive_task" not in rows.made:
            receipt = await received_receipt(caller, await dock(caller), {"expected_quantity": 1})
            [task] = await tasks_of(caller, receipt["id"])
            rows.made["receive_task"] = int(task["id"])
        return field.path.replace("{id}", str(rows.made["receive_task"]))
    if field.path.startswith(MADE_AS_LOAD_TASK):
        if "load_task" not in rows.made:
            rows.made["load_task"] = await rows.new_row(
                table_of_record(field.path), task_type_code="LOAD"
            )
        return field.path.replace("{id}", str(rows.made["load_task"]))
    path = field.path
    for name in path_parameters(field.path):
        table = table_of_record(field.path) if name == "id" else table_of_field(name)
        assert table is not None, name
        path = path.replace(f"{{{name}}}", str(await rows.row(table)))
    return path


def is_not_stored(field: IdField) -> bool:
    operation = f"{field.method} {field.path}"
    return operation in NOT_STORED or f"{operation} {field.pointer}" in NOT_STORED


async def test_no_id_attribute_of_any_body_takes_another_tenants_record(
    clients: ApiClientFactory, db: Database
) -> None:
    """Every id-typed attribute of every operation's body, found in our OpenAPI document (nested
    ones too), sent with the id of a record of that attribute's table that belongs to another
    tenant: answered exactly as an id that exists nowhere (a 4xx naming the attribute), and
    the other tenant's rows are untouched. The rest of each body is the least it needs, its
    other ids naming records of the caller's (`tests.proof.id_fields`)."""
    caller, other = await clients.new(), await clients.new()
    mine, theirs = RowMaker(db, caller.tenant_id), RowMaker(db, other.tenant_id)
    fields = id_fields()
    assert len(fields) > 150
    assert any("/lines_changes/0/" in field.pointer for field in fields)
    attempts = []
    for field in fields:
        table = table_of_field(field.name)
        if table is None or is_not_stored(field):
            continue
        sent = [await theirs.row(table), int(MISSING_ID)]
        bodies = [await mine.fill(field.body(record_id)) for record_id in sent]
        path = await filled_path(field, mine, caller)
        attempts.append((field, path, bodies, [str(record_id) for record_id in sent]))
    assert len(attempts) > 100
    before = await tenant_rows(db, other.tenant_id)
    revealing: dict[str, tuple[str, str]] = {}
    for field, path, bodies, sent in attempts:
        answers = []
        for body in bodies:
            response = await caller.http.request(
                field.method, path, json=body, headers=caller.headers()
            )
            answers.append(answer(response, sent))
        names_it = f'"pointer":"{field.pointer}"' in answers[1]
        if answers[0] != answers[1] or not answers[1].startswith("4") or not names_it:
            revealing[f"{field.method} {field.path} {field.pointer}"] = (
                answers[0][:300],
                answers[1][:300],
            )
    assert revealing == {}
    assert await tenant_rows(db, other.tenant_id) == before
