"""The discover → inspect → execute tools over the API this server really serves:
`api_discover`, `graphql_details`, `graphql_type`, `rest_details`, `graphql_query` (read-only),
`rest_query` (writes too, audited), `retrieve_dataset` and `create_csv_file`.

Every call of the API runs in-process as the signed-in user (`Acting.as_user_app()`), through
the same routes, scopes, cost limit, services, validation and events as any client's."""

from __future__ import annotations

import json
import re

import httpx
from fastapi import FastAPI
from graphql import GraphQLError, parse
from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp_types import ToolAnnotations
from starlette.requests import Request

from clarus.api.mcp import calls, catalogue, details
from clarus.api.mcp.acting import Acting, acting
from clarus.api.mcp.files import files_path
from clarus.auth import assistants
from clarus.auth.resources import origin_of
from clarus.core.db import utcnow
from clarus.core.json_types import JSONObject, JSONValue

SAMPLE_ROWS = 5
MAX_LIMIT = 10_000
"""The most rows `graphql_query` follows pages for."""
MAX_RETRIEVE = 500
REST_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE"})
REST_PATH = re.compile(r"^/api/[A-Za-z0-9_\-/{}.%]*$")
ANSWER_CHARS = 20_000


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _json_object(value: dict[str, object]) -> JSONObject:
    """A tool's JSON argument as JSON (the SDK's schema cannot describe a recursive type)."""
    parsed: JSONObject = json.loads(_json(value))
    return parsed


def _app(who: Acting) -> FastAPI:
    if not isinstance(who.app, FastAPI):
        raise ToolError("The API's description is not available here.")
    return who.app


async def api_discover(request: str, ctx: Context, limit: int = 10) -> str:
    """Find the API operations for a request in plain words ("sales order status", "put an
    order on hold", "stock of a SKU"): GraphQL queries (reads) and REST operations (writes),
    best first. Then inspect one with graphql_details or rest_details."""
    found = catalogue.search(_app(acting(ctx)), request, limit=max(1, min(limit, 50)))
    if not found:
        return f"No operation matches {request!r}; try other words."
    return _json({"request": request, "operations": list(found)})


async def graphql_details(query: str, ctx: Context) -> str:
    """A GraphQL query's arguments, filter fields, sort, node fields and pagination, by its
    name (as api_discover lists it, e.g. goods_outs)."""
    acting(ctx)
    found = details.graphql_details(query.strip())
    if found is None:
        raise ToolError(f"No GraphQL query is named {query!r}; api_discover lists them.")
    return _json(found)


async def graphql_type(type_name: str, ctx: Context) -> str:
    """The fields of a GraphQL type (GoodsOut, StringInputType) or the values of an enum."""
    acting(ctx)
    found = details.graphql_type(type_name.strip())
    if found is None:
        raise ToolError(f"No GraphQL type is named {type_name!r}.")
    return _json(found)


async def rest_details(operation: str, ctx: Context) -> str:
    """A REST operation's parameters, scopes and body schema, by `METHOD /api/path` (as
    api_discover lists it, e.g. PATCH /api/goods_outs/{id}) or by its operationId."""
    found = details.rest_details(_app(acting(ctx)), operation)
    if found is None:
        raise ToolError(f"No REST operation is {operation!r}; api_discover lists them.")
    return _json(found)


async def graphql_query(
    query: str,
    ctx: Context,
    variables: dict[str, object] | None = None,
    limit: int | None = None,
) -> str:
    """Run a read-only GraphQL query as you (mutations and subscriptions are refused). Lists
    are relay connections: `all(filter: {...}, first: N, after: cursor) { edges { node {...} }
    pageInfo { hasNextPage endCursor } }`; `first` is capped at 100 unless `limit` is given.
    With `limit` and a `$after` variable declared, pages are followed up to `limit` rows.
    The rows of a list are kept as a dataset: the answer gives its reference and a sample
    (retrieve_dataset reads it, create_csv_file exports it)."""
    who = acting(ctx)
    try:
        document = parse(query)
    except GraphQLError as error:
        raise ToolError(f"The query does not parse: {error.message}") from None
    if writing := calls.writing_operations(document):
        raise ToolError(
            f"graphql_query only reads: a {writing[0]} is refused. Change records with "
            "rest_query (rest_details shows the operation)."
        )
    wanted = None if limit is None else max(1, min(limit, MAX_LIMIT))
    page_size = min(wanted, who.settings.max_page_size) if wanted else calls.DEFAULT_FIRST_CAP
    text, sent = calls.capped(document, _json_object(variables or {}), page_size)
    follows = wanted is not None and "$after" in text
    rows: list[JSONValue] = []
    async with calls.in_process_client(who) as client:
        while True:
            answer = await _graphql(client, text, sent)
            connection = calls.connection_in(answer.get("data"))
            if connection is None:
                return _json(answer)
            rows.extend(calls.rows_of(connection))
            cursor = _next_cursor(connection)
            if not follows or cursor is None or wanted is None or len(rows) >= wanted:
                break
            sent = {**sent, "after": cursor}
    rows = rows[:wanted] if wanted else rows
    return await _dataset_answer(who, query, rows, connection.get("pageInfo"))


async def _graphql(client: httpx.AsyncClient, text: str, variables: JSONObject) -> JSONObject:
    response = await client.post("/graphql", json={"query": text, "variables": variables})
    answer = response.json() if response.content else {}
    if response.status_code != 200 or not isinstance(answer, dict) or answer.get("errors"):
        raise ToolError(f"GraphQL answered {response.status_code}: {response.text[:ANSWER_CHARS]}")
    return answer


