"""Reading `clarus-api.json`: operations, their documented examples and response schemas, and
turning an example into a request that can run against a fresh tenant."""

from __future__ import annotations

import copy
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

SPEC_ENV = "CLARUS_REFERENCE_SPEC"
DEFAULT_SPEC = Path(__file__).parents[3] / "shared" / "spec" / "clarus-api.json"
ISSUE_3_TAGS = (
    "Products",
    "Products: Storage Units",
    "Products: Accounts",
    "Stock Unit Types",
    "Storage Unit Types",
    "Storage Units",
    "Accounts",
    "Account Warehouses",
    "Warehouses",
    "Sites",
    "Locations",
    "Location Types",
    "Customers",
    "Delivery Addresses",
    "Addresses",
    "Suppliers",
    "Carriers",
    "Carriers: Services",
    "Order Types",
    "Reason Codes",
    "Users",
    "Roles",
    "Subdomains",
    "Goods In: Receipts",
    "Goods Out: Orders",
)
_JSON_BLOCK = re.compile(r"```json[^\n]*\n(.*?)```", re.S)
_PATH_PARAMETER = re.compile(r"\{(\w+)\}")


def spec_path() -> Path:
    return Path(os.environ.get(SPEC_ENV, DEFAULT_SPEC))


@cache
def load_spec() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(spec_path().read_text())
    return document


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    path: str
    tag: str
    raw: dict[str, Any]

    @property
    def is_graphql(self) -> bool:
        return self.path.startswith("/graphql")

    def request_schema(self) -> dict[str, Any] | None:
        content = self.raw.get("requestBody", {}).get("content", {}).get("application/json")
        return resolve(content["schema"]) if content and "schema" in content else None

    def attributes_component(self) -> str | None:
        """The `$ref` of the documented `data.attributes`, when it names a shared component."""
        content = self.raw.get("requestBody", {}).get("content", {}).get("application/json")
        schema = (content or {}).get("schema", {})
        attributes = schema.get("properties", {}).get("data", {}).get("properties", {})
        reference = attributes.get("attributes", {}).get("$ref")
        return reference if isinstance(reference, str) else None

    def example_body(self) -> Any | None:
        content = self.raw.get("requestBody", {}).get("content", {}).get("application/json", {})
        if "example" in content:
            return copy.deepcopy(content["example"])
        for block in _JSON_BLOCK.findall(self.raw.get("x-mint", {}).get("content", "")):
            try:
                parsed = json.loads(block)
            except ValueError:
                continue
            if isinstance(parsed, dict) and ("data" in parsed or "ids" in parsed):
                return parsed
        return None

    def success(self) -> tuple[int, dict[str, Any] | None]:
        """The documented 2xx status and its JSON schema, if any."""
        for status, response in self.raw["responses"].items():
            if str(status).startswith("2"):
                response = resolve(response)
                content = response.get("content", {}).get("application/json", {})
                schema = resolve(content["schema"]) if "schema" in content else None
                return int(status), schema
        return 200, None


def path_parameters(path: str) -> list[str]:
    """The `{name}`s of a documented path, in order."""
    return _PATH_PARAMETER.findall(path)


def operations() -> Iterator[Operation]:
    for path, item in load_spec()["paths"].items():
        for method, raw in item.items():
            tag = (raw.get("tags") or [""])[0]
            yield Operation(
                raw.get("operationId", f"{method} {path}"), method.upper(), path, tag, raw
            )


def resolve(node: Any) -> Any:
    """The node with every `$ref` into the spec replaced by its target, recursively."""
    if isinstance(node, dict):
        if "$ref" in node:
            target: Any = load_spec()
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target[part]
            return resolve(target)
        return {key: resolve(value) for key, value in node.items()}
    if isinstance(node, list):
        return [resolve(value) for value in node]
    return node


def attributes_schema(schema: dict[str, Any] | None) -> dict[str, Any] | None:
    """`data.attributes` of a documented JSON:API request body."""
    if not schema:
        return None
    data = schema.get("properties", {}).get("data", {})
    attributes = data.get("properties", {}).get("attributes")
    return attributes if isinstance(attributes, dict) else None
