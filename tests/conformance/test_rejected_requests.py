"""Every create we implement refuses each kind of bad input the contract names, at the field's
pointer, and writes nothing: a required attribute left out, a blank string, an unknown
attribute, a datetime without a timezone, a value outside a documented enum, a country code that
is not ISO 3166-1, and a reference to another tenant's record.

The requests are the documented examples (made to succeed in a fresh tenant, as the conformance
test does) with one thing broken at a time, chosen from the documented schema, so a resource
added later is covered without writing its table by hand.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from clarus.core.db import Database
from tests.conformance.examples import (
    CREATED_WITH,
    LEFT_OUT,
    ExamplePreparer,
    required_attributes,
)
from tests.conformance.spec import Operation, attributes_schema, path_parameters, spec_path
from tests.conformance.test_spec_conformance import (
    DEFAULTED_BY_THE_TENANT,
    REQUIRED_BY_THE_PROSE,
    WITH_ATTRIBUTES,
)
from tests.support import ApiClientFactory, refused_errors

pytestmark = pytest.mark.skipif(
    not spec_path().exists(), reason=f"reference spec not found at {spec_path()}"
)

ATTRIBUTES = "/data/attributes"
ADDRESS_COUNTRY = "/data/relationships/address/data/attributes/country_code"
CREATES = [
    op
    for op in WITH_ATTRIBUTES
    if op.method == "POST" and not path_parameters(op.path) and op.example_body()
]


@dataclass(frozen=True)
class Breakage:
    """One thing wrong with an otherwise valid body, and the refusal it must get."""

    name: str
    apply: Callable[[dict[str, Any]], None]
    symbol: str
    pointer: str


def _attributes(body: dict[str, Any]) -> dict[str, Any]:
    attributes: dict[str, Any] = body["data"]["attributes"]
    return attributes


def _setting(name: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def apply(body: dict[str, Any]) -> None:
        _attributes(body)[name] = value

    return apply


def _dropping(name: str) -> Callable[[dict[str, Any]], None]:
    def apply(body: dict[str, Any]) -> None:
        _attributes(body).pop(name, None)

    return apply


def _with_address_country(body: dict[str, Any]) -> None:
    address = {"type": "addresses", "attributes": {"name": "Anyone", "country_code": "XX"}}
    body["data"]["relationships"] = {"address": {"data": address}}


def _first(properties: dict[str, Any], wanted: Callable[[str, dict[str, Any]], bool]) -> str | None:
    return next((name for name, schema in properties.items() if wanted(name, schema)), None)


def _is_plain_string(name: str, schema: dict[str, Any]) -> bool:
    return (
        schema.get("type") == "string"
        and "enum" not in schema
        and schema.get("format") not in ("date-time", "date")
        and not schema.get("readOnly")
        and "country" not in name
    )


def breakages(operation: Operation) -> Iterator[Breakage]:
    documented = attributes_schema(operation.request_schema()) or {}
    properties: dict[str, Any] = documented.get("properties", {})
    skipped = DEFAULTED_BY_THE_TENANT.get(operation.operation_id, frozenset())
    required = set(documented.get("required", [])) | REQUIRED_BY_THE_PROSE.get(
        operation.operation_id, frozenset()
    )
    for name in sorted(required - skipped):
        yield Breakage(f"missing {name}", _dropping(name), "missing_field", f"{ATTRIBUTES}/{name}")
    yield Breakage(
        "unknown attribute",
        _setting("no_such_attribute", 1),
        "unknown_attribute",
        f"{ATTRIBUTES}/no_such_attribute",
    )
    finds = {
        "blank": (_is_plain_string, "  ", "blank_value"),
        "naive datetime": (
            lambda _n, s: s.get("format") == "date-time",
            "2024-01-15T10:00:00",
            "timezone_required",
        ),
        "bad enum": (
            lambda _n, s: s.get("type") == "string" and "enum" in s,
            "not-a-documented-value",
            "invalid_enum_value",
        ),
        "bad country": (
            lambda n, s: "country" in n and s.get("type") == "string",
            "XX",
            "invalid_country_code",
        ),
    }
    for label, (wanted, value, symbol) in finds.items():
        name = _first(properties, wanted)
        if name is not None:
            yield Breakage(f"{label} {name}", _setting(name, value), symbol, f"{ATTRIBUTES}/{name}")
    relationships = (operation.request_schema() or {}).get("properties", {}).get("data", {})
    if "address" in relationships.get("properties", {}).get("relationships", {}).get(
        "properties", {}
    ):
        yield Breakage(
            "bad address country", _with_address_country, "invalid_country_code", ADDRESS_COUNTRY
        )


@pytest.mark.parametrize("operation", CREATES, ids=[op.operation_id for op in CREATES])
async def test_each_kind_of_bad_input_is_refused_at_its_pointer_and_writes_nothing(
    clients: ApiClientFactory, db: Database, operation: Operation
) -> None:
    caller = await clients.new()
    preparer = ExamplePreparer(caller)
    required = required_attributes(operation)
    valid = await preparer.prepare(operation.example_body(), operation.path, required)
    _attributes(valid).update(copy.deepcopy(CREATED_WITH.get(operation.path, {})))
    for breakage in breakages(operation):
        body = copy.deepcopy(valid)
        breakage.apply(body)
        errors = await refused_errors(caller, db, "POST", operation.path, body)
        found = [(e["symbol"], (e["context"] or {}).get("pointer")) for e in errors]
        assert (breakage.symbol, breakage.pointer) in found, (breakage.name, found)


@pytest.mark.parametrize("operation", CREATES, ids=[op.operation_id for op in CREATES])
async def test_another_tenants_records_are_refused_where_they_are_named(
    clients: ApiClientFactory, db: Database, operation: Operation
) -> None:
    caller, stranger = await clients.new(), await clients.new()
    required = required_attributes(operation)
    valid = await ExamplePreparer(caller).prepare(
        operation.example_body(), operation.path, required
    )
    theirs = ExamplePreparer(stranger)
    references = [
        name
        for name, value in _attributes(valid).items()
        if name.endswith("_id") and isinstance(value, int)
    ]
    if not references:
        pytest.skip(f"{operation.operation_id}'s example names no other record")
    for name in references:
        record_id = await theirs._reference(name, 1, frozenset())
        if record_id is LEFT_OUT:
            continue  # not a record of ours (`sequence_id`), or one we do not store yet
        body = copy.deepcopy(valid)
        _attributes(body)[name] = record_id
        errors = await refused_errors(caller, db, "POST", operation.path, body)
        found = [(e["symbol"], (e["context"] or {}).get("pointer")) for e in errors]
        assert ("reference_not_found", f"{ATTRIBUTES}/{name}") in found, (name, found)
