"""Conformance with the published Clarus API (`clarus-api.json`): every documented operation we
implement declares the documented request fields, accepts its documented example and answers in
the documented shape."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from openapi_schema_validator import OAS30Validator

from tests.conformance.examples import (
    RECEIVED_FIRST,
    REFERENCED_WITH,
    REST,
    ExamplePreparer,
    required_attributes,
)
from tests.conformance.ours import enum_of, our_attributes_schema
from tests.conformance.spec import (
    Operation,
    attributes_schema,
    operations,
    spec_path,
)
from tests.support import ApiClientFactory, Caller

pytestmark = pytest.mark.skipif(
    not spec_path().exists(), reason=f"reference spec not found at {spec_path()}"
)


WITH_ATTRIBUTES = [op for op in REST if attributes_schema(op.request_schema())]


@pytest.mark.parametrize(
    "operation", WITH_ATTRIBUTES, ids=[op.operation_id for op in WITH_ATTRIBUTES]
)
def test_declares_the_documented_request_fields(operation: Operation) -> None:
    documented = attributes_schema(operation.request_schema())
    assert documented is not None
    ours = our_attributes_schema(operation)
    assert ours is not None, "no request body declared"
    assert set(ours.get("required", [])) == _documented_required(operation, documented)
    our_properties = ours.get("properties", {})
    for name, documented_property in documented.get("properties", {}).items():
        assert name in our_properties, f"attribute {name} is not declared"
        documented_enum = enum_of(documented_property)
        if documented_enum is not None:
            ours_enum = enum_of(our_properties[name]) or set()
            assert ours_enum - OUR_ENUM_VALUES.get(name, set()) == documented_enum, name


OUR_ENUM_VALUES = {
    "resource_name": {"shipment", "booking", "load", "charge_basket"},
    "unit_of_measure": {"shipment", "package"},
}
"""Values we accept beyond the documented enum: automations on shipment events (issue 16's
"events for each state change": a shipment created, updated, submitted, failed, cancelled), and
for the same reason on dock bookings (created, updated, deleted) and loads (created, updated,
dispatched, deleted), whose events the outbox already carries; and on charge baskets closed
(issue 18's billing: a closed basket is ready to invoice); and a charge price per shipment handed
to its carrier and per package of it (issue 18's "per shipment or package")."""


DEFAULTED_BY_THE_TENANT = {
    "createGoodsOut": frozenset({"goods_out_type"}),
    "createUser": frozenset({"role_id"}),
}
"""Attributes the JSON marks required that have a per-tenant default, applied when a payload
leaves them out: the spec README's `default_goods_out_type`, and ours, the tenant's default role
(`default_role_id`; the table of `createUser` marks `role_id` optional)."""
REQUIRED_BY_THE_PROSE = {
    "createAutomation": frozenset({"conditions_changes", "actions_changes"}),
    "createShipment": frozenset({"goods_out_id"}),
}
"""Attributes the JSON schema leaves optional that the operation's own table (`x-mint`) marks
required: an automation is created with its conditions and actions (either may be empty); a
shipment with its goods out ("Key Fields": `goods_out_id` required)."""


def _documented_required(operation: Operation, documented: dict[str, Any]) -> set[str]:
    """The attributes a request must send. An update that reuses its create's attributes
    component (`ProductAttributes`, "for creating or updating") and whose documented example
    leaves required ones out is partial: the component's required flags are the create's,
    checked there. One whose example sends them all (`updateAccountWarehouse`) requires them."""
    required = set(documented.get("required", []))
    required -= DEFAULTED_BY_THE_TENANT.get(operation.operation_id, frozenset())
    required |= REQUIRED_BY_THE_PROSE.get(operation.operation_id, frozenset())
    if operation.method == "PATCH" and _creates_with_same_attributes(operation):
        example = operation.example_body() or {}
        sent = set(example.get("data", {}).get("attributes", {}))
        if not required <= sent:
            return set()
    return required


def _creates_with_same_attributes(update: Operation) -> bool:
    collection = update.path.rsplit("/{id}", 1)[0]
    creator = next(
        (op for op in operations() if op.method == "POST" and op.path == collection), None
    )
    component = update.attributes_component()
    return (
        creator is not None
        and component is not None
        and creator.attributes_component() == component
    )


NEEDS_EARLIER_WORK = {
    "exportReceiptTaskConfirmation": "its task must be a completed receive task:"
    " tests/inbound/test_receipt_confirmations.py receives one and exports it",
    "processPicksAsync": "its example names orders that need stock in their warehouse to be"
    " allocated and picked: tests/outbound/test_fulfilment.py receives stock and runs it",
    "processAndConsolidatePicks": "as processPicksAsync: tests/outbound/test_fulfilment.py",
    "shortOrderLines": "its example names orders that must first be part-allocated, of an"
    " account that may ship short: tests/outbound/test_allocation.py makes them and runs it",
    "uploadAutomationActionParameterAttachment": "a raw binary body named by Content-Disposition,"
    " not a JSON example: tests/webhooks/test_attachments.py uploads, replaces and refuses them",
    "destroyAutomationActionParameterAttachment": "needs an uploaded attachment first:"
    " tests/webhooks/test_attachments.py uploads one and removes it",
    "triggerReplenishment": "its location must be a pick face of the product (a pickface"
    " product) with reserve stock to take: tests/stockcontrol/test_replenishment.py sets them up",
    "resolveStockCheckRecords": "its ids must be failed records of a completed stock check, and"
    " its reason code one of type stock_check: tests/stockcontrol/test_stock_checks.py counts,"
    " completes and resolves them",
    "submitShipment": "its carrier must have an integration (a custom carrier type or an HTTP"
    " endpoint), which the carrier example has not: tests/shipping/test_custom_carrier.py and"
    " test_http_carrier.py submit shipments",
    "cancelShipment": "needs a submitted shipment: tests/shipping/test_custom_carrier.py submits"
    " one through the shipping worker and cancels it",
    "assignLoadTaskStorageUnit": "needs a LOAD task, which only picking an order of dispatch"
    " strategy load makes: tests/shipping/test_load_tasks.py picks, assigns, loads and unloads",
    "loadStorageUnit": "as assignLoadTaskStorageUnit (and a loading location):"
    " tests/shipping/test_load_tasks.py",
    "unloadStorageUnit": "needs a loaded LOAD task: tests/shipping/test_load_tasks.py",
}
"""Operations whose example can only succeed after work the example does not show (warehouse
work, an upload); their own tests set that up through the API."""


@dataclass(frozen=True)
class RefusedByDesign:
    """A documented example that asks for what Clarus does not have yet: it must get this
    refusal, and the example less the attribute at fault must succeed as `media_type`."""

    symbol: str
    attribute: str
    media_type: str
    pointer: str | None = None
    """Where the refusal points, when not at the attribute itself."""
    resent_with: Any = None
    """The attribute's value in the resent example; None: the attribute is left out."""


REFUSED_AS_DOCUMENTED = {"completeTasksCollection": "no_matching_tasks"}
"""Examples the contract itself says are refused in a fresh tenant: the bulk completion example
completes the PICK tasks of a location and product, and a new tenant has no tasks there (no
picking to make any yet); the contract answers "422 ... if no tasks match". Its success, for
put-away tasks, is tests/inbound/test_receiving.py's."""
REFUSED_BY_DESIGN = {
    "printStorageUnitPickLabel": RefusedByDesign(
        "cloud_print_unavailable", "cloud_print", "application/pdf"
    ),
    "printGoodsInReceiptStorageUnitLabels": RefusedByDesign(
        "cloud_print_unavailable", "cloud_print", "application/pdf"
    ),
}
"""The pick label example sends `cloud_print: true`, which needs a printer resource and a print
integration (PrintNode) that do not exist yet, so it is refused; without `cloud_print` the label
is the PDF the contract documents (tests/catalog/test_storage_unit_labels.py checks its pages)."""


@pytest.mark.parametrize("operation", REST, ids=[op.operation_id for op in REST])
async def test_the_documented_example_succeeds_in_the_documented_shape(
    clients: ApiClientFactory, operation: Operation
) -> None:
    if operation.operation_id in NEEDS_EARLIER_WORK:
        pytest.skip(NEEDS_EARLIER_WORK[operation.operation_id])
    caller = await clients.new()
    preparer = ExamplePreparer(caller, REFERENCED_WITH.get(operation.operation_id), clients.db)
    collection = operation.path.split("/{", 1)[0]
    path = await preparer.path(operation)
    body = await preparer.prepare(
        operation.example_body(), collection, required_attributes(operation)
    )
    if operation.method == "PATCH":
        body = await preparer.with_own_lines(path, body)
    if operation.operation_id in RECEIVED_FIRST:
        received = await caller.post(path.rsplit("/", 1)[0] + "/receive", None)
        assert received.status_code == 200, received.text
    response = await caller.http.request(
        operation.method, path, json=body, headers=caller.headers()
    )
    if operation.operation_id in REFUSED_AS_DOCUMENTED:
        assert response.status_code == 422, response.text
        [error] = response.json()["errors"]
        assert error["symbol"] == REFUSED_AS_DOCUMENTED[operation.operation_id]
        return
    refused_by_design = REFUSED_BY_DESIGN.get(operation.operation_id)
    if refused_by_design is not None:
        await _assert_refused_by_design(caller, operation, path, body, response, refused_by_design)
        return
    status, schema = operation.success()
    assert response.status_code == status, response.text
    if status == 204:
        assert response.content == b""
    elif schema:
        OAS30Validator(_nullable_as_meant(schema)).validate(response.json())


async def _assert_refused_by_design(
    caller: Caller,
    operation: Operation,
    path: str,
    body: Any,
    response: httpx.Response,
    expected: RefusedByDesign,
) -> None:
    pointer = expected.pointer or f"/data/attributes/{expected.attribute}"
    assert response.status_code == 422, response.text
    [error] = response.json()["errors"]
    assert (error["symbol"], error["context"]["pointer"]) == (expected.symbol, pointer)
    if expected.resent_with is None:
        del body["data"]["attributes"][expected.attribute]
    else:
        body["data"]["attributes"][expected.attribute] = expected.resent_with
    response = await caller.http.request(
        operation.method, path, json=body, headers=caller.headers()
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == expected.media_type


def _nullable_as_meant(node: Any) -> Any:
    """The spec means "null when unset" (its README) wherever it says `nullable`, but OpenAPI
    3.0.3 reads `nullable` beside `enum` as still excluding null unless the enum lists it, and
    does not carry it into an `allOf` (`carrier_id: {allOf: [CarrierId], nullable: true}`):
    null is allowed there."""
    if isinstance(node, list):
        return [_nullable_as_meant(value) for value in node]
    if not isinstance(node, dict):
        return node
    adjusted = {key: _nullable_as_meant(value) for key, value in node.items()}
    if adjusted.get("nullable"):
        if "enum" in adjusted and None not in adjusted["enum"]:
            adjusted["enum"] = [*adjusted["enum"], None]
        if "allOf" in adjusted:
            adjusted["allOf"] = [{**part, "nullable": True} for part in adjusted["allOf"]]
    return adjusted