def _next_cursor(connection: JSONObject) -> str | None:
    page_info = connection.get("pageInfo")
    if isinstance(page_info, dict) and page_info.get("hasNextPage"):
        cursor = page_info.get("endCursor")
        return cursor if isinstance(cursor, str) else None
    return None


async def _dataset_answer(
    who: Acting, source: str, rows: list[JSONValue], page_info: JSONValue | None
) -> str:
    async with who.db.write_session() as session:
        dataset = await assistants.store_dataset(
            session, principal=who.principal, source=source, rows=rows, now=utcnow()
        )
    return _json(
        {
            "rows": len(rows),
            "dataset": dataset.reference,
            "expires_at": dataset.expires_at.isoformat(),
            "sample": rows[:SAMPLE_ROWS],
            "page_info": page_info,
        }
    )


async def rest_query(
    method: str,
    path: str,
    ctx: Context,
    params: dict[str, str] | None = None,
    body: dict[str, object] | None = None,
) -> str:
    """Call any REST operation as you, writes included: `method` (GET, POST, PUT, PATCH,
    DELETE), `path` under /api (e.g. /api/goods_outs/12), query `params`, JSON `body` (see
    rest_details). Your role's scopes decide what you may change; every write is logged."""
    who = acting(ctx)
    verb = method.strip().upper()
    if verb not in REST_METHODS:
        raise ToolError(f"method must be one of {', '.join(sorted(REST_METHODS))}.")
    if not REST_PATH.match(path) or ".." in path:
        raise ToolError("path must be an API path, starting /api/ (e.g. /api/goods_outs/12).")
    async with calls.in_process_client(who) as client:
        response = await client.request(verb, path, params=params, json=body)
    answer: JSONValue = response.json() if _is_json(response) else response.text[:ANSWER_CHARS]
    if verb != "GET":
        async with who.db.write_session() as session:
            await assistants.record_write(
                session,
                principal=who.principal,
                tool="rest_query",
                method=verb,
                path=path,
                record_ids=calls.record_ids(path, answer),
                status_code=response.status_code,
                now=utcnow(),
            )
    text = _json({"status": response.status_code, "body": answer})[:ANSWER_CHARS]
    if response.status_code >= 400:
        raise ToolError(text)
    return text


def _is_json(response: httpx.Response) -> bool:
    return bool(response.content) and "json" in response.headers.get("content-type", "")


async def _own_dataset(who: Acting, reference: str) -> assistants.Dataset:
    async with who.db.read_session() as session:
        dataset = await assistants.dataset_of(
            session, principal=who.principal, reference=reference.strip(), now=utcnow()
        )
    if dataset is None:
        raise ToolError(
            f"No dataset has the reference {reference!r} (a dataset lasts an hour and only "
            "its maker may read it)."
        )
    return dataset


async def retrieve_dataset(
    reference: str,
    ctx: Context,
    offset: int = 0,
    limit: int = 50,
    fields: list[str] | None = None,
) -> str:
    """Read a page of a dataset graphql_query kept: from `offset`, `limit` rows (at most 500),
    only `fields` if given (dotted paths reach nested records: account.code)."""
    dataset = await _own_dataset(acting(ctx), reference)
    start = max(0, offset)
    page = dataset.rows[start : start + max(1, min(limit, MAX_RETRIEVE))]
    end = start + len(page)
    return _json(
        {
            "dataset": dataset.reference,
            "rows": len(dataset.rows),
            "offset": start,
            "next_offset": end if end < len(dataset.rows) else None,
            "items": [calls.projected(row, fields) for row in page],
        }
    )


async def create_csv_file(
    reference: str, ctx: Context, fields: list[str] | None = None, file_name: str = "export"
) -> str:
    """Export a dataset as a CSV file (RFC 4180, UTF-8 with a byte-order mark; nested records
    as dotted columns, or only `fields`): a download link for you, valid for an hour."""
    who = acting(ctx)
    dataset = await _own_dataset(who, reference)
    content = calls.csv_text(dataset.rows, fields)
    name = (re.sub(r"[^A-Za-z0-9_.-]+", "-", file_name).strip("-.") or "export")[:60]
    name = name if name.endswith(".csv") else f"{name}.csv"
    async with who.db.write_session() as session:
        token = await assistants.store_file(
            session,
            principal=who.principal,
            name=name,
            media_type="text/csv; charset=utf-8",
            content=content,
            now=utcnow(),
        )
    request = ctx.request_context.request
    origin = origin_of(str(request.url)) if isinstance(request, Request) else ""
    return _json(
        {
            "file": name,
            "rows": len(dataset.rows),
            "link": f"{origin}{files_path(who.principal.subdomain, token)}",
            "valid_for": "1 hour, for you only (send your bearer token)",
        }
    )


READS = ToolAnnotations(read_only_hint=True, destructive_hint=False, open_world_hint=False)
WRITES = ToolAnnotations(read_only_hint=False, destructive_hint=True, open_world_hint=False)
KEEPS = ToolAnnotations(read_only_hint=False, destructive_hint=False, open_world_hint=False)


def register(server: MCPServer) -> None:
    for tool in (api_discover, graphql_details, graphql_type, rest_details, retrieve_dataset):
        server.add_tool(tool, annotations=READS, structured_output=False)
    server.add_tool(graphql_query, annotations=KEEPS, structured_output=False)
    server.add_tool(create_csv_file, annotations=KEEPS, structured_output=False)
    server.add_tool(rest_query, annotations=WRITES, structured_output=False)
