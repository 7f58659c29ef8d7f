"""Calls of the API made in-process as the acting user, and what the tools do with their
answers: the `first` cap of a GraphQL query, the rows of a connection, the records a write
named, CSV."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import httpx
from graphql import (
    ArgumentNode,
    DocumentNode,
    IntValueNode,
    OperationDefinitionNode,
    OperationType,
    VariableNode,
    Visitor,
    print_ast,
    visit,
)

from clarus.api.mcp.acting import Acting
from clarus.api.rest.deps import SUBDOMAIN_HEADER
from clarus.core.csv_records import csv_lines, inert_text
from clarus.core.json_types import JSONObject, JSONValue

IN_PROCESS_BASE_URL = "http://clarus.in-process"
DEFAULT_FIRST_CAP = 100


def in_process_client(who: Acting) -> httpx.AsyncClient:
    """An HTTP client of the Clarus application itself, answering as the acting user."""
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=who.as_user_app()),
        base_url=IN_PROCESS_BASE_URL,
        headers={SUBDOMAIN_HEADER: who.principal.subdomain},
    )


def writing_operations(document: DocumentNode) -> list[str]:
    """The operations of a document that are not queries (mutations, subscriptions)."""
    return [
        definition.operation.value
        for definition in document.definitions
        if isinstance(definition, OperationDefinitionNode)
        and definition.operation != OperationType.QUERY
    ]


class _FirstCap(Visitor):
    """Lowers every literal `first` above the cap to the cap; notes `first`'s variables."""

    def __init__(self, cap: int) -> None:
        super().__init__()
        self.cap = cap
        self.variables: set[str] = set()

    def enter_argument(self, node: ArgumentNode, *_args: object) -> ArgumentNode | None:
        if node.name.value != "first":
            return None
        if isinstance(node.value, VariableNode):
            self.variables.add(node.value.name.value)
        elif isinstance(node.value, IntValueNode) and int(node.value.value) > self.cap:
            return ArgumentNode(name=node.name, value=IntValueNode(value=str(self.cap)))
        return None


def capped(document: DocumentNode, variables: JSONObject, cap: int) -> tuple[str, JSONObject]:
    """The query text and variables with every page size `first` at most `cap`."""
    visitor = _FirstCap(cap)
    text = print_ast(visit(document, visitor))
    capped_variables = dict(variables)
    for name in visitor.variables:
        value = capped_variables.get(name)
        if isinstance(value, int) and value > cap:
            capped_variables[name] = cap
    return text, capped_variables


def connection_in(data: JSONValue) -> JSONObject | None:
    """The first connection (an object with `edges`) or list of objects in the answer."""
    if isinstance(data, dict):
        if isinstance(data.get("edges"), list):
            return data
        for value in data.values():
            if (found := connection_in(value)) is not None:
                return found
    if isinstance(data, list) and data and all(isinstance(item, dict) for item in data):
        return {"edges": [{"node": item} for item in data]}
    return None


def rows_of(connection: JSONObject) -> list[JSONValue]:
    edges = connection.get("edges")
    return [
        edge.get("node") if isinstance(edge, dict) and "node" in edge else edge
        for edge in (edges if isinstance(edges, list) else [])
    ]


ID_SEGMENT = re.compile(r"^\d+$")


def record_ids(path: str, answer: JSONValue) -> list[str]:
    """The records a write named in its path and those its answer holds (`data.id`)."""
    found = [segment for segment in path.split("?")[0].split("/") if ID_SEGMENT.match(segment)]
    data = answer.get("data") if isinstance(answer, dict) else None
    for record in data if isinstance(data, list) else [data]:
        if isinstance(record, dict) and record.get("id") is not None:
            found.append(str(record["id"]))
    return list(dict.fromkeys(found))[:100]


def projected(row: JSONValue, fields: list[str] | None) -> JSONValue:
    """The row with only `fields` (dotted paths reach into nested records: `account.code`)."""
    if not fields:
        return row
    return {name: _at(row, name) for name in fields}


def _at(row: JSONValue, dotted: str) -> JSONValue:
    found: JSONValue = row
    for part in dotted.split("."):
        found = found.get(part) if isinstance(found, dict) else None
    return found


def _flat(row: JSONValue, prefix: str = "") -> Iterator[tuple[str, JSONValue]]:
    if isinstance(row, dict):
        for key, value in row.items():
            yield from _flat(value, f"{prefix}{key}.")
    else:
        yield prefix.rstrip("."), row


def csv_text(rows: list[JSONValue], fields: list[str] | None) -> str:
    """RFC 4180 (CRLF line ends, quotes where needed) with a UTF-8 byte-order mark so that
    spreadsheets read it as UTF-8; nested records are flattened to dotted columns; a text a
    spreadsheet would run as a formula is prefixed with `'`."""
    flat = [dict(_flat(projected(row, fields))) for row in rows]
    columns = list(fields) if fields else list(dict.fromkeys(key for row in flat for key in row))
    records = [columns, *([_cell(row.get(column)) for column in columns] for row in flat)]
    return "\ufeff" + csv_lines(records)


def _cell(value: JSONValue | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return inert_text(json.dumps(value, ensure_ascii=False))
    if isinstance(value, str):
        return inert_text(value)
    return str(value)
